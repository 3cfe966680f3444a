"""One Nash equilibrium by the Lemke-Howson complementary pivoting algorithm.

Payoffs are shifted to be at least 1 and two tableaux are kept,

    P-side:  B^T x + s = 1   (n rows; x carries labels 0..m-1, s labels m..m+n-1)
    Q-side:  A y + r = 1     (m rows; r carries labels 0..m-1, y labels m..m+n-1)

starting from the artificial equilibrium ``x = 0, y = 0``. The variable with the dropped
``initial_label`` enters its tableau; the variable that leaves frees a label whose
complementary variable enters the other tableau, alternately, until the dropped label
leaves: the basis is then completely labelled, a Nash equilibrium. Ties in the ratio test
are broken lexicographically (on the rows of the basis inverse, i.e. the slack columns),
which makes the path unique and finite in degenerate games as well (von Stengel 2002,
Section 3.5).
"""

from __future__ import annotations

import numpy as np

from gamedyn._validation import check_positive_int
from gamedyn.equilibria.conditions import check_game
from gamedyn.games.bimatrix import BimatrixGame

__all__ = ["lemke_howson"]


def _pivot_row(tableau: np.ndarray, column: int, slack: slice, tol: float) -> int:
    """Row chosen by the lexicographic minimum-ratio test for the entering ``column``."""
    entering = tableau[:, column]
    candidates = np.flatnonzero(entering > tol)
    if candidates.size == 0:
        raise RuntimeError("Lemke-Howson: unbounded ray (payoffs must be shifted positive).")
    ratio = tableau[candidates, -1] / entering[candidates]
    best = ratio.min()
    candidates = candidates[ratio <= best + tol * max(1.0, abs(best))]
    if candidates.size == 1:
        return int(candidates[0])
    # a tie: break it lexicographically on the columns of the basis inverse (the slack
    # columns) divided by the entering column, which keeps the path unique and finite
    keys = tableau[candidates][:, slack] / entering[candidates, None]
    for column_index in range(keys.shape[1]):
        key = keys[:, column_index]
        best = key.min()
        keep = key <= best + tol * max(1.0, abs(best))
        candidates, keys = candidates[keep], keys[keep]
        if candidates.size == 1:
            break
    return int(candidates[0])


def lemke_howson(
    game: BimatrixGame,
    initial_label: int = 0,
    *,
    max_pivots: int = 1_000_000,
) -> tuple[np.ndarray, np.ndarray]:
    """One Nash equilibrium ``(p, q)`` reached by dropping ``initial_label``.

    Parameters
    ----------
    game : BimatrixGame
        An ``m x n`` game; both players maximize.
    initial_label : int
        The label dropped first, in ``range(m + n)``: ``i < m`` is row ``i``,
        ``m + j`` is column ``j``. Different labels may reach different equilibria.
    max_pivots : int
        Safety cap on the number of pivots; exceeding it raises ``RuntimeError``.

    Returns
    -------
    p : ndarray, shape (m,)
    q : ndarray, shape (n,)

    References
    ----------
    Lemke, C. E. & Howson, J. T. (1964). Equilibrium points of bimatrix games. *SIAM
    J. Appl. Math.* 12, 413-423. von Stengel, B. (2002), *Handbook of Game Theory* 3,
    ch. 45, Algorithm 3.5.

    Examples
    --------
    >>> import gamedyn as gd
    >>> p, q = gd.equilibria.lemke_howson(gd.games.matching_pennies())
    >>> p.round(12).tolist(), q.round(12).tolist()
    ([0.5, 0.5], [0.5, 0.5])
    """
    from scipy.linalg.blas import dger

    game = check_game(game)
    m, n = game.shape
    if isinstance(initial_label, bool) or not isinstance(initial_label, (int, np.integer)):
        raise TypeError(f"`initial_label` must be an integer; got {initial_label!r}.")
    if not 0 <= initial_label < m + n:
        raise ValueError(
            f"`initial_label` must be in range(m + n) = range({m + n}); got {initial_label}."
        )
    max_pivots = check_positive_int(max_pivots, "max_pivots")
    A = game.A - game.A.min() + 1.0
    B = game.B - game.B.min() + 1.0
    # columns are indexed by label; the last column is the right-hand side
    # Fortran order lets BLAS update the tableaux in place (rank-one dger)
    tab_p = np.asfortranarray(np.hstack([B.T, np.eye(n), np.ones((n, 1))]))
    tab_q = np.asfortranarray(np.hstack([np.eye(m), A, np.ones((m, 1))]))
    basis_p = np.arange(m, m + n)  # slacks s_j (labels m + j)
    basis_q = np.arange(m)  # slacks r_i (labels i)
    tableaux = ((tab_p, basis_p, slice(m, m + n)), (tab_q, basis_q, slice(0, m)))
    tol = 1e-12 * max(A.max(), B.max())
    label = int(initial_label)
    side = 0 if label < m else 1
    for _ in range(max_pivots):
        tableau, basis, slack = tableaux[side]
        row = _pivot_row(tableau, label, slack, tol)
        tableau[row] /= tableau[row, label]
        column = tableau[:, label].copy()
        column[row] = 0.0
        dger(-1.0, column, tableau[row], a=tableau, overwrite_a=True)
        leaving = int(basis[row])
        basis[row] = label
        if leaving == initial_label:
            break
        label = leaving
        side = 1 - side
    else:
        raise RuntimeError(
            f"Lemke-Howson did not finish within max_pivots={max_pivots} pivots; raise "
            "`max_pivots` or use all_nash for small games."
        )
    x = np.zeros(m)
    y = np.zeros(n)
    in_x = basis_p < m
    x[basis_p[in_x]] = np.maximum(tab_p[in_x, -1], 0.0)
    in_y = basis_q >= m
    y[basis_q[in_y] - m] = np.maximum(tab_q[in_y, -1], 0.0)
    return x / x.sum(), y / y.sum()
