"""Regret matching on Rock-Paper-Scissors against nashpy's ``Game.regret_minimization``.

    python benchmarks/bench_learning.py [--quick]

nashpy plays one run per call (from uniform play; ``iterations`` rounds of its regret
update). Figures, measured in the same process:

- ``regret matching RPS 1e4 rounds, one run``: one ``simulate`` call against one call
  of nashpy (the goal, >= 5x). With numba installed (the ``fast`` extra) gamedyn plays
  the rounds compiled (gamedyn/dynamics/_compiled.py); the first call, which compiles
  or loads numba's cache, is made before timing;
- ``... numpy rounds``: the same run with ``GAMEDYN_COMPILED=0`` (report only: per
  round, numpy's call overhead on arrays of 3 numbers is comparable to nashpy's loop);
- ``regret matching RPS 1e4 rounds x 64 runs``: one batched ``simulate`` of 64 runs
  against 64 calls of nashpy (goal >= 5x: the throughput a study of many starts gets).

Both must end at the equilibrium (uniform play) on RPS: the figures are checked before
they are reported.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness import Result, best_time  # noqa: E402

import gamedyn as gd  # noqa: E402
from gamedyn.dynamics import _compiled  # noqa: E402


def _regret_matching(quick: bool) -> list[Result]:
    try:
        import nashpy
    except ImportError:
        return [Result("regret matching RPS", skipped="nashpy not installed")]
    rounds = 2_000 if quick else 10_000
    runs = 16 if quick else 64
    game = gd.games.rock_paper_scissors()
    peer = nashpy.Game(game.A, game.B)
    uniform = np.full(6, 1.0 / 3.0)
    starts = np.tile(uniform, (runs, 1))

    def ours_batch():
        return gd.simulate(game, "regret_matching", starts, rounds, save_every=rounds)

    def ours_one():
        return gd.simulate(game, "regret_matching", uniform, rounds, save_every=rounds)

    def ours_numpy():
        os.environ["GAMEDYN_COMPILED"] = "0"
        try:
            return ours_one()
        finally:
            os.environ.pop("GAMEDYN_COMPILED")

    def peer_one():
        return list(peer.regret_minimization(iterations=rounds))

    def peer_batch():
        return [peer_one() for _ in range(runs)]

    for run in (ours_batch, ours_one, ours_numpy):  # also compiles before timing
        if not np.allclose(run().final, 1.0 / 3.0):
            raise AssertionError("gamedyn's regret matching left the equilibrium of RPS")
    (p, q), = peer_one()
    if not np.allclose(np.r_[p, q], 1.0 / 3.0):
        raise AssertionError("nashpy's regret minimization left the equilibrium of RPS")
    repeat = 1 if quick else 3
    # alternate, so that a change of load on the shared machine slows both alike
    times = [(best_time(ours_batch, repeat=1), best_time(peer_batch, repeat=1))
             for _ in range(repeat)]
    ours_b, peer_b = min(t for t, _ in times), min(t for _, t in times)
    times = [(best_time(ours_one, repeat=1), best_time(ours_numpy, repeat=1),
              best_time(peer_one, repeat=1)) for _ in range(repeat)]
    ours_1, numpy_1, peer_1 = (min(column) for column in zip(*times))
    label = f"{rounds:.0e}".replace("e+0", "e")
    compiled = "compiled" if _compiled.enabled() else "numpy: numba missing"
    return [
        Result(f"regret matching RPS {label} rounds, one run ({compiled})", ours_1, peer_1,
               goal=5.0, higher_is_better=True, baseline_name="nashpy regret_minimization"),
        Result(f"regret matching RPS {label} rounds, one run, numpy rounds", numpy_1, peer_1,
               higher_is_better=True, baseline_name="nashpy regret_minimization"),
        Result(f"regret matching RPS {label} rounds x {runs} runs", ours_b, peer_b, goal=5.0,
               higher_is_better=True, baseline_name="nashpy regret_minimization, per run"),
    ]


def benchmarks(quick: bool = False) -> list[Result]:
    return _regret_matching(quick)


if __name__ == "__main__":
    for result in benchmarks(quick="--quick" in sys.argv):
        print(result.line())
