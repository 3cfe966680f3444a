"""Issue 14, point 6: gradient norms in the run history, and a too-strong warning that
says what is true for the generator's cost in use."""

import warnings

import numpy as np
import pytest

import gamedyn as gd
from gamedyn.gan import losses


def _losses(run, params_g, params_d):
    """J_G (the run's cost) and J_D (with R1, train's units) on the evaluation batch."""
    real, latent = run.game.evaluation_batch
    fake = run.generator.forward(params_g, latent)[0]
    real_logits = run.discriminator.forward(params_d, real)[0]
    fake_logits = run.discriminator.forward(params_d, fake)[0]
    j_g = -losses.generator_payoff(fake_logits, run.config["loss"])
    j_d = losses.discriminator_loss(real_logits, fake_logits)
    gamma = float(run.config["r1"])
    if gamma:
        j_d = j_d + gamma * run.discriminator.r1_gradient(params_d, real, 1.0)[0]
    return float(j_g), float(j_d)


def _central_gradient(function, params, h=1e-6):
    out = np.empty_like(params)
    for i in range(params.size):
        step = np.zeros_like(params)
        step[i] = h
        out[i] = (function(params + step) - function(params - step)) / (2 * h)
    return out


@pytest.mark.parametrize("loss", ["non_saturating", "minimax", "maximum_likelihood"])
@pytest.mark.parametrize("models", [("affine", "quadratic"), ("mlp", "mlp")])
def test_gradient_norms_are_the_norms_of_the_losses_gradients(loss, models):
    # checked against central differences of J_G and J_D, not against the code's field
    generator, discriminator = models
    run = gd.gan.train((1.0, 0.5), generator=generator, discriminator=discriminator,
                       loss=loss, r1=0.3, steps=40, log_every=20, rng=3, hidden=4)
    h = run.history
    assert h["grad_norm_g"].shape == h["grad_norm_d"].shape == h["step"].shape
    for index in (1, 2):
        params_g, params_d = h["params_g"][index], h["params_d"][index]
        grad_g = _central_gradient(lambda p, d=params_d: _losses(run, p, d)[0], params_g)
        grad_d = _central_gradient(lambda p, g=params_g: _losses(run, g, p)[1], params_d)
        assert h["loss_g"][index] == pytest.approx(_losses(run, params_g, params_d)[0])
        np.testing.assert_allclose(h["grad_norm_g"][index], np.linalg.norm(grad_g),
                                   rtol=1e-5, atol=1e-8)
        np.testing.assert_allclose(h["grad_norm_d"][index], np.linalg.norm(grad_d),
                                   rtol=1e-5, atol=1e-8)


def test_gradient_norms_carry_the_run_axis():
    run = gd.gan.train((0.0, 1.0), runs=3, steps=20, log_every=10, rng=0)
    assert run.history["grad_norm_g"].shape == (3, 3)
    assert run.history["grad_norm_d"].shape == (3, 3)
    assert np.all(np.isfinite(run.history["grad_norm_g"]))


def _too_strong(loss):
    # the case: a frozen generator far from the data, a fast discriminator, no R1
    with pytest.warns(gd.gan.DiscriminatorTooStrongWarning, match="too strong") as caught:
        run = gd.gan.train((3.0, 0.3), lr=(1e-5, 0.05), r1=0.0, steps=300, rng=0,
                           loss=loss)
    assert len(caught) == 1
    return run, str(caught[0].message)


def test_non_saturating_too_strong_warning_says_the_gradient_grows():
    run, message = _too_strong("non_saturating")
    assert "does not vanish" in message and "vanishes" not in message
    assert "large, unstable gradients" in message
    h = run.history
    onset = int(np.argmax((h["d_real"] > 0.9) & (h["d_fake"] < 0.1)))
    # the measured gradient grows after the onset, as the message says (about 11 -> 21)
    assert h["grad_norm_g"][-1] > 1.5 * h["grad_norm_g"][onset] > 10
    assert f"{h['grad_norm_g'][onset]:.3g}" in message


@pytest.mark.parametrize("loss", ["minimax", "maximum_likelihood"])
def test_saturating_costs_too_strong_warning_says_the_gradient_vanishes(loss):
    run, message = _too_strong(loss)
    assert "gradient vanishes" in message and "does not vanish" not in message
    assert f"with the {loss} cost" in message
    # the generator's weight per sample is D(fake) (minimax): its gradient is about
    # D(fake)/(1 - D(fake)) of the non-saturating one at the same parameters
    h = run.history
    saturating = h["grad_norm_g"][-1]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", gd.gan.DiscriminatorTooStrongWarning)
        other = gd.gan.train((3.0, 0.3), lr=(1e-5, 0.05), r1=0.0, steps=300, rng=0)
    assert saturating < 0.1 * other.history["grad_norm_g"][-1]
