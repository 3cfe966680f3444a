"""Games: bimatrix games, differentiable games, and the catalogue of classic games.

Every player maximizes its own payoff; player 1 owns ``x`` (rows), player 2 owns ``y``
(columns), and joint states are ``z = concat(x, y)``.
"""

from gamedyn.games.bimatrix import BimatrixGame
from gamedyn.games.catalogue import (
    CATALOGUE,
    battle_of_the_sexes,
    chicken,
    hawk_dove,
    matching_pennies,
    pigs,
    prisoners_dilemma,
    rock_paper_scissors,
    shapley,
    stag_hunt,
)
from gamedyn.games.continuous import (
    DIRAC_LOSSES,
    GENERATOR_COSTS,
    bilinear,
    dirac_gan,
    from_value,
    landscape,
    zero_sum,  # noqa: F401 - deprecated alias of from_value, kept out of __all__
)
from gamedyn.games.differentiable import DifferentiableGame
from gamedyn.games.domain import Box, SimplexProduct
from gamedyn.games.nfg import read_nfg, write_nfg
from gamedyn.games.symbolic import SymbolicForm, from_sympy

__all__ = [
    "BimatrixGame",
    "Box",
    "DifferentiableGame",
    "SimplexProduct",
    "SymbolicForm",
    "CATALOGUE",
    "DIRAC_LOSSES",
    "GENERATOR_COSTS",
    "battle_of_the_sexes",
    "bilinear",
    "chicken",
    "dirac_gan",
    "from_sympy",
    "from_value",
    "hawk_dove",
    "landscape",
    "matching_pennies",
    "pigs",
    "prisoners_dilemma",
    "read_nfg",
    "rock_paper_scissors",
    "shapley",
    "stag_hunt",
    "write_nfg",
]
