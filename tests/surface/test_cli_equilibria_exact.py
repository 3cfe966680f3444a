"""`gamedyn equilibria` with --exact (fractions), components and --eliminate."""

import gamedyn as gd
from gamedyn.cli import main

# von Stengel (2002), Section 2.6: A = [[3, 3], [2, 5], [0, 6]], B = [[3, 3], [2, 6], [3, 1]]
DEGENERATE = 'NFG 1 R "degenerate" { "1" "2" } { 3 2 }\n3 3 2 2 0 3 3 3 5 6 6 1\n'


def test_exact_prints_fractions(capsys):
    assert main(["equilibria", "battle_of_the_sexes", "--exact"]) == 0
    out = capsys.readouterr().out
    assert "p = [3/5, 2/5], q = [2/5, 3/5], payoffs (6/5, 6/5)" in out
    assert "exact" in out and "3 equilibrium component(s)" in out


def test_components_are_printed(tmp_path, capsys):
    path = tmp_path / "degenerate.nfg"
    path.write_text(DEGENERATE)
    assert main(["equilibria", str(path), "--exact"]) == 0
    out = capsys.readouterr().out
    assert "2 equilibrium component(s)" in out
    assert "conv{[1, 0, 0]} x conv{[1, 0], [2/3, 1/3]}" in out
    assert "p = [0, 1/3, 2/3], q = [1/3, 2/3], payoffs (4, 8/3)" in out


def test_eliminate_reduces_first_and_reports_full_strategies(tmp_path, capsys):
    # row 2 = (1, 1) is dominated by the half-half mixture of rows 0 and 1 only
    game = gd.BimatrixGame([[3, 0], [0, 3], [1, 1]], [[1, 0], [0, 1], [5, 5]])
    path = tmp_path / "mixed.nfg"
    gd.games.write_nfg(game, path)
    assert main(["equilibria", str(path), "--eliminate", "--exact"]) == 0
    out = capsys.readouterr().out
    assert "player 1: strategy 2 is strictly dominated by mixture 1/2*0 + 1/2*1" in out
    assert "left: rows [0, 1], columns [0, 1]" in out
    assert "p = [1/2, 1/2, 0], q = [1/2, 1/2]" in out  # padded to the original game
    assert main(["equilibria", str(path), "--eliminate"]) == 0
    assert "p = [0.5, 0.5, 0.0]" in capsys.readouterr().out
