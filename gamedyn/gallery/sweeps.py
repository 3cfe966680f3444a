"""Figures of the built-in sweep studies (:mod:`gamedyn.sweeps.studies`), each run with
:func:`gamedyn.sweep` in this process."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import numpy as np

import gamedyn as gd
from gamedyn.gallery._arguments import MISSING, RNG, RNG_DEFAULT, recipe_arguments, recipe_game
from gamedyn.plot import new_figure

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from gamedyn.games import BimatrixGame

__all__ = ["make_sweep_basins", "make_sweep_gan", "make_sweep_nash_counts"]


def make_sweep_gan(rng: RNG = RNG_DEFAULT, quick: bool = False, *, seed: Any = MISSING) -> Figure:
    """Share of seeds whose GAN converges over (lr_g, lr_d), against the analyzer.

    Colour: the share of an ensemble (one run per seed) of affine/quadratic GANs on
    N(0, 1), trained by plain simultaneous gradient steps for 2,000 rounds, that
    converged (:func:`gamedyn.sweeps.studies.gan_convergence`). White line: where the
    spectral radius of the same steps at the population game's equilibrium crosses 1
    (:func:`gamedyn.sweeps.studies.gan_spectral_radius`); inside it the analyzer
    predicts local convergence.

    Parameters
    ----------
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
    from gamedyn.sweeps.studies import GAN_LR_RANGE, gan_convergence, gan_spectral_radius

    seed, quick = recipe_arguments(rng, quick, seed)
    side, seeds, steps = (4, 2, 200) if quick else (8, 16, 2000)
    axis = np.geomspace(*GAN_LR_RANGE, side)
    runs = gd.sweep(_with_steps(gan_convergence, steps), {"lr_g": axis, "lr_d": axis},
                    seeds=seeds, rng=seed, progress=False)
    fine = np.geomspace(*GAN_LR_RANGE, 8 if quick else 64)
    verdict = gd.sweep(gan_spectral_radius, {"lr_g": fine, "lr_d": fine}, rng=seed,
                       progress=False)["value"].isel(seed=0)
    share = runs["converged"].mean("seed")
    figure, axes = new_figure(1, 1, size=5.0)
    ax = axes[0, 0]
    edges = np.sqrt(axis[1:] * axis[:-1])
    edges = np.concatenate([[axis[0] ** 2 / edges[0]], edges, [axis[-1] ** 2 / edges[-1]]])
    mesh = ax.pcolormesh(edges, edges, share.values.T, cmap="viridis", vmin=0, vmax=1)
    figure.colorbar(mesh, ax=ax, label=f"share of {seeds} seeds that converged")
    ax.contour(fine, fine, verdict.values.T, levels=[1.0], colors="w", linewidths=2)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("lr_g (generator)")
    ax.set_ylabel("lr_d (discriminator)")
    inside = verdict.values < 1
    ax.set_title(f"1-D GAN, simultaneous SGD, {steps} rounds: converged share;\n"
                 f"white: analyzer's spectral radius = 1 (inside: < 1, "
                 f"{inside.mean():.0%} of the square)", fontsize=9)
    return figure


def _with_steps(function: Callable[..., Any], steps: int) -> Callable[..., Any]:
    import functools

    return functools.partial(function, steps=steps)


