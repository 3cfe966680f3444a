"""Issue 18.7: every call that can take long takes ``progress`` (None auto, True, False),
with one rule (gamedyn/_progress.py): a bar on stderr when asked, never when refused, and
by default only in a terminal, so test and CI output never shows one."""

from __future__ import annotations

import numpy as np
import pytest

import gamedyn as gd
from gamedyn import _progress


def _square(x, rng):
    return x**2


def _calls():
    """name -> a short call of each long-running public function, taking ``progress``."""
    game = gd.games.bilinear()
    return {
        "simulate": lambda progress: gd.simulate(game, "extragradient", [1.0, 0.5], 30,
                                                 progress=progress),
        "find_stationary_points": lambda progress: gd.stability.find_stationary_points(
            game, [[-1, 1], [-1, 1]], grid=3, progress=progress),
        "all_nash": lambda progress: gd.equilibria.all_nash(gd.games.stag_hunt(),
                                                            progress=progress),
        "is_degenerate": lambda progress: gd.equilibria.is_degenerate(
            gd.games.stag_hunt(), progress=progress),
        "sweep": lambda progress: gd.sweep(_square, {"x": [1.0, 2.0]}, rng=0,
                                           progress=progress),
        "gan.train": lambda progress: gd.gan.train((1.0, 0.5), steps=20, log_every=10,
                                                   rng=0, progress=progress),
    }


@pytest.mark.parametrize("name", sorted(_calls()))
def test_a_bar_when_asked_none_when_refused_or_by_default(name, capsys):
    call = _calls()[name]
    call(True)
    shown = capsys.readouterr()
    assert "%|" in shown.err, shown.err  # a tqdm bar
    assert shown.out == ""
    for progress in (False, None):  # None: stderr is captured here, not a terminal
        call(progress)
        assert capsys.readouterr() == ("", ""), (name, progress)


@pytest.mark.parametrize("name", sorted(_calls()))
@pytest.mark.parametrize("bad", ["yes", 2, 1.0])
def test_bad_progress_is_refused_by_name(name, bad):
    with pytest.raises(TypeError, match="`progress` must be True, False or None"):
        _calls()[name](bad)


def test_auto_shows_long_calls_in_a_terminal_only_and_never_inside_another_bar(monkeypatch):
    monkeypatch.setattr(_progress, "_terminal", lambda: False)
    assert not _progress.shows_progress(None)
    assert _progress.shows_progress(True) and not _progress.shows_progress(False)
    monkeypatch.setattr(_progress, "_terminal", lambda: True)
    assert _progress.shows_progress(None) and not _progress.shows_progress(None, long=False)
    with _progress.progress_bar(True, total=1, desc="outer") as outer:
        assert not outer.disable
        assert not _progress.shows_progress(None)  # a sweep's tasks stay quiet
        assert _progress.shows_progress(True)
        with _progress.progress_bar(None, total=1, desc="inner") as inner:
            assert inner.disable
    assert _progress.shows_progress(None)  # the count is back to 0
    with _progress.quiet():
        assert not _progress.shows_progress(None) and _progress.shows_progress(True)
    assert _progress.shows_progress(None)


def _long_call_shown(x, rng):
    return float(_progress.shows_progress(None))


def test_a_sweeps_tasks_show_no_auto_bar_even_without_the_sweeps_own(monkeypatch):
    monkeypatch.setattr(_progress, "_terminal", lambda: True)
    data = gd.sweep(_long_call_shown, {"x": [1.0, 2.0]}, rng=0, progress=False)
    assert data["value"].values.ravel().tolist() == [0.0, 0.0]


def test_auto_bar_waits_for_the_delay(monkeypatch, capsys):
    """In a terminal, a call that ends before DELAY seconds prints nothing."""
    monkeypatch.setattr(_progress, "_terminal", lambda: True)
    gd.simulate(gd.games.bilinear(), "simultaneous", np.zeros((4, 2)), 10)
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize("flags, shown", [([], True), (["--no-progress"], False)])
def test_gamedyn_figures_shows_a_bar_in_a_terminal(flags, shown, tmp_path, capsys,
                                                   monkeypatch):
    from gamedyn.cli import main

    monkeypatch.setattr(_progress, "_terminal", lambda: True)
    monkeypatch.setattr(_progress, "DELAY", 0.0)  # no wait for the auto bar
    assert main(["figures", "--only", "eigenvalues", "--quick", "--out", str(tmp_path),
                 *flags]) == 0
    out, err = capsys.readouterr()
    assert out.strip().endswith("eigenvalues.png")  # the paths still go to stdout
    assert ("figures: 100%|" in err) is shown, err
