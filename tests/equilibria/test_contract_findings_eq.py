"""Regression tests for the contract suite's findings in the eq modules (issue 19).

Each bad value is refused with a ValueError/TypeError naming the argument; good values
keep giving the mathematically right answer.
"""

from __future__ import annotations

from math import comb

import numpy as np
import pytest

import gamedyn as gd


def test_polytope_vertices_refuses_a_string():
    with pytest.raises(TypeError, match="`M`"):
        gd.equilibria.polytope_vertices("M")


@pytest.mark.parametrize("M", [np.zeros((1, 1)), np.zeros((2, 2)), [[1.0, -1.0], [1.0, 1.0]]])
def test_polytope_vertices_refuses_a_non_positive_matrix(M):
    with pytest.raises(ValueError, match="`M`.*positive"):
        gd.equilibria.polytope_vertices(M)


@pytest.mark.parametrize("M", [[1.0, 2.0], [[np.nan, 1.0], [1.0, 1.0]]])
def test_polytope_vertices_refuses_wrong_shape_or_nan(M):
    with pytest.raises(ValueError, match="`M`"):
        gd.equilibria.polytope_vertices(M)


def test_polytope_vertices_of_a_positive_matrix():
    # {x >= 0, x1 + x2 <= 1, ...} with M = all ones (2 x 1): vertices e1, e2 (by hand)
    vertices, labels = gd.equilibria.polytope_vertices(np.ones((2, 1)))
    order = np.argsort(labels)
    # e2 = (0, 1): x1 = 0 (bit 0) and x1 + x2 = 1 tight (bit 2) -> 0b101;
    # e1 = (1, 0): x2 = 0 (bit 1) and the constraint tight -> 0b110
    assert labels[order].tolist() == [0b101, 0b110]
    assert vertices[order].tolist() == [[0.0, 1.0], [1.0, 0.0]]


@pytest.mark.parametrize("shape, error", [((0, 2), ValueError), ((2, -1), ValueError),
                                          ("3x3", TypeError), ((3,), TypeError),
                                          ((2.5, 3), TypeError), (3, TypeError)])
def test_enumeration_estimate_names_shape(shape, error):
    with pytest.raises(error, match="`shape`"):
        gd.equilibria.enumeration_estimate(shape)


def test_enumeration_estimate_square_is_mcmullen():
    # a 10-polytope with 20 facets: C(15, 5) + C(14, 4) = 3003 + 1001, twice
    assert gd.equilibria.enumeration_estimate((10, 10))[0] == 2 * (comb(15, 5) + comb(14, 4))


def test_lemke_howson_out_of_pivots_is_a_value_error_naming_max_pivots():
    with pytest.raises(ValueError, match="`max_pivots`.*initial_label"):
        gd.equilibria.lemke_howson(gd.games.shapley(), max_pivots=3)
    with pytest.raises(ValueError, match="`max_pivots`"):
        gd.equilibria.lemke_howson(gd.games.shapley(), max_pivots=3, exact=True)


def test_lemke_howson_with_enough_pivots_still_solves_shapley():
    # Shapley's game has the unique equilibrium (1/3, 1/3, 1/3) for both players
    p, q = gd.equilibria.lemke_howson(gd.games.shapley())
    np.testing.assert_allclose(p, np.full(3, 1 / 3), atol=1e-12)
    np.testing.assert_allclose(q, np.full(3, 1 / 3), atol=1e-12)


def test_best_responses_names_strategy():
    with pytest.raises(TypeError, match="`strategy`"):
        gd.games.chicken().best_responses(2, [1j, 2.0])
    with pytest.raises(ValueError, match="`strategy`"):
        gd.games.chicken().best_responses(1, [0.5, 0.6])


@pytest.mark.parametrize("player", [None, 1.0, 0, 3, True, "1"])
def test_pure_index_and_best_responses_name_player(player):
    game = gd.games.pigs()
    with pytest.raises(ValueError, match="`player`"):
        game.pure_index(1, player)
    with pytest.raises(ValueError, match="`player`"):
        game.best_responses(player, [0.5, 0.5])


def test_pure_index_good_values():
    game = gd.games.pigs()
    assert game.pure_index(1, 2) == 1
    assert game.pure_index(game.col_labels[0], 2) == 0
    assert game.pure_index(np.int64(1), np.int64(1)) == 1
