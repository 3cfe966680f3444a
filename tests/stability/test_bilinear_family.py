"""The bilinear-game method family (issue 15, point 3): closed forms derived by hand,
checked against the analyzer and against simulated runs."""

import numpy as np
import pytest

import gamedyn as gd
from gamedyn.dynamics import (
    Alternating,
    Extragradient,
    GeneralizedExtragradient,
    GeneralizedOptimistic,
    Momentum,
    Optimistic,
)


def _decay(game, dynamics, z0, steps):
    run = gd.simulate(game, dynamics, z0, steps)
    assert run.states.shape[0] == steps + 1 and np.all(np.isfinite(run.states))
    return np.linalg.norm(run.states[-1]) / np.linalg.norm(run.states[0])


def _rate(game, dynamics, z0, start=30, stop=60):
    """Measured growth per round between two rounds (simulate stops on convergence or
    divergence, so the horizon stays short)."""
    states = gd.simulate(game, dynamics, z0, stop).states
    return (np.linalg.norm(states[stop]) / np.linalg.norm(states[start])) ** (1 / (stop - start))


@pytest.mark.parametrize("eta, c", [(0.3, 1.0), (0.5, 2.0), (0.2, 10.0), (1.0, 0.5)])
@pytest.mark.parametrize("sigma", [0.5, 1.0, 3.0])
def test_generalized_extragradient_closed_form(eta, c, sigma):
    # v = sigma x y: xi = (-sigma y, sigma x). z_half = z + c eta xi(z),
    # z+ = z + eta xi(z_half) = (1 - c eta^2 sigma^2) z + eta sigma R z (R the rotation):
    # a scaled rotation, |mu|^2 = (1 - c eta^2 sigma^2)^2 + eta^2 sigma^2, and since the map
    # is normal every step multiplies |z| by exactly |mu| (Zhang & Yu 2020, Sec. 3, EG with
    # separate extrapolation and update steps).
    game = gd.games.bilinear(sigma)
    dyn = GeneralizedExtragradient(eta, extrapolation=c)
    mu = np.sqrt((1 - c * eta**2 * sigma**2) ** 2 + eta**2 * sigma**2)
    rep = gd.stability.analyze(game, [0, 0], dyn)
    assert rep.spectral_radius == pytest.approx(mu, rel=1e-12)
    assert _decay(game, dyn, [0.3, -1.2], 1) == pytest.approx(mu, rel=1e-12)
    # c eta^2 sigma^2 = 1 cancels the real part: |mu| = eta sigma, the exact one-shot solve
    tuned = GeneralizedExtragradient(eta, extrapolation=1 / (eta * sigma) ** 2)
    assert gd.stability.spectral_radius(game, [0, 0], tuned) == pytest.approx(eta * sigma)


def test_generalized_extragradient_reduces_to_extragradient():
    game = gd.games.bilinear([[1.0, 2.0], [0.5, -1.0]])
    a = gd.stability.analyze(game, np.zeros(4), GeneralizedExtragradient(0.2)).update_jacobian
    b = gd.stability.analyze(game, np.zeros(4), Extragradient(0.2)).update_jacobian
    assert np.allclose(a, b, atol=1e-14)


@pytest.mark.parametrize("eta, c", [(0.2, 1.0), (0.1, 3.0), (0.3, 0.5), (0.4, 0.0)])
def test_generalized_optimistic_characteristic_polynomial(eta, c):
    # on an eigenvalue lambda = +-i sigma of J the state (z_t, z_{t-1}) evolves by
    # mu^2 - (1 + (1 + c) eta lambda) mu + c eta lambda = 0 (Mokhtari et al. 2020, Sec. 5,
    # generalized OGDA with alpha = eta, beta = c eta); c = 0 is simultaneous play
    sigma = 1.5
    game = gd.games.bilinear(sigma)
    rep = gd.stability.analyze(game, [0, 0], GeneralizedOptimistic(eta, optimism=c))
    roots = np.concatenate([np.roots([1, -(1 + (1 + c) * eta * lam), c * eta * lam])
                            for lam in (1j * sigma, -1j * sigma)])
    assert np.sort(np.abs(rep.eigenvalues)) == pytest.approx(np.sort(np.abs(roots)), abs=1e-12)
    # a simulated run decays (or grows) at that rate
    rho = np.abs(roots).max()
    measured = _rate(game, GeneralizedOptimistic(eta, optimism=c), [1.0, 0.5])
    assert measured == pytest.approx(rho, rel=3e-2)


