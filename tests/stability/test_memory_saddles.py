"""Methods with memory at a pure source (issue 18 an18, point 3). With u1 = a^2, u2 = b^2
(J = diag(2, 2), every direction of the state unstable) optimistic gradient and momentum
have lifted maps on (z_t, z_{t-1}) with one multiplier inside the unit circle per
eigenvalue mu of J: the lifted point IS a saddle (kind == "saddle"), but its stable
directions lie in the memory only. Checked against the roots of the characteristic
polynomials, and by running the method from a normal start and from a prepared one."""

from __future__ import annotations

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

import gamedyn as gd
from gamedyn.dynamics.gradient import MomentumState, OptimisticState

a, b = sp.symbols("a b")


def _polynomial(dynamics, eta, mu):
    """Characteristic polynomial of the scalar recursion on one eigen-direction of J."""
    if isinstance(dynamics, gd.dynamics.Optimistic):
        # z+ = z + 2 eta mu z - eta mu z_prev
        return [1.0, -(1 + 2 * eta * mu), eta * mu]
    beta = dynamics.beta  # z+ = z + eta mu z + beta (z - z_prev)
    return [1.0, -(1 + beta + eta * mu), beta]


def _roots(dynamics, eta, mus):
    return np.sort_complex(np.concatenate([np.roots(_polynomial(dynamics, eta, mu))
                                           for mu in mus]))


METHODS = [gd.dynamics.Optimistic(0.1), gd.dynamics.Momentum(0.1, beta=0.5),
           gd.dynamics.Momentum(0.1, beta=-0.5)]


@pytest.mark.parametrize("dynamics", METHODS)
def test_pure_source_is_a_lifted_saddle_whose_stable_directions_are_memory_only(dynamics):
    game = gd.games.from_sympy(payoffs=(a**2, b**2), players=([a], [b]))
    rep = gd.stability.analyze(game, [0, 0], dynamics)
    expected = _roots(dynamics, 0.1, [2.0, 2.0])
    np.testing.assert_allclose(np.sort_complex(rep.eigenvalues), expected, atol=1e-9)
    # for mu > 0 the polynomial is -eta mu < 0 at 1 and has a root inside the circle
    assert np.sum(np.abs(expected) < 1) == 2 and np.sum(np.abs(expected) > 1) == 2
    assert rep.kind == "saddle" and rep.flow_kind == "repelling"
    assert rep.normal_start_stable_dimension == 0
    text = rep.explain()
    assert "exist only in the method's memory" in text and "normal start" in text


@pytest.mark.parametrize("dynamics", METHODS)
def test_runs_leave_from_a_normal_start_and_converge_from_a_prepared_memory(dynamics):
    # u1 = a^2, u2 = b^2 is linear in its field (xi = 2 z), so the linear recursion is exact.
    game = gd.games.from_sympy(payoffs=(a**2, b**2), players=([a], [b]))
    normal = gd.simulate(game, dynamics, [1e-6, -2e-6], 100)
    assert np.abs(normal.states[-1]).max() > 1e-2   # left the point (|lambda_1|^100 >> 1)
    small, large = sorted(np.roots(_polynomial(dynamics, 0.1, 2.0)), key=abs)
    v = np.array([1e-3, 2e-3])                       # (z_0, z_{-1}) = (lambda v, v)
    if isinstance(dynamics, gd.dynamics.Optimistic):
        state = OptimisticState(small * v, 2.0 * v, 0)   # memory xi(z_{-1}) = J v
    else:
        state = MomentumState(small * v, v, 0)
    for _ in range(8):  # z_t = lambda^(t+1) v (few rounds: rounding feeds the other root)
        state = dynamics.step(game, state, None)
    np.testing.assert_allclose(state.z, small**9 * v, rtol=1e-6)
    assert np.abs(state.z).max() < np.abs(v).max() * abs(small) ** 8


def test_one_stable_direction_from_normal_starts():
    # u1 = -a^2 (mu = -2: both optimistic roots of l^2 - 0.6 l - 0.2 = 0, 0.839 and
    # -0.239, inside the circle), u2 = b^2 (mu = 2: roots 1.2385, 0.1615): the normal
    # starts z_0 = (s, 0) converge, the others leave: a 1-dimensional set.
    game = gd.games.from_sympy(payoffs=(-a**2, b**2), players=([a], [b]))
    rep = gd.stability.analyze(game, [0, 0], gd.dynamics.Optimistic(0.1))
    np.testing.assert_allclose(np.sort_complex(rep.eigenvalues),
                               _roots(gd.dynamics.Optimistic(0.1), 0.1, [-2.0, 2.0]),
                               atol=1e-9)
    assert rep.kind == "saddle" and rep.normal_start_stable_dimension == 1
    assert "1-dimensional set of starts" in rep.explain()
    run = gd.simulate(game, gd.dynamics.Optimistic(0.1), [1e-3, 0.0], 200)
    assert np.abs(run.states[-1]).max() < 1e-6 * 1e-3   # (simulate stops once converged)


def test_attracting_and_memoryless_reports():
    game = gd.games.from_sympy(a**2 - b**2, minimize=[a], maximize=[b])   # J = -2 I
    rep = gd.stability.analyze(game, [0, 0], gd.dynamics.Optimistic(0.1))
    assert rep.kind == "attracting" and rep.normal_start_stable_dimension == 2
    assert "memory" not in rep.explain()
    plain = gd.stability.analyze(game, [0, 0], gd.dynamics.Simultaneous(0.1))
    assert plain.normal_start_stable_dimension is None


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from([-3.0, -1.0, -0.5, 0.5, 1.0, 3.0]), min_size=2, max_size=2),
       st.sampled_from([0.05, 0.1, 0.3]), st.sampled_from(["optimistic", "momentum"]))
def test_normal_start_dimension_counts_the_directions_with_both_roots_inside(mus, eta, name):
    # u1 = mu1 a^2 / 2, u2 = mu2 b^2 / 2: J = diag(mu1, mu2). Along e_k the normal start
    # (v, v) has a nonzero component on both roots (mu != 0), so it converges iff both
    # roots of that direction's polynomial lie inside the unit circle.
    game = gd.games.from_sympy(payoffs=(mus[0] * a**2 / 2, mus[1] * b**2 / 2),
                               players=([a], [b]))
    dynamics = gd.dynamics.Optimistic(eta) if name == "optimistic" else \
        gd.dynamics.Momentum(eta, beta=0.3)
    rep = gd.stability.analyze(game, [0, 0], dynamics)
    expected = sum(bool(np.all(np.abs(np.roots(_polynomial(dynamics, eta, mu))) < 1))
                   for mu in mus)
    assert rep.normal_start_stable_dimension == expected
