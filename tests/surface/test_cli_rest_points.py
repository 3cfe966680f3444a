"""Issue 18 point 5, as a tester found it: `analyze` with dynamics whose rest points are not
Nash equilibria (logit: quantal response equilibria; replicator-mutator: perturbed
equilibria), the dynamics' options (--lr, --dt, --temperature, --mutation), non-CSV paths
given as matrices, and the small ones (--lr inf, a closed pipe, --out "", singular nouns).

Every rest point is checked against its defining equation computed here with numpy, or
against a closed form (symmetry), never against the code that found it."""

import ast
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gamedyn as gd
from gamedyn.cli import _parser, main

ROOT = Path(__file__).resolve().parents[2]


def _softmax(v):
    w = np.exp(v - v.max())
    return w / w.sum()


def _rest_points(out):
    """[(header, p, q)] for every 'rest point' block of the output, at full precision."""
    lines = out.splitlines()
    found = []
    for header, point in zip(lines, lines[1:]):
        if " rest point (" in header:
            match = re.fullmatch(r"  p = (\[.*?\]), q = (\[.*?\])", point)
            assert match, point
            found.append((header, np.array(ast.literal_eval(match[1])),
                          np.array(ast.literal_eval(match[2]))))
    return found


def _nash_named(header):
    """The Nash equilibria a header says the rest point was found from."""
    pairs = re.findall(r"p = (\[[^\]]*\]), q = (\[[^\]]*\])", header)
    return [(np.array(ast.literal_eval(p)), np.array(ast.literal_eval(q))) for p, q in pairs]


def _qre_gap(A, B, p, q, T):
    """Max violation of p = softmax(A q / T), q = softmax(B^T p / T) (McKelvey-Palfrey)."""
    return max(np.abs(p - _softmax(A @ q / T)).max(), np.abs(q - _softmax(B.T @ p / T)).max())


