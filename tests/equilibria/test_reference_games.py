"""Equilibria of the classic games against the exact Gambit reference
(../shared/reference/classic_games.json, computed with Gambit's enummixed)."""

import json
from pathlib import Path

import numpy as np
import pytest

import gamedyn as gd

REFERENCE = Path(__file__).resolve().parents[3] / "shared" / "reference" / "classic_games.json"
GAMES = json.loads(REFERENCE.read_text())["games"] if REFERENCE.exists() else []


def _key(p, q):
    return tuple(np.round(np.concatenate([p, q]), 9))


@pytest.mark.skipif(not GAMES, reason="shared reference data not found beside the repository")
@pytest.mark.parametrize("entry", GAMES, ids=[g["name"] for g in GAMES])
class TestReference:
    def game(self, entry):
        return gd.BimatrixGame(entry["A"], entry["B"])

    def test_all_nash_reproduces_every_equilibrium(self, entry):
        found = gd.equilibria.all_nash(self.game(entry))
        expected = {_key(*map(np.array, e)) for e in entry["equilibria_float"]}
        assert len(found) == entry["n_equilibria"]
        assert {_key(p, q) for p, q in found} == expected
        assert found.degenerate == entry["degenerate"]

    def test_pure_equilibria(self, entry):
        expected = sorted(tuple(ij) for ij in entry["pure_equilibria_indices"])
        assert gd.equilibria.pure_nash(self.game(entry)) == expected

    def test_lemke_howson_from_every_label_reaches_a_reference_equilibrium(self, entry):
        game = self.game(entry)
        expected = {_key(*map(np.array, e)) for e in entry["equilibria_float"]}
        for label in range(sum(game.shape)):
            p, q = gd.equilibria.lemke_howson(game, initial_label=label)
            assert _key(p, q) in expected


CATALOGUE_NAMES = {
    "Stag Hunt": "stag_hunt", "Pigs game": "pigs", "Prisoner's Dilemma": "prisoners_dilemma",
    "Matching Pennies": "matching_pennies", "Battle of the Sexes": "battle_of_the_sexes",
    "Chicken": "chicken", "Hawk-Dove (V=4, C=6)": "hawk_dove",
    "Rock-Paper-Scissors": "rock_paper_scissors",
    "Shapley 1964 3x3 (fictitious play cycles)": "shapley",
}


@pytest.mark.skipif(not GAMES, reason="shared reference data not found beside the repository")
@pytest.mark.parametrize("entry", GAMES, ids=[g["name"] for g in GAMES])
def test_catalogue_matches_reference(entry):
    game = gd.games.CATALOGUE[CATALOGUE_NAMES[entry["name"]]]()
    np.testing.assert_array_equal(game.A, entry["A"])
    np.testing.assert_array_equal(game.B, entry["B"])