def test_generalized_optimistic_reduces_to_optimistic():
    game = gd.games.bilinear([[1.0, 2.0], [0.5, -1.0]])
    z = np.zeros(4)
    a = gd.stability.analyze(game, z, GeneralizedOptimistic(0.2, optimism=1.0))
    b = gd.stability.analyze(game, z, Optimistic(0.2))
    assert a.spectral_radius == pytest.approx(b.spectral_radius, rel=1e-12)
    run_a = gd.simulate(game, GeneralizedOptimistic(0.2), [1.0, 0.0, -0.5, 2.0], 20)
    run_b = gd.simulate(game, Optimistic(0.2), [1.0, 0.0, -0.5, 2.0], 20)
    assert np.allclose(run_a.states, run_b.states, atol=1e-13)


def test_simultaneous_momentum_never_contracts_on_xy():
    # Gidel et al. 2019 (AISTATS, "Negative momentum for improved game dynamics"):
    # simultaneous heavy ball on v = x y does not converge for any step size and momentum.
    # Heavy ball on eigenvalue i: roots of
    # mu^2 - (1 + beta + i eta) mu + beta = 0 (np.roots, independent of the analyzer).
    game = gd.games.bilinear()
    for beta in np.linspace(-0.95, 0.95, 39):
        for eta in np.geomspace(1e-3, 3.0, 25):
            roots = np.roots([1, -(1 + beta + 1j * eta), beta])
            assert np.abs(roots).max() >= 1.0
            rho = gd.stability.spectral_radius(game, [0, 0], Momentum(eta, beta=beta))
            assert rho == pytest.approx(np.abs(roots).max(), rel=1e-9)


def _alternating_heavy_ball_by_hand(eta, beta):
    """One round on v = x y, state (x, y, x_prev, y_prev), player 1 first:
    x+ = x - eta y + beta (x - x_prev); y+ = y + eta x+ + beta (y - y_prev)."""
    x_row = np.array([1 + beta, -eta, -beta, 0.0])
    y_row = eta * x_row + np.array([0.0, 1 + beta, 0.0, -beta])
    return np.array([x_row, y_row, [1.0, 0, 0, 0], [0, 1.0, 0, 0]])


@pytest.mark.parametrize("eta, beta", [(0.5, -0.5), (0.3, -0.2), (1.0, -0.3), (0.2, 0.3),
                                       (0.5, 0.0)])
def test_alternating_heavy_ball_by_hand(eta, beta):
    game = gd.games.bilinear()
    M = _alternating_heavy_ball_by_hand(eta, beta)
    rho_hand = np.abs(np.linalg.eigvals(M)).max()
    dyn = Alternating(Momentum(eta, beta=beta))
    rep = gd.stability.analyze(game, [0, 0], dyn)
    assert rep.spectral_radius == pytest.approx(rho_hand, rel=1e-9)
    if beta < 0:
        # Gidel et al. 2019: alternating updates with negative momentum contract
        assert rep.map_kind == "contracting"
        assert _rate(game, dyn, [1.0, 1.0]) == pytest.approx(rho_hand, rel=3e-2)
    if beta == 0:
        assert rep.map_kind == "isometric"  # plain alternating: the symplectic map


def test_composition_of_the_new_rules():
    # Gauss-Seidel versions come from composition: at c = 1 they equal the old rules'
    game = gd.games.bilinear([[1.0, 2.0], [0.5, -1.0]])
    z = np.zeros(4)
    for new, old in [(GeneralizedExtragradient(0.2), Extragradient(0.2)),
                     (GeneralizedOptimistic(0.2), Optimistic(0.2))]:
        a = gd.stability.analyze(game, z, Alternating(new, k=(1, 2)))
        b = gd.stability.analyze(game, z, Alternating(old, k=(1, 2)))
        assert a.spectral_radius == pytest.approx(b.spectral_radius, rel=1e-10)
    assert gd.dynamics.get_dynamics("generalized_optimistic", lr=0.1, optimism=2.0).optimism \
        == 2.0


def test_bad_coefficients():
    with pytest.raises(ValueError, match="extrapolation"):
        GeneralizedExtragradient(0.1, extrapolation=0.0)
    with pytest.raises(ValueError, match="optimism"):
        GeneralizedOptimistic(0.1, optimism=-1.0)


