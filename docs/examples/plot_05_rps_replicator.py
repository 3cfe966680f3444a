"""
Replicator orbits and fictitious play cycles
============================================

Replicator orbits around uniform play in RPS; fictitious play cycling in Shapley's game.

The figure is made by :func:`gamedyn.gallery.bimatrix.make_rps_replicator` with its default
arguments; ``gamedyn figures --only rps_replicator`` writes it to
``figures/rps_replicator.png``.
"""

from gamedyn.gallery.bimatrix import make_rps_replicator

figure = make_rps_replicator()
