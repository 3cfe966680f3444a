"""Figure recipes take a teacher's own game; figures are written as PNG, SVG or PDF."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

import gamedyn as gd  # noqa: E402
from gamedyn.gallery import make_stag_hunt  # noqa: E402


def test_stag_hunt_with_a_users_game_uses_its_labels_and_equilibria():
    # an assurance game of one's own: (Go, Go) and (Stay, Stay) pure, mixed at p = q = 2/5
    game = gd.games.BimatrixGame([[5, 0], [2, 2]], [[5, 2], [0, 2]], name="Trip",
                                 row_labels=("Go", "Stay"), col_labels=("Go", "Stay"))
    figure = make_stag_hunt(game=game, quick=True)
    text = figure._suptitle.get_text()
    assert text.startswith("Trip: 3 equilibria")
    labels = [t.get_text() for t in figure.axes[0].get_legend().get_texts()]
    assert "reaches (Go, Go)" in labels and "reaches (Stay, Stay)" in labels
    plt.close(figure)


@pytest.mark.parametrize("bad", [[[1, 2], [3, 4]], "stag_hunt", 3])
def test_a_recipe_refuses_a_game_that_is_not_one(bad):
    with pytest.raises(TypeError, match="`game`"):
        make_stag_hunt(game=bad, quick=True)


def test_a_square_recipe_refuses_a_3x3_game():
    with pytest.raises(ValueError, match="`game`"):
        make_stag_hunt(game=gd.games.rock_paper_scissors(), quick=True)
