"""Contract failures in modules owned by other branches, kept as data until fixed there.

Each entry is (callable, owner, the smallest failing call found, the parameter that was
given a bad value or None, what happened). The suite marks every entry
``xfail(strict=True)``: when the owner's fix lands the entry passes, the strict xfail
turns red, and the entry is deleted. ``FUZZ`` lists the callables whose whole fuzz test
fails today (strict as well). The goal is two empty tables.

Owners: ``dyn`` (gamedyn/dynamics, gamedyn/stability, games/differentiable.py), ``eq``
(gamedyn/equilibria, games/bimatrix.py), ``gan`` (gamedyn/gan except targets, metrics).
Calls are Python evaluated with ``gd`` (gamedyn), ``np`` and ``sympy`` in scope.
"""

from __future__ import annotations

from typing import NamedTuple


class Known(NamedTuple):
    callable: str
    owner: str
    call: str
    bad: str | None  # the parameter whose value must be refused, if any
    what: str


_D = "gamedyn.dynamics."
_S = "gamedyn.stability."
_GRADIENT = ("Simultaneous", "Alternating", "Optimistic", "Extragradient", "Momentum",
             "Consensus", "SGA", "Adam", "RMSProp", "ProximalPoint")
_MATRIX = ("BestResponse", "FictitiousPlay", "Replicator", "LogitResponse")
_WITH_FLOW = ("Simultaneous", "Consensus", "SGA", "Replicator", "LogitResponse")
_NOT_NAMED = "a TypeError or ValueError that does not name the argument"
_RUN = "gd.gan.train((1.0, 0.5), steps=20, rng=0, log_every=5)"
_GAN = "gd.gan.GANGame((1.0, 0.5), batch_size=8, eval_size=16, rng=0)"
_QUADRATIC = ("gd.DifferentiableGame(1, 1, lambda z: -z[..., 0] * z[..., 1] - z[..., 0]**2, "
              "lambda z: z[..., 0] * z[..., 1] - z[..., 1]**2)")


def _dynamics_entries() -> list[Known]:
    entries = []
    for cls in _GRADIENT + _MATRIX:
        game = "gd.games.bilinear()" if cls in _GRADIENT else "gd.games.pigs()"
        make = f"gd.dynamics.{cls}()"
        entries += [
            Known(f"{_D}{cls}.init", "dyn", f"{make}.init(None, [0.0, 0.0])", "game",
                  "'... needs a DifferentiableGame/BimatrixGame; got NoneType': `game` not named"),
            Known(f"{_D}{cls}.step", "dyn", f"{make}.step({game}, None)", "state",
                  "AttributeError: 'NoneType' object has no attribute 'z' (or 't')"),
        ]
        if cls in _GRADIENT:
            entries += [
                Known(f"{_D}{cls}", "dyn", f"gd.dynamics.{cls}(lr=10**400)", "lr",
                      "OverflowError: int too large to convert to float"),
                Known(f"{_D}{cls}.with_lr", "dyn", f"{make}.with_lr(10**400)", "lr",
                      "OverflowError: int too large to convert to float"),
                Known(f"{_D}{cls}.with_lr", "dyn", f"{make}.with_lr(lambda: 0.1)", "lr",
                      "the schedule's own call error: '<lambda>() takes 0 positional "
                      "arguments'"),
                Known(f"{_D}{cls}.linearization", "dyn",
                      f"{make}.linearization(gd.games.bilinear(), None)", "point",
                      "the message names `z`, not `point`"),
                Known(f"{_D}{cls}.linearization", "dyn",
                      f"{make}.linearization(None, [0.0, 0.0])", "game",
                      "AttributeError: 'NoneType' object has no attribute ..."),
            ]
        if cls in _WITH_FLOW:
            entries.append(Known(f"{_D}{cls}.flow_field", "dyn",
                                 f"{make}.flow_field(None, np.zeros(2))", "game",
                                 "AttributeError"))
    return entries


