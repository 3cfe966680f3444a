"""
The Dirac-GAN's vector fields
=============================

Vector fields and gradient play on the Dirac-GAN (after Mescheder et al. 2018).

The figure is made by :func:`gamedyn.gallery.continuous.make_dirac_gan` with its default
arguments; ``gamedyn figures --only dirac_gan`` writes it to
``figures/dirac_gan.png``.
"""

from gamedyn.gallery.continuous import make_dirac_gan

figure = make_dirac_gan()
