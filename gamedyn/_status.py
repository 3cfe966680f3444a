"""One status vocabulary shared by every result: trajectories, stability reports, GAN runs.

Each member is a ``str`` (so ``status == "converged"`` and numpy comparisons keep
working) and carries a one-line ``message`` that says what it means. Arrays of statuses
(one per run of a batch) are numpy object arrays of members; a single run has a 0-d
array, so one run and many have the same shape rules.
"""

from __future__ import annotations

from enum import Enum
from typing import Any

import numpy as np

__all__ = ["Status", "status_array", "all_success"]


class Status(str, Enum):
    """Outcome of a run or an analysis; each member carries its ``message``.

    Examples
    --------
    >>> from gamedyn import Status
    >>> Status.DIVERGED == "diverged", Status.DIVERGED.success
    (True, False)
    >>> Status.CONVERGED.message
    'converged: the state stopped moving (change below the tolerance).'
    """

    message: str

    # (message's default only lets type checkers accept the lookup Status("converged"))
    def __new__(cls, value: str, message: str = "") -> Status:
        member = str.__new__(cls, value)
        member._value_ = value
        member.message = message
        return member

    RUNNING = ("running", "still running: neither converged nor diverged in the rounds "
                          "given (run longer, loosen the tolerance, or the dynamics cycles).")
    CONVERGED = ("converged", "converged: the state stopped moving (change below the "
                              "tolerance).")
    DIVERGED = ("diverged", "diverged: the state left the bound or stopped being finite.")
    FAILED = ("failed", "failed: the method could not take a step (for example a singular "
                        "implicit step or a solver that could not proceed).")
    SUCCESS = ("success", "success: the computation completed.")

    @property
    def success(self) -> bool:
        """True for outcomes that are not failures: converged or success."""
        return self in (Status.CONVERGED, Status.SUCCESS)

    def __str__(self) -> str:
        return self.value

    def __repr__(self) -> str:
        return f"Status.{self.name}"


def status_array(values: Any) -> np.ndarray:
    """An object array of :class:`Status` members from strings or members (same shape)."""
    array = np.asarray(values, dtype=object)
    out = np.empty(array.shape, dtype=object)
    flat = out.reshape(-1)
    for i, value in enumerate(array.reshape(-1)):
        flat[i] = Status(value)
    return out


def all_success(status: Any) -> bool:
    """True when every status of a result (scalar or array) is a success."""
    return all(Status(s).success for s in np.asarray(status, dtype=object).reshape(-1))
