"""Figures on bimatrix games: Stag Hunt, Pigs, Rock-Paper-Scissors, Shapley's game."""

from __future__ import annotations

import numpy as np

import gamedyn as gd
from gamedyn.gallery._arguments import recipe_arguments, recipe_game
from gamedyn.plot import new_figure, simplex_axes, simplex_xy, trajectory

__all__ = ["make_stag_hunt", "make_pigs", "make_rps_replicator"]


def _square(ax, game):
    ax.set_xlim(-0.03, 1.03)
    ax.set_ylim(-0.03, 1.03)
    ax.set_aspect("equal")
    ax.set_xlabel(f"P(row plays {game.row_labels[0]})")
    ax.set_ylabel(f"P(column plays {game.col_labels[0]})")


def _mark_equilibria(ax, game):
    for p, q in gd.equilibria.all_nash(game):
        ax.plot(p[0], q[0], "k*", ms=11, zorder=5)


def make_stag_hunt(game=None, seed: int = 0, quick: bool = False):
    """Basins of projected gradient play in a 2x2 game's square, best-response paths.

    ``game`` is a 2x2 :class:`~gamedyn.games.BimatrixGame` (default: the catalogue Stag Hunt).
    Starts whose run passes within 1e-6 of an interior equilibrium lie on its stable
    manifold: they are coloured grey, since where they go next is decided by rounding.
    """
    from matplotlib.colors import ListedColormap
    from matplotlib.patches import Patch

    seed, quick = recipe_arguments(seed, quick)
    game = recipe_game(game, gd.games.stag_hunt, gd.games.BimatrixGame,
                       "a 2x2 BimatrixGame", shape=(2, 2))
    mixed = game.mixed()
    equilibria = [(float(p[0]), float(q[0])) for p, q in gd.equilibria.all_nash(game)]
    pure = [e for e in equilibria if all(min(v, 1 - v) < 1e-9 for v in e)]
    interior = [e for e in equilibria if e not in pure]
    side = 21 if quick else 61
    steps = 400
    axis = np.linspace(0.0, 1.0, side)
    starts = np.stack(np.meshgrid(axis, axis), axis=-1).reshape(-1, 2)
    run = gd.simulate(mixed, gd.dynamics.Simultaneous(0.05), starts, steps)
    final = run.states[-1]
    # category: index of the pure equilibrium reached, then "on a stable manifold", "neither"
    category = np.full(len(starts), len(pure) + 1)
    for index, point in enumerate(pure):
        category[np.linalg.norm(final - point, axis=-1) < 0.01] = index
    for point in interior:
        closest = np.linalg.norm(run.states - point, axis=-1).min(axis=0)
        category[closest < 1e-6] = len(pure)
    colours = ["#d98c9a", "#a3aee0", "#7fbf7f", "#e0c070"][:len(pure)] + ["0.55", "#fff176"]
    figure, axes = new_figure(1, 2, size=4.4)
    ax = axes[0, 0]
    ax.imshow(category.reshape(side, side), origin="lower", extent=(0, 1, 0, 1),
              cmap=ListedColormap(colours), vmin=-0.5, vmax=len(pure) + 1.5,
              interpolation="nearest")
    handles = [Patch(color=colours[i], label=f"reaches ({game.row_labels[round(1 - p)]}, "
                     f"{game.col_labels[round(1 - q)]})") for i, (p, q) in enumerate(pure)]
    handles.append(Patch(color=colours[len(pure)],
                         label="on the saddle's stable manifold:\nreaches the mixed equilibrium"))
    if np.any(category == len(pure) + 1):
        handles.append(Patch(color=colours[-1], label=f"at no equilibrium after {steps} steps"))
    ax.legend(handles=handles, fontsize=6.5, loc="lower right", framealpha=0.9)
    saddle = interior[0] if interior else (0.5, 0.5)
    offset = np.array([-0.05, 0.03])
    paths = np.clip(np.array([[0.3, 0.8], [0.7, 0.35], saddle + offset, saddle - offset]), 0, 1)
    few = gd.simulate(mixed, gd.dynamics.Simultaneous(0.05), paths, steps)
    trajectory(few.states, ax=ax, color="k")
    _mark_equilibria(ax, game)
    title = "projected gradient play"
    if interior:
        verdict = gd.stability.analyze(game, ([saddle[0], 1 - saddle[0]],
                                              [saddle[1], 1 - saddle[1]]))
        title += (f"; mixed equilibrium: eigenvalues "
                  f"{verdict.game_eigenvalues.real.round(3).tolist()};\n"
                  "two paths start at its mirror images (0.05, 0.03) off the saddle")
    share = np.mean(category == 0) if pure else 0.0
    label = (f"({game.row_labels[round(1 - pure[0][0])]}, "
             f"{game.col_labels[round(1 - pure[0][1])]})") if pure else "a pure equilibrium"
    ax.set_title(f"{title};\n{share:.0%} of {side}x{side} starts reach {label}", fontsize=8)
    _square(ax, game)
    ax = axes[0, 1]
    start = np.array([1.0, 0.0, 0.0, 1.0])
    name = f"({game.row_labels[0]}, {game.col_labels[1]})"
    ends = []
    for order, color, shift in (("simultaneous", "C3", 0.0), ("alternating", "C2", 0.02)):
        best = gd.simulate(game, gd.dynamics.BestResponse(order=order), start, 6)
        path = best.states[:, [0, 2]] + shift
        trajectory(path, ax=ax, color=color, label=f"best response, {order}", marker="o")
        ends.append(best.states[-1, [0, 2]])
    _mark_equilibria(ax, game)
    ax.legend(fontsize=8, loc="upper center")
    ax.set_title(f"best response from {name}, 6 rounds\n(alternating drawn shifted by 0.02);"
                 f" last states:\nsimultaneous {np.round(ends[0], 2).tolist()}, "
                 f"alternating {np.round(ends[1], 2).tolist()}", fontsize=8)
    _square(ax, game)
    figure.suptitle(f"{game.name}: {len(equilibria)} equilibria (stars)")
    return figure


