"""A monotone MLP generator: the 1-D transport map without folds.

In one dimension every target ``F`` is the push-forward of the latent ``N(0, 1)`` by one
increasing map, ``T = F^{-1} o Phi`` (the monotone rearrangement; Villani 2009, Remark
2.19, and Chapter 1). A tanh MLP generator can represent a multimodal ``T``, but
gradient play from a random start often folds it (the map turns back on itself): the
generated density then has spikes (``p_g = p_z / |G'|`` is infinite where ``G' = 0``)
that a smooth discriminator barely sees, and training stalls at a JSD near 0.07 on a
two-Gaussian mixture. :class:`MonotoneMLP` is increasing by construction, so it cannot
fold, and its linear term gives it the linear tails of ``T`` for Gaussian components.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from gamedyn._validation import as_generator, check_allocation, check_positive_int
from gamedyn.gan.models import _cache_array, _params, _real, _runs, _upstream, _wants

__all__ = ["MonotoneMLP"]


@dataclass(frozen=True)
class MonotoneMLP:
    """An increasing map ``G(z) = c + e^s z + sum_h e^{a_h} tanh(e^{w_h} (z - m_h))``.

    Every slope is an exponential, so ``G'(z) = e^s + sum_h e^{a_h + w_h} (1 - t_h^2) > 0``
    (``t_h = tanh(e^{w_h} (z - m_h))``): the map is strictly increasing and has linear
    tails. Each unit's step sits at its location ``m_h`` in latent units, whatever its
    steepness ``e^{w_h}``, so a step (the boundary between two modes, at the latent
    quantile of the modes' cumulative weight) moves at the same pace sharp or smooth.
    It follows the model protocol of :mod:`gamedyn.gan.models` (use it as a generator,
    usually inside :class:`~gamedyn.gan.models.Rescaled`).

    Parameters
    ----------
    hidden : int
        Number of tanh units ``H``. Flat parameters, shape ``(*runs, 3 H + 2)``: ``a``
        (``H``), ``w`` (``H``), ``m`` (``H``), ``c``, ``s``.

    Examples
    --------
    >>> import numpy as np
    >>> from gamedyn.gan.monotone import MonotoneMLP
    >>> model = MonotoneMLP(4)
    >>> params = model.init(np.random.default_rng(0))
    >>> out = model.forward(params, np.linspace(-3.0, 3.0, 7))[0]
    >>> bool(np.all(np.diff(out) > 0))
    True
    """

    hidden: int = 16

    def __post_init__(self) -> None:
        check_positive_int(self.hidden, "hidden")
        check_allocation((3 * self.hidden + 2,), "hidden")

    @property
    def size(self) -> int:
        return 3 * self.hidden + 2

    def init(self, rng: np.random.Generator, runs: tuple = ()) -> np.ndarray:
        """``e^a = 1/(2 sqrt(H))``, ``w ~ N(0, 1/4)``, ``m ~ N(0, 1)``, ``c = 0``,
        ``e^s = 1/2``: an increasing map of output scale about 1."""
        rng, runs = as_generator(rng), tuple(_runs(runs, self.size))
        H = self.hidden
        return np.concatenate([np.full(runs + (H,), np.log(0.5 / np.sqrt(H))),
                               rng.normal(0.0, 0.5, runs + (H,)),
                               rng.normal(0.0, 1.0, runs + (H,)),
                               np.zeros(runs + (1,)), np.full(runs + (1,), np.log(0.5))],
                              axis=-1)

    def _parts(self, params: np.ndarray) -> tuple[np.ndarray, ...]:
        H = self.hidden
        with np.errstate(over="ignore"):  # a diverging run overflows to inf: simulate sees it
            return (np.exp(params[..., :H]), np.exp(params[..., H : 2 * H]),
                    params[..., 2 * H : 3 * H], params[..., 3 * H : 3 * H + 1],
                    np.exp(params[..., 3 * H + 1 :]))

    def forward(self, params: np.ndarray, z: np.ndarray) -> tuple[np.ndarray, Any]:
        """``G(z)`` and the cache ``(z, t)``, ``t`` the tanh units (``(*runs, batch, H)``)."""
        params, z = _params(params, self.size), _real(z, "z")
        A, W, m, c, S = self._parts(params)
        with np.errstate(invalid="ignore", over="ignore"):
            t = np.tanh((np.asarray(z)[..., :, None] - m[..., None, :]) * W[..., None, :])
            out = (t @ A[..., :, None])[..., 0]
            out += c
            out += S * z
        return out, (np.asarray(z), t)

    def backward(self, params: np.ndarray, cache: Any, upstream: np.ndarray,
                 wrt: str = "both") -> tuple[np.ndarray | None, np.ndarray | None]:
        """Vector-Jacobian products of ``sum(upstream * G(z))``. With ``r = 1 - t^2``:
        ``dG/da_h = e^{a_h} t_h``, ``dG/dw_h = e^{a_h + w_h} r_h (z - m_h)``, ``dG/dm_h =
        -e^{a_h + w_h} r_h``, ``dG/dc = 1``, ``dG/ds = e^s z`` and ``dG/dz = e^s + sum_h
        e^{a_h + w_h} r_h``."""
        want_params, want_input = _wants(wrt)
        params = _params(params, self.size)
        if not (isinstance(cache, tuple) and len(cache) == 2):
            raise TypeError("`cache` must be the cache returned by forward (z, t); got "
                            f"{type(cache).__name__}.")
        z, t = _cache_array(cache[0]), cache[1]
        upstream = _upstream(upstream, z, params)
        A, W, m, _, S = self._parts(params)
        grad = grad_input = None
        with np.errstate(invalid="ignore", over="ignore"):
            r = 1.0 - t * t
            if want_params:
                rows = np.stack([upstream * z, upstream], axis=-2) @ r  # sum u z r, sum u r
                slopes = A * W
                pieces = [A * (upstream[..., None, :] @ t)[..., 0, :],
                          slopes * (rows[..., 0, :] - m * rows[..., 1, :]),
                          -slopes * rows[..., 1, :], upstream.sum(-1, keepdims=True),
                          S * np.sum(upstream * z, axis=-1, keepdims=True)]
                lead = np.broadcast_shapes(*(piece.shape[:-1] for piece in pieces))
                grad = np.concatenate([np.broadcast_to(piece, lead + piece.shape[-1:])
                                       for piece in pieces], axis=-1)
            if want_input:
                grad_input = upstream * ((r @ (A * W)[..., :, None])[..., 0] + S)
        return grad, grad_input
