"""The interactive explorer (gd.interactive.explore): its outputs follow its widgets.

Every number is checked against a closed form derived by hand for the linearized update
map at the equilibrium, never against the library's own computation:

* bilinear ``v = a b`` (Jacobian ``[[0, -1], [1, 0]]``), step sizes ``(eta1, eta2)``:
  simultaneous steps ``I + [[0, -eta1], [eta2, 0]]`` have eigenvalues
  ``1 +- i sqrt(eta1 eta2)``, so ``rho = sqrt(1 + eta1 eta2)``; alternating steps have
  determinant 1 and trace ``2 - eta1 eta2``, so ``|lambda| = 1`` while ``eta1 eta2 < 4``;
  extragradient ``I + eta J + eta^2 J^2`` has ``rho = sqrt(1 - eta^2 + eta^4)``;
  heavy-ball momentum's eigenvalues solve ``l^2 - (1 + beta + eta mu) l + beta = 0`` for
  ``mu = +-i``; consensus multiplies ``|z|^2`` by ``(1 - eta gamma)^2 + eta^2``
  (Gidel et al. 2019, Sec. 3; Mescheder et al. 2017, eq. 9).
* the Dirac-GAN with R1 weight ``gamma``: ``J = [[0, -1/2], [1/2, -gamma]]`` (Mescheder
  et al. 2018, Lemma 2.2), eigenvalues ``mu = -gamma/2 +- sqrt(gamma^2/4 - 1/4)``, and
  simultaneous steps have eigenvalues ``1 + eta mu``.
* matching pennies, reduced coordinates ``(p0, q0)``: the field is ``(4 q0 - 2,
  2 - 4 p0)``, Jacobian ``[[0, 4], [-4, 0]]``: ``rho = sqrt(1 + 16 eta^2)``; the
  replicator ``dp0/dt = p0 (1 - p0) (4 q0 - 2)`` has Jacobian ``[[0, 1], [-1, 0]]`` at
  the centre, so its Euler step ``dt`` has ``rho = sqrt(1 + dt^2)``.
"""

from __future__ import annotations

import base64
import functools
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gamedyn as gd

pytest.importorskip("ipywidgets")

ROOT = Path(__file__).resolve().parents[2]


def explore(*args, **kwargs):
    return gd.interactive.explore(*args, **kwargs)


def visible(ex) -> set[str]:
    return {key for key, control in ex.controls.items() if control.layout.display != "none"}


# ----------------------------------------------------------------------------- the maths
@pytest.mark.parametrize("lr, tau", [(0.1, 1.0), (0.3, 1.0), (0.5, 2.0), (1.7, 0.4)])
def test_simultaneous_on_bilinear(lr, tau):
    ex = explore("bilinear", "simultaneous")
    ex.controls["lr"].value = lr
    ex.controls["timescale"].value = tau
    eta1, eta2 = lr, tau * lr
    assert ex.spectral_radius == pytest.approx(np.sqrt(1 + eta1 * eta2), rel=1e-12)
    expected = 1 + 1j * np.sqrt(eta1 * eta2) * np.array([-1, 1])
    np.testing.assert_allclose(np.sort_complex(ex.eigenvalues), expected, atol=1e-12)
    # the run: |z_t|^2 grows by exactly 1 + eta^2 per round when eta1 = eta2
    if tau == 1.0:
        states = np.asarray(ex.trajectory.states)
        norms = np.sum(states**2, axis=-1)
        rounds = np.arange(len(states))[:, None]
        np.testing.assert_allclose(norms, norms[0] * (1 + lr**2) ** rounds, rtol=1e-9)


@settings(max_examples=12, deadline=None, derandomize=True, database=None)
@given(lr=st.floats(0.01, 2.0), tau=st.floats(0.1, 10.0))
def test_any_step_sizes_simultaneous_and_alternating(lr, tau):
    ex = _shared_explorer()
    ex.controls["dynamics"].value = "simultaneous"
    ex.controls["lr"].value = lr
    ex.controls["timescale"].value = tau
    assert ex.controls["lr"].value == lr  # the widget keeps the value it is given
    product = lr * tau * lr  # eta1 eta2
    assert ex.spectral_radius == pytest.approx(np.sqrt(1 + product), rel=1e-12)
    ex.controls["dynamics"].value = "alternating"
    # determinant 1, trace 2 - eta1 eta2: on the circle, or a real pair l, 1/l
    half = (product - 2) / 2
    expected = 1.0 if product <= 4 else abs(half) + np.sqrt(half**2 - 1)
    assert ex.spectral_radius == pytest.approx(expected, rel=1e-6, abs=1e-6)


