"""``sweep``: one function over a grid of parameters and seeds, as a labelled Dataset."""

from __future__ import annotations

import inspect
import itertools
import pickle
import traceback
import warnings
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import Executor, as_completed
from dataclasses import dataclass
from enum import Enum
from functools import partial
from numbers import Integral
from typing import TYPE_CHECKING, Any

import numpy as np

from gamedyn._progress import check_progress, progress_bar, quiet
from gamedyn._validation import _describe, check_positive_int

if TYPE_CHECKING:
    import xarray

__all__ = ["SweepError", "SweepWarning", "sweep", "vectorized"]

#: Most tasks one sweep may hold (each is a Python object until it runs).
MAX_TASKS = 10**7
#: The dimension of the seeds.
SEED = "seed"
_VECTORIZED = "__gamedyn_vectorized__"


class SweepWarning(RuntimeWarning):
    """Some tasks of a sweep failed: their cells are missing.

    They hold NaN (or ``""`` for text); the Dataset's ``error`` variable holds each
    failed cell's exception.

    Examples
    --------
    >>> from gamedyn.sweeps import SweepWarning
    >>> issubclass(SweepWarning, RuntimeWarning)
    True
    """


class SweepError(RuntimeError):
    """Every task of a sweep failed (there is no result to return).

    Attributes
    ----------
    failures : list of str
        One line per failed task: its parameters and the exception.

    Examples
    --------
    >>> from gamedyn.sweeps import SweepError
    >>> error = SweepError("every task failed")
    >>> isinstance(error, RuntimeError), error.failures
    (True, [])
    """

    failures: list = []


def vectorized(*names: str) -> Callable[[Callable], Callable]:
    """Mark a function as vectorized over the parameters ``names`` (grid names or ``"seed"``).

    :func:`sweep` then calls the function once per block: a vectorized grid parameter
    arrives as the 1-D array of all its values, and with ``"seed"`` the ``rng`` argument
    is the tuple of the block's ``numpy.random.SeedSequence`` (one per seed, the same ones
    a plain call for each seed would get). Every output must then have leading axes for
    the vectorized parameters, in the order of the sweep's dimensions (the grid's order,
    ``seed`` last), followed by the output's own axes.

    Parameters
    ----------
    *names : str
        The vectorized parameters; at least one.

    Returns
    -------
    callable
        A decorator that records ``names`` on the function (the function is unchanged).

    Raises
    ------
    TypeError
        If a name is not a str.
    ValueError
        If no name is given or a name repeats.

    Examples
    --------
    >>> import numpy as np, gamedyn as gd
    >>> @gd.sweeps.vectorized("x")
    ... def square(x, rng):
    ...     return np.asarray(x) ** 2
    >>> ds = gd.sweep(square, {"x": [1.0, 2.0, 3.0]}, rng=0, progress=False)
    >>> ds["value"].values[:, 0].tolist()
    [1.0, 4.0, 9.0]
    """
    if not names:
        raise ValueError("`names` must name at least one parameter (or 'seed').")
    for name in names:
        if not isinstance(name, str):
            raise TypeError(f"`names` must be parameter names (str); got {_describe(name)}.")
    if len(set(names)) != len(names):
        raise ValueError(f"`names` must not repeat a name; got {names!r}.")

    def mark(function: Callable) -> Callable:
        if not callable(function):
            raise TypeError(f"`function` must be callable; got {_describe(function)}.")
        setattr(function, _VECTORIZED, tuple(names))
        return function
    return mark


def _vectorized_names(function: Callable) -> tuple[str, ...]:
    target = function
    while isinstance(target, partial):
        if hasattr(target, _VECTORIZED):
            break
        target = target.func
    return tuple(getattr(target, _VECTORIZED, ()))


