"""How the game is played: update rules, play orders, :func:`simulate` and :func:`flow`.

A dynamics is an immutable object holding hyper-parameters only; ``init(game, z0)``
makes its state (a ``NamedTuple`` whose first field is ``z`` and last is the round
``t``) and ``step(game, state, rng)`` returns the next one. :func:`simulate` runs a
dynamics on a whole batch of starts at once; :func:`flow` integrates the continuous-time
version with :func:`scipy.integrate.solve_ivp`.

Convention: every player maximizes its own payoff; ``z = concat(x, y)`` for
differentiable games (field ``xi = (grad_x u1, grad_y u2)``) and ``z = concat(p, q)``
(full mixed strategies) for bimatrix dynamics.

Gradient methods (on :class:`~gamedyn.games.DifferentiableGame`, including ``g.mixed()``)
are update rules played simultaneously: :class:`Simultaneous` (plain),
:class:`Optimistic`, :class:`Extragradient`, :class:`Momentum`, :class:`Consensus`,
:class:`SGA`, :class:`Adam`, :class:`RMSProp`, :class:`ProximalPoint`,
:class:`GeneralizedExtragradient`, :class:`GeneralizedOptimistic`; the play order
:class:`Alternating` composes with any of them (``Alternating(Momentum(0.1, beta=-0.5),
k=(1, 5), first=2)``). Bimatrix dynamics: :class:`BestResponse`,
:class:`FictitiousPlay`, :class:`Replicator`, :class:`LogitResponse`; no-regret learning
(:mod:`gamedyn.dynamics.learning`): :class:`Hedge`, :class:`OptimisticHedge`,
:class:`RegretMatching`, :class:`RegretMatchingPlus`, :class:`FTRL`,
:class:`StochasticFictitiousPlay`, :class:`ReplicatorMutator`. The names are in
:data:`REGISTRY`, which the classes fill themselves.

Adding a method
---------------
A gradient method is one class in one file (``gradient.py`` or a module of your own
imported below), plus its tests::

    @dataclass(frozen=True)
    class Nesterov(GradientDynamics):
        '''...numpydoc: the update rule, parameters, references, an example...'''
        beta: float = 0.9                           # hyper-parameters: dataclass fields
        State: ClassVar[type] = MomentumState       # (z, *memory, t)
        name: ClassVar[str] = "nesterov"            # registers the class

        def init_memory(self, game, z):             # memory at round 0
            return (z.copy(),)

        def update(self, game, z, memory, block, noise):
            (previous,) = memory                    # full (*batch, n) arrays
            x = block.of(z)                         # the moving coordinates
            look = block.put(z, x + self.beta * (x - block.of(previous)))
            g = self.gradient(game, look, block, noise)   # partial field, same minibatch
            return x + self.beta * (x - block.of(previous)) + block.eta * g, \\
                (block.put(previous, x),)

That is all: the base class keeps the books (validation, drawing the minibatch of a
stochastic game once per player update, projection onto ``game.domain``, the round
counter), ``Alternating(Nesterov(...))`` works at once, and the stability analyzer gets
the exact linearization by applying ``update`` to the game linearized at the fixed
point (set ``linear_in_field = False`` if the rule is not linear in the field, as Adam
is; then it is numerical). Optionally override ``closed_form_linearization`` (tests
compare it with the derived one), ``stable_step_sizes_exact`` (a closed-form stability
condition) and ``explain`` (the sentence of :meth:`StabilityReport.explain`).

A bimatrix dynamics is one :class:`MatrixDynamics` subclass with ``name``, ``step``
(and ``init`` if it keeps memory); its linearization on the simplex comes from the
base class.
"""

from gamedyn.dynamics.base import (
    REGISTRY,
    Block,
    Dynamics,
    GradientDynamics,
    GradientState,
    MatrixDynamics,
)
from gamedyn.dynamics.bilinear_family import GeneralizedExtragradient, GeneralizedOptimistic
from gamedyn.dynamics.gradient import (
    SGA,
    Adam,
    AdamState,
    Alternating,
    Consensus,
    Extragradient,
    Momentum,
    MomentumState,
    Optimistic,
    OptimisticState,
    ProximalPoint,
    RMSProp,
    RMSPropState,
    Simultaneous,
)
from gamedyn.dynamics.learning import (
    FTRL,
    Hedge,
    OptimisticHedge,
    RegretMatching,
    RegretMatchingPlus,
    RegretState,
    ReplicatorMutator,
    StochasticFictitiousPlay,
    project_simplex,
)
from gamedyn.dynamics.matrix import (
    BestResponse,
    FictitiousPlay,
    FictitiousPlayState,
    LogitResponse,
    Replicator,
)
from gamedyn.dynamics.registry import get_dynamics
from gamedyn.dynamics.schedules import (
    Constant,
    FromCallable,
    InverseTime,
    PerRun,
    Schedule,
    constant,
    inverse_time,
)
from gamedyn.dynamics.simulate import Trajectory, flow, simulate

__all__ = [
    "Dynamics",
    "GradientDynamics",
    "MatrixDynamics",
    "Block",
    "GradientState",
    "OptimisticState",
    "MomentumState",
    "AdamState",
    "RMSPropState",
    "FictitiousPlayState",
    "Simultaneous",
    "Alternating",
    "Optimistic",
    "Extragradient",
    "Momentum",
    "Consensus",
    "SGA",
    "Adam",
    "RMSProp",
    "ProximalPoint",
    "GeneralizedExtragradient",
    "GeneralizedOptimistic",
    "BestResponse",
    "FictitiousPlay",
    "Replicator",
    "LogitResponse",
    "Hedge",
    "OptimisticHedge",
    "RegretMatching",
    "RegretMatchingPlus",
    "RegretState",
    "FTRL",
    "StochasticFictitiousPlay",
    "ReplicatorMutator",
    "project_simplex",
    "Schedule",
    "Constant",
    "InverseTime",
    "FromCallable",
    "PerRun",
    "constant",
    "inverse_time",
    "REGISTRY",
    "get_dynamics",
    "Trajectory",
    "simulate",
    "flow",
]
