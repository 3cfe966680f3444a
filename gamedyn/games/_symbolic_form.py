"""The exact sympy expressions behind a sympy-defined game (a leaf module).

:class:`SymbolicForm` lives apart from :func:`~gamedyn.games.symbolic.from_sympy` so that
:mod:`gamedyn.games.differentiable` can name it without importing the module that
builds games from it: the imports inside ``games/`` form no cycle.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from gamedyn._validation import as_real_array, check_bool

__all__ = ["SymbolicForm"]


@dataclass(frozen=True)
class SymbolicForm:
    """Exact expressions behind a sympy-defined game.

    Attributes
    ----------
    x, y : tuple of sympy.Symbol
        Player 1's and player 2's variables; ``variables = x + y`` is the order of ``z``.
    payoffs : tuple of sympy.Expr
        ``(u1, u2)``; both players maximize.
    field : sympy.Matrix, shape (n, 1)
        ``xi = (grad_x u1, grad_y u2)``.
    jacobian : sympy.Matrix, shape (n, n)
        ``J = d xi / d z``.
    parameters : dict
        Symbols other than the variables, with the numbers substituted for the numeric
        functions; they stay symbolic here (e.g. a regularization weight ``gamma``).

    Examples
    --------
    >>> import sympy as sp, gamedyn as gd
    >>> a, b = sp.symbols("a b")
    >>> form = gd.games.from_sympy(a * b, minimize=[a], maximize=[b]).symbolic
    >>> form.field.T, form.jacobian
    (Matrix([[-b, a]]), Matrix([
    [0, -1],
    [1,  0]]))
    """

    x: tuple
    y: tuple
    payoffs: tuple
    field: Any
    jacobian: Any
    parameters: Mapping

    @property
    def variables(self) -> tuple:
        """All variables in state order, ``x`` then ``y``."""
        return self.x + self.y

    def _point(self, point: Any) -> dict:
        import sympy

        if isinstance(point, Mapping):
            unknown = [k for k in point if k not in self.variables]
            if unknown:
                raise ValueError(f"`point` gives values to {unknown}, which are not the "
                                 f"variables {self.variables}.")
            return dict(point)
        if isinstance(point, (list, tuple)) and any(isinstance(v, sympy.Basic) for v in point):
            values = list(point)  # exact sympy numbers stay exact
        else:
            values = list(as_real_array(point, "point", ndim=1))
        if len(values) != len(self.variables):
            raise ValueError(
                f"`point` must give {len(self.variables)} values (one per variable "
                f"{self.variables}); got {len(values)}."
            )
        return dict(zip(self.variables, values))

    def jacobian_at(self, point: Any, *, keep_parameters: bool = True) -> Any:
        """The exact Jacobian at ``point`` (a mapping or sequence; sympy numbers stay exact).

        With ``keep_parameters`` the parameters stay symbols; otherwise their numeric
        values are substituted.

        Parameters
        ----------
        point : mapping or sequence
            Values of the variables: a mapping ``{symbol: value}`` or a sequence in the order
            of ``variables``.
        keep_parameters : bool, default True
            Keep the parameters as symbols; otherwise substitute their numeric values.

        Returns
        -------
        sympy.Matrix, shape (n, n)
            ``J`` at ``point``.
        """
        import sympy

        check_bool(keep_parameters, "keep_parameters")
        subs = {k: sympy.nsimplify(v) if isinstance(v, float) else v
                for k, v in self._point(point).items()}
        if not keep_parameters:
            subs.update(self.parameters)
        return sympy.simplify(self.jacobian.subs(subs))

    def eigenvalues_at(self, point: Any, *, keep_parameters: bool = True) -> dict:
        """Exact eigenvalues of the Jacobian at ``point``: ``{eigenvalue: multiplicity}``.

        Parameters
        ----------
        point : mapping or sequence
            Values of the variables (as for :meth:`jacobian_at`).
        keep_parameters : bool, default True
            Keep the parameters as symbols; otherwise substitute their numeric values.

        Returns
        -------
        dict
            ``{eigenvalue: multiplicity}`` (sympy expressions).
        """
        check_bool(keep_parameters, "keep_parameters")
        return self.jacobian_at(point, keep_parameters=keep_parameters).eigenvals()

    def latex_jacobian(self, point: Any = None) -> str:
        """LaTeX of the Jacobian (symbolic, or at ``point``).

        Parameters
        ----------
        point : mapping or sequence, optional
            Values of the variables (as for :meth:`jacobian_at`); None keeps ``J(z)`` symbolic.

        Returns
        -------
        str
            LaTeX source of the matrix.
        """
        import sympy

        matrix = self.jacobian if point is None else self.jacobian_at(point)
        return sympy.latex(matrix)
