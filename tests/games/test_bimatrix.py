"""BimatrixGame: validation, immutability, payoffs by hand and as a bilinear form,
best responses with ties, labels and reprs.

Payoffs follow the convention of DESIGN.md: ``u1 = p @ A @ q``, ``u2 = p @ B @ q``, both
players maximize.
"""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import gamedyn as gd

finite = st.floats(-10, 10, allow_nan=False, allow_infinity=False)


def simplex_points(size, batch=()):
    """Hypothesis strategy: arrays of shape ``(*batch, size)`` on the probability simplex."""
    raw = arrays(float, batch + (size,), elements=st.floats(0.01, 1.0))
    return raw.map(lambda a: a / a.sum(axis=-1, keepdims=True))


# ------------------------------------------------------------------ validation
BAD_MATRICES = [
    pytest.param([[1, 2], [3]], TypeError, "ragged", id="ragged"),
    pytest.param([], ValueError, "empty|dimensional", id="empty-list"),
    pytest.param(np.zeros((0, 3)), ValueError, "empty", id="empty-2d"),
    pytest.param([[]], ValueError, "empty", id="empty-row"),
    pytest.param([[1, np.nan]], ValueError, "NaN", id="nan"),
    pytest.param([[1, np.inf]], ValueError, "finite", id="inf"),
    pytest.param([[1, -np.inf]], ValueError, "finite", id="-inf"),
    pytest.param("payoffs", TypeError, "string", id="string"),
    pytest.param([["a", "b"]], TypeError, "real numbers", id="strings-inside"),
    pytest.param([[1 + 2j, 0]], TypeError, "complex", id="complex"),
    pytest.param([[True, False]], TypeError, "booleans", id="bools"),
    pytest.param([[None, 1]], TypeError, "real numbers", id="none"),
    pytest.param([1, 2, 3], ValueError, "2-dimensional", id="1-d"),
    pytest.param(np.ones((2, 2, 2)), ValueError, "2-dimensional", id="3-d"),
    pytest.param(5.0, ValueError, "2-dimensional", id="scalar"),
]


@pytest.mark.parametrize("bad, error, words", BAD_MATRICES)
def test_a_bad_A_is_rejected_and_named(bad, error, words):
    with pytest.raises(error, match=words) as info:
        gd.BimatrixGame(bad)
    assert "`A`" in str(info.value)


@pytest.mark.parametrize("bad, error, words", BAD_MATRICES)
def test_a_bad_B_is_rejected_and_named(bad, error, words):
    with pytest.raises(error, match=words) as info:
        gd.BimatrixGame(np.ones((1, 2)), bad)  # B is checked before the shapes are compared
    assert "`B`" in str(info.value)


@pytest.mark.parametrize("A, B", [([[1, 2]], [[1], [2]]), (np.ones((2, 3)), np.ones((3, 2))),
                                  (np.ones((2, 2)), np.ones((2, 3)))])
def test_mismatched_shapes_name_both_and_show_the_shapes(A, B):
    with pytest.raises(ValueError, match=r"`A` and `B`.*A \(\d, \d\) and B \(\d, \d\)"):
        gd.BimatrixGame(A, B)


def test_labels_and_name_are_validated():
    with pytest.raises(ValueError, match="`row_labels`"):
        gd.BimatrixGame(np.ones((2, 2)), row_labels=("a",))
    with pytest.raises(ValueError, match="`col_labels`"):
        gd.BimatrixGame(np.ones((2, 2)), col_labels=("a", 2))
    with pytest.raises(TypeError, match="`row_labels`"):
        gd.BimatrixGame(np.ones((2, 2)), row_labels="ab")
    with pytest.raises(TypeError, match="`name`"):
        gd.BimatrixGame(np.ones((2, 2)), name=3)


def test_integer_input_becomes_float_and_is_copied():
    A = np.array([[1, 2], [3, 4]])
    game = gd.BimatrixGame(A, A.T)
    A[0, 0] = 100  # the game must not see later changes to the caller's array
    assert game.A.dtype == np.float64 and game.B.dtype == np.float64
    np.testing.assert_array_equal(game.A, [[1, 2], [3, 4]])
    np.testing.assert_array_equal(game.B, [[1, 3], [2, 4]])


# ------------------------------------------------------------------ immutability
def test_zero_sum_default_is_minus_A_without_negative_zeros():
    game = gd.BimatrixGame([[1, -2], [0, 3]])
    np.testing.assert_array_equal(game.B, [[-1, 2], [0, -3]])
    assert not np.any(np.signbit(game.B[game.B == 0]))
    assert game.is_zero_sum and game.is_constant_sum and game.shape == (2, 2)
    general = gd.games.stag_hunt()
    assert not general.is_zero_sum and not general.is_constant_sum
    shifted = gd.BimatrixGame([[1, 2]], [[4, 3]])  # A + B = 5 everywhere
    assert shifted.is_constant_sum and not shifted.is_zero_sum


