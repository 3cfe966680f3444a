"""Generators and discriminators with hand-derived backward passes.

Parameters are flat arrays of shape ``(*runs, P)`` so that many independent GANs train
in one vectorized run; samples have shape ``(*runs, batch)``.

* ``Affine`` generator ``G(z) = mu + s z`` with parameters ``(mu, s)``.
* ``MLP`` with scalar input and output, ``depth`` tanh hidden layers of width ``H``:
  ``h_1 = tanh(W_1 x + b_1)``, ``h_l = tanh(W_l h_{l-1} + b_l)``, ``out = w . h_L + c``.
  Used as generator (input ``z``) and as discriminator (output is the logit).
* ``Quadratic`` discriminator, logit ``w0 + w1 x + w2 x^2``: the log-ratio of two
  Gaussian densities is exactly quadratic, so it can represent the optimal
  discriminator ``D* = p_data / (p_data + p_g)`` between two Gaussians.

The model protocol
------------------
A generator or discriminator is any object with

``size`` : int
    ``P``, the number of parameters.
``init(rng, runs=()) -> params``
    Initial parameters, shape ``(*runs, P)``, drawn from the numpy Generator ``rng``.
``forward(params, x) -> (out, cache)``
    ``params`` of shape ``(*runs, P)``, inputs ``x`` of shape ``(*runs, batch)`` (latent
    draws for a generator, data points for a discriminator); ``out`` has the shape of
    ``x`` (samples, or the discriminator's logit ``l``, ``D = sigmoid(l)``), ``cache``
    anything ``backward`` needs.
``backward(params, cache, upstream, wrt="both") -> (grad_params, grad_input)``
    The vector-Jacobian product of ``sum(upstream * out)`` (``upstream`` of the shape of
    ``out``): shapes ``(*runs, P)`` and ``(*runs, batch)``. ``wrt="params"`` or
    ``"input"`` computes only that half and returns ``None`` for the other (the
    discriminator's update needs only ``D``'s parameter gradient; the generator's only
    ``D``'s input gradient), so each player's update costs what it should.

Optional, for what needs them:

``r1_gradient(params, x, gamma) -> (penalty, grad_params)``
    A discriminator's R1 penalty ``(gamma/2) mean (d l/dx)^2`` on data ``x`` and its
    parameter gradient (needed for ``r1 > 0``).
``features(x) -> (phi, dphi, d2phi)`` and ``r1_features(x)``
    For a discriminator whose logit is LINEAR in its parameters, ``l = params . phi(x)``:
    the features and their first and second derivatives in ``x`` (each of shape
    ``(*x.shape, P)``), and the features ``rho`` with ``dl/dx = params . rho`` as the R1
    penalty measures it.
``weight_matrices() -> ((start, stop, (rows, cols)), ...)``
    A discriminator's weight matrices, each stored row-major in ``params[..., start:stop]``
    (biases excluded): what spectral normalization (``GANGame(spectral_norm=True)``,
    :mod:`gamedyn.gan.spectral`) divides by their largest singular values.
``input_gradient_vjp(params, x) -> (slope, vjp)``
    A discriminator's input slope ``s = dl/dx`` at ``x`` (data units, shape of ``x``) and
    the function ``vjp(upstream)`` giving the parameter gradient of ``sum(upstream * s)``
    (double backpropagation, for the gradient penalty of WGAN-GP).
``derivatives(params, z) -> (dG, d2G)``
    For a generator: ``dG/dparams`` (``(*runs, batch, P)``) and the second derivatives
    (``(*runs, batch, P, P)``).
With both second-order parts the GAN game (:class:`gamedyn.gan.GANGame`) has an exact
Jacobian (and exact Jacobian-vector products for consensus and SGA): the affine
generator and the quadratic discriminator provide them, the MLP does not.
``Affine``, ``Quadratic``, ``MLP``, ``Standardized`` and ``Rescaled`` follow the protocol;
a user's model can too (the tests train a cubic discriminator written in the test).

Arguments are checked at each method's door (types, shapes, sizes; errors name the
argument), but NaN and infinity in ``params`` and inputs pass through on purpose: a
diverging run must reach the divergence check of :func:`gamedyn.simulate`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np

from gamedyn._validation import (
    as_generator,
    as_real_array,
    check_allocation,
    check_bool,
    check_choice,
    check_nonnegative,
    check_positive,
    check_positive_int,
)

__all__ = ["Affine", "MLP", "Quadratic", "Rescaled", "Standardized"]

WRT = ("both", "params", "input")


_FLOAT64 = np.dtype(np.float64)


def _real(value: Any, name: str) -> np.ndarray:
    """``value`` as a float array (non-finite entries allowed: a diverging run passes)."""
    if type(value) is np.ndarray and value.dtype is _FLOAT64:  # the hot path: as given
        return value
    return as_real_array(value, name, allow_empty=True, finite=False)


def _params(value: Any, size: int, name: str = "params") -> np.ndarray:
    """Flat parameters of shape ``(*runs, size)``."""
    array = _real(value, name)
    if array.ndim == 0 or array.shape[-1] != size:
        raise ValueError(f"`{name}` must have shape (*runs, {size}); got shape "
                         f"{array.shape}.")
    return array


def _runs(runs: Any, size: int) -> tuple:
    """The run axes ``runs`` (a tuple of non-negative ints), checked before allocating."""
    if not isinstance(runs, (tuple, list)):
        raise TypeError(f"`runs` must be a tuple of ints (the run axes); got {runs!r}.")
    runs = tuple(check_positive_int(item, "runs", minimum=0) for item in runs)
    check_allocation(runs + (size,), "runs")
    return runs


def _cache_array(cache: Any) -> np.ndarray:
    if not isinstance(cache, np.ndarray):
        raise TypeError("`cache` must be the cache returned by forward (an array); got "
                        f"{type(cache).__name__}.")
    return _real(cache, "cache")


def _upstream(upstream: Any, like: np.ndarray, params: np.ndarray) -> np.ndarray:
    """``upstream`` of the shape of forward's output (that of ``like`` in the hot path)."""
    array = _real(upstream, "upstream")
    if array.shape == like.shape:
        return array
    shape = like.shape
    try:
        shape = np.broadcast_shapes(params.shape[:-1] + (1,), like.shape)
        np.broadcast_shapes(array.shape, shape)
    except ValueError:
        raise ValueError(f"`upstream` must have the shape of forward's output {shape}; got "
                         f"shape {array.shape}.") from None
    return array


