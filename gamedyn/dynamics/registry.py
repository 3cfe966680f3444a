"""The registry of dynamics by name, checked in one place (:func:`get_dynamics`).

Names are listed once: each class declares its ``name`` and registers itself when it is
defined (:data:`gamedyn.dynamics.base.REGISTRY`).
"""

from __future__ import annotations

import dataclasses
from typing import Any

import gamedyn.dynamics.gradient  # noqa: F401  (defining the classes registers them)
import gamedyn.dynamics.learning  # noqa: F401
import gamedyn.dynamics.matrix  # noqa: F401
from gamedyn.dynamics.base import REGISTRY, Dynamics

__all__ = ["REGISTRY", "get_dynamics", "resolve"]


def get_dynamics(name_or_instance: str | Dynamics, **params: Any) -> Dynamics:
    """A dynamics object from a registered name and its hyper-parameters, or an instance.

    Parameters
    ----------
    name_or_instance : str or Dynamics
        A key of :data:`REGISTRY` (e.g. ``"simultaneous"``, ``"fictitious_play"``) or a
        dynamics object, returned unchanged.
    **params
        Hyper-parameters of the named dynamics (e.g. ``lr=0.1``); each is checked
        against the class's parameters, so a typo raises instead of being ignored.

    Returns
    -------
    Dynamics
        A new dynamics of the named class, or ``name_or_instance`` unchanged.

    Raises
    ------
    ValueError
        For an unknown name (the message lists the valid ones).
    TypeError
        For an unknown parameter (the message lists the valid ones), parameters given
        together with an instance, or an object that is neither a name nor a dynamics.

    Examples
    --------
    >>> from gamedyn.dynamics import get_dynamics
    >>> get_dynamics("alternating", lr=(0.1, 0.2), k=(1, 5))
    Alternating(lr=(0.1, 0.2), k=(1, 5), first=1)
    """
    return resolve(name_or_instance, "`name_or_instance` (the `dynamics`)", **params)


def resolve(value: Any, label: str = "`dynamics`", **params: Any) -> Dynamics:
    """:func:`get_dynamics` with the argument to quote in errors (``dynamics`` for the
    functions that take ``dynamics=``): the one place where names are resolved."""
    name_or_instance = value
    if isinstance(name_or_instance, Dynamics):
        if params:
            raise TypeError(
                f"parameters {sorted(params)} were given together with the instance "
                f"{name_or_instance!r}; set them on the instance instead."
            )
        return name_or_instance
    if not isinstance(name_or_instance, str):
        raise TypeError(
            f"{label} must be a Dynamics instance or one of "
            f"{', '.join(map(repr, REGISTRY))}; got {name_or_instance!r}."
        )
    if name_or_instance not in REGISTRY:
        raise ValueError(
            f"{label} must be one of {', '.join(map(repr, REGISTRY))}; "
            f"got {name_or_instance!r}."
        )
    cls = REGISTRY[name_or_instance]
    valid = [f.name for f in dataclasses.fields(cls) if f.init]
    unknown = sorted(set(params) - set(valid))
    if unknown:
        raise TypeError(
            f"{cls.__name__} has no parameter(s) {', '.join(map(repr, unknown))}; "
            f"valid: {', '.join(map(repr, valid)) or 'none'}."
        )
    return cls(**params)
