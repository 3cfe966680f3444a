"""The contract every public call keeps, as one function: :func:`violation`.

1. It returns within ``TIME_LIMIT`` seconds.
2. It raises no warning (warnings are errors here, as in the whole suite).
3. Failure is a ``ValueError`` or ``TypeError`` (an ``OSError`` for file problems of the
   callables that read or write files) whose message names an argument; a value drawn
   from a parameter's "bad" pool must be refused, and the message must name *that*
   parameter.
4. Results hold finite numbers (unless the callable documents otherwise).
5. The same seed gives the same bits.
"""

from __future__ import annotations

import contextlib
import dataclasses
import io
import signal
import struct
import warnings
from collections.abc import Callable
from typing import Any

import numpy as np

TIME_LIMIT = 10.0  # seconds per call


class CallTimeout(BaseException):  # noqa: N818 - a BaseException so `except Exception` in
    """Raised by the alarm inside a call that ran out of time."""  # the library cannot eat it


class ContractViolation(AssertionError):
    """A public call broke the contract; the message says how."""


#: number of public calls made in this session (reported at the end of the run)
CALLS = [0]


def _on_alarm(signum, frame):
    raise CallTimeout


def _call(thunk: Callable[[], Any]) -> tuple[Any, BaseException | None]:
    """Run ``thunk`` with the time limit and warnings as errors."""
    from gamedyn.gan import DiscriminatorTooStrongWarning

    CALLS[0] += 1
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, TIME_LIMIT)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            warnings.simplefilter("ignore", DiscriminatorTooStrongWarning)
            with contextlib.redirect_stdout(io.StringIO()), \
                    contextlib.redirect_stderr(io.StringIO()):
                return thunk(), None
    except CallTimeout as error:
        return None, error
    except Exception as error:  # every exception is judged below
        return None, error
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _leaves(value: Any, depth: int = 0):
    """Numbers and numeric arrays inside a result (tuples, lists, dicts, dataclasses)."""
    if depth > 4:
        return
    if isinstance(value, np.ndarray):
        if value.dtype.kind in "fc":
            yield value
        elif value.dtype == object and value.size <= 1000:
            for item in value.reshape(-1):
                yield from _leaves(item, depth + 1)
        return
    if isinstance(value, (bool, np.bool_, str, bytes)) or value is None:
        return
    if isinstance(value, (float, complex, np.floating, np.complexfloating)):
        yield np.asarray(value)
        return
    if isinstance(value, (tuple, list)):
        for item in value[:200]:
            yield from _leaves(item, depth + 1)
        return
    if isinstance(value, dict):
        for item in list(value.values())[:200]:
            yield from _leaves(item, depth + 1)
        return
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            yield from _leaves(getattr(value, field.name, None), depth + 1)


def _bits(value: Any) -> list[bytes]:
    out = []
    for leaf in _leaves(value):
        leaf = np.ascontiguousarray(leaf)
        out.append(struct.pack("<q", leaf.ndim) + str(leaf.shape).encode() + leaf.tobytes())
    return out


def _names_argument(message: str, names: list[str]) -> bool:
    return any(f"`{name}" in message for name in names)


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 120 else text[:117] + "..."


def violation(
    name: str,
    thunk: Callable[[], Any],
    *,
    bad: str | None,
    parameters: list[str],
    nonfinite_ok: bool = False,
    file_io: bool = False,
    seeded: bool = False,
    method: bool = False,
    edge: str | None = None,
) -> str | None:
    """How a call of ``name`` broke the contract, or None if it kept it.

    ``bad`` is the parameter given a value that must be refused (None: all values
    good); ``seeded`` asks for a second call that must give the same bits.
    """
    result, error = _call(thunk)
    if name == "gamedyn.cli.main":
        return _cli_violation(thunk, result, error, bad)
    if isinstance(error, CallTimeout):
        return f"no answer within {TIME_LIMIT:g} s"
    if error is not None:
        kind = type(error).__name__
        message = " ".join(str(error).split())
        if isinstance(error, Warning):
            return f"a {kind} escaped: {message[:200]}"
        allowed = (ValueError, TypeError) + ((OSError,) if file_io else ())
        if not isinstance(error, allowed):
            return f"raised {kind}: {message[:200]}"
        if isinstance(error, OSError) and file_io:
            return None
        if bad is not None and not _names_argument(message, [bad]):
            return f"refused the bad `{bad}` with a {kind} that does not name it: {message[:200]}"
        # an extreme value may be refused; the refusal names it, or the argument that
        # is the real reason (a game without the structure asked for, say)
        if edge is not None and not _names_argument(message, [edge] + list(parameters)):
            return (f"refused the extreme `{edge}` with a {kind} that does not name it: "
                    f"{message[:200]}")
        if bad is None and edge is None and parameters and not method and not _names_argument(
                message, parameters):
            if "`" not in message:
                return f"{kind} names no argument: {message[:200]}"
        return None
    if bad is not None:
        return f"accepted the bad value given to `{bad}`"
    if not nonfinite_ok:
        for leaf in _leaves(result):
            if leaf.size and not np.all(np.isfinite(leaf)):
                return f"returned non-finite numbers ({_short(leaf)[:100]})"
    if seeded:
        again, error = _call(thunk)
        if error is not None:
            return f"the second call with the same seed raised {type(error).__name__}"
        if _bits(result) != _bits(again):
            return "the same seed gave different bits"
    return None


def _cli_violation(thunk, result, error, bad) -> str | None:
    """The CLI returns 0, or 2 with one line on stderr; it never raises."""
    stderr = io.StringIO()
    if error is None:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(stderr):
            previous = signal.signal(signal.SIGALRM, _on_alarm)
            signal.setitimer(signal.ITIMER_REAL, TIME_LIMIT)
            try:
                result = thunk()
            except BaseException as again:  # noqa: BLE001 - judged below
                error = again
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
                signal.signal(signal.SIGALRM, previous)
    if error is not None:
        return f"raised {type(error).__name__}: {error}"
    lines = [line for line in stderr.getvalue().splitlines() if line.strip()]
    if bad is not None:
        if result != 2:
            return f"exit code {result} for bad arguments (expected 2)"
        if len(lines) != 1 or "Traceback" in stderr.getvalue():
            return f"stderr is not one line: {stderr.getvalue()[:300]!r}"
        return None
    if result not in (0, 2):
        return f"exit code {result}"
    if result == 2 and len(lines) != 1:
        return f"stderr is not one line: {stderr.getvalue()[:300]!r}"
    return None
