"""The gallery takes randomness as ``rng`` (the library's one name), ``seed`` being a
deprecated alias; recipes and ``save_all`` have typed signatures."""

import inspect
import typing
from pathlib import Path

import numpy as np
import pytest

from gamedyn.cli import main
from gamedyn.gallery import FIGURES, save_all, save_figure
from gamedyn.gallery._arguments import recipe_seed
from gamedyn.gallery.animations import ANIMATIONS
from gamedyn.gallery.stabilizers import stabilizer_runs

RECIPES = {**FIGURES, **{f"animation {name}": recipe for name, recipe in ANIMATIONS.items()},
           "stabilizer_runs": stabilizer_runs}


def _png(figure, path: Path) -> bytes:
    return save_figure(figure, path, format="png").read_bytes()


def _pigs(tmp_path: Path, name: str, *args, **kwargs) -> bytes:
    """The Pigs figure (random starts, drawn from the recipe's seed) as PNG bytes."""
    return _png(FIGURES["pigs"](*args, quick=True, **kwargs), tmp_path / f"{name}.png")


def test_rng_0_seed_0_and_the_positional_argument_draw_the_same_figure(tmp_path):
    by_rng = _pigs(tmp_path, "rng", rng=0)
    with pytest.warns(DeprecationWarning, match=r"`seed` is deprecated: use `rng`") as record:
        by_seed = _pigs(tmp_path, "seed", seed=0)
    assert by_seed == by_rng
    assert _pigs(tmp_path, "positional", None, 0) == by_rng
    assert _pigs(tmp_path, "default") == by_rng
    # the warning names the caller's line, not the gallery's internals
    assert [Path(w.filename).name for w in record] == [Path(__file__).name]
    # control: the figure does depend on the seed, so the equalities above can fail
    assert _pigs(tmp_path, "other", rng=1) != by_rng


def test_a_generator_or_seedsequence_rng_is_reproducible_and_reduced_as_documented(tmp_path):
    first = _pigs(tmp_path, "g1", rng=np.random.default_rng(5))
    assert _pigs(tmp_path, "g2", rng=np.random.default_rng(5)) == first
    # documented reduction: one draw integers(2**32) of the Generator is the int seed
    drawn = int(np.random.default_rng(5).integers(2**32))
    assert _pigs(tmp_path, "int", rng=drawn) == first
    sequence = _pigs(tmp_path, "s1", rng=np.random.SeedSequence(7))
    assert _pigs(tmp_path, "s2", rng=np.random.SeedSequence(7)) == sequence
    word = int(np.random.SeedSequence(7).generate_state(1)[0])
    assert _pigs(tmp_path, "word", rng=word) == sequence


def test_recipe_seed_by_hand():
    assert recipe_seed(0) == 0 and recipe_seed(np.int64(12)) == 12
    assert recipe_seed(2**40) == 2**40  # any int >= 0, as numpy takes it
    generator = np.random.default_rng(3)
    assert recipe_seed(generator) == int(np.random.default_rng(3).integers(2**32))
    assert recipe_seed(generator) != recipe_seed(np.random.default_rng(3))  # it advanced
    assert recipe_seed(np.random.SeedSequence(9)) == int(
        np.random.SeedSequence(9).generate_state(1)[0])
    assert 0 <= recipe_seed(None) < 2**32


@pytest.mark.parametrize("name", ["pigs", "spectral_radius", "gan1d_snapshots",
                                  "sweep_nash_counts"])
def test_giving_rng_and_seed_is_a_type_error_naming_both(name):
    with pytest.raises(TypeError, match=r"`rng`.*`seed`"):
        FIGURES[name](rng=1, seed=1, quick=True)
    with pytest.raises(TypeError, match=r"`rng`.*`seed`"):
        FIGURES[name](rng=np.random.default_rng(0), seed=0, quick=True)
    with pytest.raises(TypeError, match=r"`rng`.*`seed`"):  # an explicit 0 is given too
        FIGURES[name](rng=0, seed=0, quick=True)


@pytest.mark.parametrize("bad, error", [(True, TypeError), (np.bool_(False), TypeError),
                                        (0.0, TypeError), (1.5, TypeError),
                                        ("0", TypeError), ([1], TypeError),
                                        (-1, ValueError), (np.int64(-3), ValueError)])
