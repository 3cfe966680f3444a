"""Zero-sum values by linear programming, Lemke-Howson at scale, and input errors."""

import numpy as np
import pytest

import gamedyn as gd


def test_values_of_symmetric_zero_sum_games_are_zero():
    # a symmetric zero-sum game (A = -A.T) has value 0 (von Neumann & Morgenstern 1944)
    for game in (gd.games.matching_pennies(), gd.games.rock_paper_scissors()):
        solution = gd.equilibria.zero_sum(game)
        assert solution.value == pytest.approx(0.0, abs=1e-12)
        assert gd.equilibria.is_nash(game, solution.p, solution.q)


@pytest.mark.parametrize("a, b, c, d", [(3, -1, -2, 4), (1, 5, 4, 2), (0.5, -3, -1, 2.5)])
def test_two_by_two_closed_form_value(a, b, c, d):
    # without a saddle point the value of [[a, b], [c, d]] is (ad - bc) / (a + d - b - c)
    # and p = (d - c, a - b) / (a + d - b - c) (e.g. Owen, Game Theory, 3rd ed., II.3)
    game = gd.BimatrixGame([[a, b], [c, d]])
    assert not gd.equilibria.pure_nash(game)
    solution = gd.equilibria.zero_sum(game)
    denominator = a + d - b - c
    assert solution.value == pytest.approx((a * d - b * c) / denominator, abs=1e-10)
    np.testing.assert_allclose(solution.p, np.array([d - c, a - b]) / denominator, atol=1e-9)


def test_random_zero_sum_games_lp_matches_all_nash():
    rng = np.random.default_rng(7)
    for _ in range(20):
        m, n = rng.integers(2, 7, size=2)
        game = gd.BimatrixGame(rng.normal(size=(m, n)))
        solution = gd.equilibria.zero_sum(game)
        assert solution.p @ game.A @ solution.q == pytest.approx(solution.value, abs=1e-9)
        assert gd.equilibria.is_nash(game, solution.p, solution.q, tol=1e-8)
        for p, q in gd.equilibria.all_nash(game):  # every equilibrium pays the value
            assert p @ game.A @ q == pytest.approx(solution.value, abs=1e-9)


def test_constant_sum_is_accepted_and_general_sum_rejected():
    game = gd.BimatrixGame([[1, 3], [4, 0]], [[4, 2], [1, 5]])  # A + B = 5
    assert gd.equilibria.zero_sum(game).value == pytest.approx(2.0)
    with pytest.raises(ValueError, match="zero-sum"):
        gd.equilibria.zero_sum(gd.games.stag_hunt())


def test_lemke_howson_200x200_random_game():
    rng = np.random.default_rng(2026)
    game = gd.BimatrixGame(rng.normal(size=(200, 200)), rng.normal(size=(200, 200)))
    p, q = gd.equilibria.lemke_howson(game)
    assert gd.equilibria.nash_gap(game, p, q) < 1e-8


@pytest.mark.parametrize("A, B", [
    (np.ones((4, 5)), np.ones((4, 5))),  # every profile is an equilibrium
    (np.array([[1, 2], [1, 2], [0, 3]]), np.array([[2, 0], [2, 0], [1, 1]])),  # duplicate rows
    (np.array([[3, 3], [3, 3]]), np.array([[1, 2], [2, 1]])),
])
def test_lemke_howson_on_degenerate_games(A, B):
    game = gd.BimatrixGame(A, B)
    for label in range(sum(game.shape)):
        p, q = gd.equilibria.lemke_howson(game, initial_label=label)
        assert gd.equilibria.is_nash(game, p, q)


def test_degenerate_flag():
    assert not gd.equilibria.is_degenerate(gd.games.stag_hunt())
    # a column player indifferent between two columns against a pure row: degenerate
    assert gd.equilibria.is_degenerate(gd.BimatrixGame([[1, 0], [0, 1]], [[1, 1], [0, 1]]))


def test_input_errors_name_the_argument():
    game = gd.games.stag_hunt()
    with pytest.raises(TypeError, match="`game`"):
        gd.equilibria.all_nash([[1, 2], [3, 4]])
    with pytest.raises(ValueError, match="`initial_label`"):
        gd.equilibria.lemke_howson(game, initial_label=4)
    with pytest.raises(TypeError, match="`initial_label`"):
        gd.equilibria.lemke_howson(game, initial_label=1.5)
    with pytest.raises(ValueError, match="`p`"):
        gd.equilibria.nash_gap(game, [0.7, 0.7], [1, 0])
    with pytest.raises(ValueError, match="`q`"):
        gd.equilibria.is_nash(game, [1, 0], [1, 0, 0])
    with pytest.raises(ValueError, match="`tol`"):
        gd.equilibria.is_nash(game, [1, 0], [1, 0], tol=-1)
