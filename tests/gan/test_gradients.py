"""Every hand-derived gradient against central finite differences (float64)."""

import numpy as np
import pytest
from finite_differences import finite_difference, relative_error

from gamedyn.gan import losses
from gamedyn.gan.models import MLP, Affine, Quadratic, Rescaled, Standardized

RNG = np.random.default_rng(1234)


MODELS = [Affine(), Affine(log_scale=True), Quadratic(), MLP(5, 1), MLP(4, 2),
          Standardized(Quadratic(), 1.5, 2.0), Standardized(MLP(3, 1), -1.0, 0.5),
          Rescaled(MLP(4, 2), 1.5, 2.0)]


@pytest.mark.parametrize("model", MODELS, ids=repr)
def test_backward_matches_finite_differences(model):
    params = model.init(RNG) + 0.3 * RNG.normal(size=model.size)
    x = RNG.normal(size=7)
    upstream = RNG.normal(size=7)
    grad, grad_input = model.backward(params, model.forward(params, x)[1], upstream)
    objective = lambda p: float(np.sum(upstream * model.forward(p, x)[0]))  # noqa: E731
    assert relative_error(grad, finite_difference(objective, params)) < 1e-6
    by_input = lambda v: float(np.sum(upstream * model.forward(params, v)[0]))  # noqa: E731
    assert relative_error(grad_input, finite_difference(by_input, x)) < 1e-6


@pytest.mark.parametrize("model", MODELS, ids=repr)
def test_backward_halves_and_run_stacks_agree_with_the_full_pass(model):
    runs, batch = 3, 6
    params = model.init(RNG, (runs,)) + 0.3 * RNG.normal(size=(runs, model.size))
    x, upstream = RNG.normal(size=(runs, batch)), RNG.normal(size=(runs, batch))
    grad, grad_input = model.backward(params, model.forward(params, x)[1], upstream)
    for run in range(runs):  # the stacked pass equals one pass per run
        alone = model.backward(params[run], model.forward(params[run], x[run])[1],
                               upstream[run])
        np.testing.assert_allclose(grad[run], alone[0], rtol=1e-12, atol=1e-14)
        np.testing.assert_allclose(grad_input[run], alone[1], rtol=1e-12, atol=1e-14)
    cache = model.forward(params, x)[1]
    only_params = model.backward(params, cache, upstream, wrt="params")
    only_input = model.backward(params, cache, upstream, wrt="input")
    assert only_params[1] is None and only_input[0] is None
    np.testing.assert_allclose(only_params[0], grad, rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(only_input[1], grad_input, rtol=1e-12, atol=1e-14)
    with pytest.raises(ValueError, match="`wrt`"):
        model.backward(params, cache, upstream, wrt="weights")


@pytest.mark.parametrize("model", [Quadratic(), MLP(6, 1), Standardized(MLP(4, 1), 2.0, 3.0),
                                   Standardized(Quadratic(), -1, 0.3)], ids=repr)
def test_r1_penalty_and_its_parameter_gradient(model):
    params = model.init(RNG) + 0.5 * RNG.normal(size=model.size)
    x = RNG.normal(size=9)
    gamma = 0.7
    penalty, grad = model.r1_gradient(params, x, gamma)
    # the penalty itself: (gamma/2) mean (d logit/dx)^2, with d logit/dx by differences
    slope = np.array([finite_difference(lambda v: float(model.forward(params, v)[0][0]),
                                        np.array([xi]))[0] for xi in x])
    scale = model.scale if isinstance(model, Standardized) else 1.0
    assert penalty == pytest.approx(0.5 * gamma * np.mean((slope * scale) ** 2), rel=1e-6)
    numeric = finite_difference(lambda p: float(model.r1_gradient(p, x, gamma)[0]), params)
    assert relative_error(grad, numeric) < 1e-6


@pytest.mark.parametrize("loss", ["minimax", "non_saturating"])
def test_loss_derivatives_and_stability(loss):
    real, fake = RNG.normal(size=6) * 3, RNG.normal(size=5) * 3
    d_real, d_fake = losses.discriminator_loss_gradient(real, fake)
    assert relative_error(d_real, finite_difference(
        lambda r: float(losses.discriminator_loss(r, fake)), real)) < 1e-6
    assert relative_error(d_fake, finite_difference(
        lambda f: float(losses.discriminator_loss(real, f)), fake)) < 1e-6
    same = RNG.normal(size=5) * 3  # as many real logits as fake ones
    joint = losses.discriminator_loss_gradient_signed(np.concatenate([same, fake]),
                                                      np.repeat([-1.0, 1.0], 5))
    np.testing.assert_allclose(joint, np.concatenate(
        losses.discriminator_loss_gradient(same, fake)), rtol=1e-14)
    g_grad = losses.generator_loss_gradient(fake, loss)
    assert relative_error(g_grad, finite_difference(
        lambda f: float(losses.generator_loss(f, loss)), fake)) < 1e-6
    extreme = np.array([-1e3, 1e3])
    for item in (losses.discriminator_loss(extreme, extreme),
                 *losses.discriminator_loss_gradient(extreme, extreme),
                 losses.generator_loss(extreme, loss),
                 losses.generator_loss_gradient(extreme, loss), losses.value(extreme, extreme)):
        assert np.all(np.isfinite(item))


def test_losses_at_the_equilibrium():
    zeros = np.zeros(4)
    assert losses.value(zeros, zeros) == pytest.approx(-np.log(4))
    assert losses.discriminator_loss(zeros, zeros) == pytest.approx(np.log(2))


def test_sigmoid_matches_expit_to_full_relative_precision():
    from scipy.special import expit

    x = np.concatenate([np.linspace(-800, 800, 4001), [-np.inf, np.inf, 0.0]])
    with np.errstate(all="raise"):  # no overflow or underflow warning escapes
        values = losses.sigmoid(x)
    reference = expit(x)
    np.testing.assert_allclose(values, reference, rtol=4e-16, atol=0)
    assert np.isnan(losses.sigmoid(np.nan))
    assert isinstance(losses.sigmoid(2.0), float) and losses.sigmoid(2.0) == expit(2.0)
