"""Stochastic games (common random numbers), per-run step sizes, continuing runs, statuses.

The expected values are computed by hand from the update rules (Korpelevich 1976 for
extragradient; Kingma & Ba 2015 for Adam), never by calling the code under test twice.
"""

from __future__ import annotations

import dataclasses
import warnings

import numpy as np
import pytest

import gamedyn as gd
from gamedyn import Status
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

M = np.array([[0.3, -1.0], [1.0, -0.2]])  # xi(z) = M z (+ noise); both players act on 1 number


class NoisyLinear(gd.DifferentiableGame):
    """``xi(z) = M z + e`` with ``e`` a standard normal draw per run (None: ``e = 0``).

    ``draws`` records the batch shape of every draw, so tests can count them.
    """

    def __init__(self) -> None:
        super().__init__(1, 1, lambda z: -0.5 * z[..., 0] ** 2, lambda z: -0.5 * z[..., 1] ** 2,
                         field=lambda z: z @ M.T, jacobian=lambda z: M, name="noisy linear")
        object.__setattr__(self, "draws", [])

    @property
    def stochastic(self) -> bool:
        return True

    def draw(self, rng, batch_shape):
        self.draws.append(tuple(batch_shape))
        return rng.normal(size=tuple(batch_shape) + (2,))

    def field_unchecked(self, z, noise=None):
        field = z @ M.T
        return field if noise is None else field + noise


def test_deterministic_games_draw_nothing_and_ignore_noise():
    game = gd.games.bilinear()
    rng = np.random.default_rng(0)
    before = rng.bit_generator.state
    assert game.stochastic is False and game.draw(rng, (3,)) is None
    assert rng.bit_generator.state == before
    z = np.array([[1.0, 2.0], [3.0, -1.0]])
    np.testing.assert_array_equal(game.field(z, noise=None), [[-2.0, 1.0], [1.0, 3.0]])
    np.testing.assert_array_equal(game.partial_field(z, 1), [[-2.0], [1.0]])
    np.testing.assert_array_equal(game.partial_field(z, 2), [[1.0], [3.0]])
    with pytest.raises(ValueError, match="`player` must be 1 or 2"):
        game.partial_field(z, 3)


def test_extragradient_both_evaluations_see_the_same_minibatch():
    game, eta = NoisyLinear(), 0.1
    z0 = np.array([[1.0, -0.5], [0.2, 0.7], [2.0, 1.0]])
    traj = gd.simulate(game, Extragradient(eta), z0, 1, rng=42, tol=0)
    e = np.random.default_rng(42).normal(size=(3, 2))  # one draw for the round
    half = z0 + eta * (z0 @ M.T + e)
    expected = z0 + eta * (half @ M.T + e)
    np.testing.assert_allclose(traj.final, expected, rtol=1e-15, atol=1e-15)
    assert game.draws == [(3,)]


def test_one_draw_per_player_update():
    game = NoisyLinear()
    gd.simulate(game, Alternating(0.1, k=(2, 3)), np.zeros((4, 2)), 2, rng=0, tol=0)
    assert game.draws == [(4,)] * 10  # (2 + 3) updates per round, 2 rounds
    for dynamics in (Simultaneous(0.1), Optimistic(0.1), Momentum(0.1), Adam(0.1),
                     Consensus(0.1), SGA(0.1), ProximalPoint(0.1)):
        game = NoisyLinear()
        gd.simulate(game, dynamics, np.zeros((4, 2)), 3, rng=0, tol=0)
        assert game.draws == [(4,)] * 3, dynamics


def test_alternating_on_a_stochastic_game_by_hand():
    game, (eta1, eta2) = NoisyLinear(), (0.1, 0.2)
    z0 = np.array([0.5, -1.0])
    traj = gd.simulate(game, Alternating((eta1, eta2)), z0, 1, rng=3, tol=0)
    rng = np.random.default_rng(3)
    e1, e2 = rng.normal(size=2), rng.normal(size=2)
    x = z0[0] + eta1 * (M[0] @ z0 + e1[0])
    y = z0[1] + eta2 * (M[1] @ np.array([x, z0[1]]) + e2[1])
    np.testing.assert_allclose(traj.final, [x, y], rtol=1e-15)


