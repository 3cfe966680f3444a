"""The ``z[..., i]`` contract of user payoff functions (docs/guide/your_own_game.md).

A payoff written with ``z[0]`` reads the first *batch* axis; gamedyn evaluates every
payoff on batches (the finite differences of the field evaluate all shifted states in
one call), and the mistake is refused there with a message naming the contract.
"""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gamedyn as gd

CONTRACT = r"payoff functions must index states as z\[\.\.\., i\] \(states have shape"


def _v_right(z):
    return z[..., 0] * z[..., 1]  # v = a b


def _v_wrong(z):
    return z[0] * z[1]  # the first two *states* when z is a batch


def _game(v, **kwargs):
    return gd.DifferentiableGame(1, 1, lambda z: -v(z), v, **kwargs)


@settings(max_examples=25, deadline=None)
@given(st.lists(st.integers(1, 3), max_size=2).map(tuple), st.integers(0, 2**31 - 1))
def test_a_payoff_indexing_z0_is_refused_naming_the_contract(batch, seed):
    z = np.random.default_rng(seed).normal(size=batch + (2,))
    broken = _game(_v_wrong)
    for method in (broken.field, broken.jacobian):
        with pytest.raises(ValueError, match=CONTRACT + r".*got output of shape"):
            method(z)


def test_the_message_gives_both_shapes():
    with pytest.raises(ValueError) as info:
        _game(_v_wrong).field(np.array([1.0, 2.0]))
    # the field evaluates 4 n = 8 shifted states in one call; z[0] * z[1] has shape (2,)
    assert str(info.value).endswith("got output of shape (2,) for input of shape (8, 2).")


def test_payoffs_on_a_batch_and_analyze_refuse_it():
    broken = _game(_v_wrong)
    with pytest.raises(ValueError, match=CONTRACT):
        broken.payoffs(np.ones((3, 2)))
    with pytest.raises(ValueError, match=CONTRACT):
        gd.stability.analyze(broken, [0.0, 0.0])


def test_exact_field_and_jacobian_indexing_z0_are_refused_by_name():
    game = _game(_v_right, field=lambda z: np.array([-z[1], z[0]]))
    with pytest.raises(ValueError, match=r"`field` must index states as z\[\.\.\., i\]"):
        game.field(np.ones((3, 2)))
    game = _game(_v_right, jacobian=lambda z: np.array([[0 * z[0], -1 + 0 * z[0]],
                                                        [1 + 0 * z[0], 0 * z[0]]]))
    with pytest.raises(ValueError, match=r"`jacobian` must index states as z\[\.\.\., i\]"):
        game.jacobian(np.ones((3, 2)))


@settings(max_examples=25, deadline=None)
@given(st.lists(st.integers(1, 3), max_size=2).map(tuple), st.integers(0, 2**31 - 1))
def test_the_same_game_written_right_gives_the_closed_form(batch, seed):
    # v = a b, player 1 minimizes: xi = (-dv/da, dv/db) = (-b, a); J = [[0, -1], [1, 0]]
    z = np.random.default_rng(seed).normal(size=batch + (2,))
    game = _game(_v_right)
    expected = np.stack([-z[..., 1], z[..., 0]], axis=-1)
    np.testing.assert_allclose(game.field(z), expected, atol=1e-9)
    np.testing.assert_allclose(game.jacobian(z), np.broadcast_to([[0.0, -1.0], [1.0, 0.0]],
                                                                 batch + (2, 2)), atol=1e-6)
    u1, u2 = game.payoffs(z)
    np.testing.assert_allclose(u2, z[..., 0] * z[..., 1], rtol=1e-15)
    np.testing.assert_allclose(u1, -u2, rtol=1e-15)
