"""Running dynamics: :func:`simulate` (discrete rounds) and :func:`flow` (continuous time).

Both return a :class:`Trajectory`: time-major states ``(n_saved, *batch, n)``, a
:class:`~gamedyn.Status` per start (``CONVERGED``, ``DIVERGED`` or ``RUNNING``) and a
message saying what happened and what to try. Divergence is data: a diverging start is
frozen at its last state within the bound, never filled with NaN, and no floating-point
warning escapes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

import numpy as np

from gamedyn._progress import check_progress, progress_bar, shows_progress
from gamedyn._status import Status
from gamedyn._validation import (
    MAX_ELEMENTS,
    as_real_array,
    check_allocation,
    check_choice,
    check_nonnegative,
    check_positive,
    check_positive_int,
    readonly,
)
from gamedyn.dynamics.base import FAILURES, Dynamics, DynamicsState, GradientState, as_rng
from gamedyn.dynamics.gradient import Simultaneous
from gamedyn.dynamics.matrix import Replicator
from gamedyn.dynamics.registry import resolve
from gamedyn.games.bimatrix import BimatrixGame

__all__ = ["Trajectory", "simulate", "flow"]

STATUSES = (Status.CONVERGED, Status.DIVERGED, Status.FAILED, Status.RUNNING)
ODE_METHODS = ("RK45", "RK23", "DOP853", "Radau", "BDF", "LSODA")
_IMPLICIT = ("Radau", "BDF", "LSODA")
_MIN_RTOL = 100 * float(np.finfo(float).eps)  # scipy's solvers raise smaller rtol to it


@dataclass(frozen=True, eq=False, repr=False)
class Trajectory:
    """The result of :func:`simulate` or :func:`flow` (arrays are read-only).

    Attributes
    ----------
    states : ndarray, shape (n_saved, *batch, n)
        Saved states, time-major. After a start converges or diverges its rows repeat
        the state it was frozen at; after an early stop (every start finished) the
        remaining rows repeat the final states, so the shape never depends on the run.
    times : ndarray, shape (n_saved,)
        Round numbers (``simulate``: multiples of ``save_every``) or times (``flow``).
    status : ndarray of Status, shape (*batch,)
        An object array of :class:`~gamedyn.Status` members (0-d for one run):
        ``CONVERGED`` (the step's change, or for ``flow`` the field, fell below ``tol``),
        ``DIVERGED`` (max-norm above ``bound`` or not finite, or a non-finite entry of
        the method's memory, e.g. Adam's moments), ``FAILED`` (see ``failed_at``) or
        ``RUNNING``. Members are strings,
        so ``status == "converged"`` works.
    diverged_at : ndarray of int, shape (*batch,)
        ``simulate``: the round at which the start diverged (counted from the round of
        the start state, so a continued run keeps counting); ``flow``: the index into
        ``times`` of the first time past the divergence; ``-1`` if it did not diverge.
    converged_at : ndarray of int, shape (*batch,)
        Like ``diverged_at`` for convergence.
    message : str
        What happened and what to try.
    field_evaluations : int
        Evaluations of the (batched) field: per start for ``simulate``, calls of the
        right-hand side for ``flow``.
    dynamics : Dynamics
        The dynamics object that was played, for provenance. For :func:`flow`, the one
        whose continuous-time field was integrated (its step size plays no part; see
        ``continuous``).
    game : DifferentiableGame or BimatrixGame
        The game object itself.
    failed_at : ndarray of int, shape (*batch,)
        The round (``simulate``) or saved time index (``flow``) at which a start
        ``FAILED``: its method could not take the step (a singular implicit step) or the
        ODE solver could not proceed or ran out of its budget; ``-1`` otherwise. Such a
        start is frozen at its last state, like a diverged one.
    final_state : NamedTuple
        The dynamics' full state after the last round (``simulate``; for ``flow`` a
        ``GradientState``), batch shape as ``z0``; pass it as
        ``simulate(..., state=traj.final_state)`` to continue the run.
    continuous : bool
        True for a result of :func:`flow`: the states solve the ODE ``dz/dt = f(z)`` at
        the times ``times`` (no rounds, no step size); False for :func:`simulate`.
        :attr:`method_label` says so in titles and reprs.

    Examples
    --------
    >>> import gamedyn as gd
    >>> traj = gd.simulate(gd.games.bilinear(), "extragradient", [1.0, 0.0], 10)
    >>> traj.states.shape, str(traj.status), traj.final_state.t
    ((11, 2), 'running', 10)
    """

    states: np.ndarray
    times: np.ndarray
    status: np.ndarray
    diverged_at: np.ndarray
    converged_at: np.ndarray
    message: str
    field_evaluations: int
    dynamics: Any
    game: Any
    final_state: DynamicsState
    failed_at: np.ndarray | None = None
    continuous: bool = False

    @property
    def method_label(self) -> str:
        """What produced the states, for titles and reprs.

        The dynamics' repr for :func:`simulate` (``"Simultaneous(lr=(0.1, 0.1))"``); for
        :func:`flow`, ``"flow (ODE solution)"`` of the game's own field (the gradient
        field, or the replicator field of a bimatrix game), else ``"flow (ODE solution)
        of <the dynamics' field>"``, without step sizes, which play no part in a flow.
        """
        if not self.continuous:
            return repr(self.dynamics)
        if type(self.dynamics) in (Simultaneous, Replicator):
            return "flow (ODE solution)"
        own = [f"{name}={getattr(self.dynamics, name)!r}" for name in ("gamma", "lam")
               if hasattr(self.dynamics, name)]
        return (f"flow (ODE solution) of the {type(self.dynamics).__name__} field"
                + (f" ({', '.join(own)})" if own else ""))

    @property
    def final(self) -> np.ndarray:
        """The last state ``z``, shape ``(*batch, n)`` (also after an early stop)."""
        return self.final_state.z

    def average(self) -> np.ndarray:
        """Running time averages of the saved states, shape ``(n_saved, *batch, n)``.

        Row ``k`` is ``(1 / (k + 1)) sum_{s <= k} states[s]``; with ``save_every=1`` that
        is the time-averaged strategy ``(1 / (t + 1)) sum_{s <= t} z_s`` of rounds
        ``0..t`` of this run (counted from its first saved state), the quantity whose
        exploitability no-regret learning drives to 0 in zero-sum games (Freund &
        Schapire 1999). With ``save_every > 1`` it averages the saved rows only.

        Returns
        -------
        ndarray, shape (n_saved, *batch, n)
            A new array (convex combinations of the states: strategies stay on their
            simplices).

        Examples
        --------
        >>> import gamedyn as gd
        >>> traj = gd.simulate(gd.games.matching_pennies(), "best_response",
        ...                    [1.0, 0.0, 1.0, 0.0], 3)
        >>> traj.states[:, 0].tolist(), traj.average()[:, 0].tolist()
        ([1.0, 1.0, 0.0, 0.0], [1.0, 1.0, 0.6666666666666666, 0.5])
        """
        states = self.states
        count = np.arange(1, len(states) + 1, dtype=float).reshape((-1,) + (1,) * (
            states.ndim - 1))
        return np.cumsum(states, axis=0) / count

    @property
    def success(self) -> bool:
        """Whether every start converged."""
        return bool(np.all(self.status == Status.CONVERGED))

    def plot(self, ax: Any = None, **kwargs: Any) -> Any:
        """Draw this trajectory with :func:`gamedyn.plot.plot_trajectory`.

        Matplotlib is imported here.

        Parameters
        ----------
        ax : matplotlib.axes.Axes, optional
            Where to draw (default: a new pyplot-managed figure).
        **kwargs
            Passed to :func:`gamedyn.plot.plot_trajectory`.

        Returns
        -------
        matplotlib.axes.Axes
            The axes drawn on.
        """
        from gamedyn.plot.results import plot_trajectory

        return plot_trajectory(self, ax=ax, **kwargs)

    @property
    def game_name(self) -> str:
        """The game's name (for reprs and titles)."""
        return str(getattr(self.game, "name", type(self.game).__name__))

    def __repr__(self) -> str:
        labels, counts = np.unique(np.asarray(self.status, dtype=str), return_counts=True)
        tally = {str(label): int(count) for label, count in zip(labels, counts)}
        method = f"dynamics={self.dynamics!r}" if not self.continuous else self.method_label
        return (f"Trajectory(states shape {self.states.shape}, {method}, "
                f"game={self.game_name!r}, status counts {tally})")

    def __str__(self) -> str:
        batch = self.states.shape[1:-1]
        starts = f"{int(np.prod(batch))} start(s) {batch}" if batch else "1 start"
        return (f"Trajectory: {self.method_label} on {self.game_name!r}, {starts}, "
                f"{len(self.times)} saved states up to t = {self.times[-1]:g}, "
                f"{self.field_evaluations} field evaluations\n{self.message}")


