"""The mixed extension ``g.mixed()`` in reduced coordinates, and the product of simplices.

Reduced coordinates: ``x = p[:m-1]``, ``y = q[:n-1]``, so ``p = E_m x + e_m`` with
``E_m = [I; -1]``. With ``u1 = p A q`` and ``u2 = p B q`` (both maximize) the field is
``xi = (E_m^T A q, E_n^T B^T p)`` and the Jacobian is the constant
``[[0, E_m^T A E_n], [E_n^T B^T E_m, 0]]``.
"""

import dataclasses
import itertools

import numpy as np
import pytest
from fd_reference import derivative, field_of
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import gamedyn as gd
from gamedyn.games.domain import SimplexProduct, project_corner_simplex, project_simplex

CATALOGUE = sorted(gd.games.CATALOGUE)


def interior_states(game, count, seed):
    """Random reduced states strictly inside the product of simplices."""
    rng = np.random.default_rng(seed)
    m, n = game.shape
    p, q = rng.dirichlet(np.ones(m), count), rng.dirichlet(np.ones(n), count)
    return np.concatenate([p[:, :-1], q[:, :-1]], axis=-1), p, q


def reduction(size):
    """``E = [I; -1]``, shape (size, size - 1)."""
    return np.vstack([np.eye(size - 1), -np.ones((1, size - 1))])


# ------------------------------------------------------------------ the field
@settings(max_examples=50, deadline=None)
@given(st.integers(0, 1024), st.integers(0, 1024))
def test_stag_hunt_field_is_exactly_2b_minus_1_2a_minus_1(i, j):
    # u1 = (a, 1 - a) [[4, 1], [3, 2]] (b, 1 - b): du1/da = (3b + 1) - (b + 2) = 2b - 1,
    # and symmetrically du2/db = 2a - 1. Dyadic a, b make every float operation exact.
    a, b = i / 1024, j / 1024
    field = gd.games.stag_hunt().mixed().field(np.array([a, b]))
    np.testing.assert_array_equal(field, [2 * b - 1, 2 * a - 1])


@pytest.mark.parametrize("key", CATALOGUE)
def test_reduced_payoffs_equal_the_bimatrix_payoffs(key):
    game = gd.games.CATALOGUE[key]()
    z, p, q = interior_states(game, 6, seed=1)
    u1, u2 = game.mixed().payoffs(z)
    np.testing.assert_allclose(u1, np.einsum("bi,ij,bj->b", p, game.A, q), atol=1e-12)
    np.testing.assert_allclose(u2, np.einsum("bi,ij,bj->b", p, game.B, q), atol=1e-12)


@pytest.mark.parametrize("key", CATALOGUE)
def test_field_equals_finite_differences_of_the_payoffs(key):
    mixed = gd.games.CATALOGUE[key]().mixed()
    z, _, _ = interior_states(gd.games.CATALOGUE[key](), 5, seed=2)
    assert mixed.has_exact_field and mixed.has_exact_jacobian
    np.testing.assert_allclose(mixed.field(z), field_of(mixed, z), atol=1e-10)


@pytest.mark.parametrize("key", CATALOGUE)
def test_jacobian_is_constant_and_equals_finite_differences_of_the_field(key):
    game = gd.games.CATALOGUE[key]()
    mixed = game.mixed()
    z, _, _ = interior_states(game, 4, seed=3)
    J = mixed.jacobian(z)
    assert J.shape == (4, mixed.n, mixed.n)
    np.testing.assert_array_equal(J, np.broadcast_to(J[0], J.shape))
    np.testing.assert_allclose(J, derivative(mixed.field, z), atol=1e-9)
    m, n = game.shape
    Em, En = reduction(m), reduction(n)
    closed = np.block([[np.zeros((m - 1, m - 1)), Em.T @ game.A @ En],
                       [En.T @ game.B.T @ Em, np.zeros((n - 1, n - 1))]])
    np.testing.assert_allclose(J[0], closed, atol=1e-14)


def test_rps_jacobian_by_hand():
    # E^T A E for A = RPS: rows minus the last row then columns minus the last column
    # gives [[0, -3], [3, 0]]; B = -A gives the same lower block. Eigenvalues +-3i (twice).
    J = gd.games.rock_paper_scissors().mixed().jacobian(np.full(4, 1 / 3))
    np.testing.assert_array_equal(J, [[0, 0, 0, -3], [0, 0, 3, 0],
                                      [0, -3, 0, 0], [3, 0, 0, 0]])
    np.testing.assert_array_equal(J, -J.T)
    eigenvalues = np.sort_complex(np.linalg.eigvals(J))
    np.testing.assert_allclose(eigenvalues, [-3j, -3j, 3j, 3j], atol=1e-12)


def test_matching_pennies_jacobian_by_hand():
    # u1 = (2a - 1)(2b - 1) = -u2, so xi = (2(2b - 1), -2(2a - 1)), J = [[0, 4], [-4, 0]]:
    # eigenvalues +-4i, a pure rotation around (1/2, 1/2)
    mixed = gd.games.matching_pennies().mixed()
    np.testing.assert_array_equal(mixed.jacobian([0.3, 0.9]), [[0, 4], [-4, 0]])
    np.testing.assert_allclose(mixed.field([0.5, 0.5]), [0, 0], atol=1e-15)


@settings(max_examples=25, deadline=None)
@given(arrays(float, (3, 4), elements=st.floats(-5, 5)))
def test_zero_sum_mixed_jacobians_are_antisymmetric(A):
    # B = -A: E_n^T B^T E_m = -(E_m^T A E_n)^T, so J = -J^T
    J = gd.BimatrixGame(A).mixed().jacobian(np.full(5, 0.2))
    np.testing.assert_allclose(J, -J.T, atol=1e-12)


