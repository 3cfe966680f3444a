"""Faults found by trying to break the stability layer (issue 13), now regression tests."""

import warnings

import numpy as np
import pytest

import gamedyn as gd

D = gd.dynamics


def test_alternating_play_on_the_bilinear_game_never_contracts():
    game = gd.games.bilinear()
    for eta in (0.1, 0.5, 1.3, 1.9):  # closed form: eigenvalues on the unit circle
        step = np.array([[1.0, -eta], [eta, 1.0 - eta**2]])  # x+ = x - eta y, y+ = y + eta x+
        np.testing.assert_allclose(np.abs(np.linalg.eigvals(step)), 1.0, atol=1e-12)
        assert gd.stability.analyze(game, [0, 0], dynamics=D.Alternating(eta)).spectral_radius \
            == pytest.approx(1.0, abs=1e-12)
    region = gd.stability.stable_step_sizes(game, [0, 0], dynamics=D.Alternating(0.1))
    assert region.intervals == []


def test_alternating_optimistic_region_matches_the_hand_map():
    # not a fault: alternating optimistic steps on v = x y contract exactly for
    # eta < 2/3 (the hand-written map on (x, y, previous fields) below).
    def hand(eta):
        def step(s):
            x, y, px, py = s
            x_new = x + eta * (2 * -y - px)
            return np.array([x_new, y + eta * (2 * x_new - py), -y, x_new])
        return max(abs(np.linalg.eigvals(np.array([step(e) for e in np.eye(4)]).T)))
    for eta in (0.3, 0.6, 0.66, 0.67, 0.9):
        got = gd.stability.analyze(gd.games.bilinear(), [0, 0],
                                   dynamics=D.Alternating(D.Optimistic(eta))).spectral_radius
        assert got == pytest.approx(hand(eta), abs=1e-12)
    region = gd.stability.stable_step_sizes(gd.games.bilinear(), [0, 0],
                                            dynamics=D.Alternating(D.Optimistic(0.1)))
    assert len(region.intervals) == 1
    assert region.intervals[0][1] == pytest.approx(2 / 3, abs=1e-9)


def test_analyzing_adam_at_rest_fails_clearly():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            report = gd.stability.analyze(gd.games.bilinear(), [0, 0], dynamics=D.Adam(0.1))
        except (ValueError, TypeError) as error:
            assert "Adam" in str(error) or "differentiable" in str(error)
        else:
            assert report.status == gd.Status.FAILED
