"""Pure-strategy Nash equilibria: cells that are mutual best responses."""

from __future__ import annotations

import numpy as np

from gamedyn.equilibria.conditions import RTOL, check_game, normalized_payoffs
from gamedyn.games.bimatrix import BimatrixGame

__all__ = ["pure_nash"]


def pure_nash(game: BimatrixGame) -> list[tuple[int, int]]:
    """Return all pure equilibria ``(i, j)`` of a bimatrix game.

    ``A[i, j]`` is a column maximum of ``A`` and ``B[i, j]`` a row maximum of ``B`` (ties
    count; both players maximize).

    Payoffs within ``1e-9`` of a player's payoff range (``max - min`` of its matrix) of
    the maximum count as maximal, the same tie rule as :func:`all_nash`; the answer does
    not change under positive affine maps of either player's payoffs.

    Parameters
    ----------
    game : BimatrixGame
        The game (both players maximize).

    Returns
    -------
    list of (int, int)
        Sorted by row, then column.

    Raises
    ------
    TypeError
        If ``game`` is not a BimatrixGame.

    References
    ----------
    Nash, J. (1951). Non-cooperative games. *Annals of Mathematics* 54, 286-295.

    Examples
    --------
    >>> import gamedyn as gd
    >>> gd.equilibria.pure_nash(gd.games.stag_hunt())
    [(0, 0), (1, 1)]
    """
    game = check_game(game)
    A, B = normalized_payoffs(game)
    row_best = A >= A.max(axis=0, keepdims=True) - RTOL  # row i is a best reply to column j
    col_best = B >= B.max(axis=1, keepdims=True) - RTOL  # column j is a best reply to row i
    rows, cols = np.nonzero(row_best & col_best)
    return [(int(i), int(j)) for i, j in zip(rows, cols)]
