"""Issue 18 point 4: each figure defect stays fixed, every recipe draws a teacher's own
game (checked against hand computations), and figures are written as PNG, SVG or PDF at a
chosen dpi."""

from __future__ import annotations

import re

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
import sympy as sp  # noqa: E402
from matplotlib.collections import LineCollection  # noqa: E402

import gamedyn as gd  # noqa: E402
from gamedyn.cli import main  # noqa: E402
from gamedyn.gallery import FIGURES, save_all, save_figure  # noqa: E402
from gamedyn.gallery.continuous import consensus_field  # noqa: E402
from gamedyn.gallery.gan import convergence_index  # noqa: E402


def _lines(ax, label):
    return [line for line in ax.get_lines() if line.get_label() == label]


def _drawn(figure):
    """The figure drawn on an Agg canvas (layout done, so text positions are final)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(figure).draw()
    return figure


def _text_boxes(figure):
    """Window extents of every visible, non-empty text of a drawn figure."""
    renderer = _drawn(figure).canvas.get_renderer()
    texts = [figure._suptitle] if figure._suptitle is not None else []
    for ax in figure.axes:
        texts += [ax.title, ax._left_title, ax._right_title, *ax.texts]
    return [(t.get_text(), t.get_window_extent(renderer)) for t in texts
            if t.get_visible() and t.get_text().strip()]


# ---- spectral_radius: title not clipped, the alternating curve visible on rho = 1
def test_spectral_radius_title_fits_and_alternating_curve_is_drawn_above_the_line():
    figure = FIGURES["spectral_radius"](quick=True)
    ax = figure.axes[0]
    box = ax.title.get_window_extent(_drawn(figure).canvas.get_renderer())
    width, height = figure.bbox.width, figure.bbox.height
    assert box.x0 >= 0 and box.x1 <= width and box.y1 <= height
    (reference,) = _lines(ax, "ρ = 1 (reference)")
    (alternating,) = _lines(ax, "alternating")
    assert np.allclose(alternating.get_ydata(), 1.0)  # it lies on the line: v = a b
    assert alternating.get_zorder() > reference.get_zorder()
    assert alternating.get_marker() not in (None, "None", "")
    curves = [line for line in ax.get_lines() if line is not reference
              and not line.get_label().startswith("_")]
    assert all(line.get_linestyle() != reference.get_linestyle() for line in curves)
    assert all(line.get_color() != reference.get_color() for line in curves)


# ---- gan1d_stability: a colour bar, and a legend that lists every eigenvalue
def _count_eigenvalues(text):
    pairs = len(re.findall(r"±[0-9.]+i \(2\)", text))
    numbers = len(re.findall(r"-?\d+\.\d+(?:[+-]\d+\.\d+i|±\d+\.\d+i)?", text))
    return numbers + pairs


def test_gan1d_stability_has_a_colorbar_and_lists_all_eigenvalues():
    figure = FIGURES["gan1d_stability"](quick=True)
    labels = [ax.get_ylabel() for ax in figure.axes]
    assert any("spectral radius" in label for label in labels)  # the colour bar's axis
    assert len(figure.axes) == 3
    texts = [t.get_text() for t in figure.axes[0].get_legend().get_texts()]
    assert len(texts) == 3
    for text in texts[:2]:  # R1 = 0 and R1 = 1: the game has n1 + n2 = 5 parameters
        assert "all 5" in text and _count_eigenvalues(text.split(":", 1)[1]) == 5
    assert _count_eigenvalues(texts[2].split(":", 1)[1]) == 2


def test_gan1d_stability_draws_the_eigenvalues_of_the_given_targets_game():
    # independent check: finite differences of the population game's field at the
    # equilibrium (generator = the target's (mean, std), discriminator flat)
    target = (1.5, 0.5)
    figure = FIGURES["gan1d_stability"](target, quick=True)
    game = gd.gan.population_game(target)
    z, h = game.equilibrium(), 1e-5
    assert np.allclose(z[:2], target)
    J = np.stack([(game.field(z + h * e) - game.field(z - h * e)) / (2 * h)
                  for e in np.eye(game.n)], axis=1)
    expected = np.sort_complex(np.linalg.eigvals(J))
    blue = figure.axes[0].get_lines()
    drawn = [line for line in blue if line.get_label().startswith("R1 = 0")][0]
    got = np.sort_complex(drawn.get_xdata() + 1j * drawn.get_ydata())
    assert np.allclose(got, expected, atol=1e-5)
    assert "N(1.5, 0.5^2)" in figure.axes[0].get_title()


# ---- gan1d_snapshots: the transient, and which round each panel is
def test_gan1d_snapshots_lie_in_the_transient_up_to_convergence():
    figure = FIGURES["gan1d_snapshots"](quick=True)
    run = gd.gan.train((2.0, 0.7), steps=600, rng=0, log_every=10)
    converged = convergence_index(run.history["jsd"])
    assert converged is not None
    first = run.history["step"][converged]
    assert run.history["jsd"][converged] < 0.02 <= run.history["jsd"][converged - 1]
    rounds = [int(re.match(r"round (\d+)", ax.get_title()).group(1)) for ax in figure.axes]
    assert rounds[0] == 0 and rounds[-1] == first
    assert all(r < first for r in rounds[:-1]) and len(set(rounds)) == 4
    assert "converged" in figure.axes[-1].get_title()
    assert f"round {first}" in figure._suptitle.get_text()


def test_gan1d_snapshots_draw_the_given_target():
    mean, std = -1.0, 0.5
    figure = FIGURES["gan1d_snapshots"]((mean, std), quick=True)
    (data,) = _lines(figure.axes[0], "data")
    x, y = data.get_xdata(), data.get_ydata()
    peak = 1 / (std * np.sqrt(2 * np.pi))  # N(-1, 0.5^2) at its mean
    assert abs(y.max() - peak) < 1e-3 and abs(x[np.argmax(y)] - mean) < 0.05


# ---- mode_hopping: which run is shown, and the spread across runs
def test_mode_hopping_names_its_run_and_shows_every_run():
    figure = FIGURES["mode_hopping"](quick=True)
    left, right = figure.axes[:2]
    assert re.search(r"one run shown: run \d of the 8-run ensemble \(rng = 1\)",
                     left.get_title().replace("\n", " "))
    points = [line for line in right.get_lines() if line.get_marker() == "o"
              and len(line.get_xdata()) == 8]
    bars = right.patches
    assert len(points) == 4 and len(bars) == 4
    for line, bar in zip(points, bars):
        assert np.isclose(bar.get_width(), np.mean(line.get_xdata()))
        assert abs(np.mean(line.get_ydata()) - (bar.get_y() + bar.get_height() / 2)) < 1e-9


def test_mode_hopping_refuses_a_one_mode_target():
    with pytest.raises(ValueError, match="`target`"):
        FIGURES["mode_hopping"]((0.0, 1.0), quick=True)


# ---- rps_replicator: no text overlaps another
@pytest.mark.parametrize("name", ["rps_replicator", "spectral_radius", "gan1d_stability",
                                  "dirac_gan", "pigs"])
def test_no_two_texts_overlap(name):
    figure = FIGURES[name](quick=True)
    boxes = _text_boxes(figure)
    for i, (text_a, a) in enumerate(boxes):
        for text_b, b in boxes[i + 1:]:
            assert not a.overlaps(b), (text_a, text_b)
        assert a.x0 >= 0 and a.x1 <= figure.bbox.width + 0.5, text_a  # not clipped


def test_rps_replicator_draws_a_weighted_rps_at_its_hand_computed_equilibrium():
    # A skew-symmetric: A p = 0 gives p proportional to (c, b, a) = (3, 2, 1)
    a, b, c = 1, 2, 3
    game = gd.games.BimatrixGame([[0, -a, b], [a, 0, -c], [-b, c, 0]], name="weighted RPS")
    figure = FIGURES["rps_replicator"](game, quick=True)
    star = [line for line in figure.axes[0].get_lines() if line.get_marker() == "*"][0]
    expected = gd.plot.simplex_xy(np.array([3, 2, 1]) / 6)
    assert np.allclose([star.get_xdata()[0], star.get_ydata()[0]], expected)
    drift = float(re.search(r"varies by ([0-9.e+-]+)", figure.axes[0].get_title()).group(1))
    assert drift < 1e-4  # zero-sum: the KL-type quantity is conserved


# ---- dirac_gan: the consensus panel draws the field the trajectory follows
def test_dirac_gan_consensus_panel_draws_the_consensus_field():
    figure = FIGURES["dirac_gan"](quick=True)
    ax = figure.axes[-1]
    assert "ξ − γJᵀξ" in ax.get_title()
    game = gd.games.dirac_gan()
    segments = [s for c in ax.collections if isinstance(c, LineCollection)
                for s in c.get_segments() if len(s) >= 2]
    starts = np.array([s[0] for s in segments])
    steps = np.array([s[-1] - s[0] for s in segments])
    keep = np.linalg.norm(steps, axis=1) > 1e-9
    starts, steps = starts[keep], steps[keep]
    steps /= np.linalg.norm(steps, axis=1, keepdims=True)

    def cosine(field):
        return np.sum(field / np.linalg.norm(field, axis=1, keepdims=True) * steps, axis=1)

    consensus = np.median(cosine(consensus_field(game, starts, 1.0)))
    plain = np.median(cosine(game.field(starts)))
    assert consensus > 0.95 and plain < 0.8  # measured: 0.989 and 0.555
    first = [c for c in figure.axes[0].collections if isinstance(c, LineCollection)]
    segments = [s for c in first for s in c.get_segments() if len(s) >= 2]
    starts = np.array([s[0] for s in segments])
    steps = np.array([s[-1] - s[0] for s in segments])
    keep = np.linalg.norm(steps, axis=1) > 1e-9
    starts, steps = starts[keep], steps[keep] / np.linalg.norm(steps[keep], axis=1,
                                                                   keepdims=True)
    assert np.median(cosine(game.field(starts))) > 0.9  # the other panels: plain field (0.96)


def test_dirac_gan_with_a_bilinear_game_gives_the_hand_computed_rates():
    # v = 2ab: J = [[0, -2], [2, 0]]; simultaneous rho = sqrt(1 + (2 eta)^2); consensus
    # linearization I + eta (J - gamma J^T J) = (1 - 4 eta gamma) I + eta J:
    # rho = sqrt((1 - 4 eta gamma)^2 + 4 eta^2)
    eta, gamma = 0.1, 1.0
    figure = FIGURES["dirac_gan"](gd.games.bilinear(2.0), quick=True)
    simultaneous, consensus = figure.axes[:2]
    assert f"ρ = {np.sqrt(1 + 4 * eta**2):.3f}" in simultaneous.get_title()
    assert f"ρ = {np.sqrt((1 - 4 * eta * gamma) ** 2 + 4 * eta**2):.3f}" in consensus.get_title()


# ---- every recipe takes a game of its own and draws it
def test_spectral_radius_of_a_rescaled_bilinear_game():
    c = 2.0
    figure = FIGURES["spectral_radius"](gd.games.bilinear(c), quick=True)
    ax = figure.axes[0]
    (simultaneous,) = _lines(ax, "simultaneous")
    eta = simultaneous.get_xdata()
    assert np.allclose(simultaneous.get_ydata(), np.sqrt(1 + (c * eta) ** 2))
    (extra,) = _lines(ax, "extragradient")  # sqrt(1 - (c eta)^2 + (c eta)^4)
    assert np.allclose(extra.get_ydata(), np.sqrt(1 - (c * eta) ** 2 + (c * eta) ** 4))


def test_bilinear_methods_and_eigenvalues_of_a_rescaled_bilinear_game():
    figure = FIGURES["bilinear_methods"](gd.games.bilinear(2.0), quick=True)
    assert f"ρ = {np.sqrt(1 + 0.4**2):.4f}" in figure.axes[1].get_title()
    figure = FIGURES["eigenvalues"](gd.games.bilinear(2.0), quick=True)
    (flow,) = [line for line in figure.axes[0].get_lines()
               if line.get_label().startswith("J (")]
    got = np.sort_complex(flow.get_xdata() + 1j * flow.get_ydata())
    assert np.allclose(got, [-2j, 2j])


def test_eigenvalues_of_a_bimatrix_game_at_its_mixed_equilibrium():
    # matching pennies scaled by 3: reduced game v(p, q) = 3 (2p - 1)(2q - 1), J at
    # (1/2, 1/2) = [[0, 12], [-12, 0]] up to sign: eigenvalues +-12i
    game = gd.games.BimatrixGame([[3, -3], [-3, 3]])
    figure = FIGURES["eigenvalues"](game, quick=True)
    (flow,) = [line for line in figure.axes[0].get_lines()
               if line.get_label().startswith("J (")]
    assert np.allclose(np.sort(np.abs(flow.get_ydata())), [12, 12])
    assert np.allclose(flow.get_xdata(), 0, atol=1e-9)


def test_loss_landscape_of_a_users_game():
    a, b = sp.symbols("a b")
    game = gd.games.from_sympy(a**2 - b**2, minimize=[a], maximize=[b])
    figure = FIGURES["loss_landscape"](game, quick=True)
    ax = figure.axes[0]
    # field (-2a, -2b): one attracting stationary point at the origin
    assert "1 attracting" in ax.get_title() and "saddle" not in ax.get_title()
    levels = ax.collections[0].levels
    assert levels.min() <= -16 + 1e-9 and levels.max() >= 16 - 1e-9  # v on [-4, 4]^2


def test_pigs_recipe_on_the_prisoners_dilemma():
    figure = FIGURES["pigs"](gd.games.prisoners_dilemma(), quick=True)
    # (Defect, Defect) is the unique equilibrium: Defect strictly dominates
    assert figure._suptitle.get_text().endswith("unique equilibrium (Defect, Defect)")
    star = [line for line in figure.axes[0].get_lines() if line.get_marker() == "*"]
    assert [(s.get_xdata()[0], s.get_ydata()[0]) for s in star] == [(0.0, 0.0)]


def test_no_regret_on_a_users_2x2_game():
    # zero-sum [[3, -1], [-2, 1]]: q* = 2/7 makes the row indifferent, p* = 3/7 the column
    game = gd.games.BimatrixGame([[3, -1], [-2, 1]])
    figure = FIGURES["no_regret"](game, quick=True)
    star = [line for line in figure.axes[0].get_lines() if line.get_marker() == "*"][0]
    assert np.allclose([star.get_xdata()[0], star.get_ydata()[0]], [3 / 7, 2 / 7])


def test_gan_recipes_draw_the_given_target():
    target = gd.gan.Mixture([0.5, 0.5], [-1.0, 1.0], [0.5, 0.5])
    figure = FIGURES["gan_mixture"](target, quick=True)
    ax = figure.axes[0]
    modes = sorted(line.get_ydata()[0] for line in ax.get_lines()
                   if line.get_linestyle() == ":")
    assert modes == [-1.0, 1.0]
    figure = FIGURES["gan1d_curves"]((1.0, 2.0), quick=True)
    assert "N(1, 2^2)" in figure._suptitle.get_text()


@pytest.mark.parametrize("name, bad", [("spectral_radius", gd.games.rock_paper_scissors()),
                                       ("dirac_gan", "dirac_gan"),
                                       ("pigs", gd.games.rock_paper_scissors()),
                                       ("rps_replicator", gd.games.pigs()),
                                       ("no_regret", gd.games.shapley())])
def test_recipes_refuse_a_game_of_the_wrong_kind(name, bad):
    with pytest.raises((TypeError, ValueError), match="`game`"):
        FIGURES[name](bad, quick=True)


# ---- formats and dpi
MAGIC = {"png": b"\x89PNG\r\n\x1a\n", "pdf": b"%PDF-"}


@pytest.mark.parametrize("fmt", ["png", "svg", "pdf"])
def test_save_all_writes_genuine_files_deterministically(tmp_path, fmt):
    (path,) = save_all(tmp_path / "a", only=["spectral_radius"], quick=True, format=fmt)
    assert path.suffix == f".{fmt}"
    data = path.read_bytes()
    if fmt == "svg":
        assert data.startswith(b"<?xml") and b"<svg" in data[:1000]
    else:
        assert data.startswith(MAGIC[fmt])
    (again,) = save_all(tmp_path / "b", only=["spectral_radius"], quick=True, format=fmt)
    assert again.read_bytes() == data


@pytest.mark.parametrize("dpi", [37, 150])
def test_png_pixel_size_is_the_figure_size_times_dpi(tmp_path, dpi):
    from PIL import Image

    figure = FIGURES["spectral_radius"](quick=True)
    width, height = figure.get_size_inches()
    path = save_figure(figure, tmp_path / "f.png", dpi=dpi)
    with Image.open(path) as image:
        assert image.format == "PNG"
        assert image.size == (round(width * dpi), round(height * dpi))


def test_cli_figures_format_and_dpi(tmp_path, capsys):
    from PIL import Image

    out = tmp_path / "out"
    assert main(["figures", "--only", "spectral_radius", "--quick", "--out", str(out),
                 "--format", "pdf"]) == 0
    assert (out / "spectral_radius.pdf").read_bytes().startswith(b"%PDF-")
    assert main(["figures", "--only", "spectral_radius", "--quick", "--out", str(out),
                 "--dpi", "50"]) == 0
    with Image.open(out / "spectral_radius.png") as image:
        assert image.size == (250, 250)  # a 5 x 5 inch figure
    capsys.readouterr()
    for argv, named in [(["--format", "gif"], "--format"), (["--dpi", "0"], "dpi"),
                        (["--dpi", "abc"], "--dpi"), (["--dpi", "5000"], "dpi"),
                        (["--dpi", "2.5"], "--dpi")]:
        code = main(["figures", "--only", "spectral_radius", "--quick", "--out",
                     str(tmp_path / "bad"), *argv])
        err = capsys.readouterr().err
        assert code == 2, argv
        lines = err.strip().splitlines()
        assert len(lines) == 1 and named in lines[0] and "Traceback" not in err, err
    assert not (tmp_path / "bad").exists()


def test_save_figure_refuses_bad_format_and_dpi(tmp_path):
    figure = FIGURES["spectral_radius"](quick=True)
    with pytest.raises(ValueError, match="`format`"):
        save_figure(figure, tmp_path / "f.png", format="gif")
    with pytest.raises(ValueError, match="`dpi`"):
        save_figure(figure, tmp_path / "f.png", dpi=0)
    with pytest.raises(TypeError, match="`dpi`"):
        save_figure(figure, tmp_path / "f.png", dpi=2.5)


# ---- the recipes' common arguments
WITHOUT_GAME = {"generator_costs": "draws the generator losses, no game",
                "sweep_nash_counts": "random games, drawn by the study",
                "sweep_gan": "the study's GAN on N(0, 1)"}


@pytest.mark.parametrize("name", [n for n in FIGURES if n not in WITHOUT_GAME])
def test_every_recipe_takes_its_game_first(name):
    import inspect

    parameters = list(inspect.signature(FIGURES[name]).parameters.values())
    assert parameters[0].name in ("game", "target") and parameters[0].default is None
    with pytest.raises(TypeError, match=f"`{parameters[0].name}`"):
        FIGURES[name](object(), quick=True)


@pytest.mark.parametrize("name", list(FIGURES))
def test_every_recipe_checks_rng_and_quick_before_drawing(name):
    with pytest.raises(ValueError, match="`rng`"):
        FIGURES[name](rng=-1, quick=True)
    with pytest.raises(TypeError, match="`quick`"):
        FIGURES[name](rng=0, quick="yes")


def test_sweep_basins_of_a_coordination_game_match_best_response_by_hand():
    # A = B = [[2, 0], [0, 1]]: equilibria (r0, c0), (r1, c1) and p = q = 1/3 (2q = 1 - q).
    # Simultaneous best response maps (p, q) to (1[q > 1/3], 1[p > 1/3]): starts with both
    # above 1/3 reach (r0, c0), both below (r1, c1), the rest cycle. On the quick 41-point
    # axis k/40, 27 values lie above 1/3 and 14 below.
    game = gd.games.BimatrixGame([[2, 0], [0, 1]], [[2, 0], [0, 1]], name="coordination")
    figure = FIGURES["sweep_basins"](game, quick=True)
    title = figure.axes[0].get_title()
    assert f"(r0, c0) {27**2 / 41**2:.0%}" in title and f"(r1, c1) {14**2 / 41**2:.0%}" in title
    assert f"none {2 * 27 * 14 / 41**2:.0%}" in title
    stars = [line for line in figure.axes[0].get_lines() if line.get_marker() == "*"][0]
    assert np.allclose(stars.get_xdata(), [1, 0, 1 / 3]) and np.allclose(stars.get_ydata(),
                                                                           [1, 0, 1 / 3])
    names = [t.get_text() for t in figure.legends[0].get_texts()]
    assert names == ["(r0, c0)", "(r1, c1)", "mixed (1/3, 1/3)", "none"]


# ---- invariance: equilibria (the stars) and fictitious play do not change under a
# positive affine map of either player's payoffs
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=8, deadline=None)
@given(st.floats(1e-3, 1e3), st.floats(-1e3, 1e3), st.floats(1e-3, 1e3), st.floats(-1e3, 1e3))
def test_pigs_recipe_is_invariant_under_positive_affine_payoff_maps(a, b, c, d):
    import matplotlib.pyplot as plt

    pigs = gd.games.pigs()
    mapped = gd.games.BimatrixGame(a * pigs.A + b, c * pigs.B + d, name="Pigs",
                                   row_labels=pigs.row_labels, col_labels=pigs.col_labels)
    figures = [FIGURES["pigs"](game, quick=True) for game in (pigs, mapped)]
    stars = [[(line.get_xdata()[0], line.get_ydata()[0]) for line in f.axes[0].get_lines()
              if line.get_marker() == "*"] for f in figures]
    assert np.allclose(stars[0], stars[1], atol=1e-9)
    beliefs = [np.array([line.get_ydata() for line in f.axes[1].get_lines()
                         if len(line.get_ydata())]) for f in figures]
    assert np.allclose(beliefs[0], beliefs[1])
    assert figures[0]._suptitle.get_text() == figures[1]._suptitle.get_text()
    for figure in figures:
        plt.close(figure)
