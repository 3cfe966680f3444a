"""gd.gan.train as a front door over gd.simulate: names, streams, results, dynamics."""

import warnings

import numpy as np
import pytest

import gamedyn as gd
from gamedyn.gan.train import _streams

D = gd.dynamics


def test_streams_of_different_seeds_are_unrelated():
    # regression: the GAN used seed (data), seed + 1 (evaluation) and seed + 2 (data
    # statistics), so seed 1 evaluated on the very numbers seed 0 drew its statistics
    # from. Streams now come from SeedSequence(seed).spawn: no two of them, over seeds
    # and purposes, start with the same numbers.
    firsts = {}
    for seed in range(4):
        for purpose, stream in _streams(seed).items():
            firsts[(seed, purpose)] = tuple(stream.standard_normal(4))
    assert len(set(firsts.values())) == len(firsts)
    # and the run uses them: its evaluation batch is the evaluation stream's draws
    run = gd.gan.train((1.0, 2.0), steps=2, rng=1)
    expected = gd.gan.gaussian(1.0, 2.0).sample(2048, _streams(1)["evaluation"])
    np.testing.assert_array_equal(run.game.evaluation_batch[0], expected)
    zero = gd.gan.train((1.0, 2.0), steps=2, rng=0)
    assert not np.array_equal(zero.game.evaluation_batch[0], expected)


def test_rng_accepts_generators_and_seed_sequences():
    a = gd.gan.train((1.0, 0.5), steps=30, rng=np.random.SeedSequence(3))
    b = gd.gan.train((1.0, 0.5), steps=30, rng=np.random.SeedSequence(3))
    np.testing.assert_array_equal(a.params_g, b.params_g)
    c = gd.gan.train((1.0, 0.5), steps=30, rng=np.random.default_rng(3))
    d = gd.gan.train((1.0, 0.5), steps=30, rng=np.random.default_rng(3))
    np.testing.assert_array_equal(c.params_g, d.params_g)
    with pytest.raises(TypeError, match="`rng`"):
        gd.gan.train(rng=1.5)


def test_steps_counts_rounds_and_k_the_updates_per_round():
    # regression: train(steps=3000) meant 3000 generator and 3000 discriminator updates
    # per round (for 3000 rounds: 18 million updates); steps now counts rounds
    run = gd.gan.train((1.0, 0.5), steps=40, log_every=20, rng=0)
    np.testing.assert_array_equal(run.history["step"], [0, 20, 40])
    assert run.dynamics.k == (1, 1) and run.config["k"] == (1, 1)
    five = gd.gan.train((1.0, 0.5), steps=10, k=(1, 5), rng=0)
    assert five.dynamics.k == (1, 5)
    with pytest.raises(ValueError, match="simultaneous play updates each player once"):
        gd.gan.train(order="simultaneous", k=(1, 2))


def test_old_names_warn_naming_the_new_ones():
    new = gd.gan.train((1.0, 0.5), steps=20, rng=2, k=(1, 2))
    with pytest.warns(DeprecationWarning, match="`seed` is deprecated: use `rng`"):
        old = gd.gan.train((1.0, 0.5), steps=20, seed=2, k=(1, 2))
    np.testing.assert_array_equal(old.params_g, new.params_g)
    with pytest.warns(DeprecationWarning, match="`n_steps` is deprecated: use `steps`"):
        gd.gan.train((1.0, 0.5), n_steps=20, rng=2)
    with pytest.warns(DeprecationWarning, match="per-round update counts are `k="):
        pair = gd.gan.train((1.0, 0.5), steps=(1, 2), rng=2, log_every=5)
    assert pair.dynamics.k == (1, 2) and pair.config["steps"] == 3000
    with pytest.warns(DeprecationWarning, match="use `rng`"):
        samples = new.sample(5, seed=1)
    np.testing.assert_array_equal(samples, new.sample(5, rng=1))
    with pytest.raises(TypeError, match="give `rng` only"):
        gd.gan.train(rng=1, seed=1)


