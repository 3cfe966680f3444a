"""Figures on v = a*b: rotation versus convergence of gradient methods."""

from __future__ import annotations

import numpy as np

import gamedyn as gd
from gamedyn.plot import eigenvalue_plane, new_figure, phase_portrait, trajectory

__all__ = ["make_bilinear_methods", "make_spectral_radius", "make_eigenvalues"]

_ETA = 0.2


def make_bilinear_methods(seed: int = 0, quick: bool = False):
    """Phase portraits on v = a*b: the flow circles, simultaneous steps spiral out,
    alternating steps stay on an ellipse, optimistic and extragradient spiral in."""
    game = gd.games.bilinear()
    start = np.array([1.0, 0.0])
    steps = 60 if quick else 150
    figure, axes = new_figure(1, 5, size=3.0)
    bounds = ((-2.2, 2.2), (-2.2, 2.2))
    flow = gd.flow(game, start, (0.0, 2 * np.pi), t_eval=np.linspace(0, 2 * np.pi, 200))
    phase_portrait(game, bounds, ax=axes[0, 0])
    trajectory(flow.states, ax=axes[0, 0], color="C0")
    axes[0, 0].set_title("flow: eigenvalues ±i\n|z| constant (circle)", fontsize=9)
    methods = [("simultaneous", gd.dynamics.Simultaneous(_ETA)),
               ("alternating", gd.dynamics.Alternating(_ETA)),
               ("optimistic", gd.dynamics.Optimistic(_ETA)),
               ("extragradient", gd.dynamics.Extragradient(_ETA))]
    for ax, (label, method) in zip(axes[0, 1:], methods):
        run = gd.simulate(game, method, start, steps)
        rho = gd.stability.analyze(game, [0.0, 0.0], method).spectral_radius
        phase_portrait(game, bounds, ax=ax)
        trajectory(run.states, ax=ax, color="C1")
        ax.set_title(f"{label}, η = {_ETA}\nρ = {rho:.4f} per step", fontsize=9)
    for ax in axes[0]:
        ax.set_xlabel("a (minimizes)")
        ax.set_aspect("equal")
    axes[0, 0].set_ylabel("b (maximizes)")
    figure.suptitle("v = a·b: the same equilibrium, five behaviours")
    return figure


def make_spectral_radius(seed: int = 0, quick: bool = False):
    """Spectral radius of each method's update map against the step size on v = a*b."""
    game = gd.games.bilinear()
    etas = np.linspace(0.01, 2.0, 60 if quick else 200)
    figure, axes = new_figure(1, 1, size=4.5)
    ax = axes[0, 0]
    methods = {"simultaneous": "Simultaneous", "alternating": "Alternating",
               "optimistic": "Optimistic", "extragradient": "Extragradient",
               "proximal point": "ProximalPoint", "consensus (γ=1)": "Consensus"}
    for label, name in methods.items():
        cls = getattr(gd.dynamics, name)
        rhos = [gd.stability.spectral_radius(game, [0.0, 0.0], cls(eta)) for eta in etas]
        ax.plot(etas, rhos, label=label)
    ax.axhline(1.0, color="k", lw=0.8, ls="--", label="ρ = 1")
    ax.set_xlabel("step size η")
    ax.set_ylabel("spectral radius ρ of the update map")
    ax.set_ylim(0, 2.0)
    ax.legend(fontsize=8)
    ax.set_title("v = a·b: simultaneous ρ = √(1+η²) > 1; alternating ρ = 1 for η < 2;\n"
                 "extragradient ρ = √(1-η²+η⁴) < 1 for η < 1", fontsize=9)
    return figure


def make_eigenvalues(seed: int = 0, quick: bool = False):
    """Game-Jacobian and update-map eigenvalues against the unit circle for several games."""
    cases = [
        ("v = a·b", gd.games.bilinear(), np.zeros(2)),
        ("Dirac-GAN", gd.games.dirac_gan(), np.zeros(2)),
        ("Dirac-GAN + R1 (γ=1)", gd.games.dirac_gan(r1=1.0), np.zeros(2)),
        ("RPS mixed extension", gd.games.rock_paper_scissors().mixed(), np.full(4, 1 / 3)),
    ]
    figure, axes = new_figure(1, len(cases), size=3.2)
    eta = 0.5
    for ax, (label, game, point) in zip(axes[0], cases):
        flow = gd.stability.analyze(game, point)
        simultaneous = gd.stability.analyze(game, point, gd.dynamics.Simultaneous(eta))
        extra = gd.stability.analyze(game, point, gd.dynamics.Extragradient(eta))
        eigenvalue_plane(flow.game_eigenvalues, ax=ax, label=f"J ({flow.kind})", color="C0")
        eigenvalue_plane(simultaneous.eigenvalues, ax=ax, unit_circle=False, marker="s",
                         label=f"sim. ρ={simultaneous.spectral_radius:.3f}", color="C3")
        eigenvalue_plane(extra.eigenvalues, ax=ax, unit_circle=False, marker="^",
                         label=f"extragr. ρ={extra.spectral_radius:.3f}", color="C2")
        ax.set_title(label, fontsize=9)
        ax.legend(fontsize=7, loc="lower left")
    figure.suptitle(f"eigenvalues of J and of the update maps (η = {eta}) vs the unit circle")
    return figure
