"""BimatrixGame: validation, payoffs by hand, best responses, mixed extension."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import gamedyn as gd


@pytest.mark.parametrize("A, error, words", [
    ([[1, 2], [3]], TypeError, "`A`"),
    ([], ValueError, "`A`"),
    ([[1, np.nan]], ValueError, "NaN"),
    ([[1, np.inf]], ValueError, "finite"),
    ("payoffs", TypeError, "`A`"),
    ([["a", "b"]], TypeError, "`A`"),
    ([[1 + 2j]], TypeError, "complex"),
    ([[True, False]], TypeError, "booleans"),
    ([1, 2, 3], ValueError, "2-dimensional"),
])
def test_bad_payoff_matrices_are_rejected_with_the_argument_named(A, error, words):
    with pytest.raises(error, match=words):
        gd.BimatrixGame(A)


def test_mismatched_shapes_name_both():
    with pytest.raises(ValueError, match="`A` and `B`"):
        gd.BimatrixGame([[1, 2]], [[1], [2]])


def test_zero_sum_default_read_only_and_immutable():
    game = gd.BimatrixGame([[1, -2], [0, 3]])
    np.testing.assert_array_equal(game.B, -game.A)
    assert game.is_zero_sum and game.shape == (2, 2)
    with pytest.raises(ValueError):
        game.A[0, 0] = 5
    with pytest.raises(AttributeError):
        game.A = np.zeros((2, 2))


def test_stag_hunt_payoffs_by_hand():
    # u1 = p A q = 0.5 * 4 + 0.5 * 3 = 3.5; u2 = p B q = 0.5 * 4 + 0.5 * 1 = 2.5
    u1, u2 = gd.games.stag_hunt().payoffs([0.5, 0.5], [1.0, 0.0])
    assert (float(u1), float(u2)) == (3.5, 2.5)


@settings(max_examples=40, deadline=None)
@given(arrays(float, (3, 4), elements=st.floats(-5, 5)),
       arrays(float, (5, 3), elements=st.floats(0, 1)),
       arrays(float, (5, 4), elements=st.floats(0, 1)))
def test_batched_payoffs_equal_the_loop(A, raw_p, raw_q):
    game = gd.BimatrixGame(A, 2 * A + 1)
    p = (raw_p + 1e-3) / (raw_p + 1e-3).sum(axis=1, keepdims=True)
    q = (raw_q + 1e-3) / (raw_q + 1e-3).sum(axis=1, keepdims=True)
    u1, u2 = game.payoffs(p, q)
    for k in range(5):
        assert u1[k] == pytest.approx(p[k] @ A @ q[k], abs=1e-12)
        assert u2[k] == pytest.approx(p[k] @ (2 * A + 1) @ q[k], abs=1e-12)


def test_strategies_off_the_simplex_are_rejected():
    game = gd.games.stag_hunt()
    with pytest.raises(ValueError, match="`p`.*sums to"):
        game.payoffs([0.5, 0.6], [1, 0])
    with pytest.raises(ValueError, match="`q`.*negative"):
        game.payoffs([0.5, 0.5], [1.5, -0.5])
    with pytest.raises(ValueError, match="`q`"):
        game.payoffs([0.5, 0.5], [1, 0, 0])


def test_best_responses_report_every_tie():
    game = gd.games.matching_pennies()
    np.testing.assert_array_equal(game.best_responses(1, [0.5, 0.5]), [True, True])
    np.testing.assert_array_equal(game.best_responses(1, [1.0, 0.0]), [True, False])
    np.testing.assert_array_equal(game.best_responses(2, [1.0, 0.0]), [False, True])


def test_repr_and_html_show_the_table():
    game = gd.games.pigs()
    assert "Press" in repr(game) and "4, 2" in repr(game)
    assert "<table>" in game._repr_html_()


def test_stag_hunt_mixed_extension_field_is_exact():
    mixed = gd.games.stag_hunt().mixed()
    rng = np.random.default_rng(0)
    z = rng.uniform(0, 1, size=(10, 2))
    a, b = z[:, 0], z[:, 1]
    np.testing.assert_allclose(mixed.field(z), np.stack([2 * b - 1, 2 * a - 1], -1),
                               atol=1e-14)


@pytest.mark.parametrize("name", ["rock_paper_scissors", "shapley", "battle_of_the_sexes"])
def test_mixed_field_and_jacobian_match_finite_differences(name):
    game = gd.games.CATALOGUE[name]()
    mixed = game.mixed()
    numeric = gd.DifferentiableGame(mixed.n1, mixed.n2, lambda z: mixed.payoffs(z)[0],
                                    lambda z: mixed.payoffs(z)[1])
    z = np.random.default_rng(1).dirichlet(np.ones(3), size=4)[:, :2]
    z = np.concatenate([z, z[::-1]], axis=-1)[:, : mixed.n]
    np.testing.assert_allclose(mixed.field(z), numeric.field(z), atol=1e-9)
    np.testing.assert_allclose(mixed.jacobian(z), numeric.jacobian(z), atol=1e-6)


def test_rps_mixed_jacobian_is_antisymmetric():
    J = gd.games.rock_paper_scissors().mixed().jacobian(np.full(4, 1 / 3))
    np.testing.assert_allclose(J, -J.T, atol=1e-15)


def test_mixed_needs_two_strategies():
    with pytest.raises(ValueError, match="two strategies"):
        gd.BimatrixGame([[1, 2]]).mixed()
