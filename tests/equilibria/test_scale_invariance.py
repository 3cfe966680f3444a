"""Equilibria at every payoff scale: the concrete failures of issue 12 as regression
tests, and hypothesis properties for the invariances that cannot change an equilibrium
(a positive affine map of each player's payoffs, permutations of strategies, swapping the
players), checked at scales 1e-9 to 1e9 and shifts up to 1e9.
"""

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import gamedyn as gd
from gamedyn.cli import main

eq = gd.equilibria


def _labels(game):
    return range(sum(game.shape))


# ---------------------------------------------------------------- regressions (issue 12)
def test_lemke_howson_on_the_shifted_degenerate_game_returns_equilibria():
    # each player's payoff: row 1 (all zeros) strictly dominates rows 0 and 2 for the row
    # player, and the column player is indifferent against row 1: every equilibrium has
    # p = (0, 1, 0), with q any mix that keeps row 1 a best reply (all of them).
    M = np.array([[-1, -1, -1], [0, 0, 0], [-1, -1, -10000]])
    game = gd.BimatrixGame(M, M)
    for label in _labels(game):
        p, q = eq.lemke_howson(game, initial_label=label)
        assert p.tolist() == [0.0, 1.0, 0.0]
        assert eq.is_nash(game, p, q, tol=0.0)


@pytest.mark.parametrize("scale", [1e-12, 1e-6, 1.0, 1e6, 1e12])
def test_rock_paper_scissors_at_every_scale_is_uniform_play(scale):
    # the unique equilibrium of RPS is uniform play (von Neumann & Morgenstern 1944)
    game = gd.BimatrixGame(gd.games.rock_paper_scissors().A * scale)
    for label in _labels(game):
        p, q = eq.lemke_howson(game, initial_label=label)
        np.testing.assert_allclose(np.concatenate([p, q]), np.full(6, 1 / 3), rtol=1e-12)
    (p, q), = eq.all_nash(game)
    np.testing.assert_allclose(np.concatenate([p, q]), np.full(6, 1 / 3), rtol=1e-12)


@pytest.mark.parametrize("scale", [1e-12, 1e12])
def test_matching_pennies_at_extreme_scales(scale):
    game = gd.BimatrixGame(gd.games.matching_pennies().A * scale)
    found = eq.all_nash(game)
    assert len(found) == 1 and not found.degenerate and not eq.is_degenerate(game)
    np.testing.assert_allclose(np.concatenate(found[0]), np.full(4, 0.5), rtol=1e-12)
    solution = eq.zero_sum(game)
    np.testing.assert_allclose(np.concatenate([solution.p, solution.q]), np.full(4, 0.5),
                               rtol=1e-9)
    assert solution.value == pytest.approx(0.0, abs=1e-9 * scale)


def test_lemke_howson_with_one_indifferent_player_and_huge_payoffs():
    # the row player is indifferent; the column player's best reply to any row is column
    # 1 (weakly), and row 1 makes column 0 and 1 tie: every (p, (0, 1)) is an equilibrium
    game = gd.BimatrixGame(np.zeros((2, 2)), [[0, 1e12], [1e12, 1e12]])
    for label in _labels(game):
        p, q = eq.lemke_howson(game, initial_label=label)
        assert eq.is_nash(game, p, q, tol=0.0)


def test_zero_sum_keeps_tiny_values():
    solution = eq.zero_sum(gd.BimatrixGame([[1e-12]]))
    assert solution.value == 1e-12
    assert solution.p.tolist() == [1.0] and solution.q.tolist() == [1.0]


@pytest.mark.parametrize("shift, scale", [(1e9, 1.0), (0.0, 1e-12), (-1e9, 1e3)])
def test_is_nash_is_relative_to_the_payoff_range(shift, scale):
    # coordination on the diagonal: (row 0, column 1) leaves both players one payoff
    # range short of the best reply, at every scale and shift
    A = np.eye(2) * scale + shift
    game = gd.BimatrixGame(A, A)
    assert not eq.is_nash(game, [1, 0], [0, 1])
    assert eq.nash_gap(game, [1, 0], [0, 1], relative=True) == pytest.approx(1.0)
    assert eq.is_nash(game, [1, 0], [1, 0]) and eq.is_nash(game, [0.5, 0.5], [0.5, 0.5])


