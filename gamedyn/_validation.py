"""Input validation shared by every public entry point.

Each helper raises ``TypeError`` for the wrong kind of object and ``ValueError`` for
the right kind with a bad value, and always names the argument and what arrived, so a
user reading the message knows which argument to fix.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Sequence
from numbers import Integral, Real
from typing import Any

import numpy as np

__all__ = [
    "as_real_array",
    "as_state_batch",
    "check_real",
    "check_bool",
    "check_positive",
    "check_nonnegative",
    "check_positive_int",
    "check_choice",
    "check_probability_vectors",
    "readonly",
    "per_player",
    "as_generator",
    "spawn_generators",
    "check_allocation",
    "renamed",
    "MISSING",
    "MAX_ELEMENTS",
]

#: Largest number of float64 elements a public call may allocate in one array (8 GB).
MAX_ELEMENTS = 10**9


def _describe(value: object) -> str:
    if isinstance(value, np.ndarray):
        return f"array of shape {value.shape} and dtype {value.dtype}"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def as_real_array(
    value: object,
    name: str,
    *,
    ndim: int | None = None,
    min_ndim: int | None = None,
    allow_empty: bool = False,
    finite: bool = True,
) -> np.ndarray:
    """Convert ``value`` to a finite float64 array or raise a message naming ``name``.

    Parameters
    ----------
    value : array_like
        Real numbers: a number, nested lists or an array. Booleans are rejected,
        because ``True`` as a payoff is almost always a mistake.
    name : str
        The argument's name, quoted in error messages.
    ndim, min_ndim : int, optional
        Required number of dimensions, or a lower bound for it.
    allow_empty : bool
        Whether an array with no elements is acceptable.
    finite : bool
        Whether NaN and infinity are refused (the default). Hot paths that must let a
        diverging state through to its divergence check pass False.

    Raises
    ------
    TypeError
        For strings, complex numbers, booleans, objects and ragged nested lists.
    ValueError
        For the wrong number of dimensions, empty input, NaN or infinity.
    """
    if isinstance(value, (str, bytes)):
        raise TypeError(f"`{name}` must be an array of real numbers; got a string {value!r}.")
    try:
        array = np.asarray(value)
    except ValueError as error:  # ragged nested sequences
        raise TypeError(
            f"`{name}` must be a rectangular array of real numbers; got a ragged sequence "
            f"({error})."
        ) from None
    if array.dtype == object:
        raise TypeError(
            f"`{name}` must be a rectangular array of real numbers; got {_describe(value)}."
        )
    if array.dtype.kind == "b":
        raise TypeError(f"`{name}` must hold real numbers, not booleans.")
    if array.dtype.kind == "c":
        raise TypeError(f"`{name}` must hold real numbers; got complex values.")
    if array.dtype.kind not in "iuf":
        raise TypeError(
            f"`{name}` must hold real numbers; got dtype {array.dtype} ({_describe(value)})."
        )
    if ndim is not None and array.ndim != ndim:
        raise ValueError(
            f"`{name}` must be {ndim}-dimensional; got an array of shape {array.shape}."
        )
    if min_ndim is not None and array.ndim < min_ndim:
        raise ValueError(
            f"`{name}` must have at least {min_ndim} dimension(s); got shape {array.shape}."
        )
    if not allow_empty and array.size == 0:
        raise ValueError(f"`{name}` must not be empty; got shape {array.shape}.")
    array = array.astype(np.float64, copy=True)
    if finite and not np.all(np.isfinite(array)):
        bad = "NaN" if np.any(np.isnan(array)) else "infinite values"
        raise ValueError(f"`{name}` must be finite; it contains {bad}.")
    return array


def as_state_batch(value: object, name: str, dim: int) -> np.ndarray:
    """A state or batch of states of shape ``(*batch, dim)`` as a float64 array.

    Raises
    ------
    ValueError
        If the last axis is not ``dim`` long, or the values are not finite.
    """
    array = as_real_array(value, name, min_ndim=1)
    if array.shape[-1] != dim:
        raise ValueError(
            f"`{name}` must have shape (*batch, {dim}) (n1 + n2 = {dim}); "
            f"got shape {array.shape}."
        )
    return array


def _to_float(value: Real, name: str) -> float:
    try:
        return float(value)
    except OverflowError:  # an int or Fraction beyond the float range
        raise ValueError(f"`{name}` must be finite; got {_describe(value)}.") from None


def check_real(value: object, name: str) -> float:
    """Return ``value`` as a float if it is a finite real number (not a bool), else raise."""
    if isinstance(value, np.ndarray) and value.ndim == 0 and value.dtype.kind in "iuf":
        value = value.item()
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, Real):
        raise TypeError(f"`{name}` must be a real number; got {_describe(value)}.")
    number = _to_float(value, name)
    if not np.isfinite(number):
        raise ValueError(f"`{name}` must be finite; got {value}.")
    return number


def check_bool(value: object, name: str) -> bool:
    """Return ``value`` if it is a bool (numpy's included), else raise a TypeError."""
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"`{name}` must be True or False; got {_describe(value)}.")
    return bool(value)


