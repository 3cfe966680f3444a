"""Bimatrix games: two players with finitely many pure strategies.

Player 1 picks a row, player 2 a column; both **maximize**. With mixed strategies
``p`` (over the ``m`` rows) and ``q`` (over the ``n`` columns) the payoffs are

    u1 = p @ A @ q,        u2 = p @ B @ q.
"""

from __future__ import annotations

from collections.abc import Sequence
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
    B : array_like, shape (m, n), optional
        Payoffs of player 2 (the column player). Omitted: the game is zero-sum, ``B = -A``.
    name : str, optional
        Shown in reprs and figure titles.
    row_labels, col_labels : sequence of str, optional
        Names of the strategies (default ``r0, r1, ...`` and ``c0, c1, ...``).

    Raises
    ------
    TypeError
        If a payoff matrix is not numeric (strings, complex, booleans, ragged lists).
    ValueError
        If a payoff matrix is not 2-D, is empty, holds NaN or inf, or the shapes differ.

    Examples
    --------
    >>> import gamedyn as gd
    >>> g = gd.BimatrixGame([[4, 1], [3, 2]], [[4, 3], [1, 2]])
    >>> g.payoffs([0.5, 0.5], [1.0, 0.0])
    (array(3.5), array(2.5))
    """

    __slots__ = ("A", "B", "name", "row_labels", "col_labels")

    def __init__(
        self,
        A: Any,
        B: Any = None,
        *,
        name: str | None = None,
        row_labels: Sequence[str] | None = None,
        col_labels: Sequence[str] | None = None,
    ) -> None:
        A = as_real_array(A, "A", ndim=2)
        if B is None:
            B = -A
        else:
            B = as_real_array(B, "B", ndim=2)
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

    def __setattr__(self, key: str, value: Any) -> None:
        raise AttributeError(f"BimatrixGame is immutable; cannot set {key!r}.")

    # ---------------------------------------------------------------- basics
    @property
    def shape(self) -> tuple[int, int]:
        """``(m, n)``: numbers of pure strategies of player 1 and player 2."""
        return self.A.shape  # type: ignore[return-value]

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
        """The game with the players' roles swapped (``B.T`` for rows, ``A.T`` for columns)."""
        return BimatrixGame(
            self.B.T,
            self.A.T,
            name=f"{self.name} (players swapped)",
            row_labels=self.col_labels,
            col_labels=self.row_labels,
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, BimatrixGame):
            return NotImplemented
        return bool(np.array_equal(self.A, other.A) and np.array_equal(self.B, other.B))

    def __hash__(self) -> int:
        return hash((self.A.tobytes(), self.B.tobytes(), self.A.shape))

    # ---------------------------------------------------------------- payoffs
    def check_strategies(self, p: Any, q: Any) -> tuple[np.ndarray, np.ndarray]:
        """Validate mixed strategies: ``p`` of shape ``(*batch, m)``, ``q`` ``(*batch, n)``."""
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
        u1, u2 : ndarray, shape (*batch,)
        """
        p, q = self.check_strategies(p, q)
        u1 = np.einsum("...i,ij,...j->...", p, self.A, q)
        u2 = np.einsum("...i,ij,...j->...", p, self.B, q)
        return np.asarray(u1), np.asarray(u2)

    def row_payoffs(self, q: Any) -> np.ndarray:
        """Payoff of each pure row against column mix ``q``: ``A @ q``, shape ``(*batch, m)``."""
        q = check_probability_vectors(q, "q", self.shape[1])
        return q @ self.A.T

    def col_payoffs(self, p: Any) -> np.ndarray:
        """Payoff of each pure column against row mix ``p``: ``p @ B``, shape ``(*batch, n)``."""
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
        if player not in (1, 2) or isinstance(player, bool):
            raise ValueError(f"`player` must be 1 or 2; got {player!r}.")
        tol = check_nonnegative(tol, "tol")
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

        Raises
        ------
        ValueError
            If a player has a single strategy (its simplex is a point).
        """
        m, n = self.shape
        if m < 2 or n < 2:
            raise ValueError(
                f"the mixed extension needs at least two strategies per player; "
                f"the game has shape {self.shape}."
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
        """Index of a pure strategy given by label or index (for CLIs and notebooks)."""
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
        """The bimatrix as text: each cell ``a, b`` (row payoff, column payoff)."""
        cells = [
            [f"{_fmt(a)}, {_fmt(b)}" for a, b in zip(row_a, row_b)]
            for row_a, row_b in zip(self.A, self.B)
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


def _fmt(value: float) -> str:
    return f"{value:g}"
