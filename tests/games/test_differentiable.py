"""DifferentiableGame numerics, sympy games, bilinear and Dirac-GAN closed forms."""

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import gamedyn as gd
from gamedyn.games.domain import project_corner_simplex


def trig_game():
    # u1 = sin(x) y^2, u2 = cos(x y) - y^2: field (cos x y^2, -x sin(x y) - 2 y)
    return gd.DifferentiableGame(1, 1, lambda z: np.sin(z[..., 0]) * z[..., 1] ** 2,
                                 lambda z: np.cos(z[..., 0] * z[..., 1]) - z[..., 1] ** 2)


def test_numeric_field_and_jacobian_against_closed_forms():
    game = trig_game()
    z = np.random.default_rng(0).normal(size=(3, 4, 2))
    x, y = z[..., 0], z[..., 1]
    field = np.stack([np.cos(x) * y**2, -x * np.sin(x * y) - 2 * y], -1)
    np.testing.assert_allclose(game.field(z), field, atol=1e-9)
    jac = np.empty(z.shape + (2,))
    jac[..., 0, 0] = -np.sin(x) * y**2
    jac[..., 0, 1] = 2 * np.cos(x) * y
    jac[..., 1, 0] = -np.sin(x * y) - x * y * np.cos(x * y)
    jac[..., 1, 1] = -x**2 * np.cos(x * y) - 2
    np.testing.assert_allclose(game.jacobian(z), jac, atol=1e-6)


def test_validation_messages():
    with pytest.raises(ValueError, match="`n1`"):
        gd.DifferentiableGame(0, 1, np.sum, np.sum)
    with pytest.raises(TypeError, match="`payoff2`"):
        gd.DifferentiableGame(1, 1, np.sum, 3)
    with pytest.raises(ValueError, match="`z`"):
        trig_game().field(np.zeros(3))
    with pytest.raises(ValueError, match="no known equilibrium"):
        trig_game().equilibrium()
    with pytest.raises(AttributeError):
        trig_game().n1 = 3


def test_bilinear_closed_forms():
    A = np.random.default_rng(2).normal(size=(3, 2))
    game = gd.games.bilinear(A)
    z = np.random.default_rng(3).normal(size=(5, 5))
    x, y = z[:, :3], z[:, 3:]
    np.testing.assert_allclose(game.field(z), np.concatenate([-y @ A.T, x @ A], -1))
    u1, u2 = game.payoffs(z)
    np.testing.assert_allclose(u2, np.einsum("bi,ij,bj->b", x, A, y))
    np.testing.assert_allclose(u1, -u2)
    np.testing.assert_array_equal(game.equilibrium(), np.zeros(5))


@pytest.mark.parametrize("loss", gd.games.DIRAC_LOSSES)
@pytest.mark.parametrize("r1, r2, noise", [(0, 0, 0), (0.3, 0.2, 0), (0.5, 0, 0.4)])
def test_dirac_gan_field_and_jacobian_match_finite_differences(loss, r1, r2, noise):
    game = gd.games.dirac_gan(loss, r1=r1, r2=r2, instance_noise=noise)
    numeric = gd.DifferentiableGame(1, 1, lambda z: game.payoffs(z)[0],
                                    lambda z: game.payoffs(z)[1])
    z = np.random.default_rng(4).normal(size=(6, 2))
    np.testing.assert_allclose(game.field(z), numeric.field(z), atol=1e-9)
    numeric_jac = gd.DifferentiableGame(1, 1, np.sum, np.sum, field=game.field)
    np.testing.assert_allclose(game.jacobian(z), numeric_jac.jacobian(z), atol=1e-8)


@pytest.mark.parametrize("loss, slope", [("standard", 0.5), ("non_saturating", 0.5),
                                         ("wasserstein", 1.0)])
def test_dirac_gan_jacobian_at_the_equilibrium(loss, slope):
    # Mescheder et al. (2018), Lemma 2.2: [[0, -f'(0)], [f'(0), -gamma]]
    J = gd.games.dirac_gan(loss, r1=0.7).jacobian([0.0, 0.0])
    np.testing.assert_allclose(J, [[0, -slope], [slope, -0.7]], atol=1e-15)


def test_from_sympy_forms_and_errors():
    a, b, c = sp.symbols("a b c")
    zero_sum = gd.games.from_sympy(a**2 * b - b**2, minimize=[a], maximize=[b])
    z = np.array([[0.5, -1.0], [2.0, 0.3]])
    x, y = z[:, 0], z[:, 1]
    np.testing.assert_allclose(zero_sum.field(z), np.stack([-2 * x * y, x**2 - 2 * y], -1))
    J = zero_sum.jacobian(z)
    np.testing.assert_allclose(J[:, 0, 0], -2 * y)
    np.testing.assert_allclose(J[:, 1, 1], -2.0)
    general = gd.games.from_sympy(payoffs=(-a**2 + c * a * b, -b**2), players=([a], [b]),
                                  parameters={c: 3.0})
    np.testing.assert_allclose(general.field(z)[:, 0], -2 * x + 3 * y)
    assert c in general.symbolic.jacobian.free_symbols
    assert "c" in general.symbolic.latex_jacobian()
    with pytest.raises(ValueError, match="neither"):
        gd.games.from_sympy(a * b * c, minimize=[a], maximize=[b])
    with pytest.raises(ValueError, match="both players"):
        gd.games.from_sympy(a * b, minimize=[a], maximize=[a])
    with pytest.raises(TypeError):
        gd.games.from_sympy(a * b, minimize=[a])


def test_landscape_field():
    game = gd.games.landscape()
    z = np.random.default_rng(5).normal(size=(4, 2))
    a, b = z[:, 0], z[:, 1]
    expected = np.stack([-(np.cos(a) * np.cos(b) + 0.2 * a),
                         -np.sin(a) * np.sin(b) - 0.2 * b], -1)
    np.testing.assert_allclose(game.field(z), expected, atol=1e-14)


@settings(max_examples=60, deadline=None)
@given(arrays(float, 3, elements=st.floats(-3, 3)))
def test_corner_simplex_projection_is_euclidean(point):
    from scipy.optimize import minimize

    projected = project_corner_simplex(point)
    assert np.all(projected >= 0) and projected.sum() <= 1 + 1e-12
    constraints = [{"type": "ineq", "fun": lambda v: 1 - v.sum()}]
    best = minimize(lambda v: np.sum((v - point) ** 2), np.full(3, 0.2),
                    bounds=[(0, None)] * 3, constraints=constraints, method="SLSQP",
                    options={"ftol": 1e-14, "maxiter": 500})
    assert np.sum((projected - point) ** 2) <= best.fun + 1e-8
    np.testing.assert_allclose(project_corner_simplex(projected), projected, atol=1e-15)


def test_strategy_round_trip():
    domain = gd.games.rock_paper_scissors().mixed().domain
    p, q = np.array([0.2, 0.3, 0.5]), np.array([0.6, 0.1, 0.3])
    z = domain.from_strategies(p, q)
    back = domain.to_strategies(z)
    np.testing.assert_allclose(back[0], p)
    np.testing.assert_allclose(back[1], q)
    assert domain.active_constraints(np.array([0.0, 0.4, 0.5, 0.5])).sum() == 2
