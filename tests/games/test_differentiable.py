"""DifferentiableGame: the numeric field and Jacobian (Richardson central differences)
against closed forms, batching, validation and immutability.

Convention: both players maximize; ``xi = (grad_x u1, grad_y u2)``, ``J = d xi / d z``.
"""

import numpy as np
import pytest

import gamedyn as gd
from gamedyn.games.domain import SimplexProduct


def polynomial_game():
    """n1 = 2, n2 = 1 with
    u1 = x1^3 y - x1 x2^2 + y^2 x2 / 2,  u2 = -y^4 / 4 + x1 x2 y^2."""

    def u1(z):
        x1, x2, y = z[..., 0], z[..., 1], z[..., 2]
        return x1**3 * y - x1 * x2**2 + 0.5 * y**2 * x2

    def u2(z):
        x1, x2, y = z[..., 0], z[..., 1], z[..., 2]
        return -(y**4) / 4 + x1 * x2 * y**2

    return gd.DifferentiableGame(2, 1, u1, u2, name="polynomial")


def polynomial_field(z):
    x1, x2, y = z[..., 0], z[..., 1], z[..., 2]
    return np.stack([3 * x1**2 * y - x2**2, -2 * x1 * x2 + 0.5 * y**2,
                     -(y**3) + 2 * x1 * x2 * y], axis=-1)


def polynomial_jacobian(z):
    x1, x2, y = z[..., 0], z[..., 1], z[..., 2]
    zero = np.zeros_like(x1)
    rows = [[6 * x1 * y, -2 * x2, 3 * x1**2],
            [-2 * x2, -2 * x1, y],
            [2 * x2 * y, 2 * x1 * y, -3 * y**2 + 2 * x1 * x2]]
    return np.stack([np.stack([entry + zero for entry in row], -1) for row in rows], -2)


def trig_game():
    """u1 = sin(x) y^2, u2 = cos(x y) - y^2."""
    return gd.DifferentiableGame(1, 1, lambda z: np.sin(z[..., 0]) * z[..., 1] ** 2,
                                 lambda z: np.cos(z[..., 0] * z[..., 1]) - z[..., 1] ** 2)


def trig_field(z):
    x, y = z[..., 0], z[..., 1]
    return np.stack([np.cos(x) * y**2, -x * np.sin(x * y) - 2 * y], -1)


def trig_jacobian(z):
    x, y = z[..., 0], z[..., 1]
    return np.stack([np.stack([-np.sin(x) * y**2, 2 * np.cos(x) * y], -1),
                     np.stack([-np.sin(x * y) - x * y * np.cos(x * y),
                               -(x**2) * np.cos(x * y) - 2], -1)], -2)


CASES = [(polynomial_game, polynomial_field, polynomial_jacobian),
         (trig_game, trig_field, trig_jacobian)]


@pytest.mark.parametrize("make, field, jacobian", CASES)
def test_numeric_field_is_accurate_to_1e_8(make, field, jacobian):
    game = make()
    z = np.random.default_rng(0).uniform(-2, 2, size=(3, 4, game.n))
    assert not game.has_exact_field and not game.has_exact_jacobian
    assert np.max(np.abs(game.field(z) - field(z))) < 1e-8


@pytest.mark.parametrize("make, field, jacobian", CASES)
def test_numeric_jacobian_of_the_numeric_field_is_accurate_to_1e_6(make, field, jacobian):
    game = make()
    z = np.random.default_rng(1).uniform(-2, 2, size=(5, game.n))
    assert np.max(np.abs(game.jacobian(z) - jacobian(z))) < 1e-6


def test_numeric_jacobian_of_an_exact_field_is_accurate():
    game = gd.DifferentiableGame(2, 1, np.sum, np.sum, field=polynomial_field)
    assert game.has_exact_field and not game.has_exact_jacobian
    z = np.random.default_rng(2).uniform(-2, 2, size=(4, 3))
    np.testing.assert_array_equal(game.field(z), polynomial_field(z))
    assert np.max(np.abs(game.jacobian(z) - polynomial_jacobian(z))) < 1e-8


@pytest.mark.parametrize("batch", [(), (1,), (5,), (2, 3), (2, 1, 3)])
def test_any_leading_batch_shape_gives_the_per_point_results(batch):
    game = polynomial_game()
    z = np.random.default_rng(3).normal(size=batch + (3,))
    u1, u2 = game.payoffs(z)
    field, jacobian = game.field(z), game.jacobian(z)
    assert u1.shape == u2.shape == batch
    assert field.shape == batch + (3,) and jacobian.shape == batch + (3, 3)
    for index in np.ndindex(*batch):
        single = z[index]
        np.testing.assert_allclose(field[index], game.field(single), atol=1e-12)
        np.testing.assert_allclose(jacobian[index], game.jacobian(single), atol=1e-9)
        assert u1[index] == pytest.approx(float(game.payoffs(single)[0]), abs=1e-14)


