"""Value and optimal strategies of zero-sum games by linear programming."""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from gamedyn.equilibria.conditions import RTOL, _normalized_player, check_game
from gamedyn.games.bimatrix import BimatrixGame

__all__ = ["ZeroSumSolution", "zero_sum"]


class ZeroSumSolution(NamedTuple):
    """Value (to the row player) and a pair of optimal (max-min) strategies.

    Parameters
    ----------
    value : float or Fraction
        The game's value to the row player (payoff units).
    p : ndarray, shape (m,)
        A max-min strategy of the row player.
    q : ndarray, shape (n,)
        A min-max strategy of the column player.

    Examples
    --------
    >>> import gamedyn as gd
    >>> gd.equilibria.zero_sum(gd.games.matching_pennies())
    ZeroSumSolution(value=0.0, p=array([0.5, 0.5]), q=array([0.5, 0.5]))
    """

    value: float
    p: np.ndarray
    q: np.ndarray


def _maxmin(M: np.ndarray) -> tuple[float, np.ndarray]:
    """``max_p min_j (p M)_j`` and its maximizer, as the LP
    ``max v  s.t.  M^T p >= v 1, sum p = 1, p >= 0`` (``M`` normalized to ``[0, 1]``)."""
    from scipy.optimize import linprog

    m, n = M.shape
    cost = np.zeros(m + 1)
    cost[-1] = -1.0
    a_ub = np.hstack([-M.T, np.ones((n, 1))])
    a_eq = np.concatenate([np.ones(m), [0.0]])[None, :]
    bounds = [(0, None)] * m + [(None, None)]
    result = linprog(cost, A_ub=a_ub, b_ub=np.zeros(n), A_eq=a_eq, b_eq=[1.0],
                     bounds=bounds, method="highs")
    if not result.success:  # cannot happen for a finite matrix game; keep the message
        raise RuntimeError(f"linear program failed: {result.message}")
    p = np.maximum(result.x[:m], 0.0)
    p[p <= RTOL * p.max()] = 0.0  # round-off outside the support: exactly 0
    return float(result.x[-1]), p / p.sum()


def zero_sum(game: BimatrixGame, exact: bool = False) -> ZeroSumSolution:
    """Solve a zero-sum (or strictly competitive) game by linear programming (HiGHS).

    The row player maximizes ``p A q`` and the column player minimizes it. By the
    minimax theorem ``max_p min_q p A q = min_q max_p p A q``, the game's value; ``p``
    solves ``max v s.t. A^T p >= v, sum p = 1, p >= 0`` and ``q`` the mirror problem on
    ``-A^T``. The programs are solved on ``A`` normalized to ``[0, 1]`` (``(A - min A) /
    (max A - min A)``), so the strategies do not depend on the payoffs' scale and the
    value is mapped back: ``value = min A + (max A - min A) * v``. Probabilities below
    ``1e-9`` of the largest one are round-off and set to exactly 0.

    Parameters
    ----------
    game : BimatrixGame
        ``B = -A``, ``B = c - A`` (constant-sum) or any negative affine image of ``A``,
        ``B = d - c A`` with ``c > 0``, up to ``1e-9`` of ``B``'s range.
    exact : bool
        If True, the value and strategies are :class:`fractions.Fraction` (object
        arrays), computed from the game's exact payoffs and certified by the exact
        best-response conditions (:func:`gamedyn.equilibria.exact.zero_sum_exact`).

    Returns
    -------
    ZeroSumSolution
        ``value`` (row player's payoff units), ``p`` (shape ``(m,)``), ``q`` (``(n,)``).

    Raises
    ------
    TypeError
        If ``game`` is not a BimatrixGame.
    ValueError
        If ``B`` is not a negative affine image of ``A`` (the game is not strictly
        competitive).

    References
    ----------
    von Neumann, J. (1928). Zur Theorie der Gesellschaftsspiele. *Math. Annalen* 100.
    Dantzig, G. B. (1951). A proof of the equivalence of the programming problem and the
    game problem. In *Activity Analysis of Production and Allocation*.

    Examples
    --------
    >>> import gamedyn as gd
    >>> solution = gd.equilibria.zero_sum(gd.BimatrixGame([[3, -1], [-2, 4]]))
    >>> round(solution.value, 12), solution.p.round(12).tolist()
    (1.0, [0.6, 0.4])
    """
    if exact is not False:
        from gamedyn.equilibria.exact import zero_sum_exact

        return zero_sum_exact(game, exact)
    game = check_game(game)
    A, spread = _normalized_player(game, 0)
    B, _ = _normalized_player(game, 1)
    if not np.all(np.abs(A + B - 1.0) <= RTOL) and not (spread == 0.0 and np.all(B == 0)):
        raise ValueError(
            "`game` must be zero-sum (B = -A), constant-sum (A + B constant) or a "
            "positive affine map of one; use all_nash or lemke_howson for general games."
        )
    value, p = _maxmin(A)
    _, q = _maxmin(-A.T)
    low = float(game.A.min())
    if np.isinf(spread):  # range beyond float64 (e.g. +-1e308): map back in halves
        half_low = low / 2.0
        value = 2.0 * (half_low + (float(game.A.max()) / 2.0 - half_low) * value)
    elif spread:
        value = low + spread * value
    else:
        value = low
    return ZeroSumSolution(value + 0.0, p, q)
