"""Strategy sets that are not all of R^n: the product of two simplices, and boxes.

Every domain is a :class:`Domain`: a closed convex polyhedron ``G z <= h`` with a
Euclidean projection, so gradient dynamics project onto it after every update and the
stability analyzer reads the active constraints at a point.

:class:`SimplexProduct`: the product of two probability simplices in reduced coordinates.

A mixed strategy ``p`` of an ``m``-strategy player is parametrized by its first
``m - 1`` probabilities ``x = p[:m-1]``; the last is ``p[m-1] = 1 - sum(x)``. The
player's feasible set is the corner simplex ``{x >= 0, sum(x) <= 1}``, and the state of
the mixed extension is ``z = concat(x, y)`` of dimension ``(m - 1) + (n - 1)``.
For a 2x2 game this is simply ``z = (P(row 0), P(column 0))`` in the unit square.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Any

import numpy as np

from gamedyn._validation import (
    as_real_array,
    check_nonnegative,
    check_positive_int,
    check_probability_vectors,
)

__all__ = ["Domain", "Box", "SimplexProduct", "project_simplex", "project_corner_simplex"]


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


class Domain(ABC):
    """A closed convex strategy set ``{z : G z <= h}`` of dimension :attr:`dim`.

    Subclasses give the constraints, the Euclidean projection and a sentence saying what
    the set is (:attr:`description`); :meth:`active_constraints` and :meth:`contains`
    follow from the constraints.
    """

    @property
    @abstractmethod
    def dim(self) -> int:
        """Dimension of the states."""

    @property
    @abstractmethod
    def description(self) -> str:
        """What a state of the domain is, in words (for error messages)."""

    @abstractmethod
    def project(self, z: Any) -> np.ndarray:
        """Euclidean projection of states ``(*batch, dim)`` onto the domain.

        Parameters
        ----------
        z : array_like, shape (*batch, dim)
            States.

        Returns
        -------
        ndarray, shape (*batch, dim)
            The nearest points of the domain.
        """

    @abstractmethod
    def constraints(self) -> tuple[np.ndarray, np.ndarray]:
        """Return the domain as ``G @ z <= h``.

        Row ``k`` of ``G`` is constraint ``k``'s outward normal.

        Returns
        -------
        G : ndarray, shape (k, dim)
            Outward normals of the ``k`` constraints, one per row.
        h : ndarray, shape (k,)
            Their offsets.
        """

    def _states(self, z: object, name: str = "z", size: int | None = None) -> np.ndarray:
        size = self.dim if size is None else size
        array = as_real_array(z, name, min_ndim=1, finite=False)
        if array.shape[-1] != size:
            raise ValueError(f"`{name}` must have shape (*batch, {size}); got shape "
                             f"{array.shape}.")
        return array

    def active_constraints(self, z: np.ndarray, tol: float = 1e-9) -> np.ndarray:
        """Boolean mask over the rows of :meth:`constraints` that hold with equality at ``z``.

        Parameters
        ----------
        z : ndarray, shape (dim,) or (*batch, dim)
            States in the domain.
        tol : float, default 1e-9
            Slack below which a constraint counts as active.

        Returns
        -------
        ndarray of bool, shape (k,) or (*batch, k)
            A mask over the rows of :meth:`constraints`.
        """
        z = as_real_array(z, "z", min_ndim=1)
        tol = check_nonnegative(tol, "tol")
        G, h = self.constraints()
        with np.errstate(over="ignore", invalid="ignore"):  # huge states: inf, not active
            return np.abs(self._states(z) @ G.T - h) <= tol

    def contains(self, z: np.ndarray, tol: float = 1e-9) -> np.ndarray:
        """Whether each state lies in the domain (within ``tol``).

        Parameters
        ----------
        z : ndarray, shape (*batch, dim)
            States.
        tol : float, default 1e-9
            Allowed violation of each constraint.

        Returns
        -------
        ndarray of bool, shape (*batch,)
            True where the state is in the domain.
        """
        z = as_real_array(z, "z", min_ndim=1)
        tol = check_nonnegative(tol, "tol")
        G, h = self.constraints()
        with np.errstate(over="ignore", invalid="ignore"):  # huge states: inf, outside
            return np.all(self._states(z) @ G.T <= h + tol, axis=-1)


@dataclass(frozen=True, eq=False)
class Box(Domain):
    """The box ``{z : low <= z <= high}``; infinite bounds leave a coordinate free.

    The domain of weight clipping: ``Box([-inf, -c], [inf, c])`` clips the second
    coordinate to ``[-c, c]`` (the Dirac-GAN's clipped WGAN,
    :func:`gamedyn.games.dirac_gan`). The projection clips each coordinate.

    Parameters
    ----------
    low, high : array_like, shape (n,)
        Bounds, ``low <= high``; ``-inf`` and ``inf`` allowed (not NaN, no ``low`` of
        ``inf`` or ``high`` of ``-inf``). States have shape ``(*batch, n)``; NaN and
        infinite entries pass through :meth:`project` unchanged, so a diverging run
        reaches its own divergence check.

    Raises
    ------
    TypeError
        If a bound is not an array of real numbers.
    ValueError
        For bounds of different or empty shapes, NaN, ``low > high``, ``low = inf`` or
        ``high = -inf``.

    Examples
    --------
    >>> from gamedyn.games import Box
    >>> box = Box([-1.0, 0.0], [1.0, float("inf")])
    >>> box.project([[2.0, -3.0], [0.5, 7.0]])
    array([[1. , 0. ],
           [0.5, 7. ]])
    """

    low: Any
    high: Any

    def __post_init__(self) -> None:
        low = as_real_array(self.low, "low", ndim=1, finite=False)
        high = as_real_array(self.high, "high", ndim=1, finite=False)
        if low.shape != high.shape or low.size == 0:
            raise ValueError(f"`low` and `high` must have the same non-empty shape (n,); got "
                             f"{low.shape} and {high.shape}.")
        if np.any(np.isnan(low)) or np.any(np.isnan(high)):
            raise ValueError("`low` and `high` must not be NaN.")
        if np.any(low == np.inf) or np.any(high == -np.inf):
            raise ValueError("`low` must be below inf and `high` above -inf.")
        if np.any(low > high):
            raise ValueError(f"`low` must not exceed `high`; got low {low}, high {high}.")
        for name, value in (("low", low), ("high", high)):
            value = value.copy()
            value.setflags(write=False)
            object.__setattr__(self, name, value)

    @property
    def dim(self) -> int:
        """Number of coordinates ``n``."""
        return int(self.low.size)

    @property
    def description(self) -> str:
        return f"low <= z <= high with low {self.low.tolist()}, high {self.high.tolist()}"

    def project(self, z: Any) -> np.ndarray:
        """Clip each coordinate of ``z`` (shape ``(*batch, n)``) to ``[low, high]``.

        Parameters
        ----------
        z : array_like, shape (*batch, n)
            States.

        Returns
        -------
        ndarray, shape (*batch, n)
            The clipped states (NaN and inf pass through).
        """
        z = self._states(z)
        return np.where(np.isnan(z), z, np.clip(z, self.low, self.high))

    def constraints(self) -> tuple[np.ndarray, np.ndarray]:
        """``G @ z <= h``: rows ``z_i <= high_i`` then ``-z_i <= -low_i``, finite bounds only.

        Returns
        -------
        G : ndarray, shape (k, dim)
            Outward normals of the ``k`` constraints, one per row.
        h : ndarray, shape (k,)
            Their offsets.
        """
        eye = np.eye(self.dim)
        upper, lower = np.isfinite(self.high), np.isfinite(self.low)
        G = np.vstack([eye[upper], -eye[lower]])
        h = np.concatenate([self.high[upper], -self.low[lower]])
        return G, h

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Box):
            return NotImplemented
        return bool(np.array_equal(self.low, other.low)
                    and np.array_equal(self.high, other.high))

    def __hash__(self) -> int:
        return hash((self.low.tobytes(), self.high.tobytes()))

    def __repr__(self) -> str:
        def fmt(values: np.ndarray) -> str:
            return "[" + ", ".join(f"{v:g}" for v in values) + "]"

        return f"Box(low={fmt(self.low)}, high={fmt(self.high)})"


@dataclass(frozen=True)
class SimplexProduct(Domain):
    """The strategy set of a mixed extension: two simplices in reduced coordinates.

    States ``z`` passed to the methods have shape ``(*batch, (m - 1) + (n - 1))``; NaN
    and infinite entries pass through :meth:`project` and :meth:`to_strategies`
    unchanged, so a diverging run reaches its own divergence check.

    Parameters
    ----------
    m, n : int
        Numbers of pure strategies of player 1 and player 2 (each at least 2).

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

    @property
    def dim(self) -> int:
        """Dimension of the reduced state ``(m - 1) + (n - 1)``."""
        return self.m + self.n - 2

    @property
    def description(self) -> str:
        return ("reduced mixed strategies: entries >= 0 summing to at most 1 per player")

    def to_strategies(self, z: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Full mixed strategies ``(p, q)`` of shapes ``(*batch, m)`` and ``(*batch, n)``.

        Parameters
        ----------
        z : array_like, shape (*batch, (m - 1) + (n - 1))
            Reduced states ``concat(p[:m-1], q[:n-1])``.

        Returns
        -------
        p : ndarray, shape (*batch, m)
            Player 1's mixed strategies (last share ``1 - sum``).
        q : ndarray, shape (*batch, n)
            Player 2's mixed strategies.
        """
        z = self._states(z)
        x, y = z[..., : self.m - 1], z[..., self.m - 1 :]
        p = np.concatenate([x, 1.0 - x.sum(axis=-1, keepdims=True)], axis=-1)
        q = np.concatenate([y, 1.0 - y.sum(axis=-1, keepdims=True)], axis=-1)
        return p, q

    def from_strategies(self, p: np.ndarray, q: np.ndarray) -> np.ndarray:
        """Return the reduced state ``z = concat(p[:m-1], q[:n-1])``.

        Parameters
        ----------
        p : array_like, shape (*batch, m)
            Player 1's mixed strategies.
        q : array_like, shape (*batch, n)
            Player 2's mixed strategies (batch shapes broadcast with ``p``'s).

        Returns
        -------
        ndarray, shape (*batch, (m - 1) + (n - 1))
            The reduced states.
        """
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
        """Euclidean projection of each player's part onto its corner simplex.

        Parameters
        ----------
        z : array_like, shape (*batch, (m - 1) + (n - 1))
            Reduced states.

        Returns
        -------
        ndarray, shape (*batch, (m - 1) + (n - 1))
            The nearest states with ``x >= 0``, ``sum(x) <= 1`` (likewise ``y``).

        References
        ----------
        Duchi, J., Shalev-Shwartz, S., Singer, Y. & Chandra, T. (2008). Efficient projections
        onto the l1-ball for learning in high dimensions. ICML.
        """
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

        Returns
        -------
        G : ndarray, shape (k, dim)
            Outward normals of the ``k`` constraints, one per row.
        h : ndarray, shape (k,)
            Their offsets.
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

    def __repr__(self) -> str:
        return f"SimplexProduct(m={self.m}, n={self.n})"
