"""The discriminator's stabilizers (issue 14): spectral normalization, the Wasserstein
critic with weight clipping and gradient penalty, and instance noise.

Every gradient is checked against central finite differences of an independent
implementation of the payoff (written here from the papers' formulas), on random
parameters, for every generator and discriminator model; the power iteration against
numpy's SVD.
"""

import itertools

import numpy as np
import pytest
from finite_differences import finite_difference, relative_error
from hypothesis import given, settings
from hypothesis import strategies as st

import gamedyn as gd
from gamedyn.gan import losses, spectral
from gamedyn.gan.models import MLP, Affine, Quadratic, Rescaled, Standardized

RNG = np.random.default_rng(2018)
D_MODELS = [Quadratic(), MLP(5, 1), MLP(4, 2), Standardized(Quadratic(), 1.5, 2.0),
            Standardized(MLP(3, 1), -1.0, 0.5)]
G_MODELS = [Affine(), Affine(log_scale=True), MLP(4, 1), MLP(3, 2), Rescaled(MLP(4, 2), 1.5, 2.0)]
DEPTH_ONE = [m for m in D_MODELS if getattr(getattr(m, "inner", m), "depth", 1) == 1]


def random_params(model, scale=0.5):
    return model.init(RNG) + scale * RNG.normal(size=model.size)


def random_unit_vectors(layout):
    parts = []
    for _, _, rows, cols, _ in layout:
        parts += [RNG.normal(size=rows), RNG.normal(size=cols)]
        parts[-2] /= np.linalg.norm(parts[-2])
        parts[-1] /= np.linalg.norm(parts[-1])
    return np.concatenate(parts)


# ----------------------------------------------------------------------------- spectral
@pytest.mark.parametrize("shape", [(1, 7), (6, 1), (5, 5), (8, 3), (3, 8)])
def test_power_iteration_converges_to_the_largest_singular_value(shape):
    rows, cols = shape
    W = RNG.normal(size=shape)
    layout = ((0, rows * cols, rows, cols, 0),)
    params = W.reshape(-1)
    aux = spectral.initial_vectors(params, layout)
    for _ in range(300):
        aux = spectral.power_step(params, aux, layout)
    sigma = spectral.sigmas(params, aux, layout)[0]
    assert sigma == pytest.approx(np.linalg.svd(W, compute_uv=False)[0], rel=1e-10)
    exact = spectral.exact_vectors(params, layout)
    assert spectral.sigmas(params, exact, layout)[0] == pytest.approx(sigma, rel=1e-10)
    # every step gives a lower bound sigma = |W v| <= sigma_max that increases
    aux = spectral.initial_vectors(params, layout)
    trail = []
    for _ in range(10):
        aux = spectral.power_step(params, aux, layout)
        trail.append(spectral.sigmas(params, aux, layout)[0])
    assert np.all(np.diff(trail) >= -1e-12) and trail[-1] <= sigma * (1 + 1e-12)


@pytest.mark.parametrize("model", D_MODELS, ids=repr)
def test_normalized_gradient_with_u_v_frozen_matches_finite_differences(model):
    layout = spectral.layout_of(model)
    params, aux = random_params(model), random_unit_vectors(layout)  # not converged
    x, upstream = RNG.normal(size=7), RNG.normal(size=7)

    def objective(p):
        return float(np.sum(upstream * model.forward(spectral.normalize(p, aux, layout)[0],
                                                     x)[0]))

    normalized, sigmas = spectral.normalize(params, aux, layout)
    inner = model.backward(normalized, model.forward(normalized, x)[1], upstream)[0]
    grad = spectral.backward(inner, normalized, aux, sigmas, layout)
    assert relative_error(grad, finite_difference(objective, params)) < 1e-6
    # the formula is (G - <G, W_SN> u v^T) / sigma, not (G - (u^T G v) u v^T) / sigma
    start, stop, rows, cols, offset = layout[-1]
    G = inner[start:stop].reshape(rows, cols)
    u, v = aux[offset:offset + rows], aux[offset + rows:offset + rows + cols]
    other = (G - (u @ G @ v) * np.outer(u, v)) / sigmas[-1]
    numeric = finite_difference(objective, params)[start:stop]
    assert relative_error(grad[start:stop], numeric) < 1e-6
    assert rows == 1 or cols == 1 or relative_error(other.reshape(-1), numeric) > 1e-3


@pytest.mark.parametrize("model", D_MODELS, ids=repr)
def test_each_weight_matrix_is_divided_by_its_sigma(model):
    layout = spectral.layout_of(model)
    params = random_params(model)
    exact = spectral.exact_vectors(params, layout)
    normalized, sigmas = spectral.normalize(params, exact, layout)
    for (start, stop, rows, cols, _), sigma in zip(layout, sigmas):
        W = params[start:stop].reshape(rows, cols)
        assert sigma == pytest.approx(np.linalg.svd(W, compute_uv=False)[0], rel=1e-12)
        assert np.linalg.svd(normalized[start:stop].reshape(rows, cols),
                             compute_uv=False)[0] == pytest.approx(1.0, rel=1e-12)
    untouched = np.ones(model.size, dtype=bool)
    for start, stop, *_ in layout:
        untouched[start:stop] = False
    np.testing.assert_array_equal(normalized[untouched], params[untouched])  # biases


