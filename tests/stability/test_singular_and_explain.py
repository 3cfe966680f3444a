"""Singular/rectangular bilinear games (issue 15, point 4), explain() conditions true for
every setting (point 5) and readable reports (point 6)."""

import numpy as np
import pytest
import sympy as sp
from hypothesis import example, given, settings
from hypothesis import strategies as st

import gamedyn as gd
from gamedyn.dynamics import Alternating, Extragradient, Optimistic

A_SINGULAR = np.array([[1.0, 2.0, 0.0], [0.0, 1.0, 1.0]])
METHODS = ["simultaneous", "extragradient", "optimistic", "proximal_point", "alternating",
           "momentum"]


@pytest.mark.parametrize("name", METHODS)
def test_no_interval_where_the_map_is_isometric(name):
    # J = [[0, -A], [A^T, 0]] has a 1-dimensional kernel (5 - 2 rank A): every method
    # keeps the eigenvalue 1 there, so rho = 1 for every step size and nothing contracts.
    game = gd.games.bilinear(A_SINGULAR)
    region = gd.stability.stable_step_sizes(game, np.zeros(5), name)
    assert region.intervals == []
    for eta in (0.05, 0.2, 0.4):
        rep = gd.stability.analyze(game, np.zeros(5), gd.dynamics.get_dynamics(name, lr=eta))
        assert rep.map_kind in ("isometric", "expanding")  # the same tolerance: never both


def test_rate_to_solution_set_extragradient_closed_form():
    # Extragradient's map on eigenvalue i*sigma of J: 1 + i eta sigma - eta^2 sigma^2, of
    # squared modulus 1 - eta^2 sigma^2 + eta^4 sigma^4 (Korpelevich 1976; Mokhtari et al.
    # 2020, bilinear case). Off ker J the rate is the max over the nonzero singular values
    # sigma of A, here sqrt(6) and 1; it is below 1 iff eta * sigma_max < 1.
    game = gd.games.bilinear(A_SINGULAR)
    sigmas = np.linalg.svd(A_SINGULAR, compute_uv=False)
    assert sigmas == pytest.approx([np.sqrt(6), 1.0])
    for eta in (0.1, 0.3, 0.45):
        rep = gd.stability.analyze(game, np.zeros(5), Extragradient(eta))
        expected = max(np.sqrt(1 - (eta * s) ** 2 + (eta * s) ** 4) for s in sigmas)
        assert rep.spectral_radius == pytest.approx(max(1.0, expected), abs=1e-12)
        assert rep.rate_to_solution_set == pytest.approx(expected, rel=1e-12)
        assert "not isolated" in rep.explain()
    region = gd.stability.stable_step_sizes(game, np.zeros(5), "extragradient",
                                            to_solution_set=True)
    [(low, high)] = region.intervals
    assert low == 0.0 and high == pytest.approx(1 / np.sqrt(6), rel=1e-9)


def test_rate_to_solution_set_proximal_point_closed_form():
    # proximal point divides by 1 - i eta sigma: modulus 1 / sqrt(1 + eta^2 sigma^2) < 1 for
    # every eta > 0 on the nonzero singular values (Rockafellar 1976).
    game = gd.games.bilinear(A_SINGULAR)
    region = gd.stability.stable_step_sizes(game, np.zeros(5), "proximal_point",
                                            to_solution_set=True)
    assert region.intervals == [(0.0, np.inf)]
    rep = gd.stability.analyze(game, np.zeros(5), gd.dynamics.ProximalPoint(0.5))
    assert rep.rate_to_solution_set == pytest.approx(1 / np.sqrt(1 + 0.25), rel=1e-12)


def test_rate_equals_radius_at_an_isolated_point():
    rep = gd.stability.analyze(gd.games.bilinear(), [0, 0], Extragradient(0.5))
    assert rep.rate_to_solution_set == pytest.approx(rep.spectral_radius, rel=1e-12)


def test_rate_with_a_jordan_block_is_one():
    # M = [[1, 1], [0, 1]]: ker(M - I) is 1-D but the quotient keeps the eigenvalue 1
    assert gd.stability.rate_to_solution_set(np.array([[1.0, 1.0], [0.0, 1.0]])) == 1.0
    assert gd.stability.rate_to_solution_set(np.diag([1.0, 0.5])) == pytest.approx(0.5)


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 3), st.integers(1, 3), st.integers(0, 2 ** 32 - 1),
       st.sampled_from(["extragradient", "optimistic", "proximal_point", "alternating"]))
