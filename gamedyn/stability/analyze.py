"""The stability analyzer: linearize the flow or a discrete method at a fixed point."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

import numpy as np

from gamedyn._validation import (
    as_real_array,
    check_nonnegative,
    check_positive,
    check_probability_vectors,
)
from gamedyn.games.bimatrix import BimatrixGame
from gamedyn.games.differentiable import DifferentiableGame
from gamedyn.stability.classify import classify_flow, classify_map, map_kind
from gamedyn.stability.linearize import generic_update_jacobian
from gamedyn.stability.report import StabilityReport

if TYPE_CHECKING:
    from gamedyn.games.domain import SimplexProduct

__all__ = ["analyze", "as_differentiable", "rate_to_solution_set"]


def _sorted(eigenvalues: np.ndarray) -> np.ndarray:
    eigenvalues = np.asarray(eigenvalues, dtype=complex)
    order = np.lexsort((np.round(eigenvalues.imag, 12), np.round(eigenvalues.real, 12)))
    return eigenvalues[order]


def _strategy_pair(game: BimatrixGame, point: Any) -> tuple[np.ndarray, np.ndarray]:
    """``point = (p, q)`` checked as one pair of mixed strategies (errors name `point`)."""
    if not (isinstance(point, (tuple, list)) and len(point) == 2):
        raise TypeError("for a BimatrixGame, `point` must be a pair (p, q) of mixed "
                        f"strategies; got {type(point).__name__}.")
    m, n = game.shape
    p = check_probability_vectors(point[0], "point[0] (p)", m)
    q = check_probability_vectors(point[1], "point[1] (q)", n)
    if p.ndim != 1 or q.ndim != 1:
        raise ValueError("`point` must be one pair (p, q), not a batch.")
    return game.check_strategies(p, q)


def as_differentiable(game: Any, point: Any) -> tuple[DifferentiableGame, np.ndarray]:
    """The differentiable game and state to analyze.

    A :class:`BimatrixGame` with ``point = (p, q)`` (full mixed strategies) is analyzed
    through its mixed extension ``game.mixed()`` at the reduced point
    ``concat(p[:-1], q[:-1])``.
    """
    if isinstance(game, BimatrixGame):
        p, q = _strategy_pair(game, point)
        mixed = game.mixed()
        return mixed, cast("SimplexProduct", mixed.domain).from_strategies(p, q)
    if not isinstance(game, DifferentiableGame):
        raise TypeError(f"`game` must be a DifferentiableGame or a BimatrixGame; got "
                        f"{type(game).__name__}.")
    point = as_real_array(point, "point", ndim=1)
    if point.shape != (game.n,):
        raise ValueError(f"`point` must have shape ({game.n},) (n1 + n2); got {point.shape}.")
    return game, point


def field_and_jacobian_at(game: DifferentiableGame, point: np.ndarray
                          ) -> tuple[np.ndarray, np.ndarray]:
    """``xi(point)`` and ``J(point)``, or a ValueError naming ``point`` where they (or the
    squares the analysis takes of them) are not finite."""
    try:
        field, J = game.field(point), game.jacobian(point)
    except ValueError as error:
        raise ValueError(f"`point` cannot be analyzed: {error}") from None
    with np.errstate(all="ignore"):
        finite = np.isfinite(np.dot(field, field)) and np.isfinite(np.sum(J * J))
    if not finite:
        raise ValueError(f"`point` is too large to analyze: the squares of the field or of "
                         f"the Jacobian there overflow (max |point| = "
                         f"{float(np.abs(point).max()):.3g}).")
    return field, J


def _parts(J: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    """Sorted eigenvalues, symmetric and antisymmetric parts, rotation fraction of ``J``."""
    eigenvalues = _sorted(np.linalg.eigvals(J)) if J.size else np.zeros(0, dtype=complex)
    symmetric = 0.5 * (J + J.T)
    antisymmetric = 0.5 * (J - J.T)
    norm = float(np.sum(J**2))
    rotation = float(np.sum(antisymmetric**2) / norm) if norm > 0 else 0.0
    return eigenvalues, symmetric, antisymmetric, rotation


def _analyze_matrix(game: Any, point: Any, dynamics: Any, tol: float,
                    require_fixed_point: bool, symbolic: bool) -> StabilityReport:
    """A bimatrix dynamics at ``point = (p, q)``, on the tangent space of the simplices."""
    from gamedyn.dynamics.base import tangent_basis

    dynamics.check_game(game)
    p, q = _strategy_pair(game, point)
    if symbolic:
        raise ValueError("`symbolic=True` needs a sympy-defined DifferentiableGame "
                         "(gamedyn.games.from_sympy); bimatrix dynamics are numeric.")
    z = np.concatenate([p, q])
    m, n = game.shape
    basis = tangent_basis(m, n)
    field_J = basis.T @ dynamics.flow_jacobian(game, z) @ basis  # TypeError if not smooth
    moved = dynamics.step(game, dynamics.init(game, z), None).z - z
    scale = max(1.0, float(np.abs(game.A).max()), float(np.abs(game.B).max()))
    if require_fixed_point and float(np.abs(moved).max()) > 1e-9 * scale:
        raise ValueError(f"`point` is not a fixed point of {dynamics!r}: one round moves it "
                         f"by {float(np.abs(moved).max()):.3g}. Nash equilibria are fixed "
                         "points of the replicator; logit dynamics rest at quantal response "
                         "equilibria.")
    # the game's own part: the same report as analyze(game, point) without a method
    base = analyze(game, (p, q), tol=tol, require_fixed_point=False)
    field_eigenvalues = _sorted(np.linalg.eigvals(field_J)) if field_J.size else \
        np.zeros(0, dtype=complex)
    M = dynamics.linearization(game, z)
    eigenvalues = _sorted(np.linalg.eigvals(M))
    rho = float(np.abs(eigenvalues).max()) if eigenvalues.size else 0.0
    return StabilityReport(
        game=game, point=z, jacobian=base.jacobian, game_eigenvalues=base.game_eigenvalues,
        symmetric_part=base.symmetric_part, antisymmetric_part=base.antisymmetric_part,
        rotation_fraction=base.rotation_fraction, active_constraints=base.active_constraints,
        pressed=base.pressed, flow_kind=base.flow_kind, local_nash=base.local_nash,
        field_jacobian=field_J, field_eigenvalues=field_eigenvalues,
        field_kind=classify_flow(field_eigenvalues, tol),
        eigenvalues=eigenvalues, kind=classify_map(eigenvalues, tol), dynamics=dynamics,
        update_jacobian=M, spectral_radius=rho, map_kind=map_kind(rho, tol),
        step_sizes=dynamics.step_sizes(0), method=dynamics.name,
        exact=dynamics.linearization_is_exact, tol=tol)


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
    timescale: float = 1.0,
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
        A discrete method (instance or registered name; an instance keeps all its
        hyper-parameters). Its update map ``F`` is linearized at the point (on its
        augmented state) and the verdict is read from the spectral radius of ``dF``:
        converging iff ``rho < 1``. A bimatrix dynamics (``Replicator``,
        ``LogitResponse``) on a :class:`BimatrixGame` is analyzed on full mixed
        strategies ``z = concat(p, q)``, on the tangent space of the simplices (see
        Notes); best-response dynamics are piecewise constant and raise ``TypeError``.
    tol : float
        Tolerance of the classification (eigenvalue real parts, ``|lambda| - 1``).
    require_fixed_point : bool
        Raise ``ValueError`` when the point is not stationary.
    symbolic : bool
        For sympy-defined games, also compute the exact eigenvalues.
    timescale : float
        ``tau > 0``: analyze the flow ``dz/dt = diag(I, tau I) xi(z)`` in which player 2
        moves ``tau`` times faster than player 1 (Jin et al. 2020's tau-GDA in continuous
        time). Only for the flow: a method's two time scales are its step sizes
        ``lr=(eta, tau * eta)``.

    Returns
    -------
    StabilityReport
        With the flow's verdict (``flow_kind``), the method map's (``map_kind``,
        ``kind``), the game-theoretic verdicts ``local_nash``, ``local_minimax``
        (zero-sum games), ``stackelberg`` (:mod:`gamedyn.stability.concepts`), the
        ``critical_timescale`` and, for a method, ``rate_to_solution_set`` (and, with
        memory, ``normal_start_stable_dimension``; see Notes).

    Raises
    ------
    ValueError
        For a point that is not a fixed point (with ``require_fixed_point``), outside
        the domain, or a ``timescale`` other than 1 with a ``dynamics``.

    Notes
    -----
    On a constrained domain (mixed extensions) the active constraints ``G_a z = h_a``
    are found and the field is split as ``xi = G_a^T mu + r``. The point is a fixed
    point of projected dynamics iff ``r = 0`` and ``mu >= 0`` (the field presses
    outward); the flow is then analyzed on the tangent space of the active face, and a
    vertex with every ``mu > 0`` is attracting under projected dynamics.

    For a bimatrix dynamics the flow part of the report is the Jacobian of its
    continuous-time field (the replicator field ``dp_i/dt = p_i ((A q)_i - p A q)``, and
    likewise for ``q``; or the logit field) and the method part the Jacobian of one
    round, both restricted to the tangent space ``{sum(dp) = 0, sum(dq) = 0}`` with an
    orthonormal basis ``T`` (``T^T J T``, dimension ``m + n - 2``). The simplices are
    invariant, so nothing leaves that space; faces of the simplices need no constraint
    handling (a zero share stays zero).

    For a method with memory (optimistic gradient, momentum) ``kind`` is the verdict of
    the lifted map on ``(z_t, memory)``. Its stable directions can lie in the memory
    only: at a pure source (``u1 = a^2``, ``u2 = b^2``) each eigenvalue ``mu > 0`` of
    ``J`` gives optimistic gradient the multipliers solving
    ``lambda^2 - (1 + 2 eta mu) lambda + eta mu = 0``, one above 1 and one in ``(0, 1)``,
    so the lifted point is a saddle, yet no start with the memory at rest
    (``z_{-1} = z_0``, how every run starts) converges. The report's
    ``normal_start_stable_dimension`` counts the normal starts that do, and
    ``explain()`` says what happens from one.

    References
    ----------
    Balduzzi, D. et al. (2018). The mechanics of n-player differentiable games. ICML.
    Ratliff, L. J., Burden, S. A. & Sastry, S. S. (2013). Characterization and
    computation of local Nash equilibria in continuous games. Allerton. Jin, C.,
    Netrapalli, P. & Jordan, M. I. (2020). What is local optimality in
    nonconvex-nonconcave minimax optimization? ICML. Fiez, T., Chasnov, B. & Ratliff,
    L. J. (2020). Implicit learning dynamics in Stackelberg games. ICML.
    Mescheder, L., Nowozin, S. & Geiger, A. (2017). The numerics of GANs. NeurIPS.

    Examples
    --------
    >>> import gamedyn as gd
    >>> rep = gd.stability.analyze(gd.games.bilinear(), [0.0, 0.0])
    >>> rep.kind, rep.game_eigenvalues.round(6).tolist()
    ('rotational', [-1j, 1j])
    >>> rep.local_nash, rep.local_minimax   # x*y: flat in each player's own variable, so
    (None, None)
    >>> # the second-order test is inconclusive (it is the game's unique Nash point)
    """
    from gamedyn.dynamics import MatrixDynamics
    from gamedyn.dynamics.registry import resolve

    tol = check_nonnegative(tol, "tol")
    timescale = check_positive(timescale, "timescale")
    if dynamics is not None and timescale != 1.0:
        raise ValueError("`timescale` applies to the flow only; for a method give the two "
                         "time scales as its step sizes, lr=(eta, tau * eta).")
    for flag, name in ((require_fixed_point, "require_fixed_point"), (symbolic, "symbolic")):
        if not isinstance(flag, (bool, np.bool_)):
            raise TypeError(f"`{name}` must be True or False; got {flag!r}.")
    if dynamics is not None:
        dynamics = resolve(dynamics)
        if isinstance(dynamics, MatrixDynamics):
            return _analyze_matrix(game, point, dynamics, tol, require_fixed_point, symbolic)
    bimatrix_nash = None
    if isinstance(game, BimatrixGame):
        from gamedyn.equilibria import is_nash

        bimatrix_nash = bool(is_nash(game, *_strategy_pair(game, point)))
    game, point = as_differentiable(game, point)
    if dynamics is not None:
        dynamics.check_game(game)
        dynamics.require_linearization()  # Adam, RMSProp: not differentiable at rest
    field, J = field_and_jacobian_at(game, point)
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
    concepts = None
    critical = None
    windows = None
    if basis is None and game.domain is None:
        from gamedyn.stability.concepts import local_concepts
        from gamedyn.stability.timescale import attracting_timescales, timescale_jacobian

        concepts = local_concepts(game, point, J, tol)
        if game.n <= 16:  # the pencil has size n(n-1)/2
            windows = attracting_timescales(game, point, tol=tol)
            critical = (windows[-1][0] if windows and np.isinf(windows[-1][1])
                        else float("inf"))
        reported_J = timescale_jacobian(J, game.n1, timescale)
    elif timescale != 1.0:
        raise ValueError("`timescale` needs an unconstrained game (no active domain).")
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
                  jacobian_error=_jacobian_error(game, point, J), tol=tol,
                  flow_kind=flow_kind, timescale=timescale, critical_timescale=critical,
                  attracting_timescales=windows,
                  concepts=concepts)
    if concepts is not None:
        common.update(local_nash=concepts.local_nash, local_minimax=concepts.local_minimax,
                      stackelberg=concepts.stackelberg)
    if bimatrix_nash is not None:  # payoffs linear in own strategy: local Nash = Nash
        common["local_nash"] = bimatrix_nash
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
    rate, dim = _rate_off_fixed_points(M, tol)
    normal = None
    if M.shape[0] > game.n and not active.size:  # a method with memory
        normal = _normal_start_stable_dimension(game, point, dynamics, M, tol)
    return StabilityReport(
        eigenvalues=eigenvalues, kind=classify_map(eigenvalues, tol), dynamics=dynamics,
        update_jacobian=M, spectral_radius=rho, map_kind=map_kind(rho, tol),
        step_sizes=dynamics.step_sizes(0), method=dynamics.name, exact=exact,
        rate_to_solution_set=rate, solution_set_dimension=dim,
        normal_start_stable_dimension=normal, **common)


