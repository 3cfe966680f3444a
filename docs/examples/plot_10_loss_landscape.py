"""
Stationary points of a loss landscape
=====================================

V = sin(a)cos(b) + 0.1(a² - b²): stationary points classified, trajectories on it.

The figure is made by :func:`gamedyn.gallery.continuous.make_loss_landscape` with its default
arguments; ``gamedyn figures --only loss_landscape`` writes it to
``figures/loss_landscape.png``.
"""

from gamedyn.gallery.continuous import make_loss_landscape

figure = make_loss_landscape()