def test_constant_payoffs_and_fields_broadcast_to_the_batch():
    game = gd.DifferentiableGame(1, 2, lambda z: 1.0, lambda z: 2.0,
                                 field=lambda z: np.array([1.0, 2.0, 3.0]),
                                 jacobian=lambda z: np.eye(3))
    z = np.zeros((4, 3))
    assert game.payoffs(z)[1].shape == (4,)
    np.testing.assert_array_equal(game.field(z), np.tile([1.0, 2.0, 3.0], (4, 1)))
    np.testing.assert_array_equal(game.jacobian(z), np.broadcast_to(np.eye(3), (4, 3, 3)))


def test_split_field_unchecked_and_project():
    game = polynomial_game()
    z = np.arange(6.0).reshape(2, 3)
    x, y = game.split(z)
    np.testing.assert_array_equal(x, [[0, 1], [3, 4]])
    np.testing.assert_array_equal(y, [[2], [5]])
    np.testing.assert_array_equal(game.field_unchecked(z), game.field(z))
    assert game.project(z) is z  # no domain: the identity
    assert game.n == 3


@pytest.mark.parametrize("args, kwargs, error, words", [
    ((0, 1, np.sum, np.sum), {}, ValueError, "`n1`"),
    ((1, -2, np.sum, np.sum), {}, ValueError, "`n2`"),
    ((1.5, 1, np.sum, np.sum), {}, TypeError, "`n1`"),
    ((1, True, np.sum, np.sum), {}, TypeError, "`n2`"),
    ((1, 1, 3, np.sum), {}, TypeError, "`payoff1`.*callable"),
    ((1, 1, np.sum, "u2"), {}, TypeError, "`payoff2`.*callable"),
    ((1, 1, np.sum, np.sum), {"field": 1.0}, TypeError, "`field`"),
    ((1, 1, np.sum, np.sum), {"jacobian": [[1]]}, TypeError, "`jacobian`"),
    ((1, 1, np.sum, np.sum), {"name": 7}, TypeError, "`name`"),
    ((1, 1, np.sum, np.sum), {"equilibrium": [0, 0, 0]}, ValueError, "`equilibrium`"),
    ((1, 1, np.sum, np.sum), {"equilibrium": [np.nan, 0]}, ValueError, "`equilibrium`"),
    ((1, 1, np.sum, np.sum), {"domain": SimplexProduct(3, 3)}, ValueError, "`domain`"),
])
def test_construction_errors_name_the_argument(args, kwargs, error, words):
    with pytest.raises(error, match=words):
        gd.DifferentiableGame(*args, **kwargs)


@pytest.mark.parametrize("z, error, words", [
    (np.zeros(2), ValueError, r"`z`.*\(\*batch, 3\).*\(2,\)"),
    (np.zeros((4, 5)), ValueError, r"`z`.*\(4, 5\)"),
    (np.array([0.0, np.nan, 1.0]), ValueError, "`z`.*NaN"),
    ("abc", TypeError, "`z`"),
    (3.0, ValueError, "`z`"),
])
def test_bad_states_are_rejected_naming_z(z, error, words):
    game = polynomial_game()
    for method in (game.payoffs, game.field, game.jacobian):
        with pytest.raises(error, match=words):
            method(z)


def test_equilibrium_is_a_copy_of_a_read_only_point():
    game = gd.DifferentiableGame(1, 1, np.sum, np.sum, equilibrium=[1, 2])
    point = game.equilibrium()
    np.testing.assert_array_equal(point, [1.0, 2.0])
    point[0] = 100.0
    np.testing.assert_array_equal(game.equilibrium(), [1.0, 2.0])
    with pytest.raises(ValueError, match="no known equilibrium"):
        trig_game().equilibrium()


def test_games_are_immutable():
    game = polynomial_game()
    for attribute in ("n1", "name", "domain", "_field", "anything"):
        with pytest.raises(AttributeError, match="immutable"):
            setattr(game, attribute, 1)


def test_repr_and_html_name_the_game():
    game = polynomial_game()
    assert repr(game) == "DifferentiableGame('polynomial', n1=2, n2=1)"
    assert "polynomial" in game._repr_html_() and "2 parameter(s)" in game._repr_html_()
    assert "SimplexProduct(m=2, n=2)" in repr(gd.games.stag_hunt().mixed())