def test_noise_none_is_the_deterministic_sample_average_game():
    game = NoisyLinear()
    traj = gd.simulate(game, Simultaneous(0.1), [1.0, 1.0], 0)
    np.testing.assert_array_equal(game.field(traj.final), M @ np.ones(2))


PER_RUN = [Simultaneous, Alternating, Optimistic, Extragradient, Momentum, Consensus, SGA, Adam,
           ProximalPoint]


@pytest.mark.parametrize("cls", PER_RUN)
def test_per_run_step_sizes_equal_separate_runs(cls):
    game = gd.games.bilinear(np.array([[1.0, 0.5], [-0.3, 2.0]]))
    rng = np.random.default_rng(5)
    z0 = rng.normal(size=(3, 4, 4))
    lr1 = np.array([0.01, 0.05, 0.1, 0.2])  # broadcast over the batch's last axis
    lr2 = np.array([[0.02], [0.03], [0.07]])  # ... and over its first
    batched = gd.simulate(game, cls(lr=(lr1, lr2)), z0, 12, tol=0)
    for i in range(3):
        for j in range(4):
            single = gd.simulate(game, cls(lr=(lr1[j], lr2[i, 0])), z0[i, j], 12, tol=0)
            np.testing.assert_allclose(batched.states[:, i, j], single.states, rtol=1e-13,
                                       atol=1e-15)
    shared = gd.simulate(game, cls(lr=lr1), z0, 5, tol=0)
    alone = gd.simulate(game, cls(lr=float(lr1[2])), z0[1, 2], 5, tol=0)
    np.testing.assert_allclose(shared.states[:, 1, 2], alone.states, rtol=1e-13, atol=1e-15)


def test_per_run_step_sizes_are_validated():
    game = gd.games.bilinear()
    with pytest.raises(ValueError, match="`lr` per-run step sizes of shape \\(3,\\)"):
        gd.simulate(game, Simultaneous(np.array([0.1, 0.2, 0.3])), np.zeros((4, 2)), 2)
    with pytest.raises(ValueError, match="`lr` must be positive"):
        Simultaneous(np.array([0.1, -0.2]))
    with pytest.raises(TypeError, match="`lr`"):
        Simultaneous(np.array(["a", "b"]))


@pytest.mark.parametrize("dynamics", [Optimistic(0.2), Momentum(0.1, beta=-0.4),
                                      Adam(0.05, betas=(0.5, 0.9)), Alternating(0.1, k=(2, 1)),
                                      Extragradient(gd.dynamics.inverse_time(0.3, 0.1))])
def test_continuing_from_final_state_equals_one_long_run_bit_for_bit(dynamics):
    game = NoisyLinear()
    z0 = np.random.default_rng(1).normal(size=(2, 3, 2))
    full = gd.simulate(game, dynamics, z0, 20, rng=np.random.default_rng(9), tol=0)
    rng = np.random.default_rng(9)
    first = gd.simulate(game, dynamics, z0, 8, rng=rng, tol=0)
    second = gd.simulate(game, dynamics, None, 12, rng=rng, tol=0, state=first.final_state)
    np.testing.assert_array_equal(second.states, full.states[8:])
    np.testing.assert_array_equal(second.times, full.times[8:])
    for a, b in zip(second.final_state, full.final_state):
        np.testing.assert_array_equal(a, b)
    again = gd.simulate(game, dynamics, first.final, 0, state=first.final_state)
    np.testing.assert_array_equal(again.final, first.final)


