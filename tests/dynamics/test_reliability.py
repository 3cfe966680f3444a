"""Issue 19 in the dynamics layer: every bad input a clear error, every run-time failure a
status with a message.

Expected outcomes are worked by hand: Adam on the field xi = (exp(x), 0) moves x by
about lr per step, so x passes 355 (where exp(2 x) overflows) within a few dozen steps
with the field still finite (exp(365) ~ 1e158): the second moment overflows there and
the run must be reported diverged, never converged. The implicit step of the proximal
point method on the field xi(x, y) = (y, x) solves (I - eta J) w = z with
J = [[0, 1], [1, 0]], whose eigenvalues are +-1, so I - J is singular at eta = 1.
"""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gamedyn as gd
from gamedyn import Status
from gamedyn.dynamics import (
    REGISTRY,
    Adam,
    Alternating,
    Constant,
    FromCallable,
    GradientDynamics,
    ProximalPoint,
    Simultaneous,
    constant,
    get_dynamics,
    inverse_time,
)


def exp_game():
    return gd.DifferentiableGame(
        1, 1, lambda z: np.exp(z[..., 0]), lambda z: 0.0 * z[..., 1],
        field=lambda z: np.stack([np.exp(z[..., 0]), 0.0 * z[..., 1]], axis=-1))


def swap_game():
    """xi(x, y) = (y, x): both players' payoffs x y, J = [[0, 1], [1, 0]]."""
    return gd.DifferentiableGame(
        1, 1, lambda z: z[..., 0] * z[..., 1], lambda z: z[..., 0] * z[..., 1],
        field=lambda z: z[..., ::-1], jacobian=lambda z: np.array([[0.0, 1.0], [1.0, 0.0]]))


GRADIENT_CLASSES = [cls for cls in REGISTRY.values() if issubclass(cls, GradientDynamics)]


# ---------------------------------------------------------------- overflow in a method's state
@pytest.mark.parametrize("lr", [1.0, 10.0, 100.0])
@pytest.mark.parametrize("play", ["simultaneous", "alternating"])
def test_adam_on_an_exploding_field_diverges_and_never_converges(lr, play):
    dynamics = Adam(lr) if play == "simultaneous" else Alternating(Adam(lr))
    run = gd.simulate(exp_game(), dynamics, [0.0, 0.0], 2000, bound=1e300)
    assert run.status == Status.DIVERGED
    assert "diverged" in run.message
    # frozen at its last state, where the field is still finite
    assert np.all(np.isfinite(run.final)) and np.isfinite(np.exp(run.final[0]))


@pytest.mark.parametrize("cls", [cls for cls in GRADIENT_CLASSES
                                 if cls is not gd.dynamics.Consensus])
def test_no_rule_reports_convergence_on_an_exploding_field(cls):
    # the field grows without bound along x and vanishes nowhere, so a rule whose rest
    # points are zeros of the field may never sit still (consensus is left out: it rests
    # where xi = J^T xi, here at x = 0, a fixed point of its map though not of the game)
    dynamics = cls(1.0) if cls is not Alternating else Alternating(1.0)
    run = gd.simulate(exp_game(), dynamics, [[0.0, 0.0], [300.0, 1.0]], 3000, bound=1e300)
    assert not np.any(run.status == Status.CONVERGED), (cls, run.final, run.message)


# ---------------------------------------------------------------- singular implicit steps
@pytest.mark.parametrize("play", ["simultaneous", "alternating"])
def test_a_singular_proximal_step_is_a_failed_status_with_a_message(play):
    game = swap_game()
    dynamics = ProximalPoint(1.0) if play == "simultaneous" else \
        Alternating(ProximalPoint(1.0))
    if play == "alternating":
        # one player's block of J is 0, so I - eta J_block = I: never singular
        run = gd.simulate(game, dynamics, [1.0, 0.0], 5, bound=1e300)
        assert run.status != Status.FAILED
        return
    run = gd.simulate(game, dynamics, [1.0, 0.0], 5)
    assert run.status == Status.FAILED and not run.success
    assert "singular" in run.message and "`lr`" in run.message
    assert int(run.failed_at) == 1 and int(run.diverged_at) == -1
    assert np.array_equal(run.final, [1.0, 0.0])  # frozen at its last state


