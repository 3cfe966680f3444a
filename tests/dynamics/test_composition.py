"""Play order composed with update rules, against updates written out by hand.

Games: ``v = x y`` (``x`` minimizes: ``xi = (-y, x)``) and the linear game
``xi(z) = M z`` whose players also feel their own coordinate (``M[0, 0]``, ``M[1, 1]``),
so that extragradient's look-ahead on one player's block is not a plain step.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

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
    RMSProp,
    Simultaneous,
)

M = np.array([[0.3, -1.0], [1.0, -0.2]])
LINEAR = gd.DifferentiableGame(1, 1, lambda z: 0.15 * z[..., 0] ** 2 - z[..., 0] * z[..., 1],
                               lambda z: -0.1 * z[..., 1] ** 2 + z[..., 0] * z[..., 1],
                               field=lambda z: z @ M.T, jacobian=lambda z: M, name="linear")


def test_alternating_momentum_on_xy_by_hand():
    e1, e2, beta = 0.3, 0.2, -0.4
    x, y = 1.0, 0.5
    px, py = x, y  # previous values start at z0
    rows = [(x, y)]
    for _ in range(6):
        x, px = x - e1 * y + beta * (x - px), x
        y, py = y + e2 * x + beta * (y - py), y
        rows.append((x, y))
    run = gd.simulate(gd.games.bilinear(), Alternating(Momentum((e1, e2), beta=beta)),
                      [1.0, 0.5], 6, tol=0)
    np.testing.assert_allclose(run.states, rows, rtol=1e-15, atol=1e-16)


def test_alternating_extragradient_player_two_first_by_hand():
    eta = 0.25
    x, y = 0.7, -1.2
    rows = [(x, y)]
    for _ in range(4):
        y_half = y + eta * (M[1, 0] * x + M[1, 1] * y)
        y = y + eta * (M[1, 0] * x + M[1, 1] * y_half)
        x_half = x + eta * (M[0, 0] * x + M[0, 1] * y)
        x = x + eta * (M[0, 0] * x_half + M[0, 1] * y)
        rows.append((x, y))
    run = gd.simulate(LINEAR, Alternating(Extragradient(eta), first=2), [0.7, -1.2], 4, tol=0)
    np.testing.assert_allclose(run.states, rows, rtol=1e-14)


def test_alternating_optimistic_with_two_updates_of_player_two_by_hand():
    eta = 0.1
    z = np.array([0.4, 0.9])
    previous = M @ z  # xi(z0)
    rows = [z.copy()]
    for _ in range(3):
        g = M[0] @ z
        z[0] += eta * (2 * g - previous[0])
        previous[0] = g
        for _ in range(2):
            g = M[1] @ z
            z[1] += eta * (2 * g - previous[1])
            previous[1] = g
        rows.append(z.copy())
    run = gd.simulate(LINEAR, Alternating(Optimistic(eta), k=(1, 2)), [0.4, 0.9], 3, tol=0)
    np.testing.assert_allclose(run.states, rows, rtol=1e-14)
    np.testing.assert_allclose(run.final_state.previous_field, previous, rtol=1e-14)


def test_alternating_adam_counts_each_players_updates_for_bias_correction():
    eta, (b1, b2), eps = 0.05, (0.5, 0.9), 1e-8
    z = np.array([0.4, 0.9])
    m, v = np.zeros(2), np.zeros(2)
    counts = [0, 0]
    for _ in range(3):
        for player, repeats in ((0, 1), (1, 3)):
            for _ in range(repeats):
                g = M[player] @ z
                counts[player] += 1
                c = counts[player]
                m[player] = b1 * m[player] + (1 - b1) * g
                v[player] = b2 * v[player] + (1 - b2) * g * g
                z[player] += eta * (m[player] / (1 - b1**c)) / (np.sqrt(v[player] / (1 - b2**c))
                                                                 + eps)
    run = gd.simulate(LINEAR, Alternating(Adam(eta, betas=(b1, b2)), k=(1, 3)), [0.4, 0.9], 3,
                      tol=0)
    np.testing.assert_allclose(run.final, z, rtol=1e-14)
    np.testing.assert_allclose(run.final_state.first_moment, m, rtol=1e-14)


def test_rmsprop_by_hand():
    eta, rho, eps = 0.1, 0.8, 1e-8
    z = np.array([0.4, 0.9])
    v = np.zeros(2)
    for _ in range(5):
        g = M @ z
        v = rho * v + (1 - rho) * g * g
        z = z + eta * g / (np.sqrt(v) + eps)
    run = gd.simulate(LINEAR, RMSProp(eta, rho=rho), [0.4, 0.9], 5, tol=0)
    np.testing.assert_allclose(run.final, z, rtol=1e-14)


def test_plain_alternating_is_the_composition_with_the_plain_rule():
    a = Alternating((0.1, 0.2), k=(2, 3))
    b = Alternating(Simultaneous((0.1, 0.2)), k=(2, 3))
    assert a == b and hash(a) == hash(b)
    assert Alternating(Momentum(0.1, beta=0.3)) != Alternating(Momentum(0.1, beta=-0.3))
    z0 = np.random.default_rng(0).normal(size=(5, 2))
    np.testing.assert_array_equal(gd.simulate(LINEAR, a, z0, 7).states,
                                  gd.simulate(LINEAR, b, z0, 7).states)
    assert a.field_evaluations_per_step == 5
    assert Alternating(Extragradient(0.1), k=(1, 5)).field_evaluations_per_step == 12


def test_rules_and_orders_validate():
    with pytest.raises(TypeError, match="do not nest"):
        Alternating(Alternating(0.1))
    with pytest.raises(ValueError, match="`first` must be 1 or 2"):
        Alternating(0.1, first=3)
    with pytest.raises(ValueError, match="`rho`"):
        RMSProp(0.1, rho=1.0)
    with pytest.warns(DeprecationWarning, match="`k=\\(k1, k2\\)`"):
        old = Alternating(0.1, steps=(1, 5))
    assert old == Alternating(0.1, k=(1, 5))
    assert gd.dynamics.get_dynamics("alternating", lr=0.1, k=(1, 2), first=2).first == 2


RULES = [cls(lr=0.1) for name, cls in gd.dynamics.REGISTRY.items()
         if issubclass(cls, gd.dynamics.GradientDynamics) and cls is not Alternating]


def test_the_rules_are_found_in_the_registry():
    assert {type(rule) for rule in RULES} == {Simultaneous, Momentum, Optimistic, Extragradient,
                                              Adam, RMSProp, Consensus, SGA, ProximalPoint,
                                              gd.dynamics.GeneralizedExtragradient,
                                              gd.dynamics.GeneralizedOptimistic}


@pytest.mark.parametrize("rule", RULES, ids=lambda d: type(d).__name__)
def test_every_rule_composes_projects_and_stays_on_the_simplex(rule):
    game = gd.games.rock_paper_scissors().mixed()
    rng = np.random.default_rng(2)
    z0 = game.domain.from_strategies(rng.dirichlet(np.ones(3), 10), rng.dirichlet(np.ones(3), 10))
    for dynamics in (rule, Alternating(rule, k=(2, 1)), Alternating(rule, first=2)):
        run = gd.simulate(game, dynamics, z0, 30)
        assert np.all(game.domain.contains(run.states, tol=1e-12)), dynamics


def test_a_rule_written_outside_the_library_composes():
    # A new rule is one class: here "reflected" gradient, z + eta xi(2 z - z_prev)
    # (Malitsky 2015), written with the public hooks only.
    @dataclasses.dataclass(frozen=True)
    class Reflected(gd.dynamics.GradientDynamics):
        State = gd.dynamics.MomentumState

        def init_memory(self, game, z):
            return (z.copy(),)

        def update(self, game, z, memory, block, noise):
            (previous,) = memory
            current = block.of(z)
            reflected = block.put(z, 2 * current - block.of(previous))
            return current + block.eta * self.gradient(game, reflected, block, noise), \
                (block.put(previous, current),)

    eta = 0.2
    x, y, px, py = 1.0, 0.5, 1.0, 0.5
    for _ in range(3):  # each player reflects its own coordinate; player 1 moves first
        x, px = x + eta * (M[0, 0] * (2 * x - px) + M[0, 1] * y), x
        y, py = y + eta * (M[1, 0] * x + M[1, 1] * (2 * y - py)), y
    run = gd.simulate(LINEAR, Alternating(Reflected(eta)), [1.0, 0.5], 3, tol=0)
    np.testing.assert_allclose(run.final, [x, y], rtol=1e-15)
    assert "reflected" not in gd.dynamics.REGISTRY  # no name, not registered


def test_names_are_registered_once():
    with pytest.raises(ValueError, match="'momentum' is taken"):
        @dataclasses.dataclass(frozen=True)
        class Impostor(gd.dynamics.GradientDynamics):
            name = "momentum"
    assert gd.dynamics.REGISTRY["momentum"] is Momentum
