"""Step sizes for which a method's update map contracts at a fixed point."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from gamedyn._validation import check_positive, check_positive_int
from gamedyn.stability.analyze import as_differentiable
from gamedyn.stability.linearize import update_jacobian

__all__ = ["StepSizeRegion", "stable_step_sizes", "spectral_radius"]


@dataclass(frozen=True, eq=False)
class StepSizeRegion:
    """Where ``rho(dF) < 1``.

    Attributes
    ----------
    method : str
    intervals : list of (float, float)
        Open intervals of a common step size ``eta`` (both players) that contract.
    exact : bool
        Whether the intervals come from a closed form (simultaneous steps) rather than
        root finding.
    lr1, lr2 : ndarray or None
        Grid axes of the two-timescale region (player 1's and player 2's step sizes).
    contracting : ndarray of bool or None, shape (len(lr2), len(lr1))
        ``contracting[j, i]`` for ``lr = (lr1[i], lr2[j])``.
    spectral_radius : ndarray or None
        ``rho`` on the same grid.
    """

    method: str
    intervals: list
    exact: bool
    lr1: np.ndarray | None = None
    lr2: np.ndarray | None = None
    contracting: np.ndarray | None = None
    spectral_radius: np.ndarray | None = None

    def contains(self, eta: float) -> bool:
        """Whether a common step size ``eta`` contracts."""
        return any(low < eta < high for low, high in self.intervals)

    def __str__(self) -> str:
        if not self.intervals:
            text = f"{self.method}: no common step size contracts"
        else:
            spans = ", ".join(f"({low:.6g}, {high:.6g})" for low, high in self.intervals)
            text = f"{self.method}: contracting for eta in {spans}"
        if self.contracting is not None:
            text += (f"; two-timescale grid: {self.contracting.mean():.0%} of "
                     f"{self.contracting.size} (lr1, lr2) pairs contract")
        return text


def spectral_radius(game: Any, point: Any, dynamics: Any) -> float:
    """``max |lambda|`` of the linearized update map of ``dynamics`` at ``point``."""
    from gamedyn.dynamics import get_dynamics

    game, point = as_differentiable(game, point)
    return float(np.abs(np.linalg.eigvals(update_jacobian(game, point,
                                                          get_dynamics(dynamics)))).max())


def _simultaneous_intervals(eigenvalues: np.ndarray) -> list:
    """``|1 + eta lambda| < 1  <=>  0 < eta < -2 Re(lambda) / |lambda|^2`` for all lambda."""
    if np.any(eigenvalues.real >= 0):
        return []
    bound = float(np.min(-2 * eigenvalues.real / np.abs(eigenvalues) ** 2))
    return [(0.0, bound)]


def stable_step_sizes(
    game: Any,
    point: Any,
    method: Any = "simultaneous",
    *,
    lr_max: float | None = None,
    resolution: int = 400,
    two_timescale: bool = False,
    **method_params: Any,
) -> StepSizeRegion:
    """The step sizes where ``method``'s update map contracts at the fixed point.

    Simultaneous steps have the exact rule ``|1 + eta lambda| < 1``, i.e.
    ``eta < -2 Re(lambda) / |lambda|^2`` for every eigenvalue ``lambda`` of ``J`` (empty
    when some ``Re(lambda) >= 0``). Other methods: ``rho(eta)`` is evaluated on a grid of
    ``resolution`` step sizes in ``(0, lr_max]`` and each crossing of 1 refined by
    Brent's method. With ``two_timescale=True`` the region over ``(lr1, lr2)`` is also
    computed on a ``resolution/8``-square grid.

    Parameters
    ----------
    method : str or Dynamics class name
        A registered gradient method ("simultaneous", "alternating", "extragradient",
        "optimistic", "momentum", "consensus", "sga", "proximal_point").
    lr_max : float, optional
        Largest step size examined (default ``4 / max |lambda|``).
    method_params
        Other hyper-parameters of the method (``beta``, ``gamma``, ``lam``, ``steps``).
    """
    from scipy.optimize import brentq

    from gamedyn.dynamics import get_dynamics

    game, point = as_differentiable(game, point)
    name = method if isinstance(method, str) else getattr(method, "name", str(method))
    resolution = check_positive_int(resolution, "resolution", minimum=16)
    eigenvalues = np.linalg.eigvals(game.jacobian(point))
    largest = float(np.abs(eigenvalues).max()) if eigenvalues.size else 1.0
    lr_max = check_positive(lr_max, "lr_max") if lr_max is not None else 4.0 / max(largest,
                                                                                   1e-12)

    def rho(lr1: float, lr2: float | None = None) -> float:
        lr = lr1 if lr2 is None else (lr1, lr2)
        dynamics = get_dynamics(name, lr=lr, **method_params)
        return float(np.abs(np.linalg.eigvals(update_jacobian(game, point, dynamics))).max())

    rho(lr_max)  # validates the method and its parameters once, with a clear error
    if name == "simultaneous" and not method_params:
        intervals, exact = _simultaneous_intervals(eigenvalues), True
        intervals = [(low, min(high, np.inf)) for low, high in intervals]
    else:
        grid = np.linspace(lr_max / resolution, lr_max, resolution)
        values = np.array([rho(eta) for eta in grid]) - 1.0
        intervals, start = [], (0.0 if values[0] < 0 else None)
        for k in range(1, resolution):
            if (values[k - 1] < 0) != (values[k] < 0):
                crossing = brentq(lambda eta: rho(eta) - 1.0, grid[k - 1], grid[k], xtol=1e-12)
                if values[k] < 0:
                    start = crossing
                else:
                    intervals.append((start, crossing))
                    start = None
        if start is not None:
            intervals.append((start, lr_max))
        exact = False
    if not two_timescale:
        return StepSizeRegion(name, intervals, exact)
    side = max(resolution // 8, 8)
    lr1 = np.linspace(lr_max / side, lr_max, side)
    lr2 = np.linspace(lr_max / side, lr_max, side)
    radius = np.array([[rho(a, b) for a in lr1] for b in lr2])
    return StepSizeRegion(name, intervals, exact, lr1=lr1, lr2=lr2, contracting=radius < 1,
                          spectral_radius=radius)
