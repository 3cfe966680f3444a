"""Attempts to break the equilibrium routines as a user would, kept as regression tests:
payoff ranges at the edge of float64, where ``max - min`` itself overflows."""

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import gamedyn as gd

eq = gd.equilibria


def _canonical(found):
    return sorted((tuple(p.round(9)), tuple(q.round(9))) for p, q in found)


# ------------------------------------------- ranges beyond float64 (max A - min A = inf)
# Scaling by a power of two is exact, so the game G * 2**1016 has exactly the best
# replies of G; with |G| up to 255 its range passes 2**1024, beyond the largest
# float, whenever max G - min G > 256.
_HUGE = 2.0 ** 1016
_small_ints = st.tuples(st.integers(1, 3), st.integers(1, 3)).flatmap(
    lambda shape: st.tuples(
        arrays(np.int64, shape, elements=st.integers(-255, 255)),
        arrays(np.int64, shape, elements=st.integers(-255, 255)),
    )
)


@settings(max_examples=60, deadline=None)
@given(_small_ints)
def test_every_routine_is_unchanged_when_the_payoff_range_overflows(pair):
    G, H = (M.astype(float) for M in pair)
    small, huge = gd.BimatrixGame(G, H), gd.BimatrixGame(G * _HUGE, H * _HUGE)
    assert _canonical(eq.all_nash(huge)) == _canonical(eq.all_nash(small))
    assert eq.pure_nash(huge) == eq.pure_nash(small)
    assert eq.is_degenerate(huge) == eq.is_degenerate(small)
    for label in range(sum(G.shape)):
        p, q = eq.lemke_howson(huge, label)
        assert eq.is_nash(small, p, q)
        assert eq.is_nash(huge, p, q)
        assert eq.nash_gap(huge, p, q, relative=True) <= 1e-9


@settings(max_examples=60, deadline=None)
@given(arrays(np.int64, st.tuples(st.integers(1, 4), st.integers(1, 4)),
              elements=st.integers(-255, 255)))
def test_zero_sum_value_scales_with_the_payoffs_past_the_float_range(G):
    # the value of c G is c times the value of G for c > 0 (von Neumann 1928); with
    # c = 2**1016 the range of c G overflows, the value itself does not.
    G = G.astype(float)
    small = eq.zero_sum(gd.BimatrixGame(G, -G))
    huge = eq.zero_sum(gd.BimatrixGame(G * _HUGE, -G * _HUGE))
    assert np.isfinite(huge.value)
    assert abs(huge.value / _HUGE - small.value) <= 1e-9 * max(np.ptp(G), 1.0)
    assert eq.is_nash(gd.BimatrixGame(G, -G), huge.p, huge.q)


def test_matching_pennies_at_the_largest_float_has_value_zero():
    M = np.array([[1.0, -1.0], [-1.0, 1.0]]) * 1.7e308
    solution = eq.zero_sum(gd.BimatrixGame(M, -M))
    assert solution.value == 0.0
    assert solution.p.tolist() == [0.5, 0.5] and solution.q.tolist() == [0.5, 0.5]
    # a deviation gain beyond the float range is reported as inf, without a warning
    assert eq.nash_gap(gd.BimatrixGame(M, -M), [1, 0], [1, 0]) == np.inf
    assert eq.nash_gap(gd.BimatrixGame(M, -M), [1, 0], [1, 0], relative=True) == 1.0


# ------------------------------------------------------------ the enumeration time limit
@pytest.mark.parametrize("routine", [eq.all_nash, eq.is_degenerate])
@pytest.mark.parametrize("limit", [float("nan"), -1.0, 0, -np.inf])
def test_a_meaningless_time_limit_is_refused_by_name(routine, limit):
    # NaN used to disable the limit silently (every comparison with NaN is False) and a
    # negative limit refused every game as "beyond vertex enumeration"
    with pytest.raises(ValueError, match="`max_seconds`"):
        routine(gd.games.matching_pennies(), max_seconds=limit)


@pytest.mark.parametrize("routine", [eq.all_nash, eq.is_degenerate])
@pytest.mark.parametrize("limit", ["60", [60], True])
def test_a_time_limit_that_is_not_a_number_is_a_type_error(routine, limit):
    with pytest.raises(TypeError, match="`max_seconds`"):
        routine(gd.games.matching_pennies(), max_seconds=limit)


