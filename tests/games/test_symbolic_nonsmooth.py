"""from_sympy with non-smooth payoffs (Abs, Max): evaluated away from the kink, refused
at it with the state named (issue 14, point 5). Closed forms by hand: d|a|/da = sign(a),
d max(a, 0)/da = H(a), both with derivative 0 away from a = 0."""

import numpy as np
import pytest
import sympy as sp
from fd_reference import derivative, field_of

import gamedyn as gd


@pytest.mark.parametrize("real", [False, True])
def test_abs_game_away_from_the_kink(real):
    a, b = sp.symbols("a b", real=real or None)
    game = gd.games.from_sympy(sp.Abs(a) * b + a * b, minimize=[a], maximize=[b])
    z = np.array([[1.5, 2.0], [-0.7, 3.0], [2.0, -1.0]])
    x, y = z[:, 0], z[:, 1]
    # u1 = -v: xi = (-(sign(a) + 1) b, |a| + a); J = [[0, -(sign a + 1)], [sign a + 1, 0]]
    np.testing.assert_allclose(game.field(z), np.stack([-(np.sign(x) + 1) * y,
                                                        np.abs(x) + x], -1), atol=1e-15)
    np.testing.assert_allclose(game.field(z), field_of(game, z), atol=1e-9)
    s = np.sign(x) + 1
    expected = np.stack([np.stack([0 * x, -s], -1), np.stack([s, 0 * x], -1)], -2)
    np.testing.assert_allclose(game.jacobian(z), expected, atol=1e-15)
    np.testing.assert_allclose(game.jacobian(z), derivative(game.field, z), atol=1e-9)


def test_the_kink_is_refused_with_the_state_named():
    a, b = sp.symbols("a b")
    game = gd.games.from_sympy(sp.Abs(a) * b, minimize=[a], maximize=[b])
    with pytest.raises(ValueError, match=r"Jacobian is not defined at z = \[0.0, 3.0\].*"
                                         r"DiracDelta\(a\)"):
        game.jacobian(np.array([[1.0, 2.0], [0.0, 3.0]]))
    with pytest.raises(ValueError, match=r"field is not defined at z = \[0.0, 1.0\].*sign\(a\)"):
        game.field([0.0, 1.0])
    with pytest.raises(ValueError, match="cannot be analyzed.*kink"):
        gd.stability.analyze(game, [0.0, 0.0])


def test_max_game_and_the_analyzer_at_a_fixed_point_off_the_kink():
    a, b = sp.symbols("a b")
    # v = (a - 1) b + max(a + 2, 0): xi = (-(b + H(a + 2)), a - 1); at (1, -1)
    # the field vanishes, H = 1 there, and J = [[0, -1], [1, 0]]: rotation +-i
    game = gd.games.from_sympy((a - 1) * b + sp.Max(a + 2, 0), minimize=[a], maximize=[b])
    np.testing.assert_allclose(game.field([[1.0, -1.0], [-3.0, 0.5]]),
                               [[0.0, 0.0], [-0.5, -4.0]], atol=1e-15)
    report = gd.stability.analyze(game, [1.0, -1.0])
    assert report.kind == "rotational"
    np.testing.assert_allclose(np.sort(report.game_eigenvalues.imag), [-1, 1], atol=1e-15)
    with pytest.raises(ValueError, match=r"Heaviside\(a \+ 2\)|DiracDelta\(a \+ 2\)"):
        game.jacobian([-2.0, 0.0])


def test_smooth_games_keep_their_exact_jacobians():
    a, b = sp.symbols("a b")
    game = gd.games.from_sympy(sp.sin(a) * b + a**2, minimize=[a], maximize=[b])
    # u1 = -v: xi = (-(cos(a) b + 2 a), sin(a)); J = [[sin(a) b - 2, -cos a], [cos a, 0]]
    z = np.array([0.3, -0.4])
    np.testing.assert_allclose(game.jacobian(z), [[np.sin(0.3) * -0.4 - 2, -np.cos(0.3)],
                                                  [np.cos(0.3), 0.0]], atol=1e-15)
    # the stored expressions keep the user's (non-real) symbols
    assert game.symbolic.field[1] == sp.sin(a)
