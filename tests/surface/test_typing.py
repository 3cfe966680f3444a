"""Issue 18.7: the package is typed (``py.typed``) and type-checks.

mypy runs over gamedyn/ and tests/typing/ with the settings of ``[tool.mypy]`` in
pyproject.toml and must report no error; tests/typing/usage.py, a user's typed code
against the public API, also runs. The cache lives in the temporary directory, so a
second run of the suite checks only what changed.
"""

from __future__ import annotations

import hashlib
import os
import runpy
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytest.importorskip("mypy", reason="mypy is in the test extra")


def test_mypy_reports_no_error():
    key = hashlib.sha1(str(ROOT).encode()).hexdigest()[:12]
    cache = Path(tempfile.gettempdir()) / f"gamedyn-mypy-{key}"
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--cache-dir", str(cache), "--no-color-output",
         "--no-error-summary"],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
        env={**os.environ, "MYPY_FORCE_COLOR": "0"},
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_typed_usage_runs():
    sys.path.insert(0, str(ROOT))
    try:
        runpy.run_path(str(ROOT / "tests" / "typing" / "usage.py"), run_name="__main__")
    finally:
        sys.path.remove(str(ROOT))
