"""All extreme Nash equilibria by vertex enumeration of the best-response polytopes.

With payoffs shifted to be positive (which changes no equilibrium), the best-response
polytopes are

    P = {x in R^m : x >= 0, B^T x <= 1},      Q = {y in R^n : A y <= 1, y >= 0}.

A point of ``P`` carries label ``i`` when ``x_i = 0`` and label ``m + j`` when
``(B^T x)_j = 1``; a point of ``Q`` carries label ``i`` when ``(A y)_i = 1`` and
``m + j`` when ``y_j = 0``. The extreme Nash equilibria are exactly the completely
labelled vertex pairs ``(x, y) != (0, 0)``, normalized to ``(x / sum x, y / sum y)``
(von Stengel 2002, Theorem 3.4; Avis, Rosenberg, Savani & von Stengel 2010). This holds
for degenerate games too, where equilibria form connected components: their vertices
are listed, and every equilibrium is a convex combination of listed ones within a
component.

The vertices of each polytope are enumerated through the convex hull of its polar
(:func:`polytope_vertices`), and completely labelled pairs are matched with bit masks.
"""

from __future__ import annotations

import numpy as np

from gamedyn.equilibria.conditions import check_game
from gamedyn.games.bimatrix import BimatrixGame

__all__ = ["EquilibriumSet", "all_nash", "is_degenerate", "polytope_vertices"]

_TOL = 1e-9


class EquilibriumSet(list):
    """A list of equilibria ``(p, q)`` that also says whether the game is degenerate.

    Attributes
    ----------
    degenerate : bool
        True if some mixed strategy with support size ``k`` has more than ``k`` pure
        best responses; then equilibria may come in connected sets, and the list holds
        their extreme points.
    """

    def __init__(self, items, degenerate: bool) -> None:
        super().__init__(items)
        self.degenerate = degenerate

    @property
    def components(self) -> list:
        """The equilibrium components, each with its maximal Nash subsets.

        A list of :class:`~gamedyn.equilibria.components.Component` (fields
        ``maximal_subsets``: pairs of extreme-strategy tuples whose convex hulls' product
        is a set of equilibria, and ``equilibria``: the extreme equilibria it holds).
        Avis, Rosenberg, Savani & von Stengel (2010), Section 4; see
        :func:`gamedyn.equilibria.components.equilibrium_components`.
        """
        from gamedyn.equilibria.components import equilibrium_components

        return equilibrium_components(self)

    def __repr__(self) -> str:
        kind = "degenerate" if self.degenerate else "nondegenerate"
        return f"EquilibriumSet({len(self)} extreme equilibria, {kind} game)"


def polytope_vertices(M: np.ndarray, tol: float = _TOL) -> tuple[np.ndarray, np.ndarray]:
    """Nonzero vertices of ``{x in R^k : x >= 0, M^T x <= 1}`` and their label masks.

    The polytope ``G x <= h`` is moved so that an interior point ``c`` becomes the
    origin; then its vertices are in one-to-one correspondence with the facets of the
    convex hull of the polar points ``G_r / (h_r - G_r c)`` (Ziegler 1995, Lectures on
    Polytopes, Section 2.3), which Qhull finds; each facet plane gives its vertex.
    Degenerate vertices appear once per simplex of their (triangulated) facet and are
    merged; their labels come from the values, not from the facet.

    Parameters
    ----------
    M : ndarray, shape (k, l)
        Matrix with entries >= 1 (``B`` for the row player's polytope, ``A.T`` for the
        column player's).

    Returns
    -------
    vertices : ndarray, shape (v, k)
    labels : ndarray of int, shape (v,)
        Bit ``i`` set when ``x_i = 0`` (``i < k``), bit ``k + j`` when ``(M^T x)_j = 1``.
    """
    k, l = M.shape
    if k == 1:
        vertices = np.array([[1.0 / M.max()]])
    else:
        from scipy.spatial import ConvexHull

        G = np.vstack([-np.eye(k), M.T])
        h = np.concatenate([np.zeros(k), np.ones(l)])
        interior = np.full(k, 0.5 / M.sum(axis=0).max())
        polar = G / (h - G @ interior)[:, None]
        hull = ConvexHull(polar)
        # facet plane n.v + d = 0 of the polar  <->  vertex c - n / d of the polytope
        vertices = interior - hull.equations[:, :-1] / hull.equations[:, -1:]
        vertices = np.maximum(vertices, 0.0)
    zero = vertices <= tol
    tight = np.abs(vertices @ M - 1.0) <= tol
    bits = np.concatenate([zero, tight], axis=1)
    labels = bits.astype(np.int64) @ (np.int64(1) << np.arange(k + l, dtype=np.int64))
    # a vertex is determined by its tight constraints, so equal labels mean the same
    # vertex (a degenerate one reached through several simplices of its facet)
    labels, first = np.unique(labels, return_index=True)
    keep = labels != (np.int64(1) << k) - 1  # the origin: every x_i = 0
    return vertices[first[keep]], labels[keep]


