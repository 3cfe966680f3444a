"""Spectral normalization of a discriminator's weight matrices (Miyato et al. 2018).

Every weight matrix ``W`` (``r x c``, declared by the model's ``weight_matrices()``) is
replaced by ``W_SN = W / sigma`` with ``sigma = u^T W v``, where ``u`` (``r``) and ``v``
(``c``) are unit vectors carried from update to update and advanced by ONE step of the
power iteration per discriminator update (Miyato et al. 2018, Algorithm 1)::

    v <- W^T u / |W^T u|,    u <- W v / |W v|,    sigma = u^T W v  (= |W v|)

The gradient is taken with ``u`` and ``v`` held fixed (as in the paper), so with ``G =
dL/dW_SN`` the upstream gradient at the normalized matrix::

    dL/dW = (G - <G, W_SN> u v^T) / sigma,       <G, W_SN> = sum_ij G_ij (W_SN)_ij

(``d sigma / dW = u v^T``; Miyato et al., eq. (12), where ``<G, W_SN>`` is their
``lambda``). Note that it is ``<G, W_SN>`` and not ``u^T G v``: the two agree only when
``G`` is a multiple of ``u v^T``. Biases are not normalized.

The vectors of all matrices are packed into one flat array per run, the *auxiliary
state* of shape ``(*runs, A)``, ``A = sum (r + c)``: for each matrix its ``u`` then its
``v``. At a converged power iteration ``sigma`` is the largest singular value of ``W``.
A zero weight matrix has no normalization (``W / 0``): its values come out NaN, and a
run reaching it is reported diverged.

References
----------
Miyato, T., Kataoka, T., Koyama, M. & Yoshida, Y. (2018). Spectral normalization for
generative adversarial networks. ICLR, Algorithm 1 and eq. (12).
"""

from __future__ import annotations

from typing import Any

import numpy as np

__all__ = ["layout_of", "auxiliary_size", "initial_vectors", "power_step", "exact_vectors",
           "normalize", "backward", "sigmas"]

#: the fixed seed of the starting vector u_0 (a generic direction, the same every run)
_START_SEED = 20180216


def layout_of(model: Any) -> tuple:
    """``((start, stop, rows, cols, offset), ...)``: each weight matrix of ``model`` and
    where its ``u`` starts in the auxiliary state (``v`` follows at ``offset + rows``)."""
    found, offset = [], 0
    for start, stop, (rows, cols) in model.weight_matrices():
        found.append((int(start), int(stop), int(rows), int(cols), offset))
        offset += int(rows) + int(cols)
    return tuple(found)


def auxiliary_size(layout: tuple) -> int:
    """``A``, the length of the auxiliary state of ``layout``."""
    return sum(rows + cols for _, _, rows, cols, _ in layout)


def _matrix(params: np.ndarray, item: tuple) -> np.ndarray:
    start, stop, rows, cols, _ = item
    return params[..., start:stop].reshape(params.shape[:-1] + (rows, cols))


def _unit(vector: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):  # a zero vector: NaN, diverged
        return vector / np.linalg.norm(vector, axis=-1, keepdims=True)


def _vectors(aux: np.ndarray, item: tuple) -> tuple[np.ndarray, np.ndarray]:
    _, _, rows, cols, offset = item
    return aux[..., offset : offset + rows], aux[..., offset + rows : offset + rows + cols]


def power_step(params: np.ndarray, aux: np.ndarray, layout: tuple) -> np.ndarray:
    """One power-iteration step for every matrix: ``v = W^T u / |W^T u|``, ``u = W v / |W v|``
    (a new auxiliary state of the batch shape of ``params``)."""
    lead = np.broadcast_shapes(params.shape[:-1], aux.shape[:-1])
    out = np.empty(lead + (auxiliary_size(layout),))
    for item in layout:
        W = _matrix(params, item)
        u = _vectors(aux, item)[0]
        v = _unit((u[..., None, :] @ W)[..., 0, :])
        u = _unit((W @ v[..., :, None])[..., 0])
        _, _, rows, cols, offset = item
        out[..., offset : offset + rows] = u
        out[..., offset + rows : offset + rows + cols] = v
    return out


