"""Games from sympy expressions: exact field and Jacobian against hand derivations.

Zero-sum form: player 1 minimizes ``v`` (``u1 = -v``), player 2 maximizes (``u2 = v``);
``xi = (-dv/dx, dv/dy)``.
"""

import numpy as np
import pytest
import sympy as sp
from fd_reference import derivative, field_of

import gamedyn as gd

a, b, c, d = sp.symbols("a b c d")


def test_zero_sum_form_field_and_exact_jacobian():
    # v = a^2 b - b^2: xi = (-2ab, a^2 - 2b), J = [[-2b, -2a], [2a, -2]]
    game = gd.games.from_sympy(a**2 * b - b**2, minimize=[a], maximize=[b])
    assert game.has_exact_field and game.has_exact_jacobian
    assert game.symbolic.variables == (a, b)
    assert game.symbolic.payoffs == (-(a**2 * b - b**2), a**2 * b - b**2)
    hand = sp.Matrix([[-2 * b, -2 * a], [2 * a, -2]])
    assert sp.simplify(game.symbolic.jacobian - hand) == sp.zeros(2, 2)
    assert sp.simplify(game.symbolic.field - sp.Matrix([-2 * a * b, a**2 - 2 * b])) == \
        sp.zeros(2, 1)
    z = np.random.default_rng(0).normal(size=(3, 2))
    x, y = z[:, 0], z[:, 1]
    np.testing.assert_allclose(game.field(z), np.stack([-2 * x * y, x**2 - 2 * y], -1),
                               atol=1e-14)
    expected = np.stack([np.stack([-2 * y, -2 * x], -1),
                         np.stack([2 * x, np.full(3, -2.0)], -1)], -2)
    np.testing.assert_allclose(game.jacobian(z), expected, atol=1e-14)
    u1, u2 = game.payoffs(z)
    np.testing.assert_allclose(u2, x**2 * y - y**2, atol=1e-14)
    np.testing.assert_allclose(u1, -u2, atol=1e-14)


def test_general_sum_form_with_several_variables():
    # u1 = -a^2 - c^2 + a c b, u2 = -b^2 + sin(a) b: player 1 owns (a, c), player 2 owns b
    game = gd.games.from_sympy(payoffs=(-a**2 - c**2 + a * c * b, -b**2 + sp.sin(a) * b),
                               players=([a, c], [b]))
    assert (game.n1, game.n2) == (2, 1)
    hand = sp.Matrix([[-2, b, c], [b, -2, a], [sp.cos(a), 0, -2]])
    assert sp.simplify(game.symbolic.jacobian - hand) == sp.zeros(3, 3)
    z = np.random.default_rng(1).normal(size=(4, 3))  # z = (a, c, b)
    np.testing.assert_allclose(game.field(z), field_of(game, z), atol=1e-10)
    np.testing.assert_allclose(game.jacobian(z), derivative(game.field, z), atol=1e-9)


def test_parameters_are_numeric_in_the_functions_and_symbolic_in_the_form():
    # u1 = -a^2 + c a b, u2 = -b^2: xi = (-2a + c b, -2b), J = [[-2, c], [0, -2]]
    game = gd.games.from_sympy(payoffs=(-a**2 + c * a * b, -b**2), players=([a], [b]),
                               parameters={c: 3.0})
    z = np.array([[0.5, -1.0], [2.0, 0.3]])
    np.testing.assert_allclose(game.field(z), np.stack([-2 * z[:, 0] + 3 * z[:, 1],
                                                        -2 * z[:, 1]], -1))
    np.testing.assert_array_equal(game.jacobian(z)[0], [[-2, 3], [0, -2]])
    assert c in game.symbolic.jacobian.free_symbols
    assert game.symbolic.jacobian_at([0, 0]) == sp.Matrix([[-2, c], [0, -2]])
    numeric = game.symbolic.jacobian_at([0, 0], keep_parameters=False)
    np.testing.assert_array_equal(np.array(numeric, dtype=float), [[-2, 3], [0, -2]])
    assert game.symbolic.eigenvalues_at([0, 0]) == {-2: 2}