def _qualified_name(function: Callable) -> str:
    target = function
    while isinstance(target, partial):
        target = target.func
    module = getattr(target, "__module__", None) or "?"
    name = getattr(target, "__qualname__", None) or type(target).__qualname__
    return f"{module}:{name}"


def _partial_keywords(function: Callable) -> dict:
    keywords: dict = {}
    target = function
    while isinstance(target, partial):
        keywords = {**target.keywords, **keywords}
        target = target.func
    return keywords


# ----------------------------------------------------------------------------- tasks
@dataclass(frozen=True)
class _Task:
    """One call: the keyword arguments (grid values or blocks) and its ``rng``."""

    index: int
    kwargs: dict
    rng: Any  # a SeedSequence, or a tuple of them for a block of seeds
    label: str  # the parameters, for error messages
    position: tuple  # index along each dimension (0 along vectorized ones)


_CONTROLLER: list = []


def _blas_single_thread() -> Any:
    """A context holding BLAS/OpenMP pools at one thread (threadpoolctl), cached per
    process: a task's numbers do not depend on how many threads the worker has."""
    from threadpoolctl import ThreadpoolController

    if not _CONTROLLER:
        _CONTROLLER.append(ThreadpoolController())
    return _CONTROLLER[0].limit(limits=1)


def _run_task(function: Callable, task: _Task) -> tuple[int, bool, Any]:
    """Run one task in whichever process: ``(index, True, outputs)`` or ``(index, False,
    error text)``. Outputs are converted to plain numpy arrays here, in the worker."""
    try:
        with _blas_single_thread(), quiet():  # a task's own long calls show no bar
            result = function(**task.kwargs, rng=task.rng)
        return task.index, True, _outputs(result)
    except Exception as error:  # noqa: BLE001 - every failure becomes data, named
        text = "".join(traceback.format_exception_only(type(error), error)).strip()
        return task.index, False, text


def _as_values(value: Any) -> np.ndarray:
    if isinstance(value, Enum):
        value = value.value
    array = np.asarray(value)
    if array.dtype == object:  # statuses and other enums: their text
        flat = [item.value if isinstance(item, Enum) else item for item in array.reshape(-1)]
        array = np.asarray(flat).reshape(array.shape)
        if array.dtype == object:
            raise TypeError("outputs must be numbers, bools, strings or arrays of them; "
                            f"got an object array ({_describe(value)}).")
    if array.dtype.kind not in "biufcU":
        raise TypeError(f"outputs must be numbers, bools or strings; got dtype {array.dtype}.")
    return array


def _outputs(result: Any) -> dict[str, tuple[tuple[str, ...] | None, np.ndarray, dict]]:
    """name -> (own dimension names or None, values, coordinates of the own dimensions)."""
    module = type(result).__module__ or ""
    if module.startswith("xarray"):
        import xarray as xr

        if isinstance(result, xr.DataArray):
            result = result.to_dataset(name=result.name if result.name is not None
                                       else "value")
        if not isinstance(result, xr.Dataset):
            raise TypeError(f"the function returned {type(result).__name__}; expected a "
                            "number, a dict, a DataArray or a Dataset.")
        found: dict[str, tuple[tuple[str, ...] | None, np.ndarray, dict]] = {}
        for name, variable in result.data_vars.items():
            coords = {dim: np.asarray(result[dim].values) for dim in variable.dims
                      if dim in result.coords}
            found[str(name)] = (tuple(map(str, variable.dims)), _as_values(variable.values),
                                coords)
        return found
    if isinstance(result, Mapping):
        found = {}
        for name, value in result.items():
            if not isinstance(name, str) or not name.isidentifier():
                raise TypeError(f"output names must be identifiers (str); got {name!r}.")
            found[name] = (None, _as_values(value), {})
        return found
    return {"value": (None, _as_values(result), {})}


