"""Classification of fixed points from eigenvalues, for flows and for discrete maps.

Flow ``dz/dt = xi(z)`` linearized as ``dz/dt = J z`` (Hirsch, Smale & Devaney 2013,
*Differential Equations, Dynamical Systems*, ch. 4-5):

- ``"attracting"``: every ``Re(lambda) < -tol`` (a sink: nearby orbits converge);
- ``"repelling"``: every ``Re(lambda) > tol`` (a source);
- ``"saddle"``: some ``Re(lambda) > tol`` and some ``< -tol``;
- ``"rotational"``: no ``Re(lambda) > tol``, and the eigenvalues with ``|Re| <= tol``
  are nonzero imaginary pairs (a centre, possibly with damped directions): orbits circle
  the point and do **not** converge to it; a centre is never called attracting;
- ``"marginal"``: anything else (zero eigenvalues, or centre directions next to
  expanding ones): linearization cannot decide.

Discrete map ``z_{t+1} = F(z_t)`` with linearization ``M`` (spectral radius ``rho``):
the same words with ``|lambda|`` compared to 1: attracting iff ``rho < 1 - tol``;
repelling iff every ``|lambda| > 1 + tol``; saddle if moduli lie on both sides of 1;
rotational iff ``rho <= 1 + tol`` and the eigenvalues on the unit circle are not real
(the map rotates without contracting); marginal otherwise.
"""

from __future__ import annotations

import numpy as np

__all__ = ["FLOW_KINDS", "MAP_KINDS", "classify_flow", "classify_map", "map_kind"]

FLOW_KINDS = ("attracting", "rotational", "repelling", "saddle", "marginal")
MAP_KINDS = ("contracting", "expanding", "isometric")


def classify_flow(eigenvalues: np.ndarray, tol: float) -> str:
    """Kind of a fixed point of a flow from the eigenvalues of its Jacobian."""
    real = eigenvalues.real
    if eigenvalues.size == 0:
        return "marginal"
    if np.all(real < -tol):
        return "attracting"
    if np.all(real > tol):
        return "repelling"
    if np.any(real > tol) and np.any(real < -tol):
        return "saddle"
    if np.any(real > tol):
        return "marginal"
    centre = eigenvalues[np.abs(real) <= tol]
    if np.all(np.abs(centre.imag) > tol):
        return "rotational"
    return "marginal"


def classify_map(eigenvalues: np.ndarray, tol: float) -> str:
    """Kind of a fixed point of a discrete map from the eigenvalues of its linearization."""
    modulus = np.abs(eigenvalues)
    if eigenvalues.size == 0:
        return "marginal"
    if np.all(modulus < 1 - tol):
        return "attracting"
    if np.all(modulus > 1 + tol):
        return "repelling"
    if np.any(modulus > 1 + tol) and np.any(modulus < 1 - tol):
        return "saddle"
    if np.any(modulus > 1 + tol):
        return "marginal"
    circle = eigenvalues[np.abs(modulus - 1) <= tol]
    if np.all(np.abs(circle.imag) > tol):
        return "rotational"
    return "marginal"


def map_kind(spectral_radius: float, tol: float) -> str:
    """``"contracting"`` (rho < 1), ``"expanding"`` (rho > 1) or ``"isometric"`` (rho = 1)."""
    if spectral_radius < 1 - tol:
        return "contracting"
    if spectral_radius > 1 + tol:
        return "expanding"
    return "isometric"