def test_strategies_outside_the_support_are_exactly_zero():
    rng = np.random.default_rng(12)
    for _ in range(40):
        m, n = rng.integers(2, 7, size=2)
        game = gd.BimatrixGame(*rng.normal(size=(2, m, n)) * 10.0 ** rng.integers(-9, 10))
        found = [*eq.all_nash(game)]
        found += [eq.lemke_howson(game, initial_label=k) for k in _labels(game)]
        for p, q in found:
            for x in (p, q):  # a played strategy has a probability far from round-off
                assert np.all((x == 0.0) | (x > 1e-9))
                assert eq.is_nash(game, p, q)


def test_all_nash_refuses_games_beyond_enumeration_with_an_estimate():
    game = gd.BimatrixGame(np.random.default_rng(0).normal(size=(20, 20)))
    with pytest.raises(ValueError, match=r"beyond vertex enumeration.*lemke_howson"):
        eq.all_nash(game)
    with pytest.raises(ValueError, match=r"beyond vertex enumeration"):
        eq.is_degenerate(game)
    vertices, seconds = eq.enumeration_estimate((20, 20))
    assert vertices == 2 * 40060020  # McMullen's bound for a 20-polytope with 40 facets
    assert seconds > 60
    with pytest.raises(TypeError, match="`max_seconds`"):
        eq.all_nash(gd.games.stag_hunt(), max_seconds="never")


def test_cli_says_a_large_game_is_beyond_enumeration(tmp_path, capsys):
    path = tmp_path / "big.nfg"
    gd.games.write_nfg(gd.BimatrixGame(np.random.default_rng(1).integers(0, 9, (30, 30))),
                       path)
    assert main(["equilibria", str(path)]) == 2
    assert "beyond vertex enumeration" in capsys.readouterr().err


def test_progress_bar_appears_past_a_second(capsys):
    import time

    from gamedyn.equilibria.vertex import _with_progress

    assert _with_progress([lambda: time.sleep(1.3) or 7], 2.0, "slow", progress=True) == [7]
    assert "estimated" in capsys.readouterr().err
    assert _with_progress([lambda: 8], 0.1, "fast") == [8]
    assert capsys.readouterr().err == ""


# ---------------------------------------------------------------- properties
def _float_games(max_size=4):
    def build(shape):
        elements = st.floats(-10, 10, allow_nan=False).map(lambda v: round(v, 2))
        return st.tuples(arrays(float, shape, elements=elements),
                         arrays(float, shape, elements=elements))
    return st.tuples(st.integers(1, max_size), st.integers(1, max_size)).flatmap(build)


def _integer_games(max_size=4):
    def build(shape):
        return st.tuples(arrays(int, shape, elements=st.integers(-2, 2)),
                         arrays(int, shape, elements=st.integers(-2, 2)))
    return st.tuples(st.integers(1, max_size), st.integers(1, max_size)).flatmap(build)


def _degenerate_games(max_size=4):
    # a duplicated row and a duplicated column: degenerate by construction
    return _integer_games(max_size - 1).map(
        lambda AB: tuple(np.concatenate([M, M[:1]]) for M in AB)).map(
        lambda AB: tuple(np.concatenate([M, M[:, :1]], axis=1) for M in AB))


def _game_kinds(max_size=4):
    return st.one_of(_float_games(max_size), _integer_games(max_size),
                     _degenerate_games(max_size))


# a positive affine map a M + b; the shift is kept within 1e4 times the scale so that
# aM + b still holds about twelve significant digits of M (beyond, rounding erases the
# game itself, not the algorithm's accuracy)
_scales = st.integers(-9, 9).map(lambda e: 10.0 ** e)
_shifts = st.sampled_from([0.0, 1.0, -3.0, 1e3, -1e6, 1e9])


def _affine(M, scale, shift):
    shift = float(np.clip(shift, -1e4 * scale, 1e4 * scale))
    return scale * np.asarray(M, float) + shift


def _key(pairs):
    return sorted(tuple(np.round(np.concatenate(pq), 7)) for pq in pairs)


@settings(max_examples=60, deadline=None)
@given(_game_kinds(), _scales, _shifts, _scales, _shifts)
def test_all_nash_invariant_under_positive_affine_maps(payoffs, a, b, c, d):
    A, B = payoffs
    base = eq.all_nash(gd.BimatrixGame(A, B))
    moved_game = gd.BimatrixGame(_affine(A, a, b), _affine(B, c, d))
    moved = eq.all_nash(moved_game)
    assert _key(base) == _key(moved)
    assert base.degenerate == moved.degenerate == eq.is_degenerate(moved_game)
    assert eq.pure_nash(moved_game) == eq.pure_nash(gd.BimatrixGame(A, B))


