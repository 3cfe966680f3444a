"""Sphinx configuration for gamedyn's documentation site.

Build with ``python -m sphinx -W --keep-going -b html docs docs/_build/html``
(``pip install -e ".[docs]"`` first).
"""

import os
import sys

sys.path.insert(0, os.path.abspath(".."))  # document the worktree's gamedyn, installed or not

import gamedyn  # noqa: E402

project = "gamedyn"
author = "the gamedyn authors"
copyright = "the gamedyn authors"
release = gamedyn.__version__
version = release

extensions = [
    "myst_parser",
    "numpydoc",
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.doctest",
    "sphinx.ext.mathjax",
    "sphinx.ext.intersphinx",
]

source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
exclude_patterns = ["_build", "sweeps", "Thumbs.db", ".DS_Store"]
myst_enable_extensions = ["dollarmath", "amsmath", "colon_fence"]
myst_heading_anchors = 3

autosummary_generate = True
autosummary_imported_members = True
autodoc_default_options = {"members": True, "inherited-members": False}
numpydoc_show_class_members = False
numpydoc_class_members_toctree = False
numpydoc_xref_param_type = False

html_theme = "alabaster"
html_title = f"gamedyn {release}"

# only the guide's explicit ```{doctest} blocks run under `-b doctest`; the docstrings'
# examples are already doctests of the test suite (pytest --doctest-modules)
doctest_test_doctest_blocks = ""
# doctest blocks in the guide run with gamedyn imported as gd, numpy as np
doctest_global_setup = """
import numpy as np
import gamedyn as gd
"""


# ---- the API reference: one page per subpackage, one entry per name of its __all__ ----
# Written at every build from the __all__ lists, so a new public name can not be missed.
SUBPACKAGES = ["gamedyn", "gamedyn.games", "gamedyn.equilibria", "gamedyn.dynamics",
               "gamedyn.stability", "gamedyn.gan", "gamedyn.plot", "gamedyn.sweeps"]


def _write_api_pages():
    import importlib
    import types

    here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "api")
    os.makedirs(here, exist_ok=True)
    index = ["API reference", "=============", "",
             "One page per subpackage; every name of its ``__all__`` is listed.", "",
             ".. toctree::", "   :maxdepth: 1", ""]
    for modname in SUBPACKAGES:
        module = importlib.import_module(modname)
        names = [n for n in module.__all__
                 if not isinstance(getattr(module, n), types.ModuleType)]
        if modname == "gamedyn":
            # the top level re-exports names documented on their subpackage's page
            elsewhere = {id(getattr(importlib.import_module(m), n)): f"{m}.{n}"
                         for m in SUBPACKAGES[1:] for n in importlib.import_module(m).__all__}
            again = [n for n in names if id(getattr(module, n)) in elsewhere]
            names = [n for n in names if n not in again]
        title = f"``{modname}``"
        lines = [title, "=" * len(title), "", f".. automodule:: {modname}",
                 "   :no-members:", "", f".. currentmodule:: {modname}", "",
                 ".. autosummary::", "   :toctree: generated", ""]
        lines += [f"   {n}" for n in names]
        if modname == "gamedyn":
            lines += ["", "Also importable from ``gamedyn`` (documented where they live):", ""]
            lines += [f"* ``gamedyn.{n}``: :obj:`{elsewhere[id(getattr(module, n))]}`"
                      for n in again]
        page = modname.replace(".", "_")
        text = "\n".join(lines) + "\n"
        path = os.path.join(here, page + ".rst")
        if not os.path.exists(path) or open(path).read() != text:
            with open(path, "w") as f:
                f.write(text)
        index.append(f"   {page}")
    text = "\n".join(index) + "\n"
    path = os.path.join(here, "index.rst")
    if not os.path.exists(path) or open(path).read() != text:
        with open(path, "w") as f:
            f.write(text)


_write_api_pages()


# ---- docstring text that reStructuredText misreads ----
import re  # noqa: E402

_LITERAL = re.compile(r"(``.*?``|`[^`]*`)")
# the shape notation "(*batch, n)": a star that opens no emphasis
_STAR = re.compile(r"(?:(?<=[(\[])|(?<=, ))\*(?=[A-Za-z_])")


def _escape_stars(app, what, name, obj, options, lines):
    """Escape the shape notation ``(*batch, n)`` written outside literals in docstrings."""
    for i, line in enumerate(lines):
        if "*" not in line or line.lstrip().startswith((">>>", "...")):
            continue
        parts = _LITERAL.split(line)
        for j in range(0, len(parts), 2):  # even parts lie outside literals
            parts[j] = _STAR.sub(r"\\*", parts[j])
        lines[i] = "".join(parts)


def _skip_builtin_members(app, what, name, obj, skip, options):
    """Leave out what an enum of strings inherits from ``str`` (maketrans, ...)."""
    if name in vars(str) and not (getattr(obj, "__module__", None) or "").startswith("gamedyn"):
        return True
    return None


def setup(app):
    app.connect("autodoc-process-docstring", _escape_stars, priority=400)
    app.connect("autodoc-skip-member", _skip_builtin_members)