def _normal_start_stable_dimension(game: DifferentiableGame, point: np.ndarray,
                                   dynamics: Any, M: np.ndarray, tol: float) -> int:
    """``dim {dz_0 : E dz_0 in W_s}``: the starts with the memory initialized as
    ``dynamics.init`` does (``z_{-1} = z_0``) from which the linearized method converges.

    ``E = d init / d z_0`` (``d x n``, on the same flattened state as ``M``: exact on the
    linearized game for rules linear in the field, central differences otherwise) and
    ``W_s`` the invariant subspace of ``M`` for ``|lambda| < 1 - tol`` (ordered real Schur
    form); the dimension is ``n + dim W_s - rank [E, W_s]``.
    """
    from scipy.linalg import schur

    from gamedyn.dynamics.linear import flatten_state, linearized_game

    n = game.n
    linear = dynamics.linear_in_field
    source = linearized_game(game, point) if linear else game
    h = 1e-3 if linear else 1e-6  # the linearized game's init is linear in z_0

    def init(z: np.ndarray) -> np.ndarray:
        return flatten_state(dynamics.init(source, z))[0]

    E = np.column_stack([(init(point + h * e) - init(point - h * e)) / (2 * h)
                         for e in np.eye(n)])
    if E.shape[0] != M.shape[0]:  # not the same coordinates: nothing to say
        return n
    _, Z, stable = schur(M, output="real",
                         sort=lambda re, im: np.hypot(re, im) < 1 - tol)
    if stable == 0:
        return 0
    basis = np.linalg.qr(E)[0]
    singular = np.linalg.svd(np.hstack([basis, Z[:, :stable]]), compute_uv=False)
    rank = int(np.sum(singular > 1e-8 * singular[0]))
    return n + int(stable) - rank


