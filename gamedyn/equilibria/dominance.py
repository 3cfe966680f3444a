"""Iterated elimination of strictly dominated strategies in bimatrix games.

A pure strategy ``i`` of player 1 is *strictly dominated* if some mixed strategy
``sigma`` over the other rows does strictly better against every column still in play:
``sum_k sigma_k A[k, j] > A[i, j]`` for all ``j`` (for player 2 the same with ``B^T``).
With ``sigma`` pure this is dominance by a pure strategy; a strategy can be dominated by a
mixture and by no pure strategy (e.g. row ``(1, 1)`` against rows ``(3, 0)`` and
``(0, 3)``: the half-half mixture earns 3/2 everywhere). Strictly dominated strategies
are never played in any Nash equilibrium, and removing them, repeatedly and for both
players, leaves the set of equilibria unchanged; the result does not depend on the order
of removal (Osborne & Rubinstein 1994, Section 4.2; Gilboa, Kalai & Zemel 1990).

Dominance by a mixture is decided by the linear program (both players maximize)

    max eps  s.t.  sum_k sigma_k M[k, j] - M[i, j] >= eps  for all j,
                   sum_k sigma_k = 1,  sigma >= 0,

on payoffs normalized to ``[0, 1]`` by the player's payoff range, so the verdict does not
depend on the payoffs' scale; ``i`` is dominated iff ``eps > 0``. Every elimination is
then certified in exact arithmetic on the game's exact payoffs (the LP's ``sigma`` as
exact binary fractions must beat row ``i`` strictly in every column), so a strategy is
never removed on the strength of a rounding error. A domination whose LP margin is below
``1e-9`` of the payoff range is not detected.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, NamedTuple

import numpy as np

from gamedyn.equilibria.conditions import check_game
from gamedyn.games.bimatrix import BimatrixGame

__all__ = ["Elimination", "IteratedElimination", "iterated_elimination"]

_MARGIN = 1e-9  # LP margins at or below this (payoffs normalized to [0, 1]) do not count


class Elimination(NamedTuple):
    """One removed strategy: ``player`` (1 or 2), its ``strategy`` index in the original
    game, and the dominating mixed strategy ``dominator`` (Fractions, over the original
    game's strategies of that player; exactly one entry is 1 for pure dominance)."""

    player: int
    strategy: int
    dominator: np.ndarray


class IteratedElimination(NamedTuple):
    """Result of :func:`iterated_elimination`.

    Attributes
    ----------
    game : BimatrixGame
        The reduced game (exact payoffs kept), rows ``rows`` and columns ``cols``.
    rows, cols : ndarray of int
        Surviving strategies of player 1 and player 2, as indices of the original game.
    steps : tuple of Elimination
        Every removal in order, with its dominating strategy.

    Examples
    --------
    >>> import gamedyn as gd
    >>> result = gd.equilibria.iterated_elimination(gd.games.prisoners_dilemma())
    >>> result.rows.tolist(), result.cols.tolist()       # only Defect survives
    ([1], [1])
    """

    game: BimatrixGame
    rows: np.ndarray
    cols: np.ndarray
    steps: tuple[Elimination, ...]

    def explain(self) -> str:
        """One line per removal: who, which strategy, dominated by what.

        Returns
        -------
        str
            The removals in order, one per line.

        Examples
        --------
        >>> import gamedyn as gd
        >>> print(gd.equilibria.iterated_elimination(gd.games.prisoners_dilemma()).explain())
        player 1: strategy 0 is strictly dominated by strategy 1
        player 2: strategy 0 is strictly dominated by strategy 1
        """
        lines = []
        for step in self.steps:
            weights = {k: v for k, v in enumerate(step.dominator) if v != 0}
            what = (f"strategy {next(iter(weights))}" if len(weights) == 1 else
                    "mixture " + " + ".join(f"{v}*{k}" for k, v in weights.items()))
            lines.append(f"player {step.player}: strategy {step.strategy} is strictly "
                         f"dominated by {what}")
        return "\n".join(lines) if lines else "no strictly dominated strategy"


def _dominated(M_exact: np.ndarray, mixed: bool) -> list:
    """Strictly dominated rows of ``M`` (rows: the player's strategies; maximizer).

    Returns a list of ``(row, sigma)`` with ``sigma`` an exact certificate over the rows.
    """
    k = M_exact.shape[0]
    found = []
    normalized = _normalized(M_exact) if mixed and k >= 3 else None
    for i in range(k):
        others = [r for r in range(k) if r != i]
        if not others:
            break
        # pure dominance, exactly
        pure = next((r for r in others if all(M_exact[r] > M_exact[i])), None)
        if pure is not None:
            sigma = np.full(k, Fraction(0), dtype=object)
            sigma[pure] = Fraction(1)
            found.append((i, sigma))
            continue
        if mixed and len(others) >= 2:
            sigma = _mixed_dominator(M_exact, normalized, i, others)
            if sigma is not None:
                found.append((i, sigma))
    return found


def _normalized(M_exact: np.ndarray) -> np.ndarray | None:
    """The payoffs mapped exactly onto [0, 1], then rounded (None if all are equal).

    Made from the exact values: after a large shift the doubles of the payoffs can have
    lost the differences that decide dominance.
    """
    low, high = min(M_exact.flat), max(M_exact.flat)
    if not high > low:
        return None
    return ((M_exact - low) / (high - low)).astype(np.float64)


def _mixed_dominator(M_exact: np.ndarray, M: np.ndarray | None, i: int, others: list[int]
                     ) -> Any:
    """An exact mixture of ``others`` beating row ``i`` strictly everywhere, or None."""
    from scipy.optimize import linprog

    if M is None:
        return None
    rows = M[others]  # (r, n)
    r, n = rows.shape
    cost = np.zeros(r + 1)
    cost[-1] = -1.0  # maximize eps
    a_ub = np.hstack([-rows.T, np.ones((n, 1))])  # eps - sigma . M[:, j] <= -M[i, j]
    result = linprog(cost, A_ub=a_ub, b_ub=-M[i], A_eq=[[1.0] * r + [0.0]], b_eq=[1.0],
                     bounds=[(0, None)] * r + [(None, None)], method="highs")
    if not result.success or result.x[-1] <= _MARGIN:
        return None
    weights = np.maximum(result.x[:r], 0.0)
    # the simplest certificate first: small denominators, then the LP's doubles exactly
    candidates = [[Fraction(float(w)).limit_denominator(bound) for w in weights]
                  for bound in (12, 1000, 10**6)]
    candidates.append([Fraction(float(w)) for w in weights])
    for exact in candidates:
        total = sum(exact)
        if total <= 0:
            continue
        sigma = np.full(M_exact.shape[0], Fraction(0), dtype=object)
        for row, w in zip(others, exact):
            sigma[row] = w / total
        if all(sigma.dot(M_exact) > M_exact[i]):  # exact certificate
            return sigma
    return None


def iterated_elimination(game: BimatrixGame, mixed: bool = True) -> IteratedElimination:
    """Remove strictly dominated strategies of both players until none is left.

    Parameters
    ----------
    game : BimatrixGame
        Both players maximize; player 1 picks rows of ``A``, player 2 columns of ``B``.
    mixed : bool
        If True (default), a strategy is also removed when a *mixture* of the player's
        other strategies dominates it (decided by a linear program, certified exactly);
        if False, only dominance by a pure strategy counts.

    Returns
    -------
    IteratedElimination
        ``(game, rows, cols, steps)``: the reduced game, the surviving indices of both
        players in the original game, and every removal with its dominator.
        ``.explain()`` says what was removed and why.

    Raises
    ------
    TypeError
        If ``game`` is not a BimatrixGame or ``mixed`` is not a bool.

    Notes
    -----
    Each round removes every strategy of a player that is strictly dominated in the
    current reduced game (player 1 first, then player 2), until a round removes nothing.
    Strict dominance is invariant under positive affine maps of a player's payoffs and
    under relabelling strategies, and so is the result. Nash equilibria of the reduced
    game, padded with zeros, are exactly the equilibria of the original game.

    References
    ----------
    Osborne, M. J. & Rubinstein, A. (1994). *A Course in Game Theory*, Section 4.2.
    Gilboa, I., Kalai, E. & Zemel, E. (1990). On the order of eliminating dominated
    strategies. *Operations Research Letters* 9, 85-89.

    Examples
    --------
    Row 2 is dominated by no pure row, but by the half-half mixture of rows 0 and 1:

    >>> import gamedyn as gd
    >>> g = gd.BimatrixGame([[3, 0], [0, 3], [1, 1]], [[1, 0], [0, 1], [1, 1]])
    >>> result = gd.equilibria.iterated_elimination(g)
    >>> result.rows.tolist(), result.cols.tolist()
    ([0, 1], [0, 1])
    >>> print(result.explain())
    player 1: strategy 2 is strictly dominated by mixture 1/2*0 + 1/2*1
    >>> gd.equilibria.iterated_elimination(g, mixed=False).rows.tolist()
    [0, 1, 2]
    """
    game = check_game(game)
    if not isinstance(mixed, (bool, np.bool_)):
        raise TypeError(f"`mixed` must be True or False; got {mixed!r}.")
    A_exact, B_exact = game.exact_payoffs()
    rows = list(range(game.shape[0]))
    cols = list(range(game.shape[1]))
    steps: list[Elimination] = []
    changed = True
    while changed:
        changed = False
        for player in (1, 2):
            if player == 1:
                M_exact, alive = A_exact[np.ix_(rows, cols)], rows
            else:
                M_exact, alive = B_exact[np.ix_(rows, cols)].T, cols
            removed = _dominated(M_exact, bool(mixed))
            if not removed:
                continue
            size = game.shape[player - 1]
            for index, sigma in removed:
                full = np.full(size, Fraction(0), dtype=object)
                full[alive] = sigma
                steps.append(Elimination(player, alive[index], full))
            gone = {alive[index] for index, _ in removed}
            alive[:] = [s for s in alive if s not in gone]
            changed = True
    A, B = (A_exact, B_exact) if game.has_exact_payoffs else (game.A, game.B)
    reduced = BimatrixGame(
        A[np.ix_(rows, cols)], B[np.ix_(rows, cols)],
        name=f"{game.name} (dominated strategies removed)",
        row_labels=[game.row_labels[r] for r in rows],
        col_labels=[game.col_labels[c] for c in cols],
    )
    return IteratedElimination(reduced, np.array(rows), np.array(cols), tuple(steps))
