"""Mixed equilibria of GANs: the finite game, its closed forms, double oracle and the
parameter game whose gradient play cycles."""

import numpy as np
import pytest

import gamedyn as gd
from gamedyn.games.differentiable import numeric_jacobian

TWO_MODES = gd.gan.Mixture([0.5, 0.5], [-2.0, 2.0], [0.5, 0.5])
MEANS = np.linspace(-4, 4, 33)  # step 1/4: contains both modes
GENERATORS = np.c_[MEANS, np.full(len(MEANS), 0.5)]
CRITICS = gd.gan.bump_critics(np.linspace(-4, 4, 17), width=1.0)


def _bump_expectation(m, s, c, h):
    """Closed form: E_{N(m, s^2)} exp(-(x - c)^2 / (2 h^2)) = h / sqrt(v) exp(-(m-c)^2/(2v)),
    v = h^2 + s^2 (the Gaussian convolution)."""
    v = h**2 + s**2
    return h / np.sqrt(v) * np.exp(-(m - c) ** 2 / (2 * v))


def test_wasserstein_values_match_the_closed_form():
    V = gd.gan.finite_values(TWO_MODES, GENERATORS, CRITICS)
    a, c, h = CRITICS[:, 0], CRITICS[:, 1], CRITICS[:, 2]
    data = 0.5 * _bump_expectation(-2.0, 0.5, c, h) + 0.5 * _bump_expectation(2.0, 0.5, c, h)
    fake = _bump_expectation(MEANS[:, None], 0.5, c[None], h[None])
    np.testing.assert_allclose(V, a * (data[None] - fake), atol=1e-13)


def test_quadratic_family_moments_and_the_constant_discriminator():
    """Wasserstein with f = w0 + w1 x + w2 x^2: V = w1 (E x - mu) + w2 (E x^2 - mu^2 - s^2),
    exact moments of N(1, 2^2): E x = 1, E x^2 = 5. Minimax with f = 0 (D = 1/2): -log 4
    for every generator (Goodfellow et al. 2014, Theorem 1's value)."""
    gens = np.array([[0.0, 1.0], [3.0, 0.5]])
    discs = np.array([[0.7, 1.0, 0.0], [0.0, 0.0, 1.0], [0.0, -2.0, 0.5]])
    V = gd.gan.finite_values((1.0, 2.0), gens, discs, family="quadratic")
    mu, s = gens[:, :1], gens[:, 1:]
    expected = discs[:, 1] * (1 - mu) + discs[:, 2] * (5 - mu**2 - s**2)
    np.testing.assert_allclose(V, expected, atol=1e-12)
    V = gd.gan.finite_values(TWO_MODES, GENERATORS, [[0.0, 0.0, 0.0]], loss="minimax",
                             family="quadratic")
    np.testing.assert_allclose(V, -np.log(4), atol=1e-14)


def test_minimax_quadratic_values_agree_with_population_game():
    """The same V through population_game's payoff (the discriminator's u2 = V, r1 = 0)."""
    game = gd.gan.population_game((0.5, 1.5), loss="minimax")
    gens = np.array([[0.0, 1.0], [1.0, 0.7]])
    discs = np.array([[0.1, -0.3, 0.05], [0.0, 0.2, -0.1]])
    V = gd.gan.finite_values((0.5, 1.5), gens, discs, loss="minimax", family="quadratic")
    for i, g in enumerate(gens):
        for j, w in enumerate(discs):
            assert V[i, j] == pytest.approx(float(game.payoffs(np.r_[g, w])[1]), abs=1e-12)


def test_two_generators_are_the_mixed_equilibrium_and_no_pure_one_exists():
    """Arora et al. (2017), Section 4: the mixture 1/2 N(-2, 1/4) + 1/2 N(2, 1/4) IS the
    target, so it earns V = 0 against every critic; critics come in +- pairs, so no
    generator mixture earns less: V* = 0 exactly, and with bump critics on a grid the
    mixture is the only one (the critics identify the mixing weights). No single
    Gaussian is the target, so some critic tells it apart: the generator's pure security
    level min_i max_j V is positive (0.446 here), above the value -- no pure equilibrium
    (Farnia & Ozdaglar 2020 on GANs without pure equilibria)."""
    game = gd.gan.finite_game(TWO_MODES, GENERATORS, CRITICS)
    assert game.is_zero_sum and game.row_labels[8] == "N(-2, 0.5^2)"
    solution = gd.equilibria.zero_sum(game)
    assert -solution.value == pytest.approx(0.0, abs=1e-9)
    expected = np.zeros(len(MEANS))
    expected[[8, 24]] = 0.5  # means -2 and 2
    np.testing.assert_allclose(solution.p, expected, atol=1e-7)
    V = -game.A
    assert V.max(axis=1).min() > 0.4
    assert len(gd.equilibria.pure_nash(game)) == 0


