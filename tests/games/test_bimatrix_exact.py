"""BimatrixGame with exact payoffs: Fractions, number strings and big integers are kept
exactly, floats count as the binary fractions they store, and the textbook table of
payoff pairs builds the same game as the two matrices.
"""

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import gamedyn as gd

F = Fraction


def test_fraction_and_string_entries_are_kept_exactly():
    game = gd.BimatrixGame([["1/3", F(2, 7)], [" -5/6 ", 1]], [["0.1", 2], [3, "4"]])
    A, B = game.exact_payoffs()
    assert A.dtype == object and B.dtype == object
    assert A.tolist() == [[F(1, 3), F(2, 7)], [F(-5, 6), F(1)]]
    assert B.tolist() == [[F(1, 10), F(2)], [F(3), F(4)]]  # "0.1" is one tenth exactly
    assert all(isinstance(v, Fraction) for v in np.concatenate([A.ravel(), B.ravel()]))
    # the float view is the nearest double of each exact value
    np.testing.assert_array_equal(game.A, [[1 / 3, 2 / 7], [-5 / 6, 1.0]])
    assert game.A.dtype == np.float64 and game.B[0, 0] == 0.1


def test_floats_count_as_their_binary_fractions():
    A, _ = gd.BimatrixGame([[0.1, 0.5]]).exact_payoffs()
    assert A[0, 0] == F(3602879701896397, 2**55) != F(1, 10)
    assert A[0, 1] == F(1, 2)


def test_numbers_mixed_with_strings_keep_their_own_value():
    # numpy would turn 0.1 into the text "0.1" (one tenth); the float's value is kept
    A, _ = gd.BimatrixGame([[0.1, "1/3"]]).exact_payoffs()
    assert A.tolist() == [[F(0.1), F(1, 3)]]


def test_object_arrays_and_huge_integers_are_exact():
    big = 2**60 + 1  # not a float64
    A = np.array([[F(1, 3), big]], dtype=object)
    game = gd.BimatrixGame(A, np.array([[big, 0]]))
    exact_A, exact_B = game.exact_payoffs()
    assert exact_A[0, 1] == big and exact_B[0, 0] == big
    assert game.A[0, 1] == float(big)


def test_omitted_B_is_the_exact_negative_and_transpose_keeps_exact_values():
    game = gd.BimatrixGame([["1/3", "2/3"], ["1/7", 0]])
    A, B = game.exact_payoffs()
    assert (B == -A).all()
    swapped_A, swapped_B = game.transpose().exact_payoffs()
    assert (swapped_A == B.T).all() and (swapped_B == A.T).all()


def test_exact_payoffs_are_copies():
    game = gd.BimatrixGame([["1/3", 1]])
    A, _ = game.exact_payoffs()
    A[0, 0] = F(5)
    assert game.exact_payoffs()[0][0, 0] == F(1, 3)


def test_equality_sees_differences_finer_than_floats():
    assert gd.BimatrixGame([["1/3"]]) != gd.BimatrixGame([[1 / 3]])
    assert gd.BimatrixGame([["1/3"]]) == gd.BimatrixGame([[F(1, 3)]])
    assert gd.BimatrixGame([["1/2"]]) == gd.BimatrixGame([[0.5]])


def test_table_shows_fractions():
    assert "1/3, -1/3" in gd.BimatrixGame([["1/3", 0]]).table()


@pytest.mark.parametrize("bad, error, words", [
    ([["1/3", "x"]], TypeError, "real numbers.*'x'"),
    ([[F(1, 3), None]], TypeError, "real numbers.*None"),
    ([[F(1, 3), True]], TypeError, "booleans"),
    ([[F(1, 3), 1j]], TypeError, "complex"),
    ([[F(1, 3), float("nan")]], ValueError, "finite.*NaN"),
    ([[F(1, 3), float("inf")]], ValueError, "finite"),
    ([[10**400, 1]], ValueError, "finite"),
    ([["1/0"]], TypeError, "real numbers"),
    ([F(1, 3), 1], ValueError, "2-dimensional"),
    (np.empty((0, 2), dtype=object), ValueError, "empty"),
])
def test_bad_exact_entries_are_rejected_and_named(bad, error, words):
    with pytest.raises(error, match=words) as info:
        gd.BimatrixGame(bad)
    assert "`A`" in str(info.value)


def test_from_pairs_reads_the_textbook_table():
    # Prisoner's dilemma as printed: (row payoff, column payoff) in each cell
    game = gd.BimatrixGame.from_pairs([[(3, 3), (0, 5)], [(5, 0), (1, 1)]], name="pd")
    np.testing.assert_array_equal(game.A, [[3, 0], [5, 1]])
    np.testing.assert_array_equal(game.B, [[3, 5], [0, 1]])
    assert game.name == "pd"
    exact = gd.BimatrixGame.from_pairs([[("1/3", 1)], [(0, "2/3")]])
    A, B = exact.exact_payoffs()
    assert A.tolist() == [[F(1, 3)], [F(0)]] and B.tolist() == [[F(1)], [F(2, 3)]]


@pytest.mark.parametrize("bad, error, words", [
    (np.zeros((2, 2, 3)), ValueError, r"\(m, n, 2\)"),
    (np.zeros((2, 2)), ValueError, "3-dimensional"),
    ([[(1, "a")]], TypeError, "real numbers"),
    ([[(1, np.nan)]], ValueError, "NaN"),
])
def test_from_pairs_validates(bad, error, words):
    with pytest.raises(error, match=words) as info:
        gd.BimatrixGame.from_pairs(bad)
    assert "`pairs`" in str(info.value)


@given(st.lists(st.tuples(st.integers(-10**6, 10**6), st.integers(1, 10**6)),
                min_size=6, max_size=6))
def test_random_fractions_round_trip_through_strings_and_pairs(entries):
    values = [F(a, b) for a, b in entries]
    A = np.array(values, dtype=object).reshape(2, 3)
    text = [[str(v) for v in row] for row in A]
    from_text = gd.BimatrixGame(text, A)
    exact_A, exact_B = from_text.exact_payoffs()
    assert (exact_A == A).all() and (exact_B == A).all()
    pairs = np.stack([A, A], axis=-1)
    assert gd.BimatrixGame.from_pairs(pairs) == from_text
    np.testing.assert_array_equal(from_text.A, [[float(v) for v in row] for row in A])