@settings(max_examples=6, deadline=None, derandomize=True, database=None)
@given(scale=st.floats(0.25, 4.0), lr=st.floats(0.05, 0.5),
       name=st.sampled_from(["simultaneous", "extragradient", "optimistic", "momentum"]))
def test_scaling_the_game_and_dividing_the_step_leaves_rho(scale, lr, name):
    # v = c a b with step eta / c is v = a b with step eta: J scales by c, eta J does not
    plain = explore("bilinear", name, lr=lr, steps=1)
    scaled = explore(gd.games.bilinear(scale), name, lr=lr / scale, steps=1)
    assert scaled.spectral_radius == pytest.approx(plain.spectral_radius, rel=1e-9)


@functools.cache
def _shared_explorer():
    return explore("bilinear", steps=2)


@pytest.mark.parametrize("lr, tau", [(0.5, 1.0), (1.9, 1.0), (1.0, 3.5)])
def test_alternating_on_bilinear_rotates_while_eta1_eta2_below_4(lr, tau):
    ex = explore("bilinear", "alternating", lr=lr, timescale=tau)
    eta1, eta2 = lr, tau * lr
    assert eta1 * eta2 < 4
    np.testing.assert_allclose(np.abs(ex.eigenvalues), 1.0, atol=1e-12)
    # the conserved quantity x^2 / eta1 + y^2 / eta2 - x y of x+ = x - eta1 y,
    # y+ = y + eta2 x+ (Bailey et al. 2020)
    x, y = np.moveaxis(np.asarray(ex.trajectory.states), -1, 0)
    energy = x**2 / eta1 + y**2 / eta2 - x * y
    np.testing.assert_allclose(energy, np.broadcast_to(energy[0], energy.shape), rtol=1e-9)


def test_alternating_on_bilinear_diverges_past_eta1_eta2_4():
    ex = explore("bilinear", "alternating")
    ex.controls["lr"].value = 2.0
    ex.controls["timescale"].value = 1.5  # eta1 eta2 = 6: trace -4, determinant 1
    assert ex.spectral_radius == pytest.approx(2 + np.sqrt(3), rel=1e-12)
    assert set(np.ravel(ex.trajectory.status)) == {"diverged"}
    assert "2 diverged" in ex.outputs["summary"].value


@pytest.mark.parametrize("lr", [0.2, 0.5, 0.9, 1.5])
def test_extragradient_on_bilinear(lr):
    ex = explore("bilinear", "extragradient", lr=lr)
    assert ex.spectral_radius == pytest.approx(np.sqrt(1 - lr**2 + lr**4), rel=1e-12)


@pytest.mark.parametrize("lr, beta", [(0.3, -0.5), (0.2, 0.3), (0.6, -0.8)])
def test_momentum_on_bilinear_solves_its_characteristic_polynomial(lr, beta):
    ex = explore("bilinear", "momentum")
    ex.controls["lr"].value = lr
    ex.controls["momentum"].value = beta
    roots = np.concatenate([np.roots([1, -(1 + beta + lr * mu), beta]) for mu in (1j, -1j)])
    np.testing.assert_allclose(np.sort_complex(ex.eigenvalues), np.sort_complex(roots),
                               atol=1e-10)
    assert ex.dynamics.beta == beta


@pytest.mark.parametrize("lr, beta", [(0.5, -0.5), (0.3, 0.2), (0.8, -0.7)])
def test_alternating_momentum_on_bilinear(lr, beta):
    # x+ = x - eta y + beta (x - x-), y+ = y + eta x+ + beta (y - y-): with x ~ a l^t,
    # y ~ b l^t and P = l - 1 - beta + beta / l, P a = -eta b and P b = eta l a, so
    # (l^2 - (1 + beta) l + beta)^2 + eta^2 l^3 = 0 (Gidel et al. 2019, Sec. 5)
    ex = explore("bilinear", "momentum", lr=lr, momentum=beta)
    ex.controls["order"].value = 1
    quadratic = np.array([1.0, -(1 + beta), beta])
    roots = np.roots(np.polymul(quadratic, quadratic) + [0, lr**2, 0, 0, 0])
    np.testing.assert_allclose(np.sort_complex(ex.eigenvalues), np.sort_complex(roots),
                               atol=1e-9)


