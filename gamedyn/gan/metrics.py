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

    Always in ``[0, log 2]``: 0 for identical distributions, ``log 2`` for disjoint
    supports. Computed for any locations and widths: the real line is cut at every
    component's ``mean + k std`` (``|k| <= 10``, finer near the mean), in the common
    coordinates ``(x - c) / d`` (``c`` a mean of ``p``, ``d`` the largest std), and each
    piece is integrated by 12-point Gauss-Legendre quadrature, with the integrand
    ``1/2 p log(2p / (p + q)) + 1/2 q log(2q / (p + q))`` written with ``log1p`` of the
    density ratio (a ratio that overflows leaves a term below 1e-305). So the
    value is the same after a common shift or rescaling of ``p`` and ``q`` (up to the
    rounding of the inputs), and each piece is smooth at the scale of its length.

    Parameters
    ----------
    p, q : Mixture or tuple (mean, std)
        The two distributions (a pair is a Gaussian).
    points : int
        Kept for compatibility, >= 2; no effect (the pieces above replace the grid).

    Returns
    -------
    float
        The divergence in nats.

    References
    ----------
    Lin, J. (1991). Divergence measures based on the Shannon entropy. IEEE Trans.
    Information Theory 37(1), 145-151 (the bound ``log 2``).

    Examples
    --------
    >>> from gamedyn.gan import gaussian, jsd
    >>> round(jsd((0.0, 1.0), gaussian(0.0, 1.0)), 12)
    0.0
    >>> round(jsd(gaussian(1e4, 1.0), gaussian(0.0, 1.0)), 10)  # disjoint: log 2
    0.6931471806
    """
    p, q = as_target(p, "p"), as_target(q, "q")
    check_allocation((check_positive_int(points, "points", minimum=2),), "points")
    return float(_jsd_exact(_parameters(p), _parameters(q))[0])


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
        The known distribution.
    samples : array_like, shape (n,) or (..., n)
        One estimate per leading index.
    max_bins : int, default 4000
        Cap on the number of bins (the width grows to respect it).

    Returns
    -------
    float or ndarray
        The estimate in nats (in ``[0, log 2]``), one per leading index of ``samples``.

    References
    ----------
    Lin, J. (1991). Divergence measures based on the Shannon entropy. IEEE Trans. Inf.
    Theory 37(1), 145-151 (the Jensen-Shannon divergence). Goodfellow, I. et al. (2014).
    Generative adversarial nets. NeurIPS, Theorem 1 (the minimax GAN's value is
    ``-log 4 + 2 JSD``).

    Examples
    --------
    >>> from gamedyn.gan import gaussian, sample_jsd
    >>> p = gaussian(0.0, 1.0)
    >>> float(sample_jsd(p, p.sample(2048, rng=0))) < 5e-3          # p against itself
    True
    >>> float(sample_jsd(p, gaussian(8.0, 1.0).sample(2048, rng=0))) > 0.69  # near log 2
    True
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

    In one dimension ``W1 = int |F_p(x) - F_q(x)| dx`` (Villani 2009, Remark 2.19).
    The antiderivative of a Gaussian CDF is closed-form, ``int Phi((x - m)/s) dx =
    s psi((x - m)/s)`` with ``psi(z) = z Phi(z) + phi(z)``, so the integral is exact
    between consecutive roots of ``F_p - F_q``: for two mixtures the roots are found by
    Newton's method inside the pieces cut at every component's ``mean + k std``; for
    samples (the empirical CDF ``F_n``, a step function) they are the quantiles
    ``F_p^{-1}(i / n)``. Exact for any locations and widths (up to rounding and, for
    mixtures, to two roots closer than a piece), shift-invariant and scale-covariant.
    Samples of shape ``(..., n)`` give one distance per leading index (an array); a
    Mixture or 1-D samples a float.

    Parameters
    ----------
    p : Mixture or tuple (mean, std)
        The reference distribution.
    samples_or_q : Mixture or array_like, shape (..., n)
        A distribution, or finite samples (at least one along the last axis). A pair
        ``(mean, std)`` is read as two samples, not as a Gaussian: pass
        ``gaussian(mean, std)`` for that.
    points : int
        Kept for compatibility, >= 1; no effect (the result is exact).

    Returns
    -------
    float or ndarray
        In the units of ``x``.

    References
    ----------
    Villani, C. (2009). Optimal Transport, Old and New. Springer. Remark 2.19.

    Examples
    --------
    >>> from gamedyn.gan import gaussian, wasserstein1
    >>> round(wasserstein1(gaussian(0.0, 1.0), gaussian(2.0, 1.0)), 9)  # a shift by 2
    2.0
    >>> round(wasserstein1(gaussian(0.0, 1.0), gaussian(0.0, 3.0)), 9)  # 2 E|Z| = 2 sqrt(2/pi)
    1.595769122
    """
    p = as_target(p, "p")
    points = check_positive_int(points, "points")
    check_allocation((points,), "points")
    if isinstance(samples_or_q, Mixture):
        return float(_w1_exact(_parameters(p), _parameters(samples_or_q))[0])
    samples = as_real_array(samples_or_q, "samples_or_q", min_ndim=1)
    check_allocation(samples.shape + (len(p.weights),), "samples_or_q")
    distance = _w1_samples(p, samples)
    return float(distance) if distance.ndim == 0 else distance


