"""The stability analyzer: linearize the flow or a discrete method at a fixed point."""

from __future__ import annotations

from typing import Any

import numpy as np

from gamedyn._validation import as_real_array, check_nonnegative
from gamedyn.games.bimatrix import BimatrixGame
from gamedyn.games.differentiable import DifferentiableGame
from gamedyn.stability.classify import classify_flow, classify_map, map_kind
from gamedyn.stability.linearize import generic_update_jacobian
from gamedyn.stability.report import StabilityReport

__all__ = ["analyze", "as_differentiable"]


def _sorted(eigenvalues: np.ndarray) -> np.ndarray:
    eigenvalues = np.asarray(eigenvalues, dtype=complex)
    order = np.lexsort((np.round(eigenvalues.imag, 12), np.round(eigenvalues.real, 12)))
    return eigenvalues[order]


def as_differentiable(game: Any, point: Any) -> tuple[DifferentiableGame, np.ndarray]:
    """The differentiable game and state to analyze.

    A :class:`BimatrixGame` with ``point = (p, q)`` (full mixed strategies) is analyzed
    through its mixed extension ``game.mixed()`` at the reduced point
    ``concat(p[:-1], q[:-1])``.
    """
    if isinstance(game, BimatrixGame):
        if not (isinstance(point, (tuple, list)) and len(point) == 2):
            raise TypeError("for a BimatrixGame, `point` must be a pair (p, q) of mixed "
                            "strategies.")
        p, q = game.check_strategies(point[0], point[1])
        mixed = game.mixed()
        return mixed, mixed.domain.from_strategies(p, q)
    if not isinstance(game, DifferentiableGame):
        raise TypeError(f"`game` must be a DifferentiableGame or a BimatrixGame; got "
                        f"{type(game).__name__}.")
    point = as_real_array(point, "point", ndim=1)
    if point.shape != (game.n,):
        raise ValueError(f"`point` must have shape ({game.n},) (n1 + n2); got {point.shape}.")
    return game, point


def _jacobian_error(game: DifferentiableGame, point: np.ndarray, J: np.ndarray) -> float:
    """0 for exact Jacobians; otherwise the gap to a differently-stepped estimate."""
    if game.has_exact_jacobian:
        return 0.0
    from gamedyn.games.differentiable import numeric_jacobian

    shifted = numeric_jacobian(lambda z: game.field_unchecked(z), point * (1 + 1e-7) + 1e-9)
    return float(np.abs(shifted - J).max())


