"""The interface every dynamics shares, and the states of the simple methods.

A dynamics is an immutable object holding hyper-parameters only (optax style). Playing
it is two pure functions:

    state = dynamics.init(game, z0)            # state.z == z0
    state = dynamics.step(game, state, rng)    # one round of play

A state is a ``NamedTuple`` whose first field is ``z`` (shape ``(*batch, n)``) and whose
last field is the round counter ``t`` (an ``int`` shared by the batch); the fields in
between are the method's memory (the previous field for optimistic steps, Adam's
moments, ...). Nothing is mutated: ``step`` returns a new state.

Convention: every player maximizes its own payoff. For a differentiable game
``z = concat(x, y)`` and the field is ``xi(z) = (grad_x u1, grad_y u2)``; for a bimatrix
game ``z = concat(p, q)`` holds the two FULL mixed strategies (``m + n`` numbers).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple, Protocol, TypeVar

import numpy as np

from gamedyn._validation import (
    as_generator,
    as_real_array,
    as_state_batch,
    check_probability_vectors,
    per_player,
)
from gamedyn.dynamics.schedules import Constant, PerRun, as_schedule
from gamedyn.games.bimatrix import BimatrixGame
from gamedyn.games.differentiable import DifferentiableGame

__all__ = ["Dynamics", "GradientDynamics", "MatrixDynamics", "GradientState", "Block",
           "REGISTRY", "as_rng", "tangent_basis", "report_failure"]

#: Every dynamics by name, filled by the classes themselves: a subclass of
#: :class:`Dynamics` that sets the class variable ``name`` is registered when it is defined.
REGISTRY: dict[str, type[Dynamics]] = {}


_S = TypeVar("_S", bound="DynamicsState")


class DynamicsState(Protocol):
    """What every dynamics state is, for type checkers: a NamedTuple ``(z, *memory, t)``
    of the dynamics' own type (:attr:`Dynamics.State`)."""

    @property
    def z(self) -> np.ndarray: ...
    @property
    def t(self) -> int: ...
    @property
    def _fields(self) -> tuple[str, ...]: ...
    def __init__(self, *fields: Any) -> None: ...
    def __len__(self) -> int: ...
    def __getitem__(self, index: Any) -> Any: ...
    def __iter__(self) -> Iterator[Any]: ...
    def _replace(self: _S, *, z: np.ndarray = ..., t: int = ...) -> _S: ...


class GradientState(NamedTuple):
    """State of a memoryless method: the joint state ``z`` and the round ``t``.

    Parameters
    ----------
    z : ndarray, shape (*batch, n)
        The joint state ``concat(x, y)`` (or ``concat(p, q)`` for a bimatrix game).
    t : int
        The round, shared by the batch (0 at :meth:`Dynamics.init`).

    Examples
    --------
    >>> import gamedyn as gd
    >>> state = gd.dynamics.Simultaneous(lr=0.1).init(gd.games.bilinear(), [1.0, 0.0])
    >>> state.z, state.t
    (array([1., 0.]), 0)
    """

    z: np.ndarray
    t: int


#: Failures reported by update rules during the round being played: a list of
#: ``(rows, message)`` while :func:`~gamedyn.simulate` runs, else None (nobody listens).
FAILURES: ContextVar[list | None] = ContextVar("gamedyn_step_failures", default=None)


def report_failure(rows: np.ndarray, message: str) -> None:
    """Record that the runs ``rows`` (a bool mask of the batch shape) could not take a step.

    An update rule that cannot compute a run's step (a singular implicit step, say) sets
    that run's values to NaN and reports it here; :func:`~gamedyn.simulate` then gives
    the run the status ``FAILED`` with ``message`` instead of ``DIVERGED``.
    """
    log = FAILURES.get()
    if log is not None:
        log.append((np.asarray(rows, dtype=bool), message))


def as_rng(rng: Any) -> np.random.Generator:
    """A ``numpy.random.Generator`` from a Generator, an int seed, a SeedSequence or None."""
    return as_generator(rng, "rng")


def _names(kind: type) -> str:
    return ", ".join(repr(name) for name, cls in REGISTRY.items() if issubclass(cls, kind))


def _maths_owner(cls: type) -> type:
    """The most derived class of ``cls``'s MRO that defines the map (``update``, ``step``
    or ``init``): a closed form written above it does not describe ``cls``'s map."""
    for klass in cls.__mro__:
        if any(name in vars(klass) for name in ("update", "step", "init")):
            return klass
    return object


