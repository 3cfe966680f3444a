"""The three generator costs, one vocabulary everywhere (issue 14, point 3).

Closed forms (Goodfellow 2016, NIPS tutorial, Section 3.2.3 and Figure 16; Goodfellow
2014, "On distinguishability criteria"), with ``D = sigmoid(l)``:

* ``J_G = log(1 - D)`` (minimax), ``-log D`` (non-saturating), ``-1/2 exp(sigma^-1(D)) =
  -1/2 D / (1 - D)`` (maximum likelihood); ``dJ_G/dD = -1/(1 - D)``, ``-1/D`` and
  ``-1/(2 (1 - D)^2)``, all ``-2`` at ``D = 1/2`` (all ``-1/2`` per unit of logit);
* at the optimal discriminator ``D* = p_data / (p_data + p_g)`` the generator's
  expected gradient is ``2 grad JSD(p_data || p_g)`` (minimax, Goodfellow et al. 2014,
  Theorem 1), ``grad [KL(p_g || p_data) - 2 JSD]`` (non-saturating; Arjovsky & Bottou
  2017, Theorem 2.5) and ``1/2 grad KL(p_data || p_g)`` (maximum likelihood: the
  expectation of ``p_data/p_g`` under ``p_g``'s derivative).
"""

import numpy as np
import pytest

import gamedyn as gd
from gamedyn.gan import losses

COSTS = gd.games.GENERATOR_COSTS


def test_one_set_of_names_for_every_gan():
    assert set(COSTS) == {"minimax", "non_saturating", "maximum_likelihood"}
    # the sample GAN takes the three costs (and, with a critic, "wasserstein")
    assert set(COSTS) <= set(losses.GAN_LOSSES) <= set(COSTS) | {"wasserstein"}
    assert set(COSTS) <= set(gd.games.DIRAC_LOSSES)
    for cost in COSTS:  # each builds the sample GAN, the population GAN and the Dirac-GAN
        gd.gan.GANGame((0.0, 1.0), loss=cost, batch_size=8, eval_size=8, rng=0)
        gd.gan.population_game((0.0, 1.0), loss=cost)
        gd.games.dirac_gan(cost)
    for build in (lambda: gd.gan.population_game(loss="hinge"),
                  lambda: gd.games.dirac_gan("hinge"),
                  lambda: losses.generator_loss(np.zeros((1, 3)), "hinge"),
                  lambda: losses.generator_payoff_gradient(np.zeros((1, 3)), "hinge")):
        with pytest.raises(ValueError, match="`loss` must be one of"):
            build()


def test_old_spelling_is_a_deprecated_alias():
    with pytest.warns(DeprecationWarning, match="'minimax'"):
        old = gd.games.dirac_gan("standard")
    np.testing.assert_array_equal(old.field([0.3, 0.4]),
                                  gd.games.dirac_gan("minimax").field([0.3, 0.4]))


def derivative(fn, x, h=1e-3):
    """Five-point central differences of an elementwise function (error ~ h^4)."""
    return (-fn(x + 2 * h) + 8 * fn(x + h) - 8 * fn(x - h) + fn(x - 2 * h)) / (12 * h)


@pytest.mark.parametrize("cost", COSTS)
def test_cost_gradients_equal_finite_differences(cost):
    # J_G is the batch mean of a per-sample cost j(l): dJ_G/dl_i = j'(l_i) / n
    logits = np.random.default_rng(3).normal(size=(2, 5)) * 2
    n = logits.shape[-1]

    def per_sample(x):
        return losses.generator_loss(x[..., None], cost)

    np.testing.assert_allclose(losses.generator_loss_gradient(logits, cost) * n,
                               derivative(per_sample, logits), rtol=1e-8)
    np.testing.assert_allclose(losses.generator_loss(logits, cost),
                               per_sample(logits).mean(-1), rtol=1e-14)
    c, dc = losses.generator_coefficient(logits, cost)
    np.testing.assert_allclose(c, losses.generator_payoff_gradient(logits, cost) * n,
                               rtol=1e-13)
    np.testing.assert_allclose(dc, derivative(
        lambda x: losses.generator_coefficient(x, cost)[0], logits), rtol=1e-8)


