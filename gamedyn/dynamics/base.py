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

from dataclasses import dataclass, replace
from typing import Any, ClassVar, NamedTuple

import numpy as np

from gamedyn._validation import as_generator, as_state_batch, check_probability_vectors, per_player
from gamedyn.dynamics.schedules import PerRun, as_schedule
from gamedyn.games.bimatrix import BimatrixGame
from gamedyn.games.differentiable import DifferentiableGame

__all__ = ["Dynamics", "GradientDynamics", "MatrixDynamics", "GradientState", "as_rng"]


class GradientState(NamedTuple):
    """State of a memoryless method: the joint state ``z`` and the round ``t``."""

    z: np.ndarray
    t: int


def as_rng(rng: Any) -> np.random.Generator:
    """A ``numpy.random.Generator`` from a Generator, an int seed, a SeedSequence or None."""
    return as_generator(rng, "rng")


@dataclass(frozen=True)
class Dynamics:
    """Base class of all dynamics: immutable hyper-parameters, ``init`` and ``step``.

    Subclasses set the class variable ``name`` (the key in
    :data:`gamedyn.dynamics.REGISTRY`) and implement :meth:`init` and :meth:`step`.
    """

    name: ClassVar[str] = ""

    def init(self, game: Any, z0: Any) -> NamedTuple:
        """The state at round 0: ``state.z`` equals ``z0`` (shape ``(*batch, n)``)."""
        raise NotImplementedError

    def step(self, game: Any, state: NamedTuple, rng: np.random.Generator | None = None
             ) -> NamedTuple:
        """One round of play: a new state of the same type with ``t`` increased by one."""
        raise NotImplementedError

    def check_game(self, game: Any) -> None:
        """Raise ``TypeError`` if this dynamics does not apply to ``game``."""
        raise NotImplementedError

    def state_dim(self, game: Any) -> int:
        """Length of the last axis of ``z`` for ``game``."""
        raise NotImplementedError

    def check_start(self, game: Any, z0: Any) -> np.ndarray:
        """``z0`` validated as a float array of shape ``(*batch, n)`` (raises naming ``z0``)."""
        raise NotImplementedError

    def for_batch(self, batch_shape: tuple[int, ...]) -> Dynamics:
        """This dynamics for a batch flattened to ``(prod(batch_shape), n)`` (per-run
        hyper-parameters follow the flattening); ``self`` when it has none."""
        return self

    @property
    def field_evaluations_per_step(self) -> int:
        """How many times one round evaluates the game's field (or payoff vectors)."""
        return 1

    def flow_field(self, game: Any, z: np.ndarray) -> np.ndarray:
        """The continuous-time vector field of this dynamics (for :func:`flow`)."""
        raise TypeError(
            f"{type(self).__name__} has no continuous-time limit in gamedyn; use "
            "dynamics=None (the game's field, or the replicator for bimatrix games), "
            "Simultaneous, Consensus, SGA, Replicator or LogitResponse."
        )


_GRADIENT_HINT = (
    "for a bimatrix game use game.mixed() (its mixed extension) or a bimatrix dynamics "
    "('best_response', 'fictitious_play', 'replicator', 'logit')"
)
_MATRIX_HINT = (
    "for a differentiable game use a gradient method ('simultaneous', 'alternating', "
    "'optimistic', 'extragradient', ...)"
)


