"""A user's typed code against gamedyn's public API (issue 18.7: what ``py.typed`` promises).

tests/surface/test_typing.py checks this file with mypy (the project's [tool.mypy]
settings) and runs it: each ``assert_type`` is a claim about the type a type checker
infers for a public call, so a public function that lost its annotations (its result
``Any``) or changed its return type fails the check.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import xarray
from typing_extensions import assert_type

import gamedyn as gd
from gamedyn.equilibria.vertex import EquilibriumSet
from gamedyn.gan.train import GANRun
from gamedyn.stability.report import StabilityReport


def games_and_equilibria() -> None:
    game = gd.BimatrixGame([[3, 0], [5, 1]], [[3, 5], [0, 1]], name="prisoners' dilemma")
    assert_type(game, gd.BimatrixGame)
    assert_type(game.A, np.ndarray)
    assert_type(game.shape, tuple[int, int])
    found = gd.equilibria.all_nash(game, progress=False)
    assert_type(found, EquilibriumSet)
    for p, q in found:
        assert_type(p, np.ndarray)
        assert_type(q, np.ndarray)
    assert_type(found.degenerate, bool)
    assert_type(gd.Status("converged"), gd.Status)


def dynamics_and_stability() -> None:
    game = gd.games.bilinear()
    assert_type(game, gd.DifferentiableGame)
    traj = gd.simulate(game, "extragradient", np.array([[1.0, 0.5]]), 100, rng=0,
                       progress=False)
    assert_type(traj, gd.Trajectory)
    assert_type(traj.final, np.ndarray)
    assert_type(traj.success, bool)
    more = gd.simulate(game, traj.dynamics, None, 10, state=traj.final_state)
    assert more.final.shape == (1, 2)
    report = gd.stability.analyze(game, [0.0, 0.0], dynamics="extragradient")
    assert_type(report, StabilityReport)
    assert_type(report.eigenvalues, np.ndarray)
    assert_type(report.spectral_radius, float | None)
    if report.spectral_radius is not None:
        assert report.spectral_radius < 1.0  # extragradient contracts on the bilinear game
    assert_type(report.explain(), str)
    found = gd.stability.find_stationary_points(game, [[-1, 1], [-1, 1]], grid=3)
    for point, verdict in found:
        assert_type(point, np.ndarray)
        assert_type(verdict, StabilityReport)


def gan_and_sweeps() -> None:
    target = gd.gan.Mixture([0.5, 0.5], [-1.0, 1.0], [0.5, 0.5])
    run = gd.gan.train(target, steps=10, log_every=5, rng=0, progress=False)
    assert_type(run, GANRun)
    assert_type(run.history, Mapping[str, np.ndarray])
    assert_type(run.params_g, np.ndarray)

    def square(x: float, rng: np.random.Generator) -> float:
        return x**2

    data = gd.sweep(square, {"x": [1.0, 2.0]}, rng=0, progress=False)
    assert_type(data, xarray.Dataset)
    assert data["value"].values.ravel().tolist() == [1.0, 4.0]  # dims (x, seed)


if __name__ == "__main__":
    games_and_equilibria()
    dynamics_and_stability()
    gan_and_sweeps()
