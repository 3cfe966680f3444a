"""One Nash equilibrium by the Lemke-Howson complementary pivoting algorithm.

Payoffs are normalized to each player's range and shifted to ``[1, 2]`` (a positive
affine map, which changes no equilibrium and makes the path the same at every payoff
scale). Two systems are kept,

    P-side:  B^T x + s = 1   (n rows; x carries labels 0..m-1, s labels m..m+n-1)
    Q-side:  A y + r = 1     (m rows; r carries labels 0..m-1, y labels m..m+n-1)

starting from the artificial equilibrium ``x = 0, y = 0``. The variable with the dropped
``initial_label`` enters its system; the variable that leaves frees a label whose
complementary variable enters the other system, alternately, until the dropped label
leaves: the basis is then completely labelled, a Nash equilibrium. Ties in the ratio test
are broken lexicographically (on the rows of the basis inverse, i.e. the slack columns),
which makes the path unique and finite in degenerate games as well (von Stengel 2002,
Section 3.5).

Floating point (default): compact tableaux (one column per nonbasic variable) updated by
a rank-one BLAS call limited to one thread, since a multithreaded update of a 200 x 200
tableau is slower than a single thread and collapses when the cores are shared. The
profile read from the final basis is recomputed from the original payoffs and certified
(no player gains more than ``1e-9`` of its payoff range by deviating); if the
certificate fails, the path is recomputed in exact integer arithmetic.

Exact (``exact=True``): integer pivoting on the full tableaux (every entry an integer,
divided exactly by the previous pivot; Edmonds 1967, Bareiss 1968), with the exact ratio
and lexicographic tests, and ``fractions.Fraction`` probabilities.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from fractions import Fraction
from math import lcm
from typing import Any

import numpy as np

from gamedyn._validation import check_positive_int
from gamedyn.equilibria.conditions import RTOL, _gains, check_game, normalized_payoffs
from gamedyn.games.bimatrix import BimatrixGame

__all__ = ["lemke_howson"]

#: pivots on entries below this fraction of their column's largest entry are refused
_PIVOT_TOL = 1e-12
#: ratios within this distance count as tied (the tableau is in normalized units, where
#: basic variables lie in [0, 1])
_TIE_TOL = 1e-11


_maximum = np.maximum.reduce  # the ufunc methods themselves: this loop runs per pivot
_count = np.add.reduce


class _NumericalFailure(Exception):
    """The floating-point path lost its way (no admissible pivot row, a singular or
    infeasible final basis)."""


# ------------------------------------------------------------------ floating point
def _float_pivot_row(tableau: np.ndarray, column: int, side: _Side, tie_tol: float) -> int:
    """Row of the lexicographic minimum-ratio test for the entering ``column``."""
    entering = tableau[:, column]
    top = _maximum(entering)
    if not top > 0.0:  # no admissible row: impossible for payoffs >= 1, so round-off
        raise _NumericalFailure
    ratio = side.ratio
    ratio.fill(np.inf)
    np.divide(tableau[:, -1], entering, out=ratio, where=entering > _PIVOT_TOL * top)
    row = int(ratio.argmin())
    ties = ratio <= ratio[row] + tie_tol
    if _count(ties) == 1:
        return row
    candidates = np.flatnonzero(ties)
    # break the tie lexicographically on the basis inverse, column by column
    for slack in side.slacks:
        key = side.inverse_column(slack, candidates) / entering[candidates]
        keep = key <= key.min() + tie_tol
        candidates = candidates[keep]
        if candidates.size == 1:
            break
    return int(candidates[0])


class _Side:
    """One compact tableau ``basic + T nonbasic = rhs`` and its bookkeeping."""

    def __init__(self, matrix: np.ndarray, row_labels: Iterable[int],
                 column_labels: Iterable[int]) -> None:
        self.tableau = np.asfortranarray(np.hstack([matrix, np.ones((matrix.shape[0], 1))]))
        self.basis = list(row_labels)  # label of the basic variable of each row
        self.nonbasic = list(column_labels)  # label of the variable of each column
        total = len(self.basis) + len(self.nonbasic)
        self.column_of = [-1] * total
        self.row_of = [-1] * total
        for row, label in enumerate(self.basis):
            self.row_of[label] = row
        for column, label in enumerate(self.nonbasic):
            self.column_of[label] = column
        self.slacks = list(row_labels)  # the initial basis: its inverse gives the keys
        self.ratio = np.empty(len(self.basis))  # the ratio test's buffer

    def inverse_column(self, slack: int, rows: np.ndarray) -> np.ndarray:
        """The basis inverse's column of the initial basic variable ``slack``, at ``rows``."""
        column = self.column_of[slack]
        if column >= 0:
            return self.tableau[rows, column]
        return (rows == self.row_of[slack]).astype(float)

    def pivot(self, label: int, dger: Callable[..., np.ndarray]) -> int:
        """Bring ``label`` into the basis; return the label that leaves."""
        tableau = self.tableau
        column = self.column_of[label]
        row = _float_pivot_row(tableau, column, self, _TIE_TOL)
        pivot = tableau[row, column]
        entering = tableau[:, column].copy()
        entering[row] = 0.0
        tableau[row] /= pivot
        dger(-1.0, entering, tableau[row], a=tableau, overwrite_a=True)
        tableau[:, column] = entering * (-1.0 / pivot)
        tableau[row, column] = 1.0 / pivot
        leaving = self.basis[row]
        self.basis[row] = label
        self.nonbasic[column] = leaving
        self.row_of[label], self.column_of[label] = row, -1
        self.row_of[leaving], self.column_of[leaving] = -1, column
        return leaving