def test_only_the_singular_runs_of_a_batch_fail():
    # per-run step sizes: eta = 1 is singular, eta = 0.5 is not (I - 0.5 J invertible)
    run = gd.simulate(swap_game(), ProximalPoint(np.array([1.0, 0.5])),
                      [[1.0, 0.0], [1.0, 0.0]], 3, bound=1e300)
    assert run.status[0] == Status.FAILED and run.status[1] != Status.FAILED
    # (I - 0.5 J)^{-1} (1, 0) = (1, 0.5) / (1 - 0.25) for the healthy run
    assert run.states[1, 1] == pytest.approx([4 / 3, 2 / 3], rel=1e-12)
    assert np.array_equal(run.failed_at, [1, -1])


# ---------------------------------------------------------------- sizes before allocating
@pytest.mark.parametrize("steps", [10**12, 2**63, 10**30])
def test_steps_too_large_to_save_is_refused_before_allocating(steps):
    with pytest.raises(ValueError, match="`steps`.*`save_every`.*GB"):
        gd.simulate(gd.games.bilinear(), "simultaneous", [1, 0], steps)


def test_save_every_brings_a_long_run_within_the_limit():
    # 10**12 rounds saved every 10**10 rounds is 101 rows: accepted (and stops early)
    run = gd.simulate(gd.games.bilinear(), "extragradient", [1.0, 0.0], 10**12,
                      save_every=10**10, tol=1e-3)
    assert run.states.shape == (101, 2) and run.status == Status.CONVERGED


def test_batch_counts_in_the_size_check():
    with pytest.raises(ValueError, match="`steps`"):
        gd.simulate(gd.games.bilinear(), "simultaneous", np.zeros((10**5, 2)), 10**4)


@pytest.mark.parametrize("rng, error", [(-1, ValueError), (0.5, TypeError), ("0", TypeError)])
def test_bad_rng_names_rng(rng, error):
    with pytest.raises(error, match="`rng`"):
        gd.simulate(gd.games.bilinear(), "simultaneous", [1, 0], 10, rng=rng)


# ---------------------------------------------------------------- step sizes and schedules
@pytest.mark.parametrize("cls", GRADIENT_CLASSES)
@pytest.mark.parametrize("lr", [10**400, (0.1, 10**400), -(10**400)])
def test_step_sizes_beyond_the_float_range_are_refused(cls, lr):
    with pytest.raises(ValueError, match="`lr"):
        cls(lr=lr)


@pytest.mark.parametrize("schedule", [lambda: 0.1, lambda t, s: 0.1, lambda *, t: 0.1])
def test_a_schedule_with_the_wrong_signature_names_lr(schedule):
    with pytest.raises(TypeError, match="`lr`.*round t"):
        Simultaneous(lr=schedule)
    with pytest.raises(TypeError, match=r"`lr\[1\]`"):
        Simultaneous(lr=(0.1, schedule))
    with pytest.raises(TypeError, match="`fn`"):
        FromCallable(schedule)


def test_schedules_with_defaults_or_star_args_are_accepted():
    assert Simultaneous(lr=lambda t, s=2: 0.1 / s).step_sizes(3) == (0.05, 0.05)
    assert Simultaneous(lr=lambda *a: 0.1).step_sizes(0) == (0.1, 0.1)


def test_a_schedule_that_overflows_or_fails_names_lr():
    with pytest.raises(ValueError, match="`lr` schedule"):
        Simultaneous(lr=lambda t: 10**400)
    dynamics = Simultaneous(lr=lambda t: 1.0 / (1 - t))  # t = 1: ZeroDivisionError
    with pytest.raises(ValueError, match="`lr` schedule failed at step 1"):
        gd.simulate(gd.games.bilinear(), dynamics, [1.0, 0.0], 3)


