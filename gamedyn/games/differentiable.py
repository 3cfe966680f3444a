"""Two-player differentiable games: payoffs, the simultaneous gradient and its Jacobian.

Convention (the same everywhere in gamedyn): **every player maximizes its own payoff**.
Player 1 controls ``x`` (``n1`` numbers), player 2 controls ``y`` (``n2`` numbers); the
joint state is ``z = concat(x, y)`` and arrays of states have shape ``(*batch, n1 + n2)``.
The simultaneous gradient ("vector field") is

    xi(z) = (grad_x u1(x, y), grad_y u2(x, y)),

the flow is ``dz/dt = xi(z)`` and the game Jacobian is ``J = d xi / d z``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import numpy as np

from gamedyn._validation import (
    as_generator,
    as_real_array,
    as_state_batch,
    check_batch_shape,
    check_positive_int,
)

if TYPE_CHECKING:
    from gamedyn.games._symbolic_form import SymbolicForm
    from gamedyn.games.domain import Domain

__all__ = ["DifferentiableGame", "numeric_gradient", "numeric_jacobian"]

ArrayFn = Callable[[np.ndarray], np.ndarray]

# Richardson-extrapolated central differences: D(h) = (f(z + h) - f(z - h)) / 2h has error
# c2 h^2 + c4 h^4 + ...; (4 D(h/2) - D(h)) / 3 cancels the h^2 term, leaving O(h^4)
# truncation and O(eps / h) rounding error, balanced near h = eps^(1/5) ~ 7e-4.
_RELATIVE_STEP = float(np.finfo(np.float64).eps) ** 0.2


def _steps(z: np.ndarray) -> np.ndarray:
    return _RELATIVE_STEP * np.maximum(1.0, np.abs(z))


def _richardson(fn: ArrayFn, z: np.ndarray) -> np.ndarray:
    """Derivative of ``fn`` along each coordinate of ``z``.

    ``fn`` maps ``(k, *batch, n)`` to ``(k, *batch, *out)``; the result has shape
    ``(*batch, *out, n)``: the last axis indexes the coordinate differentiated.
    """
    n = z.shape[-1]
    h = _steps(z)  # (*batch, n)
    # offsets (n, *batch, n): coordinate k moved by its own step h[..., k]
    unit = np.eye(n).reshape((n,) + (1,) * (z.ndim - 1) + (n,))
    hk = np.moveaxis(h, -1, 0)[..., None]  # (n, *batch, 1)
    delta = unit * hk
    # evaluate at z + h, z - h, z + h/2, z - h/2 in one batched call
    points = np.stack([z + delta, z - delta, z + delta / 2, z - delta / 2])
    values = fn(points.reshape((4 * n,) + z.shape))
    values = values.reshape((4, n) + values.shape[1:])  # (4, n, *batch, *out)
    extra = values.ndim - 2 - (z.ndim - 1)
    hk_out = hk[..., 0].reshape(hk.shape[:-1] + (1,) * extra)
    d_full = (values[0] - values[1]) / (2 * hk_out)
    d_half = (values[2] - values[3]) / hk_out
    derivative = (4 * d_half - d_full) / 3  # (n, *batch, *out)
    return np.moveaxis(derivative, 0, -1)


def _batched(value: Any, z: np.ndarray, expected: tuple, what: str) -> np.ndarray:
    """``value`` broadcast to ``expected``, or the ``z[..., i]`` contract's ``ValueError``.

    A user function that indexes ``z[0]`` (the first *batch* axis) instead of ``z[..., 0]``
    returns an array shaped by the batch's trailing axes; the shape check (no extra
    evaluation) catches it wherever the library evaluates a batch.
    """
    value = np.asarray(value)
    try:
        ok = value.ndim <= len(expected) and np.broadcast_shapes(value.shape, expected) == expected
    except ValueError:
        ok = False
    if not ok:
        raise ValueError(f"{what} must index states as z[..., i] (states have shape (*batch, "
                         f"n)); got output of shape {value.shape} for input of shape "
                         f"{z.shape}.")
    return np.broadcast_to(value, expected)


def _payoff(fn: ArrayFn) -> ArrayFn:
    """``fn`` with its output checked against the contract ``(*batch, n) -> (*batch,)``."""
    return lambda z: _batched(fn(z), z, z.shape[:-1], "payoff functions")


def numeric_gradient(fn: ArrayFn, z: np.ndarray) -> np.ndarray:
    """Gradient of a scalar function ``fn`` (``(*batch, n) -> (*batch,)``), shape ``(*batch, n)``.

    Richardson-extrapolated central differences; relative error about 1e-12 for smooth
    functions of moderate curvature.
    """
    return _richardson(fn, z)


def numeric_jacobian(fn: ArrayFn, z: np.ndarray) -> np.ndarray:
    """Jacobian of ``fn`` (``(*batch, n) -> (*batch, m)``), shape ``(*batch, m, n)``."""
    return _richardson(fn, z)


class DifferentiableGame:
    """A two-player game with differentiable payoffs, each player maximizing its own.

    Parameters
    ----------
    n1, n2 : int
        Number of parameters of player 1 (``x``) and player 2 (``y``).
    payoff1, payoff2 : callable
        ``u_i(z)`` for states ``z`` of shape ``(*batch, n1 + n2)``, returning ``(*batch,)``.
        Each player **maximizes** its own payoff; for a zero-sum value ``v`` that player 1
        minimizes, pass ``payoff1 = -v`` and ``payoff2 = v`` (or use
        :func:`gamedyn.games.from_value`). Read coordinate ``i`` as ``z[..., i]``, never
        ``z[i]``: an output whose shape does not fit the batch raises ``ValueError`` where
        the game evaluates it (the same holds for ``field`` and ``jacobian``).
    field : callable, optional
        The simultaneous gradient ``xi(z) = (grad_x u1, grad_y u2)``, shape
        ``(*batch, n1 + n2)``. Computed by Richardson-extrapolated central differences of
        the payoffs when omitted (error about 1e-10).
    jacobian : callable, optional
        The game Jacobian ``J(z) = d xi / d z``, shape ``(*batch, n, n)``. Computed by
        central differences of ``field`` when omitted.
    name : str, optional
        Shown in reprs, reports and figure titles.
    domain : Domain, optional
        The set the strategies live in when it is not all of R^n: a
        :class:`~gamedyn.games.SimplexProduct` (the mixed extension of a bimatrix game)
        or a :class:`~gamedyn.games.Box` (weight clipping). Dynamics project onto it
        after each step and the stability analyzer accounts for its active constraints.
    equilibrium : array_like, optional
        A known equilibrium ``z*`` (returned by :meth:`equilibrium`).
    symbolic : SymbolicForm, optional
        Exact sympy expressions of the payoffs, field and Jacobian (set by
        :func:`gamedyn.games.from_sympy`).

    References
    ----------
    Balduzzi, D. et al. (2018). The mechanics of n-player differentiable games. ICML,
    Section 2 (the simultaneous gradient and the game Jacobian). Mescheder, L., Nowozin,
    S. & Geiger, A. (2017). The numerics of GANs. NeurIPS, Section 2.

    Examples
    --------
    >>> import numpy as np, gamedyn as gd
    >>> v = lambda z: z[..., 0] * z[..., 1]          # v = x*y, x minimizes
    >>> h = gd.DifferentiableGame(1, 1, lambda z: -v(z), v)
    >>> np.round(h.field(np.array([1.0, 2.0])), 8)    # (-dv/dx, dv/dy) = (-y, x)
    array([-2.,  1.])
    """

    __slots__ = (
        "n1",
        "n2",
        "name",
        "domain",
        "symbolic",
        "_payoff1",
        "_payoff2",
        "_field",
        "_jacobian",
        "_equilibrium",
        "_field_is_exact",
        "_jacobian_is_exact",
    )
    n1: int
    n2: int
    name: str
    domain: Domain | None
    symbolic: SymbolicForm | None
    _payoff1: ArrayFn
    _payoff2: ArrayFn
    _field: ArrayFn | None
    _jacobian: ArrayFn | None
    _equilibrium: np.ndarray | None
    _field_is_exact: bool
    _jacobian_is_exact: bool

    def __init__(
        self,
        n1: int,
        n2: int,
        payoff1: ArrayFn,
        payoff2: ArrayFn,
        field: ArrayFn | None = None,
        jacobian: ArrayFn | None = None,
        *,
        name: str | None = None,
        domain: Domain | None = None,
        equilibrium: Any = None,
        symbolic: SymbolicForm | None = None,
    ) -> None:
        n1 = check_positive_int(n1, "n1")
        n2 = check_positive_int(n2, "n2")
        for label, fn in (("payoff1", payoff1), ("payoff2", payoff2)):
            if not callable(fn):
                raise TypeError(f"`{label}` must be callable u(z) -> (*batch,); got {fn!r}.")
        for label, given in (("field", field), ("jacobian", jacobian)):
            if given is not None and not callable(given):
                raise TypeError(f"`{label}` must be callable or None; got {given!r}.")
        if name is not None and not isinstance(name, str):
            raise TypeError(f"`name` must be a string; got {name!r}.")
        from gamedyn.games.domain import Domain

        if domain is not None and not isinstance(domain, Domain):
            raise TypeError(f"`domain` must be a gamedyn.games domain (SimplexProduct, Box) "
                            f"or None; got {domain!r}.")
        if symbolic is not None:
            from gamedyn.games._symbolic_form import SymbolicForm

            if not isinstance(symbolic, SymbolicForm):
                raise TypeError("`symbolic` must be a SymbolicForm (made by "
                                f"gamedyn.games.from_sympy) or None; got {symbolic!r}.")
        if domain is not None and domain.dim != n1 + n2:
            raise ValueError(
                f"`domain` has dimension {domain.dim} but the game has n1 + n2 = {n1 + n2}."
            )
        set_ = object.__setattr__
        set_(self, "n1", n1)
        set_(self, "n2", n2)
        set_(self, "name", name or "differentiable game")
        set_(self, "domain", domain)
        set_(self, "symbolic", symbolic)
        set_(self, "_payoff1", payoff1)
        set_(self, "_payoff2", payoff2)
        set_(self, "_field", field)
        set_(self, "_jacobian", jacobian)
        set_(self, "_field_is_exact", field is not None)
        set_(self, "_jacobian_is_exact", jacobian is not None)
        if equilibrium is not None:
            point = as_real_array(equilibrium, "equilibrium", ndim=1)
            if point.shape != (n1 + n2,):
                raise ValueError(
                    f"`equilibrium` must have shape ({n1 + n2},); got {point.shape}."
                )
            point.setflags(write=False)
            equilibrium = point
        set_(self, "_equilibrium", equilibrium)

    def __setattr__(self, key: str, value: Any) -> None:
        raise AttributeError(f"DifferentiableGame is immutable; cannot set {key!r}.")

    # ------------------------------------------------------------------ shapes
    @property
    def n(self) -> int:
        """Dimension of the joint state ``z = concat(x, y)``: ``n1 + n2``."""
        return self.n1 + self.n2

    @property
    def has_exact_field(self) -> bool:
        """Whether the field is given in closed form (not by finite differences)."""
        return self._field_is_exact

    @property
    def has_exact_jacobian(self) -> bool:
        """Whether the Jacobian is given in closed form (not by finite differences)."""
        return self._jacobian_is_exact

    def split(self, z: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """``(x, y)`` views of states ``z`` of shape ``(*batch, n1 + n2)``.

        Parameters
        ----------
        z : array_like, shape (*batch, n1 + n2)
            Joint states ``concat(x, y)``.

        Returns
        -------
        x : ndarray, shape (*batch, n1)
            Player 1's parameters.
        y : ndarray, shape (*batch, n2)
            Player 2's parameters.

        Raises
        ------
        ValueError
            If ``z`` is not an array whose last axis is ``n1 + n2`` long.
        """
        self._check_shape(z)
        return z[..., : self.n1], z[..., self.n1 :]

    def _state(self, z: Any, name: str = "z") -> np.ndarray:
        return as_state_batch(z, name, self.n)

    def _check_shape(self, z: Any) -> None:
        """The cheap check of the unchecked methods: an array of shape ``(*batch, n)``."""
        shape = getattr(z, "shape", None)
        if shape is None or shape[-1:] != (self.n,):
            raise ValueError(f"`z` must be an array of shape (*batch, {self.n}) (n1 + n2); "
                             f"got {shape if shape is not None else type(z).__name__}.")

    def _finite(self, value: np.ndarray, what: str) -> np.ndarray:
        if not np.all(np.isfinite(value)):
            raise ValueError(f"the {what} is not finite at this `z` (it overflows there); "
                             "evaluate it at smaller states.")
        return value

    # ------------------------------------------------------------------ maths
    def payoffs(self, z: Any) -> tuple[np.ndarray, np.ndarray]:
        """``(u1(z), u2(z))``, each of shape ``(*batch,)``; both players maximize.

        Parameters
        ----------
        z : array_like, shape (*batch, n1 + n2)
            Joint states ``concat(x, y)``.

        Returns
        -------
        u1 : ndarray, shape (*batch,)
            Player 1's payoff.
        u2 : ndarray, shape (*batch,)
            Player 2's payoff.

        Raises
        ------
        ValueError
            For a ``z`` that is not a finite array of shape ``(*batch, n1 + n2)``.
        """
        z = self._state(z)
        with np.errstate(all="ignore"):
            u1 = _batched(self._payoff1(z), z, z.shape[:-1], "payoff functions").astype(float)
            u2 = _batched(self._payoff2(z), z, z.shape[:-1], "payoff functions").astype(float)
        return self._finite(u1, "payoff u1"), self._finite(u2, "payoff u2")

    # ------------------------------------------------------------------ randomness
    @property
    def stochastic(self) -> bool:
        """Whether the field depends on random draws (a minibatch); False here.

        A stochastic game (for example the sample-based GAN) overrides :meth:`draw` and
        the ``noise`` argument of :meth:`field_unchecked` and :meth:`partial_field`.
        """
        return False

    def for_batch(self, batch_shape: tuple[int, ...]) -> DifferentiableGame:
        """Return this game for a batch of states flattened to ``(prod(batch_shape), n)``.

        :func:`~gamedyn.simulate` plays a batch of any shape as one flat batch; a game
        with per-run parameters (the GAN's per-run R1 weights) broadcasts them to
        ``batch_shape`` and flattens them the same way. Returns ``self`` here (no per-run
        parameters).

        Parameters
        ----------
        batch_shape : tuple of int
            The batch shape of the starting states.

        Returns
        -------
        DifferentiableGame
            ``self`` (no per-run parameters), or a copy with flattened per-run parameters.

        Examples
        --------
        >>> import gamedyn as gd
        >>> game = gd.games.bilinear()
        >>> game.for_batch((2, 3)) is game
        True
        """
        check_batch_shape(batch_shape)
        return self

    def draw(self, rng: np.random.Generator | None, batch_shape: tuple[int, ...],
             auxiliary: Any = None) -> Any:
        """The randomness of ONE player update (a minibatch per run); None here.

        Dynamics call it once per player update and pass the result to every field
        evaluation of that update (common random numbers). A deterministic game draws
        nothing, so ``rng`` is left untouched.

        Parameters
        ----------
        rng : numpy.random.Generator or None
            The randomness (untouched by a deterministic game).
        batch_shape : tuple of int
            The batch shape ``(*batch,)`` of the states the noise will be used with.
        auxiliary : ndarray or None, optional
            The game's auxiliary state (:meth:`init_auxiliary`); a game without one
            ignores it.

        Returns
        -------
        None
            For every deterministic game.

        Examples
        --------
        >>> import gamedyn as gd
        >>> gd.games.bilinear().draw(None, (3,)) is None
        True
        """
        if rng is not None:
            as_generator(rng, "rng")
        check_batch_shape(batch_shape)
        return None

    def field(self, z: Any, noise: Any = None) -> np.ndarray:
        """The simultaneous gradient ``xi(z) = (grad_x u1, grad_y u2)``, shape ``(*batch, n)``.

        ``noise`` is a draw of :meth:`draw` (a minibatch) for a stochastic game; None
        means the game's fixed evaluation batch, and a deterministic game ignores it.

        Parameters
        ----------
        z : array_like, shape (*batch, n1 + n2)
            Joint states ``concat(x, y)``.
        noise : object, optional
            A draw of :meth:`draw` (a minibatch) for a stochastic game.

        Returns
        -------
        ndarray, shape (*batch, n1 + n2)
            ``xi(z)``: the direction in which each player's own payoff increases fastest.

        Raises
        ------
        ValueError
            For a bad ``z``, or one where the field overflows (not finite).

        Examples
        --------
        >>> import gamedyn as gd
        >>> gd.games.bilinear().field([1.0, 2.0])       # v = x y: (-y, x)
        array([-2.,  1.])
        """
        z = self._state(z)
        with np.errstate(all="ignore"):
            value = self.field_unchecked(z, noise)
        return self._finite(value, "field")

    def partial_field(self, z: np.ndarray, player: int, noise: Any = None) -> np.ndarray:
        """One player's block of the field: ``grad_x u1`` (player 1) or ``grad_y u2`` (2).

        Shape ``(*batch, n1)`` or ``(*batch, n2)``. The default slices
        :meth:`field_unchecked` (no input validation: ``z`` a float array of shape
        ``(*batch, n)``); a game may override it so that one player's update costs only
        that player's gradient.

        Parameters
        ----------
        z : ndarray, shape (*batch, n1 + n2)
            Joint states ``concat(x, y)``.
        player : {1, 2}
            Whose block.
        noise : object, optional
            A draw of :meth:`draw` for a stochastic game.

        Returns
        -------
        ndarray, shape (*batch, n1) or (*batch, n2)
            ``grad_x u1`` or ``grad_y u2``.

        Raises
        ------
        ValueError
            If ``player`` is not 1 or 2.

        Examples
        --------
        >>> import numpy as np, gamedyn as gd
        >>> gd.games.bilinear().partial_field(np.array([1.0, 2.0]), 2)   # dv/dy = x
        array([1.])
        """
        if isinstance(player, (int, np.integer)) and not isinstance(player, (bool, np.bool_)):
            if player == 1:
                return self.field_unchecked(z, noise)[..., : self.n1]
            if player == 2:
                return self.field_unchecked(z, noise)[..., self.n1 :]
        raise ValueError(f"`player` must be 1 or 2; got {player!r}.")

    def jacobian(self, z: Any, noise: Any = None) -> np.ndarray:
        """The game Jacobian ``J(z) = d xi / d z``, shape ``(*batch, n, n)``.

        ``J[..., i, j] = d xi_i / d z_j``; its diagonal blocks are the players' own
        Hessians ``d^2 u1/dx^2`` and ``d^2 u2/dy^2``, its off-diagonal blocks the
        interaction terms. ``noise`` (a draw of :meth:`draw`) selects a stochastic
        game's minibatch (None: its fixed evaluation batch); deterministic games ignore
        it, and dynamics pass it only to stochastic games.

        Parameters
        ----------
        z : array_like, shape (*batch, n1 + n2)
            Joint states ``concat(x, y)``.
        noise : object, optional
            A draw of :meth:`draw` for a stochastic game.

        Returns
        -------
        ndarray, shape (*batch, n1 + n2, n1 + n2)
            ``J(z)``.

        Raises
        ------
        ValueError
            For a bad ``z``, or one where the Jacobian overflows (not finite).

        Examples
        --------
        >>> import gamedyn as gd
        >>> gd.games.bilinear().jacobian([0.0, 0.0])    # eigenvalues +-i: a rotation
        array([[ 0., -1.],
               [ 1.,  0.]])
        """
        z = self._state(z)
        with np.errstate(all="ignore"):
            value = self.jacobian_unchecked(z)
        return self._finite(value, "Jacobian")

    def jacobian_unchecked(self, z: np.ndarray) -> np.ndarray:
        """Return :meth:`jacobian` without checks, for hot loops.

        It holds inf or NaN where it overflows (dynamics step through such states and
        :func:`~gamedyn.simulate` reports the run diverged).

        Parameters
        ----------
        z : ndarray, shape (*batch, n1 + n2)
            Float states.

        Returns
        -------
        ndarray, shape (*batch, n1 + n2, n1 + n2)
            ``J(z)``, possibly not finite.
        """
        self._check_shape(z)
        if self._jacobian is not None:
            return _batched(self._jacobian(z), z, z.shape + (self.n,),
                            "`jacobian`").astype(float)
        return numeric_jacobian(self.field_unchecked, z)

    def field_unchecked(self, z: np.ndarray, noise: Any = None) -> np.ndarray:
        """:meth:`field` without input validation, for hot loops (``z`` a float array).

        ``noise`` (a draw of :meth:`draw`) is ignored by deterministic games. Only the
        shape is checked (``ValueError`` naming ``z``); non-finite states pass through,
        so that a diverging run reaches the divergence check of :func:`~gamedyn.simulate`.

        Parameters
        ----------
        z : ndarray, shape (*batch, n1 + n2)
            Float states (non-finite entries pass through).
        noise : object, optional
            A draw of :meth:`draw` for a stochastic game.

        Returns
        -------
        ndarray, shape (*batch, n1 + n2)
            ``xi(z)``, possibly not finite.
        """
        self._check_shape(z)
        if self._field is not None:
            return _batched(self._field(z), z, z.shape, "`field`")
        grad1 = numeric_gradient(_payoff(self._payoff1), z)[..., : self.n1]
        grad2 = numeric_gradient(_payoff(self._payoff2), z)[..., self.n1 :]
        return np.concatenate([grad1, grad2], axis=-1)

    def equilibrium(self) -> np.ndarray:
        """The known equilibrium ``z*`` given at construction.

        Returns
        -------
        ndarray, shape (n1 + n2,)
            ``z*`` (read-only).

        Raises
        ------
        ValueError
            If the game was built without one (use
            :func:`gamedyn.stability.find_stationary_points`).
        """
        if self._equilibrium is None:
            raise ValueError(
                f"{self.name!r} has no known equilibrium; find stationary points with "
                "gamedyn.stability.find_stationary_points(game)."
            )
        return self._equilibrium.copy()

    def init_auxiliary(self, z: np.ndarray) -> np.ndarray | None:
        """The game's auxiliary state at states ``z`` (None: it has none, as here).

        A stochastic game may carry per-run state across updates besides ``z`` (the
        power-iteration vectors of :class:`gamedyn.gan.GANGame` with spectral
        normalization): an array of shape ``(*batch, A)`` that gradient dynamics keep in
        their state (a field ``auxiliary`` before ``t``), pass to ``draw(rng, batch_shape,
        auxiliary)`` and replace by ``noise.auxiliary`` after each update.

        Parameters
        ----------
        z : ndarray, shape (*batch, n1 + n2)
            The starting states.

        Returns
        -------
        ndarray, shape (*batch, A), or None
            The auxiliary state, or None.

        Raises
        ------
        ValueError
            For a ``z`` that is not a finite array of shape ``(*batch, n1 + n2)``.
        """
        self._state(z)
        return None

    def project(self, z: np.ndarray) -> np.ndarray:
        """Project states onto the game's domain (identity when unconstrained).

        Parameters
        ----------
        z : ndarray, shape (*batch, n1 + n2)
            States.

        Returns
        -------
        ndarray, shape (*batch, n1 + n2)
            The Euclidean projections onto ``domain`` (``z`` itself when unconstrained).

        Raises
        ------
        ValueError
            If ``z`` is not an array whose last axis is ``n1 + n2`` long.
        """
        self._check_shape(z)
        return z if self.domain is None else self.domain.project(z)

    def __repr__(self) -> str:
        extras = []
        if self.symbolic is not None:
            extras.append("symbolic")
        if self.domain is not None:
            extras.append(repr(self.domain))
        tail = f", {', '.join(extras)}" if extras else ""
        return f"DifferentiableGame({self.name!r}, n1={self.n1}, n2={self.n2}{tail})"

    def _repr_html_(self) -> str:
        from gamedyn.games._html import differentiable_game_html

        return differentiable_game_html(self)
