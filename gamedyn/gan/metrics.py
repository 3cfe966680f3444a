"""Equilibrium indicators of a 1-D GAN: JSD, Wasserstein-1, D*, the equilibrium score.

For a generator with density ``p_g`` and data density ``p_data``:

* ``D*(x) = p_data / (p_data + p_g)`` is the optimal discriminator and
  ``C(G) = max_D V(D, G) = -log 4 + 2 JSD(p_data || p_g)`` (Goodfellow et al. 2014,
  Proposition 1 and Theorem 1);
* ``W1 = int_0^1 |F^{-1}(u) - G^{-1}(u)| du`` in one dimension (Villani 2009,
  Remark 2.19);
* the equilibrium score ``1 - |D(real) - 1/2| - |D(fake) - 1/2|`` is 1 at equilibrium.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from gamedyn.gan.targets import Mixture

__all__ = ["jsd", "wasserstein1", "optimal_discriminator", "equilibrium_score", "grid_for",
           "gaussian_jsd_w1"]


def grid_for(*targets: Mixture, points: int = 4001) -> np.ndarray:
    """A uniform grid covering every target's mass (means +- 10 std)."""
    low = min(float((t.means - 10 * t.stds).min()) for t in targets)
    high = max(float((t.means + 10 * t.stds).max()) for t in targets)
    return np.linspace(low, high, points)


def jsd(p: Mixture, q: Mixture, points: int = 4001) -> float:
    """``JSD(p || q) = 1/2 KL(p || m) + 1/2 KL(q || m)``, ``m = (p + q)/2``, in nats.

    Computed by the trapezoidal rule on a fine grid in log space.
    """
    x = grid_for(p, q, points=points)
    log_p, log_q = p.logpdf(x), q.logpdf(x)
    log_m = np.logaddexp(log_p, log_q) - np.log(2.0)
    integrand = 0.5 * np.exp(log_p) * (log_p - log_m) + 0.5 * np.exp(log_q) * (log_q - log_m)
    return float(max(np.trapezoid(integrand, x), 0.0))


def wasserstein1(p: Mixture, samples_or_q: Any, points: int = 2000) -> Any:
    """``W1`` between ``p`` and a distribution (a :class:`Mixture`) or 1-D samples.

    ``int_0^1 |F^{-1}(u) - G^{-1}(u)| du`` on a midpoint grid in ``u``; for samples
    ``G^{-1}`` is the empirical quantile function. Samples of shape ``(..., n)`` give
    one distance per leading index (an array); a Mixture or 1-D samples a float.
    """
    u = (np.arange(points) + 0.5) / points
    if isinstance(samples_or_q, Mixture):
        other = samples_or_q.quantile(u)
    else:
        other = np.moveaxis(np.quantile(np.asarray(samples_or_q, dtype=float), u, axis=-1),
                            0, -1)
    distance = np.mean(np.abs(p.quantile(u) - other), axis=-1)
    return float(distance) if distance.ndim == 0 else distance


def optimal_discriminator(target: Mixture, generator: Mixture, x: Any) -> np.ndarray:
    """``D*(x) = p_data(x) / (p_data(x) + p_g(x))``, computed as a sigmoid of log-ratios."""
    from scipy.special import expit

    return expit(target.logpdf(x) - generator.logpdf(x))


def equilibrium_score(d_real: Any, d_fake: Any) -> np.ndarray:
    """``1 - |D(real) - 1/2| - |D(fake) - 1/2|``: 1 at the equilibrium."""
    return 1 - np.abs(np.asarray(d_real) - 0.5) - np.abs(np.asarray(d_fake) - 0.5)


def gaussian_jsd_w1(target: Mixture, means: np.ndarray, stds: np.ndarray,
                    points: int = 1001) -> tuple[np.ndarray, np.ndarray]:
    """JSD and W1 between ``target`` and many Gaussians ``N(means, stds^2)`` at once.

    Same formulas as :func:`jsd` and :func:`wasserstein1`, vectorized over the
    generators (shapes of ``means``), on one grid covering all of them.
    """
    from scipy.special import ndtri

    means, stds = np.asarray(means, float), np.maximum(np.asarray(stds, float), 1e-9)
    low = min(float((target.means - 10 * target.stds).min()), float((means - 10 * stds).min()))
    high = max(float((target.means + 10 * target.stds).max()), float((means + 10 * stds).max()))
    x = np.linspace(low, high, points)
    log_p = target.logpdf(x)
    zs = (x - means[..., None]) / stds[..., None]
    log_q = -0.5 * zs**2 - np.log(stds[..., None] * np.sqrt(2 * np.pi))
    log_m = np.logaddexp(log_p, log_q) - np.log(2.0)
    integrand = 0.5 * np.exp(log_p) * (log_p - log_m) + 0.5 * np.exp(log_q) * (log_q - log_m)
    divergence = np.maximum(np.trapezoid(integrand, x, axis=-1), 0.0)
    u = (np.arange(400) + 0.5) / 400
    distance = np.mean(np.abs(target.quantile(u) - (means[..., None] + stds[..., None]
                                                   * ndtri(u))), axis=-1)
    return divergence, distance