@example(1, 1, 204073, "extragradient")  # the coupling -1.3e-4
def test_stable_intervals_agree_with_analyze(n1, n2, seed, name):
    # the invariance: every point strictly inside a returned interval has rho < 1 by
    # analyze's own update map, for any (possibly rank-deficient) coupling and any scale;
    # analyze calls it contracting unless rho is within its tolerance of 1 (near an end of
    # the interval, where a slowly contracting map is isometric up to `tol`: found with
    # random examples, a coupling of 1.3e-4 and eta = 0.25 give rho = 1 - 5e-10)
    rng = np.random.default_rng(seed)
    rank = rng.integers(1, min(n1, n2) + 1)
    A = rng.normal(size=(n1, rank)) @ rng.normal(size=(rank, n2))
    game = gd.games.bilinear(A)
    region = gd.stability.stable_step_sizes(game, np.zeros(n1 + n2), name, resolution=64)
    for low, high in region.intervals:
        for eta in (low + 0.25 * (min(high, 10 * low + 1) - low),
                    0.5 * (low + min(high, 10 * low + 1))):
            rep = gd.stability.analyze(game, np.zeros(n1 + n2),
                                       gd.dynamics.get_dynamics(name, lr=eta))
            assert rep.spectral_radius < 1
            assert rep.map_kind == ("contracting" if rep.spectral_radius < 1 - rep.tol
                                    else "isometric")


@pytest.mark.parametrize("k", [(1, 1), (1, 5), (2, 3), (4, 1)])
@pytest.mark.parametrize("eta", [0.3, 0.9, 2.0, (0.5, 2.0), (0.1, 3.0)])
def test_alternating_condition_is_true_for_every_setting(k, eta):
    # Mescheder et al. 2018, Sec. 2.3 (k = (1, 1)); for counts (k1, k2) the k1 player-1
    # updates with y fixed add up (x+ = x - k1 eta1 sigma y), so the round's matrix is
    # [[1, -a], [b, 1 - a b]] with a = k1 eta1 sigma, b = k2 eta2 sigma: det 1, trace 2 - ab.
    sigma = 1.5
    game = gd.games.bilinear(sigma)
    rep = gd.stability.analyze(game, [0, 0], Alternating(eta, k=k))
    e1, e2 = np.broadcast_to(eta, 2)
    product = k[0] * k[1] * e1 * e2 * sigma**2
    trace = 2 - product
    expected = max(abs(np.roots([1.0, -trace, 1.0])))
    assert rep.spectral_radius == pytest.approx(expected, rel=1e-10)
    c = np.sqrt(product)
    assert (rep.map_kind == "isometric") == (c < 2)
    text = rep.explain()
    assert f"{c:.6g}" in text
    assert ("fixed ellipse" in text) == (c < 2)
    assert ("spirals outward" in text) == (c > 2)
    assert "eta*sigma < 2" not in text


def test_issue_case_counts_1_5():
    # the issue's counts (1, 5): at eta = 1, trace 2 - 5 = -3, rho = (3 + sqrt 5)/2 = 2.618;
    # at eta = 2, trace -18, rho = 9 + sqrt 80
    rep = gd.stability.analyze(gd.games.bilinear(), [0, 0], Alternating(1.0, k=(1, 5)))
    assert rep.spectral_radius == pytest.approx((3 + np.sqrt(5)) / 2, rel=1e-12)
    assert "spirals outward" in rep.explain() and "ellipse" not in rep.explain()
    rep = gd.stability.analyze(gd.games.bilinear(), [0, 0], Alternating(2.0, k=(1, 5)))
    assert rep.spectral_radius == pytest.approx(9 + np.sqrt(80), rel=1e-12)


def test_numerical_noise_is_rounded_in_text():
    # v = 3x^2 + 4xy + y^2 from callables: the Jacobian comes from finite differences, so
    # the double eigenvalue -2 splits into -2 +- O(1e-8) i; the text shows -2, -2.
    v = lambda z: 3 * z[..., 0] ** 2 + 4 * z[..., 0] * z[..., 1] + z[..., 1] ** 2  # noqa: E731
    rep = gd.stability.analyze(gd.games.from_value(1, 1, v), [0.0, 0.0],
                               gd.dynamics.Simultaneous(0.1))
    text = str(rep)
    assert "e-0" not in text and "e-1" not in text
    assert "eigenvalues -2, -2" in text
    assert "update-map eigenvalues: 0.8, 0.8" in text


def test_short_repr_and_both_verdicts():
    x, y = sp.symbols("x y")
    game = gd.games.from_sympy(3 * x**2 + 4 * x * y + y**2, minimize=[x], maximize=[y])
    rep = gd.stability.analyze(game, [0, 0], Optimistic(0.1))
    text = repr(rep)
    assert len(text) < 200 and "\n" not in text
    assert "flow='attracting'" in text and "map='contracting'" in text
    assert rep.flow_kind == "attracting" and rep.map_verdict == "attracting"
    flow = gd.stability.analyze(game, [0, 0])
    assert flow.flow_kind == "attracting" and flow.map_kind is None and flow.map_verdict is None
    assert "Flow verdict: attracting" in rep.explain() and "map verdict contracting" in \
        rep.explain()