# ----------------------------------------------------------------------------- checks
def _check_grid(grid: Any, function: Callable) -> dict[str, np.ndarray]:
    if not isinstance(grid, Mapping):
        raise TypeError(f"`grid` must be a mapping from parameter name to a 1-D sequence of "
                        f"values; got {_describe(grid)}.")
    checked: dict[str, np.ndarray] = {}
    for name, values in grid.items():
        if not isinstance(name, str) or not name.isidentifier():
            raise TypeError(f"`grid` keys must be parameter names (identifiers); got {name!r}.")
        if name in (SEED, "rng"):
            raise ValueError(f"`grid` must not have the key {name!r}: the seeds are given by "
                             "`seeds` and `rng`.")
        if isinstance(values, (str, bytes)) or not hasattr(values, "__len__") \
                or isinstance(values, Mapping):
            raise TypeError(f"`grid[{name!r}]` must be a 1-D sequence of values; got "
                            f"{_describe(values)}.")
        items = list(values)
        if not items:
            raise ValueError(f"`grid[{name!r}]` must hold at least one value; got none.")
        try:
            array = np.asarray(items)
        except ValueError:  # ragged
            array = np.empty(len(items), dtype=object)
            array[:] = items
        mixed = array.dtype.kind == "U" and not all(isinstance(item, str) for item in items)
        if array.ndim != 1 or array.dtype.kind not in "biufU" or mixed:
            array = np.empty(len(items), dtype=object)
            array[:] = items
        if array.dtype.kind in "fc" and not np.all(np.isfinite(array)):
            raise ValueError(f"`grid[{name!r}]` must hold finite numbers; got {items!r}.")
        checked[name] = array
    try:
        signature = inspect.signature(function)
    except (TypeError, ValueError):
        return checked
    parameters = signature.parameters
    takes_any = any(p.kind == p.VAR_KEYWORD for p in parameters.values())
    if not takes_any:
        for name in (*checked, "rng"):
            parameter = parameters.get(name)
            if parameter is None or parameter.kind in (parameter.POSITIONAL_ONLY,
                                                       parameter.VAR_POSITIONAL):
                where = "`grid` names" if name != "rng" else "sweep passes"
                raise TypeError(f"{where} the parameter {name!r}, which `function` "
                                f"({_qualified_name(function)}) does not take by keyword.")
    return checked


def _root(rng: Any) -> np.random.SeedSequence:
    if isinstance(rng, np.random.SeedSequence):
        return rng
    if rng is None:
        return np.random.SeedSequence()
    if isinstance(rng, np.random.Generator):
        return np.random.SeedSequence(int(rng.integers(2**63)))
    if isinstance(rng, Integral) and not isinstance(rng, (bool, np.bool_)):
        if rng < 0:
            raise ValueError(f"`rng` must be a non-negative int seed; got {rng}.")
        return np.random.SeedSequence(int(rng))
    raise TypeError("`rng` must be a numpy.random.Generator, a non-negative int seed, a "
                    f"numpy.random.SeedSequence or None; got {_describe(rng)}.")


def _kind_of(executor: Any) -> str:
    if executor is None:
        return "serial"
    if isinstance(executor, Executor):
        return "futures"
    if type(executor).__module__.startswith("distributed") and hasattr(executor, "submit") \
            and hasattr(executor, "gather"):
        return "dask"
    raise TypeError("`executor` must be None (run in this process), a "
                    "concurrent.futures.Executor or a dask.distributed Client; got "
                    f"{_describe(executor)}.")


