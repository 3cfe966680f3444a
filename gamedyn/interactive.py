"""An interactive explorer for Jupyter: move a method's knobs, watch it converge or not.

:func:`explore` returns an :class:`Explorer`: ipywidgets controls (the game, the method,
the step size, the time scale, the momentum, the regularization weights, the play order,
the number of rounds) and two outputs that update when a control moves: a figure (the
trajectories in the phase plane beside the eigenvalues of the method's linearization
against the unit circle) and a summary (the spectral radius and the verdict of
:func:`gamedyn.stability.analyze`, the status of the run). The explorer does no maths of
its own: trajectories come from :func:`gamedyn.simulate`, eigenvalues and the spectral
radius from :func:`gamedyn.stability.analyze`, drawings from :mod:`gamedyn.plot`.

ipywidgets is an optional dependency (``pip install "gamedyn[interactive]"``), imported
when :func:`explore` is called; ``import gamedyn`` does not load it.

Convention: every player maximizes its own payoff; ``z = concat(x, y)``; for zero-sum
games from a value ``v`` player 1 minimizes ``v``.
"""

from __future__ import annotations

import contextlib
import dataclasses
import io
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np

from gamedyn._validation import (
    as_real_array,
    check_positive_int,
    check_real,
)
from gamedyn.games.bimatrix import BimatrixGame
from gamedyn.games.differentiable import DifferentiableGame
from gamedyn.games.domain import SimplexProduct

__all__ = ["CATALOGUE", "CONTROLS", "Explorer", "explore"]

_MAX_STEPS = 5000  # rounds per run the explorer plays (it redraws on every change)
_MAX_STARTS = 10


@dataclass(frozen=True)
class _Entry:
    """One game of the explorer: how to build it and where to look."""

    label: str
    build: Any  # r1 -> DifferentiableGame
    point: tuple[float, ...]  # the fixed point analyzed (reduced coordinates)
    starts: tuple[tuple[float, ...], ...]  # initial states (reduced coordinates)
    bounds: tuple[tuple[float, float], tuple[float, float]]  # of the phase plane
    bimatrix: Any = None  # () -> BimatrixGame, for the bimatrix dynamics
    has_r1: bool = False


def _catalogue() -> dict[str, _Entry]:
    from gamedyn import games

    return {
        "bilinear": _Entry("bilinear v = a·b", lambda r1: games.bilinear(), (0.0, 0.0),
                           ((1.0, 0.0), (-0.4, -0.3)), ((-2.0, 2.0), (-2.0, 2.0))),
        "dirac_gan": _Entry("Dirac-GAN (minimax)", lambda r1: games.dirac_gan(r1=r1),
                            (0.0, 0.0), ((1.0, 0.0), (-0.4, -0.3)), ((-2.0, 2.0), (-2.0, 2.0)),
                            has_r1=True),
        "dirac_gan_wasserstein": _Entry(
            "Dirac-GAN (Wasserstein)", lambda r1: games.dirac_gan("wasserstein", r1=r1),
            (0.0, 0.0), ((1.0, 0.0), (-0.4, -0.3)), ((-2.0, 2.0), (-2.0, 2.0)), has_r1=True),
        "matching_pennies": _Entry(
            "matching pennies (mixed extension)", lambda r1: games.matching_pennies().mixed(),
            (0.5, 0.5), ((0.8, 0.5), (0.5, 0.6)), ((0.0, 1.0), (0.0, 1.0)),
            bimatrix=games.matching_pennies),
        "stag_hunt": _Entry(
            "Stag Hunt (mixed extension)", lambda r1: games.stag_hunt().mixed(),
            (0.5, 0.5), ((0.55, 0.55), (0.45, 0.5)), ((0.0, 1.0), (0.0, 1.0)),
            bimatrix=games.stag_hunt),
        "rock_paper_scissors": _Entry(
            "Rock-Paper-Scissors (mixed extension)",
            lambda r1: games.rock_paper_scissors().mixed(), (1 / 3,) * 4,
            ((0.5, 0.25, 1 / 3, 1 / 3),), ((0.0, 1.0), (0.0, 1.0)),
            bimatrix=games.rock_paper_scissors),
    }


#: The games the explorer offers, by key (the value of ``controls["game"]``).
CATALOGUE = tuple(_catalogue())

#: The numeric controls: key -> (the hyper-parameter(s) it sets, minimum, maximum, step).
#: ``lr`` sets a method's ``lr`` (``dt`` for the replicator and replicator-mutator);
#: ``timescale`` ``tau`` makes the step sizes ``lr=(eta, tau * eta)``; ``momentum`` is
#: :class:`~gamedyn.dynamics.Momentum`'s ``beta``; ``regularization`` the weight of a
#: method's regularizing term (:class:`~gamedyn.dynamics.Consensus`'s ``gamma``,
#: :class:`~gamedyn.dynamics.SGA`'s ``lam``); ``r1`` the Dirac-GAN's R1 penalty weight;
#: ``temperature`` the logit and stochastic fictitious play temperature.
CONTROLS = {
    "lr": (("lr", "dt"), 0.01, 2.0, 0.01),
    "timescale": ((), 0.1, 10.0, 0.1),
    "momentum": (("beta",), -0.9, 0.9, 0.05),
    "regularization": (("gamma", "lam"), 0.0, 5.0, 0.05),
    "r1": ((), 0.0, 5.0, 0.05),
    "temperature": (("temperature",), 0.05, 5.0, 0.05),
}


