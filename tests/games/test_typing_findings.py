"""Faults mypy found when the package was first type-checked (issue 18.7)."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
from hypothesis import assume, given
from hypothesis import strategies as st

import gamedyn as gd


@given(st.floats(width=32, allow_nan=False, allow_infinity=False),
       st.sampled_from([np.float16, np.float32, np.float64, np.longdouble]))
def test_numpy_float_entries_keep_their_exact_binary_value(value, kind):
    """Fraction() refuses numpy floats other than float64 (it wants a Rational, a float,
    a Decimal or a string); every numpy float counts as the binary fraction it stores."""
    with np.errstate(over="ignore"):
        entry = kind(value)
    assume(np.isfinite(entry))  # float16 overflows past 65504 (refused: not finite)
    game = gd.BimatrixGame(np.array([[entry, "1/3"], [0, 1]], dtype=object))
    exact = game.exact_payoffs()[0][0, 0]
    num, den = entry.as_integer_ratio()
    assert exact == Fraction(num, den)
    if kind is not np.longdouble:  # each of these is exactly a float64
        assert exact == Fraction(float(entry))
