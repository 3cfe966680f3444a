"""The animation gallery: one recipe per animation, ``make_<name>(seed=0, quick=False) ->
FuncAnimation``, and :func:`save_animations` writing them as GIFs (Pillow).

Recipes call only the public API and do no I/O. Each GIF has at most 60 frames at 72 dpi.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

import gamedyn as gd
from gamedyn._validation import check_bool
from gamedyn.gallery._arguments import MISSING, RNG, RNG_DEFAULT, recipe_arguments

if TYPE_CHECKING:
    from matplotlib.animation import FuncAnimation

__all__ = ["ANIMATIONS", "save_animations"]

_ETA = 0.2
_DPI = 72


def _panels(cases: list, steps: int, frames: int, bounds: tuple, suptitle: str,
            labels: tuple[str, str]) -> FuncAnimation:
    """A row of phase planes, one (title, game, method or "flow") per panel, the paths
    growing together; each title gives rho of the method's update map at the origin (the
    games' fixed point) or, for the flow, the eigenvalues' largest real part."""
    from matplotlib.figure import Figure

    from gamedyn.plot import phase_portrait
    from gamedyn.plot.animation import _animation

    start = np.array([1.0, 1.0]) if labels[0].startswith("θ") else np.array([1.0, 0.0])
    figure = Figure(figsize=(2.6 * len(cases), 3.0), layout="constrained")
    axes = figure.subplots(1, len(cases), squeeze=False)[0]
    paths, lines, heads = [], [], []
    for ax, (title, game, method) in zip(axes, cases):
        if method == "flow":
            horizon = steps * _ETA  # the time the stepped methods cover
            run = gd.flow(game, start, (0.0, horizon), t_eval=np.linspace(0, horizon,
                                                                           steps + 1))
            eigs = gd.stability.analyze(game, [0.0, 0.0]).game_eigenvalues
            title = f"{title}\nmax Re λ = {np.max(eigs.real):+.3f}"
        else:
            run = gd.simulate(game, method, start, steps)
            rho = gd.stability.analyze(game, [0.0, 0.0], method).spectral_radius
            title = f"{title}\nρ = {rho:.4f} per step"
        phase_portrait(game, bounds, ax=ax)
        ax.plot(0.0, 0.0, "k+", ms=8)
        ax.set_title(title, fontsize=8)
        ax.set_xlabel(labels[0])
        ax.set_aspect("equal")
        ax.set_xlim(*bounds[0])
        ax.set_ylim(*bounds[1])
        paths.append(np.asarray(run.states, dtype=float))
        lines.append(ax.plot([], [], color="C1", lw=1.2)[0])
        heads.append(ax.plot([], [], "o", color="C3", ms=4)[0])
    axes[0].set_ylabel(labels[1])
    title = figure.suptitle("", fontsize=9)
    indices = np.round(np.linspace(0, steps, frames)).astype(int)
    has_flow = any(method == "flow" for _, _, method in cases)

    def update(k: int) -> list:
        index = indices[k]
        for path, line, head in zip(paths, lines, heads):
            line.set_data(path[: index + 1, 0], path[: index + 1, 1])
            head.set_data(path[index : index + 1, 0], path[index : index + 1, 1])
        flow = f" (flow: t = {index * _ETA:.1f})" if has_flow else ""
        title.set_text(f"{suptitle}: round {index}{flow}")
        return [*lines, *heads, title]

    return _animation(figure, update, indices, 100.0)


def make_bilinear_methods(rng: RNG = RNG_DEFAULT, quick: bool = False, *,
                          seed: Any = MISSING) -> FuncAnimation:
    """v = a*b from (1, 0) under five methods with eta = 0.2: the flow circles (eigenvalues
    ±i), simultaneous steps spiral out (rho > 1), alternating steps stay on an ellipse
    (rho = 1), optimistic and extragradient steps spiral in (rho < 1); Mescheder et al.
    (2017), Gidel et al. (2019).

    Parameters
    ----------
    rng : Generator, int, SeedSequence or None, default 0
        Checked, then unused: this figure draws no random numbers (every recipe takes
        the same arguments).
    quick : bool, default False
        Fewer rounds, starts and seeds (a coarser preview).
    seed : int, optional
        Deprecated alias of ``rng`` (a ``DeprecationWarning``).

    Returns
    -------
    FuncAnimation
        The animation (no file is written).
    """
    seed, quick = recipe_arguments(rng, quick, seed)
    game = gd.games.bilinear()
    D = gd.dynamics
    cases = [("flow", game, "flow"),
             (f"simultaneous, η = {_ETA}", game, D.Simultaneous(_ETA)),
             (f"alternating, η = {_ETA}", game, D.Alternating(_ETA)),
             (f"optimistic, η = {_ETA}", game, D.Optimistic(_ETA)),
             (f"extragradient, η = {_ETA}", game, D.Extragradient(_ETA))]
    return _panels(cases, 40 if quick else 150, 10 if quick else 60,
                   ((-2.2, 2.2), (-2.2, 2.2)), "v = a·b", ("a (minimizes)", "b (maximizes)"))


def make_dirac_gan(rng: RNG = RNG_DEFAULT, quick: bool = False, *,
                   seed: Any = MISSING) -> FuncAnimation:
    """The Dirac-GAN from (1, 1) under simultaneous steps (eta = 0.2): without
    regularization the iterates circle outwards, with R1 (gamma = 0.5) they converge to
    (0, 0) (Mescheder, Geiger & Nowozin 2018, Section 2 and Theorem 4.1).

    Parameters
    ----------
    rng : Generator, int, SeedSequence or None, default 0
        Checked, then unused: this figure draws no random numbers (every recipe takes
        the same arguments).
    quick : bool, default False
        Fewer rounds, starts and seeds (a coarser preview).
    seed : int, optional
        Deprecated alias of ``rng`` (a ``DeprecationWarning``).

    Returns
    -------
    FuncAnimation
        The animation (no file is written).
    """
    seed, quick = recipe_arguments(rng, quick, seed)
    D = gd.dynamics
    cases = [("unregularized, simultaneous", gd.games.dirac_gan(), D.Simultaneous(_ETA)),
             ("R1 (γ = 0.5), simultaneous", gd.games.dirac_gan(r1=0.5), D.Simultaneous(_ETA))]
    return _panels(cases, 40 if quick else 200, 10 if quick else 60,
                   ((-2.0, 2.0), (-2.0, 2.0)), f"Dirac-GAN, η = {_ETA}",
                   ("θ (generator)", "ψ (discriminator)"))



def make_gan_mixture(rng: RNG = RNG_DEFAULT, quick: bool = False, *,
                     seed: Any = MISSING) -> FuncAnimation:
    """The 1-D GAN learning ``0.5 N(-2, 0.5^2) + 0.5 N(2, 0.5^2)`` with the mixture
    defaults (:data:`gamedyn.gan.MIXTURE_DEFAULTS`: monotone generator, MLP discriminator,
    two time scales): the generator's density splits into the two modes and D(x)
    flattens towards 1/2.

    Parameters
    ----------
    rng : Generator, int, SeedSequence or None, default 0
        The randomness: an int ``>= 0`` is the seed itself (``0`` draws the committed
        animation); a SeedSequence gives ``generate_state(1)[0]``, a Generator
        ``integers(2**32)``, None fresh entropy.
    quick : bool, default False
        Fewer rounds, starts and seeds (a coarser preview).
    seed : int, optional
        Deprecated alias of ``rng`` (a ``DeprecationWarning``).

    Returns
    -------
    FuncAnimation
        The animation (no file is written).
    """
    seed, quick = recipe_arguments(rng, quick, seed)
    target = gd.gan.Mixture([0.5, 0.5], [-2.0, 2.0], [0.5, 0.5])
    steps = 200 if quick else 3000
    with warnings.catch_warnings():  # a too-strong discriminator early on is part of it
        warnings.simplefilter("ignore", gd.gan.DiscriminatorTooStrongWarning)
        run = gd.gan.train(target, steps=steps, log_every=steps // 20 if quick else 50,
                           rng=seed)
    return gd.plot.animate(run, frames=10 if quick else 60, interval=120, size=3.0)


#: Animation name -> recipe, in gallery order.
ANIMATIONS: dict[str, Callable] = {
    "bilinear_methods": make_bilinear_methods,
    "dirac_gan_r1": make_dirac_gan,
    "gan_mixture": make_gan_mixture,
}


def save_animations(out_dir: str | os.PathLike, quick: bool = False) -> list[Path]:
    """Render every animation into ``out_dir/<name>.gif`` (Pillow, 72 dpi).

    Parameters
    ----------
    out_dir : str or os.PathLike
        Folder, created if missing.
    quick : bool
        Fewer rounds and 10 frames each, for a preview (a few seconds).

    Returns
    -------
    list of Path
        The files written, in :data:`ANIMATIONS` order.

    Raises
    ------
    TypeError
        For an ``out_dir`` that is not a path or a non-bool ``quick``.
    OSError
        If the folder cannot be created or written.
    """
    if not isinstance(out_dir, (str, os.PathLike)):
        raise TypeError(f"`out_dir` must be a str or os.PathLike; got {out_dir!r}.")
    check_bool(quick, "quick")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, recipe in ANIMATIONS.items():
        path = out / f"{name}.gif"
        recipe(quick=quick).save(path, writer="pillow", dpi=_DPI)
        written.append(path)
    return written
