"""Trying to break the GAN as a game (issue 13), checked against independent computations."""

import warnings

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import gamedyn as gd
from gamedyn.gan.train import _streams

D = gd.dynamics


def _replay(run, steps, rng):
    """The run replayed by a plain ``simulate`` on its own game, dynamics, start and data
    stream (one segment, no front door)."""
    z0 = np.concatenate([run.history["params_g"][0], run.history["params_d"][0]], axis=-1)
    return gd.simulate(run.game, run.dynamics, z0, steps, _streams(rng)["data"], tol=0.0,
                       bound=1e6)


def test_a_diverging_gan_stops_and_says_so():
    # lr = 1e3 plain steps: no exception, no warning, no NaN; the run is frozen at its
    # last logged parameters (documented) and the event names the round that simulate,
    # replayed independently and stepped by hand, finds first out of the bound.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        run = gd.gan.train((2.0, 0.5), lr=1e3, optimizer="sgd", order="simultaneous",
                           steps=300, rng=0)
    replay = _replay(run, 300, 0)
    at = int(replay.diverged_at)
    assert replay.status == gd.Status.DIVERGED
    assert run.status == gd.Status.DIVERGED and not run.success
    assert "diverged" in run.message and run.events == (f"step {at}: 1 run(s) diverged",)
    state = run.dynamics.init(run.game, replay.states[0])
    data = _streams(0)["data"]
    for _ in range(at):
        previous, state = state.z, run.dynamics.step(run.game, state, data)
    assert np.abs(previous).max() <= 1e6 < np.abs(state.z).max()
    for key, values in run.history.items():
        assert np.isfinite(values).all(), key
    assert np.isfinite(run.params_g).all() and np.isfinite(run.params_d).all()


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(log_every=st.integers(1, 40), steps=st.integers(1, 40))
def test_training_does_not_depend_on_the_logging_points(log_every, steps):
    # invariance: logging reads the state, it never changes the play; in one ensemble a
    # run that trains (lr_d = 0.01) and one that diverges (lr_d = 40).
    lr = (0.05, np.array([0.01, 40.0]))
    kwargs = dict(lr=lr, optimizer="sgd", order="simultaneous", steps=steps, rng=2)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", gd.gan.DiscriminatorTooStrongWarning)
        one = gd.gan.train((1.0, 0.5), log_every=1, **kwargs)
        other = gd.gan.train((1.0, 0.5), log_every=log_every, **kwargs)
    np.testing.assert_array_equal(one.params_g[0], other.params_g[0])
    np.testing.assert_array_equal(one.params_d[0], other.params_d[0])
    assert list(one.status) == list(other.status)
    assert [e for e in one.events if "diverged" in e] == \
        [e for e in other.events if "diverged" in e]
    replay = _replay(one, steps, 2)
    np.testing.assert_array_equal(np.concatenate([one.params_g, one.params_d], axis=-1)[0],
                                  replay.final[0])
    assert list(replay.status) == [gd.Status.RUNNING if s == gd.Status.SUCCESS else s
                                   for s in one.status]


def test_per_run_r1_of_the_wrong_shape_names_r1():
    game = gd.gan.GANGame((1.0, 0.5), r1=np.array([0.1, 0.2, 0.3]), batch_size=8, rng=0)
    z = np.tile([0.0, 1.0, 0.0, 0.0, 0.0], (4, 1))  # 4 runs, 3 weights: no broadcast
    with pytest.raises(ValueError, match="`r1` has shape"):
        game.field(z)
    with pytest.raises(ValueError, match="`r1` has shape"):
        gd.simulate(game, D.Simultaneous(0.01), z, 2, rng=0)


