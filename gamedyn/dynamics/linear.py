"""Linearizations of update maps at a fixed point, shared by every dynamics.

A method is a map ``s_{t+1} = F(s_t)`` on its state ``s = (z, memory...)``; it converges
locally iff the spectral radius of ``dF/ds`` at the fixed point is below 1 (Ostrowski's
theorem; Bertsekas 1999, Prop. A.39). Two routes:

- :func:`derived_linearization` (exact): a gradient method's map uses the game only
  through its field ``xi`` (and Jacobian ``J``). Near a fixed point ``z*`` the game is
  the linear game ``xi(z) = J (z - z*)``, on which the map of every rule that is linear
  in the field (plain, momentum, optimistic, extragradient, consensus, proximal point,
  and any play order of them) is affine, so stepping the rest state plus small basis
  vectors gives ``dF`` exactly (up to rounding). No formula per method is needed, and
  compositions get theirs for free.
- :func:`numeric_linearization`: central differences of ``step`` on the flattened state
  (every array field perturbed, the round counter not), error about ``1e-9``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from gamedyn.games.differentiable import DifferentiableGame

if TYPE_CHECKING:
    from gamedyn.dynamics.base import DynamicsState

__all__ = ["linearized_game", "derived_linearization", "numeric_linearization",
           "flatten_state", "unflatten_state"]

# Basis perturbations of the derived route: small enough that a rule that is only
# piecewise linear near the fixed point (SGA's aligned sign) stays on one piece, and a
# power of two so that scaling is exact.
_PERTURBATION = 2.0**-12


def flatten_state(state: tuple) -> tuple[np.ndarray, list]:
    """The array fields of a state (all but the round counter) as one vector, and layout."""
    parts, layout = [], []
    for value in state[:-1]:
        array = np.asarray(value, dtype=float)
        parts.append(array.ravel())
        layout.append(array.shape)
    return np.concatenate(parts), layout


def unflatten_state(vector: np.ndarray, layout: list, template: DynamicsState
                    ) -> DynamicsState:
    """States from vectors ``(*batch, size)``: the inverse of :func:`flatten_state`."""
    values, start = [], 0
    for shape in layout:
        size = int(np.prod(shape))
        values.append(vector[..., start:start + size].reshape(vector.shape[:-1] + shape))
        start += size
    return type(template)(*values, template[-1])


def linearized_game(game: DifferentiableGame, point: np.ndarray) -> DifferentiableGame:
    """The linear game ``xi(z) = J (z - z*)`` with ``J = game.jacobian(z*)``, unconstrained.

    Its field and Jacobian are exact; its payoffs are the quadratic forms whose gradients
    give that field when the players' own blocks of ``J`` are symmetric (true for every
    game with twice-differentiable payoffs).
    """
    point = np.asarray(point, dtype=float)
    J = np.array(game.jacobian(point), dtype=float)
    n1 = game.n1
    J1, J2 = J[:n1], J[n1:]

    def payoff1(z: np.ndarray) -> np.ndarray:
        d = z - point
        x = d[..., :n1]
        return np.einsum("...i,ij,...j->...", x, J1[:, :n1], x) / 2 \
            + np.einsum("...i,ij,...j->...", x, J1[:, n1:], d[..., n1:])

    def payoff2(z: np.ndarray) -> np.ndarray:
        d = z - point
        y = d[..., n1:]
        return np.einsum("...i,ij,...j->...", y, J2[:, n1:], y) / 2 \
            + np.einsum("...i,ij,...j->...", y, J2[:, :n1], d[..., :n1])

    return DifferentiableGame(
        game.n1, game.n2, payoff1, payoff2,
        field=lambda z: (z - point) @ J.T,
        jacobian=lambda z: J,
        name=f"{game.name} linearized",
    )


def derived_linearization(dynamics: Any, game: DifferentiableGame, point: Any) -> np.ndarray:
    """``dF`` at the fixed point, exact for maps that are linear in the field.

    The method's own ``step`` is applied to :func:`linearized_game` at the rest state
    ``dynamics.init(game_lin, point)`` and at that state plus ``h e_i`` for every basis
    vector ``e_i`` of the flattened state; column ``i`` is the difference divided by
    ``h``. The result is on the method's own state coordinates (``(z, memory...)``).
    """
    linear = linearized_game(game, point)
    rest = dynamics.init(linear, np.asarray(point, dtype=float))
    base, layout = flatten_state(rest)
    size = base.size
    states = np.concatenate([base[None], base + _PERTURBATION * np.eye(size)])
    stepped = dynamics.step(linear, unflatten_state(states, layout, rest), None)
    images = np.concatenate(
        [np.asarray(value, dtype=float).reshape(size + 1, -1) for value in stepped[:-1]],
        axis=1)
    return ((images[1:] - images[0]) / _PERTURBATION).T


def numeric_linearization(dynamics: Any, game: Any, point: Any, *, step: float = 1e-6
                          ) -> np.ndarray:
    """Central-difference Jacobian of ``dynamics.step`` on its flattened state.

    The state is ``dynamics.init(game, point)`` (the fixed point with the method's memory
    at rest); every array field is perturbed, the round counter is not. The error is
    ``O(step^2)`` plus rounding ``O(eps / step)``, about ``1e-9`` relative. ``step`` is
    called without ``rng``, so a stochastic game is stepped on its fixed evaluation
    batch. Methods whose step is not differentiable at the fixed point (Adam divides by
    the root of its second moment, which is zero at rest) have no meaningful
    linearization there.
    """
    state = dynamics.init(game, np.asarray(point, dtype=float))
    base, layout = flatten_state(state)
    size = base.size
    offsets = np.eye(size) * step
    perturbed = np.concatenate([base + offsets, base - offsets])  # (2 size, size)
    batch_state = unflatten_state(perturbed, layout, state)
    stepped = dynamics.step(game, batch_state, None)
    images = np.concatenate(
        [np.asarray(value, dtype=float).reshape(len(perturbed), -1) for value in stepped[:-1]],
        axis=1)
    return ((images[:size] - images[size:]) / (2 * step)).T