def test_bilinear_eigenvalues_are_plus_minus_i():
    # v = a b: xi = (-b, a), J = [[0, -1], [1, 0]], eigenvalues +-i (pure rotation)
    game = gd.games.from_sympy(a * b, minimize=[a], maximize=[b])
    assert game.symbolic.eigenvalues_at([0, 0]) == {sp.I: 1, -sp.I: 1}
    assert game.symbolic.eigenvalues_at({a: 3, b: -1}) == {sp.I: 1, -sp.I: 1}
    assert game.symbolic.latex_jacobian() == \
        r"\left[\begin{matrix}0 & -1\\1 & 0\end{matrix}\right]"
    assert "matrix" in game._repr_html_()


def test_constant_jacobian_entries_broadcast_over_any_batch():
    game = gd.games.from_sympy(a * b, minimize=[a], maximize=[b])
    J = game.jacobian(np.zeros((3, 2, 2)))
    assert J.shape == (3, 2, 2, 2)
    np.testing.assert_array_equal(J, np.broadcast_to([[0, -1], [1, 0]], J.shape))


def test_jacobian_at_rejects_a_wrong_point():
    game = gd.games.from_sympy(a * b, minimize=[a], maximize=[b])
    with pytest.raises(ValueError, match="`point`.*2 values"):
        game.symbolic.jacobian_at([0, 0, 0])


@pytest.mark.parametrize("kwargs, error, words", [
    ({"v": a * b * c, "minimize": [a], "maximize": [b]}, ValueError, r"\['c'\].*neither"),
    ({"payoffs": (a * d, b), "players": ([a], [b])}, ValueError, r"\['d'\]"),
    ({"v": a * b, "minimize": [a], "maximize": [a, b]}, ValueError, "both players"),
    ({"v": a * b, "minimize": [a]}, TypeError, "maximize"),
    ({"v": a * b, "minimize": [], "maximize": [b]}, TypeError, "`minimize`"),
    ({"v": a * b, "minimize": ["a"], "maximize": [b]}, TypeError, "`minimize`"),
    ({"v": a * b, "minimize": [a], "maximize": [b], "payoffs": (a, b)}, TypeError, "not both"),
    ({"payoffs": (a, b, c), "players": ([a], [b])}, ValueError, "pair"),
    ({"payoffs": (a, b)}, TypeError, "players"),
    ({"v": a * b, "minimize": [a], "maximize": [b], "parameters": {"c": 1.0}},
     TypeError, "`parameters`"),
])
def test_errors_name_the_problem(kwargs, error, words):
    with pytest.raises(error, match=words):
        gd.games.from_sympy(**kwargs)


def test_a_parameter_cannot_be_a_variable():
    with pytest.raises(ValueError, match="`parameters`"):
        gd.games.from_sympy(a * b, minimize=[a], maximize=[b], parameters={a: 2.0})


def test_an_unused_parameter_is_rejected():
    with pytest.raises(ValueError, match="`parameters`"):
        gd.games.from_sympy(a * b, minimize=[a], maximize=[b], parameters={c: 2.0})


# ---- issue 19: clear errors for infinite constants, repeated variables, NaN parameters
def test_from_sympy_refuses_infinite_constants_repeated_variables_and_nan_parameters():
    g = sp.Symbol("g")
    with pytest.raises(ValueError, match="`v` contains an infinite or undefined"):
        gd.games.from_sympy(a * b + sp.zoo, minimize=[a], maximize=[b])
    with pytest.raises(ValueError, match="`payoffs\\[1\\]` contains"):
        gd.games.from_sympy(payoffs=(a * b, sp.oo * b), players=([a], [b]))
    with pytest.raises(ValueError, match="`minimize` must list each variable once"):
        gd.games.from_sympy(a * b, minimize=[a, a], maximize=[b])
    with pytest.raises(ValueError, match="`parameters\\[g\\]` must be finite"):
        gd.games.from_sympy(g * a * b, minimize=[a], maximize=[b], parameters={g: np.nan})
    with pytest.raises(ValueError, match="`parameters\\[g\\]`"):
        gd.games.from_sympy(g * a * b, minimize=[a], maximize=[b], parameters={g: sp.oo})
    with pytest.raises(TypeError, match="`v` must be a sympy expression, not a string"):
        gd.games.from_sympy("a*b", minimize=[a], maximize=[b])
    game = gd.games.from_sympy(g * a * b, minimize=[a], maximize=[b], parameters={g: 2.0})
    assert np.allclose(game.field([1.0, 3.0]), [-6.0, 2.0])  # (-g b, g a)