@pytest.mark.parametrize("d", [0.05, 0.3, 0.5, 0.8, 0.97])
def test_costs_and_their_slopes_against_d_match_the_tutorial(d):
    logit = np.log(d / (1 - d)) * np.ones((1, 1))
    closed = {"minimax": (np.log(1 - d), -1 / (1 - d)),
              "non_saturating": (-np.log(d), -1 / d),
              "maximum_likelihood": (-0.5 * d / (1 - d), -0.5 / (1 - d) ** 2)}
    for cost, (value, slope) in closed.items():
        assert losses.generator_loss(logit, cost)[0] == pytest.approx(value, rel=1e-12)
        # dJ/dD = dJ/dl * dl/dD, dl/dD = 1 / (D (1 - D))
        per_logit = losses.generator_loss_gradient(logit, cost)[0, 0]
        assert per_logit / (d * (1 - d)) == pytest.approx(slope, rel=1e-12)
        if d == 0.5:
            assert per_logit == pytest.approx(-0.5, rel=1e-15)


def _optimal_discriminator(m, t, mu, s):
    """Coefficients w of the logit w0 + w1 x + w2 x^2 = log p_data(x) - log p_g(x)."""
    a, b = 1 / (2 * t**2), 1 / (2 * s**2)
    return np.array([np.log(s / t) - a * m**2 + b * mu**2, 2 * a * m - 2 * b * mu, b - a])


@pytest.mark.parametrize("mu, s", [(0.7, 1.3), (-0.4, 0.8), (1.5, 1.0)])
def test_expected_gradients_at_the_optimal_discriminator_are_divergence_gradients(mu, s):
    m, t = 0.2, 1.1
    point = np.concatenate([[mu, s], _optimal_discriminator(m, t, mu, s)])

    def kl(mean1, std1, mean2, std2):  # KL(N(mean1, std1^2) || N(mean2, std2^2))
        return np.log(std2 / std1) + (std1**2 + (mean1 - mean2) ** 2) / (2 * std2**2) - 0.5

    def grad(fn):  # central differences in (mu, s)
        h = 1e-5
        return np.array([(fn(mu + h, s) - fn(mu - h, s)) / (2 * h),
                         (fn(mu, s + h) - fn(mu, s - h)) / (2 * h)])

    def jsd(a, b):
        return gd.gan.jsd(gd.gan.gaussian(m, t), gd.gan.gaussian(a, b))

    expected = {  # the generator's field is minus the gradient of its cost
        "minimax": -2 * grad(jsd),
        "non_saturating": -(grad(lambda a, b: kl(a, b, m, t)) - 2 * grad(jsd)),
        "maximum_likelihood": -0.5 * grad(lambda a, b: kl(m, t, a, b)),
    }
    for cost, value in expected.items():
        game = gd.gan.population_game((m, t), loss=cost, quadrature=200)
        np.testing.assert_allclose(game.field(point)[:2], value, rtol=1e-6, atol=1e-9)


def test_dirac_gan_maximum_likelihood_closed_form():
    # u_G = 1/2 exp(sigma^-1(D(G))) with D's logit -psi theta: field -psi/2 exp(-psi theta);
    # the discriminator is the minimax one
    theta, psi = np.random.default_rng(6).normal(size=(2, 6))
    z = np.stack([theta, psi], -1)
    game = gd.games.dirac_gan("maximum_likelihood")
    from scipy.special import expit

    expected = np.stack([-0.5 * psi * np.exp(-psi * theta), theta * expit(-psi * theta)], -1)
    np.testing.assert_allclose(game.field(z), expected, rtol=1e-13)
    np.testing.assert_allclose(game.payoffs(z)[0], 0.5 * np.exp(-psi * theta), rtol=1e-13)
    # at the equilibrium the three costs give the same Jacobian [[0, -1/2], [1/2, 0]]
    for cost in COSTS:
        np.testing.assert_allclose(gd.games.dirac_gan(cost).jacobian([0.0, 0.0]),
                                   [[0, -0.5], [0.5, 0]], atol=1e-15)
