"""Figures on learning in games: no-regret dynamics, and mixed equilibria of GANs."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

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
from gamedyn.plot import new_figure, trajectory

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from gamedyn.games import BimatrixGame
    from gamedyn.gan import Mixture

__all__ = ["make_no_regret", "make_gan_mixture", "gan_mixture_setup"]


def make_no_regret(game: BimatrixGame | None = None, game_b: BimatrixGame | None = None,
                   game_c: BimatrixGame | None = None, rng: RNG = RNG_DEFAULT,
                   quick: bool = False, *, seed: Any = MISSING) -> Figure:
    """No-regret dynamics in three games, one per panel.

    (a) ``game``, a 2x2 :class:`~gamedyn.games.BimatrixGame` with a completely mixed
    equilibrium (default matching pennies, where Hedge spirals out of the equilibrium
    while its average converges and optimistic Hedge converges in the last iterate);
    (b) ``game_b``, any bimatrix game (default Rock-Paper-Scissors): exploitability of
    last iterates and time averages of Hedge, optimistic Hedge and regret matching;
    (c) ``game_c``, any bimatrix game (default Shapley's game): the coarse-correlated-
    equilibrium gap of sampled regret matching's empirical joint play.

    Parameters
    ----------
    game : BimatrixGame or None
        A 2x2 game with a completely mixed equilibrium; None: matching pennies.
    game_b : BimatrixGame or None
        Any bimatrix game; None: Rock-Paper-Scissors.
    game_c : BimatrixGame or None
        Any bimatrix game; None: Shapley's game.
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
    lr = 0.1
    default = game is None
    mp = recipe_game(game, gd.games.matching_pennies, gd.games.BimatrixGame,
                     "a 2x2 BimatrixGame", shape=(2, 2))
    rps = recipe_game(game_b, gd.games.rock_paper_scissors, gd.games.BimatrixGame,
                      "a BimatrixGame", name="game_b")
    shapley = recipe_game(game_c, gd.games.shapley, gd.games.BimatrixGame, "a BimatrixGame",
                          name="game_c")
    p_star, q_star = interior_equilibrium(mp)
    figure, axes = new_figure(1, 3, size=4.0)
    # (a) matching pennies: last iterates and the time average
    ax = axes[0, 0]
    shift = np.array([0.15, -0.15]) * min(p_star.min(), 0.5) / 0.5
    start = np.concatenate([p_star + shift, q_star])
    steps = 400 if quick else 1200
    hedge = gd.simulate(mp, gd.dynamics.Hedge(lr), start, steps)
    optimistic = gd.simulate(mp, gd.dynamics.OptimisticHedge(lr), start, steps)
    point = (p_star, q_star)
    rho_h = gd.stability.analyze(mp, point, gd.dynamics.Hedge(lr)).spectral_radius
    rho_o = gd.stability.analyze(mp, point, gd.dynamics.OptimisticHedge(lr)).spectral_radius
    closed = " (= √(1 + η²))" if default else ""
    trajectory(hedge.states[:, [0, 2]], ax=ax, color="C3",
               label=f"Hedge, ρ = {rho_h:.4f}{closed}")
    trajectory(hedge.average()[:, [0, 2]], ax=ax, color="k",
               label="Hedge, time average")
    trajectory(optimistic.states[:, [0, 2]], ax=ax, color="C2",
               label=f"optimistic Hedge, ρ = {rho_o:.4f}")
    ax.plot(p_star[0], q_star[0], "k*", ms=11, zorder=5)
    ax.set_xlim(-0.03, 1.03)
    ax.set_ylim(-0.03, 1.03)
    ax.set_aspect("equal")
    ax.set_xlabel(f"P(row plays {mp.row_labels[0]})")
    ax.set_ylabel(f"P(column plays {mp.col_labels[0]})")
    ax.set_title(f"{mp.name}, η = {lr}: Hedge (last iterate),\nits time average and "
                 "optimistic Hedge", fontsize=9)
    ax.legend(fontsize=7, loc="lower left")
    # (b) Rock-Paper-Scissors: exploitability of last iterates and averages
    ax = axes[0, 1]
    rounds = 2000 if quick else 20_000
    m, n = rps.shape
    start = np.concatenate([_spread_start(m, 0), _spread_start(n, 1)])
    t = np.arange(rounds + 1)
    curves = [("Hedge, last iterate", gd.dynamics.Hedge(lr), False, "C3"),
              ("Hedge, time average", gd.dynamics.Hedge(lr), True, "k"),
              ("optimistic Hedge, last iterate", gd.dynamics.OptimisticHedge(lr), False, "C2"),
              ("regret matching, time average", gd.dynamics.RegretMatching(), True, "C0"),
              ("regret matching+, time average", gd.dynamics.RegretMatchingPlus(), True, "C9")]
    for label, method, average, color in curves:
        run = gd.simulate(rps, method, start, rounds)
        z = run.average() if average else run.states
        gap = np.asarray(gd.equilibria.exploitability(rps, z[:, :m], z[:, m:]))
        ax.loglog(t[1:], np.maximum(gap[1:], 1e-16), color=color,
                  label=f"{label}: {gap[-1]:.1e}")
    ax.loglog(t[10:], 1.0 / np.sqrt(t[10:]), "k:", lw=0.8, label="1/√t")
    ax.set_xlabel("round t")
    ax.set_ylabel("exploitability (NashConv)")
    ax.set_title(f"{rps.name}: distance from equilibrium", fontsize=9)
    ax.legend(fontsize=6.5, loc="lower left")
    # (c) Shapley's game: sampled regret matching's joint play -> coarse correlated eq.
    ax = axes[0, 2]
    runs = 4 if quick else 16
    rounds = 2000 if quick else 20_000
    every = rounds // 40
    m, n = shapley.shape
    starts = np.tile(np.r_[np.full(m, 1 / m), np.full(n, 1 / n)], (runs, 1))
    checkpoints = np.arange(every, rounds + 1, every)
    state: Any = None  # the RegretState of the last run
    gaps: Any = []
    rng = np.random.default_rng(seed)
    for _ in checkpoints:
        run = gd.simulate(shapley, gd.dynamics.RegretMatching(sampled=True),
                          starts if state is None else None, every, rng=rng,
                          save_every=every, state=state)
        state = run.final_state
        gaps.append(gd.equilibria.cce_gap(shapley, state.joint / state.t))
    gaps = np.array(gaps)
    ax.loglog(checkpoints, gaps.mean(axis=1), "C0", label=f"mean of {runs} runs")
    ax.fill_between(checkpoints, gaps.min(axis=1), gaps.max(axis=1), color="C0", alpha=0.2,
                    label="min-max over runs")
    ax.loglog(checkpoints, 2.0 / np.sqrt(checkpoints), "k:", lw=0.8, label="2/√t")
    ax.set_xlabel("round t")
    ax.set_ylabel("CCE gap of the empirical joint play")
    ax.set_title(f"{shapley.name}, sampled regret matching:\njoint play -> coarse "
                 f"correlated eq. (gap {gaps.mean(1)[-1]:.1e})", fontsize=9)
    ax.legend(fontsize=7)
    return figure


def _spread_start(size: int, player: int) -> np.ndarray:
    """A fixed interior start: ``(0.6, 0.3, 0.1)`` for the row player and
    ``(0.2, 0.2, 0.6)`` for the column player of a 3x3 game, a like spread otherwise."""
    if size == 3:
        return np.array([[0.6, 0.3, 0.1], [0.2, 0.2, 0.6]][player])
    weights = np.arange(size, 0, -1, dtype=float) if player == 0 else np.arange(1.0, size + 1)
    return weights / weights.sum()


def _mixture_pdf(generators: np.ndarray, weights: np.ndarray, x: np.ndarray) -> np.ndarray:
    """Density of a (possibly diffuse) generator mixture at ``x``."""
    return gd.gan.generator_mixture(generators, weights, tol=0.0).pdf(x)


def gan_mixture_setup(target: Mixture | tuple[float, float] | None = None
                      ) -> tuple[Mixture, np.ndarray, np.ndarray, BimatrixGame]:
    """The restricted class of the GAN-mixture figure and notebook: target, generators
    ``N(mean, 1/4)`` for 33 means in ``[-4, 4]``, bump critics of width 1 at 17 centres
    with amplitudes ±1 and the zero critic, and the finite game between them.
    ``target`` (a ``(mean, std)`` pair or a :class:`~gamedyn.gan.Mixture`) replaces the
    default ``0.5 N(-2, 0.5²) + 0.5 N(2, 0.5²)``.

    Returns
    -------
    target : Mixture
    generators : ndarray, shape (33, 2)
    critics : ndarray, shape (35, 3)
    game : BimatrixGame
    """
    from gamedyn.gan.targets import as_target

    target = (gd.gan.Mixture([0.5, 0.5], [-2.0, 2.0], [0.5, 0.5]) if target is None
              else as_target(target, "target"))
    means = np.linspace(-4, 4, 33)
    generators = np.c_[means, np.full(len(means), 0.5)]
    critics = gd.gan.bump_critics(np.linspace(-4, 4, 17), width=1.0)
    return target, generators, critics, gd.gan.finite_game(target, generators, critics)


def make_gan_mixture(target: Mixture | tuple[float, float] | None = None, rng: RNG = RNG_DEFAULT,
                     quick: bool = False, *, seed: Any = MISSING) -> Figure:
    """Single-Gaussian generators against bump critics on a two-mode target: gradient play
    on the parameters hops between the modes, no pure equilibrium exists, and the double
    oracle (and, slower, fictitious play) trains a mixture of generators whose density is
    the target's.

    ``target`` is the data (default ``0.5 N(-2, 0.5²) + 0.5 N(2, 0.5²)``; see
    :func:`gan_mixture_setup` for the generators and critics, on ``[-4, 4]``).

    Parameters
    ----------
    target : Mixture, (mean, std) pair or None
        The data; None: ``0.5 N(-2, 0.5²) + 0.5 N(2, 0.5²)``.
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
    target, generators, critics, game = gan_mixture_setup(target)
    middle = float(np.dot(target.weights, target.means))
    m, n = game.shape
    figure, axes = new_figure(1, 4, size=3.8)
    # (a) gradient play on (mu; alpha, c)
    ax = axes[0, 0]
    params = gd.gan.bump_game(target, std=0.5, width=1.0)
    rounds = 4000 if quick else 20_000
    run = gd.simulate(params, gd.dynamics.Simultaneous((0.5, 0.05)), [0.3, 0.1, 0.0],
                      rounds, save_every=5)
    ax.plot(run.times, run.states[:, 0], "C3", lw=0.8, label="generator mean μ")
    ax.plot(run.times, run.states[:, 2], "C0", lw=0.6, alpha=0.7, label="critic centre c")
    for mode in target.means:
        ax.axhline(mode, color="k", ls=":", lw=0.8)
    late = run.states[len(run.states) // 2:, 0]
    crossings = int(np.sum(np.diff(np.sign(late - middle)) != 0))
    ax.set_xlabel("round")
    ax.set_ylabel("parameter")
    ax.set_title(f"gradient play on (μ; a, c), lr = (0.5, 0.05):\nμ crosses {middle:g} "
                 f"(the data mean) {crossings}x in the last {rounds // 2} rounds", fontsize=9)
    ax.legend(fontsize=7, loc="lower left")
    # (b) exploitability of the mixtures: double oracle and fictitious play
    ax = axes[0, 1]
    V = -game.A
    security = V.max(axis=1).min()
    bound = 1e-6
    oracle = gd.equilibria.double_oracle(game, tol=bound / np.ptp(game.A))
    ax.semilogy(np.arange(1, len(oracle.exploitability) + 1),
                np.maximum(oracle.exploitability, 1e-16), "C2o-",
                label=f"{oracle.exploitability[-1]:.1e} after "
                      f"{len(oracle.exploitability)} iterations")
    ax.axhline(bound, color="k", ls=":", lw=0.8, label=f"bound {bound:g}")
    ax.set_xlabel("double-oracle iteration")
    ax.set_ylabel("exploitability of the mixtures")
    value = -gd.equilibria.zero_sum(game).value
    ax.set_title(f"{m} generators x {n} critics, V* = {abs(value):.0e};\nbest single "
                 f"generator guarantees {security:.3f} > V*", fontsize=9)
    ax.legend(fontsize=7)
    ax = axes[0, 2]
    rounds = 2000 if quick else 20_000
    start = np.r_[np.eye(m)[16], np.eye(n)[0]]
    fp = gd.simulate(game, "fictitious_play", start, rounds, save_every=rounds // 100)
    gap = np.asarray(gd.equilibria.exploitability(game, fp.states[:, :m], fp.states[:, m:]))
    ax.loglog(fp.times[1:], gap[1:], "C0", label=f"{gap[-1]:.1e} after {rounds} rounds")
    ax.loglog(fp.times[1:], 1 / np.sqrt(fp.times[1:]), "k:", lw=0.8, label="1/√t")
    ax.set_xlabel("round t")
    ax.set_ylabel("exploitability of the empirical mixtures")
    ax.set_title("fictitious play on the same game\n(Robinson 1951): slower", fontsize=9)
    ax.legend(fontsize=7)
    # (d) densities
    ax = axes[0, 3]
    x = np.linspace(-5, 5, 801)
    ax.fill_between(x, target.pdf(x), color="0.85", label="target")
    mixture = gd.gan.generator_mixture(generators, oracle.p, tol=1e-9)
    ax.plot(x, mixture.pdf(x), "C2", lw=2, label="double-oracle mixture: " + ", ".join(
        f"{w:.2f} N({mu:g}, ¼)" for w, mu in zip(mixture.weights, mixture.means)))
    ax.plot(x, _mixture_pdf(generators, fp.final[:m], x), "C0--", lw=1,
            label="fictitious-play mixture")
    best = int(np.argmin(V.max(axis=1)))
    single = gd.gan.generator_mixture(generators[[best]], [1.0])
    ax.plot(x, single.pdf(x), "C3:", lw=1.2,
            label=f"best single generator N({generators[best, 0]:g}, ¼)")
    ax.set_xlabel("x")
    ax.set_ylabel("density")
    ax.set_title("a mixture of two generators\ncovers both modes", fontsize=9)
    ax.legend(fontsize=6.5, loc="upper left")
    ax.set_ylim(0, 0.95)
    return figure