def make_sweep_basins(game: BimatrixGame | None = None, rng: RNG = RNG_DEFAULT, quick: bool = False,
                      *, seed: Any = MISSING) -> Figure:
    """Basins of a 2x2 game's equilibria under four dynamics on a grid of starts.

    ``game`` is a 2x2 :class:`~gamedyn.games.BimatrixGame` (default: the Stag Hunt). Each
    start (P(row plays its first strategy), P(column plays its first strategy)) is played
    for 400 rounds and coloured by the equilibrium it reaches
    (:func:`gamedyn.sweeps.studies.basins`, codes in the order of
    :func:`gamedyn.sweeps.studies.basin_targets`).

    Parameters
    ----------
    game : BimatrixGame or None
        A 2x2 game; None: the Stag Hunt.
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
    import functools

    from matplotlib.colors import ListedColormap
    from matplotlib.patches import Patch

    from gamedyn.sweeps.studies import BASIN_DYNAMICS, basin_targets, basins

    seed, quick = recipe_arguments(rng, quick, seed)
    game = recipe_game(game, gd.games.stag_hunt, gd.games.BimatrixGame, "a 2x2 BimatrixGame",
                       shape=(2, 2))
    targets, names = basin_targets(game)
    names = [*names, "none"]
    axis = np.linspace(0.0, 1.0, 41 if quick else 121)
    ds = gd.sweep(functools.partial(basins, game=game),
                  {"dynamics": list(BASIN_DYNAMICS), "p": axis, "q": axis},
                  rng=seed, progress=False)
    palette = ["#d7301f", "#2b8cbe", "#fdbb84", "#74c476", "#9e9ac8"]
    colors = ListedColormap(palette[:len(targets)] + ["#bdbdbd"])
    figure, axes = new_figure(1, 4, size=3.2)
    for ax, name in zip(axes[0], BASIN_DYNAMICS):
        outcome = ds["outcome"].sel(dynamics=name).isel(seed=0).values
        ax.imshow(outcome.T, origin="lower", extent=(0, 1, 0, 1), cmap=colors, vmin=-0.5,
                  vmax=len(names) - 0.5, interpolation="nearest")
        shares = np.bincount(outcome.ravel(), minlength=len(names)) / outcome.size
        parts = [f"{label.split(' (')[0] if label.startswith('mixed') else label} "
                 f"{share:.0%}" for label, share in zip(names, shares)]
        ax.set_title(f"{name.replace('_', ' ')}\n" + ", ".join(parts[:2]) + ",\n"
                     + ", ".join(parts[2:]), fontsize=8)
        ax.plot(targets[:, 0], targets[:, 1], "k*", ms=9)
        ax.set_xlabel(f"P(row plays {game.row_labels[0]})", fontsize=8)
    axes[0, 0].set_ylabel(f"P(column plays {game.col_labels[0]})", fontsize=8)
    figure.legend([Patch(color=colors(i)) for i in range(len(names))], names,
                  loc="outside lower center", ncol=len(names), fontsize=8)
    figure.suptitle(f"{game.name} basins on a {axis.size} x {axis.size} grid of starts "
                    "(400 rounds)", fontsize=10)
    return figure



def make_sweep_nash_counts(rng: RNG = RNG_DEFAULT, quick: bool = False, *,
                           seed: Any = MISSING) -> Figure:
    """Mean number of Nash equilibria of random n x n games against McLennan & Berg.

    Monte Carlo over random games (:func:`gamedyn.sweeps.studies.nash_count`, all
    equilibria by support enumeration) with Gaussian and uniform payoffs; the line is
    the exact expectation for Gaussian payoffs
    (:func:`gamedyn.sweeps.studies.expected_nash_count`, McLennan & Berg 2005).

    Parameters
    ----------
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
    import functools

    from gamedyn.sweeps.studies import expected_nash_count, nash_count

    seed, quick = recipe_arguments(rng, quick, seed)
    sizes = list(range(2, 9))
    games = 40 if quick else 400
    figure, axes = new_figure(1, 2, size=4.4)
    left, right = axes[0]
    exact = [expected_nash_count(n) for n in sizes]
    left.plot(sizes, exact, "k-", label="exact, Gaussian (McLennan & Berg 2005)")
    counts = {}
    for shift, (name, color) in zip((-0.08, 0.08), (("gaussian", "C0"), ("uniform", "C1"))):
        ds = gd.sweep(functools.partial(nash_count, distribution=name), {"n": sizes},
                      seeds=games, rng=seed, progress=False)
        counts[name] = ds["equilibria"]
        mean = ds["equilibria"].mean("seed").values
        error = ds["equilibria"].std("seed", ddof=1).values / np.sqrt(games)
        left.errorbar(np.array(sizes) + shift, mean, yerr=2 * error, fmt="o", color=color,
                      ms=4, capsize=2, label=f"{name} payoffs, {games} games (±2 s.e.)")
    left.set_xlabel("n (strategies per player)")
    left.set_ylabel("mean number of Nash equilibria")
    left.legend(fontsize=7)
    left.set_title("random n x n bimatrix games", fontsize=9)
    top = counts["gaussian"].sel(n=sizes[-1]).values.ravel()
    bins = np.arange(0.5, top.max() + 1.5)
    right.hist(top, bins=bins, color="C0", alpha=0.8)
    right.axvline(exact[-1], color="k", label=f"exact mean {exact[-1]:.3f}")
    right.set_xlabel(f"number of equilibria, n = {sizes[-1]}, Gaussian")
    right.set_ylabel("games")
    right.legend(fontsize=7)
    right.set_title(f"sample mean {top.mean():.3f}; always odd", fontsize=9)
    return figure
