"""Where the generator's mass sits relative to a mixture's modes, over training."""

from __future__ import annotations

import numpy as np

from gamedyn.gan.targets import Mixture

__all__ = ["mode_mass"]


def mode_mass(run, target: Mixture | None = None, samples: int = 2000,
              seed: int = 0) -> np.ndarray:
    """Fraction of generator samples nearest to each mixture component, per logged step.

    Parameters
    ----------
    run : GANRun
        A single (non-ensemble) run; its ``history["params_g"]`` is replayed.
    target : Mixture, optional
        Defaults to ``run.target``.

    Returns
    -------
    ndarray, shape (logged steps, components)
        Rows sum to 1; a generator covering a two-mode target evenly has ``(w0, w1)``,
        one that hops between modes swings between ``(1, 0)`` and ``(0, 1)``.
    """
    target = run.target if target is None else target
    z = np.random.default_rng(seed).standard_normal(samples)
    params = run.history["params_g"]
    if params.ndim != 2:
        raise ValueError("`run` must be a single run, not an ensemble.")
    x = run.generator.forward(params, np.broadcast_to(z, (len(params), samples)))[0]
    nearest = np.argmin(np.abs(x[..., None] - target.means) / target.stds, axis=-1)
    return np.stack([(nearest == k).mean(-1) for k in range(len(target.means))], axis=-1)
