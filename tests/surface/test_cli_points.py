"""Issue 18 point 5: the CLI's `analyze` with every dynamics, games typed or read from CSV,
file problems and `--point` refusals, all as one line on stderr with exit code 2."""

import pytest

import gamedyn as gd
from gamedyn.cli import main


@pytest.mark.parametrize("game", ["matching_pennies", "bilinear"])
@pytest.mark.parametrize("name", list(gd.dynamics.registry.REGISTRY))
def test_analyze_accepts_every_registered_dynamics_or_says_truly_why_not(name, game, capsys):
    kind = gd.dynamics.registry.REGISTRY[name]
    gradient = issubclass(kind, gd.dynamics.GradientDynamics)
    code = main(["analyze", game, "--dynamics", name])  # no --lr needed by any of them
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    if code == 0:
        assert "eigenvalues" in captured.out and captured.err == ""
        return
    assert code == 2
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and "nan" not in lines[0].lower()
    if "needs a BimatrixGame" in lines[0]:
        # true only for a bimatrix dynamics given a differentiable game
        assert game == "bilinear" and not gradient
    else:
        assert "no linearization" in lines[0] and kind.__name__ in lines[0]
    # the library agrees the pair has no linearization (or the wrong game)
    if game == "matching_pennies":
        with pytest.raises((ValueError, TypeError)):
            gd.stability.analyze(gd.games.matching_pennies(), (
                [0.5, 0.5], [0.5, 0.5]), gd.dynamics.get_dynamics(name))


@pytest.mark.parametrize("name", ["simultaneous", "extragradient", "optimistic", "consensus",
                                  "replicator", "logit", "hedge"])
def test_smooth_dynamics_give_a_report_on_a_bimatrix_game(name, capsys):
    assert main(["analyze", "matching_pennies", "--dynamics", name]) == 0
    assert "eigenvalues" in capsys.readouterr().out


def test_adam_and_rmsprop_say_they_have_no_linearization(capsys):
    for name in ("adam", "rmsprop"):
        assert main(["analyze", "bilinear", "--dynamics", name]) == 2
        err = capsys.readouterr().err
        assert "no linearization" in err and len(err.strip().splitlines()) == 1


# ---- games typed as matrices (--A/--B inline or .csv files)
def _equilibrium_lines(out):
    return sorted(line.strip() for line in out.splitlines() if line.strip().startswith("p = "))


def test_typed_matrices_give_the_hand_computed_equilibria(capsys):
    # battle of the sexes: (0,0), (1,1) and the mixed p = (3/5, 2/5), q = (2/5, 3/5),
    # each player indifferent: 3 q1 = 2 q2 and 2 p1 = 3 p2
    assert main(["equilibria", "--A", "3,0;0,2", "--B", "2,0;0,3", "--exact"]) == 0
    lines = _equilibrium_lines(capsys.readouterr().out)
    assert "p = [3/5, 2/5], q = [2/5, 3/5], payoffs (6/5, 6/5)" in lines
    assert "p = [1, 0], q = [1, 0], payoffs (3, 2)" in lines and len(lines) == 3


def test_csv_files_and_inline_text_and_fractions_agree(tmp_path, capsys):
    import nashpy

    A, B = [[3, "1/2", 0], [-1, 2, 4]], [[0, 1, 2], [3, 0, "-1/3"]]
    for name, M in (("A.csv", A), ("B.csv", B)):
        (tmp_path / name).write_text("\n".join(",".join(map(str, r)) for r in M) + "\n\n")
    assert main(["equilibria", "--A", str(tmp_path / "A.csv"),
                 "--B", str(tmp_path / "B.csv")]) == 0
    from_csv = _equilibrium_lines(capsys.readouterr().out)
    inline = ";".join(",".join(map(str, r)) for r in A)
    assert main(["equilibria", f"--A={inline}", "--B", str(tmp_path / "B.csv")]) == 0
    assert _equilibrium_lines(capsys.readouterr().out) == from_csv
    # an independent solver: the same number of equilibria (nondegenerate game)
    numeric = lambda M: [[float(eval(str(x))) for x in r] for r in M]  # noqa: E731
    reference = list(nashpy.Game(numeric(A), numeric(B)).support_enumeration())
    assert len(from_csv) == len(reference)


def test_typed_a_alone_is_zero_sum_and_analyze_accepts_matrices(capsys):
    # matching pennies typed: B = -A, the unique equilibrium is uniform
    assert main(["equilibria", "--A", "1,-1;-1,1", "--exact"]) == 0
    assert _equilibrium_lines(capsys.readouterr().out) == [
        "p = [1/2, 1/2], q = [1/2, 1/2], payoffs (0, 0)"]
    assert main(["analyze", "--A", "1,-1;-1,1", "--dynamics", "replicator"]) == 0
    assert "eigenvalues" in capsys.readouterr().out


