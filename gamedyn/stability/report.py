"""The result of a stability analysis and its plain-language explanation."""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape
from typing import Any

import numpy as np

from gamedyn._status import Status

__all__ = ["StabilityReport"]


def _fmt(value: complex) -> str:
    value = complex(value)
    if abs(value.imag) < 1e-12:
        return f"{value.real:.4g}"
    sign = "+" if value.imag >= 0 else "-"
    return f"{value.real:.4g} {sign} {abs(value.imag):.4g}i"


@dataclass(frozen=True, eq=False)
class StabilityReport:
    """What the linearization at a fixed point says, for the flow or a discrete method.

    Read-only: a frozen object whose arrays are not writeable.

    Attributes
    ----------
    game : DifferentiableGame
        The game analyzed (the mixed extension for a bimatrix game analyzed with a
        gradient method or the flow; the :class:`~gamedyn.BimatrixGame` itself for a
        bimatrix dynamics).
    point : ndarray, shape (n,)
    jacobian : ndarray, shape (n, n)
        The game Jacobian ``J = d xi / dz`` at the point (restricted to the active face
        when simplex constraints are active; see ``active_constraints``). For a bimatrix
        dynamics: the Jacobian of its continuous-time field on the tangent space of the
        simplices, ``n = m + n - 2``.
    game_eigenvalues : ndarray
        Eigenvalues of ``J`` sorted by real part, then imaginary part.
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
        :mod:`gamedyn.stability.classify`).
    map_kind : str or None
        ``"contracting" | "expanding" | "isometric"`` (discrete only).
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

    def __post_init__(self) -> None:
        for name in ("point", "jacobian", "game_eigenvalues", "symmetric_part",
                     "antisymmetric_part", "eigenvalues", "update_jacobian",
                     "active_constraints"):
            value = getattr(self, name)
            if isinstance(value, np.ndarray):
                value = value.copy()
                value.setflags(write=False)
                object.__setattr__(self, name, value)

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
        """A plain-language account of why the point attracts, rotates or repels."""
        lines = [self._explain_flow()]
        if self.dynamics is not None:
            lines.append(self._explain_method())
        return "\n".join(lines)

    def _explain_flow(self) -> str:
        eigs = ", ".join(_fmt(v) for v in self.game_eigenvalues)
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
        kind = self.kind if self.dynamics is None else None
        text = (f"{prefix}the game Jacobian has eigenvalues {eigs}; {share} of J is "
                "antisymmetric (rotation), the rest symmetric (potential). ")
        flow_kind = kind or _flow_kind_of(self)
        if flow_kind == "rotational":
            omegas = sorted({round(abs(v.imag), 6) for v in self.game_eigenvalues
                             if abs(v.real) <= self.tol})
            text += (f"Purely imaginary eigenvalues (+-i*omega, omega = "
                     f"{', '.join(f'{w:.4g}' for w in omegas)}) make the continuous flow "
                     "circle the equilibrium: no force pulls it in, so play rotates "
                     "instead of converging. The point is a centre, not an attractor.")
        elif flow_kind == "attracting":
            slowest = max(v.real for v in self.game_eigenvalues)
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

    def _explain_method(self) -> str:
        rho = self.spectral_radius
        eta = self.step_sizes
        sizes = f" (step sizes {eta})" if eta is not None else ""
        text = (f"The update map of {self.dynamics!r} has spectral radius rho = {rho:.6g}"
                f"{sizes}: ")
        if self.map_kind == "contracting":
            text += (f"it contracts, so iterates converge with the distance shrinking by about "
                     f"{rho:.6g} per step.")
        elif self.map_kind == "expanding":
            text += f"it expands, so iterates move away by a factor up to {rho:.6g} per step."
        else:
            text += "it neither contracts nor expands: iterates keep their distance."
        return text + self.dynamics.explain(self)  # each method owns its sentence

    def __str__(self) -> str:
        lines = [f"StabilityReport: {self.game_name} at {np.round(self.point, 6).tolist()}",
                 f"  kind: {self.kind}",
                 "  game Jacobian eigenvalues: "
                 + ", ".join(_fmt(v) for v in self.game_eigenvalues),
                 f"  rotation fraction ||A||^2/||J||^2: {self.rotation_fraction:.3f}"]
        if self.dynamics is not None:
            lines += [f"  method: {self.dynamics!r}",
                      f"  update-map eigenvalues: {', '.join(_fmt(v) for v in self.eigenvalues)}",
                      f"  spectral radius: {self.spectral_radius:.6g} ({self.map_kind})"]
        if len(self.active_constraints):
            lines.append(f"  active constraints: {self.active_constraints.tolist()} "
                         f"(pressed: {self.pressed})")
        if self.symbolic_eigenvalues is not None:
            lines.append(f"  exact eigenvalues: {self.symbolic_eigenvalues}")
        lines.append("  " + self.explain().replace("\n", "\n  "))
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        return "<pre>" + escape(str(self)) + "</pre>"


def _flow_kind_of(report: StabilityReport) -> str:
    from gamedyn.stability.classify import classify_flow

    if report.pressed and report.jacobian.size == 0:
        return "attracting"
    return classify_flow(report.game_eigenvalues, report.tol)
