"""Sphinx configuration for gamedyn's documentation site.

Build with ``python -m sphinx -W --keep-going -b html docs docs/_build/html``
(``pip install -e ".[docs]"`` first).
"""

import os
import sys

sys.path.insert(0, os.path.abspath(".."))  # document the worktree's gamedyn, installed or not
sys.path.insert(0, os.path.abspath("_ext"))  # helpers of this build (gallery scraper)

import gamedyn  # noqa: E402

project = "gamedyn"
author = "the gamedyn authors"
copyright = "the gamedyn authors"
release = gamedyn.__version__
version = release

extensions = [
    "myst_nb",  # MyST markdown and the notebooks (myst_nb includes myst_parser)
    "numpydoc",
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.doctest",
    "gamedyn_docs",  # docs/_ext: math rendered as MathML at build time (no CDN needed)
    "sphinx.ext.intersphinx",
    "sphinx_gallery.gen_gallery",
    "sphinxarg.ext",
]

source_suffix = {".rst": "restructuredtext", ".md": "myst-nb", ".ipynb": "myst-nb"}
exclude_patterns = ["_build", "sweeps", "examples", "Thumbs.db", ".DS_Store",
                    "**.ipynb_checkpoints",
                    # sphinx-gallery's downloads beside its pages are not pages themselves
                    "gallery/**.ipynb", "gallery/**.py", "gallery/**.zip"]
myst_enable_extensions = ["dollarmath", "amsmath", "colon_fence"]
myst_heading_anchors = 3

autosummary_generate = True
autosummary_imported_members = True
autodoc_default_options = {"members": True, "inherited-members": False}
numpydoc_show_class_members = False
numpydoc_class_members_toctree = False
numpydoc_xref_param_type = False

html_math_renderer = "mathml"
smartquotes = False  # "--lr" stays two hyphens in the CLI reference's help texts
html_theme = "alabaster"
html_theme_options = {"page_width": "1180px", "sidebar_width": "240px"}
html_title = f"gamedyn {release}"


# ---- tutorials: the notebooks of notebooks/, executed by myst-nb at every build ----
# docs/tutorials/notebooks is a symbolic link to ../../notebooks: the pages are the
# repository's notebooks themselves (kept without outputs), not copies of them.
nb_execution_mode = "cache"  # run at build time; reruns reuse unchanged results
nb_execution_timeout = 300  # seconds per cell
nb_execution_raise_on_error = True  # a failing notebook fails the build
nb_execution_show_tb = True
nb_merge_streams = True
# the kernels import the gamedyn documented here, whether or not it is installed
_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
_PATHS = [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
os.environ["PYTHONPATH"] = os.pathsep.join([_ROOT, os.path.join(_ROOT, "docs", "_ext")]
                                           + _PATHS)
os.environ.setdefault("MPLBACKEND", "Agg")


# ---- the gallery: docs/examples/plot_<figure>.py, one per recipe of gamedyn.gallery ----
sphinx_gallery_conf = {
    "examples_dirs": "examples",
    "gallery_dirs": "gallery",
    "filename_pattern": r"/plot_",  # the animation pages show committed GIFs, run nothing
    "image_scrapers": ("gamedyn_docs.gallery_scraper",),
    "reset_modules": (),
    "download_all_examples": False,
    "remove_config_comments": True,
    "within_subsection_order": "FileNameSortKey",
    "show_memory": False,
    "parallel": 2,  # two examples at a time (joblib): gan_stabilizers alone takes ~80 s
    "write_computation_times": False,  # that page loads scripts from CDNs
    "capture_repr": ("_repr_html_", "__repr__"),
}

# only the guide's explicit ```{doctest} blocks run under `-b doctest`; the docstrings'
# examples are already doctests of the test suite (pytest --doctest-modules)
doctest_test_doctest_blocks = ""
# doctest blocks in the guide run with gamedyn imported as gd, numpy as np
doctest_global_setup = """
import numpy as np
import gamedyn as gd
"""


# ---- the API reference: one page per public module, one entry per name of its __all__ ----
# Written at every build from the __all__ lists, so a new public name can not be missed.
# The public modules: gamedyn and every module or package directly under it whose name
# does not start with an underscore (games, equilibria, ..., gallery, cli, and any new one).
def public_modules():
    import pkgutil

    order = ["games", "equilibria", "dynamics", "stability", "gan", "plot", "sweeps",
             "gallery", "cli"]  # the layers, bottom up, then the surface
    children = sorted((info.name for info in pkgutil.iter_modules(gamedyn.__path__)
                       if not info.name.startswith("_")),
                      key=lambda name: (order.index(name) if name in order else len(order),
                                        name))
    return ["gamedyn"] + [f"gamedyn.{name}" for name in children]


SUBPACKAGES = public_modules()


def _submodule_sections(package, documented):
    """Sections for the public modules inside a package (names without an underscore):
    the names of each one's ``__all__`` that the package does not export itself."""
    import importlib
    import pkgutil

    if package.__name__ == "gamedyn" or not hasattr(package, "__path__"):
        return []
    lines = []
    for info in pkgutil.iter_modules(package.__path__):
        if info.name.startswith("_"):
            continue
        name = f"{package.__name__}.{info.name}"
        module = importlib.import_module(name)
        names = [n for n in getattr(module, "__all__", [])
                 if id(getattr(module, n)) not in documented]
        documented.update(id(getattr(module, n)) for n in names)
        title = f"Module ``{name}``"
        lines += ["", title, "-" * len(title), ""]
        if getattr(package, info.name, module) is module:  # not shadowed by a function
            lines += [f".. py:module:: {name}", ""]
        lines += [f".. currentmodule:: {name}", ""]
        if names:
            lines += [".. autosummary::", "   :toctree: generated", ""]
            lines += [f"   {n}" for n in names]
    return lines


def _write_api_pages():
    import importlib
    import types

    here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "api")
    os.makedirs(here, exist_ok=True)
    index = ["API reference", "=============", "",
             "One page per public module of ``gamedyn``: every name of its ``__all__``, then "
             "the modules inside it with the names of their own ``__all__``.", "",
             ".. toctree::", "   :maxdepth: 1", ""]
    documented = {id(getattr(importlib.import_module(m), n))
                  for m in SUBPACKAGES for n in importlib.import_module(m).__all__}
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
        lines += _submodule_sections(module, documented)
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


def _cli_usage_as_literal(app, what, name, obj, options, lines):
    """Show the usage lines of :mod:`gamedyn.cli`'s docstring (after its first paragraph,
    aligned for a terminal) as a literal block."""
    if what == "module" and name == "gamedyn.cli" and "Usage::" not in lines:
        if "" in lines[1:]:
            start = lines.index("", 1) + 1
            lines[start:] = ["Usage::", ""] + ["    " + line for line in lines[start:]]


def setup(app):
    app.connect("autodoc-process-docstring", _cli_usage_as_literal, priority=300)
    app.connect("autodoc-process-docstring", _escape_stars, priority=400)
    app.connect("autodoc-skip-member", _skip_builtin_members)
