"""Pure-strategy Nash equilibria: cells that are mutual best responses."""

from __future__ import annotations

import numpy as np

from gamedyn.equilibria.conditions import check_game
from gamedyn.games.bimatrix import BimatrixGame

__all__ = ["pure_nash"]


def pure_nash(game: BimatrixGame) -> list[tuple[int, int]]:
    """All pure equilibria ``(i, j)``: ``A[i, j]`` is a column maximum of ``A`` and
    ``B[i, j]`` a row maximum of ``B`` (ties count; both players maximize).

    Returns
    -------
    list of (int, int)
        Sorted by row, then column.

    Examples
    --------
    >>> import gamedyn as gd
    >>> gd.equilibria.pure_nash(gd.games.stag_hunt())
    [(0, 0), (1, 1)]
    """
    game = check_game(game)
    A, B = game.A, game.B
    row_best = A >= A.max(axis=0, keepdims=True)  # row i is a best reply to column j
    col_best = B >= B.max(axis=1, keepdims=True)  # column j is a best reply to row i
    rows, cols = np.nonzero(row_best & col_best)
    return [(int(i), int(j)) for i, j in zip(rows, cols)]
