"""Bimatrix dynamics linearized on the simplices (regression: analyze(stag_hunt(), ...,
Replicator()) raised TypeError; `gamedyn analyze rock_paper_scissors --dynamics
replicator` exited 2)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gamedyn as gd
from gamedyn.cli import main
from gamedyn.dynamics import LogitResponse, Replicator
from gamedyn.dynamics.base import GradientState, MatrixDynamics
from gamedyn.games.differentiable import numeric_jacobian


def test_stag_hunt_mixed_equilibrium_under_the_replicator_by_hand():
    # Reduced replicator (x = P(Stag) of player 1, y of player 2):
    # dx/dt = x (1 - x) (2 y - 1) since (A q)_Stag - (A q)_Hare = 2 y - 1 for A = [[4, 1], [3, 2]];
    # at (1/2, 1/2) the Jacobian is [[0, 1/2], [1/2, 0]]: a saddle with eigenvalues +-1/2.
    # One exponential round: dF = I + dt * J there, eigenvalues 1 +- dt / 2.
    dt = 0.1
    report = gd.stability.analyze(gd.games.stag_hunt(), ([.5, .5], [.5, .5]), Replicator(dt))
    np.testing.assert_allclose(report.field_eigenvalues, [-0.5, 0.5], atol=1e-14)
    np.testing.assert_allclose(report.eigenvalues, [1 - dt / 2, 1 + dt / 2], atol=1e-14)
    assert report.kind == "saddle" and report.map_kind == "expanding" and report.exact
    assert report.spectral_radius == pytest.approx(1 + dt / 2, abs=1e-14)
    assert gd.stability.spectral_radius(gd.games.stag_hunt(), ([.5, .5], [.5, .5]),
                                        Replicator(dt)) == report.spectral_radius
    assert isinstance(report.game, gd.BimatrixGame) and report.dynamics == Replicator(dt)
    assert "saddle" in report.explain()


def test_rock_paper_scissors_uniform_is_a_centre_of_the_replicator_and_the_steps_spiral_out():
    # Two-population replicator at the barycentre: J = (1/3) [[0, P A], [P B^T, 0]] with
    # B = -A = A^T, eigenvalues +-i / sqrt(3) (twice); the exponential step multiplies by
    # 1 +- i dt / sqrt(3), of modulus sqrt(1 + dt^2 / 3) > 1 (Hofbauer & Sigmund 1998, 7.1).
    dt = 0.2
    uniform = np.full(3, 1 / 3)
    report = gd.stability.analyze(gd.games.rock_paper_scissors(), (uniform, uniform),
                                  Replicator(dt))
    np.testing.assert_allclose(np.sort(report.field_eigenvalues.imag),
                               np.array([-1, -1, 1, 1]) / np.sqrt(3), atol=1e-12)
    np.testing.assert_allclose(report.field_eigenvalues.real, 0, atol=1e-12)
    assert report.spectral_radius == pytest.approx(np.sqrt(1 + dt**2 / 3), rel=1e-12)
    assert "spirals out" in report.explain()


def test_logit_dynamics_rest_at_the_quantal_response_equilibrium():
    # Matching pennies (A = [[1, -1], [-1, 1]], B = -A): the logit QRE is uniform for every
    # temperature T. There d softmax(v / T) = (1 / 4T) [[1, -1], [-1, 1]] dv, which maps
    # the tangent direction (1, -1) / sqrt 2 of q to 1 / T times that of p (and of p to
    # -1 / T times that of q), so on the tangent space the logit field has Jacobian
    # [[-1, 1/T], [-1/T, -1]], eigenvalues -1 +- i / T; a round z + lr f(z) has
    # eigenvalues 1 - lr +- i lr / T.
    game = gd.games.matching_pennies()
    half = np.array([0.5, 0.5])
    temperature, lr = 2.0, 0.5
    report = gd.stability.analyze(game, (half, half), LogitResponse(temperature, lr=lr))
    np.testing.assert_allclose(report.field_eigenvalues, [-1 - 0.5j, -1 + 0.5j], atol=1e-12)
    np.testing.assert_allclose(report.eigenvalues, [1 - lr - 1j * lr / temperature,
                                                    1 - lr + 1j * lr / temperature],
                               atol=1e-12)
    assert report.kind == "attracting" and report.map_kind == "contracting"
    with pytest.raises(ValueError, match="not a fixed point"):
        gd.stability.analyze(game, ([0.9, 0.1], half), LogitResponse(2.0))


@pytest.mark.parametrize("name", ["best_response", "fictitious_play"])
def test_best_response_dynamics_have_no_linearization(name):
    half = np.array([0.5, 0.5])
    with pytest.raises(TypeError, match="piecewise-constant.*'replicator', 'logit'"):
        gd.stability.analyze(gd.games.matching_pennies(), (half, half), name)


def _random_game(seed, m, n):
    rng = np.random.default_rng(seed)
    return gd.BimatrixGame(rng.normal(size=(m, n)), rng.normal(size=(m, n))), rng


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 10_000), st.integers(2, 4), st.integers(2, 4),
       st.sampled_from([Replicator(0.3), Replicator(1.5), LogitResponse(0.7, lr=0.4)]))
def test_exact_jacobians_equal_finite_differences(seed, m, n, dynamics):
    game, rng = _random_game(seed, m, n)
    z = np.concatenate([rng.dirichlet(np.ones(m)), rng.dirichlet(np.ones(n))])
    step = lambda w: dynamics.step(game, GradientState(w, 0), None).z  # noqa: E731
    np.testing.assert_allclose(dynamics.map_jacobian(game, z), numeric_jacobian(step, z),
                               atol=1e-8)
    np.testing.assert_allclose(dynamics.flow_jacobian(game, z),
                               numeric_jacobian(lambda w: dynamics.flow_field(game, w), z),
                               atol=1e-8)
    assert MatrixDynamics.map_jacobian is not type(dynamics).map_jacobian


def test_cli_analyze_with_a_bimatrix_dynamics_needs_no_lr(capsys):
    assert main(["analyze", "rock_paper_scissors", "--dynamics", "replicator"]) == 0
    out = capsys.readouterr().out
    assert "Replicator(dt=0.1)" in out and "expanding" in out
    assert main(["analyze", "matching_pennies", "--dynamics", "logit", "--lr", "0.5"]) == 0
    assert "LogitResponse(temperature=1.0, lr=0.5)" in capsys.readouterr().out
    assert main(["analyze", "rock_paper_scissors", "--dynamics", "replicator", "--lr", "1"]) == 2
    assert "valid: 'dt'" in capsys.readouterr().err
