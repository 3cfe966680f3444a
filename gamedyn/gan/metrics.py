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

from gamedyn._validation import as_real_array, check_allocation, check_positive_int
from gamedyn.gan.targets import Mixture, as_target

__all__ = ["jsd", "sample_jsd", "wasserstein1", "optimal_discriminator", "equilibrium_score",
           "grid_for", "gaussian_jsd_w1"]


def grid_for(*targets: Mixture, points: int = 4001) -> np.ndarray:
    """A uniform grid covering every target's mass (means +- 10 std)."""
    targets = tuple(as_target(t, f"targets[{i}]") for i, t in enumerate(targets))
    if not targets:
        raise TypeError("`targets` must give at least one target.")
    points = check_positive_int(points, "points", minimum=2)
    check_allocation((points,), "points")
    low = min(float((t.means - 10 * t.stds).min()) for t in targets)
    high = max(float((t.means + 10 * t.stds).max()) for t in targets)
    return np.linspace(low, high, points)


def jsd(p: Mixture, q: Mixture, points: int = 4001) -> float:
    """``JSD(p || q) = 1/2 KL(p || m) + 1/2 KL(q || m)``, ``m = (p + q)/2``, in nats.

    Computed by the trapezoidal rule on a fine grid in log space.

    Parameters
    ----------
    p, q : Mixture or tuple (mean, std)
        The two distributions (a pair is a Gaussian).
    points : int
        Grid points, >= 2.

    Examples
    --------
    >>> from gamedyn.gan import gaussian, jsd
    >>> round(jsd((0.0, 1.0), gaussian(0.0, 1.0)), 12)
    0.0
    """
    p, q = as_target(p, "p"), as_target(q, "q")
    points = check_positive_int(points, "points", minimum=2)
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
    p = as_target(p, "p")
    max_bins = check_positive_int(max_bins, "max_bins", minimum=20)
    samples = as_real_array(samples, "samples", min_ndim=1, allow_empty=True)
    if samples.shape[-1] < 2:
        raise ValueError("`samples` must be finite, with at least 2 along the last axis.")
    if samples.size == 0:
        raise ValueError(f"`samples` must not be empty; got shape {samples.shape}.")
    check_allocation((samples.size // samples.shape[-1], max_bins), "max_bins")
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

    Parameters
    ----------
    p : Mixture or tuple (mean, std)
    samples_or_q : Mixture or array_like, shape (..., n)
        A distribution, or finite samples (at least one along the last axis). A pair
        ``(mean, std)`` is read as two samples, not as a Gaussian: pass
        ``gaussian(mean, std)`` for that.
    points : int
        Grid points in ``u``, >= 1.

    Examples
    --------
    >>> from gamedyn.gan import gaussian, wasserstein1
    >>> round(wasserstein1(gaussian(0.0, 1.0), gaussian(2.0, 1.0)), 9)  # a shift by 2
    2.0
    """
    p = as_target(p, "p")
    points = check_positive_int(points, "points")
    check_allocation((points,), "points")
    u = (np.arange(points) + 0.5) / points
    if isinstance(samples_or_q, Mixture):
        other = samples_or_q.quantile(u)
    else:
        samples = as_real_array(samples_or_q, "samples_or_q", min_ndim=1)
        check_allocation(samples.shape[:-1] + (points,), "points")
        other = np.moveaxis(np.quantile(samples, u, axis=-1), 0, -1)
    distance = np.mean(np.abs(p.quantile(u) - other), axis=-1)
    return float(distance) if distance.ndim == 0 else distance


def optimal_discriminator(target: Mixture, generator: Mixture, x: Any) -> np.ndarray:
    """``D*(x) = p_data(x) / (p_data(x) + p_g(x))``, computed as a sigmoid of log-ratios.

    ``target`` and ``generator`` are Mixtures or ``(mean, std)`` pairs; ``x`` finite.
    """
    from scipy.special import expit

    target, generator = as_target(target, "target"), as_target(generator, "generator")
    with np.errstate(invalid="ignore"):  # both densities underflow to 0 far out: -inf + inf
        ratio = target.logpdf(x) - generator.logpdf(x)
    if np.any(np.isnan(ratio)):
        raise ValueError("`x` lies where both densities underflow to 0; D* is undefined "
                         "there (keep x within a few hundred standard deviations).")
    return expit(ratio)


def equilibrium_score(d_real: Any, d_fake: Any) -> np.ndarray:
    """``1 - |D(real) - 1/2| - |D(fake) - 1/2|``: 1 at the equilibrium.

    ``d_real`` and ``d_fake`` are discriminator outputs in [0, 1] (broadcasting shapes).
    """
    d_real = as_real_array(d_real, "d_real", allow_empty=True)
    d_fake = as_real_array(d_fake, "d_fake", allow_empty=True)
    for name, value in (("d_real", d_real), ("d_fake", d_fake)):
        if np.any((value < 0) | (value > 1)):
            raise ValueError(f"`{name}` must hold discriminator outputs in [0, 1].")
    try:
        np.broadcast_shapes(d_real.shape, d_fake.shape)
    except ValueError:
        raise ValueError(f"`d_real` and `d_fake` must have broadcastable shapes; got "
                         f"{d_real.shape} and {d_fake.shape}.") from None
    return 1 - np.abs(d_real - 0.5) - np.abs(d_fake - 0.5)


def gaussian_jsd_w1(target: Mixture, means: np.ndarray, stds: np.ndarray,
                    points: int = 1001) -> tuple[np.ndarray, np.ndarray]:
    """JSD and W1 between ``target`` and many Gaussians ``N(means, stds^2)`` at once.

    Same formulas as :func:`jsd` and :func:`wasserstein1`, vectorized over the
    generators (shapes of ``means``), on one grid covering all of them.
    """
    from scipy.special import ndtri

    target = as_target(target, "target")
    means = as_real_array(means, "means", allow_empty=True)
    stds = np.maximum(as_real_array(stds, "stds", allow_empty=True), 1e-9)
    points = check_positive_int(points, "points", minimum=2)
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