@dataclass(frozen=True)
class Dynamics:
    """Base class of all dynamics: immutable hyper-parameters, ``init`` and ``step``.

    A subclass that sets the class variable ``name`` is registered in
    :data:`REGISTRY` under it. Each dynamics owns its maths: ``step`` (or, for gradient
    methods, ``update``), :meth:`linearization`, :meth:`stable_step_sizes_exact` (its
    stability condition, where one is known in closed form) and :meth:`explain` (its
    sentence for :meth:`gamedyn.stability.StabilityReport.explain`).

    Examples
    --------
    >>> import gamedyn as gd
    >>> dynamics = gd.dynamics.Simultaneous(lr=0.1)
    >>> isinstance(dynamics, gd.dynamics.Dynamics)
    True
    >>> state = dynamics.step(gd.games.bilinear(), dynamics.init(gd.games.bilinear(), [1.0, 1.0]))
    >>> state.z, state.t
    (array([0.9, 1.1]), 1)
    """

    name: ClassVar[str] = ""
    #: The NamedTuple type of its states (set by each family of dynamics).
    State: ClassVar[type[DynamicsState]]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        name = cls.__dict__.get("name")
        if name:
            if name in REGISTRY and REGISTRY[name].__qualname__ != cls.__qualname__:
                raise ValueError(f"dynamics name {name!r} is taken by {REGISTRY[name]!r}.")
            REGISTRY[name] = cls

    def init(self, game: Any, z0: Any) -> DynamicsState:
        """The state at round 0: ``state.z`` equals ``z0`` (shape ``(*batch, n)``).

        Parameters
        ----------
        game : DifferentiableGame or BimatrixGame
            The game to be played.
        z0 : array_like, shape (*batch, n)
            The starting states (``n = n1 + n2``; for a bimatrix game ``concat(p, q)``).

        Returns
        -------
        NamedTuple
            A state of :meth:`state_type` with ``t = 0`` and the method's memory at rest.

        Raises
        ------
        TypeError
            For a game the dynamics does not apply to.
        ValueError
            For a ``z0`` of the wrong shape, non-finite, or outside the game's domain.
        """
        raise NotImplementedError

    def step(self, game: Any, state: DynamicsState, rng: Any = None) -> DynamicsState:
        """One round of play: a new state of the same type with ``t`` increased by one.

        The public entry point: it checks ``game``, ``state`` and ``rng``, then plays the
        method's round (:meth:`_round`) with floating-point warnings silenced (a state
        that overflows comes back non-finite: divergence is data, which
        :func:`~gamedyn.simulate` turns into a status).

        Parameters
        ----------
        game : DifferentiableGame or BimatrixGame
            The game being played.
        state : NamedTuple
            A state of this dynamics on ``game`` (from :meth:`init` or a previous step).
        rng : numpy.random.Generator, int, SeedSequence or None
            Randomness of the round (a stochastic game's minibatch, random tie-breaking).

        Returns
        -------
        NamedTuple
            The state after the round, of the same type, ``t`` increased by one.

        Raises
        ------
        TypeError
            For a game the dynamics does not apply to, or a ``state`` that is not one of
            its states.
        ValueError
            For a ``state`` whose ``z`` has the wrong last axis.
        """
        self.check_game(game)
        self.check_state(game, state)
        if rng is not None:
            rng = as_generator(rng, "rng")
        with np.errstate(all="ignore"):
            return self._round(game, state, rng)

    def _round(self, game: Any, state: DynamicsState, rng: np.random.Generator | None
               ) -> DynamicsState:
        """One round without checks (the method's maths; :func:`simulate` calls it)."""
        raise NotImplementedError

    def state_type(self) -> type[DynamicsState]:
        """The NamedTuple type of this dynamics' states.

        Returns
        -------
        type
            A NamedTuple with fields ``(z, *memory, t)``.
        """
        return self.State

    def check_state(self, game: Any, state: Any) -> None:
        """Raise unless ``state`` is a state of this dynamics on ``game`` (names `state`).

        Parameters
        ----------
        game : DifferentiableGame or BimatrixGame
            The game the state belongs to.
        state : NamedTuple
            The state to check.

        Raises
        ------
        TypeError
            If ``state`` is not a state of this dynamics or its round is not an int >= 0.
        ValueError
            If ``state.z`` does not have shape ``(*batch, n)``.
        """
        expected: Any = self.state_type()  # its _fields are read on the class
        fields = getattr(state, "_fields", None)
        if not isinstance(state, tuple) or not fields or fields[0] != "z" \
                or fields[-1] != "t":
            raise TypeError(f"`state` must be a state of {type(self).__name__} (a NamedTuple "
                            f"{expected.__name__} with fields {expected._fields}, as made by "
                            f"init); got {type(state).__name__}.")
        z, t = state[0], state[-1]
        dim = self.state_dim(game)
        if len(state) != len(expected._fields) and fields != with_auxiliary(expected)._fields:
            raise TypeError(f"`state` must be a {expected.__name__} with fields "
                            f"{expected._fields}; got a {type(state).__name__} with fields "
                            f"{fields}.")
        if not isinstance(z, np.ndarray) or z.ndim < 1 or z.shape[-1] != dim:
            raise ValueError(f"`state.z` must be an array of shape (*batch, {dim}); got "
                             f"{np.shape(z) if isinstance(z, np.ndarray) else type(z).__name__}.")
        if isinstance(t, (bool, np.bool_)) or not isinstance(t, (int, np.integer)) or t < 0:
            raise TypeError(f"`state.t` must be the round (an int >= 0); got {t!r}.")

    def check_game(self, game: Any) -> None:
        """Raise ``TypeError`` if this dynamics does not apply to ``game``.

        Parameters
        ----------
        game : object
            The game to check.

        Raises
        ------
        TypeError
            If ``game`` is not of the kind this dynamics plays (the message names the
            dynamics that do apply).
        """
        raise NotImplementedError

    def state_dim(self, game: Any) -> int:
        """Length of the last axis of ``z`` for ``game``.

        Parameters
        ----------
        game : DifferentiableGame or BimatrixGame
            The game to be played.

        Returns
        -------
        int
            ``n1 + n2`` for a differentiable game, ``m + n`` for a bimatrix game.
        """
        raise NotImplementedError

    def check_start(self, game: Any, z0: Any) -> np.ndarray:
        """``z0`` validated as a float array of shape ``(*batch, n)`` (raises naming ``z0``).

        Parameters
        ----------
        game : DifferentiableGame or BimatrixGame
            The game to be played.
        z0 : array_like, shape (*batch, n)
            The starting states.

        Returns
        -------
        ndarray, shape (*batch, n)
            ``z0`` as floats.

        Raises
        ------
        ValueError
            For a wrong shape, non-finite entries, a point outside the game's domain or,
            for a bimatrix game, rows that are not probability vectors (names ``z0``).
        """
        raise NotImplementedError

    def for_batch(self, batch_shape: tuple[int, ...]) -> Dynamics:
        """Return this dynamics for a batch flattened to ``(prod(batch_shape), n)``.

        Per-run hyper-parameters follow the flattening; ``self`` when it has none.

        Parameters
        ----------
        batch_shape : tuple of int
            The batch shape of the starting states.

        Returns
        -------
        Dynamics
            This dynamics, or a copy whose per-run hyper-parameters are flattened.
        """
        return self

    def divergence_hint(self) -> str:
        """What to try when a run of this dynamics diverges (ends :func:`simulate`'s message).

        Returns
        -------
        str
            Advice that ends :func:`~gamedyn.simulate`'s message for a diverged run.
        """
        return "reduce the step size"

    @property
    def field_evaluations_per_step(self) -> int:
        """How many times one round evaluates the game's field (or payoff vectors)."""
        return 1

    @property
    def converges_when_z_rests(self) -> bool:
        """Whether a round that leaves ``z`` unchanged means the run rests for good.

        True for maps of ``z`` alone and for memories that rest with it; False where the
        memory moves while ``z`` rests (regret matching keeps a pure strategy for rounds
        while its regrets change; sampled play): :func:`~gamedyn.simulate` then never
        stops such a run as converged.
        """
        return True

    def flow_field(self, game: Any, z: Any) -> np.ndarray:
        """The continuous-time vector field of this dynamics at states ``z``.

        Parameters
        ----------
        game : DifferentiableGame or BimatrixGame
            The game being played.
        z : array_like, shape (*batch, n)
            Finite states.

        Returns
        -------
        ndarray, shape (*batch, n)
            ``dz/dt``.

        Raises
        ------
        TypeError
            If the dynamics has no continuous-time limit or does not apply to ``game``.
        ValueError
            For a ``z`` of the wrong shape, with non-finite entries, or where the field
            overflows.
        """
        self.check_game(game)
        z = as_state_batch(z, "z", self.state_dim(game))
        if type(self)._flow is Dynamics._flow:
            with_flow = ", ".join(repr(name) for name, cls in REGISTRY.items()
                                  if cls._flow is not Dynamics._flow)
            raise TypeError(
                f"{type(self).__name__} has no continuous-time limit in gamedyn (no field "
                f"at any `z`); use "
                f"dynamics=None (the game's field, or the replicator for bimatrix games) or "
                f"one of {with_flow}."
            )
        with np.errstate(all="ignore"):
            value = self._flow(game, z)
        if not np.all(np.isfinite(value)):
            raise ValueError("the field is not finite at this `z` (it overflows there); "
                             "evaluate it at smaller states.")
        return value

    def _flow(self, game: Any, z: np.ndarray) -> np.ndarray:
        """The continuous-time field without checks (a dynamics with a flow overrides it)."""
        raise NotImplementedError

    @property
    def has_flow(self) -> bool:
        """Whether this dynamics has a continuous-time limit (:meth:`flow_field`)."""
        return type(self)._flow is not Dynamics._flow

    # ------------------------------------------------------------------ its maths
    def linearization(self, game: Any, point: Any) -> np.ndarray:
        """``dF`` of the update map at the fixed point ``point`` (on the method's state).

        The default differentiates :meth:`step` numerically (central differences, error
        about 1e-9); methods with an exact route override it.

        Parameters
        ----------
        game : DifferentiableGame or BimatrixGame
            The game being played.
        point : array_like, shape (n,)
            A fixed point of the map (for a method with memory, the memory rests there).

        Returns
        -------
        ndarray, shape (d, d)
            The Jacobian on the method's state: ``d = n`` for memoryless gradient methods,
            a multiple of ``n`` with memory, ``m + n - 2`` (tangent space) for bimatrix
            dynamics. The method converges locally iff its spectral radius is below 1.

        Raises
        ------
        TypeError
            For a map that is not differentiable at rest.
        ValueError
            For a ``point`` of the wrong shape, or where the map overflows.
        """
        from gamedyn.dynamics.linear import numeric_linearization

        return numeric_linearization(self, game, point)

    @property
    def linearization_is_exact(self) -> bool:
        """Whether :meth:`linearization` is exact (closed form or derived), not numerical."""
        return False

    def stable_step_sizes_exact(self, eigenvalues: np.ndarray) -> list | None:
        """Return the step sizes where the map contracts, in closed form.

        Parameters
        ----------
        eigenvalues : ndarray, shape (n,)
            Eigenvalues of the game Jacobian ``J = d xi / d z`` at the fixed point.

        Returns
        -------
        list of (float, float) or None
            Open intervals of a common step size ``eta`` where the spectral radius of the
            linearized map is below 1; None when no closed form is known.
        """
        return None

    def explain(self, report: Any) -> str:
        """Return this method's sentence for a stability report (empty when it has none).

        Parameters
        ----------
        report : StabilityReport
            The report being explained (:func:`gamedyn.stability.analyze`).

        Returns
        -------
        str
            A sentence on what this method does at the report's point.
        """
        return ""