def test_double_oracle_trains_the_generator_mixture_below_the_bound():
    """Oliehoek et al. (2018): grow the generator and discriminator sets by best responses
    until the restricted equilibrium's exploitability is below the bound (1e-9 of the
    payoff range); the mixture then has the target's density (L1 distance ~ 0)."""
    game = gd.gan.finite_game(TWO_MODES, GENERATORS, CRITICS)
    result = gd.equilibria.double_oracle(game, tol=1e-9)
    assert result.success and result.exploitability[-1] <= 1e-9 * np.ptp(game.A)
    assert gd.equilibria.exploitability(game, result.p, result.q) <= 1e-9 * np.ptp(game.A)
    mixture = gd.gan.generator_mixture(GENERATORS, result.p, tol=1e-9)
    x = np.linspace(-6, 6, 2001)
    gap = np.sum(np.abs(mixture.pdf(x) - TWO_MODES.pdf(x))) * (x[1] - x[0])
    assert gap < 1e-6
    assert len(result.rows) < len(MEANS)  # it never needed the whole class


def test_fictitious_play_on_the_finite_game():
    """Robinson (1951): fictitious play's empirical frequencies converge in zero-sum games;
    after 20,000 rounds the generator mixture's exploitability is below 0.01."""
    game = gd.gan.finite_game(TWO_MODES, GENERATORS, CRITICS)
    m, n = game.shape
    start = np.r_[np.eye(m)[16], np.eye(n)[0]]  # the generator at mean 0, the zero critic
    traj = gd.simulate(game, "fictitious_play", start, 20_000, save_every=20_000)
    assert gd.equilibria.exploitability(game, traj.final[:m], traj.final[m:]) < 0.01


def test_best_response_play_hops_between_the_modes():
    game = gd.gan.finite_game(TWO_MODES, GENERATORS, CRITICS)
    m, n = game.shape
    traj = gd.simulate(game, "best_response", np.r_[np.eye(m)[24], np.eye(n)[0]], 12)
    means = MEANS[traj.states[:, :m].argmax(axis=-1)]
    assert (means < -1).sum() >= 4 and (means > 1).sum() >= 4


@pytest.mark.parametrize("seed", range(3))
def test_double_oracle_agrees_with_the_lp(seed):
    game = gd.BimatrixGame(np.random.default_rng(seed).normal(size=(7, 9)))
    result = gd.equilibria.double_oracle(game, tol=0.0)
    assert result.value == pytest.approx(gd.equilibria.zero_sum(game).value, abs=1e-9)
    assert gd.equilibria.exploitability(game, result.p, result.q) < 1e-9


def test_double_oracle_refuses_general_sum_games():
    with pytest.raises(ValueError, match="zero-sum"):
        gd.equilibria.double_oracle(gd.games.stag_hunt())
    with pytest.raises(ValueError, match="start"):
        gd.equilibria.double_oracle(gd.games.matching_pennies(), start=(5, 0))


def test_bump_game_field_is_the_gradient_of_the_payoffs():
    """The hand-derived field against central differences of u1 and u2."""
    game = gd.gan.bump_game(TWO_MODES, std=0.5, width=1.0)
    rng = np.random.default_rng(0)
    for z in rng.normal(size=(5, 3)) * [2.0, 1.0, 2.0]:
        grad1 = numeric_jacobian(lambda w: game.payoffs(w)[0][..., None], z)[0, 0]
        grad2 = numeric_jacobian(lambda w: game.payoffs(w)[1][..., None], z)[0, 1:]
        np.testing.assert_allclose(game.field(z), np.r_[grad1, grad2], atol=1e-8)


def test_gradient_play_on_the_parameters_cycles_between_the_modes():
    """Simultaneous gradient play on (mu; alpha, c) with a fast generator (lr = (0.5,
    0.05)) never settles: from three starts the mean keeps crossing 0 and reaches past
    both modes in the last 20,000 rounds (the mode hopping of the pure class)."""
    game = gd.gan.bump_game(TWO_MODES, std=0.5, width=1.0)
    starts = np.array([[0.3, 0.1, 0.0], [-1.0, 0.0, 1.0], [2.0, -0.5, 0.0]])
    traj = gd.simulate(game, gd.dynamics.Simultaneous((0.5, 0.05)), starts, 40_000,
                       save_every=10)
    late = traj.states[-2000:, :, 0]
    crossings = np.sum(np.diff(np.sign(late), axis=0) != 0, axis=0)
    assert np.all(crossings >= 10)
    assert np.all(late.min(axis=0) < -1.9) and np.all(late.max(axis=0) > 1.9)
    assert np.all(traj.status == "running")


def test_generator_mixture_and_bad_input():
    mixture = gd.gan.generator_mixture(GENERATORS[[8, 24]], [0.5, 0.5])
    x = np.linspace(-5, 5, 11)
    np.testing.assert_allclose(mixture.pdf(x), TWO_MODES.pdf(x), atol=1e-15)
    with pytest.raises(ValueError, match="generators"):
        gd.gan.finite_game(TWO_MODES, [[0.0, -1.0]], CRITICS)
    with pytest.raises(ValueError, match="discriminators"):
        gd.gan.finite_game(TWO_MODES, GENERATORS, [[1.0, 0.0]])
    with pytest.raises(ValueError, match="loss"):
        gd.gan.finite_game(TWO_MODES, GENERATORS, CRITICS, loss="non_saturating")
    with pytest.raises(ValueError, match="weights"):
        gd.gan.generator_mixture(GENERATORS[:2], [0.7, 0.7])
