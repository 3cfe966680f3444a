"""Each method owns its maths: linearizations (closed form, derived, finite differences),
stability conditions, explain() sentences; the analyzer keeps every hyper-parameter."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gamedyn as gd
from gamedyn import Status
from gamedyn.dynamics import (
    REGISTRY,
    SGA,
    Adam,
    Alternating,
    Consensus,
    Extragradient,
    GeneralizedExtragradient,
    GeneralizedOptimistic,
    GradientDynamics,
    Momentum,
    Optimistic,
    ProximalPoint,
    RMSProp,
    Simultaneous,
)
from gamedyn.dynamics.linear import derived_linearization, numeric_linearization

GAMES = [
    (gd.games.bilinear(np.array([[1.0, 2.0], [0.5, -1.0]])), np.zeros(4)),
    (gd.games.dirac_gan(r1=0.4), np.zeros(2)),
    (gd.games.dirac_gan("non_saturating", instance_noise=0.5), np.zeros(2)),
    # a fixed point where the field is far from linear (its Hessian terms matter)
    (gd.games.landscape(), gd.stability.find_stationary_points(
        gd.games.landscape(), [[-4, 4], [-4, 4]], grid=5)[0][0]),
]
EXACT_NAMES = sorted(name for name, cls in REGISTRY.items()
                     if issubclass(cls, GradientDynamics) and cls().linearization_is_exact)
RULES = [Simultaneous((0.1, 0.15)), Momentum((0.1, 0.15), beta=-0.4), Optimistic((0.1, 0.15)),
         Extragradient((0.1, 0.15)), Consensus((0.1, 0.15), gamma=0.5),
         SGA((0.1, 0.15), lam=0.5), ProximalPoint((0.3, 0.2)),
         GeneralizedExtragradient((0.1, 0.15), extrapolation=2.5),
         GeneralizedOptimistic((0.1, 0.15), optimism=0.4)]
COMPOSED = [Alternating(rule, k=k, first=first) for rule in RULES
            for k, first in (((1, 1), 1), ((2, 3), 2))]


def test_every_registered_rule_linear_in_the_field_is_exact():
    assert set(EXACT_NAMES) == {"simultaneous", "alternating", "optimistic", "extragradient",
                                "momentum", "consensus", "sga", "proximal_point",
                                "generalized_extragradient", "generalized_optimistic"}
    assert not Adam(0.1).linearization_is_exact and not RMSProp(0.1).linearization_is_exact
    assert not Alternating(Adam(0.1)).linearization_is_exact


@pytest.mark.parametrize("dynamics", [REGISTRY[name](lr=(0.1, 0.15)) for name in EXACT_NAMES]
                         + COMPOSED, ids=repr)
@pytest.mark.parametrize("game, point", GAMES, ids=lambda g: getattr(g, "name", ""))
def test_exact_linearization_equals_finite_differences_of_step(dynamics, game, point):
    exact = dynamics.linearization(game, point)
    numeric = numeric_linearization(dynamics, game, point)
    assert exact.shape == numeric.shape
    np.testing.assert_allclose(exact, numeric, atol=2e-7)


@pytest.mark.parametrize("dynamics", [rule for rule in RULES if type(rule) is not Optimistic]
                         + [Alternating((0.3, 0.2), k=(2, 3)), Alternating(0.2, first=2)],
                         ids=repr)
@pytest.mark.parametrize("game, point", GAMES, ids=lambda g: getattr(g, "name", ""))
def test_closed_forms_equal_the_derived_linearization(dynamics, game, point):
    closed = dynamics.closed_form_linearization(game, point)
    assert closed is not None
    np.testing.assert_allclose(closed, derived_linearization(dynamics, game, point),
                               atol=1e-10)


def test_simultaneous_closed_form_by_hand():
    # bilinear v = x y: J = [[0, -1], [1, 0]], so I + eta J = [[1, -eta], [eta, 1]]
    np.testing.assert_array_equal(
        Simultaneous(0.25).linearization(gd.games.bilinear(), [0.0, 0.0]),
        [[1.0, -0.25], [0.25, 1.0]])


def test_a_subclass_keeps_its_exact_linearization_and_an_override_gets_its_own():
    game, point = gd.games.dirac_gan(r1=0.4), np.zeros(2)

    @dataclasses.dataclass(frozen=True)
    class Tagged(Momentum):
        """A subclass that only adds a field: same map, same closed form."""

        tag: str = "mine"

    @dataclasses.dataclass(frozen=True)
    class Doubled(Momentum):
        """A subclass with its own map: twice the momentum term."""

        def update(self, game, z, memory, block, noise):
            (previous,) = memory
            current = block.of(z)
            values = (current + block.eta * self.gradient(game, z, block, noise)
                      + 2 * self.beta * (current - block.of(previous)))
            return values, (block.put(previous, current),)

    parent = Momentum(0.2, beta=0.3)
    np.testing.assert_array_equal(Tagged(0.2, beta=0.3).linearization(game, point),
                                  parent.linearization(game, point))
    doubled = Doubled(0.2, beta=0.3).linearization(game, point)
    np.testing.assert_allclose(doubled, Momentum(0.2, beta=0.6).linearization(game, point),
                               atol=1e-10)
    np.testing.assert_allclose(doubled, numeric_linearization(Doubled(0.2, beta=0.3), game,
                                                              point), atol=2e-7)
    report = gd.stability.analyze(game, point, Tagged(0.2, beta=0.3))
    assert report.exact and report.dynamics.tag == "mine"


# ---------------------------------------------------------------- stability conditions

def test_momentum_keeps_its_beta_in_stable_step_sizes():
    # Two decoupled players maximizing -z^2/2: J = -I, so heavy ball solves
    # mu^2 - (1 + beta - eta) mu + beta = 0 and contracts iff 0 < eta < 2 (1 + beta)
    # (Polyak 1964; Jury's criterion for |beta| < 1).
    game = gd.DifferentiableGame(1, 1, lambda z: -0.5 * z[..., 0] ** 2,
                                 lambda z: -0.5 * z[..., 1] ** 2, field=lambda z: -z,
                                 jacobian=lambda z: -np.eye(2))
    for beta in (0.3, -0.5):
        region = gd.stability.stable_step_sizes(game, [0.0, 0.0], Momentum(0.1, beta=beta),
                                                lr_max=6.0)
        assert len(region.intervals) == 1 and region.intervals[0][0] == 0.0
        assert region.intervals[0][1] == pytest.approx(2 * (1 + beta), abs=1e-9)
        assert region.dynamics.beta == beta
    by_name = gd.stability.stable_step_sizes(game, [0.0, 0.0], "momentum", beta=0.3,
                                             lr_max=6.0)
    assert by_name.intervals[0][1] == pytest.approx(2.6, abs=1e-9)


def test_alternating_keeps_its_k_in_stable_step_sizes():
    # v = x y with k = (1, 1): eigenvalues of [[1, -eta], [eta, 1 - eta^2]] stay on the unit
    # circle for eta < 2; with k = (1, 2) the map is [[1, -eta], [2 eta, 1 - 2 eta^2]],
    # det 1, trace 2 - 2 eta^2: |trace| < 2 iff eta < sqrt(2).
    game = gd.games.bilinear()
    for k, edge in (((1, 1), 2.0), ((1, 2), np.sqrt(2.0))):
        region = gd.stability.spectral_radius(game, [0, 0], Alternating(0.99 * edge, k=k))
        assert region == pytest.approx(1.0, abs=1e-9)
        assert gd.stability.spectral_radius(game, [0, 0], Alternating(1.01 * edge, k=k)) > 1


def test_stable_step_sizes_old_method_keyword_warns_and_names_dynamics():
    game = gd.games.bilinear()
    with pytest.warns(DeprecationWarning, match="`dynamics=`"):
        old = gd.stability.stable_step_sizes(game, [0, 0], method="extragradient")
    new = gd.stability.stable_step_sizes(game, [0, 0], dynamics="extragradient")
    assert old.intervals == new.intervals
    with pytest.raises(TypeError, match="instance"):
        gd.stability.stable_step_sizes(game, [0, 0], Momentum(0.1), beta=0.2)
    with pytest.raises(TypeError, match="gradient method"):
        gd.stability.stable_step_sizes(game, [0, 0], gd.dynamics.Replicator())


def test_proximal_point_closed_form_condition():
    # |1 / (1 - eta lambda)| < 1 iff eta > 2 Re(lambda) / |lambda|^2 for Re(lambda) > 0.
    method = ProximalPoint(0.1)
    assert method.stable_step_sizes_exact(np.array([1j, -1j])) == [(0.0, np.inf)]
    (low, high), = method.stable_step_sizes_exact(np.array([1 + 1j, 1 - 1j, -2.0]))
    assert low == pytest.approx(1.0) and high == np.inf
    for eta in (0.9, 1.1):
        J = np.array([[1.0, -1.0], [1.0, 1.0]])
        rho = np.abs(np.linalg.eigvals(np.linalg.inv(np.eye(2) - eta * J))).max()
        assert (rho < 1) == (eta > low)


def test_per_run_step_sizes_cannot_be_linearized():
    with pytest.raises(ValueError, match="per-run"):
        Simultaneous(np.array([0.1, 0.2])).linearization(gd.games.bilinear(), [0, 0])


# ---------------------------------------------------------------- reports

def test_reports_keep_the_objects_and_each_method_writes_its_sentence():
    game = gd.games.bilinear()
    dynamics = Alternating(Extragradient(0.3), k=(1, 2), first=2)
    report = gd.stability.analyze(game, [0.0, 0.0], dynamics)
    assert report.game is game and report.dynamics is dynamics
    assert report.status is Status.SUCCESS and report.success
    # on v = x y a player's look-ahead leaves its own gradient unchanged, so alternating
    # extragradient IS alternating gradient play: the same isometric map
    np.testing.assert_allclose(report.update_jacobian, Alternating(0.3, k=(1, 2), first=2)
                               .linearization(game, [0.0, 0.0]), atol=1e-12)
    assert report.map_kind == "isometric" and "look-ahead" not in report.explain()
    extra = gd.stability.analyze(game, [0.0, 0.0], Extragradient(0.3))
    assert extra.map_kind == "contracting" and "look-ahead" in extra.explain()
    assert not report.update_jacobian.flags.writeable and not report.point.flags.writeable
    with pytest.raises(dataclasses.FrozenInstanceError):
        report.kind = "attracting"
    simultaneous = gd.stability.analyze(game, [0.0, 0.0], Simultaneous(0.5)).explain()
    assert "spirals outward" in simultaneous and "modulus sqrt(1 + eta^2 omega^2) = 1.11803" \
        in simultaneous
    assert "ellipse" in gd.stability.analyze(game, [0.0, 0.0], Alternating(0.5)).explain()
    assert "look-ahead" not in gd.stability.analyze(game, [0.0, 0.0], Momentum(0.5)).explain()


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 2**32 - 1), st.floats(0.01, 0.5), st.floats(0.01, 0.5),
       st.sampled_from(["simultaneous", "extragradient", "momentum", "consensus", "sga",
                        "proximal_point", "alternating"]))
def test_closed_form_equals_derived_on_random_quadratic_games(seed, lr1, lr2, name):
    # Any quadratic game has a constant Jacobian; the closed form and the method's own
    # map on the linearized game must agree for every J and every pair of step sizes.
    rng = np.random.default_rng(seed)
    J = rng.normal(size=(3, 3))
    game = gd.DifferentiableGame(1, 2, lambda z: 0 * z[..., 0], lambda z: 0 * z[..., 0],
                                 field=lambda z: z @ J.T,
                                 jacobian=lambda z: np.broadcast_to(J, z.shape + (3,)))
    dynamics = REGISTRY[name](lr=(lr1, lr2))
    if name == "alternating":
        dynamics = Alternating((lr1, lr2), k=(int(rng.integers(1, 4)), int(rng.integers(1, 4))),
                               first=int(rng.integers(1, 3)))
    closed = dynamics.closed_form_linearization(game, np.zeros(3))
    derived = derived_linearization(dynamics, game, np.zeros(3))
    np.testing.assert_allclose(closed, derived, atol=1e-9 * max(1.0, np.abs(closed).max()))