def _check_point(point: Any, size: int, what: str) -> np.ndarray:
    """One state of shape ``(size,)`` (errors name `point`)."""
    point = as_real_array(point, "point", ndim=1)
    if point.shape != (size,):
        raise ValueError(f"`point` must have shape ({size},) ({what}); got {point.shape}.")
    return point


def _gradient_hint() -> str:
    return ("for a bimatrix game use game.mixed() (its mixed extension) or a bimatrix "
            f"dynamics ({_names(MatrixDynamics)})")


def _matrix_hint() -> str:
    return f"for a differentiable game use a gradient method ({_names(GradientDynamics)})"


class Block(NamedTuple):
    """Which coordinates one player update moves, with its step size and counters.

    ``player`` is None when both players move at once (simultaneous play), else 1 or 2.
    ``eta`` is the step size for those coordinates (a float or an array broadcastable to
    ``(*batch, width)``), ``t`` the round and ``count`` how many updates of these
    coordinates came before this one (Adam's bias correction).

    Parameters
    ----------
    player : int or None
        1 or 2, or None for both players at once.
    index : slice
        The block's coordinates on the last axis of ``z``.
    eta : float or ndarray
        The step size, broadcastable to ``(*batch, width)``.
    t : int
        The round.
    count : int
        Updates of these coordinates before this one.

    Examples
    --------
    >>> import numpy as np
    >>> from gamedyn.dynamics import Block
    >>> block = Block(player=2, index=slice(1, 2), eta=0.1, t=0, count=0)
    >>> block.of(np.array([1.0, 2.0]))
    array([2.])
    """

    player: int | None
    # `index` and `count` shadow tuple's methods of those names: public field names, kept
    index: slice  # type: ignore[assignment]
    eta: Any
    t: int
    count: int  # type: ignore[assignment]

    def of(self, array: np.ndarray) -> np.ndarray:
        """The block's coordinates of a full array ``(*batch, n)``.

        Parameters
        ----------
        array : ndarray, shape (*batch, n)
            A full state or field.

        Returns
        -------
        ndarray, shape (*batch, width)
            Its block of coordinates (the whole array when both players move).
        """
        return array if self.player is None else array[..., self.index]

    def put(self, array: np.ndarray, values: np.ndarray) -> np.ndarray:
        """Return ``array`` with the block's coordinates replaced by ``values``.

        Parameters
        ----------
        array : ndarray, shape (*batch, n)
            A full state (not modified).
        values : ndarray, shape (*batch, width)
            New values of the block's coordinates.

        Returns
        -------
        ndarray, shape (*batch, n)
            A new array.
        """
        if self.player is None:
            return values
        if self.index.start == 0:
            return np.concatenate([values, array[..., self.index.stop:]], axis=-1)
        return np.concatenate([array[..., :self.index.start], values], axis=-1)


