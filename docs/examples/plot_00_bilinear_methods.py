"""
Five methods on the bilinear game
=================================

Phase portraits on v = a*b: the flow circles, simultaneous steps spiral out,
alternating steps stay on an ellipse, optimistic and extragradient spiral in.

The figure is made by :func:`gamedyn.gallery.rotation.make_bilinear_methods` with its default
arguments; ``gamedyn figures --only bilinear_methods`` writes it to
``figures/bilinear_methods.png``.
"""

from gamedyn.gallery.rotation import make_bilinear_methods

figure = make_bilinear_methods()
