"""gd.plot.animate: frames, the drawn data against the result, GIF saving, bad arguments."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from matplotlib.animation import FuncAnimation  # noqa: E402

import gamedyn as gd  # noqa: E402
from gamedyn.gallery.animations import ANIMATIONS, save_animations  # noqa: E402


def _paths(anim):
    return [line for line in anim.figure.axes[0].get_lines() if line.get_linestyle() == "-"
            and line.get_marker() in ("None", "", None)]


def test_trajectory_frames_draw_the_states_up_to_the_frames_round():
    traj = gd.simulate(gd.games.bilinear(), "simultaneous", [[1.0, 0.0], [0.0, 0.5]], 30)
    anim = gd.plot.animate(traj, frames=7, point=None)
    assert isinstance(anim, FuncAnimation)
    assert len(anim.frame_states) == 7
    # evenly spread, first and last included: round(k * 30 / 6) = 5 k
    np.testing.assert_array_equal(anim.frame_states, 5 * np.arange(7))
    for k in (0, 3, 6):
        anim._func(k)
        lines = _paths(anim)
        assert len(lines) == 2  # one path per start
        for i, line in enumerate(lines):
            np.testing.assert_array_equal(line.get_xdata(), traj.states[: 5 * k + 1, i, 0])
            np.testing.assert_array_equal(line.get_ydata(), traj.states[: 5 * k + 1, i, 1])


def test_title_gives_the_step_size_and_the_spectral_radius():
    # simultaneous steps on v = a b: the update map I + eta [[0, -1], [1, 0]] has
    # eigenvalues 1 +- i eta, so rho = sqrt(1 + eta^2)
    eta = 0.3
    traj = gd.simulate(gd.games.bilinear(), gd.dynamics.Simultaneous(eta), [1.0, 0.0], 10)
    anim = gd.plot.animate(traj, frames=3)  # point found automatically: the origin
    anim._func(2)
    title = anim.figure.axes[0].get_title()
    assert f"η = {eta:g}" in title
    assert f"ρ = {np.sqrt(1 + eta**2):.4f}" in title
    assert "round 10" in title
    assert "ρ" not in gd.plot.animate(traj, point=None).figure.axes[0].get_title()


def test_default_frames_are_every_saved_state():
    traj = gd.simulate(gd.games.bilinear(), "extragradient", [1.0, 0.0], 12)
    np.testing.assert_array_equal(gd.plot.animate(traj, point=None).frame_states,
                                  np.arange(13))


def test_gan_run_frames_draw_the_logged_discriminator_and_generator():
    run = gd.gan.train((1.0, 0.5), steps=40, rng=0, log_every=10)  # affine generator
    anim = gd.plot.animate(run, frames=3)
    np.testing.assert_array_equal(anim.frame_states, [0, 2, 4])
    anim._func(1)
    data, generator, d = anim.figure.axes[0].get_lines()[:3]
    x = d.get_xdata()
    params_d = run.history["params_d"][2]
    expected = 1 / (1 + np.exp(-run.discriminator.forward(params_d, x)[0]))
    np.testing.assert_allclose(d.get_ydata(), expected, rtol=1e-12)
    # the affine generator pushes N(0, 1) to N(mu, s^2): its histogram matches that pdf
    mu, log_s = run.history["params_g"][2]
    pdf = gd.gan.gaussian(mu, np.exp(log_s)).pdf(generator.get_xdata())
    np.testing.assert_allclose(generator.get_ydata(), pdf, atol=0.05 * pdf.max())
    np.testing.assert_allclose(data.get_ydata(), run.target.pdf(data.get_xdata()))


def test_gif_saving_in_quick_mode(tmp_path):
    pytest.importorskip("PIL")
    traj = gd.simulate(gd.games.bilinear(), "optimistic", [1.0, 0.0], 8)
    path = tmp_path / "a.gif"
    gd.plot.animate(traj, frames=3, point=None).save(path, writer="pillow", dpi=40)
    from PIL import Image

    with Image.open(path) as image:
        assert image.n_frames == 3


def test_gallery_quick_saves_three_gifs(tmp_path):
    pytest.importorskip("PIL")
    written = save_animations(tmp_path, quick=True)
    assert [p.name for p in written] == [f"{name}.gif" for name in ANIMATIONS]
    assert all(0 < p.stat().st_size < 1_500_000 for p in written)


@pytest.mark.parametrize("kwargs, name", [
    (dict(frames=0), "frames"), (dict(frames=2.5), "frames"), (dict(frames=100), "frames"),
    (dict(interval=0), "interval"), (dict(interval="fast"), "interval"),
    (dict(point="origin"), "point"), (dict(point=[1.0]), "point"), (dict(size=-1), "size"),
])
def test_bad_arguments_are_refused_by_name(kwargs, name):
    traj = gd.simulate(gd.games.bilinear(), "simultaneous", [1.0, 0.0], 5)
    with pytest.raises((ValueError, TypeError), match=f"`{name}`"):
        gd.plot.animate(traj, **kwargs)


def test_other_results_are_refused():
    with pytest.raises(TypeError, match="`result`"):
        gd.plot.animate(np.zeros((3, 2)))
    traj = gd.simulate(gd.games.pigs(), gd.dynamics.FictitiousPlay(), [0.5, 0.5, 0.5, 0.5], 3)
    with pytest.raises(ValueError, match="`result`"):
        gd.plot.animate(traj)


# ------------------------------------------------------------------ the default frames
@settings(max_examples=15, deadline=None)
@given(steps=st.integers(1, 2500))
def test_default_frames_are_at_most_150_spread_evenly_first_and_last_included(steps):
    traj = gd.simulate(gd.games.bilinear(), "simultaneous", [1.0, 0.0], steps)
    shown = gd.plot.animate(traj, point=None).frame_states
    count = steps + 1  # saved states
    assert len(shown) == min(count, 150)
    assert shown[0] == 0 and shown[-1] == count - 1
    gaps = np.diff(shown)
    assert np.all(gaps >= 1)  # no state drawn twice
    assert gaps.max() - gaps.min() <= 1  # evenly spread: the gaps differ by a rounding
    # frames= still overrides the default
    assert len(gd.plot.animate(traj, frames=min(count, 7), point=None).frame_states) == \
        min(count, 7)


def test_the_reported_long_trajectory_gets_150_frames():
    traj = gd.simulate(gd.games.bilinear(), "simultaneous", [1.0, 0.0], 2000)
    anim = gd.plot.animate(traj)
    assert len(anim.frame_states) == 150
    assert anim.frame_states[0] == 0 and anim.frame_states[-1] == 2000
    anim._func(149)  # the last frame draws the whole path
    (line, *_) = _paths(anim)
    np.testing.assert_array_equal(line.get_xdata(), traj.states[:, 0])


def test_a_gan_run_logged_every_round_gets_150_frames():
    run = gd.gan.train((1.0, 0.5), steps=200, rng=0, log_every=1)
    shown = gd.plot.animate(run).frame_states
    assert len(shown) == 150 and shown[0] == 0 and shown[-1] == 200


# ------------------------------------------------------------------ the GAN's y-axis
@pytest.mark.parametrize("target", [(2.0, 0.5), (0.0, 0.2)])
def test_every_frame_of_a_gan_run_lies_within_the_fixed_y_limits(target):
    # a narrow target: the generator's density peaks above the data's while it learns
    run = gd.gan.train(target, steps=300, rng=0, log_every=30)
    anim = gd.plot.animate(run)
    ax = anim.figure.axes[0]
    low, high = ax.get_ylim()
    tops = []
    for k in range(len(anim.frame_states)):
        anim._func(k)
        assert ax.get_ylim() == (low, high)  # computed once: the axis does not jump
        data, generator, d = ax.get_lines()[:3]
        for line in (data, generator, d):
            y = np.asarray(line.get_ydata(), dtype=float)
            assert np.all((low <= y) & (y <= high)), (k, line.get_label())
        tops.append(max(np.max(generator.get_ydata()), np.max(d.get_ydata())))
    # and the axis is not far too tall: the highest curve reaches above 80% of it
    assert max(max(tops), np.max(data.get_ydata()), 1.0) > 0.8 * high


# ------------------------------------------------------------------ flows and the figure
def test_a_flow_is_titled_as_the_ode_solution_without_a_step_size():
    flowed = gd.flow(gd.games.bilinear(), [1.0, 0.0], (0.0, 5.0))
    anim = gd.plot.animate(flowed, frames=3, point=[0.0, 0.0])
    anim._func(2)
    title = anim.figure.axes[0].get_title()
    assert title.startswith("flow (ODE solution), t 5.00")
    assert "η" not in title and "lr" not in title
    # the flow of v = a b has J = [[0, -1], [1, 0]]: eigenvalues +-i, max Re = 0
    assert "max Re λ = +0.0000" in title


def test_the_animation_figure_is_public():
    from matplotlib.figure import Figure

    traj = gd.simulate(gd.games.bilinear(), "simultaneous", [1.0, 0.0], 5)
    anim = gd.plot.animate(traj, point=None)
    assert isinstance(anim.figure, Figure)
    assert anim.figure.axes[0].get_xlabel() == "x (player 1)"
    assert "_fig" not in gd.plot.animate.__doc__
