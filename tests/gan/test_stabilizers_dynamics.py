"""The stabilizers under every registered gradient dynamics, in ensembles.

Spectral normalization's power-iteration vectors are the game's auxiliary state, kept in
the dynamics' state: advanced exactly once per discriminator update whatever the method,
carried across ``simulate(..., state=...)`` segments bit for bit, one per run.
"""

import numpy as np
import pytest
from test_dynamics_on_gan import CASES, EQUILIBRIUM, START

import gamedyn as gd
from gamedyn.gan import spectral
from gamedyn.gan.models import MLP, Affine

D = gd.dynamics
NEEDS_JACOBIAN = ("Consensus", "SGA", "ProximalPoint")


def _needs_jacobian(dynamics):
    rule = dynamics.rule if isinstance(dynamics, D.Alternating) else dynamics
    return type(rule).__name__ in NEEDS_JACOBIAN


def _sn_game():
    return gd.gan.GANGame((0.5, 1.0), Affine(), MLP(3, 2), spectral_norm=True, batch_size=16,
                          rng=0)


def _starts(game, shape=(2, 2)):
    rng = np.random.default_rng(7)
    return np.concatenate([game.generator.init(rng, shape) + 0.1,
                           game.discriminator.init(rng, shape)], axis=-1)


@pytest.mark.parametrize("dynamics", CASES, ids=repr)
def test_power_iteration_advances_once_per_discriminator_update(dynamics):
    game = _sn_game()
    z0 = _starts(game)
    # the discriminator's step is far below its parameters' spacing: W stays fixed, so
    # the carried vectors must be the power iteration's m-th iterate, m = updates per round
    frozen_d = dynamics.with_lr((0.05, 1e-300))
    if _needs_jacobian(dynamics):
        with pytest.raises(ValueError, match="no exact Jacobian.*spectral normalization"):
            gd.simulate(game, frozen_d, z0, 2, rng=0, tol=0.0)
        return
    traj = gd.simulate(game, frozen_d, z0, 3, rng=0, tol=0.0)
    params_d = z0[..., game.n1:]
    np.testing.assert_allclose(traj.final[..., game.n1:], params_d, rtol=1e-250, atol=1e-250)
    assert not np.array_equal(traj.final[..., :game.n1], z0[..., :game.n1])  # G moved
    updates = dynamics.k[1] if isinstance(dynamics, D.Alternating) else 1
    layout = spectral.layout_of(game.discriminator)
    expected = game.init_auxiliary(z0)
    for _ in range(3 * updates):
        expected = spectral.power_step(params_d, expected, layout)
    assert traj.final_state.auxiliary.shape == (2, 2, spectral.auxiliary_size(layout))
    np.testing.assert_allclose(traj.final_state.auxiliary, expected, rtol=1e-12, atol=1e-14)


@pytest.mark.parametrize("dynamics", [D.Alternating(D.Adam(0.01), k=(1, 2), first=2),
                                      D.Extragradient(0.05), D.Optimistic(0.05)], ids=repr)
def test_segments_and_seeds_give_the_same_bits(dynamics):
    game = _sn_game()
    z0 = _starts(game)
    whole = gd.simulate(game, dynamics, z0, 20, rng=np.random.default_rng(3), tol=0.0)
    again = gd.simulate(game, dynamics, z0, 20, rng=np.random.default_rng(3), tol=0.0)
    stream = np.random.default_rng(3)
    first = gd.simulate(game, dynamics, z0, 8, rng=stream, tol=0.0)
    second = gd.simulate(game, dynamics, None, 12, rng=stream, tol=0.0,
                         state=first.final_state)
    for other in (again, second):
        np.testing.assert_array_equal(other.final, whole.final)
        np.testing.assert_array_equal(other.final_state.auxiliary,
                                      whole.final_state.auxiliary)
    # each run of the ensemble is the run alone with its own vectors: the first run's
    # vectors follow the first run's discriminator
    layout = spectral.layout_of(game.discriminator)
    for index in np.ndindex(2, 2):
        params_d = whole.final[index][game.n1:]
        sigma = spectral.sigmas(params_d, whole.final_state.auxiliary[index], layout)
        exact = spectral.sigmas(params_d, spectral.exact_vectors(params_d, layout), layout)
        np.testing.assert_allclose(sigma, exact, rtol=0.05)  # tracked within a few %