def _shifted(game: BimatrixGame) -> tuple[np.ndarray, np.ndarray]:
    """Payoffs shifted so that every entry is at least 1 (equilibria unchanged)."""
    return game.A - game.A.min() + 1.0, game.B - game.B.min() + 1.0


def _label_counts(labels: np.ndarray) -> np.ndarray:
    counts = np.zeros(labels.shape, dtype=np.int64)
    work = labels.copy()
    while np.any(work):
        counts += work & 1
        work >>= 1
    return counts


def is_degenerate(game: BimatrixGame) -> bool:
    """Whether the game is degenerate (von Stengel 2002, Definition 3.2).

    A game is nondegenerate iff no mixed strategy with support size ``k`` has more than
    ``k`` pure best responses; equivalently no point of ``P`` has more than ``m`` labels
    and no point of ``Q`` more than ``n`` (checked on the vertices, where label counts
    are largest).
    """
    game = check_game(game)
    A, B = _shifted(game)
    m, n = game.shape
    _, labels_p = polytope_vertices(B)
    _, labels_q = polytope_vertices(A.T)
    return bool(np.any(_label_counts(labels_p) > m) or np.any(_label_counts(labels_q) > n))


def all_nash(game: BimatrixGame, exact: bool = False) -> EquilibriumSet:
    """Every extreme Nash equilibrium of a bimatrix game (both players maximize).

    Parameters
    ----------
    game : BimatrixGame
        Any ``m x n`` game, degenerate or not.
    exact : bool
        If True, compute in rational arithmetic from the game's exact payoffs
        (:meth:`BimatrixGame.exact_payoffs`): probabilities are object arrays of
        :class:`fractions.Fraction`, each equilibrium certified by the exact
        best-response conditions (:mod:`gamedyn.equilibria.exact`).

    Returns
    -------
    EquilibriumSet
        A list of ``(p, q)`` pairs of mixed strategies, sorted with ``p`` then ``q``
        in decreasing lexicographic order, and the attribute ``degenerate``.

    References
    ----------
    von Stengel, B. (2002). Computing equilibria for two-person games. *Handbook of Game
    Theory* 3, ch. 45, Section 3. Avis, D., Rosenberg, G., Savani, R. & von Stengel, B.
    (2010). Enumeration of Nash equilibria for two-player games. *Economic Theory* 42.

    Examples
    --------
    >>> import gamedyn as gd
    >>> eqs = gd.equilibria.all_nash(gd.games.battle_of_the_sexes())
    >>> [(p.round(2).tolist(), q.round(2).tolist()) for p, q in eqs]
    [([1.0, 0.0], [1.0, 0.0]), ([0.6, 0.4], [0.4, 0.6]), ([0.0, 1.0], [0.0, 1.0])]
    """
    if exact is not False:
        from gamedyn.equilibria.exact import exact_equilibrium_set

        return exact_equilibrium_set(game, exact, EquilibriumSet)
    game = check_game(game)
    A, B = _shifted(game)
    m, n = game.shape
    vertices_p, labels_p = polytope_vertices(B)
    # Q's labels: (A y)_i = 1 -> i, y_j = 0 -> m + j; polytope_vertices(A.T) numbers
    # y_j = 0 as j and (A y)_i = 1 as n + i, so rotate the bits.
    vertices_q, raw_q = polytope_vertices(A.T)
    zero_bits = raw_q & ((np.int64(1) << n) - 1)
    tight_bits = raw_q >> n
    labels_q = tight_bits | (zero_bits << m)
    full = (np.int64(1) << (m + n)) - 1
    degenerate = bool(np.any(_label_counts(labels_p) > m)
                      or np.any(_label_counts(labels_q) > n))
    if degenerate:  # a pair matches when its labels cover everything
        match_p, match_q = np.nonzero((labels_p[:, None] | labels_q[None, :]) == full)
    else:  # exactly m and n labels: a pair matches iff the label sets are complements
        order = np.argsort(labels_q)
        wanted = full ^ labels_p
        position = np.minimum(np.searchsorted(labels_q[order], wanted), len(order) - 1)
        match_p = np.flatnonzero(labels_q[order][position] == wanted)
        match_q = order[position[match_p]]
    equilibria = []
    for i, j in zip(match_p, match_q):
        x, y = vertices_p[i], vertices_q[j]
        equilibria.append((x / x.sum(), y / y.sum()))
    equilibria.sort(key=lambda pq: tuple(-np.round(np.concatenate(pq), 12)))
    return EquilibriumSet(equilibria, degenerate)
