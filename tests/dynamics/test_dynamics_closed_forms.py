"""Gradient methods on bilinear games against closed forms.

Convention: v(x, y) = x @ A @ y, x (player 1) minimizes, y maximizes; the field is
xi = (-A y, A^T x) and the Jacobian J = [[0, -A], [A^T, 0]].
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import gamedyn as gd
from gamedyn.dynamics import (
    SGA,
    Adam,
    Alternating,
    Consensus,
    Extragradient,
    Momentum,
    Optimistic,
    ProximalPoint,
    Simultaneous,
)

MATRICES = [
    np.array([[2.0]]),
    np.array([[1.0, 2.0], [0.0, 1.0]]),
    np.array([[0.5, -1.0, 0.3], [0.2, 0.4, -0.7]]),
]


def _starts(n, count=7, seed=0):
    return np.random.default_rng(seed).normal(size=(count, n))


@pytest.mark.parametrize("eta", [0.05, 0.3, 1.0])
def test_simultaneous_bilinear_grows_by_one_plus_eta_squared(eta):
    # x+ = x - eta y, y+ = y + eta x  =>  x+^2 + y+^2 = (1 + eta^2)(x^2 + y^2)
    # (Mescheder et al. 2017, Sec. 3; Gidel et al. 2019, Sec. 3: spectral radius sqrt(1 + eta^2)).
    traj = gd.simulate(gd.games.bilinear(), Simultaneous(eta), _starts(2), 50, bound=1e12)
    radius2 = np.sum(traj.states**2, axis=-1)
    np.testing.assert_allclose(radius2[1:] / radius2[:-1], 1 + eta**2, rtol=1e-12)


@pytest.mark.parametrize("A", MATRICES)
def test_simultaneous_matrix_bilinear_energy_increment(A):
    # <z, xi(z)> = -x.Ay + y.A^T x = 0, so |z+|^2 = |z|^2 + eta^2 (|A y|^2 + |A^T x|^2).
    eta = 0.2
    game = gd.games.bilinear(A)
    n1 = A.shape[0]
    traj = gd.simulate(game, Simultaneous(eta), _starts(game.n), 30)
    z = traj.states
    x, y = z[..., :n1], z[..., n1:]
    increment = eta**2 * (np.sum((y @ A.T) ** 2, -1) + np.sum((x @ A) ** 2, -1))
    np.testing.assert_allclose(np.sum(z[1:] ** 2, -1), np.sum(z[:-1] ** 2, -1) + increment[:-1],
                               rtol=1e-12)


@pytest.mark.parametrize(("eta1", "eta2"), [(0.1, 0.1), (0.5, 1.2), (1.9, 1.9), (0.01, 3.0)])
def test_alternating_conserves_quadratic_form(eta1, eta2):
    # x+ = x - eta1 y, y+ = y + eta2 x+. Substituting y+ = y + eta2 x+ and
    # x+ = x - eta1 y shows Q = x^2/eta1 + y^2/eta2 - x y is invariant (a symplectic map;
    # Bailey, Gidel & Piliouras 2020, Thm 3.1 in our sign convention). For eta1 eta2 < 4
    # Q is positive definite, so the rotation is bounded.
    traj = gd.simulate(gd.games.bilinear(), Alternating((eta1, eta2)), _starts(2), 1000,
                       save_every=10, bound=1e12)
    x, y = traj.states[..., 0], traj.states[..., 1]
    q = x**2 / eta1 + y**2 / eta2 - x * y
    np.testing.assert_allclose(q, np.broadcast_to(q[0], q.shape), rtol=1e-12, atol=1e-12)
    if eta1 * eta2 < 4:
        bound = np.max(np.abs(traj.states[0])) * 1e3
        assert np.all(np.abs(traj.states) < bound)


@pytest.mark.parametrize("A", MATRICES)
def test_alternating_matrix_conserves_quadratic_form(A):
    # Same computation with matrices: Q = |x|^2/eta1 + |y|^2/eta2 - x^T A y is invariant.
    eta1, eta2 = 0.3, 0.2
    n1 = A.shape[0]
    traj = gd.simulate(gd.games.bilinear(A), Alternating((eta1, eta2)),
                       _starts(sum(A.shape)), 1000, save_every=50)
    x, y = traj.states[..., :n1], traj.states[..., n1:]
    q = np.sum(x**2, -1) / eta1 + np.sum(y**2, -1) / eta2 - np.einsum("...i,ij,...j", x, A, y)
    np.testing.assert_allclose(q, np.broadcast_to(q[0], q.shape), rtol=1e-11, atol=1e-12)


def test_alternating_several_steps_matches_hand_computation():
    # k=(2, 3) on v = x y: x <- x - eta1 y twice, then y <- y + eta2 x three times.
    eta1, eta2 = 0.1, 0.2
    x, y = 1.0, 2.0
    x = x - 2 * eta1 * y
    y = y + 3 * eta2 * x
    state = Alternating((eta1, eta2), k=(2, 3)).init(gd.games.bilinear(), [1.0, 2.0])
    state = Alternating((eta1, eta2), k=(2, 3)).step(gd.games.bilinear(), state)
    np.testing.assert_allclose(state.z, [x, y], rtol=1e-15)


@pytest.mark.parametrize("eta", [0.1, 0.5, 0.9])
def test_extragradient_bilinear_contraction(eta):
    # z+ = (I + eta J + eta^2 J^2) z with J^2 = -I: |z+|^2 = ((1 - eta^2)^2 + eta^2)|z|^2
    # = (1 - eta^2 + eta^4)|z|^2 (Korpelevich 1976; Mokhtari et al. 2020, Sec. 3).
    traj = gd.simulate(gd.games.bilinear(), Extragradient(eta), _starts(2), 40, tol=0)
    radius2 = np.sum(traj.states**2, axis=-1)
    np.testing.assert_allclose(radius2[1:] / radius2[:-1], 1 - eta**2 + eta**4, rtol=1e-10)


@pytest.mark.parametrize("A", MATRICES)
def test_extragradient_and_optimistic_converge_on_matrix_bilinear(A):
    # Both converge linearly on bilinear games with a square nonsingular part for
    # eta < 1 / (2 sigma_max) (Mokhtari, Ozdaglar & Pattathil 2020, Thms 2 and 3);
    # for rectangular A, z converges to a point of the kernel (a saddle point).
    game = gd.games.bilinear(A)
    eta = 0.4 / np.linalg.norm(A, 2)
    for method in (Extragradient(eta), Optimistic(eta)):
        traj = gd.simulate(game, method, _starts(game.n), 8000, save_every=8000)
        assert not np.any(traj.status == "diverged"), traj.message
        np.testing.assert_allclose(game.field(traj.final), 0.0, atol=1e-7)


def test_optimistic_rate_matches_characteristic_roots():
    # z_{t+1} = (I + 2 eta J) z_t - eta J z_{t-1}; on each eigenvalue +-i of J the
    # characteristic polynomial is r^2 - (1 + 2 eta i) r + eta i (Daskalakis et al. 2018,
    # Gidel et al. 2019); the decay rate is its largest root modulus.
    eta = 0.2
    rho = np.max(np.abs(np.roots([1.0, -(1 + 2j * eta), 1j * eta])))
    traj = gd.simulate(gd.games.bilinear(), Optimistic(eta), [[1.0, 0.5]], 400, tol=0)
    norms = np.linalg.norm(traj.states[:, 0], axis=-1)
    assert rho < 1
    fitted = (norms[400] / norms[200]) ** (1 / 200)
    assert fitted == pytest.approx(rho, rel=1e-6)


def test_optimistic_first_step_is_simultaneous():
    # previous_field is initialised to xi(z0), so z1 = z0 + eta xi(z0).
    game = gd.games.bilinear()
    method = Optimistic(0.3)
    state = method.step(game, method.init(game, [1.0, 2.0]))
    np.testing.assert_allclose(state.z, [1.0 - 0.3 * 2.0, 2.0 + 0.3 * 1.0], rtol=1e-15)
    np.testing.assert_allclose(state.previous_field, [-2.0, 1.0])


@pytest.mark.parametrize("beta", [-0.5, 0.3])
def test_momentum_matches_companion_matrix(beta):
    # Heavy ball (Gidel et al. 2019, eq. 6): (z_{t+1}, z_t) = M (z_t, z_{t-1}) with
    # M = [[I + eta J + beta I, -beta I], [I, 0]], z_{-1} = z_0; independent linear algebra.
    eta = 0.1
    J = np.array([[0.0, -1.0], [1.0, 0.0]])
    M = np.block([[np.eye(2) + eta * J + beta * np.eye(2), -beta * np.eye(2)],
                  [np.eye(2), np.zeros((2, 2))]])
    z0 = np.array([0.7, -0.4])
    traj = gd.simulate(gd.games.bilinear(), Momentum(eta, beta), z0, 60)
    expected = (np.linalg.matrix_power(M, 60) @ np.concatenate([z0, z0]))[:2]
    np.testing.assert_allclose(traj.final, expected, rtol=1e-11)


@pytest.mark.parametrize(("eta", "gamma"), [(0.1, 1.0), (0.3, 0.5), (0.5, 0.0)])
def test_consensus_and_sga_bilinear_factor(eta, gamma):
    # v = x y: J^T xi = z and A = J, so both updates are z+ = ((1 - eta g) I + eta J) z and
    # |z+|^2 = ((1 - eta g)^2 + eta^2)|z|^2 (Mescheder et al. 2017, eq. 9;
    # Balduzzi et al. 2018, Sec. 3: SGA with lambda = g).
    factor = (1 - eta * gamma) ** 2 + eta**2
    for method in (Consensus(eta, gamma=gamma), SGA(eta, lam=gamma),
                   SGA(eta, lam=gamma, align=False)):
        traj = gd.simulate(gd.games.bilinear(), method, _starts(2), 30, tol=0, bound=1e12)
        radius2 = np.sum(traj.states**2, axis=-1)
        np.testing.assert_allclose(radius2[1:] / radius2[:-1], factor, rtol=1e-10)


def test_sga_alignment_flips_sign_by_hand():
    # A linear game xi = J z with J = [[1, -1], [1, 0]] (player 1's own curvature is
    # positive: a repelling direction). At z = (1, 0): xi = (1, 1), J^T xi = (2, -1),
    # A = [[0, -1], [1, 0]], A^T xi = (1, -1). Score (Balduzzi et al. 2018, Alg. 1, our
    # sign convention): -(1/2) <xi, J^T xi> <A^T xi, J^T xi> + 0.1 = -(1/2)(1)(3) + 0.1 < 0,
    # so lambda = -lam: the direction is xi + lam A^T xi = (1 + lam, 1 - lam).
    J = np.array([[1.0, -1.0], [1.0, 0.0]])
    game = gd.DifferentiableGame(
        1, 1, lambda z: 0.5 * z[..., 0] ** 2 - z[..., 0] * z[..., 1],
        lambda z: z[..., 0] * z[..., 1],
        field=lambda z: z @ J.T, jacobian=lambda z: np.broadcast_to(J, z.shape + (2,)))
    lam, eta = 0.5, 0.1
    z1 = SGA(eta, lam=lam).step(game, SGA(eta, lam=lam).init(game, [1.0, 0.0])).z
    np.testing.assert_allclose(z1, [1.0 + eta * (1 + lam), eta * (1 - lam)], rtol=1e-14)
    z1_plain = SGA(eta, lam=lam, align=False).step(game, SGA(eta).init(game, [1.0, 0.0])).z
    np.testing.assert_allclose(z1_plain, [1.0 + eta * (1 - lam), eta * (1 + lam)], rtol=1e-14)


def test_adam_first_step_is_sign_step():
    # Kingma & Ba 2015, Alg. 1: m_hat_1 = g, v_hat_1 = g^2, so z1 = z0 + eta g/(|g| + eps).
    game = gd.games.bilinear()
    method = Adam(0.01)
    state = method.step(game, method.init(game, [3.0, -2.0]))
    xi = np.array([2.0, 3.0])  # (-y, x)
    np.testing.assert_allclose(state.z, [3.0, -2.0] + 0.01 * xi / (np.abs(xi) + 1e-8),
                               rtol=1e-15)
    np.testing.assert_allclose(state.first_moment, 0.1 * xi)
    np.testing.assert_allclose(state.second_moment, 0.001 * xi**2)


@pytest.mark.parametrize("A", MATRICES)
def test_proximal_point_bilinear_exact(A):
    # z+ = (I - eta J)^{-1} z solves z+ = z + eta J z+ exactly; on v = x y it divides
    # |z|^2 by 1 + eta^2 (Rockafellar 1976; Mokhtari et al. 2020, Sec. 3).
    eta = 0.4
    game = gd.games.bilinear(A)
    z0 = _starts(game.n)
    J = game.jacobian(np.zeros(game.n))
    state = ProximalPoint(eta).step(game, ProximalPoint(eta).init(game, z0))
    expected = np.linalg.solve(np.eye(game.n) - eta * J, z0.T).T
    np.testing.assert_allclose(state.z, expected, rtol=1e-12, atol=1e-14)
    if A.shape == (1, 1):
        np.testing.assert_allclose(np.sum(state.z**2, -1),
                                   np.sum(z0**2, -1) / (1 + (eta * A[0, 0]) ** 2), rtol=1e-12)


def test_proximal_point_solves_implicit_equation_on_nonlinear_game():
    # The Dirac-GAN field is nonlinear; the Newton solution must satisfy w = z + eta xi(w).
    game = gd.games.dirac_gan()
    z0 = _starts(2, count=5) * 0.5
    w = ProximalPoint(0.5).step(game, ProximalPoint(0.5).init(game, z0)).z
    np.testing.assert_allclose(w, z0 + 0.5 * game.field(w), atol=1e-11)


def test_two_timescale_step_sizes():
    # lr=(eta1, eta2): x+ = x - eta1 y, y+ = y + eta2 x (simultaneous, per-player steps).
    state = Simultaneous((0.1, 0.3)).init(gd.games.bilinear(), [1.0, 2.0])
    state = Simultaneous((0.1, 0.3)).step(gd.games.bilinear(), state)
    np.testing.assert_allclose(state.z, [1.0 - 0.2, 2.0 + 0.3], rtol=1e-15)


def test_schedule_inverse_time_is_used_per_round():
    # eta_t = 0.5 / (1 + t): after two rounds x = x0 - 0.5 y0 - 0.25 y1 (hand computation).
    method = Simultaneous(gd.dynamics.inverse_time(0.5, 1.0))
    game = gd.games.bilinear()
    state = method.init(game, [1.0, 2.0])
    state = method.step(game, state)  # eta 0.5: (1 - 1.0, 2 + 0.5) = (0.0, 2.5)
    state = method.step(game, state)  # eta 0.25: (0 - 0.625, 2.5 + 0)
    np.testing.assert_allclose(state.z, [-0.625, 2.5], rtol=1e-15)
    callable_lr = Simultaneous(lambda t: 0.5 / (1 + t))
    s = callable_lr.step(game, callable_lr.step(game, callable_lr.init(game, [1.0, 2.0])))
    np.testing.assert_allclose(s.z, [-0.625, 2.5], rtol=1e-15)


@pytest.mark.parametrize("A", MATRICES[:2])
def test_flow_keeps_circles(A):
    # dz/dt = J z with J antisymmetric: d|z|^2/dt = 2 z^T J z = 0 (Hofbauer & Sigmund 1998,
    # Hamiltonian flows; Mescheder et al. 2017 Sec. 3): circles to solver tolerance.
    game = gd.games.bilinear(A)
    z0 = _starts(game.n)
    traj = gd.flow(game, z0, (0.0, 20.0), rtol=1e-10, atol=1e-12)
    radius2 = np.sum(traj.states**2, axis=-1)
    np.testing.assert_allclose(radius2, np.broadcast_to(radius2[0], radius2.shape), rtol=1e-7)
    # closed-form solution for v = x y: a rotation by angle t
    if A.shape == (1, 1):
        t = traj.times[-1] * A[0, 0]
        R = np.array([[np.cos(t), -np.sin(t)], [np.sin(t), np.cos(t)]])
        np.testing.assert_allclose(traj.final, z0 @ R.T, atol=1e-7)


@settings(max_examples=25, deadline=None)
@given(
    entries=st.lists(st.floats(-2.0, 2.0), min_size=4, max_size=4),
    eta1=st.floats(0.01, 0.6),
    eta2=st.floats(0.01, 0.6),
)
def test_alternating_invariant_property(entries, eta1, eta2):
    # Property form of the invariant Q = |x|^2/eta1 + |y|^2/eta2 - x^T A y for any 2x2 A
    # (derivation in test_alternating_conserves_quadratic_form).
    A = np.array(entries).reshape(2, 2)
    game = gd.games.bilinear(A)
    z0 = np.array([0.3, -0.7, 1.1, 0.2])
    traj = gd.simulate(game, Alternating((eta1, eta2)), z0, 200, save_every=200, tol=0,
                       bound=1e200)
    assume(np.all(np.abs(traj.final) < 1e6))  # unbounded runs lose relative precision

    def q(z):
        x, y = z[:2], z[2:]
        return x @ x / eta1 + y @ y / eta2 - x @ A @ y

    scale = 1 + np.abs(traj.final).max() ** 2 / min(eta1, eta2)
    assert abs(q(traj.final) - q(z0)) <= 1e-11 * scale


def test_step_sizes_accessor():
    method = Alternating((0.1, gd.dynamics.inverse_time(0.4, 1.0)))
    assert method.step_sizes(0) == (0.1, 0.4)
    assert method.step_sizes(3) == (0.1, 0.1)
    assert float(Simultaneous(0.2).lr[0]) == 0.2
    assert Simultaneous(0.2) == Simultaneous((0.2, 0.2))
