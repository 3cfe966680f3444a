"""Run every benchmark: gamedyn against the tools users would pick instead.

    python benchmarks/run.py [--quick] [--only NAME ...] [--json PATH]

Each ``benchmarks/bench_<name>.py`` exposes ``benchmarks(quick) -> list[Result]`` (see
``harness.py``); one line is printed per benchmark::

    NAME: gamedyn X, baseline Y, ratio R (goal G) ok|below goal

and every figure is written as JSON (default ``benchmarks/results.json``) together with
the machine it ran on. A benchmark whose peer is missing says so and is skipped. A module
that raises is reported and the others still run; the exit code is 1 only if a module
crashed, never because a figure is below its goal.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import platform
import sys
import time
import traceback
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

_THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


def available_modules() -> list[str]:
    """Names of the benchmark modules, without the ``bench_`` prefix, sorted."""
    return sorted(path.stem.removeprefix("bench_") for path in HERE.glob("bench_*.py"))


def _version(module: str) -> str | None:
    try:
        return importlib.import_module(module).__version__
    except Exception:  # a missing or broken package is a fact about the machine, not a crash
        return None


def machine() -> dict:
    """Python, numpy and CPU facts, and the BLAS thread pools (threadpoolctl if installed)."""
    import numpy

    info = {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
        "cpu_count": os.cpu_count(),
        "cpus_available": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
        else os.cpu_count(),
        "numpy": numpy.__version__,
        "scipy": _version("scipy"),
        "gamedyn": _version("gamedyn"),
        "thread_variables": {name: os.environ.get(name) for name in _THREAD_VARIABLES},
    }
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        blas = numpy.show_config(mode="dicts")["Build Dependencies"].get("blas", {})
        info["threadpools"] = None
        info["blas"] = {key: blas.get(key) for key in ("name", "version",
                                                       "openblas configuration")}
        return info
    info["threadpools"] = [
        {key: pool.get(key) for key in ("user_api", "internal_api", "num_threads", "version",
                                         "architecture")}
        for pool in threadpool_info()
    ]
    return info


def run_module(name: str, quick: bool) -> tuple[list, str | None, float]:
    """Run ``bench_<name>.benchmarks(quick)``: ``(results, error or None, seconds)``."""
    start = time.perf_counter()
    try:
        results = list(importlib.import_module(f"bench_{name}").benchmarks(quick))
        for result in results:
            if not hasattr(result, "line") or not hasattr(result, "as_dict"):
                raise TypeError(f"bench_{name}.benchmarks returned {result!r}, not a Result")
    except Exception as error:  # report and continue with the other modules
        print(f"bench_{name}: crashed: {type(error).__name__}: {error}", flush=True)
        traceback.print_exc(file=sys.stderr)
        return [], f"{type(error).__name__}: {error}", time.perf_counter() - start
    return results, None, time.perf_counter() - start


def summary(results: list, crashed: list[str]) -> str:
    """One closing line: how many benchmarks met their goal, missed it or were skipped."""
    counts = {"ok": 0, "below goal": 0, "report only": 0, "skipped": 0}
    for result in results:
        if result.skipped:
            counts["skipped"] += 1
        elif result.ok is None:
            counts["report only"] += 1
        else:
            counts["ok" if result.ok else "below goal"] += 1
    text = f"{len(results)} benchmarks: " + ", ".join(f"{v} {k}" for k, v in counts.items())
    return text + (f"; crashed: {', '.join(crashed)}" if crashed else "")


def main(argv: list[str] | None = None) -> int:
    modules = available_modules()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true",
                        help="smaller sizes and fewer repeats (about a minute)")
    parser.add_argument("--only", nargs="+", metavar="NAME",
                        help=f"modules to run, from: {', '.join(modules)}")
    parser.add_argument("--json", default=str(HERE / "results.json"), metavar="PATH",
                        help="where to write all figures (default: benchmarks/results.json)")
    args = parser.parse_args(argv)
    selected = modules
    if args.only:
        selected = [name.removeprefix("bench_").removesuffix(".py") for name in args.only]
        unknown = sorted(set(selected) - set(modules))
        if unknown:
            parser.error(f"unknown benchmark module(s) {unknown}; valid names: "
                         f"{', '.join(modules)}")
    results, records, crashed = [], {}, []
    started = datetime.now(timezone.utc).isoformat(timespec="seconds")
    for name in selected:
        found, error, seconds = run_module(name, args.quick)
        for result in found:
            print(result.line(), flush=True)
        records[name] = {"seconds": round(seconds, 3), "error": error,
                         "results": [result.as_dict() for result in found]}
        results += found
        if error is not None:
            crashed.append(f"bench_{name}")
    print(summary(results, crashed), flush=True)
    command = [Path(sys.argv[0]).name, *(sys.argv[1:] if argv is None else argv)]
    report = {"started": started, "command": command,
              "quick": args.quick, "machine": machine(), "modules": records,
              "results": [result.as_dict() for result in results]}
    Path(args.json).write_text(json.dumps(report, indent=1, default=str) + "\n")
    print(f"figures written to {args.json}")
    return 1 if crashed else 0


if __name__ == "__main__":
    sys.exit(main())
