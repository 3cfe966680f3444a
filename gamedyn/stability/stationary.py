"""Finding the stationary points of a game's field and analyzing each."""

from __future__ import annotations

from typing import Any

import numpy as np

from gamedyn._progress import check_progress, progress_bar
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
    progress: bool | None = None,
) -> list[tuple[np.ndarray, StabilityReport]]:
    """Solve ``xi(z) = 0`` from a grid of starts and analyze every distinct solution.

    Parameters
    ----------
    game : DifferentiableGame
        The game; its field ``xi`` is solved for ``xi(z) = 0``.
    bounds : array_like, shape (n, 2)
        Lower and upper bound per coordinate; starts form a ``grid``-point lattice per
        axis and solutions outside the box are discarded.
    grid : int
        Starts per axis (``grid ** n`` in all).
    tol : float
        Root tolerance; solutions closer than ``1e-6`` are merged.
    dynamics : optional
        Passed to :func:`analyze` for each point.
    progress : bool or None
        A progress bar of the starts solved, on stderr: None (default) shows it in a
        terminal once the search has taken a second; True always; False never.

    Returns
    -------
    list of (point, StabilityReport), sorted by coordinates.
        Each report carries the flow's (and the method's) verdict beside the game's:
        ``local_nash``, ``local_minimax`` (zero-sum games) and ``stackelberg``
        (:mod:`gamedyn.stability.concepts`), so non-Nash attractors and unreachable Nash
        points can be filtered, e.g.
        ``[z for z, r in found if r.flow_kind == "attracting" and r.local_nash is False]``.

    References
    ----------
    Moré, J. J., Garbow, B. S. & Hillstrom, K. E. (1980). User guide for MINPACK-1.
    Argonne National Laboratory ANL-80-74 (the hybrid Powell method of
    :func:`scipy.optimize.root`). Ratliff, L. J., Burden, S. A. & Sastry, S. S. (2013).
    Characterization and computation of local Nash equilibria in continuous games.
    Allerton (the classification of stationary points).

    Examples
    --------
    >>> import sympy as sp, gamedyn as gd
    >>> x, y = sp.symbols("x y")
    >>> game = gd.games.from_sympy(x**3 / 3 - x + x * y - y**2, minimize=[x], maximize=[y])
    >>> found = gd.stability.find_stationary_points(game, [[-3, 3], [-3, 3]], grid=5)
    >>> [(z.round(4).tolist(), r.flow_kind, r.local_nash) for z, r in found]  # x^2 + x/2 = 1
    [([-1.2808, -0.6404], 'saddle', False), ([0.7808, 0.3904], 'attracting', True)]
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
    progress = check_progress(progress)
    axes = [np.linspace(low, high, grid) for low, high in bounds]
    starts = np.stack(np.meshgrid(*axes, indexing="ij"), axis=-1).reshape(-1, game.n)
    found: list[np.ndarray] = []
    with progress_bar(progress, total=len(starts), desc="stationary points",
                      unit="start") as bar:
        for start in starts:
            bar.update()
            solution = root(game.field_unchecked, start, jac=game.jacobian, tol=tol)
            z = solution.x
            if (not solution.success or np.linalg.norm(game.field(z)) > 1e-8
                    or np.any(z < bounds[:, 0] - 1e-9) or np.any(z > bounds[:, 1] + 1e-9)):
                continue
            if all(np.linalg.norm(z - other) > 1e-6 for other in found):
                found.append(z)
    found.sort(key=lambda z: tuple(z.round(8)))
    return [(z, analyze(game, z, dynamics)) for z in found]
