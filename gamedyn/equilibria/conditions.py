"""Equilibrium conditions: the gain from a unilateral deviation and the Nash test.

A profile ``(p, q)`` is a Nash equilibrium of the bimatrix game ``(A, B)`` (both players
maximize) iff no pure deviation pays:

    max_i (A q)_i <= p @ A @ q    and    max_j (p @ B)_j <= p @ B @ q.

Equilibria do not change under a positive affine map of either player's payoffs
(``a A + b``, ``c B + d`` with ``a, c > 0``), so every routine of this package works on
the payoffs normalized to each player's range (:func:`normalized_payoffs`), and every
tolerance is a fraction of that range.
"""

from __future__ import annotations

from numbers import Rational
from typing import Any

import numpy as np

from gamedyn._validation import check_bool, check_nonnegative
from gamedyn.games.bimatrix import BimatrixGame

__all__ = ["nash_gap", "is_nash", "check_game", "normalized_payoffs", "RTOL"]

#: Default tolerance of the package, as a fraction of a player's payoff range
#: ``max(A) - min(A)``: two payoffs closer than ``RTOL`` times the range count as a tie.
RTOL = 1e-9


def check_game(game: Any, name: str = "game") -> BimatrixGame:
    """Raise ``TypeError`` unless ``game`` is a :class:`~gamedyn.games.BimatrixGame`."""
    if not isinstance(game, BimatrixGame):
        raise TypeError(
            f"`{name}` must be a gamedyn BimatrixGame; got {type(game).__name__}. "
            "Build one with gd.BimatrixGame(A, B)."
        )
    return game


def _normalized(M: np.ndarray) -> tuple[np.ndarray, float]:
    """``(M - min M) / spread`` and ``spread = max M - min M``; the spread is ``inf``
    when it exceeds the float range (e.g. -1e308 and 1e308), the matrix is still
    normalized then (halved first), and no overflow warning is raised."""
    low = M.min()
    with np.errstate(over="ignore"):
        spread = float(M.max() - low)
    if spread == 0.0:  # a player indifferent everywhere: any profile is a best reply
        return np.zeros_like(M), 0.0
    if not np.isfinite(spread):  # e.g. -1e308 and 1e308: halve first, then subtract
        half = M / 2.0
        low = half.min()
        half_spread = float(half.max() - low)
        return (half - low) / half_spread, np.inf
    return (M - low) / spread, spread


def normalized_payoffs(game: BimatrixGame) -> tuple[np.ndarray, np.ndarray]:
    """Return each player's payoffs mapped affinely onto ``[0, 1]``.

    That is ``(A - min A) / (max A - min A)``, and the same for ``B`` (a constant matrix
    becomes 0).

    This positive affine map changes no best reply and no equilibrium, so algorithms run
    on these matrices are invariant under ``A -> a A + b``, ``B -> c B + d`` (``a, c >
    0``) up to rounding, and an absolute tolerance on them is relative to the ranges.
    Payoffs given exactly (Fractions, number strings, integers beyond ``2**53``) are
    normalized in rational arithmetic and rounded once, so ``Fraction(1, 10**400) * A``
    normalizes like ``A`` although its float copy is 0.

    Parameters
    ----------
    game : BimatrixGame
        The game (both players maximize).

    Returns
    -------
    A : ndarray, shape (m, n)
        Player 1's normalized payoffs, entries in ``[0, 1]``: minimum 0 and maximum 1
        unless the original matrix is constant.
    B : ndarray, shape (m, n)
        Player 2's, likewise.

    References
    ----------
    von Neumann, J. & Morgenstern, O. (1944). *Theory of Games and Economic Behavior*,
    Section 3.5 (utilities are defined up to a positive affine map). Nash, J. (1951).
    Non-cooperative games. Annals of Mathematics 54(2), 286-295.

    Examples
    --------
    >>> import gamedyn as gd
    >>> A, B = gd.equilibria.normalized_payoffs(gd.games.prisoners_dilemma())
    >>> A.tolist()
    [[0.6, 0.0], [1.0, 0.2]]
    """
    game = check_game(game)
    return _normalized_player(game, 0)[0], _normalized_player(game, 1)[0]


def _normalized_player(game: BimatrixGame, player: int) -> tuple[np.ndarray, float]:
    """``_normalized`` of player ``player``'s payoffs (0: ``A``, 1: ``B``). Payoffs given
    exactly (Fractions, strings, big integers) are normalized in rational arithmetic
    and rounded afterwards, so the normalized game is the same at every scale even where
    the float copy has lost the payoffs (``Fraction(1, 10**400)`` rounds to 0.0, and
    ``1 + Fraction(1, 10**30)`` to 1.0)."""
    M = game.A if player == 0 else game.B
    exact = game._exact_A if player == 0 else game._exact_B
    if exact is None:  # the float matrix is the game itself
        return _normalized(M)
    low, high = min(exact.flat), max(exact.flat)
    if low == high:
        return np.zeros(M.shape), 0.0
    spread = high - low
    normalized = np.array([float((v - low) / spread) for v in exact.flat]).reshape(M.shape)
    try:
        return normalized, float(spread)
    except OverflowError:  # a range beyond float64
        return normalized, np.inf