# ------------------------------------------------------------------ the penalty's slope
@pytest.mark.parametrize("model", DEPTH_ONE, ids=repr)
def test_input_gradient_vjp_is_the_slope_and_its_parameter_gradient(model):
    params = random_params(model)
    x, upstream = RNG.normal(size=6), RNG.normal(size=6)
    slope, vjp = model.input_gradient_vjp(params, x)
    by_x = [finite_difference(lambda v: float(model.forward(params, v)[0][0]),
                              np.array([xi]))[0] for xi in x]
    np.testing.assert_allclose(slope, by_x, rtol=1e-6, atol=1e-8)
    numeric = finite_difference(
        lambda p: float(np.sum(upstream * model.input_gradient_vjp(p, x)[0])), params)
    assert relative_error(vjp(upstream), numeric) < 1e-6


# --------------------------------------------------------------- the game's gradients
def reference_payoffs(game, z, batch, aux):
    """``(u_G, u_D)`` on ``batch`` written from the formulas (u, v frozen at ``aux``)."""
    G, D = game.generator, game.discriminator
    params_g, params_d = z[: game.n1], z[game.n1:]
    if game.spectral_norm:
        params_d = spectral.normalize(params_d, aux, spectral.layout_of(D))[0]
    sigma = game.instance_noise
    real = batch.real + (sigma * batch.real_jitter if sigma else 0.0)
    fake = G.forward(params_g, batch.latent)[0] + (sigma * batch.fake_jitter if sigma else 0.0)
    f_real, f_fake = D.forward(params_d, real)[0], D.forward(params_d, fake)[0]
    if game.loss == "wasserstein":
        value = f_real.mean() - f_fake.mean()
        u_g = f_fake.mean()
    else:
        value = np.mean(np.log(losses.sigmoid(f_real))) + np.mean(np.log(losses.sigmoid(-f_fake)))
        u_g = {"minimax": -value, "non_saturating": np.mean(np.log(losses.sigmoid(f_fake))),
               "maximum_likelihood": 0.5 * np.mean(np.exp(f_fake))}[game.loss]
    u_d = value
    if float(game.r1) > 0:
        u_d -= float(game.r1) * D.r1_gradient(params_d, real, 1.0)[0]
    if game.gradient_penalty > 0:
        between = batch.mix * real + (1 - batch.mix) * fake
        slope = D.input_gradient_vjp(params_d, between)[0]
        u_d -= game.gradient_penalty * np.mean((np.abs(slope) - 1) ** 2)
    return float(u_g), float(u_d)


SETTINGS = [dict(spectral_norm=True), dict(loss="wasserstein"),
            dict(loss="wasserstein", gradient_penalty=10.0),
            dict(loss="wasserstein", clip=0.5, spectral_norm=True),
            dict(instance_noise=0.3), dict(loss="minimax", r1=0.7, instance_noise=0.2,
                                           spectral_norm=True),
            dict(loss="maximum_likelihood", gradient_penalty=2.0, instance_noise=0.1),
            dict(loss="wasserstein", gradient_penalty=3.0, spectral_norm=True,
                 instance_noise=0.5)]


def _cases():
    for g_model, d_model, setting in itertools.product(G_MODELS, D_MODELS, SETTINGS):
        needs_slope = setting.get("gradient_penalty", 0) > 0 or setting.get("r1", 0) > 0
        if needs_slope and d_model not in DEPTH_ONE:
            continue
        yield pytest.param(g_model, d_model, setting,
                           id=f"{g_model!r}-{d_model!r}-{sorted(setting.items())}")


@pytest.mark.parametrize(("g_model", "d_model", "setting"), list(_cases()))
def test_both_players_gradients_match_finite_differences(g_model, d_model, setting):
    game = gd.gan.GANGame((0.5, 1.5), g_model, d_model, batch_size=6, eval_size=8, rng=3,
                          **setting)
    z = np.concatenate([random_params(g_model, 0.3), random_params(d_model)])
    aux = game.init_auxiliary(z) if game.spectral_norm else None
    if aux is not None:  # start the power iteration somewhere generic, not converged
        aux = random_unit_vectors(spectral.layout_of(d_model))
    noise = game.draw(np.random.default_rng(5), (), aux)
    grad_d = game.partial_field(z, 2, noise)  # advances u, v once; then frozen
    frozen = noise.auxiliary
    grad_g = game.partial_field(z, 1, noise)
    n1 = game.n1

    def u_d(params_d):
        return reference_payoffs(game, np.concatenate([z[:n1], params_d]), noise, frozen)[1]

    def u_g(params_g):
        return reference_payoffs(game, np.concatenate([params_g, z[n1:]]), noise, frozen)[0]

    assert relative_error(grad_d, finite_difference(u_d, z[n1:])) < 1e-5
    assert relative_error(grad_g, finite_difference(u_g, z[:n1])) < 1e-5
    if aux is not None:
        np.testing.assert_allclose(frozen, spectral.power_step(z[n1:], aux,
                                                               spectral.layout_of(d_model)))
    # on the evaluation batch the payoffs are these formulas with the exact sigma
    exact = (spectral.exact_vectors(z[n1:], spectral.layout_of(d_model))
             if game.spectral_norm else None)
    evaluation = game._eval
    np.testing.assert_allclose(game.payoffs(z), reference_payoffs(game, z, evaluation, exact),
                               rtol=1e-10, atol=1e-12)


