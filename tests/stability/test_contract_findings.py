"""Faults the contract suite found in the analyzer's new entry points (issue 19)."""

import numpy as np
import pytest

import gamedyn as gd


def test_rate_to_solution_set_checks_its_arguments():
    # the rate of a contraction 0.5 I is 0.5 (no fixed-point eigenspace)
    assert gd.stability.rate_to_solution_set(0.5 * np.eye(2)) == pytest.approx(0.5)
    for tol in (-1.0, np.nan, True, "1"):
        with pytest.raises((TypeError, ValueError), match="`tol`"):
            gd.stability.rate_to_solution_set(0.5 * np.eye(2), tol=tol)
    with pytest.raises(ValueError, match="`M`"):
        gd.stability.rate_to_solution_set(np.zeros((1, 2)))


def test_stable_step_sizes_refuses_a_non_bool_to_solution_set():
    with pytest.raises(TypeError, match="`to_solution_set`"):
        gd.stability.stable_step_sizes(gd.games.bilinear(), [0.0, 0.0], "extragradient",
                                       to_solution_set="yes")


def test_time_scales_check_tol_before_what_the_game_allows():
    with pytest.raises(ValueError, match="`tol`"):
        gd.stability.attracting_timescales(gd.games.stag_hunt().mixed(), [0.5, 0.5],
                                           tol=-1.0)


@pytest.mark.parametrize("function", [gd.stability.analyze, gd.stability.stable_step_sizes,
                                      gd.stability.critical_timescale])
@pytest.mark.parametrize("value", [1e308, -1e300])
def test_points_whose_field_or_jacobian_overflow_are_refused_by_name(function, value):
    # bilinear: the field's square overflows; Dirac-GAN: the Jacobian itself overflows
    for game in (gd.games.bilinear(), gd.games.dirac_gan()):
        with pytest.raises(ValueError, match="`point`"):
            function(game, np.full(game.n, value))
