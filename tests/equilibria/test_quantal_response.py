"""Logit quantal response equilibria (McKelvey & Palfrey 1995) against their equations.

The QRE at temperature ``T`` solves ``p = softmax(A q / T)``, ``q = softmax(B^T p / T)``;
every check below evaluates those equations here, with its own softmax.
"""

import math

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import gamedyn as gd

qre = gd.equilibria.quantal_response_equilibrium


def _softmax(x):
    e = np.exp(x - np.max(x))
    return e / e.sum()


def _gap(A, B, p, q, T):
    A, B = np.asarray(A, float), np.asarray(B, float)
    return max(np.abs(p - _softmax(A @ q / T)).max(), np.abs(q - _softmax(B.T @ p / T)).max())


@pytest.mark.parametrize("temperature", [0.01, 0.3, 1.0, 50.0])
def test_matching_pennies_is_uniform_at_every_temperature(temperature):
    # at q = (1/2, 1/2), A q = (0, 0): softmax gives (1/2, 1/2) whatever T, and the
    # QRE of matching pennies is unique (McKelvey & Palfrey 1995, Section 4)
    game = gd.games.matching_pennies()
    for near in (None, ([0.5, 0.5], [0.5, 0.5]), ([1, 0], [0, 1])):
        p, q = qre(game, temperature, near=near)
        np.testing.assert_allclose(p, [0.5, 0.5], rtol=0, atol=1e-12)
        np.testing.assert_allclose(q, [0.5, 0.5], rtol=0, atol=1e-12)


def test_coordination_on_the_identity_at_temperature_one_is_uniform():
    # A = B = I, T = 1: the logit map's slope is at most 2 * 1/4 < 1, so the QRE is
    # unique, and swapping the two strategies maps it to itself: (1/2, 1/2)
    game = gd.BimatrixGame(np.eye(2), np.eye(2))
    for near in (None, ([1, 0], [1, 0]), ([0, 1], [0, 1])):
        p, q = qre(game, 1.0, near=near)
        np.testing.assert_allclose(np.concatenate([p, q]), 0.5, rtol=0, atol=1e-12)


@pytest.mark.parametrize("temperature", [3.0, 1.0, 0.3, 0.1, 0.02])
def test_stag_hunt_qres_solve_the_equations(temperature):
    game = gd.games.stag_hunt()
    for near in [None, *gd.equilibria.all_nash(game)]:
        p, q = qre(game, temperature, near=near)
        assert _gap(game.A, game.B, p, q, temperature) < 1e-10
        assert p.min() > 0 and q.min() > 0


def test_low_temperature_qre_near_a_strict_equilibrium_approaches_it():
    # stag hunt: stag pays 2 q_stag - 1 more than hare, so the symmetric QRE solves
    # x = logistic((2 x - 1) / T); the branch at (stag, stag) exists for T < 1/2 (slope
    # 1 / T * 1/4 * 2 at x = 1/2) and gives hare weight eps = logistic(-(1 - 2 eps) / T),
    # below 2 exp(-1 / T) while eps < T log(2) / 2
    game = gd.games.stag_hunt()
    distances = []
    for temperature in (0.3, 0.2, 0.1, 0.05):
        p, q = qre(game, temperature, near=([1, 0], [1, 0]))
        distances.append(max(p[1], q[1]))
        assert max(p[1], q[1]) < 2 * math.exp(-1 / temperature)
    assert distances == sorted(distances, reverse=True) and distances[-1] < 1e-8


@pytest.mark.parametrize("temperature", [1e2, 1e4, 1e8])
def test_high_temperature_qre_approaches_uniform(temperature):
    # |softmax(x / T) - uniform| <= max|x| / T for payoffs x (the softmax's slope is at
    # most 1/2 per unit of logit difference)
    game = gd.games.shapley()
    bound = np.abs(game.A).max() + np.abs(game.B).max()
    p, q = qre(game, temperature)
    assert np.abs(p - 1 / 3).max() <= bound / temperature
    assert np.abs(q - 1 / 3).max() <= bound / temperature
    assert _gap(game.A, game.B, p, q, temperature) < 1e-12


_PAYOFF = st.integers(-5, 5).map(float)


@settings(max_examples=40, deadline=None)
@given(payoffs=st.lists(_PAYOFF, min_size=12, max_size=12),
       temperature=st.sampled_from([0.5, 1.0, 3.0]),
       exponent=st.floats(-100, 100),
       shifts=st.lists(st.floats(-3, 3), min_size=7, max_size=7),
       nash=st.booleans())
