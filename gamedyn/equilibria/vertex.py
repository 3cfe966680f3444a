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
Payoffs are first normalized to each player's range and then shifted to ``[1, 2]``, so
that the polytopes, and every tolerance, are the same at every scale of the payoffs.
"""

from __future__ import annotations

from collections.abc import Iterable
from math import comb
from numbers import Real

import numpy as np

from gamedyn._progress import check_progress, progress_bar, shows_progress
from gamedyn._validation import as_real_array, check_nonnegative, check_positive
from gamedyn.equilibria.conditions import RTOL, check_game, normalized_payoffs
from gamedyn.equilibria.exact import magnitude
from gamedyn.games.bimatrix import BimatrixGame

__all__ = ["EquilibriumSet", "all_nash", "enumeration_estimate", "is_degenerate",
           "polytope_vertices"]

_TOL = RTOL
#: seconds per vertex and dimension of Qhull on the polar, measured on a 2020s x86 core
_SECONDS_PER_VERTEX = 1e-7


class EquilibriumSet(list[tuple[np.ndarray, np.ndarray]]):
    """A list of equilibria ``(p, q)`` that also says whether the game is degenerate.

    Parameters
    ----------
    items : iterable of (ndarray, ndarray)
        The equilibria ``(p, q)``.
    degenerate : bool
        Whether the game is degenerate.

    Attributes
    ----------
    degenerate : bool
        True if some mixed strategy with support size ``k`` has more than ``k`` pure
        best responses; then equilibria may come in connected sets, and the list holds
        their extreme points.

    Examples
    --------
    >>> import gamedyn as gd
    >>> equilibria = gd.equilibria.all_nash(gd.games.stag_hunt())
    >>> len(equilibria), equilibria.degenerate
    (3, False)
    """

    def __init__(self, items: Iterable[tuple[np.ndarray, np.ndarray]], degenerate: bool
                 ) -> None:
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
        Matrix with entries in ``[1, 2]`` (``B`` for the row player's polytope, ``A.T``
        for the column player's, normalized to their ranges and shifted by 1).
    tol : float
        A coordinate ``<= tol`` is a zero (set to exactly 0) and ``|(M^T x)_j - 1| <=
        tol`` a tight constraint; with ``M`` in ``[1, 2]`` this is a fraction of the
        payoff range.

    Returns
    -------
    vertices : ndarray, shape (v, k)
        The nonzero vertices, one per row.
    labels : ndarray of int, shape (v,)
        Bit ``i`` set when ``x_i = 0`` (``i < k``), bit ``k + j`` when ``(M^T x)_j = 1``.

    Raises
    ------
    TypeError
        If ``M`` is not a real array or ``tol`` not a number.
    ValueError
        If ``M`` is not a finite, non-empty 2-D array with every entry positive (shift
        payoffs first, as :func:`all_nash` does: with a zero or negative entry the
        polytope may be unbounded or lose its interior), or ``tol`` is negative.

    References
    ----------
    Ziegler, G. M. (1995). *Lectures on Polytopes*, Springer, Section 2.3 (polarity).
    Barber, C. B., Dobkin, D. P. & Huhdanpaa, H. (1996). The Quickhull algorithm for
    convex hulls. ACM Trans. Math. Software 22(4), 469-483. von Stengel, B. (2002).
    Computing equilibria for two-person games. *Handbook of Game Theory* 3, ch. 45,
    Section 3 (the best-response polytopes and their labels).

    Examples
    --------
    >>> import numpy as np
    >>> vertices, labels = polytope_vertices(np.array([[2.0]]))
    >>> vertices.tolist(), labels.tolist()
    ([[0.5]], [2])
    """
    M = as_real_array(M, "M", ndim=2)
    tol = check_nonnegative(tol, "tol")
    if not np.all(M > 0):
        raise ValueError(
            "`M` must have every entry positive (payoffs shifted into [1, 2], as all_nash "
            f"does); its smallest entry is {M.min():.6g}."
        )
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
    vertices[zero] = 0.0  # a label x_i = 0 means exactly 0, not round-off
    tight = np.abs(vertices @ M - 1.0) <= tol
    bits = np.concatenate([zero, tight], axis=1)
    labels = _bit_masks(bits)
    # a vertex is determined by its tight constraints, so equal labels mean the same
    # vertex (a degenerate one reached through several simplices of its facet)
    labels, first = np.unique(labels, return_index=True)
    keep = labels != (1 << k) - 1  # the origin: every x_i = 0
    return vertices[first[keep]], labels[keep]


