"""Exact mode: all_nash(g, exact=True) in rational arithmetic.

Checked against closed forms worked by hand, against Gambit's exact enummixed on 360
random games (a third of them tie-heavy and degenerate), against sympy's rational
linear algebra for the integer solver, by the exact best-response conditions, and by
the invariances every equilibrium set has: positive affine maps of either player's
payoffs, permutations of strategies and swapping the players.
"""

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gamedyn as gd
from gamedyn.equilibria.exact import certify_nash, solve_integer

F = Fraction
gbt = pytest.importorskip("pygambit")


def as_set(equilibria):
    return {(tuple(p), tuple(q)) for p, q in equilibria}


def gambit_exact(A, B):
    """Gambit's extreme equilibria as exact Fractions (payoffs given as Fractions)."""
    game = gbt.Game.from_arrays(np.asarray(A, dtype=object), np.asarray(B, dtype=object))
    row, col = list(game.players)
    found = set()
    for profile in gbt.nash.enummixed_solve(game, rational=True).equilibria:
        found.add((tuple(F(str(profile[s])) for s in row.strategies),
                   tuple(F(str(profile[s])) for s in col.strategies)))
    return found


# ------------------------------------------------------------------ closed forms
def test_battle_of_the_sexes_mixed_equilibrium_is_three_fifths():
    # A = [[3, 0], [0, 2]], B = [[2, 0], [0, 3]]: the row player mixes to make the column
    # player indifferent, 2 p = 3 (1 - p) -> p = 3/5; the column player 3 q = 2 (1 - q)
    found = gd.equilibria.all_nash(gd.games.battle_of_the_sexes(), exact=True)
    assert as_set(found) == {
        ((F(1), F(0)), (F(1), F(0))),
        ((F(3, 5), F(2, 5)), (F(2, 5), F(3, 5))),
        ((F(0), F(1)), (F(0), F(1))),
    }
    assert not found.degenerate
    for p, q in found:
        assert p.dtype == object and all(type(v) is Fraction for v in np.concatenate([p, q]))


def test_rock_paper_scissors_is_exactly_uniform():
    found = gd.equilibria.all_nash(gd.games.rock_paper_scissors(), exact=True)
    assert as_set(found) == {((F(1, 3),) * 3, (F(1, 3),) * 3)}


def test_fraction_payoffs_are_used_exactly():
    # A = [[1/3, 0], [0, 2/3]] against B = [[0, 1], [1, 0]]: column indifference gives
    # p = (1/2, 1/2); row indifference q0 / 3 = 2 q1 / 3 gives q = (2/3, 1/3)
    game = gd.BimatrixGame([["1/3", 0], [0, "2/3"]], [[0, 1], [1, 0]])
    assert as_set(gd.equilibria.all_nash(game, exact=True)) == {
        ((F(1, 2), F(1, 2)), (F(2, 3), F(1, 3)))}


def test_a_float_payoff_counts_as_its_binary_fraction():
    # A = [[0.1, 0], [0, 1]] against B = [[0, 1], [1, 0]]: q0 * 0.1 = q1 exactly in the
    # double nearest 0.1, so q0 = 1 / (1 + f) with f = Fraction(0.1)
    f = F(0.1)
    game = gd.BimatrixGame([[0.1, 0], [0, 1]], [[0, 1], [1, 0]])
    (p, q), = gd.equilibria.all_nash(game, exact=True)
    assert tuple(q) == (1 / (1 + f), f / (1 + f)) and tuple(p) == (F(1, 2), F(1, 2))


def test_all_zero_game_has_four_extreme_equilibria_and_is_degenerate():
    found = gd.equilibria.all_nash(gd.BimatrixGame(np.zeros((2, 2)), np.zeros((2, 2))),
                                   exact=True)
    pure = [(F(1), F(0)), (F(0), F(1))]
    assert as_set(found) == {(p, q) for p in pure for q in pure}
    assert found.degenerate


def test_exact_is_validated():
    with pytest.raises(TypeError, match="`exact`"):
        gd.equilibria.all_nash(gd.games.stag_hunt(), exact="yes")
    with pytest.raises(TypeError, match="`game`"):
        gd.equilibria.all_nash([[1, 2]], exact=True)


# ------------------------------------------------------------------ integer solver
@settings(max_examples=60, deadline=None)
@given(st.integers(1, 6).flatmap(
    lambda k: st.lists(st.lists(st.integers(-20, 20), min_size=k, max_size=k),
                       min_size=k, max_size=k)))