# ----------------------------------------------------------------------------- sweep
def sweep(function: Callable, grid: Mapping[str, Any], *, seeds: int | None = None,
          rng: Any = None, executor: Any = None, progress: bool | None = None
          ) -> xarray.Dataset:
    """Run ``function(**params, rng=...)`` over a grid of parameters and seeds.

    Every combination of the grid's values (their Cartesian product, in the grid's order)
    is run once per seed; the results come back as one labelled ``xarray.Dataset``.

    Parameters
    ----------
    function : callable
        Called as ``function(**params, rng=rng)`` with one value per grid name and a
        ``numpy.random.SeedSequence`` as ``rng``. It returns a number (the variable
        ``value``), a dict of numbers or arrays (one variable per key; array axes are
        named ``<key>_0``, ``<key>_1``, ...) or an xarray DataArray or Dataset (its
        dimension names and coordinates are kept). Outputs may be numbers, bools, strings
        or :class:`gamedyn.Status` (stored as its text). A function marked with
        :func:`vectorized` receives whole blocks (see there). For a process pool or a
        dask cluster it must be picklable: a module-level function, or a
        ``functools.partial`` of one.
    grid : mapping of str to 1-D sequence
        Parameter name -> its values (numbers, strings, or any objects such as dynamics
        instances; objects are labelled by their ``repr``). Not ``"seed"`` or ``"rng"``.
    seeds : int, optional
        Number of seeds (default 1): the Dataset's ``seed`` dimension, ``0 .. seeds - 1``.
    rng : int, SeedSequence, Generator or None
        The root of the seeds. Seed ``j`` is the ``j``-th child of
        ``SeedSequence.spawn`` from the root, the same stream at every grid point (common
        random numbers: differences across the grid are not blurred by different draws);
        different seeds are independent streams. None takes fresh entropy; the root's
        entropy is recorded in ``attrs["seed_entropy"]``, so ``rng=int(ds.attrs[
        "seed_entropy"])`` reruns the sweep exactly.
    executor : None, concurrent.futures.Executor or dask.distributed.Client
        Where the tasks run: None runs them here, one after another; an Executor (e.g.
        ``ProcessPoolExecutor``) or a dask Client runs them in its workers (on dask in
        chunks, about 32 per worker, since a dask task costs milliseconds). Each task
        carries its own seeds and every task holds BLAS to one thread (threadpoolctl), so
        the Dataset is identical bit for bit whichever runs it.
    progress : bool or None
        A tqdm bar of tasks done, on stderr: None (default) shows it in a terminal once
        the sweep has run a second; True always; False never.

    Returns
    -------
    xarray.Dataset
        Dimensions: the grid's names in order, then ``seed``, then the outputs' own axes.
        Coordinates: the grid's values (text ``repr`` for objects) and the seed numbers.
        Data variables: the outputs. Attributes (all text, so the Dataset saves to netCDF
        with ``to_netcdf``, the scipy backend included): ``gamedyn_version``, ``function``
        (``module:qualname``), ``function_keywords`` (of a partial), ``vectorized``,
        ``seeds``, ``seed_entropy``, ``seed_spawn_key``, ``dynamics`` (the repr of any
        dynamics in the grid or the partial's keywords) and ``failures``.

    Raises
    ------
    TypeError
        For a ``function`` that is not callable (or not picklable when an executor runs
        it), a ``grid`` that is not a mapping of names to 1-D sequences or names a
        parameter the function does not take, and a ``seeds``, ``rng``, ``executor`` or
        ``progress`` of the wrong type.
    ValueError
        For an empty grid axis, non-finite numbers, ``seeds < 1``, a vectorized name not
        in the grid, or more than ``10**7`` tasks.
    SweepError
        If every task failed.

    Warns
    -----
    SweepWarning
        If some tasks failed (a failure is never lost silently): their cells are NaN
        (``""`` for text; integer and bool outputs become float to hold the NaN), the
        variable ``error`` holds each cell's exception (``""`` where it ran), and
        ``attrs["failures"]`` lists each failed task's parameters and exception.

    Examples
    --------
    >>> import numpy as np, gamedyn as gd
    >>> def noisy_square(x, rng):
    ...     return x**2 + 0.01 * np.random.default_rng(rng).standard_normal()
    >>> ds = gd.sweep(noisy_square, {"x": [0.0, 1.0, 2.0]}, seeds=4, rng=0, progress=False)
    >>> dict(ds.sizes)
    {'x': 3, 'seed': 4}
    >>> ds["value"].mean("seed").round(1).values.tolist()
    [0.0, 1.0, 4.0]
    """
    import xarray as xr

    import gamedyn

    if not callable(function):
        raise TypeError(f"`function` must be callable; got {_describe(function)}.")
    axes = _check_grid(grid, function)
    count = 1 if seeds is None else check_positive_int(seeds, "seeds")
    if count > MAX_TASKS:
        raise ValueError(f"`seeds` must be at most {MAX_TASKS:.0e}; got {count}.")
    root = _root(rng)
    kind = _kind_of(executor)
    progress = check_progress(progress)
    blocks = _vectorized_names(function)
    for name in blocks:
        if name != SEED and name not in axes:
            raise ValueError(f"`function` is vectorized over {name!r}, which is not in "
                             f"`grid` (its names: {list(axes)}).")
    if kind != "serial":
        try:
            pickle.dumps(function)
        except Exception as error:  # noqa: BLE001 - any pickling error is the same fault
            raise TypeError(f"`function` must be picklable to run on `executor` (a "
                            f"module-level function or a partial of one); {error}") from None

    dims = [*axes, SEED]
    sizes = [len(values) for values in axes.values()] + [count]
    loops = [range(1) if dim in blocks else range(size) for dim, size in zip(dims, sizes)]
    total = int(np.prod([len(loop) for loop in loops], dtype=float))
    if total > MAX_TASKS:
        raise ValueError(f"`grid` and `seeds` ask for {total:.3g} tasks; the limit is "
                         f"{MAX_TASKS:.0e} (vectorize the function over a parameter).")
    children = [np.random.SeedSequence(root.entropy, spawn_key=(*root.spawn_key, j),
                                       pool_size=root.pool_size) for j in range(count)]
    tasks = []
    for index, position in enumerate(itertools.product(*loops)):
        kwargs, label = {}, []
        for dim, at in zip(dims[:-1], position[:-1]):
            if dim in blocks:
                kwargs[dim] = axes[dim]
            else:
                kwargs[dim] = axes[dim][at].item() if axes[dim].dtype != object \
                    else axes[dim][at]
                label.append(f"{dim}={_label(kwargs[dim])}")
        seed_rng: tuple[np.random.SeedSequence, ...] | np.random.SeedSequence
        if SEED in blocks:
            seed_rng = tuple(children)
        else:
            seed_rng = children[position[-1]]
            label.append(f"seed={position[-1]}")
        tasks.append(_Task(index, kwargs, seed_rng, ", ".join(label) or "all", position))
    results = _execute(function, tasks, executor, kind, progress)

    # assemble: each task fills the block of cells it covers
    failures = [(task, results[task.index][1]) for task in tasks
                if not results[task.index][0]]
    done = [task for task in tasks if results[task.index][0]]
    if not done:
        _all_failed(failures, len(tasks))
    block_shape = tuple(size if dim in blocks else 1 for dim, size in zip(dims, sizes))
    first = results[done[0].index][1]
    names = list(first)
    variables: dict[str, Any] = {}
    for name, (own_dims, values, coords) in first.items():
        lead = sum(1 for dim in dims if dim in blocks)
        extra = values.shape[lead:]
        if own_dims is None:
            own_dims = tuple(f"{name}_{k}" for k in range(len(extra)))
        else:
            own_dims = tuple(own_dims[lead:])
        dtype = values.dtype
        variables[name] = dict(dims=own_dims, dtype=dtype, coords=coords,
                               data=None, extra=extra)
    cells_failed = np.zeros(sizes, dtype=bool)
    errors = np.full(sizes, "", dtype=object)
    for task in tasks:
        ok, payload = results[task.index][0], results[task.index][1]
        where = _where(task, dims, blocks)
        if ok:
            problem = _mismatch(payload, variables, block_shape, blocks, dims)
            if problem is None:
                for name in names:
                    spec = variables[name]
                    values = payload[name][1].reshape(
                        tuple(s for s in block_shape) + spec["extra"])
                    if spec["data"] is None:
                        spec["data"] = _empty(sizes, spec)
                    spec["data"] = _promote(spec["data"], values.dtype)
                    spec["data"][where] = values
                continue
            payload = problem
            failures.append((task, problem))
        cells_failed[where] = True
        errors[where] = payload
    if cells_failed.all():
        _all_failed(sorted(failures, key=lambda item: item[0].index), len(tasks))
    data_vars = {}
    for name in names:
        spec = variables[name]
        data = spec["data"]
        if cells_failed.any():
            data = _with_missing(data, cells_failed)
        data_vars[name] = (dims + list(spec["dims"]), data)
    coords = {dim: _coordinate(values) for dim, values in axes.items()}
    coords[SEED] = np.arange(count)
    for name in names:
        for dim, values in variables[name]["coords"].items():
            if dim in variables[name]["dims"]:
                coords.setdefault(dim, values)
    failures.sort(key=lambda item: item[0].index)
    lines = [f"{task.label}: {error}" for task, error in failures]
    if failures:
        data_vars["error"] = (dims, errors.astype(str))
    attrs = _provenance(function, axes, blocks, count, root, lines, gamedyn.__version__)
    dataset = xr.Dataset(data_vars, coords=coords, attrs=attrs)
    if failures:
        warnings.warn(f"{len(failures)} of {len(tasks)} task(s) failed; their cells are "
                      f"missing and `error` holds the exceptions. The first: {lines[0]}",
                      SweepWarning, stacklevel=2)
    return dataset


