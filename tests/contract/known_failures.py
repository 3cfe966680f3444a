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


KNOWN: list[Known] = [
    Known('gamedyn.gan.GANGame.jacobian', 'gan',
          "gd.gan.GANGame((1.0, 0.5), discriminator=gd.gan.MLP(4), rng=0).jacobian(np.full(15, 1e308))",
          None, 'refused for the model class (no exact Jacobian) before z is looked at: the message names no argument'),
    Known('gamedyn.gan.GANGame.partial_field', 'gan',
          'gd.gan.GANGame((1.0, 0.5), batch_size=8, eval_size=16, rng=0).partial_field(np.full(5, 1e308), 1)',
          None, 'RuntimeWarning: overflow (a finite state)'),
]

#: callables whose whole fuzz test fails today (each has an entry in KNOWN)
FUZZ: set[str] = {
    'gamedyn.gan.GANGame.jacobian',
    'gamedyn.gan.GANGame.partial_field',
}
