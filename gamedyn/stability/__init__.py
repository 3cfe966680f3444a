"""Why a method converges, rotates or diverges: Jacobian eigenvalue analysis.

- :func:`analyze`: linearize the flow or a discrete method at a fixed point and
  classify it, with a plain-language :meth:`StabilityReport.explain`;
- :func:`update_jacobian`: the linearized update map of a method, which the method
  owns (:meth:`gamedyn.dynamics.Dynamics.linearization`: exact for every rule linear in
  the field and every play order of one, on the simplices for bimatrix dynamics,
  numerical otherwise);
- :func:`stable_step_sizes`: step sizes (and two-timescale regions) that contract;
- :func:`find_stationary_points`: solve ``xi(z) = 0`` from a grid and analyze each;
- :func:`symbolic_eigenvalues`: exact eigenvalues of sympy-defined games;
- :func:`critical_timescale`, :func:`attracting_timescales`: the flow with player 2
  ``tau`` times faster;
- :mod:`gamedyn.stability.concepts`: local Nash, local minimax and Stackelberg verdicts
  (``StabilityReport.local_nash``, ``.local_minimax``, ``.stackelberg``).

Convention: every player maximizes; ``xi = (grad_x u1, grad_y u2)``, ``J = d xi/dz``.
"""

from gamedyn.stability.analyze import analyze, rate_to_solution_set
from gamedyn.stability.classify import FLOW_KINDS, MAP_KINDS, classify_flow, classify_map
from gamedyn.stability.concepts import LocalConcepts
from gamedyn.stability.linearize import (
    exact_update_jacobian,
    generic_update_jacobian,
    update_jacobian,
)
from gamedyn.stability.report import StabilityReport
from gamedyn.stability.stationary import find_stationary_points
from gamedyn.stability.step_sizes import StepSizeRegion, spectral_radius, stable_step_sizes
from gamedyn.stability.symbolic import latex_eigenvalues, symbolic_eigenvalues
from gamedyn.stability.timescale import attracting_timescales, critical_timescale

__all__ = [
    "FLOW_KINDS",
    "LocalConcepts",
    "attracting_timescales",
    "critical_timescale",
    "rate_to_solution_set",
    "MAP_KINDS",
    "StabilityReport",
    "StepSizeRegion",
    "analyze",
    "classify_flow",
    "classify_map",
    "exact_update_jacobian",
    "find_stationary_points",
    "generic_update_jacobian",
    "latex_eigenvalues",
    "spectral_radius",
    "stable_step_sizes",
    "symbolic_eigenvalues",
    "update_jacobian",
]