def _method_fields(dynamics: Any) -> set[str]:
    from gamedyn.dynamics import Alternating

    rule = dynamics.rule if isinstance(dynamics, Alternating) else dynamics
    return {f.name for f in dataclasses.fields(rule) if f.init}


def _with_params(dynamics: Any, params: dict[str, Any]) -> Any:
    """``dynamics`` with the given hyper-parameters (those it has), the rest kept."""
    from gamedyn.dynamics import Alternating

    if isinstance(dynamics, Alternating):
        rule = _with_params(dynamics.rule, params)
        return Alternating(rule, k=dynamics.k, first=dynamics.first)
    fields = _method_fields(dynamics)
    return dataclasses.replace(dynamics, **{k: v for k, v in params.items() if k in fields})


def _control_params(base: Any, key: str, value: float) -> dict[str, Any]:
    """The hyper-parameters control ``key`` at ``value`` sets on ``base`` (may be empty)."""
    from gamedyn.dynamics import GradientDynamics

    names, *_ = CONTROLS[key]
    fields = _method_fields(base)
    if key == "lr" and isinstance(base, GradientDynamics):
        rates = _constant_lr(base)
        ratio = 1.0 if rates is None or rates[0] == 0 else rates[1] / rates[0]
        return {"lr": (value, ratio * value)}
    return {field: value for field in names if field in fields}


def _valid_range(base: Any, key: str) -> tuple[float, float] | None:
    """The part of control ``key``'s range (its slider's steps) that the method ``base``
    accepts, ``(low, high)``; the whole range when the control sets nothing on it, None
    when it accepts no value of it."""
    _, low, high, step = CONTROLS[key]
    grid = np.round(np.arange(low, high + step / 2, step), 10)
    if not _control_params(base, key, float(grid[0])):
        return (low, high)
    accepted = []
    for value in grid:
        try:
            _with_params(base, _control_params(base, key, float(value)))
        except (TypeError, ValueError):
            continue
        accepted.append(float(value))
    return (min(accepted), max(accepted)) if accepted else None


def _describe(dynamics: Any) -> str:
    """``Simultaneous, η = (0.3, 0.3)``: the method and its step sizes, for titles."""
    from gamedyn.dynamics import Alternating

    name = type(dynamics).__name__
    if isinstance(dynamics, Alternating):
        rule = type(dynamics.rule).__name__
        name = f"Alternating{'' if rule == 'Simultaneous' else ' ' + rule}, player " \
               f"{dynamics.first} first"
    sizes = getattr(dynamics, "step_sizes", lambda t: None)(0)
    if sizes is None or not all(isinstance(v, float) for v in sizes):
        return name
    return f"{name}, η = ({sizes[0]:.3g}, {sizes[1]:.3g})"


def _orderable(dynamics: Any) -> bool:
    """Whether the play-order control applies: a gradient rule played simultaneously."""
    from gamedyn.dynamics import Alternating, GradientDynamics

    return isinstance(dynamics, GradientDynamics) and not isinstance(dynamics, Alternating)


def _constant_lr(dynamics: Any) -> tuple[float, float] | None:
    """``(eta1, eta2)`` of a gradient method with constant step sizes, else None."""
    rates = getattr(dynamics, "_constant_rates", None)
    return None if rates is None else (float(rates[0]), float(rates[1]))


