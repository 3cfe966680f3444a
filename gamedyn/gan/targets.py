"""Target distributions on the real line: a Gaussian and mixtures of Gaussians."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from numpy.typing import ArrayLike

from gamedyn._validation import (
    as_generator,
    as_real_array,
    check_allocation,
    check_positive,
    check_positive_int,
    check_real,
)

#: Means and standard deviations are limited to this magnitude (and stds to at least its
#: inverse), so every grid ``mean + 40 std`` and every standardized ``z**2`` stays finite.
_SCALE_LIMIT = 1e100

__all__ = ["Mixture", "as_target", "gaussian"]


@dataclass(frozen=True, eq=False)
class Mixture:
    """A mixture of Gaussians ``sum_k w_k N(mean_k, std_k^2)`` (one component: a Gaussian).

    Parameters
    ----------
    weights, means, stds : array_like, shape (k,)
        Weights on the simplex, means, and positive standard deviations; means and
        standard deviations at most 1e100 in magnitude, standard deviations at least
        1e-100 (so every grid and standardized value the methods use stays finite).

    Raises
    ------
    TypeError
        If an argument is not an array of real numbers.
    ValueError
        If the lengths differ, a weight is negative or they do not sum to 1, a standard
        deviation is not positive, or a value is out of the range above.

    References
    ----------
    McLachlan, G. & Peel, D. (2000). *Finite Mixture Models*. Wiley, Chapter 1.

    Examples
    --------
    >>> from gamedyn.gan import Mixture
    >>> Mixture([0.5, 0.5], [-1.0, 1.0], [0.5, 0.5]).std  # sqrt(0.25 + 1)
    1.118033988749895
    """

    weights: np.ndarray
    means: np.ndarray
    stds: np.ndarray

    if TYPE_CHECKING:  # the constructor takes array_like (made arrays in __post_init__)
        def __init__(self, weights: ArrayLike, means: ArrayLike, stds: ArrayLike) -> None: ...

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
        if np.any(np.abs(means) > _SCALE_LIMIT) or np.any(stds > _SCALE_LIMIT):
            raise ValueError(f"`means` and `stds` must not exceed {_SCALE_LIMIT:g} in "
                             f"magnitude; got means {means}, stds {stds}.")
        if np.any(stds < 1 / _SCALE_LIMIT):
            raise ValueError(f"`stds` must be at least {1 / _SCALE_LIMIT:g}; got {stds}.")
        for name, value in (("weights", weights), ("means", means), ("stds", stds)):
            value.setflags(write=False)
            object.__setattr__(self, name, value)

    @property
    def mean(self) -> float:
        """``E[x]``."""
        return float(self.weights @ self.means)

    @property
    def std(self) -> float:
        """Standard deviation of the mixture: ``sqrt(sum_k w_k (s_k^2 + (m_k - mean)^2))``.

        The law of total variance, summed around the mean (not ``E[x^2] - mean^2``,
        which cancels catastrophically when the means are far from 0), and scaled by
        the largest term so no square overflows.
        """
        offsets = self.means - self.means[0]  # exact for nearby means (Sterbenz)
        deviations = offsets - self.weights @ offsets
        scale = max(float(np.max(self.stds)), float(np.max(np.abs(deviations))))
        spread = (self.stds / scale) ** 2 + (deviations / scale) ** 2
        return float(scale * np.sqrt(self.weights @ spread))

    def logpdf(self, x: Any) -> np.ndarray:
        """``log p(x)`` by log-sum-exp over components (no underflow in the tails).

        Parameters
        ----------
        x : array_like
            Points (data units).

        Returns
        -------
        ndarray, shape of ``x``
            The log density.

        Examples
        --------
        >>> from gamedyn.gan import Mixture
        >>> Mixture([0.5, 0.5], [-1.0, 1.0], [0.5, 0.5]).logpdf([0.0]).round(6)
        array([-2.225791])
        """
        from scipy.special import logsumexp

        x = as_real_array(x, "x", allow_empty=True)[..., None]
        # zero weights give -inf terms, far points overflow z**2 to inf: both harmless
        with np.errstate(divide="ignore", over="ignore"):
            z = (x - self.means) / self.stds
            terms = (np.log(self.weights) - 0.5 * z**2
                     - np.log(self.stds * np.sqrt(2 * np.pi)))
            return logsumexp(terms, axis=-1)

    def pdf(self, x: Any) -> np.ndarray:
        """``p(x)``.

        Parameters
        ----------
        x : array_like
            Points (data units).

        Returns
        -------
        ndarray, shape of ``x``
            The density (per data unit).
        """
        return np.exp(self.logpdf(x))

    def cdf(self, x: Any) -> np.ndarray:
        """``F(x) = sum_k w_k Phi((x - m_k)/s_k)``.

        Parameters
        ----------
        x : array_like
            Points (data units).

        Returns
        -------
        ndarray, shape of ``x``
            The distribution function, in ``[0, 1]``.
        """
        from scipy.special import ndtr

        x = as_real_array(x, "x", allow_empty=True)[..., None]
        with np.errstate(over="ignore"):  # far points standardize to +-inf: ndtr is 0 or 1
            return ndtr((x - self.means) / self.stds) @ self.weights

    def quantile(self, u: Any) -> np.ndarray:
        """``F^{-1}(u)`` for ``u`` in [0, 1] (``-inf`` at 0, ``inf`` at 1).

        Exact for one component. For a mixture: the CDF tabulated on a grid that
        resolves every component (``m_k + s_k t``, ``|t| <= 40``) brackets each root and
        gives a linear-interpolation start; Newton's method then polishes it, any step
        leaving the (shrinking) bracket replaced by bisection, until the steps fall below
        ``1e-13`` relative.

        Parameters
        ----------
        u : array_like
            Probabilities in ``[0, 1]``.

        Returns
        -------
        ndarray, shape of ``u``
            The quantiles (data units).

        Examples
        --------
        >>> from gamedyn.gan import gaussian
        >>> gaussian(0.0, 1.0).quantile([0.975]).round(6)
        array([1.959964])
        """
        from scipy.special import ndtri

        u = as_real_array(u, "u", allow_empty=True)
        if np.any((u < 0) | (u > 1)):
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

        with np.errstate(over="ignore", under="ignore"):
            z = (x[..., None] - self.means) / self.stds
            density = np.exp(-0.5 * z**2) / (self.stds * np.sqrt(2 * np.pi))
        return ndtr(z) @ self.weights, density @ self.weights

    def sample(self, n: int, rng: Any = None, size: Any = ()) -> np.ndarray:
        """``n`` samples per batch element: shape ``(*size, n)``.

        Parameters
        ----------
        n : int
            Samples per batch element, >= 0.
        rng : numpy.random.Generator, int, numpy.random.SeedSequence or None
            The randomness (same int seed, same samples).
        size : tuple of int
            Batch shape.

        Returns
        -------
        ndarray, shape (*size, n)
            Independent draws (data units).

        Raises
        ------
        TypeError, ValueError
            For a bad ``n``, ``size`` or ``rng``, or more than 1e9 samples in all.

        Examples
        --------
        >>> from gamedyn.gan import gaussian
        >>> gaussian(0.0, 1.0).sample(3, rng=0).shape
        (3,)
        """
        n = check_positive_int(n, "n", minimum=0)
        if isinstance(size, (int, np.integer)) and not isinstance(size, bool):
            size = (size,)
        if not isinstance(size, (tuple, list)):
            raise TypeError(f"`size` must be a tuple of ints; got {size!r}.")
        size = tuple(check_positive_int(s, f"size[{i}]", minimum=0) for i, s in enumerate(size))
        shape = size + (n,)
        check_allocation(shape, "n` and `size")
        check_allocation(size, "size")  # a batch too large to hold, even with n = 0
        rng = as_generator(rng)
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
    """``N(mean, std^2)`` as a one-component :class:`Mixture`.

    Parameters
    ----------
    mean : float
        The mean (data units), finite.
    std : float
        The standard deviation, positive and finite.

    Returns
    -------
    Mixture
        One component of weight 1.

    Raises
    ------
    TypeError
        If ``mean`` or ``std`` is not a real number (strings and booleans included).
    ValueError
        If ``mean`` is not finite or ``std`` is not positive and finite.

    References
    ----------
    McLachlan, G. & Peel, D. (2000). *Finite Mixture Models*. Wiley, Chapter 1.

    Examples
    --------
    >>> from gamedyn.gan import gaussian
    >>> gaussian(1.0, 2.0)
    N(1, 2^2)
    """
    mean = check_real(mean, "mean")
    std = check_positive(std, "std")
    return Mixture([1.0], [mean], [std])


def as_target(target: Any, name: str = "target") -> Mixture:
    """A :class:`Mixture` from itself or from a pair ``(mean, std)`` (a Gaussian).

    Every function of :mod:`gamedyn.gan` that takes a target or a distribution accepts
    both forms.

    Parameters
    ----------
    target : Mixture or tuple (mean, std)
        A distribution, or the mean and standard deviation of a Gaussian.
    name : str
        The argument's name, quoted in error messages.

    Returns
    -------
    Mixture
        ``target`` itself, or ``gaussian(mean, std)``.

    Raises
    ------
    TypeError
        For anything else, or a mean or std that is not a real number.
    ValueError
        For a non-finite mean or a std that is not positive.

    Examples
    --------
    >>> from gamedyn.gan import as_target
    >>> as_target((0.0, 1.0))
    N(0, 1^2)
    """
    if not isinstance(name, str):
        raise TypeError(f"`name` must be a string; got {name!r}.")
    if isinstance(target, Mixture):
        return target
    if isinstance(target, (tuple, list)) and len(target) == 2:
        return _gaussian_named(target[0], target[1], name)
    raise TypeError(f"`{name}` must be a pair (mean, std) or a gamedyn.gan.Mixture; got "
                    f"{target!r}.")


def _gaussian_named(mean: Any, std: Any, name: str) -> Mixture:
    """:func:`gaussian` with error messages saying "`mean` of `name`" and "`std` of `name`"."""
    return Mixture([1.0], [check_real(mean, f"mean` of `{name}")],
                   [check_positive(std, f"std` of `{name}")])
