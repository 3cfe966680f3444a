"""
Animation: the 1-D GAN learning a mixture
=========================================

The 1-D GAN learning ``0.5 N(-2, 0.5^2) + 0.5 N(2, 0.5^2)`` with the mixture
defaults (:data:`gamedyn.gan.MIXTURE_DEFAULTS`: monotone generator, MLP discriminator,
two time scales): the generator's density splits into the two modes and D(x)
flattens towards 1/2.

.. image:: /../figures/animations/gan_mixture.gif
   :alt: the 1-D GAN learning a mixture (animated GIF)

The GIF is ``figures/animations/gan_mixture.gif``; the code below makes it (the site shows
the committed file instead of running it). In a notebook, ``anim`` displays as HTML.
"""

# sphinx_gallery_thumbnail_path = '../figures/animations/gan_mixture.gif'
from gamedyn.gallery.animations import ANIMATIONS

anim = ANIMATIONS["gan_mixture"]()  # a matplotlib.animation.FuncAnimation
anim.save("gan_mixture.gif", writer="pillow", dpi=72)
