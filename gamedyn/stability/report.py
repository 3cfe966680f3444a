"""The result of a stability analysis and its plain-language explanation."""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape
from typing import Any

import numpy as np

from gamedyn._status import Status

__all__ = ["StabilityReport"]


def _fmt(value: complex, floor: float = 1e-12) -> str:
    """A number to 4 significant digits, numerical noise dropped.

    A real or imaginary part below ``1e-6 |value|`` (invisible at 4 digits) or below
    ``floor`` (the analysis' noise level) is printed as 0.
    """
    value = complex(value)
    noise = max(floor, 1e-6 * abs(value))
    real = value.real if abs(value.real) > noise else 0.0
    imag = value.imag if abs(value.imag) > noise else 0.0
    if imag == 0.0:
        return f"{real + 0.0:.4g}"
    if real == 0.0:
        return f"{imag:.4g}i"
    sign = "+" if imag >= 0 else "-"
    return f"{real:.4g} {sign} {abs(imag):.4g}i"


def _yes_no(value: bool | None) -> str:
    return {True: "yes", False: "no", None: "n/a"}[value]


@dataclass(frozen=True, eq=False)
class StabilityReport:
    """What the linearization at a fixed point says, for the flow or a discrete method.

    Read-only: a frozen object whose arrays are not writeable.

    Parameters
    ----------
    tol : float
        Tolerance of the classification (eigenvalue real parts, ``|lambda| - 1``), as
        given to :func:`~gamedyn.stability.analyze`.

    Attributes
    ----------
    game : DifferentiableGame
        The game analyzed (the mixed extension for a bimatrix game analyzed with a
        gradient method or the flow; the :class:`~gamedyn.BimatrixGame` itself for a
        bimatrix dynamics).
    point : ndarray, shape (n,)
        The fixed point analyzed.
    jacobian : ndarray, shape (n, n)
        The game Jacobian ``J = d xi / dz`` at the point (restricted to the active face
        when simplex constraints are active; see ``active_constraints``). A property of
        the game at the point, the same whatever the ``dynamics``: for a bimatrix game
        (also under a bimatrix dynamics) it is the Jacobian of the mixed extension's
        gradient field in the reduced coordinates ``concat(p[:-1], q[:-1])``
        (``n = m + n - 2`` at an interior point; empty at a vertex, where the active face
        is a point).
    game_eigenvalues : ndarray
        Eigenvalues of ``J`` sorted by real part, then imaginary part.
    field_jacobian : ndarray or None
        For a bimatrix dynamics (``Replicator``, ``Hedge``, ``LogitResponse``): the
        Jacobian of the method's own continuous-time field (the replicator field, which
        Hedge also discretizes, or the logit field) on the tangent space of the
        simplices, in an orthonormal basis ``T`` (``T^T J_f T``, shape
        ``(m + n - 2, m + n - 2)``). It differs from ``jacobian``: the replicator field
        is the gradient field scaled by the strategy shares (at RPS's barycentre its
        eigenvalues are ``+-i/sqrt(3)``, the game Jacobian's ``+-3i``). None otherwise
        (a gradient method's continuous-time field is ``xi`` itself).
    field_eigenvalues : ndarray or None
        Eigenvalues of ``field_jacobian``, sorted as ``game_eigenvalues``.
    field_kind : str or None
        The verdict of the method's continuous-time field (same words as ``kind``).
    symmetric_part, antisymmetric_part : ndarray
        ``S = (J + J^T)/2`` (potential part) and ``A = (J - J^T)/2`` (Hamiltonian part)
        (Balduzzi et al. 2018).
    rotation_fraction : float
        ``||A||_F^2 / ||J||_F^2`` in ``[0, 1]``: 1 for pure rotation (bilinear games),
        0 for a potential game.
    dynamics : Dynamics or None
        The discrete method analyzed (with all its hyper-parameters), None for the flow.
    update_jacobian : ndarray or None
        Linearization of the method's update map (on its augmented state).
    eigenvalues : ndarray
        The eigenvalues that decide ``kind``: of ``J`` for the flow, of the update map
        for a method.
    spectral_radius : float or None
        ``max |lambda|`` of the update map (discrete only).
    kind : str
        ``"attracting" | "rotational" | "repelling" | "saddle" | "marginal"`` (rules in
        :mod:`gamedyn.stability.classify`): of the flow when ``dynamics`` is None, else
        of the method's map. ``flow_kind`` and ``map_kind`` name the two verdicts apart.
    flow_kind : str
        The verdict of the game's flow ``dz/dt = xi`` (same words as ``kind``), always
        available.
    map_kind : str or None
        ``"contracting" | "expanding" | "isometric"`` (discrete only).
    map_verdict : str or None
        The method map's ``kind`` (discrete only).
    local_nash : bool or None
        True: a strict local (differential) Nash equilibrium, ``xi = 0`` and each
        player's own block (``J11 = d^2 u1/dx^2``, ``J22 = d^2 u2/dy^2``) negative
        definite (Ratliff, Burden & Sastry 2013). False: not a local Nash point (``xi !=
        0`` or an own block has a positive eigenvalue: that player gains by a small
        deviation). None: inconclusive when ``concepts`` is set (own blocks only
        negative semidefinite, e.g. ``v = x y`` at 0, a non-strict Nash point), not
        applicable when ``concepts`` is None (a constrained domain). For a
        :class:`~gamedyn.BimatrixGame` (with or without a dynamics) it is the exact
        check :func:`gamedyn.equilibria.is_nash`: payoffs are linear in each player's
        own strategy, so local and global Nash coincide.
    local_minimax : bool or None
        Strict local minimax point (zero-sum games only; Jin, Netrapalli & Jordan 2020):
        True, False (a necessary condition fails) or None (inconclusive, or a
        general-sum game).
    stackelberg : bool or None
        Differential Stackelberg equilibrium with player 1 leading (Fiez, Chasnov &
        Ratliff 2020); equal to ``local_minimax`` for zero-sum games. Definitions in
        :mod:`gamedyn.stability.concepts`.
    concepts : LocalConcepts or None
        The blocks' eigenvalues behind the three verdicts.
    timescale : float
        ``tau``: the flow analyzed is ``dz/dt = diag(I, tau I) xi`` (player 2 ``tau``
        times faster); ``jacobian`` and ``game_eigenvalues`` are of ``diag(I, tau I) J``.
    critical_timescale : float or None
        :func:`gamedyn.stability.critical_timescale` at the point (None where not
        computed: constrained domains, bimatrix dynamics, n > 16).
    attracting_timescales : list of (float, float) or None
        The open ``tau`` intervals in which the tau-flow is attracting (same cases).
    rate_to_solution_set : float or None
        Spectral radius of the update map off the eigenvalue-1 eigenspace spanned by the
        nearby fixed points (the quotient map ``Q_c^T M Q_c``, ``Q_c`` an orthonormal
        complement of ``ker(M - I)``): the rate of convergence to the set of solutions
        when fixed points are not isolated (singular bilinear games); equals
        ``spectral_radius`` at an isolated fixed point. Discrete only.
    solution_set_dimension : int
        ``dim ker(M - I)``: 0 at an isolated fixed point.
    normal_start_stable_dimension : int or None
        For a method with memory (optimistic, momentum, ...): the dimension of the set of
        starts ``z_0`` near the point, with the memory initialized as gamedyn starts a run
        (``z_{-1} = z_0``), from which the linearized method converges: ``n`` when the map
        is attracting, 0 when no normal start converges. ``kind`` describes the lifted map
        on ``(z_t, memory)``, whose stable directions may lie in the memory only: for
        optimistic gradient ``z_{t+1} = z_t + 2 eta xi(z_t) - eta xi(z_{t-1})`` each
        eigenvalue ``mu`` of ``J`` gives two multipliers, the roots of
        ``lambda^2 - (1 + 2 eta mu) lambda + eta mu = 0`` (for momentum
        ``lambda^2 - (1 + beta + eta mu) lambda + beta = 0``); for real ``mu > 0`` one is
        above 1 and one inside the unit circle, so the lifted point is a saddle although
        every direction of the state is unstable. A start ``(z_0, z_{-1}) = (lambda v,
        v)`` on the stable root's eigenvector converges, but the normal start
        ``(v, v) = a (lambda_1 v, v) + b (lambda_2 v, v)`` has ``a = (1 - lambda_2) /
        (lambda_1 - lambda_2) != 0`` unless ``mu = 0``, so it leaves. None for the flow,
        memoryless methods and bimatrix dynamics.
    step_sizes : tuple or None
        ``(eta1, eta2)`` of the method.
    method : str or None
        The method's registered name (``dynamics.name``).
    active_constraints : ndarray of int
        Rows of ``game.domain.constraints()`` active at the point.
    pressed : bool
        True when the field presses into every active constraint with a positive
        multiplier (a boundary equilibrium of the projected dynamics).
    jacobian_error : float
        Estimated error of ``J`` (0 for exact Jacobians).
    symbolic_eigenvalues : dict or None
        Exact eigenvalues (sympy) when requested for a sympy-defined game.
    status : Status
        ``Status.SUCCESS``: the analysis completed (bad input raises instead).
    exact : bool
        Whether the update map's linearization is exact (closed form or derived from the
        method's own map), not finite differences.

    References
    ----------
    Balduzzi, D. et al. (2018). The mechanics of n-player differentiable games. ICML
    (symmetric and antisymmetric parts). Ratliff, L. J., Burden, S. A. & Sastry, S. S.
    (2013). Characterization and computation of local Nash equilibria in continuous games.
    Allerton (differential Nash). Jin, C., Netrapalli, P. & Jordan, M. I. (2020). What is
    local optimality in nonconvex-nonconcave minimax optimization? ICML (local minimax).
    Fiez, T., Chasnov, B. & Ratliff, L. J. (2020). Implicit learning dynamics in
    Stackelberg games. ICML (differential Stackelberg). Mescheder, L., Nowozin, S. &
    Geiger, A. (2017). The numerics of GANs. NeurIPS (spectral radius of an update map).

    Examples
    --------
    >>> import gamedyn as gd
    >>> report = gd.stability.analyze(gd.games.dirac_gan(r1=1.0), [0, 0], dynamics="simultaneous")
    >>> report.flow_kind, report.map_kind, round(report.spectral_radius, 6)
    ('attracting', 'contracting', 0.95)
    """

    game: Any
    point: np.ndarray
    jacobian: np.ndarray
    game_eigenvalues: np.ndarray
    symmetric_part: np.ndarray
    antisymmetric_part: np.ndarray
    rotation_fraction: float
    eigenvalues: np.ndarray
    kind: str
    dynamics: Any = None
    update_jacobian: np.ndarray | None = None
    spectral_radius: float | None = None
    map_kind: str | None = None
    step_sizes: tuple | None = None
    method: str | None = None
    active_constraints: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=int))
    pressed: bool = False
    jacobian_error: float = 0.0
    symbolic_eigenvalues: Any = None
    tol: float = 1e-9
    status: Status = Status.SUCCESS
    exact: bool = True
    flow_kind: str | None = None
    local_nash: bool | None = None
    local_minimax: bool | None = None
    stackelberg: bool | None = None
    concepts: Any = None
    timescale: float = 1.0
    critical_timescale: float | None = None
    attracting_timescales: list | None = None
    rate_to_solution_set: float | None = None
    solution_set_dimension: int = 0
    normal_start_stable_dimension: int | None = None
    field_jacobian: np.ndarray | None = None
    field_eigenvalues: np.ndarray | None = None
    field_kind: str | None = None

    def __post_init__(self) -> None:
        for name in ("point", "jacobian", "game_eigenvalues", "symmetric_part",
                     "antisymmetric_part", "eigenvalues", "update_jacobian",
                     "active_constraints", "field_jacobian", "field_eigenvalues"):
            value = getattr(self, name)
            if isinstance(value, np.ndarray):
                value = value.copy()
                value.setflags(write=False)
                object.__setattr__(self, name, value)
        if self.flow_kind is None:
            object.__setattr__(self, "flow_kind", _flow_kind_of(self))

    @property
    def map_verdict(self) -> str | None:
        """The method map's kind (None for the flow)."""
        return None if self.dynamics is None else self.kind

    def __repr__(self) -> str:
        parts = [f"flow={self.flow_kind!r}"]
        if self.dynamics is not None:
            parts.append(f"map={self.map_kind!r}, rho={self.spectral_radius:.6g}")
        parts.append(f"local_nash={self.local_nash}")
        if self.local_minimax is not None:
            parts.append(f"local_minimax={self.local_minimax}")
        if self.stackelberg is not None:
            parts.append(f"stackelberg={self.stackelberg}")
        where = np.round(self.point, 6).tolist()
        return f"StabilityReport({self.game_name!r} at {where}, {', '.join(parts)})"

    @property
    def success(self) -> bool:
        """Whether the analysis completed (``status.success``)."""
        return self.status.success

    @property
    def message(self) -> str:
        """The status' message."""
        return self.status.message

    @property
    def game_name(self) -> str:
        """The analyzed game's name."""
        return str(getattr(self.game, "name", self.game))

    # ------------------------------------------------------------------ text
    def explain(self) -> str:
        """A plain-language account: the flow's verdict, the method's, and the game's.

        Paragraphs: the flow (eigenvalues of ``J``, or of ``diag(I, tau I) J``), the time
        scales (the limit ``tau -> inf``), the method's update map, and the local
        solution concepts, naming a non-Nash attractor and a Nash point that the flow or
        the method cannot reach.

        Returns
        -------
        str
            One paragraph per part, separated by newlines.
        """
        lines = [self._explain_flow()]
        if self.critical_timescale is not None:
            lines.append(self._explain_timescale(self.critical_timescale))
        if self.field_eigenvalues is not None:
            lines.append(self._explain_field())
        if self.dynamics is not None:
            lines.append(self._explain_method())
        if self.concepts is not None or self.local_nash is not None:
            lines.append(self._explain_concepts())
        return "\n".join(lines)

    @property
    def _noise(self) -> float:
        """The level below which a printed number is rounding noise."""
        scale = max(1.0, float(np.abs(self.jacobian).max())) if self.jacobian.size else 1.0
        return max(1e-12, self.tol * scale, 10 * self.jacobian_error)

    def _game_eigenvalue_text(self) -> str:
        """The game Jacobian's eigenvalues, or what stands in for them at a vertex."""
        if self.jacobian.size:
            return ", ".join(_fmt(v, self._noise) for v in self.game_eigenvalues)
        if len(self.active_constraints):
            presses = "presses into every one" if self.pressed else "does not press into all"
            return ("none: the point is a vertex of the strategy domain, the active face is "
                    "a point, and the verdict comes from the active constraints' multipliers "
                    f"(the field {presses})")
        return "none (a 0-dimensional state)"

    def _explain_field(self) -> str:
        values = np.zeros(0) if self.field_eigenvalues is None else self.field_eigenvalues
        eigs = ", ".join(_fmt(v, self._noise) for v in values)
        return (f"The method's ({self.method}) own continuous-time field (not the game's "
                f"gradient field) has Jacobian eigenvalues {eigs} on the tangent space of "
                f"the simplices (orthonormal basis): verdict {self.field_kind}.")

    def _explain_flow(self) -> str:
        eigs = ", ".join(_fmt(v, self._noise) for v in self.game_eigenvalues)
        share = f"{100 * self.rotation_fraction:.0f}%"
        if self.pressed and self.jacobian.size == 0:
            return (f"The point {np.round(self.point, 6).tolist()} is a vertex of the strategy "
                    "domain and the field pushes into every active constraint, so projected "
                    "dynamics are held there: it is attracting under projected dynamics "
                    "(the unconstrained Jacobian does not apply).")
        prefix = ""
        if len(self.active_constraints):
            prefix = (f"{len(self.active_constraints)} domain constraint(s) are active and the "
                      "field presses into them; on the remaining face ")
        which = "the game Jacobian"
        if self.timescale != 1.0:
            which = (f"with player 2 moving tau = {self.timescale:.6g} times faster, the "
                     "flow's Jacobian diag(I, tau I) J")
        text = (f"{prefix}{which} has eigenvalues {eigs}; {share} of it is "
                "antisymmetric (rotation), the rest symmetric (potential). ")
        if self.field_eigenvalues is not None and self.local_nash is False:
            text += ("The point is not a Nash equilibrium, so it is no rest point of the "
                     "game's gradient flow: the verdict below reads its linear part only. ")
        flow_kind = self.flow_kind
        text += f"Flow verdict: {flow_kind}. "
        if flow_kind == "rotational":
            omegas = sorted({round(abs(v.imag), 6) for v in self.game_eigenvalues
                             if abs(v.real) <= self.tol})
            text += (f"Purely imaginary eigenvalues (+-i*omega, omega = "
                     f"{', '.join(f'{w:.4g}' for w in omegas)}) make the continuous flow "
                     "circle the equilibrium: no force pulls it in, so play rotates "
                     "instead of converging. The point is a centre, not an attractor.")
        elif flow_kind == "attracting":
            slowest = max(v.real for v in self.game_eigenvalues) if self.game_eigenvalues.size \
                else 0.0
            text += (f"Every eigenvalue has negative real part (the slowest decays at rate "
                     f"{-slowest:.4g}): the flow converges, spiralling in where eigenvalues "
                     "are complex (damped rotation from the symmetric part).")
        elif flow_kind == "saddle":
            text += ("Some eigenvalues have positive and some negative real part: a saddle. "
                     "The flow approaches along the stable directions and leaves along the "
                     "unstable ones.")
        elif flow_kind == "repelling":
            text += "Every eigenvalue has positive real part: the flow is pushed away."
        else:
            text += ("Some eigenvalues have zero real part next to others that decide "
                     "nothing: linearization alone cannot settle stability (marginal).")
        if self.pressed and len(self.active_constraints):
            text += (" Because the field presses into the active constraints, projected "
                     "dynamics stay on this face.")
        return text

    def _explain_timescale(self, tau: float) -> str:
        windows = self.attracting_timescales or []
        spans = " and ".join(f"({low:.6g}, {high:.6g})" for low, high in windows)
        where = (f"the flow dz/dt = diag(I, tau I) xi is attracting for tau in {spans}. "
                 if windows else "no ratio tau makes the flow dz/dt = diag(I, tau I) xi "
                 "attracting. ")
        text = ("Time scales: with player 2 moving tau times faster, " + where
                + ("As tau -> inf, the flow is "
                "attracting iff player 2's own block J22 and the Schur complement "
                "J11 - J12 J22^-1 J21 are both stable (Jin et al. 2020, tau-GDA; Fiez & "
                "Ratliff 2021); "))
        if tau == 0.0:
            return text + "here the flow is attracting for every tau > 0."
        if np.isinf(tau):
            return text + ("here no time-scale separation makes it attracting for all large "
                           "tau (critical tau = inf).")
        return text + f"here it is attracting for every tau > {tau:.6g} (the critical tau)."

    def _explain_method(self) -> str:
        rho = self.spectral_radius
        eta = self.step_sizes
        sizes = f" (step sizes {eta})" if eta is not None else ""
        text = (f"The update map of {self.dynamics!r} has spectral radius rho = {rho:.6g}"
                f"{sizes}: map verdict {self.map_kind} ({self.kind}); ")
        if self.map_kind == "contracting":
            text += (f"it contracts, so iterates converge with the distance shrinking by about "
                     f"{rho:.6g} per step.")
        elif self.map_kind == "expanding":
            text += f"it expands, so iterates move away by a factor up to {rho:.6g} per step."
        else:
            text += "it neither contracts nor expands: iterates keep their distance."
        rate = self.rate_to_solution_set
        if rate is not None and self.solution_set_dimension:
            text += (f" The fixed points are not isolated (a {self.solution_set_dimension}-"
                     f"dimensional set of solutions): off that set "
                     f"the map's spectral radius is {rate:.6g}, so iterates "
                     + ("converge to a solution at that rate." if rate < 1 - self.tol
                        else "do not converge to the set."))
        text += self._explain_memory()
        return text + self.dynamics.explain(self)  # each method owns its sentence

    def _explain_memory(self) -> str:
        """What a memory-only stable direction means for a run from a normal start."""
        stable = self.normal_start_stable_dimension
        n = len(self.point)
        if stable is None or stable == n or self.kind == "attracting":
            return ""
        inside = int(np.sum(np.abs(self.eigenvalues) < 1 - self.tol))
        if inside == 0:
            return ""
        if stable == 0:
            return (f" The map acts on (z, memory) and {inside} of its eigenvalues lie inside "
                    "the unit circle, but those stable directions exist only in the method's "
                    "memory: no normal start (memory at rest, z_{-1} = z_0, as a run starts) "
                    "lies on them, so from a normal start every nearby run leaves the point; "
                    "only a specially prepared memory converges.")
        return (f" From a normal start (memory at rest, z_{{-1}} = z_0) the runs that "
                f"converge form a {stable}-dimensional set of starts z_0 (of {n}); the "
                "others leave.")

    def _minimax_tested(self) -> bool:
        """Whether the minimax test applied: zero-sum games, or a verdict was reached."""
        return self.local_minimax is not None or (self.concepts is not None
                                                   and self.concepts.zero_sum)

    def _nash_word(self, verdict: bool | None) -> str:
        """yes / no / inconclusive (a second-order test applied) / n/a."""
        if verdict is None and self.concepts is not None:
            return "inconclusive (second-order test)"
        return _yes_no(verdict)

    def _explain_concepts(self) -> str:
        concepts = self.concepts
        if concepts is None:  # a bimatrix game: the exact check
            text = ("Game-theoretic verdict: Nash equilibrium: "
                    f"{_yes_no(self.local_nash)} (exact bimatrix check "
                    "gamedyn.equilibria.is_nash: "
                    + ("no player gains by deviating to any strategy" if self.local_nash
                       else "some player gains by deviating to a pure strategy")
                    + "; payoffs are linear in each player's own strategy, so local and "
                    "global Nash equilibria coincide).")
            if self.local_nash is False and self.map_kind == "contracting":
                text += f" {self.method} converges to this non-Nash point."
            return text
        floor = self._noise
        own1, own2 = concepts.own_eigenvalues
        text = (f"Game-theoretic verdict: local Nash equilibrium: "
                f"{self._nash_word(self.local_nash)} "
                f"(player 1's own Hessian d2u1/dx2 has eigenvalues "
                f"{', '.join(_fmt(v, floor) for v in own1)}; player 2's d2u2/dy2 "
                f"{', '.join(_fmt(v, floor) for v in own2)}; both maximize, so both must be "
                "negative)")
        if self._minimax_tested():
            text += f"; strict local minimax: {self._nash_word(self.local_minimax)}"
        if self.stackelberg is not None or concepts is not None:
            text += ("; differential Stackelberg (player 1 leads): "
                     f"{self._nash_word(self.stackelberg)}")
        text += "."
        eps = self.tol * max(1.0, float(np.abs(self.jacobian).max()))
        if self.local_nash is None:
            flat = [str(i + 1) for i, own in enumerate((own1, own2)) if own.max() >= -eps]
            whose = (f"player {flat[0]}'s own Hessian is" if len(flat) == 1 else
                     "both players' own Hessians are")
            text += (f" Inconclusive (second-order test): {whose} only negative "
                     "semidefinite (a zero eigenvalue), so the "
                     "point satisfies the necessary condition of a local Nash equilibrium but "
                     "not the sufficient one; it may be a non-strict Nash point (as the "
                     "origin of v = a b, the game's unique Nash point).")
        losers = [str(i + 1) for i, own in enumerate((own1, own2)) if own.max() > eps]
        if self.flow_kind == "attracting" and self.local_nash is False:
            why = (f" (player {' and player '.join(losers)} would gain by a small deviation: "
                   "its own Hessian has a positive eigenvalue)" if losers else "")
            text += (" The point is a non-Nash attractor: the flow converges to it although "
                     f"it is not a local Nash equilibrium{why}.")
        if self.map_kind == "contracting" and self.local_nash is False:
            text += (f" {self.method} converges to this non-Nash point with these step "
                     "sizes.")
        if self.local_nash and self.flow_kind != "attracting":
            text += (f" It is a local Nash equilibrium that the flow cannot reach (the flow "
                     f"is {self.flow_kind} here).")
        if self.local_nash and self.map_kind is not None and self.map_kind != "contracting":
            text += (f" It is a local Nash equilibrium that {self.method} cannot reach with "
                     f"these step sizes (its map is {self.map_kind}).")
        return text

    def __str__(self) -> str:
        lines = [f"StabilityReport: {self.game_name} at {np.round(self.point, 6).tolist()}",
                 f"  flow: {self.flow_kind}",
                 "  game Jacobian eigenvalues: " + self._game_eigenvalue_text(),
                 f"  rotation fraction ||A||^2/||J||^2: {self.rotation_fraction:.3f}"]
        if self.field_eigenvalues is not None:
            lines.append(f"  {self.method}'s continuous-time field's Jacobian eigenvalues "
                         "(tangent space of the simplices): "
                         + ", ".join(_fmt(v, self._noise) for v in self.field_eigenvalues))
        if self.dynamics is not None:
            lines += [f"  method: {self.dynamics!r}",
                      "  update-map eigenvalues: "
                      + ", ".join(_fmt(v, self._noise) for v in self.eigenvalues),
                      f"  spectral radius: {self.spectral_radius:.6g} ({self.map_kind}, "
                      f"{self.kind})"]
        if len(self.active_constraints):
            lines.append(f"  active constraints: {self.active_constraints.tolist()} "
                         f"(pressed: {self.pressed})")
        if self.symbolic_eigenvalues is not None:
            lines.append(f"  exact eigenvalues: {self.symbolic_eigenvalues}")
        if self.concepts is not None or self.local_nash is not None:
            # the same words as explain()
            minimax = (self._nash_word(self.local_minimax) if self._minimax_tested()
                       else "n/a")
            lines.append(f"  local Nash: {self._nash_word(self.local_nash)}, local minimax: "
                         f"{minimax}, Stackelberg (player 1 leads): "
                         f"{self._nash_word(self.stackelberg)}")
        lines.append("  " + self.explain().replace("\n", "\n  "))
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        return "<pre>" + escape(str(self)) + "</pre>"


def _flow_kind_of(report: StabilityReport) -> str:
    from gamedyn.stability.classify import classify_flow

    if report.pressed and report.jacobian.size == 0:
        return "attracting"
    return classify_flow(report.game_eigenvalues, report.tol)
