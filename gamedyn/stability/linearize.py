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

from gamedyn._validation import as_real_array, check_positive
from gamedyn.dynamics import GradientDynamics
from gamedyn.dynamics.linear import derived_linearization, numeric_linearization
from gamedyn.games.differentiable import DifferentiableGame

__all__ = ["update_jacobian", "exact_update_jacobian", "generic_update_jacobian",
           "step_size_matrix"]


def _resolve(game: Any, point: Any, dynamics: Any) -> tuple[Any, np.ndarray, Any]:
    """The game, point and dynamics checked as :func:`~gamedyn.stability.analyze` checks
    them: a dynamics instance or registered name (resolved by the registry), a game it
    applies to, and a point of the right shape (errors name `game`, `point`, `dynamics`).

    A gradient method on a :class:`~gamedyn.BimatrixGame` at ``point = (p, q)`` is
    linearized on the mixed extension (reduced coordinates); a bimatrix dynamics takes
    ``point = concat(p, q)`` or the pair ``(p, q)``.
    """
    from gamedyn.dynamics import MatrixDynamics
    from gamedyn.dynamics.registry import resolve
    from gamedyn.stability.analyze import as_differentiable

    dynamics = resolve(dynamics)
    if isinstance(dynamics, MatrixDynamics):
        dynamics.check_game(game)
        m, n = game.shape
        if isinstance(point, (tuple, list)) and len(point) == 2:
            point = np.concatenate([np.ravel(as_real_array(point[0], "point[0] (p)")),
                                    np.ravel(as_real_array(point[1], "point[1] (q)"))])
        point = as_real_array(point, "point", ndim=1)
        if point.shape != (m + n,):
            raise ValueError(f"`point` must be concat(p, q) of shape ({m + n},) or a pair "
                             f"(p, q); got shape {point.shape}.")
        return game, point, dynamics
    game, point = as_differentiable(game, point)
    dynamics.check_game(game)
    return game, point, dynamics


def step_size_matrix(game: DifferentiableGame, dynamics: Any) -> np.ndarray:
    """``H = diag(eta_1 I_{n1}, eta_2 I_{n2})`` at round 0."""
    from gamedyn.dynamics.registry import resolve

    dynamics = resolve(dynamics)
    if not isinstance(dynamics, GradientDynamics):
        raise TypeError(f"`dynamics` must be a gradient method (it has step sizes); got "
                        f"{dynamics!r}.")
    dynamics.check_game(game)
    return dynamics.step_size_matrix(game)


def exact_update_jacobian(
    game: DifferentiableGame, point: np.ndarray, dynamics: Any
) -> np.ndarray | None:
    """The exact linearization of ``dynamics`` at ``point``, or None if it has none.

    Exact means a closed form or the map applied to the linearized game
    (:func:`gamedyn.dynamics.linear.derived_linearization`), not finite differences.

    Parameters
    ----------
    game : DifferentiableGame
        The game.
    point : ndarray, shape (n1 + n2,)
        A fixed point of the field.
    dynamics : Dynamics or str
        The method (an instance or a registered name).

    Returns
    -------
    ndarray, shape (d, d), or None
        The Jacobian on the method's state (``d = n`` memoryless, a multiple of ``n`` with
        memory), or None when the method's map is not linear in the field.

    References
    ----------
    Mescheder, L., Nowozin, S. & Geiger, A. (2017). The numerics of GANs. NeurIPS,
    Section 3 (the Jacobian of an update map at a fixed point). Gidel, G. et al. (2019).
    Negative momentum for improved game dynamics. AISTATS, Section 3 (methods with
    memory, on the augmented state).

    Examples
    --------
    >>> import numpy as np, gamedyn as gd
    >>> from gamedyn.stability import exact_update_jacobian
    >>> exact_update_jacobian(gd.games.bilinear(), np.zeros(2), gd.dynamics.Simultaneous(0.5))
    array([[ 1. , -0.5],
           [ 0.5,  1. ]])
    """
    game, point, dynamics = _resolve(game, point, dynamics)
    if not dynamics.linearization_is_exact:
        return None
    return dynamics.linearization(game, point)


def derived_update_jacobian(game: DifferentiableGame, point: Any, dynamics: Any) -> np.ndarray:
    """The map of ``dynamics`` applied to the game linearized at ``point`` (no closed form)."""
    game, point, dynamics = _resolve(game, point, dynamics)
    if not isinstance(dynamics, GradientDynamics):
        raise TypeError(f"`dynamics` must be a gradient method; got {dynamics!r}.")
    return derived_linearization(dynamics, game, point)


