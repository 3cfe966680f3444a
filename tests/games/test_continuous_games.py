"""The bilinear game, the Dirac-GAN and the landscape against closed forms and finite
differences of their payoffs.

Zero-sum convention: player 1 minimizes ``v`` (``u1 = -v``), player 2 maximizes it.
"""

import numpy as np
import pytest
from fd_reference import derivative, field_of
from scipy.special import expit, log_expit

import gamedyn as gd

LOSSES = gd.games.DIRAC_LOSSES


# ------------------------------------------------------------------ bilinear
def test_bilinear_closed_forms_with_a_random_matrix():
    # v = x A y (Zhang & Yu 2020): xi = (-A y, A^T x), J = [[0, -A], [A^T, 0]],
    # eigenvalues +-i sigma_k (singular values of A) and n1 - n2 zeros
    rng = np.random.default_rng(2)
    A = rng.normal(size=(3, 2))
    game = gd.games.bilinear(A)
    z = rng.normal(size=(5, 5))
    x, y = z[:, :3], z[:, 3:]
    np.testing.assert_allclose(game.field(z), np.concatenate([-y @ A.T, x @ A], -1),
                               atol=1e-14)
    u1, u2 = game.payoffs(z)
    np.testing.assert_allclose(u2, np.einsum("bi,ij,bj->b", x, A, y), atol=1e-14)
    np.testing.assert_allclose(u1, -u2, atol=1e-14)
    J = game.jacobian(z)
    expected = np.block([[np.zeros((3, 3)), -A], [A.T, np.zeros((2, 2))]])
    np.testing.assert_array_equal(J, np.broadcast_to(expected, (5, 5, 5)))
    sigma = np.linalg.svd(A, compute_uv=False)
    eigenvalues = np.sort_complex(np.linalg.eigvals(J[0]))
    np.testing.assert_allclose(np.sort(eigenvalues.imag), np.sort(np.r_[sigma, -sigma, 0]),
                               atol=1e-12)
    np.testing.assert_allclose(eigenvalues.real, 0, atol=1e-12)
    np.testing.assert_allclose(game.field(z), field_of(game, z), atol=1e-10)
    np.testing.assert_array_equal(game.equilibrium(), np.zeros(5))


def test_bilinear_scalar_default_is_a_times_b():
    game = gd.games.bilinear()
    assert (game.n1, game.n2) == (1, 1)
    np.testing.assert_array_equal(game.field([2.0, 3.0]), [-3.0, 2.0])  # (-b, a)
    np.testing.assert_array_equal(gd.games.bilinear(2.5).jacobian([0, 0]),
                                  [[0, -2.5], [2.5, 0]])


@pytest.mark.parametrize("A, error", [(np.ones((2, 2, 2)), ValueError), ([np.nan], ValueError),
                                      ("A", TypeError), ([1, 2], ValueError)])
def test_bilinear_rejects_bad_matrices(A, error):
    with pytest.raises(error, match="`A`"):
        gd.games.bilinear(A)


def test_zero_sum_helper_signs():
    game = gd.games.from_value(1, 1, lambda z: z[..., 0] ** 2 * z[..., 1])
    u1, u2 = game.payoffs([2.0, 3.0])
    assert (float(u1), float(u2)) == (-12.0, 12.0)
    with pytest.raises(TypeError, match="`value`"):
        gd.games.from_value(1, 1, 3.0)


def test_zero_sum_constructor_is_a_deprecated_alias_naming_from_value():
    # v = x^2 y: u1 = -v = -12 and u2 = 12 at (2, 3), through the old name as well
    with pytest.warns(DeprecationWarning, match="from_value"):
        game = gd.games.zero_sum(1, 1, lambda z: z[..., 0] ** 2 * z[..., 1])
    assert [float(u) for u in game.payoffs([2.0, 3.0])] == [-12.0, 12.0]
    assert "zero_sum" not in gd.games.__all__ and "from_value" in gd.games.__all__
    assert gd.equilibria.zero_sum.__module__ == "gamedyn.equilibria.zero_sum"


def test_dirac_gan_standard_is_a_deprecated_alias_naming_minimax():
    with pytest.warns(DeprecationWarning, match="minimax"):
        old = gd.games.dirac_gan("standard", r1=0.2)
    new = gd.games.dirac_gan("minimax", r1=0.2)
    z = np.array([[0.3, -0.7], [1.5, 0.2]])
    np.testing.assert_array_equal(old.field(z), new.field(z))
    np.testing.assert_array_equal(old.jacobian(z), new.jacobian(z))
    # issue 14 adds the third generator cost of the shared vocabulary
    assert gd.games.DIRAC_LOSSES == ("minimax", "non_saturating", "wasserstein",
                                     "maximum_likelihood")


# ------------------------------------------------------------------ Dirac-GAN
@pytest.mark.parametrize("loss", LOSSES)
@pytest.mark.parametrize("r1, r2, noise", [(0, 0, 0), (0.3, 0.2, 0), (0, 0.4, 0),
                                           (0.5, 0, 0.4), (0, 0, 1.0)])
def test_dirac_gan_field_and_jacobian_equal_finite_differences(loss, r1, r2, noise):
    game = gd.games.dirac_gan(loss, r1=r1, r2=r2, instance_noise=noise)
    z = np.random.default_rng(4).normal(size=(6, 2)) * 1.5
    np.testing.assert_allclose(game.field(z), field_of(game, z), atol=1e-9)
    np.testing.assert_allclose(game.jacobian(z), derivative(game.field, z), atol=1e-8)


