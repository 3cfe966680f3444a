"""Step-size schedules: a step size that depends on the round ``t``.

Wherever a dynamics accepts a step size (``lr``, per player or shared) it also accepts a
schedule: a :class:`Schedule` (:func:`constant`, :func:`inverse_time`) or any callable
``t -> float``, and, for ensembles, a numpy array of positive step sizes broadcastable
to the batch shape ``(*batch,)`` of the starts (:class:`PerRun`: one step size per run).
Schedules parameterize a dynamics; they do not subclass it.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from numbers import Integral, Real

import numpy as np

from gamedyn._validation import check_nonnegative, check_positive

__all__ = ["Schedule", "Constant", "InverseTime", "FromCallable", "PerRun", "constant",
           "inverse_time", "as_schedule"]


def _check_rate_arguments(t: object, name: object) -> None:
    """``rate``'s own arguments: a round ``t >= 0`` and the argument name to quote."""
    if isinstance(t, (bool, np.bool_)) or not isinstance(t, Integral):
        raise TypeError(f"`t` must be a round number (an int >= 0); got {t!r}.")
    if t < 0:
        raise ValueError(f"`t` must be a round number (an int >= 0); got {t}.")
    if not isinstance(name, str):
        raise TypeError(f"`name` must be the argument's name (a string); got {name!r}.")


class Schedule:
    """A step size ``eta(t) > 0`` for rounds ``t = 0, 1, 2, ...``.

    Subclasses define ``__call__(t)``; :meth:`rate` checks the value.

    Examples
    --------
    >>> from gamedyn.dynamics import Schedule, inverse_time
    >>> isinstance(inverse_time(0.1), Schedule)
    True
    """

    def __call__(self, t: int) -> float | np.ndarray:  # pragma: no cover - abstract
        raise NotImplementedError

    def rate(self, t: int, name: str) -> float | np.ndarray:
        """``eta(t)``, checked to be positive and finite (the error names ``name``).

        Parameters
        ----------
        t : int
            The round, ``>= 0``.
        name : str
            The argument to name in errors (e.g. ``"lr"``).

        Returns
        -------
        float or ndarray
            The step size (an array of one per run for :class:`PerRun`).

        Raises
        ------
        TypeError
            If ``t`` is not an int or ``name`` not a string.
        ValueError
            If ``t`` is negative.
        """
        _check_rate_arguments(t, name)
        return self(t)


@dataclass(frozen=True, repr=False)
class Constant(Schedule):
    """The constant step size ``eta(t) = value``.

    Parameters
    ----------
    value : float
        The step size, positive.

    Raises
    ------
    ValueError
        For a ``value`` that is not positive and finite.

    Examples
    --------
    >>> from gamedyn.dynamics import Constant
    >>> Constant(0.1)(7)
    0.1
    """

    value: float

    def __post_init__(self) -> None:
        object.__setattr__(self, "value", check_positive(self.value, "value"))

    def __call__(self, t: int) -> float:
        return self.value

    def __float__(self) -> float:
        return self.value

    def __repr__(self) -> str:
        return repr(self.value)


@dataclass(frozen=True)
class InverseTime(Schedule):
    """``eta(t) = lr0 / (1 + decay * t)`` (Robbins & Monro 1951 step sizes for ``decay > 0``).

    For ``decay > 0`` the step sizes satisfy Robbins & Monro's conditions
    ``sum eta(t) = inf``, ``sum eta(t)^2 < inf``.

    Parameters
    ----------
    lr0 : float
        The step size at round 0, positive.
    decay : float
        The decay rate per round, ``>= 0``.

    Raises
    ------
    ValueError
        For ``lr0 <= 0`` or ``decay < 0``.

    References
    ----------
    Robbins, H. & Monro, S. (1951). A stochastic approximation method. Annals of
    Mathematical Statistics 22(3), 400-407.

    Examples
    --------
    >>> from gamedyn.dynamics import InverseTime
    >>> InverseTime(0.1, decay=1.0)(4)
    0.02
    """

    lr0: float
    decay: float

    def __post_init__(self) -> None:
        object.__setattr__(self, "lr0", check_positive(self.lr0, "lr0"))
        object.__setattr__(self, "decay", check_nonnegative(self.decay, "decay"))

    def __call__(self, t: int) -> float:
        return self.lr0 / (1.0 + self.decay * t)


