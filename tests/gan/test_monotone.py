"""The monotone MLP generator of the mixture recipe: gradients against central finite
differences, monotonicity (the property that keeps it from folding), ensembles."""

import numpy as np
import pytest
from finite_differences import finite_difference
from hypothesis import given
from hypothesis import strategies as st

from gamedyn.gan.models import Rescaled
from gamedyn.gan.monotone import MonotoneMLP

RNG = np.random.default_rng(7)


@pytest.mark.parametrize("model", [MonotoneMLP(1), MonotoneMLP(5),
                                   Rescaled(MonotoneMLP(3), -1.5, 2.0)], ids=repr)
@pytest.mark.parametrize("trial", range(3))
def test_backward_matches_finite_differences(model, trial):
    params = model.init(RNG) + 0.5 * RNG.normal(size=model.size)
    z = RNG.normal(size=9) * 2
    upstream = RNG.normal(size=9)
    grad, grad_input = model.backward(params, model.forward(params, z)[1], upstream)
    objective = lambda p: float(np.sum(upstream * model.forward(p, z)[0]))  # noqa: E731
    expected = finite_difference(objective, params)
    np.testing.assert_allclose(grad, expected, rtol=1e-6, atol=1e-7)
    by_input = lambda v: float(np.sum(upstream * model.forward(params, v)[0]))  # noqa: E731
    np.testing.assert_allclose(grad_input, finite_difference(by_input, z), rtol=1e-6,
                               atol=1e-7)
    only_params = model.backward(params, model.forward(params, z)[1], upstream, "params")
    assert only_params[1] is None
    np.testing.assert_array_equal(only_params[0], grad)


def test_runs_stack_and_agree_with_single_runs():
    model = MonotoneMLP(4)
    params = model.init(RNG, (3,)) + 0.3 * RNG.normal(size=(3, model.size))
    z = RNG.normal(size=(3, 6))
    out, cache = model.forward(params, z)
    grad = model.backward(params, cache, np.ones((3, 6)))[0]
    for run in range(3):
        single, single_cache = model.forward(params[run], z[run])
        np.testing.assert_allclose(out[run], single, rtol=1e-14)
        np.testing.assert_allclose(grad[run], model.backward(params[run], single_cache,
                                                             np.ones(6))[0], rtol=1e-13)


@given(st.integers(0, 2**32 - 1), st.floats(0.1, 3.0))
def test_the_map_is_strictly_increasing_for_any_parameters(seed, spread):
    # every slope is an exponential: G'(z) = e^s + sum e^(a + w) (1 - t^2) > 0
    rng = np.random.default_rng(seed)
    model = MonotoneMLP(6)
    params = rng.normal(0.0, spread, model.size)
    z = np.sort(rng.normal(0.0, 2.0, 200))
    out = model.forward(params, z)[0]
    assert np.all(np.diff(out) >= 0)
    slope = model.backward(params, model.forward(params, z)[1], np.ones(200), "input")[1]
    assert np.all(slope > 0)


def test_bad_arguments_are_named():
    with pytest.raises(ValueError, match="`hidden`"):
        MonotoneMLP(0)
    with pytest.raises(ValueError, match="`params`"):
        MonotoneMLP(2).forward(np.zeros(3), np.zeros(4))
    with pytest.raises(TypeError, match="`cache`"):
        MonotoneMLP(2).backward(np.zeros(8), "cache", np.zeros(4))
    with pytest.raises(ValueError, match="`wrt`"):
        MonotoneMLP(2).backward(np.zeros(8), MonotoneMLP(2).forward(np.zeros(8), np.zeros(4))[1],
                                np.zeros(4), "everything")
