"""No-regret learning dynamics: published behaviour, closed forms and exact linearizations.

Every expectation comes from a paper or a hand derivation (cited per test), never from
running the code under test first.
"""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gamedyn as gd
from gamedyn.dynamics import (
    FTRL,
    Hedge,
    OptimisticHedge,
    RegretMatching,
    RegretMatchingPlus,
    Replicator,
    ReplicatorMutator,
    StochasticFictitiousPlay,
    project_simplex,
)
from gamedyn.games.differentiable import numeric_jacobian

MP = gd.games.matching_pennies()
RPS = gd.games.rock_paper_scissors()


def _uniform(game):
    m, n = game.shape
    return np.r_[np.full(m, 1 / m), np.full(n, 1 / n)]


def _interior_starts(game, count, seed):
    rng = np.random.default_rng(seed)
    m, n = game.shape
    return np.concatenate([rng.dirichlet(np.full(m, 4.0), count),
                           rng.dirichlet(np.full(n, 4.0), count)], axis=-1)


def _kl(star, z):
    return np.sum(star * np.log(star / z), axis=-1)


def _exploitability_of(game, z):
    m = game.shape[0]
    return gd.equilibria.exploitability(game, z[..., :m], z[..., m:])


# ----------------------------------------------------------------------------- Hedge
@pytest.mark.parametrize("game", [MP, RPS, gd.BimatrixGame([[3, -1], [-2, 1]])],
                         ids=["mp", "rps", "2x2"])
def test_hedge_moves_away_from_the_interior_equilibrium_in_kl(game):
    """Bailey & Piliouras (2018), "Multiplicative weights update in zero-sum games",
    EC'18, Theorem 1: in a zero-sum game with an interior equilibrium (p*, q*), MWU with
    a constant step strictly increases KL(p* | p_t) + KL(q* | q_t) every round. The
    3rd game's equilibrium is interior: p* = (3/7, 4/7), q* = (2/7, 5/7) (indifference)."""
    solution = gd.equilibria.zero_sum(game)
    star = np.r_[solution.p, solution.q]
    assert np.all(star > 0)
    traj = gd.simulate(game, Hedge(lr=0.05), _interior_starts(game, 16, 1), 400)
    kl = _kl(star, traj.states)  # (401, 16)
    assert np.all(np.diff(kl, axis=0) > 0)


def test_hedge_2x2_equilibrium_matches_indifference():
    """Hand: (3, -1; -2, 1): q makes rows indifferent, 3q - (1-q) = -2q + (1-q) -> q = 2/7."""
    solution = gd.equilibria.zero_sum(gd.BimatrixGame([[3, -1], [-2, 1]]))
    assert np.allclose(solution.q, [2 / 7, 5 / 7]) and np.allclose(solution.p, [3 / 7, 4 / 7])


@pytest.mark.parametrize("game", [MP, RPS], ids=["mp", "rps"])
def test_hedge_time_average_converges_while_last_iterate_does_not(game):
    """Freund & Schapire (1999), Section 2: the time average of Hedge has average regret
    O(log m / (lr T) + lr), so its exploitability falls (here below 0.025 by T = 1e4 at
    lr = 0.1); the last iterate stays far from the equilibrium (Bailey & Piliouras 2018)."""
    m = game.shape[0]
    start = _uniform(game) + np.r_[0.2, -0.2, np.zeros(len(_uniform(game)) - 2)]
    traj = gd.simulate(game, Hedge(lr=0.1), start, 10_000)
    average = traj.average()
    early, late = _exploitability_of(game, average[1000]), _exploitability_of(game,
                                                                             average[-1])
    assert late < 0.025 and late < early
    assert np.abs(traj.final[:m] - 1 / m).max() > 0.3


def test_hedge_equals_the_multiplicative_form_and_entropic_ftrl():
    """Unrolling p_{t+1} ∝ p_t exp(lr A q_t) gives p_t ∝ p_0 exp(lr sum_s A q_s), FTRL with
    the entropy relative to p_0: the three must agree round for round (the multiplicative
    form is Replicator's exponential step with dt = lr)."""
    starts = _interior_starts(RPS, 5, 3)
    hedge = gd.simulate(RPS, Hedge(lr=0.2), starts, 300)
    multiplicative = gd.simulate(RPS, Replicator(dt=0.2), starts, 300, tol=0)
    ftrl = gd.simulate(RPS, FTRL("entropic", lr=0.2), starts, 300)
    np.testing.assert_allclose(hedge.states, multiplicative.states, atol=1e-10)
    np.testing.assert_allclose(hedge.states, ftrl.states, atol=1e-12)


