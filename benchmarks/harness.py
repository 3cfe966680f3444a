"""Shared pieces of the benchmark scripts: timing and the one-line report.

Every benchmark measures gamedyn and its baseline in the same process and reports
``NAME: gamedyn X, baseline Y, ratio R (goal G) ok|below goal``. A benchmark module
``bench_*.py`` exposes ``benchmarks(quick: bool) -> list[Result]``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field


@dataclass
class Result:
    """One benchmark's figures.

    ``ratio`` is ``baseline / gamedyn`` when ``higher_is_better`` (a speed-up, e.g. goal
    >= 200) and ``gamedyn / baseline`` otherwise (a time ratio, e.g. goal <= 2).
    ``goal`` is None for report-only benchmarks. ``skipped`` carries the reason when a
    peer is missing.
    """

    name: str
    gamedyn: float | None = None
    baseline: float | None = None
    unit: str = "s"
    goal: float | None = None
    higher_is_better: bool = False
    baseline_name: str = ""
    skipped: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def ratio(self) -> float | None:
        if self.gamedyn is None or self.baseline is None or self.gamedyn == 0:
            return None
        if self.higher_is_better:
            return self.baseline / self.gamedyn
        return self.gamedyn / self.baseline

    @property
    def ok(self) -> bool | None:
        if self.goal is None or self.ratio is None:
            return None
        return self.ratio >= self.goal if self.higher_is_better else self.ratio <= self.goal

    def line(self) -> str:
        if self.skipped:
            return f"{self.name}: skipped ({self.skipped})"
        goal = "report" if self.goal is None else (
            f"{'>=' if self.higher_is_better else '<='} {self.goal:g}")
        verdict = "" if self.ok is None else (" ok" if self.ok else " below goal")
        base = f"{self.baseline:.4g} {self.unit}" if self.baseline is not None else "n/a"
        ratio = f"{self.ratio:.3g}" if self.ratio is not None else "n/a"
        peer = f" [{self.baseline_name}]" if self.baseline_name else ""
        return (f"{self.name}: gamedyn {self.gamedyn:.4g} {self.unit}, baseline{peer} {base}, "
                f"ratio {ratio} (goal {goal}){verdict}")

    def as_dict(self) -> dict:
        data = asdict(self)
        data.update(ratio=self.ratio, ok=self.ok)
        return data


def best_time(fn: Callable[[], object], repeat: int = 5, number: int = 1) -> float:
    """Minimum over ``repeat`` runs of the mean wall time of ``number`` calls of ``fn``."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            fn()
        times.append((time.perf_counter() - start) / number)
    return min(times)
