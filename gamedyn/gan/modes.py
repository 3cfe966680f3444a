"""Where the generator's mass sits relative to a mixture's modes, over training."""

from __future__ import annotations

from typing import Any

import numpy as np

from gamedyn._validation import (
    as_generator,
    as_real_array,
    check_allocation,
    check_positive_int,
    check_real,
    renamed,
)
from gamedyn.gan.targets import Mixture, as_target
from gamedyn.gan.train import _MISSING, GANRun

__all__ = ["mode_hops", "mode_mass", "mode_swing"]


def mode_mass(run: Any, target: Mixture | None = None, samples: int = 2000,
              rng: Any = 0, *, seed: Any = _MISSING) -> np.ndarray:
    """Fraction of generator samples nearest to each mixture component, per logged step.

    A sample ``x`` belongs to the component ``k`` minimizing ``|x - m_k| / s_k``; the
    same ``samples`` latent draws (from ``rng``) are pushed through every logged
    generator, so changes over time are the generator's, not sampling noise.

    Parameters
    ----------
    run : GANRun
        A single run or an ensemble; its ``history["params_g"]`` is replayed.
    target : Mixture, optional
        Defaults to ``run.target``.
    samples : int, default 2000
        Latent draws pushed through each logged generator.
    rng : Generator, int, SeedSequence or None
        Draws the latent samples (``seed`` is its deprecated alias).
    seed : optional
        Deprecated alias of ``rng``.

    Returns
    -------
    ndarray, shape (logged steps, [runs,] components)
        Rows sum to 1; a generator covering a two-mode target evenly has ``(w0, w1)``,
        one that hops between modes swings between ``(1, 0)`` and ``(0, 1)``.

    Raises
    ------
    TypeError, ValueError
        For a ``run`` that is not a GANRun, a bad ``target``, or ``samples`` that is not
        a positive int (or asks for more than ``MAX_ELEMENTS`` draws in all).

    References
    ----------
    Metz, L., Poole, B., Pfau, D. & Sohl-Dickstein, J. (2017). Unrolled generative
    adversarial networks. ICLR, Section 3.1 (a generator hopping between the modes of a
    Gaussian mixture).

    Examples
    --------
    >>> import gamedyn as gd
    >>> run = gd.gan.train((1.0, 0.5), steps=20, rng=0)
    >>> two_modes = gd.gan.Mixture([0.5, 0.5], [-1.0, 1.0], [0.5, 0.5])
    >>> mass = gd.gan.mode_mass(run, two_modes, samples=100)
    >>> mass.shape, bool(abs(mass.sum(axis=-1) - 1).max() < 1e-12)
    ((2, 2), True)
    """
    rng = renamed(seed, "seed", rng, "rng", rng != 0)
    if not isinstance(run, GANRun):
        raise TypeError(f"`run` must be a GANRun (the result of gamedyn.gan.train); got "
                        f"{type(run).__name__}.")
    target = run.target if target is None else as_target(target)
    samples = check_positive_int(samples, "samples")
    check_allocation(run.history["params_g"].shape[:-1] + (samples,), "samples")
    z = as_generator(rng, "rng").standard_normal(samples)
    params = run.history["params_g"]
    x = run.generator.forward(params, np.broadcast_to(z, params.shape[:-1] + (samples,)))[0]
    nearest = np.argmin(np.abs(x[..., None] - target.means) / target.stds, axis=-1)
    return np.stack([(nearest == k).mean(-1) for k in range(len(target.means))], axis=-1)


