"""The compiled rounds of the no-regret methods (numba) play the same runs as numpy.

Each long run is played twice, on the compiled path and with ``GAMEDYN_COMPILED=0`` (the
numpy round), and every saved state, the final method state (regrets, last regrets,
cumulative joint play) and the statuses must agree. The numpy round itself is checked
against mathematics in test_learning.py; here the compiled one is also checked against
a hand-played round and against the equilibrium of Rock-Paper-Scissors.
"""

from __future__ import annotations

import numpy as np
import pytest

import gamedyn as gd
from gamedyn.dynamics import _compiled

pytest.importorskip("numba")

METHODS = [
    gd.dynamics.RegretMatching(),
    gd.dynamics.RegretMatchingPlus(),
    gd.dynamics.Hedge(lr=0.05),
    gd.dynamics.Hedge(lr=(0.02, 0.1)),
    gd.dynamics.OptimisticHedge(lr=0.1),
    gd.dynamics.FTRL(regularizer="entropic", lr=0.03),
]


def _games():
    rng = np.random.default_rng(7)
    yield gd.games.rock_paper_scissors()
    for shape in [(2, 4), (4, 2), (3, 3)]:
        yield gd.BimatrixGame(rng.normal(size=shape), rng.normal(size=shape))


def _numpy_path(monkeypatch, *args, **kwargs):
    with monkeypatch.context() as patch:
        patch.setenv("GAMEDYN_COMPILED", "0")
        return gd.simulate(*args, **kwargs)


def _taken(monkeypatch):
    """A list that records each run the compiled path played."""
    calls = []
    original = _compiled.play

    def play(*args, **kwargs):
        result = original(*args, **kwargs)
        calls.append(result is not None)
        return result

    monkeypatch.setattr(_compiled, "play", play)
    return calls


@pytest.mark.parametrize("method", METHODS, ids=repr)
@pytest.mark.parametrize("game", list(_games()), ids=lambda g: "x".join(map(str, g.shape)))
def test_compiled_path_plays_the_numpy_run(method, game, monkeypatch):
    m, n = game.shape
    rng = np.random.default_rng(3)
    z0 = np.concatenate([rng.dirichlet(np.ones(m), size=2), rng.dirichlet(np.ones(n), size=2)],
                        axis=-1)
    calls = _taken(monkeypatch)
    fast = gd.simulate(game, method, z0, 1500, save_every=7)
    assert calls == [True]
    slow = _numpy_path(monkeypatch, game, method, z0, 1500, save_every=7)
    assert calls == [True, False]
    np.testing.assert_allclose(fast.states, slow.states, rtol=0, atol=1e-9)
    for field in ("regrets", "last", "joint", "start", "z"):
        np.testing.assert_allclose(getattr(fast.final_state, field),
                                   getattr(slow.final_state, field), rtol=1e-9, atol=1e-9)
    assert fast.final_state.t == slow.final_state.t == 1500
    np.testing.assert_array_equal(fast.status, slow.status)
    np.testing.assert_allclose(fast.average(), slow.average(), atol=1e-9)


def test_one_compiled_round_by_hand(monkeypatch):
    # regret matching on RPS from p = (1, 0, 0), q = (0, 1, 0): A q = (-1, 0, 1) (Paper
    # beats Rock), value -1, so r_p = (0, 1, 2) and p' = (0, 1/3, 2/3); p B = (0, 1, -1)
    # for the column player (B = -A), value 1, r_q = (-1, 0, -2): no positive regret,
    # q' uniform
    game = gd.games.rock_paper_scissors()
    monkeypatch.setattr(_compiled, "MIN_ROUNDS", 1)
    calls = _taken(monkeypatch)
    run = gd.simulate(game, "regret_matching", [1, 0, 0, 0, 1, 0], 1)
    assert calls == [True]
    np.testing.assert_allclose(run.final, [0, 1 / 3, 2 / 3, 1 / 3, 1 / 3, 1 / 3], atol=1e-15)
    np.testing.assert_allclose(run.final_state.regrets, [0, 1, 2, -1, 0, -2], atol=1e-15)
    np.testing.assert_allclose(run.final_state.joint, np.outer([1, 0, 0], [0, 1, 0]).ravel())


