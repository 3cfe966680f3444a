"""The analyzer against closed forms from the literature."""

import numpy as np
import pytest

import gamedyn as gd
from gamedyn.dynamics import (
    Alternating,
    Extragradient,
    Optimistic,
    ProximalPoint,
    Simultaneous,
)


def random_coupling(seed, n1=3, n2=2):
    return np.random.default_rng(seed).normal(size=(n1, n2))


# ---------------------------------------------------------------- bilinear x A y
# Zhang & Yu (2020), "Convergence of gradient methods on bilinear zero-sum games", ICLR,
# Theorems 3.1-3.4 (spectral radii of the update maps in terms of the singular values).

@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("eta", [0.05, 0.3, 1.0])
def test_simultaneous_spectral_radius(seed, eta):
    A = random_coupling(seed)
    sigma = np.linalg.svd(A, compute_uv=False)
    game = gd.games.bilinear(A)
    rep = gd.stability.analyze(game, np.zeros(game.n), Simultaneous(eta))
    assert rep.spectral_radius == pytest.approx(np.sqrt(1 + eta**2 * sigma[0] ** 2), rel=1e-10)
    assert rep.map_kind == "expanding"


@pytest.mark.parametrize("seed", [0, 3])
def test_alternating_is_isometric_below_two(seed):
    A = random_coupling(seed, 2, 2)
    sigma1 = np.linalg.svd(A, compute_uv=False)[0]
    game = gd.games.bilinear(A)
    for eta in (0.2 / sigma1, 1.0 / sigma1, 1.9 / sigma1):
        rep = gd.stability.analyze(game, np.zeros(4), Alternating(eta))
        np.testing.assert_allclose(np.abs(rep.eigenvalues), 1.0, atol=1e-9)
        assert rep.map_kind == "isometric"
    rep = gd.stability.analyze(game, np.zeros(4), Alternating(2.1 / sigma1))
    assert rep.spectral_radius > 1


@pytest.mark.parametrize("seed", [0, 4])
@pytest.mark.parametrize("scale", [0.3, 0.9, 1.2])
def test_extragradient_spectral_radius(seed, scale):
    A = random_coupling(seed, 2, 2)
    sigma = np.linalg.svd(A, compute_uv=False)
    eta = scale / sigma[0]
    u = eta**2 * sigma**2
    expected = np.sqrt(1 - u + u**2).max()
    rep = gd.stability.analyze(gd.games.bilinear(A), np.zeros(4), Extragradient(eta))
    assert rep.spectral_radius == pytest.approx(expected, rel=1e-10)
    assert (rep.spectral_radius < 1) == (scale < 1)


@pytest.mark.parametrize("eta", [0.1, 0.5, 2.0])
def test_proximal_point_spectral_radius(eta):
    A = random_coupling(5, 2, 2)
    sigma_n = np.linalg.svd(A, compute_uv=False)[-1]
    rep = gd.stability.analyze(gd.games.bilinear(A), np.zeros(4), ProximalPoint(eta))
    assert rep.spectral_radius == pytest.approx(1 / np.sqrt(1 + eta**2 * sigma_n**2), rel=1e-10)


def test_optimistic_contracts_for_small_steps_and_matches_its_characteristic_polynomial():
    # OGDA on v = xy: for J-eigenvalue i*w the map's eigenvalues solve
    # r^2 - (1 + 2 i eta w) r + i eta w = 0 (Daskalakis et al. 2018; Zhang & Yu 2020).
    eta = 0.2
    rep = gd.stability.analyze(gd.games.bilinear(), [0, 0], Optimistic(eta))
    roots = np.concatenate([np.roots([1, -(1 + 2j * eta * w), 1j * eta * w]) for w in (1, -1)])
    assert rep.spectral_radius == pytest.approx(np.abs(roots).max(), rel=1e-10)
    assert rep.kind == "attracting"


def test_bilinear_flow_is_rotational_not_attracting():
    rep = gd.stability.analyze(gd.games.bilinear(), [0.0, 0.0])
    assert rep.kind == "rotational"
    np.testing.assert_allclose(rep.game_eigenvalues, [-1j, 1j], atol=1e-12)
    assert rep.rotation_fraction == pytest.approx(1.0)
    assert "circle" in rep.explain()


# ---------------------------------------------------------------- Dirac-GAN
# Mescheder, Geiger & Nowozin (2018), ICML, Lemma 2.2 and Theorem 4.1.

@pytest.mark.parametrize("loss", ["minimax", "non_saturating"])
def test_dirac_gan_unregularized_rotates(loss):
    rep = gd.stability.analyze(gd.games.dirac_gan(loss), [0.0, 0.0])
    np.testing.assert_allclose(rep.game_eigenvalues, [-0.5j, 0.5j], atol=1e-12)
    assert rep.kind == "rotational"