def test_fraction_free_solver_matches_sympy(matrix):
    import sympy

    M = sympy.Matrix(matrix)
    solution = solve_integer(matrix)
    if M.det() == 0:
        assert solution is None
        return
    det, numerators = solution
    assert det == abs(M.det())
    expected = M.LUsolve(sympy.ones(len(matrix), 1))
    assert [F(int(v.p), int(v.q)) for v in expected] == [F(v, det) for v in numerators]


# ------------------------------------------------------------------ against Gambit
def random_integer_games(count, seed):
    rng = np.random.default_rng(seed)
    for index in range(count):
        m, n = (int(v) for v in rng.integers(1, 7, size=2))
        kind = index % 3
        if kind == 0:  # generic
            A, B = rng.integers(0, 100, size=(2, m, n))
        elif kind == 1:  # tie-heavy: mostly degenerate
            A, B = rng.integers(0, 3, size=(2, m, n))
        else:  # payoffs over many orders of magnitude (ill-conditioned bases)
            A, B = rng.integers(1, 10, size=(2, m, n)) * 10 ** rng.integers(0, 9, (2, m, n))
        yield A, B


def test_exact_all_nash_equals_gambit_on_360_random_games():
    degenerate = 0
    for A, B in random_integer_games(360, seed=12):
        game = gd.BimatrixGame(A, B)
        found = gd.equilibria.all_nash(game, exact=True)
        degenerate += found.degenerate
        assert as_set(found) == gambit_exact(A.tolist(), B.tolist()), (A, B)
        exact_A, exact_B = game.exact_payoffs()
        assert all(certify_nash(exact_A, exact_B, p, q) for p, q in found)
    assert degenerate >= 60  # the sample really exercises degenerate games


def test_exact_all_nash_equals_gambit_on_fraction_games():
    rng = np.random.default_rng(3)
    for _ in range(30):
        m, n = (int(v) for v in rng.integers(2, 5, size=2))
        A = np.array([F(int(a), int(b)) for a, b in rng.integers(1, 12, size=(m * n, 2))],
                     dtype=object).reshape(m, n)
        B = np.array([F(int(a), int(b)) for a, b in rng.integers(1, 12, size=(m * n, 2))],
                     dtype=object).reshape(m, n)
        found = gd.equilibria.all_nash(gd.BimatrixGame(A, B), exact=True)
        assert as_set(found) == gambit_exact(A, B)


# ------------------------------------------------------------------ invariances
small_games = st.tuples(st.integers(1, 4), st.integers(1, 4), st.integers(1, 6)).flatmap(
    lambda s: st.tuples(
        st.lists(st.integers(0, s[2]), min_size=s[0] * s[1], max_size=s[0] * s[1]),
        st.lists(st.integers(0, s[2]), min_size=s[0] * s[1], max_size=s[0] * s[1]),
        st.just(s[:2]),
    ))
positive = st.fractions(min_value=F(1, 10**9), max_value=10**9).filter(lambda v: v > 0)
shift = st.fractions(min_value=-10**9, max_value=10**9)


@settings(max_examples=80, deadline=None)
@given(small_games, positive, shift, positive, shift, st.randoms(use_true_random=False))
def test_exact_equilibria_are_invariant(game_data, a, b, c, d, random):
    flat_A, flat_B, (m, n) = game_data
    A = np.array([F(v) for v in flat_A], dtype=object).reshape(m, n)
    B = np.array([F(v) for v in flat_B], dtype=object).reshape(m, n)
    base = as_set(gd.equilibria.all_nash(gd.BimatrixGame(A, B), exact=True))
    assert base  # every finite game has an equilibrium
    # positive affine maps of each player's payoffs (scales 1e-9..1e9, shifts to 1e9)
    mapped = gd.BimatrixGame(a * A + b, c * B + d)
    assert as_set(gd.equilibria.all_nash(mapped, exact=True)) == base
    # permutations of both players' strategies
    rows, cols = random.sample(range(m), m), random.sample(range(n), n)
    permuted = gd.BimatrixGame(A[rows][:, cols], B[rows][:, cols])
    expected = {(tuple(p[i] for i in rows), tuple(q[j] for j in cols)) for p, q in base}
    assert as_set(gd.equilibria.all_nash(permuted, exact=True)) == expected
    # swapping the players
    swapped = gd.BimatrixGame(A, B).transpose()
    assert as_set(gd.equilibria.all_nash(swapped, exact=True)) == {(q, p) for p, q in base}


