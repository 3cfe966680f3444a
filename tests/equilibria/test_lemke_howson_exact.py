"""all_nash and Lemke-Howson from every label, in floating point and in exact arithmetic,
against an independent solver: Gambit's enummixed in rational arithmetic, on 320 games
from 2x2 to 7x7 (float, small-integer, degenerate, and rescaled ones), and the exact
certificate: every
profile from ``lemke_howson(..., exact=True)`` satisfies the best-response conditions in
rational arithmetic.
"""

import importlib
from fractions import Fraction

import numpy as np
import pytest

import gamedyn as gd

gbt = pytest.importorskip("pygambit")
eq = gd.equilibria
lh_module = importlib.import_module("gamedyn.equilibria.lemke_howson")


def gambit_extreme_equilibria(A, B):
    """Gambit's extreme equilibria of the game with exact payoffs ``A``, ``B`` (Fractions)."""
    game = gbt.Game.from_arrays(A.tolist(), B.tolist())
    players = list(game.players)
    found = set()
    for profile in gbt.nash.enummixed_solve(game, rational=True).equilibria:
        found.add(tuple(Fraction(profile[s]) for player in players
                        for s in player.strategies))
    return found


def exact_best_responses_hold(A, B, p, q):
    """Nash's conditions in rational arithmetic: every played row (column) is a best reply."""
    row_values = A.dot(q)
    col_values = p.dot(B)
    return (all(row_values[i] == max(row_values) for i in range(len(p)) if p[i] != 0)
            and all(col_values[j] == max(col_values) for j in range(len(q)) if q[j] != 0))


def sample_games(count, seed):
    """``(game, exact A, exact B, gambit's A, gambit's B)`` in four kinds, cycled."""
    rng = np.random.default_rng(seed)
    for index in range(count):
        m, n = (int(v) for v in rng.integers(2, 8, size=2))
        kind = index % 4
        if kind == 0:  # random floats (multiples of 2**-10: exact for Gambit)
            A, B = np.round(rng.normal(size=(2, m, n)) * 1024) / 1024
        elif kind == 1:  # small integers: ties, often degenerate
            A, B = rng.integers(-2, 3, size=(2, m, n)).astype(float)
        elif kind == 2:  # a duplicated row and column: degenerate by construction
            A, B = rng.integers(-3, 4, size=(2, m, n)).astype(float)
            A, B = (np.concatenate([M, M[:1]]) for M in (A, B))
            A, B = (np.concatenate([M, M[:, :1]], axis=1) for M in (A, B))
        else:  # integers at a scale of 1e-9 .. 1e9 with a shift: Gambit gets the integers
            A, B = rng.integers(-5, 6, size=(2, m, n)).astype(float)
        exact = [np.vectorize(Fraction, otypes=[object])(M) for M in (A, B)]
        if kind == 3:
            scale = 10.0 ** int(rng.integers(-9, 10))
            A, B = A * scale + 1e3 * scale, B * scale - 7e3 * scale
        game = gd.BimatrixGame(A, B)
        yield game, *game.exact_payoffs(), *exact


def _rounded(values):
    return tuple(np.round(np.array([float(v) for v in values]), 7))


def test_all_nash_and_lemke_howson_from_every_label_agree_with_gambit():
    games = degenerate = 0
    for game, A, B, gambit_A, gambit_B in sample_games(320, seed=20261130):
        expected = gambit_extreme_equilibria(gambit_A, gambit_B)
        expected_rounded = {_rounded(e) for e in expected}
        found = eq.all_nash(game)
        degenerate += found.degenerate
        assert {_rounded(np.concatenate(pq)) for pq in found} == expected_rounded, game
        for label in range(sum(game.shape)):
            p, q = eq.lemke_howson(game, initial_label=label)
            assert _rounded(np.concatenate([p, q])) in expected_rounded, (game, label)
            p, q = eq.lemke_howson(game, initial_label=label, exact=True)
            assert exact_best_responses_hold(A, B, p, q), (game, label)
            assert _rounded(np.concatenate([p, q])) in expected_rounded, (game, label)
        games += 1
    assert games == 320 and degenerate >= 80  # the sample exercises degenerate games


def test_exact_lemke_howson_equals_gambit_exactly_on_exact_input():
    # exact input: strings and Fractions, with Gambit's exact answer
    A = [["1/3", "0"], ["0", "2/7"]]
    B = [["2/7", "0"], ["0", "1/3"]]
    game = gd.BimatrixGame(A, B)
    expected = gambit_extreme_equilibria(*game.exact_payoffs())
    for label in range(4):
        p, q = eq.lemke_howson(game, initial_label=label, exact=True)
        assert tuple(p) + tuple(q) in expected


def test_a_failed_certificate_is_finished_in_exact_arithmetic(monkeypatch):
    # the float path ends in a basis whose profile is wrong: the certificate rejects it
    # and the exact path answers instead
    wrong = lambda A, B, label, max_pivots: ([*range(A.shape[0])], [*range(A.shape[0])])  # noqa: E731
    monkeypatch.setattr(lh_module, "_float_path", wrong)
    game = gd.games.battle_of_the_sexes()
    for label in range(4):
        p, q = eq.lemke_howson(game, initial_label=label)
        assert eq.is_nash(game, p, q, tol=0.0)
    monkeypatch.setattr(lh_module, "_profile_from_bases",
                        lambda *args: (np.array([1.0, 0.0]), np.array([0.0, 1.0])))
    p, q = eq.lemke_howson(game, initial_label=0)
    assert eq.is_nash(game, p, q, tol=0.0)
