"""
Stability of the population GAN
===============================

Population-GAN eigenvalues at equilibrium with and without R1, and the
two-timescale region over (lr_g, lr_d) where simultaneous steps contract.

The figure is made by :func:`gamedyn.gallery.gan.make_gan1d_stability` with its default
arguments; ``gamedyn figures --only gan1d_stability`` writes it to
``figures/gan1d_stability.png``.
"""

from gamedyn.gallery.gan import make_gan1d_stability

figure = make_gan1d_stability()
