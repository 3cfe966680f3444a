"""Figures on bimatrix games: Stag Hunt, Pigs, Rock-Paper-Scissors, Shapley's game."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

import numpy as np

import gamedyn as gd
from gamedyn.gallery._arguments import (
    MISSING,
    RNG,
    RNG_DEFAULT,
    interior_equilibrium,
    recipe_arguments,
    recipe_game,
)
from gamedyn.plot import new_figure, simplex_axes, simplex_xy, trajectory

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from gamedyn.games import BimatrixGame

__all__ = ["make_stag_hunt", "make_pigs", "make_rps_replicator"]


def _square(ax: Axes, game: BimatrixGame) -> None:
    ax.set_xlim(-0.03, 1.03)
    ax.set_ylim(-0.03, 1.03)
    ax.set_aspect("equal")
    ax.set_xlabel(f"P(row plays {game.row_labels[0]})")
    ax.set_ylabel(f"P(column plays {game.col_labels[0]})")


def _mark_equilibria(ax: Axes, game: BimatrixGame) -> None:
    for p, q in gd.equilibria.all_nash(game):
        ax.plot(p[0], q[0], "k*", ms=11, zorder=5)


def _eigenvalue_text(verdict: Any) -> str:
    """The game Jacobian's eigenvalues for a title: a list of reals when they are real (to
    3 decimals), else ``a±bi`` pairs, followed by the analyzer's kind when it is not a
    saddle (a matching-pennies-like game has a centre, not a saddle)."""
    values = np.asarray(verdict.game_eigenvalues)
    scale = max(float(np.abs(values).max()), 1e-300)
    if np.all(np.abs(values.imag) <= 1e-9 * scale):
        text = str(values.real.round(3).tolist())
    else:
        pairs = sorted({(round(float(v.real), 3) + 0.0, round(abs(float(v.imag)), 3))
                        for v in values})
        text = ", ".join(f"{re:g}±{im:g}i" if im else f"{re:g}" for re, im in pairs)
    return text if verdict.kind == "saddle" else f"{text} ({verdict.kind})"


def make_stag_hunt(game: BimatrixGame | None = None, rng: RNG = RNG_DEFAULT, quick: bool = False, *,
                   seed: Any = MISSING) -> Figure:
    """Basins of projected gradient play in a 2x2 game's square, best-response paths.

    ``game`` is a 2x2 :class:`~gamedyn.games.BimatrixGame` (default: the catalogue Stag Hunt).
    Starts whose run passes within 1e-6 of an interior equilibrium lie on its stable
    manifold: they are coloured grey, since where they go next is decided by rounding.

    Parameters
    ----------
    game : BimatrixGame or None
        A 2x2 game; None: the Stag Hunt.
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
    from matplotlib.colors import ListedColormap
    from matplotlib.patches import Patch

    seed, quick = recipe_arguments(rng, quick, seed)
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
    verdict = None
    if interior:
        verdict = gd.stability.analyze(game, ([interior[0][0], 1 - interior[0][0]],
                                              [interior[0][1], 1 - interior[0][1]]))
    if verdict is not None and verdict.kind == "saddle":
        manifold = "on the saddle's stable manifold:\nreaches the mixed equilibrium"
    else:
        manifold = "reaches the mixed equilibrium\n(within 1e-6)"
    if (verdict is not None and verdict.kind == "saddle") or np.any(category == len(pure)):
        handles.append(Patch(color=colours[len(pure)], label=manifold))
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
    if verdict is not None:
        title += (f"; mixed equilibrium: eigenvalues {_eigenvalue_text(verdict)};\n"
                  f"two paths start at its mirror images (0.05, 0.03) off the "
                  f"{'saddle' if verdict.kind == 'saddle' else 'equilibrium'}")
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


