"""Figures on the 1-D GAN: snapshots, training curves, stability, modes.

The GAN game is set by its data: each recipe takes ``target`` (a ``(mean, std)`` pair
or a :class:`~gamedyn.gan.Mixture`; None: the figure's own) and builds the game from it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

import numpy as np

import gamedyn as gd
from gamedyn.gallery._arguments import MISSING, RNG, RNG_DEFAULT, recipe_arguments
from gamedyn.plot import eigenvalue_plane, new_figure

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from gamedyn.gan import Mixture

__all__ = ["make_gan1d_snapshots", "make_gan1d_curves", "make_gan1d_stability",
           "make_mode_hopping", "convergence_index"]

_TARGET = (2.0, 0.7)
_MODES = ([0.5, 0.5], [-1.0, 3.0], [0.25, 0.25])


def _target(target: object, default: object) -> Mixture:
    """``target`` as a :class:`~gamedyn.gan.Mixture` (``default`` for None)."""
    from gamedyn.gan.targets import as_target

    return as_target(default if target is None else target, "target")


def convergence_index(jsd: np.ndarray, tol: float | None = None) -> int | None:
    """Index of the first logged step whose JSD is below ``tol`` (default: the
    converged threshold of :func:`gamedyn.gan.train`, 0.02), None if there is none."""
    from gamedyn.gan.train import CONVERGED_JSD

    below = np.flatnonzero(np.asarray(jsd) < (CONVERGED_JSD if tol is None else tol))
    return int(below[0]) if below.size else None


def make_gan1d_snapshots(target: Mixture | tuple[float, float] | None = None,
                         rng: RNG = RNG_DEFAULT, quick: bool = False, *,
                         seed: Any = MISSING) -> Figure:
    """Data density, generator density and D(x) at four rounds of the transient
    (the picture of Goodfellow et al. 2014, Figure 1, from our own training).

    ``target`` (default ``N(2, 0.7²)``) is the data. The rounds are taken from the run
    itself: round 0, two rounds evenly spread before convergence, and the first logged
    round whose JSD is below 0.02 (the last logged round if none is).

    Parameters
    ----------
    target : Mixture, (mean, std) pair or None
        The data; None: ``N(2, 0.7²)``.
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
    target = _target(target, _TARGET)
    run = gd.gan.train(target, steps=600 if quick else 2000, rng=seed, log_every=10)
    history = run.history
    found = convergence_index(history["jsd"])
    last = len(history["step"]) - 1 if found is None else found
    stages = np.unique(np.round(np.linspace(0, last, 4)).astype(int))
    figure, axes = new_figure(1, len(stages), size=3.2)
    lo = min(float(target.quantile(1e-3)), -3.0) - 0.5
    hi = max(float(target.quantile(1 - 1e-3)), 3.0) + 0.5
    x = np.linspace(lo, hi, 400)
    for ax, index in zip(axes[0], stages):
        mu, log_s = history["params_g"][index]
        generated = gd.gan.gaussian(mu, np.exp(log_s))
        ax.plot(x, run.target.pdf(x), color="k", ls="--", label="data")
        ax.plot(x, generated.pdf(x), color="C2", label="generator")
        logits = run.discriminator.forward(history["params_d"][index], x)[0]
        ax.plot(x, 1 / (1 + np.exp(-np.clip(logits, -50, 50))), color="C0", label="D(x)")
        ax.axhline(0.5, color="0.7", lw=0.6)
        ax.set_ylim(0, max(1.05, 1.05 * float(max(run.target.pdf(x).max(),
                                                   generated.pdf(x).max()))))
        when = ("start" if index == 0 else "converged (JSD < 0.02)" if index == found
                else "not converged" if index == last else "transient")
        ax.set_title(f"round {history['step'][index]} ({when}):\nD(real) "
                     f"{history['d_real'][index]:.2f}, D(fake) {history['d_fake'][index]:.2f},"
                     f" JSD {history['jsd'][index]:.3f}", fontsize=8)
        ax.set_xlabel("x")
    axes[0, 0].legend(fontsize=7, loc="upper left")
    converged = (f"first below JSD 0.02 at round {history['step'][found]}" if found is not None
                 else f"not below JSD 0.02 in {history['step'][-1]} rounds")
    figure.suptitle(f"affine generator vs quadratic discriminator on {target!r}: "
                    f"{converged}")
    return figure


