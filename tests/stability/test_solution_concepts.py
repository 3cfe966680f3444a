"""Local Nash, local minimax and Stackelberg verdicts (issue 15, point 1), checked against
the definitions computed independently from the payoff matrices of quadratic games."""

import numpy as np
import pytest
import sympy as sp
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import gamedyn as gd


def _negative_definite(matrix):
    """Independent test (Cholesky of -M), not the analyzer's eigenvalue test."""
    try:
        np.linalg.cholesky(-0.5 * (matrix + matrix.T))
    except np.linalg.LinAlgError:
        return False
    return True


def test_issue_case_non_nash_attractor_by_hand():
    # v = 3x^2 + 4xy + y^2, x minimizes (u1 = -v), y maximizes (u2 = v).
    # xi = (-(6x + 4y), 4x + 2y), J = [[-6, -4], [4, 2]]: trace -4, det 4, eigenvalues -2, -2
    # (attracting). Player 2's own block d2v/dy2 = 2 > 0: y sits at a MINIMUM of the payoff
    # it maximizes -> not local Nash; v_yy > 0 also fails Jin et al.'s minimax condition;
    # zero-sum Stackelberg (player 1 leads) = local minimax -> no.
    x, y = sp.symbols("x y")
    game = gd.games.from_sympy(3 * x**2 + 4 * x * y + y**2, minimize=[x], maximize=[y])
    rep = gd.stability.analyze(game, [0, 0])
    assert rep.flow_kind == "attracting" and rep.kind == "attracting"
    assert np.allclose(rep.game_eigenvalues, [-2, -2], atol=1e-6)
    assert rep.local_nash is False
    assert rep.local_minimax is False
    assert rep.stackelberg is False
    assert rep.concepts.own_eigenvalues[0].tolist() == [-6.0]
    assert rep.concepts.own_eigenvalues[1].tolist() == [2.0]
    text = rep.explain()
    assert "non-Nash attractor" in text and "player 2 would gain" in text
    # the same game from plain callables (numerical zero-sum detection) agrees
    v = lambda z: 3 * z[..., 0] ** 2 + 4 * z[..., 0] * z[..., 1] + z[..., 1] ** 2  # noqa: E731
    plain = gd.stability.analyze(gd.games.from_value(1, 1, v), [0.0, 0.0])
    assert (plain.local_nash, plain.local_minimax, plain.stackelberg) == (False, False, False)
    assert plain.concepts.zero_sum
    # a method converging there is named too
    method = gd.stability.analyze(game, [0, 0], gd.dynamics.Simultaneous(0.1))
    assert method.map_kind == "contracting" and "converges to this non-Nash point" in \
        method.explain()


def test_local_minimax_that_is_not_nash():
    # v = -x^2 + 4xy - y^2: v_yy = -2 < 0; Schur v_xx - v_xy^2 / v_yy = -2 + 16/2 = 6 > 0
    # -> strict local minimax; but v_xx = -2 < 0 means x (minimizer) is at a local MAX of
    # v in x -> not Nash.
    x, y = sp.symbols("x y")
    game = gd.games.from_sympy(-x**2 + 4 * x * y - y**2, minimize=[x], maximize=[y])
    rep = gd.stability.analyze(game, [0, 0])
    assert rep.local_minimax is True and rep.stackelberg is True and rep.local_nash is False


def test_nash_point_the_flow_cannot_reach():
    # u1 = -x^2/2 + 2xy, u2 = -y^2/2 + 2xy: own blocks -1, -1 (local Nash), but
    # J = [[-1, 2], [2, -1]] has eigenvalues 1 and -3: a saddle of the flow.
    # Stackelberg by hand: r(x) = 2x, u1(x, r(x)) = -x^2/2 + 4x^2 = 3.5x^2: a minimum -> no.
    x, y = sp.symbols("x y")
    game = gd.games.from_sympy(payoffs=(-x**2 / 2 + 2 * x * y, -y**2 / 2 + 2 * x * y),
                               players=([x], [y]))
    rep = gd.stability.analyze(game, [0, 0])
    assert rep.local_nash is True and rep.flow_kind == "saddle"
    assert rep.local_minimax is None and rep.stackelberg is False
    assert rep.concepts.schur_eigenvalues.tolist() == pytest.approx([7.0])
    assert "local Nash equilibrium that the flow cannot reach" in rep.explain()


