"""Start-up cost and full figure regeneration.

    python benchmarks/bench_core.py [--quick]
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness import Result  # noqa: E402


def _subprocess_seconds(code: list[str], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run([sys.executable, *code], check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return min(times)


def benchmarks(quick: bool) -> list[Result]:
    """``import gamedyn`` against ``import numpy``; all figures against the 60 s budget."""
    repeat = 3 if quick else 7
    empty = _subprocess_seconds(["-c", "pass"], repeat)
    numpy_import = _subprocess_seconds(["-c", "import numpy"], repeat) - empty
    gamedyn_import = _subprocess_seconds(["-c", "import gamedyn"], repeat) - empty
    results = [
        Result("import gamedyn (s, goal < 0.3)", gamedyn_import, 0.3, goal=1.0,
               baseline_name="the 0.3 s budget", extra={"numpy_import": numpy_import}),
        Result("import gamedyn vs import numpy", gamedyn_import, numpy_import,
               baseline_name="import numpy"),
    ]
    if quick:
        results.append(Result("figure regeneration", skipped="not measured in --quick"))
        return results
    with tempfile.TemporaryDirectory() as out:
        seconds = _subprocess_seconds(["-m", "gamedyn", "figures", "--out", out], 1)
    results.append(Result("figure regeneration (s, goal <= 60)", seconds, 60.0, goal=1.0,
                          baseline_name="the 60 s budget"))
    return results


if __name__ == "__main__":
    for result in benchmarks("--quick" in sys.argv):
        print(result.line())
