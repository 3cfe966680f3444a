"""Shared by the tests and the doctests of gamedyn/: figures are drawn off-screen, and
pyplot-managed figures (plot helpers called without ``ax``) are closed after each test."""

import os
import sys

import pytest

os.environ.setdefault("MPLBACKEND", "Agg")


@pytest.fixture(autouse=True)
def _close_pyplot_figures():
    yield
    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")
