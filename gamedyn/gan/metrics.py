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

__all__ = ["jsd", "sample_jsd", "wasserstein1", "optimal_discriminator", "equilibrium_score",
           "grid_for", "gaussian_jsd_w1"]


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


def sample_jsd(p: Mixture, samples: Any, max_bins: int = 4000) -> Any:
    """``JSD(p || q)`` in nats, ``q`` known only through samples: a histogram estimate.

    Bins of width ``min_k s_k / 2`` (half the narrowest component's std) on one grid
    covering the samples and ``p``'s mass (means +- 6 std), at most ``max_bins`` of
    them; ``p``'s probability per bin is exact (CDF differences), ``q``'s is the share
    of samples in it, and the JSD of the two discrete distributions is returned. The
    plug-in estimate is biased upward by sampling noise: about 1e-3 for 2,048 samples
    of ``p`` itself.

    Parameters
    ----------
    p : Mixture
    samples : array_like, shape (n,) or (..., n)
        One estimate per leading index.

    Returns
    -------
    float or ndarray
    """
    samples = np.asarray(samples, dtype=float)
    if samples.ndim == 0 or samples.shape[-1] < 2 or not np.all(np.isfinite(samples)):
        raise ValueError("`samples` must be finite, with at least 2 along the last axis.")
    rows = samples.reshape(-1, samples.shape[-1])
    low = min(float(rows.min()), float((p.means - 6 * p.stds).min()))
    high = max(float(rows.max()), float((p.means + 6 * p.stds).max()))
    bins = int(np.clip(np.ceil((high - low) / (0.5 * p.stds.min())), 20, max_bins))
    edges = np.linspace(low, high, bins + 1)
    target = np.diff(p.cdf(edges))
    index = np.minimum(((rows - low) / (edges[1] - edges[0])).astype(int), bins - 1)
    index += bins * np.arange(len(rows))[:, None]  # one block of bins per row
    counts = np.bincount(index.ravel(), minlength=bins * len(rows)).reshape(len(rows), bins)
    generated = counts / rows.shape[-1]
    middle = 0.5 * (target + generated)
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = (np.where(target > 0, target * np.log(target / middle), 0.0)
                 + np.where(generated > 0, generated * np.log(generated / middle), 0.0))
    divergence = np.maximum(0.5 * terms.sum(-1), 0.0).reshape(samples.shape[:-1])
    return float(divergence) if divergence.ndim == 0 else divergence


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
