"""
Eigenvalues against the unit circle
===================================

Game-Jacobian and update-map eigenvalues against the unit circle for several games.

The figure is made by :func:`gamedyn.gallery.rotation.make_eigenvalues` with its default
arguments; ``gamedyn figures --only eigenvalues`` writes it to
``figures/eigenvalues.png``.
"""

from gamedyn.gallery.rotation import make_eigenvalues

figure = make_eigenvalues()
