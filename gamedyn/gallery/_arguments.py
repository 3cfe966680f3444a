"""The arguments every figure recipe takes, checked once."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeAlias, TypeVar

import numpy as np

from gamedyn._validation import MISSING as _MISSING
from gamedyn._validation import renamed

if TYPE_CHECKING:
    from gamedyn.games import BimatrixGame, DifferentiableGame

_Game = TypeVar("_Game")

#: What a recipe's ``rng`` may be (the library's one kind of randomness argument).
RNG: TypeAlias = np.random.Generator | np.random.SeedSequence | int | None


#: Default of the deprecated ``seed`` alias of ``rng`` (not given): the library's one
#: sentinel, as for the aliases of :func:`gamedyn.gan.train`.
MISSING: Any = _MISSING


class _DefaultSeed(int):
    """The default ``rng``: the int 0 (it prints as ``0``), told apart from an ``rng=0``
    the caller gives, so that ``rng=0, seed=...`` is refused as giving both."""


#: Default of every recipe's ``rng``: 0, the seed of the committed figures.
RNG_DEFAULT: Any = _DefaultSeed(0)


def recipe_seed(rng: object, seed: object = MISSING, *, stacklevel: int = 3) -> int:
    """The int seed a recipe draws its randomness from, from its ``rng`` argument.

    An int ``>= 0`` is used as it is (so ``rng=0`` draws the committed figures); a
    SeedSequence gives its first 32-bit word of state (``generate_state(1)[0]``); a
    Generator one draw ``integers(2**32)`` (it advances); None fresh entropy from the
    operating system. ``seed`` is the deprecated alias of ``rng``: given, it is used
    with a ``DeprecationWarning`` (pointing ``stacklevel`` frames up: the recipe's
    caller when the recipe calls this), and giving both (``rng=0`` included: the default
    is :data:`RNG_DEFAULT`, a 0 of its own) is a ``TypeError``. Anything
    else (a bool, a float, a negative int) is a ``TypeError`` or ``ValueError`` naming
    ``rng``.
    """
    from gamedyn._validation import as_generator

    # rng=0 given counts as given: the default is RNG_DEFAULT, a 0 of its own
    rng = renamed(seed, "seed", rng, "rng", rng is not RNG_DEFAULT, stacklevel=stacklevel)
    if isinstance(rng, np.random.SeedSequence):
        return int(rng.generate_state(1)[0])
    generator = as_generator(rng, "rng")  # the checks and messages of the whole library
    if rng is generator or rng is None:
        return int(generator.integers(2**32))
    return int(rng)  # type: ignore[call-overload]


def recipe_arguments(rng: object, quick: object, seed: object = MISSING) -> tuple[int, bool]:
    """``rng`` as the recipe's int seed (:func:`recipe_seed`; ``seed`` its deprecated
    alias) and ``quick`` (a bool), checked."""
    from gamedyn._validation import check_bool

    return recipe_seed(rng, seed, stacklevel=4), check_bool(quick, "quick")


def recipe_game(game: object, default: Callable[[], _Game], kind: type[_Game], what: str,
                shape: tuple[int, int] | None = None, name: str = "game") -> _Game:
    """The recipe's ``game``: ``default()`` for None, else a ``kind`` instance, checked.

    ``shape`` is the bimatrix shape ``(m, n)`` for a :class:`~gamedyn.games.BimatrixGame`
    or the player dimensions ``(n1, n2)`` for a
    :class:`~gamedyn.games.DifferentiableGame`. ``name`` is the argument's name in
    messages. Raises ``TypeError`` naming the argument for another type and
    ``ValueError`` for a game of the wrong shape.
    """
    if game is None:
        return default()
    if not isinstance(game, kind):
        raise TypeError(f"`{name}` must be {what} or None (the catalogue game); "
                        f"got {type(game).__name__}.")
    if shape is not None:
        sized: Any = game  # a BimatrixGame (shape) or a DifferentiableGame (n1, n2)
        got = tuple(sized.shape) if hasattr(sized, "shape") else (sized.n1, sized.n2)
        if got != tuple(shape):
            if hasattr(game, "shape"):
                raise ValueError(f"`{name}` must be a {shape[0]}x{shape[1]} bimatrix game "
                                 f"for this figure; got shape {got}.")
            raise ValueError(f"`{name}` must have n1 = {shape[0]} and n2 = {shape[1]} "
                             f"parameters for this figure; got n1 = {got[0]}, "
                             f"n2 = {got[1]}.")
    return game


def plane_game(game: object, default: Callable[[], DifferentiableGame], name: str = "game"
               ) -> DifferentiableGame:
    """A differentiable game with one parameter per player (drawn in the plane)."""
    import gamedyn as gd

    return recipe_game(game, default, gd.games.DifferentiableGame,
                       "a DifferentiableGame with n1 = n2 = 1", shape=(1, 1), name=name)


def stationary_point(game: DifferentiableGame,
                     bounds: tuple[tuple[float, float], tuple[float, float]] = (
                         (-2.0, 2.0), (-2.0, 2.0)),
                     name: str = "game") -> np.ndarray:
    """The game's known equilibrium, else its stationary point nearest the origin in
    ``bounds`` (:func:`gamedyn.stability.find_stationary_points`).

    Raises ``ValueError`` naming ``game`` when there is none in ``bounds``.
    """
    import gamedyn as gd

    try:
        return game.equilibrium()
    except ValueError:
        pass
    points = gd.stability.find_stationary_points(game, np.asarray(bounds, dtype=float))
    if not points:
        raise ValueError(f"`{name}` has no known equilibrium and no stationary point in "
                         f"{np.asarray(bounds).tolist()}; give a game with one there.")
    return min((z for z, _ in points), key=lambda z: float(np.linalg.norm(z)))


def interior_equilibrium(game: BimatrixGame, name: str = "game") -> tuple[np.ndarray, np.ndarray]:
    """A completely mixed Nash equilibrium ``(p, q)`` of a bimatrix game.

    Raises ``ValueError`` naming ``game`` when it has none.
    """
    import gamedyn as gd

    for p, q in gd.equilibria.all_nash(game):
        if np.all(np.asarray(p) > 1e-9) and np.all(np.asarray(q) > 1e-9):
            return np.asarray(p, dtype=float), np.asarray(q, dtype=float)
    raise ValueError(f"`{name}` must have a completely mixed Nash equilibrium for this "
                     f"figure; {game.name!r} has none.")
