"""Maximal Nash subsets and connected components of the equilibria of bimatrix games.

In a degenerate game equilibria form convex sets. Join every extreme strategy ``p`` of
player 1 to every extreme strategy ``q`` of player 2 with which it forms an extreme
equilibrium: a bipartite graph. For a biclique ``X x Y`` of that graph (every pair an
extreme equilibrium), every profile in ``conv(X) x conv(Y)`` is an equilibrium, because
the best-response conditions are linear in each player's strategy with the other's
fixed (exchangeability). The inclusion-maximal bicliques are the *maximal Nash subsets*;
every equilibrium lies in one of them, and the equilibrium components (the connected
components of the set of equilibria) are the unions of maximal Nash subsets that are
linked by shared extreme strategies, i.e. the connected components of the graph
(Avis, Rosenberg, Savani & von Stengel 2010, Section 4).

The maximal bicliques are found as the closed pairs ``(X, Y)`` with ``Y`` = the common
neighbours of ``X`` and ``X`` = the common neighbours of ``Y``; the sets ``Y`` of such
pairs are exactly the non-empty intersections of neighbourhoods of single vertices.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import NamedTuple

import numpy as np

__all__ = ["Component", "NashSubset", "equilibrium_components"]


class NashSubset(NamedTuple):
    """A maximal Nash subset ``conv(p_vertices) x conv(q_vertices)``.

    Every profile ``(p, q)`` with ``p`` a convex combination of ``p_vertices`` and ``q``
    one of ``q_vertices`` is a Nash equilibrium, and no extreme strategy can be added to
    either side.
    """

    p_vertices: tuple[np.ndarray, ...]
    q_vertices: tuple[np.ndarray, ...]


class Component(NamedTuple):
    """A connected component of the equilibria: its maximal Nash subsets and the extreme
    equilibria ``(p, q)`` it contains (in the order of the equilibrium list)."""

    maximal_subsets: tuple[NashSubset, ...]
    equilibria: tuple[tuple[np.ndarray, np.ndarray], ...]

    def __repr__(self) -> str:
        return (f"Component({len(self.equilibria)} extreme equilibria, "
                f"{len(self.maximal_subsets)} maximal Nash subset(s))")


def _key(strategy: np.ndarray) -> tuple:
    """Identity of an extreme strategy: exact Fractions as they are; floats rounded to
    1e-10 (probabilities, so the rounding is scale-free)."""
    if strategy.dtype == object:
        return tuple(Fraction(v) for v in strategy)
    return tuple(np.round(strategy.astype(float), 10) + 0.0)


def equilibrium_components(
    equilibria: Sequence[tuple[np.ndarray, np.ndarray]],
) -> list[Component]:
    """Group extreme equilibria into maximal Nash subsets and connected components.

    Parameters
    ----------
    equilibria : sequence of (p, q)
        *All* extreme equilibria of a game (as :func:`~gamedyn.equilibria.all_nash`
        lists them); exact (Fraction) or float probabilities.

    Returns
    -------
    list of Component
        In the order of their first extreme equilibrium in ``equilibria``; inside each,
        maximal subsets sorted by the position of their first equilibrium.

    Examples
    --------
    von Stengel's (2002, Section 2.6) degenerate game: a segment of equilibria and an
    isolated one.

    >>> import gamedyn as gd
    >>> g = gd.BimatrixGame([[3, 3], [2, 5], [0, 6]], [[3, 3], [2, 6], [3, 1]])
    >>> segment, isolated = gd.equilibria.all_nash(g, exact=True).components
    >>> segment
    Component(2 extreme equilibria, 1 maximal Nash subset(s))
    >>> [q.tolist() for q in segment.maximal_subsets[0].q_vertices]
    [[Fraction(1, 1), Fraction(0, 1)], [Fraction(2, 3), Fraction(1, 3)]]

    References
    ----------
    Avis, D., Rosenberg, G., Savani, R. & von Stengel, B. (2010). Enumeration of Nash
    equilibria for two-player games. *Economic Theory* 42, 9-37, Section 4 (maximal Nash
    subsets by clique enumeration). Winkels, H.-M. (1979). An algorithm to determine all
    equilibrium points of a bimatrix game. In *Game Theory and Related Topics*.
    """
    p_index: dict[tuple, int] = {}
    q_index: dict[tuple, int] = {}
    p_of: list[np.ndarray] = []
    q_of: list[np.ndarray] = []
    edges: list[tuple[int, int]] = []
    for p, q in equilibria:
        p, q = np.asarray(p), np.asarray(q)
        i = p_index.setdefault(_key(p), len(p_of))
        if i == len(p_of):
            p_of.append(p)
        j = q_index.setdefault(_key(q), len(q_of))
        if j == len(q_of):
            q_of.append(q)
        edges.append((i, j))
    neighbours_p = [0] * len(p_of)  # bit j: (p_i, q_j) is an extreme equilibrium
    neighbours_q = [0] * len(q_of)
    for i, j in edges:
        neighbours_p[i] |= 1 << j
        neighbours_q[j] |= 1 << i

    # connected components of the bipartite graph (union-find on p's; q's join them)
    parent = list(range(len(p_of)))

    def find(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for mask in neighbours_q:
        linked = _bits(mask)
        for i in linked[1:]:
            parent[find(i)] = find(linked[0])

    # closed sets Y: all non-empty intersections of neighbourhoods of single p's
    closed: set[int] = set()
    for mask in neighbours_p:
        closed |= {mask & other for other in closed if mask & other}
        closed.add(mask)
    subsets: dict[int, list[tuple[int, int]]] = {}
    for Y in closed:
        X = (1 << len(p_of)) - 1
        for j in _bits(Y):
            X &= neighbours_q[j]
        subsets.setdefault(find(_bits(X)[0]), []).append((X, Y))

    order = {pair: position for position, pair in enumerate(edges)}
    components = []
    root_of_edge = [find(i) for i, _ in edges]
    for root in dict.fromkeys(root_of_edge):
        members = tuple(
            (p_of[i], q_of[j]) for (i, j), r in zip(edges, root_of_edge) if r == root)
        maximal = sorted(subsets[root], key=lambda XY: min(
            order[(i, j)] for i in _bits(XY[0]) for j in _bits(XY[1])))
        components.append(Component(
            tuple(NashSubset(tuple(p_of[i] for i in _bits(X)),
                             tuple(q_of[j] for j in _bits(Y))) for X, Y in maximal),
            members,
        ))
    return components


def _bits(mask: int) -> list[int]:
    return [index for index in range(mask.bit_length()) if mask >> index & 1]