def optimal_discriminator(target: Mixture, generator: Mixture, x: Any) -> np.ndarray:
    """``D*(x) = p_data(x) / (p_data(x) + p_g(x))``, computed as a sigmoid of log-ratios.

    ``target`` and ``generator`` are Mixtures or ``(mean, std)`` pairs; ``x`` finite.

    Parameters
    ----------
    target : Mixture or (mean, std)
        The data distribution ``p_data``.
    generator : Mixture or (mean, std)
        The generator's distribution ``p_g``.
    x : array_like
        Finite points (data units).

    Returns
    -------
    ndarray, shape of ``x``
        ``D*(x)`` in ``[0, 1]``: the best response of a discriminator to the generator
        under the minimax loss.

    Raises
    ------
    ValueError
        For a non-finite ``x`` or a malformed distribution.

    References
    ----------
    Goodfellow, I. et al. (2014). Generative adversarial nets. NeurIPS, Proposition 1.

    Examples
    --------
    >>> from gamedyn.gan import optimal_discriminator
    >>> optimal_discriminator((0.0, 1.0), (0.0, 1.0), [0.0, 1.0])   # p_g = p_data: 1/2
    array([0.5, 0.5])
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

    Parameters
    ----------
    d_real : array_like
        Discriminator outputs on real data, in ``[0, 1]``.
    d_fake : array_like
        Discriminator outputs on generated samples, in ``[0, 1]`` (broadcasting with
        ``d_real``).

    Returns
    -------
    ndarray
        The score, at most 1; 1 iff both outputs are 1/2 (the discriminator cannot tell
        the distributions apart).

    References
    ----------
    Goodfellow, I. et al. (2014). Generative adversarial nets. NeurIPS, Section 4 (at the
    global optimum ``D = 1/2`` everywhere).

    Examples
    --------
    >>> from gamedyn.gan import equilibrium_score
    >>> equilibrium_score([0.5, 0.9], [0.5, 0.1])
    array([1. , 0.2])
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

    The computations of :func:`jsd` and :func:`wasserstein1`, vectorized over the
    generators (shapes of ``means`` and ``stds``, broadcast); exact at every scale.
    ``points`` is kept for compatibility and has no effect.
    """
    target = as_target(target, "target")
    means = as_real_array(means, "means", allow_empty=True)
    stds = np.maximum(as_real_array(stds, "stds", allow_empty=True), 1e-300)
    check_allocation((check_positive_int(points, "points", minimum=2),), "points")
    means, stds = np.broadcast_arrays(means, stds)
    if means.size == 0:
        return np.zeros(means.shape), np.zeros(means.shape)
    generators = (np.ones(means.shape + (1,)), means[..., None], stds[..., None])
    reference = _parameters(target)
    return _jsd_exact(reference, generators), _w1_exact(reference, generators)


