"""Issue 19 in the stability analyzer: every bad input a clear error naming the argument.

Hand-worked facts used below: on the bilinear game v = x y (x minimizes) the field is
xi = (-y, x), so [0, 0] is its only fixed point and [1, 1] is not one (|xi| = sqrt 2);
its Jacobian [[0, -1], [1, 0]] has eigenvalues +-i, so simultaneous steps linearize to
I + eta J with eigenvalues 1 +- i eta (modulus sqrt(1 + eta^2) > 1).
"""

import numpy as np
import pytest

import gamedyn as gd
from gamedyn.dynamics import Adam, Alternating, RMSProp, Simultaneous
from gamedyn.stability import (
    analyze,
    classify_flow,
    classify_map,
    exact_update_jacobian,
    find_stationary_points,
    generic_update_jacobian,
    spectral_radius,
    stable_step_sizes,
    update_jacobian,
)

QUADRATIC = gd.DifferentiableGame(1, 1, lambda z: -z[..., 0] * z[..., 1] - z[..., 0] ** 2,
                                  lambda z: z[..., 0] * z[..., 1] - z[..., 1] ** 2)


# ---------------------------------------------------------------- classification
@pytest.mark.parametrize("classify", [classify_flow, classify_map])
@pytest.mark.parametrize("bad", [np.array([np.nan]), [1.0, np.inf], [complex(np.nan, 1)]])
def test_classification_refuses_non_finite_eigenvalues(classify, bad):
    with pytest.raises(ValueError, match="`eigenvalues` must be finite"):
        classify(bad, 1e-9)


@pytest.mark.parametrize("classify", [classify_flow, classify_map])
@pytest.mark.parametrize("bad", [None, "1j", [[1.0], [2.0, 3.0]], np.array(["a"])])
def test_classification_names_eigenvalues(classify, bad):
    with pytest.raises((TypeError, ValueError), match="`eigenvalues`"):
        classify(bad, 1e-9)


@pytest.mark.parametrize("classify", [classify_flow, classify_map])
def test_classification_names_tol(classify):
    with pytest.raises(ValueError, match="`tol`"):
        classify([1j, -1j], -1.0)


def test_classification_of_hand_worked_spectra():
    # flow: +-i is a centre; map: 1 +- 0.5 i has modulus sqrt(1.25) > 1 everywhere
    assert classify_flow(np.array([1j, -1j]), 1e-9) == "rotational"
    assert classify_map(np.array([1 + 0.5j, 1 - 0.5j]), 1e-9) == "repelling"
    assert classify_map([0.5, -0.25], 0.0) == "attracting"


# ---------------------------------------------------------------- names resolved once
@pytest.mark.parametrize("function", [update_jacobian, exact_update_jacobian,
                                      generic_update_jacobian])
def test_linearizations_accept_registered_names_like_analyze(function):
    by_name = function(gd.games.bilinear(), [0, 0], "simultaneous")
    by_instance = function(gd.games.bilinear(), [0, 0], Simultaneous())
    report = analyze(gd.games.bilinear(), [0, 0], "simultaneous")
    # I + 0.1 J with J = [[0, -1], [1, 0]]
    expected = np.array([[1.0, -0.1], [0.1, 1.0]])
    assert np.allclose(by_name, expected, atol=1e-8)
    assert np.allclose(by_instance, expected, atol=1e-8)
    assert np.allclose(report.update_jacobian, expected, atol=1e-8)


@pytest.mark.parametrize("function", [update_jacobian, exact_update_jacobian,
                                      generic_update_jacobian])
def test_linearizations_name_their_bad_arguments(function):
    with pytest.raises((TypeError, ValueError), match="`point`"):
        function(gd.games.bilinear(), None, Simultaneous())
    with pytest.raises(ValueError, match="`point`"):
        function(gd.games.bilinear(), [0.0, 0.0, 0.0], Simultaneous())
    with pytest.raises(ValueError, match="`dynamics`"):
        function(gd.games.bilinear(), [0.0, 0.0], "nope")
    with pytest.raises(TypeError, match="`dynamics`"):
        function(gd.games.bilinear(), [0.0, 0.0], 3)
    with pytest.raises(TypeError, match="`game`"):
        function(None, [0.0, 0.0], Simultaneous())


# ---------------------------------------------------------------- Adam and RMSProp at rest
@pytest.mark.parametrize("dynamics", ["adam", Adam(0.1), RMSProp(0.1), Alternating(Adam(0.1))])
def test_adaptive_rules_say_they_have_no_linearization_at_rest(dynamics):
    with pytest.raises(TypeError, match="no linearization at any fixed `point`.*v = 0 at rest"):
        analyze(gd.games.stag_hunt(), ([0.5, 0.5], [0.5, 0.5]), dynamics)
    with pytest.raises(TypeError, match="no linearization at any fixed `point`"):
        analyze(gd.games.bilinear(), [0.0, 0.0], dynamics)
    with pytest.raises(TypeError, match="no linearization at any fixed `point`"):
        update_jacobian(gd.games.bilinear(), [0.0, 0.0], dynamics)
    with pytest.raises(TypeError, match="no linearization at any fixed `point`"):
        generic_update_jacobian(gd.games.bilinear(), [0.0, 0.0], dynamics)
    with pytest.raises(TypeError, match="no linearization at any fixed `point`"):
        stable_step_sizes(gd.games.bilinear(), [0.0, 0.0], dynamics)


