"""gamedyn: simulate and explain the dynamics of two-player games.

One game object flows through every part: :mod:`gamedyn.equilibria` finds its Nash
equilibria, :mod:`gamedyn.dynamics` plays it, :mod:`gamedyn.stability` explains with
Jacobian eigenvalues why a method converges, rotates or diverges, :mod:`gamedyn.gan`
trains a torch-free 1-D GAN as such a game, and :mod:`gamedyn.plot` draws it.

Convention: every player maximizes its own payoff; player 1 owns ``x``, player 2 owns
``y``; states are ``z = concat(x, y)`` with shape ``(*batch, n1 + n2)``.

Subpackages other than :mod:`gamedyn.games` load on first use, so ``import gamedyn``
stays light (no matplotlib, no sympy).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from gamedyn import games
from gamedyn._status import Status
from gamedyn.games import BimatrixGame, DifferentiableGame

if TYPE_CHECKING:  # the lazy names below, as type checkers see them (loaded on first use)
    from gamedyn import cli as cli
    from gamedyn import dynamics as dynamics
    from gamedyn import equilibria as equilibria
    from gamedyn import gallery as gallery
    from gamedyn import gan as gan
    from gamedyn import plot as plot
    from gamedyn import stability as stability
    from gamedyn import sweeps as sweeps
    from gamedyn.dynamics.simulate import Trajectory as Trajectory
    from gamedyn.dynamics.simulate import flow as flow
    from gamedyn.dynamics.simulate import simulate as simulate
    from gamedyn.sweeps import sweep as sweep

__version__ = "0.1.0"

_SUBMODULES = ("equilibria", "dynamics", "stability", "gan", "plot", "gallery", "cli",
               "sweeps", "interactive")
_LAZY_NAMES = {"simulate": "gamedyn.dynamics", "flow": "gamedyn.dynamics",
               "Trajectory": "gamedyn.dynamics", "sweep": "gamedyn.sweeps"}

__all__ = ["BimatrixGame", "DifferentiableGame", "Status", "games", *_SUBMODULES, *_LAZY_NAMES]


def __getattr__(name: str) -> Any:
    if name in _SUBMODULES:
        return importlib.import_module(f"gamedyn.{name}")
    if name in _LAZY_NAMES:
        return getattr(importlib.import_module(_LAZY_NAMES[name]), name)
    raise AttributeError(f"module 'gamedyn' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