def _wants(wrt: str) -> tuple[bool, bool]:
    """Whether ``backward`` should compute the parameter and the input gradient."""
    check_choice(wrt, "wrt", WRT)
    return wrt != "input", wrt != "params"


def _fixed_size(size: Any, expected: int, what: str) -> None:
    if isinstance(size, (bool, np.bool_)) or not isinstance(size, (int, np.integer)):
        raise TypeError(f"`size` must be the int {expected}; got {size!r}.")
    if size != expected:
        raise ValueError(f"`size` must be {expected} ({what}); got {size}.")


@dataclass(frozen=True)
class Affine:
    """``G(z) = mu + s z``; parameters ``(mu, s)``, or ``(mu, log s)`` with ``log_scale``.

    Training uses ``log_scale=True``: updates of ``log s`` are relative, so one step
    size suits targets from ``t = 0.3`` to ``t = 3``, and ``s`` cannot collapse
    through zero (where the gradient with respect to ``s`` vanishes).

    Parameters
    ----------
    log_scale : bool, default False
        Parametrize the scale as ``log s`` (relative updates; ``s`` stays positive).
    size : int, default 2
        The number of parameters (must be 2; part of the model protocol).

    Raises
    ------
    ValueError
        For a ``size`` other than 2.
    TypeError
        For a ``log_scale`` that is not a bool.

    References
    ----------
    Goodfellow, I. et al. (2014). Generative adversarial nets. NeurIPS. Mescheder, L.,
    Geiger, A. & Nowozin, S. (2018). Which training methods for GANs do actually converge?
    ICML, Section 2 (the Dirac-GAN and one-parameter generators).

    Examples
    --------
    >>> import numpy as np, gamedyn as gd
    >>> generator = gd.gan.Affine()
    >>> generator.init(0)                                  # mu = 0, s = 1
    array([0., 1.])
    >>> generator.forward(np.array([1.0, 2.0]), np.array([0.0, 1.0]))[0]   # 1 + 2 z
    array([1., 3.])
    """

    log_scale: bool = False
    size: int = 2

    def __post_init__(self) -> None:
        check_bool(self.log_scale, "log_scale")
        _fixed_size(self.size, 2, "Affine (mu, s)")

    @property
    def param_names(self) -> tuple[str, str]:
        """The parameters' names, for legends: ``("mu", "s")`` or ``("mu", "log s")``."""
        return ("mu", "log s") if self.log_scale else ("mu", "s")

    def init(self, rng: np.random.Generator, runs: tuple = ()) -> np.ndarray:
        """``mu = 0``, ``s = 1``: the standard normal.

        Parameters
        ----------
        rng : numpy.random.Generator, int, SeedSequence or None
            Randomness of the initialization.
        runs : tuple of int, default ()
            The run axes ``(*runs,)``.

        Returns
        -------
        ndarray, shape (*runs, 2)
            ``(mu, s)``, or ``(mu, log s)`` with ``log_scale``.
        """
        as_generator(rng)
        runs = _runs(runs, 2)
        start = np.array([0.0, 0.0 if self.log_scale else 1.0])
        return np.broadcast_to(start, tuple(runs) + (2,)).copy()

    def scale(self, params: np.ndarray) -> np.ndarray:
        """``s`` (shape ``(*runs, 1)``).

        Parameters
        ----------
        params : ndarray, shape (*runs, 2)
            The model's parameters, one row per run.

        Returns
        -------
        ndarray, shape (*runs, 1)
            ``s`` (``exp(log s)`` with ``log_scale``).
        """
        params = _params(params, 2)
        return np.exp(params[..., 1:2]) if self.log_scale else params[..., 1:2]

    def forward(self, params: np.ndarray, z: np.ndarray) -> tuple[np.ndarray, Any]:
        """Return the samples ``G(z) = mu + s z`` and the cache.

        Parameters
        ----------
        params : ndarray, shape (*runs, 2)
            The model's parameters, one row per run.
        z : ndarray, shape (*runs, batch)
            Latent draws.

        Returns
        -------
        out : ndarray, shape (*runs, batch)
            The model's output at each input.
        cache : ndarray or tuple
            What :meth:`backward` needs.
        """
        params, z = _params(params, 2), _real(z, "z")
        out = self.scale(params) * z
        out += params[..., :1]
        return out, z

    def backward(self, params: np.ndarray, cache: Any, upstream: np.ndarray,
                 wrt: str = "both") -> tuple[np.ndarray | None, np.ndarray | None]:
        """Return the vector-Jacobian products of ``sum(upstream * G(z))``.

        Parameters
        ----------
        params : ndarray, shape (*runs, 2)
            The model's parameters, one row per run.
        cache : object
            The ``cache`` returned by :meth:`forward`.
        upstream : ndarray, shape (*runs, batch)
            The weights of the vector-Jacobian product of ``sum(upstream * out)``.
        wrt : {"both", "params", "input"}, default "both"
            Which half to compute.

        Returns
        -------
        grad_params : ndarray, shape (*runs, P), or None
            The parameter gradient (None when ``wrt="input"``).
        grad_input : ndarray, shape (*runs, batch), or None
            The input gradient (None when ``wrt="params"``).
        """
        want_params, want_input = _wants(wrt)
        params, z = _params(params, 2), _cache_array(cache)
        upstream = _upstream(upstream, z, params)
        scale = self.scale(params)
        grad = None
        if want_params:
            grad_s = (upstream * z).sum(-1)
            if self.log_scale:  # d/d(log s) = s d/ds
                grad_s = grad_s * scale[..., 0]
            grad = np.stack([upstream.sum(-1), grad_s], axis=-1)
        return grad, upstream * scale if want_input else None

    def derivatives(self, params: np.ndarray, z: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """``dG/d(mu, s)`` and the second derivatives (``log s``: ``d^2G/d(log s)^2 = s z``).

        Parameters
        ----------
        params : ndarray, shape (*runs, 2)
            The model's parameters, one row per run.
        z : ndarray, shape (*runs, batch)
            Latent draws.

        Returns
        -------
        first : ndarray, shape (*runs, batch, 2)
            ``dG/dparams``.
        second : ndarray, shape (*runs, batch, 2, 2)
            ``d^2G/dparams^2`` (zero, except ``d^2G/d(log s)^2 = s z`` with ``log_scale``).
        """
        params, z = _params(params, 2), _real(z, "z")
        z = np.broadcast_to(z, params.shape[:-1] + np.shape(z)[-1:])
        scale = self.scale(params)
        first = np.stack([np.ones_like(z), scale * z if self.log_scale else z], axis=-1)
        second = np.zeros(first.shape + (2,))
        if self.log_scale:
            second[..., 1, 1] = scale * z
        return first, second


@dataclass(frozen=True)
class Quadratic:
    """Logit ``w0 + w1 x + w2 x^2``; parameters ``(w0, w1, w2)``.

    Parameters
    ----------
    size : int, default 3
        The number of parameters (must be 3; part of the model protocol).

    Raises
    ------
    ValueError
        For a ``size`` other than 3.

    References
    ----------
    Goodfellow, I. et al. (2014). Generative adversarial nets. NeurIPS, Proposition 1
    (the optimal discriminator, whose logit between two Gaussians is quadratic).

    Examples
    --------
    >>> import numpy as np, gamedyn as gd
    >>> discriminator = gd.gan.Quadratic()
    >>> discriminator.forward(np.array([0.0, 1.0, -0.5]), np.array([0.0, 1.0, 2.0]))[0]
    array([0. , 0.5, 0. ])
    """

    size: int = 3

    def __post_init__(self) -> None:
        _fixed_size(self.size, 3, "Quadratic (w0, w1, w2)")

    @property
    def param_names(self) -> tuple[str, str, str]:
        """The parameters' names, for legends: ``("w0", "w1", "w2")``."""
        return ("w0", "w1", "w2")

    def init(self, rng: np.random.Generator, runs: tuple = ()) -> np.ndarray:
        """All zeros: ``D = 1/2`` everywhere.

        Parameters
        ----------
        rng : numpy.random.Generator, int, SeedSequence or None
            Randomness of the initialization.
        runs : tuple of int, default ()
            The run axes ``(*runs,)``.

        Returns
        -------
        ndarray, shape (*runs, 3)
            Zeros.
        """
        as_generator(rng)
        runs = _runs(runs, 3)
        return np.zeros(tuple(runs) + (3,))

    def forward(self, params: np.ndarray, x: np.ndarray) -> tuple[np.ndarray, Any]:
        """Return the logit ``w0 + w1 x + w2 x^2`` and the cache.

        Parameters
        ----------
        params : ndarray, shape (*runs, 3)
            The model's parameters, one row per run.
        x : ndarray, shape (*runs, batch)
            Data points (data units).

        Returns
        -------
        out : ndarray, shape (*runs, batch)
            The model's output at each input.
        cache : ndarray or tuple
            What :meth:`backward` needs.
        """
        params, x = _params(params, 3), _real(x, "x")
        out = params[..., 2:3] * x  # Horner: w0 + x (w1 + w2 x), in place
        out += params[..., 1:2]
        out *= x
        out += params[..., :1]
        return out, x

    def backward(self, params: np.ndarray, cache: Any, upstream: np.ndarray,
                 wrt: str = "both") -> tuple[np.ndarray | None, np.ndarray | None]:
        """Return the vector-Jacobian products of ``sum(upstream * logit)``.

        Parameters
        ----------
        params : ndarray, shape (*runs, 3)
            The model's parameters, one row per run.
        cache : object
            The ``cache`` returned by :meth:`forward`.
        upstream : ndarray, shape (*runs, batch)
            The weights of the vector-Jacobian product of ``sum(upstream * out)``.
        wrt : {"both", "params", "input"}, default "both"
            Which half to compute.

        Returns
        -------
        grad_params : ndarray, shape (*runs, P), or None
            The parameter gradient (None when ``wrt="input"``).
        grad_input : ndarray, shape (*runs, batch), or None
            The input gradient (None when ``wrt="params"``).
        """
        want_params, want_input = _wants(wrt)
        params, x = _params(params, 3), _cache_array(cache)
        upstream = _upstream(upstream, x, params)
        grad = grad_input = None
        if want_params:
            ux = upstream * x
            grad = np.stack([upstream.sum(-1), ux.sum(-1), np.vecdot(ux, x)], axis=-1)
        if want_input:
            grad_input = self.input_gradient(params, x)
            grad_input *= upstream
        return grad, grad_input

    def weight_matrices(self) -> tuple:
        """Return the layout of the weight matrix: the ``1 x 2`` row ``(w1, w2)``.

        It acts on the features ``(x, x^2)``; ``w0`` is the bias.

        Returns
        -------
        tuple of (int, int, (int, int))
            ``(start, stop, (rows, cols))`` of each weight matrix stored row-major in
            ``params[..., start:stop]``.
        """
        return ((1, 3, (1, 2)),)

    def input_gradient_vjp(self, params: np.ndarray, x: np.ndarray) -> tuple[np.ndarray, Any]:
        """Return ``s = w1 + 2 w2 x`` and its vector-Jacobian product.

        The product is ``upstream -> sum_b upstream_b (0, 1, 2 x_b)``.

        Parameters
        ----------
        params : ndarray, shape (*runs, 3)
            The model's parameters, one row per run.
        x : ndarray, shape (*runs, batch)
            Data points (data units).

        Returns
        -------
        slope : ndarray, shape (*runs, batch)
            ``s = dl/dx`` at ``x``.
        vjp : callable
            ``vjp(upstream)`` returns the parameter gradient of ``sum(upstream * s)``, shape
            ``(*runs, P)``.
        """
        params, x = _params(params, 3), _real(x, "x")
        slope = self.input_gradient(params, x)

        def vjp(upstream: np.ndarray) -> np.ndarray:
            upstream = _upstream(upstream, slope, params)
            return np.stack([np.zeros(np.shape(upstream)[:-1]), upstream.sum(-1),
                             2 * np.vecdot(upstream, x)], axis=-1)
        return slope, vjp

    def features(self, x: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """``phi = (1, x, x^2)``, ``dphi = (0, 1, 2x)``, ``d2phi = (0, 0, 2)``.

        Parameters
        ----------
        x : ndarray, shape (..., batch)
            Data points (data units).

        Returns
        -------
        phi : ndarray, shape (*x.shape, 3)
            The features: the logit is ``params . phi(x)``.
        dphi : ndarray, shape (*x.shape, 3)
            Their derivatives in ``x``.
        d2phi : ndarray, shape (*x.shape, 3)
            Their second derivatives in ``x``.
        """
        x = _real(x, "x")
        ones, zeros = np.ones_like(x), np.zeros_like(x)
        return (np.stack([ones, x, x * x], -1), np.stack([zeros, ones, 2 * x], -1),
                np.stack([zeros, zeros, 2 * ones], -1))

    def r1_features(self, x: np.ndarray) -> np.ndarray:
        """``rho = dphi/dx``: R1 measures ``dl/dx``.

        Parameters
        ----------
        x : ndarray, shape (..., batch)
            Data points (data units).

        Returns
        -------
        ndarray, shape (*x.shape, 3)
            ``(0, 1, 2x)``.
        """
        x = _real(x, "x")
        return self.features(x)[1]

    def input_gradient(self, params: np.ndarray, x: np.ndarray) -> np.ndarray:
        """``d logit / dx = w1 + 2 w2 x``.

        Parameters
        ----------
        params : ndarray, shape (*runs, 3)
            The model's parameters, one row per run.
        x : ndarray, shape (*runs, batch)
            Data points (data units).

        Returns
        -------
        ndarray, shape (*runs, batch)
            The slope of the logit at each point.
        """
        params, x = _params(params, 3), _real(x, "x")
        slope = (2 * params[..., 2:3]) * x
        slope += params[..., 1:2]
        return slope

    def r1_gradient(self, params: np.ndarray, x: np.ndarray, gamma: float
                    ) -> tuple[np.ndarray, np.ndarray]:
        """R1 ``(gamma/2) mean (d logit/dx)^2`` and its parameter gradient.

        Parameters
        ----------
        params : ndarray, shape (*runs, 3)
            The model's parameters, one row per run.
        x : ndarray, shape (*runs, batch)
            Data points (data units).
        gamma : float
            The R1 weight, ``>= 0``.

        Returns
        -------
        penalty : ndarray, shape (*runs,)
            ``(gamma/2) mean (d logit/dx)^2`` over the batch.
        grad_params : ndarray, shape (*runs, P)
            Its gradient with respect to the parameters.

        Raises
        ------
        ValueError
            For a scalar ``x`` or a negative ``gamma``.
        """
        params, x = _params(params, 3), _real(x, "x")
        gamma = check_nonnegative(gamma, "gamma")
        if x.ndim == 0:
            raise ValueError("`x` must have shape (*runs, batch); got a scalar.")
        slope = self.input_gradient(params, x)
        count = x.shape[-1]
        penalty = 0.5 * gamma * np.mean(slope**2, axis=-1)
        grad = np.stack([np.zeros(slope.shape[:-1]), gamma * slope.sum(-1) / count,
                         gamma * (slope * 2 * x).sum(-1) / count], axis=-1)
        return penalty, grad


@dataclass(frozen=True)
class MLP:
    """Scalar-to-scalar tanh network of ``depth`` hidden layers of ``hidden`` units.

    Layout of the flat parameters: for each layer ``l`` its weights ``W_l`` (``H x 1``
    for the first, ``H x H`` after) and biases ``b_l``, then the output weights ``w``
    (``H``) and bias ``c``.

    Parameters
    ----------
    hidden : int, default 16
        Units ``H`` per hidden layer.
    depth : int, default 1
        Hidden layers (1 or 2; R1 and the gradient penalty need depth 1).
    output_scale : float, default 1.0
        Scale of the output weights at initialization, positive.

    Raises
    ------
    ValueError
        For a ``depth`` other than 1 or 2, a non-positive ``hidden`` or ``output_scale``.

    References
    ----------
    Glorot, X. & Bengio, Y. (2010). Understanding the difficulty of training deep
    feedforward neural networks. AISTATS (the initialization). Goodfellow, I. et al.
    (2014). Generative adversarial nets. NeurIPS.

    Examples
    --------
    >>> import gamedyn as gd
    >>> network = gd.gan.MLP(hidden=4)
    >>> network.size                 # W_1, b_1, w (4 each) and c
    13
    >>> network.init(0).shape
    (13,)
    """

    hidden: int = 16
    depth: int = 1
    output_scale: float = 1.0

    def __post_init__(self) -> None:
        check_positive_int(self.hidden, "hidden")
        check_positive_int(self.depth, "depth")
        check_positive(self.output_scale, "output_scale")
        if self.depth > 2:
            raise ValueError(f"`depth` must be 1 or 2; got {self.depth}.")
        check_allocation((self.size,), "hidden")  # before any init allocates the weights

    def _shapes(self) -> list[tuple[int, ...]]:
        H = self.hidden
        shapes: list[tuple[int, ...]] = [(H,), (H,)]
        for _ in range(self.depth - 1):
            shapes += [(H, H), (H,)]
        return shapes + [(H,), (1,)]

    @cached_property
    def _layout(self) -> list[tuple[int, int, tuple[int, ...]]]:
        """``(start, stop, shape)`` of each array in the flat parameters (computed once)."""
        layout, start = [], 0
        for shape in self._shapes():
            size = math.prod(shape)
            layout.append((start, start + size, shape))
            start += size
        return layout

    @property
    def size(self) -> int:
        """The number of parameters ``P``."""
        return self._layout[-1][1]

    def unpack(self, params: np.ndarray) -> list[np.ndarray]:
        """Return views of the layers' arrays, each with leading run axes.

        Parameters
        ----------
        params : ndarray, shape (*runs, P)
            The model's parameters, one row per run.

        Returns
        -------
        list of ndarray
            ``W_1, b_1, [W_2, b_2,] w, c`` in the layout order, shapes ``(*runs, *shape)``.
        """
        params = _params(params, self.size)
        lead = params.shape[:-1]
        return [params[..., start:stop].reshape(lead + shape)
                for start, stop, shape in self._layout]

    def init(self, rng: np.random.Generator, runs: tuple = ()) -> np.ndarray:
        """Glorot-scaled normal weights, zero biases.

        Parameters
        ----------
        rng : numpy.random.Generator, int, SeedSequence or None
            Randomness of the initialization.
        runs : tuple of int, default ()
            The run axes ``(*runs,)``.

        Returns
        -------
        ndarray, shape (*runs, P)
            The flat parameters.
        """
        rng, runs = as_generator(rng), _runs(runs, self.size)
        H = self.hidden
        pieces = [rng.normal(0, 1.0, tuple(runs) + (H,)), np.zeros(tuple(runs) + (H,))]
        for _ in range(self.depth - 1):
            pieces += [rng.normal(0, 1 / np.sqrt(H), tuple(runs) + (H * H,)),
                       np.zeros(tuple(runs) + (H,))]
        pieces += [rng.normal(0, self.output_scale / np.sqrt(H), tuple(runs) + (H,)),
                   np.zeros(tuple(runs) + (1,))]
        return np.concatenate(pieces, axis=-1)

    def forward(self, params: np.ndarray, x: np.ndarray) -> tuple[np.ndarray, Any]:
        """``out`` and the cache ``(x, [h_1, ..., h_L])``.

        The first layer is one matrix product, ``[x, 1] @ [W_1; b_1]`` (``W_1`` and
        ``b_1`` are adjacent in the flat parameters), cheaper than broadcasting.

        Parameters
        ----------
        params : ndarray, shape (*runs, P)
            The model's parameters, one row per run.
        x : ndarray, shape (*runs, batch)
            Inputs (latent draws for a generator, data points for a discriminator).

        Returns
        -------
        out : ndarray, shape (*runs, batch)
            The network's output (samples, or the discriminator's logit).
        cache : tuple
            ``(x, [h_1, ..., h_L])`` for :meth:`backward`.
        """
        params, x = _params(params, self.size), _real(x, "x")
        H, lead = self.hidden, params.shape[:-1]
        inputs = np.empty(np.shape(x) + (2,))
        inputs[..., 0] = x
        inputs[..., 1] = 1.0
        pre = inputs @ params[..., : 2 * H].reshape(lead + (2, H))
        hidden = [np.tanh(pre, out=pre)]
        parts = self.unpack(params) if self.depth > 1 else []
        for layer in range(1, self.depth):
            W, b = parts[2 * layer], parts[2 * layer + 1]
            pre = hidden[-1] @ np.swapaxes(W, -1, -2)
            pre += b[..., None, :]
            hidden.append(np.tanh(pre, out=pre))
        out = (hidden[-1] @ params[..., -H - 1 : -1, None])[..., 0]
        out += params[..., -1:]
        return out, (np.asarray(x), hidden)

    def backward(self, params: np.ndarray, cache: Any, upstream: np.ndarray,
                 wrt: str = "both") -> tuple[np.ndarray | None, np.ndarray | None]:
        """Return the vector-Jacobian products of ``sum(upstream * out)`` (backpropagation).

        Parameters
        ----------
        params : ndarray, shape (*runs, P)
            The model's parameters, one row per run.
        cache : object
            The ``cache`` returned by :meth:`forward`.
        upstream : ndarray, shape (*runs, batch)
            The weights of the vector-Jacobian product of ``sum(upstream * out)``.
        wrt : {"both", "params", "input"}, default "both"
            Which half to compute.

        Returns
        -------
        grad_params : ndarray, shape (*runs, P), or None
            The parameter gradient (None when ``wrt="input"``).
        grad_input : ndarray, shape (*runs, batch), or None
            The input gradient (None when ``wrt="params"``).
        """
        want_params, want_input = _wants(wrt)
        params = _params(params, self.size)
        if not (isinstance(cache, tuple) and len(cache) == 2
                and isinstance(cache[1], list) and len(cache[1]) == self.depth):
            raise TypeError("`cache` must be the cache returned by forward (x, hidden "
                            f"layers); got {type(cache).__name__}.")
        x, hidden = _cache_array(cache[0]), cache[1]
        upstream = _upstream(upstream, hidden[-1][..., 0], params)
        if self.depth == 1:
            return self._backward_shallow(params, x, hidden[0], upstream, want_params,
                                          want_input)
        return self._backward_deep(params, x, hidden, upstream, want_params, want_input)

    def _backward_shallow(self, params: np.ndarray, x: np.ndarray, h: np.ndarray,
                          upstream: np.ndarray, want_params: bool, want_input: bool
                          ) -> tuple[np.ndarray | None, np.ndarray | None]:
        """Depth 1 without forming ``delta = u w (1 - h^2)`` (a ``B x H`` array).

        With ``s = h^2`` (``tanh' = 1 - s``), ``u`` the upstream gradient:
        ``grad W_1 = w (sum_b u_b x_b - (u x) @ s)``, ``grad b_1 = w (sum_b u_b - u @ s)``,
        ``grad w = u @ h``, ``grad c = sum_b u_b`` and
        ``grad x = u (sum_h w_h W_1h - s @ (w W_1))``: two small matrix products.
        """
        H = self.hidden
        W1, w = params[..., :H], params[..., 2 * H : 3 * H]
        squares = h * h
        grad = grad_input = None
        if want_params:
            stacked = np.stack([upstream * x, upstream], axis=-2)  # rows for W_1, b_1
            lead = stacked.shape[:-2]
            first = w[..., None, :] * (stacked.sum(-1)[..., None] - stacked @ squares)
            grad = np.empty(lead + (self.size,))
            grad[..., : 2 * H] = first.reshape(lead + (2 * H,))
            grad[..., 2 * H : 3 * H] = (upstream[..., None, :] @ h)[..., 0, :]
            grad[..., -1] = stacked[..., 1, :].sum(-1)
        if want_input:
            slopes = w * W1
            grad_input = upstream * (slopes.sum(-1, keepdims=True)
                                     - (squares @ slopes[..., None])[..., 0])
        return grad, grad_input

    def _backward_deep(self, params: np.ndarray, x: np.ndarray, hidden: list,
                       upstream: np.ndarray, want_params: bool, want_input: bool
                       ) -> tuple[np.ndarray | None, np.ndarray | None]:
        """Backpropagation through ``delta_l = (delta_{l+1} @ W_{l+1}) (1 - h_l^2)``."""
        parts = self.unpack(params)
        grads: list = [None] * len(parts)
        if want_params:
            grads[-1] = upstream.sum(-1, keepdims=True)
            grads[-2] = (upstream[..., None, :] @ hidden[-1])[..., 0, :]
        delta = upstream[..., None] * parts[-2][..., None, :] * (1 - hidden[-1] ** 2)
        for layer in range(self.depth - 1, 0, -1):
            if want_params:
                grads[2 * layer] = np.swapaxes(delta, -1, -2) @ hidden[layer - 1]
                grads[2 * layer + 1] = delta.sum(-2)
            delta = (delta @ parts[2 * layer]) * (1 - hidden[layer - 1] ** 2)
        grad = grad_input = None
        if want_params:
            grads[0] = (x[..., None, :] @ delta)[..., 0, :]
            grads[1] = delta.sum(-2)
            lead = delta.shape[:-2]
            grad = np.concatenate([np.broadcast_to(g, lead + g.shape[g.ndim - len(shape):])
                                   .reshape(lead + (-1,))
                                   for g, (_, _, shape) in zip(grads, self._layout)], axis=-1)
        if want_input:
            grad_input = (delta @ parts[0][..., None])[..., 0]
        return grad, grad_input

    def input_gradient(self, params: np.ndarray, x: np.ndarray) -> np.ndarray:
        """``d out / dx`` (depth 1): ``sum_h w_h W_h (1 - t_h^2)``, ``t = tanh(W x + b)``.

        Parameters
        ----------
        params : ndarray, shape (*runs, P)
            The model's parameters, one row per run.
        x : ndarray, shape (*runs, batch)
            Data points (data units).

        Returns
        -------
        ndarray, shape (*runs, batch)
            ``d out / dx`` at each point.

        Raises
        ------
        ValueError
            For ``depth > 1``.
        """
        self._require_depth_one("input_gradient")
        params, x = _params(params, self.size), _real(x, "x")
        W, b, w, _ = self.unpack(params)
        t = np.tanh(x[..., :, None] * W[..., None, :] + b[..., None, :])
        return ((1 - t**2) @ (w * W)[..., None])[..., 0]

    def weight_matrices(self) -> tuple:
        """Return the layout of the weight matrices.

        ``W_1`` (``H x 1``), each ``W_l`` (``H x H``, output by input) and the output row ``w``
        (``1 x H``).

        Returns
        -------
        tuple of (int, int, (int, int))
            ``(start, stop, (rows, cols))`` of each weight matrix stored row-major in
            ``params[..., start:stop]``.
        """
        layout = self._layout
        shapes = [(self.hidden, 1)] + [(self.hidden, self.hidden)] * (self.depth - 1)
        found = tuple((layout[2 * i][0], layout[2 * i][1], shape)
                      for i, shape in enumerate(shapes))
        return found + ((layout[-2][0], layout[-2][1], (1, self.hidden)),)

    def input_gradient_vjp(self, params: np.ndarray, x: np.ndarray) -> tuple[np.ndarray, Any]:
        """Return ``s = dl/dx`` (depth 1) and the parameter gradient of ``sum(upstream * s)``.

        With ``t = tanh(W x + b)``, ``q = 1 - t^2`` and ``s = sum_h w_h W_h q_h``:
        ``ds/dw_h = W_h q_h``, ``ds/dW_h = w_h q_h - 2 w_h W_h t_h q_h x``,
        ``ds/db_h = -2 w_h W_h t_h q_h``, ``ds/dc = 0`` (as in :meth:`r1_gradient`).

        Parameters
        ----------
        params : ndarray, shape (*runs, P)
            The model's parameters, one row per run.
        x : ndarray, shape (*runs, batch)
            Data points (data units).

        Returns
        -------
        slope : ndarray, shape (*runs, batch)
            ``s = dl/dx`` at ``x``.
        vjp : callable
            ``vjp(upstream)`` returns the parameter gradient of ``sum(upstream * s)``, shape
            ``(*runs, P)``.
        """
        self._require_depth_one("input_gradient_vjp")
        params, x = _params(params, self.size), _real(x, "x")
        if x.ndim == 0:
            raise ValueError("`x` must have shape (*runs, batch); got a scalar.")
        W, b, w, _ = self.unpack(params)
        t = np.tanh(x[..., :, None] * W[..., None, :] + b[..., None, :])
        q = 1 - t**2
        slopes = w * W
        slope = (q @ slopes[..., None])[..., 0]

        def vjp(upstream: np.ndarray) -> np.ndarray:
            upstream = _upstream(upstream, slope, params)
            bent = np.stack([upstream * x, upstream], axis=-2) @ (-2 * t * q)
            spread = (upstream[..., None, :] @ q)[..., 0, :]
            grad_W = w * spread + slopes * bent[..., 0, :]
            grad_b = slopes * bent[..., 1, :]
            grad_w = W * spread
            grad_c = np.zeros(grad_w.shape[:-1] + (1,))
            return np.concatenate([grad_W, grad_b, grad_w, grad_c], axis=-1)
        return slope, vjp

    def r1_gradient(self, params: np.ndarray, x: np.ndarray, gamma: float
                    ) -> tuple[np.ndarray, np.ndarray]:
        """R1 ``(gamma/2) mean g^2``, ``g = d logit/dx``, and its parameter gradient.

        Double backpropagation by hand (depth 1): with ``s = 1 - t^2``,
        ``dg/dw_h = W_h s_h``, ``dg/dW_h = w_h s_h - 2 w_h W_h t_h s_h x``,
        ``dg/db_h = -2 w_h W_h t_h s_h``, ``dg/dc = 0``.

        Parameters
        ----------
        params : ndarray, shape (*runs, P)
            The model's parameters, one row per run.
        x : ndarray, shape (*runs, batch)
            Data points (data units).
        gamma : float
            The R1 weight, ``>= 0``.

        Returns
        -------
        penalty : ndarray, shape (*runs,)
            ``(gamma/2) mean (d logit/dx)^2`` over the batch.
        grad_params : ndarray, shape (*runs, P)
            Its gradient with respect to the parameters.
        """
        self._require_depth_one("r1_gradient")
        params, x = _params(params, self.size), _real(x, "x")
        gamma = check_nonnegative(gamma, "gamma")
        if x.ndim == 0:
            raise ValueError("`x` must have shape (*runs, batch); got a scalar.")
        W, b, w, _ = self.unpack(params)
        t = np.tanh(x[..., :, None] * W[..., None, :] + b[..., None, :])
        s = 1 - t**2
        slopes = w * W
        slope = (s @ slopes[..., None])[..., 0]
        count = x.shape[-1]
        penalty = 0.5 * gamma * np.mean(slope**2, axis=-1)
        weight = gamma * slope / count  # d penalty / d g per sample
        curvature = -2 * t * s  # d s / d (pre-activation)
        # rows: sum_b weight_b x_b curvature_bh, sum_b weight_b curvature_bh
        bent = np.stack([weight * x, weight], axis=-2) @ curvature
        spread = (weight[..., None, :] @ s)[..., 0, :]  # sum_b weight_b s_bh
        grad_W = w * spread + slopes * bent[..., 0, :]
        grad_b = slopes * bent[..., 1, :]
        grad_w = W * spread
        grad_c = np.zeros(grad_w.shape[:-1] + (1,))
        return penalty, np.concatenate([grad_W, grad_b, grad_w, grad_c], axis=-1)

    def _require_depth_one(self, what: str) -> None:
        if self.depth != 1:
            raise ValueError(f"{what} is derived for depth-1 networks (the discriminator); "
                             f"this MLP has depth {self.depth}.")


@dataclass(frozen=True)
class _OnDataScale:
    """A model ``inner`` paired with a data sample's ``center`` (mean) and ``scale`` (std)."""

    inner: Any
    center: float
    scale: float

    @property
    def size(self) -> int:
        return self.inner.size

    def init(self, rng: np.random.Generator, runs: tuple = ()) -> np.ndarray:
        return self.inner.init(rng, runs)


@dataclass(frozen=True)
class Standardized(_OnDataScale):
    """A discriminator that sees standardized inputs ``u = (x - center) / scale``.

    Standardizing the data (with statistics of a data sample) keeps the quadratic
    features ``(1, u, u^2)`` well conditioned whatever the target's location and width;
    the represented functions are the same. R1 is taken with respect to ``u``.
    """

    def standardize(self, x: np.ndarray) -> np.ndarray:
        """``u = (x - center) / scale`` (a new array)."""
        u = np.subtract(x, self.center)
        u *= 1.0 / self.scale
        return u

    def forward(self, params: np.ndarray, x: np.ndarray) -> tuple[np.ndarray, Any]:
        return self.inner.forward(params, self.standardize(x))

    def backward(self, params: np.ndarray, cache: Any, upstream: np.ndarray,
                 wrt: str = "both") -> tuple[np.ndarray | None, np.ndarray | None]:
        grad, grad_input = self.inner.backward(params, cache, upstream, wrt)
        if grad_input is not None:
            grad_input *= 1.0 / self.scale
        return grad, grad_input

    def r1_gradient(self, params: np.ndarray, x: np.ndarray, gamma: float
                    ) -> tuple[np.ndarray, np.ndarray]:
        return self.inner.r1_gradient(params, self.standardize(x), gamma)

    def weight_matrices(self) -> tuple:
        """The inner model's weight matrices."""
        return self.inner.weight_matrices()

    def input_gradient_vjp(self, params: np.ndarray, x: np.ndarray) -> tuple[np.ndarray, Any]:
        """The slope in data units, ``dl/dx = (dl/du) / scale``, and its vjp."""
        slope, inner_vjp = self.inner.input_gradient_vjp(params, self.standardize(x))
        return slope / self.scale, lambda upstream: inner_vjp(np.multiply(upstream,
                                                                          1.0 / self.scale))

    def features(self, x: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The inner features at ``u`` with the chain rule ``du/dx = 1 / scale``."""
        phi, dphi, d2phi = self.inner.features(self.standardize(x))
        return phi, dphi / self.scale, d2phi / self.scale**2

    def r1_features(self, x: np.ndarray) -> np.ndarray:
        """R1 measures ``dl/du``: the inner features' derivative at ``u``."""
        return self.inner.features(self.standardize(x))[1]


@dataclass(frozen=True)
class Rescaled(_OnDataScale):
    """A generator whose network output is mapped to the data's scale: ``center + scale G(z)``.

    The mirror image of :class:`Standardized`: with a data sample's mean and standard
    deviation, the network only has to produce standardized samples, so one step size
    suits every target; the represented functions are the same (the output layer is
    affine anyway). The vector-Jacobian product is the inner one of ``scale * upstream``.
    """

    def forward(self, params: np.ndarray, z: np.ndarray) -> tuple[np.ndarray, Any]:
        out, cache = self.inner.forward(params, z)
        out *= self.scale
        out += self.center
        return out, cache

    def backward(self, params: np.ndarray, cache: Any, upstream: np.ndarray,
                 wrt: str = "both") -> tuple[np.ndarray | None, np.ndarray | None]:
        return self.inner.backward(params, cache, upstream * self.scale, wrt)