@dataclass(frozen=True)
class GradientDynamics(Dynamics):
    """A gradient method on a :class:`~gamedyn.games.DifferentiableGame`.

    An update rule (optax style): the subclass writes only its maths, :meth:`update`,
    the change of one block of coordinates (both players, or one) given the field, and
    the memory it keeps (:attr:`State`, :meth:`init_memory`). This class keeps the
    books once: validation, drawing the minibatch of a stochastic game (once per player
    update, shared by every field evaluation of that update: common random numbers),
    projection onto ``game.domain`` after every update, and the round counter. Played
    as it is, a rule is simultaneous play; :class:`~gamedyn.dynamics.Alternating`
    plays any rule in alternation.

    ``lr`` is one step size for both players or a pair ``(lr1, lr2)`` (the two-timescale
    rule); each may be a positive number, a :class:`~gamedyn.dynamics.Schedule`, a
    callable ``t -> float`` or a numpy array of one step size per run
    (:class:`~gamedyn.dynamics.PerRun`, broadcastable to the batch shape). On a game
    with a ``domain`` (``g.mixed()``) every update is followed by ``game.project``
    (projected gradient play), so states stay feasible.

    Parameters
    ----------
    lr : float, (float, float), Schedule, callable or ndarray
        Step size(s): one for both players or a pair ``(lr1, lr2)``.

    Examples
    --------
    >>> import gamedyn as gd
    >>> method = gd.dynamics.Simultaneous(lr=(0.1, 0.2))
    >>> isinstance(method, gd.dynamics.GradientDynamics), method.step_sizes(0)
    (True, (0.1, 0.2))
    """

    lr: Any = 0.1

    #: The state type: a NamedTuple ``(z, *memory, t)``.
    State: ClassVar[type[DynamicsState]] = GradientState
    #: Field evaluations per player update.
    evaluations_per_update: ClassVar[int] = 1
    #: Whether the map is linear in the field (plain, momentum, optimistic, ...), so the
    #: derived linearization is exact; False for Adam and RMSProp.
    linear_in_field: ClassVar[bool] = True
    #: Whether the map is differentiable at a fixed point with its memory at rest; False
    #: for Adam and RMSProp, which divide by the root of a second moment that is 0 there.
    differentiable_at_rest: ClassVar[bool] = True

    # after construction ``lr`` is a pair of Schedules; ``step_sizes(t)`` gives numbers
    if TYPE_CHECKING:  # set per instance in __post_init__ (ClassVar: no dataclass field)
        _constant_rates: ClassVar[tuple[float, float] | None]

    def __post_init__(self) -> None:
        object.__setattr__(self, "lr", per_player(self.lr, "lr", as_schedule))
        # constant step sizes, computed once (not a field: no effect on eq, hash, repr)
        fixed = None
        if all(isinstance(item, Constant) for item in self.lr):
            fixed = (self.lr[0].value, self.lr[1].value)
        object.__setattr__(self, "_constant_rates", fixed)

    def check_game(self, game: Any) -> None:
        if not isinstance(game, DifferentiableGame):
            raise TypeError(
                f"{type(self).__name__} needs a DifferentiableGame as `game`; got "
                f"{type(game).__name__}: {_gradient_hint()}."
            )

    def state_dim(self, game: DifferentiableGame) -> int:
        return game.n

    def check_start(self, game: DifferentiableGame, z0: Any) -> np.ndarray:
        z0 = as_state_batch(z0, "z0", game.n)
        if game.domain is not None and not np.all(game.domain.contains(z0)):
            raise ValueError(
                f"`z0` must lie in the game's domain {game.domain!r} "
                f"({game.domain.description})."
            )
        return z0

    #: methods that damp rotation, suggested when a run diverges (never the one played)
    STABILIZERS: ClassVar[tuple[str, ...]] = ("extragradient", "optimistic", "proximal_point")

    def divergence_hint(self) -> str:
        others = [name for name in self.STABILIZERS if name != self.name]
        return "reduce lr or try " + ", ".join(f"'{name}'" for name in others)

    @property
    def field_evaluations_per_step(self) -> int:
        return self.evaluations_per_update

    # ------------------------------------------------------------------ step sizes
    def step_sizes(self, t: int = 0) -> tuple[Any, Any]:
        """The players' step sizes ``(eta1, eta2)`` at round ``t`` (for the stability analyzer).

        Parameters
        ----------
        t : int, default 0
            The round.

        Returns
        -------
        tuple
            ``(eta1, eta2)``, each a float or an array of one step size per run
            (:class:`PerRun`); the stability analyzer reads them.
        """
        return (self.lr[0].rate(t, "lr"), self.lr[1].rate(t, "lr"))

    def player_rates(self, t: int) -> tuple[Any, Any]:
        """Return ``(eta1, eta2)`` at round ``t``, shaped to multiply a player's block.

        Parameters
        ----------
        t : int
            The round.

        Returns
        -------
        tuple
            Each a float or an array of shape ``(*batch, 1)`` that multiplies a player's
            block of states ``(*batch, n_p)``.
        """
        if self._constant_rates is not None:
            return self._constant_rates
        lr1 = self.lr[0].rate(t, "lr")
        lr2 = self.lr[1].rate(t, "lr")
        if isinstance(lr1, np.ndarray):
            lr1 = lr1[..., None]
        if isinstance(lr2, np.ndarray):
            lr2 = lr2[..., None]
        return lr1, lr2

    def rates(self, game: DifferentiableGame, t: int) -> Any:
        """Return the step sizes of every coordinate at round ``t``.

        Parameters
        ----------
        game : DifferentiableGame
            The game (for ``n1`` and ``n2``).
        t : int
            The round.

        Returns
        -------
        float or ndarray
            A float, or an array broadcastable to ``(*batch, n)`` when the step sizes
            differ between the players or the runs.
        """
        lr1, lr2 = self.player_rates(t)
        if not isinstance(lr1, np.ndarray) and not isinstance(lr2, np.ndarray):
            if lr1 == lr2:
                return lr1
            return np.concatenate([np.full(game.n1, lr1), np.full(game.n2, lr2)])
        if self.lr[0] is self.lr[1]:
            return lr1
        shape = np.broadcast_shapes(np.shape(lr1), np.shape(lr2))[:-1]
        return np.concatenate([np.broadcast_to(lr1, shape + (game.n1,)),
                               np.broadcast_to(lr2, shape + (game.n2,))], axis=-1)

    def with_lr(self, lr: Any) -> GradientDynamics:
        """The same method with step size(s) ``lr``, every other hyper-parameter kept.

        Parameters
        ----------
        lr : float, (float, float), Schedule, callable or ndarray
            The new step size(s).

        Returns
        -------
        GradientDynamics
            A new dynamics of the same class.
        """
        return replace(self, lr=lr)

    def for_batch(self, batch_shape: tuple[int, ...]) -> GradientDynamics:
        """Return this dynamics with per-run step sizes broadcast and flattened.

        :func:`~gamedyn.simulate` plays a batch as ``(prod(batch), n)``; per-run step
        sizes follow it.

        Parameters
        ----------
        batch_shape : tuple of int
            The batch shape of the starting states.

        Returns
        -------
        GradientDynamics
            ``self`` when no step size is per run, else a copy with flattened step sizes.

        Raises
        ------
        ValueError
            If a per-run step size does not broadcast to ``batch_shape``.
        """
        if not any(isinstance(item, PerRun) for item in self.lr):
            return self
        lr: tuple[Any, ...]
        if self.lr[0] is self.lr[1]:
            flat = self.lr[0].flattened(batch_shape, "lr")
            lr = (flat, flat)
        else:
            lr = tuple(item.flattened(batch_shape, f"lr[{i}]") if isinstance(item, PerRun)
                       else item for i, item in enumerate(self.lr))
        return self.with_lr(lr)

    def block(self, game: DifferentiableGame, player: int | None, t: int, count: int) -> Block:
        """The :class:`Block` of ``player`` (None: both) at round ``t``.

        Parameters
        ----------
        game : DifferentiableGame
            The game (for ``n1`` and ``n2``).
        player : int or None
            1, 2, or None for both players.
        t : int
            The round.
        count : int
            Updates of these coordinates before this one.

        Returns
        -------
        Block
            The coordinates and step size of the update.
        """
        if player is None:
            return Block(None, slice(None), self.rates(game, t), t, count)
        index = slice(0, game.n1) if player == 1 else slice(game.n1, game.n)
        return Block(player, index, self.player_rates(t)[player - 1], t, count)

    # ------------------------------------------------------------------ the rule
    def init_memory(self, game: DifferentiableGame, z: np.ndarray) -> tuple:
        """The method's memory at round 0 (arrays of shape ``(*batch, n)``); none here.

        Parameters
        ----------
        game : DifferentiableGame
            The game being played.
        z : ndarray, shape (*batch, n)
            The starting states.

        Returns
        -------
        tuple of ndarray
            The memory fields of :attr:`State` between ``z`` and ``t``, each of shape
            ``(*batch, n)``.
        """
        return ()

    def update(self, game: DifferentiableGame, z: np.ndarray, memory: tuple, block: Block,
               noise: Any) -> tuple[np.ndarray, tuple]:
        """One update of ``block``'s coordinates: ``(new block values, new memory)``.

        Projection and counters are the caller's business.

        Parameters
        ----------
        game : DifferentiableGame
            The game being played.
        z : ndarray, shape (*batch, n)
            The full state.
        memory : tuple of ndarray
            The method's memory (see :meth:`init_memory`).
        block : Block
            The coordinates to update and their step size.
        noise : object or None
            The minibatch drawn for this update (None: the game's fixed evaluation batch).

        Returns
        -------
        tuple
            ``(values, memory)``: the block's new values, shape ``(*batch, width)``, and
            the new memory.
        """
        raise NotImplementedError

    def gradient(self, game: DifferentiableGame, z: np.ndarray, block: Block, noise: Any
                 ) -> np.ndarray:
        """The block's part of the field ``xi(z)`` (a partial field for one player).

        Parameters
        ----------
        game : DifferentiableGame
            The game being played.
        z : ndarray, shape (*batch, n)
            The full state.
        block : Block
            Which coordinates.
        noise : object or None
            The minibatch (None: the game's fixed evaluation batch).

        Returns
        -------
        ndarray, shape (*batch, width)
            ``grad u_p`` of the block's player(s) (ascent direction: players maximize).
        """
        if block.player is None:
            return game.field_unchecked(z, noise)
        return game.partial_field(z, block.player, noise)

    def init(self, game: DifferentiableGame, z0: Any) -> DynamicsState:
        self.check_game(game)
        z0 = as_state_batch(z0, "z0", game.n)
        with np.errstate(all="ignore"):  # a field that overflows at z0: the run diverges
            memory = self.init_memory(game, z0)
            auxiliary = game.init_auxiliary(z0)
        if auxiliary is None:
            return self.State(z0, *memory, 0)
        return with_auxiliary(self.State)(z0, *memory, auxiliary, 0)

    def _round(self, game: DifferentiableGame, state: DynamicsState,
               rng: np.random.Generator | None = None) -> DynamicsState:
        """One round of simultaneous play: both players update from the same state.

        With ``rng`` a stochastic game's minibatch is drawn (once); without it, the
        game's fixed evaluation batch is used (the deterministic sample-average map).
        """
        z, t = state[0], state[-1]
        memory, auxiliary = split_memory(state)
        noise = draw_noise(game, rng, z, auxiliary)
        values, memory = self.update(game, z, memory, self.block(game, None, t, t), noise)
        return rebuild_state(state, game.project(values), memory,
                             advanced_auxiliary(noise, auxiliary), t + 1)

    # ------------------------------------------------------------------ its maths
    def closed_form_linearization(self, game: DifferentiableGame, point: np.ndarray
                                  ) -> np.ndarray | None:
        """The linearization in closed form, or None (the derived route is used).

        Parameters
        ----------
        game : DifferentiableGame
            The game being played.
        point : ndarray, shape (n,)
            A fixed point of the game's field.

        Returns
        -------
        ndarray or None
            The Jacobian of the map on the method's state, or None.
        """
        return None

    def _closed_form_applies(self, attribute: str) -> bool:
        """Whether the ``attribute`` closed form was written for this class's map: it is
        defined at or below the class that defines ``update``/``step``/``init``."""
        owner = next(klass for klass in type(self).__mro__ if attribute in vars(klass))
        return issubclass(owner, _maths_owner(type(self)))

    def linearization(self, game: DifferentiableGame, point: Any) -> np.ndarray:
        """``dF`` of the update map at the fixed point ``point`` (on the method's state).

        Exact for rules linear in the field: the closed form where the class gives one,
        else the map applied to the game linearized at the point
        (:func:`~gamedyn.dynamics.linear.derived_linearization`); numerical otherwise.

        Parameters
        ----------
        game : DifferentiableGame
            The game being played.
        point : array_like, shape (n1 + n2,)
            A fixed point of the field (the memory rests there).

        Returns
        -------
        ndarray, shape (d, d)
            The Jacobian on the method's state (``d = n`` memoryless, a multiple of ``n``
            with memory); the method converges locally iff its spectral radius is < 1.

        Raises
        ------
        TypeError
            For Adam and RMSProp (not differentiable at rest).
        ValueError
            For per-run step sizes (a linearization needs one step size per player), a
            ``point`` of the wrong shape, or where the field's Jacobian overflows.
        """
        from gamedyn.dynamics.linear import derived_linearization, numeric_linearization

        if any(isinstance(item, PerRun) for item in self.lr):
            raise ValueError("`lr` has per-run step sizes; analyze one run at a time "
                             "(a float or a pair per player).")
        self.check_game(game)
        point = _check_point(point, game.n, "n1 + n2")
        self.require_linearization()
        try:
            with np.errstate(all="ignore"):
                if self.linear_in_field:
                    matrix = None
                    if self._closed_form_applies("closed_form_linearization"):
                        matrix = self.closed_form_linearization(game, point)
                    if matrix is None:
                        matrix = derived_linearization(self, game, point)
                else:
                    matrix = numeric_linearization(self, game, point)
        except ValueError as error:  # the game's Jacobian overflows at the point
            if "not finite" not in str(error):
                raise
            matrix = np.full((1, 1), np.nan)
        if not np.all(np.isfinite(matrix)):
            raise ValueError(f"the linearization of {type(self).__name__} at `point` is not "
                             "finite (the field or its Jacobian overflows there).")
        return matrix

    def require_linearization(self) -> None:
        """Raise ``TypeError`` if this rule has no linearization at a fixed point."""
        if not self.differentiable_at_rest:
            linear = ", ".join(repr(name) for name, cls in REGISTRY.items()
                               if issubclass(cls, GradientDynamics) and cls.linear_in_field
                               and cls.differentiable_at_rest)
            raise TypeError(
                f"`dynamics` = {self!r} has no linearization at any fixed `point`: its step "
                "divides by the "
                "root of its running second moment v, and v = 0 at rest, so the map is not "
                "differentiable there and no spectral radius can judge it. Simulate it "
                f"instead, or analyze a rule linear in the field ({linear})."
            )

    @property
    def linearization_is_exact(self) -> bool:
        return self.linear_in_field

    def step_size_matrix(self, game: DifferentiableGame) -> np.ndarray:
        """``H = diag(eta_1 I_{n1}, eta_2 I_{n2})`` at round 0.

        Parameters
        ----------
        game : DifferentiableGame
            The game (for ``n1`` and ``n2``).

        Returns
        -------
        ndarray, shape (n, n)
            The diagonal step-size matrix.
        """
        lr1, lr2 = self.step_sizes(0)
        return np.diag(np.concatenate([np.full(game.n1, lr1), np.full(game.n2, lr2)]))


