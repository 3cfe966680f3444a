"""Figures on the 1-D GAN: snapshots, training curves, stability, modes."""

from __future__ import annotations

import numpy as np

import gamedyn as gd
from gamedyn.plot import eigenvalue_plane, new_figure

__all__ = ["make_gan1d_snapshots", "make_gan1d_curves", "make_gan1d_stability",
           "make_mode_hopping"]

_TARGET = (2.0, 0.7)


def make_gan1d_snapshots(seed: int = 0, quick: bool = False):
    """Data density, generator density and D(x) at several stages of training
    (the picture of Goodfellow et al. 2014, Figure 1, from our own training)."""
    run = gd.gan.train(_TARGET, steps=600 if quick else 2000, rng=seed, log_every=10)
    history = run.history
    stages = np.unique(np.linspace(0, len(history["step"]) - 1, 4).astype(int))
    figure, axes = new_figure(1, len(stages), size=3.2)
    x = np.linspace(-3.5, 5.0, 400)
    for ax, index in zip(axes[0], stages):
        mu, log_s = history["params_g"][index]
        generated = gd.gan.gaussian(mu, np.exp(log_s))
        ax.plot(x, run.target.pdf(x), color="k", ls="--", label="data")
        ax.plot(x, generated.pdf(x), color="C2", label="generator")
        logits = run.discriminator.forward(history["params_d"][index], x)[0]
        ax.plot(x, 1 / (1 + np.exp(-np.clip(logits, -50, 50))), color="C0", label="D(x)")
        ax.axhline(0.5, color="0.7", lw=0.6)
        ax.set_ylim(0, 1.05)
        ax.set_title(f"step {history['step'][index]}: D(real) {history['d_real'][index]:.2f},"
                     f"\nD(fake) {history['d_fake'][index]:.2f}, JSD "
                     f"{history['jsd'][index]:.3f}", fontsize=8)
        ax.set_xlabel("x")
    axes[0, 0].legend(fontsize=7, loc="upper left")
    figure.suptitle(f"affine generator vs quadratic discriminator on N{_TARGET}: "
                    "D flattens to 1/2 as the generator matches the data")
    return figure


def make_gan1d_curves(seed: int = 0, quick: bool = False):
    """D(real), D(fake) -> 1/2, V -> -log 4, JSD and W1 falling; minimax vs non-saturating."""
    figure, axes = new_figure(1, 3, size=3.6)
    n_steps = 600 if quick else 2500
    for loss, style in (("non_saturating", "-"), ("minimax", "--")):
        h = gd.gan.train(_TARGET, loss=loss, steps=n_steps, rng=seed).history
        axes[0, 0].plot(h["step"], h["d_real"], "C0" + style, label=f"D(real), {loss}")
        axes[0, 0].plot(h["step"], h["d_fake"], "C3" + style, label=f"D(fake), {loss}")
        axes[0, 1].plot(h["step"], h["value"], "C2" + style,
                        label=f"{loss}: final V {h['value'][-1]:.4f}")
        axes[0, 2].semilogy(h["step"], h["jsd"] + 1e-6, "C4" + style, label=f"JSD, {loss}")
        axes[0, 2].semilogy(h["step"], h["w1"], "C1" + style, label=f"W1, {loss}")
    axes[0, 0].axhline(0.5, color="k", lw=0.7)
    axes[0, 1].axhline(-np.log(4), color="k", lw=0.7, label="-log 4 = -1.3863")
    axes[0, 0].set_title("discriminator outputs", fontsize=9)
    axes[0, 1].set_title("value V = E log D(x) + E log(1 - D(G(z)))", fontsize=9)
    axes[0, 2].set_title("distances to the data", fontsize=9)
    for ax in axes[0]:
        ax.set_xlabel("training step")
        ax.legend(fontsize=7)
    figure.suptitle(f"1-D GAN on N{_TARGET}: equilibrium indicators")
    return figure


