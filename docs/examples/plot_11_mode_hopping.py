"""
Mode hopping and three remedies
===============================

Mode hopping on a two-Gaussian mixture, and three ways of calming it.

Each MLP setting trains an ensemble of 8 runs from the same 8 initializations.
Left: generator mass nearest the mode at -1 over training, for the run that hops
most in the first setting (and the same initialization in the others; an affine
generator, which cannot fit two modes, for contrast). Right: mass moved between
the modes after the first quarter of training (:func:`gamedyn.gan.mode_swing`),
summed over the ensemble. A generator five times faster than its discriminator
oscillates; k_d = 5 discriminator steps, the two-timescale rule (discriminator five
times faster) or R1 = 3 calm it.

The figure is made by :func:`gamedyn.gallery.gan.make_mode_hopping` with its default
arguments; ``gamedyn figures --only mode_hopping`` writes it to
``figures/mode_hopping.png``.
"""

from gamedyn.gallery.gan import make_mode_hopping

figure = make_mode_hopping()
