"""Nash equilibria of bimatrix games (both players maximize; rows = player 1).

- :func:`pure_nash`: pure equilibria (mutual best-response cells);
- :func:`all_nash`: every extreme equilibrium, degenerate games included;
- :func:`lemke_howson`: one equilibrium by complementary pivoting, for large games;
- :func:`zero_sum`: value and optimal strategies of zero-sum games by LP;
- :func:`is_nash`, :func:`nash_gap`: the equilibrium conditions;
- :func:`exploitability` (NashConv) and :func:`cce_gap`: distance from equilibrium;
- :func:`double_oracle`: zero-sum games solved by growing strategy sets;
- :func:`quantal_response_equilibrium`: logit quantal response equilibria;
- :func:`iterated_elimination`: iterated removal of strictly dominated strategies.

``all_nash(g, exact=True)`` and ``zero_sum(g, exact=True)`` compute in rational
arithmetic (:mod:`gamedyn.equilibria.exact`); ``EquilibriumSet.components`` groups
extreme equilibria into maximal Nash subsets and components
(:mod:`gamedyn.equilibria.components`).
"""

from gamedyn.equilibria.conditions import is_nash, nash_gap, normalized_payoffs
from gamedyn.equilibria.dominance import IteratedElimination, iterated_elimination
from gamedyn.equilibria.double_oracle import DoubleOracleResult, double_oracle
from gamedyn.equilibria.exploitability import cce_gap, exploitability
from gamedyn.equilibria.lemke_howson import lemke_howson
from gamedyn.equilibria.pure import pure_nash
from gamedyn.equilibria.quantal import quantal_response_equilibrium
from gamedyn.equilibria.vertex import (
    EquilibriumSet,
    all_nash,
    enumeration_estimate,
    is_degenerate,
    polytope_vertices,
)
from gamedyn.equilibria.zero_sum import ZeroSumSolution, zero_sum

__all__ = [
    "DoubleOracleResult",
    "EquilibriumSet",
    "IteratedElimination",
    "ZeroSumSolution",
    "all_nash",
    "cce_gap",
    "double_oracle",
    "enumeration_estimate",
    "exploitability",
    "is_degenerate",
    "is_nash",
    "iterated_elimination",
    "lemke_howson",
    "nash_gap",
    "normalized_payoffs",
    "polytope_vertices",
    "pure_nash",
    "quantal_response_equilibrium",
    "zero_sum",
]
