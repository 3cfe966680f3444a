"""Games written as sympy expressions: exact field and Jacobian, lambdified to numpy.

sympy is imported only when :func:`from_sympy` is called, so ``import gamedyn`` stays
light.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from gamedyn._validation import check_real
from gamedyn.games._symbolic_form import SymbolicForm
from gamedyn.games.differentiable import DifferentiableGame

__all__ = ["SymbolicForm", "from_sympy"]


def _as_symbols(value: Any, name: str) -> tuple:
    import sympy

    items = (value,) if isinstance(value, sympy.Symbol) else value
    if not isinstance(items, Sequence) or isinstance(items, str) or not items:
        raise TypeError(f"`{name}` must be a non-empty list of sympy Symbols; got {value!r}.")
    items = tuple(items)
    if not all(isinstance(s, sympy.Symbol) for s in items):
        raise TypeError(f"`{name}` must hold sympy Symbols only; got {value!r}.")
    if len(set(items)) != len(items):
        repeated = sorted({str(s) for s in items if items.count(s) > 1})
        raise ValueError(f"`{name}` must list each variable once; repeated: {repeated}.")
    return items


def _as_expression(value: Any, name: str) -> Any:
    """A finite sympy expression; strings are refused (sympify would evaluate them)."""
    import sympy

    if isinstance(value, (str, bytes)):
        raise TypeError(f"`{name}` must be a sympy expression, not a string; build it from "
                        f"sympy.symbols (got {value!r}).")
    try:
        expression = sympy.sympify(value, strict=True)
    except (sympy.SympifyError, TypeError, ValueError):
        raise TypeError(f"`{name}` must be a sympy expression; got {value!r}.") from None
    if not isinstance(expression, sympy.Expr):
        raise TypeError(f"`{name}` must be a scalar sympy expression; got {value!r}.")
    if expression.has(sympy.I):
        raise ValueError(f"`{name}` must be real; it contains the imaginary unit: "
                         f"{expression}.")
    if expression.has(sympy.zoo, sympy.oo, -sympy.oo, sympy.nan):
        raise ValueError(f"`{name}` contains an infinite or undefined constant (zoo, oo or "
                         f"nan): {expression}.")
    return expression


def _dirac_delta(x: Any, *order: Any) -> np.ndarray:
    """``DiracDelta(x)`` (and its derivatives) away from ``x = 0``: zero. The kink itself
    is refused before this is called (see :func:`_lambdify_array`)."""
    return np.zeros(np.shape(x))


def _kinks(expressions: Sequence) -> list:
    """Arguments of ``sign``, ``Heaviside`` and ``DiracDelta`` in the expressions: where one
    is 0 the expression is evaluated at a kink (a jump of the field, or a Dirac mass of
    the Jacobian)."""
    import sympy

    found: dict = {}
    for expression in expressions:
        for atom in expression.atoms(sympy.sign, sympy.Heaviside, sympy.DiracDelta):
            found.setdefault(atom.args[0], atom)
    return list(found.values())


def _lambdify_array(expressions: Sequence, symbols: tuple, what: str = "expression") -> Any:
    """A numpy function ``z (*batch, n) -> (*batch, len(expressions))`` of the expressions.

    Non-smooth expressions (from ``Abs``, ``sign``, ``Max``, ``Heaviside``) are evaluated
    away from their kinks, with ``DiracDelta`` as 0 there; at a kink (an argument of
    ``sign``, ``Heaviside`` or ``DiracDelta`` exactly 0) a ValueError names the state
    and the kink.
    """
    import sympy

    modules = [{"DiracDelta": _dirac_delta}, "numpy"]
    fns = [sympy.lambdify(symbols, expr, modules=modules) for expr in expressions]
    kinks = _kinks(expressions)
    checks = [(atom, sympy.lambdify(symbols, atom.args[0], modules="numpy")) for atom in kinks]

    def evaluate(z: np.ndarray) -> np.ndarray:
        z = np.asarray(z, dtype=float)
        comps = [z[..., i] for i in range(z.shape[-1])]
        batch = z.shape[:-1]
        for atom, argument in checks:
            at_kink = np.broadcast_to(np.asarray(argument(*comps), float) == 0, batch)
            if np.any(at_kink):
                state = z[at_kink][0] if batch else z
                raise ValueError(
                    f"the {what} is not defined at z = {state.tolist()}: it holds {atom}, "
                    f"whose argument {atom.args[0]} is 0 there (a kink of a non-smooth "
                    "payoff such as Abs or Max); evaluate it away from the kink.")
        return np.stack([np.broadcast_to(np.asarray(f(*comps), float), batch) for f in fns],
                        axis=-1)

    return evaluate


def from_sympy(
    v: Any = None,
    *,
    minimize: Any = None,
    maximize: Any = None,
    payoffs: Any = None,
    players: Any = None,
    parameters: Mapping | None = None,
    name: str | None = None,
    equilibrium: Any = None,
) -> DifferentiableGame:
    """Build a differentiable game from sympy expressions, with its exact Jacobian.

    Two forms:

    * zero-sum: ``from_sympy(v, minimize=[a], maximize=[b])``; player 1 owns ``a`` and
      minimizes ``v`` (``u1 = -v``), player 2 owns ``b`` and maximizes it (``u2 = v``);
    * general-sum: ``from_sympy(payoffs=(u1, u2), players=([a], [b]))``; each player
      maximizes its own payoff.

    The field ``xi = (grad_x u1, grad_y u2)`` and Jacobian ``J = d xi / dz`` are derived
    once by sympy and lambdified to vectorized numpy. The expressions remain available as
    ``game.symbolic`` (a :class:`SymbolicForm`) for exact eigenvalues and LaTeX.

    Parameters
    ----------
    v : sympy.Expr, optional
        The zero-sum value (player 1 minimizes it). Strings are refused.
    minimize, maximize : list of sympy.Symbol
        Player 1's and player 2's variables, each listed once.
    payoffs : pair of sympy.Expr, optional
        ``(u1, u2)`` of the general-sum form; both players maximize.
    players : pair of lists of sympy.Symbol, optional
        Player 1's and player 2's variables of the general-sum form.
    parameters : mapping of sympy.Symbol to float, optional
        Finite values of any other symbols (e.g. a regularization weight); the numeric
        functions use them, ``game.symbolic`` keeps the symbols.
    name : str, optional
        Shown in reprs, reports and figure titles.
    equilibrium : array_like, shape (n1 + n2,), optional
        A known equilibrium.

    Returns
    -------
    DifferentiableGame
        The game, with ``game.symbolic`` a :class:`SymbolicForm` of its expressions.

    Raises
    ------
    TypeError
        For a missing or mixed form, strings or non-expressions, non-Symbol variables.
    ValueError
        For a variable listed twice or owned by both players, an expression holding
        ``zoo``, ``oo`` or ``nan``, a non-finite parameter value, or free symbols that
        are neither variables nor parameters.

    References
    ----------
    Balduzzi, D. et al. (2018). The mechanics of n-player differentiable games. ICML,
    Section 2 (the simultaneous gradient and the game Jacobian). Meurer, A. et al. (2017).
    SymPy: symbolic computing in Python. PeerJ Computer Science 3, e103.

    Examples
    --------
    >>> import sympy as sp, gamedyn as gd
    >>> a, b = sp.symbols("a b")
    >>> h = gd.games.from_sympy(a * b, minimize=[a], maximize=[b])
    >>> h.symbolic.eigenvalues_at([0, 0])
    {-I: 1, I: 1}
    """
    import sympy

    if v is not None:
        if payoffs is not None or players is not None:
            raise TypeError("give either `v` with `minimize`/`maximize`, or `payoffs` with "
                            "`players`, not both.")
        if minimize is None or maximize is None:
            raise TypeError("the zero-sum form needs `minimize=[...]` and `maximize=[...]`.")
        x = _as_symbols(minimize, "minimize")
        y = _as_symbols(maximize, "maximize")
        value = _as_expression(v, "v")
        u1, u2 = -value, value
    else:
        if payoffs is None or players is None:
            raise TypeError("give `v` with `minimize`/`maximize`, or `payoffs=(u1, u2)` "
                            "with `players=([x...], [y...])`.")
        for label, pair in (("payoffs", payoffs), ("players", players)):
            if not isinstance(pair, Sequence) or isinstance(pair, str) or len(pair) != 2:
                raise ValueError(f"`{label}` must be a pair (player 1, player 2); got "
                                 f"{pair!r}.")
        x = _as_symbols(players[0], "players[0]")
        y = _as_symbols(players[1], "players[1]")
        u1 = _as_expression(payoffs[0], "payoffs[0]")
        u2 = _as_expression(payoffs[1], "payoffs[1]")
    if set(x) & set(y):
        raise ValueError(f"a variable cannot belong to both players; shared: {set(x) & set(y)}.")
    variables = x + y
    if name is not None and not isinstance(name, str):
        raise TypeError(f"`name` must be a string; got {name!r}.")
    if parameters is not None and not isinstance(parameters, Mapping):
        raise TypeError(f"`parameters` must be a mapping of sympy Symbols to numbers; got "
                        f"{parameters!r}.")
    params = dict(parameters or {})
    for symbol, number in params.items():
        if not isinstance(symbol, sympy.Symbol):
            raise TypeError(f"`parameters` keys must be sympy Symbols; got {symbol!r}.")
        if isinstance(number, sympy.Basic):
            if not (number.is_number and number.is_finite and number.is_real):
                raise ValueError(f"`parameters[{symbol}]` must be a finite real number; "
                                 f"got {number}.")
        else:
            check_real(number, f"parameters[{symbol}]")
    shared = set(params) & set(variables)
    if shared:
        raise ValueError("`parameters` must not give values to a player's variable; got "
                         f"{sorted(map(str, shared))}.")
    unused = set(params) - (u1.free_symbols | u2.free_symbols)
    if unused:
        raise ValueError("`parameters` gives values to symbols the payoffs do not use: "
                         f"{sorted(map(str, unused))}.")
    free = (u1.free_symbols | u2.free_symbols) - set(variables) - set(params)
    if free:
        raise ValueError(
            f"the payoffs use symbols {sorted(map(str, free))} that are neither a player's "
            "variable nor in `parameters`."
        )
    # strategies are real: differentiate with real stand-ins, so that Abs(a) has the
    # derivative sign(a) (not re/im parts), then name the user's symbols again
    real = {s: sympy.Dummy(s.name, real=True) for s in variables if not s.is_real}
    back = {d: s for s, d in real.items()}
    rx = [real.get(s, s) for s in x]
    ry = [real.get(s, s) for s in y]
    ru1, ru2 = u1.subs(real), u2.subs(real)
    field = sympy.Matrix([sympy.diff(ru1, s) for s in rx] + [sympy.diff(ru2, s) for s in ry])
    jacobian = field.jacobian(sympy.Matrix(rx + ry)).subs(back)
    field = field.subs(back)
    numeric = {k: float(v) for k, v in params.items()}

    def sub(expr: Any) -> Any:
        return expr.subs(numeric) if numeric else expr

    payoff_fn = _lambdify_array([sub(u1), sub(u2)], variables, "payoff")
    field_fn = _lambdify_array([sub(e) for e in field], variables, "field")
    jac_fn = _lambdify_array([sub(e) for e in jacobian], variables, "Jacobian")
    n = len(variables)

    def jacobian_fn(z: np.ndarray) -> np.ndarray:
        values = jac_fn(z)
        return values.reshape(values.shape[:-1] + (n, n))

    symbolic = SymbolicForm(x=x, y=y, payoffs=(u1, u2), field=field, jacobian=jacobian,
                            parameters=params)
    return DifferentiableGame(
        len(x),
        len(y),
        lambda z: payoff_fn(z)[..., 0],
        lambda z: payoff_fn(z)[..., 1],
        field=field_fn,
        jacobian=jacobian_fn,
        name=name or f"sympy game {sympy.sstr(u2 if v is not None else (u1, u2))}",
        equilibrium=equilibrium,
        symbolic=symbolic,
    )