def _rationals_as_floats(value: Any) -> Any:
    """Exact strategies (object arrays or lists of Fractions, as exact modes return) as
    floats; anything else unchanged, for the usual validation."""
    if isinstance(value, (str, bytes)):
        return value
    try:
        array = np.asarray(value)
    except ValueError:  # ragged: let the validation say so
        return value
    if array.dtype == object and array.size and all(
            isinstance(v, Rational) and not isinstance(v, bool) for v in array.flat):
        return array.astype(float)
    return value


def _gains(A: np.ndarray, B: np.ndarray, p: np.ndarray, q: np.ndarray
           ) -> tuple[np.ndarray, np.ndarray]:
    """Each player's best gain from a pure deviation, batched; never below 0."""
    row_values = q @ A.T  # (A q)_i
    col_values = p @ B  # (p B)_j
    with np.errstate(over="ignore"):  # gains beyond the float range are inf, honestly
        gain1 = row_values.max(axis=-1) - np.sum(p * row_values, axis=-1)
        gain2 = col_values.max(axis=-1) - np.sum(col_values * q, axis=-1)
    return np.maximum(gain1, 0.0), np.maximum(gain2, 0.0)


def nash_gap(game: BimatrixGame, p: Any, q: Any, *, relative: bool = False
             ) -> np.ndarray | float:
    """The largest gain either player gets from a unilateral deviation.

    In payoff units (default), ``max(max_i (A q)_i - p A q, max_j (p B)_j - p B q)``:
    zero exactly at Nash equilibria, positive elsewhere. With ``relative=True`` each
    player's gain is divided by that player's payoff range (``max A - min A``, resp.
    ``B``; a player with constant payoffs never gains), which makes the gap a number in
    ``[0, 1]`` that no positive affine map of the payoffs changes.

    Parameters
    ----------
    game : BimatrixGame
        The game (both players maximize).
    p : array_like, shape (*batch, m)
        Row player's mixed strategies (on the simplex); floats, or ``Fraction`` object
        arrays as the exact modes return (evaluated in floating point).
    q : array_like, shape (*batch, n)
        Column player's mixed strategies; batch shapes broadcast.
    relative : bool
        Gains as fractions of each player's payoff range instead of payoff units.

    Returns
    -------
    float or ndarray, shape (*batch,)
        The gap, in payoff units or (``relative``) as a fraction of the payoff range.

    Raises
    ------
    TypeError
        If ``game`` is not a BimatrixGame, or ``relative`` is not a bool.
    ValueError
        If ``p`` or ``q`` has the wrong length or is not on the probability simplex.

    References
    ----------
    Nash, J. (1951). Non-cooperative games. *Annals of Mathematics* 54, 286-295.

    Examples
    --------
    >>> import gamedyn as gd
    >>> g = gd.games.prisoners_dilemma()  # both cooperate: each gains 5 - 3 out of 5
    >>> gd.equilibria.nash_gap(g, [1, 0], [1, 0]), gd.equilibria.nash_gap(g, [1, 0], [1, 0],
    ...                                                                     relative=True)
    (2.0, 0.4)
    """
    relative = check_bool(relative, "relative")
    game = check_game(game)
    p, q = game.check_strategies(_rationals_as_floats(p), _rationals_as_floats(q))
    if relative:
        A, B = normalized_payoffs(game)
    else:
        A, B = game.A, game.B
    gain1, gain2 = _gains(A, B, p, q)
    gap = np.maximum(gain1, gain2)
    return float(gap) if np.ndim(gap) == 0 else gap


def is_nash(game: BimatrixGame, p: Any, q: Any, tol: float = RTOL) -> bool | np.ndarray:
    """Whether ``(p, q)`` is a Nash equilibrium up to ``tol`` of each payoff range.

    The test is ``nash_gap(game, p, q, relative=True) <= tol``: no player gains more
    than ``tol`` times the range of its own payoffs (``max A - min A`` for the row
    player, ``max B - min B`` for the column player) by deviating. The verdict is the
    same for ``(a A + b, c B + d)`` with ``a, c > 0``, at every scale.

    Parameters
    ----------
    game : BimatrixGame
        The game (both players maximize).
    p : array_like, shape (*batch, m)
        Row player's mixed strategies (on the simplex).
    q : array_like, shape (*batch, n)
        Column player's mixed strategies; batch shapes broadcast.
    tol : float
        Allowed gain, as a fraction of each player's payoff range (default ``1e-9``).

    Returns
    -------
    bool or ndarray of bool, shape (*batch,)
        True where no player gains more than ``tol`` of its payoff range by deviating.

    Raises
    ------
    ValueError
        If ``tol`` is negative or the strategies are not on the simplex.

    References
    ----------
    Nash, J. (1951). Non-cooperative games. *Annals of Mathematics* 54, 286-295.

    Examples
    --------
    >>> import gamedyn as gd
    >>> g = gd.games.matching_pennies()
    >>> bool(gd.equilibria.is_nash(g, [0.5, 0.5], [0.5, 0.5]))
    True
    """
    tol = check_nonnegative(tol, "tol")
    verdict = np.asarray(nash_gap(game, p, q, relative=True)) <= tol
    return bool(verdict) if verdict.ndim == 0 else verdict