class Explorer:
    """The interactive explorer made by :func:`explore`: widgets, figure and results.

    Setting a control's ``value`` (in code, or with the mouse) re-runs the method and
    re-analyzes the fixed point at once; the attributes below then hold the new results.
    Make one with :func:`explore`, which checks its arguments and resolves them into the
    parameters below.

    Parameters
    ----------
    entries : dict of str to _Entry
        The games on the menu (the catalogue and the user's own), by key.
    game : str
        The key of the game shown first.
    dynamics : str or Dynamics
        The method shown first: a registered name or an instance whose
        hyper-parameters without a control are kept.
    values : dict of str to float
        The first value of each control of :data:`CONTROLS`.
    steps : int
        Rounds of each run.
    order : {0, 1, 2}
        The first play order: simultaneous, or alternating with player 1 or 2 first.

    Attributes
    ----------
    controls : dict of str to ipywidgets.Widget
        ``"game"`` and ``"dynamics"`` (dropdowns), ``"lr"``, ``"timescale"``,
        ``"momentum"``, ``"regularization"``, ``"r1"``, ``"temperature"`` (float
        sliders; see :data:`CONTROLS`), ``"order"`` (the play order of a gradient rule:
        0 simultaneous, 1 or 2 alternating with that player first, as
        ``Alternating(rule, first=order)``) and ``"steps"`` (rounds). A control that does
        not apply to the chosen game and method is hidden (``layout.display == "none"``).
    outputs : dict of str to ipywidgets.Widget
        ``"figure"``: an ``ipywidgets.Image`` holding the PNG of :attr:`figure`;
        ``"summary"``: an ``ipywidgets.HTML`` with the spectral radius, the verdict and
        the run's status.
    widget : ipywidgets.VBox
        Everything, laid out; a notebook displays the explorer through it.
    figure : matplotlib.figure.Figure
        Left: the trajectories in the phase plane (player 1's first coordinate against
        player 2's), the game's field behind them (when ``n1 + n2 = 2``) and the fixed
        point (``+``). Right: the eigenvalues of the method's linearization at the fixed
        point and the unit circle.
    game : DifferentiableGame
        The game played (the mixed extension for bimatrix games).
    dynamics : Dynamics or None
        The method with the controls' hyper-parameters (None if they were refused).
    point : ndarray, shape (n1 + n2,)
        The fixed point analyzed, in the coordinates of :attr:`game`.
    trajectory : Trajectory or None
        The latest run (:func:`gamedyn.simulate`) from every start; for a bimatrix
        dynamics its states are the full mixed strategies ``concat(p, q)``.
    report : StabilityReport or None
        :func:`gamedyn.stability.analyze` of the method at :attr:`point`; None when the
        method has no linearization (best response, Adam, ...; :attr:`message` says why).
    eigenvalues : ndarray of complex
        ``report.eigenvalues`` (empty without a report).
    spectral_radius : float or None
        ``report.spectral_radius``: the method converges locally iff it is below 1.
    message : str
        Why there is no report or no run, or ``""``.
    limits : dict of str to (float, float)
        The controls whose slider the chosen method limits to part of its range (logit's
        step size is at most 1), with the range it accepts; the summary says so.

    References
    ----------
    Mescheder, L., Nowozin, S. & Geiger, A. (2017). The numerics of GANs. NeurIPS,
    Proposition 3 (a fixed point of a method is locally attracting iff the spectral
    radius of the method's Jacobian there is below 1: the criterion shown).

    Examples
    --------
    >>> import gamedyn as gd
    >>> ex = gd.interactive.explore("dirac_gan", "simultaneous", lr=0.4)
    >>> ex.spectral_radius < 1            # no R1 penalty: 1 +- 0.2i, outside the circle
    False
    >>> ex.controls["r1"].value = 0.5     # J = [[0, -1/2], [1/2, -1/2]]: mu = (-1 +- i sqrt(3))/4
    >>> round(ex.spectral_radius, 6)      # |1 + 0.4 mu| = |0.9 +- 0.1 sqrt(3) i| = sqrt(0.84)
    0.916515
    """

    def __init__(self, entries: dict[str, _Entry], game: str, dynamics: Any,
                 values: dict[str, float], steps: int, order: int = 0) -> None:
        import ipywidgets as widgets

        self._entries = entries
        self._given: dict[str, Any] = {}  # registered name -> the instance passed to explore()
        if dynamics is not None and not isinstance(dynamics, str):
            self._given[dynamics.name] = dynamics
        self.controls: dict[str, Any] = {}
        layout = {"width": "400px"}
        self.controls["game"] = widgets.Dropdown(
            options=[(entry.label, key) for key, entry in entries.items()], value=game,
            description="game", layout=layout)
        self.controls["dynamics"] = widgets.Dropdown(
            options=self._methods(game), value=dynamics if isinstance(dynamics, str)
            else (dynamics.name if dynamics is not None else "simultaneous"),
            description="method", layout=layout)
        descriptions = {"lr": "step size η", "timescale": "time scale τ",
                        "momentum": "momentum β", "regularization": "regularization",
                        "r1": "R1 weight γ", "temperature": "temperature"}
        for key, (_, low, high, step) in CONTROLS.items():
            self.controls[key] = widgets.FloatSlider(
                value=values[key], min=low, max=high, step=step, description=descriptions[key],
                continuous_update=False, readout_format=".3g", layout=layout,
                style={"description_width": "initial"})
        self.controls["order"] = widgets.ToggleButtons(
            options=[("simultaneous", 0), ("alternating, 1 first", 1),
                     ("alternating, 2 first", 2)], value=order, description="play order",
            style={"description_width": "initial", "button_width": "150px"})
        self.controls["steps"] = widgets.IntSlider(
            value=steps, min=1, max=_MAX_STEPS, description="rounds",
            continuous_update=False, layout=layout)
        self.outputs: dict[str, Any] = {
            "figure": widgets.Image(format="png"),
            "summary": widgets.HTML(),
        }
        left = widgets.VBox([self.controls[key] for key in ("game", "dynamics", "steps")])
        right = widgets.VBox([self.controls[key] for key in CONTROLS])
        self.widget = widgets.VBox([widgets.HBox([left, right]), self.controls["order"],
                                    self.outputs["summary"], self.outputs["figure"]])
        self.figure: Any = None  # a matplotlib Figure after the first update
        self._background: tuple[str, str] | None = None
        self._runs: list[Any] = []
        self.trajectory: Any = None
        self.report: Any = None
        self.dynamics: Any = None
        self.message = ""
        self.limits: dict[str, tuple[float, float]] = {}
        self._spans: dict[str, dict[str, tuple[float, float]]] = {}  # method -> ranges
        self._updating = False
        self._held = 0  # nested hold() blocks open
        self.controls["game"].observe(self._on_game, names="value")
        for key, control in self.controls.items():
            if key != "game":
                control.observe(self._on_change, names="value")
        self.update()

    # ------------------------------------------------------------------ choices
    def _methods(self, game: str) -> list[str]:
        from gamedyn.dynamics import REGISTRY, GradientDynamics

        bimatrix = self._entries[game].bimatrix is not None
        return [name for name, cls in REGISTRY.items()
                if issubclass(cls, GradientDynamics) or bimatrix]

    @contextlib.contextmanager
    def hold(self) -> Iterator[Explorer]:
        """Change several controls with one update, made when the block ends.

        Yields
        ------
        Explorer
            This explorer; inside the ``with`` block its results are those of the
            values before the block.

        Examples
        --------
        >>> import gamedyn as gd
        >>> ex = gd.interactive.explore("bilinear")
        >>> with ex.hold():
        ...     ex.controls["dynamics"].value = "extragradient"
        ...     ex.controls["lr"].value = 0.5
        >>> round(ex.spectral_radius, 6)      # sqrt(1 - 0.5**2 + 0.5**4)
        0.901388
        """
        self._held += 1
        try:
            yield self
        finally:
            self._held -= 1
            if not self._held:
                self.update()

    def _on_game(self, change: dict) -> None:
        methods = self._methods(change["new"])
        dropdown = self.controls["dynamics"]
        current = dropdown.value
        self._updating = True  # one redraw, not one per changed option
        try:
            dropdown.options = methods
            dropdown.value = current if current in methods else "simultaneous"
        finally:
            self._updating = False
        if not self._held:
            self.update()

    def _on_change(self, change: dict) -> None:
        if not self._updating and not self._held:
            self.update()

    # ------------------------------------------------------------------ results
    @property
    def eigenvalues(self) -> np.ndarray:
        """The eigenvalues of the method's linearized update map at :attr:`point`.

        Returns
        -------
        ndarray of complex, shape (d,)
            ``report.eigenvalues`` (``d`` is the dimension of the method's state, memory
            included); empty when there is no report.
        """
        if self.report is None:
            return np.zeros(0, dtype=complex)
        return self.report.eigenvalues

    @property
    def spectral_radius(self) -> float | None:
        """The spectral radius of the method's linearized update map at :attr:`point`.

        Returns
        -------
        float or None
            ``report.spectral_radius``, dimensionless: below 1 iff the method converges
            locally; None when the method has no linearization.
        """
        return None if self.report is None else self.report.spectral_radius

    def _dynamics(self, name: str) -> Any:
        from gamedyn.dynamics import REGISTRY, Alternating, GradientDynamics

        base = self._given.get(name) or REGISTRY[name]()
        fields = _method_fields(base)
        value = {key: self.controls[key].value for key in CONTROLS}
        params: dict[str, Any] = {}
        for key, (names, *_) in CONTROLS.items():
            for field in names:
                if field in fields and key != "lr":
                    params[field] = value[key]
        if isinstance(base, GradientDynamics):
            params["lr"] = (value["lr"], value["timescale"] * value["lr"])
        elif "lr" in fields:
            params["lr"] = value["lr"]
        elif "dt" in fields:
            params["dt"] = value["lr"]
        dynamics = _with_params(base, params)
        order = self.controls["order"].value
        if _orderable(dynamics) and order:
            dynamics = Alternating(dynamics, first=order)
        return dynamics

    def _fit_ranges(self, name: str) -> None:
        """Limit each slider to the values the method ``name`` accepts (logit's step size
        is at most 1, for instance); a value outside moves to the nearest end. The
        limits are listed in :attr:`limits`."""
        if name not in self._spans:
            base = self._given.get(name) or _registered(name)()
            self._spans[name] = {key: _valid_range(base, key) or (low, high)
                                 for key, (_, low, high, _) in CONTROLS.items()}
        updating, self._updating = self._updating, True  # no update per changed bound
        self.limits = {}
        try:
            for key, (_, low, high, _) in CONTROLS.items():
                span = self._spans[name][key]
                slider = self.controls[key]
                if span[0] > slider.max:  # never min > max in between
                    slider.max, slider.min = span[1], span[0]
                else:
                    slider.min, slider.max = span[0], span[1]
                if span != (low, high):
                    self.limits[key] = span
        finally:
            self._updating = updating

    def _visible(self, entry: _Entry, dynamics: Any) -> set[str]:
        from gamedyn.dynamics import Alternating, GradientDynamics

        shown = {"game", "dynamics", "steps"}
        fields = _method_fields(dynamics)
        for key, (names, *_) in CONTROLS.items():
            if fields & set(names):
                shown.add(key)
        if isinstance(dynamics, GradientDynamics):
            shown.add("timescale")
        if _orderable(dynamics) or (isinstance(dynamics, Alternating)
                                    and self.controls["dynamics"].value != "alternating"):
            shown.add("order")
        if entry.has_r1:
            shown.add("r1")
        return shown

    def update(self) -> None:
        """Re-run and re-analyze with the controls' current values, redraw the outputs.

        Every control calls it when its value changes; calling it again recomputes the
        same results.
        """
        from gamedyn.dynamics import GradientDynamics, simulate
        from gamedyn.stability import analyze

        key = self.controls["game"].value
        entry = self._entries[key]
        name = self.controls["dynamics"].value
        self._fit_ranges(name)
        self.game = entry.build(self.controls["r1"].value)
        self.point = np.asarray(entry.point, dtype=float)
        self.trajectory = self.report = None
        notes = []
        try:
            self.dynamics = self._dynamics(name)
        except (TypeError, ValueError) as error:
            self.dynamics = None
            notes.append(f"the method's parameters were refused: {error}")
        shown = self._visible(entry, self.dynamics if self.dynamics is not None
                              else self._given.get(name) or _registered(name)())
        for control_key, control in self.controls.items():
            control.layout.display = None if control_key in shown else "none"
        if self.dynamics is not None:
            gradient = isinstance(self.dynamics, GradientDynamics)
            starts = np.asarray(entry.starts, dtype=float)
            if gradient:
                analyzed, at, z0 = self.game, self.point, starts
            else:
                bimatrix = entry.bimatrix()
                analyzed = bimatrix
                at = self.game.domain.to_strategies(self.point)
                z0 = np.concatenate(self.game.domain.to_strategies(starts), axis=-1)
            try:
                self.report = analyze(analyzed, at, self.dynamics)
            except (TypeError, ValueError) as error:
                notes.append(f"no linearization: {error}")
            with np.errstate(all="ignore"):
                self.trajectory = simulate(analyzed, self.dynamics, z0,
                                           self.controls["steps"].value)
            if any(s in ("diverged", "failed") for s in np.ravel(self.trajectory.status)):
                notes.append(self.trajectory.message)
        self.message = " ".join(notes)
        self._draw(entry)

    # ------------------------------------------------------------------ drawing
    def _plane(self, states: np.ndarray) -> np.ndarray:
        """Player 1's first coordinate and player 2's, ``(..., 2)``, of reduced or
        full-strategy states."""
        n1 = self.game.n1
        if states.shape[-1] != self.game.n:  # full mixed strategies (p, q)
            n1 += 1
        return states[..., [0, n1]]

    def _draw(self, entry: _Entry) -> None:
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure

        from gamedyn import plot

        # the field, the fixed point and the layout change with the game only: drawn once
        # per game, and each update replaces the runs and the eigenvalues
        background = (self.controls["game"].value, self.game.name)
        if self.figure is None or self._background != background:
            figure = Figure(figsize=(8.4, 4.0))
            FigureCanvasAgg(figure)
            figure.subplots_adjust(left=0.08, right=0.98, bottom=0.12, top=0.87, wspace=0.28)
            phase, _ = figure.subplots(1, 2)
            if self.game.n == 2:
                plot.phase_portrait(self.game, entry.bounds, ax=phase, density=15)
            phase.plot(*self._plane(self.point), "k+", ms=10, mew=1.5, zorder=3)
            (x0, x1), (y0, y1) = entry.bounds
            phase.set_xlim(x0, x1)
            phase.set_ylim(y0, y1)
            phase.set_xlabel("x (player 1)" if self.game.n1 == 1 else "x[0] (player 1)")
            phase.set_ylabel("y (player 2)" if self.game.n2 == 1 else "y[0] (player 2)")
            self.figure, self._background, self._runs = figure, background, []
        phase, spectrum = self.figure.axes[:2]
        for line in self._runs:
            line.remove()
        before = len(phase.lines)
        if self.trajectory is not None:
            paths = self._plane(np.asarray(self.trajectory.states, dtype=float))
            paths = np.where(np.isfinite(paths), paths, np.nan).reshape(len(paths), -1, 2)
            for start in range(paths.shape[1]):  # one colour per start, every update
                plot.trajectory(paths[:, start], ax=phase, color=f"C{start % 10}")
        self._runs = list(phase.lines[before:])
        method = "no method" if self.dynamics is None else _describe(self.dynamics)
        phase.set_title(f"{self.game.name}\n{method}", fontsize=9)
        spectrum.cla()
        rho = self.spectral_radius
        if self.report is not None:
            plot.eigenvalue_plane(self.eigenvalues, ax=spectrum, color="C3")
            spectrum.set_title(f"eigenvalues of the update map, ρ = {rho:.4f}", fontsize=9)
        else:
            plot.eigenvalue_plane(np.zeros(0), ax=spectrum)
            spectrum.set_title("no linearization", fontsize=9)
        buffer = io.BytesIO()
        self.figure.savefig(buffer, format="png", dpi=80)
        self.outputs["figure"].value = buffer.getvalue()
        self.outputs["summary"].value = self._summary(rho)

    def _summary(self, rho: float | None) -> str:
        import html

        lines = [f"<b>{html.escape(self.game.name)}</b>, "
                 f"{html.escape(repr(self.dynamics)) if self.dynamics else 'no method'}"]
        if rho is not None:
            values = ", ".join(f"{v.real:+.4f}{v.imag:+.4f}i" for v in self.eigenvalues)
            lines.append(f"spectral radius ρ = {rho:.6f} ({self.report.map_kind}); "
                         f"eigenvalues: {values}")
        if self.trajectory is not None:
            statuses = Counter(str(s) for s in np.ravel(self.trajectory.status))
            lines.append(f"{len(self.trajectory.states) - 1} rounds: " + ", ".join(
                f"{count} {status}" for status, count in sorted(statuses.items())))
        for key, (low, high) in self.limits.items():
            lines.append(html.escape(
                f"{self.controls['dynamics'].value} takes {key} from {low:g} to {high:g}: "
                f"the {self.controls[key].description} slider is limited to that range."))
        if self.message:
            lines.append(html.escape(self.message))
        return "<br>".join(lines)

    # ------------------------------------------------------------------ display
    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        """The widgets, with the figure as a PNG and the repr for renderers without them
        (a notebook converted to HTML shows the picture of the last state)."""
        import base64

        bundle = dict(self.widget._repr_mimebundle_(**kwargs) or {})
        bundle["text/plain"] = repr(self)
        bundle["image/png"] = base64.b64encode(self.outputs["figure"].value).decode("ascii")
        return bundle

    def __repr__(self) -> str:
        rho = self.spectral_radius
        return (f"Explorer(game={self.controls['game'].value!r}, "
                f"dynamics={self.dynamics!r}, spectral_radius="
                f"{'None' if rho is None else format(rho, '.6g')})")


