"""The models, mode statistics and population game check their arguments at the door
(issue 19): each formerly failing call is refused with a message naming the argument,
while NaN and infinity still pass through the models (a diverging run must reach
simulate's divergence check)."""

from __future__ import annotations

import numpy as np
import pytest

import gamedyn as gd

RUN = None


def _run():
    global RUN
    if RUN is None:
        RUN = gd.gan.train((1.0, 0.5), steps=20, rng=0, log_every=5)
    return RUN


REFUSED = [
    ("output_scale", lambda: gd.gan.MLP(output_scale=True)),
    ("hidden", lambda: gd.gan.MLP(hidden=2**62)),
    ("hidden", lambda: gd.gan.train(generator="mlp", hidden=2**62, steps=1)),
    ("params", lambda: gd.gan.MLP(4).forward([True, False], np.zeros(3))),
    ("rng", lambda: gd.gan.MLP(4).init(True)),
    ("runs", lambda: gd.gan.MLP(4).init(np.random.default_rng(0), (10**7, 10**7))),
    ("cache", lambda: gd.gan.MLP(4).backward(gd.gan.MLP(4).init(np.random.default_rng(0)),
                                             None, np.ones(3))),
    ("params", lambda: gd.gan.MLP(4).input_gradient(None, np.zeros(3))),
    ("params", lambda: gd.gan.MLP(4).r1_gradient(None, np.zeros(3), 0.0)),
    ("gamma", lambda: gd.gan.MLP(4).r1_gradient(np.zeros(13), np.zeros(3), -1.0)),
    ("params", lambda: gd.gan.MLP(4).unpack(np.zeros(99))),
    ("log_scale", lambda: gd.gan.Affine(log_scale="yes")),
    ("cache", lambda: gd.gan.Affine().backward(np.zeros(2), None, np.ones(3), "input")),
    ("upstream", lambda: gd.gan.Affine().backward(np.zeros(2), np.zeros(3), np.ones(4))),
    ("params", lambda: gd.gan.Affine().forward([True, False], np.zeros(3))),
    ("rng", lambda: gd.gan.Affine().init(True)),
    ("params", lambda: gd.gan.Affine().scale(np.zeros(99))),
    ("params", lambda: gd.gan.Affine().derivatives(None, np.zeros(3))),
    ("size", lambda: gd.gan.Quadratic(size=0)),
    ("upstream", lambda: gd.gan.Quadratic().backward(np.zeros(3), np.array([-2.0]), None)),
    ("params", lambda: gd.gan.Quadratic().forward(None, np.zeros(1))),
    ("rng", lambda: gd.gan.Quadratic().init(-1)),
    ("params", lambda: gd.gan.Quadratic().input_gradient(None, np.zeros(1))),
    ("x", lambda: gd.gan.Quadratic().r1_gradient(np.zeros(3), None, 0.0)),
    ("x", lambda: gd.gan.Quadratic().features(None)),
    ("x", lambda: gd.gan.Quadratic().r1_features(None)),
    ("mass", lambda: gd.gan.mode_hops([[1.0, 2.0], [3.0]])),
    ("mass", lambda: gd.gan.mode_swing([[1.0, 2.0], [3.0]])),
    ("mass", lambda: gd.gan.mode_swing(np.full((3, 2), 0.9))),
    ("threshold", lambda: gd.gan.mode_hops(np.full((3, 2), 0.5), threshold="0.9")),
    ("samples", lambda: gd.gan.mode_mass(_run(), samples=2.5)),
    ("samples", lambda: gd.gan.mode_mass(_run(), samples=2**62)),
    ("run", lambda: gd.gan.mode_mass(None)),
    ("quadrature", lambda: gd.gan.population_game((0.0, 1.0), quadrature=10**12)),
]


@pytest.mark.parametrize("name, call", REFUSED, ids=[f"{n}-{i}" for i, (n, _) in
                                                      enumerate(REFUSED)])
def test_bad_argument_is_refused_by_name(name, call):
    with pytest.raises((TypeError, ValueError), match=f"`{name}"):
        call()


@pytest.mark.parametrize("model", [gd.gan.Affine(), gd.gan.Quadratic(), gd.gan.MLP(4)])
def test_non_finite_values_pass_through_the_models(model):
    """A diverged parameter or input gives NaN/inf out, not an exception."""
    params = model.init(np.random.default_rng(0))
    params[..., 0] = np.nan
    with np.errstate(all="ignore"):
        out = model.forward(params, np.array([0.0, np.inf]))[0]
    assert out.shape == (2,) and not np.all(np.isfinite(out))
