"""The built-in studies against closed forms: McLennan & Berg's expected number of
equilibria, the expected single pure equilibrium, the Stag Hunt's separatrix."""

from __future__ import annotations

import math

import numpy as np
import pytest

import gamedyn as gd
from gamedyn.sweeps.studies import (
    basins,
    expected_nash_count,
    gan_convergence,
    gan_spectral_radius,
    nash_count,
)


def test_expected_count_small_cases_by_hand():
    # n = 1: one equilibrium. n = 2: one pure on average (each cell is a pure equilibrium
    # with probability 1/4) plus the mixed one when both players' matrices are
    # "coordination" shaped, probability (1/2)^2 each: 1 + 1/4. n = 3: k = 2 term is
    # C(3,2)^2 (1/2 * 1/2)^2 = 9/16 (E Phi(Z / sqrt 2) = 1/2), k = 3 term (1/4)^2.
    assert expected_nash_count(1) == pytest.approx(1.0, abs=1e-12)
    assert expected_nash_count(2) == pytest.approx(1.25, abs=1e-12)
    assert expected_nash_count(3) == pytest.approx(1 + 9 / 16 + 1 / 16, abs=1e-12)


@pytest.mark.parametrize("n", range(1, 9))
def test_support_terms_at_both_ends(n):
    terms = expected_nash_count(n, by_support=True)
    assert terms.shape == (n,)
    assert terms[0] == pytest.approx(1.0, abs=1e-12)  # n^2 cells, each pure w.p. 1/n^2
    assert terms[-1] == pytest.approx(4.0 ** (1 - n), rel=1e-12)  # McLennan-Berg 2^-(2n-2)


def test_monte_carlo_mean_matches_mclennan_berg_for_gaussian_payoffs():
    """The mean count over 400 Gaussian games per n agrees with the exact expectation
    within 3.5 standard errors for n = 2 .. 8 (a fixed seed: the test is repeatable)."""
    ds = gd.sweep(nash_count, {"n": list(range(2, 9))}, seeds=400, rng=2005, progress=False)
    counts = ds["equilibria"]
    assert (counts % 2 == 1).all()  # nondegenerate games: an odd number (Lemke-Howson)
    mean = counts.mean("seed").values
    error = counts.std("seed", ddof=1).values / math.sqrt(400)
    exact = np.array([expected_nash_count(n) for n in range(2, 9)])
    assert np.all(np.abs(mean - exact) < 3.5 * error), (mean, exact, error)


def test_one_pure_equilibrium_is_expected_for_uniform_payoffs_too():
    ds = gd.sweep(_uniform_count, {"n": [3, 6]}, seeds=300, rng=1, progress=False)
    pure = ds["pure"]
    error = pure.std("seed", ddof=1).values / math.sqrt(300)
    assert np.all(np.abs(pure.mean("seed").values - 1.0) < 3.5 * error)


def _uniform_count(n, *, rng):
    return nash_count(n, distribution="uniform", rng=rng)


@pytest.mark.parametrize("dynamics", ["replicator", "gradient"])
def test_basins_split_at_the_saddles_stable_manifold(dynamics):
    """For the replicator and gradient play the mixed equilibrium's stable manifold is the
    line p + q = 1 (p' ~ 2q - 1, q' ~ 2p - 1): above it Stag, below it Hare."""
    axis = np.linspace(0.0, 1.0, 21)
    out = basins(dynamics, axis, axis)["outcome"]
    total = axis[:, None] + axis[None, :]
    assert np.all(out[total > 1.1] == 0)
    assert np.all(out[total < 0.9] == 1)
    np.testing.assert_array_equal(out, out.T)  # the game is symmetric


def test_best_response_cycles_off_the_diagonal_quadrants():
    out = basins("best_response", [0.2, 0.8], [0.2, 0.8])["outcome"]
    assert out.tolist() == [[1, 3], [3, 0]]


def test_basins_and_gan_refuse_bad_arguments_by_name():
    with pytest.raises(ValueError, match="`dynamics`"):
        basins("logit", [0.5], [0.5])
    with pytest.raises(ValueError, match="`p`"):
        basins("replicator", [1.5], [0.5])
    with pytest.raises(TypeError, match="`rng`"):
        gan_convergence(0.1, 0.1, rng=0)
    seeds = tuple(np.random.SeedSequence(0).spawn(2))
    for bad, name in ((dict(lr_g=-1.0), "lr_g"), (dict(lr_d=0.0), "lr_d"),
                      (dict(steps=0), "steps"), (dict(batch=2.5), "batch")):
        with pytest.raises((TypeError, ValueError), match=f"`{name}`"):
            gan_convergence(**{"lr_g": 0.1, "lr_d": 0.1, "rng": seeds, **bad})
    with pytest.raises(ValueError, match="`lr_d`"):
        gan_spectral_radius(0.1, -1.0)
    with pytest.raises(ValueError, match="`distribution`"):
        nash_count(3, distribution="cauchy")
    with pytest.raises(ValueError, match="`n`"):
        expected_nash_count(0)


def test_gan_steps_the_analyzer_calls_explosive_diverge():
    ds = gd.sweep(gan_convergence, {"lr_g": [0.5], "lr_d": [4.0]}, seeds=2, rng=0,
                  progress=False)
    assert gan_spectral_radius(0.5, 4.0) > 2
    assert ds["diverged"].all() and not ds["converged"].any()


@pytest.mark.parametrize("lr_g, lr_d", [(0.05, 4.0), (0.5, 0.5), (2.0, 2.0), (0.1, 0.2)])
def test_gan_verdict_is_the_analyzers_spectral_radius_of_simultaneous_steps(lr_g, lr_d):
    """The shortcut I + D J equals analyze(..., dynamics=Simultaneous) (train's lr_d is
    halved on the game's payoff: J_D = -V / 2)."""
    game = gd.gan.population_game((0.0, 1.0))
    report = gd.stability.analyze(game, game.equilibrium(),
                                  dynamics=gd.dynamics.Simultaneous((lr_g, lr_d / 2)))
    assert gan_spectral_radius(lr_g, lr_d) == pytest.approx(report.spectral_radius,
                                                            rel=1e-12)
