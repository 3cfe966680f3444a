"""WGAN-GP and clipped WGAN on the Dirac-GAN, and the public Box domain (issue 14, point 5).

Mescheder, Geiger & Nowozin (2018), Section 3 and Appendix: on the Dirac-GAN
(``D_psi(x) = psi x``, data at 0, generator at ``theta``)

* WGAN with clipping ``|psi| <= c`` has the field ``(-psi, theta)``: at ``(0, 0)`` the
  Jacobian ``[[0, -1], [1, 0]]`` with eigenvalues ``+-i``; simultaneous steps of size
  ``h`` multiply the distance to 0 by ``sqrt(1 + h^2)``;
* WGAN-GP has the field ``(-psi, theta - gamma (|psi| - g0) sign(psi))``; here
  ``gamma = 2 lam``, ``g0 = 1``. Off ``psi = 0`` its Jacobian is ``[[0, -1], [1, -gamma]]``
  (eigenvalues ``-lam +- sqrt(lam^2 - 1)``); at ``psi = 0`` the field jumps by
  ``2 gamma``, and neither case converges.
"""

import numpy as np
import pytest
from fd_reference import derivative, field_of

import gamedyn as gd
from gamedyn.dynamics import Simultaneous


# ------------------------------------------------------------------ WGAN-GP
@pytest.mark.parametrize("lam", [0.2, 0.5, 3.0])
def test_wgan_gp_field_is_the_papers(lam):
    game = gd.games.dirac_gan("wasserstein", gradient_penalty=lam)
    theta, psi = np.random.default_rng(1).normal(size=(2, 9)) * 2
    z = np.stack([theta, psi], -1)
    gamma = 2 * lam
    expected = np.stack([-psi, theta - gamma * (np.abs(psi) - 1) * np.sign(psi)], -1)
    np.testing.assert_allclose(game.field(z), expected, rtol=1e-14, atol=1e-14)
    np.testing.assert_allclose(game.field(z), field_of(game, z), atol=1e-9)
    np.testing.assert_allclose(game.jacobian(z), derivative(game.field, z, h=1e-4),
                               atol=1e-8)
    # off the kink: J = [[0, -1], [1, -2 lam]], eigenvalues -lam +- sqrt(lam^2 - 1)
    report = gd.stability.analyze(game, [0.0, 0.5], require_fixed_point=False)
    np.testing.assert_allclose(report.jacobian, [[0, -1], [1, -gamma]], atol=1e-15)
    expected_eigenvalues = np.sort_complex(-lam + np.sqrt(complex(lam**2 - 1)) * np.array([-1, 1]))
    np.testing.assert_allclose(np.sort_complex(report.game_eigenvalues), expected_eigenvalues,
                               atol=1e-12)


@pytest.mark.parametrize("loss", gd.games.DIRAC_LOSSES)
def test_gradient_penalty_and_clip_keep_every_loss_differentiable_off_the_kink(loss):
    game = gd.games.dirac_gan(loss, r1=0.2, instance_noise=0.3, gradient_penalty=0.4,
                              clip=2.0)
    z = np.random.default_rng(8).normal(size=(5, 2)) * 0.8
    np.testing.assert_allclose(game.field(z), field_of(game, z), atol=1e-9)
    np.testing.assert_allclose(game.jacobian(z), derivative(game.field, z, h=1e-4),
                               atol=1e-7)


def test_the_analyzer_explains_why_wgan_gp_has_no_jacobian_at_the_equilibrium():
    game = gd.games.dirac_gan("wasserstein", gradient_penalty=0.5)
    np.testing.assert_array_equal(game.field([0.0, 0.0]), [0.0, 0.0])
    with pytest.raises(ValueError, match=r"no Jacobian at psi = 0.*jumps.*-1 to \+1"):
        gd.stability.analyze(game, [0.0, 0.0])
    # and nowhere else is the field zero: its first component is -psi
    with pytest.raises(ValueError, match="not a fixed point"):
        gd.stability.analyze(game, [0.0, 1.0])


def test_wgan_gp_does_not_converge_on_the_dirac_gan():
    # from near the equilibrium and from far, simultaneous steps settle on a cycle
    # around it instead (Mescheder et al. 2018, Figure 3)
    game = gd.games.dirac_gan("wasserstein", gradient_penalty=0.5)
    run = gd.simulate(game, Simultaneous(0.05), [[1e-3, 1e-3], [0.5, 0.5]], 4000)
    radius = np.linalg.norm(run.states[-1000:], axis=-1)
    assert np.all(radius.min(axis=0) > 0.5)