# ---------------------------------------------------------------- analyze's own arguments
def test_analyze_names_its_flags_and_a_bad_bimatrix_point():
    with pytest.raises(TypeError, match="`symbolic`"):
        analyze(gd.games.bilinear(), [0.0, 0.0], symbolic="yes")
    with pytest.raises(TypeError, match="`require_fixed_point`"):
        analyze(gd.games.bilinear(), [0.0, 0.0], require_fixed_point=1)
    with pytest.raises(ValueError, match="`point"):
        analyze(gd.games.stag_hunt(), [np.inf, 0.0])
    with pytest.raises(ValueError, match="`point"):
        analyze(gd.games.stag_hunt(), ([0.5, 0.6], [0.5, 0.5]))
    with pytest.raises(ValueError, match="`point"):
        analyze(gd.games.stag_hunt(), ([1.0, 0.0], [0.5, 0.5]), "replicator")
    with pytest.raises(TypeError, match="`point`"):
        analyze(gd.games.stag_hunt(), "point")


# ---------------------------------------------------------------- step sizes
def test_stable_step_sizes_refuses_a_point_that_is_not_fixed_as_analyze_does():
    with pytest.raises(ValueError, match="not a fixed point"):
        analyze(gd.games.bilinear(), [1.0, 1.0])
    with pytest.raises(ValueError, match="not a fixed point"):
        stable_step_sizes(gd.games.bilinear(), [1.0, 1.0])
    with pytest.raises(ValueError, match="not a fixed point"):
        stable_step_sizes(gd.games.bilinear(), [1.0, 1.0], "extragradient")
    # the fixed point itself: simultaneous steps never contract on a centre
    assert stable_step_sizes(gd.games.bilinear(), [0.0, 0.0]).intervals == []


def test_step_size_region_arguments_are_checked():
    with pytest.raises(TypeError, match="`two_timescale`"):
        stable_step_sizes(gd.games.bilinear(), [0.0, 0.0], two_timescale="yes")
    region = stable_step_sizes(gd.games.bilinear(), [0.0, 0.0], "extragradient")
    # extragradient on +-i: |1 + i eta - eta^2|^2 = 1 - eta^2 + eta^4 < 1 iff 0 < eta < 1
    assert region.contains(0.5) and not region.contains(1.5)
    for bad in (np.inf, np.nan, -1.0, 0.0):
        with pytest.raises(ValueError, match="`eta`"):
            region.contains(bad)
    with pytest.raises(TypeError, match="`eta`"):
        region.contains("0.5")


def test_spectral_radius_far_out_is_an_error_or_finite_never_a_warning():
    # the numeric field of QUADRATIC overflows at 1e300: refused, naming `point`
    with pytest.raises(ValueError, match="`point`"):
        spectral_radius(QUADRATIC, [-1e300, -1e300], gd.dynamics.SGA())
    # by hand: J = [[-2, -1], [1, -2]] everywhere; rho(I + 0.1 J) = |0.8 + 0.1 i|
    assert spectral_radius(QUADRATIC, [0.0, 0.0], "simultaneous") == pytest.approx(
        np.hypot(0.8, 0.1), rel=1e-6)


def test_find_stationary_points_checks_the_grid_size_before_allocating():
    with pytest.raises(ValueError, match="`grid`"):
        find_stationary_points(gd.games.bilinear(), [[-1, 1], [-1, 1]], grid=2**62)


def test_resolution_is_bounded_before_any_work():
    for huge in (10**12, 2**62):
        with pytest.raises(ValueError, match="`resolution`"):
            stable_step_sizes(gd.games.bilinear(), [0.0, 0.0], "extragradient",
                              resolution=huge)


def test_symbolic_eigenvalues_check_point_and_flag():
    import sympy as sp

    a, b = sp.symbols("a b")
    game = gd.games.from_sympy(a * b, minimize=[a], maximize=[b])
    # J = [[0, -1], [1, 0]] at every point: eigenvalues +-i, whatever exact type the point has
    assert gd.stability.symbolic_eigenvalues(game, [sp.Rational(1, 3), 2]) == {sp.I: 1,
                                                                                -sp.I: 1}
    for bad in ([np.nan, 1.0], None, "abc", [1, 2, 3], [True, False], [1j, 2.0]):
        with pytest.raises((TypeError, ValueError), match="`point`"):
            gd.stability.latex_eigenvalues(game, bad)
    with pytest.raises(TypeError, match="`keep_parameters`"):
        gd.stability.symbolic_eigenvalues(game, [0, 0], keep_parameters="yes")