def make_gan1d_stability(seed: int = 0, quick: bool = False):
    """Population-GAN eigenvalues at equilibrium with and without R1, and the
    two-timescale region over (lr_g, lr_d) where simultaneous steps contract."""
    figure, axes = new_figure(1, 2, size=4.2)
    ax = axes[0, 0]
    for r1, color in ((0.0, "C0"), (1.0, "C3")):
        game = gd.gan.population_game((0.0, 1.0), r1=r1)
        report = gd.stability.analyze(game, game.equilibrium())
        eigenvalue_plane(report.game_eigenvalues, ax=ax, unit_circle=False, color=color,
                         label=f"R1 = {r1:g}: " + ", ".join(
                             f"{v.real:.2f}{v.imag:+.2f}i" for v in report.game_eigenvalues[:3]))
    dirac = gd.stability.analyze(gd.games.dirac_gan(), [0.0, 0.0])
    eigenvalue_plane(dirac.game_eigenvalues, ax=ax, unit_circle=False, marker="x", color="k",
                     label="Dirac-GAN: ±0.5i (rotation only)")
    ax.legend(fontsize=7, loc="lower left")
    ax.set_title("population GAN N(0, 1): Jacobian eigenvalues\n(damped rotation: all Re < 0)",
                 fontsize=9)
    game = gd.gan.population_game((0.0, 1.0))
    region = gd.stability.stable_step_sizes(game, game.equilibrium(), two_timescale=True,
                                            resolution=96 if quick else 240, lr_max=4.0)
    ax = axes[0, 1]
    ax.contourf(region.lr1, region.lr2, region.spectral_radius, levels=20, cmap="viridis")
    ax.contour(region.lr1, region.lr2, region.spectral_radius, levels=[1.0], colors="w")
    ax.set_xlabel("lr_g (generator)")
    ax.set_ylabel("lr_d (discriminator)")
    ax.set_title(f"spectral radius of simultaneous steps; white: ρ = 1\n"
                 f"{region.contracting.mean():.0%} of the grid contracts; common η in "
                 f"(0, {region.intervals[0][1]:.3f})", fontsize=9)
    return figure


def make_mode_hopping(seed: int = 0, quick: bool = False):
    """Mode hopping on a two-Gaussian mixture, and three ways of calming it.

    Each MLP setting trains an ensemble of 8 runs from the same 8 initializations.
    Left: generator mass nearest the mode at -1 over training, for the run that hops
    most in the first setting (and the same initialization in the others; an affine
    generator, which cannot fit two modes, for contrast). Right: mass moved between
    the modes after the first quarter of training (:func:`gamedyn.gan.mode_swing`),
    summed over the ensemble. A generator five times faster than its discriminator
    oscillates; k_d = 5 discriminator steps, the two-timescale rule (discriminator five
    times faster) or R1 = 3 calm it.
    """
    target = gd.gan.Mixture([0.5, 0.5], [-1.0, 3.0], [0.25, 0.25])
    n_steps = 600 if quick else 1000
    common = dict(generator="mlp", discriminator="mlp", hidden=8, r1=0.0, optimizer="sgd",
                  lr=(0.1, 0.02), steps=n_steps, log_every=20, rng=seed + 1)
    cases = [("lr (0.1, 0.02): G outpaces D", {}),
             ("lr (0.1, 0.02), k_d = 5", dict(k=(1, 5))),
             ("two-timescale lr (0.02, 0.1)", dict(lr=(0.02, 0.1))),
             ("lr (0.1, 0.02), R1 = 3", dict(r1=3.0))]
    figure, axes = new_figure(1, 2, size=4.6)
    left, right = axes[0]
    affine = gd.gan.train(target, **{**common, "generator": "affine", "optimizer": "adam",
                                     "lr": (0.01, 0.01)})
    left.plot(affine.history["step"], gd.gan.mode_mass(affine)[:, 0], color="C0",
              label="affine generator (cannot fit two modes)")
    shown = None
    for index, (label, options) in enumerate(cases, start=1):
        ensemble = gd.gan.train(target, runs=8, **{**common, **options})
        mass = gd.gan.mode_mass(ensemble)
        if shown is None:
            shown = int(np.argmax(gd.gan.mode_hops(mass)))
        left.plot(ensemble.history["step"], mass[:, shown, 0], color=f"C{index}",
                  label=f"MLP, {label}")
        right.barh(index, gd.gan.mode_swing(mass).sum(), color=f"C{index}")
    left.axhline(0.5, color="k", lw=0.7)
    left.set_ylim(-0.05, 1.05)
    left.set_xlabel("training step")
    left.set_ylabel("generator mass nearest the mode at -1")
    left.legend(fontsize=6.5)
    left.set_title("data 0.5 N(-1, 0.25²) + 0.5 N(3, 0.25²)", fontsize=9)
    right.set_yticks(range(1, len(cases) + 1), [label for label, _ in cases], fontsize=7)
    right.invert_yaxis()
    right.set_xlabel(f"mass moved between modes\n(after step {n_steps // 4}, 8 runs)")
    right.set_title(f"MLP generators, {n_steps} SGD steps", fontsize=9)
    return figure