def test_nash_point_a_method_cannot_reach():
    # v = x^2 - y^2 + xy: J = [[-2, -1], [1, -2]], eigenvalues -2 +- i; simultaneous steps
    # contract iff eta < 2 * 2 / 5 = 0.8 (|1 + eta lambda| < 1).
    x, y = sp.symbols("x y")
    game = gd.games.from_sympy(x**2 - y**2 + x * y, minimize=[x], maximize=[y])
    rep = gd.stability.analyze(game, [0, 0], gd.dynamics.Simultaneous(1.0))
    assert rep.local_nash is True and rep.flow_kind == "attracting"
    assert rep.map_kind == "expanding"
    assert "cannot reach with these step sizes" in rep.explain()


def test_general_sum_nash_but_not_stackelberg_first_order():
    # u1 = -x^2 + x y^2 + y, u2 = -(y - x)^2 at (0, 0): xi = (-2x + y^2, -2(y - x)) = 0;
    # own blocks d2u1/dx2 = -2, d2u2/dy2 = -2 -> local Nash. The follower's best response is
    # r(x) = x, and the leader's value along it, u1(x, x) = -x^2 + x^3 + x, has derivative 1
    # at 0: the leader gains by moving, so the Stackelberg first-order condition fails.
    x, y = sp.symbols("x y")
    game = gd.games.from_sympy(payoffs=(-x**2 + x * y**2 + y, -(y - x) ** 2),
                               players=([x], [y]))
    rep = gd.stability.analyze(game, [0, 0])
    assert rep.local_nash is True and rep.stackelberg is False and rep.local_minimax is None


def test_general_sum_stackelberg_with_curved_best_response():
    # u1 = y - x^2 / 2, u2 = -(y - x^2)^2 / 2 at (0, 0): xi = (-x, x^2 - y) = 0 at 0.
    # r(x) = x^2 (curved), grad_y u1 = 1, R = dr/dx = 0 at 0, so the total derivative is 0.
    # Leader's value along r: u1(x, x^2) = x^2 - x^2/2 = x^2/2: a MINIMUM -> not Stackelberg,
    # although H11 + H12 R + R H21 + R H22 R = -1 would say yes (the curvature of r matters).
    x, y = sp.symbols("x y")
    game = gd.games.from_sympy(payoffs=(y - x**2 / 2, -(y - x**2) ** 2 / 2), players=([x], [y]))
    rep = gd.stability.analyze(game, [0, 0])
    assert rep.local_nash is True
    assert rep.stackelberg is False
    assert rep.concepts.schur_eigenvalues[0] == pytest.approx(1.0, abs=1e-5)
    # and with the sign of the leader's gain flipped it is a Stackelberg point (value -3x^2/2)
    flipped = gd.games.from_sympy(payoffs=(-y - x**2 / 2, -(y - x**2) ** 2 / 2),
                                  players=([x], [y]))
    assert gd.stability.analyze(flipped, [0, 0]).stackelberg is True


def test_stationary_points_carry_the_verdicts():
    x, y = sp.symbols("x y")
    game = gd.games.from_sympy(3 * x**2 + 4 * x * y + y**2, minimize=[x], maximize=[y])
    [(point, rep)] = gd.stability.find_stationary_points(game, [[-1, 1], [-1, 1]], grid=3)
    assert np.allclose(point, 0) and rep.local_nash is False and rep.local_minimax is False


def test_bimatrix_and_constrained_reports_say_not_applicable():
    # local_nash of a bimatrix game is the exact check is_nash (issue 18 an18, point 1):
    # the uniform profile of matching pennies IS its Nash equilibrium; the differentiable
    # concepts (minimax, Stackelberg) stay not applicable on the simplices.
    rep = gd.stability.analyze(gd.games.matching_pennies(), ([0.5, 0.5], [0.5, 0.5]),
                               gd.dynamics.Replicator())
    assert rep.local_nash is True and rep.local_minimax is None and rep.stackelberg is None


def _quadratic(n1, n2, P, Q, symbolic):
    """u1 = z^T P z / 2, u2 = z^T Q z / 2 (P, Q symmetric)."""
    n = n1 + n2
    if symbolic:
        zs = sp.symbols(f"z0:{n}")
        vec = sp.Matrix(zs)
        u1 = (vec.T * sp.Matrix(P) * vec)[0] / 2
        u2 = (vec.T * sp.Matrix(Q) * vec)[0] / 2
        return gd.games.from_sympy(payoffs=(u1, u2), players=(list(zs[:n1]), list(zs[n1:])))
    J = np.vstack([P[:n1], Q[n1:]])
    return gd.DifferentiableGame(
        n1, n2, lambda z: 0.5 * np.einsum("...i,ij,...j->...", z, P, z),
        lambda z: 0.5 * np.einsum("...i,ij,...j->...", z, Q, z),
        field=lambda z: z @ J.T, jacobian=lambda z: np.broadcast_to(J, z.shape[:-1] + J.shape))