def test_default_dynamics_is_the_classic_gan_round():
    # alternating, the discriminator first, Adam with beta1 = 0.5 (Radford et al. 2016);
    # plain steps on J_D = -V/2 are half steps on u_D = V
    run = gd.gan.train((1.0, 0.5), steps=5, rng=0)
    expected = D.Alternating(D.Adam((0.01, 0.01), betas=(0.5, 0.999)), k=(1, 1), first=2)
    assert repr(run.dynamics) == repr(expected)
    sgd = gd.gan.train((1.0, 0.5), steps=5, rng=0, optimizer="sgd", lr=(0.02, 0.04))
    assert sgd.dynamics.first == 2 and sgd.dynamics.step_sizes(0) == (0.02, 0.02)
    assert isinstance(gd.gan.train(steps=5, rng=0, order="simultaneous").dynamics, D.Adam)


def test_any_registered_dynamics_trains_through_the_front_door():
    for dynamics in (D.Extragradient(0.05), D.Optimistic(0.05),
                     D.Alternating(D.Momentum(0.05, beta=-0.3), k=(1, 2), first=2)):
        run = gd.gan.train((1.5, 0.7), dynamics=dynamics, steps=2500, rng=3)
        assert run.dynamics is dynamics
        assert abs(run.history["value"][-1] + np.log(4)) < 0.05, dynamics
        assert run.history["jsd"][-1] < 0.02, dynamics
    by_name = gd.gan.train((1.5, 0.7), dynamics="extragradient", steps=10, rng=0)
    assert isinstance(by_name.dynamics, D.Extragradient)
    with pytest.raises(TypeError, match="`lr`, `k` cannot be given with `dynamics`"):
        gd.gan.train(dynamics="extragradient", lr=0.1, k=(1, 2))
    with pytest.raises(TypeError, match="gradient dynamics"):
        gd.gan.train(dynamics="replicator")


def test_run_is_read_only_keeps_the_game_and_has_one_status_shape():
    one = gd.gan.train((1.0, 0.5), steps=300, rng=0)
    assert one.status.shape == () and one.status == gd.Status.SUCCESS and one.success
    assert isinstance(one.game, gd.gan.GANGame) and one.game.n == 5
    many = gd.gan.train((1.0, 0.5), steps=30, rng=0, runs=3)
    assert many.status.shape == (3,) and all(s is gd.Status.SUCCESS for s in many.status)
    with pytest.raises(ValueError):
        many.params_g[0, 0] = 1.0
    with pytest.raises(ValueError):
        many.history["value"][0] = 1.0
    with pytest.raises(AttributeError):
        many.message = "changed"
    boom = gd.gan.train((0.0, 1.0), optimizer="sgd", lr=(2e3, 2e3), r1=0.0, steps=50, rng=0)
    assert boom.status == gd.Status.DIVERGED and not boom.success


def test_progress_bar_reports_rounds(capsys):
    pytest.importorskip("tqdm")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # tqdm may warn about the terminal
        gd.gan.train((1.0, 0.5), steps=40, log_every=20, rng=0, progress=True)
    assert "40/40" in capsys.readouterr().err


def test_cli_gan_takes_a_dynamics_step_sizes_and_k(tmp_path, capsys):
    from gamedyn.cli import main

    assert main(["gan", "--mean", "1", "--std", "0.5", "--steps", "1500", "--dynamics",
                 "extragradient", "--lr", "0.05", "--rng", "2", "--out", str(tmp_path)]) == 0
    assert "1 of 1 run(s) converged" in capsys.readouterr().out
    assert main(["gan", "--steps", "20", "--lr", "0.01", "0.02", "--k", "1", "3", "--seed",
                 "1", "--out", str(tmp_path)]) == 0
    assert main(["gan", "--dynamics", "adam", "--k", "1", "2", "--out", str(tmp_path)]) == 2
    assert "--k" in capsys.readouterr().err


def test_a_users_discriminator_trains_through_the_front_door():
    # the cubic discriminator written in test_game.py (protocol only, with R1): a cubic
    # logit contains the quadratic log-ratio of two Gaussians, so the GAN still converges
    from test_game import Cubic  # tests/gan is on sys.path (pytest, prepend mode)

    run = gd.gan.train((0.5, 1.0), discriminator=Cubic(), r1=0.05, steps=2500, rng=1)
    assert run.discriminator == Cubic() and run.game.discriminator == Cubic()
    assert abs(run.history["value"][-1] + np.log(4)) < 0.05 and run.history["jsd"][-1] < 0.02
    with pytest.raises(TypeError, match="`discriminator` must follow the model protocol"):
        gd.gan.train(discriminator=object())
