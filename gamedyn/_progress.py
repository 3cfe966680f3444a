"""One rule for the progress bars of every call that can take long.

Each such call takes ``progress``:

- ``None`` (the default, *auto*): a bar appears only when the call turns out to be long
  (it is still running after :data:`DELAY` seconds, or its work is estimated to exceed
  that) and stderr is a terminal, and only when no other bar is already showing (a sweep
  of training runs shows the sweep's bar alone). Doctests, test suites, CI logs and
  piped output therefore never see one.
- ``True``: a bar on stderr from the start, terminal or not.
- ``False``: no bar.

The bars are tqdm's (``tqdm.auto``: a widget in Jupyter when ipywidgets is installed).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from tqdm import tqdm

__all__ = ["DELAY", "check_progress", "progress_bar", "quiet", "shows_progress"]

#: Seconds an auto bar waits before it appears (a call that ends sooner shows none).
DELAY = 1.0

_showing = 0  # bars shown now: auto bars inside one stay hidden


def check_progress(progress: object) -> bool | None:
    """``progress`` as True, False or None (auto), else a TypeError naming it."""
    if progress is None:
        return None
    if isinstance(progress, (bool, np.bool_)):
        return bool(progress)
    raise TypeError("`progress` must be True, False or None (a bar in a terminal when the "
                    f"call takes long); got {progress!r}.")


def _terminal() -> bool:
    try:
        return bool(sys.stderr.isatty())
    except (AttributeError, ValueError):  # replaced or closed stderr
        return False


def shows_progress(progress: bool | None, long: bool = True) -> bool:
    """Whether a bar is to be shown: ``progress`` True, or None with a ``long`` call in a
    terminal while no other bar shows."""
    if progress is None:
        return long and _showing == 0 and _terminal()
    return progress


@contextmanager
def quiet() -> Iterator[None]:
    """No auto bar inside (the tasks of a sweep, also in worker processes)."""
    global _showing
    _showing += 1
    try:
        yield
    finally:
        _showing -= 1


@contextmanager
def progress_bar(progress: bool | None, *, total: float | None, desc: str,
                 long: bool = True, **options: Any) -> Iterator[tqdm]:
    """A tqdm bar on stderr following the rule above (a disabled bar when not shown, so
    ``update`` costs nothing); ``options`` go to tqdm."""
    from tqdm.auto import tqdm

    global _showing
    show = shows_progress(progress, long)
    options.setdefault("delay", DELAY if progress is None else 0.0)
    with tqdm(total=total, desc=desc, disable=not show, file=sys.stderr, **options) as bar:
        _showing += show
        try:
            yield bar
        finally:
            _showing -= show