def _registered(name: str) -> type:
    from gamedyn.dynamics import REGISTRY

    return REGISTRY[name]


def explore(game: Any = None, dynamics: Any = None, *, point: Any = None,
            starts: Any = None, steps: int = 100,
            lr: float | tuple[float, float] | None = None,
            timescale: float | None = None, momentum: float | None = None,
            regularization: float | None = None, temperature: float | None = None,
            r1: float = 0.0) -> Explorer:
    """An interactive explorer of a game and a method (ipywidgets, for Jupyter).

    Choose a game and a method, move the step size, time scale, momentum and
    regularization weights, and watch three things update: the trajectories in the
    phase plane, the eigenvalues of the method's update map linearized at the fixed
    point (against the unit circle) and its spectral radius ``rho``. A discrete method
    ``z_{t+1} = F(z_t)`` converges locally iff ``rho(dF) < 1``. On the bilinear game
    ``v = a b`` with step size ``eta``, simultaneous steps have ``rho = sqrt(1 +
    eta^2)``, alternating steps ``rho = 1`` for ``eta < 2``, extragradient ``rho =
    sqrt(1 - eta^2 + eta^4)``.

    Parameters
    ----------
    game : str, DifferentiableGame or BimatrixGame, optional
        A key of :data:`CATALOGUE` (default ``"bilinear"``), or your own game, which is
        added to the menu as ``"custom"``. A bimatrix game is played through its mixed
        extension ``game.mixed()`` by gradient methods and as itself by the bimatrix
        dynamics (replicator, Hedge, ...).
    dynamics : str or Dynamics, optional
        A registered name (:data:`gamedyn.dynamics.REGISTRY`; default
        ``"simultaneous"``) or an instance, whose hyper-parameters the controls start
        from (those without a control, such as ``k`` of ``Alternating``, are kept).
    point : array_like, shape (n1 + n2,) or pair (p, q), optional
        The fixed point to analyze, for your own game (the catalogue's games know
        theirs): in the game's coordinates, or mixed strategies ``(p, q)`` for a
        bimatrix game. Default: ``game.equilibrium()``; for a bimatrix game the first
        Nash equilibrium found by :func:`gamedyn.equilibria.all_nash`.
    starts : array_like, shape (k, n1 + n2), optional
        Initial states of the runs for your own game (at most 10; mixed extensions in
        reduced coordinates ``concat(p[:-1], q[:-1])``). Default: two states near
        ``point``.
    steps : int
        Rounds of each run (1 to 5000).
    lr, timescale, momentum, regularization, temperature : float, optional
        Initial values of the controls (see :data:`CONTROLS` for what each sets and its
        range): step size ``eta`` (player 2's is ``timescale * eta``), Momentum's
        ``beta``, Consensus's ``gamma`` or SGA's ``lam``, the logit temperature. Default:
        the method's own values. A value must also be one the method accepts (the
        logit dynamics' step size is at most 1), and each slider is limited to the
        chosen method's range. For a gradient method ``lr`` may be a pair ``(lr1,
        lr2)``, read as ``lr = lr1`` and ``timescale = lr2 / lr1`` (then do not pass
        ``timescale``).
    r1 : float
        The R1 weight ``gamma >= 0`` of the catalogue's Dirac-GANs (Mescheder et al.
        2018); refused (ValueError) for any other game, where it would not apply.

    Returns
    -------
    Explorer
        Its ``controls`` and ``outputs`` are the widgets; ``trajectory``, ``report``,
        ``eigenvalues`` and ``spectral_radius`` hold the latest results. Shown in a
        notebook when it is the value of a cell.

    Raises
    ------
    ImportError
        If ipywidgets is not installed (``pip install "gamedyn[interactive]"``).
    TypeError, ValueError
        For a game, method, point or value of the wrong kind or out of range; the
        message names the argument.

    References
    ----------
    Gidel, G. et al. (2019). Negative momentum for improved game dynamics. AISTATS
    (simultaneous and alternating steps, momentum). Mescheder, L., Geiger, A. &
    Nowozin, S. (2018). Which training methods for GANs do actually converge? ICML
    (the Dirac-GAN, R1). Mescheder, L., Nowozin, S. & Geiger, A. (2017). The numerics
    of GANs. NeurIPS (consensus optimization, the spectral radius criterion).

    Examples
    --------
    >>> import gamedyn as gd
    >>> ex = gd.interactive.explore("bilinear", "simultaneous", lr=0.5)
    >>> round(ex.spectral_radius, 6)            # sqrt(1 + 0.5**2)
    1.118034
    >>> ex.controls["dynamics"].value = "extragradient"
    >>> round(ex.spectral_radius, 6)            # sqrt(1 - 0.5**2 + 0.5**4)
    0.901388
    >>> ex.controls["momentum"].layout.display   # extragradient has no momentum
    'none'
    """
    try:
        import ipywidgets  # noqa: F401
    except ImportError:
        raise ImportError("the explorer needs ipywidgets: pip install "
                          "'gamedyn[interactive]' (or pip install ipywidgets).") from None
    from gamedyn.dynamics import Dynamics, GradientDynamics, MatrixDynamics
    from gamedyn.dynamics.registry import resolve

    entries = _catalogue()
    if game is None:
        game = "bilinear"
    if isinstance(game, str):
        if game not in entries:
            raise ValueError(f"`game` must be one of {', '.join(map(repr, entries))} or a "
                             f"DifferentiableGame or BimatrixGame; got {game!r}.")
        if point is not None or starts is not None:
            raise ValueError("`point` and `starts` are for your own `game`; the catalogue's "
                             f"game {game!r} has its own.")
        key = game
    elif isinstance(game, (DifferentiableGame, BimatrixGame)):
        entries["custom"] = _custom_entry(game, point, starts)
        key = "custom"
    else:
        raise TypeError(f"`game` must be a catalogue key ({', '.join(map(repr, entries))}), "
                        f"a DifferentiableGame or a BimatrixGame; got {type(game).__name__}.")

    if dynamics is None:
        dynamics = "simultaneous"
    if not isinstance(dynamics, (str, Dynamics)):
        raise TypeError(f"`dynamics` must be a registered name or a Dynamics instance; got "
                        f"{type(dynamics).__name__}.")
    instance = resolve(dynamics)
    if isinstance(instance, MatrixDynamics) and entries[key].bimatrix is None:
        raise ValueError(f"`dynamics` {instance.name!r} is a bimatrix dynamics; the game "
                         f"{key!r} is not a bimatrix game (choose a gradient method).")

    steps = check_positive_int(steps, "steps")
    if steps > _MAX_STEPS:
        raise ValueError(f"`steps` must be at most {_MAX_STEPS}; got {steps}.")
    lr, timescale = _lr_pair(instance, lr, timescale)
    values = _initial_values(instance, dict(lr=lr, timescale=timescale, momentum=momentum,
                                            regularization=regularization, r1=r1,
                                            temperature=temperature))
    if values["r1"] and not entries[key].has_r1:
        which = "your game" if key == "custom" else f"the game {key!r}"
        hint = (" (build your game with its penalty, e.g. gd.games.dirac_gan(r1=0.5))"
                if key == "custom" else "")
        raise ValueError(f"`r1` is the R1 weight of the catalogue's Dirac-GANs ('dirac_gan', "
                         f"'dirac_gan_wasserstein'); {which} has none, so it would be "
                         f"ignored{hint}; got {r1!r}.")
    for control, value in values.items():
        span = _valid_range(instance, control)
        if value is not None and span is not None and not span[0] <= value <= span[1]:
            raise ValueError(f"`{control}` must be between {span[0]:g} and {span[1]:g} for "
                             f"{instance.name}; got {value!r}.")
    if isinstance(instance, GradientDynamics) and values["lr"] is None:
        raise ValueError("`dynamics` must have constant step sizes for the explorer (its "
                         "step size is a control); got a schedule.")
    defaults = {"lr": 0.1, "timescale": 1.0, "momentum": -0.5, "regularization": 1.0,
                "r1": 0.0, "temperature": 1.0}
    values = {k: defaults[k] if v is None else v for k, v in values.items()}
    return Explorer(entries, key, dynamics if isinstance(dynamics, str) else instance,
                    values, steps)