def analyze(
    game: Any,
    point: Any,
    dynamics: Any = None,
    *,
    tol: float = 1e-9,
    require_fixed_point: bool = True,
    symbolic: bool = False,
) -> StabilityReport:
    """Linear stability of a fixed point for the flow ``dz/dt = xi(z)`` or a method.

    Parameters
    ----------
    game : DifferentiableGame or BimatrixGame
        Every player maximizes its own payoff; ``xi = (grad_x u1, grad_y u2)``.
    point : array_like, shape (n1 + n2,), or (p, q) for a BimatrixGame
        The fixed point (``xi(point) = 0``, or on the domain's boundary with the field
        pressing into the active constraints).
    dynamics : Dynamics or str, optional
        A discrete method (instance or registered name). Its update map ``F`` is
        linearized at the point (on its augmented state) and the verdict is read from
        the spectral radius of ``dF``: converging iff ``rho < 1``.
    tol : float
        Tolerance of the classification (eigenvalue real parts, ``|lambda| - 1``).
    require_fixed_point : bool
        Raise ``ValueError`` when the point is not stationary.
    symbolic : bool
        For sympy-defined games, also compute the exact eigenvalues.

    Returns
    -------
    StabilityReport

    Notes
    -----
    On a constrained domain (mixed extensions) the active constraints ``G_a z = h_a``
    are found and the field is split as ``xi = G_a^T mu + r``. The point is a fixed
    point of projected dynamics iff ``r = 0`` and ``mu >= 0`` (the field presses
    outward); the flow is then analyzed on the tangent space of the active face, and a
    vertex with every ``mu > 0`` is attracting under projected dynamics.

    References
    ----------
    Balduzzi, D. et al. (2018). The mechanics of n-player differentiable games. ICML.
    Mescheder, L., Nowozin, S. & Geiger, A. (2017). The numerics of GANs. NeurIPS.

    Examples
    --------
    >>> import gamedyn as gd
    >>> rep = gd.stability.analyze(gd.games.bilinear(), [0.0, 0.0])
    >>> rep.kind, rep.game_eigenvalues.round(6).tolist()
    ('rotational', [-1j, 1j])
    """
    from gamedyn.dynamics import get_dynamics

    tol = check_nonnegative(tol, "tol")
    game, point = as_differentiable(game, point)
    if dynamics is not None:
        dynamics = get_dynamics(dynamics)
        dynamics.check_game(game)
    field = game.field(point)
    J = game.jacobian(point)
    scale = max(1.0, float(np.abs(J).max()))
    active = np.zeros(0, dtype=int)
    pressed = False
    residual = field
    basis = None
    if game.domain is not None:
        if not game.domain.contains(point, tol=1e-9):
            raise ValueError(f"`point` {point.tolist()} lies outside the game's domain.")
        G, _ = game.domain.constraints()
        active = np.flatnonzero(game.domain.active_constraints(point, tol=1e-9))
        if active.size:
            normals = G[active]
            multipliers, *_ = np.linalg.lstsq(normals.T, field, rcond=None)
            residual = field - normals.T @ multipliers
            if np.any(multipliers < -1e-9 * scale):
                residual = field  # the field points into the domain: not stationary
            pressed = bool(np.all(multipliers > 1e-9 * scale))
            from scipy.linalg import null_space

            basis = null_space(normals)
    stationary_error = float(np.linalg.norm(residual))
    if require_fixed_point and stationary_error > 1e-7 * scale:
        raise ValueError(f"`point` is not a fixed point: |xi| = {stationary_error:.3g} "
                         "(projected onto the active face). Find fixed points with "
                         "gamedyn.stability.find_stationary_points.")
    reported_J = J if basis is None else basis.T @ J @ basis
    game_eigenvalues = _sorted(np.linalg.eigvals(reported_J)) if reported_J.size else \
        np.zeros(0, dtype=complex)
    symmetric = 0.5 * (reported_J + reported_J.T)
    antisymmetric = 0.5 * (reported_J - reported_J.T)
    norm = float(np.sum(reported_J**2))
    rotation = float(np.sum(antisymmetric**2) / norm) if norm > 0 else 0.0
    if basis is not None and reported_J.size == 0:
        flow_kind = "attracting" if pressed else "marginal"
    else:
        flow_kind = classify_flow(game_eigenvalues, tol)
    common = dict(game=game, point=point, jacobian=reported_J,
                  game_eigenvalues=game_eigenvalues, symmetric_part=symmetric,
                  antisymmetric_part=antisymmetric, rotation_fraction=rotation,
                  active_constraints=active, pressed=pressed,
                  jacobian_error=_jacobian_error(game, point, J), tol=tol)
    if symbolic:
        from gamedyn.stability.symbolic import symbolic_eigenvalues

        common["symbolic_eigenvalues"] = symbolic_eigenvalues(game, point)
    if dynamics is None:
        return StabilityReport(eigenvalues=game_eigenvalues, kind=flow_kind, **common)
    if active.size:
        # through the projection: finite differences of the projected step
        M = generic_update_jacobian(game, point, dynamics)
        exact = False
    else:
        M = dynamics.linearization(game, point)  # each method owns its linearization
        exact = dynamics.linearization_is_exact
    eigenvalues = _sorted(np.linalg.eigvals(M))
    rho = float(np.abs(eigenvalues).max())
    return StabilityReport(
        eigenvalues=eigenvalues, kind=classify_map(eigenvalues, tol), dynamics=dynamics,
        update_jacobian=M, spectral_radius=rho, map_kind=map_kind(rho, tol),
        step_sizes=dynamics.step_sizes(0), method=dynamics.name, exact=exact, **common)