def make_pigs(game: BimatrixGame | None = None, rng: RNG = RNG_DEFAULT, quick: bool = False, *,
              seed: Any = MISSING) -> Figure:
    """Projected gradient play and fictitious play on a 2x2 game's square.

    ``game`` is a 2x2 :class:`~gamedyn.games.BimatrixGame` (default: the Pigs game, where
    every dynamics reaches the unique equilibrium (Press, Wait)). The left title gives
    the share of random starts whose run ends within 1e-6 of one of the game's equilibria.

    Parameters
    ----------
    game : BimatrixGame or None
        A 2x2 game; None: the Pigs game.
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
    game = recipe_game(game, gd.games.pigs, gd.games.BimatrixGame, "a 2x2 BimatrixGame",
                       shape=(2, 2))
    equilibria = np.array([[float(p[0]), float(q[0])] for p, q in gd.equilibria.all_nash(game)])
    rng = np.random.default_rng(seed)
    count = 8 if quick else 20
    reduced = rng.uniform(0, 1, size=(count, 2))
    figure, axes = new_figure(1, 2, size=4.0)
    ax = axes[0, 0]
    run = gd.simulate(game.mixed(), gd.dynamics.Simultaneous(0.05), reduced, 300)
    trajectory(run.states, ax=ax, color="C0", alpha=0.7)
    _mark_equilibria(ax, game)
    _square(ax, game)
    gaps = np.linalg.norm(run.states[-1][:, None, :] - equilibria[None], axis=-1).min(axis=1)
    reached = np.mean(gaps < 1e-6)
    if len(equilibria) == 1:
        p, q = equilibria[0]
        target = (f"({game.row_labels[0]} {p:.2f}, {game.col_labels[0]} {q:.2f})"
                  if min(p, 1 - p, q, 1 - q) > 1e-9 else
                  f"({game.row_labels[round(1 - p)]}, {game.col_labels[round(1 - q)]})")
    else:
        target = f"one of the {len(equilibria)} equilibria"
    ax.set_title(f"projected gradient play: {reached:.0%} of {count} starts\n"
                 f"reach {target} (star)", fontsize=9)
    ax = axes[0, 1]
    starts = np.concatenate([reduced[:, :1], 1 - reduced[:, :1],
                             reduced[:, 1:], 1 - reduced[:, 1:]], axis=1)
    fictitious = gd.simulate(game, gd.dynamics.FictitiousPlay(), starts, 200)
    beliefs = fictitious.states
    ax.plot(fictitious.times, beliefs[:, :, 0], color="C1", lw=0.8)
    ax.plot(fictitious.times, beliefs[:, :, 2], color="C2", lw=0.8)
    rows = "big pig" if default else "row"
    cols = "little pig" if default else "column"
    ax.plot([], [], color="C1", label=f"P({rows} plays {game.row_labels[0]})")
    ax.plot([], [], color="C2", label=f"P({cols} plays {game.col_labels[0]})")
    ax.set_xscale("symlog")
    ax.set_xlabel("round")
    ax.set_ylabel("empirical frequency")
    ax.legend(fontsize=8)
    if default:
        ax.set_title("fictitious play: the little pig learns to wait,\n"
                     "the big pig to press", fontsize=9)
    else:
        last = beliefs[-1]
        ax.set_title(f"fictitious play, {count} starts: after 200 rounds\n"
                     f"P(row {game.row_labels[0]}) in [{last[:, 0].min():.2f}, "
                     f"{last[:, 0].max():.2f}], P(column {game.col_labels[0]}) in "
                     f"[{last[:, 2].min():.2f}, {last[:, 2].max():.2f}]", fontsize=9)
    count_text = ("unique equilibrium" if len(equilibria) == 1
                  else f"{len(equilibria)} equilibria")
    suffix = f" {target}" if len(equilibria) == 1 else " (stars)"
    figure.suptitle(f"{game.name}: {count_text}{suffix}")
    return figure


def make_rps_replicator(game: BimatrixGame | None = None,
                        game_b: BimatrixGame | None = None, rng: RNG = RNG_DEFAULT,
                        quick: bool = False, *, seed: Any = MISSING) -> Figure:
    """Replicator orbits around a 3x3 game's interior equilibrium; fictitious play
    cycling in another 3x3 game.

    ``game`` (default Rock-Paper-Scissors) is a 3x3 :class:`~gamedyn.games.BimatrixGame`
    with a completely mixed equilibrium ``(p*, q*)``; the replicator flow starts from
    ``(1 - s) p* + s e_1`` (and likewise for ``q``) for three ``s``. For a zero-sum game
    ``H = sum_i p*_i log p_i + sum_j q*_j log q_j`` is conserved (Hofbauer & Sigmund 1998,
    section 7.2; for RPS, ``H = log(product of the shares) / 3``): the title gives its
    largest relative change. ``game_b`` (default Shapley's game) is a 3x3 game played
    by fictitious play from (1, 2); the title gives how close the beliefs come to an
    equilibrium of it over the last quarter of the rounds.

    Parameters
    ----------
    game : BimatrixGame or None
        A 3x3 game with a completely mixed equilibrium; None: Rock-Paper-Scissors.
    game_b : BimatrixGame or None
        A 3x3 game for fictitious play; None: Shapley's game.
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
    game = recipe_game(game, gd.games.rock_paper_scissors, gd.games.BimatrixGame,
                       "a 3x3 BimatrixGame", shape=(3, 3))
    game_b = recipe_game(game_b, gd.games.shapley, gd.games.BimatrixGame,
                          "a 3x3 BimatrixGame", shape=(3, 3), name="game_b")
    p_star, q_star = interior_equilibrium(game)
    figure, axes = new_figure(1, 2, size=4.4)
    figure.set_size_inches(8.8, 3.9)  # the triangles are wider than tall
    ax = simplex_axes(cast(tuple[str, str, str], game.row_labels), ax=axes[0, 0])
    drifts, dashed = [], False
    t = np.linspace(0, 30 if quick else 60, 600)
    for index, s in enumerate((0.175, 0.4, 0.625)):
        p = (1 - s) * p_star + s * np.eye(3)[0]
        q = (1 - s) * q_star + s * np.eye(3)[0]
        run = gd.flow(game, np.concatenate([p, q]), (t[0], t[-1]), t_eval=t,
                      dynamics=gd.dynamics.Replicator())
        ax.plot(*simplex_xy(run.states[:, :3]).T, lw=1, color=f"C{index}")
        if not np.allclose(run.states[:, :3], run.states[:, 3:]):
            ax.plot(*simplex_xy(run.states[:, 3:]).T, lw=1, ls="--", color=f"C{index}")
            dashed = True
        H = np.log(run.states[:, :3]) @ p_star + np.log(run.states[:, 3:]) @ q_star
        drifts.append(np.ptp(H) / abs(H[0]))
    ax.plot(*simplex_xy(p_star), "k*", ms=10)
    two = " (solid: row, dashed: column)" if dashed else " (both populations alike)"
    ax.set_title(f"{game.name}: replicator flow{two};\n"
                 f"Σ p*ᵢ log pᵢ + Σ q*ⱼ log qⱼ varies by {max(drifts):.1e} (relative)",
                 fontsize=8, pad=14)
    ax = simplex_axes(cast(tuple[str, str, str], game_b.row_labels), ax=axes[0, 1])
    start = np.array([1.0, 0.0, 0.0, 0.0, 1.0, 0.0])
    steps = 2000 if quick else 20000
    run = gd.simulate(game_b, gd.dynamics.FictitiousPlay(), start, steps)
    ax.plot(*simplex_xy(run.states[:, :3]).T, lw=0.6, color="C3")
    equilibria = np.array([np.asarray(p, dtype=float) for p, _ in gd.equilibria.all_nash(game_b)])
    for p in equilibria:
        ax.plot(*simplex_xy(p), "k*", ms=10)
    late = run.states[-(steps // 4):, :3]
    distance = np.abs(late[:, None, :] - equilibria[None]).max(axis=-1).min()
    ax.set_title(f"fictitious play on {game_b.name}: row beliefs,\n"
                 f"staying ≥ {distance:.2f} from every equilibrium (star) over the last "
                 "quarter", fontsize=8, pad=14)
    for ax in axes[0]:  # room for the vertex labels inside each panel
        ax.set_xlim(-0.2, 1.2)
        ax.set_ylim(-0.12, 0.98)
    figure.suptitle("Cycling without convergence")
    return figure