# Zhang, G. & Yu, Y. (2020). Convergence of gradient methods on bilinear zero-sum games.
# ICLR. Their generalized EG has update step alpha and extrapolation step gamma with
# beta = alpha * gamma; gamedyn's GeneralizedExtragradient(eta, extrapolation=c) is
# alpha = eta, gamma = c * eta, so beta = c * eta^2. Their generalized OGD
# x+ = x - alpha grad(x_t) + beta grad(x_{t-1}) is GeneralizedOptimistic(eta, optimism=c)
# with alpha = (1 + c) eta, beta = c eta.


def test_zhang_yu_jacobi_eg_region_example():
    # App. C.3 (proof of Thm. 3.2): with beta sigma^2 = 3/2, Jacobi EG converges iff
    # alpha^2 sigma^2 < 3/4.
    sigma = 2.0
    game = gd.games.bilinear(sigma)
    for a2s2 in (0.1, 0.5, 0.74, 0.76, 1.0, 2.0):
        eta = np.sqrt(a2s2) / sigma
        c = 1.5 / (eta**2 * sigma**2)
        rho = gd.stability.spectral_radius(game, [0, 0],
                                           GeneralizedExtragradient(eta, extrapolation=c))
        assert (rho < 1) == (a2s2 < 0.75)


def test_zhang_yu_jacobi_momentum_never_and_gauss_seidel_needs_negative_momentum():
    # Thm. 3.4: Jacobi (simultaneous) momentum never converges on a bilinear game; the
    # Gauss-Seidel (alternating) version converges only if some momentum is negative, so
    # with one beta >= 0 for both players it never does.
    game = gd.games.bilinear([[1.0, 0.5], [0.0, 2.0]])
    z = np.zeros(4)
    for beta in (0.0, 0.2, 0.5, 0.9):
        for eta in (0.01, 0.1, 0.3, 1.0):
            assert gd.stability.spectral_radius(game, z, Alternating(Momentum(eta, beta=beta))) \
                >= 1 - 1e-12
            assert gd.stability.spectral_radius(game, z, Momentum(eta, beta=beta)) >= 1 - 1e-12
    assert gd.stability.spectral_radius(game, z, Alternating(Momentum(0.3, beta=-0.3))) < 1


def test_zhang_yu_ogd_remark_alpha_half_beta_third_beats_original():
    # Sec. 4, Remark: on the 1-D game with sigma = 1 and alpha = 1/2, beta = 1/3 converges
    # faster than the original OGD alpha = 2 beta = 1/2.
    game = gd.games.bilinear()
    generalized = GeneralizedOptimistic(1 / 6, optimism=2.0)   # alpha = 1/2, beta = 1/3
    original = GeneralizedOptimistic(1 / 4, optimism=1.0)      # alpha = 1/2, beta = 1/4
    r_new = gd.stability.spectral_radius(game, [0, 0], generalized)
    r_old = gd.stability.spectral_radius(game, [0, 0], original)
    assert r_new < r_old < 1
    # both equal the largest root of their characteristic polynomial on lambda = +-i
    for eta, c, r in ((1 / 6, 2.0, r_new), (1 / 4, 1.0, r_old)):
        roots = np.roots([1, -(1 + (1 + c) * eta * 1j), c * eta * 1j])
        assert r == pytest.approx(np.abs(roots).max(), rel=1e-12)


def test_zhang_yu_eg_optimal_limit():
    # Thm. 4.1: EG's optimal exponent is approached with very large extrapolation steps
    # and very small update steps (gamma -> inf, alpha -> 0) at fixed beta = alpha gamma.
    # On the spectrum sigma in {1, 2} the rate at fixed beta = c eta^2 falls as eta -> 0.
    game = gd.games.bilinear(np.diag([1.0, 2.0]))
    beta = 0.4  # = c * eta^2
    rates = [gd.stability.spectral_radius(
        game, np.zeros(4), GeneralizedExtragradient(eta, extrapolation=beta / eta**2))
        for eta in (0.4, 0.2, 0.1, 0.05)]
    assert all(b < a for a, b in zip(rates, rates[1:]))
    # exactly sqrt((1 - beta sigma^2)^2 + eta^2 sigma^2) (our closed form above), whose
    # limit is max |1 - beta sigma^2| over the singular values
    for eta, rate in zip((0.4, 0.2, 0.1, 0.05), rates):
        assert rate == pytest.approx(max(np.sqrt((1 - beta * s**2) ** 2 + (eta * s) ** 2)
                                         for s in (1.0, 2.0)), rel=1e-12)


