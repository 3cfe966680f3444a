"""Figures on continuous games: the Dirac-GAN and the loss landscape."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

import gamedyn as gd
from gamedyn.gallery._arguments import (
    MISSING,
    RNG,
    RNG_DEFAULT,
    plane_game,
    recipe_arguments,
    stationary_point,
)
from gamedyn.plot import new_figure, phase_portrait, trajectory

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from gamedyn.games import DifferentiableGame

__all__ = ["make_dirac_gan", "make_loss_landscape"]


def consensus_field(game: DifferentiableGame, z: np.ndarray, gamma: float) -> np.ndarray:
    """The field consensus optimization follows, ``xi - gamma J^T xi`` at states ``z``
    of shape ``(..., n)`` (Mescheder et al. 2017, eq. (9))."""
    xi = game.field(z)
    return xi - gamma * np.einsum("...ji,...j->...i", game.jacobian(z), xi)


def _consensus_portrait(game: DifferentiableGame, bounds: Any, gamma: float, ax: Axes
                        ) -> None:
    """Stream plot of :func:`consensus_field`, styled like :func:`phase_portrait`."""
    (x0, x1), (y0, y1) = bounds
    xs, ys = np.linspace(x0, x1, 21), np.linspace(y0, y1, 21)
    field = consensus_field(game, np.stack(np.meshgrid(xs, ys), axis=-1), gamma)
    ax.streamplot(xs, ys, field[..., 0], field[..., 1], color="0.6", density=0.8,
                  linewidth=0.6, arrowsize=0.7)
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)


def make_dirac_gan(game: DifferentiableGame | None = None, rng: RNG = RNG_DEFAULT,
                   quick: bool = False, *, seed: Any = MISSING) -> Figure:
    """Vector fields and gradient play on the Dirac-GAN (after Mescheder et al. 2018).

    ``game`` None draws five panels: the Dirac-GAN unregularized, WGAN, with R1, with
    instance noise (simultaneous steps on each game's field) and under consensus
    optimization (whose own field ``xi - gamma J^T xi`` is drawn). A
    :class:`~gamedyn.games.DifferentiableGame` with ``n1 = n2 = 1`` is drawn in two
    panels: simultaneous steps on its field and consensus optimization on the consensus
    field, from its equilibrium + (1, 1).

    Parameters
    ----------
    game : DifferentiableGame or None
        A game with ``n1 = n2 = 1``; None: the five Dirac-GAN panels.
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
    eta, gamma = 0.1, 1.0
    steps = 200 if quick else 600
    consensus = gd.dynamics.Consensus(eta, gamma=gamma)
    if game is None:
        base = gd.games.dirac_gan()
        cases = [
            ("unregularized", base, gd.dynamics.Simultaneous(eta)),
            ("WGAN", gd.games.dirac_gan("wasserstein"), gd.dynamics.Simultaneous(eta)),
            ("R1 (γ = 0.5)", gd.games.dirac_gan(r1=0.5), gd.dynamics.Simultaneous(eta)),
            ("instance noise (σ = 0.7)", gd.games.dirac_gan(instance_noise=0.7),
             gd.dynamics.Simultaneous(eta)),
            (f"consensus (γ = {gamma:g})", base, consensus),
        ]
        name = "Dirac-GAN"
    else:
        game = plane_game(game, gd.games.dirac_gan)
        cases = [("simultaneous", game, gd.dynamics.Simultaneous(eta)),
                 (f"consensus (γ = {gamma:g})", game, consensus)]
        name = game.name
    figure, axes = new_figure(1, len(cases), size=3.0 if len(cases) > 2 else 3.8)
    for ax, (label, case, method) in zip(axes[0], cases):
        point = stationary_point(case)
        start = point + 1.0
        bounds = ((point[0] - 2, point[0] + 2), (point[1] - 2, point[1] + 2))
        run = gd.simulate(case, method, start, steps)
        report = gd.stability.analyze(case, point, method)
        eigs = ", ".join(f"{v.real:+.2f}{v.imag:+.2f}i" for v in report.game_eigenvalues)
        if isinstance(method, gd.dynamics.Consensus):
            _consensus_portrait(case, bounds, gamma, ax)
            field = f"field drawn: ξ − γJᵀξ\nJ of ξ: {eigs}"
        else:
            phase_portrait(case, bounds, ax=ax)
            field = f"field drawn: ξ\nJ: {eigs}"
        trajectory(run.states, ax=ax, color="C1")
        ax.set_title(f"{label}\n{field}\nρ = {report.spectral_radius:.3f}", fontsize=8)
        ax.set_xlabel("θ (generator)" if game is None else "x (player 1)")
        ax.set_aspect("equal")
    axes[0, 0].set_ylabel("ψ (discriminator)" if game is None else "y (player 2)")
    figure.suptitle(f"{name}, steps η = {eta} from z* + (1, 1), {steps} rounds")
    return figure


def make_loss_landscape(game: DifferentiableGame | None = None, rng: RNG = RNG_DEFAULT,
                        quick: bool = False, *, seed: Any = MISSING) -> Figure:
    """Player 2's payoff as a landscape, stationary points classified, trajectories on it.

    ``game`` is a :class:`~gamedyn.games.DifferentiableGame` with ``n1 = n2 = 1``
    (default: ``V = sin(a)cos(b) + 0.1(a² - b²)``, G minimizes, D maximizes); the colour
    is ``u2``, which is ``V`` for a zero-sum game.

    Parameters
    ----------
    game : DifferentiableGame or None
        A game with ``n1 = n2 = 1``; None: ``V = sin(a)cos(b) + 0.1(a² - b²)``.
    rng : Generator, int, SeedSequence or None, default 0
        The randomness: an int ``>= 0`` is the seed itself (``0`` draws the committed
        figure); a SeedSequence gives ``generate_state(1)[0]``, a Generator
        ``integers(2**32)``, None fresh entropy.
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
    game = plane_game(game, gd.games.landscape)
    bounds = np.array([[-4.0, 4.0], [-4.0, 4.0]])
    points = gd.stability.find_stationary_points(game, bounds, grid=7 if quick else 9)
    figure, axes = new_figure(1, 1, size=5.5)
    ax = axes[0, 0]
    xs = np.linspace(-4, 4, 200)
    a, b = np.meshgrid(xs, xs)
    value = game.payoffs(np.stack([a, b], axis=-1))[1]
    contour = ax.contourf(a, b, value, levels=30, cmap="viridis", alpha=0.8)
    figure.colorbar(contour, ax=ax, label="V (G minimizes, D maximizes)" if default
                    else "u2 (player 2's payoff)")
    styles = {"attracting": ("o", "white"), "saddle": ("X", "red"),
              "repelling": ("s", "orange"), "rotational": ("D", "cyan"),
              "marginal": ("P", "gray")}
    seen = set()
    for z, report in points:
        marker, color = styles[report.kind]
        ax.plot(*z, marker, color=color, mec="k", ms=9,
                label=report.kind if report.kind not in seen else None)
        seen.add(report.kind)
    rng = np.random.default_rng(seed)
    starts = rng.uniform(-3.5, 3.5, size=(6 if quick else 12, 2))
    run = gd.simulate(game, gd.dynamics.Simultaneous(0.05), starts, 300 if quick else 800)
    trajectory(run.states, ax=ax, color="w", alpha=0.8)
    counts = {kind: sum(r.kind == kind for _, r in points) for kind in seen}
    ax.set_title(f"{game.name}\nstationary points of the flow: "
                 + ", ".join(f"{n} {k}" for k, n in sorted(counts.items())), fontsize=9)
    ax.set_xlabel("θ_G" if default else "x (player 1)")
    ax.set_ylabel("θ_D" if default else "y (player 2)")
    if seen:
        ax.legend(fontsize=8, loc="upper right")
    return figure
