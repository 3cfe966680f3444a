"""The arguments every figure recipe takes, checked once."""

from __future__ import annotations

from gamedyn._validation import check_bool, check_positive_int


def recipe_arguments(seed: object, quick: object) -> tuple[int, bool]:
    """``seed`` (an int >= 0, the figure's randomness) and ``quick`` (a bool), checked."""
    return check_positive_int(seed, "seed", minimum=0), check_bool(quick, "quick")
