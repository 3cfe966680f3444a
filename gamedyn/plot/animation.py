"""Animations of results: a trajectory's path growing in the phase plane, a GAN run's
densities and discriminator over training. matplotlib is imported inside the function.

The animations are :class:`matplotlib.animation.FuncAnimation` objects drawn on a plain
:class:`matplotlib.figure.Figure` (no pyplot state, safe under the Agg backend). In a
notebook show one with ``IPython.display.HTML(anim.to_jshtml())``; save one as a GIF with
``anim.save("path.gif", writer="pillow")`` (Pillow comes with matplotlib).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from gamedyn._validation import as_real_array, check_positive, check_positive_int

__all__ = ["animate"]


def _animation(figure: Any, update: Any, indices: np.ndarray, interval: float) -> Any:
    """A FuncAnimation on a plain Figure, its first frame drawn, that does not warn when
    deleted unrendered (matplotlib's warning is for pyplot windows that never showed; here
    nothing is lost: the figure is drawn on demand by ``save`` or ``to_jshtml``)."""
    from matplotlib.animation import FuncAnimation

    class _Quiet(FuncAnimation):
        frame_states: np.ndarray
        _fig: Any  # set by Animation.__init__ (matplotlib's stubs do not declare it)

        @property
        def figure(self) -> Any:
            """The :class:`matplotlib.figure.Figure` the animation draws on."""
            return self._fig

        def __del__(self) -> None:
            pass

    update(0)
    anim = _Quiet(figure, update, frames=len(indices), interval=interval, blit=False,
                  cache_frame_data=False)
    anim.frame_states = indices
    return anim


#: the default number of frames at most: every saved record up to this many, else this
#: many spread evenly (150 frames at 100 ms make a 15 s animation whose HTML stays well
#: under matplotlib's 20 MB ``animation.embed_limit``)
MAX_FRAMES = 150


def _frame_indices(count: int, frames: Any) -> np.ndarray:
    """``frames`` indices into ``count`` saved records, evenly spread, first and last
    included (when ``frames`` is None: every record, or ``MAX_FRAMES`` of them if there
    are more)."""
    if frames is None:
        if count <= MAX_FRAMES:
            return np.arange(count)
        frames = MAX_FRAMES
    frames = check_positive_int(frames, "frames")
    if frames > count:
        raise ValueError(f"`frames` must be at most the number of saved records ({count}); "
                         f"got {frames}.")
    if frames == 1:
        return np.array([count - 1])
    return np.round(np.linspace(0, count - 1, frames)).astype(int)


def animate(result: Any, *, frames: int | None = None, interval: float = 100.0,
            point: Any = "auto", size: float = 3.6) -> Any:
    """Animate a :class:`~gamedyn.dynamics.Trajectory` or a :class:`~gamedyn.gan.GANRun`.

    * A trajectory with two coordinates (``n = 2``): the phase plane, the path of each
      start growing frame by frame, with the method, its step size and the spectral radius
      ``rho`` of its update map at the game's fixed point in the title (for a flow, the
      largest real part of the Jacobian's eigenvalues instead; the flow contracts when it
      is negative). ``rho < 1``: the iterates approach the point, ``rho > 1``: they leave
      it (Mescheder, Nowozin & Geiger 2017, "The Numerics of GANs", Section 3).
    * A GAN run: the data density, the generator's density and ``D(x)`` at each logged
      round (the picture of Goodfellow et al. 2014, Figure 1). The generator's density is
      the histogram (120 bins) of its images of 20,000 latent quantiles
      ``Phi^-1((i + 1/2) / 20000)``; ``D`` is the discriminator as it sees its parameters
      (spectral normalization applied, :meth:`GANGame.discriminator_view`). For an
      ensemble, run 0 is drawn. The y-axis is fixed for the whole animation and covers
      every frame's data density, generator density and ``D``.

    Parameters
    ----------
    result : Trajectory or GANRun
        A trajectory from :func:`~gamedyn.simulate` or :func:`~gamedyn.flow` on a game
        with two coordinates (any batch of starts: one path each), or a run from
        :func:`gamedyn.gan.train`.
    frames : int, optional
        Number of frames, at most the number of saved states (logged rounds for a GAN
        run); frame ``k`` shows the record ``round(k (count - 1) / (frames - 1))``, so the
        first and last records are always shown. Default: every record, or 150 of them
        spread evenly when there are more (``gamedyn.plot.animation.MAX_FRAMES``), which
        keeps the animation short and its HTML under matplotlib's 20 MB embed limit.
    interval : float
        Delay between frames in milliseconds (positive).
    point : array_like of shape (2,), "auto" or None
        Trajectories only: the fixed point whose spectral radius is shown. ``"auto"``
        (default) takes the stationary point (:func:`gamedyn.stability.find_stationary_points`
        on the box of the path, 5 starts per axis) nearest the path's last state, and
        shows none if none is found; None shows none. Ignored for a GAN run.
    size : float
        Figure height in inches (positive).

    Returns
    -------
    matplotlib.animation.FuncAnimation
        ``anim.figure`` is the :class:`~matplotlib.figure.Figure` it draws on (e.g. to
        add a caption, or ``anim.figure.savefig`` for a still of the first frame);
        ``anim.frame_states`` holds, per frame, the record index drawn (trajectory states
        or history rows).

    Raises
    ------
    TypeError
        If ``result`` is neither a Trajectory nor a GANRun, or an argument has the wrong
        type.
    ValueError
        If the trajectory does not have two coordinates, ``frames`` is not a positive int
        at most the record count, ``interval`` or ``size`` not positive, or ``point`` not
        two finite numbers.

    References
    ----------
    Goodfellow et al. (2014), "Generative Adversarial Nets", NeurIPS, Figure 1.
    Mescheder, Nowozin & Geiger (2017), "The Numerics of GANs", NeurIPS, Section 3.

    Examples
    --------
    >>> import gamedyn as gd
    >>> traj = gd.simulate(gd.games.bilinear(), "extragradient", [1.0, 0.0], 40)
    >>> anim = gd.plot.animate(traj, frames=10, point=[0.0, 0.0])
    >>> len(anim.frame_states), int(anim.frame_states[-1])
    (10, 40)
    >>> anim.figure.axes[0].get_xlabel()
    'x (player 1)'
    """
    from gamedyn.dynamics import Trajectory
    from gamedyn.gan import GANRun

    interval = check_positive(interval, "interval")
    size = check_positive(size, "size")
    if not (point is None or (isinstance(point, str) and point == "auto")):
        if isinstance(point, str):
            raise ValueError(f"`point` must be 'auto', None or two numbers; got {point!r}.")
        point = as_real_array(point, "point")
        if point.shape != (2,):
            raise ValueError(f"`point` must have shape (2,); got shape {point.shape}.")
    if isinstance(result, Trajectory):
        return _animate_trajectory(result, frames, interval, point, size)
    if isinstance(result, GANRun):
        return _animate_gan_run(result, frames, interval, size)
    raise TypeError(f"`result` must be a Trajectory or a GANRun; got {type(result).__name__}.")


def _fixed_point(traj: Any, point: Any, flat: np.ndarray) -> np.ndarray | None:
    from gamedyn.stability import find_stationary_points

    if point is None:
        return None
    if isinstance(point, str):  # "auto", checked by animate
        finite = flat[np.all(np.isfinite(flat), axis=-1)]
        if len(finite) == 0:
            return None
        low, high = finite.min(axis=0), finite.max(axis=0)
        pad = np.maximum(0.1 * (high - low), 0.5)
        found = find_stationary_points(traj.game, np.c_[low - pad, high + pad], grid=5)
        if not found:
            return None
        points = np.array([z for z, _ in found])
        last = finite[-1]
        return points[np.argmin(np.linalg.norm(points - last, axis=-1))]
    return point


def _animate_trajectory(traj: Any, frames: Any, interval: float, point: Any,
                        size: float) -> Any:
    from matplotlib.figure import Figure

    from gamedyn.stability import analyze

    states = np.asarray(traj.states, dtype=float)
    if states.shape[-1] != 2:
        raise ValueError("`result` must be a trajectory with two coordinates (n = 2) to "
                         f"animate its phase plane; got n = {states.shape[-1]}.")
    paths = states.reshape(len(states), -1, 2)  # (records, starts, 2)
    indices = _frame_indices(len(states), frames)
    point = _fixed_point(traj, point, paths.reshape(-1, 2))
    times = np.asarray(traj.times)
    is_flow = bool(getattr(traj, "continuous", False))
    if is_flow:
        method = traj.method_label
    else:
        lr = getattr(traj.dynamics, "lr", None)
        method = f"{type(traj.dynamics).__name__}" + (f", η = {_format_lr(lr)}"
                                                      if lr is not None else "")
    rate = ""
    if point is not None:
        report = analyze(traj.game, point, None if is_flow else traj.dynamics)
        if is_flow:
            rate = f"\nmax Re λ = {np.max(np.real(report.game_eigenvalues)):+.4f}"
        else:
            rate = f"\nρ = {report.spectral_radius:.4f} at ({point[0]:.2g}, {point[1]:.2g})"

    figure = Figure(figsize=(size, size), layout="constrained")
    ax = figure.add_subplot()
    finite = paths[np.all(np.isfinite(paths), axis=-1)]
    if len(finite):
        low, high = finite.min(axis=0), finite.max(axis=0)
        pad = np.maximum(0.08 * (high - low), 0.1)
        ax.set_xlim(low[0] - pad[0], high[0] + pad[0])
        ax.set_ylim(low[1] - pad[1], high[1] + pad[1])
    if point is not None:
        ax.plot(*point, "k+", ms=9, zorder=3)
    lines = [ax.plot([], [], color=f"C{i % 10}", lw=1.0)[0] for i in range(paths.shape[1])]
    heads = [ax.plot([], [], "o", color=f"C{i % 10}", ms=4)[0] for i in range(paths.shape[1])]
    ax.set_xlabel("x (player 1)")
    ax.set_ylabel("y (player 2)")
    title = ax.set_title("", fontsize=8)
    label = "t" if is_flow else "round"

    def update(k: int) -> list:
        index = indices[k]
        for i, (line, head) in enumerate(zip(lines, heads)):
            line.set_data(paths[: index + 1, i, 0], paths[: index + 1, i, 1])
            head.set_data(paths[index : index + 1, i, 0], paths[index : index + 1, i, 1])
        when = f"{times[index]:.2f}" if is_flow else f"{times[index]}"
        title.set_text(f"{method}, {label} {when}{rate}")
        return [*lines, *heads, title]

    return _animation(figure, update, indices, interval)


def _format_lr(lr: Any) -> str:
    values = np.ravel(np.asarray(lr, dtype=float))
    if values.size and np.all(values == values[0]):
        return f"{values[0]:g}"
    return "(" + ", ".join(f"{v:g}" for v in values) + ")"


def _animate_gan_run(run: Any, frames: Any, interval: float, size: float) -> Any:
    from matplotlib.figure import Figure
    from scipy.special import ndtri

    from gamedyn.gan.losses import sigmoid

    history = run.history
    steps = np.asarray(history["step"])
    params_g = np.asarray(history["params_g"], dtype=float)
    params_d = np.asarray(history["params_d"], dtype=float)
    ensemble = params_g.ndim > 2
    if ensemble:  # first axis: records, then the run axes, then parameters
        params_g = params_g.reshape(len(steps), -1, params_g.shape[-1])[:, 0]
        params_d = params_d.reshape(len(steps), -1, params_d.shape[-1])[:, 0]
    jsd = np.asarray(history["jsd"], dtype=float).reshape(len(steps), -1)[:, 0]
    indices = _frame_indices(len(steps), frames)
    target = run.target
    low = float((target.means - 4 * target.stds).min())
    high = float((target.means + 4 * target.stds).max())
    x = np.linspace(low, high, 300)
    edges = np.linspace(low, high, 121)
    centres = 0.5 * (edges[1:] + edges[:-1])
    latent = ndtri((np.arange(20_000) + 0.5) / 20_000)

    def densities(index: int) -> tuple[np.ndarray, np.ndarray]:
        fake = run.generator.forward(params_g[index], latent)[0]
        counts, _ = np.histogram(fake, bins=edges)
        density = counts / (len(latent) * np.diff(edges))  # mass outside the box left out
        view = params_d[index] if run.game is None else run.game.discriminator_view(
            params_d[index])
        return density, sigmoid(run.discriminator.forward(view, x)[0])

    # every frame's curves up front: the y-axis covers them all and does not jump
    drawn = [densities(index) for index in indices]
    data_pdf = target.pdf(x)
    with np.errstate(invalid="ignore"):
        top = np.nanmax([float(data_pdf.max()), *(float(np.nanmax(np.r_[g, d, 0.0]))
                                                  for g, d in drawn)])
    figure = Figure(figsize=(1.4 * size, size), layout="constrained")
    ax = figure.add_subplot()
    ax.plot(x, data_pdf, "k--", lw=1.0, label="data")
    generator_line = ax.plot([], [], color="C2", lw=1.2, label="generator")[0]
    d_line = ax.plot([], [], color="C0", lw=1.2, label="D(x)")[0]
    ax.axhline(0.5, color="0.7", lw=0.6)
    ax.set_xlim(low, high)
    ax.set_ylim(0, 1.08 * max(1.0, float(top)))  # room for the legend
    ax.set_xlabel("x")
    ax.legend(fontsize=7, loc="upper left")
    title = ax.set_title("", fontsize=8)
    which = " (run 0)" if ensemble else ""

    def update(k: int) -> list:
        index = indices[k]
        density, d = drawn[k]
        generator_line.set_data(centres, density)
        d_line.set_data(x, d)
        title.set_text(f"round {steps[index]}{which}: JSD {jsd[index]:.3f}")
        return [generator_line, d_line, title]

    return _animation(figure, update, indices, interval)
