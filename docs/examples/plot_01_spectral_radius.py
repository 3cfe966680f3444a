"""
Spectral radius against the step size
=====================================

Spectral radius of each method's update map against the step size on v = a*b.

The figure is made by :func:`gamedyn.gallery.rotation.make_spectral_radius` with its default
arguments; ``gamedyn figures --only spectral_radius`` writes it to
``figures/spectral_radius.png``.
"""

from gamedyn.gallery.rotation import make_spectral_radius

figure = make_spectral_radius()
