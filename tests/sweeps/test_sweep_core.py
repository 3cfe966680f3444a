"""gd.sweep in this process: labels, seeds, vectorized blocks, failures, netCDF, arguments."""

from __future__ import annotations

import functools

import numpy as np
import pytest
import xarray as xr

import gamedyn as gd
from gamedyn.sweeps import SweepError, SweepWarning, vectorized


def draw(x, *, rng, scale=1.0):
    """x plus one normal draw from the task's own stream."""
    return {"y": x + scale * np.random.default_rng(rng).standard_normal(),
            "pair": np.array([x, -x]), "label": "even" if x % 2 == 0 else "odd"}


@vectorized("x", "seed")
def draw_block(x, *, rng, scale=1.0):
    """The same as ``draw`` for a whole block: shape (len(x), len(rng))."""
    noise = np.array([np.random.default_rng(s).standard_normal() for s in rng])
    x = np.asarray(x, dtype=float)
    return {"y": x[:, None] + scale * noise[None, :],
            "pair": np.stack([x, -x], axis=-1)[:, None, :].repeat(len(rng), axis=1),
            "label": np.array([["even" if v % 2 == 0 else "odd"] * len(rng) for v in x])}


def fails_at_two(x, *, rng):
    if x == 2:
        raise ValueError("x = 2 is refused")
    return float(x)


def test_labels_coordinates_and_provenance():
    ds = gd.sweep(draw, {"x": [1, 2, 3]}, seeds=4, rng=7, progress=False)
    assert dict(ds.sizes) == {"x": 3, "seed": 4, "pair_0": 2}
    assert ds["x"].values.tolist() == [1, 2, 3]
    assert ds["seed"].values.tolist() == [0, 1, 2, 3]
    assert ds["label"].sel(x=2).values.tolist() == ["even"] * 4
    np.testing.assert_array_equal(ds["pair"].sel(x=3, seed=0).values, [3, -3])
    assert ds.attrs["function"] == f"{draw.__module__}:draw"
    assert ds.attrs["gamedyn_version"] == gd.__version__
    assert ds.attrs["seeds"] == "4" and ds.attrs["seed_entropy"] == "7"
    assert all(isinstance(value, str) for value in ds.attrs.values())


def test_seed_j_is_the_jth_spawned_stream_at_every_grid_point():
    ds = gd.sweep(draw, {"x": [0.0, 10.0]}, seeds=3, rng=5, progress=False)
    children = np.random.SeedSequence(5).spawn(3)
    expected = [np.random.default_rng(c).standard_normal() for c in children]
    np.testing.assert_array_equal(ds["y"].sel(x=0.0).values, expected)
    np.testing.assert_array_equal(ds["y"].sel(x=10.0).values, np.add(expected, 10.0))
    assert len(set(expected)) == 3  # independent streams differ


def test_recorded_entropy_reruns_a_sweep_seeded_from_the_system():
    first = gd.sweep(draw, {"x": [1.0]}, seeds=2, progress=False)
    again = gd.sweep(draw, {"x": [1.0]}, seeds=2, rng=int(first.attrs["seed_entropy"]),
                     progress=False)
    xr.testing.assert_identical(first, again)


def test_a_vectorized_function_gives_the_same_dataset_as_single_calls():
    single = gd.sweep(draw, {"x": [1, 2, 3]}, seeds=3, rng=1, progress=False)
    block = gd.sweep(draw_block, {"x": [1, 2, 3]}, seeds=3, rng=1, progress=False)
    xr.testing.assert_equal(single, block)
    assert block.attrs["vectorized"] == "x, seed"


def test_partial_keywords_and_dynamics_are_recorded():
    grid = {"dynamics": [gd.dynamics.Simultaneous(0.1), gd.dynamics.Extragradient(0.2)]}

    def lr_of(dynamics, *, rng):
        return float(np.ravel(dynamics.step_sizes(0))[0])
    ds = gd.sweep(lr_of, grid, progress=False, rng=0)
    assert ds["dynamics"].values.tolist() == [repr(d) for d in grid["dynamics"]]
    assert repr(grid["dynamics"][1]) in ds.attrs["dynamics"]
    partly = gd.sweep(functools.partial(draw, scale=0.0), {"x": [1.0]}, progress=False, rng=0)
    assert partly.attrs["function_keywords"] == "{'scale': 0.0}"
    assert partly["y"].item() == 1.0


def test_outputs_may_be_scalars_or_xarray_objects():
    def scalar(x, *, rng):
        return x * 2

    def labelled(x, *, rng):
        return xr.DataArray(np.arange(3) * x, dims=["t"], coords={"t": [0.0, 0.5, 1.0]},
                            name="path")
    assert gd.sweep(scalar, {"x": [1, 2]}, progress=False, rng=0)["value"].values.tolist() \
        == [[2], [4]]
    ds = gd.sweep(labelled, {"x": [1, 2]}, progress=False, rng=0)
    assert ds["path"].dims == ("x", "seed", "t")
    assert ds["t"].values.tolist() == [0.0, 0.5, 1.0]


