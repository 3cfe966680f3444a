"""
Pigs: every dynamics finds the unique equilibrium
=================================================

Every dynamics reaches the Pigs game's unique equilibrium (Press, Wait).

The figure is made by :func:`gamedyn.gallery.bimatrix.make_pigs` with its default
arguments; ``gamedyn figures --only pigs`` writes it to
``figures/pigs.png``.
"""

from gamedyn.gallery.bimatrix import make_pigs

figure = make_pigs()
