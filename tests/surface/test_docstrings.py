"""numpydoc validation of every public docstring, run in the test suite.

What is checked
---------------
Every public name reachable from the ``__all__`` lists of gamedyn and its subpackages
(functions, classes, and the public methods and properties of each class: the same
enumeration as the contract suite, tests/contract/api.py) goes through
``numpydoc.validate.validate``. These checks fail the test, chosen for what a demanding
user reads on an API page or in ``help()``:

- GL08: a docstring exists at all.
- GL06, GL07: only numpydoc's sections, in numpydoc's order (anything else renders wrongly
  on the site, where numpydoc runs with warnings as errors).
- SS01-SS06: a one-line summary, capitalized, ending with a period, no leading space, in
  the imperative for functions and methods ("Return ...", not "Returns ...").
- PR01, PR02, PR03: every parameter of the signature documented, none that does not
  exist, in signature order; PR04 and PR07: each has a type (where shapes go, e.g.
  ``array_like, shape (n1 + n2,)``) and a description; PR10: ``name : type`` spacing.
- RT01: a Returns section for every function or method that returns something, RT02 and
  RT03: it names the type and says what the value is (shape, units).
- YD01: a Yields section for generators.
- EX01: an Examples section for every function and class (they run: pytest collects the
  doctests of gamedyn/). Methods and properties are exempt from EX01: their class's
  example shows them in use, and a separate example per accessor would be filler.
- RF (this project's check): every top-level function and class carries a References
  section, since gamedyn implements published mathematics and a user must be able to
  check it against its source; ``NO_PUBLISHED_MATHS`` lists the names exempt, each with
  its reason (drawing, I/O, containers and plumbing have no paper behind them).

Not enforced: GL01-GL03 (blank-line layout of the raw string, invisible once rendered),
ES01 (an extended summary on every accessor would be padding), SA01-SA04 (See Also on
every name is noise; where used, numpydoc renders it), PR08/PR09 and RT04/RT05
(capitalization and final periods of descriptions: typography, not content).

A result or container class (a dataclass or named tuple a function returns) may document
its fields under Attributes instead of Parameters: they count as its constructor's
parameters, in signature order.

An enumeration (``gamedyn.Status``) is exempt from PR01-PR03: the signature numpydoc reads
for it is ``Enum``'s functional API, not something a user calls.

Inherited docstrings
--------------------
A method that overrides a documented method of a gamedyn base class without a docstring
of its own is validated against the docstring it inherits (what ``help()`` and the API
pages show, since ``inspect.getdoc`` and Sphinx autodoc inherit it), checked against the
override's own signature, so an override that changes the parameters still fails.
"""

from __future__ import annotations

import enum
import importlib.util
import inspect
import re
import sys
from functools import cache
from pathlib import Path

import pytest

numpydoc_validate = pytest.importorskip("numpydoc.validate")
from numpydoc.docscrape import get_doc_object  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]

_spec = importlib.util.spec_from_file_location("_contract_api", ROOT / "tests/contract/api.py")
_api = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = _api  # dataclasses look their module up there
_spec.loader.exec_module(_api)

CHECKS = frozenset({
    "GL08", "GL06", "GL07",
    "SS01", "SS02", "SS03", "SS04", "SS05", "SS06",
    "PR01", "PR02", "PR03", "PR04", "PR07", "PR10",
    "RT01", "RT02", "RT03",
    "YD01",
    "EX01",
})
# checks that apply to top-level functions and classes only
TOP_LEVEL_ONLY = frozenset({"EX01", "RF01"})

# Top-level names with no published mathematics behind them, so no References section.
NO_PUBLISHED_MATHS = {
    # drawing, figures and the command line: no maths of their own (DESIGN.md, layers)
    "gamedyn.plot": "matplotlib drawings of results computed elsewhere",
    "gamedyn.gallery": "figure recipes calling the public API; they cite in their captions",
    "gamedyn.cli": "the command line over the public API",
    "gamedyn.sweeps.sweep": "running a function over a grid of parameters and seeds",
    "gamedyn.sweeps.vectorized": "a marker for functions that take a block of seeds",
    "gamedyn.sweeps.SweepError": "an exception",
    "gamedyn.sweeps.SweepWarning": "a warning",
    # plumbing: statuses, containers of results and states, bases, registries
    "gamedyn.Status": "an enumeration of run outcomes",
    "gamedyn.dynamics.Dynamics": "abstract base: the interface, no update of its own",
    "gamedyn.dynamics.GradientDynamics": "abstract base: the interface, no update of its own",
    "gamedyn.dynamics.MatrixDynamics": "abstract base: the interface, no update of its own",
    "gamedyn.dynamics.Block": "the bookkeeping of one player's update inside a round",
    "gamedyn.dynamics.get_dynamics": "a name -> class registry lookup",
    "gamedyn.dynamics.simulate": "the driver: each dynamics it plays cites its own source",
    "gamedyn.dynamics.Trajectory": "a container of states and a status",
    "gamedyn.dynamics.Schedule": "abstract base of step-size schedules",
    "gamedyn.dynamics.Constant": "a constant step size",
    "gamedyn.dynamics.constant": "a constant step size",
    "gamedyn.dynamics.FromCallable": "wraps a user's function of the round",
    "gamedyn.dynamics.PerRun": "one schedule per run of a batch",
    "gamedyn.equilibria.EquilibriumSet": "a container of equilibria",
    "gamedyn.equilibria.DoubleOracleResult": "a container of a solver's result",
    "gamedyn.equilibria.ZeroSumSolution": "a container of a solver's result",
    "gamedyn.equilibria.IteratedElimination": "a container of a procedure's record",
    "gamedyn.stability.StepSizeRegion": "a container of intervals",
    "gamedyn.stability.LocalConcepts": "a container of verdicts",
    "gamedyn.gan.GANRun": "a container of a training run",
    "gamedyn.games.Box": "a box domain (clipping)",
    "gamedyn.games.SimplexProduct": "a product of simplices (its projection is cited "
                                    "in the dynamics that use it)",
    "gamedyn.games.SymbolicForm": "a container of sympy expressions",
    "gamedyn.games.read_nfg": "file I/O",
    "gamedyn.games.landscape": "an illustrative landscape made for the gallery, not from a paper",
    "gamedyn.games.write_nfg": "file I/O",
    "gamedyn.gan.as_target": "argument conversion",
    "gamedyn.gan.bump_critics": "a grid of critic parameters",
}
_STATE = re.compile(r"^gamedyn\.dynamics\.\w+State$")  # per-method state containers


