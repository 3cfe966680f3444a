"""Logit quantal response equilibria of bimatrix games (McKelvey & Palfrey 1995)."""

from __future__ import annotations

from typing import Any

import numpy as np

from gamedyn._validation import check_nonnegative, check_positive, check_probability_vectors
from gamedyn.equilibria.conditions import check_game
from gamedyn.games.bimatrix import BimatrixGame

__all__ = ["quantal_response_equilibrium"]

#: starting points: ``near`` moved this fraction of the way to the uniform strategies
_SHRINKS = (1e-6, 1e-3, 1e-2, 1e-1)
#: rounds of the damped logit map ``z <- 0.95 z + 0.05 softmax(...)`` tried last
_DAMPED_ROUNDS = 3000


def _softmax(x: np.ndarray) -> np.ndarray:
    weights = np.exp(x - x.max())
    return weights / weights.sum()


def _centered(M: np.ndarray, axis: int) -> np.ndarray:
    """``M`` minus its maximum along ``axis`` (a constant per column of ``A`` or row of
    ``B``, which no softmax sees), halved first when the difference would overflow."""
    with np.errstate(over="ignore", invalid="ignore"):
        out = M - M.max(axis=axis, keepdims=True)
    if np.all(np.isfinite(out)):
        return out
    return M / 2.0 - (M / 2.0).max(axis=axis, keepdims=True)


def quantal_response_equilibrium(
    game: BimatrixGame,
    temperature: float = 1.0,
    *,
    near: Any = None,
    tol: float = 1e-12,
) -> tuple[np.ndarray, np.ndarray]:
    """A logit quantal response equilibrium ``(p, q)`` at ``temperature``.

    Both players maximize (``u1 = p A q``, ``u2 = p B q``). The logit QRE solves

        ``p = softmax(A q / T)``,    ``q = softmax(B^T p / T)``,

    the rest points of :class:`gamedyn.dynamics.LogitResponse` at the same temperature
    ``T``. Each player answers the other's mixed strategy with a smoothed best response;
    as ``T -> 0`` QREs approach Nash equilibria, as ``T -> inf`` the uniform strategies.
    The equations are solved by Powell's hybrid method (``scipy.optimize.root``) in
    log-odds coordinates ``u_i = log(p_i / p_m)``, where they read
    ``u = ((A q)_i - (A q)_m) / T`` (likewise for ``q``), on payoffs divided by ``T``
    and with each column of ``A`` (row of ``B``) shifted to maximum 0, so the answer is
    the same for ``(c A, c B, c T)``, ``c > 0``, and for payoffs shifted per opponent
    strategy. Every answer is checked: both equations hold within ``tol``.

    Without ``near`` the answer is on the principal branch, the one that starts at the
    uniform strategies at infinite temperature (McKelvey & Palfrey 1995, Section 3),
    followed from the unique QRE at a temperature 100 times the payoff range down to
    ``T``, the temperature divided by at most ``10**0.05`` per step. With
    ``near = (p0, q0)`` (a Nash equilibrium, say), the root is sought from ``(p0, q0)``
    moved ``1e-6``, ``1e-3``, ``1e-2`` and ``0.1`` of the way to the uniform strategies,
    and, if none converges, from where 3000 damped rounds
    ``z <- 0.95 z + 0.05 softmax(...)`` lead; the QRE found nearest ``(p0, q0)``
    (maximum norm) is returned.

    Parameters
    ----------
    game : BimatrixGame
        An ``m x n`` game.
    temperature : float
        ``T > 0``, in payoff units: the payoff difference that changes the odds of two
        strategies by a factor ``e``. The convention of
        :class:`gamedyn.dynamics.LogitResponse`.
    near : tuple of array_like, optional
        ``(p0, q0)``, shapes ``(m,)`` and ``(n,)``, mixed strategies: the QRE nearest
        them among those found is returned.
    tol : float
        Largest accepted violation of the two equations (probabilities, ``>= 0``).

    Returns
    -------
    p : ndarray, shape (m,)
        Player 1's QRE strategy (every entry positive).
    q : ndarray, shape (n,)
        Player 2's.

    Raises
    ------
    TypeError
        If ``game`` is not a BimatrixGame, or ``temperature`` or ``tol`` not a number.
    ValueError
        If ``temperature`` is not positive and finite, ``tol`` is negative or not
        finite, ``near`` is not a pair of mixed strategies of the game's shape; or if no
        QRE is found (the message names ``temperature``: too small for the payoffs'
        size, or the principal branch folds back before reaching it).

    References
    ----------
    McKelvey, R. D. & Palfrey, T. R. (1995). Quantal response equilibria for normal
    form games. *Games and Economic Behavior* 10(1), 6-38 (the logit QRE and the
    branch of its graph from the centroid, Section 3). Powell, M. J. D. (1970). A
    hybrid method for nonlinear equations. In *Numerical Methods for Nonlinear
    Algebraic Equations*.

    Examples
    --------
    >>> import gamedyn as gd
    >>> p, q = gd.equilibria.quantal_response_equilibrium(gd.games.matching_pennies(), 0.5)
    >>> p.round(12).tolist(), q.round(12).tolist()
    ([0.5, 0.5], [0.5, 0.5])
    >>> game = gd.games.stag_hunt()
    >>> p, q = gd.equilibria.quantal_response_equilibrium(game, 0.1, near=([1, 0], [1, 0]))
    >>> bool(p[0] > 0.99 and q[0] > 0.99)
    True
    """
    game = check_game(game)
    temperature = check_positive(temperature, "temperature")
    tol = check_nonnegative(tol, "tol")
    m, n = game.shape
    start = None
    if near is not None:
        if not isinstance(near, (tuple, list)) or len(near) != 2:
            raise ValueError("`near` must be a pair (p, q) of mixed strategies; got "
                             f"{type(near).__name__}.")
        p0 = check_probability_vectors(near[0], "near", m)
        q0 = check_probability_vectors(near[1], "near", n)
        if p0.ndim != 1 or q0.ndim != 1:
            raise ValueError(f"`near` must be one pair of strategies, shapes ({m},) and "
                             f"({n},); got shapes {p0.shape} and {q0.shape}.")
        start = np.concatenate([p0, q0])
    with np.errstate(over="ignore", under="ignore"):
        A = _centered(game.A, 0) / temperature
        B = _centered(game.B, 1) / temperature
    if not (np.all(np.isfinite(A)) and np.all(np.isfinite(B))):
        raise ValueError(f"`temperature` {temperature:g} is too small for payoffs of this "
                         "size: payoff / temperature overflows.")
    solver = _Solver(A, B, tol)
    found = solver.principal() if start is None else solver.near(start)
    if found is None:
        where = "" if start is None else " near `near`"
        raise ValueError(f"no quantal response equilibrium found{where} at `temperature` "
                         f"{temperature:g}; try a larger temperature or another start.")
    return found[:m], found[m:]


