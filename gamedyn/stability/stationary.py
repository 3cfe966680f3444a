"""Finding the stationary points of a game's field and analyzing each."""

from __future__ import annotations

from typing import Any

import numpy as np

from gamedyn._validation import as_real_array, check_positive, check_positive_int
from gamedyn.games.differentiable import DifferentiableGame
from gamedyn.stability.analyze import analyze
from gamedyn.stability.report import StabilityReport

__all__ = ["find_stationary_points"]


def find_stationary_points(
    game: DifferentiableGame,
    bounds: Any,
    *,
    grid: int = 9,
    tol: float = 1e-10,
    dynamics: Any = None,
) -> list[tuple[np.ndarray, StabilityReport]]:
    """Solve ``xi(z) = 0`` from a grid of starts and analyze every distinct solution.

    Parameters
    ----------
    game : DifferentiableGame
    bounds : array_like, shape (n, 2)
        Lower and upper bound per coordinate; starts form a ``grid``-point lattice per
        axis and solutions outside the box are discarded.
    grid : int
        Starts per axis (``grid ** n`` in all).
    tol : float
        Root tolerance; solutions closer than ``1e-6`` are merged.
    dynamics : optional
        Passed to :func:`analyze` for each point.

    Returns
    -------
    list of (point, StabilityReport), sorted by coordinates.
    """
    from scipy.optimize import root

    if not isinstance(game, DifferentiableGame):
        raise TypeError(f"`game` must be a DifferentiableGame; got {type(game).__name__}.")
    bounds = as_real_array(bounds, "bounds", ndim=2)
    if bounds.shape != (game.n, 2) or np.any(bounds[:, 0] >= bounds[:, 1]):
        raise ValueError(f"`bounds` must have shape ({game.n}, 2) with lower < upper; "
                         f"got {bounds.tolist()}.")
    grid = check_positive_int(grid, "grid", minimum=2)
    if grid ** game.n > 10**6:  # one root solve per start: refuse before allocating
        raise ValueError(f"`grid` = {grid} gives grid ** n = {grid:d} ** {game.n} starts, "
                         "more than the 1e6 one call may solve; lower `grid`.")
    tol = check_positive(tol, "tol")
    axes = [np.linspace(low, high, grid) for low, high in bounds]
    starts = np.stack(np.meshgrid(*axes, indexing="ij"), axis=-1).reshape(-1, game.n)
    found: list[np.ndarray] = []
    for start in starts:
        solution = root(game.field_unchecked, start, jac=game.jacobian, tol=tol)
        z = solution.x
        if (not solution.success or np.linalg.norm(game.field(z)) > 1e-8
                or np.any(z < bounds[:, 0] - 1e-9) or np.any(z > bounds[:, 1] + 1e-9)):
            continue
        if all(np.linalg.norm(z - other) > 1e-6 for other in found):
            found.append(z)
    found.sort(key=lambda z: tuple(np.round(z, 8)))
    return [(z, analyze(game, z, dynamics)) for z in found]
