"""The catalogue's payoff matrices equal the reference file computed independently
(/work/shared/reference/classic_games.json, payoffs checked against Gambit)."""

import json
from pathlib import Path

import numpy as np
import pytest

import gamedyn as gd

REFERENCE = Path("/work/shared/reference/classic_games.json")

# catalogue constructor -> name of the entry in the reference file
REFERENCE_NAMES = {
    "stag_hunt": "Stag Hunt",
    "pigs": "Pigs game",
    "prisoners_dilemma": "Prisoner's Dilemma",
    "matching_pennies": "Matching Pennies",
    "battle_of_the_sexes": "Battle of the Sexes",
    "chicken": "Chicken",
    "hawk_dove": "Hawk-Dove (V=4, C=6)",
    "rock_paper_scissors": "Rock-Paper-Scissors",
    "shapley": "Shapley 1964 3x3 (fictitious play cycles)",
}


@pytest.fixture(scope="module")
def reference():
    if not REFERENCE.exists():
        pytest.skip(f"{REFERENCE} is not available")
    return {entry["name"]: entry for entry in json.loads(REFERENCE.read_text())["games"]}


def test_every_catalogue_game_has_a_reference_entry(reference):
    assert set(REFERENCE_NAMES) == set(gd.games.CATALOGUE)
    assert set(REFERENCE_NAMES.values()) <= set(reference)


@pytest.mark.parametrize("key", sorted(REFERENCE_NAMES))
def test_matrices_equal_the_reference(reference, key):
    entry = reference[REFERENCE_NAMES[key]]
    game = gd.games.CATALOGUE[key]()  # hawk_dove with its defaults V = 4, C = 6
    assert game.shape == tuple(entry["shape"])
    np.testing.assert_array_equal(game.A, entry["A"])
    np.testing.assert_array_equal(game.B, entry["B"])


@pytest.mark.parametrize("key, labels", [
    ("stag_hunt", ("Stag", "Hare")),
    ("pigs", ("Press", "Wait")),
    ("prisoners_dilemma", ("Cooperate", "Defect")),
    ("chicken", ("Swerve", "Straight")),
    ("hawk_dove", ("Hawk", "Dove")),
    ("rock_paper_scissors", ("Rock", "Paper", "Scissors")),
])
def test_strategy_labels_follow_the_sources(key, labels):
    game = gd.games.CATALOGUE[key]()
    assert game.row_labels == game.col_labels == labels


def test_hawk_dove_formula_for_other_values():
    # Maynard Smith & Price (1973): A = [[(V - C)/2, V], [0, V/2]], symmetric game B = A.T
    game = gd.games.hawk_dove(value=2.0, cost=10.0)
    np.testing.assert_array_equal(game.A, [[-4, 2], [0, 1]])
    np.testing.assert_array_equal(game.B, game.A.T)
    assert "V=2" in game.name and "C=10" in game.name


def test_zero_sum_games_are_flagged():
    zero_sum = {key for key, make in gd.games.CATALOGUE.items() if make().is_zero_sum}
    assert zero_sum == {"matching_pennies", "rock_paper_scissors"}