def test_hedge_per_player_rates():
    """lr = (eta1, eta2): player 1's first step is p_0 exp(eta1 A q_0) normalized (by hand)."""
    z0 = np.array([0.5, 0.5, 0.9, 0.1])
    run = gd.simulate(MP, Hedge(lr=(0.3, 0.7)), z0, 1)
    a = MP.A @ z0[2:]
    expected_p = np.exp(0.3 * a) / np.exp(0.3 * a).sum()
    b = z0[:2] @ MP.B
    expected_q = z0[2:] * np.exp(0.7 * b) / (z0[2:] * np.exp(0.7 * b)).sum()
    np.testing.assert_allclose(run.final, np.r_[expected_p, expected_q], atol=1e-14)


def test_hedge_share_that_underflows_comes_back():
    """Hedge keeps cumulative regrets, so after 60,000 rounds of matching pennies (shares
    far below 1e-300 at times) the iterate still moves: no share is locked at 0."""
    traj = gd.simulate(MP, Hedge(lr=0.5), [0.6, 0.4, 0.5, 0.5], 60_000, save_every=100)
    assert str(traj.status) == "running"
    p = traj.states[-200:, 0]
    assert p.max() > 0.99 and p.min() < 0.01


# ----------------------------------------------------------------------------- optimism
@pytest.mark.parametrize("game", [MP, RPS], ids=["mp", "rps"])
def test_optimistic_hedge_converges_in_the_last_iterate(game):
    """Daskalakis & Panageas (2019), "Last-iterate convergence: zero-sum games and
    constrained min-max optimization", Theorem 1.1: with a small constant step optimistic
    MWU converges in the last iterate to the unique equilibrium of a zero-sum game."""
    traj = gd.simulate(game, OptimisticHedge(lr=0.2), _interior_starts(game, 8, 5), 6000)
    gaps = _exploitability_of(game, traj.final)
    assert np.all(gaps < 1e-9)
    hedge = gd.simulate(game, Hedge(lr=0.2), _interior_starts(game, 8, 5), 6000)
    assert np.all(_exploitability_of(game, hedge.final) > 0.5)


def test_optimistic_hedge_is_the_two_step_multiplicative_form():
    """From round 2 on, p_{t+1} ∝ p_t exp(lr (2 A q_t - A q_{t-1})) (Daskalakis & Panageas
    2019, eq. (OMWU)); here written out by hand and compared for 200 rounds."""
    z0 = np.array([0.7, 0.2, 0.1, 0.2, 0.3, 0.5])
    lr = 0.15
    traj = gd.simulate(RPS, OptimisticHedge(lr=lr), z0, 200)
    z = traj.states
    for t in range(1, 200):
        p, q = z[t, :3], z[t, 3:]
        pp, qp = z[t - 1, :3], z[t - 1, 3:]
        p_new = p * np.exp(lr * (2 * RPS.A @ q - RPS.A @ qp))
        q_new = q * np.exp(lr * (2 * p @ RPS.B - pp @ RPS.B))
        np.testing.assert_allclose(z[t + 1], np.r_[p_new / p_new.sum(), q_new / q_new.sum()],
                                   atol=1e-12)


# ----------------------------------------------------------------------------- regrets
def _random_zero_sum(seed, shape=(3, 4)):
    return gd.BimatrixGame(np.random.default_rng(seed).integers(-5, 6, size=shape))


@pytest.mark.parametrize("method", [RegretMatching(), RegretMatchingPlus()],
                         ids=["rm", "rm+"])
@pytest.mark.parametrize("game", [RPS, _random_zero_sum(0), _random_zero_sum(1)],
                         ids=["rps", "zs0", "zs1"])
