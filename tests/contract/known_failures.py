# ruff: noqa: E501 (a data table: one failing call per entry)
"""Contract failures in modules owned by other branches, kept as data until fixed there.

Each entry is (callable, owner, the smallest failing call found, the parameter that was
given a bad value or None, what happened). The suite marks every entry
``xfail(strict=True)``: when the owner's fix lands the entry passes, the strict xfail
turns red, and the entry is deleted. ``FUZZ`` lists the callables whose whole fuzz test
fails today (strict as well). The goal is two empty tables.

Owners: ``dyn`` (gamedyn/dynamics, gamedyn/stability, games/differentiable.py), ``eq``
(gamedyn/equilibria, games/bimatrix.py), ``gan`` (gamedyn/gan except targets, metrics).
Calls are Python evaluated with ``gd`` (gamedyn), ``np`` and ``sympy`` in scope.
"""

from __future__ import annotations

from typing import NamedTuple


class Known(NamedTuple):
    callable: str
    owner: str
    call: str
    bad: str | None  # the parameter whose value must be refused, if any
    what: str


KNOWN: list[Known] = []

#: callables whose whole fuzz test fails today (each has an entry in KNOWN)
FUZZ: set[str] = set()
