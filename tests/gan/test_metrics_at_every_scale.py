"""JSD and W1 hold at every location and width (issue 14, point 7).

Closed forms used:

* ``JSD(p || q) = log 2`` for disjoint supports, ``0`` for ``p = q``, and always in
  ``[0, log 2]`` (Lin 1991);
* ``W1(N(m1, s1^2), N(m2, s2^2)) = int_0^1 |(m1 - m2) + (s1 - s2) Phi^{-1}(u)| du =
  E|mu + sigma Z|`` with ``mu = m1 - m2``, ``sigma = |s1 - s2|``, ``Z ~ N(0, 1)``: the mean
  of a folded normal, ``sigma sqrt(2/pi) exp(-mu^2 / (2 sigma^2)) + mu (1 - 2 Phi(-mu /
  sigma))``; ``|mu|`` when the widths are equal;
* under ``x -> a x + b`` applied to both, JSD is unchanged and W1 scales by ``|a|``.
"""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import integrate, special

import gamedyn as gd
from gamedyn.gan import Mixture, gaussian, jsd, wasserstein1
from gamedyn.gan.metrics import gaussian_jsd_w1

LOG2 = np.log(2.0)


def folded_normal_mean(mu, sigma):
    """``E|mu + sigma Z|``; ``|mu|`` for ``sigma = 0``."""
    mu, sigma = float(mu), abs(float(sigma))
    if sigma == 0:
        return abs(mu)
    return (sigma * np.sqrt(2 / np.pi) * np.exp(-mu**2 / (2 * sigma**2))
            + mu * (1 - 2 * special.ndtr(-mu / sigma)))


def w1_gaussians(m1, s1, m2, s2):
    return folded_normal_mean(m1 - m2, s1 - s2)


# ------------------------------------------------------------------ the issue's cases
def test_the_issues_far_gaussians_give_log_2_not_more():
    assert jsd(gaussian(1e4, 1), gaussian(0, 1)) == pytest.approx(LOG2, rel=1e-12)
    divergence, distance = gaussian_jsd_w1(gaussian(0, 1), np.array([1e4, 1e6]),
                                           np.array([1.0, 1.0]))
    np.testing.assert_allclose(divergence, LOG2, rtol=1e-12)
    np.testing.assert_allclose(distance, [1e4, 1e6], rtol=1e-12)


def test_jsd_is_bounded_by_log_2_for_every_separation():
    gaps = np.geomspace(1e-3, 1e8, 60)
    values = [jsd(gaussian(0, 1), gaussian(gap, 1)) for gap in gaps]
    assert np.all(np.diff(values) >= -1e-11)  # grows with the separation (to rounding)
    # at 1e8 the inputs themselves are known to 1.5e-8 std: the value to ~1e-11
    assert max(values) <= LOG2 and values[-1] == pytest.approx(LOG2, rel=1e-11)
    batch, _ = gaussian_jsd_w1(gaussian(0, 1), gaps, np.ones_like(gaps))
    np.testing.assert_allclose(batch, values, rtol=1e-12, atol=1e-15)


def test_identical_distributions_have_zero_jsd_and_w1():
    for target in (gaussian(1e6, 1e-4), gaussian(-3e7, 2e3),
                   Mixture([0.3, 0.7], [-2.0, 5.0], [0.1, 3.0])):
        assert jsd(target, target) == pytest.approx(0.0, abs=1e-14)
        assert wasserstein1(target, target) == pytest.approx(0.0, abs=1e-12 * target.std)


@pytest.mark.parametrize("m1, s1, m2, s2", [
    (0.0, 1.0, 0.0, 3.0), (0.0, 1.0, 2.0, 0.5), (1e6, 1e-4, 1e6 + 3e-4, 2e-4),
    (-5.0, 1e4, 7.0, 1e-4), (3.0, 0.3, 0.0, 1.0), (1e8, 1.0, -1e8, 1e3)])
def test_w1_of_gaussians_of_different_widths_is_the_folded_normal_mean(m1, s1, m2, s2):
    expected = w1_gaussians(m1, s1, m2, s2)
    assert wasserstein1(gaussian(m1, s1), gaussian(m2, s2)) == pytest.approx(expected,
                                                                             rel=1e-10)
    _, batch = gaussian_jsd_w1(gaussian(m1, s1), np.array([m2]), np.array([s2]))
    assert batch[0] == pytest.approx(expected, rel=1e-10)