def test_regret_matching_time_average_approaches_the_equilibrium(method, game):
    """Hart & Mas-Colell (2000), Section 4; Cesa-Bianchi & Lugosi (2006), Section 7.2:
    regret matching has average regret O(1 / sqrt(T)), so in a zero-sum game the
    time-averaged strategies have exploitability O(1 / sqrt(T)) and the value of the
    average profile tends to the value (computed independently by LP, zero_sum)."""
    m = game.shape[0]
    starts = _interior_starts(game, 4, 7)
    traj = gd.simulate(game, method, starts, 10_000, save_every=10)
    average = traj.average()[-1]
    relative = gd.equilibria.exploitability(game, average[:, :m], average[:, m:],
                                            relative=True)
    assert np.all(relative < 0.02)
    value = gd.equilibria.zero_sum(game).value
    payoff = np.einsum("bi,ij,bj->b", average[:, :m], game.A, average[:, m:])
    spread = np.ptp(game.A)
    assert np.all(np.abs(payoff - value) < 0.02 * spread)


def test_regret_matching_average_regret_bound():
    """Cesa-Bianchi & Lugosi (2006), Corollary 2.1 (the quadratic potential, which is
    regret matching): max_i R_{T,i} <= range * sqrt(T (k - 1)) for k actions and payoffs
    in an interval of length `range`."""
    game = gd.BimatrixGame(np.random.default_rng(4).normal(size=(4, 5)),
                           np.random.default_rng(5).normal(size=(4, 5)))
    T = 3000
    traj = gd.simulate(game, RegretMatching(), _interior_starts(game, 6, 8), T)
    regrets = traj.final_state.regrets
    assert np.all(regrets[:, :4].max(axis=-1) <= np.ptp(game.A) * np.sqrt(T * 3))
    assert np.all(regrets[:, 4:].max(axis=-1) <= np.ptp(game.B) * np.sqrt(T * 4))


def test_regret_matching_hand_rounds():
    """By hand on RPS from (Rock, Paper): r_p = A q - p A q = (-1, 0, 1) - (-1) = (0, 1, 2),
    so p_1 = (0, 1/3, 2/3); player 2 won: r_q = p B - p B q = (0, 1, -1) - 1 = (-1, 0, -2),
    no positive regret, so q_1 is uniform."""
    run = gd.simulate(RPS, RegretMatching(), [1, 0, 0, 0, 1, 0], 1)
    np.testing.assert_allclose(run.final, [0, 1 / 3, 2 / 3, 1 / 3, 1 / 3, 1 / 3], atol=1e-15)
    np.testing.assert_allclose(run.final_state.regrets, [0, 1, 2, -1, 0, -2])
    assert run.final_state.joint.reshape(3, 3)[0, 1] == 1.0


def test_regret_matching_plus_clips():
    """RM+ (Tammelin 2014): R = max(R + r, 0); from (Rock, Paper) in RPS the regrets of
    round 1 are (0, 1, 2) for p, then r at (0, 1/3, 2/3) vs q_1 = (1/3, 0, 2/3) by hand:
    A q_1 = (2/3, -1/3, -1/3) ... so R_p = max((0,1,2) + r, 0) >= 0 always."""
    run = gd.simulate(RPS, RegretMatchingPlus(), _interior_starts(RPS, 5, 2), 50)
    assert np.all(run.final_state.regrets >= 0)


@pytest.mark.parametrize("game", [gd.games.chicken(), gd.games.shapley(),
                                  gd.BimatrixGame(np.random.default_rng(9).normal(size=(3, 3)),
                                                  np.random.default_rng(10).normal(
                                                      size=(3, 3)))],
                         ids=["chicken", "shapley", "random"])
def test_sampled_regret_matching_play_approaches_coarse_correlated_equilibria(game):
    """Hart & Mas-Colell (2000), Section 4(c) (unconditional regrets; Hannan 1957): when
    every player's average regret vanishes, the empirical joint distribution of the PLAYED
    pure actions approaches the set of coarse correlated equilibria. Actions are drawn
    with rng; the CCE gap of joint / t falls with t (8 runs at once)."""
    starts = np.tile(_uniform(game), (8, 1))
    short = gd.simulate(game, RegretMatching(sampled=True), starts, 300, rng=1)
    traj = gd.simulate(game, RegretMatching(sampled=True), starts, 20_000, rng=1,
                       save_every=1000)
    state = traj.final_state
    joint = state.joint / state.t
    assert np.allclose(joint.sum(-1), 1) and set(np.unique(state.joint % 1)) == {0.0}
    gaps = gd.equilibria.cce_gap(game, joint, relative=True)
    early = gd.equilibria.cce_gap(game, short.final_state.joint / 300, relative=True)
    assert np.all(gaps < 0.03)
    assert gaps.mean() < early.mean() / 2