def _optimistic_by_hand(sigma, eta1, eta2, c1, c2, alternating):
    """One round on v = sigma x y, state (x, y, x_prev, y_prev), written out by hand:
    x+ = x - eta1 sigma ((1 + c1) y - c1 y_prev);
    y+ = y + eta2 sigma ((1 + c2) x' - c2 x_prev') with x' = x+, x_prev' = x when player 1
    moves first (its last evaluation saw x), else x' = x, x_prev' = x_prev."""
    x_row = np.array([1.0, -eta1 * sigma * (1 + c1), 0.0, eta1 * sigma * c1])
    if alternating:
        y_row = np.array([0.0, 1.0, 0.0, 0.0]) + eta2 * sigma * (
            (1 + c2) * x_row - c2 * np.array([1.0, 0, 0, 0]))
    else:
        y_row = np.array([eta2 * sigma * (1 + c2), 1.0, -eta2 * sigma * c2, 0.0])
    return np.array([x_row, y_row, [1.0, 0, 0, 0], [0, 1.0, 0, 0]])


@pytest.mark.parametrize("eta, c", [((0.2, 0.3), (1.0, 0.0)), ((0.1, 0.1), (3.0, 0.5)),
                                    ((0.4, 0.2), (0.0, 2.0)), ((0.3, 0.3), (0.5, 0.5))])
@pytest.mark.parametrize("alternating", [False, True])
def test_generalized_optimistic_per_player_by_hand(eta, c, alternating):
    # Zhang & Yu 2020 (Sec. 2, generalized OGD with alpha_i = (1 + c_i) eta_i,
    # beta_i = c_i eta_i per player): the analyzer's spectrum and a simulated run both
    # follow the 4x4 round map written out by hand
    sigma = 1.5
    game = gd.games.bilinear(sigma)
    rule = GeneralizedOptimistic(eta, optimism=c)
    dyn = Alternating(rule) if alternating else rule
    M = _optimistic_by_hand(sigma, *eta, *c, alternating)
    rep = gd.stability.analyze(game, [0, 0], dyn)
    assert np.sort(np.abs(rep.eigenvalues)) == pytest.approx(
        np.sort(np.abs(np.linalg.eigvals(M))), abs=1e-10)
    # the run: the first round's memory is the starting point (a plain first step)
    z0 = np.array([1.0, -0.5])
    run = gd.simulate(game, dyn, z0, 6)
    state = np.concatenate([z0, z0])
    for t in range(1, 7):
        state = M @ state
        assert run.states[t] == pytest.approx(state[:2], abs=1e-12)


def test_generalized_optimistic_pair_of_equal_coefficients_is_the_float():
    game = gd.games.bilinear([[1.0, 2.0], [0.5, -1.0]])
    z0 = [1.0, 0.0, -0.5, 2.0]
    for wrap in (lambda r: r, Alternating):
        a = gd.simulate(game, wrap(GeneralizedOptimistic((0.2, 0.1), optimism=(2.0, 2.0))),
                        z0, 15)
        b = gd.simulate(game, wrap(GeneralizedOptimistic((0.2, 0.1), optimism=2.0)), z0, 15)
        assert np.allclose(a.states, b.states, atol=1e-13)
    assert GeneralizedOptimistic(0.1, optimism=(1, 0)).optimism == (1.0, 0.0)
    for bad in ((1.0, -1.0), (1.0, 2.0, 3.0), (np.inf, 1.0)):
        with pytest.raises(ValueError, match="optimism"):
            GeneralizedOptimistic(0.1, optimism=bad)
    with pytest.raises(TypeError, match="optimism"):  # the wrong kind of object
        GeneralizedOptimistic(0.1, optimism="1")


def _gauss_seidel_ogd(alpha, beta1):
    """Zhang & Yu's Gauss-Seidel OGD with alpha1 = alpha2 = alpha and beta2 = 0, player 1
    (x) first: x+ = x - alpha E y + beta1 E y_prev, y+ = y + alpha E^T x+. As a
    GeneralizedOptimistic rule: alpha_i = (1 + c_i) eta_i, beta_i = c_i eta_i."""
    rule = GeneralizedOptimistic((alpha - beta1, alpha), optimism=(beta1 / (alpha - beta1), 0.0))
    return Alternating(rule)


