"""The sample-based GAN as a differentiable game: its field, Jacobian, noise and models."""

import zlib
from dataclasses import dataclass

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gamedyn as gd
from gamedyn.games.differentiable import numeric_gradient, numeric_jacobian
from gamedyn.gan.models import MLP, Affine, Quadratic, Rescaled, Standardized

LOSSES = ["non_saturating", "minimax", "maximum_likelihood"]


@dataclass(frozen=True)
class Cubic:
    """A user's discriminator written against the documented model protocol only:
    logit ``a0 + a1 x + a2 x^2 + a3 x^3`` (linear in its parameters, so it may also
    give ``features`` and get an exact game Jacobian)."""

    size: int = 4

    def init(self, rng, runs=()):
        return np.zeros(tuple(runs) + (4,))

    def forward(self, params, x):
        powers = np.stack([np.ones_like(x), x, x * x, x**3], axis=-1)
        return np.einsum("...bp,...p->...b", powers, params), powers

    def backward(self, params, cache, upstream, wrt="both"):
        powers = cache
        slope = np.einsum("...bp,...p->...b", powers[..., :3], params[..., 1:] * [1, 2, 3])
        grad = np.einsum("...b,...bp->...p", upstream, powers)
        return (grad if wrt != "input" else None, upstream * slope if wrt != "params" else None)

    def features(self, x):
        x = np.asarray(x, dtype=float)
        one, zero = np.ones_like(x), np.zeros_like(x)
        return (np.stack([one, x, x * x, x**3], -1), np.stack([zero, one, 2 * x, 3 * x * x], -1),
                np.stack([zero, zero, 2 * one, 6 * x], -1))

    def r1_features(self, x):
        return self.features(x)[1]

    def r1_gradient(self, params, x, gamma):
        rho = self.features(x)[1]
        slope = np.einsum("...bp,...p->...b", rho, params)
        penalty = 0.5 * gamma * np.mean(slope**2, axis=-1)
        return penalty, gamma * np.einsum("...b,...bp->...p", slope, rho) / x.shape[-1]


GENERATORS = [Affine(), Affine(log_scale=True), MLP(4, 1), MLP(3, 2), Rescaled(MLP(3, 1), 1.0, 2.0)]
DISCRIMINATORS = [Quadratic(), Standardized(Quadratic(), 0.5, 1.5), MLP(5, 1, output_scale=0.5),
                  Standardized(MLP(3, 1), -1.0, 0.5), Cubic()]


def random_state(game, rng, runs=(), spread=0.3):
    z = np.concatenate([game.generator.init(rng, runs), game.discriminator.init(rng, runs)],
                       axis=-1)
    return z + spread * rng.normal(size=z.shape)


def payoff_gradients(game, z):
    """``(grad_x u1, grad_y u2)`` by Richardson-extrapolated central differences."""
    grad1 = numeric_gradient(lambda v: game.payoffs(v)[0], z)[..., : game.n1]
    grad2 = numeric_gradient(lambda v: game.payoffs(v)[1], z)[..., game.n1:]
    return np.concatenate([grad1, grad2], axis=-1)


@pytest.mark.parametrize("r1", [0.0, 0.7])
@pytest.mark.parametrize("discriminator", DISCRIMINATORS, ids=repr)
@pytest.mark.parametrize("generator", GENERATORS, ids=repr)
def test_field_is_the_gradient_of_the_payoffs(generator, discriminator, r1):
    # the hand-derived field against finite differences of u_G and u_D, for every
    # generator x discriminator pair (a user's cubic one included), with and without R1
    rng = np.random.default_rng(zlib.crc32(f"{generator!r}{discriminator!r}".encode()))
    for loss in LOSSES:
        game = gd.gan.GANGame((0.5, 1.3), generator, discriminator, loss=loss, r1=r1,
                              eval_size=64, rng=1)
        z = random_state(game, rng, spread=0.2)
        np.testing.assert_allclose(game.field(z), payoff_gradients(game, z), rtol=1e-6,
                                   atol=1e-8)


