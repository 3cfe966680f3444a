"""Large games: Lemke-Howson pivots on one BLAS thread (a multithreaded rank-one update
of a 200 x 200 tableau collapses when the cores are shared), from a cold start too."""

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np

import gamedyn as gd

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import importlib, json
import numpy as np
from threadpoolctl import threadpool_info
import gamedyn as gd
lh = importlib.import_module("gamedyn.equilibria.lemke_howson")
seen = []
pivot = lh._Side.pivot
def spy(self, label, dger):
    if not seen:  # the BLAS pools as the first pivot sees them
        seen.append({p["filepath"]: p["num_threads"] for p in threadpool_info()
                     if p["user_api"] == "blas"})
    return pivot(self, label, dger)
lh._Side.pivot = spy
rng = np.random.default_rng(0)
gd.equilibria.lemke_howson(gd.BimatrixGame(*rng.normal(size=(2, 60, 60))))
after = {p["filepath"]: p["num_threads"] for p in threadpool_info() if p["user_api"] == "blas"}
print(json.dumps([seen[0], after]))
"""


def test_lemke_howson_pivots_on_one_blas_thread_from_a_cold_start():
    # a fresh interpreter, where scipy's BLAS is not loaded yet, asked for two threads
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "2",
           "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True,
                          check=True, env=env, cwd=ROOT)
    during, after = json.loads(done.stdout.strip().splitlines()[-1])
    assert during and set(during.values()) == {1}, during  # every BLAS pool limited
    assert any(threads > 1 for threads in after.values()), after  # and restored after


def test_lemke_howson_200x200_small_integer_game_with_ties():
    # payoffs 0..3 make many ties: the lexicographic rule carries the path, and the
    # certified profile is an exact equilibrium of the game
    rng = np.random.default_rng(2026)
    game = gd.BimatrixGame(*rng.integers(0, 4, size=(2, 200, 200)))
    p, q = gd.equilibria.lemke_howson(game, initial_label=7)
    assert gd.equilibria.is_nash(game, p, q, tol=1e-12)
    assert np.all((p == 0) | (p > 1e-9)) and np.all((q == 0) | (q > 1e-9))


def _key(pairs):
    return sorted(tuple(np.round(np.array(np.concatenate(pq), dtype=float), 7))
                  for pq in pairs)


def test_all_nash_with_more_than_62_strategies_in_all():
    # labels of the best-response polytopes are bit masks over m + n strategies: beyond
    # 62 of them int64 overflowed; compare with exact arithmetic on the same games
    rng = np.random.default_rng(70)
    for m, n in [(2, 70), (1, 80), (2, 64)]:
        game = gd.BimatrixGame(*rng.integers(0, 9, size=(2, m, n)))
        found = gd.equilibria.all_nash(game)
        assert found and all(gd.equilibria.is_nash(game, p, q) for p, q in found)
        exact = gd.equilibria.all_nash(game, exact=True)
        assert _key(found) == _key(exact)
        assert found.degenerate == exact.degenerate