def test_arrays_are_read_only_and_attributes_frozen():
    game = gd.games.stag_hunt()
    for array in (game.A, game.B):
        assert not array.flags.writeable
        with pytest.raises(ValueError, match="read-only"):
            array[0, 0] = 5
    for attribute in ("A", "B", "name", "row_labels", "new_attribute"):
        with pytest.raises(AttributeError, match="immutable"):
            setattr(game, attribute, None)


def test_equality_hash_and_transpose():
    one, two = gd.games.stag_hunt(), gd.BimatrixGame([[4, 1], [3, 2]], [[4, 3], [1, 2]])
    assert one == two and hash(one) == hash(two)
    assert one != gd.games.chicken()
    swapped = gd.games.pigs().transpose()
    np.testing.assert_array_equal(swapped.A, [[2, -1], [3, 0]])  # the little pig's B.T
    np.testing.assert_array_equal(swapped.B, [[4, 6], [2, 0]])
    assert swapped.row_labels == ("Press", "Wait")


# ------------------------------------------------------------------ payoffs
def test_stag_hunt_payoffs_by_hand():
    # p = (1/2, 1/2), q = (1, 0): u1 = (4 + 3) / 2 = 3.5, u2 = (4 + 1) / 2 = 2.5
    u1, u2 = gd.games.stag_hunt().payoffs([0.5, 0.5], [1.0, 0.0])
    assert (float(u1), float(u2)) == (3.5, 2.5)
    assert u1.shape == () and u2.shape == ()


def test_rps_and_matching_pennies_payoffs_by_hand():
    rps = gd.games.rock_paper_scissors()
    # Paper (row 1) against Rock (column 0) wins: +1 for the row player, -1 for the column
    u1, u2 = rps.payoffs([0, 1, 0], [1, 0, 0])
    assert (float(u1), float(u2)) == (1.0, -1.0)
    # uniform play is worth 0 to both (the value of the game)
    u1, u2 = rps.payoffs(np.full(3, 1 / 3), [0.2, 0.5, 0.3])
    assert abs(float(u1)) < 1e-15 and abs(float(u2)) < 1e-15
    # Matching Pennies with p = (3/4, 1/4), q = (1/4, 3/4): u1 = (2p - 1)(2q - 1) = -1/4
    u1, _ = gd.games.matching_pennies().payoffs([0.75, 0.25], [0.25, 0.75])
    assert float(u1) == -0.25


def test_row_and_column_payoffs_by_hand():
    game = gd.games.battle_of_the_sexes()  # A = [[3, 0], [0, 2]], B = [[2, 0], [0, 3]]
    np.testing.assert_allclose(game.row_payoffs([0.4, 0.6]), [1.2, 1.2])
    np.testing.assert_allclose(game.col_payoffs([0.6, 0.4]), [1.2, 1.2])
    np.testing.assert_array_equal(game.row_payoffs([[1, 0], [0, 1]]), [[3, 0], [0, 2]])


@settings(max_examples=40, deadline=None)
@given(arrays(float, (3, 4), elements=finite), arrays(float, (3, 4), elements=finite),
       simplex_points(3), simplex_points(3), simplex_points(4), st.floats(0, 1))
def test_payoffs_are_bilinear(A, B, p1, p2, q, weight):
    game = gd.BimatrixGame(A, B)
    mix = weight * p1 + (1 - weight) * p2
    mix = mix / mix.sum()
    for k in range(2):
        mixed = game.payoffs(mix, q)[k]
        combined = weight * game.payoffs(p1, q)[k] + (1 - weight) * game.payoffs(p2, q)[k]
        assert mixed == pytest.approx(combined, abs=1e-10)
        # and linear in q: the payoff is the q-average of the pure-column payoffs
        pure = [game.payoffs(mix, np.eye(4)[j])[k] for j in range(4)]
        assert mixed == pytest.approx(np.dot(q, pure), abs=1e-10)


@settings(max_examples=30, deadline=None)
@given(arrays(float, (3, 4), elements=finite), simplex_points(3, (5,)),
       simplex_points(4, (5,)))
def test_batched_payoffs_equal_the_loop(A, p, q):
    B = 2 * A + 1
    u1, u2 = gd.BimatrixGame(A, B).payoffs(p, q)
    assert u1.shape == u2.shape == (5,)
    for k in range(5):
        assert u1[k] == pytest.approx(sum(p[k, i] * A[i, j] * q[k, j]
                                          for i in range(3) for j in range(4)), abs=1e-10)
        assert u2[k] == pytest.approx(p[k] @ B @ q[k], abs=1e-10)


@settings(max_examples=20, deadline=None)
@given(simplex_points(2, (3, 1)), simplex_points(2, (4,)))
def test_payoffs_broadcast_batch_shapes(p, q):
    game = gd.games.chicken()
    u1, u2 = game.payoffs(p, q)
    assert u1.shape == u2.shape == (3, 4)
    for a in range(3):
        for b in range(4):
            assert u1[a, b] == pytest.approx(p[a, 0] @ game.A @ q[b], abs=1e-12)
            assert u2[a, b] == pytest.approx(p[a, 0] @ game.B @ q[b], abs=1e-12)


