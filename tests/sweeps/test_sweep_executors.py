"""The same sweep in this process, a process pool and a dask cluster: identical bits.

The functions swept are gamedyn's own studies (importable in every worker process);
one LocalCluster serves the module (starting one costs seconds) and is closed after it.
"""

from __future__ import annotations

import functools
import logging
from concurrent.futures import ProcessPoolExecutor

import pytest
import xarray as xr

import gamedyn as gd
from gamedyn.sweeps import SweepWarning
from gamedyn.sweeps.studies import gan_convergence, nash_count

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                       dashboard_address=None, silence_logs=logging.ERROR)
    with cluster, distributed.Client(cluster) as client:
        yield client


@pytest.fixture(scope="module")
def pool():
    with ProcessPoolExecutor(2) as pool:
        yield pool


CASES = {
    # plain tasks, floats from all_nash on Gaussian games (BLAS inside)
    "nash_count": (nash_count, {"n": [2, 3, 4]}, 3),
    # a block over the seeds: one GAN ensemble per step-size pair
    "gan_convergence": (functools.partial(gan_convergence, steps=40, batch=16),
                        {"lr_g": [0.1, 1.0], "lr_d": [0.2]}, 3),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_results_are_identical_bit_for_bit_on_every_executor(case, pool, client):
    function, grid, seeds = CASES[case]
    serial = gd.sweep(function, grid, seeds=seeds, rng=11, progress=False)
    processes = gd.sweep(function, grid, seeds=seeds, rng=11, executor=pool, progress=False)
    dask = gd.sweep(function, grid, seeds=seeds, rng=11, executor=client, progress=False)
    xr.testing.assert_identical(serial, processes)
    xr.testing.assert_identical(serial, dask)
    for name in serial.data_vars:  # identical means the same bits, not close values
        assert serial[name].values.tobytes() == dask[name].values.tobytes()


@pytest.mark.parametrize("where", ["pool", "client"])
def test_a_failing_task_in_a_worker_is_reported_with_its_parameters(where, request):
    executor = request.getfixturevalue(where)
    grid = {"n": [2, 3], "distribution": ["gaussian", "cauchy"]}
    with pytest.warns(SweepWarning, match="2 of 4 task.*distribution=cauchy.*`distribution`"):
        ds = gd.sweep(nash_count, grid, rng=0, executor=executor, progress=False)
    assert (ds["error"].sel(distribution="gaussian") == "").all()
    assert ds["equilibria"].sel(distribution="gaussian").notnull().all()
    assert ds["equilibria"].sel(distribution="cauchy").isnull().all()


def test_the_cli_runs_a_spec_on_a_dask_scheduler(client, tmp_path, capsys):
    from gamedyn.cli import main

    spec = tmp_path / "counts.toml"
    spec.write_text(f'function = "nash_count"\nseeds = 2\nrng = 3\nexecutor = "dask"\n'
                    f'address = "{client.scheduler.address}"\n[grid]\nn = [2, 3]\n')
    assert main(["sweep", str(spec), "--no-progress"]) == 0
    written = xr.load_dataset(tmp_path / "counts.nc")
    expected = gd.sweep(nash_count, {"n": [2, 3]}, seeds=2, rng=3, progress=False)
    assert written["equilibria"].values.tolist() == expected["equilibria"].values.tolist()
