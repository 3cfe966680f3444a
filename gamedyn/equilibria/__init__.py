"""Nash equilibria of bimatrix games (both players maximize; rows = player 1).

- :func:`pure_nash`: pure equilibria (mutual best-response cells);
- :func:`all_nash`: every extreme equilibrium, degenerate games included;
- :func:`lemke_howson`: one equilibrium by complementary pivoting, for large games;
- :func:`zero_sum`: value and optimal strategies of zero-sum games by LP;
- :func:`is_nash`, :func:`nash_gap`: the equilibrium conditions.
"""

from gamedyn.equilibria.conditions import is_nash, nash_gap, normalized_payoffs
from gamedyn.equilibria.lemke_howson import lemke_howson
from gamedyn.equilibria.pure import pure_nash
from gamedyn.equilibria.vertex import (
    EquilibriumSet,
    all_nash,
    enumeration_estimate,
    is_degenerate,
    polytope_vertices,
)
from gamedyn.equilibria.zero_sum import ZeroSumSolution, zero_sum

__all__ = [
    "EquilibriumSet",
    "ZeroSumSolution",
    "all_nash",
    "enumeration_estimate",
    "is_degenerate",
    "is_nash",
    "lemke_howson",
    "nash_gap",
    "normalized_payoffs",
    "polytope_vertices",
    "pure_nash",
    "zero_sum",
]
