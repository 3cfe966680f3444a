"""
Animation: the bilinear game under five methods
===============================================

v = a*b from (1, 0) under five methods with eta = 0.2: the flow circles (eigenvalues
±i), simultaneous steps spiral out (rho > 1), alternating steps stay on an ellipse
(rho = 1), optimistic and extragradient steps spiral in (rho < 1); Mescheder et al.
(2017), Gidel et al. (2019).

.. image:: /../figures/animations/bilinear_methods.gif
   :alt: the bilinear game under five methods (animated GIF)

The GIF is ``figures/animations/bilinear_methods.gif``; the code below makes it (the site shows
the committed file instead of running it). In a notebook, ``anim`` displays as HTML.
"""

# sphinx_gallery_thumbnail_path = '../figures/animations/bilinear_methods.gif'
from gamedyn.gallery.animations import ANIMATIONS

anim = ANIMATIONS["bilinear_methods"]()  # a matplotlib.animation.FuncAnimation
anim.save("bilinear_methods.gif", writer="pillow", dpi=72)
