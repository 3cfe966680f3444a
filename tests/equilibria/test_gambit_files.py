"""Gambit's own two-player .nfg files (tests/data/nfg, see its README) solved in exact
mode and compared with pygambit on the same file: the extreme equilibria (enummixed in
rational arithmetic), the value of the constant-sum ones, and iterated elimination of
strictly dominated pure strategies (Gambit's undominated_strategies_solve).
"""

import io
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest

import gamedyn as gd
from gamedyn.equilibria.exact import certify_nash

gbt = pytest.importorskip("pygambit")
FILES = sorted((Path(__file__).parents[1] / "data" / "nfg").glob("*.nfg"))


def _constant_sum(path):
    A, B = gd.games.read_nfg(path).exact_payoffs()
    total = A + B
    return all(v == total.flat[0] for v in total.flat)


CONSTANT_SUM = [path for path in FILES if _constant_sum(path)]


def gambit_game(path):
    return gbt.read_nfg(io.StringIO(path.read_text()))


def gambit_equilibria(game):
    row, col = list(game.players)
    return {(tuple(Fraction(str(e[s])) for s in row.strategies),
             tuple(Fraction(str(e[s])) for s in col.strategies))
            for e in gbt.nash.enummixed_solve(game, rational=True).equilibria}


def test_the_files_are_there():
    assert len(FILES) >= 20 and len(CONSTANT_SUM) >= 5


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_exact_equilibria_equal_gambits(path):
    game = gd.games.read_nfg(path)
    found = gd.equilibria.all_nash(game, exact=True)
    assert {(tuple(p), tuple(q)) for p, q in found} == gambit_equilibria(gambit_game(path))
    A, B = game.exact_payoffs()
    assert all(certify_nash(A, B, p, q) for p, q in found)


@pytest.mark.parametrize("stem, count", [("8x8", 5), ("coord3", 7), ("coord4", 15),
                                         ("winkels", 12), ("zero", 4)])
def test_counts_stated_in_gambits_titles(stem, count):
    path = next(p for p in FILES if p.stem == stem)
    assert len(gd.equilibria.all_nash(gd.games.read_nfg(path), exact=True)) == count


@pytest.mark.parametrize("path", CONSTANT_SUM, ids=lambda p: p.stem)
def test_constant_sum_values_equal_gambits(path):
    game = gd.games.read_nfg(path)
    A, B = game.exact_payoffs()
    solution = gd.equilibria.zero_sum(game, exact=True)
    p, q = next(iter(gambit_equilibria(gambit_game(path))))
    assert solution.value == np.array(p, dtype=object).dot(A).dot(np.array(q, dtype=object))
    assert certify_nash(A, B, solution.p, solution.q)


def gambit_iterated_pure_elimination(game):
    """Gambit removes one round of strictly dominated pure strategies per call."""
    support = gbt.supports.undominated_strategies_solve(game, strict=True)
    while True:
        smaller = gbt.supports.undominated_strategies_solve(support, strict=True)
        if len(list(smaller)) == len(list(support)):
            break
        support = smaller
    row, col = list(game.players)
    kept = set(support)
    return ([k for k, s in enumerate(row.strategies) if s in kept],
            [k for k, s in enumerate(col.strategies) if s in kept])


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_pure_elimination_equals_gambits(path):
    ours = gd.equilibria.iterated_elimination(gd.games.read_nfg(path), mixed=False)
    rows, cols = gambit_iterated_pure_elimination(gambit_game(path))
    assert (ours.rows.tolist(), ours.cols.tolist()) == (rows, cols)
    if path.stem == "pd":  # the check has teeth: defection survives alone
        assert (rows, cols) == ([1], [1])


@pytest.mark.parametrize("stem", ["mixdom", "mixdom2"])
def test_games_needing_mixed_domination(stem):
    # Gambit's own description: no pure strategy is dominated, a mixture dominates one
    game = gd.games.read_nfg(next(p for p in FILES if p.stem == stem))
    assert not gd.equilibria.iterated_elimination(game, mixed=False).steps
    result = gd.equilibria.iterated_elimination(game)
    assert sum(v != 0 for v in result.steps[0].dominator) > 1
    # the equilibria survive the reduction
    reduced = gd.equilibria.all_nash(result.game, exact=True)
    full = gd.equilibria.all_nash(game, exact=True)
    assert len(reduced) == len(full)