def test_schedule_objects_check_their_own_arguments():
    with pytest.raises(ValueError, match="`value`"):
        Constant(0)
    with pytest.raises(ValueError, match="`value`"):
        constant(-1)
    with pytest.raises(TypeError, match="`name`"):
        constant(0.5).rate(0, 3)
    with pytest.raises(TypeError, match="`name`"):
        inverse_time(0.5).rate(0, ["a"])
    with pytest.raises(ValueError, match="`t`"):
        FromCallable(lambda t: 0.1).rate(-1, "lr")
    with pytest.raises(TypeError, match="`t`"):
        inverse_time(0.5).rate(0.5, "lr")
    with pytest.raises(TypeError, match="`fn`"):
        FromCallable(3)
    assert inverse_time(0.5, 1.0).rate(1, "lr") == 0.25


def test_get_dynamics_names_its_argument():
    with pytest.raises(ValueError, match="`name_or_instance`.*`dynamics`"):
        get_dynamics("no such name")
    with pytest.raises(ValueError, match="^`dynamics` must be one of"):
        gd.simulate(gd.games.bilinear(), "no such name", [1, 0], 3)


# ---------------------------------------------------------------- the user protocol
ALL_CLASSES = list(REGISTRY.values())


def _game_for(cls):
    return gd.games.pigs() if issubclass(cls, gd.dynamics.MatrixDynamics) else \
        gd.games.bilinear()


@pytest.mark.parametrize("cls", ALL_CLASSES)
def test_init_step_and_simulate_name_a_wrong_game(cls):
    dynamics = cls()
    with pytest.raises(TypeError, match="`game`"):
        dynamics.init(None, [0.0, 0.0])
    with pytest.raises(TypeError, match="`game`"):
        gd.simulate(None, dynamics, [1.0, 0.0], 10)
    game = _game_for(cls)
    start = [0.5, 0.5, 0.5, 0.5] if isinstance(game, gd.BimatrixGame) else [1.0, 0.0]
    state = dynamics.init(game, start)
    with pytest.raises(TypeError, match="`game`"):
        dynamics.step(None, state)


@pytest.mark.parametrize("cls", ALL_CLASSES)
@pytest.mark.parametrize("bad", [None, "state", 3, (np.zeros(2),), np.zeros(2)])
def test_step_names_a_bad_state(cls, bad):
    with pytest.raises((TypeError, ValueError), match="`state"):
        cls().step(_game_for(cls), bad)


@pytest.mark.parametrize("cls", ALL_CLASSES)
def test_step_refuses_a_state_of_the_wrong_size_and_a_bad_rng(cls):
    dynamics, game = cls(), _game_for(cls)
    dim = dynamics.state_dim(game)
    state = dynamics.init(game, np.full(dim, 0.5))
    with pytest.raises(ValueError, match="`state.z`"):
        dynamics.step(game, state._replace(z=np.zeros(dim + 1)))
    with pytest.raises(TypeError, match="`rng`"):
        dynamics.step(game, state, rng=0.5)


@pytest.mark.parametrize("cls", [Simultaneous, gd.dynamics.Momentum, Adam,
                                 gd.dynamics.Extragradient])
def test_step_from_a_huge_state_raises_no_warning(cls):
    # warnings are errors in this suite: an overflowing step returns non-finite numbers
    game = gd.games.bilinear()
    state = cls(0.5).init(game, np.full(2, 1e308))
    out = cls(0.5).step(game, state)
    assert out.t == 1


@pytest.mark.parametrize("name", ["simultaneous", "consensus", "sga", "replicator", "logit"])
def test_flow_field_names_its_arguments(name):
    dynamics = get_dynamics(name)
    with pytest.raises(TypeError, match="`game`"):
        dynamics.flow_field(None, np.zeros(2))
    game = _game_for(type(dynamics))
    dim = dynamics.state_dim(game)
    for bad in (np.zeros(dim + 1), np.full(dim, np.nan), "z", None):
        with pytest.raises((TypeError, ValueError), match="`z`"):
            dynamics.flow_field(game, bad)


