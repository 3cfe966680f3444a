"""Linearizations of discrete update maps at a fixed point.

A method is a map ``s_{t+1} = F(s_t)`` on its (possibly augmented) state; it converges
locally iff the spectral radius of ``dF/ds`` at the fixed point is below 1 (Ostrowski's
theorem; Bertsekas 1999, Prop. A.39). Each dynamics owns its linearization
(:meth:`gamedyn.dynamics.Dynamics.linearization`): a closed form where its class gives
one (``I + H J`` for simultaneous steps, ``(I - H J)^{-1}`` for proximal point, ...),
else its own map applied to the game linearized at the fixed point (exact for every
rule linear in the field, and for every play order of such rules), else central
differences of its ``step`` (Adam, RMSProp). This module only dispatches to it.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from gamedyn.dynamics import GradientDynamics
from gamedyn.dynamics.linear import derived_linearization, numeric_linearization
from gamedyn.games.differentiable import DifferentiableGame

__all__ = ["update_jacobian", "exact_update_jacobian", "generic_update_jacobian",
           "step_size_matrix"]


def step_size_matrix(game: DifferentiableGame, dynamics: GradientDynamics) -> np.ndarray:
    """``H = diag(eta_1 I_{n1}, eta_2 I_{n2})`` at round 0."""
    return dynamics.step_size_matrix(game)


def exact_update_jacobian(
    game: DifferentiableGame, point: np.ndarray, dynamics: Any
) -> np.ndarray | None:
    """The exact linearization of ``dynamics`` at ``point``, or None if it has none.

    Exact means a closed form or the map applied to the linearized game
    (:func:`gamedyn.dynamics.linear.derived_linearization`), not finite differences.
    """
    if not getattr(dynamics, "linearization_is_exact", False):
        return None
    return dynamics.linearization(game, np.asarray(point, dtype=float))


def derived_update_jacobian(game: DifferentiableGame, point: Any, dynamics: Any) -> np.ndarray:
    """The map of ``dynamics`` applied to the game linearized at ``point`` (no closed form)."""
    return derived_linearization(dynamics, game, np.asarray(point, dtype=float))


def generic_update_jacobian(
    game: Any, point: np.ndarray, dynamics: Any, *, step: float = 1e-6
) -> np.ndarray:
    """Central-difference Jacobian of ``dynamics.step`` on its flattened state.

    The state is ``dynamics.init(game, point)`` (the fixed point with the method's memory
    at rest); every array field is perturbed, the round counter is not. The error is
    ``O(step^2)`` plus rounding ``O(eps / step)``, about ``1e-9`` relative. Methods
    whose step is not differentiable at the fixed point (Adam divides by the root of its
    second moment, which is zero at rest) have no meaningful linearization there.
    """
    return numeric_linearization(dynamics, game, point, step=step)


def update_jacobian(game: Any, point: Any, dynamics: Any) -> np.ndarray:
    """Linearization of ``dynamics``' update map at the fixed point ``point``.

    Asks the dynamics (:meth:`~gamedyn.dynamics.Dynamics.linearization`): exact for the
    rules linear in the field and their play orders, numerical otherwise.
    """
    return dynamics.linearization(game, np.asarray(point, dtype=float))
