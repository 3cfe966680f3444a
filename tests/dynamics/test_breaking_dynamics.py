"""Faults found by trying to break the dynamics layer (issue 13); strict xfails until fixed."""

import numpy as np
import pytest

import gamedyn as gd

D = gd.dynamics


def test_per_run_game_parameters_on_a_two_dimensional_batch():
    # simulate plays a (2, 3) batch as 6 flat runs; a game's per-run parameters (R1
    # weights of shape (3,)) follow that flattening as per-run step sizes do: the run is
    # bit for bit the flat run with the weights tiled, and each weight acts on its column
    weights = np.array([0.0, 0.3, 1.0])
    z = np.array([0.2, 1.0, 0.1, 0.0, -0.1])
    game = gd.gan.GANGame((1.0, 0.5), r1=weights, batch_size=8, rng=0)
    starts = np.broadcast_to(z, (2, 3, 5)).copy()
    run = gd.simulate(game, D.Simultaneous(0.05), starts, 5, rng=7, tol=0.0)
    flat_game = gd.gan.GANGame((1.0, 0.5), r1=np.tile(weights, 2), batch_size=8, rng=0)
    flat = gd.simulate(flat_game, D.Simultaneous(0.05), starts.reshape(6, 5), 5, rng=7,
                       tol=0.0)
    np.testing.assert_array_equal(run.states.reshape(flat.states.shape), flat.states)
    # one step on the fixed evaluation batch: z + lr * field, column by column
    step = starts + 0.05 * game.field(starts)
    for j, weight in enumerate(weights):
        single = gd.gan.GANGame((1.0, 0.5), r1=weight, batch_size=8, rng=0)
        np.testing.assert_allclose(step[1, j], z + 0.05 * single.field(z), rtol=1e-12)
    with pytest.raises(ValueError, match="`r1`"):
        gd.simulate(game, D.Simultaneous(0.05), np.broadcast_to(z, (3, 2, 5)), 1, rng=0)


def test_the_divergence_hint_does_not_suggest_the_method_already_used():
    game = gd.games.bilinear()
    for dynamics, name in ((D.Optimistic(2.0), "'optimistic'"),
                           (D.Alternating(D.Extragradient(3.0)), "'extragradient'")):
        run = gd.simulate(game, dynamics, [1.0, 0.0], 200)
        assert run.status == gd.Status.DIVERGED
        assert "reduce lr" in run.message and name not in run.message


def test_the_adding_a_method_recipe_runs_and_gets_its_exact_linearization():
    # the Nesterov class of gamedyn.dynamics' docstring, as a user would paste it (not
    # registered: no `name`, so the registry other tests iterate stays as shipped).
    from dataclasses import dataclass
    from typing import ClassVar

    @dataclass(frozen=True)
    class Nesterov(D.GradientDynamics):
        beta: float = 0.9
        State: ClassVar[type] = D.MomentumState

        def init_memory(self, game, z):
            return (z.copy(),)

        def update(self, game, z, memory, block, noise):
            (previous,) = memory
            x = block.of(z)
            look = block.put(z, x + self.beta * (x - block.of(previous)))
            g = self.gradient(game, look, block, noise)
            return x + self.beta * (x - block.of(previous)) + block.eta * g, \
                (block.put(previous, x),)

    game = gd.games.dirac_gan(r1=0.5)
    point = np.zeros(2)
    J = game.jacobian(point)
    for eta1, eta2, beta in ((0.1, 0.2, 0.3), (0.2, 0.2, -0.4)):
        dynamics = Nesterov((eta1, eta2), beta=beta)
        # by hand, on (z_t, z_{t-1}): z+ = (1 + b) A z - b A z_prev, A = I + H J
        A = np.eye(2) + np.diag([eta1, eta2]) @ J
        hand = np.block([[(1 + beta) * A, -beta * A], [np.eye(2), np.zeros((2, 2))]])
        np.testing.assert_allclose(dynamics.linearization(game, point), hand, atol=1e-14)
        assert dynamics.linearization_is_exact
        report = gd.stability.analyze(game, point, dynamics=dynamics)
        assert report.spectral_radius == pytest.approx(max(abs(np.linalg.eigvals(hand))),
                                                       abs=1e-12)
        # composed with the play order at once; its derived linearization agrees with
        # central differences of the alternating map
        from gamedyn.dynamics.linear import numeric_linearization

        alternating = D.Alternating(dynamics, k=(2, 1), first=2)
        np.testing.assert_allclose(alternating.linearization(game, point),
                                   numeric_linearization(alternating, game, point),
                                   atol=1e-8)
        run = gd.simulate(game, alternating, [0.5, 0.3], 400)
        assert np.abs(run.final).max() < 1e-3  # attracting (rho < 1)
