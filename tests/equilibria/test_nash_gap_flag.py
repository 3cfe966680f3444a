"""nash_gap's `relative` is a flag: a truthy string is refused by name (issue 19)."""

import pytest

import gamedyn as gd


@pytest.mark.parametrize("relative", ["yes", None, 1, [True]])
def test_relative_must_be_a_bool(relative):
    with pytest.raises(TypeError, match="`relative`"):
        gd.equilibria.nash_gap(gd.games.pigs(), [1, 0], [1, 0], relative=relative)