def test_float_scale_is_irrelevant_in_exact_mode():
    # matching pennies times 1e-12 and 1e12: the floats are exact binary fractions
    for scale in (1e-12, 1e12):
        game = gd.BimatrixGame(scale * gd.games.matching_pennies().A)
        found = gd.equilibria.all_nash(game, exact=True)
        assert as_set(found) == {((F(1, 2), F(1, 2)), (F(1, 2), F(1, 2)))}
        assert not found.degenerate


# ------------------------------------------------------------------ zero-sum, exactly
def test_zero_sum_exact_closed_form():
    # A = [[1/3, 1/7], [0, 1/5]]: the row player equalizes the columns,
    # p / 3 = p / 7 + (1 - p) / 5  ->  p = 21/41, value 7/41; the column player
    # q / 3 + (1 - q) / 7 = (1 - q) / 5  ->  q = 6/41
    solution = gd.equilibria.zero_sum(gd.BimatrixGame([["1/3", "1/7"], [0, "1/5"]]),
                                      exact=True)
    assert solution.value == F(7, 41)
    assert tuple(solution.p) == (F(21, 41), F(20, 41))
    assert tuple(solution.q) == (F(6, 41), F(35, 41))


def test_zero_sum_exact_tiny_payoff_keeps_its_sign_and_value():
    solution = gd.equilibria.zero_sum(gd.BimatrixGame([[1e-12]]), exact=True)
    assert solution.value == F(1e-12) > 0


def test_zero_sum_exact_rejects_general_games_and_bad_flags():
    with pytest.raises(ValueError, match="`game` must be zero-sum"):
        gd.equilibria.zero_sum(gd.games.stag_hunt(), exact=True)
    with pytest.raises(TypeError, match="`exact`"):
        gd.equilibria.zero_sum(gd.games.matching_pennies(), exact=1)


def test_zero_sum_exact_is_exactly_constant_sum():
    # 1/3 + 2/3 = 1 exactly although the doubles need not sum to 1
    game = gd.BimatrixGame([["1/3", "2/3"], ["2/3", "1/3"]], [["2/3", "1/3"], ["1/3", "2/3"]])
    solution = gd.equilibria.zero_sum(game, exact=True)
    assert solution.value == F(1, 2) and tuple(solution.p) == (F(1, 2), F(1, 2))


def test_zero_sum_exact_matches_gambit_values_on_random_games():
    rng = np.random.default_rng(7)
    for index in range(60):
        m, n = (int(v) for v in rng.integers(1, 7, size=2))
        A = rng.integers(-3 if index % 2 else -99, 4 if index % 2 else 100, size=(m, n))
        game = gd.BimatrixGame(A)
        solution = gd.equilibria.zero_sum(game, exact=True)
        exact_A, exact_B = game.exact_payoffs()
        assert certify_nash(exact_A, exact_B, solution.p, solution.q)
        p, q = next(iter(gambit_exact(A.tolist(), (-A).tolist())))
        assert solution.value == np.array(p).dot(exact_A).dot(np.array(q))
        assert solution.value == solution.p.dot(exact_A).dot(solution.q)


def test_exact_mode_sees_differences_lost_in_the_doubles():
    # B's entries differ by 3e-9 after a shift of -2.5e8: their doubles merge some, so
    # only the exact payoffs say which columns player 2 prefers (found by hypothesis)
    A = np.zeros((3, 4), dtype=int)
    B = np.array([[0, 0, 0, 0], [1, 0, 0, 3], [2, 0, 3, 0]])
    base = as_set(gd.equilibria.all_nash(gd.BimatrixGame(A, B), exact=True))
    c, d = F(3, 10**9), F(-146124999999, 575)
    shifted = gd.BimatrixGame(A, np.array([[c * v + d for v in row] for row in B.tolist()],
                                          dtype=object))
    assert len(set(shifted.B.ravel())) < 4  # the doubles have lost some of B's order
    assert as_set(gd.equilibria.all_nash(shifted, exact=True)) == base
    assert base == gambit_exact(A.tolist(), B.tolist())


def test_games_beyond_enumeration_are_refused_up_front():
    game = gd.BimatrixGame(np.zeros((20, 20)))
    with pytest.raises(ValueError, match=r"20x20 game.*1.4e\+11.*beyond enumeration.*"
                                         r"lemke_howson"):
        gd.equilibria.all_nash(game, exact=True)


zero_sum_games = st.tuples(st.integers(1, 4), st.integers(1, 4)).flatmap(
    lambda s: st.tuples(st.lists(st.integers(-4, 4), min_size=s[0] * s[1],
                                 max_size=s[0] * s[1]), st.just(s)))


