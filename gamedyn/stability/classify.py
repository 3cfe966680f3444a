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

from gamedyn._validation import check_nonnegative

__all__ = ["FLOW_KINDS", "MAP_KINDS", "classify_flow", "classify_map", "map_kind"]

FLOW_KINDS = ("attracting", "rotational", "repelling", "saddle", "marginal")
MAP_KINDS = ("contracting", "expanding", "isometric")


def _check(eigenvalues: object, tol: object) -> tuple[np.ndarray, float]:
    """Eigenvalues as a finite 1-D complex array and ``tol`` as a float >= 0, or raise."""
    if isinstance(eigenvalues, (str, bytes)) or eigenvalues is None:
        raise TypeError(f"`eigenvalues` must be an array of (complex) numbers; got "
                        f"{eigenvalues!r}.")
    try:
        array = np.asarray(eigenvalues)
    except ValueError:  # ragged
        raise TypeError("`eigenvalues` must be a 1-D array of (complex) numbers; got a "
                        "ragged sequence.") from None
    if array.dtype.kind not in "iufc":
        raise TypeError(f"`eigenvalues` must hold (complex) numbers; got dtype {array.dtype}.")
    array = array.astype(complex).reshape(-1) if array.ndim <= 1 else array
    if array.ndim != 1:
        raise ValueError(f"`eigenvalues` must be 1-dimensional; got shape {array.shape}.")
    if not np.all(np.isfinite(array)):
        raise ValueError("`eigenvalues` must be finite; they contain NaN or infinity (the "
                         "matrix they came from was not finite).")
    return array, check_nonnegative(tol, "tol")


def classify_flow(eigenvalues: np.ndarray, tol: float) -> str:
    """Kind of a fixed point of a flow from the eigenvalues of its Jacobian.

    Parameters
    ----------
    eigenvalues : array_like of complex, shape (k,)
        Finite eigenvalues of the game Jacobian (an empty spectrum, from a
        0-dimensional tangent space, is ``"marginal"``).
    tol : float
        Tolerance on the real parts, ``>= 0``.

    Returns
    -------
    str
        One of :data:`FLOW_KINDS` (see the module docstring).

    Raises
    ------
    TypeError, ValueError
        For eigenvalues that are not a finite 1-D array of numbers, or a bad ``tol``.

    References
    ----------
    Strogatz, S. H. (2015). *Nonlinear Dynamics and Chaos*, 2nd ed., Section 6.3
    (linearization, Hartman-Grobman). Hirsch, M. W., Smale, S. & Devaney, R. L. (2013).
    *Differential Equations, Dynamical Systems, and an Introduction to Chaos*, Chapter 8.

    Examples
    --------
    >>> from gamedyn.stability import classify_flow
    >>> classify_flow([-1j, 1j], 1e-9), classify_flow([-1.0, -2.0], 1e-9)
    ('rotational', 'attracting')
    """
    eigenvalues, tol = _check(eigenvalues, tol)
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
    """Kind of a fixed point of a discrete map from the eigenvalues of its linearization.

    Parameters
    ----------
    eigenvalues : array_like of complex, shape (k,)
        Finite eigenvalues of the update map's linearization (an empty spectrum is
        ``"marginal"``).
    tol : float
        Tolerance on the moduli, ``>= 0``.

    Returns
    -------
    str
        One of :data:`FLOW_KINDS` read for maps (see the module docstring).

    Raises
    ------
    TypeError, ValueError
        For eigenvalues that are not a finite 1-D array of numbers (NaN is refused, never
        classified), or a bad ``tol``.

    References
    ----------
    Galor, O. (2007). *Discrete Dynamical Systems*, Springer, Chapter 3 (stability of
    fixed points of maps by the moduli of the eigenvalues). Mescheder, L., Nowozin, S. &
    Geiger, A. (2017). The numerics of GANs. NeurIPS, Proposition 3.

    Examples
    --------
    >>> from gamedyn.stability import classify_map
    >>> classify_map([0.5, 0.5j], 1e-9), classify_map([1j, -1j], 1e-9)
    ('attracting', 'rotational')
    """
    eigenvalues, tol = _check(eigenvalues, tol)
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
