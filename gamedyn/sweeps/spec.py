"""A sweep described in a TOML file: ``gamedyn sweep SPEC.toml``.

An example (every key but ``function`` and ``grid`` optional)::

    function = "nash_count"        # a built-in study, or "package.module:name"
    seeds = 200                    # number of seeds (default 1)
    rng = 0                        # root of the seeds (default: fresh, recorded)
    executor = "processes"         # "serial" (default) | "processes" | "dask"
    workers = 2                    # processes or dask workers (default: CPU count)
    address = "tcp://host:8786"    # dask only: an existing scheduler (default: local)
    output = "counts.nc"           # netCDF file (default: the spec's name, .nc);
                                   # the plot is written beside it as .png
    [grid]
    n = [2, 3, 4, 5]               # a list of values, or a range:
    # lr_g = { geomspace = [0.02, 4.0, 16] }   (also linspace = [a, b, num], range)
    [options]                      # fixed keyword arguments of the function
    distribution = "gaussian"

Relative ``output`` paths are taken from the spec file's folder.
"""

from __future__ import annotations

import functools
import importlib
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

__all__ = ["STUDIES", "load_spec", "run_spec"]

#: built-in study name -> "module:function"
STUDIES = {name: f"gamedyn.sweeps.studies:{name}" for name in
           ("gan_convergence", "gan_spectral_radius", "basins", "nash_count")}
KEYS = ("function", "grid", "options", "seeds", "rng", "executor", "workers", "address",
        "output")
EXECUTORS = ("serial", "processes", "dask")


def _toml() -> Any:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - the tomli backport
        import tomli as tomllib
    return tomllib


def load_spec(path: str | os.PathLike) -> dict:
    """Read and check a sweep spec; returns the settings with the function resolved.

    Raises
    ------
    OSError
        If the file cannot be read.
    ValueError
        For malformed TOML or a bad setting (the message names the key).
    """
    path = Path(path)
    with open(path, "rb") as file:
        try:
            raw = _toml().load(file)
        except ValueError as error:  # tomllib.TOMLDecodeError
            raise ValueError(f"{path}: not valid TOML: {error}") from None
    unknown = sorted(set(raw) - set(KEYS))
    if unknown:
        raise ValueError(f"{path}: unknown key(s) {', '.join(unknown)}; valid keys: "
                         f"{', '.join(KEYS)}.")
    if "function" not in raw or not isinstance(raw["function"], str):
        raise ValueError(f"{path}: `function` must be given: a built-in study "
                         f"({', '.join(STUDIES)}) or 'module:name'.")
    if not isinstance(raw.get("grid"), dict):
        raise ValueError(f"{path}: a [grid] table must give each parameter's values.")
    grid = {name: _values(name, value) for name, value in raw["grid"].items()}
    options = raw.get("options", {})
    if not isinstance(options, dict):
        raise ValueError(f"{path}: `options` must be a table of keyword arguments.")
    executor = raw.get("executor", "serial")
    if executor not in EXECUTORS:
        raise ValueError(f"{path}: `executor` must be one of {', '.join(EXECUTORS)}; got "
                         f"{executor!r}.")
    workers = raw.get("workers", os.cpu_count() or 1)
    if isinstance(workers, bool) or not isinstance(workers, int) or workers < 1:
        raise ValueError(f"{path}: `workers` must be a positive integer; got {workers!r}.")
    output = Path(raw.get("output", path.with_suffix(".nc").name))
    if not output.is_absolute():
        output = path.parent / output
    function = _resolve(raw["function"])
    if options:
        function = functools.partial(function, **options)
    return dict(function=function, grid=grid, seeds=raw.get("seeds"), rng=raw.get("rng"),
                executor=executor, workers=workers, address=raw.get("address"),
                output=output, name=raw["function"])


def _values(name: str, value: Any) -> list:
    if isinstance(value, list):
        return value
    if isinstance(value, dict) and len(value) == 1:
        (kind, arguments), = value.items()
        makers: dict[str, Callable[..., np.ndarray]] = {
            "linspace": np.linspace, "geomspace": np.geomspace, "range": np.arange}
        if kind in makers and isinstance(arguments, list) and 1 <= len(arguments) <= 3 \
                and all(isinstance(a, (int, float)) and not isinstance(a, bool)
                        for a in arguments):
            if kind != "range" and (len(arguments) != 3 or not isinstance(arguments[2], int)):
                raise ValueError(f"`grid.{name}`: {kind} takes [start, stop, num] with an "
                                 f"integer num; got {arguments!r}.")
            try:
                values = makers[kind](*arguments)
            except (ValueError, TypeError, ZeroDivisionError) as error:
                raise ValueError(f"`grid.{name}`: {kind}{tuple(arguments)} failed: "
                                 f"{error}") from None
            return values.tolist()
    raise ValueError(f"`grid.{name}` must be a list of values or one of {{linspace = [a, b, "
                     f"num]}}, {{geomspace = [a, b, num]}}, {{range = [start, stop, step]}}; "
                     f"got {value!r}.")


def _resolve(name: str) -> Callable[..., Any]:
    target = STUDIES.get(name, name)
    if ":" not in target:
        raise ValueError(f"`function` must be a built-in study ({', '.join(STUDIES)}) or "
                         f"'module:name'; got {name!r}.")
    module_name, _, attribute = target.partition(":")
    try:
        module = importlib.import_module(module_name)
    except ImportError as error:
        raise ValueError(f"`function`: cannot import {module_name!r}: {error}") from None
    function = getattr(module, attribute, None)
    if not callable(function):
        raise ValueError(f"`function`: {module_name!r} has no function {attribute!r}.")
    return function