def test_flow_field_of_a_dynamics_without_a_flow_says_so():
    with pytest.raises(TypeError, match="no continuous-time limit"):
        Adam().flow_field(gd.games.bilinear(), np.zeros(2))


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), lr=st.floats(0.01, 2.0))
def test_same_seed_same_bits_with_failures_in_the_batch(seed, lr):
    # the failure bookkeeping must not disturb determinism of the healthy runs
    dynamics = ProximalPoint(np.array([1.0, lr]))
    start = np.random.default_rng(seed).normal(size=(2, 2))
    first = gd.simulate(swap_game(), dynamics, start, 20, rng=seed, bound=1e300)
    second = gd.simulate(swap_game(), dynamics, start, 20, rng=seed, bound=1e300)
    assert np.array_equal(first.states, second.states, equal_nan=True)
    assert np.array_equal(first.status, second.status)
    assert first.status[0] == Status.FAILED


def test_a_proximal_step_without_a_solution_fails_instead_of_converging():
    # with eta = 1 the implicit step on xi = (exp(x), 0) solves f(w) = w - x - exp(w) = 0;
    # f is largest at w = 0 where f(0) = -x - 1, so there is no solution iff x > -1
    run = gd.simulate(exp_game(), ProximalPoint(1.0), [[-0.5, 0.0], [0.375, 0.0],
                                                       [-3.0, 0.0]], 1)
    assert run.status[0] == Status.FAILED and run.status[1] == Status.FAILED
    assert run.status[2] != Status.FAILED
    assert "did not solve the implicit step" in run.message
    # the solvable run took its exact implicit step: w = -3 + exp(w)
    w = run.final[2, 0]
    assert w == pytest.approx(-3.0 + np.exp(w), abs=1e-12)


@pytest.mark.parametrize("a, b, lr, x0", [(770.685, 1.17896, 47.297, 202.371),
                                          (120.143, 0.33382, 30.0643, 12.6449)])
def test_an_inexact_proximal_step_is_not_a_jump_the_equation_does_not_support(a, b, lr, x0):
    # found with random examples: on xi = (a exp(b x), 0) the implicit step w = x + eta a
    # exp(b w) has no solution for these eta, and Newton jumped far to the *left* (w < x,
    # impossible for a solution, since exp > 0) where the field underflows to 0, and the
    # run was reported converged; the relative error criterion |residual| <= |w - x| / 2
    # refuses such a step
    game = gd.DifferentiableGame(
        1, 1, lambda z: a * np.exp(b * z[..., 0]) / b, lambda z: 0.0 * z[..., 1],
        field=lambda z: np.stack([a * np.exp(b * z[..., 0]), 0.0 * z[..., 1]], axis=-1),
        jacobian=lambda z: np.einsum("...,ij->...ij", a * b * np.exp(b * z[..., 0]),
                                     np.array([[1.0, 0.0], [0.0, 0.0]])))
    for dynamics in (ProximalPoint(lr), Alternating(ProximalPoint(lr))):
        run = gd.simulate(game, dynamics, [x0, 0.0], 400, bound=1e300, tol=1e-12)
        assert run.status == Status.FAILED, (run.final, run.message)
        assert "did not solve the implicit step" in run.message
        # every accepted step moved right, as a solution of the implicit equation must
        x = run.states[: int(run.failed_at), 0] if run.failed_at is not None else run.states[:, 0]
        assert np.all(np.diff(x) >= 0)


# ---------------------------------------------------------------- flow never hangs
def test_a_long_flow_stops_at_its_evaluation_budget_with_a_failed_status():
    run = gd.flow(gd.games.bilinear(), [1.0, 0.0], (0, 1e5))
    assert run.status == Status.FAILED and "`max_evaluations` = 200000" in run.message
    assert run.field_evaluations <= 200_000 + 20  # one solver step past the cap at most
    k = int(run.failed_at)
    assert 0 < k < len(run.times)
    # the states reached are the rotation (cos t, sin t); later rows repeat the last one
    t = run.times[:k]
    assert np.allclose(run.states[:k], np.stack([np.cos(t), np.sin(t)], -1), atol=1e-5)
    assert np.array_equal(run.states[k:], np.broadcast_to(run.states[k - 1], run.states[k:].shape))