def _lr_pair(dynamics: Any, lr: Any, timescale: Any) -> tuple[Any, Any]:
    """``lr=(lr1, lr2)`` as the controls' ``(lr, timescale = lr2 / lr1)``."""
    from gamedyn.dynamics import GradientDynamics

    if isinstance(lr, str) or not isinstance(lr, (tuple, list, np.ndarray)):
        return lr, timescale
    if not isinstance(dynamics, GradientDynamics):
        raise ValueError(f"`lr` must be one number for {dynamics.name} (a pair of step "
                         f"sizes is for gradient methods); got {lr!r}.")
    if timescale is not None:
        raise ValueError("`lr` = (lr1, lr2) sets the time scale lr2 / lr1 itself: pass "
                         "`timescale` only with one step size.")
    pair = as_real_array(lr, "lr", ndim=1)
    if pair.shape != (2,) or not np.all(pair > 0):
        raise ValueError(f"`lr` must be a positive number or a pair (lr1, lr2) of positive "
                         f"numbers; got {lr!r}.")
    tau = float(pair[1] / pair[0])
    _, low, high, _ = CONTROLS["timescale"]
    if not low <= tau <= high:
        raise ValueError(f"`lr` = (lr1, lr2) must have lr2 / lr1 (the time scale) between "
                         f"{low:g} and {high:g}; got {lr!r} (ratio {tau:g}).")
    return float(pair[0]), tau


