"""Iterated elimination of strictly dominated strategies: textbook examples worked by
hand, the defining property checked exactly (every removal has a dominator that wins
strictly in every remaining cell), equilibria unchanged by the reduction (against the
exact enumeration), and invariance under affine maps, permutations and player swap.
"""

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gamedyn as gd

F = Fraction


def test_a_row_dominated_only_by_a_mixture():
    # row (1, 1) loses to no pure row (3 > 1 but 0 < 1), but the half-half mixture of
    # rows (3, 0) and (0, 3) earns 3/2 > 1 against both columns
    game = gd.BimatrixGame([[3, 0], [0, 3], [1, 1]], [[1, 0], [0, 1], [1, 1]])
    pure = gd.equilibria.iterated_elimination(game, mixed=False)
    assert pure.rows.tolist() == [0, 1, 2] and not pure.steps
    mixed = gd.equilibria.iterated_elimination(game)
    assert mixed.rows.tolist() == [0, 1] and mixed.cols.tolist() == [0, 1]
    (step,) = mixed.steps
    assert step.player == 1 and step.strategy == 2
    assert step.dominator.dot(game.exact_payoffs()[0]).tolist() > [1, 1]
    assert mixed.game.shape == (2, 2)


def test_gibbons_iterated_example():
    # Gibbons (1992), Section 1.1.B: Right is dominated by Middle for player 2
    # (2 > 1, 1 > 0); then Down by Up (1 > 0, 1 > 0); then Left by Middle (2 > 0):
    # (Up, Middle) survives
    game = gd.BimatrixGame.from_pairs([[(1, 0), (1, 2), (0, 1)], [(0, 3), (0, 1), (2, 0)]],
                                      row_labels=("Up", "Down"),
                                      col_labels=("Left", "Middle", "Right"))
    result = gd.equilibria.iterated_elimination(game)
    assert result.rows.tolist() == [0] and result.cols.tolist() == [1]
    assert [(s.player, s.strategy) for s in result.steps] == [(2, 2), (1, 1), (2, 0)]
    assert result.game.row_labels == ("Up",) and result.game.col_labels == ("Middle",)
    assert "player 2: strategy 2 is strictly dominated by strategy 1" in result.explain()


def test_prisoners_dilemma_reduces_to_mutual_defection():
    game = gd.BimatrixGame.from_pairs([[(3, 3), (0, 5)], [(5, 0), (1, 1)]])
    result = gd.equilibria.iterated_elimination(game)
    assert result.rows.tolist() == [1] and result.cols.tolist() == [1]


def test_mixed_dominance_after_an_earlier_removal():
    # at first row 2 = (1, 1, 9) is undominated (its 9); column 2 is dominated by
    # column 0 for player 2 (2 > 0, 1 > 0, 1 > 0) while columns 0 and 1 are not
    # comparable. Without column 2, row 2 earns (1, 1) < (3/2, 3/2), the half-half mixture
    # of rows 0 and 1, and no pure row beats it
    A = [[3, 0, 0], [0, 3, 0], [1, 1, 9]]
    B = [[2, 1, 0], [1, 2, 0], [1, 1, 0]]
    result = gd.equilibria.iterated_elimination(gd.BimatrixGame(A, B))
    assert [(s.player, s.strategy) for s in result.steps] == [(2, 2), (1, 2)]
    assert result.steps[1].dominator.tolist() == [F(1, 2), F(1, 2), F(0)]
    assert result.rows.tolist() == [0, 1] and result.cols.tolist() == [0, 1]


def test_weak_dominance_and_ties_remove_nothing():
    game = gd.BimatrixGame([[1, 1], [1, 0]], [[1, 1], [1, 1]])  # row 1 weakly dominated
    result = gd.equilibria.iterated_elimination(game)
    assert result.rows.tolist() == [0, 1] and result.cols.tolist() == [0, 1]
    assert result.explain() == "no strictly dominated strategy"


def test_exact_payoffs_decide_close_calls():
    # row 1 beats row 0 by 1e-30 in each column: only the exact payoffs see it
    tiny = F(1, 10**30)
    game = gd.BimatrixGame(np.array([[F(1, 3), F(2, 3)], [F(1, 3) + tiny, F(2, 3) + tiny]],
                                    dtype=object), [[0, 0], [0, 0]])
    result = gd.equilibria.iterated_elimination(game)
    assert result.rows.tolist() == [1]
    assert result.game.exact_payoffs()[0][0, 0] == F(1, 3) + tiny


def test_bad_arguments_are_named():
    with pytest.raises(TypeError, match="`game`"):
        gd.equilibria.iterated_elimination([[1, 0]])
    with pytest.raises(TypeError, match="`mixed`"):
        gd.equilibria.iterated_elimination(gd.games.stag_hunt(), mixed="yes")