@settings(max_examples=40, deadline=None)
@given(_game_kinds(), _scales, _shifts, _scales, _shifts)
def test_lemke_howson_invariant_under_positive_affine_maps(payoffs, a, b, c, d):
    A, B = payoffs
    game = gd.BimatrixGame(A, B)
    moved = gd.BimatrixGame(_affine(A, a, b), _affine(B, c, d))
    for label in _labels(game):
        p, q = eq.lemke_howson(moved, initial_label=label)
        assert eq.is_nash(moved, p, q) and eq.is_nash(game, p, q, tol=1e-8)
        assert _key([(p, q)]) == _key([eq.lemke_howson(game, initial_label=label)])


@settings(max_examples=40, deadline=None)
@given(_game_kinds(), st.randoms(use_true_random=False), _scales, _shifts)
def test_equilibria_follow_permutations_and_the_player_swap(payoffs, random, a, b):
    A, B = (_affine(M, a, b) for M in payoffs)
    m, n = A.shape
    rows, cols = random.sample(range(m), m), random.sample(range(n), n)
    game = gd.BimatrixGame(A, B)
    permuted = gd.BimatrixGame(A[np.ix_(rows, cols)], B[np.ix_(rows, cols)])
    swapped = game.transpose()
    expected = _key(eq.all_nash(game))
    assert _key((p[np.argsort(rows)], q[np.argsort(cols)])
                for p, q in eq.all_nash(permuted)) == expected
    assert _key((p, q) for q, p in eq.all_nash(swapped)) == expected
    # Lemke-Howson: dropping the same (permuted, swapped) label reaches an equilibrium
    for label in _labels(game):
        p, q = eq.lemke_howson(permuted, initial_label=label)
        assert _key([(p[np.argsort(rows)], q[np.argsort(cols)])])[0] in expected
        q, p = eq.lemke_howson(swapped, initial_label=label)
        assert _key([(p, q)])[0] in expected


@settings(max_examples=30, deadline=None)
@given(_integer_games(3), _scales, _shifts)
def test_zero_sum_invariant_under_positive_affine_maps(payoffs, a, b):
    A = np.asarray(payoffs[0], float)
    base = eq.zero_sum(gd.BimatrixGame(A))
    moved_game = gd.BimatrixGame(_affine(A, a, b), _affine(-A, a * 7, -b))
    moved = eq.zero_sum(moved_game)
    shift = float(np.clip(b, -1e4 * a, 1e4 * a))
    assert moved.value == pytest.approx(a * base.value + shift, rel=1e-9, abs=1e-9 * a)
    assert eq.is_nash(moved_game, moved.p, moved.q)
    assert eq.is_nash(gd.BimatrixGame(A), moved.p, moved.q)


def test_exact_lemke_howson_returns_fractions():
    game = gd.BimatrixGame([[3, 0], [0, 2]], [[2, 0], [0, 3]])  # battle of the sexes
    p, q = eq.lemke_howson(game, initial_label=0, exact=True)
    assert p.dtype == object and all(isinstance(v, Fraction) for v in [*p, *q])
    # mixed equilibrium: p = (3/5, 2/5), q = (2/5, 3/5), or a pure one
    assert (tuple(p), tuple(q)) in {((1, 0), (1, 0)), ((0, 1), (0, 1)),
                                    ((Fraction(3, 5), Fraction(2, 5)),
                                     (Fraction(2, 5), Fraction(3, 5)))}


def test_exact_profiles_can_be_checked_directly():
    game = gd.games.battle_of_the_sexes()
    for label in _labels(game):
        p, q = eq.lemke_howson(game, initial_label=label, exact=True)
        assert eq.is_nash(game, p, q, tol=1e-15) and eq.nash_gap(game, p, q) < 1e-15
    assert not eq.is_nash(game, [Fraction(1), Fraction(0)], [Fraction(0), Fraction(1)])
    with pytest.raises(TypeError, match="`p`"):
        eq.nash_gap(game, np.array(["1/2", "1/2"], dtype=object), [0.5, 0.5])


def test_lemke_howson_rejects_a_non_boolean_exact():
    with pytest.raises(TypeError, match="`exact`"):
        eq.lemke_howson(gd.games.stag_hunt(), exact="yes")