def mode_hops(mass: np.ndarray, threshold: float = 0.9) -> np.ndarray:
    """How often the generator moves all its mass from one mode to another.

    A logged step is *on mode k* when more than ``threshold`` of the mass is nearest
    component ``k`` (see :func:`mode_mass`); a hop is a change between two such
    states, however long the generator spends in between. A generator that settles
    on one mode, or spreads over several, makes no hops; one that oscillates between
    modes makes many.

    Parameters
    ----------
    mass : ndarray, shape (logged steps, [runs,] components)
        The output of :func:`mode_mass`.
    threshold : float in (1/2, 1)
        The share of the mass that puts a logged step on a mode.

    Returns
    -------
    ndarray of int, shape ([runs])
        The number of hops (an int array, 0-d for one run).

    References
    ----------
    Metz, L., Poole, B., Pfau, D. & Sohl-Dickstein, J. (2017). Unrolled generative
    adversarial networks. ICLR, Section 3.1 (a generator hopping between the modes of a
    Gaussian mixture).

    Examples
    --------
    >>> import numpy as np
    >>> from gamedyn.gan import mode_hops
    >>> mass = np.array([[1.0, 0.0], [0.5, 0.5], [0.0, 1.0], [0.95, 0.05]])
    >>> int(mode_hops(mass))                # mode 0 -> mode 1 -> mode 0
    2
    """
    mass = _as_mass(mass)
    threshold = check_real(threshold, "threshold")
    if not 0.5 < threshold < 1:
        raise ValueError(f"`threshold` must lie in (1/2, 1); got {threshold}.")
    on_mode = np.where(mass.max(-1) > threshold, mass.argmax(-1), -1)
    # carry the last mode forward through the steps in between
    steps = np.arange(len(on_mode)).reshape((-1,) + (1,) * (on_mode.ndim - 1))
    last = np.maximum.accumulate(np.where(on_mode >= 0, steps, 0), axis=0)
    held = np.take_along_axis(on_mode, last, axis=0)
    return np.sum((held[1:] != held[:-1]) & (held[:-1] >= 0), axis=0)


def mode_swing(mass: np.ndarray, burn_in: float = 0.25) -> np.ndarray:
    """Mass moved between modes after a burn-in: ``sum_t 1/2 sum_k |m_{t+1,k} - m_{t,k}|``.

    The total variation of the mode masses over the logged steps after the first
    ``burn_in`` fraction of them, in units of the whole mass: 1 means the generator
    moved all its mass once (or half of it twice). An oscillating generator swings a
    lot; one that has settled (on one mode or on several) hardly at all. Unlike
    :func:`mode_hops` it also sees oscillations that never put all the mass on one mode.

    Parameters
    ----------
    mass : ndarray, shape (logged steps, [runs,] components)
        The output of :func:`mode_mass`.
    burn_in : float in [0, 1)
        Fraction of the logged steps to skip (the initial move away from the start).

    Returns
    -------
    ndarray, shape ([runs])
        The mass moved, in units of the whole mass (0-d for one run).

    References
    ----------
    Metz, L., Poole, B., Pfau, D. & Sohl-Dickstein, J. (2017). Unrolled generative
    adversarial networks. ICLR, Section 3.1 (a generator hopping between the modes of a
    Gaussian mixture).

    Examples
    --------
    >>> import numpy as np
    >>> from gamedyn.gan import mode_swing
    >>> mass = np.array([[1.0, 0.0], [0.5, 0.5], [0.0, 1.0], [0.95, 0.05]])
    >>> round(float(mode_swing(mass, burn_in=0.0)), 12)   # 0.5 + 0.5 + 0.95
    1.95
    """
    mass = _as_mass(mass)
    burn_in = check_real(burn_in, "burn_in")
    if not 0 <= burn_in < 1:
        raise ValueError(f"`burn_in` must lie in [0, 1); got {burn_in}.")
    late = mass[int(burn_in * len(mass)):]
    return 0.5 * np.abs(np.diff(late, axis=0)).sum(axis=(0, -1))


def _as_mass(mass: np.ndarray) -> np.ndarray:
    """``mass`` as a float array of shape ``(steps, [runs,] components)``, or raise."""
    mass = as_real_array(mass, "mass")
    if mass.ndim not in (2, 3):
        raise ValueError(f"`mass` must have shape (steps, [runs,] components); got {mass.shape}.")
    if np.any(mass < 0) or np.any(np.abs(mass.sum(-1) - 1) > 1e-6):
        raise ValueError("`mass` must hold fractions: entries >= 0, each row summing to 1 "
                         "(the output of mode_mass).")
    return mass