# ---- 1. logit: the rest point is a quantal response equilibrium
def test_logit_on_a_typed_game_analyzes_the_symmetric_qre(capsys):
    # A = B = I: at T = 1 the logit map's slope is at most 2 * 1/4 < 1, so the QRE is
    # unique and, the game being symmetric under swapping the two strategies, it is
    # p = q = (1/2, 1/2); all three Nash equilibria lead to it
    assert main(["analyze", "--A", "1,0;0,1", "--B", "1,0;0,1", "--dynamics", "logit"]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    [(header, p, q)] = _rest_points(captured.out)
    assert np.allclose(p, 0.5, rtol=0, atol=1e-12) and np.allclose(q, 0.5, rtol=0, atol=1e-12)
    assert "quantal response equilibrium, temperature 1" in header
    assert len(_nash_named(header)) == 3
    assert captured.out.count("StabilityReport") == 1


def test_logit_at_low_temperature_finds_the_qre_nearest_each_equilibrium(capsys):
    # A = B = I at T = 1/4: three QREs. The one at the mixed equilibrium is (1/2, 1/2)
    # exactly (symmetry), the other two are mirror images of each other (swap strategies)
    A = np.eye(2)
    assert main(["analyze", "--A", "1,0;0,1", "--B", "1,0;0,1", "--dynamics", "logit",
                 "--temperature", "0.25"]) == 0
    out = capsys.readouterr().out
    blocks = _rest_points(out)
    assert len(blocks) == 2 and "at [0.5, 0.5, 0.5, 0.5]" in out  # mixed Nash = its QRE
    for header, p, q in blocks:
        assert _qre_gap(A, A, p, q, 0.25) < 1e-10
        [(p0, q0)] = _nash_named(header)
        assert np.abs(p - p0).max() < 0.1 and np.allclose(p, q, rtol=0, atol=1e-12)
    (_, first, _), (_, second, _) = blocks
    assert np.allclose(first, second[::-1], rtol=0, atol=1e-12)


@pytest.mark.parametrize("temperature", ["0.05", "1", "7.5"])
def test_logit_on_matching_pennies_rests_at_the_uniform_mix_for_every_temperature(
        temperature, capsys):
    # A q = (0, 0) at q uniform, so softmax gives (1/2, 1/2) whatever T: the QRE is the
    # Nash equilibrium, analyzed directly
    assert main(["analyze", "matching_pennies", "--dynamics", "logit",
                 "--temperature", temperature]) == 0
    out = capsys.readouterr().out
    assert "at [0.5, 0.5, 0.5, 0.5]" in out and "rest point" not in out
    assert f"temperature={float(temperature)}" in out


@pytest.mark.parametrize("temperature", [1.0, 0.3, 0.1])
def test_logit_on_stag_hunt_reports_points_solving_the_qre_equations(temperature, capsys):
    game = gd.games.stag_hunt()
    A, B = np.asarray(game.A, float), np.asarray(game.B, float)
    assert main(["analyze", "stag_hunt", "--dynamics", "logit",
                 "--temperature", str(temperature)]) == 0
    out = capsys.readouterr().out
    blocks = _rest_points(out)
    assert blocks
    nash = [np.concatenate(pq) for pq in gd.equilibria.all_nash(game)]
    for header, p, q in blocks:
        assert _qre_gap(A, B, p, q, temperature) < 1e-10
        assert "quantal response equilibrium" in header
        # each equilibrium named is the one the rest point is nearest to, or (when several
        # lead to one QRE) at least one of them is
        named = [np.concatenate(pq) for pq in _nash_named(header)]
        distances = [np.abs(np.concatenate([p, q]) - z).max() for z in nash]
        assert any(np.abs(z - nash[int(np.argmin(distances))]).max() < 1e-9 for z in named)


def test_replicator_mutator_rest_points_are_fixed_points_of_its_round(capsys):
    # one round: p <- (1 - dt mu) normalize(p exp(dt A q)) + dt mu / m (Hofbauer 1985,
    # Euler-exponential form), computed here with numpy
    game = gd.games.stag_hunt()
    A, B = np.asarray(game.A, float), np.asarray(game.B, float)
    dt, mu = 0.5, 0.2
    assert main(["analyze", "stag_hunt", "--dynamics", "replicator_mutator", "--dt", str(dt),
                 "--mutation", str(mu)]) == 0
    out = capsys.readouterr().out
    blocks = _rest_points(out)
    assert len(blocks) >= 2
    for header, p, q in blocks:
        assert "perturbed equilibrium, mutation 0.2, dt 0.5" in header
        new_p = (1 - dt * mu) * _softmax(np.log(p) + dt * A @ q) + dt * mu / 2
        new_q = (1 - dt * mu) * _softmax(np.log(q) + dt * B.T @ p) + dt * mu / 2
        assert max(np.abs(new_p - p).max(), np.abs(new_q - q).max()) < 1e-10
        assert p.min() > 0.01  # mutation keeps every share positive, off the vertices
    # no mutation: the replicator, whose rest points are the Nash equilibria themselves
    assert main(["analyze", "stag_hunt", "--dynamics", "replicator_mutator",
                 "--mutation", "0"]) == 0
    assert "rest point" not in capsys.readouterr().out


@settings(max_examples=15, deadline=None)
@given(payoffs=st.lists(st.integers(-5, 5), min_size=12, max_size=12),
       temperature=st.sampled_from([0.2, 0.5, 1.0, 3.0]))
def test_every_reported_logit_rest_point_is_a_qre_and_permutes_with_the_game(
        payoffs, temperature):
    # invariance: relabelling player 1's strategies relabels the rest points found
    import contextlib
    import io

    A = np.array(payoffs[:6], float).reshape(2, 3)
    B = np.array(payoffs[6:], float).reshape(2, 3)

    def run(A, B):
        text = lambda M: ";".join(",".join(f"{x:g}" for x in row) for row in M)  # noqa: E731
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            code = main(["analyze", f"--A={text(A)}", f"--B={text(B)}", "--dynamics", "logit",
                         "--temperature", str(temperature)])
        assert code == 0
        return _rest_points(out.getvalue())

    blocks = run(A, B)
    for _, p, q in blocks:
        assert _qre_gap(A, B, p, q, temperature) < 1e-10
    swapped = [np.concatenate([p[::-1], q]) for _, p, q in run(A[::-1], B[::-1])]
    points = [np.concatenate([p, q]) for _, p, q in blocks]
    assert len(swapped) == len(points)
    for one, other in ((points, swapped), (swapped, points)):
        assert all(min(np.abs(z - w).max() for w in other) < 1e-8 for z in one)


# ---- 2. the dynamics' options: one rule, and errors name options that exist
def _analyze_options():
    analyze = _parser()._subparsers._group_actions[0].choices["analyze"]
    return {option for action in analyze._actions for option in action.option_strings}


def test_dt_sets_the_replicator_step_with_the_closed_form_radius(capsys):
    # at the strict equilibrium (Stag, Stag) each player's payoff gap is 3 - 4 = -1, so
    # the exponential replicator map contracts each deviation by exp(dt * (-1))
    assert main(["analyze", "stag_hunt", "--dynamics", "replicator", "--dt", "0.5"]) == 0
    out = capsys.readouterr().out
    assert f"spectral radius: {np.exp(-0.5):.6g}" in out and "Replicator(dt=0.5)" in out
    assert main(["analyze", "stag_hunt", "--dynamics", "replicator", "--lr", "0.5"]) == 2
    err = capsys.readouterr().err
    assert "--lr" in err and "--dt" in err and "--dt" in _analyze_options()


@pytest.mark.parametrize("option, value", [("--lr", "0.5"), ("--dt", "0.5"),
                                           ("--temperature", "0.5"), ("--mutation", "0.1")])
@pytest.mark.parametrize("name", list(gd.dynamics.REGISTRY))
def test_every_option_error_names_only_options_that_exist(name, option, value, capsys):
    code = main(["analyze", "matching_pennies", "--dynamics", name, option, value])
    captured = capsys.readouterr()
    if code == 0:
        return
    assert code == 2 and len(captured.err.strip().splitlines()) == 1
    named = set(re.findall(r"--[a-z]+", captured.err))
    assert named <= _analyze_options(), named


@pytest.mark.parametrize("name", ["best_response", "fictitious_play", "regret_matching",
                                  "stochastic_fictitious_play"])
def test_an_option_on_a_dynamics_without_linearization_gives_the_same_message(name, capsys):
    assert main(["analyze", "stag_hunt", "--dynamics", name]) == 2
    without = capsys.readouterr().err
    assert main(["analyze", "stag_hunt", "--dynamics", name, "--lr", "0.5"]) == 2
    assert capsys.readouterr().err == without and "no linearization" in without


# ---- 3. paths given as matrices
def test_paths_that_are_not_csv_files_are_named_as_such(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "A.txt").write_text("1,0\n0,1\n")
    cases = [
        (["equilibria", "--A", str(tmp_path / "A.txt")], "only .csv files"),
        (["equilibria", "--A", "A.txt"], "only .csv files"),
        (["equilibria", "--A", str(tmp_path)], "is a directory"),
        (["analyze", "--A", "1,0;0,1", "--B", str(tmp_path)], "is a directory"),
        (["equilibria", "--A", str(tmp_path / "nope.txt")], "no such file"),
        (["equilibria", "--A", "nope.txt"], "no such file"),
        (["equilibria", "--A", "data/payoffs"], "no such file"),
        (["equilibria", "--A", "nope.csv"], "no such file"),
        (["equilibria", "--A", "1/0"], "not a finite number"),  # a fraction, not a path
        (["equilibria", "--A", "1/2,x;0,1"], "not a finite number"),
    ]
    for argv, says in cases:
        assert main(argv) == 2, argv
        lines = capsys.readouterr().err.strip().splitlines()
        assert len(lines) == 1 and says in lines[0], (argv, lines)
    for argv, says in ((["equilibria", str(tmp_path)], "is a directory"),
                       (["analyze", "A.txt"], "only Gambit .nfg files")):
        assert main(argv) == 2, argv
        lines = capsys.readouterr().err.strip().splitlines()
        assert len(lines) == 1 and says in lines[0], (argv, lines)
    # fractions with "/" are still matrices: (1/2, 1/2) is matching pennies' equilibrium
    assert main(["equilibria", "--A", "1/2,-1/2;-1/2,1/2", "--exact"]) == 0
    assert "p = [1/2, 1/2], q = [1/2, 1/2]" in capsys.readouterr().out


# ---- 4. the small ones
@pytest.mark.parametrize("argv", [
    ["analyze", "bilinear", "--dynamics", "simultaneous", "--lr", "inf"],
    ["analyze", "bilinear", "--dynamics", "simultaneous", "--lr", "nan"],
    ["analyze", "stag_hunt", "--dynamics", "logit", "--temperature", "inf"],
    ["analyze", "stag_hunt", "--dynamics", "replicator_mutator", "--mutation", "-1"],
    ["gan", "--lr", "inf", "--steps", "1"],
])
def test_non_finite_values_are_refused_as_such(argv, capsys):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "finite" in err and len(err.strip().splitlines()) == 1


def test_a_closed_pipe_ends_quietly():
    # the reader is gone before the command writes (importing takes far longer than
    # closing): Python's "Note on SIGPIPE" recipe, exit code 141 = 128 + SIGPIPE
    process = subprocess.Popen([sys.executable, "-m", "gamedyn", "analyze", "stag_hunt"],
                               cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.close()
    err = process.stderr.read()
    process.stderr.close()
    assert process.wait(timeout=300) == 141
    assert err == b""


@pytest.mark.parametrize("argv", [["figures", "--only", "pigs", "--out", ""],
                                  ["gan", "--steps", "1", "--out", ""]])
def test_an_empty_out_is_refused(argv, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "--out is empty" in err and list(tmp_path.iterdir()) == []


def test_one_equilibrium_is_singular(capsys):
    assert main(["equilibria", "pigs"]) == 0
    out = capsys.readouterr().out
    assert "1 extreme Nash equilibrium (" in out and "1 extreme equilibrium," in out
    assert main(["equilibria", "battle_of_the_sexes"]) == 0
    assert "3 extreme Nash equilibria (" in capsys.readouterr().out


def test_a_degenerate_game_reports_the_rest_points_it_finds_and_says_which_are_missing(
        capsys):
    # rows 1 and 2 tie against column 2, so (1, 0, 0) and (2/3, 1/3, 0) against q = (0, 1)
    # are the ends of a component along which mutation drifts: only the isolated
    # equilibrium p = (0, 5/7, 2/7), q = (1/4, 3/4) has a perturbed rest point nearby
    A = np.array([[-1, 1], [0, 1], [3, 0]], float)
    B = np.array([[-2, -1], [3, 1], [0, 5]], float)
    dt, mu = 0.1, 0.01
    assert main(["analyze", "--A=-1,1;0,1;3,0", "--B=-2,-1;3,1;0,5",
                 "--dynamics", "replicator_mutator"]) == 0
    out = capsys.readouterr().out
    [(header, p, q)] = _rest_points(out)
    new_p = (1 - dt * mu) * _softmax(np.log(p) + dt * A @ q) + dt * mu / 3
    new_q = (1 - dt * mu) * _softmax(np.log(q) + dt * B.T @ p) + dt * mu / 2
    assert max(np.abs(new_p - p).max(), np.abs(new_q - q).max()) < 1e-10
    assert np.abs(p - [0, 5 / 7, 2 / 7]).max() < 0.05 and np.abs(q - [0.25, 0.75]).max() < 0.05
    assert "no rest point of ReplicatorMutator" in out and "q = [0.0, 1.0]" in out


def test_stochastic_fictitious_play_names_its_mean_field_as_shell_options(capsys):
    # its step 1/(t + 2) changes every round (no linearization); its beliefs follow the
    # logit dynamics at the same temperature, whose rest points are the QREs
    assert main(["analyze", "stag_hunt", "--dynamics", "stochastic_fictitious_play",
                 "--temperature", "0.3"]) == 2
    err = capsys.readouterr().err
    assert "no linearization" in err and "--dynamics logit --temperature 0.3" in err
    assert main(["analyze", "stag_hunt", "--dynamics", "logit", "--temperature", "0.3"]) == 0
    game = gd.games.stag_hunt()
    for _, p, q in _rest_points(capsys.readouterr().out):
        assert _qre_gap(np.asarray(game.A, float), np.asarray(game.B, float), p, q, 0.3) < 1e-10
