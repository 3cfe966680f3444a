"""`gamedyn gan` (issue 14, point 10): mixture targets, a demo that does not start at its
target, labelled axes; bad input is one line on stderr and exit code 2."""

import numpy as np
import pytest

import gamedyn as gd
import gamedyn.gallery
from gamedyn.cli import main


@pytest.fixture
def captured(monkeypatch):
    """The run trained and the figure saved by one `gamedyn gan` call."""
    seen = {}
    train, save = gd.gan.train, gamedyn.gallery.save_figure

    def recording_train(*args, **kwargs):
        seen["run"] = train(*args, **kwargs)
        return seen["run"]

    def recording_save(figure, path):
        seen["figure"] = figure
        return save(figure, path)

    monkeypatch.setattr(gd.gan, "train", recording_train)
    monkeypatch.setattr(gamedyn.gallery, "save_figure", recording_save)
    return seen


def test_the_default_demo_starts_away_from_its_target(tmp_path, capsys, captured):
    assert main(["gan", "--out", str(tmp_path)]) == 0
    assert (tmp_path / "gan_curves.png").read_bytes()[:4] == b"\x89PNG"
    jsd = captured["run"].history["jsd"]
    assert jsd[0] > 0.3 and jsd[-1] < 0.02  # from N(0, 1) to the default N(2, 0.5^2)
    assert "1 of 1 run(s) converged" in capsys.readouterr().out


def test_every_panel_has_labelled_axes(tmp_path, captured):
    assert main(["gan", "--steps", "40", "--out", str(tmp_path)]) == 0
    for ax in captured["figure"].axes:
        assert ax.get_xlabel() and ax.get_ylabel() and ax.get_title()


@pytest.mark.parametrize("spec, weights, means, stds", [
    ("0.5:-2:0.5,0.5:2:0.5", [0.5, 0.5], [-2, 2], [0.5, 0.5]),
    ("0.3:-1:0.25, 0.7:3:1", [0.3, 0.7], [-1, 3], [0.25, 1]),
    ("1e-1:0:1,0.9:5:2", [0.1, 0.9], [0, 5], [1, 2]),
    ("3:0.5", [1.0], [3], [0.5]),
])
def test_mixture_targets_are_read_as_weight_mean_std(tmp_path, captured, spec, weights,
                                                      means, stds):
    assert main(["gan", "--target", spec, "--steps", "20", "--out", str(tmp_path)]) == 0
    target = captured["run"].target
    np.testing.assert_allclose(target.weights, weights)
    np.testing.assert_allclose(target.means, means)
    np.testing.assert_allclose(target.stds, stds)
    if len(weights) > 1:  # a mixture gets the mixture recipe's models
        assert captured["run"].config["generator"] == "monotone"


@pytest.mark.parametrize("argv, named", [
    (["--target", "0.5:-2:0.5,0.5:2"], "weight:mean:std"),
    (["--target", "0.5:-2:0.5,0.6:2:0.5"], "sum to 1"),
    (["--target", "0.5:-2:0,0.5:2:0.5"], "std must be positive"),
    (["--target", "a:b:c"], "weight:mean:std"),
    (["--target", "0.5:nan:1,0.5:2:1"], "finite"),
    (["--target", ""], "weight:mean:std"),
    (["--target", "1:0:1", "--mean", "2"], "not both"),
    (["--target", "-0.5:0:1,1.5:2:1"], "--target"),
    (["--lr", "0.1", "0.1", "0.1"], "--lr"),
    (["--generator", "cnn"], "--generator"),
    (["--std", "-1"], "std"),
])
def test_bad_gan_arguments_are_one_line_and_exit_code_2(tmp_path, capsys, argv, named):
    assert main(["gan", *argv, "--steps", "2", "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and named in err[0] and "Traceback" not in err[0]


def test_the_stabilizers_recipe_checks_its_arguments_and_runs_one_ensemble_each():
    from gamedyn.gallery.stabilizers import make_gan_stabilizers, stabilizer_runs

    with pytest.raises(ValueError, match="`rng`"):
        make_gan_stabilizers(rng=-1, quick=True)
    with pytest.raises(TypeError, match="`quick`"):
        make_gan_stabilizers(rng=0, quick="yes")
    runs = stabilizer_runs(rng=0, quick=True)
    assert len(runs) == 10
    for run in runs.values():  # one ensemble per stabilizer, from the same seeds
        assert run.params_g.shape[0] == 4
    labels = " ".join(runs)
    for name in ("k_d", "two time scales", "R1", "spectral", "WGAN-GP", "instance noise",
                 "extragradient", "optimistic"):
        assert name in labels