def test_compiled_regret_matching_reaches_the_equilibrium_of_rps(monkeypatch):
    # Hart & Mas-Colell (2000): each player's average regret after T rounds is at most
    # range * sqrt(k / T) (Cesa-Bianchi & Lugosi 2006, Thm 2.1 with the quadratic
    # potential; payoff range 2, k = 3 strategies), and in a zero-sum game the
    # exploitability of the time averages is at most the sum of the two average regrets
    game = gd.games.rock_paper_scissors()
    calls = _taken(monkeypatch)
    run = gd.simulate(game, "regret_matching", [0.8, 0.1, 0.1, 0.1, 0.1, 0.8], 10_000)
    assert calls == [True]
    averages = run.average()
    gaps = [gd.equilibria.exploitability(game, averages[row, :3], averages[row, 3:])
            for row in (1_000, 10_000)]
    for gap, rounds in zip(gaps, (1_000, 10_000)):
        assert gap <= 2 * 2 * np.sqrt(3 / rounds)
    assert gaps[1] < gaps[0] / 2


def test_continuing_a_compiled_run_equals_one_run(monkeypatch):
    game = gd.games.rock_paper_scissors()
    z0 = [0.5, 0.3, 0.2, 0.1, 0.6, 0.3]
    whole = gd.simulate(game, "regret_matching_plus", z0, 4000)
    first = gd.simulate(game, "regret_matching_plus", z0, 2000)
    second = gd.simulate(game, "regret_matching_plus", None, 2000, state=first.final_state)
    np.testing.assert_array_equal(second.states, whole.states[2000:])
    np.testing.assert_array_equal(second.final_state.joint, whole.final_state.joint)
    assert second.final_state.t == 4000


@pytest.mark.parametrize("method", [gd.dynamics.RegretMatching(sampled=True),
                                    gd.dynamics.FTRL(regularizer="euclidean")], ids=repr)
def test_methods_without_a_compiled_round_take_the_numpy_path(method, monkeypatch):
    calls = _taken(monkeypatch)
    gd.simulate(gd.games.matching_pennies(), method, [0.5, 0.5, 0.5, 0.5], 3000, rng=0)
    assert calls in ([], [False])


def test_short_runs_take_the_numpy_path(monkeypatch):
    calls = _taken(monkeypatch)
    gd.simulate(gd.games.rock_paper_scissors(), "regret_matching", np.full(6, 1 / 3),
                _compiled.MIN_ROUNDS - 1)
    assert calls == [False]


def test_an_overflowing_run_is_reported_as_on_the_numpy_path(monkeypatch):
    # payoffs near the largest float: the regrets overflow to inf within a few rounds
    # (the strategies stay finite); the compiled path hands the run back and the numpy
    # path stops it at that round
    big = np.finfo(float).max / 4
    game = gd.BimatrixGame([[big, -big], [-big, big]], [[-big, big], [big, -big]])
    method = gd.dynamics.Hedge(lr=1.0)
    z0 = [0.7, 0.3, 0.4, 0.6]
    calls = _taken(monkeypatch)
    fast = gd.simulate(game, method, z0, 3000)
    slow = _numpy_path(monkeypatch, game, method, z0, 3000)
    assert calls == [False, False]  # handed back, then switched off
    assert fast.status == slow.status == gd.Status.DIVERGED
    np.testing.assert_array_equal(fast.status, slow.status)
    np.testing.assert_array_equal(fast.states, slow.states)


def test_switch_off_by_environment(monkeypatch):
    monkeypatch.setenv("GAMEDYN_COMPILED", "0")
    assert not _compiled.enabled()
    monkeypatch.setenv("GAMEDYN_COMPILED", "1")
    assert _compiled.enabled()