def test_state_argument_is_validated():
    game = gd.games.bilinear()
    run = gd.simulate(game, Optimistic(0.1), [1.0, 0.0], 3)
    with pytest.raises(ValueError, match="`state` is a OptimisticState"):
        gd.simulate(game, Momentum(0.1), None, 3, state=run.final_state)
    with pytest.raises(ValueError, match="`z0` and `state.z` disagree"):
        gd.simulate(game, Optimistic(0.1), [0.0, 0.0], 3, state=run.final_state)
    with pytest.raises(TypeError, match="`state`"):
        gd.simulate(game, Optimistic(0.1), None, 3, state=(1, 2))
    with pytest.raises(ValueError, match="`z0` must be given"):
        gd.simulate(game, Optimistic(0.1), None, 3)


def test_tol_zero_disables_the_convergence_check():
    game = gd.games.bilinear()
    at_rest = gd.simulate(game, Simultaneous(0.1), [0.0, 0.0], 5, tol=0)
    assert at_rest.status == "running" and at_rest.converged_at == -1
    checked = gd.simulate(game, Simultaneous(0.1), [0.0, 0.0], 5)
    assert checked.status == Status.CONVERGED and checked.converged_at == 1


def test_adam_overflowing_moments_end_the_run_as_diverged_without_warnings():
    # The field 1e200 makes g^2 overflow to inf: v is infinite, the step is 0, z finite.
    huge = gd.DifferentiableGame(1, 1, lambda z: z[..., 0], lambda z: z[..., 1],
                                 field=lambda z: np.full(z.shape, 1e200))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        traj = gd.simulate(huge, Adam(0.1), [[0.0, 0.0], [1.0, 1.0]], 50)
    assert list(traj.status) == [Status.DIVERGED, Status.DIVERGED]
    np.testing.assert_array_equal(traj.diverged_at, [1, 1])
    np.testing.assert_array_equal(traj.final, [[0.0, 0.0], [1.0, 1.0]])
    assert np.all(np.isfinite(traj.final_state.second_moment))


def test_trajectory_keeps_game_and_dynamics_objects_and_is_read_only():
    game, dynamics = gd.games.bilinear(), Momentum(0.1, beta=0.3)
    one = gd.simulate(game, dynamics, [1.0, 0.0], 4)
    many = gd.simulate(game, dynamics, np.ones((2, 3, 2)), 4)
    assert one.game is game and one.dynamics is dynamics
    assert one.status.shape == () and one.status.dtype == object
    assert isinstance(one.status[()], Status) and one.status == "running"
    assert many.status.shape == (2, 3) and all(isinstance(s, Status) for s in many.status.flat)
    assert not one.success and not many.status.flags.writeable
    with pytest.raises(dataclasses.FrozenInstanceError):
        one.game = None
    assert "Momentum" in repr(one) and "bilinear" in repr(one)
    flowed = gd.flow(game, [1.0, 0.0], (0.0, 1.0))
    assert flowed.game is game and isinstance(flowed.status[()], Status)


class NoisyCurvature(NoisyLinear):
    """``xi(z) = (M + diag(e)) z``, so ``J = M + diag(e)``: the minibatch moves the Jacobian."""

    def field_unchecked(self, z, noise=None):
        field = z @ M.T
        return field if noise is None else field + noise * z

    def jacobian(self, z, noise=None):
        z = np.asarray(z, dtype=float)
        if noise is None:
            return np.broadcast_to(M, z.shape + (2,))
        return M + noise[..., None] * np.eye(2)


@pytest.mark.parametrize("gamma", [0.0, 0.7])
def test_consensus_field_and_jacobian_see_the_same_minibatch(gamma):
    game, eta = NoisyCurvature(), 0.1
    z0 = np.array([[1.0, -0.5], [0.3, 0.8]])
    traj = gd.simulate(game, Consensus(eta, gamma=gamma), z0, 1, rng=4, tol=0)
    e = np.random.default_rng(4).normal(size=(2, 2))
    expected = []
    for z, noise in zip(z0, e):
        J = M + np.diag(noise)
        field = J @ z
        expected.append(z + eta * (field - gamma * J.T @ field))
    np.testing.assert_allclose(traj.final, expected, rtol=1e-14)
