"""gd.sweep on one machine and on a dask LocalCluster: throughput and per-task overhead.

    python benchmarks/bench_sweep.py [--quick] [--gan-full]

* processes: the same sweep of GAN ensembles (``gan_convergence``: one vectorized
  ``gd.gan.train`` ensemble per step-size pair) on ``ProcessPoolExecutor(2)`` against
  ``ProcessPoolExecutor(1)`` (throughput ratio; goal >= 1.7 on 2 cores);
* dask: the same on a ``LocalCluster`` with 2 workers against 1 (goal >= 1.5);
* overhead: a function that returns at once, per task, in this process, in 2 processes
  and on 2 dask workers (report);
* GAN study: 16 x 16 step-size pairs x 64 seeds x 2,000 rounds (16,384 runs) on 2
  processes, goal <= 600 s. By default a measured fraction (a row of 16 pairs) is timed
  and scaled to the 256 pairs (labelled "extrapolated"); ``--gan-full`` runs all of it.

Workers are started and warmed (gamedyn imported) before any timing. A control times
plain Python work (no gamedyn, no sweep) on the same pools: on a machine shared with other
jobs the 2-process ratio cannot exceed what that control shows. Every figure is a
wall time on this machine, which other jobs may share: the JSON records the load.
"""

from __future__ import annotations

import argparse
import functools
import logging
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness import Result  # noqa: E402

import gamedyn as gd  # noqa: E402
from gamedyn.sweeps.studies import GAN_LR_RANGE, gan_convergence  # noqa: E402

BUDGET = 600.0  # seconds for the 16 x 16 x 64 GAN sweep


def nothing(x, *, rng):
    """A task that does no work: what is left is the sweep's own cost."""
    return 0.0


def burn(n: int) -> int:
    """Pure-Python work with no sweep around it: the machine's own parallel capacity."""
    total = 0
    for i in range(n):
        total += i * i
    return total


def _warm(_=None):
    import gamedyn.gan  # noqa: F401 - import the heavy parts once per worker
    import gamedyn.sweeps.studies  # noqa: F401

    time.sleep(0.05)
    return os.getpid()


def _work(quick: bool):
    pairs = 4 if quick else 8
    axis = np.geomspace(0.05, 0.5, pairs)
    steps = 300 if quick else 800
    return (functools.partial(gan_convergence, steps=steps),
            {"lr_g": axis, "lr_d": [0.2]}, 32)


def _timed(function, grid, seeds, executor) -> float:
    start = time.perf_counter()
    gd.sweep(function, grid, seeds=seeds, rng=0, executor=executor, progress=False)
    return time.perf_counter() - start


def _pool(workers: int) -> ProcessPoolExecutor:
    pool = ProcessPoolExecutor(workers)
    list(pool.map(_warm, range(4 * workers)))
    return pool


def _cluster(workers: int):
    import distributed

    cluster = distributed.LocalCluster(n_workers=workers, threads_per_worker=1,
                                       processes=True, dashboard_address=None,
                                       silence_logs=logging.ERROR)
    client = distributed.Client(cluster)
    client.run(_warm)
    return cluster, client


def benchmarks(quick: bool = False, gan_full: bool = False) -> list[Result]:
    results = []
    function, grid, seeds = _work(quick)
    times, control = {}, {}
    for workers in (1, 2):
        with _pool(workers) as pool:
            times[workers] = min(_timed(function, grid, seeds, pool) for _ in range(2))
            start = time.perf_counter()
            list(pool.map(burn, [300_000 if quick else 1_500_000] * 8))
            control[workers] = time.perf_counter() - start
    results.append(Result("control: pure-Python work without gd.sweep, 2 processes vs 1 "
                          "(what the machine gives now)", gamedyn=control[2],
                          baseline=control[1], higher_is_better=True,
                          baseline_name="ProcessPoolExecutor(1)"))
    results.append(Result("sweep: 2 processes vs 1 (throughput)", gamedyn=times[2],
                          baseline=times[1], goal=1.7, higher_is_better=True,
                          baseline_name="ProcessPoolExecutor(1)",
                          extra={"tasks": len(grid["lr_g"]), "seeds per task": seeds}))
    try:
        import distributed  # noqa: F401
    except ImportError:
        results.append(Result("sweep: dask 2 workers vs 1", skipped="dask.distributed not "
                              "installed (pip install -e '.[distributed]')"))
        distributed = None
    dask_times = {}
    if distributed is not None:
        for workers in (1, 2):
            cluster, client = _cluster(workers)
            try:
                dask_times[workers] = min(_timed(function, grid, seeds, client)
                                          for _ in range(2))
            finally:
                client.close()
                cluster.close()
        results.append(Result("sweep: dask LocalCluster 2 workers vs 1 (throughput)",
                              gamedyn=dask_times[2], baseline=dask_times[1], goal=1.5,
                              higher_is_better=True, baseline_name="LocalCluster(1)"))
    # per-task overhead: a sweep of tasks that do nothing
    tasks = 200 if quick else 1000
    empty = {"x": list(range(tasks))}
    serial = _timed(nothing, empty, 1, None) / tasks
    with _pool(2) as pool:
        processes = _timed(nothing, empty, 1, pool) / tasks
    overhead = {"in process": serial, "2 processes": processes}
    if distributed is not None:
        cluster, client = _cluster(2)
        try:
            overhead["2 dask workers"] = _timed(nothing, empty, 1, client) / tasks
        finally:
            client.close()
            cluster.close()
    for where, seconds in overhead.items():
        results.append(Result(f"sweep: overhead per task, {where}", gamedyn=seconds * 1e3,
                              unit="ms", extra={"tasks": tasks}))
    results.append(_gan_study(quick, gan_full))
    return results


def _gan_study(quick: bool, full: bool) -> Result:
    """16 x 16 pairs x 64 seeds x 2,000 rounds on 2 processes, or a row of it scaled."""
    axis = np.geomspace(*GAN_LR_RANGE, 16)
    # the row of the smallest lr_g: no run diverges there, so every run trains all 2,000
    # rounds (diverged ensembles stop early): scaling it up over-estimates the whole
    rows = axis if full else axis[:1]
    columns = axis[:4] if quick and not full else axis
    grid = {"lr_g": rows, "lr_d": columns}
    function = functools.partial(gan_convergence, steps=2000)
    with _pool(2) as pool:
        seconds = _timed(function, grid, 64, pool)
    measured = len(rows) * len(columns)
    scaled = seconds * 256 / measured
    label = "measured" if measured == 256 else f"extrapolated from {measured} of 256 pairs"
    return Result(f"sweep: GAN 16 x 16 pairs x 64 seeds x 2000 rounds, 2 processes ({label})",
                  gamedyn=scaled, baseline=BUDGET, goal=1.0, baseline_name="10-minute budget",
                  extra={"pairs timed": measured, "seconds timed": seconds,
                         "runs": 256 * 64})


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--gan-full", action="store_true",
                        help="run all 256 pairs of the GAN study instead of scaling a row")
    arguments = parser.parse_args()
    print(f"load average: {os.getloadavg()}")
    for result in benchmarks(arguments.quick, arguments.gan_full):
        print(result.line())
