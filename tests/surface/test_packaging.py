"""The package's metadata: one version everywhere, a licence, a citation, type hints."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import gamedyn
from gamedyn.cli import main

ROOT = Path(__file__).resolve().parents[2]

try:
    import tomllib
except ImportError:  # Python 3.10
    tomllib = pytest.importorskip("tomli")


def test_the_version_has_one_source():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert "version" not in project["project"]
    assert "version" in project["project"]["dynamic"]
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {
        "attr": "gamedyn.__version__"}
    assert re.fullmatch(r"\d+\.\d+\.\d+", gamedyn.__version__)
    citation = (ROOT / "CITATION.cff").read_text()
    assert f'version: "{gamedyn.__version__}"' in citation
    assert f"## {gamedyn.__version__} " in (ROOT / "CHANGELOG.md").read_text()


def test_licence_and_type_marker_ship():
    assert "MIT License" in (ROOT / "LICENSE").read_text()
    assert (ROOT / "gamedyn" / "py.typed").is_file()
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert "py.typed" in project["tool"]["setuptools"]["package-data"]["gamedyn"]


def test_cli_prints_its_version(capsys):
    try:
        code = main(["--version"])
    except SystemExit as stop:
        code = stop.code
    assert code in (0, None)
    assert capsys.readouterr().out.strip() == f"gamedyn {gamedyn.__version__}"