def _exempt_from_references(name: str) -> str | None:
    if _STATE.match(name):
        return "a named tuple of a method's state"
    for prefix, reason in NO_PUBLISHED_MATHS.items():
        if name == prefix or name.startswith(prefix + "."):
            return reason
    return None


# Docstrings not yet brought up to the checks above: this list only shrinks (a name that
# now passes fails the test until it is removed from here).
PENDING: dict[str, frozenset[str]] = {}


class _InheritingValidator(numpydoc_validate.Validator):
    """numpydoc's Validator, reading an override's inherited docstring when it has none."""

    def __init__(self, obj_name):
        obj = numpydoc_validate.Validator._load_obj(obj_name)
        super().__init__(get_doc_object(obj))
        if not self.raw_doc:
            self.raw_doc = inspect.getdoc(obj) or ""

    def _doc_parameters(self, sections):
        """Parameters, and for a class the fields it documents under Attributes."""
        parameters = super()._doc_parameters(sections)
        if not inspect.isclass(self.obj) or "Parameters" not in sections:
            return parameters
        signature = self.signature_parameters
        for names, type_, desc in self.doc["Attributes"]:
            for name in names.split(", "):
                if name in signature and name not in parameters:
                    parameters[name] = (type_, desc)
        order = {name: i for i, name in enumerate(signature)}
        return dict(sorted(parameters.items(), key=lambda item: order.get(item[0], 1e9)))


@cache
def _items():
    return {item.name: item for item in _api.public_callables()}


def _top_level(item) -> bool:
    return item.kind in ("function", "constructor")


@cache
def failures(name: str) -> tuple[tuple[str, str], ...]:
    """The enforced errors of one public name, as (code, message) pairs."""
    item = _items()[name]
    result = numpydoc_validate.validate(name, validator_cls=_InheritingValidator)
    errors = [(code, message) for code, message in result["errors"]
              if code in CHECKS and (code not in TOP_LEVEL_ONLY or _top_level(item))]
    if item.kind == "constructor" and issubclass(item.obj, enum.Enum):
        # members are looked up by value: the signature numpydoc reads is Enum's functional API
        errors = [error for error in errors if error[0] not in ("PR01", "PR02", "PR03")]
    if _top_level(item) and _exempt_from_references(name) is None:
        doc = inspect.getdoc(item.obj) or ""
        if not re.search(r"^References\n-{10}", doc, re.MULTILINE):
            errors.append(("RF01", "No References section (the source of the maths)"))
    return tuple(errors)


NAMES = sorted(_items())


def test_the_enumeration_is_complete():
    assert len(NAMES) > 900
    assert "gamedyn.games.BimatrixGame.payoffs" in NAMES
    assert not set(PENDING) - set(NAMES), "PENDING names a callable that is gone"
    exempt = [n for n in NAMES if _top_level(_items()[n]) and _exempt_from_references(n)]
    for key in NO_PUBLISHED_MATHS:
        assert any(n == key or n.startswith(key + ".") for n in exempt), (
            f"NO_PUBLISHED_MATHS names {key}, which is not a public function or class")
        if key in _items():  # a single name (not a subpackage): is the exemption still needed?
            doc = inspect.getdoc(_items()[key].obj) or ""
            assert not re.search(r"^References\n-{10}", doc, re.MULTILINE), (
                f"{key} has a References section now: remove it from NO_PUBLISHED_MATHS")


@pytest.mark.parametrize("name", NAMES)
def test_docstring(name):
    errors = failures(name)
    pending = PENDING.get(name, frozenset())
    unexpected = [f"{code}: {message}" for code, message in errors if code not in pending]
    assert not unexpected, f"{name}:\n  " + "\n  ".join(unexpected)
    stale = pending - {code for code, _ in errors}
    assert not stale, f"{name} now passes {sorted(stale)}: remove them from PENDING"
