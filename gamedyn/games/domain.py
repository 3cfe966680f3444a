"""The product of two probability simplices in reduced coordinates.

A mixed strategy ``p`` of an ``m``-strategy player is parametrized by its first
``m - 1`` probabilities ``x = p[:m-1]``; the last is ``p[m-1] = 1 - sum(x)``. The
player's feasible set is the corner simplex ``{x >= 0, sum(x) <= 1}``, and the state of
the mixed extension is ``z = concat(x, y)`` of dimension ``(m - 1) + (n - 1)``.
For a 2x2 game this is simply ``z = (P(row 0), P(column 0))`` in the unit square.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from gamedyn._validation import (
    as_real_array,
    check_nonnegative,
    check_positive_int,
    check_probability_vectors,
)

__all__ = ["SimplexProduct", "project_simplex", "project_corner_simplex"]


def project_simplex(v: np.ndarray) -> np.ndarray:
    """Euclidean projection of each row of ``v`` (shape ``(*batch, k)``) onto the simplex.

    Solves ``min ||p - v||`` over ``{p >= 0, sum p = 1}``; the solution is
    ``p = max(v - tau, 0)`` with ``tau`` chosen so the entries sum to one
    (Duchi, Shalev-Shwartz, Singer & Chandra 2008, Algorithm 1), found by sorting.
    """
    v = np.asarray(v, dtype=float)
    k = v.shape[-1]
    u = -np.sort(-v, axis=-1)
    css = np.cumsum(u, axis=-1) - 1.0
    ind = np.arange(1, k + 1)
    cond = u - css / ind > 0
    rho = k - 1 - np.argmax(cond[..., ::-1], axis=-1)  # last index where cond holds
    tau = np.take_along_axis(css, rho[..., None], axis=-1) / (rho[..., None] + 1.0)
    return np.maximum(v - tau, 0.0)


def project_corner_simplex(x: np.ndarray) -> np.ndarray:
    """Euclidean projection onto ``{x >= 0, sum(x) <= 1}`` (shape ``(*batch, k)``).

    By the KKT conditions the projection is ``max(x - tau, 0)`` with ``tau >= 0`` and
    ``tau > 0`` only when the sum constraint is active: clip at zero, and if the clipped
    vector sums to more than one, project onto the face ``sum(x) = 1`` instead.
    """
    x = np.asarray(x, dtype=float)
    clipped = np.maximum(x, 0.0)
    over = clipped.sum(axis=-1) > 1.0
    if not np.any(over):
        return clipped
    return np.where(over[..., None], project_simplex(x), clipped)


@dataclass(frozen=True)
class SimplexProduct:
    """The strategy set of a mixed extension: two simplices in reduced coordinates.

    Parameters
    ----------
    m, n : int
        Numbers of pure strategies of player 1 and player 2 (each at least 2).

    States ``z`` passed to the methods have shape ``(*batch, (m - 1) + (n - 1))``; NaN
    and infinite entries pass through :meth:`project` and :meth:`to_strategies`
    unchanged, so a diverging run reaches its own divergence check.

    Raises
    ------
    TypeError, ValueError
        If ``m`` or ``n`` is not an integer >= 2 (or absurdly large), or a method gets a
        state of the wrong shape or type.

    Examples
    --------
    >>> from gamedyn.games import SimplexProduct
    >>> SimplexProduct(2, 3).to_strategies([0.25, 0.5, 0.5])
    (array([0.25, 0.75]), array([0.5, 0.5, 0. ]))
    """

    m: int
    n: int

    def __post_init__(self) -> None:
        for name in ("m", "n"):
            size = check_positive_int(getattr(self, name), name, minimum=2)
            if size > 10**6:
                raise ValueError(f"`{name}` must be at most 1e6 strategies; got {size}.")
            object.__setattr__(self, name, size)

    def _states(self, z: object, name: str = "z", size: int | None = None) -> np.ndarray:
        size = self.dim if size is None else size
        array = as_real_array(z, name, min_ndim=1, finite=False)
        if array.shape[-1] != size:
            raise ValueError(f"`{name}` must have shape (*batch, {size}); got shape "
                             f"{array.shape}.")
        return array

    @property
    def dim(self) -> int:
        """Dimension of the reduced state ``(m - 1) + (n - 1)``."""
        return self.m + self.n - 2

    def to_strategies(self, z: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Full mixed strategies ``(p, q)`` of shapes ``(*batch, m)`` and ``(*batch, n)``."""
        z = self._states(z)
        x, y = z[..., : self.m - 1], z[..., self.m - 1 :]
        p = np.concatenate([x, 1.0 - x.sum(axis=-1, keepdims=True)], axis=-1)
        q = np.concatenate([y, 1.0 - y.sum(axis=-1, keepdims=True)], axis=-1)
        return p, q

    def from_strategies(self, p: np.ndarray, q: np.ndarray) -> np.ndarray:
        """Reduced state ``z = concat(p[:m-1], q[:n-1])``; ``p`` is ``(*batch, m)``,
        ``q`` is ``(*batch, n)`` (batch shapes broadcast)."""
        p = check_probability_vectors(p, "p", self.m)
        q = check_probability_vectors(q, "q", self.n)
        try:
            batch = np.broadcast_shapes(p.shape[:-1], q.shape[:-1])
        except ValueError:
            raise ValueError(f"`p` and `q` must have broadcastable batch shapes; got "
                             f"{p.shape} and {q.shape}.") from None
        x = np.broadcast_to(p[..., :-1], batch + (self.m - 1,))
        y = np.broadcast_to(q[..., :-1], batch + (self.n - 1,))
        return np.concatenate([x, y], axis=-1)

    def project(self, z: np.ndarray) -> np.ndarray:
        """Euclidean projection of each player's part onto its corner simplex."""
        z = self._states(z)
        return np.concatenate(
            [
                project_corner_simplex(z[..., : self.m - 1]),
                project_corner_simplex(z[..., self.m - 1 :]),
            ],
            axis=-1,
        )

    def constraints(self) -> tuple[np.ndarray, np.ndarray]:
        """The domain as ``G @ z <= h``: rows ``-x_i <= 0``, ``sum(x) <= 1``, then for ``y``.

        Row ``k`` of ``G`` is the outward normal of constraint ``k``.
        """
        blocks = []
        for size, offset in ((self.m - 1, 0), (self.n - 1, self.m - 1)):
            rows = np.zeros((size + 1, self.dim))
            rows[:size, offset : offset + size] = -np.eye(size)
            rows[size, offset : offset + size] = 1.0
            blocks.append(rows)
        G = np.vstack(blocks)
        h = np.concatenate([np.zeros(self.m - 1), [1.0], np.zeros(self.n - 1), [1.0]])
        return G, h

    def active_constraints(self, z: np.ndarray, tol: float = 1e-9) -> np.ndarray:
        """Boolean mask over the rows of :meth:`constraints` that hold with equality at ``z``."""
        z = as_real_array(z, "z", min_ndim=1)
        tol = check_nonnegative(tol, "tol")
        G, h = self.constraints()
        with np.errstate(over="ignore", invalid="ignore"):  # huge states: inf, not active
            return np.abs(self._states(z) @ G.T - h) <= tol

    def contains(self, z: np.ndarray, tol: float = 1e-9) -> np.ndarray:
        """Whether each state lies in the domain (within ``tol``)."""
        z = as_real_array(z, "z", min_ndim=1)
        tol = check_nonnegative(tol, "tol")
        G, h = self.constraints()
        with np.errstate(over="ignore", invalid="ignore"):  # huge states: inf, outside
            return np.all(self._states(z) @ G.T <= h + tol, axis=-1)

    def __repr__(self) -> str:
        return f"SimplexProduct(m={self.m}, n={self.n})"