# ------------------------------------------------------------------ the front door
def test_train_passes_the_stabilizers_through():
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", gd.gan.DiscriminatorTooStrongWarning)
        run = gd.gan.train((2.0, 0.5), discriminator="mlp", spectral_norm=True, steps=1500,
                           rng=1, runs=3)
        noisy = gd.gan.train((2.0, 0.5), instance_noise=0.2, steps=1500, rng=1, runs=3)
        clipped = gd.gan.train((2.0, 0.5), loss="wasserstein", clip=0.5, steps=200, rng=1,
                               log_every=50)
    assert run.game.spectral_norm and run.config["spectral_norm"] is True
    assert noisy.game.instance_noise == 0.2
    for item in (run, noisy):  # both reach the target N(2, 0.5^2)
        assert np.all(item.history["jsd"][-1] < 0.02)
    # D(real) on the normalized weights: 1/2 at the equilibrium (not the raw weights')
    assert np.allclose(run.discriminator_output([2.0]), 0.5, atol=0.05)
    assert np.abs(np.stack(clipped.history["params_d"])).max() <= 0.5
    with pytest.raises(ValueError, match="`spectral_norm`.*mlp"):
        gd.gan.train((2.0, 0.5), spectral_norm=True, steps=10)
    for name, value in (("clip", -1.0), ("gradient_penalty", -1.0), ("instance_noise", "0.1"),
                        ("spectral_norm", 1)):
        with pytest.raises((TypeError, ValueError), match=f"`{name}`"):
            gd.gan.train((2.0, 0.5), steps=10, **{name: value})


@pytest.mark.parametrize("setting", [dict(loss="wasserstein"),
                                     dict(loss="wasserstein", clip=0.4, r1=0.5)], ids=str)
def test_the_critics_exact_jacobian_matches_differences_of_its_field(setting):
    # the critic's value is linear in f = w . phi(x): its d xi_D/d w block is -R1 only,
    # and d xi_D/d theta = -E_fake[dphi dG^T]; checked against central differences
    from gamedyn.games.differentiable import numeric_jacobian

    game = gd.gan.GANGame((0.5, 1.5), batch_size=16, eval_size=64, rng=4, **setting)
    assert game.has_exact_jacobian_products
    z = np.array([0.3, 1.2, 0.1, -0.2, 0.15])
    exact = game.jacobian(z)
    numeric = numeric_jacobian(game.field, z)
    np.testing.assert_allclose(exact, numeric, rtol=1e-6, atol=1e-7)
    assert np.allclose(exact[2:, 2:], 0) == (float(game.r1) == 0)
    for other in (dict(spectral_norm=True), dict(gradient_penalty=1.0),
                  dict(instance_noise=0.1)):  # no exact Jacobian: refused clearly
        with pytest.raises(ValueError, match="no exact Jacobian"):
            gd.gan.GANGame((0.5, 1.5), rng=4, **setting, **other).jacobian(z)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.floats(-12, 12), min_size=3, max_size=3), st.integers(0, 2**31))
def test_spectral_normalization_ignores_the_scale_of_each_weight_matrix(logs, seed):
    # W / sigma(W) is invariant under W -> c W (c > 0), at any scale: the discriminator's
    # outputs do not change and the gradient of each matrix scales by 1/c
    model = MLP(3, 2)
    layout = spectral.layout_of(model)
    rng = np.random.default_rng(seed)
    params = model.init(rng) + 0.3 * rng.normal(size=model.size)
    scaled = params.copy()
    factors = np.exp(np.array(logs))
    for (start, stop, *_), factor in zip(layout, factors):
        scaled[start:stop] *= factor
    x, upstream = rng.normal(size=5), rng.normal(size=5)
    results = []
    for p in (params, scaled):
        aux = spectral.exact_vectors(p, layout)
        normalized, sigmas = spectral.normalize(p, aux, layout)
        grad = model.backward(normalized, model.forward(normalized, x)[1], upstream)[0]
        results.append((model.forward(normalized, x)[0], sigmas,
                        spectral.backward(grad, normalized, aux, sigmas, layout)))
    np.testing.assert_allclose(results[1][0], results[0][0], rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(np.array(results[1][1]), factors * np.array(results[0][1]),
                               rtol=1e-9)
    for (start, stop, *_), factor in zip(layout, factors):
        np.testing.assert_allclose(results[1][2][start:stop] * factor,
                                   results[0][2][start:stop], rtol=1e-7, atol=1e-12)
