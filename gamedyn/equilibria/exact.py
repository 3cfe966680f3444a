"""Exact equilibria of bimatrix games in rational arithmetic.

Every extreme Nash equilibrium is a completely labelled pair of vertices of the
best-response polytopes (von Stengel 2002, Theorem 3.4)

    P = {x >= 0, B^T x <= 1},        Q = {A y <= 1, y >= 0},

with payoffs made positive (labels, hence equilibria, do not change under a positive
affine map of either player's payoffs). A vertex of ``P`` is the solution of a *basis*:
a row support ``I`` and a set ``T`` of tight columns with ``|I| = |T| = k``, solving
``B[I, T]^T x_I = 1``; the polytope's vertices are the feasible solutions over all bases.

The enumeration is exact and fast because it works in two stages.

1. **Float filter.** Every basis of both polytopes is solved at once in float64 (batched
   LAPACK) on payoffs normalized to ``[1, 11]``. A basis whose row-normalized matrix has
   ``|det| > 1e-5`` has condition number below ``2e5`` (Guggenheimer, Edelman & Johnson
   1995: ``kappa <= 2 / |det|`` for unit rows); with vertices of norm at most 1, the
   backward stability of LU with partial pivoting (growth factor at most ``2^7`` for
   ``k <= 8``) bounds the error of a computed slack by ``11 sqrt(k) kappa k eps 2^(k-1)``,
   below the tolerance ``1e-6`` for ``k <= 8`` (for larger ``k`` the bound assumes the
   usual small growth). Feasibility is accepted and labels are assigned with that
   tolerance, which can only *add* labels and vertices, never lose them. Bases below the
   determinant threshold (near-singular or singular) are solved exactly right away.
2. **Exact stage.** Only vertices in a pair whose (tolerant) labels cover every strategy
   can be an equilibrium; those few bases are solved again exactly with fraction-free
   integer elimination (Bareiss 1968) on the payoffs scaled to integers, their exact
   labels are computed, and a pair is kept iff its exact labels are complementary. Each
   equilibrium is finally certified by the exact best-response conditions on those
   integer payoffs (an exact positive affine image of the game's, so the conditions are
   the same); the tests also certify every result on the original Fractions.

Cost: ``C(m + n, m)`` small float solves per polytope (about 25 ms for an 8x8 game, 0.7 s
for 10x10, 9 s for 12x12); games needing more than ``5e7`` are refused up front with the
estimate. Exact solves are few: those of near-singular bases and of matched candidates.

References
----------
von Stengel, B. (2002). Computing equilibria for two-person games. *Handbook of Game
Theory* 3, ch. 45, Section 3. Avis, D., Rosenberg, G., Savani, R. & von Stengel, B. (2010).
Enumeration of Nash equilibria for two-player games. *Economic Theory* 42, 9-37.
Bareiss, E. H. (1968). Sylvester's identity and multistep integer-preserving Gaussian
elimination. *Math. Comp.* 22, 565-578. Guggenheimer, H. W., Edelman, A. S. & Johnson,
C. R. (1995). A simple estimate of the condition number of a linear system. *College
Math. J.* 26, 2-5.
"""

from __future__ import annotations

from fractions import Fraction
from functools import lru_cache
from itertools import combinations
from math import comb, gcd, lcm
from typing import Any

import numpy as np

from gamedyn.games.bimatrix import BimatrixGame

__all__ = ["all_nash_exact", "certify_nash", "integer_payoffs", "solve_integer"]

_DET_MIN = 1e-5  # row-normalized |det| above this: cond < 2e5, float vertex trusted
_TOL = 1e-6  # feasibility and label tolerance of the float filter (vertices sum <= 1)
_SPAN = 10.0  # float payoffs are normalized to [1, 1 + _SPAN]
_CHUNK = 1 << 15  # bases solved per batched LAPACK call
_MAX_BASES = 5 * 10**7  # beyond this many bases per polytope (minutes of work): refuse
_SECONDS_PER_BASIS = 1.5e-6  # rough cost of one basis in the float filter (both polytopes)


