"""Results draw themselves, and plot helpers without ``ax`` give pyplot-managed figures."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

import gamedyn as gd  # noqa: E402


def test_helpers_without_ax_draw_on_a_pyplot_figure():
    before = set(plt.get_fignums())
    ax = gd.plot.eigenvalue_plane([0.5 + 0.5j, 0.5 - 0.5j])
    assert ax.figure.number in set(plt.get_fignums()) - before  # plt.show() would show it
    # with axes given, nothing new is made
    figure, axes = gd.plot.new_figure()
    count = len(plt.get_fignums())
    assert gd.plot.eigenvalue_plane([1j], ax=axes[0, 0]) is axes[0, 0]
    assert len(plt.get_fignums()) == count


def test_a_two_dimensional_trajectory_draws_its_phase_plane():
    traj = gd.simulate(gd.games.bilinear(), "extragradient", [[1.0, 0.0], [0.0, 0.5]], 40)
    ax = traj.plot()
    lines = [line for line in ax.get_lines() if len(line.get_xdata()) > 1]
    assert len(lines) == 2  # one path per start
    np.testing.assert_array_equal(lines[0].get_xdata(), traj.states[:, 0, 0])
    np.testing.assert_array_equal(lines[1].get_ydata(), traj.states[:, 1, 1])
    assert ax.get_xlabel() == "x (player 1)"


def test_a_longer_state_draws_each_coordinate_against_the_round():
    game = gd.games.bilinear(np.eye(2))
    traj = gd.simulate(game, gd.dynamics.Simultaneous(0.1), [1.0, 0.0, 0.0, 1.0], 10)
    ax = traj.plot()
    assert len(ax.get_lines()) == 4
    np.testing.assert_array_equal(ax.get_lines()[2].get_ydata(), traj.states[:, 2])
    assert ax.get_xlabel() == "round"


def test_a_gan_run_draws_its_indicators_with_a_band_for_ensembles():
    run = gd.gan.train((1.0, 0.5), steps=30, runs=4, rng=0)
    ax = run.plot()
    labels = [line.get_label() for line in ax.get_lines()]
    assert {"D(real)", "D(fake)", "V", "JSD"} <= set(labels)
    d_real = ax.get_lines()[labels.index("D(real)")]
    np.testing.assert_allclose(d_real.get_ydata(),
                               np.asarray(run.history["d_real"]).reshape(-1, 4).mean(axis=1))
    assert len(ax.collections) == 4  # the 10-90% bands
    with pytest.raises(ValueError, match="`keys`"):
        run.plot(keys=["nope"])


def test_a_step_size_region_shades_its_intervals():
    region = gd.stability.stable_step_sizes(gd.games.dirac_gan(r1=1.0), [0, 0])
    ax = region.plot()
    (low, high), = region.intervals
    (span,) = [patch for patch in ax.patches]
    x0, x1 = span.get_x(), span.get_x() + span.get_width()
    assert (x0, x1) == pytest.approx((low, high))
    two = gd.stability.stable_step_sizes(gd.games.dirac_gan(r1=1.0), [0, 0],
                                         two_timescale=True, resolution=64)
    ax = two.plot()
    assert ax.get_xlabel() == "lr1 (player 1)" and len(ax.figure.axes) == 2  # a colorbar


def test_plot_functions_refuse_the_wrong_result():
    with pytest.raises(TypeError, match="`traj`"):
        gd.plot.plot_trajectory(object())
    with pytest.raises(TypeError, match="`run`"):
        gd.plot.plot_gan_run(object())
    with pytest.raises(TypeError, match="`region`"):
        gd.plot.plot_step_sizes(object())
