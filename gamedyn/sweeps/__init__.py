"""Many runs: :func:`sweep` runs a function over a grid of parameters and seeds, in this
process, a process pool or a dask cluster, and returns a labelled ``xarray.Dataset``;
:mod:`gamedyn.sweeps.studies` holds ready-made studies to sweep.

xarray is imported when a sweep runs, so ``import gamedyn`` stays light.
"""

from __future__ import annotations

from gamedyn.sweeps._core import SweepError, SweepWarning, sweep, vectorized

__all__ = ["SweepError", "SweepWarning", "sweep", "vectorized"]