def _max_pivots_error(max_pivots: int) -> ValueError:
    """The error for a path longer than the cap: the cap, not the game, is the problem."""
    return ValueError(
        f"`max_pivots` = {max_pivots} is too small: the Lemke-Howson path did not end "
        "within that many pivots; raise `max_pivots`, try another `initial_label`, or "
        "use all_nash for small games."
    )


def _float_path(A: np.ndarray, B: np.ndarray, initial_label: int, max_pivots: int
                ) -> tuple[list[int], list[int]]:
    """Labels of the final bases of both sides, by floating-point pivoting."""
    from scipy.linalg.blas import dger

    m, n = A.shape
    side_p = _Side(B.T, range(m, m + n), range(m))  # slacks s_j basic, x nonbasic
    side_q = _Side(A, range(m), range(m, m + n))  # slacks r_i basic, y nonbasic
    sides = (side_p, side_q)
    label = initial_label
    side = 0 if label < m else 1
    for _ in range(max_pivots):
        leaving = sides[side].pivot(label, dger)
        if leaving == initial_label:
            return side_p.basis, side_q.basis
        label = leaving
        side = 1 - side
    raise _max_pivots_error(max_pivots)


def _profile_from_bases(A: np.ndarray, B: np.ndarray, basis_p: list[int], basis_q: list[int]
                        ) -> tuple[np.ndarray, np.ndarray]:
    """Recompute ``(p, q)`` from the final bases with the original (normalized) payoffs.

    In the P-side basis the basic ``x_i`` form the support ``S`` and the nonbasic slacks
    the tight columns ``T`` (``|S| = |T|``); ``x_S`` solves ``B[S, T]^T x_S = 1``.
    Likewise ``y`` on the Q side. Everything else is exactly 0.
    """
    m, n = A.shape
    support_p = np.array(sorted(label for label in basis_p if label < m), dtype=int)
    tight_p = np.setdiff1d(np.arange(n), np.array(basis_p, dtype=int) - m)
    support_q = np.array(sorted(label - m for label in basis_q if label >= m), dtype=int)
    tight_q = np.setdiff1d(np.arange(m), np.array(basis_q, dtype=int))
    if support_p.size != tight_p.size or support_q.size != tight_q.size or not support_p.size:
        raise _NumericalFailure
    try:
        x = np.linalg.solve(B[np.ix_(support_p, tight_p)].T, np.ones(support_p.size))
        y = np.linalg.solve(A[np.ix_(tight_q, support_q)], np.ones(support_q.size))
    except np.linalg.LinAlgError:
        raise _NumericalFailure from None
    p = np.zeros(m)
    q = np.zeros(n)
    p[support_p] = x
    q[support_q] = y
    if p.min() < -RTOL * p.max() or q.min() < -RTOL * q.max() or p.sum() <= 0 or q.sum() <= 0:
        raise _NumericalFailure
    p[p <= RTOL * p.max()] = 0.0  # a basic variable at level 0: not in the support
    q[q <= RTOL * q.max()] = 0.0
    return p / p.sum(), q / q.sum()


