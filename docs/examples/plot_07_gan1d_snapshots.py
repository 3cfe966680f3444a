"""
The 1-D GAN during training
===========================

Data density, generator density and D(x) at several stages of training
(the picture of Goodfellow et al. 2014, Figure 1, from our own training).

The figure is made by :func:`gamedyn.gallery.gan.make_gan1d_snapshots` with its default
arguments; ``gamedyn figures --only gan1d_snapshots`` writes it to
``figures/gan1d_snapshots.png``.
"""

from gamedyn.gallery.gan import make_gan1d_snapshots

figure = make_gan1d_snapshots()
