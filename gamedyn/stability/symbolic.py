"""Exact eigenvalues of sympy-defined games (sympy imported lazily)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from gamedyn.games.differentiable import DifferentiableGame

if TYPE_CHECKING:
    from gamedyn.games._symbolic_form import SymbolicForm

__all__ = ["symbolic_eigenvalues", "latex_eigenvalues"]


def _symbolic_form(game: DifferentiableGame) -> SymbolicForm:
    if not isinstance(game, DifferentiableGame) or game.symbolic is None:
        raise TypeError("`game` must be built with gamedyn.games.from_sympy to have exact "
                        "eigenvalues; use analyze(...).game_eigenvalues for numbers.")
    return game.symbolic


def _check_point(game: DifferentiableGame, point: Any) -> None:
    """``point``: ``n1 + n2`` exact or finite numbers (ints, Fractions, sympy numbers,
    finite floats); errors name `point`."""
    import numbers

    import sympy

    if isinstance(point, (str, bytes)) or not hasattr(point, "__len__"):
        raise TypeError(f"`point` must be a sequence of {game.n} numbers; got {point!r}.")
    if len(point) != game.n or np.ndim(np.asarray(point, dtype=object)) != 1:
        raise ValueError(f"`point` must hold {game.n} numbers (n1 + n2); got {point!r}.")
    for value in point:
        if isinstance(value, (bool, np.bool_)) or not isinstance(
                value, (numbers.Number, sympy.Expr)) or isinstance(value, complex):
            raise TypeError(f"`point` must hold real numbers; got {value!r}.")
        if isinstance(value, (float, np.floating)) and not np.isfinite(value):
            raise ValueError(f"`point` must be finite; got {value!r}.")


def symbolic_eigenvalues(game: DifferentiableGame, point: Any, *,
                         keep_parameters: bool = True) -> dict:
    """Exact eigenvalues ``{lambda: multiplicity}`` of the Jacobian at ``point``.

    Parameters stay symbols (e.g. ``gamma``) unless ``keep_parameters=False``.

    Parameters
    ----------
    game : DifferentiableGame
        A game built by :func:`~gamedyn.games.from_sympy`.
    point : mapping or sequence
        Values of the variables (exact numbers stay exact).
    keep_parameters : bool, default True
        Keep the parameters as symbols.

    Returns
    -------
    dict
        ``{lambda: multiplicity}``, simplified sympy expressions.

    Raises
    ------
    TypeError
        For a game without symbolic form or a ``keep_parameters`` that is not a bool.
    ValueError
        For a ``point`` of the wrong length.

    References
    ----------
    Meurer, A. et al. (2017). SymPy: symbolic computing in Python. PeerJ Computer
    Science 3, e103.

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
    if not isinstance(keep_parameters, bool):
        raise TypeError(f"`keep_parameters` must be True or False; got {keep_parameters!r}.")
    _check_point(game, point)
    values = form.eigenvalues_at(point, keep_parameters=keep_parameters)
    return {sympy.simplify(k): v for k, v in values.items()}


def latex_eigenvalues(game: DifferentiableGame, point: Any) -> str:
    """LaTeX of the exact eigenvalues at ``point`` (for notebooks).

    Parameters
    ----------
    game : DifferentiableGame
        A game built by :func:`~gamedyn.games.from_sympy`.
    point : mapping or sequence
        Values of the variables.

    Returns
    -------
    str
        The eigenvalues as LaTeX, comma-separated.

    References
    ----------
    Meurer, A. et al. (2017). SymPy: symbolic computing in Python. PeerJ Computer
    Science 3, e103.

    Examples
    --------
    >>> import sympy as sp, gamedyn as gd
    >>> a, b = sp.symbols("a b")
    >>> game = gd.games.from_sympy(a * b, minimize=[a], maximize=[b])
    >>> gd.stability.latex_eigenvalues(game, [0, 0])
    '- i, i'
    """
    import sympy

    values = symbolic_eigenvalues(game, point)
    return ", ".join(sympy.latex(k) for k in values)
