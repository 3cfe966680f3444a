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


# ------------------------------------------------------------------ parameters of a GAN run
def test_a_single_runs_parameters_are_one_curve_each_named_by_the_model():
    run = gd.gan.train((1.0, 0.5), steps=50, rng=0, log_every=10)
    ax = run.plot(keys=["params_g"])
    lines = ax.get_lines()
    assert [line.get_label() for line in lines] == ["G: mu", "G: log s"]  # Affine's names
    for k, line in enumerate(lines):
        np.testing.assert_array_equal(line.get_xdata(), run.history["step"])
        np.testing.assert_array_equal(line.get_ydata(), run.history["params_g"][:, k])
    assert len(ax.collections) == 0  # one run: no band


def test_parameters_without_names_are_labelled_by_index():
    run = gd.gan.train((1.0, 0.5), steps=20, rng=0, log_every=10)  # D: standardized
    assert getattr(run.discriminator, "param_names", None) is None
    ax = run.plot(keys=["params_d", "jsd"])
    labels = [line.get_label() for line in ax.get_lines()]
    assert labels == ["params_d[0]", "params_d[1]", "params_d[2]", "JSD"]
    for k in range(3):
        np.testing.assert_array_equal(ax.get_lines()[k].get_ydata(),
                                      run.history["params_d"][:, k])


def test_an_ensembles_parameters_are_medians_with_a_band_over_runs():
    run = gd.gan.train((1.0, 0.5), steps=20, runs=5, rng=0, log_every=5)
    ax = run.plot(keys=["params_g"])
    history = np.asarray(run.history["params_g"])  # (records, runs, 2)
    lines = ax.get_lines()
    assert len(lines) == 2 and len(ax.collections) == 2  # a band per parameter
    for k, (line, band) in enumerate(zip(lines, ax.collections)):
        np.testing.assert_allclose(line.get_ydata(), np.median(history[:, :, k], axis=1))
        low, high = np.percentile(history[:, :, k], [10, 90], axis=1)
        ys = band.get_paths()[0].vertices[:, 1]
        assert ys.min() == pytest.approx(low.min()) and ys.max() == pytest.approx(high.max())


# ------------------------------------------------------------------ flows
def test_a_flow_is_titled_as_the_ode_solution_not_with_a_step_size():
    flowed = gd.flow(gd.games.bilinear(), [1.0, 0.0], (0, 5))
    assert flowed.continuous and flowed.plot().get_title() == "flow (ODE solution)"
    assert "lr" not in repr(flowed) and "lr" not in str(flowed)
    # readers of traj.dynamics keep working: the dynamics whose field was integrated
    assert isinstance(flowed.dynamics, gd.dynamics.Simultaneous)
    replicator = gd.flow(gd.games.matching_pennies(), [0.6, 0.4, 0.3, 0.7], (0, 2))
    assert replicator.plot().get_title() == "flow (ODE solution)"
    consensus = gd.flow(gd.games.bilinear(), [1.0, 0.0], (0, 1),
                        dynamics=gd.dynamics.Consensus(0.3, gamma=0.5))
    assert consensus.method_label == "flow (ODE solution) of the Consensus field (gamma=0.5)"
    # a discrete run still names its method and step size
    played = gd.simulate(gd.games.bilinear(), gd.dynamics.Simultaneous(0.1), [1.0, 0.0], 5)
    assert not played.continuous and played.plot().get_title() == repr(played.dynamics)


# ------------------------------------------------------------------ pyplot and new_figure
def test_every_helper_without_ax_makes_a_pyplot_figure_and_new_figure_does_not():
    traj = gd.simulate(gd.games.bilinear(), "extragradient", [1.0, 0.0], 10)
    calls = [
        lambda: gd.plot.phase_portrait(gd.games.bilinear(), [[-1, 1], [-1, 1]], density=5),
        lambda: gd.plot.trajectory(traj.states),
        lambda: gd.plot.eigenvalue_plane([1j, -1j]),
        lambda: gd.plot.simplex_axes(("R", "P", "S")),
        lambda: traj.plot(),
        lambda: gd.gan.train((1.0, 0.5), steps=10, rng=0).plot(),
        lambda: gd.stability.stable_step_sizes(gd.games.dirac_gan(r1=1.0), [0, 0]).plot(),
    ]
    for call in calls:
        before = set(plt.get_fignums())
        ax = call()
        assert ax.figure.number in set(plt.get_fignums()) - before
    before = plt.get_fignums()
    figure, _ = gd.plot.new_figure(2, 2)
    assert plt.get_fignums() == before  # as documented: not pyplot's, for batch saving
    assert "not** managed by pyplot" in gd.plot.new_figure.__doc__