def test_sampled_play_needs_an_rng_and_is_reproducible():
    method = RegretMatching(sampled=True)
    state = method.init(RPS, _uniform(RPS))
    with pytest.raises(ValueError, match="rng"):
        method.step(RPS, state)
    a = gd.simulate(RPS, method, _uniform(RPS), 100, rng=3)
    b = gd.simulate(RPS, method, _uniform(RPS), 100, rng=3)
    np.testing.assert_array_equal(a.states, b.states)


def test_regret_runs_are_never_stopped_while_regrets_move():
    """In the Prisoner's Dilemma regret matching reaches (Defect, Defect) and stays; a
    pure strategy can also rest for rounds while regrets still move, so simulate keeps
    every run going (status running, never a false 'converged')."""
    traj = gd.simulate(gd.games.prisoners_dilemma(), RegretMatching(), [1, 0, 1, 0], 50)
    assert str(traj.status) == "running"
    np.testing.assert_allclose(traj.final, [0, 1, 0, 1])


def test_euclidean_ftrl_stays_on_the_simplex_and_reaches_faces():
    traj = gd.simulate(RPS, FTRL("euclidean", lr=0.5), _interior_starts(RPS, 6, 4), 500)
    assert np.all(traj.states >= 0)
    np.testing.assert_allclose(traj.states[..., :3].sum(-1), 1)
    assert np.any(traj.states == 0)  # the projection lands on faces


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(-50, 50), min_size=1, max_size=7))
def test_project_simplex_is_the_euclidean_projection(values):
    """Duchi et al. (2008): x = Proj(v) iff x is on the simplex and <v - x, y - x> <= 0
    for every y in it (enough: every vertex)."""
    v = np.array(values)
    x = project_simplex(v)
    assert np.all(x >= 0) and abs(x.sum() - 1) < 1e-9
    scale = 1 + np.abs(v).max()
    for j in range(len(v)):
        assert (v - x) @ (np.eye(len(v))[j] - x) <= 1e-9 * scale
    np.testing.assert_allclose(project_simplex(x), x, atol=1e-12)


# ----------------------------------------------------------------------------- smoothed
@pytest.mark.parametrize("game", [MP, RPS], ids=["mp", "rps"])
def test_stochastic_fictitious_play_reaches_the_logit_equilibrium(game):
    """Hofbauer & Sandholm (2002), Theorem 6.1: stochastic fictitious play converges to the
    logit QRE in zero-sum games; in these symmetric games it is uniform play."""
    traj = gd.simulate(game, StochasticFictitiousPlay(temperature=0.2),
                       _interior_starts(game, 4, 6), 20_000, save_every=100)
    assert np.abs(traj.final - _uniform(game)).max() < 0.01


def test_stochastic_fictitious_play_fixed_point_is_a_logit_response():
    """At the limit of the beliefs, z = softmax(payoffs / T) (the logit QRE condition)."""
    game = gd.BimatrixGame([[3, 0], [0, 1]], [[1, 0], [0, 2]])
    T = 0.5
    traj = gd.simulate(game, StochasticFictitiousPlay(temperature=T), [0.5, 0.5, 0.5, 0.5],
                       40_000, save_every=1000)
    p, q = traj.final[:2], traj.final[2:]
    logit = np.r_[np.exp(game.A @ q / T) / np.exp(game.A @ q / T).sum(),
                  np.exp(p @ game.B / T) / np.exp(p @ game.B / T).sum()]
    assert np.abs(traj.final - logit).max() < 2e-3


def test_sampled_stochastic_fictitious_play_tracks_the_expected_one():
    expected = gd.simulate(MP, StochasticFictitiousPlay(0.3), [0.9, 0.1, 0.2, 0.8], 20_000,
                           save_every=1000)
    sampled = gd.simulate(MP, StochasticFictitiousPlay(0.3, sampled=True),
                          [0.9, 0.1, 0.2, 0.8], 20_000, rng=0, save_every=1000)
    assert np.abs(sampled.final - expected.final).max() < 0.03