class _FixedPoints:
    """Fixed points of a map ``F`` of strategy pairs ``concat(p, q)`` (shapes (m,), (n,)),
    solved in log-odds coordinates ``u = log(z_i / z_last)`` per player by Powell's hybrid
    method; a solution counts when ``max |F(z) - z| <= tol``. Subclasses give
    :meth:`response` (``F``, with payoffs times ``scale`` where that applies)."""

    def __init__(self, m: int, n: int, tol: float) -> None:
        self.m, self.n, self.tol = m, n, tol

    def strategies(self, u: np.ndarray) -> np.ndarray:
        m = self.m
        return np.concatenate([_softmax(np.append(u[:m - 1], 0.0)),
                               _softmax(np.append(u[m - 1:], 0.0))])

    def log_odds(self, z: np.ndarray) -> np.ndarray:
        m = self.m
        logs = np.log(np.maximum(z, np.finfo(float).tiny))
        return np.concatenate([logs[:m - 1] - logs[m - 1], logs[m:-1] - logs[-1]])

    def response(self, z: np.ndarray, scale: float = 1.0) -> np.ndarray:
        raise NotImplementedError

    def residual(self, u: np.ndarray, scale: float) -> np.ndarray:
        z = self.strategies(u)
        return self.log_odds(self.response(z, scale)) - self.log_odds(z)

    def solve(self, z: np.ndarray, scale: float = 1.0) -> np.ndarray | None:
        """The root from ``z`` at payoffs times ``scale``, if it passes the check."""
        from scipy.optimize import root

        with np.errstate(all="ignore"):
            solution = root(self.residual, self.log_odds(z), args=(scale,), method="hybr",
                            options={"xtol": 1e-14})
            if not np.all(np.isfinite(solution.x)):
                return None
            z = self.strategies(solution.x)
            gap = np.abs(self.response(z, scale) - z).max()
        return z if np.isfinite(gap) and gap <= self.tol else None

    def near(self, start: np.ndarray) -> np.ndarray | None:
        """The fixed point nearest ``start`` among those found from ``start`` moved
        :data:`_SHRINKS` of the way to the uniform strategies, or, if none is found
        there, from where :data:`_DAMPED_ROUNDS` damped rounds
        ``z <- 0.95 z + 0.05 F(z)`` (the same fixed points) lead."""
        uniform = np.concatenate([np.full(self.m, 1 / self.m), np.full(self.n, 1 / self.n)])
        found = []
        for shrink in _SHRINKS:
            z = self.solve((1 - shrink) * start + shrink * uniform)
            if z is not None:
                found.append(z)
        if not found:
            z = start
            for _ in range(_DAMPED_ROUNDS):
                z = 0.95 * z + 0.05 * self.response(z)
            z = self.solve(z)
            if z is not None:
                found.append(z)
        if not found:
            return None
        return min(found, key=lambda z: float(np.abs(z - start).max()))


class _Solver(_FixedPoints):
    """The QRE equations of payoffs already divided by the temperature."""

    def __init__(self, A: np.ndarray, B: np.ndarray, tol: float) -> None:
        m, n = A.shape
        super().__init__(m, n, tol)
        self.A, self.B = A, B

    def logits(self, z: np.ndarray, scale: float) -> tuple[np.ndarray, np.ndarray]:
        m = self.m
        return scale * (self.A @ z[m:]), scale * (z[:m] @ self.B)

    def residual(self, u: np.ndarray, scale: float) -> np.ndarray:
        row, col = self.logits(self.strategies(u), scale)
        return u - np.concatenate([row[:-1] - row[-1], col[:-1] - col[-1]])

    def response(self, z: np.ndarray, scale: float = 1.0) -> np.ndarray:
        row, col = self.logits(z, scale)
        return np.concatenate([_softmax(row), _softmax(col)])

    def principal(self) -> np.ndarray | None:
        """Follow the branch from the uniform strategies at a high temperature."""
        spread = max(float(np.ptp(self.A)), float(np.ptp(self.B)))
        z = np.concatenate([np.full(self.m, 1 / self.m), np.full(self.n, 1 / self.n)])
        if spread == 0.0:
            return z
        scale = min(1.0, 0.01 / spread)
        step = 10 ** 0.05
        while True:
            found = self.solve(z, scale)
            if found is None:
                return None
            if scale == 1.0:
                return found
            z, scale = found, min(1.0, scale * step)