def _initial_values(dynamics: Any, given: dict[str, Any]) -> dict[str, Any]:
    """The controls' first values: those given (checked against :data:`CONTROLS`), else
    the method's own."""
    from gamedyn.dynamics import Alternating, GradientDynamics

    values: dict[str, Any] = {}
    for key, value in given.items():
        if value is None:
            continue
        number = check_real(value, key)
        _, low, high, _ = CONTROLS[key]
        if not low <= number <= high:
            raise ValueError(f"`{key}` must be between {low:g} and {high:g}; got {number!r}.")
        values[key] = number
    rule = dynamics.rule if isinstance(dynamics, Alternating) else dynamics
    own: dict[str, Any] = {}
    if isinstance(dynamics, GradientDynamics):
        rates = _constant_lr(dynamics)
        if rates is not None:
            own["lr"], own["timescale"] = rates[0], rates[1] / rates[0]
        else:
            own["lr"] = None
    for key, (names, *_) in CONTROLS.items():
        for field in names:
            attribute = getattr(rule, field, None)
            if key not in own and isinstance(attribute, (int, float)) and not isinstance(
                    attribute, bool):
                own[key] = float(attribute)
    for key, (_, low, high, _) in CONTROLS.items():
        if key in values or own.get(key) is None:
            values.setdefault(key, None)
            continue
        if not low <= own[key] <= high:
            raise ValueError(f"`dynamics` has {key} = {own[key]:g}, outside the control's "
                             f"range [{low:g}, {high:g}]; pass `{key}=` to start elsewhere.")
        values[key] = own[key]
    return values