@settings(max_examples=60, deadline=None)
@given(zero_sum_games, positive, shift, st.randoms(use_true_random=False))
def test_zero_sum_exact_value_is_equivariant(data, a, b, random):
    values, (m, n) = data
    A = np.array([F(v) for v in values], dtype=object).reshape(m, n)
    base = gd.equilibria.zero_sum(gd.BimatrixGame(A), exact=True)
    # a A + b against -(a A + b): the value maps to a v + b
    mapped = gd.equilibria.zero_sum(gd.BimatrixGame(a * A + b), exact=True)
    assert mapped.value == a * base.value + b
    rows, cols = random.sample(range(m), m), random.sample(range(n), n)
    permuted = gd.equilibria.zero_sum(gd.BimatrixGame(A[rows][:, cols]), exact=True)
    assert permuted.value == base.value
    # swapping the players: the row player now holds -A^T, whose value is -v
    swapped = gd.equilibria.zero_sum(gd.BimatrixGame(A).transpose(), exact=True)
    assert swapped.value == -base.value
    for solution, game in ((mapped, gd.BimatrixGame(a * A + b)),
                           (swapped, gd.BimatrixGame(A).transpose())):
        assert certify_nash(*game.exact_payoffs(), solution.p, solution.q)


def test_zero_sum_exact_after_a_tiny_scale_and_a_big_shift():
    # A / 4e7 - 8192: the float LP on the raw doubles fails; exact mode feeds it the
    # payoffs mapped exactly onto a fixed range (found by hypothesis)
    A = np.array([[2, 4, 2], [4, 3, -2]])
    base = gd.equilibria.zero_sum(gd.BimatrixGame(A), exact=True)
    a, b = F(1, 40000000), F(-8192)
    mapped = np.array([[a * int(v) + b for v in row] for row in A], dtype=object)
    solution = gd.equilibria.zero_sum(gd.BimatrixGame(mapped), exact=True)
    assert solution.value == a * base.value + b


@pytest.mark.parametrize("exponent", [9, 12, 30, 300])
def test_payoffs_beyond_gambits_range(exponent):
    # pygambit 16.7's enummixed returns no equilibrium at all (impossible by Nash's
    # theorem) once integer payoffs pass about 2**31; exact mode is compared with Gambit
    # on the same game scaled back to small integers (equilibria are scale-free)
    rng = np.random.default_rng(exponent)
    for _ in range(5):
        A, B = rng.integers(0, 10, size=(2, 4, 5))
        big = gd.BimatrixGame(A.astype(object) * 10**exponent,
                              B.astype(object) * 10**exponent)
        found = gd.equilibria.all_nash(big, exact=True)
        assert as_set(found) == gambit_exact(A.tolist(), B.tolist())


@pytest.mark.parametrize("shape", [(2, 62), (1, 100)])
def test_more_than_62_strategies_in_all(shape):
    # label sets no longer fit 64-bit masks past m + n = 62: Python ints take over
    rng = np.random.default_rng(sum(shape))
    A, B = rng.integers(0, 100, size=(2, *shape))
    found = gd.equilibria.all_nash(gd.BimatrixGame(A, B), exact=True)
    assert as_set(found) == gambit_exact(A.tolist(), B.tolist())
    swapped = gd.equilibria.all_nash(gd.BimatrixGame(B.T, A.T), exact=True)
    assert as_set(swapped) == {(q, p) for p, q in as_set(found)}


def test_exact_zero_sum_accepts_every_strictly_competitive_game_as_the_float_path_does():
    # B = d - c A (c > 0) has the equilibria of (A, -A): both modes must accept it and
    # agree; the exact optimal strategies solve the zero-sum game by hand (value 1,
    # p = (3/5, 2/5), q = (1/2, 1/2) for A = [[3, -1], [-2, 4]])
    from fractions import Fraction

    A = np.array([[3, -1], [-2, 4]])
    game = gd.BimatrixGame(A, 7 - Fraction(5, 2) * A)
    exact = gd.equilibria.zero_sum(game, exact=True)
    assert exact.value == 1
    assert list(exact.p) == [Fraction(3, 5), Fraction(2, 5)]
    assert list(exact.q) == [Fraction(1, 2), Fraction(1, 2)]
    floats = gd.equilibria.zero_sum(game)
    np.testing.assert_allclose(floats.p, [0.6, 0.4], rtol=0, atol=1e-12)
    with pytest.raises(ValueError, match="strictly competitive"):
        gd.equilibria.zero_sum(gd.BimatrixGame(A, 7 + 2 * A), exact=True)
    with pytest.raises(ValueError, match="strictly competitive"):
        gd.equilibria.zero_sum(gd.BimatrixGame(np.zeros((2, 2)), A), exact=True)