def draw_noise(game: DifferentiableGame, rng: np.random.Generator | None, z: np.ndarray,
               auxiliary: np.ndarray | None = None) -> Any:
    """The randomness of one player update: ``game.draw(rng, batch)`` for a stochastic
    game given an ``rng``, else None (the fixed evaluation batch). A game's auxiliary
    state (see :meth:`~gamedyn.games.DifferentiableGame.init_auxiliary`) goes with it."""
    if rng is None or not game.stochastic:
        return None
    if auxiliary is None:
        return game.draw(rng, z.shape[:-1])
    return game.draw(rng, z.shape[:-1], auxiliary)


def advanced_auxiliary(noise: Any, auxiliary: np.ndarray | None) -> np.ndarray | None:
    """The auxiliary state after an update drawn as ``noise`` (unchanged without noise)."""
    return auxiliary if auxiliary is None or noise is None else noise.auxiliary


_AUXILIARY_TYPES: dict[type, Any] = {}  # NamedTuple types made at run time


def with_auxiliary(state_type: Any) -> type[DynamicsState]:
    """``state_type`` with a field ``auxiliary`` before ``t`` (the game's per-run state,
    e.g. spectral normalization's power-iteration vectors), made once per type."""
    if state_type not in _AUXILIARY_TYPES:
        fields = state_type._fields
        # a type made at run time (mypy wants a literal name): name and fields vary
        made = NamedTuple(f"{state_type.__name__}WithAuxiliary",  # type: ignore[misc]
                          [(name, Any) for name in fields[:-1]]
                          + [("auxiliary", Any), ("t", int)])
        made.__doc__ = (f"{state_type.__doc__} With the game's auxiliary state "
                        "``auxiliary`` (shape ``(*batch, A)``).")
        made.__module__ = __name__  # found again by the module's __getattr__ (pickle)
        _AUXILIARY_TYPES[state_type] = made
    return _AUXILIARY_TYPES[state_type]