def test_play_order_composes_with_the_rule():
    from gamedyn.dynamics import Alternating, Extragradient

    ex = explore("bilinear", "extragradient", lr=0.4)
    assert "order" in visible(ex)
    ex.controls["order"].value = 2
    assert ex.dynamics == Alternating(Extragradient((0.4, 0.4)), first=2)
    ex.controls["dynamics"].value = "simultaneous"  # plain alternating: |lambda| = 1
    np.testing.assert_allclose(np.abs(ex.eigenvalues), 1.0, atol=1e-12)
    ex.controls["dynamics"].value = "alternating"  # its own order
    assert "order" not in visible(ex)
    ex.controls["game"].value = "matching_pennies"
    ex.controls["dynamics"].value = "hedge"
    assert "order" not in visible(ex)


@pytest.mark.parametrize("lr, gamma", [(0.1, 1.0), (0.4, 0.5), (0.5, 3.0)])
def test_consensus_on_bilinear(lr, gamma):
    ex = explore("bilinear", "consensus", lr=lr, regularization=gamma)
    assert ex.spectral_radius == pytest.approx(np.sqrt((1 - lr * gamma) ** 2 + lr**2),
                                               rel=1e-12)


@pytest.mark.parametrize("gamma", [0.0, 0.5, 1.0, 3.0])
def test_dirac_gan_r1_moves_the_eigenvalues(gamma):
    lr = 0.4
    ex = explore("dirac_gan", "simultaneous", lr=lr)
    ex.controls["r1"].value = gamma
    mu = -gamma / 2 + np.array([-1, 1]) * np.sqrt(complex(gamma**2 / 4 - 1 / 4))
    np.testing.assert_allclose(np.sort_complex(ex.eigenvalues),
                               np.sort_complex(1 + lr * mu), atol=1e-10)
    assert (ex.spectral_radius < 1) == (gamma > 0)


@pytest.mark.parametrize("lr", [0.05, 0.2])
def test_matching_pennies_gradient_and_replicator(lr):
    ex = explore("matching_pennies", "simultaneous", lr=lr)
    assert ex.spectral_radius == pytest.approx(np.sqrt(1 + 16 * lr**2), rel=1e-12)
    ex.controls["dynamics"].value = "replicator"  # the lr control sets its dt
    assert ex.dynamics.dt == lr
    assert ex.spectral_radius == pytest.approx(np.sqrt(1 + lr**2), rel=1e-9)
    # bimatrix dynamics play full mixed strategies (p, q): each sums to 1
    states = np.asarray(ex.trajectory.states)
    assert states.shape[-1] == 4
    np.testing.assert_allclose(states[..., :2].sum(-1), 1.0, atol=1e-12)


# ----------------------------------------------------------------------------- the widgets
def test_controls_that_do_not_apply_are_hidden():
    ex = explore("bilinear", "simultaneous")
    assert visible(ex) == {"game", "dynamics", "lr", "timescale", "order", "steps"}
    ex.controls["dynamics"].value = "momentum"
    assert "momentum" in visible(ex) and "regularization" not in visible(ex)
    ex.controls["dynamics"].value = "sga"
    assert "regularization" in visible(ex) and "momentum" not in visible(ex)
    ex.controls["game"].value = "dirac_gan"
    assert "r1" in visible(ex)
    ex.controls["game"].value = "matching_pennies"
    ex.controls["dynamics"].value = "logit"
    assert {"temperature", "lr"} <= visible(ex) and "timescale" not in visible(ex)


def test_methods_offered_follow_the_game():
    from gamedyn.dynamics import REGISTRY, GradientDynamics

    ex = explore("matching_pennies", "hedge")
    assert set(ex.controls["dynamics"].options) == set(REGISTRY)
    ex.controls["game"].value = "bilinear"  # hedge does not apply: back to simultaneous
    gradient = {name for name, cls in REGISTRY.items() if issubclass(cls, GradientDynamics)}
    assert set(ex.controls["dynamics"].options) == gradient
    assert ex.controls["dynamics"].value == "simultaneous"
    assert ex.spectral_radius == pytest.approx(np.sqrt(1 + 0.1**2), rel=1e-12)


