"""The documentation site builds with warnings as errors, and it is complete.

The site (``docs/``) needs the ``docs`` packages, which the ``test`` extra also installs
(``pip install -e ".[test]"``): the build is part of the suite. Checked here: the HTML
build passes ``-W`` (the notebooks and the gallery's examples run in it); every name of
every public ``__all__`` has an API page; the CLI reference lists every subcommand and
option; the gallery has a page per figure recipe (with its image) and per animation;
each notebook is a tutorial page with its outputs; the guide's doctest blocks run.
"""

import importlib
import os
import pkgutil
import re
import subprocess
import sys
import types
from pathlib import Path

import pytest

import gamedyn

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"


def _sphinx(builder, out, *options):
    env = dict(os.environ, MPLBACKEND="Agg", PYTHONPATH=os.pathsep.join(
        [str(ROOT)] + [p for p in [os.environ.get("PYTHONPATH")] if p]))
    return subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-b", builder, *options,
         str(DOCS), str(out)],
        capture_output=True, text=True, env=env, timeout=900, cwd=ROOT)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The HTML site, built once for the tests of this module."""
    out = tmp_path_factory.mktemp("site") / "html"
    done = _sphinx("html", out)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-5000:]
    return out


def _public_modules():
    """gamedyn and the modules directly under it not named with an underscore (the
    rule docs/conf.py uses to write the API pages)."""
    names = sorted(info.name for info in pkgutil.iter_modules(gamedyn.__path__)
                   if not info.name.startswith("_"))
    return ["gamedyn"] + [f"gamedyn.{name}" for name in names]


# ---- cheap checks of the sources (no build) ----

def test_every_figure_and_animation_has_a_gallery_example():
    from gamedyn.gallery import FIGURES
    from gamedyn.gallery.animations import ANIMATIONS

    examples = "\n".join(path.read_text() for path in (DOCS / "examples").rglob("*.py"))
    for name, recipe in FIGURES.items():
        assert re.search(rf"^figure = {recipe.__name__}\(\)$", examples, re.M), name
    for name in ANIMATIONS:
        assert f'ANIMATIONS["{name}"]()' in examples, name
        assert f"/../figures/animations/{name}.gif" in examples, name
        assert (ROOT / "figures" / "animations" / f"{name}.gif").is_file(), name


def test_tutorials_are_the_notebooks_not_copies():
    link = DOCS / "tutorials" / "notebooks"
    assert link.is_symlink() and link.resolve() == (ROOT / "notebooks").resolve()
    copies = [Path(folder, name) for folder, dirs, files in os.walk(DOCS)
              for name in files if name.endswith(".ipynb")
              # the gallery's generated downloads (not committed) aside
              if not Path(folder).is_relative_to(DOCS / "gallery")]
    assert copies == []


# ---- the built site ----

@pytest.mark.slow
def test_site_builds_without_warnings(site):
    assert (site / "index.html").is_file()


def _documented_pages(site):
    """Every name of every public ``__all__`` -> its page, following docs/conf.py's rule:
    a public module's names on its own page; a name of a public module inside it (no
    underscore in its name) that the package does not export itself, on the same page."""
    pages = {}  # id of an object -> its page
    where = {}  # "module.name" -> its page
    modules = _public_modules()
    for modname in modules[1:]:
        module = importlib.import_module(modname)
        assert module.__all__, modname
        for name in module.__all__:
            value = getattr(module, name)
            if isinstance(value, types.ModuleType):
                page = site / "api" / f"{value.__name__.replace('.', '_')}.html"
            else:
                page = site / "api" / "generated" / f"{modname}.{name}.html"
            pages.setdefault(id(value), page)
            where[f"{modname}.{name}"] = page
    for modname in modules[1:]:
        package = importlib.import_module(modname)
        for info in pkgutil.iter_modules(getattr(package, "__path__", [])):
            if info.name.startswith("_"):
                continue
            module = importlib.import_module(f"{modname}.{info.name}")
            for name in getattr(module, "__all__", []):
                value = getattr(module, name)
                page = pages.setdefault(
                    id(value), site / "api" / "generated" / f"{module.__name__}.{name}.html")
                where[f"{module.__name__}.{name}"] = page
    top = importlib.import_module("gamedyn")
    for name in top.__all__:
        value = getattr(top, name)
        if isinstance(value, types.ModuleType):
            where[f"gamedyn.{name}"] = site / "api" / f"{value.__name__.replace('.', '_')}.html"
        else:  # a re-export is documented where it lives
            where[f"gamedyn.{name}"] = pages.get(
                id(value), site / "api" / "generated" / f"gamedyn.{name}.html")
    return where


@pytest.mark.slow
def test_every_public_name_has_an_api_page(site):
    where = _documented_pages(site)
    assert len(where) > 300
    missing = sorted(name for name, page in where.items() if not page.is_file())
    assert missing == []
    for modname in _public_modules():
        assert (site / "api" / f"{modname.replace('.', '_')}.html").is_file(), modname


@pytest.mark.slow
def test_cli_reference_lists_every_subcommand_and_option(site):
    import argparse
    import html

    from gamedyn.cli import _parser

    text = html.unescape(re.sub(r"<[^>]+>", "", (site / "cli.html").read_text()))
    parser = _parser()
    (commands,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    assert len(commands.choices) >= 5
    for name, subparser in commands.choices.items():
        assert f"gamedyn {name} [-h]" in text, name  # its usage line
        for action in subparser._actions:
            if isinstance(action, argparse._HelpAction):  # sphinx-argparse leaves -h out
                continue
            for option in action.option_strings:
                assert option in text, f"{name} {option}"


@pytest.mark.slow
def test_gallery_pages_show_their_figures(site):
    from gamedyn.gallery import FIGURES
    from gamedyn.gallery.animations import ANIMATIONS

    index = (site / "gallery" / "index.html").read_text()
    for name in FIGURES:
        (page,) = (site / "gallery").glob(f"plot_*_{name}.html")
        image = f"sphx_glr_{page.stem}_001.png"
        assert image in page.read_text(), name
        assert (site / "_images" / image).is_file(), name
        assert page.name in index, name
    for name in ANIMATIONS:
        (page,) = (site / "gallery" / "animations").glob(f"anim_*_{name}.html")
        assert f"{name}.gif" in page.read_text(), name
        assert (site / "_images" / f"{name}.gif").is_file(), name


@pytest.mark.slow
def test_tutorials_show_the_notebooks_outputs(site):
    notebooks = sorted((ROOT / "notebooks").glob("*.ipynb"))
    assert notebooks
    for path in notebooks:
        page = (site / "tutorials" / "notebooks" / f"{path.stem}.html").read_text()
        assert "cell_output" in page, path.name  # executed at build time: outputs shown
        assert "Traceback" not in page, path.name


@pytest.mark.slow
def test_guide_examples_run(tmp_path):
    # every doctest block of the guide runs and prints what the page says (the gallery
    # and the notebooks, which the HTML build runs, are not needed here)
    done = _sphinx("doctest", tmp_path / "doctest", "-D", "plot_gallery=0",
                   "-D", "nb_execution_mode=off")
    assert done.returncode == 0, done.stdout[-5000:] + done.stderr[-3000:]
    summary = (tmp_path / "doctest" / "output.txt").read_text()
    tests = sum(int(n) for n in re.findall(r"^(\d+) tests in \d+ items\.$", summary, re.M))
    assert tests >= 50, summary[-2000:]
