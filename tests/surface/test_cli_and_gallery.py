"""The command line and the figure gallery (quick mode)."""

import numpy as np
import pytest

import gamedyn as gd
from gamedyn.cli import main
from gamedyn.gallery import FIGURES, save_all


@pytest.mark.parametrize("name", list(FIGURES))
def test_every_recipe_returns_a_titled_figure(name):
    figure = FIGURES[name](rng=0, quick=True)
    titles = [ax.get_title() for ax in figure.axes] + [figure.get_suptitle()]
    assert any(title for title in titles)


def test_save_all_writes_png_and_rejects_unknown_names(tmp_path):
    paths = save_all(tmp_path, only=["spectral_radius"], quick=True)
    assert paths[0].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    again = save_all(tmp_path / "again", only=["spectral_radius"], quick=True)
    assert paths[0].read_bytes() == again[0].read_bytes()  # deterministic
    with pytest.raises(ValueError, match="valid names"):
        save_all(tmp_path, only=["nope"])


def test_cli_equilibria_prints_the_reference_equilibria(capsys):
    assert main(["equilibria", "battle_of_the_sexes"]) == 0
    out = capsys.readouterr().out
    assert "3 extreme Nash equilibria" in out and "[0.6, 0.4]" in out


def test_cli_reads_nfg_files(tmp_path, capsys):
    path = tmp_path / "g.nfg"
    gd.games.write_nfg(gd.games.pigs(), path)
    assert main(["equilibria", str(path)]) == 0
    assert "1 extreme Nash equilibrium (" in capsys.readouterr().out  # singular: issue 18


def test_cli_analyze_and_errors(capsys):
    assert main(["analyze", "bilinear", "--dynamics", "simultaneous", "--lr", "0.5"]) == 0
    out = capsys.readouterr().out
    assert f"{np.sqrt(1.25):.6g}" in out and "expands" in out
    assert main(["analyze", "nonexistent"]) == 2
    assert "valid names" in capsys.readouterr().err
    assert main(["figures", "--only", "nope"]) == 2


def test_cli_gan_trains_and_saves_curves(tmp_path, capsys):
    assert main(["gan", "--mean", "1", "--std", "0.5", "--steps", "1500", "--out",
                 str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "1 of 1 run(s) converged" in out
    assert (tmp_path / "gan_curves.png").exists()
    assert main(["gan", "--std", "-1"]) == 2


# ---- issue 19: file problems are one line on stderr and exit code 2, for every command
def test_cli_file_problems_are_one_line_and_exit_code_2(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "x.nfg").mkdir()
    (tmp_path / "taken").write_text("not a folder")
    cases = [
        (["equilibria", "missing.nfg"], "missing.nfg"),
        (["equilibria", "x.nfg"], "x.nfg"),
        (["analyze", "missing.nfg"], "missing.nfg"),
        (["figures", "--only", "pigs", "--out", "taken"], "taken"),
        (["gan", "--steps", "1", "--out", "taken"], "taken"),
        (["figures", "--seed", "abc"], "--seed"),
        (["nonsense"], "nonsense"),
    ]
    for argv, named in cases:
        assert main(argv) == 2, argv
        captured = capsys.readouterr()
        lines = captured.err.strip().splitlines()
        assert len(lines) == 1 and named in lines[0], (argv, captured.err)
        assert "Traceback" not in captured.err


@pytest.mark.parametrize("name", ["stag_hunt", "pigs", "rps_replicator", "dirac_gan",
                                  "loss_landscape"])
def test_recipes_check_rng_and_quick_before_drawing(name):
    with pytest.raises(ValueError, match="`rng`"):
        FIGURES[name](rng=-1, quick=True)
    with pytest.raises(TypeError, match="`rng`"):
        FIGURES[name](rng="0", quick=True)
    with pytest.raises(TypeError, match="`quick`"):
        FIGURES[name](rng=0, quick="yes")
