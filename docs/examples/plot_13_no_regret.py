"""
No-regret learning: last iterate and average
============================================

Hedge spirals out of matching pennies' equilibrium while its average converges;
optimistic Hedge converges in the last iterate; regret matching's average approaches
the equilibrium of Rock-Paper-Scissors and its sampled joint play the coarse
correlated equilibria of Shapley's game.

The figure is made by :func:`gamedyn.gallery.learning.make_no_regret` with its default
arguments; ``gamedyn figures --only no_regret`` writes it to
``figures/no_regret.png``.
"""

from gamedyn.gallery.learning import make_no_regret

figure = make_no_regret()