@pytest.mark.parametrize("p, q", [
    (gaussian(0, 1), gaussian(1, 1)),
    (gaussian(0, 1), gaussian(0.3, 1e-4)),
    (Mixture([0.5, 0.5], [-2, 2], [0.5, 0.5]), gaussian(0, 1)),
    (Mixture([0.2, 0.5, 0.3], [0.0, 0.1, 5.0], [1.0, 0.01, 2.0]), gaussian(1, 3)),
], ids=repr)
def test_jsd_and_w1_agree_with_adaptive_quadrature(p, q):
    # an independent computation: scipy's adaptive quadrature of the definitions
    spread = [-30, -8, -4, -2, -1, 0, 1, 2, 4, 8, 30]
    cuts = sorted({m + k * s for d in (p, q) for m, s in zip(d.means, d.stds) for k in spread})

    def jsd_integrand(x):
        a, b = float(p.pdf(x)), float(q.pdf(x))
        m = (a + b) / 2
        return sum(0.5 * c * np.log(c / m) for c in (a, b) if c > 0)

    pieces = list(zip(cuts[:-1], cuts[1:]))
    expected_jsd = sum(integrate.quad(jsd_integrand, a, b, epsabs=1e-15, epsrel=1e-12)[0]
                       for a, b in pieces)
    expected_w1 = sum(integrate.quad(lambda x: abs(float(p.cdf(x) - q.cdf(x))), a, b,
                                     epsabs=1e-15, epsrel=1e-12, limit=200)[0]
                      for a, b in pieces)
    assert jsd(p, q) == pytest.approx(expected_jsd, rel=1e-9, abs=1e-13)
    assert wasserstein1(p, q) == pytest.approx(expected_w1, rel=1e-8, abs=1e-13)


# ------------------------------------------------------------------ invariances
LOCATIONS = st.one_of(st.floats(-1e8, 1e8), st.floats(-1e-6, 1e-6))
WIDTHS = st.floats(1e-4, 1e4)


@settings(max_examples=60, deadline=None)
@given(m1=LOCATIONS, m2=LOCATIONS, s1=WIDTHS, s2=WIDTHS)
def test_gaussian_pairs_at_any_scale(m1, m2, s1, s2):
    p, q = gaussian(m1, s1), gaussian(m2, s2)
    divergence = jsd(p, q)
    assert 0.0 <= divergence <= LOG2
    assert divergence == pytest.approx(jsd(q, p), rel=1e-9, abs=1e-13)
    distance = wasserstein1(p, q)
    assert distance == pytest.approx(w1_gaussians(m1, s1, m2, s2), rel=1e-9,
                                     abs=1e-12 * max(s1, s2))
    # W1 >= |difference of the means| (Jensen)
    assert distance >= abs(m1 - m2) * (1 - 1e-12) - 1e-12 * max(s1, s2)
    batch_jsd, batch_w1 = gaussian_jsd_w1(p, np.array([m2]), np.array([s2]))
    assert batch_jsd[0] == pytest.approx(divergence, rel=1e-12, abs=1e-15)
    assert batch_w1[0] == pytest.approx(distance, rel=1e-12, abs=1e-15 * max(s1, s2))


@settings(max_examples=40, deadline=None)
@given(shift=st.sampled_from([1e6, -1e6, 2.0**30]), scale=st.floats(1e-4, 1e4),
       gap=st.floats(-6, 6), ratio=st.floats(0.1, 10), w=st.floats(0.1, 0.9))
def test_common_shift_and_scale(shift, scale, gap, ratio, w):
    # mixtures built from exactly representable pieces: a shift of 1e6 changes nothing,
    # a rescaling leaves JSD alone and multiplies W1
    base_p = Mixture([w, 1 - w], [-1.0, 1.5], [0.5, 0.75])
    base_q = Mixture([1.0], [gap], [ratio])
    moved_p = Mixture(base_p.weights, base_p.means + shift, base_p.stds)
    moved_q = Mixture(base_q.weights, base_q.means + shift, base_q.stds)
    rounding = 4 * np.spacing(abs(shift) + 10) / 0.5  # of the shifted inputs, in std units
    assert jsd(moved_p, moved_q) == pytest.approx(jsd(base_p, base_q), rel=1e-9,
                                                  abs=max(rounding, 1e-14))
    assert wasserstein1(moved_p, moved_q) == pytest.approx(wasserstein1(base_p, base_q),
                                                           rel=max(rounding, 1e-12))
    scaled_p = Mixture(base_p.weights, base_p.means * scale, base_p.stds * scale)
    scaled_q = Mixture(base_q.weights, base_q.means * scale, base_q.stds * scale)
    assert jsd(scaled_p, scaled_q) == pytest.approx(jsd(base_p, base_q), rel=1e-10,
                                                    abs=1e-14)
    assert wasserstein1(scaled_p, scaled_q) == pytest.approx(
        scale * wasserstein1(base_p, base_q), rel=1e-10)