def rate_to_solution_set(M: np.ndarray, tol: float = 1e-9) -> float:
    """Spectral radius of the linear map ``M`` off its eigenvalue-1 eigenspace.

    ``E = ker(M - I)`` (singular values of ``M - I`` below ``tol * max(1, |M|)``) is
    the tangent space of the set of fixed points of a linear(ized) method; it is
    invariant, so in an orthonormal basis ``[Q, Q_c]`` (``Q`` spanning ``E``) ``M`` is
    block upper triangular ``[[I, X], [0, Q_c^T M Q_c]]`` and the rate of convergence
    to the set is ``rho(Q_c^T M Q_c)``. A Jordan block at 1 (drift along the set) leaves
    an eigenvalue 1 in the quotient: rate 1.

    Parameters
    ----------
    M : array_like, shape (d, d)
        The linear(ized) update map.
    tol : float, default 1e-9
        Relative threshold on the singular values of ``M - I`` that span ``E``.

    Returns
    -------
    float
        ``rho(Q_c^T M Q_c)``: the factor by which the distance to the solution set shrinks
        per round, asymptotically (``rho(M)`` when ``E`` is trivial).

    Raises
    ------
    TypeError, ValueError
        If ``M`` is not a finite real square matrix, or ``tol`` is not a number
        ``>= 0``.

    References
    ----------
    Mokhtari, A., Ozdaglar, A. & Pattathil, S. (2020). A unified analysis of extra-gradient
    and optimistic gradient methods for saddle point problems: proximal point approach.
    AISTATS (bilinear games with singular couplings). Golub, G. H. & Van Loan, C. F. (2013).
    *Matrix Computations*, 4th ed., Section 7.1 (invariant subspaces and block triangular
    forms).

    Examples
    --------
    >>> import numpy as np
    >>> from gamedyn.stability import rate_to_solution_set
    >>> rate_to_solution_set(np.diag([1.0, 0.5]))     # a line of fixed points, rate 1/2
    0.5
    """
    M = as_real_array(M, "M", ndim=2)
    if M.shape[0] != M.shape[1]:
        raise ValueError(f"`M` must be a square matrix; got shape {M.shape}.")
    return _rate_off_fixed_points(M, check_nonnegative(tol, "tol"))[0]


def _rate_off_fixed_points(M: np.ndarray, tol: float) -> tuple[float, int]:
    """``(rate to the solution set, dim ker(M - I))``."""
    size = M.shape[0]
    if size == 0:
        return 0.0, 0
    _, singular, vh = np.linalg.svd(M - np.eye(size))
    dim = int(np.sum(singular <= tol * max(1.0, float(np.abs(M).max()))))
    if dim == 0:
        return float(np.abs(np.linalg.eigvals(M)).max()), 0
    if dim == size:
        return 0.0, dim
    complement = vh[: size - dim].T  # orthonormal complement of the null space
    quotient = complement.T @ M @ complement
    return float(np.abs(np.linalg.eigvals(quotient)).max()), dim
