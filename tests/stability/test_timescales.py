"""The tau-flow dz/dt = diag(I, tau I) xi (issue 15, point 2): exact crossings against
hand computations and a brute-force scan of the eigenvalues."""

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import gamedyn as gd


def _linear_game(J, n1):
    J = np.asarray(J, dtype=float)
    return gd.DifferentiableGame(
        n1, J.shape[0] - n1, lambda z: 0 * z[..., 0], lambda z: 0 * z[..., 0],
        field=lambda z: z @ J.T, jacobian=lambda z: np.broadcast_to(J, z.shape[:-1] + J.shape))


def _brute_force(J, n1, taus):
    out = []
    for tau in taus:
        scaled = np.array(J, dtype=float)
        scaled[n1:] *= tau
        # strictly inside the left half-plane, beyond rounding (1e-9 of the entries)
        margin = 1e-9 * max(1.0, np.abs(scaled).max())
        out.append(bool(np.all(np.linalg.eigvals(scaled).real < -margin)))
    return np.array(out)


def test_issue_case_attracting_only_below_tau_3():
    # J = [[-6, -4], [4, 2]]; J_tau = [[-6, -4], [4 tau, 2 tau]]: det = 4 tau > 0,
    # trace = 2 tau - 6 < 0 iff tau < 3. tau-GDA with a fast maximizer leaves this
    # non-minimax point (Jin et al. 2020): critical tau = inf.
    x, y = sp.symbols("x y")
    game = gd.games.from_sympy(3 * x**2 + 4 * x * y + y**2, minimize=[x], maximize=[y])
    [(low, high)] = gd.stability.attracting_timescales(game, [0, 0])
    assert low == 0.0 and high == pytest.approx(3.0, rel=1e-12)
    assert gd.stability.critical_timescale(game, [0, 0]) == np.inf
    assert gd.stability.analyze(game, [0, 0], timescale=2.9).flow_kind == "attracting"
    rep = gd.stability.analyze(game, [0, 0], timescale=3.1)
    assert rep.flow_kind == "repelling"  # det > 0, trace > 0
    assert np.allclose(rep.jacobian, [[-6, -4], [12.4, 6.2]])
    assert "critical tau = inf" in rep.explain()
    assert "attracting for tau in (0, 3)" in gd.stability.analyze(game, [0, 0]).explain()


def test_minimax_point_attracting_beyond_tau_1():
    # v = -x^2 + 3xy - y^2: J = [[2, -3], [3, -2]], J_tau: trace 2 - 2 tau, det 5 tau:
    # attracting iff tau > 1 (a strict local minimax point, Schur 2 - 9/2 < 0 in J's sign).
    x, y = sp.symbols("x y")
    game = gd.games.from_sympy(-x**2 + 3 * x * y - y**2, minimize=[x], maximize=[y])
    assert gd.stability.critical_timescale(game, [0, 0]) == pytest.approx(1.0, rel=1e-12)
    rep = gd.stability.analyze(game, [0, 0])
    assert rep.local_minimax is True and "every tau > 1" in rep.explain()


def test_bilinear_never_and_nash_always():
    assert gd.stability.critical_timescale(gd.games.bilinear(), [0, 0]) == np.inf
    x, y = sp.symbols("x y")
    game = gd.games.from_sympy(x**2 - y**2 + x * y, minimize=[x], maximize=[y])
    assert gd.stability.critical_timescale(game, [0, 0]) == 0.0


def test_union_of_intervals():
    J = [[-1.0, -3.0, 0.5, 0.0], [1.5, 0.0, -1.0, 1.0], [-1.5, 0.0, 0.0, 1.0],
         [1.0, -0.5, -0.5, 0.0]]
    intervals = gd.stability.attracting_timescales(_linear_game(J, 2), np.zeros(4))
    assert len(intervals) == 2 and intervals[0][0] == 0.0
    taus = np.geomspace(1e-3, 1e3, 4000)
    inside = np.array([any(a < t < b for a, b in intervals) for t in taus])
    assert np.array_equal(inside, _brute_force(J, 2, taus))
    assert gd.stability.critical_timescale(_linear_game(J, 2), np.zeros(4)) == np.inf


def test_timescale_is_for_the_flow_only():
    with pytest.raises(ValueError, match="timescale"):
        gd.stability.analyze(gd.games.bilinear(), [0, 0], "simultaneous", timescale=2.0)
    with pytest.raises(ValueError, match="timescale"):
        gd.stability.analyze(gd.games.bilinear(), [0, 0], timescale=-1.0)


@settings(max_examples=80, deadline=None)
@given(st.integers(1, 2), st.integers(1, 2),
       arrays(float, (4, 4), elements=st.integers(-4, 4).map(lambda v: v / 2)))
def test_intervals_match_a_brute_force_scan(n1, n2, J):
    n = n1 + n2
    J = J[:n, :n]
    intervals = gd.stability.attracting_timescales(_linear_game(J, n1), np.zeros(n))
    taus = np.geomspace(1e-3, 1e3, 600)
    # skip scan points within 1e-6 (relative) of a boundary, where rounding decides
    edges = np.array([e for iv in intervals for e in iv if np.isfinite(e) and e > 0])
    far = np.array([edges.size == 0 or np.min(np.abs(t - edges) / t) > 1e-6 for t in taus])
    inside = np.array([any(a < t < b for a, b in intervals) for t in taus])
    brute = _brute_force(J, n1, taus)
    assert np.array_equal(inside[far], brute[far])
    critical = gd.stability.critical_timescale(_linear_game(J, n1), np.zeros(n))
    assert critical == (intervals[-1][0] if intervals and np.isinf(intervals[-1][1])
                        else np.inf)
