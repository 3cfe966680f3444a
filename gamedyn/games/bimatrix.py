"""Bimatrix games: two players with finitely many pure strategies.

Player 1 picks a row, player 2 a column; both **maximize**. With mixed strategies
``p`` (over the ``m`` rows) and ``q`` (over the ``n`` columns) the payoffs are

    u1 = p @ A @ q,        u2 = p @ B @ q.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from numbers import Integral, Rational
from typing import Any

import numpy as np

from gamedyn._validation import (
    as_real_array,
    check_choice,
    check_nonnegative,
    check_probability_vectors,
    readonly,
)
from gamedyn.games.differentiable import DifferentiableGame
from gamedyn.games.domain import SimplexProduct

__all__ = ["BimatrixGame"]

_FLOAT_EXACT_INT = 2**53  # integers up to this size are exact in float64


def _to_fraction(value: object, name: str) -> Fraction:
    """One payoff entry as an exact Fraction (floats: their exact binary value)."""
    if isinstance(value, (bool, np.bool_)):
        raise TypeError(f"`{name}` must hold real numbers, not booleans.")
    if isinstance(value, (Fraction, Integral, Rational)):
        return Fraction(value)
    if isinstance(value, (float, np.floating, Decimal)):
        if not np.isfinite(float(value)):
            bad = "NaN" if np.isnan(float(value)) else "infinite values"
            raise ValueError(f"`{name}` must be finite; it contains {bad}.")
        return Fraction(*value.as_integer_ratio())  # exact; Fraction() refuses float32
    if isinstance(value, (bytes, np.bytes_)):
        value = value.decode("ascii", errors="replace")
    if isinstance(value, (str, np.str_)):
        try:
            return Fraction(str(value).strip())
        except (ValueError, ZeroDivisionError):
            raise TypeError(
                f"`{name}` must hold real numbers (numbers, Fractions or strings such as "
                f"'1/3' or '0.25'); got the string {str(value)!r}."
            ) from None
    if isinstance(value, (complex, np.complexfloating)):
        raise TypeError(f"`{name}` must hold real numbers; got complex values.")
    raise TypeError(
        f"`{name}` must hold real numbers (numbers, Fractions or strings such as '1/3'); "
        f"got {value!r} of type {type(value).__name__}."
    )


def _payoff_matrix(value: Any, name: str, ndim: int = 2) -> tuple[np.ndarray, np.ndarray | None]:
    """Validate a payoff array: its float64 values and, if floats would lose information,
    its exact values as an object array of Fraction (else None: the floats are exact).
    """
    if isinstance(value, (str, bytes)):
        raise TypeError(f"`{name}` must be an array of real numbers; got a string {value!r}.")
    try:
        array = np.asarray(value)
    except ValueError as error:  # ragged nested sequences
        raise TypeError(
            f"`{name}` must be a rectangular array of real numbers; got a ragged sequence "
            f"({error})."
        ) from None
    if array.dtype.kind in "bcf" or (
        array.dtype.kind in "iu" and (array.size == 0 or np.abs(array).max() <= _FLOAT_EXACT_INT)
    ):
        return as_real_array(array, name, ndim=ndim), None
    if array.dtype.kind not in "iuOUS":
        return as_real_array(array, name, ndim=ndim), None  # raises the standard message
    if array.ndim != ndim:
        raise ValueError(
            f"`{name}` must be {ndim}-dimensional; got an array of shape {array.shape}."
        )
    if array.size == 0:
        raise ValueError(f"`{name}` must not be empty; got shape {array.shape}.")
    if array.dtype.kind in "US" and not isinstance(value, np.ndarray):
        # numpy turned the numbers among the strings into text; keep the originals
        array = np.array(value, dtype=object)
    if array.dtype.kind == "S":
        array = array.astype(str)
    exact = np.empty(array.shape, dtype=object)
    for index, entry in np.ndenumerate(array):
        exact[index] = _to_fraction(entry, name)
    try:
        floats = exact.astype(np.float64)
    except OverflowError:
        floats = np.full(array.shape, np.inf)
    if not np.all(np.isfinite(floats)):
        raise ValueError(f"`{name}` must be finite in float64; it contains a value beyond "
                         f"{np.finfo(float).max:.3g} in size.")
    if all(Fraction(float(f)) == f for f in exact.flat):
        return floats, None
    return floats, readonly(exact)


def _fractions(values: np.ndarray) -> np.ndarray:
    """Object array of the exact Fractions of a float array."""
    exact = np.empty(values.shape, dtype=object)
    exact.flat[:] = [Fraction(v) for v in values.flat]
    return exact


def _labels(value: Sequence[str] | None, count: int, prefix: str, name: str) -> tuple[str, ...]:
    if value is None:
        return tuple(f"{prefix}{i}" for i in range(count))
    if isinstance(value, str) or not isinstance(value, Sequence):
        raise TypeError(f"`{name}` must be a sequence of {count} strings; got {value!r}.")
    labels = tuple(value)
    if len(labels) != count or not all(isinstance(label, str) for label in labels):
        raise ValueError(f"`{name}` must hold exactly {count} strings; got {value!r}.")
    return labels


class BimatrixGame:
    """A two-player game in normal form, given by the payoff matrices ``A`` and ``B``.

    Parameters
    ----------
    A : array_like, shape (m, n)
        Payoffs of player 1 (the row player): ``A[i, j]`` when row ``i`` meets column ``j``.
        Ints, floats, :class:`fractions.Fraction` and strings such as ``"1/3"`` or
        ``"0.25"`` (also in numpy object arrays). The exact values are kept for exact
        equilibrium computations (:meth:`exact_payoffs`); a float counts as the binary
        fraction it stores. ``g.A`` is always the float64 array.
    B : array_like, shape (m, n), optional
        Payoffs of player 2 (the column player). Omitted: the game is zero-sum, ``B = -A``.
    name : str, optional
        Shown in reprs and figure titles.
    row_labels, col_labels : sequence of str, optional
        Names of the strategies (default ``r0, r1, ...`` and ``c0, c1, ...``).

    Raises
    ------
    TypeError
        If a payoff matrix is not numeric (strings that are not numbers, complex,
        booleans, ragged lists).
    ValueError
        If a payoff matrix is not 2-D, is empty, holds NaN or inf (or a number beyond the
        float64 range), or the shapes differ.

    See Also
    --------
    from_pairs : the game from the ``(m, n, 2)`` array of payoff pairs.

    References
    ----------
    von Neumann, J. & Morgenstern, O. (1944). *Theory of Games and Economic Behavior*,
    Princeton University Press (mixed strategies, expected payoffs). Nash, J. (1951).
    Non-cooperative games. Annals of Mathematics 54(2), 286-295 (equilibria of the
    mixed extension).

    Examples
    --------
    >>> import gamedyn as gd
    >>> g = gd.BimatrixGame([[4, 1], [3, 2]], [[4, 3], [1, 2]])
    >>> g.payoffs([0.5, 0.5], [1.0, 0.0])
    (array(3.5), array(2.5))
    >>> h = gd.BimatrixGame([["1/3", 0], [0, "2/3"]])
    >>> h.exact_payoffs()[0]
    array([[Fraction(1, 3), Fraction(0, 1)],
           [Fraction(0, 1), Fraction(2, 3)]], dtype=object)
    """

    __slots__ = ("A", "B", "name", "row_labels", "col_labels", "_exact_A", "_exact_B")
    A: np.ndarray
    B: np.ndarray
    name: str
    row_labels: tuple[str, ...]
    col_labels: tuple[str, ...]
    _exact_A: np.ndarray | None  # object array of Fraction when floats would round
    _exact_B: np.ndarray | None

    def __init__(
        self,
        A: Any,
        B: Any = None,
        *,
        name: str | None = None,
        row_labels: Sequence[str] | None = None,
        col_labels: Sequence[str] | None = None,
    ) -> None:
        A, exact_A = _payoff_matrix(A, "A")
        if B is None:
            B, exact_B = -A, (None if exact_A is None else readonly(-exact_A))
        else:
            B, exact_B = _payoff_matrix(B, "B")
            if B.shape != A.shape:
                raise ValueError(
                    f"`A` and `B` must have the same shape; got A {A.shape} and B {B.shape}."
                )
        if name is not None and not isinstance(name, str):
            raise TypeError(f"`name` must be a string; got {name!r}.")
        m, n = A.shape
        set_ = object.__setattr__
        set_(self, "A", readonly(A))
        set_(self, "B", readonly(B + 0.0))  # + 0.0 turns -0.0 into 0.0
        set_(self, "name", name or f"{m}x{n} bimatrix game")
        set_(self, "row_labels", _labels(row_labels, m, "r", "row_labels"))
        set_(self, "col_labels", _labels(col_labels, n, "c", "col_labels"))
        set_(self, "_exact_A", exact_A)
        set_(self, "_exact_B", exact_B)

    @classmethod
    def from_pairs(
        cls,
        pairs: Any,
        *,
        name: str | None = None,
        row_labels: Sequence[str] | None = None,
        col_labels: Sequence[str] | None = None,
    ) -> BimatrixGame:
        """The game from its table of payoff pairs, as printed in textbooks.

        Parameters
        ----------
        pairs : array_like, shape (m, n, 2)
            ``pairs[i, j] = (A[i, j], B[i, j])``: the payoffs of player 1 (rows) and
            player 2 (columns) when row ``i`` meets column ``j``. Same entry types as
            the constructor (ints, floats, Fractions, strings such as ``"1/3"``).
        name, row_labels, col_labels
            As for :class:`BimatrixGame`.
        name : str, optional
            A name for reprs and titles.
        row_labels, col_labels : sequence of str, optional
            Labels of the rows (player 1) and columns (player 2), as for :class:`BimatrixGame`.

        Returns
        -------
        BimatrixGame
            The game with ``A = pairs[..., 0]`` and ``B = pairs[..., 1]``.

        Raises
        ------
        TypeError
            If an entry is not a real number.
        ValueError
            If ``pairs`` is not of shape ``(m, n, 2)``, is empty or holds NaN or inf.

        Examples
        --------
        >>> import gamedyn as gd
        >>> pd = gd.BimatrixGame.from_pairs([[(3, 3), (0, 5)], [(5, 0), (1, 1)]])
        >>> pd.A.tolist(), pd.B.tolist()
        ([[3.0, 0.0], [5.0, 1.0]], [[3.0, 5.0], [0.0, 1.0]])
        """
        floats, exact = _payoff_matrix(pairs, "pairs", ndim=3)
        if floats.shape[-1] != 2:
            raise ValueError(
                f"`pairs` must have shape (m, n, 2): a (row payoff, column payoff) pair per "
                f"cell; got shape {floats.shape}."
            )
        if exact is None:
            A, B = floats[..., 0], floats[..., 1]
        else:
            A, B = exact[..., 0], exact[..., 1]
        return cls(A, B, name=name, row_labels=row_labels, col_labels=col_labels)

    @property
    def has_exact_payoffs(self) -> bool:
        """Whether some payoff is not exactly a float64.

        Such a payoff is a Fraction such as 1/3, a number string or an integer beyond 2**53:
        then ``A``, ``B`` are rounded and exact computations must use :meth:`exact_payoffs`.
        """
        return self._exact_A is not None or self._exact_B is not None

    def exact_payoffs(self) -> tuple[np.ndarray, np.ndarray]:
        """The payoff matrices as exact rationals, for exact equilibrium computations.

        Returns
        -------
        A : ndarray of object (:class:`fractions.Fraction`), shape (m, n)
            Player 1's payoffs.
        B : ndarray of object (:class:`fractions.Fraction`), shape (m, n)
            Player 2's payoffs. Both as given: Fractions, ints and number strings exactly; a float
            as the binary fraction it stores (``Fraction(0.1) != Fraction(1, 10)``).
        """
        A = self._exact_A if self._exact_A is not None else _fractions(self.A)
        B = self._exact_B if self._exact_B is not None else _fractions(self.B)
        return A.copy(), B.copy()

    def __setattr__(self, key: str, value: Any) -> None:
        raise AttributeError(f"BimatrixGame is immutable; cannot set {key!r}.")

    # ---------------------------------------------------------------- basics
    @property
    def shape(self) -> tuple[int, int]:
        """``(m, n)``: numbers of pure strategies of player 1 and player 2."""
        m, n = self.A.shape
        return m, n

    @property
    def is_zero_sum(self) -> bool:
        """Whether ``A + B = 0`` exactly."""
        return bool(np.all(self.A + self.B == 0))

    @property
    def is_constant_sum(self) -> bool:
        """Whether ``A + B`` is the same number in every cell (strategically zero-sum)."""
        total = self.A + self.B
        return bool(np.all(total == total.flat[0]))

    def transpose(self) -> BimatrixGame:
        """The game with the players' roles swapped (``B.T`` for rows, ``A.T`` for columns).

        Returns
        -------
        BimatrixGame
            The swapped game: its row player is this game's column player. Equilibria map to
            equilibria with ``(p, q)`` exchanged.

        Examples
        --------
        >>> from gamedyn.games import pigs
        >>> pigs().transpose().A.tolist()
        [[2.0, -1.0], [3.0, 0.0]]
        """
        A, B = self.exact_payoffs() if self.has_exact_payoffs else (self.A, self.B)
        return BimatrixGame(
            B.T,
            A.T,
            name=f"{self.name} (players swapped)",
            row_labels=self.col_labels,
            col_labels=self.row_labels,
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, BimatrixGame):
            return NotImplemented
        if not (np.array_equal(self.A, other.A) and np.array_equal(self.B, other.B)):
            return False
        if all(x is None for x in (self._exact_A, self._exact_B, other._exact_A,
                                   other._exact_B)):
            return True
        mine, theirs = self.exact_payoffs(), other.exact_payoffs()
        return bool(np.all(mine[0] == theirs[0]) and np.all(mine[1] == theirs[1]))

    def __hash__(self) -> int:
        return hash((self.A.tobytes(), self.B.tobytes(), self.A.shape))

    # ---------------------------------------------------------------- payoffs
    def check_strategies(self, p: Any, q: Any) -> tuple[np.ndarray, np.ndarray]:
        """Validate mixed strategies: ``p`` of shape ``(*batch, m)``, ``q`` ``(*batch, n)``.

        Parameters
        ----------
        p : array_like, shape (*batch, m)
            Mixed strategies of player 1 (rows).
        q : array_like, shape (*batch, n)
            Mixed strategies of player 2 (columns).

        Returns
        -------
        p : ndarray, shape (*batch, m)
            ``p`` as floats.
        q : ndarray, shape (*batch, n)
            ``q`` as floats.

        Raises
        ------
        ValueError
            For wrong shapes, non-finite or negative entries, or rows that do not sum to 1
            (the message names ``p`` or ``q``).
        """
        m, n = self.shape
        return (check_probability_vectors(p, "p", m), check_probability_vectors(q, "q", n))

    def payoffs(self, p: Any, q: Any) -> tuple[np.ndarray, np.ndarray]:
        """Expected payoffs ``(p @ A @ q, p @ B @ q)`` of mixed strategies, batched.

        Parameters
        ----------
        p : array_like, shape (*batch, m)
            Mixed strategies of player 1 (rows), each on the probability simplex.
        q : array_like, shape (*batch, n)
            Mixed strategies of player 2 (columns); batch shapes broadcast with ``p``'s.

        Returns
        -------
        u1 : ndarray, shape (*batch,)
            Player 1's expected payoff ``p @ A @ q`` (in the payoffs' units).
        u2 : ndarray, shape (*batch,)
            Player 2's expected payoff ``p @ B @ q``.
        """
        p, q = self.check_strategies(p, q)
        u1 = np.einsum("...i,ij,...j->...", p, self.A, q)
        u2 = np.einsum("...i,ij,...j->...", p, self.B, q)
        return np.asarray(u1), np.asarray(u2)

    def row_payoffs(self, q: Any) -> np.ndarray:
        """Payoff of each pure row against column mix ``q``: ``A @ q``, shape ``(*batch, m)``.

        Parameters
        ----------
        q : array_like, shape (*batch, n)
            Mixed strategies of player 2 (columns).

        Returns
        -------
        ndarray, shape (*batch, m)
            ``A @ q``: player 1's expected payoff of each of its pure strategies.

        Raises
        ------
        ValueError
            If ``q`` is not a batch of probability vectors of length ``n``.
        """
        q = check_probability_vectors(q, "q", self.shape[1])
        return q @ self.A.T

    def col_payoffs(self, p: Any) -> np.ndarray:
        """Payoff of each pure column against row mix ``p``: ``p @ B``, shape ``(*batch, n)``.

        Parameters
        ----------
        p : array_like, shape (*batch, m)
            Mixed strategies of player 1 (rows).

        Returns
        -------
        ndarray, shape (*batch, n)
            ``p @ B``: player 2's expected payoff of each of its pure strategies.

        Raises
        ------
        ValueError
            If ``p`` is not a batch of probability vectors of length ``m``.
        """
        p = check_probability_vectors(p, "p", self.shape[0])
        return p @ self.B

    def best_responses(self, player: int, strategy: Any, tol: float = 1e-12) -> np.ndarray:
        """All pure best responses of ``player`` to the opponent's mixed ``strategy``.

        Parameters
        ----------
        player : {1, 2}
            Whose best responses: 1 answers a column mix ``q``, 2 answers a row mix ``p``.
        strategy : array_like, shape (*batch, n) or (*batch, m)
            The opponent's mixed strategy.
        tol : float
            Pure strategies within ``tol * max(1, |best|)`` of the best payoff count as
            best responses (ties are all reported).

        Returns
        -------
        ndarray of bool, shape (*batch, m) or (*batch, n)
            ``True`` for every pure strategy that is a best response.
        """
        player = _check_player(player)
        tol = check_nonnegative(tol, "tol")
        size, mix = (self.shape[1], "q") if player == 1 else (self.shape[0], "p")
        try:
            strategy = check_probability_vectors(strategy, "strategy", size)
        except (TypeError, ValueError) as error:  # name the argument and the mix it is
            message = str(error).replace("`strategy`", f"`strategy` (the mix `{mix}`)", 1)
            raise type(error)(message) from None
        values = self.row_payoffs(strategy) if player == 1 else self.col_payoffs(strategy)
        best = values.max(axis=-1, keepdims=True)
        return values >= best - tol * np.maximum(1.0, np.abs(best))

    # ---------------------------------------------------------------- views
    def mixed(self) -> DifferentiableGame:
        """The mixed extension as a differentiable game on the product of simplices.

        Coordinates are reduced (see :class:`~gamedyn.games.domain.SimplexProduct`):
        ``x = p[:m-1]``, ``y = q[:n-1]``, so ``p = E x + e_m`` with ``E = [I; -1]``.
        Both players maximize, ``u1 = p @ A @ q`` and ``u2 = p @ B @ q``; the field is

            xi(z) = (E_m^T A q, E_n^T B^T p),

        i.e. each player's payoff advantage of every strategy over its last one, and the
        Jacobian is constant: ``[[0, E_m^T A E_n], [E_n^T B^T E_m, 0]]``. States stay
        in the domain under dynamics because every step is followed by the Euclidean
        projection onto ``{x >= 0, sum(x) <= 1}`` (``game.project``); the stability
        analyzer reads the active constraints from ``game.domain``.

        For 2x2 games ``z = (P(row 0), P(column 0))``; for the Stag Hunt the field is
        ``(2b - 1, 2a - 1)``.

        Returns
        -------
        DifferentiableGame
            The mixed extension on reduced coordinates ``z = (p[:m-1], q[:n-1])`` (dimension
            ``n1 = m - 1``, ``n2 = n - 1``) with ``domain`` a
            :class:`~gamedyn.games.SimplexProduct`.

        Raises
        ------
        ValueError
            If a player has a single strategy (its simplex is a point).

        Examples
        --------
        >>> from gamedyn.games import stag_hunt
        >>> game = stag_hunt().mixed()
        >>> game.field([0.25, 0.75]).tolist()       # (2b - 1, 2a - 1)
        [0.5, -0.5]
        """
        m, n = self.shape
        if m < 2 or n < 2:
            raise ValueError(
                f"the mixed extension needs at least two strategies per player; the "
                f"`game` has shape {self.shape}."
            )
        domain = SimplexProduct(m, n)
        A, B = self.A, self.B
        # E^T M for E = [I; -1]: rows minus the last row
        reduced_A_rows = A[:-1] - A[-1]  # (m-1, n): E_m^T A
        reduced_B_cols = (B[:, :-1] - B[:, -1:]).T  # (n-1, m): E_n^T B^T
        K12 = reduced_A_rows[:, :-1] - reduced_A_rows[:, -1:]  # E_m^T A E_n
        K21 = reduced_B_cols[:, :-1] - reduced_B_cols[:, -1:]  # E_n^T B^T E_m
        jac = np.zeros((domain.dim, domain.dim))
        jac[: m - 1, m - 1 :] = K12
        jac[m - 1 :, : m - 1] = K21
        readonly(jac)

        def payoff1(z: np.ndarray) -> np.ndarray:
            p, q = domain.to_strategies(z)
            return np.einsum("...i,ij,...j->...", p, A, q)

        def payoff2(z: np.ndarray) -> np.ndarray:
            p, q = domain.to_strategies(z)
            return np.einsum("...i,ij,...j->...", p, B, q)

        def field(z: np.ndarray) -> np.ndarray:
            p, q = domain.to_strategies(z)
            return np.concatenate([q @ reduced_A_rows.T, p @ reduced_B_cols.T], axis=-1)

        def jacobian(z: np.ndarray) -> np.ndarray:
            return np.broadcast_to(jac, np.shape(z)[:-1] + jac.shape)

        return DifferentiableGame(
            m - 1,
            n - 1,
            payoff1,
            payoff2,
            field=field,
            jacobian=jacobian,
            name=f"{self.name} (mixed extension)",
            domain=domain,
        )

    def pure_index(self, strategy: Any, player: int) -> int:
        """Index of a pure strategy given by label or index (for CLIs and notebooks).

        Parameters
        ----------
        strategy : str or int
            A label of ``player``'s strategies, or an index below their number.
        player : {1, 2}
            Whose strategy: 1 the row player, 2 the column player.

        Returns
        -------
        int
            The index of the strategy among ``player``'s (0-based).

        Raises
        ------
        ValueError
            If ``player`` is not 1 or 2, or ``strategy`` is no label or index of its.
        """
        player = _check_player(player)
        labels = self.row_labels if player == 1 else self.col_labels
        if isinstance(strategy, str):
            check_choice(strategy, "strategy", labels)
            return labels.index(strategy)
        if isinstance(strategy, (int, np.integer)) and 0 <= strategy < len(labels):
            return int(strategy)
        raise ValueError(
            f"`strategy` must be an index below {len(labels)} or one of {labels}; "
            f"got {strategy!r}."
        )

    # ---------------------------------------------------------------- display
    def table(self) -> str:
        """The bimatrix as text: each cell ``a, b`` (row payoff, column payoff).

        Returns
        -------
        str
            A table with the strategy labels as headers.
        """
        A = self.A if self._exact_A is None else self._exact_A
        B = self.B if self._exact_B is None else self._exact_B
        cells = [
            [f"{_fmt(a)}, {_fmt(b)}" for a, b in zip(row_a, row_b)]
            for row_a, row_b in zip(A, B)
        ]
        head = [""] + list(self.col_labels)
        rows = [[label] + row for label, row in zip(self.row_labels, cells)]
        widths = [max(len(r[k]) for r in [head] + rows) for k in range(len(head))]
        lines = [" | ".join(c.rjust(w) for c, w in zip(r, widths)) for r in [head] + rows]
        lines.insert(1, "-+-".join("-" * w for w in widths))
        return "\n".join(lines)

    def __repr__(self) -> str:
        return f"BimatrixGame({self.name!r}, shape={self.shape})\n{self.table()}"

    def _repr_html_(self) -> str:
        from gamedyn.games._html import bimatrix_html

        return bimatrix_html(self)


def _check_player(player: Any) -> int:
    """``player`` as the int 1 or 2 (the row or column player), or a ValueError naming it."""
    if (isinstance(player, (bool, np.bool_)) or not isinstance(player, (int, np.integer))
            or player not in (1, 2)):
        raise ValueError(f"`player` must be 1 or 2; got {player!r}.")
    return int(player)


def _fmt(value: float | Fraction) -> str:
    if isinstance(value, Fraction):
        return str(value)
    return f"{value:g}"