def test_replicator_mutator_keeps_interior_and_its_flow():
    """Hofbauer (1985): dp_i/dt = p_i((Aq)_i - pAq) + mu(1/m - p_i); mutation keeps
    every share at least dt mu / m after a round."""
    method = ReplicatorMutator(dt=0.2, mutation=0.5)
    traj = gd.simulate(RPS, method, [1, 0, 0, 0, 1, 0], 100)
    assert np.all(traj.states[1:] >= 0.2 * 0.5 / 3 - 1e-15)
    z = _interior_starts(RPS, 1, 0)[0]
    field = method.flow_field(RPS, z)
    p, q = z[:3], z[3:]
    a = RPS.A @ q
    np.testing.assert_allclose(field[:3], p * (a - p @ a) + 0.5 * (1 / 3 - p), atol=1e-15)


def test_replicator_mutator_refuses_too_much_mutation():
    with pytest.raises(ValueError, match="mutation"):
        ReplicatorMutator(dt=0.5, mutation=3.0)


# ----------------------------------------------------------------------------- analyzer
@pytest.mark.parametrize("lr", [0.05, 0.1, 0.5])
@pytest.mark.parametrize("scale", [1.0, 3.0])
def test_hedge_spectral_radius_on_matching_pennies_closed_form(lr, scale):
    """Derivation: at p* = q* = (1/2, 1/2) of a * [[1, -1], [-1, 1]], A q* = 0, so dF_p/dp
    is the identity on the tangent space, and dF_p/dq = lr (diag p* - p* p*^T) A maps
    e = (1, -1)/sqrt 2 to lr (1/2) (2a) e = a lr e; player 2 (B = -A) gives -a lr. On the
    tangent space M = [[1, a lr], [-a lr, 1]]: eigenvalues 1 ± i a lr, rho = sqrt(1 + a^2
    lr^2) > 1 -- exactly simultaneous gradient steps on v = a x y (gd.games.bilinear)."""
    game = gd.BimatrixGame(scale * MP.A)
    report = gd.stability.analyze(game, ([0.5, 0.5], [0.5, 0.5]), dynamics=Hedge(lr=lr))
    expected = np.sqrt(1 + scale**2 * lr**2)
    assert report.spectral_radius == pytest.approx(expected, rel=1e-12)
    assert report.map_kind == "expanding" and report.exact
    gda = gd.stability.analyze(gd.games.bilinear(A=scale), [0.0, 0.0],
                               gd.dynamics.Simultaneous(lr))
    assert gda.spectral_radius == pytest.approx(expected, rel=1e-12)
    text = report.explain()
    assert "I + lr J" in text and "Bailey & Piliouras" in text and "spiral" in text


def test_optimistic_hedge_contracts_where_hedge_expands():
    """Hedge on RPS at uniform: J has eigenvalues ± i/sqrt(3) per player pair, so rho =
    sqrt(1 + lr^2/3) > 1 (the closed form above with omega = 1/sqrt 3); optimistic Hedge
    contracts (Daskalakis & Panageas 2019)."""
    point = ([1 / 3] * 3, [1 / 3] * 3)
    hedge = gd.stability.analyze(RPS, point, dynamics="hedge")
    omega = np.abs(hedge.field_eigenvalues.imag).max()
    assert omega == pytest.approx(1 / np.sqrt(3), rel=1e-12)
    assert hedge.spectral_radius == pytest.approx(np.sqrt(1 + 0.01 * omega**2), rel=1e-12)
    for game, z in ((MP, ([0.5, 0.5], [0.5, 0.5])), (RPS, point)):
        report = gd.stability.analyze(game, z, dynamics="optimistic_hedge")
        assert report.spectral_radius < 1 and report.map_kind == "contracting"
        assert "Daskalakis" in report.explain()