def _bit_masks(bits: np.ndarray) -> np.ndarray:
    """Each row of booleans as one integer (bit ``i`` for column ``i``): int64 up to 62
    labels, Python ints (an object array) beyond, where int64 would overflow."""
    count = bits.shape[1]
    if count <= 62:
        return bits.astype(np.int64) @ (np.int64(1) << np.arange(count, dtype=np.int64))
    weights = np.array([1 << i for i in range(count)], dtype=object)
    return bits.astype(object) @ weights


def _shifted(game: BimatrixGame) -> tuple[np.ndarray, np.ndarray]:
    """Payoffs normalized to each player's range and shifted to ``[1, 2]`` (a positive
    affine map: equilibria unchanged, and the same matrices at every payoff scale)."""
    A, B = normalized_payoffs(game)
    return A + 1.0, B + 1.0


def _vertex_bound(dim: int, facets: int) -> int:
    """McMullen's upper bound on the vertices of a ``dim``-polytope with ``facets`` facets."""
    if facets <= dim:
        return 1
    return (comb(facets - (dim + 1) // 2, dim // 2)
            + comb(facets - dim // 2 - 1, (dim + 1) // 2 - 1))


def _polytope_seconds(dim: int, facets: int) -> float:
    """Estimated Qhull time: vertices (bound) x dimension, growing faster past ~14-D."""
    try:
        vertices = float(_vertex_bound(dim, facets))
    except OverflowError:  # beyond 1.8e308 vertices (games past ~1000 x 1000)
        return float("inf")
    return _SECONDS_PER_VERTEX * vertices * dim * max(1.0, dim / 14.0) ** 1.7



def enumeration_estimate(shape: tuple[int, int]) -> tuple[int, float]:
    """The work of :func:`all_nash` on an ``m x n`` game, before doing it.

    Parameters
    ----------
    shape : (int, int)
        ``(m, n)``, the numbers of pure strategies.

    Returns
    -------
    vertices : int
        Upper bound on the number of vertices of the two best-response polytopes
        (McMullen's upper bound theorem for a ``m``-polytope and an ``n``-polytope with
        ``m + n`` facets each); random games reach about a quarter of it.
    seconds : float
        Rough time to enumerate them with Qhull on one 2020s x86 core (vertices times
        dimension, growing faster beyond 14 dimensions; calibrated on random games);
        ``inf`` past the float range (games beyond about 1000 x 1000).

    Raises
    ------
    TypeError
        If ``shape`` is not a pair of integers.
    ValueError
        If ``m`` or ``n`` is below 1.

    References
    ----------
    McMullen, P. (1970). The maximum numbers of faces of a convex polytope.
    *Mathematika* 17, 179-184.

    Examples
    --------
    >>> import gamedyn as gd
    >>> gd.equilibria.enumeration_estimate((10, 10))[0]
    8008
    """
    if isinstance(shape, (str, bytes)) or not hasattr(shape, "__len__") or len(shape) != 2:
        raise TypeError(f"`shape` must be a pair of integers (m, n); got {shape!r}.")
    for size in shape:
        if isinstance(size, (bool, np.bool_)) or not isinstance(size, (int, np.integer)):
            raise TypeError(f"`shape` must be a pair of integers (m, n); got {shape!r}.")
        if size < 1:
            raise ValueError(
                f"`shape` must be a pair of positive integers (m, n); got {shape!r}."
            )
    m, n = (int(size) for size in shape)
    vertices = _vertex_bound(m, m + n) + _vertex_bound(n, m + n)
    return vertices, _polytope_seconds(m, m + n) + _polytope_seconds(n, m + n)


def _with_progress(jobs: list, seconds: float, desc: str, progress: bool | None = None
                   ) -> list:
    """Run ``jobs`` (callables) one after another; with ``progress`` True, or None and
    about a second of work or more, show a tqdm bar that advances with the estimated time
    (Qhull releases the GIL); see :mod:`gamedyn._progress`."""
    if not shows_progress(progress, long=seconds >= 0.5):
        return [job() for job in jobs]
    import time
    from concurrent.futures import ThreadPoolExecutor, wait

    results = []
    total = max(round(seconds, 1), 0.1)
    with ThreadPoolExecutor(max_workers=1) as pool, progress_bar(
        progress, total=round(total, 1), unit="s (est.)", desc=desc, leave=False,
        bar_format="{desc}: {percentage:3.0f}%|{bar}| {elapsed} of ~{total} s estimated",
    ) as bar:
        start = time.perf_counter()
        shown = 0.0
        for job in jobs:
            future = pool.submit(job)
            while not future.done():
                wait([future], timeout=0.2)
                now = min(time.perf_counter() - start, 0.99 * total)
                bar.update(round(now - shown, 1))
                shown += round(now - shown, 1)
            results.append(future.result())
        bar.update(max(round(total - shown, 1), 0.0))
    return results


def _label_counts(labels: np.ndarray) -> np.ndarray:
    counts = np.zeros(labels.shape, dtype=labels.dtype)
    work = labels.copy()
    while np.any(work):
        counts += work & 1
        work >>= 1
    return counts


def _check_max_seconds(max_seconds: object) -> float | None:
    """``max_seconds`` checked: None or inf (no limit, returned as None) or a positive
    number (NaN, zero or negative: ValueError; anything else: TypeError)."""
    if max_seconds is None:
        return None
    if isinstance(max_seconds, Real) and max_seconds == np.inf:
        return None  # no limit, as None
    return check_positive(max_seconds, "max_seconds")


def _check_enumerable(shape: tuple[int, int], max_seconds: float | None) -> float:
    """The estimated seconds of enumeration; raise if beyond ``max_seconds``."""
    m, n = shape
    max_seconds = _check_max_seconds(max_seconds)
    vertex_bound, seconds = enumeration_estimate((m, n))
    if max_seconds is None:
        return seconds
    if seconds > max_seconds:
        raise ValueError(
            f"`game` ({m}x{n}) is beyond vertex enumeration: its best-response "
            f"polytopes may have up to {magnitude(vertex_bound)} vertices, an estimated "
            f"{seconds:.3g} s of work (limit max_seconds={max_seconds:g}). Use "
            f"lemke_howson(game, initial_label=k) for every label k in range({m + n}) "
            "to find equilibria instead, or raise `max_seconds`."
        )
    return seconds


def is_degenerate(game: BimatrixGame, *, max_seconds: float | None = 60.0,
                  progress: bool | None = None) -> bool:
    """Whether the game is degenerate (von Stengel 2002, Definition 3.2).

    A game is nondegenerate iff no mixed strategy with support size ``k`` has more than
    ``k`` pure best responses; equivalently no point of ``P`` has more than ``m`` labels
    and no point of ``Q`` more than ``n`` (checked on the vertices, where label counts
    are largest). Payoffs within ``1e-9`` of a player's payoff range (``max - min`` of
    its matrix) count as tied, on the payoffs normalized to that range, so the verdict
    does not depend on the payoffs' scale.

    Parameters
    ----------
    game : BimatrixGame
        The game (both players maximize).
    max_seconds : float or None
        As in :func:`all_nash`: refuse games whose vertex enumeration is estimated to
        take longer (None or ``inf`` never refuses; NaN, 0 or a negative number is a
        ValueError naming ``max_seconds``).
    progress : bool or None
        As in :func:`all_nash`.

    Returns
    -------
    bool
        True if the game is degenerate.

    Raises
    ------
    TypeError
        If ``game`` is not a BimatrixGame, or ``progress`` not True, False or None.
    ValueError
        If the game is beyond enumeration.

    References
    ----------
    von Stengel, B. (2002). Computing equilibria for two-person games. *Handbook of Game
    Theory* 3, ch. 45, Definition 3.2 and Theorem 3.4.

    Examples
    --------
    >>> import gamedyn as gd
    >>> gd.equilibria.is_degenerate(gd.games.stag_hunt())
    False
    >>> gd.equilibria.is_degenerate(gd.BimatrixGame([[1, 0], [0, 1]], [[1, 1], [0, 1]]))
    True
    """
    game = check_game(game)
    progress = check_progress(progress)
    seconds = _check_enumerable(game.shape, max_seconds)
    A, B = _shifted(game)
    m, n = game.shape
    (_, labels_p), (_, labels_q) = _with_progress(
        [lambda: polytope_vertices(B), lambda: polytope_vertices(A.T)], seconds,
        f"is_degenerate {m}x{n}", progress)
    return bool(np.any(_label_counts(labels_p) > m) or np.any(_label_counts(labels_q) > n))


def all_nash(game: BimatrixGame, exact: bool = False, *,
             max_seconds: float | None = 60.0, progress: bool | None = None
             ) -> EquilibriumSet:
    """Every extreme Nash equilibrium of a bimatrix game (both players maximize).

    The payoffs are normalized to each player's range first, so the answer is the same
    for ``(a A + b, c B + d)``, ``a, c > 0``, at every scale. Two payoffs within
    ``1e-9`` of the player's range (``max - min`` of its matrix) count as tied; this
    decides the labels, the ``degenerate`` flag and which strategies are played.
    Strategies outside an equilibrium's support have probability exactly 0.

    The work grows exponentially with the game's size; it is estimated first
    (:func:`enumeration_estimate`), and past about a second a progress bar (tqdm, on
    stderr; see ``progress``) shows the time spent against the estimate.

    Parameters
    ----------
    game : BimatrixGame
        Any ``m x n`` game, degenerate or not.
    exact : bool
        If True, compute in rational arithmetic from the game's exact payoffs
        (:meth:`BimatrixGame.exact_payoffs`): probabilities are object arrays of
        :class:`fractions.Fraction`, each equilibrium certified by the exact
        best-response conditions (:mod:`gamedyn.equilibria.exact`).
    max_seconds : float or None
        Floating-point mode: refuse games whose estimated enumeration time exceeds this
        many seconds (default 60; random 18 x 18 games pass, 20 x 20 do not). None
        or ``inf`` never refuses; otherwise a positive number. (Exact mode has its own
        estimate and limit.)
    progress : bool or None
        The progress bar of floating-point mode: None (default) shows it only in a
        terminal and for an enumeration estimated at about a second or more; True
        always (on stderr); False never.

    Returns
    -------
    EquilibriumSet
        A list of ``(p, q)`` pairs of mixed strategies, sorted with ``p`` then ``q``
        in decreasing lexicographic order, and the attribute ``degenerate``.

    Raises
    ------
    TypeError
        If ``game`` is not a BimatrixGame, ``max_seconds`` not a number or None, or
        ``progress`` not True, False or None.
    ValueError
        If ``max_seconds`` is NaN, zero or negative.
        If the game is beyond enumeration (estimate above ``max_seconds``); the message
        gives the estimate and the alternative, Lemke-Howson from every label.

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
    _check_max_seconds(max_seconds)  # in exact mode too, which has its own limit
    progress = check_progress(progress)
    if exact is not False:
        from gamedyn.equilibria.exact import exact_equilibrium_set

        return exact_equilibrium_set(game, exact, EquilibriumSet)
    game = check_game(game)
    m, n = game.shape
    seconds = _check_enumerable((m, n), max_seconds)
    A, B = _shifted(game)
    (vertices_p, labels_p), (vertices_q, raw_q) = _with_progress(
        [lambda: polytope_vertices(B), lambda: polytope_vertices(A.T)], seconds,
        f"all_nash {m}x{n}", progress)
    # Q's labels: (A y)_i = 1 -> i, y_j = 0 -> m + j; polytope_vertices(A.T) numbers
    # y_j = 0 as j and (A y)_i = 1 as n + i, so rotate the bits.
    zero_bits = raw_q & ((1 << n) - 1)
    tight_bits = raw_q >> n
    labels_q = tight_bits | (zero_bits << m)
    full = (1 << (m + n)) - 1
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
