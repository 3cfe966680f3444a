"""
Animation: the Dirac-GAN with and without R1
============================================

The Dirac-GAN from (1, 1) under simultaneous steps (eta = 0.2): without
regularization the iterates circle outwards, with R1 (gamma = 0.5) they converge to
(0, 0) (Mescheder, Geiger & Nowozin 2018, Section 2 and Theorem 4.1).

.. image:: /../figures/animations/dirac_gan_r1.gif
   :alt: the Dirac-GAN with and without R1 (animated GIF)

The GIF is ``figures/animations/dirac_gan_r1.gif``; the code below makes it (the site shows
the committed file instead of running it). In a notebook, ``anim`` displays as HTML.
"""

# sphinx_gallery_thumbnail_path = '../figures/animations/dirac_gan_r1.gif'
from gamedyn.gallery.animations import ANIMATIONS

anim = ANIMATIONS["dirac_gan_r1"]()  # a matplotlib.animation.FuncAnimation
anim.save("dirac_gan_r1.gif", writer="pillow", dpi=72)
