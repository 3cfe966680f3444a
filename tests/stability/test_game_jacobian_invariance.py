"""The game Jacobian is a property of the game at the point, not of the dynamics (issue 18
an18, point 2): `analyze rock_paper_scissors` printed +-3i and `--dynamics hedge` +-0.5774i,
because the bimatrix-dynamics path reported the replicator field's Jacobian under the same
name. Now `jacobian`/`game_eigenvalues` are the mixed extension's gradient field's in every
case, and the method's own continuous-time field is `field_jacobian`/`field_eigenvalues`."""

from __future__ import annotations

import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gamedyn as gd
from gamedyn.cli import main
from gamedyn.dynamics.base import tangent_basis


def _reduced(k):
    """E = [[I], [-1 ... -1]]: d(full strategy) / d(reduced coordinates)."""
    return np.vstack([np.eye(k - 1), -np.ones((1, k - 1))])


def _game_jacobian_by_hand(A, B):
    # u1 = p A q with p = E x + e_m, q = E y + e_n: d2u1/dx dy = E^T A E, d2u1/dx2 = 0
    # (linear in own strategy); likewise d2u2/dy dx = E^T B^T E.
    m, n = A.shape
    Em, En = _reduced(m), _reduced(n)
    return np.block([[np.zeros((m - 1, m - 1)), Em.T @ A @ En],
                     [En.T @ B.T @ Em, np.zeros((n - 1, n - 1))]])


def _game_with_interior_equilibrium(seed, m, n):
    """Random A, B shifted so that (p*, q*) is an interior Nash equilibrium: A q* = c 1,
    p*^T B = d 1^T (A = R + (c 1 - R q*) 1^T since 1^T q* = 1, likewise B)."""
    rng = np.random.default_rng(seed)
    p, q = rng.dirichlet(np.ones(m)), rng.dirichlet(np.ones(n))
    R, S = rng.normal(size=(m, n)), rng.normal(size=(m, n))
    A = R + np.outer(1.0 - R @ q, np.ones(n))
    B = S + np.outer(np.ones(m), -0.5 - p @ S)
    return gd.BimatrixGame(A, B), p, q


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 10_000), st.integers(2, 4), st.integers(2, 4))
def test_game_jacobian_is_the_same_under_every_dynamics(seed, m, n):
    game, p, q = _game_with_interior_equilibrium(seed, m, n)
    J = _game_jacobian_by_hand(game.A, game.B)
    reports = [gd.stability.analyze(game, (p, q), dynamics=d)
               for d in (None, "replicator", "hedge")]
    for rep in reports:
        np.testing.assert_allclose(rep.jacobian, J, atol=1e-9)
        np.testing.assert_allclose(rep.game_eigenvalues, reports[0].game_eigenvalues,
                                   atol=1e-9)
        assert rep.flow_kind == reports[0].flow_kind
        assert rep.local_nash is True
    assert reports[0].field_jacobian is None
    for rep in reports[1:]:
        # the replicator field dp_i/dt = p_i ((A q)_i - p A q): d/dq = diag(p)(I - 1 p^T) A
        full = np.block([[np.zeros((m, m)), np.diag(p) @ (np.eye(m) - np.outer(np.ones(m), p))
                          @ game.A],
                         [np.diag(q) @ (np.eye(n) - np.outer(np.ones(n), q)) @ game.B.T,
                          np.zeros((n, n))]])
        T = tangent_basis(m, n)
        np.testing.assert_allclose(rep.field_jacobian, T.T @ full @ T, atol=1e-9)


def test_rock_paper_scissors_by_hand():
    # Game Jacobian in reduced coordinates: E^T A E = [[0, -3], [3, 0]] for
    # A = [[0, -1, 1], [1, 0, -1], [-1, 1, 0]] and E^T B^T E = E^T A E (B = -A = A^T);
    # [[0, K], [K, 0]] has eigenvalues those of +-K: +-3i (twice). The replicator field at
    # the barycentre is (1/3) (projected A) on an orthonormal tangent basis, whose
    # eigenvalues are +-i sqrt(3) / 3 = +-i / sqrt(3) (twice).
    rps = gd.games.rock_paper_scissors()
    u = [1 / 3] * 3
    for dynamics in (None, "replicator", "hedge"):
        rep = gd.stability.analyze(rps, (u, u), dynamics=dynamics)
        np.testing.assert_allclose(rep.game_eigenvalues, [-3j, -3j, 3j, 3j], atol=1e-12)
    hedge = gd.stability.analyze(rps, (u, u), dynamics="hedge")
    np.testing.assert_allclose(hedge.field_eigenvalues,
                               np.array([-1j, -1j, 1j, 1j]) / np.sqrt(3), atol=1e-12)
    text = str(hedge)
    assert "game Jacobian eigenvalues: -3i, -3i, 3i, 3i" in text
    assert "continuous-time field's Jacobian eigenvalues" in text and "0.5774i" in text
    assert not re.search(r"\de-\d\d", text)  # no 8.67e-19 noise printed


@pytest.mark.parametrize("dynamics", [None, "hedge", "replicator"])
@pytest.mark.parametrize("vertex", [0, 1])
def test_vertex_says_what_is_shown_instead_of_an_empty_list(dynamics, vertex, capsys):
    # (Stag, Stag) and (Hare, Hare) are strict equilibria at vertices: the active face is
    # a point, so there is no Jacobian to restrict; the verdict comes from the multipliers.
    pure = np.eye(2)[vertex]
    rep = gd.stability.analyze(gd.games.stag_hunt(), (pure, pure), dynamics=dynamics)
    assert rep.jacobian.size == 0 and rep.pressed and rep.flow_kind == "attracting"
    text = str(rep)
    assert "game Jacobian eigenvalues: none: the point is a vertex" in text
    assert not re.search(r"game Jacobian eigenvalues: *\n", text)
    if dynamics is not None:
        # the replicator at a strict vertex: dp_other/dt = p_other (payoff gap) with gap
        # -1 for both players in the stag hunt (2 - 3 at Stag, 1 - 2 at Hare): -1, -1
        np.testing.assert_allclose(rep.field_eigenvalues, [-1, -1], atol=1e-12)


def test_cli_prints_the_same_game_eigenvalues_with_and_without_hedge(capsys):
    lines = []
    for extra in ([], ["--dynamics", "hedge"]):
        assert main(["analyze", "rock_paper_scissors", *extra]) == 0
        out = capsys.readouterr().out
        lines.append([line for line in out.splitlines() if "game Jacobian eigenvalues" in line])
    assert lines[0] == lines[1] and "3i" in lines[0][0]