def run_spec(path: str | os.PathLike, *, progress: bool | None = None) -> tuple[Path, Path]:
    """Run the sweep a spec describes; write its Dataset (netCDF) and a plot (PNG).

    Returns
    -------
    (Path, Path)
        The netCDF file and the PNG.

    Raises
    ------
    OSError, ValueError, TypeError
        For an unreadable spec, a bad setting, or a bad argument of the sweep.
    """
    from gamedyn.sweeps._core import sweep

    spec = load_spec(path)
    arguments = dict(seeds=spec["seeds"], rng=spec["rng"], progress=progress)
    if spec["executor"] == "serial":
        dataset = sweep(spec["function"], spec["grid"], **arguments)
    elif spec["executor"] == "processes":
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(spec["workers"]) as pool:
            dataset = sweep(spec["function"], spec["grid"], executor=pool, **arguments)
    else:
        dataset = _on_dask(spec, arguments)
    output = spec["output"]
    output.parent.mkdir(parents=True, exist_ok=True)
    dataset.to_netcdf(output)
    picture = output.with_suffix(".png")
    _plot(dataset, spec["name"], picture)
    return output, picture


def _on_dask(spec: dict, arguments: dict) -> Any:
    import logging

    try:
        import distributed
    except ImportError:
        raise ValueError("`executor` = 'dask' needs dask.distributed: pip install "
                         "'gamedyn[distributed]'.") from None
    from gamedyn.sweeps._core import sweep

    if spec["address"] is not None:
        with distributed.Client(spec["address"]) as client:
            return sweep(spec["function"], spec["grid"], executor=client, **arguments)
    with distributed.LocalCluster(n_workers=spec["workers"], threads_per_worker=1,
                                  processes=True, dashboard_address=None,
                                  silence_logs=logging.ERROR) as cluster, \
            distributed.Client(cluster) as client:
        return sweep(spec["function"], spec["grid"], executor=client, **arguments)


def _plot(dataset: Any, name: str, path: Path) -> None:
    """The first numeric output averaged over the seeds: a line over one numeric grid
    dimension or an image over the last two; one panel per value of the first other
    dimension (up to 6), any further dimensions at their first value."""
    import matplotlib

    matplotlib.use("Agg")
    from gamedyn.gallery import save_figure
    from gamedyn.plot import new_figure

    numeric = [key for key, variable in dataset.data_vars.items()
               if variable.dtype.kind in "biuf"]
    if not numeric:
        figure, axes = new_figure(1, 1, size=4.0)
        axes[0, 0].text(0.5, 0.5, "no numeric output", ha="center")
        save_figure(figure, path)
        return
    key = numeric[0]
    variable = dataset[key].astype(float).mean("seed")
    axes_dims = [dim for dim in variable.dims if dim in variable.coords
                 and variable[dim].dtype.kind in "biuf"][-2:]
    others = [dim for dim in variable.dims if dim not in axes_dims]
    facet = others[0] if others else None
    rest = {dim: 0 for dim in others[1:]}
    variable = variable.isel(rest)
    panels = list(range(min(variable.sizes[facet], 6))) if facet else [None]
    figure, axes = new_figure(1, len(panels), size=4.0)
    for ax, panel in zip(axes[0], panels):
        part = variable.isel({facet: panel}) if facet else variable
        if not axes_dims:
            ax.bar([0], [float(part)])
        elif len(axes_dims) == 1:
            ax.plot(part[axes_dims[0]].values, part.values, "o-")
            ax.set_xlabel(axes_dims[0])
            ax.set_ylabel(f"{key}, mean over seeds")
        else:
            row, col = axes_dims
            part = part.transpose(row, col)
            mesh = ax.pcolormesh(_edges(part[col].values), _edges(part[row].values),
                                 part.values, shading="flat")
            figure.colorbar(mesh, ax=ax, label=f"{key}, mean over seeds")
            ax.set_xlabel(col)
            ax.set_ylabel(row)
            if _geometric(part[col].values):
                ax.set_xscale("log")
            if _geometric(part[row].values):
                ax.set_yscale("log")
        label = f"{facet} = {variable[facet].values[panel]}" if facet else ""
        ax.set_title(f"{name}: {key}" + (f"\n{label}" if label else ""), fontsize=9)
    if rest:
        figure.suptitle("at the first value of " + ", ".join(rest), fontsize=9)
    save_figure(figure, path)


def _geometric(values: np.ndarray) -> bool:
    """Positive values spread over more than a decade with constant ratios (a geomspace)."""
    values = np.asarray(values, dtype=float)
    if values.size < 3 or np.any(values <= 0) or values.max() / values.min() < 10:
        return False
    return bool(np.allclose(np.diff(np.log(values)), np.log(values[1] / values[0])))


def _edges(values: np.ndarray) -> np.ndarray:
    """Cell edges around the centres ``values``: midpoints, geometric ones for a geomspace."""
    values = np.asarray(values, dtype=float)
    if values.size == 1:
        return np.array([values[0] - 0.5, values[0] + 0.5])
    scale = np.log if _geometric(values) else (lambda v: v)
    back = np.exp if _geometric(values) else (lambda v: v)
    centres = scale(values)
    middle = (centres[1:] + centres[:-1]) / 2
    return back(np.concatenate([[2 * centres[0] - middle[0]], middle,
                                [2 * centres[-1] - middle[-1]]]))