KNOWN: list[Known] = _dynamics_entries() + [
    # ---- gamedyn/dynamics (dyn)
    Known(f"{_D}Simultaneous", "dyn", "gd.dynamics.Simultaneous(lr=lambda: 0.1)", "lr",
          "the schedule's own call error: '<lambda>() takes 0 positional arguments'"),
    Known(f"{_D}Constant", "dyn", "gd.dynamics.Constant(0)", "value",
          "the message names `lr`, not `value`"),
    Known(f"{_D}constant", "dyn", "gd.dynamics.constant(0)", "value",
          "the message names `lr`, not `value`"),
    Known(f"{_D}Constant.rate", "dyn", "gd.dynamics.constant(0.5).rate(0, 3)", "name",
          "accepted"),
    Known(f"{_D}InverseTime.rate", "dyn", "gd.dynamics.inverse_time(0.5).rate(0, ['a'])",
          "name", "accepted"),
    Known(f"{_D}FromCallable", "dyn", "gd.dynamics.FromCallable(3)", "fn", "accepted"),
    Known(f"{_D}FromCallable.rate", "dyn",
          "gd.dynamics.FromCallable(lambda t: 0.1).rate(-1, 'lr')", "t", "accepted"),
    Known(f"{_D}get_dynamics", "dyn", "gd.dynamics.get_dynamics('no such name')",
          "name_or_instance", "the message names `dynamics`"),
    Known(f"{_D}simulate", "dyn", "gd.simulate(None, 'simultaneous', [1.0, 0.0], 10)", "game",
          _NOT_NAMED),
    Known(f"{_D}simulate", "dyn",
          "gd.simulate(gd.games.bilinear(), 'simultaneous', [1.0, 0.0], 10**12)", "steps",
          "MemoryError (issue 19)"),
    Known(f"{_D}simulate", "dyn",
          "gd.simulate(gd.games.bilinear(), 'simultaneous', [1.0, 0.0], 2**63)", "steps",
          "'Maximum allowed dimension exceeded' (issue 19)"),
    Known(f"{_D}flow", "dyn", "gd.flow(gd.games.bilinear(), [1.0, 0.0], (0, 1), rtol=1e-20)",
          None, "scipy's UserWarning escapes (issue 19)"),
    Known(f"{_D}Adam.linearization", "dyn",
          "gd.dynamics.Adam().linearization(gd.games.bilinear(), [0.0, 0.0])", None,
          "RuntimeWarning: invalid value in sqrt, at the bilinear game's equilibrium"),
    Known(f"{_D}RMSProp.linearization", "dyn",
          "gd.dynamics.RMSProp().linearization(gd.games.bilinear(), [0.0, 0.0])", None,
          "RuntimeWarning: invalid value in sqrt, at the bilinear game's equilibrium"),
    Known(f"{_D}Replicator.linearization", "dyn",
          "gd.dynamics.Replicator().linearization(gd.games.stag_hunt(), None)", "point",
          "IndexError: too many indices for array"),
    Known(f"{_D}LogitResponse.linearization", "dyn",
          "gd.dynamics.LogitResponse().linearization(None, np.zeros(2))", "game",
          "AttributeError: 'NoneType' object has no attribute 'shape'"),
    # ---- gamedyn/stability (dyn)
    Known(f"{_S}StepSizeRegion.contains", "dyn",
          "gd.stability.stable_step_sizes(gd.games.bilinear(), [0.0, 0.0], 'extragradient')"
          ".contains(np.inf)", "eta", "accepted"),
    Known(f"{_S}analyze", "dyn",
          "gd.stability.analyze(gd.games.bilinear(), [0.0, 0.0], symbolic='yes')", "symbolic",
          "a truthy string asks for exact eigenvalues; the message names `game`"),
    Known(f"{_S}analyze", "dyn",
          "gd.stability.analyze(gd.games.stag_hunt(), ([.5, .5], [.5, .5]), 'adam')", None,
          "RuntimeWarning from sqrt, then 'Array must not contain infs or NaNs' (issue 19)"),
    Known(f"{_S}analyze", "dyn",
          "gd.stability.analyze(gd.games.stag_hunt(), [np.inf, 0.0])", "point",
          "the message names `p`"),
    Known(f"{_S}classify_flow", "dyn", "gd.stability.classify_flow(None, 1e-9)", "eigenvalues",
          "AttributeError"),
    Known(f"{_S}classify_map", "dyn", "gd.stability.classify_map(None, 1e-9)", "eigenvalues",
          _NOT_NAMED),
    Known(f"{_S}classify_map", "dyn", "gd.stability.classify_map(np.array([np.nan]), 1e-9)",
          "eigenvalues", "NaN accepted, classified 'rotational' (issue 19)"),
    Known(f"{_S}exact_update_jacobian", "dyn",
          "gd.stability.exact_update_jacobian(gd.games.bilinear(), None, "
          "gd.dynamics.Simultaneous())", "point", "the message names `z`"),
    Known(f"{_S}update_jacobian", "dyn",
          "gd.stability.update_jacobian(gd.games.bilinear(), None, gd.dynamics.Simultaneous())",
          "point", "the message names `z`"),
    Known(f"{_S}update_jacobian", "dyn",
          "gd.stability.update_jacobian(gd.games.bilinear(), [0, 0], 'simultaneous')", None,
          "AttributeError; analyze accepts the name (issue 19)"),
    Known(f"{_S}generic_update_jacobian", "dyn",
          "gd.stability.generic_update_jacobian(gd.games.bilinear(), [0.0, 0.0], 'nope')",
          "dynamics", "AttributeError"),
    Known(f"{_S}find_stationary_points", "dyn",
          "gd.stability.find_stationary_points(gd.games.bilinear(), [[-1, 1], [-1, 1]], "
          "grid=2**62)", "grid", "numpy's 'array is too big'"),
    Known(f"{_S}spectral_radius", "dyn",
          f"gd.stability.spectral_radius({_QUADRATIC}, [-1e300, -1e300], gd.dynamics.SGA())",
          None, "RuntimeWarning: overflow"),
    Known(f"{_S}stable_step_sizes", "dyn",
          "gd.stability.stable_step_sizes(gd.games.bilinear(), [0.0, 0.0], "
          "two_timescale='yes')", "two_timescale", "accepted"),
    Known(f"{_S}stable_step_sizes", "dyn",
          "gd.stability.stable_step_sizes(gd.games.bilinear(), [1.0, 1.0])", "point",
          "answers for a point that is not fixed (analyze refuses it; issue 19)"),
    # ---- gamedyn/games/differentiable.py (dyn)
    Known("gamedyn.games.DifferentiableGame", "dyn",
          "gd.DifferentiableGame(1, 1, np.sum, np.sum, domain='simplex')", "domain",
          "AttributeError: 'str' object has no attribute 'dim'"),
    Known("gamedyn.games.DifferentiableGame", "dyn",
          "gd.DifferentiableGame(1, 1, np.sum, np.sum, symbolic='x')", "symbolic", "accepted"),
    Known("gamedyn.games.DifferentiableGame.field", "dyn",
          f"{_QUADRATIC}.field([1e308, 1e308])", None, "RuntimeWarning: overflow"),
    Known("gamedyn.games.DifferentiableGame.jacobian", "dyn",
          f"{_QUADRATIC}.jacobian([1e308, 1e308])", None, "RuntimeWarning: overflow"),
    Known("gamedyn.games.DifferentiableGame.payoffs", "dyn",
          f"{_QUADRATIC}.payoffs([1e308, 1e308])", None, "RuntimeWarning: overflow"),
    Known("gamedyn.games.DifferentiableGame.partial_field", "dyn",
          "gd.games.bilinear().partial_field(None, 1)", "z",
          "numpy's matmul error, which names no argument"),
    Known("gamedyn.games.DifferentiableGame.project", "dyn",
          f"{_QUADRATIC}.project(np.zeros((2, 0)))", "z", "accepted"),
    Known("gamedyn.games.DifferentiableGame.split", "dyn",
          f"{_QUADRATIC}.split(np.zeros((2, 0)))", "z", "accepted"),
    # ---- gamedyn/equilibria and games/bimatrix.py (eq)
    Known("gamedyn.equilibria.polytope_vertices", "eq", "gd.equilibria.polytope_vertices('M')",
          "M", "AttributeError (issue 19)"),
    Known("gamedyn.equilibria.polytope_vertices", "eq",
          "gd.equilibria.polytope_vertices(np.zeros((1, 1)))", None,
          "RuntimeWarning: divide by zero (issue 19)"),
    Known("gamedyn.equilibria.all_nash", "eq",
          "gd.equilibria.all_nash(gd.games.pigs(), max_seconds=np.nan)", "max_seconds",
          "accepted (a NaN time limit never refuses)"),
    Known("gamedyn.equilibria.is_degenerate", "eq",
          "gd.equilibria.is_degenerate(gd.games.pigs(), max_seconds=np.nan)", "max_seconds",
          "accepted (a NaN time limit never refuses)"),
    Known("gamedyn.equilibria.enumeration_estimate", "eq",
          "gd.equilibria.enumeration_estimate((0, 2))", "shape",
          "'k must be a non-negative integer': `shape` not named"),
    Known("gamedyn.equilibria.lemke_howson", "eq",
          "gd.equilibria.lemke_howson(gd.games.shapley(), max_pivots=3)", None,
          "RuntimeError: did not finish within max_pivots (a status or a clear error?)"),
    Known("gamedyn.games.BimatrixGame.best_responses", "eq",
          "gd.games.chicken().best_responses(2, [1j, 2.0])", "strategy",
          "the message names `p`"),
    Known("gamedyn.games.BimatrixGame.pure_index", "eq", "gd.games.pigs().pure_index(1, None)",
          "player", "accepted"),
    # ---- gamedyn/gan models, training, modes (gan)
    Known("gamedyn.gan.GANGame", "gan", "gd.gan.GANGame(r1='1')", "r1", "accepted"),
    Known("gamedyn.gan.GANGame.draw", "gan", f"{_GAN}.draw(0, (2.5,))", "batch_shape",
          "accepted"),
    Known("gamedyn.gan.GANGame.field", "gan", f"{_GAN}.field(np.full(5, 1e308))", None,
          "RuntimeWarning: overflow (a finite state)"),
    Known("gamedyn.gan.GANGame.jacobian", "gan", f"{_GAN}.jacobian(np.full(5, 1e308))", None,
          "RuntimeWarning: overflow (a finite state)"),
    Known("gamedyn.gan.GANGame.partial_field", "gan",
          f"{_GAN}.partial_field(np.full(5, 1e308), 1)", None,
          "RuntimeWarning: overflow (a finite state)"),
    Known("gamedyn.gan.GANGame.payoffs", "gan", f"{_GAN}.payoffs(np.full(5, -1e300))", None,
          "RuntimeWarning: overflow (a finite state)"),
    Known("gamedyn.gan.GANGame.field", "gan", f"{_GAN}.field(np.zeros(5), noise=3)", "noise",
          "AttributeError: 'int' object has no attribute 'latent'"),
    Known("gamedyn.gan.GANGame.jacobian", "gan", f"{_GAN}.jacobian(np.zeros(5), noise=3)",
          "noise", "AttributeError: 'int' object has no attribute 'latent'"),
    Known("gamedyn.gan.GANGame.partial_field", "gan",
          f"{_GAN}.partial_field(np.zeros(5), 1, noise=3)", "noise",
          "AttributeError: 'int' object has no attribute 'latent'"),
    Known("gamedyn.gan.GANGame.field", "gan",
          f"{_GAN}.field(np.zeros(5), noise={_GAN}.draw(0, (3,)))", "noise",
          "a minibatch drawn for 3 states given with one state: numpy's 'input operand has "
          "more dimensions than allowed by the axis remapping'"),
    Known("gamedyn.gan.GANGame.project", "gan", f"{_GAN}.project(np.zeros((5, 0)))", "z",
          "accepted"),
    Known("gamedyn.gan.GANGame.split", "gan", f"{_GAN}.split([np.inf, 0.0])", "z",
          "TypeError: list indices must be integers or slices, not tuple"),
    Known("gamedyn.gan.train", "gan", "gd.gan.train(steps=1, depth=-1)", "depth",
          "accepted while the models are not MLPs (hidden=-1 too): checked only when used; "
          "the fuzz finds it at 40 examples, not at the 4 it runs"),
    Known("gamedyn.gan.GANRun.discriminator_output", "gan",
          f"{_RUN}.discriminator_output([np.nan, 1.0])", "x", "accepted"),
    Known("gamedyn.gan.GANRun.sample", "gan", f"{_RUN}.sample(True)", "n", _NOT_NAMED),
]