@pytest.mark.parametrize("limit", [None, np.inf, np.int64(5), np.float32(5.0), 5])
def test_every_spelling_of_a_valid_time_limit_is_accepted(limit):
    # the answer is the game's, whatever the (sufficient) limit: matching pennies has the
    # unique equilibrium of uniform play
    (p, q), = eq.all_nash(gd.games.matching_pennies(), max_seconds=limit)
    assert p.tolist() == [0.5, 0.5] and q.tolist() == [0.5, 0.5]


# ------------------------------------- exact payoffs the float copy cannot represent
# A game given as Fractions keeps its exact payoffs; its float copy may have lost them
# (1/10**400 underflows to 0.0, 10**30 + 1 rounds to 10**30). A positive affine map of
# each player's payoffs changes no equilibrium, so every float routine must answer for
# s G + d as for G, however far s and d are from the float range.
_exact_maps = st.tuples(
    st.sampled_from([Fraction(1, 10 ** 400), Fraction(1, 10 ** 30), Fraction(3, 7),
                     Fraction(10 ** 30), Fraction(10 ** 300)]),
    st.sampled_from([0, 1, -(10 ** 30), 10 ** 20]),
)


def _mapped(M, scale, shift):
    return np.array([[scale * int(v) + shift for v in row] for row in M], dtype=object)


@settings(max_examples=60, deadline=None)
@given(_small_ints, _exact_maps, _exact_maps)
def test_float_routines_see_exact_payoffs_through_any_affine_map(pair, map1, map2):
    G, H = pair
    small = gd.BimatrixGame(G % 3, H % 3)  # entries 0..2: full of ties
    big = gd.BimatrixGame(_mapped(G % 3, *map1), _mapped(H % 3, *map2))
    assert _canonical(eq.all_nash(big)) == _canonical(eq.all_nash(small))
    assert eq.pure_nash(big) == eq.pure_nash(small)
    assert eq.is_degenerate(big) == eq.is_degenerate(small)
    for label in range(sum(G.shape)):
        p, q = eq.lemke_howson(big, label)
        assert eq.is_nash(small, p, q) and eq.is_nash(big, p, q)


@settings(max_examples=40, deadline=None)
@given(_small_ints, _exact_maps)
def test_zero_sum_sees_exact_payoffs_through_any_affine_map(pair, exact_map):
    G = pair[0] % 3
    small = gd.BimatrixGame(G, -G)
    big = gd.BimatrixGame(_mapped(G, *exact_map), _mapped(-G, *exact_map))
    solution = eq.zero_sum(big)
    assert eq.is_nash(small, solution.p, solution.q)


def test_coordination_at_scale_ten_to_minus_400_is_nondegenerate():
    # the smallest case found: A = 1e-400 * I (exact), B = I; the float copy of A is 0,
    # which made the game look degenerate with 4 extreme equilibria instead of 3
    tiny = Fraction(1, 10 ** 400)
    game = gd.BimatrixGame([[tiny, 0], [0, tiny]], [[1, 0], [0, 1]])
    assert not eq.is_degenerate(game)
    found = eq.all_nash(game)
    assert _canonical(found) == [((0.0, 1.0), (0.0, 1.0)), ((0.5, 0.5), (0.5, 0.5)),
                                 ((1.0, 0.0), (1.0, 0.0))]


# --------------------------------------- refusing games whose estimate passes 1.8e308
@pytest.mark.parametrize("shape", [(1100, 1100), (2000, 900)])
@pytest.mark.parametrize("exact", [False, True])
def test_games_beyond_the_float_range_of_estimates_are_refused_with_the_estimate(
        shape, exact):
    # McMullen's bound for a 1100 x 1100 game is about 7e454 vertices: float(bound)
    # raised OverflowError instead of the refusal that names the alternative
    game = gd.BimatrixGame(np.zeros(shape), np.zeros(shape))
    with pytest.raises(ValueError, match=r"e\+\d{3} .*lemke_howson"):
        eq.all_nash(game, exact=exact)
    if not exact:
        with pytest.raises(ValueError, match="lemke_howson"):
            eq.is_degenerate(game)
        vertices, seconds = eq.enumeration_estimate(shape)
        assert vertices > 10 ** 308 and seconds == np.inf


def test_max_seconds_is_checked_in_exact_mode_too():
    # exact mode has its own work limit, but a bad max_seconds is still a bad argument
    for value in (float("nan"), -1.0, 0.0):
        with pytest.raises(ValueError, match="`max_seconds`"):
            gd.equilibria.all_nash(gd.games.pigs(), exact=True, max_seconds=value)
    with pytest.raises(TypeError, match="`max_seconds`"):
        gd.equilibria.all_nash(gd.games.pigs(), exact=True, max_seconds="1")