def test_scale_and_shift_invariance(payoffs, temperature, exponent, shifts, nash):
    # QRE(cA, cB, cT) = QRE(A, B, T) for c > 0; adding a constant to a column of A (a row
    # of B) adds it to every row's payoff against that opponent strategy: no softmax moves
    A = np.array(payoffs[:6]).reshape(2, 3)
    B = np.array(payoffs[6:]).reshape(2, 3)
    game = gd.BimatrixGame(A, B)
    near = next(iter(gd.equilibria.all_nash(game))) if nash else None
    try:
        p, q = qre(game, temperature, near=near)
    except ValueError:  # the principal branch folds back: nothing to compare
        assume(False)
    assert _gap(A, B, p, q, temperature) < 1e-10
    c = 10.0 ** exponent
    p_c, q_c = qre(gd.BimatrixGame(c * A, c * B), c * temperature, near=near)
    np.testing.assert_allclose(np.concatenate([p_c, q_c]), np.concatenate([p, q]),
                               rtol=0, atol=1e-9)
    shifted = gd.BimatrixGame(A + np.array(shifts[:3]) + shifts[6],
                              B + np.array(shifts[3:5])[:, None] - shifts[6])
    p_s, q_s = qre(shifted, temperature, near=near)
    np.testing.assert_allclose(np.concatenate([p_s, q_s]), np.concatenate([p, q]),
                               rtol=0, atol=1e-9)


def test_near_picks_the_branch_of_each_equilibrium():
    # A = B = I at T = 1/4: three QREs, one near each Nash equilibrium; the pure ones are
    # mirror images of each other (swap the strategies)
    game = gd.BimatrixGame(np.eye(2), np.eye(2))
    first = np.concatenate(qre(game, 0.25, near=([1, 0], [1, 0])))
    second = np.concatenate(qre(game, 0.25, near=([0, 1], [0, 1])))
    middle = np.concatenate(qre(game, 0.25, near=([0.5, 0.5], [0.5, 0.5])))
    assert first[0] > 0.9 and second[1] > 0.9
    np.testing.assert_allclose(first, second[[1, 0, 3, 2]], rtol=0, atol=1e-12)
    np.testing.assert_allclose(middle, 0.5, rtol=0, atol=1e-12)
    for z in (first, second, middle):
        assert _gap(np.eye(2), np.eye(2), z[:2], z[2:], 0.25) < 1e-12


@pytest.mark.parametrize("temperature", [0, -1.0, math.nan, math.inf, -math.inf])
def test_bad_temperature_is_refused_by_name(temperature):
    with pytest.raises(ValueError, match="`temperature`"):
        qre(gd.games.stag_hunt(), temperature)


def test_bad_game_and_near_are_refused_by_name():
    with pytest.raises(TypeError, match="`game`"):
        qre(np.eye(2), 1.0)
    game = gd.games.stag_hunt()
    for near in ([1, 0], ([1, 0], [1, 0, 0]), ([0.7, 0.7], [1, 0]), ([2, -1], [1, 0]),
                 ([[1, 0]], [[1, 0]]), "near", ([math.nan, 1], [1, 0])):
        with pytest.raises(ValueError, match="`near`"):
            qre(game, 1.0, near=near)


def test_payoffs_too_large_for_the_temperature_are_refused_by_name():
    with pytest.raises(ValueError, match="`temperature`"):
        qre(gd.games.stag_hunt(), 5e-324)


@settings(max_examples=30, deadline=None)
@given(payoffs=st.lists(_PAYOFF, min_size=12, max_size=12),
       temperature=st.sampled_from([0.5, 1.0, 3.0]),
       rows=st.permutations(range(2)), cols=st.permutations(range(3)),
       nash=st.booleans())
def test_permutation_and_player_swap_equivariance(payoffs, temperature, rows, cols, nash):
    # relabelling strategies relabels the QRE; swapping the players, (A, B) -> (B^T, A^T),
    # swaps its two strategies (the equations map onto each other)
    A = np.array(payoffs[:6]).reshape(2, 3)
    B = np.array(payoffs[6:]).reshape(2, 3)
    game = gd.BimatrixGame(A, B)
    near = next(iter(gd.equilibria.all_nash(game))) if nash else None
    try:
        p, q = qre(game, temperature, near=near)
    except ValueError:  # the principal branch folds back: nothing to compare
        assume(False)
    rows, cols = list(rows), list(cols)
    moved = None if near is None else (near[0][rows], near[1][cols])
    p_m, q_m = qre(gd.BimatrixGame(A[rows][:, cols], B[rows][:, cols]), temperature,
                   near=moved)
    np.testing.assert_allclose(p_m, p[rows], rtol=0, atol=1e-9)
    np.testing.assert_allclose(q_m, q[cols], rtol=0, atol=1e-9)
    swapped = None if near is None else (near[1], near[0])
    q_s, p_s = qre(gd.BimatrixGame(B.T, A.T), temperature, near=swapped)
    np.testing.assert_allclose(np.concatenate([p_s, q_s]), np.concatenate([p, q]),
                               rtol=0, atol=1e-9)