def generic_update_jacobian(
    game: Any, point: np.ndarray, dynamics: Any, *, step: float = 1e-6
) -> np.ndarray:
    """Central-difference Jacobian of ``dynamics.step`` on its flattened state.

    The state is ``dynamics.init(game, point)`` (the fixed point with the method's memory
    at rest); every array field is perturbed, the round counter is not. The error is
    ``O(step^2)`` plus rounding ``O(eps / step)``, about ``1e-9`` relative. Methods
    whose step is not differentiable at the fixed point (Adam divides by the root of its
    second moment, which is zero at rest) have no meaningful linearization there.

    Parameters
    ----------
    game : DifferentiableGame or BimatrixGame
        The game.
    point : ndarray, shape (n1 + n2,)
        A fixed point of the field.
    dynamics : Dynamics or str
        The method (an instance or a registered name).
    step : float, default 1e-6
        The finite-difference step.

    Returns
    -------
    ndarray, shape (d, d)
        The Jacobian of one round on the flattened state (``d`` entries of ``z`` and the
        method's memory).

    References
    ----------
    Mescheder, L., Nowozin, S. & Geiger, A. (2017). The numerics of GANs. NeurIPS,
    Section 3 (the Jacobian of an update map at a fixed point). Gidel, G. et al. (2019).
    Negative momentum for improved game dynamics. AISTATS, Section 3 (methods with
    memory, on the augmented state).

    Examples
    --------
    >>> import numpy as np, gamedyn as gd
    >>> from gamedyn.stability import generic_update_jacobian
    >>> method = gd.dynamics.Simultaneous(0.5)
    >>> generic_update_jacobian(gd.games.bilinear(), np.zeros(2), method).round(8)  # I + eta J
    array([[ 1. , -0.5],
           [ 0.5,  1. ]])
    """
    game, point, dynamics = _resolve(game, point, dynamics)
    step = check_positive(step, "step")
    if isinstance(dynamics, GradientDynamics):
        dynamics.require_linearization()  # Adam, RMSProp: not differentiable at rest
    with np.errstate(all="ignore"):
        matrix = numeric_linearization(dynamics, game, point, step=step)
    if not np.all(np.isfinite(matrix)):
        raise ValueError(f"the finite-difference linearization of {type(dynamics).__name__} "
                         "at `point` is not finite (its step is not differentiable there, or "
                         "the field overflows).")
    return matrix


def update_jacobian(game: Any, point: Any, dynamics: Any) -> np.ndarray:
    """Linearization of ``dynamics``' update map at the fixed point ``point``.

    Asks the dynamics (:meth:`~gamedyn.dynamics.Dynamics.linearization`): exact for the
    rules linear in the field and their play orders, numerical otherwise. ``dynamics``
    is an instance or a registered name, as for :func:`~gamedyn.stability.analyze`.

    Parameters
    ----------
    game : DifferentiableGame or BimatrixGame
        The game.
    point : array_like, shape (n,)
        A fixed point of the method.
    dynamics : Dynamics or str
        The method (an instance or a registered name).

    Returns
    -------
    ndarray, shape (d, d)
        The Jacobian of the update map on the method's state; the method converges locally
        iff its spectral radius is below 1.

    Raises
    ------
    TypeError
        For a dynamics without a linearization (best responses; Adam and RMSProp at
        rest), an unknown kind of ``dynamics`` or a game it does not apply to.
    ValueError
        For an unknown name or a ``point`` of the wrong shape or not finite.

    References
    ----------
    Mescheder, L., Nowozin, S. & Geiger, A. (2017). The numerics of GANs. NeurIPS,
    Section 3 (the Jacobian of an update map at a fixed point). Gidel, G. et al. (2019).
    Negative momentum for improved game dynamics. AISTATS, Section 3 (methods with
    memory, on the augmented state).

    Examples
    --------
    >>> import gamedyn as gd
    >>> gd.stability.update_jacobian(gd.games.bilinear(), [0, 0], "extragradient").tolist()
    [[0.99, -0.1], [0.1, 0.99]]
    """
    game, point, dynamics = _resolve(game, point, dynamics)
    return dynamics.linearization(game, point)
