"""Equilibrium solvers against quantecon, nashpy and Gambit, in the same run.

    python benchmarks/bench_equilibria.py [--quick]

Lemke-Howson 200x200 is timed twice: alone, and beside a busy process (a CPU-bound
Python loop started for the occasion, bounded in time and stopped afterwards), since a
multithreaded BLAS update in the pivot loop collapses when the cores are shared.
"""

from __future__ import annotations

import contextlib
import subprocess
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness import Result, best_time  # noqa: E402

import gamedyn as gd  # noqa: E402


def _random_games(count: int, size: int, seed: int) -> list[tuple[np.ndarray, np.ndarray]]:
    rng = np.random.default_rng(seed)
    return [(rng.normal(size=(size, size)), rng.normal(size=(size, size))) for _ in range(count)]


def _alternating(ours, peer, repeat: int = 3) -> tuple[float, float]:
    """Best times of ``ours`` and ``peer``, run in turns so that a machine whose load
    changes during the measurement slows both alike."""
    times = [(best_time(ours, repeat=1), best_time(peer, repeat=1)) for _ in range(repeat)]
    return min(t for t, _ in times), min(t for _, t in times)


def _all_nash_vs_quantecon(size: int, count: int, seed: int) -> Result:
    name = f"all_nash {size}x{size} vs quantecon"
    try:
        import quantecon.game_theory as gt
    except ImportError:
        return Result(name, skipped="quantecon not installed")
    games = _random_games(count, size, seed=seed)
    ours = [gd.BimatrixGame(A, B) for A, B in games]
    peers = [gt.NormalFormGame([gt.Player(A), gt.Player(B.T)]) for A, B in games]
    gt.vertex_enumeration(peers[0])  # compile numba before timing
    for game, peer in zip(ours, peers):
        if len(gt.vertex_enumeration(peer)) != len(gd.equilibria.all_nash(game)):
            raise AssertionError("all_nash and quantecon disagree on the equilibria")
    ours_time, peer_time = _alternating(lambda: [gd.equilibria.all_nash(g) for g in ours],
                                        lambda: [gt.vertex_enumeration(g) for g in peers])
    return Result(name, ours_time, peer_time, goal=2.0,
                  baseline_name="quantecon vertex_enumeration")


def _all_nash(quick: bool) -> list[Result]:
    games = _random_games(3 if quick else 10, 10, seed=1)
    results = [_all_nash_vs_quantecon(10, 3 if quick else 10, seed=1),
               _all_nash_vs_quantecon(14, 1 if quick else 3, seed=5)]
    try:
        import nashpy
    except ImportError:
        results.append(Result("all_nash 10x10 vs nashpy", skipped="nashpy not installed"))
    else:
        # nashpy enumerates every support pair in Python: about 100 s for one 10x10 game,
        # so it is measured on 7x7 games (quick) or a single 10x10 game (full run)
        small = _random_games(2, 7, seed=4) if quick else games[:1]
        peers = [nashpy.Game(A, B) for A, B in small]
        mine = [gd.BimatrixGame(A, B) for A, B in small]
        peer_time = best_time(lambda: [list(g.vertex_enumeration()) for g in peers], repeat=1)
        ours_small = best_time(lambda: [gd.equilibria.all_nash(g) for g in mine], repeat=3)
        label = "7x7" if quick else "10x10"
        results.append(Result(f"all_nash {label} vs nashpy", ours_small, peer_time,
                              baseline_name="nashpy vertex_enumeration"))
    return results


@contextlib.contextmanager
def _busy_process(seconds: float = 300.0):
    """A CPU-bound Python loop in a subprocess for the duration of the block (it stops by
    itself after ``seconds`` and is terminated when the block ends)."""
    code = (f"import time\nend = time.perf_counter() + {seconds}\n"
            "while time.perf_counter() < end:\n    pass")
    busy = subprocess.Popen([sys.executable, "-c", code])
    try:
        yield busy
    finally:
        busy.terminate()
        busy.wait(timeout=10)


def _lemke_howson(quick: bool) -> list[Result]:
    names = ("lemke_howson 200x200 vs quantecon",
             "lemke_howson 200x200 beside a busy process vs quantecon")
    try:
        import quantecon.game_theory as gt
    except ImportError:
        return [Result(name, skipped="quantecon not installed") for name in names]
    games = _random_games(2 if quick else 5, 200, seed=2)
    ours = [gd.BimatrixGame(A, B) for A, B in games]
    peers = [gt.NormalFormGame([gt.Player(A), gt.Player(B.T)]) for A, B in games]
    gt.lemke_howson(peers[0])  # compile numba before timing
    for game, peer in zip(ours, peers):  # same label, same path: the same equilibrium
        p, q = gd.equilibria.lemke_howson(game)
        if not np.allclose(np.concatenate([p, q]), np.concatenate(gt.lemke_howson(peer))):
            raise AssertionError("lemke_howson and quantecon disagree")

    def measure() -> tuple[float, float]:
        return _alternating(lambda: [gd.equilibria.lemke_howson(g) for g in ours],
                            lambda: [gt.lemke_howson(g) for g in peers])

    results = [Result(names[0], *measure(), goal=2.0, baseline_name="quantecon lemke_howson")]
    with _busy_process():
        results.append(Result(names[1], *measure(), goal=2.0,
                              baseline_name="quantecon lemke_howson, same busy process"))
    return results


def _zero_sum(quick: bool) -> list[Result]:
    A = np.random.default_rng(3).normal(size=(200, 200))
    game = gd.BimatrixGame(A)
    ours_time = best_time(lambda: gd.equilibria.zero_sum(game), repeat=2 if quick else 3)
    results = []
    try:
        import nashpy
    except ImportError:
        results.append(Result("zero-sum LP 200x200 vs nashpy", skipped="nashpy not installed"))
    else:
        peer = nashpy.Game(A)
        peer_time = best_time(lambda: peer.linear_program(), repeat=2 if quick else 3)
        results.append(Result("zero-sum LP 200x200 vs nashpy", ours_time, peer_time,
                              baseline_name="nashpy linear_program"))
    try:
        import quantecon.game_theory as gt
    except ImportError:
        results.append(Result("zero-sum LP 200x200 vs quantecon",
                              skipped="quantecon not installed"))
    else:
        peer = gt.NormalFormGame([gt.Player(A), gt.Player(-A.T)])
        peer_time = best_time(lambda: gt.lemke_howson(peer), repeat=2 if quick else 3)
        results.append(Result("zero-sum LP 200x200 vs quantecon", ours_time, peer_time,
                              baseline_name="quantecon lemke_howson (no LP solver)"))
    return results


def benchmarks(quick: bool) -> list[Result]:
    """All equilibrium benchmarks (``quick``: fewer games and repeats)."""
    return _all_nash(quick) + _lemke_howson(quick) + _zero_sum(quick)


if __name__ == "__main__":
    for result in benchmarks("--quick" in sys.argv):
        print(result.line())
