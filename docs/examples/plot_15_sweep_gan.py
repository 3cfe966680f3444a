"""
Sweep: where the GAN converges over (lr_g, lr_d)
================================================

Share of seeds whose GAN converges over (lr_g, lr_d), against the analyzer.

Colour: the share of an ensemble (one run per seed) of affine/quadratic GANs on
N(0, 1), trained by plain simultaneous gradient steps for 2,000 rounds, that
converged (:func:`gamedyn.sweeps.studies.gan_convergence`). White line: where the
spectral radius of the same steps at the population game's equilibrium crosses 1
(:func:`gamedyn.sweeps.studies.gan_spectral_radius`); inside it the analyzer
predicts local convergence.

The figure is made by :func:`gamedyn.gallery.sweeps.make_sweep_gan` with its default
arguments; ``gamedyn figures --only sweep_gan`` writes it to
``figures/sweep_gan.png``.
"""

from gamedyn.gallery.sweeps import make_sweep_gan

figure = make_sweep_gan()