def _all_failed(failures: list, count: int) -> None:
    lines = [f"{task.label}: {error}" for task, error in failures]
    error = SweepError(f"all {count} task(s) of the sweep failed; the first: {lines[0]}")
    error.failures = lines
    raise error


def _label(value: Any) -> str:
    return repr(value) if not isinstance(value, str) else value


def _where(task: _Task, dims: list[str], blocks: tuple) -> tuple:
    """The index of the cells a task covers (all of a vectorized dimension)."""
    return tuple(slice(None) if dim in blocks else slice(at, at + 1)
                 for dim, at in zip(dims, task.position))


def _mismatch(payload: dict, variables: dict, block_shape: tuple, blocks: tuple,
              dims: list[str]) -> str | None:
    """Why a task's outputs do not fit those of the first task, or None."""
    if set(payload) != set(variables):
        return (f"ValueError: the outputs {sorted(payload)} differ from the first task's "
                f"{sorted(variables)}")
    lead = tuple(size for dim, size in zip(dims, block_shape) if dim in blocks)
    for name, (_, values, _) in payload.items():
        expected = lead + variables[name]["extra"]
        if values.shape != expected:
            return (f"ValueError: output {name!r} has shape {values.shape}; expected "
                    f"{expected} (the vectorized axes {tuple(d for d in dims if d in blocks)}"
                    " first, then the first task's)")
        if (values.dtype.kind == "U") != (variables[name]["dtype"].kind == "U"):
            return f"TypeError: output {name!r} is text in some tasks and numbers in others"
    return None


