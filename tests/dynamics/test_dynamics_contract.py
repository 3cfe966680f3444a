"""The contract every dynamics obeys (one suite over the whole registry)."""

from __future__ import annotations

import dataclasses
import warnings

import numpy as np
import pytest

import gamedyn as gd
from gamedyn.dynamics import REGISTRY, GradientDynamics, MatrixDynamics, get_dynamics

BILINEAR = gd.games.bilinear(np.array([[1.0, 0.5], [-0.3, 2.0]]))
RPS = gd.games.rock_paper_scissors()


def _case(name):
    """(dynamics, game, batch of starts) for a registered name."""
    cls = REGISTRY[name]
    rng = np.random.default_rng(11)
    if issubclass(cls, GradientDynamics):
        kwargs = {"lr": (0.05, 0.08)}
        return cls(**kwargs), BILINEAR, rng.normal(size=(4, 3, BILINEAR.n))
    kwargs = {"tie": "random"} if name in ("best_response", "fictitious_play") else {}
    starts = np.concatenate([rng.dirichlet(np.ones(3), (4, 3)), rng.dirichlet(np.ones(3), (4, 3))],
                            axis=-1)
    return cls(**kwargs), RPS, starts


NAMES = sorted(REGISTRY)


def test_registry_lists_every_dynamics():
    assert set(NAMES) == {"simultaneous", "alternating", "optimistic", "extragradient",
                          "momentum", "consensus", "sga", "adam", "rmsprop", "proximal_point",
                          "best_response", "fictitious_play", "replicator", "logit",
                          "generalized_extragradient", "generalized_optimistic",
                          "hedge", "optimistic_hedge", "regret_matching",
                          "regret_matching_plus", "ftrl", "stochastic_fictitious_play",
                          "replicator_mutator"}
    for name, cls in REGISTRY.items():
        assert cls.name == name
        assert isinstance(get_dynamics(name), cls)


@pytest.mark.parametrize("name", NAMES)
def test_init_keeps_z0_and_step_keeps_state_type(name):
    dynamics, game, z0 = _case(name)
    state = dynamics.init(game, z0)
    np.testing.assert_array_equal(state.z, z0)
    assert state._fields[0] == "z" and state._fields[-1] == "t" and state.t == 0
    new = dynamics.step(game, state, np.random.default_rng(0))
    assert type(new) is type(state)
    assert new.t == 1 and new.z.shape == z0.shape
    for old_field, new_field in zip(state, new):
        assert np.shape(old_field) == np.shape(new_field)


@pytest.mark.parametrize("name", NAMES)
def test_inputs_are_not_mutated(name):
    dynamics, game, z0 = _case(name)
    original = z0.copy()
    state = dynamics.init(game, z0)
    snapshot = [np.array(f, copy=True) for f in state]
    dynamics.step(game, state, np.random.default_rng(0))
    gd.simulate(game, dynamics, z0, 5, rng=1)
    np.testing.assert_array_equal(z0, original)
    for before, after in zip(snapshot, state):
        np.testing.assert_array_equal(before, after)


@pytest.mark.parametrize("name", NAMES)
def test_same_seed_same_numbers_and_frozen(name):
    dynamics, game, z0 = _case(name)
    a = gd.simulate(game, dynamics, z0, 20, rng=7)
    b = gd.simulate(game, dynamics, z0, 20, rng=np.random.default_rng(7))
    np.testing.assert_array_equal(a.states, b.states)
    with pytest.raises(dataclasses.FrozenInstanceError):
        dynamics.name_of_nothing = 1
    assert hash(dynamics) == hash(get_dynamics(dynamics))


@pytest.mark.parametrize("name", NAMES)
def test_batch_equals_per_start_runs(name):
    dynamics, game, z0 = _case(name)
    if getattr(dynamics, "tie", None) == "random":  # rng draws depend on the batch size
        dynamics = dataclasses.replace(dynamics, tie="first")
    batched = gd.simulate(game, dynamics, z0, 15, rng=3)
    one = gd.simulate(game, dynamics, z0[1, 2], 15, rng=3)
    one_batch = gd.simulate(game, dynamics, z0[1, 2][None], 15, rng=3)
    assert one.states.shape == (16, z0.shape[-1])
    assert one_batch.states.shape == (16, 1, z0.shape[-1])
    np.testing.assert_allclose(one.states, one_batch.states[:, 0], rtol=1e-13, atol=1e-15)
    for i in range(z0.shape[0]):
        for j in range(z0.shape[1]):
            single = gd.simulate(game, dynamics, z0[i, j], 15, rng=3)
            np.testing.assert_allclose(batched.states[:, i, j], single.states,
                                       rtol=1e-12, atol=1e-14)
            assert batched.status[i, j] == single.status


@pytest.mark.parametrize("name", NAMES)
def test_wrong_kind_of_game_raises_type_error(name):
    dynamics, game, _ = _case(name)
    other = RPS if game is BILINEAR else BILINEAR
    with pytest.raises(TypeError, match="needs a"):
        dynamics.check_game(other)
    with pytest.raises(TypeError, match="needs a"):
        gd.simulate(other, dynamics, np.zeros(6), 3)