@dataclass(frozen=True)
class FromCallable(Schedule):
    """A user function ``t -> eta(t)``; its values are checked when used.

    Parameters
    ----------
    fn : callable
        ``fn(t)`` returns the step size of round ``t`` (a positive finite number).

    Raises
    ------
    TypeError
        If ``fn`` is not callable with the round as its one positional argument.

    Examples
    --------
    >>> from gamedyn.dynamics import FromCallable
    >>> FromCallable(lambda t: 0.5 ** t).rate(3, "lr")
    0.125
    """

    fn: Callable[[int], float]

    def __post_init__(self) -> None:
        _check_schedule_function(self.fn, "fn")

    def __call__(self, t: int) -> float:
        return self.fn(t)

    def rate(self, t: int, name: str) -> float:
        """Return ``fn(t)``, checked to be a positive finite number.

        Parameters
        ----------
        t : int
            The round, ``>= 0``.
        name : str
            The argument to name in errors (e.g. ``"lr"``).

        Returns
        -------
        float
            The step size.

        Raises
        ------
        TypeError
            If ``fn(t)`` is not a number.
        ValueError
            If ``fn(t)`` fails with an arithmetic error or is not positive and finite.
        """
        _check_rate_arguments(t, name)
        try:
            value = self.fn(t)
        except (ArithmeticError, ValueError) as error:  # e.g. an overflow in the schedule
            raise ValueError(f"`{name}` schedule failed at step {t}: "
                             f"{type(error).__name__}: {error}") from None
        if isinstance(value, bool) or not isinstance(value, (Real, np.floating, np.integer)):
            raise TypeError(f"`{name}` schedule must return a number; got {value!r} at step {t}.")
        try:
            value = float(value)
        except OverflowError:  # an int beyond the float range
            raise ValueError(f"`{name}` schedule must return positive finite step sizes; "
                             f"got a number too large for a float at step {t}.") from None
        if not np.isfinite(value) or value <= 0:
            raise ValueError(
                f"`{name}` schedule must return positive finite step sizes; got {value} "
                f"at step {t}."
            )
        return value


def _check_schedule_function(fn: object, name: str) -> None:
    """``fn`` must be callable with one positional argument, the round ``t``."""
    if not callable(fn):
        raise TypeError(f"`{name}` must be a callable t -> step size; got {fn!r}.")
    try:
        signature = inspect.signature(fn)
    except (TypeError, ValueError):  # builtins without a signature: trust them
        return
    try:
        signature.bind(0)
    except TypeError:
        raise TypeError(
            f"`{name}` must be a schedule t -> step size taking the round t as its one "
            f"positional argument; {fn!r} has the signature {signature}."
        ) from None


class PerRun(Schedule):
    """One constant step size per run of an ensemble: an array broadcastable to ``(*batch,)``.

    ``eta(t)`` is the (read-only) array ``values`` at every round; a dynamics multiplies
    it into states of shape ``(*batch, n)`` along the batch axes, so run ``i`` of a batch
    plays with step size ``values[i]`` exactly as a separate run would.

    Parameters
    ----------
    values : ndarray
        Positive finite step sizes, ``ndim >= 1``.
    name : str, default "lr"
        The argument to name in errors.

    Raises
    ------
    TypeError
        If ``values`` is not an array of real numbers.
    ValueError
        For a scalar, or entries that are not positive and finite.

    Examples
    --------
    >>> import numpy as np
    >>> from gamedyn.dynamics import PerRun
    >>> PerRun(np.array([0.1, 0.2]))(5)
    array([0.1, 0.2])
    """

    __slots__ = ("values",)
    values: np.ndarray

    def __init__(self, values: np.ndarray, name: str = "lr") -> None:
        try:
            values = np.array(values, dtype=float)
        except (TypeError, ValueError, OverflowError):
            raise TypeError(f"`{name}` per-run step sizes must be an array of real numbers; "
                            f"got {values!r}.") from None
        if values.ndim == 0:
            raise ValueError(f"`{name}` per-run step sizes must be an array; got a scalar.")
        if not np.all(np.isfinite(values)) or np.any(values <= 0):
            raise ValueError(f"`{name}` must be positive; got the array {values}.")
        values.setflags(write=False)
        object.__setattr__(self, "values", values)

    def __setattr__(self, key: str, value: object) -> None:
        raise AttributeError(f"PerRun is immutable; cannot set {key!r}.")

    def __call__(self, t: int) -> np.ndarray:
        return self.values

    def flattened(self, batch_shape: tuple[int, ...], name: str = "lr") -> PerRun:
        """The step sizes broadcast to ``batch_shape`` and flattened to ``(prod(batch),)``.

        Parameters
        ----------
        batch_shape : tuple of int
            The batch shape of the starting states.
        name : str, default "lr"
            The argument to name in errors.

        Returns
        -------
        PerRun
            Step sizes of shape ``(prod(batch_shape),)``.

        Raises
        ------
        ValueError
            If ``values`` does not broadcast to ``batch_shape``.
        """
        try:
            full = np.broadcast_to(self.values, batch_shape)
        except ValueError:
            raise ValueError(
                f"`{name}` per-run step sizes of shape {self.values.shape} do not broadcast "
                f"to the batch shape {tuple(batch_shape)} of the starts."
            ) from None
        return PerRun(full.reshape(-1), name)

    def __eq__(self, other: object) -> bool:
        return (isinstance(other, PerRun) and self.values.shape == other.values.shape
                and bool(np.all(self.values == other.values)))

    def __hash__(self) -> int:
        return hash((self.values.shape, self.values.tobytes()))

    def __repr__(self) -> str:
        return f"PerRun({np.array2string(self.values, threshold=6)})"


