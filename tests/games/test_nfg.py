"""Gambit .nfg files: round trips and cross-checks with pygambit both ways."""

import io

import numpy as np
import pytest

import gamedyn as gd

gbt = pytest.importorskip("pygambit")


@pytest.mark.parametrize("name", list(gd.games.CATALOGUE))
def test_round_trip(name):
    game = gd.games.CATALOGUE[name]()
    back = gd.games.read_nfg(gd.games.write_nfg(game))
    assert back == game and back.row_labels == game.row_labels and back.name == game.name


def test_pygambit_reads_our_files_and_we_read_theirs():
    A = np.array([[1, 2, 3], [4, 5, -6]])
    B = np.array([[0, 1, 1], [2, 0, 7]])
    ours = gd.games.write_nfg(gd.BimatrixGame(A, B, name="x"))
    theirs = gbt.read_nfg(io.StringIO(ours))
    players = list(theirs.players)
    for i, row in enumerate(players[0].strategies):
        for j, col in enumerate(players[1].strategies):
            outcome = theirs[row, col]
            assert float(outcome[players[0]]) == A[i, j]
            assert float(outcome[players[1]]) == B[i, j]
    native = gbt.Game.from_arrays(A.tolist(), B.tolist(), title="native")
    text = native.to_nfg() if hasattr(native, "to_nfg") else native.write(format="nfg")
    game = gd.games.read_nfg(text)
    np.testing.assert_array_equal(game.A, A)
    np.testing.assert_array_equal(game.B, B)


def test_errors_name_the_problem():
    with pytest.raises(ValueError, match="two-player"):
        gd.games.read_nfg('NFG 1 R "t" { "a" "b" "c" } { 1 1 1 }\n1 2 3')
    with pytest.raises(ValueError, match="not a number"):
        gd.games.read_nfg('NFG 1 R "t" { "a" "b" } { 1 1 }\n1 x')
    with pytest.raises(ValueError, match="end of file"):
        gd.games.read_nfg('NFG 1 R "t" { "a" "b" } { 2 2 }\n1 2 3')