def _empty(sizes: list[int], spec: dict) -> np.ndarray:
    shape = tuple(sizes) + spec["extra"]
    if spec["dtype"].kind == "U":
        return np.full(shape, "", dtype=spec["dtype"])
    return np.zeros(shape, dtype=spec["dtype"])


def _promote(data: np.ndarray, dtype: np.dtype) -> np.ndarray:
    wanted = np.result_type(data.dtype, dtype)
    return data if wanted == data.dtype else data.astype(wanted)


def _with_missing(data: np.ndarray, failed: np.ndarray) -> np.ndarray:
    mask = failed.reshape(failed.shape + (1,) * (data.ndim - failed.ndim))
    mask = np.broadcast_to(mask, data.shape)
    if data.dtype.kind == "U":
        return np.where(mask, "", data)
    if data.dtype.kind in "biu":
        data = data.astype(np.float64)
    data = data.copy()
    data[mask] = np.nan
    return data


def _coordinate(values: np.ndarray) -> np.ndarray:
    if values.dtype == object:
        return np.asarray([repr(item) for item in values])
    return values


def _provenance(function: Callable, axes: dict, blocks: tuple, count: int,
                root: np.random.SeedSequence, failures: list[str], version: str) -> dict:
    keywords = _partial_keywords(function)
    dynamics = []
    for name, values in axes.items():
        if name == "dynamics" or any(_is_dynamics(item) for item in values):
            dynamics += [repr(item) if not isinstance(item, str) else item
                         for item in values]
    for name, value in keywords.items():
        if name == "dynamics" or _is_dynamics(value):
            dynamics.append(repr(value) if not isinstance(value, str) else value)
    entropy = root.entropy
    return {"gamedyn_version": str(version),
            "function": _qualified_name(function),
            "function_keywords": repr(keywords) if keywords else "",
            "vectorized": ", ".join(blocks),
            "seeds": str(count),
            "seed_entropy": str(entropy),
            "seed_spawn_key": repr(tuple(root.spawn_key)),
            "dynamics": "; ".join(dynamics),
            "failures": "\n".join(failures)}


