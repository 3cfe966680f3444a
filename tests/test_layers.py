"""The layer picture holds: imports point downward only, and games/ has no import cycle.

The layers, bottom to top (docs/architecture.md; /work/shared/DESIGN.md "Layers"):

    _validation, _status, _progress  <  games  <  equilibria  <  dynamics  <  gan  <  stability
                                     <  plot  <  gallery, cli, sweeps, interactive (and the
                                     package root, __main__)

A module may import its own layer and the layers below it. Every import counts: module
level, inside functions (lazy imports are still dependencies) and under
``TYPE_CHECKING``. Nothing below plot/ imports matplotlib at module level.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "gamedyn"

#: top-level module or subpackage of gamedyn -> its height in the picture
LAYERS = {
    "_validation": 0,
    "_status": 0,
    "_progress": 0,
    "games": 1,
    "equilibria": 2,
    "dynamics": 3,
    "gan": 4,
    "stability": 5,
    "plot": 6,
    "gallery": 7,
    "cli": 7,
    "sweeps": 7,
    "interactive": 7,
    "__main__": 7,
    "": 7,  # the package root (gamedyn/__init__.py: lazy access to every subpackage)
}


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _layer(module: str) -> tuple[str, int]:
    parts = module.split(".")
    top = parts[1] if len(parts) > 1 else ""
    if top not in LAYERS:
        raise AssertionError(f"{module}: no layer for gamedyn.{top}; add it to LAYERS "
                             "here and to docs/architecture.md")
    return top, LAYERS[top]


def _imports(path: Path) -> list[tuple[str, int, bool]]:
    """(imported module, line, at module level?) for every import in the file."""
    module = _module_name(path)
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top_level = {id(node) for node in tree.body}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join(anchor + ([base] if base else []))
            # "from gamedyn import games" imports gamedyn.games
            names = [base] + [f"{base}.{alias.name}" for alias in node.names
                              if base in ("gamedyn", "gamedyn.games")]
        else:
            continue
        for name in names:
            found.append((name, node.lineno, id(node) in top_level))
    return found


def _plot_method_lines(path: Path) -> set[int]:
    """Lines of imports inside a method named ``plot`` of a class: results (Trajectory,
    GANRun, StepSizeRegion) draw themselves through gamedyn.plot, imported at call time,
    as pandas' ``DataFrame.plot`` reaches its plotting backend. Nothing else may."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    lines = set()
    for cls in (node for node in ast.walk(tree) if isinstance(node, ast.ClassDef)):
        for method in cls.body:
            if isinstance(method, ast.FunctionDef) and method.name == "plot":
                lines.update(node.lineno for node in ast.walk(method)
                             if isinstance(node, (ast.Import, ast.ImportFrom)))
    return lines


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _is_submodule(name: str) -> bool:
    """Whether ``name`` is a module or package of gamedyn (not a class imported from one)."""
    relative = name.split(".")[1:]
    path = PACKAGE.joinpath(*relative) if relative else PACKAGE
    return path.with_suffix(".py").exists() or (path / "__init__.py").exists()


@pytest.mark.parametrize("path", _modules(), ids=lambda p: _module_name(p))
def test_imports_point_downward(path):
    module = _module_name(path)
    own_name, own = _layer(module)
    upward = []
    allowed = _plot_method_lines(path)
    for name, line, _ in _imports(path):
        if name.split(".")[0] != "gamedyn" or not _is_submodule(name):
            continue
        if line in allowed and name.startswith("gamedyn.plot"):
            continue  # a result's plot() method: the one sanctioned call-time reach up
        target_name, target = _layer(name)
        if target > own:
            upward.append(f"line {line}: {module} ({own_name or 'root'}, layer {own}) imports "
                          f"{name} ({target_name or 'root'}, layer {target})")
    assert not upward, "imports pointing upward:\n" + "\n".join(upward)


@pytest.mark.parametrize("path", [p for p in _modules() if _layer(_module_name(p))[1] < 6],
                         ids=lambda p: _module_name(p))
def test_nothing_below_plot_imports_matplotlib_at_module_level(path):
    eager = [line for name, line, top in _imports(path)
             if top and name.split(".")[0] == "matplotlib"]
    assert not eager, f"{_module_name(path)} imports matplotlib at module level (lines {eager})"


def test_games_modules_import_no_cycle():
    """The static import graph inside games/ (every import, lazy and TYPE_CHECKING ones
    included) is acyclic: a depth-first search finds no back edge."""
    games = {_module_name(p): p for p in (PACKAGE / "games").glob("*.py")}
    graph = {module: sorted({name for name, _, _ in _imports(path)
                             if name in games and name != module})
             for module, path in games.items()}
    state: dict[str, int] = {}  # 1 on the stack, 2 finished
    cycles = []

    def visit(module: str, stack: list[str]) -> None:
        state[module] = 1
        for target in graph[module]:
            if state.get(target) == 1:
                cycles.append(stack[stack.index(target):] + [target])
            elif target not in state:
                visit(target, stack + [target])
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert not cycles, "import cycles in games/: " + "; ".join(" -> ".join(c) for c in cycles)


def test_the_checker_sees_lazy_and_type_checking_imports(tmp_path):
    """The parser counts function-level and TYPE_CHECKING imports (or the tests above
    could not fail)."""
    names = {name for name, _, _ in _imports(PACKAGE / "games" / "differentiable.py")}
    assert "gamedyn.games._symbolic_form" in names  # under TYPE_CHECKING
    assert "gamedyn.games._html" in names  # inside _repr_html_
    lazy = {(name, top) for name, _, top in _imports(PACKAGE / "games" / "continuous.py")}
    assert ("gamedyn.games.symbolic", False) in lazy  # inside landscape()