def check_allocation(shape: Sequence[int], name: str, limit: int | None = None) -> None:
    """Refuse, before allocating, an array of ``shape`` with more than ``limit`` elements.

    Raises
    ------
    ValueError
        Naming ``name`` (the argument that sets the size) and the size asked for.
    """
    limit = MAX_ELEMENTS if limit is None else limit
    total = 1
    for size in shape:
        total *= int(size)
    if total > limit:
        raise ValueError(
            f"`{name}` asks for an array of {total:.3g} elements (shape {tuple(shape)}); "
            f"the limit is {limit:.3g}."
        )


def check_batch_shape(value: object, name: str = "batch_shape") -> tuple[int, ...]:
    """``value`` as a batch shape: a tuple of ints >= 0 (bools refused).

    Raises
    ------
    TypeError
        Naming ``name``, for anything else.
    """
    if not (isinstance(value, tuple) and all(
            isinstance(size, (int, np.integer)) and not isinstance(size, (bool, np.bool_))
            and size >= 0 for size in value)):
        raise TypeError(f"`{name}` must be a tuple of sizes (ints >= 0); got {value!r}.")
    return tuple(int(size) for size in value)


def check_positive(value: object, name: str) -> float:
    """Return ``value`` as a float if it is a finite number > 0, else raise."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, Real):
        raise TypeError(f"`{name}` must be a positive number; got {_describe(value)}.")
    number = _to_float(value, name)
    if not np.isfinite(number) or number <= 0:
        raise ValueError(f"`{name}` must be positive and finite; got {value}.")
    return number


def check_nonnegative(value: object, name: str) -> float:
    """Return ``value`` as a float if it is a finite number >= 0, else raise."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, Real):
        raise TypeError(f"`{name}` must be a non-negative number; got {_describe(value)}.")
    number = _to_float(value, name)
    if not np.isfinite(number) or number < 0:
        raise ValueError(f"`{name}` must be non-negative and finite; got {value}.")
    return number


