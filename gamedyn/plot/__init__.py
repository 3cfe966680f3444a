"""Matplotlib drawings of gamedyn's objects; no maths of their own.

matplotlib is imported inside each function, so ``import gamedyn.plot`` stays light.
Every helper takes an optional ``ax`` and returns the axes it drew on.
"""

from gamedyn.plot.drawings import (
    eigenvalue_plane,
    new_figure,
    phase_portrait,
    simplex_axes,
    simplex_xy,
    trajectory,
)

__all__ = [
    "eigenvalue_plane",
    "new_figure",
    "phase_portrait",
    "simplex_axes",
    "simplex_xy",
    "trajectory",
]