def _definitions(n1, P, Q):
    """Each verdict from its definition, on the payoff matrices (not on J)."""
    nash = _negative_definite(P[:n1, :n1]) and _negative_definite(Q[n1:, n1:])
    follower = _negative_definite(Q[n1:, n1:])
    if not follower:
        return nash, False
    R = -np.linalg.solve(Q[n1:, n1:], Q[n1:, :n1])      # r(x) = R x maximizes u2(x, .)
    lift = np.vstack([np.eye(n1), R])                   # x -> (x, r(x))
    return nash, _negative_definite(lift.T @ P @ lift)   # u1(x, r(x)) = x^T (.) x / 2


def _well_conditioned(n1, P, Q):
    blocks = [P[:n1, :n1], Q[n1:, n1:]]
    if np.min(np.abs(np.linalg.eigvalsh(Q[n1:, n1:]))) > 1e-2:
        R = -np.linalg.solve(Q[n1:, n1:], Q[n1:, :n1])
        lift = np.vstack([np.eye(n1), R])
        blocks.append(lift.T @ P @ lift)
    else:
        return False
    return all(np.min(np.abs(np.linalg.eigvalsh(b))) > 1e-3 for b in blocks)


_entries = st.floats(-3, 3, allow_nan=False).map(lambda v: round(v, 3))


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 2), st.integers(1, 2), arrays(float, (4, 4), elements=_entries),
       arrays(float, (4, 4), elements=_entries), st.booleans())
def test_general_sum_verdicts_match_definitions(n1, n2, P, Q, symbolic):
    n = n1 + n2
    P = (P[:n, :n] + P[:n, :n].T) / 2
    Q = (Q[:n, :n] + Q[:n, :n].T) / 2
    assume(_well_conditioned(n1, P, Q))
    assume(np.abs(P + Q).max() > 1e-3)  # really general-sum
    game = _quadratic(n1, n2, P, Q, symbolic)
    rep = gd.stability.analyze(game, np.zeros(n))
    nash, stackelberg = _definitions(n1, P, Q)
    assert rep.local_nash is nash
    assert rep.stackelberg is stackelberg
    assert rep.local_minimax is None


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 2), st.integers(1, 2), arrays(float, (4, 4), elements=_entries),
       st.booleans(), st.floats(-5, 5).map(lambda v: round(v, 2)))
def test_zero_sum_verdicts_match_definitions(n1, n2, V, symbolic, shift):
    # v = z^T V z / 2 (+ a constant on u2 only: still zero-sum up to a constant)
    n = n1 + n2
    V = (V[:n, :n] + V[:n, :n].T) / 2
    assume(_well_conditioned(n1, -V, V))
    if symbolic:
        zs = sp.symbols(f"z0:{n}")
        vec = sp.Matrix(zs)
        v = (vec.T * sp.Matrix(V) * vec)[0] / 2
        game = gd.games.from_sympy(v + shift, minimize=list(zs[:n1]), maximize=list(zs[n1:]))
    else:
        game = gd.games.from_value(n1, n2, lambda z: 0.5 * np.einsum("...i,ij,...j->...", z, V, z)
                                 + shift)
    rep = gd.stability.analyze(game, np.zeros(n))
    nash = _negative_definite(-V[:n1, :n1]) and _negative_definite(V[n1:, n1:])
    Vyy = V[n1:, n1:]
    schur = V[:n1, :n1] - V[:n1, n1:] @ np.linalg.solve(Vyy, V[n1:, :n1])
    minimax = _negative_definite(Vyy) and _negative_definite(-schur)   # Jin et al. 2020
    assert rep.concepts.zero_sum
    assert rep.local_nash is nash
    assert rep.local_minimax is minimax
    assert rep.stackelberg is minimax  # zero-sum: differential Stackelberg = local minimax
    # a strict local minimax point of a quadratic is a local Nash point whenever v_xx > 0
    if nash:
        assert minimax