def _merge(new: DynamicsState, old: DynamicsState, keep: np.ndarray) -> DynamicsState:
    """``new`` with the batch rows in ``keep`` taken from ``old`` (frozen starts)."""
    fields = []
    for new_field, old_field in zip(new, old):
        if isinstance(new_field, np.ndarray) and new_field.ndim >= 1 \
                and new_field.shape[0] == keep.shape[0]:
            mask = keep.reshape(keep.shape + (1,) * (new_field.ndim - 1))
            fields.append(np.where(mask, old_field, new_field))
        else:
            fields.append(new_field)
    return type(new)(*fields)


def _reshape_state(state: DynamicsState, batch_shape: tuple[int, ...]) -> DynamicsState:
    fields = []
    for value in state:
        if isinstance(value, np.ndarray) and value.ndim == 2:
            fields.append(readonly(value.reshape(batch_shape + value.shape[1:]).copy()))
        else:
            fields.append(value)
    return type(state)(*fields)


def _flatten_state(state: DynamicsState, batch_shape: tuple[int, ...], count: int) -> DynamicsState:
    """A state of batch shape ``batch_shape`` as a state of batch ``(count,)`` (copies)."""
    fields = []
    depth = len(batch_shape)
    for value in state[:-1]:
        array = np.array(value, dtype=float)
        fields.append(array.reshape((count,) + array.shape[depth:]))
    return type(state)(*fields, state[-1])


