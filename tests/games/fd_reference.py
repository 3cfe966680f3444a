"""An independent finite-difference reference for the games tests.

Five-point central differences, ``f'(x) ~ (-f(x+2h) + 8 f(x+h) - 8 f(x-h) + f(x-2h)) / 12h``
(truncation error ``h^4 f^(5) / 30``), written here so that the library's own numeric
differentiation is never checked against itself.
"""

import numpy as np


def derivative(fn, z, h=1e-3):
    """``d fn / d z`` for ``fn: (*batch, n) -> (*batch, *out)``; shape ``(*batch, *out, n)``."""
    z = np.asarray(z, dtype=float)
    columns = []
    for k in range(z.shape[-1]):
        step = np.zeros(z.shape[-1])
        step[k] = h
        values = [np.asarray(fn(z + c * step)) for c in (2, 1, -1, -2)]
        columns.append((-values[0] + 8 * values[1] - 8 * values[2] + values[3]) / (12 * h))
    return np.stack(columns, axis=-1)


def field_of(game, z, h=1e-3):
    """``(d u1 / dx, d u2 / dy)`` from the game's payoffs alone."""
    grad1 = derivative(lambda w: game.payoffs(w)[0], z, h)[..., : game.n1]
    grad2 = derivative(lambda w: game.payoffs(w)[1], z, h)[..., game.n1 :]
    return np.concatenate([grad1, grad2], axis=-1)
