"""The public API, enumerated from ``__all__``: every function, constructor, method and
property a user can reach, each once under a canonical dotted name.

A name is canonical in the deepest public subpackage that exports it
(``gamedyn.games.BimatrixGame``, not ``gamedyn.BimatrixGame``). Methods and properties
are those a gamedyn class defines or inherits from another gamedyn class (not those of
``list``, ``tuple``, ``Enum`` or ``object``), listed per concrete class, since a subclass
may break what its base keeps.
"""

from __future__ import annotations

import importlib
import inspect
from dataclasses import dataclass
from functools import cache
from typing import Any

SUBPACKAGES = ("games", "equilibria", "dynamics", "stability", "gan", "plot", "gallery", "cli",
               "sweeps.studies", "sweeps", "interactive")


@dataclass(frozen=True)
class Callable_:
    """One public callable: ``owner`` is the class for methods and properties."""

    name: str  # canonical dotted name, e.g. "gamedyn.games.BimatrixGame.payoffs"
    kind: str  # "function", "constructor", "method", "classmethod" or "property"
    obj: Any  # the function, the class, or the class attribute
    owner: Any = None  # the class, for methods and properties

    def parameters(self) -> list[inspect.Parameter]:
        """Parameters a caller passes (no self, no *args/**kwargs)."""
        if self.kind == "property":
            return []
        try:
            signature = inspect.signature(self.obj)
        except (TypeError, ValueError):
            return []
        params = list(signature.parameters.values())
        if self.kind in ("method", "classmethod") and params and params[0].name in (
                "self", "cls"):
            params = params[1:]
        return [p for p in params
                if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)]

    @property
    def module(self) -> str:
        """The module that defines it (for the owner column of known failures)."""
        target = self.owner if self.owner is not None else self.obj
        if self.kind in ("method", "classmethod", "property"):
            function = self.obj.fget if isinstance(self.obj, property) else self.obj
            return getattr(function, "__module__", None) or target.__module__
        return getattr(target, "__module__", "?")


def _is_gamedyn(obj: Any) -> bool:
    return (getattr(obj, "__module__", "") or "").startswith("gamedyn")


def _members(cls: type) -> dict[str, Any]:
    """Public methods and properties of ``cls`` defined in gamedyn classes of its MRO."""
    found: dict[str, Any] = {}
    for base in reversed(cls.__mro__):
        if not _is_gamedyn(base):
            continue
        for key, value in vars(base).items():
            if key.startswith("_"):
                continue
            if isinstance(value, (property, classmethod)) or inspect.isfunction(value):
                found[key] = value
            elif isinstance(value, staticmethod):
                found[key] = value.__func__
    return found


@cache
def public_callables() -> tuple[Callable_, ...]:
    """Every public callable, in a stable order (deepest subpackage first)."""
    seen: dict[int, str] = {}
    items: list[Callable_] = []
    modules = [f"gamedyn.{name}" for name in SUBPACKAGES] + ["gamedyn"]
    for module_name in modules:
        module = importlib.import_module(module_name)
        for name in module.__all__:
            obj = getattr(module, name)
            if inspect.ismodule(obj) or not callable(obj) or id(obj) in seen:
                continue
            seen[id(obj)] = f"{module_name}.{name}"
            qualified = f"{module_name}.{name}"
            if inspect.isclass(obj):
                items.append(Callable_(qualified, "constructor", obj))
                for key, member in sorted(_members(obj).items()):
                    if isinstance(member, classmethod):
                        kind, member = "classmethod", member.__func__
                    else:
                        kind = "property" if isinstance(member, property) else "method"
                    items.append(Callable_(f"{qualified}.{key}", kind, member, owner=obj))
            else:
                items.append(Callable_(qualified, "function", obj))
    return tuple(items)


def by_name() -> dict[str, Callable_]:
    return {item.name: item for item in public_callables()}