# ------------------------------------------------------------------ exact
def _exact_normalized(game: BimatrixGame) -> tuple[np.ndarray, np.ndarray]:
    """Integer matrices proportional to the exact payoffs normalized to ``[1, 2]``."""
    def normalize(M: np.ndarray) -> np.ndarray:
        low, high = min(M.flat), max(M.flat)
        M = (M - low) / (high - low) + 1 if high != low else np.full(M.shape, Fraction(1))
        M = np.vectorize(Fraction, otypes=[object])(M)
        denominator = lcm(*(value.denominator for value in M.flat))  # a Python int
        return np.array([[value.numerator * (denominator // value.denominator)
                          for value in row] for row in M], dtype=object)

    A, B = game.exact_payoffs()
    return normalize(A), normalize(B)


def _exact_pivot_row(tableau: np.ndarray, column: int, slack: range) -> int:
    entering = tableau[:, column]
    candidates = [i for i in range(tableau.shape[0]) if entering[i] > 0]
    if not candidates:  # impossible for payoffs >= 1: the polytopes are bounded
        raise RuntimeError("exact Lemke-Howson: no pivot row (internal error).")

    def key(i: int, k: int) -> Fraction:
        value = tableau[i, -1] if k < 0 else tableau[i, k]
        return Fraction(value, entering[i])

    for k in [-1, *slack]:  # the ratio, then the basis inverse, column by column
        best = min(key(i, k) for i in candidates)
        candidates = [i for i in candidates if key(i, k) == best]
        if len(candidates) == 1:
            break
    return candidates[0]


def _exact_lemke_howson(game: BimatrixGame, initial_label: int, max_pivots: int
                        ) -> tuple[np.ndarray, np.ndarray]:
    A, B = _exact_normalized(game)
    m, n = A.shape
    # columns indexed by label, the last one the right-hand side. With B = D B_normalized
    # the solution x is that of the normalized game divided by D, which changes neither
    # the path (the ratio and lexicographic tests compare within one variable's units)
    # nor the normalized profile.
    tab_p = np.hstack([B.T, np.eye(n, dtype=int), np.ones((n, 1), dtype=int)]).astype(object)
    tab_q = np.hstack([np.eye(m, dtype=int), A, np.ones((m, 1), dtype=int)]).astype(object)
    sides: list[list[Any]] = [[tab_p, list(range(m, m + n)), range(m, m + n), 1],
             [tab_q, list(range(m)), range(m), 1]]
    label = initial_label
    side = 0 if label < m else 1
    for _ in range(max_pivots):
        tableau, basis, slack, previous = sides[side]
        row = _exact_pivot_row(tableau, label, slack)
        pivot = tableau[row, label]
        pivot_row = tableau[row].copy()
        tableau[:] = (pivot * tableau - np.outer(tableau[:, label], pivot_row)) // previous
        tableau[row] = pivot_row
        sides[side][3] = pivot
        leaving = basis[row]
        basis[row] = label
        if leaving == initial_label:
            break
        label = leaving
        side = 1 - side
    else:
        raise _max_pivots_error(max_pivots)
    (tab_p, basis_p, _, _), (tab_q, basis_q, _, _) = sides
    x = np.full(m, Fraction(0), dtype=object)
    y = np.full(n, Fraction(0), dtype=object)
    for row, label in enumerate(basis_p):
        if label < m:
            x[label] = Fraction(tab_p[row, -1])
    for row, label in enumerate(basis_q):
        if label >= m:
            y[label - m] = Fraction(tab_q[row, -1])
    return x / sum(x), y / sum(y)


# ------------------------------------------------------------------ entry point
def lemke_howson(
    game: BimatrixGame,
    initial_label: int = 0,
    *,
    exact: bool = False,
    max_pivots: int = 1_000_000,
) -> tuple[np.ndarray, np.ndarray]:
    """One Nash equilibrium ``(p, q)`` reached by dropping ``initial_label``.

    Both players maximize (``u1 = p A q``, ``u2 = p B q``). The path runs on the payoffs
    normalized to each player's range, so it is the same for ``(a A + b, c B + d)``
    (``a, c > 0``) at every scale. Ratios within ``1e-11`` (in normalized units, where
    the basic variables lie in ``[0, 1]``) count as tied and are broken by the
    lexicographic rule. The returned profile is certified: no player gains more than
    ``1e-9`` of its own payoff range by deviating; when the floating-point path fails
    this check it is redone in exact arithmetic, so a non-equilibrium is never returned.
    Strategies outside the support have probability exactly 0.

    Parameters
    ----------
    game : BimatrixGame
        An ``m x n`` game, degenerate or not.
    initial_label : int
        The label dropped first, in ``range(m + n)``: ``i < m`` is row ``i``,
        ``m + j`` is column ``j``. Different labels may reach different equilibria.
    exact : bool
        Pivot in exact integer arithmetic on the game's exact payoffs
        (:meth:`~gamedyn.games.BimatrixGame.exact_payoffs`) and return
        ``fractions.Fraction`` probabilities (object arrays). Slower; for small games.
    max_pivots : int
        Safety cap on the number of pivots; a path longer than it raises ``ValueError``
        (paths can be exponentially long, Savani & von Stengel 2006).

    Returns
    -------
    p : ndarray, shape (m,)
        Float, or object array of ``Fraction`` when ``exact``.
    q : ndarray, shape (n,)

    Raises
    ------
    TypeError
        If ``game`` is not a BimatrixGame or ``initial_label`` not an integer.
    ValueError
        If ``initial_label`` is outside ``range(m + n)``, ``max_pivots`` is below 1, or
        the path needs more than ``max_pivots`` pivots (then raise ``max_pivots`` or try
        another ``initial_label``).

    References
    ----------
    Lemke, C. E. & Howson, J. T. (1964). Equilibrium points of bimatrix games. *SIAM
    J. Appl. Math.* 12, 413-423. von Stengel, B. (2002), *Handbook of Game Theory* 3,
    ch. 45, Algorithm 3.5 and Section 3.5 (lexicographic degeneracy resolution).
    Bareiss, E. H. (1968). Sylvester's identity and multistep integer-preserving
    Gaussian elimination. *Math. Comp.* 22, 565-578 (integer pivoting).

    Examples
    --------
    >>> import gamedyn as gd
    >>> p, q = gd.equilibria.lemke_howson(gd.games.matching_pennies())
    >>> p.round(12).tolist(), q.round(12).tolist()
    ([0.5, 0.5], [0.5, 0.5])
    >>> p, q = gd.equilibria.lemke_howson(gd.games.battle_of_the_sexes(), 1, exact=True)
    >>> [str(v) for v in p], [str(v) for v in q]
    (['0', '1'], ['0', '1'])
    """
    game = check_game(game)
    m, n = game.shape
    if isinstance(initial_label, bool) or not isinstance(initial_label, (int, np.integer)):
        raise TypeError(f"`initial_label` must be an integer; got {initial_label!r}.")
    if not 0 <= initial_label < m + n:
        raise ValueError(
            f"`initial_label` must be in range(m + n) = range({m + n}); got {initial_label}."
        )
    if not isinstance(exact, (bool, np.bool_)):
        raise TypeError(f"`exact` must be True or False; got {exact!r}.")
    max_pivots = check_positive_int(max_pivots, "max_pivots")
    label = int(initial_label)
    if exact:
        return _exact_lemke_howson(game, label, max_pivots)
    A, B = normalized_payoffs(game)
    A, B = A + 1.0, B + 1.0
    try:
        if m * n >= 2500:  # big enough for BLAS threads: keep the rank-one update on one
            from scipy.linalg.blas import dger  # noqa: F401  (load scipy's BLAS first,
            from threadpoolctl import threadpool_limits  # or the limit misses it)

            with threadpool_limits(limits=1, user_api="blas"):
                basis_p, basis_q = _float_path(A, B, label, max_pivots)
        else:
            basis_p, basis_q = _float_path(A, B, label, max_pivots)
        p, q = _profile_from_bases(A, B, basis_p, basis_q)
        gain1, gain2 = _gains(A, B, p, q)  # normalized: gains are fractions of the range
        if max(gain1, gain2) <= RTOL:
            return p, q
    except _NumericalFailure:
        pass
    p, q = _exact_lemke_howson(game, label, max_pivots)
    return p.astype(float), q.astype(float)