# ---------------------------------------------------------------- exact metrics, any scale
#: Offsets (in standard deviations) of every component at which the integrals are cut:
#: each piece lies within one band of every component, so the integrands are smooth on
#: it at the scale of the piece, however far apart or however different in width the
#: components are. Beyond 10 std a component's density is below 1e-22 of its peak: the
#: pieces beyond every cut are left out of the JSD and integrated exactly for W1.
_SPREAD = np.array([0.0, 0.75, 1.5, 2.25, 3.0, 4.0, 5.0, 6.5, 8.0, 10.0])
_SPREAD = np.concatenate([-_SPREAD[:0:-1], _SPREAD])
#: Gauss-Legendre nodes per piece (exact for polynomials of degree 23 on each piece).
_NODES, _WEIGHTS = np.polynomial.legendre.leggauss(12)
_LOG2 = float(np.log(2.0))
_SQRT_2PI = float(np.sqrt(2 * np.pi))


def _parameters(mixture: Mixture) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    return mixture.weights, mixture.means, mixture.stds


def _standardize(p: tuple, q: tuple) -> tuple[tuple, tuple, np.ndarray]:
    """Both mixtures in the coordinates ``x' = (x - c) / d``, ``c`` the first mean of ``p``
    and ``d`` the largest standard deviation: JSD does not change, W1 scales by ``d``.

    Each argument is ``(weights, means, stds)`` with shapes ``(*batch, k)``; the batch
    shapes broadcast. Working in these coordinates makes both metrics covariant under a
    common shift and scale (up to the rounding of the inputs).
    """
    batch = np.broadcast_shapes(p[1].shape[:-1], q[1].shape[:-1]) or (1,)  # >= 1 axis
    p, q = (tuple(np.broadcast_to(a, batch + a.shape[-1:]) for a in d) for d in (p, q))
    center = p[1][..., :1]
    scale = np.maximum(p[2].max(-1, keepdims=True), q[2].max(-1, keepdims=True))
    with np.errstate(over="ignore"):
        p = (p[0], (p[1] - center) / scale, p[2] / scale)
        q = (q[0], (q[1] - center) / scale, q[2] / scale)
    return p, q, scale[..., 0]


def _breakpoints(p: tuple, q: tuple) -> np.ndarray:
    """Sorted cut points ``m_k + s_k * spread`` of every component: shape (*batch, g)."""
    cuts = [(m[..., :, None] + s[..., :, None] * _SPREAD).reshape(m.shape[:-1] + (-1,))
            for _, m, s in (p, q)]
    return np.sort(np.concatenate(cuts, axis=-1), axis=-1)


def _components(mixture: tuple, x: np.ndarray) -> tuple:
    """The mixture's arrays shaped to broadcast against ``x[..., None]``."""
    w, m, s = mixture
    shape = m.shape[:-1] + (1,) * (x.ndim - m.ndim + 1) + m.shape[-1:]
    return tuple(np.reshape(a, shape) for a in (w, m, s))


def _pdf(mixture: tuple, x: np.ndarray) -> np.ndarray:
    """Density at ``x`` (``(*batch, ...)``); it underflows to 0 beyond ~38 std."""
    w, m, s = _components(mixture, x)
    with np.errstate(over="ignore", under="ignore"):
        z = (x[..., None] - m) / s
        return np.sum(np.exp(-0.5 * z * z) * (w / (s * _SQRT_2PI)), axis=-1)


def _jsd_exact(p: tuple, q: tuple) -> np.ndarray:
    """JSD of two batches of mixtures by Gauss-Legendre quadrature on every piece.

    The integrand ``1/2 p log(2p / (p + q)) + 1/2 q log(2q / (p + q))`` is 0 where both
    densities underflow and ``1/2 q log 2`` where only ``q`` is left.
    """
    p, q, _ = _standardize(p, q)
    cuts = _breakpoints(p, q)
    low, high = cuts[..., :-1, None], cuts[..., 1:, None]
    half = 0.5 * (high - low)
    x = (low + half) + half * _NODES  # (*batch, pieces, nodes)
    density_p, density_q = _pdf(p, x), _pdf(q, x)
    integrand: float | np.ndarray = 0.0
    for one, other in ((density_p, density_q), (density_q, density_p)):
        # one log(2 one / (one + other)) = one (log 2 - log1p(other / one)); a ratio that
        # overflows (or a 0 density) leaves a term below 1e-305: 0
        with np.errstate(divide="ignore", invalid="ignore", over="ignore", under="ignore"):
            ratio = other / one
            term = one * (_LOG2 - np.log1p(ratio))
        integrand = integrand + np.where(np.isfinite(ratio), term, 0.0)
    total = 0.5 * np.sum(half[..., 0] * (integrand @ _WEIGHTS), axis=-1)
    return np.clip(total, 0.0, _LOG2)