def test_every_offered_method_runs_or_says_why_not():
    ex = explore("matching_pennies", steps=20)
    for name in ex.controls["dynamics"].options:
        ex.controls["dynamics"].value = name
        assert ex.trajectory is not None, name
        if ex.report is None:
            assert "no linearization" in ex.message and ex.eigenvalues.size == 0, name
            assert "no linearization" in ex.outputs["summary"].value
        else:
            assert ex.spectral_radius == pytest.approx(np.abs(ex.eigenvalues).max())


def test_outputs_hold_the_figure_and_the_numbers():
    ex = explore("bilinear", "simultaneous", lr=0.3)
    assert ex.outputs["figure"].value[:8] == b"\x89PNG\r\n\x1a\n"
    assert f"{np.sqrt(1.09):.6f}" in ex.outputs["summary"].value
    phase, spectrum = ex.figure.axes[:2]
    assert f"{np.sqrt(1.09):.4f}" in spectrum.get_title()
    before = ex.outputs["figure"].value
    ex.controls["lr"].value = 0.6
    assert ex.outputs["figure"].value != before
    assert f"{np.sqrt(1.36):.6f}" in ex.outputs["summary"].value
    bundle = ex._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert base64.b64decode(bundle["image/png"]) == ex.outputs["figure"].value


def test_hold_changes_several_controls_with_one_update():
    ex = explore("matching_pennies", "replicator", lr=0.2)
    figure = ex.outputs["figure"].value
    with ex.hold():
        ex.controls["game"].value = "dirac_gan"  # replicator does not apply: simultaneous
        ex.controls["r1"].value = 1.0
        ex.controls["lr"].value = 0.4
        assert ex.outputs["figure"].value == figure  # nothing redrawn yet
        assert ex.spectral_radius == pytest.approx(np.sqrt(1 + 0.2**2), rel=1e-9)
    # J = [[0, -1/2], [1/2, -1]]: mu = -1/2 (double), 1 + 0.4 mu = 0.8
    assert ex.controls["dynamics"].value == "simultaneous"
    assert ex.spectral_radius == pytest.approx(0.8, rel=1e-6)
    assert ex.outputs["figure"].value != figure


def test_an_instance_sets_the_first_values_and_keeps_the_rest():
    from gamedyn.dynamics import Alternating, Momentum, Simultaneous

    ex = explore("bilinear", Simultaneous(lr=(0.1, 0.3)))
    assert ex.controls["timescale"].value == pytest.approx(3.0)
    assert ex.spectral_radius == pytest.approx(np.sqrt(1 + 0.03), rel=1e-12)
    ex = explore("bilinear", Alternating(Momentum(0.2, beta=-0.3), k=(1, 2), first=2))
    assert ex.controls["momentum"].value == pytest.approx(-0.3)
    ex.controls["momentum"].value = -0.6
    assert ex.dynamics == Alternating(Momentum(0.2, beta=-0.6), k=(1, 2), first=2)


def test_your_own_games():
    ex = explore(gd.games.bilinear(A=2.0), lr=0.25)  # J = [[0, -2], [2, 0]]
    assert ex.controls["game"].value == "custom"
    assert ex.spectral_radius == pytest.approx(np.sqrt(1 + 4 * 0.25**2), rel=1e-12)
    pennies = gd.BimatrixGame([[3, -3], [-3, 3]])  # matching pennies times 3: J = +-12i
    ex = explore(pennies, lr=0.1)
    assert ex.spectral_radius == pytest.approx(np.sqrt(1 + 144 * 0.01), rel=1e-12)
    np.testing.assert_allclose(ex.point, [0.5, 0.5])
    ex = explore(gd.games.dirac_gan(), point=[0.0, 0.0], starts=[[0.5, 0.5]], lr=0.2)
    assert np.asarray(ex.trajectory.states).shape == (101, 1, 2)