@pytest.mark.parametrize("loss", LOSSES)
def test_payoffs_follow_the_sign_convention(loss):
    # at D = 1/2 everywhere: V = -log 4, u_D = V; u_G = -V = log 4 (minimax),
    # E log D = -log 2 (non-saturating), 1/2 E e^0 = 1/2 (maximum likelihood)
    game = gd.gan.GANGame((2.0, 0.5), loss=loss, rng=0)
    z = np.array([0.3, 1.7, 0.0, 0.0, 0.0])
    u_g, u_d = game.payoffs(z)
    assert u_d == pytest.approx(-np.log(4), abs=1e-12)
    expected = {"minimax": np.log(4), "non_saturating": -np.log(2), "maximum_likelihood": 0.5}
    assert u_g == pytest.approx(expected[loss], abs=1e-12)
    # the generator's ascent direction moves its mean towards the data (mean 2 > 0.3)
    # once the discriminator prefers large x (w1 > 0)
    assert game.field([0.3, 1.0, 0.0, 0.5, 0.0])[0] > 0


def test_sample_game_approaches_the_population_game():
    # law of large numbers: with 400,000 evaluation samples the sample-average field and
    # Jacobian are within a few standard errors of the exact (quadrature) ones
    pop = gd.gan.population_game((1.0, 0.5), r1=0.3)
    game = gd.gan.GANGame((1.0, 0.5), r1=0.3, eval_size=400_000, rng=3)
    z = np.array([0.3, 1.2, 0.1, -0.2, 0.05])
    np.testing.assert_allclose(game.field(z), pop.field(z), atol=5e-3)
    np.testing.assert_allclose(game.jacobian(z), pop.jacobian(z), atol=2e-2)


@pytest.mark.parametrize("r1", [0.0, 0.4])
@pytest.mark.parametrize("pair", [(Affine(), Quadratic()), (Affine(log_scale=True), Quadratic()),
                                  (Affine(), Standardized(Quadratic(), 1.0, 2.0)),
                                  (Affine(log_scale=True), Cubic())], ids=repr)
def test_exact_jacobian_matches_finite_differences_of_the_field(pair, r1):
    rng = np.random.default_rng(7)
    for loss in LOSSES:
        game = gd.gan.GANGame((-0.5, 0.8), *pair, loss=loss, r1=r1, batch_size=32, rng=2)
        assert game.has_exact_jacobian
        z = random_state(game, rng, (3,), spread=0.1)  # e^l of a cubic logit stays moderate
        np.testing.assert_allclose(game.jacobian(z), numeric_jacobian(game.field_unchecked, z),
                                   rtol=1e-6, atol=1e-8)
        # on a minibatch too: the Jacobian-vector products consensus and SGA need
        noise = game.draw(np.random.default_rng(0), (3,))
        exact = game.jacobian(z, noise)
        numeric = numeric_jacobian(lambda v, g=game, e=noise: g.field_unchecked(v, e), z)
        np.testing.assert_allclose(exact, numeric, rtol=1e-6, atol=1e-8)


def test_mlp_games_have_no_exact_jacobian_products_and_say_so():
    game = gd.gan.GANGame((0.0, 1.0), MLP(4, 1), MLP(4, 1), rng=0)
    z = random_state(game, np.random.default_rng(0))
    assert not game.has_exact_jacobian
    with pytest.raises(ValueError, match="no exact Jacobian.*consensus, SGA"):
        game.jacobian(z)
    with pytest.raises(ValueError, match="numeric_jacobian=True"):
        game.jacobian(z, game.draw(np.random.default_rng(0)))
    numeric = gd.gan.GANGame((0.0, 1.0), MLP(4, 1), MLP(4, 1), numeric_jacobian=True, rng=0)
    jac = numeric.jacobian(z)  # central differences on the evaluation batch
    np.testing.assert_allclose(jac, numeric_jacobian(numeric.field_unchecked, z))
    with pytest.raises(ValueError, match="no exact Jacobian"):
        numeric.jacobian(z, numeric.draw(np.random.default_rng(0)))