# ------------------------------------------------------------------ samples
def test_w1_against_samples_is_the_exact_integral_of_the_cdf_gap():
    # a few samples: int |F - F_n| by adaptive quadrature, cut at every sample
    target = Mixture([0.4, 0.6], [-1.0, 2.0], [0.5, 1.5])
    samples = np.array([-2.5, -0.7, 0.1, 0.4, 2.2, 3.9, 7.0])
    order = np.sort(samples)

    def gap(x):
        return abs(float(target.cdf(x)) - np.searchsorted(order, x, side="right") / 7)

    cuts = [-60.0, *order, 60.0]
    expected = sum(integrate.quad(gap, a, b, epsabs=1e-15, epsrel=1e-12)[0]
                   for a, b in zip(cuts[:-1], cuts[1:]))
    assert wasserstein1(target, samples) == pytest.approx(expected, rel=1e-10)
    # one sample: W1 to a point mass at x is E|X - x|
    assert wasserstein1(gaussian(0, 1), [0.0]) == pytest.approx(np.sqrt(2 / np.pi),
                                                                rel=1e-12)


def test_sample_estimates_converge_to_the_exact_values():
    target, other = Mixture([0.5, 0.5], [-2, 2], [0.5, 0.5]), gaussian(0.5, 1.5)
    exact = wasserstein1(target, other)
    rng = np.random.default_rng(5)
    errors = [abs(wasserstein1(target, other.sample(n, rng)) - exact)
              for n in (1_000, 100_000, 1_000_000)]
    assert errors[-1] < 5e-3 and errors[-1] < errors[0]
    estimate = gd.gan.sample_jsd(target, other.sample(400_000, rng))
    assert estimate == pytest.approx(jsd(target, other), rel=0.05)


def test_sample_w1_is_shift_invariant_at_1e6():
    rng = np.random.default_rng(2)
    samples = rng.normal(0.3, 1.2, (3, 500))
    near = wasserstein1(gaussian(0, 1), samples)
    far = wasserstein1(gaussian(1e6, 1), samples + 1e6)
    np.testing.assert_allclose(far, near, rtol=1e-8)


def test_batch_version_matches_the_scalar_one_for_a_mixture_target():
    target = Mixture([0.5, 0.5], [-2, 2], [0.5, 0.5])
    means = np.array([[-2.0, 0.0, 5.0], [1e5, 2.0, -1e-6]])
    stds = np.array([[0.5, 1.0, 1e-3], [10.0, 0.5, 1e3]])
    divergence, distance = gaussian_jsd_w1(target, means, stds)
    assert divergence.shape == distance.shape == (2, 3)
    for index in np.ndindex(means.shape):
        generator = gaussian(means[index], stds[index])
        assert divergence[index] == pytest.approx(jsd(target, generator), rel=1e-12,
                                                  abs=1e-15)
        assert distance[index] == pytest.approx(wasserstein1(target, generator), rel=1e-12)


def test_the_training_helper_logs_log_2_for_a_generator_far_from_its_target():
    # gamedyn gan --mean 1e6 printed JSD 0.0000 beside W1 ~ 1e6: the generator starts near
    # 0, a million standard deviations from the data
    run = gd.gan.train((1e6, 1.0), steps=20, rng=0, log_every=10, progress=False)
    jsds, w1s = np.asarray(run.history["jsd"]), np.asarray(run.history["w1"])
    # (1e6 is known to 1.2e-10: the overlap it leaves is below 1e-9 of log 2)
    np.testing.assert_allclose(jsds, LOG2, rtol=1e-9)
    assert np.all(jsds <= LOG2) and np.all(w1s > 0.99e6)
