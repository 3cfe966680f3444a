"""The arguments every figure recipe takes, checked once."""

from __future__ import annotations

from collections.abc import Callable


def recipe_arguments(seed: object, quick: object) -> tuple[int, bool]:
    """``seed`` (an int >= 0, the figure's randomness) and ``quick`` (a bool), checked."""
    from gamedyn._validation import check_bool, check_positive_int

    return check_positive_int(seed, "seed", minimum=0), check_bool(quick, "quick")


def recipe_game(game: object, default: Callable, kind: type, what: str,
                shape: tuple[int, int] | None = None):
    """The recipe's ``game``: ``default()`` for None, else a ``kind`` instance, checked.

    Raises ``TypeError`` naming ``game`` for another type and ``ValueError`` for a bimatrix
    game of the wrong ``shape``.
    """
    if game is None:
        return default()
    if not isinstance(game, kind):
        raise TypeError(f"`game` must be {what} or None (the catalogue game); "
                        f"got {type(game).__name__}.")
    if shape is not None and tuple(game.shape) != tuple(shape):
        raise ValueError(f"`game` must be a {shape[0]}x{shape[1]} bimatrix game for this "
                         f"figure; got shape {tuple(game.shape)}.")
    return game