#: callables whose fuzz test fails today (each has at least one entry in KNOWN)
FUZZ: set[str] = {
    "gamedyn.dynamics.Adam",
    "gamedyn.dynamics.Adam.init",
    "gamedyn.dynamics.Adam.linearization",
    "gamedyn.dynamics.Adam.step",
    "gamedyn.dynamics.Adam.with_lr",
    "gamedyn.dynamics.Alternating",
    "gamedyn.dynamics.Alternating.init",
    "gamedyn.dynamics.Alternating.linearization",
    "gamedyn.dynamics.Alternating.step",
    "gamedyn.dynamics.Alternating.with_lr",
    "gamedyn.dynamics.BestResponse.init",
    "gamedyn.dynamics.BestResponse.step",
    "gamedyn.dynamics.Consensus",
    "gamedyn.dynamics.Consensus.flow_field",
    "gamedyn.dynamics.Consensus.init",
    "gamedyn.dynamics.Consensus.linearization",
    "gamedyn.dynamics.Consensus.step",
    "gamedyn.dynamics.Consensus.with_lr",
    "gamedyn.dynamics.Constant",
    "gamedyn.dynamics.Constant.rate",
    "gamedyn.dynamics.Extragradient",
    "gamedyn.dynamics.Extragradient.init",
    "gamedyn.dynamics.Extragradient.linearization",
    "gamedyn.dynamics.Extragradient.step",
    "gamedyn.dynamics.Extragradient.with_lr",
    "gamedyn.dynamics.FictitiousPlay.init",
    "gamedyn.dynamics.FictitiousPlay.step",
    "gamedyn.dynamics.FromCallable",
    "gamedyn.dynamics.FromCallable.rate",
    "gamedyn.dynamics.InverseTime.rate",
    "gamedyn.dynamics.LogitResponse.flow_field",
    "gamedyn.dynamics.LogitResponse.init",
    "gamedyn.dynamics.LogitResponse.linearization",
    "gamedyn.dynamics.LogitResponse.step",
    "gamedyn.dynamics.Momentum",
    "gamedyn.dynamics.Momentum.init",
    "gamedyn.dynamics.Momentum.linearization",
    "gamedyn.dynamics.Momentum.step",
    "gamedyn.dynamics.Momentum.with_lr",
    "gamedyn.dynamics.Optimistic",
    "gamedyn.dynamics.Optimistic.init",
    "gamedyn.dynamics.Optimistic.linearization",
    "gamedyn.dynamics.Optimistic.step",
    "gamedyn.dynamics.Optimistic.with_lr",
    "gamedyn.dynamics.ProximalPoint",
    "gamedyn.dynamics.ProximalPoint.init",
    "gamedyn.dynamics.ProximalPoint.linearization",
    "gamedyn.dynamics.ProximalPoint.step",
    "gamedyn.dynamics.ProximalPoint.with_lr",
    "gamedyn.dynamics.RMSProp.init",
    "gamedyn.dynamics.RMSProp.linearization",
    "gamedyn.dynamics.RMSProp.step",
    "gamedyn.dynamics.RMSProp.with_lr",
    "gamedyn.dynamics.Replicator.flow_field",
    "gamedyn.dynamics.Replicator.init",
    "gamedyn.dynamics.Replicator.linearization",
    "gamedyn.dynamics.Replicator.step",
    "gamedyn.dynamics.SGA",
    "gamedyn.dynamics.SGA.flow_field",
    "gamedyn.dynamics.SGA.init",
    "gamedyn.dynamics.SGA.linearization",
    "gamedyn.dynamics.SGA.step",
    "gamedyn.dynamics.SGA.with_lr",
    "gamedyn.dynamics.Simultaneous",
    "gamedyn.dynamics.Simultaneous.flow_field",
    "gamedyn.dynamics.Simultaneous.init",
    "gamedyn.dynamics.Simultaneous.linearization",
    "gamedyn.dynamics.Simultaneous.step",
    "gamedyn.dynamics.Simultaneous.with_lr",
    "gamedyn.dynamics.constant",
    "gamedyn.dynamics.flow",
    "gamedyn.dynamics.get_dynamics",
    "gamedyn.dynamics.simulate",
    "gamedyn.equilibria.all_nash",
    "gamedyn.equilibria.enumeration_estimate",
    "gamedyn.equilibria.is_degenerate",
    "gamedyn.equilibria.lemke_howson",
    "gamedyn.equilibria.polytope_vertices",
    "gamedyn.games.BimatrixGame.best_responses",
    "gamedyn.games.BimatrixGame.pure_index",
    "gamedyn.games.DifferentiableGame",
    "gamedyn.games.DifferentiableGame.field",
    "gamedyn.games.DifferentiableGame.jacobian",
    "gamedyn.games.DifferentiableGame.partial_field",
    "gamedyn.games.DifferentiableGame.payoffs",
    "gamedyn.games.DifferentiableGame.project",
    "gamedyn.games.DifferentiableGame.split",
    "gamedyn.gan.GANGame",
    "gamedyn.gan.GANGame.draw",
    "gamedyn.gan.GANGame.field",
    "gamedyn.gan.GANGame.jacobian",
    "gamedyn.gan.GANGame.partial_field",
    "gamedyn.gan.GANGame.payoffs",
    "gamedyn.gan.GANGame.project",
    "gamedyn.gan.GANGame.split",
    "gamedyn.gan.GANRun.discriminator_output",
    "gamedyn.gan.GANRun.sample",
    "gamedyn.stability.StepSizeRegion.contains",
    "gamedyn.stability.analyze",
    "gamedyn.stability.classify_flow",
    "gamedyn.stability.classify_map",
    "gamedyn.stability.exact_update_jacobian",
    "gamedyn.stability.generic_update_jacobian",
    "gamedyn.stability.spectral_radius",
    "gamedyn.stability.stable_step_sizes",
    "gamedyn.stability.update_jacobian",
}