@pytest.mark.parametrize("argv, named", [
    (["equilibria", "--A", "1,2;3"], "--A"),
    (["equilibria", "--A", "1,x;2,3"], "'x'"),
    (["equilibria", "--A", "1,2;3,4", "--B", "1,2,3;4,5,6"], "--B"),
    (["equilibria", "pigs", "--A", "1,2;3,4"], "either"),
    (["analyze", "--B", "1,2;3,4"], "--A"),
    (["equilibria"], "GAME"),
    (["equilibria", "--A", "missing.csv"], "missing.csv"),
])
def test_bad_matrices_are_one_line(argv, named, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(argv) == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1 and named in lines[0]


# ---- options refused where they do not apply (instead of being silently ignored)
@pytest.mark.parametrize("argv", [
    ["analyze", "pigs", "--point", "0.5", "0.5"],
    ["analyze", "matching_pennies", "--dynamics", "replicator", "--point", "1", "0", "1", "0"],
    ["analyze", "--A", "1,-1;-1,1", "--point", "0.5", "0.5"],
    ["analyze", "bilinear", "--lr", "0.1"],
])
def test_options_that_do_not_apply_are_refused(argv, capsys):
    assert main(argv) == 2
    lines = capsys.readouterr().err.strip().splitlines()
    option = "--point" if "--point" in argv else "--lr"
    assert len(lines) == 1 and option in lines[0]


def test_point_is_used_where_it_applies(capsys):
    # v = x*y has its only stationary point at the origin; J = [[0, 1], [-1, 0]], eigenvalues ±i
    assert main(["analyze", "bilinear", "--point", "0", "0"]) == 0
    out = capsys.readouterr().out
    assert "at [0.0, 0.0]" in out and "-1i, 1i" in out
    assert main(["analyze", "bilinear", "--point", "1", "2"]) == 2  # not a fixed point
    assert "not a fixed point" in capsys.readouterr().err
    assert main(["analyze", "bilinear", "--point", "0", "0", "0"]) == 2  # wrong dimension
    assert "shape (2,)" in capsys.readouterr().err


# ---- file problems: one line on stderr, exit code 2, no traceback, in every command
def test_file_problems_in_every_command_are_one_line(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "folder.csv").mkdir()
    (tmp_path / "folder.toml").mkdir()
    (tmp_path / "binary.csv").write_bytes(b"\xff\xfe\xb8\x00")
    (tmp_path / "empty.csv").write_text("")
    (tmp_path / "file").write_text("a file")
    cases = [
        (["equilibria", "--A", "missing.csv"], "missing.csv"),
        (["equilibria", "--A", "folder.csv"], "folder.csv"),
        (["analyze", "--A", "1,2;3,4", "--B", "binary.csv"], "binary.csv"),
        (["analyze", "--A", "empty.csv"], "empty.csv"),
        (["analyze", "missing.nfg"], "missing.nfg"),
        (["sweep", "missing.toml"], "missing.toml"),
        (["sweep", "folder.toml"], "folder.toml"),
        (["figures", "--only", "pigs", "--out", "file/sub"], "file/sub"),  # cannot be made
        (["gan", "--steps", "1", "--out", "file/sub"], "file/sub"),
        (["gan", "--steps", "1", "--out", "file"], "file"),  # an existing file, not a folder
    ]
    for argv, named in cases:
        assert main(argv) == 2, argv
        captured = capsys.readouterr()
        lines = captured.err.strip().splitlines()
        assert len(lines) == 1 and named in lines[0], (argv, captured.err)
        assert "Traceback" not in captured.err


@pytest.mark.parametrize("argv", [["figures", "--only", "pigs", "--out", "locked/sub"],
                                  ["gan", "--steps", "1", "--out", "locked"]])
def test_an_unwritable_out_is_refused_before_any_work(argv, tmp_path, capsys, monkeypatch):
    import os

    # tests may run as root, where chmod does not lock a folder: os.access says "no" instead
    (tmp_path / "locked").mkdir()
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(os, "access", lambda path, mode: not mode & os.W_OK)
    assert main(argv) == 2
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and "Permission denied" in lines[0] and "locked" in lines[0]
    assert captured.out == ""  # nothing trained or drawn first
    assert not (tmp_path / "locked" / "sub").exists()
