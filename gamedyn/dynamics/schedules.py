"""Step-size schedules: a step size that depends on the round ``t``.

Wherever a dynamics accepts a step size (``lr``, per player or shared) it also accepts a
schedule: a :class:`Schedule` (:func:`constant`, :func:`inverse_time`) or any callable
``t -> float``. Schedules parameterize a dynamics; they do not subclass it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from numbers import Real

import numpy as np

from gamedyn._validation import check_nonnegative, check_positive

__all__ = ["Schedule", "Constant", "InverseTime", "FromCallable", "constant", "inverse_time",
           "as_schedule"]


class Schedule:
    """A step size ``eta(t) > 0`` for rounds ``t = 0, 1, 2, ...``."""

    def __call__(self, t: int) -> float:  # pragma: no cover - abstract
        raise NotImplementedError

    def rate(self, t: int, name: str) -> float:
        """``eta(t)``, checked to be positive and finite (the error names ``name``)."""
        return self(t)


@dataclass(frozen=True, repr=False)
class Constant(Schedule):
    """The constant step size ``eta(t) = value``."""

    value: float

    def __post_init__(self) -> None:
        object.__setattr__(self, "value", check_positive(self.value, "lr"))

    def __call__(self, t: int) -> float:
        return self.value

    def __float__(self) -> float:
        return self.value

    def __repr__(self) -> str:
        return repr(self.value)


@dataclass(frozen=True)
class InverseTime(Schedule):
    """``eta(t) = lr0 / (1 + decay * t)`` (Robbins & Monro 1951 step sizes for ``decay > 0``)."""

    lr0: float
    decay: float

    def __post_init__(self) -> None:
        object.__setattr__(self, "lr0", check_positive(self.lr0, "lr0"))
        object.__setattr__(self, "decay", check_nonnegative(self.decay, "decay"))

    def __call__(self, t: int) -> float:
        return self.lr0 / (1.0 + self.decay * t)


@dataclass(frozen=True)
class FromCallable(Schedule):
    """A user function ``t -> eta(t)``; its values are checked when used."""

    fn: Callable[[int], float]

    def __call__(self, t: int) -> float:
        return self.fn(t)

    def rate(self, t: int, name: str) -> float:
        value = self.fn(t)
        if isinstance(value, bool) or not isinstance(value, (Real, np.floating, np.integer)):
            raise TypeError(f"`{name}` schedule must return a number; got {value!r} at step {t}.")
        value = float(value)
        if not np.isfinite(value) or value <= 0:
            raise ValueError(
                f"`{name}` schedule must return positive finite step sizes; got {value} "
                f"at step {t}."
            )
        return value


def constant(value: float) -> Constant:
    """The schedule ``eta(t) = value``."""
    return Constant(value)


def inverse_time(lr0: float, decay: float = 1.0) -> InverseTime:
    """The schedule ``eta(t) = lr0 / (1 + decay * t)``."""
    return InverseTime(lr0, decay)


def as_schedule(value: object, name: str) -> Schedule:
    """A number, a :class:`Schedule` or a callable ``t -> float`` as a :class:`Schedule`.

    Raises
    ------
    TypeError
        For anything else (strings, arrays, booleans).
    ValueError
        For a non-positive number, or a callable whose step size at ``t = 0`` is not
        positive.
    """
    if isinstance(value, Schedule):
        value.rate(0, name)
        return value
    if isinstance(value, bool):
        raise TypeError(f"`{name}` must be a positive number or a schedule; got {value!r}.")
    if isinstance(value, (Real, np.floating, np.integer)):
        number = float(value)
        if not np.isfinite(number) or number <= 0:
            raise ValueError(f"`{name}` must be positive; got {value}.")
        return Constant(number)
    if callable(value):
        schedule = FromCallable(value)
        schedule.rate(0, name)
        return schedule
    raise TypeError(
        f"`{name}` must be a positive number, a Schedule or a callable t -> float; "
        f"got {value!r}."
    )