def test_sample_game_jacobian_tends_to_the_population_closed_form():
    # J at the equilibrium (m, t, 0, 0, 0) derived by hand: [[0, B], [-B^T, -M/2]] with
    # B = [[0, 1/2, m], [0, 0, t]] and M the moments E[phi phi^T], phi = (1, x, x^2),
    # x ~ N(m, t^2); for m = 0, t = 1 its eigenvalues are -1, -1/2 +- i/2, -1/4 +- i
    # sqrt(3)/4. The sample game on a large evaluation batch approaches it.
    m, t = 0.0, 1.0
    B = np.array([[0, 0.5, m], [0, 0, t]])
    M = np.array([[1, m, m * m + t * t], [m, m * m + t * t, 0], [m * m + t * t, 0, 3]])
    J = np.block([[np.zeros((2, 2)), B], [-B.T, -M / 2]])
    expected = np.sort_complex(np.array([-1, -0.5 + 0.5j, -0.5 - 0.5j,
                                         -0.25 + 0.75**0.5 / 2 * 1j,
                                         -0.25 - 0.75**0.5 / 2 * 1j]))
    np.testing.assert_allclose(np.sort_complex(np.linalg.eigvals(J)), expected, atol=1e-12)
    for loss in ("non_saturating", "minimax", "maximum_likelihood"):
        population = gd.gan.population_game((m, t), loss=loss)
        np.testing.assert_allclose(population.jacobian(population.equilibrium()), J,
                                   atol=1e-12)
        sample = gd.gan.GANGame((m, t), loss=loss, eval_size=100_000, rng=3)
        np.testing.assert_allclose(sample.jacobian([m, t, 0, 0, 0]), J, atol=0.03)


class _Cubic:
    """A user's generator ``G(z) = a + b z + c z^3`` (linear in its parameters), with the
    optional second-order part, written only against the documented protocol."""

    size = 3

    def init(self, rng, runs=()):
        params = np.zeros(tuple(runs) + (3,))
        params[..., 1] = 1.0
        return params + 0.01 * rng.standard_normal(params.shape)

    @staticmethod
    def _basis(z):
        return np.stack([np.ones_like(z), z, z**3], axis=-1)

    def forward(self, params, z):
        return np.einsum("...bp,...p->...b", self._basis(z), params), z

    def backward(self, params, z, upstream, wrt="both"):
        grad_params = (np.einsum("...b,...bp->...p", upstream, self._basis(z))
                       if wrt != "input" else None)
        grad_input = (upstream * (params[..., 1:2] + 3 * params[..., 2:3] * z**2)
                      if wrt != "params" else None)
        return grad_params, grad_input

    def derivatives(self, params, z):
        basis = self._basis(z)
        return basis, np.zeros(basis.shape + (3,))


class _Line:
    """A user's discriminator ``l = w0 + w1 x`` with the required parts only."""

    size = 2

    def init(self, rng, runs=()):
        return 0.01 * rng.standard_normal(tuple(runs) + (2,))

    def forward(self, params, x):
        return params[..., :1] + params[..., 1:] * x, x

    def backward(self, params, x, upstream, wrt="both"):
        grad_params = (np.stack([upstream.sum(-1), (upstream * x).sum(-1)], axis=-1)
                       if wrt != "input" else None)
        return grad_params, (upstream * params[..., 1:] if wrt != "params" else None)


class _LineWithFeatures(_Line):
    def features(self, x):
        return (np.stack([np.ones_like(x), x], -1),
                np.stack([np.zeros_like(x), np.ones_like(x)], -1), np.zeros(x.shape + (2,)))


