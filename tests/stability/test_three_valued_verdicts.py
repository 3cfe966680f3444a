"""Local Nash / minimax verdicts are three-valued (issue 18 an18, point 1): True where the
second-order sufficient condition holds (negative definite own blocks), False where the
necessary condition fails (a positive eigenvalue: that player gains by a small deviation),
None where the test is inconclusive (semidefinite). Ratliff, Burden & Sastry (2013/2016);
Jin, Netrapalli & Jordan (2020), Props. 19-20. Bimatrix games use the exact check."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

import gamedyn as gd
from gamedyn.cli import main

a, b = sp.symbols("a b")


def test_bilinear_origin_is_inconclusive_not_non_nash(capsys):
    # v = a b: u1 = -a b, u2 = a b; d2u1/da2 = 0 = d2u2/db2: the necessary condition
    # (semidefinite) holds, the sufficient one (definite) fails. (0, 0) is the unique Nash
    # point of v = a b (for b != 0 player 1 gains by moving a against b's sign).
    rep = gd.stability.analyze(gd.games.bilinear(), [0.0, 0.0], dynamics="extragradient")
    assert rep.local_nash is None and rep.local_minimax is None and rep.stackelberg is None
    assert rep.concepts is not None
    assert [e.tolist() for e in rep.concepts.own_eigenvalues] == [[0.0], [0.0]]
    text = rep.explain()
    assert "local Nash equilibrium: inconclusive (second-order test)" in text
    assert "non-Nash" not in text
    assert main(["analyze", "bilinear", "--dynamics", "extragradient"]) == 0
    out = capsys.readouterr().out
    assert "inconclusive (second-order test)" in out and "non-Nash" not in out


@pytest.mark.parametrize(("v", "nash", "minimax"), [
    # (v, local Nash, strict local minimax); player 1 (a) minimizes v, player 2 (b) maximizes
    (a**2 - b**2, True, True),        # u1'' = -2, u2'' = -2: strict Nash and strict minimax
    (b**2 - a**2, False, False),      # u1'' = +2: player 1 gains by moving a (and b too)
    (-a**2 - b**2, False, False),     # u1'' = +2; v_yy = -2 < 0, Schur -2 < 0
    (a**2, None, None),               # u1'' = -2 strict, u2'' = 0 flat: inconclusive
    (a**2 + b**2, False, False),      # u2'' = +2: b sits at a minimum of what it maximizes
    (a * b, None, None),              # both flat
    (a**2 + 2 * a * b - b**2, True, True),   # own blocks -2, -2 (strict), cross terms aside
])
def test_zero_sum_verdicts_by_hand(v, nash, minimax):
    # Minimax by hand (Jin et al. 2020): v_yy < 0 and S = v_xx - v_xy^2 / v_yy > 0 -> True;
    # v_yy > 0, or v_yy < 0 and S < 0 -> False; otherwise None.
    # -a^2 - b^2: v_yy = -2, S = -2 < 0 -> False. a^2: v_yy = 0 -> None.
    # a^2 + 2ab - b^2: v_yy = -2, S = 2 + 4/2 = 4 > 0 -> True.
    game = gd.games.from_sympy(v, minimize=[a], maximize=[b])
    rep = gd.stability.analyze(game, [0, 0])
    assert rep.local_nash is nash
    assert rep.local_minimax is minimax and rep.stackelberg is minimax
    words = {True: "yes", False: "no", None: "inconclusive (second-order test)"}
    assert f"local Nash equilibrium: {words[nash]}" in rep.explain()


def test_one_strict_and_one_semidefinite_player_general_sum():
    # u1 = -a^2 (strict max at 0); u2 = a b^3 has d2u2/db2 = 6 a b = 0 at 0: inconclusive
    game = gd.games.from_sympy(payoffs=(-a**2, a * b**3), players=([a], [b]))
    rep = gd.stability.analyze(game, [0, 0])
    assert rep.local_nash is None and rep.stackelberg is None
    # u2 = +b^2: player 2 can improve -> False, whatever player 1's block is
    game = gd.games.from_sympy(payoffs=(-a**2, b**2), players=([a], [b]))
    assert gd.stability.analyze(game, [0, 0]).local_nash is False


def test_pure_source_u_squares_is_not_nash():
    # u1 = a^2, u2 = b^2: each player is at a minimum of its own payoff -> False
    game = gd.games.from_sympy(payoffs=(a**2, b**2), players=([a], [b]))
    rep = gd.stability.analyze(game, [0, 0])
    assert rep.local_nash is False and rep.stackelberg is False


def test_a_non_stationary_point_is_not_nash():
    game = gd.games.from_sympy(a**2 - b**2, minimize=[a], maximize=[b])
    rep = gd.stability.analyze(game, [1.0, 0.0], require_fixed_point=False)
    assert rep.local_nash is False and rep.local_minimax is False


_signs = st.sampled_from([-1, 0, 1])


@settings(max_examples=60, deadline=None)
@given(st.lists(_signs, min_size=2, max_size=2), st.lists(_signs, min_size=2, max_size=2),
       st.integers(-3, 3), st.integers(-3, 3))
def test_verdict_follows_the_signs_of_the_own_eigenvalues(d1, d2, c1, c2):
    # u1 = x^T U D1 U^T x / 2 + c1 x.y, u2 = y^T U D2 U^T y / 2 + c2 x.y with the exact
    # rotation U = [[3/5, -4/5], [4/5, 3/5]]: own eigenvalues are exactly D1 and D2, so the
    # verdict is False if any is positive, True if all are negative, else None.
    U = sp.Matrix([[Fraction(3, 5), Fraction(-4, 5)], [Fraction(4, 5), Fraction(3, 5)]])
    x = sp.Matrix(sp.symbols("x0 x1"))
    y = sp.Matrix(sp.symbols("y0 y1"))
    P = U * sp.diag(*d1) * U.T
    Q = U * sp.diag(*d2) * U.T
    u1 = (x.T * P * x)[0] / 2 + c1 * (x.T * y)[0]
    u2 = (y.T * Q * y)[0] / 2 + c2 * (x.T * y)[0]
    game = gd.games.from_sympy(payoffs=(u1, u2), players=(list(x), list(y)))
    rep = gd.stability.analyze(game, np.zeros(4))
    signs = d1 + d2
    expected = False if max(signs) > 0 else (True if max(signs) < 0 else None)
    assert rep.local_nash is expected


@pytest.mark.parametrize(("game", "p", "q", "nash"), [
    # matching pennies: the uniform profile is the unique Nash equilibrium (by indifference)
    (gd.games.matching_pennies(), [0.5, 0.5], [0.5, 0.5], True),
    (gd.games.matching_pennies(), [1.0, 0.0], [1.0, 0.0], False),
    # RPS: uniform (A q = 0 for every row)
    (gd.games.rock_paper_scissors(), [1 / 3] * 3, [1 / 3] * 3, True),
    # stag hunt A = [[4, 1], [3, 2]]: 4q + (1 - q) = 3q + 2(1 - q) at q = 1/2; both pure
    # diagonal profiles are strict equilibria; (Stag, Hare) is not (row gains 2 - 1)
    (gd.games.stag_hunt(), [0.5, 0.5], [0.5, 0.5], True),
    (gd.games.stag_hunt(), [1.0, 0.0], [1.0, 0.0], True),
    (gd.games.stag_hunt(), [1.0, 0.0], [0.0, 1.0], False),
])
@pytest.mark.parametrize("dynamics", [None, "replicator", "hedge"])
def test_bimatrix_games_use_the_exact_nash_check(game, p, q, nash, dynamics):
    # payoffs are linear in each player's own strategy: own Hessians are 0 and the
    # second-order test can never decide; a local improvement is a global one, so the
    # exact check decides both.
    # (a non-Nash vertex rests under the replicator and Hedge but not under the projected
    # gradient flow, which moves off it)
    rep = gd.stability.analyze(game, (p, q), dynamics=dynamics,
                               require_fixed_point=dynamics is not None)
    assert rep.local_nash is nash
    text = rep.explain()
    assert "exact bimatrix check" in text and "is_nash" in text
    if nash:
        assert "non-Nash" not in text


def test_the_summary_line_uses_the_explanations_words():
    # v = a b at 0: every second-order test is inconclusive (own Hessians are 0), and the
    # game is zero-sum, so the minimax test applies; the summary must not say "n/a"
    import gamedyn as gd

    report = gd.stability.analyze(gd.games.bilinear(), [0.0, 0.0], dynamics="extragradient")
    summary = next(line for line in str(report).splitlines() if "local Nash:" in line)
    assert summary.count("inconclusive (second-order test)") == 3, summary
    assert "n/a" not in summary