@dataclass(frozen=True)
class GradientDynamics(Dynamics):
    """A gradient method on a :class:`~gamedyn.games.DifferentiableGame`.

    ``lr`` is one step size for both players or a pair ``(lr1, lr2)`` (the two-timescale
    rule); each may be a positive number, a :class:`~gamedyn.dynamics.Schedule` or a
    callable ``t -> float``. On a game with a ``domain`` (``g.mixed()``) every update is
    followed by ``game.project`` (projected gradient play), so states stay feasible.
    """

    lr: Any = 0.1

    # after construction ``lr`` is a pair of Schedules; ``step_sizes(t)`` gives numbers

    def __post_init__(self) -> None:
        object.__setattr__(self, "lr", per_player(self.lr, "lr", as_schedule))

    def check_game(self, game: Any) -> None:
        if not isinstance(game, DifferentiableGame):
            raise TypeError(
                f"{type(self).__name__} needs a DifferentiableGame; got "
                f"{type(game).__name__}: {_GRADIENT_HINT}."
            )

    def state_dim(self, game: DifferentiableGame) -> int:
        return game.n

    def check_start(self, game: DifferentiableGame, z0: Any) -> np.ndarray:
        z0 = as_state_batch(z0, "z0", game.n)
        if game.domain is not None and not np.all(game.domain.contains(z0)):
            raise ValueError(
                f"`z0` must lie in the game's domain {game.domain!r} (reduced mixed "
                "strategies: entries >= 0 summing to at most 1 per player)."
            )
        return z0

    def step_sizes(self, t: int = 0) -> tuple[Any, Any]:
        """The players' step sizes ``(eta1, eta2)`` at round ``t`` (for the stability analyzer).

        Each is a float, or an array of one step size per run (:class:`PerRun`).
        """
        return (self.lr[0].rate(t, "lr"), self.lr[1].rate(t, "lr"))

    def player_rates(self, t: int) -> tuple[Any, Any]:
        """``(eta1, eta2)`` at round ``t``, each a float or an array of shape ``(*batch, 1)``
        that multiplies a player's block of states ``(*batch, n_p)``."""
        lr1 = self.lr[0].rate(t, "lr")
        lr2 = self.lr[1].rate(t, "lr")
        if isinstance(lr1, np.ndarray):
            lr1 = lr1[..., None]
        if isinstance(lr2, np.ndarray):
            lr2 = lr2[..., None]
        return lr1, lr2

    def rates(self, game: DifferentiableGame, t: int) -> Any:
        """The step sizes at round ``t``: a float, or an array broadcastable to
        ``(*batch, n)`` when they differ between the players or the runs."""
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

    def for_batch(self, batch_shape: tuple[int, ...]) -> GradientDynamics:
        """This dynamics with per-run step sizes broadcast to ``batch_shape`` and flattened.

        :func:`~gamedyn.simulate` plays a batch as ``(prod(batch), n)``; per-run step
        sizes follow it. Returns ``self`` when no step size is per run.

        Raises
        ------
        ValueError
            If a per-run step size does not broadcast to ``batch_shape``.
        """
        if not any(isinstance(item, PerRun) for item in self.lr):
            return self
        if self.lr[0] is self.lr[1]:
            flat = self.lr[0].flattened(batch_shape, "lr")
            lr = (flat, flat)
        else:
            lr = tuple(item.flattened(batch_shape, f"lr[{i}]") if isinstance(item, PerRun)
                       else item for i, item in enumerate(self.lr))
        return replace(self, lr=lr)

    def init(self, game: DifferentiableGame, z0: Any) -> GradientState:
        self.check_game(game)
        return GradientState(as_state_batch(z0, "z0", game.n), 0)


@dataclass(frozen=True)
class MatrixDynamics(Dynamics):
    """A dynamics of a :class:`~gamedyn.games.BimatrixGame` on full mixed strategies.

    States hold ``z = concat(p, q)``: ``p`` over the ``m`` rows, ``q`` over the ``n``
    columns (``m + n`` numbers), each on its probability simplex.
    """

    def check_game(self, game: Any) -> None:
        if not isinstance(game, BimatrixGame):
            raise TypeError(
                f"{type(self).__name__} needs a BimatrixGame; got {type(game).__name__}: "
                f"{_MATRIX_HINT}."
            )

    def state_dim(self, game: BimatrixGame) -> int:
        return sum(game.shape)

    def check_start(self, game: BimatrixGame, z0: Any) -> np.ndarray:
        m, n = game.shape
        z0 = as_state_batch(z0, "z0", m + n)
        check_probability_vectors(z0[..., :m], "z0[..., :m] (p)", m)
        check_probability_vectors(z0[..., m:], "z0[..., m:] (q)", n)
        return z0

    def init(self, game: BimatrixGame, z0: Any) -> GradientState:
        self.check_game(game)
        return GradientState(self.check_start(game, z0), 0)


def split_strategies(game: BimatrixGame, z: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``(p, q)`` views of ``z = concat(p, q)``."""
    m = game.shape[0]
    return z[..., :m], z[..., m:]
