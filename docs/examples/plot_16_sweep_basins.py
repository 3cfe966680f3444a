"""
Sweep: basins of the Stag Hunt under four dynamics
==================================================

Basins of the Stag Hunt's equilibria under four dynamics on a grid of starts.

Each start (P(row plays Stag), P(column plays Stag)) is played for 400 rounds and
coloured by the equilibrium it reaches (:func:`gamedyn.sweeps.studies.basins`).

The figure is made by :func:`gamedyn.gallery.sweeps.make_sweep_basins` with its default
arguments; ``gamedyn figures --only sweep_basins`` writes it to
``figures/sweep_basins.png``.
"""

from gamedyn.gallery.sweeps import make_sweep_basins

figure = make_sweep_basins()
