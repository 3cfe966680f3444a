"""The README's Python examples run as written (documentation that cannot go stale)."""

import re
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[2] / "README.md"
BLOCKS = re.findall(r"```python\n(.*?)```", README.read_text(), flags=re.DOTALL)


def test_the_readme_has_python_examples():
    assert BLOCKS


@pytest.mark.parametrize("index", range(len(BLOCKS)))
def test_readme_example_runs(index):
    exec(compile(BLOCKS[index], f"README.md python block {index}", "exec"), {})


def _extras():
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib
    project = tomllib.loads((README.parent / "pyproject.toml").read_text())["project"]
    return project["optional-dependencies"]


def test_the_readme_points_to_the_docs_the_notebooks_and_the_extras():
    text = README.read_text()
    # the docs build command, as the docs extra's comment in pyproject.toml gives it
    assert "python -m sphinx -W --keep-going -b html docs docs/_build/html" in text
    assert 'pip install -e ".[docs]"' in text
    notebooks = sorted(path.stem for path in (README.parent / "notebooks").glob("*.ipynb"))
    assert notebooks
    missing = [name for name in notebooks if name not in text]
    assert not missing, f"notebooks the README does not name: {missing}"
    # every extra a user would install (progress is kept only for old install lines)
    undocumented = [name for name in _extras() if name != "progress"
                    and f"| `{name}` |" not in text]
    assert not undocumented, f"extras missing from the README's table: {undocumented}"


def test_the_test_extra_holds_what_the_readme_says_it_includes():
    extras = _extras()
    test = set(extras["test"])
    for name in ("docs", "fast", "interactive", "distributed"):
        assert set(extras[name]) <= test, f"the test extra lacks some of {name!r}"