def test_a_failing_task_keeps_the_others_and_names_its_parameters():
    with pytest.warns(SweepWarning, match=r"1 of 3 task\(s\) failed.*x=2.*refused"):
        ds = gd.sweep(fails_at_two, {"x": [1, 2, 3]}, progress=False, rng=0)
    values = ds["value"].values[:, 0]
    assert values[0] == 1.0 and values[2] == 3.0 and np.isnan(values[1])
    assert ds["error"].values[:, 0].tolist() == ["", "ValueError: x = 2 is refused", ""]
    assert ds.attrs["failures"] == "x=2, seed=0: ValueError: x = 2 is refused"


def test_every_task_failing_is_an_error_listing_them():
    with pytest.raises(SweepError, match="all 2 task") as caught:
        gd.sweep(fails_at_two, {"x": [2, 2]}, progress=False, rng=0)
    assert len(caught.value.failures) == 2


def test_an_output_of_another_shape_is_a_failure_of_that_task():
    def ragged(x, *, rng):
        return np.zeros(x)
    with pytest.warns(SweepWarning, match="shape"):
        ds = gd.sweep(ragged, {"x": [2, 3]}, progress=False, rng=0)
    assert ds["value"].shape == (2, 1, 2) and np.isnan(ds["value"].values[1]).all()


def test_netcdf_round_trip_with_the_scipy_backend(tmp_path):
    with pytest.warns(SweepWarning):
        ds = gd.sweep(functools.partial(draw_or_fail), {"x": [1, 2, 3], "name": ["a", "b"]},
                      seeds=2, rng=3, progress=False)
    path = tmp_path / "sweep.nc"
    ds.to_netcdf(path, engine="scipy")
    back = xr.load_dataset(path, engine="scipy")
    xr.testing.assert_identical(ds, back)
    assert back.attrs == ds.attrs


def draw_or_fail(x, name, *, rng):
    if x == 3 and name == "b":
        raise RuntimeError("no")
    out = draw(x, rng=rng)
    out["n"] = np.int64(x)
    return out


@pytest.mark.parametrize("arguments, name", [
    (dict(function=3), "function"),
    (dict(grid=[1, 2]), "grid"),
    (dict(grid={"x": 3}), "grid"),
    (dict(grid={"x": []}), "grid"),
    (dict(grid={"x": "abc"}), "grid"),
    (dict(grid={"x": [np.inf]}), "grid"),
    (dict(grid={"seed": [1]}), "grid"),
    (dict(grid={"rng": [1]}), "grid"),
    (dict(grid={"z": [1]}), "grid"),
    (dict(grid={1: [1]}), "grid"),
    (dict(seeds=0), "seeds"),
    (dict(seeds=2.0), "seeds"),
    (dict(seeds=True), "seeds"),
    (dict(seeds=10**12), "seeds"),
    (dict(rng=-1), "rng"),
    (dict(rng="0"), "rng"),
    (dict(executor="processes"), "executor"),
    (dict(progress="yes"), "progress"),
])
def test_bad_arguments_are_refused_by_name(arguments, name):
    call = dict(function=draw, grid={"x": [1.0]}, progress=False)
    call.update(arguments)
    with pytest.raises((TypeError, ValueError), match=f"`{name}"):
        gd.sweep(call.pop("function"), call.pop("grid"), **call)


def test_vectorized_names_must_be_in_the_grid_and_valid():
    with pytest.raises(ValueError, match="`function` is vectorized over 'y'"):
        gd.sweep(vectorized("y")(lambda x, rng: x), {"x": [1.0]}, progress=False)
    with pytest.raises(ValueError, match="`names`"):
        vectorized()
    with pytest.raises(TypeError, match="`names`"):
        vectorized(3)
    with pytest.raises(ValueError, match="`names`"):
        vectorized("x", "x")


def test_an_unpicklable_function_is_refused_before_an_executor_runs_it():
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool, pytest.raises(TypeError, match="`function` must be "
                                                                        "picklable"):
        gd.sweep(lambda x, rng: x, {"x": [1.0]}, executor=pool, progress=False)


def test_progress_bar_counts_tasks(capsys):
    gd.sweep(draw, {"x": [1, 2, 3]}, progress=True, rng=0)
    assert "3/3" in capsys.readouterr().err


def test_values_reach_the_function_with_their_own_types():
    def kinds(v, *, rng):
        return type(v).__name__
    ds = gd.sweep(kinds, {"v": [1, "a", 2.5, None]}, progress=False, rng=0)
    assert ds["value"].values[:, 0].tolist() == ["int", "str", "float", "NoneType"]
    assert ds["v"].values.tolist() == ["1", "'a'", "2.5", "None"]  # labelled by repr


def test_a_block_of_the_wrong_length_everywhere_is_an_error_not_a_crash():
    @vectorized("seed")
    def short(x, *, rng):
        return np.zeros(len(rng) - 1)
    with pytest.raises(SweepError, match="all 2 task.*shape"):
        gd.sweep(short, {"x": [1, 2]}, seeds=3, rng=0, progress=False)
    with pytest.raises(ValueError, match="`seeds`"):
        gd.sweep(short, {"x": [1]}, seeds=10**12, rng=0, progress=False)
