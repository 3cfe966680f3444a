"""Best response, fictitious play, replicator and logit dynamics on classic games.

States are z = concat(p, q) of full mixed strategies; both players maximize.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gamedyn as gd
from gamedyn.dynamics import BestResponse, FictitiousPlay, LogitResponse, Replicator

STAG, HARE = [1.0, 0.0], [0.0, 1.0]


def _random_starts(m, n, count, seed):
    rng = np.random.default_rng(seed)
    return np.concatenate([rng.dirichlet(np.ones(m), count), rng.dirichlet(np.ones(n), count)],
                          axis=-1)


def test_stag_hunt_simultaneous_best_response_cycles_with_period_two():
    # From (Stag, Hare): row answers Hare with Hare, column answers Stag with Stag ->
    # (Hare, Stag) -> (Stag, Hare): a 2-cycle (Fudenberg & Levine 1998, Ch. 1; Skyrms 2004).
    traj = gd.simulate(gd.games.stag_hunt(), BestResponse(), STAG + HARE, 6)
    np.testing.assert_array_equal(traj.states[0::2], np.broadcast_to(STAG + HARE, (4, 4)))
    np.testing.assert_array_equal(traj.states[1::2], np.broadcast_to(HARE + STAG, (3, 4)))
    assert traj.status == "running"


def test_stag_hunt_alternating_best_response_settles_in_one_round():
    # Row answers Hare with Hare, then the column answers the new Hare with Hare:
    # (Hare, Hare) is a strict equilibrium (Skyrms 2004), reached in one round.
    traj = gd.simulate(gd.games.stag_hunt(), BestResponse(order="alternating"), STAG + HARE, 5)
    np.testing.assert_array_equal(traj.states[1], HARE + HARE)
    assert traj.status == "converged" and traj.converged_at == 2


def test_pigs_best_response_and_fictitious_play_reach_unique_equilibrium():
    # Waiting strictly dominates for the little pig and Press is the big pig's best
    # response to Wait: the unique equilibrium is (Press, Wait) = (row 0, column 1)
    # (Rasmusen 2007, Table 4.2). FP frequencies converge to it (Miyasawa 1961, 2x2 games)
    # with error O(1/t) once the little pig's frequency of Wait exceeds 1/2.
    game = gd.games.pigs()
    starts = _random_starts(2, 2, 50, seed=1)
    target = np.array([1.0, 0.0, 0.0, 1.0])
    for order in ("simultaneous", "alternating"):
        traj = gd.simulate(game, BestResponse(order=order), starts, 10)
        np.testing.assert_array_equal(traj.final, np.broadcast_to(target, starts.shape))
        steps = 2000
        traj = gd.simulate(game, FictitiousPlay(order=order), starts, steps, save_every=steps)
        assert np.max(np.abs(traj.final - target)) < 10.0 / steps


def test_shapley_fictitious_play_does_not_converge():
    # Shapley (1964): FP cycles through six cells with growing period; the empirical
    # frequencies stay bounded away from the unique (uniform) equilibrium.
    traj = gd.simulate(gd.games.shapley(), FictitiousPlay(), [0.5, 0.3, 0.2, 0.2, 0.3, 0.5],
                       20000, save_every=10)
    late = traj.states[len(traj.states) // 2:]
    assert np.min(np.max(np.abs(late - 1 / 3), axis=-1)) > 0.1
    assert traj.status == "running"


@pytest.mark.parametrize(("game", "start"), [
    (gd.games.matching_pennies(), [0.7, 0.3, 0.2, 0.8]),
    (gd.games.rock_paper_scissors(), [0.5, 0.3, 0.2, 0.2, 0.3, 0.5]),
])
def test_fictitious_play_converges_to_uniform_at_slow_rate(game, start):
    # Robinson (1951): in zero-sum games FP frequencies converge to equilibrium (here the
    # uniform mix); the error decays like t^(-1/2) in these games (Karlin's conjecture,
    # Karlin 1959; observed rates: Brandt, Fischer & Harrenstein 2013), far slower than 1/t.
    steps = [1000, 10000]
    errors = []
    for n in steps:
        traj = gd.simulate(game, FictitiousPlay(), start, n, save_every=n)
        errors.append(np.max(np.abs(traj.final - 1 / game.shape[0])))
    assert errors[1] < 0.02
    slope = np.log(errors[1] / errors[0]) / np.log(10)
    assert -0.8 < slope < -0.3


def test_fictitious_play_first_step_by_hand():
    # Robinson 1951 form: z1 = z0 + (BR(z0) - z0)/2. RPS, q0 = (0.2, 0.3, 0.5): A q0 =
    # (0.3, -0.3, 0.1) -> Rock; p0 = (0.5, 0.3, 0.2): p0 A = (0.1, -0.3, 0.2), so
    # p0 B = -(p0 A) = (-0.1, 0.3, -0.2) -> Paper.
    game = gd.games.rock_paper_scissors()
    z0 = np.array([0.5, 0.3, 0.2, 0.2, 0.3, 0.5])
    state = FictitiousPlay().step(game, FictitiousPlay().init(game, z0))
    br = np.array([1.0, 0, 0, 0, 1.0, 0])
    np.testing.assert_allclose(state.z, z0 + (br - z0) / 2, rtol=1e-15)
    assert state.t == 1


def test_replicator_flow_conserves_product_of_shares_in_rps():
    # Zero-sum RPS with interior equilibrium: H = sum log p_i + sum log q_j is constant,
    # since sum_i (A q)_i = 0 and sum_j (p B)_j = 0 (Hofbauer & Sigmund 1998, Sec. 11.2):
    # the product of all shares is conserved.
    game = gd.games.rock_paper_scissors()
    starts = _random_starts(3, 3, 4, seed=3)
    traj = gd.flow(game, starts, (0.0, 30.0), rtol=1e-10, atol=1e-12)
    product = np.prod(traj.states, axis=-1)
    np.testing.assert_allclose(product, np.broadcast_to(product[0], product.shape), rtol=1e-6)
    np.testing.assert_allclose(traj.states[..., :3].sum(-1), 1.0, atol=1e-9)


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), dt=st.floats(1e-3, 50.0))
def test_discrete_replicator_stays_on_simplex(seed, dt):
    # The multiplicative form normalizes positive weights: sums stay 1 to rounding and
    # entries stay nonnegative, even for huge dt (no overflow: the exponent is shifted).
    game = gd.games.rock_paper_scissors()
    traj = gd.simulate(game, Replicator(dt), _random_starts(3, 3, 5, seed), 50)
    assert np.all(traj.states >= 0)
    np.testing.assert_allclose(traj.states[..., :3].sum(-1), 1.0, atol=4e-16 * 3)
    np.testing.assert_allclose(traj.states[..., 3:].sum(-1), 1.0, atol=4e-16 * 3)


def test_replicator_step_by_hand():
    # Matching pennies, p = q = (0.75, 0.25): A q = (0.5, -0.5), p B = (-0.5, 0.5);
    # p+ proportional to (0.75 e^{0.5 dt}, 0.25 e^{-0.5 dt}) (Hofbauer & Sigmund 1998).
    dt = 0.2
    game = gd.games.matching_pennies()
    z1 = Replicator(dt).step(game, Replicator(dt).init(game, [0.75, 0.25, 0.75, 0.25])).z
    w = np.array([0.75 * np.exp(0.5 * dt), 0.25 * np.exp(-0.5 * dt)])
    v = np.array([0.75 * np.exp(-0.5 * dt), 0.25 * np.exp(0.5 * dt)])
    np.testing.assert_allclose(z1, np.concatenate([w / w.sum(), v / v.sum()]), rtol=1e-15)


def test_logit_response_fixed_point_is_quantal_response_equilibrium():
    # McKelvey & Palfrey (1995): in matching pennies the logit QRE is uniform play for
    # every temperature (and damped logit play converges to it).
    traj = gd.simulate(gd.games.matching_pennies(), LogitResponse(temperature=0.7, lr=0.5),
                       [0.9, 0.1, 0.3, 0.7], 2000)
    np.testing.assert_allclose(traj.final, 0.5, atol=1e-9)
    # Prisoner's Dilemma: symmetric QRE solves p_C = 1 / (1 + exp((1 + p_C) / T)) since
    # (A q)_D - (A q)_C = 5 q_C + (1 - q_C) - 3 q_C = 1 + q_C.
    from scipy.optimize import brentq

    T = 0.8
    p_c = brentq(lambda c: c - 1 / (1 + np.exp((1 + c) / T)), 0.0, 1.0)
    traj = gd.simulate(gd.games.prisoners_dilemma(), LogitResponse(T), [0.5, 0.5, 0.5, 0.5],
                       500)
    np.testing.assert_allclose(traj.final, [p_c, 1 - p_c, p_c, 1 - p_c], atol=1e-9)
    assert np.all(traj.status == "converged")


def test_logit_is_stable_for_tiny_temperature():
    # T -> 0 is the best response: A q = p B = (2.2, 2.4) at p = q = (0.4, 0.6), so both
    # jump to Hare; payoffs / T ~ 1e6 must not overflow (shifted softmax).
    traj = gd.simulate(gd.games.stag_hunt(), LogitResponse(1e-6), [0.4, 0.6, 0.4, 0.6], 3)
    np.testing.assert_allclose(traj.final, [0.0, 1.0, 0.0, 1.0], atol=1e-12)


def test_best_response_ties():
    # Matching pennies at q = (1/2, 1/2): both rows tie. "first" picks row 0, "uniform"
    # mixes, "random" picks one per start and is reproducible with the seed.
    game = gd.games.matching_pennies()
    z0 = np.tile([0.5, 0.5, 0.5, 0.5], (200, 1))
    first = gd.simulate(game, BestResponse(tie="first"), z0, 1).final
    np.testing.assert_array_equal(first[:, :2], np.broadcast_to([1.0, 0.0], (200, 2)))
    uniform = gd.simulate(game, BestResponse(tie="uniform"), z0, 1).final
    np.testing.assert_array_equal(uniform, 0.5)
    a = gd.simulate(game, BestResponse(tie="random"), z0, 1, rng=5).final
    b = gd.simulate(game, BestResponse(tie="random"), z0, 1, rng=5).final
    np.testing.assert_array_equal(a, b)
    assert 50 < a[:, 0].sum() < 150  # both rows are drawn
    with pytest.raises(ValueError, match="`rng`"):
        BestResponse(tie="random").step(game, BestResponse().init(game, z0))