@pytest.mark.parametrize("loss", ["non_saturating", "minimax", "maximum_likelihood"])
def test_user_models_give_the_payoff_gradients_and_an_exact_jacobian(loss):
    z = np.array([0.3, 0.9, 0.05, 0.2, -0.4])
    h = 1e-6
    for model in (_Line(), _LineWithFeatures()):
        game = gd.gan.GANGame((1.0, 0.5), _Cubic(), model, loss=loss, eval_size=300, rng=1)
        field = game.field(z)
        for player, block in ((0, slice(0, 3)), (1, slice(3, 5))):
            for i in range(block.start, block.stop):
                step = np.zeros(5)
                step[i] = h
                slope = (game.payoffs(z + step)[player] - game.payoffs(z - step)[player]) / (2 * h)
                assert abs(slope - field[i]) < 1e-8
    exact = gd.gan.GANGame((1.0, 0.5), _Cubic(), _LineWithFeatures(), loss=loss,
                           eval_size=300, rng=1)
    h = 1e-5
    columns = [(exact.field(z + h * e) - exact.field(z - h * e)) / (2 * h) for e in np.eye(5)]
    np.testing.assert_allclose(exact.jacobian(z), np.array(columns).T, atol=1e-8)
    # without second-order parts, the methods that need J fail clearly, others train
    plain = gd.gan.GANGame((1.0, 0.5), _Cubic(), _Line(), loss=loss, batch_size=16, rng=1)
    for method in (D.Consensus(0.01), D.SGA(0.01), D.ProximalPoint(0.01)):
        with pytest.raises(ValueError, match="no exact Jacobian"):
            gd.simulate(plain, method, z, 2, rng=0)
    run = gd.simulate(plain, D.Alternating(D.Optimistic(0.01), k=(1, 3), first=2), z, 5,
                      rng=0, tol=0.0)
    assert run.status == gd.Status.RUNNING and np.isfinite(run.final).all()


def test_a_deprecated_alias_with_the_default_value_written_out_is_still_refused():
    # regression: "was the new name given?" was decided by comparing with the default
    # value, so steps=3000 (or rng=0 in sample) written out beside the old name was
    # silently overridden by the old name.
    with pytest.raises(TypeError, match="give `steps` only"):
        gd.gan.train(n_steps=5, steps=3000, rng=0)
    run = gd.gan.train((1.0, 0.5), steps=3, rng=0)
    with pytest.raises(TypeError, match="give `rng` only"):
        run.sample(3, seed=1, rng=0)
    with pytest.warns(DeprecationWarning, match="use `rng`"):
        old = run.sample(3, seed=1)
    np.testing.assert_array_equal(old, run.sample(3, rng=1))
    np.testing.assert_array_equal(run.sample(3), run.sample(3, rng=0))
    assert run.config["steps"] == 3 and type(run.config["steps"]) is int


def test_config_arrays_are_read_only():
    run = gd.gan.train((1.0, 0.5), lr=(0.01, np.array([0.01, 0.02])),
                       r1=np.array([0.1, 0.2]), steps=3, rng=0)
    for value in (run.config["r1"], run.config["lr"][1]):
        with pytest.raises(ValueError, match="read-only"):
            value[0] = 5.0
    with pytest.raises(TypeError):
        run.config["r1"] = 0.0


@pytest.mark.parametrize("with_tqdm", [True, False])
def test_the_progress_bar_says_why_training_stopped_early(with_tqdm, capsys, monkeypatch):
    if not with_tqdm:
        monkeypatch.setitem(__import__("sys").modules, "tqdm", None)
    run = gd.gan.train((2.0, 0.5), lr=1e3, optimizer="sgd", steps=300, rng=0,
                       progress=True)
    assert run.status == gd.Status.DIVERGED
    shown = capsys.readouterr()
    assert "every run diverged" in shown.out + shown.err


def test_noise_drawn_for_other_runs_is_named():
    game = gd.gan.GANGame((1.0, 0.5), batch_size=8, rng=0)
    z = np.array([0.0, 1.0, 0.0, 0.0, 0.0])
    noise = game.draw(0, (3,))
    for states in (z, np.tile(z, (2, 1))):
        for player in (1, 2):
            with pytest.raises(ValueError, match="`noise` was drawn for runs of batch shape"):
                game.partial_field(states, player, noise)
    # shared noise (drawn for one run) broadcasts to every run, as the evaluation batch
    shared = game.draw(0, ())
    both = game.field(np.tile(z, (2, 1)), shared)
    np.testing.assert_array_equal(both[0], both[1])
    np.testing.assert_array_equal(both[0], game.field(z, shared))