# ------------------------------------------------------------------ clipped WGAN
@pytest.mark.parametrize("h", [0.01, 0.1, 0.5])
def test_clipped_wgan_rotates_and_simultaneous_steps_expand(h):
    game = gd.games.dirac_gan("wasserstein", clip=0.3)
    assert game.domain == gd.games.Box([-np.inf, -0.3], [np.inf, 0.3])
    flow = gd.stability.analyze(game, [0.0, 0.0])
    assert flow.kind == "rotational"
    np.testing.assert_allclose(np.sort(flow.game_eigenvalues.imag), [-1, 1], atol=1e-15)
    np.testing.assert_allclose(flow.game_eigenvalues.real, 0, atol=1e-15)
    method = gd.stability.analyze(game, [0.0, 0.0], Simultaneous(h))
    assert method.spectral_radius == pytest.approx(np.sqrt(1 + h**2), rel=1e-13)
    assert method.map_kind != "converging"


def test_clipped_wgan_stays_in_the_box_and_does_not_converge():
    game = gd.games.dirac_gan("wasserstein", clip=0.3)
    run = gd.simulate(game, Simultaneous(0.05), [0.5, 0.1], 4000)
    assert np.all(np.abs(run.states[:, 1]) <= 0.3)
    assert np.linalg.norm(run.states[-1000:], axis=-1).min() > 0.25
    with pytest.raises(ValueError, match="domain"):
        gd.simulate(game, Simultaneous(0.05), [0.0, 0.5], 3)


def test_stabilizer_arguments_are_validated():
    with pytest.raises(ValueError, match="`gradient_penalty`"):
        gd.games.dirac_gan(gradient_penalty=-1.0)
    with pytest.raises(ValueError, match="`clip`"):
        gd.games.dirac_gan(clip=0.0)
    with pytest.raises(TypeError, match="`clip`"):
        gd.games.dirac_gan(clip="0.1")


# ------------------------------------------------------------------ Box
def test_box_projection_constraints_and_membership():
    box = gd.games.Box([-1.0, 0.0, -np.inf], [1.0, np.inf, 2.0])
    assert box.dim == 3
    z = np.array([[2.0, -3.0, 5.0], [0.5, 7.0, -9.0], [np.nan, np.inf, 1.0]])
    np.testing.assert_array_equal(box.project(z),
                                  [[1.0, 0.0, 2.0], [0.5, 7.0, -9.0], [np.nan, np.inf, 1.0]])
    G, h = box.constraints()  # z0 <= 1, z2 <= 2, -z0 <= 1, -z1 <= 0
    np.testing.assert_array_equal(G, [[1, 0, 0], [0, 0, 1], [-1, 0, 0], [0, -1, 0]])
    np.testing.assert_array_equal(h, [1, 2, 1, 0])
    np.testing.assert_array_equal(box.contains([[1.0, 0.0, 2.0], [1.1, 0.0, 0.0]]),
                                  [True, False])
    np.testing.assert_array_equal(box.active_constraints([1.0, 0.0, 0.0]),
                                  [True, False, False, True])
    assert repr(box) == "Box(low=[-1, 0, -inf], high=[1, inf, 2])"
    assert box == gd.games.Box([-1, 0, -np.inf], [1, np.inf, 2]) and hash(box) == hash(
        gd.games.Box([-1, 0, -np.inf], [1, np.inf, 2]))
    with pytest.raises(AttributeError):
        box.low = np.zeros(3)


@pytest.mark.parametrize("low, high, match", [
    ([0.0, 1.0], [1.0], "same non-empty shape"), ([], [], "empty"),
    ([2.0], [1.0], "must not exceed"), ([np.nan], [1.0], "NaN"),
    ([np.inf], [np.inf], "below inf"), ([0.0], [-np.inf], "above -inf")])
def test_box_refuses_bad_bounds(low, high, match):
    with pytest.raises(ValueError, match=match):
        gd.games.Box(low, high)
    with pytest.raises(TypeError, match="`low`"):
        gd.games.Box("0", [1.0])


def test_a_vertex_of_a_box_the_field_presses_into_is_attracting():
    # u1 = x (x wants up), u2 = -y (y wants down) on [0, 1]^2: the field (1, -1) presses
    # into x <= 1 and y >= 0 at the vertex (1, 0), a fixed point of projected dynamics
    game = gd.DifferentiableGame(1, 1, lambda z: z[..., 0], lambda z: -z[..., 1],
                                 domain=gd.games.Box([0.0, 0.0], [1.0, 1.0]))
    report = gd.stability.analyze(game, [1.0, 0.0])
    assert report.pressed and report.kind == "attracting"
    run = gd.simulate(game, Simultaneous(0.1), [0.2, 0.9], 30)
    np.testing.assert_allclose(run.states[-1], [1.0, 0.0])
    with pytest.raises(TypeError, match="`domain`"):
        gd.DifferentiableGame(1, 1, np.sum, np.sum, domain=object())
    with pytest.raises(ValueError, match="dimension"):
        gd.DifferentiableGame(1, 1, np.sum, np.sum, domain=gd.games.Box([0.0], [1.0]))
