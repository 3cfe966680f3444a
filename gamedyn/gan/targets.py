"""Target distributions on the real line: a Gaussian and mixtures of Gaussians."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from gamedyn._validation import as_real_array, check_positive

__all__ = ["Mixture", "as_target", "gaussian"]


@dataclass(frozen=True, eq=False)
class Mixture:
    """A mixture of Gaussians ``sum_k w_k N(mean_k, std_k^2)`` (one component: a Gaussian).

    Parameters
    ----------
    weights, means, stds : array_like, shape (k,)
        Weights on the simplex, means, and positive standard deviations.
    """

    weights: np.ndarray
    means: np.ndarray
    stds: np.ndarray

    def __post_init__(self) -> None:
        weights = as_real_array(self.weights, "weights", ndim=1)
        means = as_real_array(self.means, "means", ndim=1)
        stds = as_real_array(self.stds, "stds", ndim=1)
        if not weights.shape == means.shape == stds.shape:
            raise ValueError(f"`weights`, `means` and `stds` must have the same length; got "
                             f"{weights.shape}, {means.shape}, {stds.shape}.")
        if np.any(weights < 0) or abs(weights.sum() - 1) > 1e-9:
            raise ValueError(f"`weights` must be non-negative and sum to 1; got {weights}.")
        if np.any(stds <= 0):
            raise ValueError(f"`stds` must be positive; got {stds}.")
        for name, value in (("weights", weights), ("means", means), ("stds", stds)):
            value.setflags(write=False)
            object.__setattr__(self, name, value)

    @property
    def mean(self) -> float:
        """``E[x]``."""
        return float(self.weights @ self.means)

    @property
    def std(self) -> float:
        """Standard deviation of the mixture."""
        second = self.weights @ (self.stds**2 + self.means**2)
        return float(np.sqrt(second - self.mean**2))

    def logpdf(self, x: Any) -> np.ndarray:
        """``log p(x)`` by log-sum-exp over components (no underflow in the tails)."""
        from scipy.special import logsumexp

        x = np.asarray(x, dtype=float)[..., None]
        z = (x - self.means) / self.stds
        terms = np.log(self.weights) - 0.5 * z**2 - np.log(self.stds * np.sqrt(2 * np.pi))
        with np.errstate(divide="ignore"):  # zero weights give -inf terms, harmless
            return logsumexp(terms, axis=-1)

    def pdf(self, x: Any) -> np.ndarray:
        """``p(x)``."""
        return np.exp(self.logpdf(x))

    def cdf(self, x: Any) -> np.ndarray:
        """``F(x) = sum_k w_k Phi((x - m_k)/s_k)``."""
        from scipy.special import ndtr

        x = np.asarray(x, dtype=float)[..., None]
        return ndtr((x - self.means) / self.stds) @ self.weights

    def quantile(self, u: Any) -> np.ndarray:
        """``F^{-1}(u)`` for ``u`` in [0, 1] (``-inf`` at 0, ``inf`` at 1).

        Exact for one component. For a mixture: the CDF tabulated on a grid that
        resolves every component (``m_k + s_k t``, ``|t| <= 40``) brackets each root and
        gives a linear-interpolation start; Newton's method then polishes it, any step
        leaving the (shrinking) bracket replaced by bisection, until the steps fall below
        ``1e-13`` relative.
        """
        from scipy.special import ndtri

        u = np.asarray(u, dtype=float)
        if np.any(np.isnan(u)) or np.any((u < 0) | (u > 1)):
            raise ValueError("`u` must lie in [0, 1].")
        if len(self.weights) == 1:
            return self.means[0] + self.stds[0] * ndtri(u)
        spread = np.concatenate([np.linspace(-40, -8, 9), np.linspace(-8, 8, 65),
                                 np.linspace(8, 40, 9)])
        grid = np.unique((self.means[:, None] + self.stds[:, None] * spread).ravel())
        table = self._cdf_and_pdf(grid)[0]
        index = np.clip(np.searchsorted(table, u), 1, len(grid) - 1)
        low, high = grid[index - 1], grid[index]
        x = np.interp(u, table, grid)
        for _ in range(100):
            cdf, pdf = self._cdf_and_pdf(x)
            below = cdf < u
            low = np.where(below, x, low)
            high = np.where(below, high, x)
            with np.errstate(divide="ignore", invalid="ignore"):
                newton = x - (cdf - u) / pdf
            proposal = np.where((newton >= low) & (newton <= high), newton, 0.5 * (low + high))
            converged = np.all(np.abs(proposal - x) <= 1e-13 * (1 + np.abs(x)))
            x = proposal
            if converged:
                break
        return np.where(u == 0, -np.inf, np.where(u == 1, np.inf, x))

    def _cdf_and_pdf(self, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """``F(x)`` and ``p(x)`` from one standardization (the density may underflow)."""
        from scipy.special import ndtr

        z = (x[..., None] - self.means) / self.stds
        density = np.exp(-0.5 * z**2) / (self.stds * np.sqrt(2 * np.pi))
        return ndtr(z) @ self.weights, density @ self.weights

    def sample(self, n: int, rng: np.random.Generator, size: tuple = ()) -> np.ndarray:
        """``n`` samples per batch element: shape ``(*size, n)``."""
        shape = tuple(size) + (n,)
        if len(self.weights) == 1:
            samples = rng.standard_normal(shape)
            samples *= self.stds[0]
            samples += self.means[0]
            return samples
        component = rng.choice(len(self.weights), size=shape, p=self.weights)
        return self.means[component] + self.stds[component] * rng.standard_normal(shape)

    def __repr__(self) -> str:
        if len(self.weights) == 1:
            return f"N({self.means[0]:g}, {self.stds[0]:g}^2)"
        parts = " + ".join(f"{w:g} N({m:g}, {s:g}^2)"
                           for w, m, s in zip(self.weights, self.means, self.stds))
        return f"Mixture({parts})"


def gaussian(mean: float, std: float) -> Mixture:
    """``N(mean, std^2)`` as a one-component :class:`Mixture`."""
    return Mixture([1.0], [float(mean)], [check_positive(std, "std")])


def as_target(target: Any) -> Mixture:
    """A :class:`Mixture` from itself or from a pair ``(mean, std)``."""
    if isinstance(target, Mixture):
        return target
    if isinstance(target, (tuple, list)) and len(target) == 2:
        mean = as_real_array(target[0], "target[0] (mean)", ndim=0)
        return gaussian(float(mean), target[1])
    raise TypeError(f"`target` must be (mean, std) or a gamedyn.gan.Mixture; got {target!r}.")
