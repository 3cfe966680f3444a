"""Figures on v = a*b: rotation versus convergence of gradient methods."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

import gamedyn as gd
from gamedyn.gallery._arguments import (
    MISSING,
    RNG,
    RNG_DEFAULT,
    interior_equilibrium,
    plane_game,
    recipe_arguments,
    recipe_game,
    stationary_point,
)
from gamedyn.plot import eigenvalue_plane, new_figure, phase_portrait, trajectory

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from gamedyn.games import BimatrixGame, DifferentiableGame

__all__ = ["make_bilinear_methods", "make_spectral_radius", "make_eigenvalues"]

_ETA = 0.2


def make_bilinear_methods(game: DifferentiableGame | None = None, rng: RNG = RNG_DEFAULT,
                          quick: bool = False, *, seed: Any = MISSING) -> Figure:
    """Phase portraits of a plane game: the flow, simultaneous, alternating, optimistic
    and extragradient steps from (1, 0).

    ``game`` is a :class:`~gamedyn.games.DifferentiableGame` with ``n1 = n2 = 1``
    (default: ``v = a*b``, where the flow circles, simultaneous steps spiral out,
    alternating steps stay on an ellipse, optimistic and extragradient spiral in). Each
    panel's ρ is the analyzer's spectral radius at the game's equilibrium (or its
    stationary point nearest the origin).

    Parameters
    ----------
    game : DifferentiableGame or None
        A game with ``n1 = n2 = 1``; None: ``v = a*b``.
    rng : Generator, int, SeedSequence or None, default 0
        Checked, then unused: this figure draws no random numbers (every recipe takes
        the same arguments).
    quick : bool, default False
        Fewer rounds, starts and seeds (a coarser preview).
    seed : int, optional
        Deprecated alias of ``rng`` (a ``DeprecationWarning``).

    Returns
    -------
    Figure
        The figure (a matplotlib ``Figure``; no file is written).
    """
    seed, quick = recipe_arguments(rng, quick, seed)
    game = plane_game(game, gd.games.bilinear)
    point = stationary_point(game)
    flow_eigenvalues = gd.stability.analyze(game, point).game_eigenvalues
    start = point + np.array([1.0, 0.0])
    steps = 60 if quick else 150
    figure, axes = new_figure(1, 5, size=3.0)
    bounds = ((point[0] - 2.2, point[0] + 2.2), (point[1] - 2.2, point[1] + 2.2))
    flow = gd.flow(game, start, (0.0, 2 * np.pi), t_eval=np.linspace(0, 2 * np.pi, 200))
    phase_portrait(game, bounds, ax=axes[0, 0])
    trajectory(flow.states, ax=axes[0, 0], color="C0")
    eigs = ", ".join(f"{v.real:+.2f}{v.imag:+.2f}i" for v in flow_eigenvalues)
    axes[0, 0].set_title(f"flow, t in [0, 2π]\nJ: {eigs}", fontsize=9)
    methods = [("simultaneous", gd.dynamics.Simultaneous(_ETA)),
               ("alternating", gd.dynamics.Alternating(_ETA)),
               ("optimistic", gd.dynamics.Optimistic(_ETA)),
               ("extragradient", gd.dynamics.Extragradient(_ETA))]
    for ax, (label, method) in zip(axes[0, 1:], methods):
        run = gd.simulate(game, method, start, steps)
        rho = gd.stability.analyze(game, point, method).spectral_radius
        phase_portrait(game, bounds, ax=ax)
        trajectory(run.states, ax=ax, color="C1")
        ax.set_title(f"{label}, η = {_ETA}\nρ = {rho:.4f} per step", fontsize=9)
    for ax in axes[0]:
        ax.set_xlabel("x (player 1)")
        ax.set_aspect("equal")
    axes[0, 0].set_ylabel("y (player 2)")
    figure.suptitle(f"{game.name}: the same equilibrium, five behaviours ({steps} steps "
                    "from (1, 0) off it)")
    return figure


def make_spectral_radius(game: DifferentiableGame | None = None, rng: RNG = RNG_DEFAULT,
                         quick: bool = False, *, seed: Any = MISSING) -> Figure:
    """Spectral radius of each method's update map against the step size.

    ``game`` is a :class:`~gamedyn.games.DifferentiableGame` with ``n1 = n2 = 1``
    (default ``v = a*b``, where simultaneous steps have ``ρ = √(1+η²)``, alternating
    ``ρ = 1`` for ``η < 2`` and extragradient ``ρ = √(1-η²+η⁴)``); ρ is the
    analyzer's, at the game's equilibrium. The line ρ = 1 is drawn beneath the curves
    (grey, dotted) and the alternating curve, which lies on it for the bilinear game,
    dashed with markers on top.

    Parameters
    ----------
    game : DifferentiableGame or None
        A game with ``n1 = n2 = 1``; None: ``v = a*b``.
    rng : Generator, int, SeedSequence or None, default 0
        Checked, then unused: this figure draws no random numbers (every recipe takes
        the same arguments).
    quick : bool, default False
        Fewer rounds, starts and seeds (a coarser preview).
    seed : int, optional
        Deprecated alias of ``rng`` (a ``DeprecationWarning``).

    Returns
    -------
    Figure
        The figure (a matplotlib ``Figure``; no file is written).
    """
    seed, quick = recipe_arguments(rng, quick, seed)
    default = game is None
    game = plane_game(game, gd.games.bilinear)
    point = stationary_point(game)
    etas = np.linspace(0.01, 2.0, 60 if quick else 200)
    figure, axes = new_figure(1, 1, size=5.0)
    ax = axes[0, 0]
    ax.axhline(1.0, color="0.55", lw=2.5, ls=":", zorder=1, label="ρ = 1 (reference)")
    methods = {"simultaneous": "Simultaneous", "alternating": "Alternating",
               "optimistic": "Optimistic", "extragradient": "Extragradient",
               "proximal point": "ProximalPoint", "consensus (γ=1)": "Consensus"}
    for label, name in methods.items():
        cls = getattr(gd.dynamics, name)
        rhos = [gd.stability.spectral_radius(game, point, cls(eta)) for eta in etas]
        style = (dict(ls="--", marker="o", markevery=max(1, len(etas) // 20), ms=3.5, lw=1.6,
                      zorder=4) if name == "Alternating" else dict(zorder=3))
        ax.plot(etas, rhos, label=label, **style)
    ax.set_xlabel("step size η")
    ax.set_ylabel("spectral radius ρ of the update map")
    ax.set_ylim(0, 2.0)
    ax.legend(fontsize=8, loc="upper left")
    if default:
        title = ("v = a·b: simultaneous ρ = √(1+η²) > 1;\nalternating ρ = 1 for η < 2 "
                 "(dashed, on the ρ = 1 line);\nextragradient ρ = √(1-η²+η⁴) < 1 for η < 1")
    else:
        title = f"{game.name}:\nρ of each update map at z* = {np.round(point, 3).tolist()}"
    ax.set_title(title, fontsize=9)
    return figure


def make_eigenvalues(game: DifferentiableGame | BimatrixGame | None = None, rng: RNG = RNG_DEFAULT,
                     quick: bool = False, *, seed: Any = MISSING) -> Figure:
    """Game-Jacobian and update-map eigenvalues against the unit circle.

    ``game`` None draws four catalogue cases (``v = a·b``, the Dirac-GAN with and
    without R1, Rock-Paper-Scissors' mixed extension); a
    :class:`~gamedyn.games.DifferentiableGame` is drawn at its equilibrium (or the
    stationary point nearest the origin), a :class:`~gamedyn.games.BimatrixGame` as its
    mixed extension at a completely mixed equilibrium (reduced coordinates).

    Parameters
    ----------
    game : DifferentiableGame, BimatrixGame or None
        The game drawn; None: the four catalogue cases.
    rng : Generator, int, SeedSequence or None, default 0
        Checked, then unused: this figure draws no random numbers (every recipe takes
        the same arguments).
    quick : bool, default False
        Fewer rounds, starts and seeds (a coarser preview).
    seed : int, optional
        Deprecated alias of ``rng`` (a ``DeprecationWarning``).

    Returns
    -------
    Figure
        The figure (a matplotlib ``Figure``; no file is written).
    """
    seed, quick = recipe_arguments(rng, quick, seed)
    cases: list[tuple[str, DifferentiableGame, np.ndarray]]
    if game is None:
        cases = [
            ("v = a·b", gd.games.bilinear(), np.zeros(2)),
            ("Dirac-GAN", gd.games.dirac_gan(), np.zeros(2)),
            ("Dirac-GAN + R1 (γ=1)", gd.games.dirac_gan(r1=1.0), np.zeros(2)),
            ("RPS mixed extension", gd.games.rock_paper_scissors().mixed(), np.full(4, 1 / 3)),
        ]
    elif isinstance(game, gd.games.BimatrixGame):
        p, q = interior_equilibrium(game)
        cases = [(f"{game.name} mixed extension", game.mixed(), np.r_[p[:-1], q[:-1]])]
    else:
        game = recipe_game(game, gd.games.bilinear, gd.games.DifferentiableGame,
                           "a DifferentiableGame or a BimatrixGame")
        cases = [(game.name, game, stationary_point(game))]
    figure, axes = new_figure(1, len(cases), size=3.2 if len(cases) > 1 else 4.4)
    eta = 0.5
    for ax, (label, case, point) in zip(axes[0], cases):
        flow = gd.stability.analyze(case, point)
        simultaneous = gd.stability.analyze(case, point, gd.dynamics.Simultaneous(eta))
        extra = gd.stability.analyze(case, point, gd.dynamics.Extragradient(eta))
        eigenvalue_plane(flow.game_eigenvalues, ax=ax, label=f"J ({flow.kind})", color="C0")
        eigenvalue_plane(simultaneous.eigenvalues, ax=ax, unit_circle=False, marker="s",
                         label=f"sim. ρ={simultaneous.spectral_radius:.3f}", color="C3")
        eigenvalue_plane(extra.eigenvalues, ax=ax, unit_circle=False, marker="^",
                         label=f"extragr. ρ={extra.spectral_radius:.3f}", color="C2")
        ax.set_title(label, fontsize=9)
        ax.legend(fontsize=7, loc="lower left")
    figure.suptitle(f"eigenvalues of J and of the update maps (η = {eta}) vs the unit circle")
    return figure