def test_replicator_mutator_spectral_radius_closed_form():
    """The round is (1 - dt mu) Hedge(dt) + const, so at MP's equilibrium rho = (1 - dt mu)
    sqrt(1 + dt^2): mutation above mu* = (1 - 1/sqrt(1 + dt^2)) / dt stabilizes."""
    for mu in (0.0, 0.01, 0.5):
        report = gd.stability.analyze(MP, ([0.5, 0.5], [0.5, 0.5]),
                                      ReplicatorMutator(dt=0.1, mutation=mu))
        assert report.spectral_radius == pytest.approx((1 - 0.1 * mu) * np.sqrt(1.01),
                                                       rel=1e-12)


def _random_interior_game(seed):
    rng = np.random.default_rng(seed)
    game = gd.BimatrixGame(rng.normal(size=(3, 4)), rng.normal(size=(3, 4)))
    return game, _interior_starts(game, 1, seed)[0]


@pytest.mark.parametrize("seed", range(4))
def test_hedge_map_jacobian_is_exact(seed):
    """The hand-derived Jacobian of one Hedge round against central differences of the
    multiplicative map written out here."""
    game, z = _random_interior_game(seed)
    lr = 0.3

    def round_(w):
        p, q = w[..., :3], w[..., 3:]
        p_new = p * np.exp(lr * q @ game.A.T)
        q_new = q * np.exp(lr * p @ game.B)
        return np.concatenate([p_new / p_new.sum(-1, keepdims=True),
                               q_new / q_new.sum(-1, keepdims=True)], axis=-1)

    np.testing.assert_allclose(Hedge(lr).map_jacobian(game, z), numeric_jacobian(round_, z),
                               atol=1e-8)
    mutator = ReplicatorMutator(dt=lr, mutation=0.4)
    np.testing.assert_allclose(mutator.map_jacobian(game, z),
                               numeric_jacobian(lambda w: 0.88 * round_(w), z), atol=1e-8)


@pytest.mark.parametrize("seed", range(3))
def test_optimistic_hedge_linearization_is_exact(seed):
    """The augmented (z_t, z_{t-1}) Jacobian against central differences of the two-step
    multiplicative map, projected on the same tangent basis."""
    game, z = _random_interior_game(seed)
    lr = 0.2
    m, n = game.shape

    def round_(w):
        z_t, z_p = w[..., :m + n], w[..., m + n:]
        p, q, pp, qp = z_t[..., :m], z_t[..., m:], z_p[..., :m], z_p[..., m:]
        p_new = p * np.exp(lr * (2 * q @ game.A.T - qp @ game.A.T))
        q_new = q * np.exp(lr * (2 * p @ game.B - pp @ game.B))
        return np.concatenate([p_new / p_new.sum(-1, keepdims=True),
                               q_new / q_new.sum(-1, keepdims=True), z_t], axis=-1)

    from gamedyn.dynamics.base import tangent_basis

    basis = tangent_basis(m, n)
    zero = np.zeros_like(basis)
    basis2 = np.block([[basis, zero], [zero, basis]])
    numeric = basis2.T @ numeric_jacobian(round_, np.r_[z, z]) @ basis2
    np.testing.assert_allclose(OptimisticHedge(lr).linearization(game, z), numeric, atol=1e-8)


@pytest.mark.parametrize("method", [RegretMatching(), RegretMatchingPlus(), FTRL(),
                                    StochasticFictitiousPlay()])
def test_methods_without_a_linearization_say_why(method):
    with pytest.raises(TypeError, match="linearization"):
        gd.stability.analyze(MP, ([0.5, 0.5], [0.5, 0.5]), dynamics=method)


# ----------------------------------------------------------------------------- batches
@pytest.mark.parametrize("method", [Hedge(0.1), OptimisticHedge(0.1), RegretMatching(),
                                    RegretMatchingPlus(), FTRL("euclidean"),
                                    StochasticFictitiousPlay(), ReplicatorMutator()])
def test_a_batch_plays_like_its_runs_one_by_one(method):
    starts = _interior_starts(RPS, 6, 12).reshape(2, 3, 6)
    batch = gd.simulate(RPS, method, starts, 40)
    assert batch.states.shape == (41, 2, 3, 6)
    for i in range(2):
        for j in range(3):
            one = gd.simulate(RPS, method, starts[i, j], 40)
            np.testing.assert_allclose(batch.states[:, i, j], one.states, atol=1e-13)


