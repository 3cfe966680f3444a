"""Equilibrium components and maximal Nash subsets (Avis, Rosenberg, Savani & von
Stengel 2010, Section 4), checked on textbook degenerate games worked by hand and, on
random tie-heavy games, by exact arithmetic: sampled convex combinations inside every
maximal subset are equilibria, no extreme strategy can be added to one, and components
share no extreme strategy.
"""

from fractions import Fraction

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

import gamedyn as gd
from gamedyn.equilibria.exact import certify_nash

F = Fraction


def keys(vertices):
    return {tuple(v) for v in vertices}


def test_von_stengel_degenerate_3x2_game():
    # von Stengel (2002), Handbook of Game Theory 3, ch. 45, Section 2.6: the top row of
    # B is (3, 3), so against it both columns are best responses. By hand: the top row
    # is a best response to y iff 3 >= 2 y1 + 5 y2 and 3 >= 6 y2, i.e. y2 <= 1/3; so
    # x = (1, 0, 0) with y from (1, 0) to (2/3, 1/3) is a segment of equilibria. The
    # other equilibrium: y = (1/3, 2/3) makes rows 2 and 3 tie at 4 > 3, and
    # x = (0, 1/3, 2/3) makes the columns tie at 8/3.
    game = gd.BimatrixGame([[3, 3], [2, 5], [0, 6]], [[3, 3], [2, 6], [3, 1]])
    found = gd.equilibria.all_nash(game, exact=True)
    assert found.degenerate
    segment, isolated = found.components
    (subset,) = segment.maximal_subsets
    assert keys(subset.p_vertices) == {(F(1), F(0), F(0))}
    assert keys(subset.q_vertices) == {(F(1), F(0)), (F(2, 3), F(1, 3))}
    assert len(segment.equilibria) == 2
    (subset,) = isolated.maximal_subsets
    assert keys(subset.p_vertices) == {(F(0), F(1, 3), F(2, 3))}
    assert keys(subset.q_vertices) == {(F(1, 3), F(2, 3))}
    # the float enumeration groups the same way
    floats = gd.equilibria.all_nash(game).components
    assert [len(c.equilibria) for c in floats] == [2, 1]


def test_all_zero_game_is_one_component_with_four_extreme_points():
    found = gd.equilibria.all_nash(gd.BimatrixGame(np.zeros((2, 2)), np.zeros((2, 2))),
                                   exact=True)
    (component,) = found.components
    assert len(component.equilibria) == 4
    (subset,) = component.maximal_subsets  # conv{e1, e2} x conv{e1, e2}: everything
    pure = {(F(1), F(0)), (F(0), F(1))}
    assert keys(subset.p_vertices) == pure and keys(subset.q_vertices) == pure


def test_nondegenerate_games_have_singleton_components():
    found = gd.equilibria.all_nash(gd.games.battle_of_the_sexes(), exact=True)
    components = found.components
    assert len(components) == 3
    assert all(len(c.maximal_subsets) == 1 and len(c.equilibria) == 1 for c in components)


def test_maximal_subsets_on_random_tie_heavy_games():
    rng = np.random.default_rng(2010)
    several_subsets = 0
    for _ in range(120):
        m, n = (int(v) for v in rng.integers(2, 5, size=2))
        game = gd.BimatrixGame(*rng.integers(0, 3, size=(2, m, n)))
        found = gd.equilibria.all_nash(game, exact=True)
        A, B = game.exact_payoffs()
        edges = {(tuple(p), tuple(q)) for p, q in found}
        all_p, all_q = {p for p, _ in edges}, {q for _, q in edges}
        covered = set()
        seen_p, seen_q = set(), set()
        for component in found.components:
            several_subsets += len(component.maximal_subsets) > 1
            comp_p = {tuple(p) for p, _ in component.equilibria}
            comp_q = {tuple(q) for _, q in component.equilibria}
            assert not (comp_p & seen_p) and not (comp_q & seen_q)  # disjoint components
            seen_p |= comp_p
            seen_q |= comp_q
            for X, Y in component.maximal_subsets:
                X_keys, Y_keys = keys(X), keys(Y)
                assert {(x, y) for x in X_keys for y in Y_keys} <= edges  # a biclique
                covered |= {(x, y) for x in X_keys for y in Y_keys}
                for extra in all_p - X_keys:  # maximal: no extreme p can join X
                    assert any((extra, y) not in edges for y in Y_keys)
                for extra in all_q - Y_keys:
                    assert any((x, extra) not in edges for x in X_keys)
                for _ in range(3):  # convex combinations are equilibria, exactly
                    a = [F(int(v)) for v in rng.integers(1, 10, len(X))]
                    b = [F(int(v)) for v in rng.integers(1, 10, len(Y))]
                    p = sum(w * x for w, x in zip(a, X)) / sum(a)
                    q = sum(w * y for w, y in zip(b, Y)) / sum(b)
                    assert certify_nash(A, B, p, q)
        assert covered == edges
    assert several_subsets >= 3  # components made of several maximal subsets occurred


def _shape(components, rows=None, cols=None, swap=False):
    """Components as a set of frozensets of maximal subsets, each a pair of frozensets of
    extreme strategies (optionally permuted back or with the players swapped)."""
    out = set()
    for component in components:
        subsets = set()
        for X, Y in component.maximal_subsets:
            X = frozenset(tuple(x[i] for i in rows) if rows else tuple(x) for x in X)
            Y = frozenset(tuple(y[j] for j in cols) if cols else tuple(y) for y in Y)
            subsets.add((Y, X) if swap else (X, Y))
        out.add(frozenset(subsets))
    return out


tie_games = st.tuples(st.integers(1, 4), st.integers(1, 4)).flatmap(
    lambda s: st.tuples(st.lists(st.integers(0, 2), min_size=2 * s[0] * s[1],
                                 max_size=2 * s[0] * s[1]), st.just(s)))


@settings(max_examples=60, deadline=None)
@given(tie_games, st.fractions(min_value=F(1, 10**9), max_value=10**9).filter(lambda v: v > 0),
       st.fractions(min_value=-10**9, max_value=10**9), st.randoms(use_true_random=False))
def test_components_are_invariant(data, a, b, random):
    values, (m, n) = data
    A = np.array(values[: m * n], dtype=object).reshape(m, n)
    B = np.array(values[m * n:], dtype=object).reshape(m, n)
    base = _shape(gd.equilibria.all_nash(gd.BimatrixGame(A, B), exact=True).components)
    mapped = gd.BimatrixGame(A * a + b, B * a - b)
    assert _shape(gd.equilibria.all_nash(mapped, exact=True).components) == base
    rows, cols = random.sample(range(m), m), random.sample(range(n), n)
    permuted = gd.BimatrixGame(A[rows][:, cols], B[rows][:, cols])
    # a permuted strategy s' has s'[k] = s[rows[k]]; map back with the inverse order
    inverse_rows = [rows.index(i) for i in range(m)]
    inverse_cols = [cols.index(j) for j in range(n)]
    assert _shape(gd.equilibria.all_nash(permuted, exact=True).components,
                  inverse_rows, inverse_cols) == base
    swapped = gd.BimatrixGame(A, B).transpose()
    assert _shape(gd.equilibria.all_nash(swapped, exact=True).components, swap=True) == base