def test_a_box_domain_is_not_taken_for_simplices():
    # the clipped WGAN Dirac-GAN lives in a box; at (0, 0) J = [[0, -1], [1, 0]] (Mescheder
    # et al. 2018, section 2), so simultaneous GD has rho = sqrt(1 + eta^2)
    game = gd.games.dirac_gan("wasserstein", clip=0.5)
    ex = explore(game, point=[0.0, 0.0], lr=0.2)
    assert ex.spectral_radius == pytest.approx(np.sqrt(1 + 0.2**2), rel=1e-12)
    states = np.asarray(ex.trajectory.states)
    assert np.all(game.domain.contains(states.reshape(-1, 2)))  # starts and run inside
    assert ex.figure.axes[0].get_xlim() != (0.0, 1.0)  # the plane around the point


# ----------------------------------------------------------------------------- bad input
@pytest.mark.parametrize("kwargs, error, name", [
    (dict(game=3), TypeError, "`game`"),
    (dict(game="nope"), ValueError, "`game`"),
    (dict(dynamics=5), TypeError, "`dynamics`"),
    (dict(dynamics="nope"), ValueError, "`dynamics`"),
    (dict(game="bilinear", dynamics="replicator"), ValueError, "`dynamics`"),
    (dict(steps=0), ValueError, "`steps`"),
    (dict(steps=10**9), ValueError, "`steps`"),
    (dict(steps=2.5), TypeError, "`steps`"),
    (dict(lr=-0.1), ValueError, "`lr`"),
    (dict(lr="big"), TypeError, "`lr`"),
    (dict(lr=float("nan")), ValueError, "`lr`"),
    (dict(momentum=1.5), ValueError, "`momentum`"),
    (dict(r1=-1.0), ValueError, "`r1`"),
    (dict(game="bilinear", point=[0, 0]), ValueError, "`point`"),
    (dict(game=gd.games.bilinear(), point=[0, 0, 0]), ValueError, "`point`"),
    (dict(game=gd.games.bilinear(), starts=[[1, 2, 3]]), ValueError, "`starts`"),
    (dict(game=gd.games.matching_pennies(), point=[0.5, 0.5, 0.5]), TypeError, "`point`"),
    (dict(game=gd.games.matching_pennies(), starts=[[2.0, 0.5]]), ValueError, "`starts`"),
])
def test_bad_input_names_the_argument(kwargs, error, name):
    with pytest.raises(error, match=name):
        explore(**kwargs)


def test_a_game_without_a_known_equilibrium_needs_a_point():
    game = gd.games.from_value(1, 1, lambda z: z[..., 0] * z[..., 1])
    with pytest.raises(ValueError, match="`point` is needed.*equilibrium"):
        explore(game)
    ex = explore(game, point=[0.0, 0.0], lr=0.5)
    assert ex.spectral_radius == pytest.approx(np.sqrt(1.25), rel=1e-6)


def test_without_ipywidgets_the_error_says_what_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "ipywidgets", None)  # "import ipywidgets" fails
    with pytest.raises(ImportError, match=r"gamedyn\[interactive\]"):
        explore()


@pytest.mark.parametrize("statement", ["import gamedyn", "import gamedyn.interactive"])
def test_importing_loads_neither_ipywidgets_nor_matplotlib(statement):
    code = (f"import sys; {statement}; "
            "print([m for m in ('ipywidgets', 'matplotlib') if m in sys.modules])")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, cwd=ROOT)
    assert done.stdout.strip() == "[]"


# ----------------------------------------------------------------------------- in a kernel
KERNEL_CODE = [
    "import json\nimport numpy as np\nimport gamedyn as gd\n"
    "ex = gd.interactive.explore('bilinear', 'simultaneous')\nex",
    "ex.controls['lr'].value = 0.3\n"
    "ex.controls['dynamics'].value = 'alternating'\n"
    "alternating = np.abs(ex.eigenvalues).tolist()\n"
    "ex.controls['dynamics'].value = 'extragradient'\n"
    "extragradient = ex.spectral_radius\n"
    "ex.controls['dynamics'].value = 'simultaneous'\n"
    "print(json.dumps({'simultaneous': ex.spectral_radius, 'alternating': alternating,\n"
    "                  'extragradient': extragradient,\n"
    "                  'summary': ex.outputs['summary'].value,\n"
    "                  'png': ex.outputs['figure'].value[:4].hex()}))",
]


