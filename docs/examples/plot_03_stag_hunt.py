"""
Stag Hunt: basins of gradient play
==================================

Basins of projected gradient play in a 2x2 game's square, best-response paths.

``game`` is a 2x2 :class:`~gamedyn.games.BimatrixGame` (default: the catalogue Stag Hunt).
Starts whose run passes within 1e-6 of an interior equilibrium lie on its stable
manifold: they are coloured grey, since where they go next is decided by rounding.

The figure is made by :func:`gamedyn.gallery.bimatrix.make_stag_hunt` with its default
arguments; ``gamedyn figures --only stag_hunt`` writes it to
``figures/stag_hunt.png``.
"""

from gamedyn.gallery.bimatrix import make_stag_hunt

figure = make_stag_hunt()
