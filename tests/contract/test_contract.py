"""The contract suite: every public callable, with bad, edge and good values.

The API is enumerated from ``__all__`` (tests/contract/api.py), so a new public name is
covered the day it lands; strategies per kind of parameter are in tests/contract/spec.py
and the contract itself in tests/contract/checks.py. Hypothesis is derandomized and
does not shrink (a failing example is reported as drawn): set GAMEDYN_CONTRACT_SHRINK=1
to shrink when investigating, and GAMEDYN_CONTRACT_EXAMPLES=N for a longer run.

Each callable draws from its own fixed seed (the CRC-32 of its name), so editing this
file or adding a callable does not reshuffle the examples of the others; changing a
callable's strategies does. To see which fuzz tests fail without the expected-failure
marks (to update ``FUZZ`` in known_failures.py), set GAMEDYN_CONTRACT_NO_XFAIL=1.
"""

from __future__ import annotations

import os
import zlib

import numpy as np
import pytest
import sympy
from api import Callable_, public_callables
from checks import ContractViolation, violation
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st
from known_failures import FUZZ, KNOWN
from spec import (
    ABSTRACT_OWNERS,
    BAD,
    FILE_IO,
    INSTANCES,
    NONFINITE_OK,
    NOT_CONSTRUCTED_BY_USERS,
    OUT_OF_SCOPE,
    REQUIRED,
    SLOW,
    is_deprecated_alias,
    kind_for,
)

import gamedyn as gd

EXAMPLES = int(os.environ.get("GAMEDYN_CONTRACT_EXAMPLES", "100"))
PHASES = ([Phase.explicit, Phase.generate, Phase.shrink]
          if os.environ.get("GAMEDYN_CONTRACT_SHRINK") else [Phase.explicit, Phase.generate])


def _covered() -> list[Callable_]:
    return [item for item in public_callables()
            if item.name not in NOT_CONSTRUCTED_BY_USERS
            and not item.name.startswith(ABSTRACT_OWNERS)
            and not OUT_OF_SCOPE(item)]


COVERED = _covered()


def _owner_name(item: Callable_) -> str:
    return item.name.rsplit(".", 1)[0]


def test_every_public_name_has_strategies():
    """A new public name without strategies fails here: add them to spec.py."""
    missing = []
    for item in COVERED:
        for parameter in item.parameters():
            if is_deprecated_alias(parameter):
                continue
            if kind_for(item.name, parameter.name) is None:
                missing.append(f"{item.name}({parameter.name})")
        if item.kind in ("method", "property") and _owner_name(item) not in INSTANCES:
            missing.append(f"{_owner_name(item)} (instances for its methods)")
    assert not sorted(set(missing)), f"no strategy for: {sorted(set(missing))}"


def test_known_failures_name_public_callables():
    names = {item.name for item in COVERED}
    assert {k.callable for k in KNOWN} <= names
    assert FUZZ <= {k.callable for k in KNOWN}


def _marks(name: str):
    if name in FUZZ and not os.environ.get("GAMEDYN_CONTRACT_NO_XFAIL"):
        return [pytest.mark.xfail(strict=True, raises=ContractViolation,
                                  reason="listed in tests/contract/known_failures.py")]
    return []


@pytest.mark.parametrize("item", [pytest.param(item, id=item.name, marks=_marks(item.name))
                                  for item in COVERED])
def test_contract(item: Callable_):
    parameters = [p for p in item.parameters() if not is_deprecated_alias(p)]
    names = [p.name for p in parameters]
    kinds = {name: kind_for(item.name, name) for name in names}
    if any(kind is None for kind in kinds.values()):
        pytest.fail(f"{item.name}: no strategy for some parameter (see the test above)")
    bad_choices = [None] + [name for name in names if kinds[name].bad is not None]
    edge_choices = [name for name in names if kinds[name].edge is not None]

    @settings(max_examples=SLOW.get(item.name, EXAMPLES), deadline=None, derandomize=True,
              database=None, phases=PHASES, print_blob=False,
              suppress_health_check=list(HealthCheck))
    @seed(zlib.crc32(item.name.encode()))  # each callable its own fixed stream of examples
    @given(data=st.data())
    def run(data):
        context: dict = {}
        if item.kind in ("method", "property"):
            context["self"] = data.draw(INSTANCES[_owner_name(item)](), label="self")
        bad = data.draw(st.sampled_from(bad_choices), label="bad parameter")
        edge = None
        if bad is None and edge_choices and data.draw(st.booleans(), label="edge?"):
            edge = data.draw(st.sampled_from(edge_choices), label="edge parameter")
        arguments = {}
        for parameter in parameters:
            kind = kinds[parameter.name]
            if parameter.name == edge:
                arguments[parameter.name] = data.draw(kind.edge(context), label=parameter.name)
                context[parameter.name] = BAD
                continue
            if parameter.name == bad:
                arguments[parameter.name] = data.draw(kind.bad(context), label=parameter.name)
                context[parameter.name] = BAD
                continue
            has_default = parameter.default is not parameter.empty
            if (has_default and parameter.name not in REQUIRED.get(item.name, ())
                    and not data.draw(st.booleans(), label=f"pass {parameter.name}")):
                continue
            value = data.draw(kind.good(context), label=parameter.name)
            arguments[parameter.name] = context[parameter.name] = value
        if item.kind == "property":
            def thunk():
                return getattr(context["self"], item.name.rsplit(".", 1)[1])
        elif item.kind == "classmethod":
            method = getattr(item.owner, item.name.rsplit(".", 1)[1])

            def thunk():
                return method(**arguments)
        elif item.kind == "method":
            method = getattr(context["self"], item.name.rsplit(".", 1)[1])

            def thunk():
                return method(**arguments)
        else:
            def thunk():
                return item.obj(**arguments)
        seeded = any(isinstance(arguments.get(key), (int, np.integer))
                     for key in ("rng", "seed"))
        problem = violation(item.name, thunk, bad=bad, parameters=names,
                            nonfinite_ok=item.name in NONFINITE_OK,
                            file_io=item.name in FILE_IO, seeded=seeded,
                            method=item.kind == "method", edge=edge)
        if problem is not None:
            raise ContractViolation(f"{item.name}: {problem}")

    run()


def _namespace() -> dict:
    return {"gd": gd, "np": np, "sympy": sympy}


@pytest.mark.parametrize("entry", [
    pytest.param(entry, id=f"{entry.callable}: {entry.call}",
                 marks=pytest.mark.xfail(strict=True, raises=ContractViolation,
                                         reason=f"{entry.owner}: {entry.what}"))
    for entry in KNOWN])
def test_known_failure(entry):
    names = [p.name for p in next(item for item in COVERED
                                  if item.name == entry.callable).parameters()]
    problem = violation(entry.callable, lambda: eval(entry.call, _namespace()),
                        bad=entry.bad, parameters=names,
                        nonfinite_ok=entry.callable in NONFINITE_OK,
                        file_io=entry.callable in FILE_IO)
    if problem is not None:
        raise ContractViolation(f"{entry.callable}: {problem}")