def test_a_bad_rng_is_an_error_naming_rng(bad, error, tmp_path):
    with pytest.raises(error, match="`rng`"):
        FIGURES["pigs"](rng=bad, quick=True)
    with pytest.raises(error, match="`rng`"):
        save_all(tmp_path, only=["pigs"], quick=True, rng=bad)
    with pytest.warns(DeprecationWarning), pytest.raises(error, match="`rng`"):
        FIGURES["pigs"](seed=bad, quick=True)


def test_save_all_takes_rng_and_warns_for_seed(tmp_path):
    (by_rng,) = save_all(tmp_path / "rng", only=["pigs"], quick=True, rng=4)
    with pytest.warns(DeprecationWarning, match=r"`seed` is deprecated: use `rng`") as record:
        (by_seed,) = save_all(tmp_path / "seed", only=["pigs"], quick=True, seed=4)
    assert [Path(w.filename).name for w in record] == [Path(__file__).name]
    assert by_seed.read_bytes() == by_rng.read_bytes()
    assert by_rng.read_bytes() == _pigs(tmp_path, "direct", rng=4)
    (by_generator,) = save_all(tmp_path / "gen", only=["pigs"], quick=True,
                               rng=np.random.default_rng(2))
    drawn = int(np.random.default_rng(2).integers(2**32))
    assert by_generator.read_bytes() == _pigs(tmp_path, "drawn", rng=drawn)
    with pytest.raises(TypeError, match=r"`rng`.*`seed`"):
        save_all(tmp_path, only=["pigs"], quick=True, rng=1, seed=1)
    with pytest.raises(TypeError, match=r"`rng`.*`seed`"):
        save_all(tmp_path, only=["pigs"], quick=True, rng=0, seed=0)


def test_the_cli_takes_rng_and_its_former_name_seed(tmp_path, capsys):
    for flag in ("--rng", "--seed"):
        out = tmp_path / flag.strip("-")
        assert main(["figures", "--only", "pigs", "--quick", flag, "4", "--out", str(out),
                     "--no-progress"]) == 0
    capsys.readouterr()
    assert (tmp_path / "rng" / "pigs.png").read_bytes() == _pigs(tmp_path, "direct", rng=4)
    assert ((tmp_path / "seed" / "pigs.png").read_bytes()
            == (tmp_path / "rng" / "pigs.png").read_bytes())
    assert main(["figures", "--only", "pigs", "--rng", "-1", "--out", str(tmp_path)]) == 2
    assert "`rng`" in capsys.readouterr().err


@pytest.mark.parametrize("name", list(RECIPES))
def test_every_recipe_takes_rng_with_seed_a_keyword_only_alias_and_is_annotated(name):
    recipe = RECIPES[name]
    parameters = inspect.signature(recipe).parameters
    assert parameters["rng"].default == 0 and "rng: 'RNG' = 0," in str(
        inspect.signature(recipe))
    assert parameters["rng"].kind is inspect.Parameter.POSITIONAL_OR_KEYWORD
    assert parameters["seed"].kind is inspect.Parameter.KEYWORD_ONLY
    assert list(parameters)[-3:] == ["rng", "quick", "seed"]
    hints = typing.get_type_hints(recipe, localns=_type_names())
    assert set(parameters) | {"return"} <= set(hints), name
    assert "rng" in recipe.__doc__ and "seed : int, optional" in recipe.__doc__


def test_save_all_signature():
    parameters = inspect.signature(save_all).parameters
    assert parameters["rng"].default == 0
    assert parameters["seed"].kind is inspect.Parameter.KEYWORD_ONLY


def _type_names() -> dict:
    """The names the recipes' annotations use under ``TYPE_CHECKING`` only."""
    from matplotlib.animation import FuncAnimation
    from matplotlib.figure import Figure

    import gamedyn as gd

    return {"Figure": Figure, "FuncAnimation": FuncAnimation,
            "BimatrixGame": gd.games.BimatrixGame,
            "DifferentiableGame": gd.games.DifferentiableGame,
            "Mixture": gd.gan.Mixture, "GANRun": gd.gan.GANRun}
