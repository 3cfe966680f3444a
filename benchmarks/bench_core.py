"""Start-up cost of ``import gamedyn`` and the time to regenerate every figure.

    python benchmarks/bench_core.py [--quick]

* ``import gamedyn`` is timed inside a fresh interpreter (so nothing is cached in
  ``sys.modules``), the minimum over several interpreters; goal: under 0.3 s. The
  baseline, timed the same way, is ``import numpy``, which gamedyn cannot avoid; their
  ratio is reported on its own line.
* Figure regeneration runs ``python -m gamedyn.cli figures --out <tmpdir>`` once;
  goal: at most 60 s. Skipped with ``--quick``.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness import Result  # noqa: E402

IMPORT_GOAL = 0.3  # seconds
FIGURES_GOAL = 60.0  # seconds
FIGURES_TIMEOUT = 900.0  # seconds; a hang is a crash, not a slow figure


def import_seconds(module: str, repeat: int) -> float:
    """Minimum over ``repeat`` fresh interpreters of the time ``import module`` takes."""
    code = ("import time; start = time.perf_counter(); "
            f"import {module}; print(time.perf_counter() - start)")
    times = []
    for _ in range(repeat):
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              check=True)
        times.append(float(done.stdout.strip().splitlines()[-1]))
    return min(times)


def figures_seconds(out: str) -> float:
    """Wall time of ``python -m gamedyn.cli figures --out out``; raises if it fails."""
    command = [sys.executable, "-m", "gamedyn.cli", "figures", "--out", out]
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, timeout=FIGURES_TIMEOUT)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        tail = "\n".join(done.stderr.strip().splitlines()[-15:])
        raise RuntimeError(f"`{' '.join(command[1:])}` exited with code {done.returncode}:\n"
                           f"{tail}")
    return seconds


def benchmarks(quick: bool) -> list[Result]:
    """``import gamedyn`` (goal < 0.3 s; baseline ``import numpy``) and all figures (<= 60 s)."""
    repeat = 3 if quick else 7
    numpy_time = import_seconds("numpy", repeat)
    gamedyn_time = import_seconds("gamedyn", repeat)
    results = [
        Result("import gamedyn (s, goal < 0.3 s)", gamedyn_time, IMPORT_GOAL, goal=1.0,
               baseline_name="0.3 s budget",
               extra={"import_numpy_s": numpy_time,
                      "ratio_gamedyn_to_numpy": gamedyn_time / numpy_time,
                      "repeat": repeat}),
        Result("import gamedyn vs import numpy", gamedyn_time, numpy_time,
               baseline_name="import numpy", extra={"repeat": repeat}),
    ]
    name = f"figure regeneration (s, goal <= {FIGURES_GOAL:g} s)"
    if quick:
        results.append(Result(name, skipped="not run with --quick"))
    elif importlib.util.find_spec("gamedyn.cli") is None:
        results.append(Result(name, skipped="gamedyn.cli does not exist"))
    else:
        with tempfile.TemporaryDirectory() as out:
            seconds = figures_seconds(out)
            count = sum(1 for path in Path(out).rglob("*") if path.is_file())
        results.append(Result(name, seconds, FIGURES_GOAL, goal=1.0,
                              baseline_name=f"{FIGURES_GOAL:g} s budget",
                              extra={"files_written": count}))
    return results


if __name__ == "__main__":
    for result in benchmarks("--quick" in sys.argv[1:]):
        print(result.line())
