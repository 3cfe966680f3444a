"""Matplotlib drawings of gamedyn's objects; no maths of their own.

matplotlib is imported inside each function, so ``import gamedyn.plot`` stays light.
Every helper takes an optional ``ax`` and returns the axes it drew on; without one it
draws on a new pyplot-managed figure (``plt.show()`` shows it, a notebook displays it).
:func:`new_figure` makes a figure pyplot does not manage (for saving many figures in
one process); pass its axes to draw there.
Results have ``plot()`` methods calling :func:`plot_trajectory`, :func:`plot_gan_run` and
:func:`plot_step_sizes`.
"""

from gamedyn.plot.animation import animate
from gamedyn.plot.drawings import (
    eigenvalue_plane,
    new_figure,
    phase_portrait,
    simplex_axes,
    simplex_xy,
    trajectory,
)
from gamedyn.plot.results import plot_gan_run, plot_step_sizes, plot_trajectory

__all__ = [
    "animate",
    "eigenvalue_plane",
    "new_figure",
    "phase_portrait",
    "plot_gan_run",
    "plot_step_sizes",
    "plot_trajectory",
    "simplex_axes",
    "simplex_xy",
    "trajectory",
]