# ---------------------------------------------------------------- exact arithmetic
def integer_payoffs(M: np.ndarray) -> list[list[int]]:
    """A positive integer matrix with the same labels (best responses) as ``M``.

    ``M`` (Fractions) is multiplied by the common denominator of its entries and shifted
    so that its smallest entry is 1: a positive affine map, so every best response and
    every equilibrium is unchanged.

    Examples
    --------
    >>> from fractions import Fraction
    >>> import numpy as np
    >>> integer_payoffs(np.array([[Fraction(1, 2), Fraction(-1, 3)]], dtype=object))
    [[6, 1]]
    """
    denominator = lcm(*(value.denominator for value in M.flat))
    scaled = [[value.numerator * (denominator // value.denominator) for value in row]
              for row in M]
    low = min(min(row) for row in scaled)
    return [[value - low + 1 for value in row] for row in scaled]


def solve_integer(matrix: list[list[int]]) -> tuple[int, list[int]] | None:
    """Solve ``matrix @ x = 1`` exactly by fraction-free elimination.

    Parameters
    ----------
    matrix : list of k lists of k ints

    Returns
    -------
    (det, numerators) or None
        ``x = numerators / det`` with ``det > 0`` (the absolute determinant), or None if
        the matrix is singular.

    Notes
    -----
    Bareiss (1968): after step ``s`` every entry is a minor of the augmented matrix, so
    the divisions by the previous pivot are exact and the numbers stay small. The solution
    comes from back substitution in integers scaled by the final determinant.

    Examples
    --------
    >>> solve_integer([[2, 1], [1, 3]])  # x = (2/5, 1/5)
    (5, [2, 1])
    >>> solve_integer([[1, 2], [2, 4]]) is None
    True
    """
    k = len(matrix)
    rows = [list(row) + [1] for row in matrix]
    sign = 1
    previous = 1
    for s in range(k):
        pivot_row = next((r for r in range(s, k) if rows[r][s] != 0), None)
        if pivot_row is None:
            return None
        if pivot_row != s:
            rows[s], rows[pivot_row] = rows[pivot_row], rows[s]
            sign = -sign
        pivot = rows[s]
        p = pivot[s]
        for r in range(s + 1, k):
            row = rows[r]
            factor = row[s]
            for c in range(s + 1, k + 1):
                row[c] = (p * row[c] - factor * pivot[c]) // previous
            row[s] = 0
        previous = p
    det = rows[k - 1][k - 1]  # the determinant up to the sign of the row swaps
    # back substitution: det * x_i are integers (Cramer's rule)
    numerators = [0] * k
    for i in range(k - 1, -1, -1):
        row = rows[i]
        total = row[k] * det - sum(row[c] * numerators[c] for c in range(i + 1, k))
        numerators[i] = total // row[i]
    if det < 0:
        det, numerators = -det, [-value for value in numerators]
    del sign  # x does not depend on the sign convention of the determinant
    return det, numerators


def certify_nash(A: np.ndarray, B: np.ndarray, p: np.ndarray, q: np.ndarray) -> bool:
    """Exact Nash test: every strategy played is a best response (both maximize).

    Parameters
    ----------
    A, B : ndarray of Fraction, shape (m, n)
    p, q : ndarray of Fraction, shapes (m,), (n,)
        Probability vectors (checked: entries >= 0 summing to 1 exactly).

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> import numpy as np
    >>> A = np.array([[F(1), F(-1)], [F(-1), F(1)]], dtype=object)  # matching pennies
    >>> half = np.array([F(1, 2), F(1, 2)], dtype=object)
    >>> certify_nash(A, -A, half, half), certify_nash(A, -A, half, np.array([F(1), F(0)]))
    (True, False)
    """
    if any(v < 0 for v in p) or any(v < 0 for v in q) or sum(p) != 1 or sum(q) != 1:
        return False
    rows = A.dot(q)
    cols = p.dot(B)
    best_row, best_col = max(rows), max(cols)
    return all(rows[i] == best_row for i in range(len(p)) if p[i] != 0) and all(
        cols[j] == best_col for j in range(len(q)) if q[j] != 0
    )


# ---------------------------------------------------------------- float filter
@lru_cache(maxsize=64)
def _combinations(count: int, size: int, wide: bool) -> tuple[np.ndarray, np.ndarray]:
    """All ``size``-subsets of ``range(count)`` as rows, and their bit masks (Python
    ints in an object array when ``wide``: more than 62 labels overflow int64)."""
    subsets = np.array(list(combinations(range(count), size)), dtype=np.intp)
    if wide:
        masks = np.array([sum(1 << i for i in subset) for subset in subsets.tolist()],
                         dtype=object)
    else:
        masks = (np.int64(1) << subsets.astype(np.int64)).sum(axis=1)
    return subsets, masks


def _label_dtype(labels: int) -> type:
    """int64 bit masks hold up to 62 labels; beyond that, Python ints (object)."""
    return object if labels > 62 else np.int64


def _weights(start: int, count: int, dtype: type) -> np.ndarray:
    """Bit values ``2**start, ..., 2**(start + count - 1)`` as an array of ``dtype``."""
    return np.array([1 << b for b in range(start, start + count)], dtype=dtype)


def _float_vertices(M: np.ndarray, exact: list[list[int]]) -> tuple[list, list, dict]:
    """Candidate vertices of ``{x >= 0, M^T x <= 1}`` (M of shape (k, l), entries >= 1).

    Returns the bases ``(I, T)`` of every vertex the float filter accepts with their
    tolerant label masks (bit ``i``: ``x_i = 0``, bit ``k + j``: column ``j`` tight),
    and a dictionary of exactly solved vertices (near-singular bases) by basis.
    """
    k, l = M.shape
    bases: list[tuple[np.ndarray, np.ndarray]] = []
    masks: list[np.ndarray] = []
    exact_done: dict[tuple[tuple[int, ...], tuple[int, ...]], tuple] = {}
    dtype = _label_dtype(k + l)
    wide = dtype is object
    row_weights, col_weights = _weights(0, k, dtype), _weights(k, l, dtype)
    all_rows = (1 << k) - 1
    flat = np.ascontiguousarray(M).ravel()
    for size in range(1, min(k, l) + 1):
        rows, row_masks = _combinations(k, size, wide)
        cols, _ = _combinations(l, size, False)
        pairs = len(rows) * len(cols)
        for start in range(0, pairs, _CHUNK):
            index = np.arange(start, min(pairs, start + _CHUNK))
            which_I, which_T = index // len(cols), index % len(cols)
            I, T = rows[which_I], cols[which_T]
            # system rows: tight columns t in T, unknowns x_i for i in I: M[I, t]^T x_I = 1
            system = flat.take(I[:, None, :] * l + T[:, :, None])  # (N, size, size): [t, i]
            scale = np.sqrt(np.einsum("nti,nti->nt", system, system))
            unit = system / scale[:, :, None]
            good = np.abs(np.linalg.det(unit)) > _DET_MIN
            if not good.all():
                for n in np.flatnonzero(~good):  # near-singular: decide exactly
                    basis = (tuple(I[n].tolist()), tuple(T[n].tolist()))
                    vertex = _exact_vertex(exact, *basis)
                    if vertex is not None:
                        exact_done[basis] = vertex
                I, unit, scale = I[good], unit[good], scale[good]
                which_I, which_T = which_I[good], which_T[good]
            if len(I) == 0:
                continue
            x_I = np.linalg.solve(unit, (1.0 / scale)[:, :, None])[:, :, 0]
            x = np.zeros((len(I), k))
            x[np.arange(len(I))[:, None], I] = x_I
            slack = 1.0 - x @ M
            feasible = np.flatnonzero((x_I.min(axis=1) >= -_TOL) & (slack.min(axis=1) >= -_TOL))
            if len(feasible) == 0:
                continue
            I, x_I, slack = I[feasible], x_I[feasible], slack[feasible]
            which_I, which_T = which_I[feasible], which_T[feasible]
            tight = ((np.abs(slack) <= _TOL) * col_weights).sum(axis=1)
            labels = (all_rows ^ row_masks[which_I]) | tight
            small = np.abs(x_I) <= _TOL  # zero coordinates inside the basis (degenerate)
            if small.any():
                labels |= (small * row_weights[I]).sum(axis=1)
            bases.append((I, cols[which_T]))
            masks.append(labels)
    return bases, masks, exact_done


def _exact_vertex(exact: list[list[int]], I: tuple[int, ...], T: tuple[int, ...]
                  ) -> tuple[tuple[int, ...], int] | None:
    """The vertex of basis ``(I, T)`` exactly, or None if singular or infeasible.

    Returns ``(x, labels)``: ``x`` the vertex's direction as a tuple of coprime
    non-negative integers (``x`` up to a positive factor, length k) and the exact label
    mask (bit ``i``: ``x_i = 0``, bit ``k + j``: column ``j`` tight).
    """
    k, l = len(exact), len(exact[0])
    solution = solve_integer([[exact[i][t] for i in I] for t in T])
    if solution is None:
        return None
    det, numerators = solution
    if min(numerators) < 0:
        return None
    full = [0] * k
    for i, value in zip(I, numerators):
        full[i] = value
    labels = 0
    for i in range(k):
        if full[i] == 0:
            labels |= 1 << i
    for j in range(l):
        excess = sum(exact[i][j] * full[i] for i in I) - det  # det * ((M^T x)_j - 1)
        if excess > 0:
            return None
        if excess == 0:
            labels |= 1 << (k + j)
    common = gcd(*full)  # one key per vertex, whichever basis found it
    return tuple(value // common for value in full), labels


def _best_responses_hold(M: list[list[int]], mine: tuple[int, ...],
                         theirs: tuple[int, ...]) -> bool:
    """Exact test that every row ``i`` with ``mine[i] > 0`` maximizes ``(M theirs)_i``."""
    values = [sum(a * b for a, b in zip(row, theirs)) for row in M]
    best = max(values)
    return all(value == best for value, weight in zip(values, mine) if weight)


def _normalized(M: list[list[int]]) -> np.ndarray:
    """The integer payoffs (smallest entry 1) mapped onto ``[1, 1 + _SPAN]`` in float64.

    Made from the exact integers, not from the game's float payoffs: after a large
    shift, the doubles of the payoffs can lose the differences that decide the labels.
    """
    high = max(max(row) for row in M)
    if high == 1:
        return np.ones((len(M), len(M[0])))
    return 1.0 + _SPAN * np.array([[float(Fraction(v - 1, high - 1)) for v in row]
                                   for row in M])


def _rotate_q_labels(masks: np.ndarray, m: int, n: int) -> np.ndarray:
    """Q's labels from the polytope of ``A^T``: (y_j = 0 -> m + j, (A y)_i = 1 -> i).

    Works on one Python int and on arrays of masks alike.
    """
    zero_bits = masks & ((1 << n) - 1)
    return (masks >> n) | (zero_bits << m)


def magnitude(count: int, digits: int = 3) -> str:
    """A nonnegative integer in ``digits`` significant digits, also past the float range
    (truncated there, where ``f"{count:.3g}"`` raises OverflowError): ``'8.01e+03'``,
    ``'7.27e+454'``."""
    text = str(count)
    if len(text) <= 300:
        return f"{count:.{digits}g}"
    return f"{text[0]}.{text[1:digits]}e+{len(text) - 1}"


def basis_count(m: int, n: int) -> int:
    """Number of bases of each best-response polytope: ``C(m + n, m) - 1``."""
    return comb(m + n, m) - 1


def all_nash_exact(game: BimatrixGame) -> tuple[list[tuple[np.ndarray, np.ndarray]], bool]:
    """Every extreme equilibrium exactly, and whether the game is degenerate.

    Returns
    -------
    equilibria : list of (p, q)
        Object arrays of :class:`fractions.Fraction`, sorted with ``p`` then ``q`` in
        decreasing lexicographic order, each certified by the exact best-response
        conditions.
    degenerate : bool
        Exactly: whether some vertex of a best-response polytope has more labels than
        the dimension (von Stengel 2002, Definition 3.2 and Theorem 3.4).

    Raises
    ------
    ValueError
        If the game needs more than ``5e7`` bases per polytope (the message gives the
        estimate and what to use instead).

    Examples
    --------
    >>> import gamedyn as gd
    >>> equilibria, degenerate = all_nash_exact(gd.games.battle_of_the_sexes())
    >>> [(p.tolist(), q.tolist()) for p, q in equilibria][1], degenerate
    (([Fraction(3, 5), Fraction(2, 5)], [Fraction(2, 5), Fraction(3, 5)]), False)
    """
    m, n = game.shape
    work = basis_count(m, n)
    if work > _MAX_BASES:
        try:
            hours = f"{work * _SECONDS_PER_BASIS / 3600:.2g}"
        except OverflowError:  # more bases than a float can count (~1000 x 1000 games)
            hours = magnitude(work // round(3600 / _SECONDS_PER_BASIS), 2)
        raise ValueError(
            f"exact enumeration of a {m}x{n} game solves about {magnitude(work, 2)} linear "
            f"systems per player (roughly {hours} hours); this game is "
            f"beyond enumeration. Use lemke_howson(game, initial_label, exact=True) from "
            f"every label for some exact equilibria, or iterated_elimination first to "
            f"shrink the game."
        )
    exact_A, exact_B = game.exact_payoffs()
    int_A, int_B = integer_payoffs(exact_A), integer_payoffs(exact_B)
    int_At = [list(column) for column in zip(*int_A)]
    int_Bt = [list(column) for column in zip(*int_B)]
    full = (1 << (m + n)) - 1

    sides = []
    for M_float, M_int, size, rotate in (
        (_normalized(int_B), int_B, m, False),
        (_normalized(int_At), int_At, n, True),
    ):
        bases, masks, exact_done = _float_vertices(M_float, M_int)
        keys = [(tuple(i), tuple(t)) for I, T in bases
                for i, t in zip(I.tolist(), T.tolist())]
        dtype = _label_dtype(m + n)
        exact_labels: np.ndarray = np.array([vertex[1] for vertex in exact_done.values()],
                                            dtype=dtype)
        keys += list(exact_done)
        labels: np.ndarray = np.concatenate([*masks, exact_labels]).astype(dtype)
        if rotate:
            labels = _rotate_q_labels(labels, m, n)
        sides.append((M_int, keys, labels, exact_done, size, rotate))

    # degeneracy: a vertex with more than `size` exact labels; tolerant labels bound them
    degenerate = False
    cache: list[dict] = [{}, {}]
    for side, (*_, labels, _, size, _) in enumerate(sides):
        counts = np.array([int(v).bit_count() for v in labels.tolist()], dtype=np.int64)
        for index in np.flatnonzero(counts > size):
            vertex = _cached_vertex(cache[side], sides[side], int(index), m, n)
            if vertex is not None and vertex[1].bit_count() > size:
                degenerate = True
                break
        if degenerate:
            break

    labels_p, labels_q = sides[0][2], sides[1][2]
    match_p, match_q = np.nonzero((labels_p[:, None] | labels_q[None, :]) == full)
    found: dict[tuple, tuple[np.ndarray, np.ndarray]] = {}
    for i, j in zip(match_p.tolist(), match_q.tolist()):
        x = _cached_vertex(cache[0], sides[0], i, m, n)
        y = _cached_vertex(cache[1], sides[1], j, m, n)
        if x is None or y is None or (x[1] | y[1]) != full:
            continue
        key = (x[0], y[0])
        if key in found:
            continue
        # certificate: exact best-response conditions on the integer payoffs, a positive
        # affine image of the game's (so the conditions are the same)
        if not (_best_responses_hold(int_A, x[0], y[0])
                and _best_responses_hold(int_Bt, y[0], x[0])):
            raise RuntimeError("exact vertex enumeration produced a non-equilibrium; "
                               "please report this game.")
        found[key] = (_probabilities(x[0]), _probabilities(y[0]))
    equilibria = sorted(found.values(),
                        key=lambda pq: tuple(-v for v in np.concatenate(pq)))
    return equilibria, degenerate


def _probabilities(weights: tuple[int, ...]) -> np.ndarray:
    total = sum(weights)
    return np.array([Fraction(w, total) for w in weights], dtype=object)


def _cached_vertex(cache: dict, side: tuple, index: int, m: int, n: int) -> Any:
    """Exact vertex (x, labels in the game's numbering) of candidate ``index`` of a side."""
    if index in cache:
        return cache[index]
    M_int, keys, _, exact_done, _, rotate = side
    basis = keys[index]
    vertex = exact_done.get(basis)
    if vertex is None:
        vertex = _exact_vertex(M_int, *basis)
    if vertex is not None and rotate:
        vertex = (vertex[0], _rotate_q_labels(vertex[1], m, n))
    cache[index] = vertex
    return vertex


def exact_equilibrium_set(game: BimatrixGame, exact: object, container: type) -> Any:
    """``all_nash(game, exact=True)``: validate and fill the result container."""
    from gamedyn.equilibria.conditions import check_game

    if not isinstance(exact, (bool, np.bool_)):
        raise TypeError(f"`exact` must be True or False; got {exact!r}.")
    game = check_game(game)
    equilibria, degenerate = all_nash_exact(game)
    return container(equilibria, degenerate)


def zero_sum_exact(game: BimatrixGame, exact: object) -> Any:
    """``zero_sum(game, exact=True)``: the value and optimal strategies as Fractions.

    The float LP proposes supports; the extreme equilibria of the game restricted to
    them are computed exactly and the first one that satisfies the exact best-response
    conditions of the whole game is returned (in a constant-sum game every equilibrium
    is a pair of optimal strategies, von Neumann 1928). If none does (the float supports
    were wrong), the whole game is enumerated exactly, which always succeeds.
    """
    from gamedyn.equilibria.conditions import check_game
    from gamedyn.equilibria.zero_sum import ZeroSumSolution, zero_sum

    if not isinstance(exact, (bool, np.bool_)):
        raise TypeError(f"`exact` must be True or False; got {exact!r}.")
    game = check_game(game)
    A, B = game.exact_payoffs()
    if not _strictly_competitive(A, B):
        raise ValueError(
            "`game` must be zero-sum or, more generally, strictly competitive exactly: "
            "B = d - c A with c > 0 (constant-sum A + B = d included); use all_nash or "
            "lemke_howson for general games."
        )
    m, n = game.shape
    # the float LP sees the payoffs mapped exactly onto [1, 11] (supports do not change
    # under positive affine maps), so no scale or shift of the game can upset it
    guess = zero_sum(BimatrixGame(_normalized(integer_payoffs(A))))
    rows, cols = _support(guess.p), _support(guess.q)
    sub = BimatrixGame(A[np.ix_(rows, cols)], B[np.ix_(rows, cols)])
    for p_sub, q_sub in all_nash_exact(sub)[0]:
        p = np.full(m, Fraction(0), dtype=object)
        q = np.full(n, Fraction(0), dtype=object)
        p[rows], q[cols] = p_sub, q_sub
        if certify_nash(A, B, p, q):
            return ZeroSumSolution(p.dot(A).dot(q), p, q)
    p, q = all_nash_exact(game)[0][0]  # always certified
    return ZeroSumSolution(p.dot(A).dot(q), p, q)


def _strictly_competitive(A: np.ndarray, B: np.ndarray) -> bool:
    """Whether ``B = d - c A`` exactly for some ``c > 0`` (the float path's condition,
    :func:`gamedyn.equilibria.zero_sum`, decided in rational arithmetic)."""
    a, b = A.reshape(-1), B.reshape(-1)
    varying = [i for i in range(len(a)) if a[i] != a[0]]
    if not varying:  # A constant: so must B be (every profile is optimal)
        return all(value == b[0] for value in b)
    i = varying[0]
    c = (b[0] - b[i]) / (a[i] - a[0])
    return c > 0 and all(b[k] + c * a[k] == b[0] + c * a[0] for k in range(len(a)))


def _support(strategy: np.ndarray) -> np.ndarray:
    """Indices carrying probability in a float LP solution (relative threshold 1e-9)."""
    return np.flatnonzero(strategy > 1e-9 * strategy.max())