def test_a_state_without_the_vectors_is_refused_for_a_normalized_game():
    game = _sn_game()
    z0 = _starts(game)
    plain = gd.simulate(gd.gan.GANGame((0.5, 1.0), Affine(), MLP(3, 2), rng=0),
                        D.Simultaneous(0.01), z0, 2, rng=0)
    with pytest.raises(ValueError, match="`state`"):
        gd.simulate(game, D.Simultaneous(0.01), None, 2, rng=0, state=plain.final_state)


STABILIZED = {
    "instance noise": dict(instance_noise=0.1),
    "spectral norm": dict(spectral_norm=True),
    "wgan clip": dict(loss="wasserstein", clip=0.3),
    "wgan-gp": dict(loss="wasserstein", gradient_penalty=1.0),
}


@pytest.mark.parametrize("name", list(STABILIZED))
@pytest.mark.parametrize("dynamics", CASES, ids=repr)
def test_every_dynamics_plays_each_stabilizer_in_an_ensemble(dynamics, name):
    setting = STABILIZED[name]
    discriminator = MLP(4, 1) if setting.get("spectral_norm") else None
    game = gd.gan.GANGame((0.0, 1.0), discriminator=discriminator, batch_size=64,
                          eval_size=64, rng=0, **setting)
    rng = np.random.default_rng(1)
    z0 = np.broadcast_to(START, (3, 5)).copy() if discriminator is None else np.concatenate(
        [np.broadcast_to(START[:2], (3, 2)), game.discriminator.init(rng, (3,))], axis=-1)
    if _needs_jacobian(dynamics) and name != "wgan clip":
        with pytest.raises(ValueError, match="no exact Jacobian"):
            gd.simulate(game, dynamics, z0, 5, rng=1, tol=0.0)
        return
    # a quarter of the step sizes that train the plain GAN (the critic's value is not
    # curved, so large steps of some methods leave; divergence would be a status anyway)
    dynamics = dynamics.with_lr(tuple(0.25 * rate for rate in dynamics.step_sizes(0)))
    traj = gd.simulate(game, dynamics, z0, 60, rng=1, tol=0.0, bound=1e4)
    assert traj.states.shape == (61, 3, game.n)
    assert np.all(traj.status == gd.Status.RUNNING)
    assert np.all(np.isfinite(traj.states))
    if "clip" in setting:  # every saved state after the first update lies in the box
        assert np.abs(traj.states[1:, :, game.n1:]).max() <= setting["clip"]
    # the runs of the ensemble are independent: run 1 alone gives the same first steps
    # only in distribution, but the batch keeps its runs apart (no cross-talk)
    assert not np.array_equal(traj.states[-1, 0], traj.states[-1, 1])


@pytest.mark.parametrize("dynamics", [d for d in CASES if not _needs_jacobian(d)
                                      and "Adam" not in repr(d) and "RMSProp" not in repr(d)],
                         ids=repr)
def test_instance_noise_keeps_the_target_as_the_equilibrium(dynamics):
    # noise of the same law on real and fake samples: p_data * N(0, s^2) = p_g * N(0, s^2)
    # iff p_data = p_g, so G = N(0, 1) and D = 1/2 remain the equilibrium
    game = gd.gan.GANGame((0.0, 1.0), instance_noise=0.2, batch_size=512, eval_size=512,
                          rng=0)
    traj = gd.simulate(game, dynamics, START, 800, rng=1, tol=0.0)
    late = traj.states[-200:].mean(axis=0)
    np.testing.assert_allclose(late, EQUILIBRIUM, atol=0.1)


def test_states_with_the_vectors_pickle_and_continue():
    import pickle

    game = _sn_game()
    stream = np.random.default_rng(4)
    first = gd.simulate(game, D.Optimistic(0.05), _starts(game), 5, rng=stream, tol=0.0)
    state = pickle.loads(pickle.dumps(first.final_state))
    assert type(state) is type(first.final_state)
    assert type(state).__name__ == "OptimisticStateWithAuxiliary"
    np.testing.assert_array_equal(state.auxiliary, first.final_state.auxiliary)
    gd.simulate(game, D.Optimistic(0.05), None, 2, rng=stream, tol=0.0, state=state)
