"""How the game is played: update rules (dynamics), :func:`simulate` and :func:`flow`.

A dynamics is an immutable object holding hyper-parameters only; ``init(game, z0)``
makes its state (a ``NamedTuple`` whose first field is ``z`` and last is the round
``t``) and ``step(game, state, rng)`` returns the next one. :func:`simulate` runs a
dynamics on a whole batch of starts at once; :func:`flow` integrates the continuous-time
version with :func:`scipy.integrate.solve_ivp`.

Convention: every player maximizes its own payoff; ``z = concat(x, y)`` for
differentiable games (field ``xi = (grad_x u1, grad_y u2)``) and ``z = concat(p, q)``
(full mixed strategies) for bimatrix dynamics.

Gradient methods (on :class:`~gamedyn.games.DifferentiableGame`, including ``g.mixed()``):
:class:`Simultaneous`, :class:`Alternating`, :class:`Optimistic`, :class:`Extragradient`,
:class:`Momentum`, :class:`Consensus`, :class:`SGA`, :class:`Adam`,
:class:`ProximalPoint`. Bimatrix dynamics: :class:`BestResponse`,
:class:`FictitiousPlay`, :class:`Replicator`, :class:`LogitResponse`.
"""

from gamedyn.dynamics.base import Dynamics, GradientDynamics, GradientState, MatrixDynamics
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
    Simultaneous,
)
from gamedyn.dynamics.matrix import (
    BestResponse,
    FictitiousPlay,
    FictitiousPlayState,
    LogitResponse,
    Replicator,
)
from gamedyn.dynamics.registry import REGISTRY, get_dynamics
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
    "GradientState",
    "OptimisticState",
    "MomentumState",
    "AdamState",
    "FictitiousPlayState",
    "Simultaneous",
    "Alternating",
    "Optimistic",
    "Extragradient",
    "Momentum",
    "Consensus",
    "SGA",
    "Adam",
    "ProximalPoint",
    "BestResponse",
    "FictitiousPlay",
    "Replicator",
    "LogitResponse",
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
