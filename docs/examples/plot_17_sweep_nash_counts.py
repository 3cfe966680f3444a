"""
Sweep: how many Nash equilibria a random game has
=================================================

Mean number of Nash equilibria of random n x n games against McLennan & Berg.

Monte Carlo over random games (:func:`gamedyn.sweeps.studies.nash_count`, all
equilibria by support enumeration) with Gaussian and uniform payoffs; the line is
the exact expectation for Gaussian payoffs
(:func:`gamedyn.sweeps.studies.expected_nash_count`, McLennan & Berg 2005).

The figure is made by :func:`gamedyn.gallery.sweeps.make_sweep_nash_counts` with its default
arguments; ``gamedyn figures --only sweep_nash_counts`` writes it to
``figures/sweep_nash_counts.png``.
"""

from gamedyn.gallery.sweeps import make_sweep_nash_counts

figure = make_sweep_nash_counts()
