"""How long the interactive explorer takes to answer a slider.

    python benchmarks/bench_explorer.py [--quick]

* ``explorer update``: one change of the step size of ``gd.interactive.explore()``
  (simultaneous steps on the bilinear game, 100 rounds from two starts): the run, the
  analysis and the redrawn PNG. Baseline: the same update with the figure rebuilt from
  nothing (the field's stream plot and the layout drawn again, as every update did
  before the background was kept per game). Goal: at most 0.6 of its time.
* ``explorer maths``: the part of an update that is not drawing (``gd.simulate`` and
  ``gd.stability.analyze``), for report: what a faster renderer could at best reach.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness import Result, best_time  # noqa: E402


def benchmarks(quick: bool) -> list[Result]:
    try:
        import ipywidgets  # noqa: F401
    except ImportError:
        return [Result("explorer update", skipped="ipywidgets not installed")]
    import numpy as np

    import gamedyn as gd

    repeat = 3 if quick else 7
    ex = gd.interactive.explore("bilinear", "simultaneous", steps=100)
    values = iter(np.tile([0.2, 0.3], 1000))

    def update():
        ex.controls["lr"].value = float(next(values))

    def rebuild():
        ex._background = None  # forget the drawn field: everything is drawn again
        update()

    def maths():
        gd.simulate(ex.game, ex.dynamics, np.asarray([[1.0, 0.0], [-0.4, -0.3]]), 100)
        gd.stability.analyze(ex.game, ex.point, ex.dynamics)

    kept = best_time(update, repeat)
    fresh = best_time(rebuild, repeat)
    alone = best_time(maths, repeat)
    return [
        Result("explorer update (run, analysis, PNG)", kept, fresh, goal=0.6,
               baseline_name="the figure rebuilt from nothing"),
        Result("explorer maths (simulate + analyze)", alone, kept, goal=None,
               baseline_name="a whole update"),
    ]


if __name__ == "__main__":
    for result in benchmarks("--quick" in sys.argv[1:]):
        print(result.line())
