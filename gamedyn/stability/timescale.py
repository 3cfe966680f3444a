"""Time-scale separation: the flow with player 2 moving ``tau`` times faster.

The tau-flow is ``dz/dt = D_tau xi(z)`` with ``D_tau = diag(I_n1, tau I_n2)``, linearized
as ``J_tau = D_tau J`` (Jin, Netrapalli & Jordan 2020, Sec. 5, tau-GDA; Fiez & Ratliff
2021). ``J_tau = M0 + tau M1`` is affine in ``tau``, so an eigenvalue can only cross the
imaginary axis where two eigenvalues sum to zero (a pair ``+-i omega``) or one is 0.
Eigenvalue sums ``lambda_i + lambda_j`` (``i < j``) are the eigenvalues of the
bialternate sum ``L(X) = A X + X A^T`` on antisymmetric ``X`` (Govaerts 2000, Sec. 4.4),
also affine in ``tau``: the crossings are the positive real generalized eigenvalues of a
matrix pencil, found exactly, and stability is constant between them. A zero eigenvalue
never appears for ``tau > 0`` unless ``det J = 0`` (``det J_tau = tau^n2 det J``).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from gamedyn._validation import check_nonnegative

__all__ = ["attracting_timescales", "critical_timescale", "timescale_jacobian"]


def timescale_jacobian(J: np.ndarray, n1: int, tau: float) -> np.ndarray:
    """``diag(I_n1, tau I_n2) @ J``."""
    scaled = np.array(J, dtype=float)
    scaled[n1:] *= tau
    return scaled


def _bialternate_sum(A: np.ndarray) -> np.ndarray:
    """Matrix of ``X -> A X + X A^T`` on antisymmetric X, basis ``e_r e_s^T - e_s e_r^T``."""
    n = A.shape[0]
    rows, cols = np.triu_indices(n, k=1)
    eye = np.eye(n)
    # T[p, q, r, s] = A[p, r] d[q, s] + d[p, r] A[q, s]
    T = np.einsum("pr,qs->pqrs", A, eye) + np.einsum("pr,qs->pqrs", eye, A)
    columns = T[:, :, rows, cols] - T[:, :, cols, rows]  # (n, n, m)
    return columns[rows, cols, :]


def _attracting(J: np.ndarray, n1: int, tau: float, tol: float) -> bool:
    eigenvalues = np.linalg.eigvals(timescale_jacobian(J, n1, tau))
    scale = max(1.0, float(np.abs(J).max()) * max(1.0, tau))
    return bool(np.all(eigenvalues.real < -tol * scale))


def _crossings(J: np.ndarray, n1: int) -> np.ndarray | None:
    """Positive ``tau`` where some eigenvalue pair of ``J_tau`` sums to zero (None: all)."""
    from scipy.linalg import eigvals

    M0 = timescale_jacobian(J, n1, 0.0)
    M1 = J - M0
    n = J.shape[0]
    if n < 2:
        return np.zeros(0)
    G0, G1 = _bialternate_sum(M0), _bialternate_sum(M1)
    norm = max(1.0, float(np.abs(G0).max() + np.abs(G1).max()))
    smallest = [np.linalg.svd(G0 + t * G1, compute_uv=False).min() / (norm * max(1.0, t))
                for t in (0.3711, 1.0, 2.917)]
    if max(smallest) < 1e-12:
        return None  # some pair sums to zero for every tau: never strictly attracting
    with np.errstate(all="ignore"):
        roots = eigvals(G0, -G1)
    finite = roots[np.isfinite(roots)]
    real = finite[np.abs(finite.imag) <= 1e-9 * np.maximum(1.0, np.abs(finite))].real
    # tau below 1e-9 is indistinguishable from 0 (J_tau's player-2 rows vanish there)
    return np.unique(real[real > 1e-9])


def attracting_timescales(game: Any, point: Any, *, tol: float = 1e-9) -> list:
    """The open intervals of ``tau > 0`` in which the tau-flow is attracting at ``point``.

    Parameters
    ----------
    game : DifferentiableGame or BimatrixGame
        The game (a bimatrix game through its mixed extension).
    point : array_like, shape (n1 + n2,), or (p, q) for a BimatrixGame
        The fixed point (``xi(point) = 0`` is not checked here).
    tol : float
        Eigenvalue real parts must be below ``-tol * max(1, max|J_tau|)``.

    Returns
    -------
    list of (float, float)
        Disjoint, sorted; the last may end at ``inf``. The boundaries are exact (up to
        rounding) crossings of an eigenvalue pair through the imaginary axis.

    References
    ----------
    Jin, C., Netrapalli, P. & Jordan, M. I. (2020). What is local optimality in
    nonconvex-nonconcave minimax optimization? ICML, Sec. 5. Fiez, T. & Ratliff, L. J.
    (2021). Local convergence analysis of gradient descent ascent with finite timescale
    separation. ICLR. Govaerts, W. (2000). Numerical methods for bifurcations of dynamical
    equilibria. SIAM, Sec. 4.4 (bialternate products).

    Examples
    --------
    >>> import sympy as sp, gamedyn as gd
    >>> x, y = sp.symbols("x y")
    >>> game = gd.games.from_sympy(3 * x**2 + 4 * x * y + y**2, minimize=[x], maximize=[y])
    >>> [(round(a, 9), b) for a, b in gd.stability.attracting_timescales(game, [0, 0])]
    [(0.0, 3.0)]
    """
    from gamedyn.stability.analyze import as_differentiable, field_and_jacobian_at

    tol = check_nonnegative(tol, "tol")  # arguments first, then what the game allows
    game, point = as_differentiable(game, point)
    J = field_and_jacobian_at(game, point)[1]
    n1 = game.n1
    if game.domain is not None:
        raise ValueError("`game` has a constrained domain; time scales are analyzed for "
                         "unconstrained strategies only.")
    crossings = _crossings(J, n1)
    singular = np.linalg.svd(J, compute_uv=False).min() <= 1e-12 * max(1.0, np.abs(J).max())
    if crossings is None or singular:
        return []
    edges = np.concatenate([[0.0], crossings, [np.inf]])
    intervals: list = []
    for low, high in zip(edges[:-1], edges[1:]):
        probe = (2 * low + 1.0 if low > 0 else 1.0) if np.isinf(high) else (
            0.5 * high if low == 0 else np.sqrt(low * high))
        if _attracting(J, n1, float(probe), tol):
            # at a crossing itself some pair sums to zero: never attracting there
            intervals.append((float(low), float(high)))
    return intervals


def critical_timescale(game: Any, point: Any, *, tol: float = 1e-9) -> float:
    """The ``tau*`` beyond which the tau-flow is attracting: attracting for EVERY ``tau > tau*``.

    The flow ``dz/dt = diag(I, tau I) xi(z)`` (player 2 ``tau`` times faster) is
    linearized at ``point`` and its attracting set in ``tau`` computed exactly
    (:func:`attracting_timescales`; it can be a union of intervals). Returned is the
    left end of the last interval when that interval is unbounded: ``0.0`` when the
    flow is attracting for every ``tau > 0``, ``inf`` when it is not attracting for
    arbitrarily large ``tau`` (so an attracting window at small ``tau`` alone gives
    ``inf``). As ``tau -> inf``, ``J_tau`` has eigenvalues ``tau eig(J22) + O(1)`` and
    ``eig(J11 - J12 J22^{-1} J21) + O(1/tau)``: the limit is attracting iff both are
    Hurwitz, which for a zero-sum game means a strict local minimax point (Jin et al.
    2020, Thm. 28; Fiez & Ratliff 2021).

    Parameters
    ----------
    game : DifferentiableGame or BimatrixGame
        The game (a bimatrix game through its mixed extension).
    point : array_like, shape (n1 + n2,), or (p, q)
        The fixed point.
    tol : float
        As in :func:`attracting_timescales`.

    Returns
    -------
    float
        ``tau*`` in ``[0, inf]``.

    References
    ----------
    Jin, C., Netrapalli, P. & Jordan, M. I. (2020). What is local optimality in
    nonconvex-nonconcave minimax optimization? ICML, Sec. 5. Fiez, T. & Ratliff, L. J.
    (2021). Local convergence analysis of gradient descent ascent with finite
    timescale separation. ICLR. Govaerts, W. (2000). Numerical methods for bifurcations
    of dynamical equilibria. SIAM, Sec. 4.4 (bialternate products).

    Examples
    --------
    >>> import sympy as sp, gamedyn as gd
    >>> x, y = sp.symbols("x y")
    >>> game = gd.games.from_sympy(-x**2 + 3 * x * y - y**2, minimize=[x], maximize=[y])
    >>> round(gd.stability.critical_timescale(game, [0, 0]), 9)  # J = [[2, -3], [3, -2]]
    1.0
    """
    intervals = attracting_timescales(game, point, tol=tol)
    if intervals and np.isinf(intervals[-1][1]):
        return float(intervals[-1][0])
    return float("inf")