def make_pigs(seed: int = 0, quick: bool = False):
    """Every dynamics reaches the Pigs game's unique equilibrium (Press, Wait)."""
    seed, quick = recipe_arguments(seed, quick)
    game = gd.games.pigs()
    rng = np.random.default_rng(seed)
    count = 8 if quick else 20
    reduced = rng.uniform(0, 1, size=(count, 2))
    figure, axes = new_figure(1, 2, size=4.0)
    ax = axes[0, 0]
    run = gd.simulate(game.mixed(), gd.dynamics.Simultaneous(0.05), reduced, 300)
    trajectory(run.states, ax=ax, color="C0", alpha=0.7)
    _mark_equilibria(ax, game)
    _square(ax, game)
    reached = np.mean(np.linalg.norm(run.states[-1] - [1.0, 0.0], axis=-1) < 1e-6)
    ax.set_title(f"projected gradient play: {reached:.0%} of {count} starts\n"
                 "reach (Press, Wait) (star)", fontsize=9)
    ax = axes[0, 1]
    starts = np.concatenate([reduced[:, :1], 1 - reduced[:, :1],
                             reduced[:, 1:], 1 - reduced[:, 1:]], axis=1)
    fictitious = gd.simulate(game, gd.dynamics.FictitiousPlay(), starts, 200)
    beliefs = fictitious.states
    ax.plot(fictitious.times, beliefs[:, :, 0], color="C1", lw=0.8)
    ax.plot(fictitious.times, beliefs[:, :, 2], color="C2", lw=0.8)
    ax.plot([], [], color="C1", label="P(big pig presses)")
    ax.plot([], [], color="C2", label="P(little pig presses)")
    ax.set_xscale("symlog")
    ax.set_xlabel("round")
    ax.set_ylabel("empirical frequency")
    ax.legend(fontsize=8)
    ax.set_title("fictitious play: the little pig learns to wait,\n"
                 "the big pig to press", fontsize=9)
    figure.suptitle("Pigs game: unique equilibrium (Press, Wait)")
    return figure


def make_rps_replicator(seed: int = 0, quick: bool = False):
    """Replicator orbits around uniform play in RPS; fictitious play cycling in Shapley's game."""
    seed, quick = recipe_arguments(seed, quick)
    rps = gd.games.rock_paper_scissors()
    figure, axes = new_figure(1, 2, size=4.2)
    ax = simplex_axes(rps.row_labels, ax=axes[0, 0])
    products = []
    for share in (0.45, 0.6, 0.75):
        p = np.array([share, (1 - share) / 2, (1 - share) / 2])
        q = p  # symmetric start: with A = -A.T both populations stay equal
        t = np.linspace(0, 30 if quick else 60, 600)
        run = gd.flow(rps, np.concatenate([p, q]), (t[0], t[-1]), t_eval=t,
                      dynamics=gd.dynamics.Replicator())
        first = run.states[:, :3]
        ax.plot(*simplex_xy(first).T, lw=1)
        product = np.prod(run.states[:, :3], axis=-1) * np.prod(run.states[:, 3:], axis=-1)
        products.append(np.ptp(product) / product[0])
    ax.plot(*simplex_xy(np.full(3, 1 / 3)), "k*", ms=10)
    ax.set_title(f"RPS replicator flow from symmetric starts: closed orbits;\n"
                 f"product of shares conserved to {max(products):.1e} (relative)", fontsize=8)
    shapley = gd.games.shapley()
    ax = simplex_axes(("1", "2", "3"), ax=axes[0, 1])
    start = np.array([1.0, 0.0, 0.0, 0.0, 1.0, 0.0])
    steps = 2000 if quick else 20000
    run = gd.simulate(shapley, gd.dynamics.FictitiousPlay(), start, steps)
    ax.plot(*simplex_xy(run.states[:, :3]).T, lw=0.6, color="C3")
    ax.plot(*simplex_xy(np.full(3, 1 / 3)), "k*", ms=10)
    distance = np.abs(run.states[-(steps // 4):, :3] - 1 / 3).max(axis=-1).min()
    ax.set_title(f"fictitious play on Shapley's game: beliefs cycle,\n"
                 f"staying ≥ {distance:.2f} from uniform over the last quarter", fontsize=8)
    figure.suptitle("Cycling without convergence")
    return figure