def test_mixed_game_carries_its_domain():
    mixed = gd.games.shapley().mixed()
    assert (mixed.n1, mixed.n2) == (2, 2)
    assert mixed.domain == SimplexProduct(3, 3)
    np.testing.assert_allclose(mixed.project(np.array([0.8, 0.8, -0.1, 0.5])),
                               [0.5, 0.5, 0.0, 0.5])


def test_mixed_needs_two_strategies_per_player():
    with pytest.raises(ValueError, match="two strategies.*shape \\(1, 2\\)"):
        gd.BimatrixGame([[1, 2]]).mixed()


# ------------------------------------------------------------------ projections
def brute_force_projection(v, full=False):
    """Exact Euclidean projection onto {x >= 0, sum(x) <= 1} (or = 1 when ``full``).

    Enumerate the faces: coordinates fixed at zero and whether the sum constraint is
    active; on each face the projection is explicit. The best feasible candidate is the
    projection (the minimizer lies in the relative interior of some face).
    """
    k = len(v)
    best, best_distance = None, np.inf
    for zero in itertools.product([False, True], repeat=k):
        free = ~np.array(zero)
        for active in ([True] if full else [False, True]):
            x = np.zeros(k)
            if active:
                if not free.any():
                    continue
                x[free] = v[free] - (v[free].sum() - 1.0) / free.sum()
            else:
                x[free] = v[free]
            if np.all(x >= -1e-12) and x.sum() <= 1 + 1e-12:
                distance = np.sum((x - v) ** 2)
                if distance < best_distance:
                    best, best_distance = x, distance
    return best


@settings(max_examples=60, deadline=None)
@given(arrays(float, st.integers(1, 4), elements=st.floats(-3, 3)))
def test_corner_projection_is_the_euclidean_projection(v):
    projected = project_corner_simplex(v)
    np.testing.assert_allclose(projected, brute_force_projection(v), atol=1e-12)
    np.testing.assert_allclose(project_simplex(v), brute_force_projection(v, full=True),
                               atol=1e-12)


@settings(max_examples=15, deadline=None)
@given(arrays(float, 3, elements=st.floats(-3, 3)))
def test_corner_projection_agrees_with_scipy(v):
    from scipy.optimize import minimize

    constraints = [{"type": "ineq", "fun": lambda x: 1 - x.sum(), "jac": lambda x: -np.ones(3)}]
    best = minimize(lambda x: np.sum((x - v) ** 2), np.full(3, 0.2),
                    jac=lambda x: 2 * (x - v), bounds=[(0, None)] * 3,
                    constraints=constraints, method="SLSQP",
                    options={"ftol": 1e-15, "maxiter": 500})
    np.testing.assert_allclose(project_corner_simplex(v), best.x, atol=1e-6)


@settings(max_examples=30, deadline=None)
@given(arrays(float, (2, 3, 5), elements=st.floats(-3, 3)))
def test_product_projection_is_blockwise_batched_and_idempotent(z):
    domain = SimplexProduct(3, 4)  # x has 2 coordinates, y has 3
    projected = domain.project(z)
    assert projected.shape == z.shape
    for index in np.ndindex(2, 3):
        np.testing.assert_allclose(projected[index][:2], brute_force_projection(z[index][:2]),
                                   atol=1e-12)
        np.testing.assert_allclose(projected[index][2:], brute_force_projection(z[index][2:]),
                                   atol=1e-12)
    assert np.all(domain.contains(projected))
    np.testing.assert_allclose(domain.project(projected), projected, atol=1e-15)


def test_points_inside_are_unchanged():
    domain = SimplexProduct(3, 2)
    inside = np.array([[0.2, 0.3, 0.5], [0.0, 1.0, 1.0], [0.0, 0.0, 0.0]])
    np.testing.assert_array_equal(domain.project(inside), inside)


def test_strategies_round_trip_and_broadcast():
    domain = SimplexProduct(3, 2)
    p, q = np.array([0.2, 0.3, 0.5]), np.array([[0.6, 0.4], [0.1, 0.9]])
    z = domain.from_strategies(p, q)  # p broadcasts against the batch of q
    np.testing.assert_array_equal(z, [[0.2, 0.3, 0.6], [0.2, 0.3, 0.1]])
    back_p, back_q = domain.to_strategies(z)
    np.testing.assert_allclose(back_p, np.broadcast_to(p, (2, 3)), atol=1e-15)
    np.testing.assert_allclose(back_q, q, atol=1e-15)
    assert domain.dim == 3


def test_constraints_by_hand():
    G, h = SimplexProduct(3, 2).constraints()
    np.testing.assert_array_equal(G, [[-1, 0, 0], [0, -1, 0], [1, 1, 0], [0, 0, -1],
                                      [0, 0, 1]])
    np.testing.assert_array_equal(h, [0, 0, 1, 0, 1])
    domain = SimplexProduct(3, 2)
    # x = (0, 0.4): x0 >= 0 active; y = 1: y <= 1 active
    np.testing.assert_array_equal(domain.active_constraints(np.array([0.0, 0.4, 1.0])),
                                  [True, False, False, False, True])
    np.testing.assert_array_equal(domain.contains(np.array([[0.5, 0.6, 0.5], [0.5, 0.5, 0]])),
                                  [False, True])


def test_domain_is_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        SimplexProduct(2, 2).m = 3
