"""Drawings of results: a :class:`~gamedyn.dynamics.Trajectory`, a GAN run, a step-size
region. The results' own ``plot()`` methods call these (the one place where a lower layer
reaches up to ``plot/``, at call time only: the drawing has no maths of its own)."""

from __future__ import annotations

from typing import Any

import numpy as np

from gamedyn.plot.drawings import _axes, trajectory

__all__ = ["plot_trajectory", "plot_gan_run", "plot_step_sizes"]

#: the indicators a GAN run's plot draws by default, with their labels
_GAN_CURVES = {"d_real": "D(real)", "d_fake": "D(fake)", "value": "V", "jsd": "JSD"}
#: history keys holding a model's parameters (last axis), with that model's attribute
_PARAMETERS = {"params_g": ("generator", "G"), "params_d": ("discriminator", "D")}


def _curve_labels(run: Any, key: str, count: int) -> list[str]:
    """One legend label per curve of ``key``: the indicator's name, or per parameter its
    name when the model gives ``param_names`` (else its index)."""
    if key not in _PARAMETERS and count == 1:
        return [_GAN_CURVES.get(key, key)]
    attribute, player = _PARAMETERS.get(key, (None, key))
    names = getattr(getattr(run, attribute, None), "param_names", None) if attribute else None
    if names is None or len(names) != count:
        names = [f"[{k}]" for k in range(count)]
        return [f"{key}{name}" for name in names]
    return [f"{player}: {name}" for name in names]


def plot_trajectory(traj: Any, *, ax: Any = None, **kwargs: Any) -> Any:
    """Draw a trajectory: the phase plane for two coordinates, else coordinates against rounds.

    For ``n = 2`` the phase plane; else each coordinate against the round (the time for
    a flow). The title names the method with its step sizes, or for a result of
    :func:`~gamedyn.flow` says "flow (ODE solution)" (``traj.method_label``).

    Parameters
    ----------
    traj : Trajectory
        A result of :func:`~gamedyn.simulate` or :func:`~gamedyn.flow` (any batch: one
        line per start).
    ax : matplotlib Axes, optional
        Drawn on a new pyplot-managed figure when omitted.
    **kwargs
        Passed to :meth:`matplotlib.axes.Axes.plot`.

    Returns
    -------
    matplotlib Axes
        The axes drawn on.

    Raises
    ------
    TypeError
        If ``traj`` is not a Trajectory or ``ax`` not an Axes.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import gamedyn as gd
    >>> traj = gd.simulate(gd.games.bilinear(), "extragradient", [1.0, 0.0], 50)
    >>> traj.plot().get_xlabel()
    'x (player 1)'
    """
    from gamedyn.dynamics import Trajectory

    if not isinstance(traj, Trajectory):
        raise TypeError(f"`traj` must be a Trajectory; got {type(traj).__name__}.")
    states = np.asarray(traj.states, dtype=float)
    n = states.shape[-1]
    flat = states.reshape(len(states), -1, n)
    if n == 2:
        ax = trajectory(flat, ax=ax, **kwargs)
        ax.set_xlabel("x (player 1)")
        ax.set_ylabel("y (player 2)")
    else:
        ax = _axes(ax)
        times = np.asarray(traj.times, dtype=float)
        for i in range(n):
            ax.plot(times, flat[:, :, i], color=f"C{i % 10}", lw=1.0,
                    label=f"z[{i}]", **kwargs)
        handles, labels = ax.get_legend_handles_labels()
        unique = dict(zip(labels, handles))
        ax.legend(unique.values(), unique.keys(), fontsize="small")
        ax.set_xlabel("round" if np.issubdtype(np.asarray(traj.times).dtype, np.integer)
                      else "time")
        ax.set_ylabel("coordinate")
    ax.set_title(traj.method_label[:60], fontsize="small")
    return ax


