"""Run every benchmark: gamedyn against the tools users would pick instead.

    python benchmarks/run.py [--quick] [--only NAME ...] [--json PATH]

Each ``benchmarks/bench_*.py`` exposes ``benchmarks(quick) -> list[Result]``; one line
is printed per benchmark (``NAME: gamedyn X, baseline Y, ratio R (goal G) ok|below
goal``) and all figures are written as JSON. A benchmark whose peer is missing says so
and is skipped; a module that crashes is reported and the others still run (exit 1).
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import platform
import sys
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def machine() -> dict:
    import numpy

    info = {"python": platform.python_version(), "numpy": numpy.__version__,
            "cpus": os.cpu_count(), "platform": platform.platform()}
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        return info
    info["threadpools"] = [{k: pool.get(k) for k in ("internal_api", "num_threads",
                                                     "architecture")}
                           for pool in threadpool_info()]
    return info


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes, under a minute")
    parser.add_argument("--only", nargs="+", help="module names, e.g. equilibria dynamics")
    parser.add_argument("--json", default=str(HERE / "results.json"))
    args = parser.parse_args(argv)
    modules = sorted(path.stem for path in HERE.glob("bench_*.py"))
    if args.only:
        modules = [m for m in modules if m.removeprefix("bench_") in args.only]
    results, crashed = [], False
    for name in modules:
        try:
            found = importlib.import_module(name).benchmarks(args.quick)
        except Exception:  # report and continue with the other modules
            crashed = True
            print(f"{name}: crashed\n{traceback.format_exc()}", file=sys.stderr)
            continue
        for result in found:
            print(result.line(), flush=True)
            results.append(result.as_dict())
    Path(args.json).write_text(json.dumps({"machine": machine(), "quick": args.quick,
                                           "results": results}, indent=1))
    return 1 if crashed else 0


if __name__ == "__main__":
    sys.exit(main())
