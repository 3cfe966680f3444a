"""Property tests: returned equilibria satisfy the best-response conditions, and
equilibria are invariant under the transformations that cannot change them."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import gamedyn as gd


def games(max_size=5, integers=False):
    def build(shape):
        m, n = shape
        if integers:
            elements = st.integers(-3, 3)
            dtype = int
        else:
            elements = st.floats(-10, 10, allow_nan=False, width=64)
            dtype = float
        return st.tuples(arrays(dtype, (m, n), elements=elements),
                         arrays(dtype, (m, n), elements=elements))
    sizes = st.tuples(st.integers(1, max_size), st.integers(1, max_size))
    return sizes.flatmap(build)


@settings(max_examples=60, deadline=None)
@given(games(integers=True))
def test_every_extreme_equilibrium_satisfies_best_response_conditions(payoffs):
    game = gd.BimatrixGame(*payoffs)
    found = gd.equilibria.all_nash(game)
    assert len(found) >= 1  # Nash (1951): every finite game has one
    for p, q in found:
        assert gd.equilibria.nash_gap(game, p, q) <= 1e-9
        # support condition: every played row earns the best payoff
        row_values = game.A @ q
        assert np.all(row_values[p > 1e-12] >= row_values.max() - 1e-9)


@settings(max_examples=60, deadline=None)
@given(games(max_size=6))
def test_lemke_howson_returns_nash(payoffs):
    game = gd.BimatrixGame(*payoffs)
    for label in (0, sum(game.shape) - 1):
        p, q = gd.equilibria.lemke_howson(game, initial_label=label)
        assert gd.equilibria.is_nash(game, p, q, tol=1e-8)


@settings(max_examples=40, deadline=None)
@given(games(max_size=4, integers=True), st.integers(-5, 5), st.integers(1, 4),
       st.integers(-5, 5), st.integers(1, 4))
def test_equilibria_invariant_under_positive_affine_payoff_maps(payoffs, shift1, scale1,
                                                               shift2, scale2):
    A, B = payoffs
    base = gd.equilibria.all_nash(gd.BimatrixGame(A, B))
    moved = gd.equilibria.all_nash(gd.BimatrixGame(scale1 * A + shift1, scale2 * B + shift2))
    key = lambda eqs: {tuple(np.round(np.concatenate(e), 9)) for e in eqs}  # noqa: E731
    assert key(base) == key(moved)


@settings(max_examples=40, deadline=None)
@given(games(max_size=4, integers=True))
def test_transposing_the_game_swaps_the_players(payoffs):
    game = gd.BimatrixGame(*payoffs)
    direct = {tuple(np.round(np.concatenate([p, q]), 9))
              for p, q in gd.equilibria.all_nash(game)}
    swapped = {tuple(np.round(np.concatenate([p, q]), 9))
               for q, p in gd.equilibria.all_nash(game.transpose())}
    assert direct == swapped


def test_perturbed_profile_is_not_nash():
    game = gd.games.matching_pennies()
    assert gd.equilibria.is_nash(game, [0.5, 0.5], [0.5, 0.5])
    # against q = (0.5, 0.5) every p is a best reply, but then the column player deviates
    assert not gd.equilibria.is_nash(game, [0.6, 0.4], [0.5, 0.5])
    assert gd.equilibria.nash_gap(game, [0.6, 0.4], [0.5, 0.5]) == pytest.approx(0.2)


def test_nash_gap_is_batched():
    game = gd.games.stag_hunt()
    p = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 0.0]])
    q = np.array([[1.0, 0.0], [0.0, 1.0], [0.0, 1.0]])
    # (Stag, Hare): the row player gains 2 - 1 = 1 by switching to Hare
    np.testing.assert_allclose(gd.equilibria.nash_gap(game, p, q), [0.0, 0.0, 1.0])