def test_the_budget_and_the_wall_time_are_options():
    small = gd.flow(gd.games.bilinear(), [1.0, 0.0], (0, 100), max_evaluations=500)
    assert small.status == Status.FAILED and small.field_evaluations < 600
    enough = gd.flow(gd.games.bilinear(), [1.0, 0.0], (0, 100), max_evaluations=10**6)
    assert enough.status == Status.RUNNING  # a centre: neither converged nor diverged
    assert enough.final == pytest.approx([np.cos(100), np.sin(100)], abs=1e-5)
    timed = gd.flow(gd.games.bilinear(), [1.0, 0.0], (0, 1e7), max_seconds=0.2,
                    max_evaluations=10**9)
    assert timed.status == Status.FAILED and "`max_seconds`" in timed.message
    for name, value in (("max_evaluations", 0), ("max_evaluations", 2.5),
                        ("max_seconds", -1.0)):
        with pytest.raises((TypeError, ValueError), match=f"`{name}`"):
            gd.flow(gd.games.bilinear(), [1.0, 0.0], (0, 1), **{name: value})


def test_a_stiff_flow_is_handled_by_an_implicit_method():
    # dx/dt = -1e6 (x - cos t) style stiffness: x' = -k x with k = 1e6 for player 1 and a
    # slow rotation; explicit RK45 needs ~k t steps, Radau a handful. x(t) = exp(-k t)
    k = 1e6
    game = gd.DifferentiableGame(1, 1, lambda z: -k * z[..., 0] ** 2 / 2,
                                 lambda z: -z[..., 1] ** 2 / 2,
                                 field=lambda z: np.stack([-k * z[..., 0], -z[..., 1]], -1))
    explicit = gd.flow(game, [1.0, 1.0], (0, 10), max_evaluations=20_000)
    assert explicit.status == Status.FAILED and "stiff" in explicit.message
    implicit = gd.flow(game, [1.0, 1.0], (0, 10), method="Radau", atol=1e-12)
    assert implicit.status != Status.FAILED
    assert implicit.final == pytest.approx([0.0, np.exp(-10.0)], abs=1e-8)


def test_flow_refuses_an_unreachable_rtol_instead_of_warning():
    with pytest.raises(ValueError, match="`rtol` must be at least"):
        gd.flow(gd.games.bilinear(), [1, 0], (0, 1), rtol=1e-20)


def test_flow_from_extreme_starts_is_a_status_or_a_clear_error():
    with pytest.raises(ValueError, match="`z0` must be finite"):
        gd.flow(gd.games.landscape(), [1.8e308, 1.8e308], (0, 1))
    run = gd.flow(gd.games.landscape(), [1.7e308, 1.7e308], (0, 1))
    assert run.status == Status.DIVERGED and int(run.diverged_at) == 0
    run = gd.flow(gd.games.bilinear(), [[1.0, 0.0], [1e9, 0.0]], (0, 1))
    assert list(run.status) == [Status.RUNNING, Status.DIVERGED]


def test_flow_matches_the_closed_form_rotation_and_counts_its_evaluations():
    run = gd.flow(gd.games.bilinear(), [[1.0, 0.0], [0.0, 2.0]], (0, 3))
    t = run.times
    expected = np.stack([np.stack([np.cos(t), np.sin(t)], -1),
                         np.stack([-2 * np.sin(t), 2 * np.cos(t)], -1)], axis=1)
    assert np.allclose(run.states, expected, atol=1e-6)
    assert 0 < run.field_evaluations < 200_000
    again = gd.flow(gd.games.bilinear(), [[1.0, 0.0], [0.0, 2.0]], (0, 3))
    assert np.array_equal(run.states, again.states)


