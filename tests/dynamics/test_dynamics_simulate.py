"""The driver: statuses, freezing, shapes, early stop, validation, and flow()."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

import gamedyn as gd
from gamedyn.dynamics import Extragradient, Optimistic, Simultaneous


def test_non_finite_overflow_is_frozen_at_last_finite_state():
    # lr = 1e200: z1 ~ 1e200 (finite, within bound 1e300), z2 overflows to inf.
    z0 = np.array([[1.0, 1.0], [0.0, 0.0]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        traj = gd.simulate(gd.games.bilinear(), Simultaneous(1e200), z0, 10, bound=1e300)
    assert np.all(np.isfinite(traj.states))
    assert list(traj.status) == ["diverged", "converged"]
    assert traj.diverged_at[0] == 2
    np.testing.assert_array_equal(traj.final[0], [1.0 - 1e200, 1.0 + 1e200])
    assert traj.states.shape == (11, 2, 2)
    np.testing.assert_array_equal(traj.states[2:, 0], np.broadcast_to(traj.final[0], (9, 2)))


def test_simultaneous_bilinear_lr_one_diverges_at_the_predicted_step():
    # |z_t|^2 = 2^t |z_0|^2 (factor 1 + eta^2 = 2): the max-norm passes 1e3 soon after
    # t = 2 log2(1e3) ~ 20 (Mescheder et al. 2017, Sec. 3).
    traj = gd.simulate(gd.games.bilinear(), Simultaneous(1.0), [[1.0, 0.0]] * 3, 200, bound=1e3)
    assert np.all(traj.status == "diverged")
    assert 18 <= traj.diverged_at[0] <= 21
    assert "3 of 3 runs diverged" in traj.message and "Stopped early" in traj.message
    assert traj.states.shape == (201, 3, 2)


def test_convergence_status_early_stop_and_field_count():
    traj = gd.simulate(gd.games.bilinear(), Extragradient(0.5), [[1.0, -1.0], [0.2, 0.1]],
                       5000, save_every=7, tol=1e-9)
    assert np.all(traj.status == "converged")
    assert traj.success
    assert traj.states.shape == (5000 // 7 + 1, 2, 2)
    np.testing.assert_array_equal(traj.times, np.arange(5000 // 7 + 1) * 7)
    steps_run = int(traj.converged_at.max())
    assert traj.field_evaluations == 2 * steps_run
    np.testing.assert_allclose(traj.final, 0.0, atol=1e-8)
    np.testing.assert_array_equal(traj.states[-1], traj.final)
    assert "2 of 2 runs converged" in str(traj)


def test_batch_shape_is_kept():
    z0 = np.random.default_rng(0).normal(size=(3, 4, 2))
    traj = gd.simulate(gd.games.bilinear(), "optimistic", z0, 10)
    assert traj.states.shape == (11, 3, 4, 2)
    assert traj.status.shape == traj.diverged_at.shape == (3, 4)
    assert traj.final_state.previous_field.shape == (3, 4, 2)
    assert not traj.states.flags.writeable


def test_resume_from_final_state_continues_the_run():
    game = gd.games.bilinear()
    method = Optimistic(0.2)
    full = gd.simulate(game, method, [1.0, 0.5], 20, tol=0)
    half = gd.simulate(game, method, [1.0, 0.5], 10, tol=0)
    state = half.final_state
    for _ in range(10):
        state = method.step(game, state)
    np.testing.assert_allclose(state.z, full.final, rtol=1e-14)


def test_steps_zero_returns_the_start():
    traj = gd.simulate(gd.games.bilinear(), "simultaneous", [1.0, 2.0], 0)
    np.testing.assert_array_equal(traj.states, [[1.0, 2.0]])
    assert traj.status == "running"


@pytest.mark.parametrize(("game", "dynamics", "z0", "kwargs", "error", "match"), [
    (gd.games.bilinear(), "simultaneous", [1.0, 2.0, 3.0], {}, ValueError,
     "`z0`.*\\(\\*batch, 2\\)"),
    (gd.games.bilinear(), "simultaneous", [np.nan, 1.0], {}, ValueError, "`z0` must be finite"),
    (gd.games.bilinear(), "simultaneous", "ab", {}, TypeError, "`z0`"),
    (gd.games.stag_hunt(), "replicator", [0.5, 0.6, 0.5, 0.5], {}, ValueError, "simplex"),
    (gd.games.stag_hunt().mixed(), "simultaneous", [1.5, 0.5], {}, ValueError, "domain"),
    (gd.games.bilinear(), "simultaneous", [1.0, 2.0], {"steps": -1}, ValueError, "`steps`"),
    (gd.games.bilinear(), "simultaneous", [1.0, 2.0], {"save_every": 0}, ValueError,
     "`save_every`"),
    (gd.games.bilinear(), "simultaneous", [1.0, 2.0], {"tol": -1.0}, ValueError, "`tol`"),
    (gd.games.bilinear(), "simultaneous", [1.0, 2.0], {"bound": 0.0}, ValueError, "`bound`"),
    (gd.games.bilinear(), "simultaneous", [1.0, 2.0], {"rng": "seed"}, TypeError, "`rng`"),
    (gd.games.bilinear(), "gradient", [1.0, 2.0], {}, ValueError, "'simultaneous'"),
])
def test_simulate_validates_inputs(game, dynamics, z0, kwargs, error, match):
    options = {"steps": 3, **kwargs}
    steps = options.pop("steps")
    with pytest.raises(error, match=match):
        gd.simulate(game, dynamics, z0, steps, **options)


def test_projected_gradient_on_stag_hunt_reaches_pure_equilibria():
    # Mixed Stag Hunt field (2b - 1, 2a - 1) (catalogue): from a = b = 0.6 both
    # probabilities grow until projection stops them at (1, 1) = (Stag, Stag); from 0.4
    # they reach (0, 0) = (Hare, Hare).
    game = gd.games.stag_hunt().mixed()
    traj = gd.simulate(game, Simultaneous(0.1), [[0.6, 0.6], [0.4, 0.4]], 200)
    np.testing.assert_array_equal(traj.final, [[1.0, 1.0], [0.0, 0.0]])
    assert np.all(traj.status == "converged")


def test_flow_time_major_layout_and_validation():
    game = gd.games.bilinear()
    z0 = np.ones((2, 3, 2))
    traj = gd.flow(game, z0, (0.0, 1.0), t_eval=np.linspace(0, 1, 11))
    assert traj.states.shape == (11, 2, 3, 2)
    np.testing.assert_allclose(traj.times, np.linspace(0, 1, 11))
    with pytest.raises(ValueError, match="`t_span`"):
        gd.flow(game, z0, (1.0, 0.0))
    with pytest.raises(ValueError, match="`t_eval`"):
        gd.flow(game, z0, (0.0, 1.0), t_eval=[0.0, 2.0])
    with pytest.raises(ValueError, match="`method`"):
        gd.flow(game, z0, (0.0, 1.0), method="Euler")
    with pytest.raises(TypeError, match="continuous-time"):
        gd.flow(game, z0, (0.0, 1.0), dynamics=Optimistic(0.1))


def test_flow_divergence_is_reported():
    # u1 = x^2 / 2, u2 = y^2 / 2: xi = z, z(t) = z0 e^t leaves the bound 1e3 at t = log(1e3).
    game = gd.DifferentiableGame(1, 1, lambda z: z[..., 0] ** 2 / 2, lambda z: z[..., 1] ** 2 / 2,
                                 field=lambda z: z)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        traj = gd.flow(game, [[1.0, 0.1]], (0.0, 20.0), bound=1e3)
    assert traj.status[0] == "diverged"
    assert np.all(np.isfinite(traj.states)) and np.abs(traj.states).max() <= 1e3
    assert "log" not in traj.message and "stopped at t = 6.9" in traj.message


def test_flow_to_attracting_equilibrium_converges():
    # Consensus flow on v = x y: dz/dt = (J - gamma I) z, decays like e^{-gamma t}.
    traj = gd.flow(gd.games.bilinear(), [1.0, 1.0], (0.0, 40.0),
                   dynamics=gd.dynamics.Consensus(gamma=1.0), tol=1e-8)
    assert traj.status == "converged"
    np.testing.assert_allclose(traj.states[10], np.exp(-4.0) * np.array(
        [np.cos(4.0) - np.sin(4.0), np.sin(4.0) + np.cos(4.0)]), rtol=1e-6)


def test_logit_flow_on_bimatrix_game():
    traj = gd.flow(gd.games.matching_pennies(), [0.9, 0.1, 0.3, 0.7], (0.0, 60.0),
                   dynamics="logit", tol=1e-6)
    np.testing.assert_allclose(traj.final, 0.5, atol=1e-6)


def _reference_run(dynamics, game, z0, steps, tol, bound):
    """Independent per-start loop with a check after every round (no chunks, no batch)."""
    z_rows, statuses, diverged = [], [], []
    for start in z0:
        state = dynamics.init(game, start)
        rows, status, at = [start], "running", -1
        for t in range(1, steps + 1):
            if status != "running":
                rows.append(rows[-1])
                continue
            with np.errstate(all="ignore"):
                new = dynamics.step(game, state)
            if not np.max(np.abs(new.z)) <= bound:
                status, at = "diverged", t
                rows.append(rows[-1])
                continue
            if np.max(np.abs(new.z - state.z)) <= tol:
                status = "converged"
            state = new
            rows.append(new.z)
        z_rows.append(rows)
        statuses.append(status)
        diverged.append(at)
    return np.swapaxes(np.array(z_rows), 0, 1), statuses, diverged


@pytest.mark.parametrize("chunk_floats", [1, 40, 4_000_000])
def test_chunked_checks_equal_round_by_round_checks(monkeypatch, chunk_floats):
    # Starts of different sizes diverge at different rounds, inside and across chunks;
    # the zero start converges in round 1. Momentum has memory, so frozen starts must
    # also keep their previous_z.
    from gamedyn.dynamics.simulate import _Run

    monkeypatch.setattr(_Run, "_CHUNK_FLOATS", chunk_floats)
    game = gd.games.bilinear()
    dynamics = gd.dynamics.Momentum(0.5, beta=0.2)
    z0 = np.array([[0.0, 0.0], [1.0, 0.0], [1e-3, 2e-3], [50.0, -20.0], [1e-9, 0.0]])
    traj = gd.simulate(game, dynamics, z0, 150, bound=1e4, tol=1e-10)
    states, statuses, diverged = _reference_run(dynamics, game, z0, 150, 1e-10, 1e4)
    np.testing.assert_array_equal(traj.states, states)
    assert list(traj.status) == statuses
    assert list(traj.diverged_at) == diverged
    assert len(set(diverged)) >= 3


def test_joint_best_response_on_rectangular_game_matches_games_layer():
    # The one-pass best response (padded to max(m, n)) must agree with
    # BimatrixGame.best_responses, the first tied strategy, for a 3x5 game.
    rng = np.random.default_rng(4)
    game = gd.BimatrixGame(rng.integers(-3, 4, (3, 5)), rng.integers(-3, 4, (3, 5)))
    p, q = rng.dirichlet(np.ones(3), 40), rng.dirichlet(np.ones(5), 40)
    state = gd.dynamics.BestResponse().init(game, np.concatenate([p, q], -1))
    answer = gd.dynamics.BestResponse().step(game, state).z
    rows = np.argmax(game.best_responses(1, q), axis=-1)
    cols = np.argmax(game.best_responses(2, p), axis=-1)
    np.testing.assert_array_equal(answer[:, :3], np.eye(3)[rows])
    np.testing.assert_array_equal(answer[:, 3:], np.eye(5)[cols])