def _custom_entry(game: Any, point: Any, starts: Any) -> _Entry:
    """The explorer's entry for a game the user passes."""
    bimatrix = None
    if isinstance(game, BimatrixGame):
        bimatrix_game = game
        mixed = game.mixed()  # ValueError for a single strategy
        if point is None:
            from gamedyn.equilibria import all_nash

            p, q = all_nash(game)[0]
        else:
            from gamedyn.stability.analyze import _strategy_pair

            p, q = _strategy_pair(game, point)
        simplices_of_game = mixed.domain
        assert isinstance(simplices_of_game, SimplexProduct)  # what mixed() makes
        at = simplices_of_game.from_strategies(p, q)
        bimatrix = lambda: bimatrix_game  # noqa: E731
        differentiable = mixed
    else:
        differentiable = game
        if point is None:
            try:
                at = game.equilibrium()
            except ValueError as error:
                raise ValueError(f"`point` is needed: {error}") from None
        else:
            at = as_real_array(point, "point", ndim=1)
            if at.shape != (game.n,):
                raise ValueError(f"`point` must have shape ({game.n},) (n1 + n2); got "
                                 f"{at.shape}.")
    at = np.asarray(at, dtype=float)
    domain = differentiable.domain
    simplices = isinstance(domain, SimplexProduct)
    if starts is None:
        if isinstance(domain, SimplexProduct):  # inside the simplices, towards the centre
            centre = domain.from_strategies(
                np.full(differentiable.n1 + 1, 1 / (differentiable.n1 + 1)),
                np.full(differentiable.n2 + 1, 1 / (differentiable.n2 + 1)))
            first = at + 0.5 * (centre - at)
            first[0] += 0.25 * (1 - first[0]) if first[0] < 0.5 else -0.25 * first[0]
            starts_array = domain.project(first[None])
        else:
            scale = max(1.0, float(np.abs(at).max()))
            offset = np.zeros((2, game.n))
            offset[0, 0] = 1.0
            offset[1, game.n1] = 0.5
            starts_array = at + scale * offset
            if domain is not None:  # a box (weight clipping): the starts inside it
                starts_array = domain.project(starts_array)
    else:
        starts_array = as_real_array(starts, "starts", ndim=2)
        if starts_array.shape[1] != differentiable.n or not 1 <= len(starts_array) <= _MAX_STARTS:
            raise ValueError(f"`starts` must have shape (k, {differentiable.n}) with 1 <= k <= "
                             f"{_MAX_STARTS}; got {starts_array.shape}.")
        if domain is not None and not np.all(domain.contains(starts_array)):
            raise ValueError(f"`starts` must lie in the game's domain {domain!r}.")
    plane = np.concatenate([starts_array, at[None]])[:, [0, differentiable.n1]]
    if simplices:
        bounds = ((0.0, 1.0), (0.0, 1.0))
    else:
        centre = at[[0, differentiable.n1]]
        radius = 1.5 * max(float(np.abs(plane - centre).max()), 1e-3)
        c1, c2 = (float(c) for c in centre)
        bounds = ((c1 - radius, c1 + radius), (c2 - radius, c2 + radius))
    name = getattr(game, "name", None) or "your game"
    return _Entry(f"{name} (yours)", lambda r1: differentiable, tuple(map(float, at)),
                  tuple(tuple(map(float, s)) for s in starts_array), bounds,
                  bimatrix=bimatrix)