def test_partial_fields_batches_and_per_run_r1():
    rng = np.random.default_rng(5)
    r1 = np.array([0.0, 0.5, 2.0])
    game = gd.gan.GANGame((1.0, 2.0), MLP(4, 1), Standardized(MLP(3, 1), 1.0, 2.0), r1=r1,
                          batch_size=16, rng=0)
    z = random_state(game, rng, (3,))
    noise = game.draw(np.random.default_rng(1), (3,))
    full = game.field(z, noise)
    np.testing.assert_array_equal(game.partial_field(z, 1, noise), full[..., : game.n1])
    np.testing.assert_array_equal(game.partial_field(z, 2, noise), full[..., game.n1:])
    assert noise.real.shape == noise.latent.shape == (3, 16)
    for run in range(3):  # the stacked evaluation equals one game per run
        alone = gd.gan.GANGame((1.0, 2.0), game.generator, game.discriminator, r1=r1[run],
                               batch_size=16, rng=0)
        single = type(noise)(np.random.default_rng(0), (16,), game.target)
        object.__setattr__(single, "_real", noise.real[run])
        object.__setattr__(single, "_latent", noise.latent[run])
        np.testing.assert_allclose(alone.field(z[run], single), full[run], rtol=1e-12,
                                   atol=1e-14)
    with pytest.raises(ValueError, match="`player`"):
        game.partial_field(z, 3)
    with pytest.raises(ValueError, match="`r1` has shape \\(3,\\).*batch shape \\(\\)"):
        game.field(z[0])  # three R1 weights, one state


def test_noise_is_common_within_an_update_and_reproducible():
    game = gd.gan.GANGame((1.0, 2.0), rng=4)
    noise = game.draw(np.random.default_rng(9), (2,))
    z = random_state(game, np.random.default_rng(0), (2,))
    np.testing.assert_array_equal(game.field(z, noise), game.field(z, noise))
    again = game.draw(np.random.default_rng(9), (2,))
    np.testing.assert_array_equal(game.field(z, again), game.field(z, noise))
    other = game.draw(np.random.default_rng(10), (2,))
    assert not np.array_equal(game.field(z, other), game.field(z, noise))
    np.testing.assert_array_equal(gd.gan.GANGame((1.0, 2.0), rng=4).evaluation_batch[0],
                                  game.evaluation_batch[0])


def test_bad_models_and_settings_are_named():
    class NoBackward:
        size = 2

        def init(self, rng, runs=()):
            return np.zeros(tuple(runs) + (2,))

        def forward(self, params, x):
            return x, None

    with pytest.raises(TypeError, match="`generator`.*lacks backward"):
        gd.gan.GANGame(generator=NoBackward())
    with pytest.raises(ValueError, match="`loss`"):
        gd.gan.GANGame(loss="hinge")  # "wasserstein" is a loss since issue 14
    with pytest.raises(ValueError, match="`r1`"):
        gd.gan.GANGame(r1=-1.0)
    with pytest.raises(ValueError, match="`r1` > 0 needs a discriminator with r1_gradient"):
        gd.gan.GANGame(discriminator=Rescaled(MLP(3, 1), 0.0, 1.0), r1=0.1)
    with pytest.raises(ValueError, match="`batch_size`"):
        gd.gan.GANGame(batch_size=0)


@pytest.mark.parametrize("r1", [0.0, 0.3])
def test_population_game_has_the_maximum_likelihood_loss_too(r1):
    # exact field and Jacobian (against differences of the payoffs and of the field), the
    # same equilibrium and eigenvalues as the other losses (c(0) = 1/2 for all three), and
    # the sample game's field tends to it
    game = gd.gan.population_game((1.5, 0.6), loss="maximum_likelihood", r1=r1)
    z = game.equilibrium() + 0.3 * np.random.default_rng(0).normal(size=(4, 5))
    np.testing.assert_allclose(game.field(z), payoff_gradients(game, z), atol=1e-8)
    np.testing.assert_allclose(game.jacobian(z), numeric_jacobian(game.field_unchecked, z),
                               atol=1e-7)
    np.testing.assert_allclose(game.field(game.equilibrium()), 0.0, atol=1e-12)
    standard = gd.gan.population_game((1.5, 0.6), r1=r1)
    np.testing.assert_allclose(game.jacobian(game.equilibrium()),
                               standard.jacobian(standard.equilibrium()), atol=1e-12)
    sample = gd.gan.GANGame((1.5, 0.6), loss="maximum_likelihood", r1=r1, eval_size=400_000,
                            rng=5)
    np.testing.assert_allclose(sample.field(z[0]), game.field(z[0]), atol=1e-2)