@pytest.mark.parametrize("gamma", [0.3, 1.0, 2.5])
@pytest.mark.parametrize("which", ["r1", "r2"])
def test_dirac_gan_regularized_eigenvalues(gamma, which):
    rep = gd.stability.analyze(gd.games.dirac_gan(**{which: gamma}), [0.0, 0.0])
    root = np.sqrt(complex(gamma**2 / 4 - 0.25))
    expected = sorted([-gamma / 2 - root, -gamma / 2 + root], key=lambda v: (v.real, v.imag))
    np.testing.assert_allclose(rep.game_eigenvalues, expected, atol=1e-12)
    assert rep.kind == "attracting"


@pytest.mark.parametrize("h", [0.01, 0.2, 1.0])
def test_dirac_gan_simultaneous_steps(h):
    rep = gd.stability.analyze(gd.games.dirac_gan(), [0.0, 0.0], Simultaneous(h))
    np.testing.assert_allclose(np.abs(rep.eigenvalues), np.sqrt(1 + h**2 / 4), rtol=1e-12)


# ---------------------------------------------------------------- mixed extensions

def test_rock_paper_scissors_uniform_is_rotational():
    # zero-sum: the reduced Jacobian [[0, K], [-K^T, 0]] is antisymmetric
    rep = gd.stability.analyze(gd.games.rock_paper_scissors(), ([1 / 3] * 3, [1 / 3] * 3))
    assert rep.kind == "rotational"
    np.testing.assert_allclose(rep.game_eigenvalues.real, 0.0, atol=1e-12)
    assert np.all(np.abs(rep.game_eigenvalues.imag) > 0.1)


def test_stag_hunt_mixed_equilibrium_is_a_saddle_with_eigenvalues_plus_minus_two():
    # field (2b - 1, 2a - 1), Jacobian [[0, 2], [2, 0]]
    game = gd.games.stag_hunt()
    rep = gd.stability.analyze(game.mixed(), [0.5, 0.5])
    np.testing.assert_allclose(rep.game_eigenvalues, [-2, 2], atol=1e-12)
    assert rep.kind == "saddle"


@pytest.mark.parametrize("game, point", [
    (gd.games.stag_hunt(), ([1, 0], [1, 0])),
    (gd.games.stag_hunt(), ([0, 1], [0, 1])),
    (gd.games.pigs(), ([1, 0], [0, 1])),
])
def test_pure_equilibria_on_the_boundary_attract_projected_dynamics(game, point):
    rep = gd.stability.analyze(game, point)
    assert rep.pressed and rep.kind == "attracting"
    discrete = gd.stability.analyze(game, point, Simultaneous(0.1))
    assert discrete.spectral_radius == pytest.approx(0.0)


def test_a_boundary_point_that_is_not_an_equilibrium_is_rejected():
    with pytest.raises(ValueError, match="not a fixed point"):
        gd.stability.analyze(gd.games.stag_hunt(), ([1, 0], [0, 1]))


# ---------------------------------------------------------------- step sizes

def test_stable_step_sizes_follow_the_simultaneous_rule_on_random_stable_matrices():
    rng = np.random.default_rng(11)
    for _ in range(10):
        M = rng.normal(size=(3, 3))
        J = M - M.T - np.diag(rng.uniform(0.1, 1.0, 3))  # Re(lambda) < 0
        game = gd.DifferentiableGame(1, 2, lambda z: 0 * z[..., 0], lambda z: 0 * z[..., 0],
                                     field=lambda z, J=J: z @ J.T,
                                     jacobian=lambda z, J=J: np.broadcast_to(J, z.shape + (3,)))
        lam = np.linalg.eigvals(J)
        bound = np.min(-2 * lam.real / np.abs(lam) ** 2)
        region = gd.stability.stable_step_sizes(game, np.zeros(3))
        assert region.intervals[0][1] == pytest.approx(bound, rel=1e-12)
        for eta in (0.5 * bound, 0.99 * bound, 1.01 * bound):
            rho = gd.stability.spectral_radius(game, np.zeros(3), Simultaneous(eta))
            assert (rho < 1) == region.contains(eta)


def test_extragradient_step_sizes_on_bilinear():
    region = gd.stability.stable_step_sizes(gd.games.bilinear(), [0, 0], "extragradient")
    assert region.intervals[0][0] == 0.0
    assert region.intervals[0][1] == pytest.approx(1.0, abs=1e-9)  # eta * sigma < 1


def test_simultaneous_never_contracts_on_bilinear_but_consensus_can():
    assert gd.stability.stable_step_sizes(gd.games.bilinear(), [0, 0]).intervals == []
    region = gd.stability.stable_step_sizes(gd.games.bilinear(), [0, 0], "consensus", gamma=1.0)
    assert region.intervals and region.contains(0.5)


def test_two_timescale_region_grid():
    region = gd.stability.stable_step_sizes(gd.games.dirac_gan(r1=1.0), [0, 0],
                                            two_timescale=True, resolution=64)
    assert region.contracting.shape == (len(region.lr2), len(region.lr1))
    for j, lr2 in enumerate(region.lr2):
        for i, lr1 in enumerate(region.lr1):
            rho = gd.stability.spectral_radius(gd.games.dirac_gan(r1=1.0), [0, 0],
                                               Simultaneous((lr1, lr2)))
            assert region.contracting[j, i] == (rho < 1)