def make_gan1d_curves(target: Mixture | tuple[float, float] | None = None, rng: RNG = RNG_DEFAULT,
                      quick: bool = False, *, seed: Any = MISSING) -> Figure:
    """D(real), D(fake) -> 1/2, V -> -log 4, JSD and W1 falling; minimax vs non-saturating.

    ``target`` (default ``N(2, 0.7²)``) is the data.

    Parameters
    ----------
    target : Mixture, (mean, std) pair or None
        The data; None: ``N(2, 0.7²)``.
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
    target = _target(target, _TARGET)
    figure, axes = new_figure(1, 3, size=3.6)
    n_steps = 600 if quick else 2500
    for loss, style in (("non_saturating", "-"), ("minimax", "--")):
        h = gd.gan.train(target, loss=loss, steps=n_steps, rng=seed).history
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
    figure.suptitle(f"1-D GAN on {target!r}: equilibrium indicators")
    return figure


def _eigenvalue_text(values: np.ndarray) -> str:
    """Every eigenvalue, conjugate pairs as ``a±bi``, three to a line."""
    parts, used = [], np.zeros(len(values), dtype=bool)
    for i, v in enumerate(values):
        if used[i]:
            continue
        used[i] = True
        partner = [j for j in range(i + 1, len(values)) if not used[j]
                   and abs(values[j] - np.conj(v)) < 1e-9 and abs(v.imag) > 1e-12]
        if partner:
            used[partner[0]] = True
            parts.append(f"{v.real:.2f}±{abs(v.imag):.2f}i (2)")
        else:
            parts.append(f"{v.real:.2f}" + (f"{v.imag:+.2f}i" if abs(v.imag) > 1e-12 else ""))
    lines = [", ".join(parts[k:k + 3]) for k in range(0, len(parts), 3)]
    return "\n".join(lines)


def make_gan1d_stability(target: Mixture | tuple[float, float] | None = None,
                         rng: RNG = RNG_DEFAULT, quick: bool = False, *,
                         seed: Any = MISSING) -> Figure:
    """Population-GAN eigenvalues at equilibrium with and without R1, and the
    two-timescale region over (lr_g, lr_d) where simultaneous steps contract.

    ``target`` is a Gaussian ``(mean, std)`` (default ``N(0, 1)``): the population game
    (:func:`gamedyn.gan.population_game`) has its equilibrium at the generator
    ``(mean, std)``. The legend lists every eigenvalue of each game (a conjugate pair
    as ``a±bi (2)``); the colour bar gives the spectral radius.

    Parameters
    ----------
    target : Mixture, (mean, std) pair or None
        A Gaussian; None: ``N(0, 1)``.
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
    target = _target(target, (0.0, 1.0))
    if len(target.means) != 1:
        raise ValueError(f"`target` must be a single Gaussian (mean, std) for this figure; "
                         f"got {target!r}.")
    figure, axes = new_figure(1, 2, size=4.6)
    ax = axes[0, 0]
    for r1, color in ((0.0, "C0"), (1.0, "C3")):
        game = gd.gan.population_game(target, r1=r1)
        values = gd.stability.analyze(game, game.equilibrium()).game_eigenvalues
        eigenvalue_plane(values, ax=ax, unit_circle=False, color=color,
                         label=f"R1 = {r1:g}, all {len(values)}:\n" + _eigenvalue_text(values))
    dirac = gd.stability.analyze(gd.games.dirac_gan(), [0.0, 0.0])
    eigenvalue_plane(dirac.game_eigenvalues, ax=ax, unit_circle=False, marker="x", color="k",
                     label="Dirac-GAN, all 2:\n" + _eigenvalue_text(dirac.game_eigenvalues))
    ax.legend(fontsize=6.5, loc="lower left")
    ax.set_title(f"population GAN {target!r}: Jacobian eigenvalues\n"
                 "(damped rotation: all Re < 0)", fontsize=9)
    game = gd.gan.population_game(target)
    region = gd.stability.stable_step_sizes(game, game.equilibrium(), two_timescale=True,
                                            resolution=96 if quick else 240, lr_max=4.0)
    ax = axes[0, 1]
    filled = ax.contourf(region.lr1, region.lr2, region.spectral_radius, levels=20,
                         cmap="viridis")
    figure.colorbar(filled, ax=ax, label="spectral radius ρ of simultaneous steps")
    ax.contour(region.lr1, region.lr2, region.spectral_radius, levels=[1.0], colors="w")
    ax.set_xlabel("lr_g (generator)")
    ax.set_ylabel("lr_d (discriminator)")
    ax.set_title(f"spectral radius of simultaneous steps; white: ρ = 1\n"
                 f"{cast(np.ndarray, region.contracting).mean():.0%} of the grid contracts; "
                 "common η in "
                 f"(0, {region.intervals[0][1]:.3f})", fontsize=9)
    return figure


