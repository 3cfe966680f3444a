"""Speed of gamedyn.dynamics: batching, fictitious play against peers, memory bandwidth.

Run alone: ``python benchmarks/bench_dynamics.py [--quick]``. Every figure is measured
in the same process as its baseline; ratios are printed by :meth:`Result.line`.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import Result, best_time  # noqa: E402

import gamedyn as gd  # noqa: E402


def _batched_vs_loop(quick: bool) -> list[Result]:
    """10^5 starts x 10^3 rounds of a 2-D game: one batched run vs a loop over starts."""
    starts, steps = (10_000, 300) if quick else (100_000, 1000)
    sample = 10 if quick else 40
    game = gd.games.bilinear()
    dynamics = gd.dynamics.Simultaneous(0.01)  # |z| grows by 1.00005 per round: no event
    z0 = np.random.default_rng(0).normal(size=(starts, 2))

    def batched():
        return gd.simulate(game, dynamics, z0, steps, save_every=steps)

    def loop():
        for start in z0[:sample]:
            gd.simulate(game, dynamics, start, steps, save_every=steps)

    batched_time = best_time(batched, repeat=2 if quick else 3)
    loop_time = best_time(loop, repeat=2) * starts / sample
    results = [Result(
        name=f"simulate batched {starts} starts x {steps} rounds (2-D bilinear)",
        gamedyn=batched_time, baseline=loop_time, goal=200, higher_is_better=True,
        baseline_name=f"per-start loop of gd.simulate, {sample} starts timed and scaled",
        extra={"rounds_per_second": starts * steps / batched_time},
    )]

    # memory bandwidth: the least a round must do is read z and write z+ once, i.e. one
    # copy of the state array; time `steps` such copies of the same bytes.
    source = np.array(z0)
    target = np.empty_like(source)

    def copies():
        for _ in range(steps):
            np.copyto(target, source)

    copy_time = best_time(copies, repeat=3)
    results.append(Result(
        name="simulate memory bandwidth (time of one state copy per round / simulate)",
        gamedyn=batched_time, baseline=copy_time, goal=None,
        baseline_name="numpy copy of the state array per round",
        extra={"fraction_of_bandwidth": copy_time / batched_time,
               "bytes_per_round": int(source.nbytes)},
    ))
    return results


def _fictitious_play(quick: bool) -> list[Result]:
    """10^4 rounds of fictitious play on Rock-Paper-Scissors."""
    iterations = 10_000
    game = gd.games.rock_paper_scissors()
    z0 = np.array([1.0, 0, 0, 0, 1.0, 0])

    def ours():
        return gd.simulate(game, "fictitious_play", z0, iterations)

    ours_time = best_time(ours, repeat=3 if quick else 5)
    results = []
    try:
        import quantecon.game_theory as qe_game
    except ImportError:
        results.append(Result(name="fictitious play 1e4 rounds RPS vs quantecon",
                              skipped="quantecon not installed"))
    else:
        players = (qe_game.Player(game.A), qe_game.Player(game.B.T))
        play = qe_game.FictitiousPlay(qe_game.NormalFormGame(players))
        play.time_series(100, init_actions=(0, 1))  # warm numba

        def quantecon():
            return play.time_series(iterations, init_actions=(0, 1))

        results.append(Result(
            name="fictitious play 1e4 rounds RPS vs quantecon", gamedyn=ours_time,
            baseline=best_time(quantecon, repeat=3 if quick else 5), goal=1.0,
            baseline_name="quantecon.game_theory.FictitiousPlay.time_series"))
    try:
        import nashpy
    except ImportError:
        results.append(Result(name="fictitious play 1e4 rounds RPS vs nashpy",
                              skipped="nashpy not installed"))
    else:
        peer = nashpy.Game(game.A, game.B)

        def nash():
            for _ in peer.fictitious_play(iterations=iterations):
                pass

        results.append(Result(
            name="fictitious play 1e4 rounds RPS vs nashpy", gamedyn=ours_time,
            baseline=best_time(nash, repeat=2 if quick else 3), goal=None,
            baseline_name="nashpy.Game.fictitious_play"))
    return results


def benchmarks(quick: bool) -> list[Result]:
    """All dynamics benchmarks."""
    return _batched_vs_loop(quick) + _fictitious_play(quick)


if __name__ == "__main__":
    for result in benchmarks("--quick" in sys.argv):
        print(result.line())
        for key, value in result.extra.items():
            print(f"    {key}: {value:.4g}")
