"""Issue 19's concrete inputs in the GAN targets and metrics, each a regression test.

The mixture's standard deviation is checked against the law of total variance worked by
hand: components N(m_k, 1) with equal weights and means 1 apart have variance
1 + (1/2)^2 = 1.25 whatever their location, so std = sqrt(1.25) = 1.1180...
"""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gamedyn.gan import Mixture, as_target, gaussian, jsd, sample_jsd, wasserstein1


def test_mixture_std_far_from_zero_is_the_total_variance():
    assert Mixture([0.5, 0.5], [1e9, 1e9 + 1], [1, 1]).std == pytest.approx(np.sqrt(1.25),
                                                                            rel=1e-12)


@settings(max_examples=60, deadline=None)
@given(shift=st.floats(-1e12, 1e12), scale=st.floats(1e-6, 1e6))
def test_mixture_std_is_shift_invariant_and_scale_equivariant(shift, scale):
    # std(a X + b) = a std(X): for weights (0.3, 0.7), means (0, d), stds (1, 2) the
    # variance is 0.3 + 0.7 * 4 + 0.3 * 0.7 * d^2 (3.31 for d = 1); d is the gap the
    # floats actually hold (shift + scale is rounded), exact by Sterbenz's lemma.
    mixture = Mixture([0.3, 0.7], [shift, shift + scale], [scale, 2 * scale])
    gap = (shift + scale) - shift
    expected = np.sqrt(0.3 * scale**2 + 0.7 * 4 * scale**2 + 0.21 * gap**2)
    assert mixture.std == pytest.approx(expected, rel=1e-9)


def test_sample_takes_every_kind_of_rng_and_the_same_seed_gives_the_same_bits():
    target = gaussian(0, 1)
    first = target.sample(5, 0)
    assert first.shape == (5,)
    assert np.array_equal(first, target.sample(5, 0))
    assert np.array_equal(first, target.sample(5, np.random.default_rng(0)))
    assert np.array_equal(first, target.sample(5, np.random.SeedSequence(0)))
    with pytest.raises(TypeError, match="`rng`"):
        target.sample(5, 0.5)
    with pytest.raises(ValueError, match="`rng`"):
        target.sample(5, -1)


def test_sample_checks_its_size_before_allocating():
    with pytest.raises(ValueError, match="`n`"):
        gaussian(0, 1).sample(10**12, 0)
    with pytest.raises(ValueError, match="`n`"):
        gaussian(0, 1).sample(10**5, 0, size=(10**5, 10**5))
    with pytest.raises(ValueError, match="`n`"):
        gaussian(0, 1).sample(-1, 0)


def test_a_mean_std_pair_is_a_target_everywhere():
    pair = (0.0, 1.0)
    assert jsd(pair, gaussian(0, 1)) == pytest.approx(0.0, abs=1e-12)
    # W1 between N(0, 1) and N(2, 1) is the shift, 2
    assert wasserstein1(pair, gaussian(2.0, 1.0)) == pytest.approx(2.0, abs=1e-6)
    assert np.isfinite(sample_jsd(pair, gaussian(0, 1).sample(100, 0)))
    with pytest.raises(ValueError, match="`std` of `q`"):
        jsd(gaussian(0, 1), (0.0, -1.0))
    with pytest.raises(TypeError, match="`p`"):
        jsd("N(0, 1)", gaussian(0, 1))


def test_nan_samples_and_string_means_are_refused():
    with pytest.raises(ValueError, match="`samples_or_q` must be finite"):
        wasserstein1(gaussian(0, 1), [np.nan, 0.0])
    with pytest.raises(ValueError, match="`samples` must be finite"):
        sample_jsd(gaussian(0, 1), [np.nan, 0.0, 1.0])
    with pytest.raises(TypeError, match="`mean`"):
        gaussian("0", 1.0)
    with pytest.raises(TypeError, match="`mean` of `target`"):
        as_target(("0", 1.0))
    with pytest.raises(ValueError, match="`mean`"):
        gaussian(np.inf, 1.0)


# ---- invariances of the metrics (the kind of fault behind Mixture.std: location)
@settings(max_examples=40, deadline=None)
@given(shift=st.floats(-1e6, 1e6), scale=st.floats(1e-3, 1e3),
       m=st.floats(-2, 2), s=st.floats(0.3, 3))
def test_jsd_and_w1_follow_a_common_affine_map(shift, scale, m, s):
    # JSD is invariant under any bijection applied to both distributions; W1 scales
    # with it (Villani 2009, Remark 2.19: W1 = int |F^-1 - G^-1| in one dimension).
    p, q = gaussian(0.0, 1.0), gaussian(m, s)
    moved_p = gaussian(shift, scale)
    moved_q = gaussian(shift + scale * m, scale * s)
    assert jsd(moved_p, moved_q) == pytest.approx(jsd(p, q), rel=1e-6, abs=1e-9)
    assert jsd(p, q) == pytest.approx(jsd(q, p), rel=1e-9, abs=1e-12)
    assert wasserstein1(moved_p, moved_q) == pytest.approx(scale * wasserstein1(p, q),
                                                           rel=1e-6, abs=1e-9 * scale)


@settings(max_examples=40, deadline=None)
@given(shift=st.floats(-1e6, 1e6), gap=st.floats(-5, 5))
def test_w1_between_shifted_gaussians_is_the_shift(shift, gap):
    assert wasserstein1(gaussian(shift, 1.0), gaussian(shift + gap, 1.0)) == pytest.approx(
        abs(gap), abs=1e-6 * (1 + abs(shift)))
