"""Phase portraits, trajectories, eigenvalues against the unit circle, simplices."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from matplotlib.figure import Figure

from gamedyn._validation import (
    as_real_array,
    check_bool,
    check_positive,
    check_positive_int,
)
from gamedyn.games.differentiable import DifferentiableGame

_MAX_PANELS = 100  # rows * cols of one figure
_MAX_DENSITY = 1000  # grid points per side of a phase portrait

__all__ = ["new_figure", "phase_portrait", "trajectory", "eigenvalue_plane", "simplex_xy",
           "simplex_axes"]


def new_figure(rows: int = 1, cols: int = 1, *, size: float = 3.6, **kwargs: Any
               ) -> tuple[Figure, Any]:
    """A figure with a grid of axes (``Figure``, ``ndarray`` of axes), Agg-safe.

    ``rows * cols`` is at most 100 and ``size`` (inches per panel) at most 50; other
    keyword arguments go to :meth:`matplotlib.figure.Figure.subplots`.

    The figure is **not** managed by pyplot, on purpose: the gallery, the CLI and the
    sweeps make many figures in one process and save them (``figure.savefig``); pyplot
    would keep each one alive until closed. So ``plt.show()`` does not show it; in a
    notebook make ``figure`` a cell's value to display it. For a figure pyplot shows,
    call the helpers without ``ax`` (each draws on a new pyplot-managed figure) or pass
    them axes of :func:`matplotlib.pyplot.subplots`.

    Parameters
    ----------
    rows, cols : int, default 1
        Rows and columns of panels (``rows * cols <= 100``).
    size : float, default 3.6
        Inches per panel (at most 50).
    **kwargs
        Passed to :meth:`matplotlib.figure.Figure.subplots`.

    Returns
    -------
    figure : matplotlib.figure.Figure
        The figure (constrained layout).
    axes : ndarray of matplotlib.axes.Axes, shape (rows, cols)
        Its panels.

    Raises
    ------
    TypeError, ValueError
        For counts that are not positive integers, too many panels, or a bad ``size``.

    Examples
    --------
    >>> import io
    >>> import matplotlib.pyplot as plt
    >>> from gamedyn.plot import new_figure
    >>> before = plt.get_fignums()
    >>> figure, axes = new_figure(1, 2)
    >>> axes.shape, figure.get_size_inches().tolist()
    ((1, 2), [7.2, 3.6])
    >>> plt.get_fignums() == before       # not pyplot's: plt.show() does not show it
    True
    >>> figure.savefig(io.BytesIO(), format="png")   # save it (or display it in a notebook)
    """
    from matplotlib.figure import Figure

    rows = check_positive_int(rows, "rows")
    cols = check_positive_int(cols, "cols")
    if rows * cols > _MAX_PANELS:
        raise ValueError(f"`rows` * `cols` must be at most {_MAX_PANELS}; got {rows} x {cols}.")
    size = check_positive(size, "size")
    if size > 50:
        raise ValueError(f"`size` must be at most 50 inches per panel; got {size:g}.")

    figure = Figure(figsize=(size * cols, size * rows), layout="constrained")
    axes = figure.subplots(rows, cols, squeeze=False, **kwargs)
    return figure, axes


def _axes(ax: Any) -> Any:
    """``ax``, or new axes on a pyplot-managed figure (so ``plt.show()`` shows it and a
    notebook displays it). The gallery's recipes pass axes of :func:`new_figure`, which
    pyplot does not manage (see there why)."""
    if ax is None:
        import matplotlib.pyplot as plt

        return plt.figure(layout="constrained").subplots()
    from matplotlib.axes import Axes

    if not isinstance(ax, Axes):
        raise TypeError(f"`ax` must be a matplotlib Axes or None; got {type(ax).__name__}.")
    return ax


def _color(value: Any, name: str = "color") -> Any:
    from matplotlib.colors import is_color_like

    if value is not None and not (isinstance(value, (str, tuple)) and is_color_like(value)):
        raise ValueError(f"`{name}` must be a matplotlib color (e.g. 'C1', 'k', '0.6'); "
                         f"got {value!r}.")
    return value


def _label(value: Any, name: str = "label") -> Any:
    if value is not None and not isinstance(value, str):
        raise TypeError(f"`{name}` must be a string or None; got {value!r}.")
    return value


def phase_portrait(game: DifferentiableGame, bounds: Any, *, ax: Any = None,
                   density: int = 21, stream: bool = True, color: str = "0.6") -> Any:
    """The field ``xi`` of a game with ``n1 = n2 = 1`` on a grid (stream or quiver plot).

    ``bounds = ((x_min, x_max), (y_min, y_max))``; x is player 1's parameter.
    ``density`` grid points per side (2 to 1000).

    Parameters
    ----------
    game : DifferentiableGame
        A game with one parameter per player.
    bounds : array_like, shape (2, 2)
        ``((x_min, x_max), (y_min, y_max))``; x is player 1's parameter.
    ax : matplotlib.axes.Axes, optional
        Where to draw (default: new axes on a pyplot-managed figure).
    density : int
        Grid points per side (2 to 1000).
    stream : bool
        Streamlines (True) or arrows (False).
    color : matplotlib color, optional
        The lines' color.

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on.

    Raises
    ------
    TypeError
        If ``game`` is not a DifferentiableGame or ``ax`` not an Axes.
    ValueError
        For a game with ``n != 2``, bad ``bounds``, ``density`` or ``color``.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> import gamedyn as gd
    >>> ax = gd.plot.phase_portrait(gd.games.bilinear(), [[-1, 1], [-1, 1]])
    >>> ax.figure.number in plt.get_fignums()     # pyplot-managed: plt.show() shows it
    True
    >>> ax.get_xlim()
    (np.float64(-1.0), np.float64(1.0))
    """
    if not isinstance(game, DifferentiableGame):
        raise TypeError(f"`game` must be a DifferentiableGame; got {type(game).__name__} "
                        "(for a bimatrix game draw game.mixed()).")
    if game.n != 2:
        raise ValueError(f"`game` must have n1 + n2 = 2 to draw a phase portrait; got {game.n}.")
    bounds = as_real_array(bounds, "bounds", ndim=2)
    if bounds.shape != (2, 2) or np.any(bounds[:, 0] >= bounds[:, 1]):
        raise ValueError("`bounds` must be ((x_min, x_max), (y_min, y_max)) with each min "
                         f"below its max; got {bounds.tolist()}.")
    density = check_positive_int(density, "density", minimum=2)
    if density > _MAX_DENSITY:
        raise ValueError(f"`density` must be at most {_MAX_DENSITY}; got {density}.")
    check_bool(stream, "stream")
    _color(color)
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
    """A path of 2-D states ``(steps, 2)`` (or ``(steps, batch, 2)``: one line each).

    Parameters
    ----------
    states : array_like, shape (steps, 2) or (steps, batch, 2)
        The path(s), e.g. ``Trajectory.states``.
    ax : matplotlib.axes.Axes, optional
        Where to draw (default: new axes on a pyplot-managed figure).
    label : str, optional
        Legend label of the line(s).
    color : matplotlib color, optional
        The lines' color.
    marker_start : bool
        Mark each start with a dot.
    **kwargs
        Passed to :meth:`matplotlib.axes.Axes.plot`.

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on.

    Raises
    ------
    TypeError
        For a ``label`` that is not a string or an ``ax`` that is not an Axes.
    ValueError
        For ``states`` of another shape or a bad ``color``.

    Examples
    --------
    >>> import gamedyn as gd
    >>> run = gd.simulate(gd.games.bilinear(), "extragradient", [1.0, 0.0], 20)
    >>> len(gd.plot.trajectory(run.states).lines)   # on a new pyplot-managed figure
    2
    """
    states = as_real_array(states, "states")
    if states.ndim not in (2, 3) or states.shape[-1] != 2:
        raise ValueError(f"`states` must have shape (steps, 2) or (steps, batch, 2); got "
                         f"{states.shape}.")
    _label(label)
    _color(color)
    check_bool(marker_start, "marker_start")
    ax = _axes(ax)
    paths = states[:, None, :] if states.ndim == 2 else states
    for index in range(paths.shape[1]):
        line, = ax.plot(paths[:, index, 0], paths[:, index, 1], color=color,
                        label=label if index == 0 else None, lw=1.2, **kwargs)
        if marker_start:
            ax.plot(*paths[0, index], "o", ms=3, color=line.get_color())
    return ax


def eigenvalue_plane(eigenvalues: Any, *, ax: Any = None, label: str | None = None,
                     unit_circle: bool = True, marker: str = "o", **kwargs: Any) -> Any:
    """Draw eigenvalues in the complex plane, with the unit circle and the imaginary axis.

    ``eigenvalues`` is a finite array of complex (or real) numbers, any shape.

    Parameters
    ----------
    eigenvalues : array_like
        Finite complex (or real) numbers, any shape.
    ax : matplotlib.axes.Axes, optional
        Where to draw (default: new axes on a pyplot-managed figure).
    label : str, optional
        Legend label of the markers.
    unit_circle : bool
        Draw the unit circle (the stability boundary of a map).
    marker : str
        A matplotlib marker.
    **kwargs
        Passed to :meth:`matplotlib.axes.Axes.plot`.

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on.

    Raises
    ------
    TypeError
        For ``eigenvalues`` that are not numbers or a ``label`` that is not a string.
    ValueError
        For non-finite eigenvalues or a bad ``marker``.

    Examples
    --------
    >>> import gamedyn as gd
    >>> report = gd.stability.analyze(gd.games.bilinear(), [0, 0], dynamics="extragradient")
    >>> ax = gd.plot.eigenvalue_plane(report.eigenvalues)   # a new pyplot-managed figure
    >>> ax.get_xlabel(), ax.get_ylabel()
    ('Re', 'Im')
    """
    eigenvalues = _complex_array(eigenvalues, "eigenvalues")
    _label(label)
    check_bool(unit_circle, "unit_circle")
    _marker(marker)
    ax = _axes(ax)
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


def _complex_array(value: Any, name: str) -> np.ndarray:
    if isinstance(value, (str, bytes)) or value is None:
        raise TypeError(f"`{name}` must be an array of numbers; got {value!r}.")
    try:
        array = np.asarray(value)
    except ValueError:
        raise TypeError(f"`{name}` must be a rectangular array of numbers.") from None
    if array.dtype.kind not in "iufc":
        raise TypeError(f"`{name}` must hold numbers; got dtype {array.dtype}.")
    array = array.astype(complex)
    if not np.all(np.isfinite(array)):
        raise ValueError(f"`{name}` must be finite.")
    return array


def _marker(value: Any) -> None:
    from matplotlib.markers import MarkerStyle

    try:
        MarkerStyle(value)
    except (ValueError, TypeError):
        raise ValueError(f"`marker` must be a matplotlib marker (e.g. 'o'); got "
                         f"{value!r}.") from None
    if value is None:
        raise ValueError("`marker` must be a matplotlib marker (e.g. 'o'); got None.")


def simplex_xy(shares: np.ndarray) -> np.ndarray:
    """Barycentric coordinates ``(..., 3)`` to points of an equilateral triangle.

    Parameters
    ----------
    shares : array_like, shape (..., 3)
        Mixed strategies of three pure strategies.

    Returns
    -------
    ndarray, shape (..., 2)
        Corners at ``(0, 0)``, ``(1, 0)`` and ``(1/2, sqrt(3)/2)``.

    Examples
    --------
    >>> from gamedyn.plot import simplex_xy
    >>> simplex_xy([1/3, 1/3, 1/3]).round(6)            # the centroid
    array([0.5     , 0.288675])
    """
    shares = as_real_array(shares, "shares", min_ndim=1)
    if shares.shape[-1] != 3:
        raise ValueError(f"`shares` must have shape (..., 3); got {shares.shape}.")
    corners = np.array([[0.0, 0.0], [1.0, 0.0], [0.5, np.sqrt(3) / 2]])
    return shares @ corners


def simplex_axes(labels: tuple[str, str, str], *, ax: Any = None) -> Any:
    """Draw the probability simplex of three strategies as a triangle.

    Parameters
    ----------
    labels : tuple of str
        The three strategies' names, at the corners.
    ax : matplotlib.axes.Axes, optional
        Where to draw (default: new axes on a pyplot-managed figure).

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on.

    Raises
    ------
    TypeError
        If ``labels`` is not three strings.

    Examples
    --------
    >>> import gamedyn as gd
    >>> ax = gd.plot.simplex_axes(("Rock", "Paper", "Scissors"))   # pyplot-managed figure
    >>> [text.get_text() for text in ax.texts]
    ['Rock', 'Paper', 'Scissors']
    """
    if (isinstance(labels, str) or not isinstance(labels, (tuple, list)) or len(labels) != 3
            or not all(isinstance(label, str) for label in labels)):
        raise TypeError(f"`labels` must be three strings; got {labels!r}.")
    ax = _axes(ax)
    corners = simplex_xy(np.eye(3))
    ax.fill(corners[:, 0], corners[:, 1], facecolor="none", edgecolor="0.3", lw=1)
    offsets = np.array([[-0.06, -0.05], [0.02, -0.05], [-0.04, 0.03]])
    for corner, offset, label in zip(corners, offsets, labels):
        ax.text(*(corner + offset), label, fontsize=8)
    ax.set_aspect("equal")
    ax.axis("off")
    return ax