@settings(max_examples=40, deadline=None)
@given(shift=st.floats(-1e3, 1e3), scale=st.floats(1e-3, 1e3),
       loss=st.sampled_from(LOSSES), r1=st.sampled_from([0.0, 0.8]))
def test_field_is_equivariant_under_moving_and_rescaling_the_data(shift, scale, loss, r1):
    # data x -> shift + scale x, generator (mu, s) -> (shift + scale mu, scale s), and a
    # discriminator that standardizes with the moved center and scale: the logits and
    # R1 (taken in the standardized input) are unchanged, so the discriminator's field is
    # the same and the generator's is divided by the scale (d/d(scale mu) = d/dmu / scale)
    base = gd.gan.GANGame((0.3, 1.2), Affine(), Standardized(Quadratic(), 0.3, 1.2), loss=loss,
                          r1=r1, batch_size=32, eval_size=32, rng=4)
    moved = gd.gan.GANGame((shift + scale * 0.3, scale * 1.2), Affine(),
                           Standardized(Quadratic(), shift + scale * 0.3, scale * 1.2),
                           loss=loss, r1=r1, batch_size=32, eval_size=32, rng=4)
    z = np.array([0.1, 0.9, 0.2, -0.3, 0.1])
    z_moved = np.concatenate([[shift + scale * z[0], scale * z[1]], z[2:]])
    for noise_base, noise_moved in ((None, None),
                                    (base.draw(np.random.default_rng(2)),
                                     moved.draw(np.random.default_rng(2)))):
        expected = base.field(z, noise_base)
        expected[:2] /= scale
        np.testing.assert_allclose(moved.field(z_moved, noise_moved), expected, rtol=1e-6,
                                   atol=1e-9 * (1 + np.abs(expected).max()))


@settings(max_examples=30, deadline=None)
@given(st.lists(st.integers(0, 2**63 - 1), min_size=2, max_size=2, unique=True))
def test_training_streams_of_any_two_seeds_are_unrelated(seeds):
    # the kind of the seed-offset bug: no stream of one seed repeats a stream of another
    from gamedyn.gan.train import _streams

    draws = [tuple(stream.integers(2**62, size=2)) for seed in seeds
             for stream in _streams(seed).values()]
    assert len(set(draws)) == len(draws)


def test_sample_game_equilibrium_in_closed_form_and_the_analyzer_on_it():
    # with w = 0 (D = 1/2) the generator's field vanishes, and the discriminator's is
    # E_real (1, x, x^2) - E_fake (1, x, x^2): zero iff the fake evaluation samples
    # mu + s eps have the real ones' mean and second moment, i.e.
    # s = std(x) / std(eps), mu = mean(x) - s mean(eps). The analyzer then reads the
    # sample game's Jacobian there: close to the population game's damped rotation.
    game = gd.gan.GANGame((0.0, 1.0), eval_size=20_000, rng=0)
    real, eps = game.evaluation_batch
    s = real.std() / eps.std()
    point = np.array([real.mean() - s * eps.mean(), s, 0.0, 0.0, 0.0])
    np.testing.assert_allclose(game.field(point), 0.0, atol=1e-12)
    report = gd.stability.analyze(game, point)
    assert report.kind == "attracting"
    expected = [-1, -0.5 - 0.5j, -0.5 + 0.5j, -0.25 - 1j * np.sqrt(3) / 4,
                -0.25 + 1j * np.sqrt(3) / 4]
    np.testing.assert_allclose(np.sort_complex(report.game_eigenvalues),
                               np.sort_complex(expected), atol=0.05)


def test_draw_takes_any_rng_and_names_bad_ones():
    game = gd.gan.GANGame((1.0, 2.0), batch_size=8, rng=0)
    np.testing.assert_array_equal(game.draw(3, (2,)).latent,
                                  game.draw(np.random.default_rng(3), (2,)).latent)
    with pytest.raises(TypeError, match="`rng`"):
        game.draw("seed")