def plot_gan_run(run: Any, *, ax: Any = None, keys: Any = None) -> Any:
    """Draw a GAN run's indicators over training.

    D(real) and D(fake) (both tend to 1/2), V (tends to ``-log 4``) and the JSD to the
    target (tends to 0); ensembles draw the mean over runs with the 10-90% band.
    Parameter keys (``"params_g"``, ``"params_d"``) draw one curve per parameter,
    labelled by its name when the model has ``param_names`` (the affine generator's
    ``mu``, ``log s``), else by its index (``params_g[3]``); ensembles draw per parameter
    the median over runs with the 10-90% band.

    Parameters
    ----------
    run : GANRun
        A result of :func:`gamedyn.gan.train`.
    ax : matplotlib Axes, optional
        Drawn on a new pyplot-managed figure when omitted.
    keys : sequence of str, optional
        History keys to draw (default ``("d_real", "d_fake", "value", "jsd")``); each
        parameter of ``"params_g"`` and ``"params_d"`` is one curve.

    Returns
    -------
    matplotlib Axes
        The axes drawn on.

    Raises
    ------
    TypeError, ValueError
        If ``run`` is not a GANRun, or a key is not in its history.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import gamedyn as gd
    >>> run = gd.gan.train((1.0, 0.5), steps=20, rng=0)
    >>> run.plot().get_xlabel()
    'round'
    """
    from gamedyn.gan import GANRun

    if not isinstance(run, GANRun):
        raise TypeError(f"`run` must be a GANRun; got {type(run).__name__}.")
    keys = tuple(_GAN_CURVES) if keys is None else keys
    if not isinstance(keys, (list, tuple)) or not all(isinstance(key, str) for key in keys):
        raise TypeError(f"`keys` must be a sequence of history keys; got {keys!r}.")
    missing = [key for key in keys if key not in run.history]
    if missing:
        raise ValueError(f"`keys` {missing} are not in the run's history (it has "
                         f"{sorted(run.history)}).")
    ax = _axes(ax)
    steps = np.asarray(run.history["step"], dtype=float).reshape(len(run.history["step"]), -1)
    steps = steps[:, 0]
    runs = int(np.prod(np.shape(run.status), dtype=int))  # history: (records, *runs, *own)
    index = 0
    for key in keys:
        values = np.asarray(run.history[key], dtype=float).reshape(len(steps), runs, -1)
        labels = _curve_labels(run, key, values.shape[-1])
        for k, label in enumerate(labels):
            color = f"C{index % 10}"
            index += 1
            curve = values[:, :, k]
            with np.errstate(all="ignore"):
                if runs == 1:
                    ax.plot(steps, curve[:, 0], color=color, label=label)
                    continue
                # scalar indicators: the mean over runs; parameters: the median (a
                # parameter's runs may split between modes, where a mean lies in neither)
                centre = np.nanmedian(curve, axis=1) if values.shape[-1] > 1 or \
                    key in _PARAMETERS else np.nanmean(curve, axis=1)
                ax.plot(steps, centre, color=color, label=label)
                low, high = np.nanpercentile(curve, [10, 90], axis=1)
                ax.fill_between(steps, low, high, color=color, alpha=0.2, lw=0)
    if "d_real" in keys or "d_fake" in keys:
        ax.axhline(0.5, color="0.6", lw=0.6, ls=":")
    if "value" in keys:
        ax.axhline(-np.log(4.0), color="0.6", lw=0.6, ls="--")
    ax.set_xlabel("round")
    ax.legend(fontsize="small")
    return ax


def plot_step_sizes(region: Any, *, ax: Any = None) -> Any:
    """Draw a step-size region: where the update map contracts (``rho < 1``).

    The intervals of step sizes are shaded on the step-size axis; for a two-timescale
    region the spectral radius is drawn over ``(lr1, lr2)`` with its level line
    ``rho = 1``.

    Parameters
    ----------
    region : StepSizeRegion
        A result of :func:`gamedyn.stability.stable_step_sizes`.
    ax : matplotlib Axes, optional
        Drawn on a new pyplot-managed figure when omitted.

    Returns
    -------
    matplotlib Axes
        The axes drawn on.

    Raises
    ------
    TypeError
        If ``region`` is not a StepSizeRegion.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import gamedyn as gd
    >>> region = gd.stability.stable_step_sizes(gd.games.dirac_gan(r1=1.0), [0, 0])
    >>> region.plot().get_xlabel()
    'step size eta'
    """
    from gamedyn.stability import StepSizeRegion

    if not isinstance(region, StepSizeRegion):
        raise TypeError(f"`region` must be a StepSizeRegion; got {type(region).__name__}.")
    ax = _axes(ax)
    if region.spectral_radius is not None:
        mesh = ax.pcolormesh(region.lr1, region.lr2, region.spectral_radius, cmap="viridis",
                             shading="auto")
        ax.contour(region.lr1, region.lr2, region.spectral_radius, levels=[1.0],
                   colors="w", linewidths=1.0)
        ax.figure.colorbar(mesh, ax=ax, label="spectral radius rho")
        ax.set_xlabel("lr1 (player 1)")
        ax.set_ylabel("lr2 (player 2)")
        ax.set_title(f"{region.method}: rho < 1 inside the white line", fontsize="small")
        return ax
    ends = [high for _, high in region.intervals if np.isfinite(high)]
    lows = [low for low, _ in region.intervals]
    top = 1.25 * max(ends + lows) if ends or any(lows) else 1.0
    for low, high in region.intervals:
        ax.axvspan(low, min(high, top), color="C2", alpha=0.3, lw=0,
                   label="rho < 1" if low == region.intervals[0][0] else None)
        for end in (low, high):
            if np.isfinite(end) and end > 0:
                ax.axvline(end, color="C2", lw=0.8)
    ax.set_xlim(0.0, top)
    ax.set_yticks([])
    ax.set_xlabel("step size eta")
    text = ", ".join(f"({low:.3g}, {high:.3g})" for low, high in region.intervals) or "none"
    ax.set_title(f"{region.method}: stable step sizes {text}", fontsize="small")
    return ax