def initial_vectors(params: np.ndarray, layout: tuple) -> np.ndarray:
    """The auxiliary state at the start: a fixed generic unit ``u_0`` per matrix, then one
    :func:`power_step` at ``params`` (so ``sigma = |W v| > 0`` unless ``W = 0``)."""
    start = np.random.default_rng(_START_SEED)
    aux = np.concatenate([np.concatenate([_unit(start.standard_normal(rows)), np.zeros(cols)])
                          for _, _, rows, cols, _ in layout])
    return power_step(params, aux, layout)


def exact_vectors(params: np.ndarray, layout: tuple) -> np.ndarray:
    """The limit of the power iteration: the top singular vectors of each matrix (numpy's
    SVD), signed so that ``sigma = u^T W v`` is the largest singular value."""
    out = np.empty(params.shape[:-1] + (auxiliary_size(layout),))
    for item in layout:
        _, _, rows, cols, offset = item
        W = _matrix(params, item)
        if rows == 1 or cols == 1:  # a vector: its norm, in closed form
            if rows == 1:
                v = _unit(W[..., 0, :])
                u = np.ones(W.shape[:-2] + (1,))
            else:
                u = _unit(W[..., :, 0])
                v = np.ones(W.shape[:-2] + (1,))
        else:  # a diverging run's non-finite matrix has no SVD: its vectors are NaN
            finite = np.isfinite(W).all(axis=(-2, -1))
            left, _, right = np.linalg.svd(np.where(finite[..., None, None], W, 0.0))
            u = np.where(finite[..., None], left[..., :, 0], np.nan)
            v = np.where(finite[..., None], right[..., 0, :], np.nan)
        out[..., offset : offset + rows] = u
        out[..., offset + rows : offset + rows + cols] = v
    return out


def sigmas(params: np.ndarray, aux: np.ndarray, layout: tuple) -> list[np.ndarray]:
    """``sigma = u^T W v`` of each matrix, shape ``(*runs,)`` each."""
    values = []
    for item in layout:
        u, v = _vectors(aux, item)
        values.append(np.einsum("...i,...ij,...j->...", u, _matrix(params, item), v))
    return values


def normalize(params: np.ndarray, aux: np.ndarray, layout: tuple
              ) -> tuple[np.ndarray, list[np.ndarray]]:
    """``params`` with every weight matrix divided by its ``sigma = u^T W v``, and the
    sigmas (``u``, ``v`` from the auxiliary state ``aux``)."""
    lead = np.broadcast_shapes(params.shape[:-1], aux.shape[:-1])
    out = np.array(np.broadcast_to(params, lead + params.shape[-1:]))
    values = sigmas(params, aux, layout)
    with np.errstate(divide="ignore", invalid="ignore"):  # sigma = 0: NaN, diverged
        for item, sigma in zip(layout, values):
            start, stop = item[0], item[1]
            out[..., start:stop] /= sigma[..., None]
    return out, values


def backward(grad: np.ndarray, normalized: np.ndarray, aux: np.ndarray, values: list,
             layout: tuple) -> np.ndarray:
    """The gradient with respect to the raw parameters from ``grad = dL/d(normalized)``:
    ``(G - <G, W_SN> u v^T) / sigma`` on each weight matrix, unchanged elsewhere."""
    out = np.array(grad)
    for item, sigma in zip(layout, values):
        start, stop, rows, cols, _ = item
        G = grad[..., start:stop]
        inner = np.sum(G * normalized[..., start:stop], axis=-1)
        u, v = _vectors(aux, item)
        outer = (u[..., :, None] * v[..., None, :]).reshape(u.shape[:-1] + (rows * cols,))
        with np.errstate(divide="ignore", invalid="ignore"):
            out[..., start:stop] = (G - inner[..., None] * outer) / sigma[..., None]
    return out