def _certify(game, result):
    """Every step's dominator beats the removed strategy strictly in the game left."""
    A, B = game.exact_payoffs()
    rows, cols = list(range(game.shape[0])), list(range(game.shape[1]))
    for step in result.steps:
        if step.player == 1:
            assert step.dominator[step.strategy] == 0 and sum(step.dominator) == 1
            values = step.dominator.dot(A)
            assert all(values[j] > A[step.strategy, j] for j in cols)
            rows.remove(step.strategy)
        else:
            values = B.dot(step.dominator)
            assert all(values[i] > B[i, step.strategy] for i in rows)
            cols.remove(step.strategy)
    assert rows == result.rows.tolist() and cols == result.cols.tolist()


def _as_set(equilibria, rows, cols, shape):
    out = set()
    for p, q in equilibria:
        full_p, full_q = [F(0)] * shape[0], [F(0)] * shape[1]
        for r, v in zip(rows, p):
            full_p[r] = v
        for c, v in zip(cols, q):
            full_q[c] = v
        out.add((tuple(full_p), tuple(full_q)))
    return out


def test_random_games_keep_their_equilibria_and_every_removal_is_certified():
    rng = np.random.default_rng(4)
    removed_by_mixtures = 0
    for index in range(150):
        m, n = (int(v) for v in rng.integers(2, 6, size=2))
        high = 4 if index % 2 else 30
        game = gd.BimatrixGame(*rng.integers(0, high, size=(2, m, n)))
        result = gd.equilibria.iterated_elimination(game)
        _certify(game, result)
        removed_by_mixtures += sum(sum(v != 0 for v in s.dominator) > 1 for s in result.steps)
        before = {(tuple(p), tuple(q)) for p, q in gd.equilibria.all_nash(game, exact=True)}
        after = gd.equilibria.all_nash(result.game, exact=True)
        assert _as_set(after, result.rows, result.cols, game.shape) == before
        # what survives is not dominated in the reduced game (the process is finished)
        again = gd.equilibria.iterated_elimination(result.game)
        assert not again.steps
    assert removed_by_mixtures >= 5


games = st.tuples(st.integers(1, 4), st.integers(1, 4)).flatmap(
    lambda s: st.tuples(st.lists(st.integers(0, 5), min_size=2 * s[0] * s[1],
                                 max_size=2 * s[0] * s[1]), st.just(s)))


@settings(max_examples=60, deadline=None)
@given(games, st.floats(1e-9, 1e9), st.floats(-1e9, 1e9), st.floats(1e-9, 1e9),
       st.floats(-1e9, 1e9), st.randoms(use_true_random=False))
def test_elimination_is_invariant(data, a, b, c, d, random):
    values, (m, n) = data
    A = np.array(values[: m * n]).reshape(m, n)
    B = np.array(values[m * n:]).reshape(m, n)
    base = gd.equilibria.iterated_elimination(gd.BimatrixGame(A, B))
    keep = (set(base.rows.tolist()), set(base.cols.tolist()))
    # positive affine maps, done exactly (the floats a, b, c, d as binary fractions)
    A_exact = np.array([[F(a) * int(v) + F(b) for v in row] for row in A], dtype=object)
    B_exact = np.array([[F(c) * int(v) + F(d) for v in row] for row in B], dtype=object)
    mapped = gd.equilibria.iterated_elimination(gd.BimatrixGame(A_exact, B_exact))
    assert (set(mapped.rows.tolist()), set(mapped.cols.tolist())) == keep
    rows, cols = random.sample(range(m), m), random.sample(range(n), n)
    permuted = gd.equilibria.iterated_elimination(
        gd.BimatrixGame(A[rows][:, cols], B[rows][:, cols]))
    assert {rows[i] for i in permuted.rows} == keep[0]
    assert {cols[j] for j in permuted.cols} == keep[1]
    swapped = gd.equilibria.iterated_elimination(gd.BimatrixGame(A, B).transpose())
    assert (set(swapped.cols.tolist()), set(swapped.rows.tolist())) == keep


def test_mixed_dominance_survives_a_huge_shift():
    # column 0 of B is dominated by the half-half mixture of columns 1 and 2 only; mapped
    # by 1e-9 * B + 2**24 its doubles all collapse, but the exact payoffs do not (found
    # by hypothesis)
    B = np.array([[0, 1, 0], [0, 0, 1]])
    c, d = F(1e-9), F(2**24)
    mapped = np.array([[c * int(v) + d for v in row] for row in B], dtype=object)
    game = gd.BimatrixGame(np.zeros((2, 3)), mapped)
    assert len(set(game.B.ravel())) == 1  # the doubles have forgotten B
    result = gd.equilibria.iterated_elimination(game)
    assert result.cols.tolist() == [1, 2]
    assert result.steps[0].dominator.tolist() == [F(0), F(1, 2), F(1, 2)]