def constant(value: float) -> Constant:
    """The schedule ``eta(t) = value``.

    Parameters
    ----------
    value : float
        The step size, positive.

    Returns
    -------
    Constant
        The schedule.

    Raises
    ------
    ValueError
        For a ``value`` that is not positive and finite.

    Examples
    --------
    >>> from gamedyn.dynamics import constant
    >>> constant(0.1)(100)
    0.1
    """
    return Constant(value)


def inverse_time(lr0: float, decay: float = 1.0) -> InverseTime:
    """The schedule ``eta(t) = lr0 / (1 + decay * t)``.

    Parameters
    ----------
    lr0 : float
        The step size at round 0, positive.
    decay : float, default 1.0
        The decay rate per round, ``>= 0``.

    Returns
    -------
    InverseTime
        The schedule (Robbins-Monro step sizes for ``decay > 0``).

    Raises
    ------
    ValueError
        For ``lr0 <= 0`` or ``decay < 0``.

    References
    ----------
    Robbins, H. & Monro, S. (1951). A stochastic approximation method. Annals of
    Mathematical Statistics 22(3), 400-407.

    Examples
    --------
    >>> from gamedyn.dynamics import inverse_time
    >>> [inverse_time(1.0)(t) for t in range(3)]
    [1.0, 0.5, 0.3333333333333333]
    """
    return InverseTime(lr0, decay)


def as_schedule(value: object, name: str) -> Schedule:
    """A number, a :class:`Schedule` or a callable ``t -> float`` as a :class:`Schedule`.

    Raises
    ------
    TypeError
        For anything else (strings, lists, booleans).
    ValueError
        For a non-positive number, or a callable whose step size at ``t = 0`` is not
        positive.
    """
    if isinstance(value, Schedule):
        value.rate(0, name)
        return value
    if isinstance(value, np.ndarray) and value.ndim >= 1:
        if not (np.issubdtype(value.dtype, np.floating)
                or np.issubdtype(value.dtype, np.integer)):
            raise TypeError(f"`{name}` per-run step sizes must be real numbers; got dtype "
                            f"{value.dtype}.")
        return PerRun(value, name)
    if isinstance(value, np.ndarray) and value.ndim == 0:
        value = value.item()
    if isinstance(value, bool):
        raise TypeError(f"`{name}` must be a positive number or a schedule; got {value!r}.")
    if isinstance(value, (Real, np.floating, np.integer)):
        try:
            number = float(value)
        except OverflowError:  # an int or Fraction beyond the float range
            raise ValueError(f"`{name}` must be positive and finite; got a number too large "
                             "for a float.") from None
        if not np.isfinite(number) or number <= 0:
            raise ValueError(f"`{name}` must be positive; got {value}.")
        return Constant(number)
    if callable(value):
        _check_schedule_function(value, name)
        schedule = FromCallable(value)
        schedule.rate(0, name)
        return schedule
    raise TypeError(
        f"`{name}` must be a positive number, a Schedule or a callable t -> float; "
        f"got {value!r}."
    )