def _psi(z: np.ndarray) -> np.ndarray:
    """``psi(z) = z Phi(z) + phi(z) = int_{-inf}^z Phi(t) dt`` for ``z <= 0`` (small there)."""
    from scipy.special import ndtr

    with np.errstate(over="ignore", under="ignore", invalid="ignore"):
        value = z * ndtr(z) + np.exp(-0.5 * z * z) / _SQRT_2PI
    return np.where(z == -np.inf, 0.0, value)


def _antiderivatives(mixture: tuple, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``L(x) = int_{-inf}^x F`` and ``U(x) = int_x^inf (1 - F)`` (``x`` may be infinite).

    Per component ``int_{-inf}^x Phi((t - m)/s) dt = s psi(z)`` and ``int_x^inf (1 -
    Phi) = s psi(-z)``, ``z = (x - m)/s``; both come from the small one ``psi(-|z|)``
    (``psi(z) - psi(-z) = z``), so neither cancels.
    """
    w, m, s = _components(mixture, x)
    with np.errstate(over="ignore", invalid="ignore"):
        z = (x[..., None] - m) / s
        small = _psi(-np.abs(z))
        lower = np.sum(w * s * np.where(z > 0, small + z, small), axis=-1)
        upper = np.sum(w * s * np.where(z < 0, small - z, small), axis=-1)
    return lower, upper


def _cdfs(mixture: tuple, x: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``F(x)``, ``1 - F(x)`` (each to full relative precision) and ``p(x)``."""
    from scipy.special import ndtr

    w, m, s = _components(mixture, x)
    with np.errstate(over="ignore", under="ignore"):
        z = (x[..., None] - m) / s
        density = np.exp(-0.5 * z * z) / (s * _SQRT_2PI)
    return (np.sum(w * ndtr(z), -1), np.sum(w * ndtr(-z), -1), np.sum(w * density, -1))


def _cdf_gap(p: tuple, q: tuple, x: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``F_p(x) - F_q(x)`` (from whichever tail is small), its derivative ``p - q``, and
    whether the upper tails are the small ones (``F_p + F_q > 1``)."""
    fp, sp, dp = _cdfs(p, x)
    fq, sq, dq = _cdfs(q, x)
    upper = fp + fq > 1.0
    return np.where(upper, sq - sp, fp - fq), dp - dq, upper


def _bracketed_roots(p: tuple, q: tuple, a: np.ndarray, b: np.ndarray,
                     sign_a: np.ndarray) -> np.ndarray:
    """The root of ``F_p - F_q`` in each bracket ``[a, b]`` (one per row of ``p``, ``q``).

    Newton's method, a step that leaves the (shrinking) bracket replaced by bisection;
    a root is done when the step is below ``1e-13`` relative or when ``|F_p - F_q|``
    times the bracket is below 1e-18 (it can move the integral by no more).
    """
    x = 0.5 * (a + b)
    active = np.arange(x.size)
    for _ in range(100):
        pa, qa = (tuple(c[active] for c in d) for d in (p, q))
        xa, lo, hi = x[active], a[active], b[active]
        value, slope, _ = _cdf_gap(pa, qa, xa[:, None])
        value, slope = value[:, 0], slope[:, 0]
        below = np.sign(value) == sign_a[active]
        lo, hi = np.where(below, xa, lo), np.where(below, hi, xa)
        with np.errstate(divide="ignore", invalid="ignore"):
            newton = xa - value / slope
        proposal = np.where((newton >= lo) & (newton <= hi), newton, 0.5 * (lo + hi))
        small = np.abs(value) * (hi - lo) <= 1e-18  # xa is as good as the root
        proposal = np.where(small, xa, proposal)
        done = small | (np.abs(proposal - xa) <= 1e-13 * (1 + np.abs(xa)))
        x[active], a[active], b[active] = proposal, lo, hi
        active = active[~done]
        if not active.size:
            break
    return x


def _w1_exact(p: tuple, q: tuple) -> np.ndarray:
    """``W1 = int |F_p - F_q|`` of two batches of mixtures.

    ``F_p - F_q`` is integrated in closed form between consecutive cut points and its
    roots (located by Newton's method inside the bracketing piece), so on each part it
    has one sign and ``int |F_p - F_q| = |int (F_p - F_q)|``.
    """
    p, q, scale = _standardize(p, q)
    cuts = _breakpoints(p, q)
    gap = _cdf_gap(p, q, cuts)[0]
    low, high = cuts[..., :-1], cuts[..., 1:]
    roots = low.copy()
    where = np.nonzero(np.sign(gap[..., :-1]) * np.sign(gap[..., 1:]) < 0)
    if where[0].size:
        p_at, q_at = (tuple(a[where[:-1]] for a in d) for d in (p, q))
        roots[where] = _bracketed_roots(p_at, q_at, low[where], high[where],
                                        np.sign(gap[..., :-1][where]))
    points = np.concatenate([cuts, roots], axis=-1)
    lower_p, upper_p = _antiderivatives(p, points)
    lower_q, upper_q = _antiderivatives(q, points)
    lower, upper = lower_p - lower_q, upper_q - upper_p  # int F_p - F_q = int S_q - S_p
    g = cuts.shape[-1]
    use_upper = _cdf_gap(p, q, 0.5 * (low + high))[2]
    total = 0.0
    for a, b in ((slice(0, g - 1), slice(g, None)), (slice(g, None), slice(1, g))):
        part = np.where(use_upper, upper[..., a] - upper[..., b], lower[..., b] - lower[..., a])
        total = total + np.sum(np.abs(part), axis=-1)
    # the tails beyond every cut (one sign each, below 1e-23)
    total = total + np.abs(lower[..., 0]) + np.abs(upper[..., g - 1])
    return scale * total


def _w1_samples(target: Mixture, samples: np.ndarray) -> np.ndarray:
    """``int |F(x) - F_n(x)| dx`` against the empirical CDF of each row of ``samples``.

    Between consecutive order statistics ``F_n = i / n`` is constant and ``F - i/n``
    changes sign once, at the quantile ``F^{-1}(i/n)``; each part is integrated in
    closed form. Exact up to rounding.
    """
    n = samples.shape[-1]
    center, scale = float(target.means[0]), float(target.stds.max())
    p = (target.weights, (target.means - center) / scale, target.stds / scale)
    x = np.sort((samples - center) / scale, axis=-1)
    levels = np.arange(1, n) / n
    quantiles = (target.quantile(levels) - center) / scale
    split = np.clip(quantiles, x[..., :-1], x[..., 1:])
    lower_x, upper_x = _antiderivatives(p, x)
    # L and U at the split: at the quantile (the same for every row) or at an end
    lower_q, upper_q = _antiderivatives(p, quantiles)
    left, right = split == x[..., :-1], split == x[..., 1:]
    lower_s = np.where(left, lower_x[..., :-1], np.where(right, lower_x[..., 1:], lower_q))
    upper_s = np.where(left, upper_x[..., :-1], np.where(right, upper_x[..., 1:], upper_q))
    use_upper = levels > 0.5
    total = 0.0
    for (la, ua, a), (lb, ub, b) in (
            ((lower_x[..., :-1], upper_x[..., :-1], x[..., :-1]), (lower_s, upper_s, split)),
            ((lower_s, upper_s, split), (lower_x[..., 1:], upper_x[..., 1:], x[..., 1:]))):
        # int_a^b (F - c) = L(b) - L(a) - c (b - a) = (1 - c)(b - a) - (U(a) - U(b))
        part = np.where(use_upper, (1 - levels) * (b - a) - (ua - ub),
                        (lb - la) - levels * (b - a))
        total = total + np.sum(np.abs(part), axis=-1)
    total = total + lower_x[..., 0] + upper_x[..., -1]
    return scale * total
