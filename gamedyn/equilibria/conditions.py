"""Equilibrium conditions: the gain from a unilateral deviation and the Nash test.

A profile ``(p, q)`` is a Nash equilibrium of the bimatrix game ``(A, B)`` (both players
maximize) iff no pure deviation pays:

    max_i (A q)_i <= p @ A @ q    and    max_j (p @ B)_j <= p @ B @ q.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from gamedyn._validation import check_nonnegative
from gamedyn.games.bimatrix import BimatrixGame

__all__ = ["nash_gap", "is_nash", "check_game"]


def check_game(game: Any, name: str = "game") -> BimatrixGame:
    """Raise ``TypeError`` unless ``game`` is a :class:`~gamedyn.games.BimatrixGame`."""
    if not isinstance(game, BimatrixGame):
        raise TypeError(
            f"`{name}` must be a gamedyn BimatrixGame; got {type(game).__name__}. "
            "Build one with gd.BimatrixGame(A, B)."
        )
    return game


def nash_gap(game: BimatrixGame, p: Any, q: Any) -> np.ndarray | float:
    """The largest gain either player gets from a unilateral deviation.

    ``max(max_i (A q)_i - p A q, max_j (p B)_j - p B q)``: zero exactly at Nash
    equilibria, positive elsewhere.

    Parameters
    ----------
    game : BimatrixGame
    p : array_like, shape (*batch, m)
        Row player's mixed strategies (on the simplex).
    q : array_like, shape (*batch, n)
        Column player's mixed strategies; batch shapes broadcast.

    Returns
    -------
    float or ndarray, shape (*batch,)
    """
    game = check_game(game)
    p, q = game.check_strategies(p, q)
    row_values = q @ game.A.T  # (A q)_i
    col_values = p @ game.B  # (p B)_j
    u1 = np.sum(p * row_values, axis=-1)
    u2 = np.sum(col_values * q, axis=-1)
    gap = np.maximum(row_values.max(axis=-1) - u1, col_values.max(axis=-1) - u2)
    gap = np.maximum(gap, 0.0)
    return float(gap) if np.ndim(gap) == 0 else gap


def is_nash(game: BimatrixGame, p: Any, q: Any, tol: float = 1e-9) -> bool | np.ndarray:
    """Whether ``(p, q)`` is a Nash equilibrium: ``nash_gap <= tol * max(1, |payoffs|)``.

    The tolerance is relative to the largest absolute payoff so that scaling a game does
    not change the verdict.
    """
    tol = check_nonnegative(tol, "tol")
    scale = max(1.0, float(np.abs(game.A).max()), float(np.abs(game.B).max()))
    verdict = np.asarray(nash_gap(game, p, q)) <= tol * scale
    return bool(verdict) if verdict.ndim == 0 else verdict