def __getattr__(name: str) -> type:
    """``<State>WithAuxiliary`` types, made on first use (so that states pickle)."""
    if name.endswith("WithAuxiliary"):
        plain = name.removesuffix("WithAuxiliary")
        for cls in (GradientState, *(getattr(c, "State", None) for c in REGISTRY.values())):
            if cls is not None and cls.__name__ == plain:
                return with_auxiliary(cls)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def split_memory(state: DynamicsState) -> tuple[tuple, np.ndarray | None]:
    """The method's memory (the fields between ``z`` and ``t``) and the game's auxiliary
    state (None when the state has none)."""
    if state._fields[-2] == "auxiliary":
        return tuple(state[1:-2]), state[-2]
    return tuple(state[1:-1]), None


def rebuild_state(like: DynamicsState, z: np.ndarray, memory: tuple,
                  auxiliary: np.ndarray | None, t: int) -> DynamicsState:
    """A state of the type of ``like`` from its parts."""
    if auxiliary is None:
        return type(like)(z, *memory, t)
    return type(like)(z, *memory, auxiliary, t)


def tangent_basis(m: int, n: int) -> np.ndarray:
    """Orthonormal basis ``(m + n, m + n - 2)`` of the tangent space of two simplices:
    directions ``(dp, dq)`` with ``sum(dp) = 0`` and ``sum(dq) = 0``."""
    from scipy.linalg import null_space

    constraints = np.zeros((2, m + n))
    constraints[0, :m] = 1.0
    constraints[1, m:] = 1.0
    return null_space(constraints)


