"""Figures on continuous games: the Dirac-GAN and the loss landscape."""

from __future__ import annotations

import numpy as np

import gamedyn as gd
from gamedyn.gallery._arguments import recipe_arguments
from gamedyn.plot import new_figure, phase_portrait, trajectory

__all__ = ["make_dirac_gan", "make_loss_landscape"]


def make_dirac_gan(seed: int = 0, quick: bool = False):
    """Vector fields and gradient play on the Dirac-GAN (after Mescheder et al. 2018)."""
    seed, quick = recipe_arguments(seed, quick)
    eta = 0.1
    steps = 200 if quick else 600
    cases = [
        ("unregularized", gd.games.dirac_gan(), gd.dynamics.Simultaneous(eta)),
        ("WGAN", gd.games.dirac_gan("wasserstein"), gd.dynamics.Simultaneous(eta)),
        ("R1 (γ = 0.5)", gd.games.dirac_gan(r1=0.5), gd.dynamics.Simultaneous(eta)),
        ("instance noise (σ = 0.7)", gd.games.dirac_gan(instance_noise=0.7),
         gd.dynamics.Simultaneous(eta)),
        ("consensus (γ = 1)", gd.games.dirac_gan(), gd.dynamics.Consensus(eta, gamma=1.0)),
    ]
    figure, axes = new_figure(1, len(cases), size=3.0)
    start = np.array([1.0, 1.0])
    for ax, (label, game, method) in zip(axes[0], cases):
        run = gd.simulate(game, method, start, steps)
        report = gd.stability.analyze(game, [0.0, 0.0], method)
        phase_portrait(game, ((-2, 2), (-2, 2)), ax=ax)
        trajectory(run.states, ax=ax, color="C1")
        eigs = ", ".join(f"{v.real:+.2f}{v.imag:+.2f}i" for v in report.game_eigenvalues)
        ax.set_title(f"{label}\nJ: {eigs}\nρ = {report.spectral_radius:.3f}", fontsize=8)
        ax.set_xlabel("θ (generator)")
        ax.set_aspect("equal")
    axes[0, 0].set_ylabel("ψ (discriminator)")
    figure.suptitle(f"Dirac-GAN, simultaneous steps η = {eta} from (1, 1)")
    return figure


def make_loss_landscape(seed: int = 0, quick: bool = False):
    """V = sin(a)cos(b) + 0.1(a² - b²): stationary points classified, trajectories on it."""
    seed, quick = recipe_arguments(seed, quick)
    game = gd.games.landscape()
    bounds = np.array([[-4.0, 4.0], [-4.0, 4.0]])
    points = gd.stability.find_stationary_points(game, bounds, grid=7 if quick else 9)
    figure, axes = new_figure(1, 1, size=5.5)
    ax = axes[0, 0]
    xs = np.linspace(-4, 4, 200)
    a, b = np.meshgrid(xs, xs)
    value = np.sin(a) * np.cos(b) + 0.1 * (a**2 - b**2)
    contour = ax.contourf(a, b, value, levels=30, cmap="viridis", alpha=0.8)
    figure.colorbar(contour, ax=ax, label="V (G minimizes, D maximizes)")
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
    ax.set_title("stationary points of the flow: "
                 + ", ".join(f"{n} {k}" for k, n in sorted(counts.items())), fontsize=9)
    ax.set_xlabel("θ_G")
    ax.set_ylabel("θ_D")
    ax.legend(fontsize=8, loc="upper right")
    return figure
