"""The documentation site builds with warnings as errors, and its doctest blocks run.

Needs the ``docs`` extra (``pip install -e ".[docs]"``); skipped without Sphinx.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("sphinx")
pytest.importorskip("numpydoc")
pytest.importorskip("myst_parser")

ROOT = Path(__file__).resolve().parents[2]


def _sphinx(builder, out):
    env = dict(os.environ, MPLBACKEND="Agg", PYTHONPATH=os.pathsep.join(
        [str(ROOT)] + [p for p in [os.environ.get("PYTHONPATH")] if p]))
    return subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-b", builder,
         str(ROOT / "docs"), str(out)],
        capture_output=True, text=True, env=env, timeout=600, cwd=ROOT)


@pytest.mark.slow
def test_site_builds_without_warnings(tmp_path):
    done = _sphinx("html", tmp_path / "html")
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-5000:]
    assert (tmp_path / "html" / "index.html").is_file()


@pytest.mark.slow
def test_guide_examples_run(tmp_path):
    # every doctest block of the guide runs and prints what the page says
    done = _sphinx("doctest", tmp_path / "doctest")
    assert done.returncode == 0, done.stdout[-5000:] + done.stderr[-3000:]