@dataclass(frozen=True)
class MatrixDynamics(Dynamics):
    """A dynamics of a :class:`~gamedyn.games.BimatrixGame` on full mixed strategies.

    States hold ``z = concat(p, q)``: ``p`` over the ``m`` rows, ``q`` over the ``n``
    columns (``m + n`` numbers), each on its probability simplex. A smooth dynamics is
    linearized on the tangent space of the simplices (``sum(dp) = sum(dq) = 0``, an
    orthonormal basis ``T`` of dimension ``m + n - 2``): ``T^T dF T`` for the map and
    ``T^T df T`` for its continuous-time field ``f``. The defaults differentiate
    ``step`` and ``flow_field`` numerically; a class gives exact forms by overriding
    :meth:`map_jacobian` and :meth:`flow_jacobian`.

    Examples
    --------
    >>> import gamedyn as gd
    >>> replicator = gd.dynamics.Replicator()
    >>> isinstance(replicator, gd.dynamics.MatrixDynamics)
    True
    """

    #: False for piecewise-constant maps (best responses), which have no linearization.
    smooth: ClassVar[bool] = True

    def check_game(self, game: Any) -> None:
        if not isinstance(game, BimatrixGame):
            raise TypeError(
                f"{type(self).__name__} needs a BimatrixGame as `game`; got "
                f"{type(game).__name__}: {_matrix_hint()}."
            )

    def state_dim(self, game: BimatrixGame) -> int:
        return sum(game.shape)

    def check_start(self, game: BimatrixGame, z0: Any) -> np.ndarray:
        m, n = game.shape
        z0 = as_state_batch(z0, "z0", m + n)
        with np.errstate(over="ignore"):  # sums of huge entries: refused below, no warning
            check_probability_vectors(z0[..., :m], "z0[..., :m] (p)", m)
            check_probability_vectors(z0[..., m:], "z0[..., m:] (q)", n)
        return z0

    #: The state type: a NamedTuple ``(z, t)``.
    State: ClassVar[type[DynamicsState]] = GradientState

    def init(self, game: BimatrixGame, z0: Any) -> DynamicsState:
        self.check_game(game)
        return self.State(self.check_start(game, z0), 0)

    def update(self, game: BimatrixGame, z: np.ndarray, t: int,
               rng: np.random.Generator | None) -> np.ndarray:
        """The strategies after round ``t`` from ``z = concat(p, q)`` (the method's maths).

        Parameters
        ----------
        game : BimatrixGame
            The game being played.
        z : ndarray, shape (*batch, m + n)
            Full mixed strategies ``concat(p, q)``.
        t : int
            The round.
        rng : numpy.random.Generator or None
            Randomness of the round (sampled play, tie-breaking).

        Returns
        -------
        ndarray, shape (*batch, m + n)
            The new ``concat(p, q)``.
        """
        raise NotImplementedError

    def _round(self, game: BimatrixGame, state: DynamicsState,
               rng: np.random.Generator | None = None) -> DynamicsState:
        """One round: the method's :meth:`update`, the round counter kept here."""
        return type(state)(self.update(game, state.z, state.t, rng), state.t + 1)

    def step_sizes(self, t: int = 0) -> tuple[Any, Any] | None:
        """The players' step sizes, or None for a dynamics without one.

        Parameters
        ----------
        t : int, default 0
            The round.

        Returns
        -------
        tuple or None
            ``(eta1, eta2)``, or None.
        """
        return None

    def _require_smooth(self) -> None:
        if not self.smooth:
            smooth = ", ".join(repr(name) for name, cls in REGISTRY.items()
                               if issubclass(cls, MatrixDynamics) and cls.smooth)
            raise TypeError(
                f"{type(self).__name__} jumps to best responses (a piecewise-constant map), "
                f"so it has no linearization at any `point`; analyze a smooth bimatrix "
                f"dynamics ({smooth})."
            )

    def map_jacobian(self, game: BimatrixGame, z: np.ndarray) -> np.ndarray:
        """Return ``dF``, the Jacobian of one round at full strategies ``z``.

        The default takes central differences of :meth:`step` (error about 1e-9).

        Parameters
        ----------
        game : BimatrixGame
            The game being played.
        z : ndarray, shape (m + n,)
            Full mixed strategies ``concat(p, q)``.

        Returns
        -------
        ndarray, shape (m + n, m + n)
            The Jacobian in full coordinates.

        Raises
        ------
        TypeError
            For a best-response dynamics (no linearization).
        """
        from gamedyn.games.differentiable import numeric_jacobian

        self._require_smooth()
        with np.errstate(all="ignore"):
            return numeric_jacobian(lambda w: self._round(game, GradientState(w, 0), None).z,
                                    z)

    def flow_jacobian(self, game: BimatrixGame, z: np.ndarray) -> np.ndarray:
        """Return ``df``, the Jacobian of the continuous-time field at ``z``.

        The default takes central differences of :meth:`flow_field`.

        Parameters
        ----------
        game : BimatrixGame
            The game being played.
        z : ndarray, shape (m + n,)
            Full mixed strategies ``concat(p, q)``.

        Returns
        -------
        ndarray, shape (m + n, m + n)
            The Jacobian in full coordinates.

        Raises
        ------
        TypeError
            For a best-response dynamics (no linearization).
        """
        from gamedyn.games.differentiable import numeric_jacobian

        self._require_smooth()
        with np.errstate(all="ignore"):
            return numeric_jacobian(lambda w: self._flow(game, w), z)

    def linearization(self, game: BimatrixGame, point: Any) -> np.ndarray:
        """``T^T dF T`` at full strategies ``point = concat(p, q)``, on the tangent space.

        ``T`` is an orthonormal basis of the tangent space of the two simplices
        (:func:`tangent_basis`).

        Parameters
        ----------
        game : BimatrixGame
            The game being played.
        point : array_like, shape (m + n,)
            A rest point, as full mixed strategies.

        Returns
        -------
        ndarray, shape (m + n - 2, m + n - 2)
            The linearization on the tangent space.

        Raises
        ------
        TypeError
            For a best-response dynamics (no linearization).
        ValueError
            For a ``point`` of the wrong shape, or where the map overflows.
        """
        self.check_game(game)
        m, n = game.shape
        point = _check_point(point, m + n, "concat(p, q)")
        self._require_smooth()
        basis = tangent_basis(m, n)
        with np.errstate(all="ignore"):
            matrix = basis.T @ self.map_jacobian(game, point) @ basis
        if not np.all(np.isfinite(matrix)):
            raise ValueError(f"the linearization of {type(self).__name__} at `point` is not "
                             "finite (the map overflows there).")
        return matrix

    @property
    def linearization_is_exact(self) -> bool:
        return type(self).map_jacobian is not MatrixDynamics.map_jacobian


def split_strategies(game: BimatrixGame, z: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``(p, q)`` views of ``z = concat(p, q)``."""
    m = game.shape[0]
    return z[..., :m], z[..., m:]
