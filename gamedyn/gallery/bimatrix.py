"""Figures on bimatrix games: Stag Hunt, Pigs, Rock-Paper-Scissors, Shapley's game."""

from __future__ import annotations

import numpy as np

import gamedyn as gd
from gamedyn.gallery._arguments import recipe_arguments
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


def make_stag_hunt(seed: int = 0, quick: bool = False):
    """Basins of projected gradient play in the Stag Hunt square, best-response paths."""
    seed, quick = recipe_arguments(seed, quick)
    game = gd.games.stag_hunt()
    mixed = game.mixed()
    side = 21 if quick else 61
    axis = np.linspace(0.0, 1.0, side)
    starts = np.stack(np.meshgrid(axis, axis), axis=-1).reshape(-1, 2)
    run = gd.simulate(mixed, gd.dynamics.Simultaneous(0.05), starts, 400)
    final = run.states[-1]
    stag = np.all(final > 0.99, axis=-1)
    hare = np.all(final < 0.01, axis=-1)
    basin = np.where(stag, 1.0, np.where(hare, 0.0, 0.5)).reshape(side, side)
    figure, axes = new_figure(1, 2, size=4.4)
    ax = axes[0, 0]
    ax.imshow(basin, origin="lower", extent=(0, 1, 0, 1), cmap="coolwarm", vmin=0, vmax=1,
              alpha=0.45)
    few = gd.simulate(mixed, gd.dynamics.Simultaneous(0.05),
                      np.array([[0.3, 0.8], [0.7, 0.35], [0.45, 0.55], [0.55, 0.45]]), 400)
    trajectory(few.states, ax=ax, color="k")
    _mark_equilibria(ax, game)
    saddle = gd.stability.analyze(game, ([0.5, 0.5], [0.5, 0.5]))
    ax.set_title(f"projected gradient play, basins (red: Stag, blue: Hare);\n"
                 f"mixed equilibrium: saddle, eigenvalues "
                 f"{saddle.game_eigenvalues.real.round(3).tolist()};\n"
                 f"{stag.mean():.0%} of starts reach (Stag, Stag)", fontsize=8)
    _square(ax, game)
    ax = axes[0, 1]
    start = np.array([1.0, 0.0, 0.0, 1.0])  # (Stag, Hare)
    for order, color, shift in (("simultaneous", "C3", 0.0), ("alternating", "C2", 0.02)):
        run = gd.simulate(game, gd.dynamics.BestResponse(order=order), start, 6)
        path = run.states[:, [0, 2]] + shift
        trajectory(path, ax=ax, color=color, label=f"best response, {order}", marker="o")
    _mark_equilibria(ax, game)
    ax.legend(fontsize=8, loc="center")
    ax.set_title("from (Stag, Hare): simultaneous best response\n"
                 "cycles with period 2; alternating settles\n"
                 "at (Hare, Hare) in one round", fontsize=8)
    _square(ax, game)
    figure.suptitle("Stag Hunt: three equilibria (stars)")
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
