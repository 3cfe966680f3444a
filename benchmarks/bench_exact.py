"""Exact equilibria against Gambit's exact vertex enumeration, in the same run.

    python benchmarks/bench_exact.py [--quick]

``all_nash(g, exact=True)`` and pygambit's ``enummixed_solve(g, rational=True)`` solve
the same random 8x8 integer games (payoffs 0..99, seeded); both must return the same
set of exact equilibria before either is timed. Timings alternate between the two
solvers so that a busy machine slows both alike.
"""

from __future__ import annotations

import sys
import time
from fractions import Fraction
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness import Result  # noqa: E402

import gamedyn as gd  # noqa: E402


def _games(count: int, size: int, seed: int) -> list[tuple[np.ndarray, np.ndarray]]:
    rng = np.random.default_rng(seed)
    return [(rng.integers(0, 100, (size, size)), rng.integers(0, 100, (size, size)))
            for _ in range(count)]


def _gambit_equilibria(gbt, game) -> set:
    found = set()
    for profile in gbt.nash.enummixed_solve(game, rational=True).equilibria:
        row, col = list(game.players)
        found.add((tuple(Fraction(str(profile[s])) for s in row.strategies),
                   tuple(Fraction(str(profile[s])) for s in col.strategies)))
    return found


def _exact_vs_gambit(quick: bool) -> list[Result]:
    name = "all_nash exact 8x8 vs Gambit"
    try:
        import pygambit as gbt
    except ImportError:
        return [Result(name, skipped="pygambit not installed")]
    games = _games(4 if quick else 10, 8, seed=8)
    ours = [gd.BimatrixGame(A, B) for A, B in games]
    peers = [gbt.Game.from_arrays(A.tolist(), B.tolist()) for A, B in games]
    for game, peer in zip(ours, peers):
        mine = {(tuple(p), tuple(q)) for p, q in gd.equilibria.all_nash(game, exact=True)}
        if mine != _gambit_equilibria(gbt, peer):
            raise AssertionError("exact all_nash and Gambit disagree on the equilibria")
    ours_times, peer_times = [], []
    for _ in range(2 if quick else 3):  # alternate: both see the same machine load
        start = time.perf_counter()
        for game in ours:
            gd.equilibria.all_nash(game, exact=True)
        ours_times.append((time.perf_counter() - start) / len(ours))
        start = time.perf_counter()
        for peer in peers:
            gbt.nash.enummixed_solve(peer, rational=True)
        peer_times.append((time.perf_counter() - start) / len(peers))
    return [Result(name, min(ours_times), min(peer_times), goal=20.0, higher_is_better=True,
                   baseline_name="pygambit enummixed_solve(rational=True)",
                   extra={"games": len(games), "per": "game"})]


def benchmarks(quick: bool) -> list[Result]:
    """Exact equilibrium benchmarks (``quick``: fewer games and repeats)."""
    return _exact_vs_gambit(quick)


if __name__ == "__main__":
    for result in benchmarks("--quick" in sys.argv):
        print(result.line())