def f_prime(loss):
    """f'(0) for f(t) = -log(1 + exp(-t)) (1/2) or f(t) = t (1)."""
    return 1.0 if loss == "wasserstein" else 0.5


@pytest.mark.parametrize("loss", LOSSES)
@pytest.mark.parametrize("r1, r2", [(0.0, 0.0), (0.7, 0.0), (0.2, 0.3)])
def test_dirac_gan_jacobian_at_the_equilibrium(loss, r1, r2):
    # Mescheder, Geiger & Nowozin (2018), Sec. 2 and Lemma 2.2 (Sec. 3 for R1/R2):
    # J(0, 0) = [[0, -f'(0)], [f'(0), -gamma]] with gamma = r1 + r2
    slope, gamma = f_prime(loss), r1 + r2
    J = gd.games.dirac_gan(loss, r1=r1, r2=r2).jacobian([0.0, 0.0])
    np.testing.assert_allclose(J, [[0, -slope], [slope, -gamma]], atol=1e-15)
    if gamma == 0:  # +-i f'(0): pure rotation
        np.testing.assert_allclose(np.sort(np.linalg.eigvals(J).imag), [-slope, slope])


@pytest.mark.parametrize("loss", LOSSES)
def test_dirac_gan_jacobian_with_instance_noise(loss):
    # Mescheder et al. (2018), Sec. 3 (instance noise): the lower-right entry becomes
    # 2 f''(0) sigma^2 with f''(0) = -1/4 (logistic) or 0 (Wasserstein)
    sigma = 0.6
    second = 0.0 if loss == "wasserstein" else -0.25
    slope = f_prime(loss)
    J = gd.games.dirac_gan(loss, instance_noise=sigma).jacobian([0.0, 0.0])
    np.testing.assert_allclose(J, [[0, -slope], [slope, 2 * second * sigma**2]], atol=1e-13)


def test_dirac_gan_payoffs_and_field_closed_forms():
    # Mescheder et al. (2018), eq. (2): L = f(psi theta) + f(0); D maximizes L - gamma psi^2/2.
    # minimax: G minimizes L; non-saturating: G maximizes f(-psi theta).
    theta, psi = np.random.default_rng(5).normal(size=(2, 7)) * 2
    z = np.stack([theta, psi], -1)
    t = psi * theta
    game = gd.games.dirac_gan("minimax", r1=0.3)
    u1, u2 = game.payoffs(z)
    np.testing.assert_allclose(u2, log_expit(t) + np.log(0.5) - 0.15 * psi**2, atol=1e-14)
    np.testing.assert_allclose(u1, -(log_expit(t) + np.log(0.5)), atol=1e-14)
    np.testing.assert_allclose(game.field(z), np.stack([-psi * expit(-t),
                                                        theta * expit(-t) - 0.3 * psi], -1),
                               atol=1e-14)
    non_saturating = gd.games.dirac_gan("non_saturating")
    np.testing.assert_allclose(non_saturating.payoffs(z)[0], log_expit(-t), atol=1e-14)
    np.testing.assert_allclose(non_saturating.field(z)[:, 0], -psi * expit(t), atol=1e-14)
    wasserstein = gd.games.dirac_gan("wasserstein", r2=1.0)
    np.testing.assert_allclose(wasserstein.field(z), np.stack([-psi, theta - psi], -1),
                               atol=1e-14)


def test_dirac_gan_validation():
    with pytest.raises(ValueError, match="'minimax', 'non_saturating', 'wasserstein'"):
        gd.games.dirac_gan("hinge")
    with pytest.raises(ValueError, match="`r1`"):
        gd.games.dirac_gan(r1=-1.0)
    with pytest.raises(TypeError, match="`instance_noise`"):
        gd.games.dirac_gan(instance_noise="large")


def test_dirac_gan_is_stable_far_from_the_origin():
    # large |psi theta| must not overflow (warnings are errors in the test suite)
    game = gd.games.dirac_gan("minimax")
    z = np.array([[40.0, 40.0], [-40.0, 40.0]])
    assert np.all(np.isfinite(game.payoffs(z)[1])) and np.all(np.isfinite(game.jacobian(z)))


# ------------------------------------------------------------------ landscape
def test_landscape_field_and_jacobian_closed_forms():
    # V = sin a cos b + (a^2 - b^2) / 10, a minimizes: xi = (-cos a cos b - a/5,
    # -sin a sin b - b/5); J = [[sin a cos b - 1/5, cos a sin b],
    #                           [-cos a sin b, -sin a cos b - 1/5]]
    game = gd.games.landscape()
    z = np.random.default_rng(5).normal(size=(4, 2)) * 2
    a, b = z[:, 0], z[:, 1]
    expected = np.stack([-(np.cos(a) * np.cos(b) + 0.2 * a),
                         -np.sin(a) * np.sin(b) - 0.2 * b], -1)
    np.testing.assert_allclose(game.field(z), expected, atol=1e-14)
    jacobian = np.stack([np.stack([np.sin(a) * np.cos(b) - 0.2, np.cos(a) * np.sin(b)], -1),
                         np.stack([-np.cos(a) * np.sin(b), -np.sin(a) * np.cos(b) - 0.2], -1)],
                        -2)
    np.testing.assert_allclose(game.jacobian(z), jacobian, atol=1e-14)
    np.testing.assert_allclose(game.payoffs(z)[1],
                               np.sin(a) * np.cos(b) + 0.1 * (a**2 - b**2), atol=1e-14)
    assert game.symbolic is not None
