"""Exact eigenvalues of sympy-defined games (sympy imported lazily)."""

from __future__ import annotations

from typing import Any

from gamedyn.games.differentiable import DifferentiableGame

__all__ = ["symbolic_eigenvalues", "latex_eigenvalues"]


def _symbolic_form(game: DifferentiableGame):
    if not isinstance(game, DifferentiableGame) or game.symbolic is None:
        raise TypeError("`game` must be built with gamedyn.games.from_sympy to have exact "
                        "eigenvalues; use analyze(...).game_eigenvalues for numbers.")
    return game.symbolic


def symbolic_eigenvalues(game: DifferentiableGame, point: Any, *,
                         keep_parameters: bool = True) -> dict:
    """Exact eigenvalues ``{lambda: multiplicity}`` of the Jacobian at ``point``.

    Parameters stay symbols (e.g. ``gamma``) unless ``keep_parameters=False``.

    Examples
    --------
    >>> import sympy as sp, gamedyn as gd
    >>> a, b = sp.symbols("a b")
    >>> game = gd.games.from_sympy(a * b, minimize=[a], maximize=[b])
    >>> gd.stability.symbolic_eigenvalues(game, [0, 0])
    {-I: 1, I: 1}
    """
    import sympy

    form = _symbolic_form(game)
    values = form.eigenvalues_at(point, keep_parameters=keep_parameters)
    return {sympy.simplify(k): v for k, v in values.items()}


def latex_eigenvalues(game: DifferentiableGame, point: Any) -> str:
    """LaTeX of the exact eigenvalues at ``point`` (for notebooks)."""
    import sympy

    values = symbolic_eigenvalues(game, point)
    return ", ".join(sympy.latex(k) for k in values)
