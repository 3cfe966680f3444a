"""``GANRun.discriminator_output`` on every documented shape of ``x``, checked against the
default discriminator's formula evaluated here: the quadratic logit on standardized inputs,
``D(x) = sigmoid(w0 + w1 u + w2 u^2)`` with ``u = (x - center) / scale``."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import array_shapes, arrays

import gamedyn as gd


def _d(run, w, x):
    """The quadratic discriminator by hand (Goodfellow et al. 2014, Prop. 1's logit)."""
    assert type(run.discriminator).__name__ == "Standardized"
    assert type(run.discriminator.inner).__name__ == "Quadratic"
    u = (np.asarray(x) - run.discriminator.center) / run.discriminator.scale
    w0, w1, w2 = (np.asarray(w)[..., i, None] for i in range(3))
    return 1.0 / (1.0 + np.exp(-(w0 + w1 * u + w2 * u * u)))


@pytest.fixture(scope="module")
def one():
    return gd.gan.train((2.0, 0.5), steps=50, rng=0, progress=False)


@pytest.fixture(scope="module")
def three():
    return gd.gan.train((2.0, 0.5), steps=50, rng=0, progress=False, runs=3)


def test_the_runs_learned_a_nonzero_discriminator(one, three):
    assert one.params_d.shape == (3,) and np.abs(one.params_d).max() > 1e-3
    assert three.params_d.shape == (3, 3)
    assert not np.allclose(three.params_d[0], three.params_d[1])


@settings(max_examples=30, deadline=None)
@given(arrays(np.float64, array_shapes(min_dims=0, max_dims=3, max_side=4),
              elements=st.floats(-3, 3)))
def test_one_run_takes_any_shape(one, x):
    out = one.discriminator_output(x)
    assert out.shape == x.shape
    expected = _d(one, one.params_d, x.reshape(-1)).reshape(x.shape)
    np.testing.assert_allclose(out, expected, rtol=1e-12, atol=1e-300)


@pytest.mark.parametrize("shape", [(), (5,), (1, 5), (5, 1), (2, 3, 5)])
def test_one_run_shapes(one, shape):
    x = np.linspace(-1.0, 3.0, int(np.prod(shape))).reshape(shape)
    out = one.discriminator_output(x)
    assert out.shape == shape
    np.testing.assert_allclose(out.reshape(-1), _d(one, one.params_d, x.reshape(-1)), rtol=1e-12)


def test_ensemble_shared_points(three):
    x = np.linspace(-1.0, 3.0, 5)
    out = three.discriminator_output(x)
    assert out.shape == (3, 5)
    np.testing.assert_allclose(out, _d(three, three.params_d, x[None, :]), rtol=1e-12)
    np.testing.assert_allclose(three.discriminator_output(x[None, :]), out, rtol=1e-12)
    scalar = three.discriminator_output(2.0)
    assert scalar.shape == (3,)
    expected = _d(three, three.params_d, np.array([[2.0]]))[:, 0]
    np.testing.assert_allclose(scalar, expected, rtol=1e-12)


def test_ensemble_points_per_run(three):
    x = np.array([[0.0, 1.0], [2.0, -1.0], [0.5, 3.0]])
    out = three.discriminator_output(x)
    assert out.shape == (3, 2)
    for r in range(3):  # run r at its own points
        np.testing.assert_allclose(out[r], _d(three, three.params_d[r], x[r]), rtol=1e-12)


@pytest.mark.parametrize("shape", [(5, 1), (2, 5), (2, 3, 5), (3, 3, 5)])
def test_ensemble_ambiguous_shapes_are_refused_by_name(three, shape):
    with pytest.raises(ValueError, match=r"`x` must .*\(3, k\).*got shape"):
        three.discriminator_output(np.zeros(shape))