def _is_dynamics(value: Any) -> bool:
    return any(cls.__module__.startswith("gamedyn.dynamics") for cls in type(value).__mro__)


#: on dask, tasks travel in chunks, about this many per worker (a dask task costs
#: milliseconds; chunks keep that off small tasks and still balance long ones)
CHUNKS_PER_WORKER = 32


def _run_chunk(function: Callable, tasks: list[_Task]) -> list[tuple[int, bool, Any]]:
    return [_run_task(function, task) for task in tasks]


def _execute(function: Callable, tasks: list[_Task], executor: Any, kind: str,
             progress: bool | None) -> dict[int, tuple[bool, Any]]:
    """Run every task; ``index -> (ok, outputs or error text)``. Each task carries its
    own seeds, so how tasks are grouped or ordered never changes a result."""
    results: dict[int, tuple[bool, Any]] = {}
    with progress_bar(progress, total=len(tasks), desc="sweep", unit="task") as bar:
        if kind == "serial":
            for task in tasks:
                index, ok, payload = _run_task(function, task)
                results[index] = (ok, payload)
                bar.update()
            return results
        if kind == "futures":
            futures = {executor.submit(_run_chunk, function, [task]): [task]
                       for task in tasks}
            done: Iterable[tuple[Any, Any]] = ((future, None)
                                               for future in as_completed(futures))
        else:  # chunks go out in one map; results come back with their futures
            from distributed import as_completed as dask_completed

            workers = max(len(executor.scheduler_info().get("workers", {})), 1)
            size = max(1, len(tasks) // (workers * CHUNKS_PER_WORKER))
            chunks = [tasks[start:start + size] for start in range(0, len(tasks), size)]
            submitted = executor.map(partial(_run_chunk, function), chunks, pure=False)
            futures = dict(zip(submitted, chunks))
            done = dask_completed(list(futures), with_results=True, raise_errors=False)
        for future, outcome in done:
            chunk = futures[future]
            try:
                if outcome is None:
                    outcome = future.result()
                if isinstance(outcome, BaseException):
                    raise outcome
            except Exception as error:  # noqa: BLE001 - a lost worker, a pickling error
                text = "".join(traceback.format_exception_only(type(error), error)).strip()
                outcome = [(task.index, False, text) for task in chunk]
            for index, ok, payload in outcome:
                results[index] = (ok, payload)
            bar.update(len(chunk))
    return results