def make_mode_hopping(target: Mixture | tuple[float, float] | None = None, rng: RNG = RNG_DEFAULT,
                      quick: bool = False, *, seed: Any = MISSING) -> Figure:
    """Mode hopping on a two-Gaussian mixture, and three ways of calming it.

    ``target`` is a two-component :class:`~gamedyn.gan.Mixture` (default
    ``0.5 N(-1, 0.25²) + 0.5 N(3, 0.25²)``). Each MLP setting trains one ensemble of 8
    runs from the same 8 initializations (``rng = s + 1`` for the recipe's int seed
    ``s``). Left: generator mass
    nearest the first mode over training for one run of the 8 (the one that hops most
    in the first setting, named in the title, and the same run in the others; an affine
    generator, which cannot fit two modes, for contrast). Right: mass moved between the
    modes after the first quarter of training (:func:`gamedyn.gan.mode_swing`) per run:
    the bar is the mean over the 8 runs, the dots each run, the line their range. A
    generator five times faster than its discriminator oscillates; k_d = 5 discriminator
    steps, the two-timescale rule (discriminator five times faster) or R1 = 3 calm it.

    Parameters
    ----------
    target : Mixture, (mean, std) pair or None
        A two-component mixture; None: ``0.5 N(-1, 0.25²) + 0.5 N(3, 0.25²)``.
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
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    seed, quick = recipe_arguments(rng, quick, seed)
    target = _target(target, gd.gan.Mixture(*_MODES))
    if len(target.means) != 2:
        raise ValueError(f"`target` must be a two-component Mixture for this figure; "
                         f"got {target!r}.")
    n_steps = 600 if quick else 1000
    runs = 8
    common: dict[str, Any] = dict(generator="mlp", discriminator="mlp", hidden=8, r1=0.0,
                                  optimizer="sgd", lr=(0.1, 0.02), steps=n_steps,
                                  log_every=20, rng=seed + 1)
    cases: list[tuple[str, dict[str, Any]]] = [("lr (0.1, 0.02): G outpaces D", {}),
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
    jitter = np.linspace(-0.25, 0.25, runs)
    for index, (label, options) in enumerate(cases, start=1):
        ensemble = gd.gan.train(target, runs=runs, **{**common, **options})
        mass = gd.gan.mode_mass(ensemble)
        if shown is None:
            shown = int(np.argmax(gd.gan.mode_hops(mass)))
        left.plot(ensemble.history["step"], mass[:, shown, 0], color=f"C{index}",
                  label=f"MLP, {label}")
        swing = gd.gan.mode_swing(mass)
        right.barh(index, swing.mean(), color=f"C{index}", alpha=0.55)
        right.hlines(index, swing.min(), swing.max(), color="k", lw=0.8)
        right.plot(swing, index + jitter, "o", color="k", ms=3)
    handles = [Line2D([], [], ls="none", marker="o", color="k", ms=3,
                      label=f"each of the {runs} runs"),
               Patch(color="0.6", alpha=0.55, label=f"mean over the {runs} runs"),
               Line2D([], [], color="k", lw=0.8, label="range (min to max)")]
    right.legend(handles=handles, fontsize=7, loc="lower right")
    left.axhline(0.5, color="k", lw=0.7)
    left.set_ylim(-0.05, 1.05)
    left.set_xlabel("training step")
    left.set_ylabel(f"generator mass nearest the mode at {target.means[0]:g}")
    left.legend(fontsize=6.5)
    left.set_title(f"data {target!r}\none run shown: run {shown} of the {runs}-run "
                   f"ensemble (rng = {seed + 1}),\nthe one hopping most in the first "
                   "setting", fontsize=8)
    right.set_yticks(range(1, len(cases) + 1), [label for label, _ in cases], fontsize=7)
    right.invert_yaxis()
    right.set_xlabel(f"mass moved between modes per run\n(after step {n_steps // 4})")
    right.set_title(f"MLP generators, {n_steps} SGD steps: all {runs} runs", fontsize=9)
    return figure