@pytest.mark.parametrize("p, q, argument, words", [
    ([0.5, 0.6], [1, 0], "p", "sums to 1.1"),
    ([0.5, 0.5], [1.5, -0.5], "q", "negative"),
    ([0.5, 0.5], [1, 0, 0], "q", r"shape \(\*batch, 2\)"),
    ([1.0], [1, 0], "p", r"shape \(\*batch, 2\)"),
    ([np.nan, 1], [1, 0], "p", "NaN"),
    ([[0.5, 0.5], [0.2, 0.7]], [1, 0], "p", "sums to 0.9"),
    (["a", "b"], [1, 0], "p", "real numbers"),
])
def test_strategies_off_the_simplex_are_rejected(p, q, argument, words):
    game = gd.games.stag_hunt()
    with pytest.raises((ValueError, TypeError), match=f"`{argument}`.*{words}"):
        game.payoffs(p, q)


# ------------------------------------------------------------------ best responses
def test_best_responses_report_every_tie():
    rps = gd.games.rock_paper_scissors()
    np.testing.assert_array_equal(rps.best_responses(1, np.full(3, 1 / 3)), [True] * 3)
    np.testing.assert_array_equal(rps.best_responses(2, [1, 0, 0]), [False, True, False])
    # Battle of the Sexes at the mixed equilibrium q = (2/5, 3/5): A q = (6/5, 6/5) ties,
    # even though 3 * 0.4 and 2 * 0.6 differ in the last bit
    bos = gd.games.battle_of_the_sexes()
    np.testing.assert_array_equal(bos.best_responses(1, [0.4, 0.6]), [True, True])
    np.testing.assert_array_equal(bos.best_responses(2, [0.6, 0.4]), [True, True])
    np.testing.assert_array_equal(bos.best_responses(1, [0.41, 0.59]), [True, False])
    # Matching Pennies: the column player wants to mismatch
    pennies = gd.games.matching_pennies()
    np.testing.assert_array_equal(pennies.best_responses(2, [1.0, 0.0]), [False, True])


def test_best_responses_batched_and_with_tolerance():
    game = gd.BimatrixGame([[1.0, 0.0], [0.999, 0.0], [0.0, 0.0]])
    q = np.array([[1.0, 0.0], [0.0, 1.0]])
    np.testing.assert_array_equal(game.best_responses(1, q),
                                  [[True, False, False], [True, True, True]])
    np.testing.assert_array_equal(game.best_responses(1, q[0], tol=0.01), [True, True, False])


def test_best_responses_validation():
    game = gd.games.stag_hunt()
    for player in (0, 3, True, "1"):
        with pytest.raises(ValueError, match="`player`"):
            game.best_responses(player, [0.5, 0.5])
    with pytest.raises(ValueError, match="`tol`"):
        game.best_responses(1, [0.5, 0.5], tol=-1.0)
    with pytest.raises(ValueError, match="`q`"):
        game.best_responses(1, [0.5, 0.6])


# ------------------------------------------------------------------ labels and reprs
def test_labels_default_and_given():
    game = gd.BimatrixGame(np.ones((3, 2)))
    assert game.row_labels == ("r0", "r1", "r2") and game.col_labels == ("c0", "c1")
    assert game.name == "3x2 bimatrix game"
    pigs = gd.games.pigs()
    assert pigs.row_labels == pigs.col_labels == ("Press", "Wait")
    assert pigs.pure_index("Wait", 2) == 1 and pigs.pure_index(0, 1) == 0
    with pytest.raises(ValueError, match="'Press', 'Wait'"):
        pigs.pure_index("Jump", 1)
    with pytest.raises(ValueError, match="`strategy`"):
        pigs.pure_index(2, 1)


def test_repr_is_the_table():
    game = gd.BimatrixGame([[1, 2.5], [-3, 0]], [[0, 1], [2, 3]], name="t",
                           row_labels=("Up", "Down"), col_labels=("L", "R"))
    assert repr(game) == (
        "BimatrixGame('t', shape=(2, 2))\n"
        "     |     L |      R\n"
        "-----+-------+-------\n"
        "  Up |  1, 0 | 2.5, 1\n"
        "Down | -3, 2 |   0, 3"
    )


def test_html_repr_has_every_cell_and_escapes_labels():
    game = gd.BimatrixGame([[1, 2]], [[3, 4]], name="a<b", row_labels=("x&y",),
                           col_labels=("<i>", "j"))
    html = game._repr_html_()
    assert "<table>" in html and "<td>1, 3</td>" in html and "<td>2, 4</td>" in html
    assert "a&lt;b" in html and "x&amp;y" in html and "&lt;i&gt;" in html
    assert "<i>" not in html