def _status_array(converged_at: np.ndarray, diverged_at: np.ndarray,
                  failed_at: np.ndarray | None = None) -> np.ndarray:
    status = np.empty(converged_at.shape, dtype=object)
    status.fill(Status.RUNNING)  # np.full would store plain str
    status[converged_at >= 0] = Status.CONVERGED
    status[diverged_at >= 0] = Status.DIVERGED
    if failed_at is not None:
        status[failed_at >= 0] = Status.FAILED
    return status


def _message(status: np.ndarray, diverged_at: np.ndarray, converged_at: np.ndarray,
             horizon: str, tol: float, bound: float, dynamics: Dynamics,
             failed_at: np.ndarray | None = None, failures: Any = None,
             hint: str | None = None) -> str:
    total = status.size
    parts = []
    converged = status == Status.CONVERGED
    diverged = status == Status.DIVERGED
    running = status == Status.RUNNING
    if converged.any():
        parts.append(f"{converged.sum()} of {total} runs converged (change below {tol:g}) "
                     f"by {horizon} {converged_at[converged].max()}.")
    if diverged.any():
        hint = hint or dynamics.divergence_hint()
        parts.append(f"{diverged.sum()} of {total} runs diverged (norm above {bound:g} or "
                     f"not finite, first at {horizon} {diverged_at[diverged].min()}): {hint}.")
    if running.any():
        parts.append(f"{running.sum()} of {total} runs still running (neither converged nor "
                     "diverged): run longer, loosen `tol`, or the dynamics cycles.")
    failed = status == Status.FAILED
    if failed.any() and failed_at is not None:
        parts.append(f"{failed.sum()} of {total} runs failed (first at {horizon} "
                     f"{failed_at[failed].min()}): {' '.join(failures or ())}".rstrip())
    return " ".join(parts)


def _row_max(values: np.ndarray) -> np.ndarray:
    """``values.max(axis=-1)``, NaN-propagating; column by column for short rows, where
    numpy's reduction over a short last axis is slow."""
    if values.shape[-1] > 16:
        return values.max(axis=-1)
    result = values[..., 0].copy()
    for column in range(1, values.shape[-1]):
        np.maximum(result, values[..., column], out=result)
    return result