def check_positive_int(value: object, name: str, *, minimum: int = 1) -> int:
    """Return ``value`` as an int if it is an integer >= ``minimum``, else raise."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, Integral):
        raise TypeError(f"`{name}` must be an integer; got {_describe(value)}.")
    if value < minimum:
        raise ValueError(f"`{name}` must be at least {minimum}; got {value}.")
    return int(value)


def check_choice(value: object, name: str, choices: Sequence[str]) -> str:
    """Return ``value`` if it is one of ``choices``; the error lists the valid ones."""
    if not isinstance(value, str):
        raise TypeError(
            f"`{name}` must be one of {', '.join(map(repr, choices))}; got {_describe(value)}."
        )
    if value not in choices:
        raise ValueError(
            f"`{name}` must be one of {', '.join(map(repr, choices))}; got {value!r}."
        )
    return value


def check_probability_vectors(
    value: object, name: str, size: int, *, atol: float = 1e-9
) -> np.ndarray:
    """Mixed strategies of shape ``(*batch, size)`` on the probability simplex.

    Raises
    ------
    ValueError
        If the last axis is not ``size`` long, an entry is negative (below ``-atol``),
        or a vector does not sum to 1 within ``atol * size``.
    """
    array = as_real_array(value, name, min_ndim=1)
    if array.shape[-1] != size:
        raise ValueError(
            f"`{name}` must have shape (*batch, {size}) (one probability per strategy); "
            f"got shape {array.shape}."
        )
    if np.any(array < -atol):
        raise ValueError(
            f"`{name}` must lie on the probability simplex; it has a negative entry "
            f"({array.min():.3g})."
        )
    sums = array.sum(axis=-1)
    if np.any(np.abs(sums - 1.0) > atol * max(size, 1)):
        worst = sums.flat[np.argmax(np.abs(sums - 1.0))]
        raise ValueError(
            f"`{name}` must lie on the probability simplex (entries summing to 1); "
            f"a vector sums to {worst:.6g}."
        )
    return array


def readonly(array: np.ndarray) -> np.ndarray:
    """Mark ``array`` read-only and return it (for arrays stored in frozen objects)."""
    array.setflags(write=False)
    return array


def per_player(value: object, name: str, check: Callable[..., Any]) -> tuple:
    """Expand a scalar to ``(value, value)`` or validate a pair, applying ``check``.

    ``check(item, item_name)`` validates each entry; the names are ``name[0]`` and
    ``name[1]`` so the message says which player's setting is wrong.
    """
    if isinstance(value, (tuple, list)):
        if len(value) != 2:
            raise ValueError(
                f"`{name}` must be one value or a pair (player 1, player 2); "
                f"got {len(value)} values."
            )
        return (check(value[0], f"{name}[0]"), check(value[1], f"{name}[1]"))
    item = check(value, name)
    return (item, item)


def as_generator(rng: object, name: str = "rng") -> np.random.Generator:
    """A ``numpy.random.Generator`` from the library's one kind of randomness argument.

    Parameters
    ----------
    rng : numpy.random.Generator, int, numpy.random.SeedSequence or None
        A Generator is used as it is (and advanced); an int seed (``>= 0``) or a
        SeedSequence makes a fresh PCG64 Generator (same seed, same numbers); None takes
        fresh entropy from the operating system.
    name : str
        The argument's name, quoted in error messages.

    Raises
    ------
    TypeError
        For anything else (booleans and floats included).
    ValueError
        For a negative int seed.
    """
    if isinstance(rng, np.random.Generator):
        return rng
    if isinstance(rng, np.random.SeedSequence) or rng is None:
        return np.random.default_rng(rng)
    if isinstance(rng, (int, np.integer)) and not isinstance(rng, (bool, np.bool_)):
        if rng < 0:
            raise ValueError(f"`{name}` must be a non-negative int seed; got {rng}.")
        return np.random.default_rng(int(rng))
    raise TypeError(
        f"`{name}` must be a numpy.random.Generator, a non-negative int seed, a "
        f"numpy.random.SeedSequence or None; got {_describe(rng)}."
    )


#: Default of a deprecated alias argument (``seed`` of ``rng``, ``n_steps`` of ``steps``):
#: not given. One sentinel for the whole library.
MISSING: Any = object()


def renamed(old: object, old_name: str, new: object, new_name: str, new_given: bool, *,
            stacklevel: int = 2) -> Any:
    """The value of a renamed argument: ``new``, or its deprecated alias ``old``.

    Parameters
    ----------
    old : object
        The deprecated alias's value; :data:`MISSING` when not given.
    old_name, new_name : str
        The two arguments' names, quoted in the messages.
    new : object
        The new argument's value.
    new_given : bool
        Whether the caller gave ``new`` (the caller tells its default apart).
    stacklevel : int, default 2
        As for :func:`warnings.warn` called from the function calling this one (2: that
        function's caller).

    Returns
    -------
    object
        ``new`` when ``old`` is not given, else ``old`` (with a ``DeprecationWarning``:
        "`old_name` is deprecated: use `new_name`.").

    Raises
    ------
    TypeError
        If both are given: "give `new_name` only (`old_name` is its deprecated alias)."
    """
    if old is MISSING:
        return new
    if new_given:
        raise TypeError(f"give `{new_name}` only (`{old_name}` is its deprecated alias).")
    warnings.warn(f"`{old_name}` is deprecated: use `{new_name}`.", DeprecationWarning,
                  stacklevel=stacklevel + 1)
    return old


def spawn_generators(rng: object, count: int, name: str = "rng") -> list[np.random.Generator]:
    """``count`` independent Generators derived from ``rng`` by ``SeedSequence.spawn``.

    Same ``rng`` (seed or SeedSequence), same streams; a Generator is advanced by the
    spawn, as :meth:`numpy.random.Generator.spawn` does.
    """
    count = check_positive_int(count, "count", minimum=0)
    return as_generator(rng, name).spawn(count)
