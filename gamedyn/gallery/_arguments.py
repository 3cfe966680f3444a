"""The arguments every figure recipe takes, checked once."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np


def recipe_arguments(seed: object, quick: object) -> tuple[int, bool]:
    """``seed`` (an int >= 0, the figure's randomness) and ``quick`` (a bool), checked."""
    from gamedyn._validation import check_bool, check_positive_int

    return check_positive_int(seed, "seed", minimum=0), check_bool(quick, "quick")


def recipe_game(game: Any, default: Callable, kind: type[Any], what: str,
                shape: tuple[int, int] | None = None, name: str = "game"):
    """The recipe's ``game``: ``default()`` for None, else a ``kind`` instance, checked.

    ``shape`` is the bimatrix shape ``(m, n)`` for a :class:`~gamedyn.games.BimatrixGame`
    or the player dimensions ``(n1, n2)`` for a
    :class:`~gamedyn.games.DifferentiableGame`. ``name`` is the argument's name in
    messages. Raises ``TypeError`` naming the argument for another type and
    ``ValueError`` for a game of the wrong shape.
    """
    if game is None:
        return default()
    if not isinstance(game, kind):
        raise TypeError(f"`{name}` must be {what} or None (the catalogue game); "
                        f"got {type(game).__name__}.")
    if shape is not None:
        got = tuple(game.shape) if hasattr(game, "shape") else (game.n1, game.n2)
        if got != tuple(shape):
            if hasattr(game, "shape"):
                raise ValueError(f"`{name}` must be a {shape[0]}x{shape[1]} bimatrix game "
                                 f"for this figure; got shape {got}.")
            raise ValueError(f"`{name}` must have n1 = {shape[0]} and n2 = {shape[1]} "
                             f"parameters for this figure; got n1 = {got[0]}, "
                             f"n2 = {got[1]}.")
    return game


def plane_game(game: object, default: Callable, name: str = "game"):
    """A differentiable game with one parameter per player (drawn in the plane)."""
    import gamedyn as gd

    return recipe_game(game, default, gd.games.DifferentiableGame,
                       "a DifferentiableGame with n1 = n2 = 1", shape=(1, 1), name=name)


def stationary_point(game, bounds=((-2.0, 2.0), (-2.0, 2.0)), name: str = "game"
                     ) -> np.ndarray:
    """The game's known equilibrium, else its stationary point nearest the origin in
    ``bounds`` (:func:`gamedyn.stability.find_stationary_points`).

    Raises ``ValueError`` naming ``game`` when there is none in ``bounds``.
    """
    import gamedyn as gd

    try:
        return game.equilibrium()
    except ValueError:
        pass
    points = gd.stability.find_stationary_points(game, np.asarray(bounds, dtype=float))
    if not points:
        raise ValueError(f"`{name}` has no known equilibrium and no stationary point in "
                         f"{np.asarray(bounds).tolist()}; give a game with one there.")
    return min((z for z, _ in points), key=lambda z: float(np.linalg.norm(z)))


def interior_equilibrium(game, name: str = "game") -> tuple[np.ndarray, np.ndarray]:
    """A completely mixed Nash equilibrium ``(p, q)`` of a bimatrix game.

    Raises ``ValueError`` naming ``game`` when it has none.
    """
    import gamedyn as gd

    for p, q in gd.equilibria.all_nash(game):
        if np.all(np.asarray(p) > 1e-9) and np.all(np.asarray(q) > 1e-9):
            return np.asarray(p, dtype=float), np.asarray(q, dtype=float)
    raise ValueError(f"`{name}` must have a completely mixed Nash equilibrium for this "
                     f"figure; {game.name!r} has none.")
