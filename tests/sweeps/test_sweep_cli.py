"""`gamedyn sweep SPEC.toml`: a netCDF file and a plot, or one line and exit code 2."""

from __future__ import annotations

import numpy as np
import pytest
import xarray as xr

import gamedyn as gd
from gamedyn.cli import main
from gamedyn.sweeps.spec import load_spec
from gamedyn.sweeps.studies import nash_count

SPEC = """
function = "nash_count"
seeds = 3
rng = 4
executor = "{executor}"
workers = 2
output = "out/counts.nc"
[grid]
n = {{ range = [2, 4] }}
[options]
distribution = "uniform"
"""


@pytest.mark.parametrize("executor", ["serial", "processes"])
def test_a_spec_writes_the_sweep_and_a_plot(tmp_path, capsys, executor):
    spec = tmp_path / "counts.toml"
    spec.write_text(SPEC.format(executor=executor))
    assert main(["sweep", str(spec), "--no-progress"]) == 0
    netcdf, png = tmp_path / "out" / "counts.nc", tmp_path / "out" / "counts.png"
    assert capsys.readouterr().out.split() == [str(netcdf), str(png)]
    assert png.stat().st_size > 0
    written = xr.load_dataset(netcdf)
    expected = gd.sweep(_uniform, {"n": [2, 3]}, seeds=3, rng=4, progress=False)
    np.testing.assert_array_equal(written["equilibria"].values, expected["equilibria"].values)
    assert written.attrs["function_keywords"] == "{'distribution': 'uniform'}"


def _uniform(n, *, rng):
    return nash_count(n, distribution="uniform", rng=rng)


def test_grid_ranges_and_study_names_resolve(tmp_path):
    spec = tmp_path / "s.toml"
    spec.write_text('function = "basins"\n[grid]\ndynamics = ["gradient"]\n'
                    'p = { linspace = [0, 1, 3] }\nq = { geomspace = [0.25, 1, 3] }\n')
    loaded = load_spec(spec)
    assert loaded["grid"] == {"dynamics": ["gradient"], "p": [0.0, 0.5, 1.0],
                              "q": [0.25, 0.5, 1.0]}
    assert loaded["output"] == tmp_path / "s.nc" and loaded["executor"] == "serial"


@pytest.mark.parametrize("text, words", [
    ('function = "nash_count"\n[grid]\nn = 3\n', "`grid.n`"),
    ('function = "nash_count"\nexecuter = "serial"\n[grid]\nn = [3]\n', "unknown key"),
    ('function = nash\n', "not valid TOML"),
    ('[grid]\nn = [3]\n', "`function`"),
    ('function = "nash_count"\n', "[grid]"),
    ('function = "no_such_study"\n[grid]\nn = [3]\n', "`function`"),
    ('function = "gamedyn.nothing:f"\n[grid]\nn = [3]\n', "`function`"),
    ('function = "nash_count"\nexecutor = "gpu"\n[grid]\nn = [3]\n', "`executor`"),
    ('function = "nash_count"\nworkers = 0\n[grid]\nn = [3]\n', "`workers`"),
    ('function = "nash_count"\n[grid]\nn = { linspace = [1, 2] }\n', "`grid.n`"),
    ('function = "nash_count"\nseeds = 0\n[grid]\nn = [3]\n', "`seeds`"),
    ('function = "nash_count"\n[grid]\nm = [3]\n', "`grid`"),
])
def test_a_bad_spec_is_one_line_and_exit_code_2(tmp_path, capsys, text, words):
    spec = tmp_path / "bad.toml"
    spec.write_text(text)
    assert main(["sweep", str(spec), "--no-progress"]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and words in err


def test_a_missing_spec_is_exit_code_2(tmp_path, capsys):
    assert main(["sweep", str(tmp_path / "missing.toml")]) == 2
    assert "No such file" in capsys.readouterr().err


@pytest.mark.parametrize("name", ["gan", "gan_verdict", "basins", "nash_counts"])
def test_the_example_specs_are_valid(name):
    from pathlib import Path

    spec = load_spec(Path(__file__).resolve().parents[2] / "docs" / "sweeps" / f"{name}.toml")
    assert spec["grid"] and callable(spec["function"])