@pytest.mark.parametrize("name", [n for n in NAMES if issubclass(REGISTRY[n], GradientDynamics)])
def test_projected_methods_stay_on_the_simplex(name):
    game = RPS.mixed()
    rng = np.random.default_rng(2)
    p, q = rng.dirichlet(np.ones(3), 20), rng.dirichlet(np.ones(3), 20)
    z0 = game.domain.from_strategies(p, q)
    traj = gd.simulate(game, REGISTRY[name](lr=0.3), z0, 60)
    assert np.all(game.domain.contains(traj.states, tol=1e-12))


@pytest.mark.parametrize("name", [n for n in NAMES if issubclass(REGISTRY[n], MatrixDynamics)])
def test_matrix_dynamics_stay_on_the_simplex(name):
    dynamics, game, z0 = _case(name)
    traj = gd.simulate(game, dynamics, z0, 40, rng=0)
    assert np.all(traj.states >= 0)
    np.testing.assert_allclose(traj.states[..., :3].sum(-1), 1.0, atol=1e-14)
    np.testing.assert_allclose(traj.states[..., 3:].sum(-1), 1.0, atol=1e-14)


# Proximal point is contracting on bilinear games for every step size (Rockafellar 1976)
# and Adam's steps are bounded by lr (RMSProp's by lr / sqrt(1 - rho)), so none blows up.
EXPLOSIVE = [n for n in NAMES if issubclass(REGISTRY[n], GradientDynamics)
             and n not in ("proximal_point", "adam", "rmsprop")]


@pytest.mark.parametrize("name", EXPLOSIVE)
def test_divergence_is_reported_without_nan_or_warnings(name):
    # Large steps on a bilinear game blow up for these gradient methods; the run must
    # report it, freeze the state finite, and emit no warning.
    params = {"lr": 3.0}
    dynamics = REGISTRY[name](**params)
    z0 = np.random.default_rng(0).normal(size=(5, 4))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        traj = gd.simulate(BILINEAR, dynamics, z0, 200, bound=1e3)
    assert np.all(np.isfinite(traj.states))
    diverged = traj.status == "diverged"
    assert diverged.any()
    assert np.all(traj.diverged_at[diverged] > 0) and np.all(traj.diverged_at[~diverged] == -1)
    assert np.all(np.abs(traj.final[diverged]) <= 1e3)
    assert "diverged" in traj.message and "reduce lr" in traj.message


def test_get_dynamics_validation():
    with pytest.raises(ValueError, match="'simultaneous'.*got 'simultanous'"):
        get_dynamics("simultanous")
    with pytest.raises(TypeError, match="no parameter.*'lrr'.*valid: 'lr'"):
        get_dynamics("simultaneous", lrr=0.1)
    with pytest.raises(TypeError, match="instance"):
        get_dynamics(gd.dynamics.Simultaneous(), lr=0.2)
    with pytest.raises(TypeError, match="`dynamics`"):
        get_dynamics(3)
    assert get_dynamics("momentum", lr=0.2, beta=-0.3) == gd.dynamics.Momentum(0.2, -0.3)


@pytest.mark.parametrize(("make", "match", "error"), [
    (lambda: gd.dynamics.Simultaneous(-0.1), "`lr` must be positive; got -0.1", ValueError),
    (lambda: gd.dynamics.Simultaneous((0.1, 0.0)), "`lr\\[1\\]` must be positive", ValueError),
    (lambda: gd.dynamics.Simultaneous("fast"), "`lr`", TypeError),
    (lambda: gd.dynamics.Simultaneous(lambda t: -1.0), "`lr` schedule", ValueError),
    (lambda: gd.dynamics.Alternating(0.1, k=(1, 0)), "`k\\[1\\]`", ValueError),
    (lambda: gd.dynamics.Momentum(0.1, beta=1.5), "`beta`", ValueError),
    (lambda: gd.dynamics.Consensus(0.1, gamma=-1), "`gamma`", ValueError),
    (lambda: gd.dynamics.SGA(0.1, align="yes"), "`align`", TypeError),
    (lambda: gd.dynamics.Adam(0.1, betas=(0.9, 1.0)), "`betas`", ValueError),
    (lambda: gd.dynamics.ProximalPoint(0.1, newton_steps=0), "`newton_steps`", ValueError),
    (lambda: gd.dynamics.BestResponse(order="random"), "`order`.*'alternating'", ValueError),
    (lambda: gd.dynamics.FictitiousPlay(tie="last"), "`tie`", ValueError),
    (lambda: gd.dynamics.Replicator(0.0), "`dt`", ValueError),
    (lambda: gd.dynamics.LogitResponse(1.0, lr=1.5), "`lr`", ValueError),
    (lambda: gd.dynamics.LogitResponse(-1.0), "`temperature`", ValueError),
    (lambda: gd.dynamics.inverse_time(0.1, -1.0), "`decay`", ValueError),
])
def test_invalid_hyper_parameters_raise_named_errors(make, match, error):
    with pytest.raises(error, match=match):
        make()


def test_schedule_turning_negative_mid_run_raises():
    method = gd.dynamics.Simultaneous(lambda t: 0.1 - 0.05 * t)
    with pytest.raises(ValueError, match="`lr` schedule.*step 2"):
        gd.simulate(BILINEAR, method, np.ones(4), 5)
