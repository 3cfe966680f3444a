"""A torch-free GAN on 1-D data, with hand-derived gradients.

Player 1 is the generator, player 2 the discriminator; the value is
``V = E log D(x) + E log(1 - D(G(z)))``, ``-log 4`` at the equilibrium where
``D(real) = D(fake) = 1/2``.

- :class:`GANGame`: the sample-based GAN as a stochastic
  :class:`~gamedyn.games.DifferentiableGame` that every gradient dynamics plays;
- :func:`train`: one run or a vectorized ensemble, with per-step indicators;
- :func:`population_game`: the affine/quadratic GAN with exact expectations as a
  :class:`~gamedyn.games.DifferentiableGame`, so gamedyn's dynamics and stability
  analyzer apply to it unchanged;
- :func:`finite_game`: finitely many generators against finitely many discriminators as
  a zero-sum bimatrix game, whose mixed equilibria are mixtures of generators;
- targets (:class:`Mixture`, :func:`gaussian`), models, losses and metrics.
"""

from gamedyn.gan.finite import (
    bump_critics,
    bump_game,
    finite_game,
    finite_values,
    generator_mixture,
)
from gamedyn.gan.game import GANGame
from gamedyn.gan.metrics import (
    equilibrium_score,
    jsd,
    optimal_discriminator,
    sample_jsd,
    wasserstein1,
)
from gamedyn.gan.models import MLP, Affine, Quadratic
from gamedyn.gan.modes import mode_hops, mode_mass, mode_swing
from gamedyn.gan.population import population_game
from gamedyn.gan.targets import Mixture, as_target, gaussian
from gamedyn.gan.train import (
    MIXTURE_DEFAULTS,
    MIXTURE_DEFAULTS_MANY,
    DiscriminatorTooStrongWarning,
    GANRun,
    train,
)

__all__ = [
    "DiscriminatorTooStrongWarning",
    "MIXTURE_DEFAULTS",
    "MIXTURE_DEFAULTS_MANY",
    "MLP",
    "Affine",
    "GANGame",
    "GANRun",
    "Mixture",
    "Quadratic",
    "as_target",
    "bump_critics",
    "bump_game",
    "equilibrium_score",
    "finite_game",
    "finite_values",
    "gaussian",
    "generator_mixture",
    "jsd",
    "mode_hops",
    "mode_mass",
    "mode_swing",
    "optimal_discriminator",
    "population_game",
    "sample_jsd",
    "train",
    "wasserstein1",
]