def test_driven_in_a_kernel(monkeypatch):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(
        [str(ROOT)] + [p for p in [os.environ.get("PYTHONPATH")] if p]))
    monkeypatch.setenv("MPLBACKEND", "Agg")
    book = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code)
                                           for code in KERNEL_CODE])
    nbclient.NotebookClient(book, timeout=120, kernel_name="python3",
                            resources={"metadata": {"path": str(ROOT)}}).execute()
    (shown,) = [output["data"] for output in book.cells[0].outputs if "data" in output]
    assert "application/vnd.jupyter.widget-view+json" in shown  # the widgets, live
    assert base64.b64decode(shown["image/png"])[:4] == b"\x89PNG"  # the picture, static
    assert shown["text/plain"].startswith("Explorer(game='bilinear'")
    printed = "".join(output.get("text", "") for output in book.cells[1].outputs
                      if output.get("name") == "stdout")
    result = json.loads(printed)
    assert result["simultaneous"] == pytest.approx(np.sqrt(1 + 0.3**2), rel=1e-12)
    np.testing.assert_allclose(result["alternating"], 1.0, atol=1e-12)
    assert result["extragradient"] == pytest.approx(np.sqrt(1 - 0.09 + 0.0081), rel=1e-12)
    assert f"{np.sqrt(1.09):.6f}" in result["summary"]
    assert result["png"] == b"\x89PNG".hex()


# ----------------------------------------------------------------------------- method ranges
def test_each_slider_follows_the_chosen_methods_range():
    from gamedyn.dynamics import REGISTRY

    ex = explore("matching_pennies", "simultaneous", lr=1.5)
    assert ex.controls["lr"].max == gd.interactive.CONTROLS["lr"][2] and not ex.limits
    ex.controls["dynamics"].value = "logit"  # its step size is a share: 0 < lr <= 1
    assert ex.controls["lr"].max == 1.0 and ex.controls["lr"].value == 1.0
    assert ex.limits == {"lr": (0.01, 1.0)}
    assert ex.dynamics is not None and ex.dynamics.lr == 1.0 and ex.trajectory is not None
    assert "limited" in ex.outputs["summary"].value
    ex.controls["dynamics"].value = "simultaneous"  # the whole range again
    assert ex.controls["lr"].max == 2.0 and not ex.limits
    # whichever method and slider position, the method accepts the controls' values
    for name in ex.controls["dynamics"].options:
        ex.controls["dynamics"].value = name
        for key in gd.interactive.CONTROLS:
            ex.controls[key].value = ex.controls[key].max
        assert ex.dynamics is not None, (name, ex.message)
        assert "refused" not in ex.message, name
    assert set(ex.controls["dynamics"].options) == set(REGISTRY)


def test_an_initial_value_the_method_refuses_is_a_value_error():
    with pytest.raises(ValueError, match="`lr` must be between 0.01 and 1 for logit"):
        explore("matching_pennies", "logit", lr=1.5)
    ex = explore("matching_pennies", "logit", lr=1.0)
    assert ex.dynamics.lr == 1.0


def test_r1_is_refused_where_it_does_not_apply():
    with pytest.raises(ValueError, match="`r1`.*'bilinear' has none"):
        explore("bilinear", r1=1.0)
    with pytest.raises(ValueError, match="`r1`.*your game"):
        explore(gd.games.dirac_gan(), point=[0.0, 0.0], r1=1.0)
    assert explore("bilinear", r1=0.0).controls["r1"].layout.display == "none"
    assert explore("dirac_gan", r1=1.0).controls["r1"].value == 1.0


def test_a_pair_of_step_sizes_is_lr_and_a_timescale():
    # simultaneous steps on v = a b with (eta1, eta2): rho = sqrt(1 + eta1 eta2)
    ex = explore("bilinear", "simultaneous", lr=(0.1, 0.3))
    assert ex.controls["lr"].value == pytest.approx(0.1)
    assert ex.controls["timescale"].value == pytest.approx(3.0)
    assert ex.spectral_radius == pytest.approx(np.sqrt(1 + 0.03), rel=1e-12)
    with pytest.raises(ValueError, match="`timescale`"):
        explore("bilinear", lr=(0.1, 0.2), timescale=2.0)
    with pytest.raises(ValueError, match="`lr`.*one number for hedge"):
        explore("matching_pennies", "hedge", lr=(0.1, 0.2))
    with pytest.raises(ValueError, match="`lr`.*between 0.1 and 10"):
        explore("bilinear", lr=(0.1, 5.0))
    with pytest.raises(ValueError, match="`lr`"):
        explore("bilinear", lr=(0.1, -0.2))
