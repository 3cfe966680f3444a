"""
The three generator costs
=========================

The generator costs ``J_G`` and their slopes ``dJ_G/dD`` against ``D(G(z))``.

Computed by :mod:`gamedyn.gan.losses` (``generator_loss`` and
``generator_loss_gradient`` on the logit ``sigma^-1(D)``, the slope by the chain rule
``dl/dD = 1 / (D (1 - D))``), not re-typed formulas. Where the discriminator rejects
the sample (``D`` near 0) the minimax cost is flat, the non-saturating one steep;
the maximum-likelihood cost is flat there and steep near ``D = 1``. All three slopes
are ``-2`` at ``D = 1/2``. The recipe is deterministic (``rng`` is unused).

The figure is made by :func:`gamedyn.gallery.costs.make_generator_costs` with its default
arguments; ``gamedyn figures --only generator_costs`` writes it to
``figures/generator_costs.png``.
"""

from gamedyn.gallery.costs import make_generator_costs

figure = make_generator_costs()
