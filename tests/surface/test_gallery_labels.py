"""The stag_hunt recipe names what the analyzer finds for a teacher's own 2x2 game: a
saddle only when the mixed equilibrium is one (issue 18: recipes take the game)."""

import matplotlib
import numpy as np
import pytest

import gamedyn as gd
from gamedyn.gallery import FIGURES

matplotlib.use("Agg")


def _texts(figure):
    ax = figure.axes[0]
    return ax.get_title(), [t.get_text() for t in ax.get_legend().get_texts()]


@pytest.mark.parametrize("scale", [1.0, 3.0])
def test_matching_pennies_is_a_centre_not_a_saddle(scale):
    # mixed extension of matching pennies times s: J at (1/2, 1/2) has eigenvalues +-4s i
    game = gd.BimatrixGame(scale * np.array([[1, -1], [-1, 1]]),
                           scale * np.array([[-1, 1], [1, -1]]))
    title, legend = _texts(FIGURES["stag_hunt"](game, quick=True))
    assert "saddle" not in title and not any("saddle" in text for text in legend)
    assert f"0±{4 * scale:g}i (rotational)" in title


def test_the_stag_hunt_keeps_its_saddle():
    # A = [[4, 1], [3, 2]], B = A.T: at (1/2, 1/2) J = [[0, 2], [2, 0]], eigenvalues -2, 2
    title, legend = _texts(FIGURES["stag_hunt"](quick=True))
    assert "eigenvalues [-2.0, 2.0]" in title and "off the saddle" in title
    assert any("saddle's stable manifold" in text for text in legend)
