"""Exact linearizations agree with differentiating the step; symbolic mode; fixed points."""

import numpy as np
import pytest
import sympy as sp

import gamedyn as gd
from gamedyn import dynamics as dyn

METHODS = [
    dyn.Simultaneous(0.2), dyn.Simultaneous((0.1, 0.3)), dyn.Alternating((0.3, 0.2), k=(2, 3)),
    dyn.Optimistic(0.2), dyn.Extragradient(0.3), dyn.Momentum(0.2, beta=-0.3),
    dyn.Consensus(0.2, gamma=0.5), dyn.SGA(0.2, lam=0.5), dyn.ProximalPoint(0.4),
]
GAMES = [
    (gd.games.bilinear(np.array([[1.0, 2.0], [0.5, -1.0]])), np.zeros(4)),
    (gd.games.dirac_gan(r1=0.4), np.zeros(2)),
    (gd.games.dirac_gan("non_saturating", instance_noise=0.5), np.zeros(2)),
]


@pytest.mark.parametrize("method", METHODS, ids=repr)
@pytest.mark.parametrize("game, point", GAMES, ids=lambda g: getattr(g, "name", ""))
def test_exact_and_generic_linearizations_have_the_same_spectrum(method, game, point):
    exact = gd.stability.exact_update_jacobian(game, point, method)
    generic = gd.stability.generic_update_jacobian(game, point, method)
    moduli = lambda M: np.sort(np.abs(np.linalg.eigvals(M)))  # noqa: E731
    # coordinates differ for memory methods (z_prev vs xi(z_prev)); spectra agree
    np.testing.assert_allclose(moduli(exact), moduli(generic), atol=1e-6)


def test_generic_linearization_of_the_landscape_game_at_a_nonlinear_fixed_point():
    game = gd.games.landscape()
    (point, _), *_ = gd.stability.find_stationary_points(game, [[-4, 4], [-4, 4]], grid=5)
    for method in METHODS:
        exact = gd.stability.exact_update_jacobian(game, point, method)
        generic = gd.stability.generic_update_jacobian(game, point, method)
        np.testing.assert_allclose(np.sort(np.abs(np.linalg.eigvals(exact))),
                                   np.sort(np.abs(np.linalg.eigvals(generic))), atol=1e-6)


def test_symbolic_eigenvalues_of_a_b():
    a, b = sp.symbols("a b")
    game = gd.games.from_sympy(a * b, minimize=[a], maximize=[b])
    assert gd.stability.symbolic_eigenvalues(game, [0, 0]) == {sp.I: 1, -sp.I: 1}
    rep = gd.stability.analyze(game, [0, 0], symbolic=True)
    assert rep.symbolic_eigenvalues == {sp.I: 1, -sp.I: 1}


def test_symbolic_dirac_gan_with_r1():
    # Mescheder et al. (2018): eigenvalues -gamma/2 +- sqrt(gamma^2/4 - f'(0)^2), f'(0) = 1/2
    theta, psi, gamma = sp.symbols("theta psi gamma", real=True)
    f = lambda t: -sp.log(1 + sp.exp(-t))  # noqa: E731
    value = f(psi * theta) + f(0) - gamma / 2 * psi**2
    game = gd.games.from_sympy(payoffs=(-(f(psi * theta) + f(0)), value),
                               players=([theta], [psi]), parameters={gamma: 0.5})
    eigenvalues = set(gd.stability.symbolic_eigenvalues(game, [0, 0]))
    expected = {-gamma / 2 + sp.sqrt(gamma**2 / 4 - sp.Rational(1, 4)),
                -gamma / 2 - sp.sqrt(gamma**2 / 4 - sp.Rational(1, 4))}
    assert len(eigenvalues) == 2
    for eigenvalue in eigenvalues:
        assert any(sp.simplify(eigenvalue - x) == 0 for x in expected)
    assert "gamma" in gd.stability.latex_eigenvalues(game, [0, 0])


def test_landscape_stationary_points_are_stationary_and_classified():
    points = gd.stability.find_stationary_points(gd.games.landscape(), [[-4, 4], [-4, 4]])
    assert len(points) >= 5
    for z, rep in points:
        assert np.linalg.norm(gd.games.landscape().field(z)) < 1e-8
        assert rep.kind in gd.stability.FLOW_KINDS
    assert {rep.kind for _, rep in points} >= {"attracting", "saddle"}


def test_report_text_and_errors():
    rep = gd.stability.analyze(gd.games.bilinear(), [0, 0], "alternating")
    assert "ellipse" in rep.explain() and "spectral radius" in str(rep)
    assert rep._repr_html_().startswith("<pre>")
    with pytest.raises(ValueError, match="not a fixed point"):
        gd.stability.analyze(gd.games.bilinear(), [1.0, 0.0])
    with pytest.raises(ValueError, match="`point`"):
        gd.stability.analyze(gd.games.bilinear(), [0.0, 0.0, 0.0])
    with pytest.raises(TypeError, match="`game`"):
        gd.stability.analyze("bilinear", [0, 0])
    with pytest.raises(ValueError, match="must be one of|unknown|valid"):
        gd.stability.analyze(gd.games.bilinear(), [0, 0], "gradient-descent")
