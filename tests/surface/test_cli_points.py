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
