"""
A mixture of generators against bump critics
============================================

Single-Gaussian generators against bump critics on a two-mode target: gradient play
on the parameters hops between the modes, no pure equilibrium exists, and the double
oracle (and, slower, fictitious play) trains a mixture of generators whose density is
the target's.

The figure is made by :func:`gamedyn.gallery.learning.make_gan_mixture` with its default
arguments; ``gamedyn figures --only gan_mixture`` writes it to
``figures/gan_mixture.png``.
"""

from gamedyn.gallery.learning import make_gan_mixture

figure = make_gan_mixture()