class _Run:
    """The bookkeeping of :func:`simulate`, in chunks of rounds.

    Starts are independent, so a chunk of ``k`` rounds is played for the whole batch
    without checks; then the chunk's states are checked at once, and a start that
    converged or diverged inside it is frozen from that round on (its later rows and
    its full dynamics state are replaced by the frozen ones). The result is the same as
    checking after every round, at a fraction of the per-round overhead.
    """

    _CHUNK_FLOATS = 262_144  # a chunk of stacked states stays in cache (2 MB)

    def __init__(self, dynamics: Dynamics, game: Any, rng: np.random.Generator | None,
                 tol: float, bound: float, save_every: int, states: np.ndarray,
                 diverged_at: np.ndarray, converged_at: np.ndarray, done: np.ndarray) -> None:
        self.dynamics, self.game, self.rng = dynamics, game, rng
        self.tol, self.bound, self.save_every = tol, bound, save_every
        self.states, self.diverged_at, self.converged_at = states, diverged_at, converged_at
        self.done = done
        # the method's round without the public step's checks (done once by simulate);
        # a dynamics written against the older protocol (its own ``step``) keeps it
        overridden = type(dynamics).step is not Dynamics.step
        self.advance = dynamics.step if overridden else dynamics._round
        # runs whose step could not be computed (report_failure): round and message
        self.failed_at = np.full(len(done), -1)
        self.failures: dict[str, None] = {}

    def _record_failures(self, log: list, round_: int) -> None:
        for rows, message in log:
            rows = rows.reshape(-1) if rows.shape else np.full(len(self.done), bool(rows))
            new = rows & ~self.done & (self.failed_at < 0)
            if new.any():
                self.failed_at[new] = round_
                self.failures[message] = None
        log.clear()

    def play(self, state: DynamicsState, steps: int, bar: Any = None
             ) -> tuple[DynamicsState, int]:
        # a method with a compiled round (the no-regret methods, with numba) plays long runs
        # there when no start is finished and no early stop is possible
        compiled = getattr(self.dynamics, "_play_compiled", None)
        if compiled is not None and self.tol == 0 and not self.done.any():
            final = compiled(self.game, state, steps, self.save_every, self.bound,
                             self.states)
            if final is not None:
                if bar is not None:
                    bar.update(steps)
                return final, steps
        log: list = []
        token = FAILURES.set(log)
        try:
            return self._play(state, steps, log, bar)
        finally:
            FAILURES.reset(token)

    def _play(self, state: DynamicsState, steps: int, log: list, bar: Any
              ) -> tuple[DynamicsState, int]:
        count, n = state.z.shape
        chunk = int(np.clip(self._CHUNK_FLOATS // (count * n), 1, 64))
        frozen = state
        t = 0
        with np.errstate(all="ignore"):  # diverging starts overflow; they are frozen
            while t < steps and not self.done.all():
                k = min(chunk, steps - t)
                history = [state]
                for i in range(k):
                    history.append(self.advance(self.game, history[-1], self.rng))
                    if log:
                        self._record_failures(log, t + i + 1)
                zs = np.stack([item.z for item in history])  # (k + 1, count, n)
                frozen, zs = self._check(history, zs, frozen, t)
                state = history[-1]
                if self.done.any():
                    state = _merge(state, frozen, self.done)
                rounds = t + np.arange(1, k + 1)
                saved = rounds % self.save_every == 0
                self.states[rounds[saved] // self.save_every] = zs[1:][saved]
                t += k
                if bar is not None:
                    bar.update(k)
        if self.done.all():  # the last round any start actually played
            t = int(max(self.diverged_at.max(), self.converged_at.max(), 0))
        self.states[t // self.save_every + 1:] = state.z
        return state, t

    def _check(self, history: list, zs: np.ndarray, frozen: DynamicsState, t: int
               ) -> tuple[DynamicsState, np.ndarray]:
        size = _row_max(np.abs(zs[1:]))  # (k, count)
        bad = ~(size <= self.bound)  # True for NaN and inf too
        for position in range(1, len(history[0]) - 1):  # the method's memory (Adam's v)
            last = history[-1][position]
            if not (isinstance(last, np.ndarray) and last.ndim == 2):
                continue
            # a memory that overflowed stays non-finite (inf and NaN propagate), so the
            # chunk's last state tells which runs to look at round by round
            broken = ~np.isfinite(last).all(axis=-1) & ~self.done
            if broken.any():
                values = np.stack([item[position][broken] for item in history[1:]])
                bad[:, broken] |= ~np.isfinite(values).all(axis=-1)
        if self.tol > 0:
            difference = zs[1:] - zs[:-1]
            change = _row_max(np.abs(difference, out=difference))
            event = bad | (change <= self.tol)
        else:  # tol = 0: no convergence check (stochastic games never sit still)
            event = bad
        was_done = self.done
        event &= ~was_done
        if not event.any():
            if was_done.any():
                zs[:, was_done] = frozen.z[was_done]
            return frozen, zs
        hit = np.flatnonzero(event.any(axis=0))
        first = np.argmax(event[:, hit], axis=0)  # chunk index of the round (0-based)
        diverged = bad[first, hit]
        self.diverged_at[hit[diverged]] = t + first[diverged] + 1
        self.converged_at[hit[~diverged]] = t + first[~diverged] + 1
        # frozen at history[first] (before a diverging round) or history[first + 1]
        position = first + ~diverged
        for index in np.unique(position):
            rows = np.zeros(len(self.done), dtype=bool)
            rows[hit[position == index]] = True
            frozen = _merge(history[index], frozen, ~rows)
        freeze_from = np.where(was_done, 0, len(zs))
        freeze_from[hit] = position
        self.done = was_done.copy()
        self.done[hit] = True
        later = np.arange(len(zs))[:, None] > freeze_from[None, :]
        zs = np.where(later[..., None], frozen.z[None], zs)
        return frozen, zs


def simulate(
    game: Any,
    dynamics: Dynamics | str,
    z0: Any,
    steps: int,
    rng: np.random.Generator | int | None = None,
    *,
    save_every: int = 1,
    tol: float = 1e-10,
    bound: float = 1e8,
    state: DynamicsState | None = None,
    progress: bool | None = None,
) -> Trajectory:
    """Play ``dynamics`` on ``game`` for ``steps`` rounds from every start in ``z0``.

    All starts run together as one array (no Python loop over starts). After each round
    a start whose max-norm exceeds ``bound`` or is not finite (or whose method memory,
    e.g. Adam's moments, is not finite) is **diverged** and frozen at its previous
    state; a start whose state moved by at most ``tol`` (max-norm) is **converged** and
    frozen. The run stops early when every start has finished; the saved rows are then
    padded with the final states. No exception and no floating-point warning is raised
    for a diverging run.

    Parameters
    ----------
    game : DifferentiableGame or BimatrixGame
        Every player maximizes its own payoff.
    dynamics : Dynamics or str
        An instance or a name in :data:`gamedyn.dynamics.REGISTRY` (default settings).
        Per-run step sizes (an ``lr`` array broadcastable to the batch shape) give each
        start its own step size.
    z0 : array_like, shape (*batch, n), or None
        Starts: ``concat(x, y)`` (``n = n1 + n2``) for a differentiable game, inside its
        ``domain`` if it has one; ``concat(p, q)`` of mixed strategies (``n = m + n``)
        for a bimatrix game. May be None when ``state`` is given.
    steps : int
        Number of rounds, ``>= 0``.
    rng : numpy.random.Generator, int, SeedSequence or None
        Randomness of stochastic rules (random tie-breaking) and of stochastic games
        (a minibatch per player update). Same seed, same result.
    save_every : int
        Save every ``save_every``-th state; ``states`` has ``steps // save_every + 1``
        rows at rounds ``t0, t0 + save_every, ...`` (``t0 = 0``, or ``state.t``).
    tol : float
        Convergence threshold on the step's max-norm change; ``tol=0`` disables the
        convergence check (a stochastic game never sits still). Dynamics whose memory
        moves while ``z`` rests (``converges_when_z_rests`` False: regret matching,
        FTRL, sampled play) are never stopped as converged.
    bound : float
        Divergence bound on the state's max-norm.
    state : NamedTuple, optional
        A previous run's ``Trajectory.final_state`` (same dynamics) to continue from:
        the method's memory and the round counter are kept, so ``simulate(..., 10)``
        twice (the second from the first's ``final_state``, with the same Generator)
        equals one run of 20 rounds bit for bit, as long as no start finished in the
        first part (a finished start is checked afresh).
    progress : bool or None
        A progress bar of the rounds, on stderr: None (default) shows it in a terminal
        once the run has taken a second; True always; False never.

    Returns
    -------
    Trajectory
        ``states`` of shape ``(steps // save_every + 1, *batch, n)``, per-start
        ``status``, ``diverged_at``, ``converged_at`` and ``failed_at``, and the
        ``final_state`` to continue from.

    Raises
    ------
    ValueError
        For a ``z0`` of the wrong shape or off the domain, a ``state`` that does not fit
        the dynamics or disagrees with ``z0``, per-run step sizes that do not broadcast
        to the batch, or a bad ``steps``, ``save_every``, ``tol`` or ``bound``.
    TypeError
        For a dynamics that does not apply to the game, or a ``progress`` that is not
        True, False or None.

    Examples
    --------
    >>> import gamedyn as gd
    >>> traj = gd.simulate(gd.games.bilinear(), gd.dynamics.Simultaneous(lr=0.5),
    ...                    [[1.0, 0.0]], 200, bound=10.0)
    >>> str(traj.status[0]), int(traj.diverged_at[0])
    ('diverged', 23)
    >>> more = gd.simulate(traj.game, traj.dynamics, None, 5, state=traj.final_state)
    >>> int(more.times[0])
    23
    """
    dynamics = resolve(dynamics)
    dynamics.check_game(game)
    if state is not None:
        state = _check_state(game, dynamics, z0, state)
        z0 = state.z
    elif z0 is None:
        raise ValueError("`z0` must be given (an array of starts) unless `state` is.")
    z0 = dynamics.check_start(game, z0)
    steps = check_positive_int(steps, "steps", minimum=0)
    save_every = check_positive_int(save_every, "save_every")
    tol = check_nonnegative(tol, "tol")
    bound = check_positive(bound, "bound")
    progress = check_progress(progress)
    rng = as_rng(rng)

    batch_shape, n = z0.shape[:-1], z0.shape[-1]
    start = z0.reshape(-1, n)
    count = start.shape[0]
    played = dynamics.for_batch(batch_shape)
    if state is None:
        initial = played.init(game, start)
        t0 = 0
    else:
        initial = _flatten_state(state, batch_shape, count)
        t0 = int(state.t)
    rows = steps // save_every + 1
    if rows * count * n > MAX_ELEMENTS:
        raise ValueError(
            f"`steps` // `save_every` + 1 = {rows:.3g} saved rows of {count} run(s) x {n} "
            f"numbers would take {rows * count * n * 8 / 1e9:.3g} GB (the limit is "
            f"{MAX_ELEMENTS * 8 / 1e9:.3g} GB); raise `save_every` or lower `steps`, or "
            "continue in segments with `state=`."
        )
    states = np.empty((rows, count, n))
    states[0] = start
    diverged_at = np.full(count, -1)
    converged_at = np.full(count, -1)
    done = ~(np.abs(start).max(axis=-1) <= bound)
    diverged_at[done] = 0
    # per-run parameters of the game follow the flattening, as the dynamics' do
    flat_game = game.for_batch(batch_shape) if hasattr(game, "for_batch") else game
    check_tol = tol if dynamics.converges_when_z_rests else 0.0
    run = _Run(played, flat_game, rng, check_tol, bound, save_every, states, diverged_at,
               converged_at, done)
    if shows_progress(progress):
        with progress_bar(progress, total=steps, desc="simulate", unit="round") as bar:
            final, steps_run = run.play(initial, steps, bar)
    else:
        final, steps_run = run.play(initial, steps)
    final = final._replace(t=t0 + steps_run)  # the rounds played, also after an early stop
    # a run whose step could not be computed went non-finite in that very round: it
    # failed rather than diverged
    failed_at = run.failed_at
    failed = (failed_at >= 0) & (failed_at == diverged_at)
    failed_at[~failed] = -1
    diverged_at[failed] = -1
    diverged_at[diverged_at >= 0] += t0
    converged_at[converged_at >= 0] += t0
    failed_at[failed] += t0

    status = _status_array(converged_at, diverged_at, failed_at)
    message = _message(status, diverged_at, converged_at, "step", tol, bound, dynamics,
                       failed_at, run.failures)
    if steps_run < steps:
        message += f" Stopped early after {steps_run} of {steps} steps (every run finished)."
    return Trajectory(
        states=readonly(states.reshape((len(states),) + batch_shape + (n,))),
        times=readonly(t0 + np.arange(len(states)) * save_every),
        status=readonly(status.reshape(batch_shape)),
        diverged_at=readonly(diverged_at.reshape(batch_shape)),
        converged_at=readonly(converged_at.reshape(batch_shape)),
        message=message,
        field_evaluations=steps_run * dynamics.field_evaluations_per_step,
        dynamics=dynamics,
        game=game,
        final_state=_reshape_state(final, batch_shape),
        failed_at=readonly(failed_at.reshape(batch_shape)),
    )


def _check_state(game: Any, dynamics: Dynamics, z0: Any, state: Any) -> DynamicsState:
    """``state`` checked to be a state of ``dynamics`` on ``game`` (and to agree with z0)."""
    fields = getattr(state, "_fields", None)
    if not isinstance(state, tuple) or not fields or fields[0] != "z" or fields[-1] != "t":
        raise TypeError("`state` must be a dynamics state (a NamedTuple with fields z, ..., t),"
                        f" such as Trajectory.final_state; got {type(state).__name__}.")
    z = dynamics.check_start(game, state[0])  # fields[0] == "z"
    expected: type = type(dynamics.init(game, z))
    if type(state) is not expected:
        raise ValueError(f"`state` is a {type(state).__name__} but {dynamics!r} plays "
                         f"{expected.__name__} states; pass the final_state of a run of the "
                         "same dynamics.")
    if z0 is not None:
        z0 = dynamics.check_start(game, z0)
        if z0.shape != z.shape or not np.array_equal(z0, z):
            raise ValueError("`z0` and `state.z` disagree; pass z0=None to continue from "
                             "`state`.")
    return cast(DynamicsState, state)  # checked above: a state of the dynamics' type


def flow(
    game: Any,
    z0: Any,
    t_span: Any,
    *,
    t_eval: Any = None,
    dynamics: Dynamics | str | None = None,
    rtol: float = 1e-8,
    atol: float = 1e-10,
    method: str = "RK45",
    tol: float = 1e-10,
    bound: float = 1e8,
    max_evaluations: int = 200_000,
    max_seconds: float | None = None,
) -> Trajectory:
    """Integrate the continuous-time dynamics ``dz/dt = f(z)`` from every start in ``z0``.

    ``f`` is the game's field ``xi`` for a differentiable game (``dynamics=None`` or
    ``Simultaneous``; ``Consensus`` and ``SGA`` give their adjusted fields) and the
    replicator field ``dp_i/dt = p_i ((A q)_i - p A q)``, ``dq_j/dt = q_j ((p B)_j - p B q)``
    for a bimatrix game (``dynamics=None`` or ``Replicator``; ``LogitResponse`` gives
    the logit dynamics). The whole batch is one system for one of scipy's ODE solvers
    (the classes behind :func:`scipy.integrate.solve_ivp`), stepped here so that its
    work is capped; integration stops when a state's max-norm exceeds ``bound`` (that
    start is reported diverged, the others running). States of a game with a
    ``domain`` (``g.mixed()``) are NOT projected, since the projected flow is not
    smooth; for mixed strategies integrate the replicator flow of the
    :class:`~gamedyn.games.BimatrixGame` itself, which keeps the simplices invariant.

    ``flow`` never hangs: when the solver has evaluated the field ``max_evaluations``
    times (or run ``max_seconds``) before reaching ``t1``, or cannot proceed (its step
    size underflows), the runs still going get the status ``FAILED`` with a message,
    and the states after that time repeat the last one reached. A stiff problem (the
    explicit solvers crawl) is reported so; an implicit method (``"Radau"``, ``"BDF"``,
    ``"LSODA"``) handles it.

    Parameters
    ----------
    game : DifferentiableGame or BimatrixGame
        Every player maximizes its own payoff.
    z0 : array_like, shape (*batch, n)
        Starts: ``concat(x, y)`` for a differentiable game, ``concat(p, q)`` of mixed
        strategies for a bimatrix game.
    t_span : pair of float
        ``(t0, t1)`` with ``t0 < t1``.
    t_eval : array_like, shape (k,), optional
        Increasing times in ``t_span`` to save; default 101 equally spaced times.
    dynamics : Dynamics, str or None
        Whose continuous-time field to integrate (None: the game's own field, or the
        replicator field for a bimatrix game).
    rtol, atol : float
        Solver tolerances; ``rtol`` at least ``100 * eps`` (about ``2.2e-14``), the
        smallest relative accuracy the solvers can deliver.
    method : {"RK45", "RK23", "DOP853", "Radau", "BDF", "LSODA"}
        The scipy solver (implicit ones for stiff problems).
    tol, bound : float
        A start is converged when its final field max-norm is at most ``tol``, and
        diverged when its state's max-norm exceeds ``bound``.
    max_evaluations : int
        Cap on evaluations of the (batched) field.
    max_seconds : float, optional
        Cap on wall time (None: no cap; with a cap the result may depend on the
        machine's speed).

    Returns
    -------
    Trajectory
        ``states`` of shape ``(k, *batch, n)`` at ``times = t_eval``; ``status``
        ``CONVERGED``, ``DIVERGED``, ``RUNNING`` or ``FAILED`` (see above).

    Raises
    ------
    ValueError
        For a bad ``z0``, ``t_span``, ``t_eval``, ``rtol``, ``atol``, ``method``,
        ``tol``, ``bound``, ``max_evaluations`` or ``max_seconds``.
    TypeError
        For a dynamics without a continuous-time limit, or one that does not apply to
        the game.

    References
    ----------
    Hofbauer, J. & Sigmund, K. (1998). *Evolutionary Games and Population Dynamics*,
    CUP, Chapter 7 (replicator equation). Hairer, E. & Wanner, G. (1996). *Solving
    Ordinary Differential Equations II: Stiff and Differential-Algebraic Problems*,
    Springer, Section IV.1 (stiffness).

    Examples
    --------
    >>> import numpy as np, gamedyn as gd
    >>> run = gd.flow(gd.games.bilinear(), [1.0, 0.0], (0, np.pi / 2), t_eval=[np.pi / 2])
    >>> (run.final.round(6) + 0.0).tolist()   # a quarter turn: (cos t, sin t)
    [0.0, 1.0]
    >>> gd.flow(gd.games.bilinear(), [1.0, 0.0], (0, 1e5)).status
    array(Status.FAILED, dtype=object)
    """
    import time

    from scipy import integrate
    from scipy.optimize import brentq

    if dynamics is None:
        dynamics = Replicator() if isinstance(game, BimatrixGame) else Simultaneous()
    dynamics = resolve(dynamics)
    dynamics.check_game(game)
    z0 = dynamics.check_start(game, z0)
    if not dynamics.has_flow:
        dynamics.flow_field(game, z0)  # raises the TypeError that lists the flows
    span = as_real_array(t_span, "t_span", ndim=1)
    if span.shape != (2,) or not span[0] < span[1]:
        raise ValueError(f"`t_span` must be (t0, t1) with t0 < t1; got {t_span!r}.")
    if t_eval is None:
        t_eval = np.linspace(span[0], span[1], 101)
    else:
        t_eval = as_real_array(t_eval, "t_eval", ndim=1)
        if np.any(np.diff(t_eval) <= 0) or t_eval[0] < span[0] or t_eval[-1] > span[1]:
            raise ValueError("`t_eval` must be increasing and lie within `t_span`.")
    rtol = check_positive(rtol, "rtol")
    if rtol < _MIN_RTOL:
        raise ValueError(f"`rtol` must be at least 100 * eps = {_MIN_RTOL:.3g} (the "
                         f"solvers cannot be more accurate); got {rtol:g}.")
    atol = check_positive(atol, "atol")
    check_choice(method, "method", ODE_METHODS)
    tol = check_nonnegative(tol, "tol")
    bound = check_positive(bound, "bound")
    max_evaluations = check_positive_int(max_evaluations, "max_evaluations")
    if max_seconds is not None:
        max_seconds = check_positive(max_seconds, "max_seconds")

    batch_shape, n = z0.shape[:-1], z0.shape[-1]
    count = int(np.prod(batch_shape, dtype=int))
    check_allocation((len(t_eval), count, n), "t_eval")
    evaluations = [0]

    def rhs(t: float, y: np.ndarray) -> np.ndarray:
        evaluations[0] += 1
        return np.asarray(dynamics._flow(game, y.reshape(count, n)), dtype=float).reshape(-1)

    def excess(y: np.ndarray) -> float:
        size = np.abs(y).max()
        return bound - size if np.isfinite(size) else -bound

    times = np.asarray(t_eval, dtype=float)
    out = np.empty((len(times), count * n))
    filled = int(np.searchsorted(times, span[0], side="right"))  # times equal to t0
    out[:filled] = z0.reshape(-1)
    stop_y = None  # the state where the norm bound was crossed
    failure = ""
    started = time.monotonic()
    with np.errstate(all="ignore"):
        solver = getattr(integrate, method)(rhs, span[0], z0.reshape(-1).copy(), span[1],
                                            rtol=rtol, atol=atol)
        while solver.status == "running" and filled < len(times):
            reason = solver.step()
            if solver.status == "failed":
                failure = (f"The solver could not proceed at t = {solver.t:g} ({reason}); "
                           "the problem may be stiff: try method='Radau', 'BDF' or 'LSODA'.")
                break
            t_old, t_new = solver.t_old, solver.t
            if excess(solver.y) <= 0:  # crossed the bound within this step
                dense = solver.dense_output()
                t_stop = brentq(lambda s, d=dense: excess(d(s)), t_old, t_new, xtol=1e-12 *
                                max(1.0, abs(t_new))) if excess(dense(t_old)) > 0 else t_old
                stop_y = dense(t_stop) if excess(dense(t_stop)) > -bound else solver.y
                last = int(np.searchsorted(times, t_stop, side="right"))
                if last > filled:
                    out[filled:last] = dense(times[filled:last]).T
                    filled = last
                failure = f" Integration stopped at t = {t_stop:g} (norm bound)."
                break
            last = int(np.searchsorted(times, t_new, side="right"))
            if last > filled:
                out[filled:last] = solver.dense_output()(times[filled:last]).T
                filled = last
            if filled < len(times) and evaluations[0] >= max_evaluations:
                failure = (f"The solver used its `max_evaluations` = {max_evaluations} "
                           f"field evaluations by t = {t_new:g} of {span[1]:g}: raise it "
                           "or loosen `rtol`" + ("" if method in _IMPLICIT else
                                                 ", or, if the problem is stiff (tiny "
                                                 "steps), try method='Radau', 'BDF' or "
                                                 "'LSODA'") + ".")
                break
            if filled < len(times) and max_seconds is not None \
                    and time.monotonic() - started > max_seconds:
                failure = (f"The solver used its `max_seconds` = {max_seconds:g} s by "
                           f"t = {t_new:g} of {span[1]:g}.")
                break
    reached = out[:filled].reshape(filled, count, n)
    states = out.reshape(len(times), count, n)
    states[filled:] = reached[-1] if filled else z0.reshape(count, n)
    last = states[-1]
    diverged_at = np.full(count, -1)
    converged_at = np.full(count, -1)
    failed_at = np.full(count, -1)
    with np.errstate(all="ignore"):
        escaped = ~(np.abs(last).max(axis=-1) < bound * (1 - 1e-6))
        if stop_y is not None:
            escaped |= ~(np.abs(stop_y.reshape(count, n)).max(axis=-1) < bound * (1 - 1e-6))
        speed = np.abs(dynamics._flow(game, last)).max(axis=-1)
    diverged_at[escaped] = filled
    # a start already beyond the bound diverged at the start, as in simulate
    diverged_at[~(np.abs(z0.reshape(count, n)).max(axis=-1) < bound)] = 0
    stopped = stop_y is None and filled < len(times)  # the solver failed or ran out
    if stopped:
        failed_at[~escaped] = filled
    else:
        converged_at[~escaped & (speed <= tol)] = len(times) - 1
    status = _status_array(converged_at, diverged_at, failed_at)
    message = _message(status, diverged_at, converged_at, "saved time index", tol, bound,
                       dynamics, failed_at, [failure.strip()] if stopped else None,
                       hint="the continuous-time flow itself grows past the bound from this start "
                            "(no step size is involved; a smaller one would not help)")
    if not stopped and failure:
        message += failure
    return Trajectory(
        states=readonly(states.reshape((len(times),) + batch_shape + (n,))),
        times=readonly(times.copy()),
        status=readonly(status.reshape(batch_shape)),
        diverged_at=readonly(diverged_at.reshape(batch_shape)),
        converged_at=readonly(converged_at.reshape(batch_shape)),
        message=message,
        field_evaluations=int(evaluations[0]),
        dynamics=dynamics,
        game=game,
        final_state=GradientState(readonly(last.reshape(batch_shape + (n,)).copy()),
                                  len(times) - 1),
        failed_at=readonly(failed_at.reshape(batch_shape)),
        continuous=True,
    )
