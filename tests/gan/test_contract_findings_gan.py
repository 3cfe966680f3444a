"""Faults the contract suite found at the GAN's public boundary (issue 19)."""

import numpy as np
import pytest

import gamedyn as gd


@pytest.fixture(scope="module")
def game():
    return gd.gan.GANGame((1.0, 0.5), batch_size=8, eval_size=16, rng=0)


@pytest.fixture(scope="module")
def run():
    return gd.gan.train((1.0, 0.5), steps=20, rng=0, log_every=5)


def test_game_arguments_are_refused_by_name(game):
    with pytest.raises(TypeError, match="`r1`"):
        gd.gan.GANGame(r1="1")
    with pytest.raises(ValueError, match="`eval_size`"):
        gd.gan.GANGame(eval_size=10**12)
    with pytest.raises(TypeError, match="`batch_shape`"):
        game.draw(0, (2.5,))
    for method in (game.field, game.jacobian):
        with pytest.raises(TypeError, match="`noise`"):
            method(np.zeros(5), noise=3)
        with pytest.raises(ValueError, match="`z`"):  # the models overflow there
            method(np.full(5, 1e308))
    with pytest.raises(TypeError, match="`noise`"):
        game.partial_field(np.zeros(5), 1, noise=3)
    # a finite state still gives the field, the same as the unchecked hot path
    z = np.array([0.0, 1.0, 0.1, -0.2, 0.3])
    np.testing.assert_array_equal(game.field(z), game.field_unchecked(z))


def test_train_and_run_arguments_are_refused_by_name(run):
    for name in ("depth", "hidden"):
        with pytest.raises(ValueError, match=f"`{name}`"):
            gd.gan.train(steps=1, **{name: -1})
    with pytest.raises(ValueError, match="`x`"):
        run.discriminator_output([np.nan, 1.0])
    for n in (True, 0):
        with pytest.raises((TypeError, ValueError), match="`n`"):
            run.sample(n)
    assert run.sample(3).shape == (3,)


def test_partial_field_refuses_a_player_that_is_not_the_int_1_or_2():
    game = gd.gan.GANGame((1.0, 0.5), batch_size=8, eval_size=16, rng=0)
    z = np.array([0.0, 1.0, 0.1, -0.2, 0.3])
    for player in (True, 0, 3, 1.0, "1"):
        with pytest.raises(ValueError, match="`player`"):
            game.partial_field(z, player)
    # the blocks are the field's halves
    field = game.field(z)
    np.testing.assert_allclose(game.partial_field(z, 1), field[:2], rtol=1e-12)
    np.testing.assert_allclose(game.partial_field(z, 2), field[2:], rtol=1e-12)


def test_no_exact_jacobian_is_refused_for_every_z_and_says_which_models():
    game = gd.gan.GANGame((1.0, 0.5), discriminator=gd.gan.MLP(4), rng=0)
    for z in (np.zeros(game.n1 + game.n2), np.full(game.n1 + game.n2, 1e308)):
        with pytest.raises(ValueError, match="at any `z`.*`discriminator`"):
            game.jacobian(z)
