"""Phase portraits, trajectories, eigenvalues against the unit circle, simplices."""

from __future__ import annotations

from typing import Any

import numpy as np

from gamedyn.games.differentiable import DifferentiableGame

__all__ = ["new_figure", "phase_portrait", "trajectory", "eigenvalue_plane", "simplex_xy",
           "simplex_axes"]


def new_figure(rows: int = 1, cols: int = 1, *, size: float = 3.6, **kwargs: Any):
    """A figure with a grid of axes (``Figure``, ``ndarray`` of axes), Agg-safe."""
    from matplotlib.figure import Figure

    figure = Figure(figsize=(size * cols, size * rows), layout="constrained")
    axes = figure.subplots(rows, cols, squeeze=False, **kwargs)
    return figure, axes


def _axes(ax: Any):
    if ax is not None:
        return ax
    return new_figure()[1][0, 0]


def phase_portrait(game: DifferentiableGame, bounds: Any, *, ax: Any = None,
                   density: int = 21, stream: bool = True, color: str = "0.6") -> Any:
    """The field ``xi`` of a game with ``n1 = n2 = 1`` on a grid (stream or quiver plot).

    ``bounds = ((x_min, x_max), (y_min, y_max))``; x is player 1's parameter.
    """
    if game.n != 2:
        raise ValueError(f"`game` must have n1 + n2 = 2 to draw a phase portrait; got {game.n}.")
    ax = _axes(ax)
    (x0, x1), (y0, y1) = bounds
    xs, ys = np.linspace(x0, x1, density), np.linspace(y0, y1, density)
    grid = np.stack(np.meshgrid(xs, ys), axis=-1)
    field = game.field(grid)
    if stream:
        ax.streamplot(xs, ys, field[..., 0], field[..., 1], color=color, density=0.8,
                      linewidth=0.6, arrowsize=0.7)
    else:
        ax.quiver(grid[..., 0], grid[..., 1], field[..., 0], field[..., 1], color=color)
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    return ax


def trajectory(states: np.ndarray, *, ax: Any = None, label: str | None = None,
               color: Any = None, marker_start: bool = True, **kwargs: Any) -> Any:
    """A path of 2-D states ``(steps, 2)`` (or ``(steps, batch, 2)``: one line each)."""
    ax = _axes(ax)
    states = np.asarray(states)
    paths = states[:, None, :] if states.ndim == 2 else states
    for index in range(paths.shape[1]):
        line, = ax.plot(paths[:, index, 0], paths[:, index, 1], color=color,
                        label=label if index == 0 else None, lw=1.2, **kwargs)
        if marker_start:
            ax.plot(*paths[0, index], "o", ms=3, color=line.get_color())
    return ax


def eigenvalue_plane(eigenvalues: Any, *, ax: Any = None, label: str | None = None,
                     unit_circle: bool = True, marker: str = "o", **kwargs: Any) -> Any:
    """Eigenvalues in the complex plane, with the unit circle and the imaginary axis."""
    ax = _axes(ax)
    eigenvalues = np.asarray(eigenvalues, dtype=complex)
    if unit_circle:
        angle = np.linspace(0, 2 * np.pi, 400)
        ax.plot(np.cos(angle), np.sin(angle), color="0.5", lw=0.8)
    ax.axhline(0, color="0.8", lw=0.6)
    ax.axvline(0, color="0.8", lw=0.6)
    ax.plot(eigenvalues.real, eigenvalues.imag, marker, ls="none", label=label, **kwargs)
    ax.set_aspect("equal", adjustable="datalim")
    ax.set_xlabel("Re")
    ax.set_ylabel("Im")
    return ax


def simplex_xy(shares: np.ndarray) -> np.ndarray:
    """Barycentric coordinates ``(..., 3)`` to points of an equilateral triangle."""
    shares = np.asarray(shares, dtype=float)
    corners = np.array([[0.0, 0.0], [1.0, 0.0], [0.5, np.sqrt(3) / 2]])
    return shares @ corners


def simplex_axes(labels: tuple[str, str, str], *, ax: Any = None) -> Any:
    """Axes showing the probability simplex of three strategies as a triangle."""
    ax = _axes(ax)
    corners = simplex_xy(np.eye(3))
    ax.fill(corners[:, 0], corners[:, 1], facecolor="none", edgecolor="0.3", lw=1)
    offsets = np.array([[-0.06, -0.05], [0.02, -0.05], [-0.04, 0.03]])
    for corner, offset, label in zip(corners, offsets, labels):
        ax.text(*(corner + offset), label, fontsize=8)
    ax.set_aspect("equal")
    ax.axis("off")
    return ax