# ---------------------------------------------------------------- DifferentiableGame
def quadratic():
    # u1 = -x y - x^2, u2 = x y - y^2: xi = (-y - 2x, x - 2y) by hand (numeric field)
    return gd.DifferentiableGame(1, 1, lambda z: -z[..., 0] * z[..., 1] - z[..., 0] ** 2,
                                 lambda z: z[..., 0] * z[..., 1] - z[..., 1] ** 2)


def test_game_construction_names_a_wrong_domain_or_symbolic_form():
    with pytest.raises(TypeError, match="`domain`"):
        gd.DifferentiableGame(1, 1, np.sum, np.sum, domain="simplex")
    with pytest.raises(TypeError, match="`symbolic`"):
        gd.DifferentiableGame(1, 1, np.sum, np.sum, symbolic="x")


@pytest.mark.parametrize("method", ["field", "payoffs"])
def test_field_and_payoffs_that_overflow_are_an_error_naming_z_not_a_warning(method):
    game = quadratic()
    with pytest.raises(ValueError, match="not finite at this `z`"):
        getattr(game, method)([1e308, 1e308])
    assert np.allclose(game.field([1.0, 2.0]), [-4.0, -3.0], atol=1e-8)


def test_jacobian_far_out_is_an_error_naming_z_and_a_divergence_in_a_run():
    game = quadratic()
    with pytest.raises(ValueError, match="Jacobian is not finite at this `z`"):
        game.jacobian([1e308, 1e308])
    with np.errstate(all="ignore"):  # the unchecked hot-loop path: no validation
        assert game.jacobian_unchecked(np.array([1e308, 1e308])).shape == (2, 2)
    # consensus evaluates the Jacobian every round: a run far out diverges, a run near
    # the attracting fixed point 0 goes on in the same batch
    run = gd.simulate(game, gd.dynamics.Consensus(0.1), [[1e307, 1e307], [1.0, 1.0]], 50,
                      bound=1e308)
    assert run.status[0] == Status.DIVERGED and run.status[1] != Status.DIVERGED
    # by hand: J = [[-2, -1], [1, -2]] everywhere
    assert np.allclose(game.jacobian([1.0, 2.0]), [[-2.0, -1.0], [1.0, -2.0]], atol=1e-6)


@pytest.mark.parametrize("method", ["field_unchecked", "project", "split"])
@pytest.mark.parametrize("bad", [np.zeros((2, 0)), np.zeros(3), [0.0, 0.0], None])
def test_unchecked_methods_still_check_the_shape(method, bad):
    with pytest.raises(ValueError, match="`z`"):
        getattr(quadratic(), method)(bad)


def test_partial_field_and_draw_check_their_arguments():
    game = gd.games.bilinear()
    z = np.array([1.0, 2.0])
    for bad in (0, 3, "1", None, True, 1.0):
        with pytest.raises(ValueError, match="`player`"):
            game.partial_field(z, bad)
    assert game.partial_field(z, np.int32(2)).tolist() == [1.0]  # dv/dy = x
    with pytest.raises(TypeError, match="`rng`"):
        game.draw(0.5, (3,))
    assert game.draw(0, (3,)) is None


@pytest.mark.parametrize("name", ["simultaneous", "sga", "consensus"])
def test_flow_field_that_overflows_is_an_error_naming_z(name):
    with pytest.raises(ValueError, match="not finite at this `z`"):
        get_dynamics(name).flow_field(quadratic(), np.array([1e308, -1e308]))


@pytest.mark.parametrize("cls", [cls for cls in REGISTRY.values()
                                 if issubclass(cls, gd.dynamics.MatrixDynamics)])
def test_bimatrix_starts_with_huge_entries_are_refused_without_a_warning(cls):
    with pytest.raises(ValueError, match="`z0"):
        cls().init(gd.games.pigs(), np.full(4, 1e308))


