"""The GAN metrics an ensemble logs: JSD and W1 exact at every scale, at what cost.

    python benchmarks/bench_metrics.py [--quick]

* ``gaussian_jsd_w1`` (what ``gd.gan.train`` logs for affine generators) on 1,000
  Gaussians against a two-component mixture target. Baseline: the former computation, a
  1,001-point uniform grid with the trapezoidal rule for JSD and a 400-point midpoint
  rule in the quantile for W1, re-implemented here; it is fast but wrong once a
  generator is far from the target or much narrower than the grid (JSD above log 2 or
  0). Goal: at most 5 times its time.
* ``wasserstein1`` against 1,000 x 2,048 samples (the MLP-generator case), exact against
  the empirical CDF. Baseline: ``np.quantile`` at 400 levels (the former midpoint rule).
  Goal: at most 5 times its time.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness import Result, best_time  # noqa: E402


def _grid_baseline(target, means, stds, points=1001):
    from scipy.special import ndtri

    low = min(float((target.means - 10 * target.stds).min()), float((means - 10 * stds).min()))
    high = max(float((target.means + 10 * target.stds).max()), float((means + 10 * stds).max()))
    x = np.linspace(low, high, points)
    log_p = target.logpdf(x)
    zs = (x - means[..., None]) / stds[..., None]
    log_q = -0.5 * zs**2 - np.log(stds[..., None] * np.sqrt(2 * np.pi))
    log_m = np.logaddexp(log_p, log_q) - np.log(2.0)
    integrand = 0.5 * np.exp(log_p) * (log_p - log_m) + 0.5 * np.exp(log_q) * (log_q - log_m)
    divergence = np.trapezoid(integrand, x, axis=-1)
    u = (np.arange(400) + 0.5) / 400
    distance = np.mean(np.abs(target.quantile(u) - (means[..., None] + stds[..., None]
                                                   * ndtri(u))), axis=-1)
    return divergence, distance


def benchmarks(quick: bool) -> list[Result]:
    import gamedyn as gd
    from gamedyn.gan.metrics import gaussian_jsd_w1

    repeat = 3 if quick else 7
    runs = 200 if quick else 1000
    rng = np.random.default_rng(0)
    target = gd.gan.Mixture([0.5, 0.5], [-2.0, 2.0], [0.5, 0.5])
    means, stds = rng.normal(0, 2, runs), rng.uniform(0.1, 2.0, runs)
    exact = best_time(lambda: gaussian_jsd_w1(target, means, stds), repeat)
    grid = best_time(lambda: _grid_baseline(target, means, stds), repeat)
    samples = rng.normal(0, 1.5, (runs, 2048))
    u = (np.arange(400) + 0.5) / 400
    w1_exact = best_time(lambda: gd.gan.wasserstein1(target, samples), repeat)
    w1_grid = best_time(lambda: np.mean(np.abs(target.quantile(u) - np.moveaxis(
        np.quantile(samples, u, axis=-1), 0, -1)), axis=-1), repeat)
    return [
        Result(f"gaussian_jsd_w1, {runs} Gaussians vs a 2-mode target", exact, grid,
               goal=5.0, baseline_name="uniform 1001-point grid (wrong at far scales)"),
        Result(f"wasserstein1, {runs} x 2048 samples", w1_exact, w1_grid, goal=5.0,
               baseline_name="np.quantile at 400 levels"),
    ]


if __name__ == "__main__":
    for result in benchmarks("--quick" in sys.argv[1:]):
        print(result.line())
