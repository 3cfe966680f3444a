"""Central finite differences, the independent check of every hand-derived gradient of
the GAN tests (imported by them; pytest puts this folder on ``sys.path``)."""

import numpy as np


def finite_difference(fn, params, step=1e-6):
    """Gradient of the scalar ``fn`` at ``params`` by central differences (step ``step``);
    error O(step^2) times the third derivative."""
    grad = np.zeros_like(params)
    for index in np.ndindex(params.shape):
        plus, minus = params.copy(), params.copy()
        plus[index] += step
        minus[index] -= step
        grad[index] = (fn(plus) - fn(minus)) / (2 * step)
    return grad


def relative_error(a, b):
    """Max-norm error of ``a`` against ``b``, relative to ``b`` (floored at 1e-8)."""
    return np.abs(a - b).max() / max(np.abs(b).max(), 1e-8)
