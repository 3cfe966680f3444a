"""
GAN stabilizers compared over 32 seeds
======================================

Fraction of 32 seeds converged (JSD < 0.02) and the median JSD over rounds, for
each stabilizer on ``0.5 N(-2, 0.5^2) + 0.5 N(2, 0.5^2)`` (monotone MLP generator,
MLP discriminator), each setting one ensemble from the same initializations.

The figure is made by :func:`gamedyn.gallery.stabilizers.make_gan_stabilizers` with its default
arguments; ``gamedyn figures --only gan_stabilizers`` writes it to
``figures/gan_stabilizers.png``.
"""

from gamedyn.gallery.stabilizers import make_gan_stabilizers

figure = make_gan_stabilizers()