@pytest.mark.parametrize("s1, sn", [(2.0, 1.0), (3.0, 1.5), (1.0, 0.25), (1.3, 1.2)])
def test_zhang_yu_gauss_seidel_ogd_optimal_parameters(s1, sn):
    # Zhang & Yu 2020, Thm. 4.2 (proof in App. D.2): Gauss-Seidel OGD with beta2 = 0 is
    # optimal at alpha = sqrt(2) / sigma_1 with the rate they state as
    # r* = (kappa^2 - 1) / (kappa^2 + 1), kappa = sigma_1 / sigma_n. By hand, on a singular
    # value sigma the round map has eigenvalue 0 and the roots of
    # lambda^2 - (2 - alpha^2 sigma^2) lambda + (1 - alpha beta1 sigma^2) = 0, whose product
    # is 1 - alpha beta1 sigma^2; so rho^2 >= max_sigma |1 - alpha beta1 sigma^2|
    # >= (kappa^2 - 1) / (kappa^2 + 1), with equality at alpha beta1 = 2 / (s1^2 + sn^2)
    # and alpha = sqrt(2) / s1 (then the roots at s1 are +-sqrt(r*): trace 0, product
    # -r*; at sn the product is +r*). The paper's r* is thus reached as the SQUARE of the
    # spectral radius (the modulus of the product of the two roots): rho* = sqrt(r*),
    # although the paper defines its exponent as lim |z_t| / |z_{t-1}| (Sec. 4).
    game = gd.games.bilinear(np.diag([s1, sn]))
    kappa = s1 / sn
    r_star = (kappa**2 - 1) / (kappa**2 + 1)
    alpha = np.sqrt(2) / s1
    beta1 = 2 / (alpha * (s1**2 + sn**2))   # = sqrt(2) s1 / (s1^2 + sn^2)
    dyn = _gauss_seidel_ogd(alpha, beta1)
    rep = gd.stability.analyze(game, np.zeros(4), dyn)
    # the spectrum is the hand polynomial's, per singular value (np.roots, not the analyzer)
    hand = np.concatenate([np.roots([1, -(2 - alpha**2 * s**2), 1 - alpha * beta1 * s**2])
                           for s in (s1, sn)])
    nonzero = np.sort(np.abs(rep.eigenvalues))[-4:]
    assert nonzero == pytest.approx(np.sort(np.abs(hand)), abs=1e-9)
    assert rep.spectral_radius == pytest.approx(np.sqrt(r_star), rel=1e-9)
    # no (alpha, beta1) does better: the lower bound rho^2 >= r* over a grid
    for a in np.geomspace(0.05, 3.0, 15) / s1:
        for fraction in np.linspace(0.05, 0.95, 10):
            rho = gd.stability.spectral_radius(game, np.zeros(4),
                                               _gauss_seidel_ogd(a, fraction * a))
            assert rho**2 >= r_star - 1e-9
    # a simulated run decays at that rate (measured until |z| is about 1e-9 of its start:
    # fast rates converge, and simulate stops, early)
    stop = int(np.log(1e-9) / np.log(np.sqrt(r_star)))
    assert _rate(game, dyn, [1.0, -0.5, 0.3, 2.0], start=stop // 2, stop=stop) \
        == pytest.approx(np.sqrt(r_star), rel=5e-2)


def test_zhang_yu_gauss_seidel_ogd_one_step_solve():
    # Zhang & Yu 2020, App. E.4: at sigma = 1, alpha = sqrt(2), beta1 = 1/sqrt(2), beta2 = 0
    # the rate is zero (kappa = 1, r* = 0): the round map is nilpotent, so a run lands on
    # the saddle point in finitely many rounds (here 3: the map's size)
    game = gd.games.bilinear()
    dyn = _gauss_seidel_ogd(np.sqrt(2), 1 / np.sqrt(2))
    M = _optimistic_by_hand(1.0, np.sqrt(2) - 1 / np.sqrt(2), np.sqrt(2), 1.0, 0.0, True)
    assert np.abs(np.linalg.matrix_power(M, 4)).max() < 1e-12
    run = gd.simulate(game, dyn, [1.0, -2.0], 4)
    assert np.abs(run.final).max() < 1e-12
    assert gd.stability.spectral_radius(game, [0, 0], dyn) < 1e-4
