"""all_nash against an independent solver: Gambit's enummixed in exact arithmetic.

300 random games from 2x2 to 7x7; half with small integer payoffs, which makes many of
them degenerate (ties), where equilibria come in components and only their extreme
points are listed by both solvers.
"""

import numpy as np
import pytest

import gamedyn as gd

gbt = pytest.importorskip("pygambit")


def gambit_extreme_equilibria(A, B):
    game = gbt.Game.from_arrays(A.astype(int).tolist(), B.astype(int).tolist())
    players = list(game.players)
    result = gbt.nash.enummixed_solve(game, rational=True)
    found = set()
    for profile in result.equilibria:
        p = [float(profile[s]) for s in players[0].strategies]
        q = [float(profile[s]) for s in players[1].strategies]
        found.add(tuple(np.round(p + q, 8)))
    return found


def random_games(count, seed):
    rng = np.random.default_rng(seed)
    for index in range(count):
        m, n = rng.integers(2, 8, size=2)
        if index % 2:  # small integers: ties, often degenerate
            A, B = rng.integers(-2, 3, size=(2, m, n))
        else:  # wide integer range: generic, exactly representable for gambit
            A, B = rng.integers(-1000, 1000, size=(2, m, n))
        yield A.astype(float), B.astype(float)


def test_all_nash_equals_gambit_on_300_random_games():
    degenerate = 0
    for A, B in random_games(300, seed=20261124):
        found = gd.equilibria.all_nash(gd.BimatrixGame(A, B))
        degenerate += found.degenerate
        ours = {tuple(np.round(np.concatenate([p, q]), 8)) for p, q in found}
        assert ours == gambit_extreme_equilibria(A, B), (A, B)
    assert degenerate >= 50  # the sample really exercises degenerate games