def test_train_with_a_dynamics_instance_reports_its_settings_and_runs():
    # regression: with dynamics= the config showed the unused defaults (k=(1, 1), adam)
    # and per-run step sizes on the dynamics needed `runs` spelled out.
    dynamics = D.Alternating(D.Adam((0.01, 0.02)), k=(1, 5), first=2)
    run = gd.gan.train((1.0, 0.5), steps=4, rng=0, dynamics=dynamics)
    assert run.config["k"] == (1, 5) and run.config["order"] == "alternating"
    assert run.config["lr"] == (0.01, 0.02) and run.config["optimizer"] is None
    assert run.dynamics is dynamics
    rates = np.array([0.01, 0.02, 0.03])
    ensemble = gd.gan.train((1.0, 0.5), steps=4, rng=0, dynamics=D.Simultaneous(rates))
    assert ensemble.status.shape == (3,) and ensemble.params_g.shape == (3, 2)
    explicit = gd.gan.train((1.0, 0.5), steps=4, rng=0, runs=3,
                            dynamics=D.Simultaneous(rates))
    np.testing.assert_array_equal(ensemble.params_g, explicit.params_g)
    with pytest.raises(ValueError, match="per-run"):
        gd.gan.train((1.0, 0.5), steps=4, rng=0, runs=2, dynamics=D.Simultaneous(rates))


class _Spy(gd.gan.GANGame):
    """A GAN game that records every minibatch it hands out and every one it is given."""

    log: list = []

    def draw(self, rng, batch_shape=()):
        noise = super().draw(rng, batch_shape)
        self.log.append(("draw", noise))
        return noise

    def partial_field(self, z, player, noise=None):
        self.log.append(("use", noise))
        return super().partial_field(z, player, noise)

    def jacobian(self, z, noise=None):
        self.log.append(("use", noise))
        return super().jacobian(z, noise)


@pytest.mark.parametrize("dynamics, draws, uses", [
    (D.Simultaneous(0.01), 1, 2),                      # two partial fields
    (D.Extragradient(0.01), 1, 4),                     # extrapolation and update
    (D.Optimistic(0.01), 1, 2),
    (D.Consensus(0.01), 1, 3),                         # field and J on one minibatch
    (D.Alternating(D.Extragradient(0.01), k=(2, 3), first=2), 5, 2),
    (D.Alternating(D.Consensus(0.01)), 2, 3),
])
def test_common_random_numbers_inside_an_update_fresh_across_updates(dynamics, draws, uses):
    game = _Spy((1.0, 0.5), batch_size=16, rng=0)
    state = dynamics.init(game, np.tile([0.0, 1.0, 0.0, 0.0, 0.0], (3, 1)))
    _Spy.log = []
    rng = np.random.default_rng(0)
    for _ in range(2):
        state = dynamics.step(game, state, rng)
    drawn = [noise for kind, noise in _Spy.log if kind == "draw"]
    used = [noise for kind, noise in _Spy.log if kind == "use"]
    assert len(drawn) == 2 * draws  # once per player update
    for noise in drawn:  # every evaluation of an update uses its own minibatch
        assert sum(item is noise for item in used) == uses
    assert all(any(item is noise for noise in drawn) for item in used)
    latents = [noise.latent for noise in drawn]
    for i in range(len(latents)):  # fresh across updates and across runs
        assert not np.array_equal(latents[i][0], latents[i][1])
        for j in range(i):
            assert not np.array_equal(latents[i], latents[j])


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(split=st.integers(0, 12))
def test_continuing_a_stochastic_run_is_bit_for_bit_one_long_run(split):
    game = gd.gan.GANGame((1.0, 0.5), batch_size=16, rng=0)
    z0 = np.array([[0.0, 1.0, 0.0, 0.0, 0.0], [0.5, 0.7, 0.1, 0.0, 0.0]])
    for dynamics in (D.Alternating(D.Adam(0.01, betas=(0.5, 0.999)), k=(1, 3), first=2),
                     D.Alternating(D.Optimistic((0.01, 0.02)), k=(2, 1))):
        whole = gd.simulate(game, dynamics, z0, 12, np.random.default_rng(5), tol=0.0)
        rng = np.random.default_rng(5)
        head = gd.simulate(game, dynamics, z0, split, rng, tol=0.0)
        tail = gd.simulate(game, dynamics, None, 12 - split, rng, tol=0.0,
                           state=head.final_state)
        for a, b in zip(whole.final_state, tail.final_state):
            np.testing.assert_array_equal(a, b)
