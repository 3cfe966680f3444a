"""
Training curves of the 1-D GAN
==============================

D(real), D(fake) -> 1/2, V -> -log 4, JSD and W1 falling; minimax vs non-saturating.

The figure is made by :func:`gamedyn.gallery.gan.make_gan1d_curves` with its default
arguments; ``gamedyn figures --only gan1d_curves`` writes it to
``figures/gan1d_curves.png``.
"""

from gamedyn.gallery.gan import make_gan1d_curves

figure = make_gan1d_curves()
