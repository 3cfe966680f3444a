"""Every gradient dynamics in the registry trains the sample-based GAN through gd.simulate.

Theory (the population game, :func:`gamedyn.gan.population_game`): for data N(0, 1), the
affine generator ``G(z) = mu + s z`` and the quadratic discriminator, the equilibrium is
``(mu, s, w0, w1, w2) = (0, 1, 0, 0, 0)`` and the game Jacobian there has the
eigenvalues ``-1, -1/2 +- i/2, -1/4 +- i sqrt(3)/4`` for both generator losses (a
damped rotation: the quadratic discriminator's curvature in ``w0`` and ``w2`` damps what
would otherwise be the pure rotation of the Dirac-GAN). So plain simultaneous steps
``z + eta xi`` contract near it iff ``|1 + eta lambda| < 1`` for every eigenvalue,
i.e. ``eta < min -2 Re(lambda) / |lambda|^2 = 2`` (each of the three pairs gives 2);
with ``eta = 2.5`` the mode ``lambda = -1`` is overshot, ``|1 - 2.5| = 1.5 > 1``, and the
iterates are pushed away. Every other method at a moderate step size contracts too (its
update-map spectral radius below 1), and with minibatch noise the iterates settle in a
small cloud around the equilibrium: the test averages the last quarter of the rounds.
"""

import numpy as np
import pytest

import gamedyn as gd
from gamedyn.dynamics import REGISTRY
from gamedyn.dynamics.base import GradientDynamics
from gamedyn.gan.models import MLP

D = gd.dynamics
EQUILIBRIUM = np.array([0.0, 1.0, 0.0, 0.0, 0.0])
START = EQUILIBRIUM + np.array([0.4, -0.3, 0.2, -0.2, 0.1])


def _methods():
    """One converging configuration per registered gradient dynamics (more where the
    play order or the rule composes)."""
    methods = {
        "simultaneous": [D.Simultaneous(0.2), D.Simultaneous((0.1, 0.3))],  # two time scales
        # play order composes with the rule: either player first, k updates per round
        "alternating": [D.Alternating(0.2), D.Alternating(0.2, k=(1, 3), first=2),
                        D.Alternating(D.Momentum(0.2, beta=-0.5), first=2),
                        D.Alternating(D.Optimistic(0.2), k=(1, 2)),
                        D.Alternating(D.Extragradient(0.2), first=2),
                        D.Alternating(D.Adam(0.01, betas=(0.5, 0.999)), first=2)],
        "optimistic": [D.Optimistic(0.2)],
        "extragradient": [D.Extragradient(0.2)],
        "momentum": [D.Momentum(0.2, beta=-0.5), D.Momentum(0.2, beta=0.5)],
        "consensus": [D.Consensus(0.2)],
        "sga": [D.SGA(0.2)],
        "adam": [D.Adam(0.01)],
        "proximal_point": [D.ProximalPoint(0.5, newton_steps=3)],
        "generalized_extragradient": [D.GeneralizedExtragradient(0.2, extrapolation=2.0)],
        "generalized_optimistic": [D.GeneralizedOptimistic(0.2, optimism=0.5)],
    }
    if "rmsprop" in REGISTRY:
        methods["rmsprop"] = [REGISTRY["rmsprop"](0.005)]
    return methods


METHODS = _methods()
CASES = [dynamics for group in METHODS.values() for dynamics in group]


def test_every_gradient_dynamics_of_the_registry_is_covered():
    gradient = {name for name, cls in REGISTRY.items() if issubclass(cls, GradientDynamics)}
    assert gradient <= set(METHODS), sorted(gradient - set(METHODS))


@pytest.mark.parametrize("loss", ["non_saturating", "minimax"])
@pytest.mark.parametrize("dynamics", CASES, ids=repr)
def test_each_dynamics_trains_the_gan_to_the_target(dynamics, loss):
    game = gd.gan.GANGame((0.0, 1.0), loss=loss, batch_size=512, eval_size=512, rng=0)
    adaptive = "adam" in repr(dynamics).lower() or "rmsprop" in repr(dynamics).lower()
    steps = 3000 if adaptive else 800
    traj = gd.simulate(game, dynamics, START, steps, rng=1, tol=0.0)
    assert traj.status == gd.Status.RUNNING  # stochastic: never frozen, never diverged
    late = traj.states[-steps // 4:].mean(axis=0)
    # G = N(mu, s^2) matches N(0, 1) and D flattens to 1/2 (w = 0)
    np.testing.assert_allclose(late, EQUILIBRIUM, atol=0.08)
    # the theory's verdict for the method (linearization at the population equilibrium)
    if not adaptive:  # rules linear in the field: the linearization is exact
        population = gd.gan.population_game((0.0, 1.0), loss=loss)
        report = gd.stability.analyze(population, EQUILIBRIUM, dynamics=dynamics)
        assert report.spectral_radius < 1


def test_simultaneous_steps_beyond_the_stable_range_leave_the_equilibrium():
    # eta = 2.5 > 2: |1 + eta (-1)| = 1.5 (the analyzer agrees), and training moves away
    population = gd.gan.population_game((0.0, 1.0))
    rate = gd.stability.analyze(population, EQUILIBRIUM,
                                dynamics=D.Simultaneous(2.5)).spectral_radius
    assert rate == pytest.approx(1.5, rel=1e-6)
    game = gd.gan.GANGame((0.0, 1.0), batch_size=512, rng=0)
    near = EQUILIBRIUM + 0.01 * np.array([1.0, -1.0, 1.0, -1.0, 1.0])
    traj = gd.simulate(game, D.Simultaneous(2.5), near, 200, rng=1, tol=0.0)
    distance = np.abs(traj.states - EQUILIBRIUM).max(axis=-1)
    assert traj.status == gd.Status.DIVERGED or distance[-1] > 1.0
    assert distance[: 20].max() > 10 * distance[0]  # it grows from the start on


@pytest.mark.parametrize("dynamics", [D.Consensus(0.1), D.SGA(0.1), D.ProximalPoint(0.1)],
                         ids=repr)
def test_methods_needing_the_jacobian_refuse_the_mlp_gan_clearly(dynamics):
    # the MLP has no hand-derived second derivatives: no exact Jacobian-vector products
    game = gd.gan.GANGame((0.0, 1.0), MLP(4, 1), MLP(4, 1), rng=0)
    rng = np.random.default_rng(0)
    z0 = np.concatenate([game.generator.init(rng), game.discriminator.init(rng)])
    with pytest.raises(ValueError, match="no exact Jacobian.*consensus, SGA"):
        gd.simulate(game, dynamics, z0, 3, rng=0, tol=0.0)
