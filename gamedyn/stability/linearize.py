"""Linearizations of discrete update maps at a fixed point.

A method is a map ``s_{t+1} = F(s_t)`` on its (possibly augmented) state; it converges
locally iff the spectral radius of ``dF/ds`` at the fixed point is below 1 (Ostrowski's
theorem; Bertsekas 1999, Prop. A.39). With ``J`` the game Jacobian at ``z*`` and
``H = diag(eta_1 I_{n1}, eta_2 I_{n2})`` the per-player step sizes:

==============  ============================================================
method          linearization (state)
==============  ============================================================
simultaneous    ``I + H J``                                   (z)
alternating     ``(I + H2 J)^k2 (I + H1 J)^k1``, Hi acting on one player (z)
extragradient   ``I + H J + H J H J``                         (z)
optimistic      ``[[I + 2HJ, -HJ], [I, 0]]``                  (z_t, z_{t-1})
momentum        ``[[(1 + beta) I + HJ, -beta I], [I, 0]]``    (z_t, z_{t-1})
consensus       ``I + H (J - gamma J^T J)``                   (z)
sga             ``I + H (J + lam A J)``, ``A = (J - J^T)/2``  (z)
proximal point  ``(I - H J)^{-1}``                            (z)
==============  ============================================================

The optimistic and momentum maps are written on ``(z_t, z_{t-1})``; gamedyn's states
store ``xi(z_{t-1})`` (optimistic) or ``z_{t-1}`` (momentum), linearly equivalent
coordinates, so the spectra agree. Any other dynamics is linearized by
:func:`generic_update_jacobian`, which differentiates ``dynamics.step`` numerically.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from gamedyn.dynamics import (
    SGA,
    Alternating,
    Consensus,
    Extragradient,
    GradientDynamics,
    Momentum,
    Optimistic,
    ProximalPoint,
    Simultaneous,
)
from gamedyn.games.differentiable import DifferentiableGame

__all__ = ["update_jacobian", "exact_update_jacobian", "generic_update_jacobian",
           "step_size_matrix"]


def step_size_matrix(game: DifferentiableGame, dynamics: GradientDynamics) -> np.ndarray:
    """``H = diag(eta_1 I_{n1}, eta_2 I_{n2})`` at round 0."""
    lr1, lr2 = dynamics.step_sizes(0)
    return np.diag(np.concatenate([np.full(game.n1, lr1), np.full(game.n2, lr2)]))


def exact_update_jacobian(
    game: DifferentiableGame, point: np.ndarray, dynamics: GradientDynamics
) -> np.ndarray | None:
    """The closed-form linearization (table above), or None for other dynamics."""
    J = game.jacobian(point)
    n = game.n
    eye = np.eye(n)
    H = step_size_matrix(game, dynamics)
    HJ = H @ J
    if type(dynamics) is Simultaneous:
        return eye + HJ
    if type(dynamics) is Alternating:
        player1 = np.zeros((n, n))
        player1[: game.n1, : game.n1] = np.eye(game.n1)
        player2 = eye - player1
        k1, k2 = dynamics.k
        first = np.linalg.matrix_power(eye + player1 @ HJ, k1)
        second = np.linalg.matrix_power(eye + player2 @ HJ, k2)
        return second @ first
    if type(dynamics) is Extragradient:
        return eye + HJ + HJ @ HJ
    if type(dynamics) is Optimistic:
        return np.block([[eye + 2 * HJ, -HJ], [eye, np.zeros((n, n))]])
    if type(dynamics) is Momentum:
        beta = dynamics.beta
        return np.block([[(1 + beta) * eye + HJ, -beta * eye], [eye, np.zeros((n, n))]])
    if type(dynamics) is Consensus:
        return eye + H @ (J - dynamics.gamma * J.T @ J)
    if type(dynamics) is SGA:
        antisymmetric = 0.5 * (J - J.T)
        # at a fixed point the alignment score is eps > 0, so lambda = +lam
        return eye + H @ (J + dynamics.lam * antisymmetric @ J)
    if type(dynamics) is ProximalPoint:
        return np.linalg.inv(eye - HJ)
    return None


def _flatten(state: tuple) -> tuple[np.ndarray, list]:
    parts, layout = [], []
    for value in state[:-1]:
        array = np.asarray(value, dtype=float)
        parts.append(array.ravel())
        layout.append(array.shape)
    return np.concatenate(parts), layout


def _unflatten(vector: np.ndarray, layout: list, template: tuple) -> tuple:
    values, start = [], 0
    for shape in layout:
        size = int(np.prod(shape))
        values.append(vector[..., start:start + size].reshape(vector.shape[:-1] + shape))
        start += size
    return type(template)(*values, template[-1])


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
    state = dynamics.init(game, point)
    base, layout = _flatten(state)
    size = base.size
    offsets = np.eye(size) * step
    perturbed = np.concatenate([base + offsets, base - offsets])  # (2 size, size)
    batch_state = _unflatten(perturbed, layout, state)
    rng = np.random.default_rng(0)
    stepped = dynamics.step(game, batch_state, rng)
    images = np.concatenate(
        [np.asarray(value, dtype=float).reshape(len(perturbed), -1) for value in stepped[:-1]],
        axis=1)
    return ((images[:size] - images[size:]) / (2 * step)).T


def update_jacobian(game: DifferentiableGame, point: Any, dynamics: Any) -> np.ndarray:
    """Linearization of ``dynamics``' update map at the fixed point ``point``.

    Exact (table in the module docstring) for the gradient methods listed there;
    numerical differentiation of ``dynamics.step`` otherwise.
    """
    point = np.asarray(point, dtype=float)
    exact = (exact_update_jacobian(game, point, dynamics)
             if isinstance(dynamics, GradientDynamics) else None)
    return exact if exact is not None else generic_update_jacobian(game, point, dynamics)