def test_trajectory_average_by_hand():
    traj = gd.simulate(MP, "best_response", [[1.0, 0.0, 1.0, 0.0]] * 2, 3)
    average = traj.average()
    assert average.shape == traj.states.shape
    np.testing.assert_allclose(average[:, 0, 0], [1, 1, 2 / 3, 1 / 2])
    np.testing.assert_allclose(average[:, 1, 2], [1, 1 / 2, 1 / 3, 1 / 2])


# ----------------------------------------------------------------------------- invariances
_METHODS = [Hedge(0.2), Hedge((0.1, 0.3)), OptimisticHedge(0.15), RegretMatching(),
            RegretMatchingPlus(), FTRL("euclidean", lr=0.3), FTRL("entropic", lr=0.2),
            StochasticFictitiousPlay(0.5), ReplicatorMutator(0.2, 0.3)]


def _swap_method(method):
    """The same method with the players' rates exchanged (for the player swap)."""
    lr = getattr(method, "lr", None)
    if isinstance(lr, tuple):
        from dataclasses import replace

        return replace(method, lr=(lr[1], lr[0]))
    return method


@settings(max_examples=12, deadline=None)
@given(st.integers(0, 10_000), st.sampled_from([(3, 3), (3, 4), (2, 5)]),
       st.sampled_from(range(len(_METHODS))))
def test_permuting_strategies_and_swapping_players_commute_with_the_dynamics(seed, shape,
                                                                             index):
    """Relabelling strategies permutes the trajectory; swapping the players (the game
    transposed, z = concat(q, p)) swaps it. Both the one-pass path (m == n) and the
    per-player path (m != n) are covered."""
    method = _METHODS[index]
    rng = np.random.default_rng(seed)
    m, n = shape
    A, B = rng.normal(size=shape), rng.normal(size=shape)
    game = gd.BimatrixGame(A, B)
    z0 = np.r_[rng.dirichlet(np.ones(m)), rng.dirichlet(np.ones(n))]
    base = gd.simulate(game, method, z0, 30).states
    rows, cols = rng.permutation(m), rng.permutation(n)
    permuted = gd.BimatrixGame(A[rows][:, cols], B[rows][:, cols])
    order = np.r_[rows, m + cols]
    moved = gd.simulate(permuted, method, z0[order], 30).states
    np.testing.assert_allclose(moved, base[:, order], atol=1e-10)
    swapped = gd.simulate(game.transpose(), _swap_method(method), np.r_[z0[m:], z0[:m]],
                          30).states
    np.testing.assert_allclose(swapped, np.concatenate([base[:, m:], base[:, :m]], axis=-1),
                               atol=1e-10)


@settings(max_examples=25, deadline=None)
@given(st.floats(1e-3, 1e3), st.floats(-1e3, 1e3), st.floats(1e-3, 1e3),
       st.floats(-1e3, 1e3), st.integers(0, 10_000))
def test_regret_matching_ignores_positive_affine_maps_of_the_payoffs(a, b, c, d, seed):
    """Regrets scale with a (resp. c) and do not see b (resp. d); R^+ / sum R^+ is
    scale-free, so regret matching's trajectory is unchanged (Hart & Mas-Colell 2000)."""
    rng = np.random.default_rng(seed)
    A, B = rng.normal(size=(3, 4)), rng.normal(size=(3, 4))
    z0 = np.r_[rng.dirichlet(np.ones(3)), rng.dirichlet(np.ones(4))]
    for method in (RegretMatching(), RegretMatchingPlus()):
        base = gd.simulate(gd.BimatrixGame(A, B), method, z0, 40).states
        moved = gd.simulate(gd.BimatrixGame(a * A + b, c * B + d), method, z0, 40).states
        np.testing.assert_allclose(moved, base, atol=1e-7)


def test_hedge_equals_the_multiplicative_form_on_a_rectangular_game():
    """The per-player path (m != n): Hedge against the exponential replicator step."""
    game, _ = _random_interior_game(7)
    starts = _interior_starts(game, 4, 8)
    np.testing.assert_allclose(gd.simulate(game, Hedge(0.3), starts, 200).states,
                               gd.simulate(game, Replicator(dt=0.3), starts, 200,
                                           tol=0).states, atol=1e-10)
