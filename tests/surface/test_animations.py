"""gd.plot.animate: frames, the drawn data against the result, GIF saving, bad arguments."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.animation import FuncAnimation  # noqa: E402

import gamedyn as gd  # noqa: E402
from gamedyn.gallery.animations import ANIMATIONS, save_animations  # noqa: E402


def _paths(anim):
    return [line for line in anim._fig.axes[0].get_lines() if line.get_linestyle() == "-"
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
    title = anim._fig.axes[0].get_title()
    assert f"η = {eta:g}" in title
    assert f"ρ = {np.sqrt(1 + eta**2):.4f}" in title
    assert "round 10" in title
    assert "ρ" not in gd.plot.animate(traj, point=None)._fig.axes[0].get_title()


def test_default_frames_are_every_saved_state():
    traj = gd.simulate(gd.games.bilinear(), "extragradient", [1.0, 0.0], 12)
    np.testing.assert_array_equal(gd.plot.animate(traj, point=None).frame_states,
                                  np.arange(13))


def test_gan_run_frames_draw_the_logged_discriminator_and_generator():
    run = gd.gan.train((1.0, 0.5), steps=40, rng=0, log_every=10)  # affine generator
    anim = gd.plot.animate(run, frames=3)
    np.testing.assert_array_equal(anim.frame_states, [0, 2, 4])
    anim._func(1)
    data, generator, d = anim._fig.axes[0].get_lines()[:3]
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
