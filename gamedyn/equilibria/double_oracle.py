"""The double oracle method for zero-sum bimatrix games (McMahan, Gordon & Blum 2003)."""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from gamedyn._status import Status
from gamedyn._validation import check_nonnegative, check_positive_int, readonly
from gamedyn.equilibria.conditions import check_game
from gamedyn.games.bimatrix import BimatrixGame

__all__ = ["DoubleOracleResult", "double_oracle"]


class DoubleOracleResult(NamedTuple):
    """The outcome of :func:`double_oracle`.

    ``p``, ``q``: the final mixed strategies (full length ``m``, ``n``); ``value``: the
    restricted game's value to player 1; ``exploitability``: the NashConv of
    ``(p, q)`` after each iteration (``max_i (A q)_i - min_j (p A)_j``, payoff units);
    ``rows``, ``cols``: the strategies added, in order (the supports grow from the first
    ones); ``status``: ``CONVERGED`` (exploitability at most ``tol`` times the payoff
    range, or no best response left to add) or ``RUNNING`` (``max_iterations`` used up).

    Parameters
    ----------
    p : ndarray, shape (m,)
        Player 1's final mixed strategy.
    q : ndarray, shape (n,)
        Player 2's final mixed strategy.
    value : float
        The restricted game's value to player 1 (payoff units).
    exploitability : ndarray, shape (iterations,)
        NashConv of ``(p, q)`` after each iteration (payoff units).
    rows : tuple of int
        Player 1's strategies added, in order.
    cols : tuple of int
        Player 2's strategies added, in order.
    status : Status
        ``CONVERGED`` or ``RUNNING``.

    Examples
    --------
    >>> import gamedyn as gd
    >>> result = gd.equilibria.double_oracle(gd.games.rock_paper_scissors())
    >>> result.p.round(6).tolist(), str(result.status), result.rows
    ([0.333333, 0.333333, 0.333333], 'converged', (0, 1, 2))
    """

    p: np.ndarray
    q: np.ndarray
    value: float
    exploitability: np.ndarray
    rows: tuple[int, ...]
    cols: tuple[int, ...]
    status: Status

    @property
    def success(self) -> bool:
        """Whether the run converged (``status`` is ``CONVERGED``)."""
        return self.status == Status.CONVERGED


def double_oracle(game: BimatrixGame, *, tol: float = 1e-9, max_iterations: int = 1000,
                  start: tuple[int, int] = (0, 0)) -> DoubleOracleResult:
    """Solve a zero-sum game by growing both players' strategy sets with best responses.

    Each iteration solves the restricted game on the strategies found so far
    (:func:`zero_sum`, an LP), then adds each player's pure best response against the
    other's restricted equilibrium strategy. It stops when the restricted equilibrium,
    extended by zeros, has exploitability (NashConv) at most ``tol`` times the payoff
    range: then it is an equilibrium of the whole game up to that gap. Used on the
    finite games of GAN mixtures (:func:`gamedyn.gan.finite_game`) it trains a mixture of
    generators against a mixture of discriminators, as the Parallel Nash Memory of
    Oliehoek et al. (2018). Player 1 (rows) maximizes ``p A q``; the game must be
    zero-sum (``B = -A``).

    Parameters
    ----------
    game : BimatrixGame
        A zero-sum game.
    tol : float
        Stop when the exploitability is at most ``tol * (max A - min A)``.
    max_iterations : int
        At most this many restricted games are solved.
    start : pair of int
        The first row and column.

    Returns
    -------
    DoubleOracleResult

    Raises
    ------
    TypeError
        If ``game`` is not a BimatrixGame.
    ValueError
        If the game is not zero-sum, or ``tol``, ``max_iterations`` or ``start`` is bad.

    References
    ----------
    McMahan, H. B., Gordon, G. J. & Blum, A. (2003). Planning in the presence of cost
    functions controlled by an adversary. ICML. Oliehoek, F. A., Savani, R., Gallego, J.,
    van der Pol, E. & Gross, R. (2018). Beyond local Nash equilibria for adversarial
    networks. BNAIC, arXiv:1806.07268.

    Examples
    --------
    >>> import gamedyn as gd
    >>> result = gd.equilibria.double_oracle(gd.games.rock_paper_scissors())
    >>> result.p.round(6).tolist(), float(result.exploitability[-1]) < 1e-9
    ([0.333333, 0.333333, 0.333333], True)
    """
    from gamedyn.equilibria.zero_sum import zero_sum

    game = check_game(game)
    tol = check_nonnegative(tol, "tol")
    max_iterations = check_positive_int(max_iterations, "max_iterations")
    m, n = game.shape
    if not (isinstance(start, (tuple, list)) and len(start) == 2
            and all(isinstance(i, (int, np.integer)) and not isinstance(i, bool)
                    for i in start) and 0 <= start[0] < m and 0 <= start[1] < n):
        raise ValueError(f"`start` must be a pair (row, column) of indices below {(m, n)}; "
                         f"got {start!r}.")
    if not game.is_zero_sum:
        raise ValueError("`game` must be zero-sum (B = -A) for the double oracle.")
    A = game.A
    spread = float(A.max() - A.min())
    rows, cols = [int(start[0])], [int(start[1])]
    history = []
    status = Status.RUNNING
    p, q = np.zeros(m), np.zeros(n)  # set by every iteration (max_iterations >= 1)
    value = 0.0
    for _ in range(max_iterations):
        restricted = zero_sum(BimatrixGame(A[np.ix_(rows, cols)]))
        p, q = np.zeros(m), np.zeros(n)
        p[rows], q[cols] = restricted.p, restricted.q
        value = float(restricted.value)
        row_values, col_values = A @ q, p @ A
        gap = float(row_values.max() - col_values.min())
        history.append(max(gap, 0.0))
        best_row, best_col = int(np.argmax(row_values)), int(np.argmin(col_values))
        new_row, new_col = best_row not in rows, best_col not in cols
        if gap <= tol * spread or not (new_row or new_col):
            status = Status.CONVERGED
            break
        if new_row:
            rows.append(best_row)
        if new_col:
            cols.append(best_col)
    return DoubleOracleResult(readonly(p), readonly(q), value,
                              readonly(np.array(history)), tuple(rows), tuple(cols), status)