@pytest.mark.parametrize("cls", ALL_CLASSES)
@pytest.mark.parametrize("bad", [None, "abc", np.nan, [np.inf, 0.0], np.zeros(7)])
def test_linearization_names_a_bad_point(cls, bad):
    dynamics = cls()
    with pytest.raises((TypeError, ValueError), match="`point`"):
        dynamics.linearization(_game_for(cls), bad)
    with pytest.raises(TypeError, match="`game`"):
        dynamics.linearization(None, [0.0, 0.0])


def test_sga_eps_must_be_positive():
    with pytest.raises(ValueError, match="`eps`"):
        gd.dynamics.SGA(eps=0.0)


def test_draw_checks_the_batch_shape():
    for bad in ([3], (2.5,), (-1,), "3", (True,)):
        with pytest.raises(TypeError, match="`batch_shape`"):
            gd.games.bilinear().draw(None, bad)


def test_flow_field_checks_z_before_saying_there_is_no_flow():
    with pytest.raises(ValueError, match="`z`"):
        Adam().flow_field(gd.games.bilinear(), np.zeros(3))


def test_a_bimatrix_linearization_that_overflows_names_point():
    game = gd.BimatrixGame([[1e300, 0.0], [0.0, 1e300]])
    with pytest.raises(ValueError, match="`point`"):
        gd.dynamics.LogitResponse(temperature=1e-300).linearization(
            game, [0.5, 0.5, 0.5, 0.5])


RULES_AT_ZEROS = [cls for cls in GRADIENT_CLASSES if cls not in (Alternating,
                                                                 gd.dynamics.Consensus)]


@settings(max_examples=40, deadline=None, derandomize=True)  # same examples in every run
@given(rule=st.sampled_from(RULES_AT_ZEROS), alternate=st.booleans(),
       a=st.floats(1e-3, 1e3), b=st.floats(0.1, 10.0), lr=st.floats(0.01, 50.0),
       x0=st.floats(0.0, 300.0))
def test_overflow_is_never_reported_as_convergence(rule, alternate, a, b, lr, x0):
    # xi = (a exp(b x), 0) with a, b > 0 never vanishes and pushes x up without bound:
    # every run must end diverged, failed or still running, whatever the rule's state
    # does on the way (moments, momentum, implicit steps) -- never converged
    game = gd.DifferentiableGame(
        1, 1, lambda z: a * np.exp(b * z[..., 0]) / b, lambda z: 0.0 * z[..., 1],
        field=lambda z: np.stack([a * np.exp(b * z[..., 0]), 0.0 * z[..., 1]], axis=-1),
        jacobian=lambda z: np.einsum("...,ij->...ij", a * b * np.exp(b * z[..., 0]),
                                     np.array([[1.0, 0.0], [0.0, 0.0]])))
    dynamics = Alternating(rule(lr)) if alternate else rule(lr)
    run = gd.simulate(game, dynamics, [x0, 0.0], 400, bound=1e300, tol=1e-12)
    assert run.status != Status.CONVERGED, (run.final, run.message)


def test_a_stalled_implicit_step_fails_instead_of_converging():
    # found by the property above: xi = (2 exp(2x), 0) and eta = 2 from x0 = 17.15; the
    # implicit step w = x + 4 exp(2w) has no solution, Newton stalls near x = 3.97, and
    # the run was reported converged there
    game = gd.DifferentiableGame(
        1, 1, lambda z: np.exp(2 * z[..., 0]), lambda z: 0.0 * z[..., 1],
        field=lambda z: np.stack([2 * np.exp(2 * z[..., 0]), 0.0 * z[..., 1]], axis=-1),
        jacobian=lambda z: np.einsum("...,ij->...ij", 4 * np.exp(2 * z[..., 0]),
                                     np.array([[1.0, 0.0], [0.0, 0.0]])))
    run = gd.simulate(game, gd.dynamics.ProximalPoint(2.0), [17.152531106996374, 0.0], 400,
                      bound=1e300, tol=1e-12)
    assert run.status != Status.CONVERGED, (run.final, run.message)
