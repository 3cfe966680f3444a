"""Targets: the mixture's CDF, density and quantile against independent computations."""

import numpy as np
import pytest
from scipy import optimize, stats

import gamedyn as gd

MIXTURES = [
    gd.gan.Mixture([0.5, 0.5], [-1.0, 3.0], [0.25, 0.25]),
    gd.gan.Mixture([0.3, 0.7], [-20.0, 20.0], [0.1, 1.0]),  # density underflows between
    gd.gan.Mixture([0.2, 0.5, 0.3], [0.0, 0.1, 5.0], [1.0, 0.01, 2.0]),  # a narrow spike
    gd.gan.Mixture([0.5, 0.5], [0.0, 0.0], [1.0, 1e-3]),
]


@pytest.mark.parametrize("mixture", MIXTURES, ids=repr)
def test_cdf_and_pdf_match_scipy(mixture):
    x = np.linspace(-25, 25, 301)
    expected_cdf = sum(w * stats.norm.cdf(x, m, s)
                       for w, m, s in zip(mixture.weights, mixture.means, mixture.stds))
    expected_pdf = sum(w * stats.norm.pdf(x, m, s)
                       for w, m, s in zip(mixture.weights, mixture.means, mixture.stds))
    np.testing.assert_allclose(mixture.cdf(x), expected_cdf, atol=1e-15)
    np.testing.assert_allclose(mixture.pdf(x), expected_pdf, rtol=1e-12, atol=1e-300)


@pytest.mark.parametrize("mixture", MIXTURES, ids=repr)
def test_quantile_inverts_the_cdf_like_an_independent_root_finder(mixture):
    u = np.concatenate([[1e-12, 1e-6], (np.arange(200) + 0.5) / 200, [1 - 1e-6]])
    quantiles = mixture.quantile(u)
    reference = [optimize.brentq(lambda x, ui=ui: float(mixture.cdf(x)) - ui, -100, 100,
                                 xtol=1e-20, rtol=1e-15) for ui in u]
    # u is known to ~1e-16, so x only to ~1e-16 / p(x): compare up to that conditioning
    conditioning = 1e-14 / mixture.pdf(np.array(reference))
    assert np.all(np.abs(quantiles - reference) <= 1e-12 * np.abs(reference) + conditioning)
    np.testing.assert_allclose(mixture.cdf(quantiles), u, rtol=1e-12, atol=1e-15)
    assert np.all(np.diff(quantiles) > 0)


def test_quantile_of_one_gaussian_is_closed_form_and_ends_are_infinite():
    target = gd.gan.gaussian(1.5, 0.5)
    u = np.array([0.025, 0.5, 0.975])
    np.testing.assert_allclose(target.quantile(u), 1.5 + 0.5 * stats.norm.ppf(u), rtol=1e-14)
    for mixture in (target, MIXTURES[0]):
        np.testing.assert_array_equal(mixture.quantile([0.0, 1.0]), [-np.inf, np.inf])
        with pytest.raises(ValueError, match="`u`"):
            mixture.quantile([0.5, 1.2])


def test_sample_w1_matches_the_mixture_w1_and_batches_over_runs():
    target = MIXTURES[0]
    other = gd.gan.Mixture([0.4, 0.6], [-0.5, 2.5], [0.5, 0.3])
    rng = np.random.default_rng(4)
    samples = np.stack([other.sample(200_000, rng), target.sample(200_000, rng)])
    distances = gd.gan.wasserstein1(target, samples)
    assert distances.shape == (2,)
    assert distances[0] == pytest.approx(gd.gan.wasserstein1(target, other), abs=0.01)
    assert distances[1] < 0.01
    # the 1-D W1 is also the L1 distance between the CDFs
    x = np.linspace(-8, 10, 200_001)
    assert gd.gan.wasserstein1(target, other) == pytest.approx(
        np.trapezoid(np.abs(target.cdf(x) - other.cdf(x)), x), abs=1e-4)  # midpoint rule in u


@pytest.mark.parametrize("target, other", [
    (gd.gan.gaussian(1.0, 0.7), gd.gan.gaussian(1.2, 0.8)),
    (gd.gan.gaussian(0.0, 3.0), gd.gan.gaussian(-0.5, 2.0)),
    (MIXTURES[0], gd.gan.Mixture([0.5, 0.5], [-0.8, 3.0], [0.25, 0.25])),
    (MIXTURES[0], gd.gan.gaussian(1.0, 2.0)),
], ids=repr)
def test_sample_jsd_agrees_with_the_exact_jsd(target, other):
    rng = np.random.default_rng(11)
    exact = gd.gan.jsd(target, other, points=40001)
    estimate = gd.gan.sample_jsd(target, other.sample(400_000, rng))
    assert estimate == pytest.approx(exact, rel=0.05, abs=5e-4)
    # its noise floor: 2,048 samples of the target itself
    floors = gd.gan.sample_jsd(target, target.sample(2048, rng, (5,)))
    assert floors.shape == (5,) and np.all(floors < 0.004)


def test_sample_jsd_batches_and_saturates_at_log_2():
    target = MIXTURES[0]
    rows = np.random.default_rng(2).normal(size=(3, 500)) * np.array([[1.0], [2.0], [0.5]])
    batched = gd.gan.sample_jsd(target, rows)
    np.testing.assert_allclose(batched, [gd.gan.sample_jsd(target, row) for row in rows],
                               rtol=0, atol=0.01)  # a common grid vs each row's own
    far = gd.gan.sample_jsd(target, np.random.default_rng(3).normal(100.0, 1.0, 1000))
    assert far == pytest.approx(np.log(2), abs=1e-6)
    with pytest.raises(ValueError, match="`samples`"):
        gd.gan.sample_jsd(target, [0.0, np.nan, 1.0])
