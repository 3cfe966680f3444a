"""Dynamics of bimatrix games on full mixed strategies ``z = concat(p, q)``.

Both players maximize: player 1 (rows) earns ``A q`` per pure strategy against the
column mix ``q``, player 2 (columns) earns ``p B`` against the row mix ``p``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar, NamedTuple

import numpy as np

from gamedyn._validation import check_choice, check_positive
from gamedyn.dynamics.base import MatrixDynamics, split_strategies
from gamedyn.games.bimatrix import BimatrixGame

__all__ = ["BestResponse", "FictitiousPlay", "Replicator", "LogitResponse",
           "FictitiousPlayState", "best_response"]

ORDERS = ("simultaneous", "alternating")
TIES = ("first", "uniform", "random")
_TIE_TOL = 1e-12


class FictitiousPlayState(NamedTuple):
    """Empirical frequencies ``z = concat(p_bar, q_bar)`` (the beliefs) and the round ``t``.

    Parameters
    ----------
    z : ndarray, shape (*batch, m + n)
        ``concat(p_bar, q_bar)``, the empirical frequencies (the beliefs).
    t : int
        The round.

    Examples
    --------
    >>> import gamedyn as gd
    >>> gd.dynamics.FictitiousPlay().init(gd.games.matching_pennies(), [1, 0, 1, 0])
    FictitiousPlayState(z=array([1., 0., 1., 0.]), t=0)
    """

    z: np.ndarray
    t: int


def best_response(values: np.ndarray, tie: str, rng: np.random.Generator | None,
                  tolerance: float, eye: np.ndarray | None = None) -> np.ndarray:
    """A best-response mixed strategy to the pure-strategy ``values`` (shape ``(*batch, k)``).

    Pure strategies within ``tolerance`` of the best value tie (the dynamics use
    ``1e-12 * (1 + max |payoff|)``, a bound on ``1e-12 * (1 + |best|)``). ``tie``:
    ``"first"`` picks the lowest index, ``"uniform"`` mixes the tied ones uniformly,
    ``"random"`` picks one of them at random with ``rng``.
    """
    ties = values >= values.max(axis=-1, keepdims=True) - tolerance
    if tie == "first":
        return (np.eye(values.shape[-1]) if eye is None else eye)[ties.argmax(axis=-1)]
    if tie == "uniform":
        return ties / ties.sum(axis=-1, keepdims=True)
    if rng is None:
        raise ValueError("`rng` is required for tie='random'; pass a Generator or a seed.")
    index = np.argmax(np.where(ties, rng.random(values.shape), -1.0), axis=-1)
    return (np.eye(values.shape[-1]) if eye is None else eye)[index]


@dataclass(frozen=True)
class _Layout:
    """Precomputed arrays to answer both players at once (one matmul, one argmax)."""

    payoff_matrix: np.ndarray  # (m + n, m + n): z @ M = concat(A q, p B)
    gather: np.ndarray | None  # (2, k) indices into m + n, k = max(m, n); None if m == n
    padding: np.ndarray | None  # (2, k): -inf on padded slots, 0 elsewhere
    scatter: np.ndarray  # (m + n,) indices into the flattened (2, k) layout
    eye: np.ndarray  # (k, k)
    tolerance: float  # ties: within 1e-12 * (1 + max |payoff|) of the best


_LAYOUTS: dict[int, tuple[BimatrixGame, _Layout]] = {}


def _layout(game: BimatrixGame) -> _Layout:
    """The game's :class:`_Layout`, cached by identity (games are immutable)."""
    entry = _LAYOUTS.get(id(game))
    if entry is not None and entry[0] is game:
        return entry[1]
    if len(_LAYOUTS) >= 32:
        _LAYOUTS.clear()
    layout = _make_layout(game)
    _LAYOUTS[id(game)] = (game, layout)
    return layout


def _make_layout(game: BimatrixGame) -> _Layout:
    m, n = game.shape
    k = max(m, n)
    matrix = np.zeros((m + n, m + n))
    matrix[m:, :m] = game.A.T
    matrix[:m, m:] = game.B
    scatter = np.concatenate([np.arange(m), k + np.arange(n)])
    gather = padding = None
    if m != n:
        gather = np.zeros((2, k), dtype=int)
        gather[0, :m] = np.arange(m)
        gather[1, :] = m
        gather[1, :n] = m + np.arange(n)
        padding = np.zeros((2, k))
        padding[0, m:] = -np.inf
        padding[1, n:] = -np.inf
    scale = max(np.abs(game.A).max(), np.abs(game.B).max())
    return _Layout(matrix, gather, padding, scatter, np.eye(k), _TIE_TOL * (1.0 + scale))


def _joint_best_response(game: BimatrixGame, z: np.ndarray, tie: str,
                         rng: np.random.Generator | None) -> np.ndarray:
    """``concat(BR1(q), BR2(p))`` for ``z = concat(p, q)``, both players in one pass."""
    layout = _layout(game)
    values = z @ layout.payoff_matrix
    if layout.gather is None:
        values = values.reshape(values.shape[:-1] + (2, -1))
    else:
        values = values[..., layout.gather] + layout.padding
    answer = best_response(values, tie, rng, layout.tolerance, eye=layout.eye)
    answer = answer.reshape(answer.shape[:-2] + (-1,))
    return answer if layout.gather is None else answer[..., layout.scatter]


def _row_values(game: BimatrixGame, q: np.ndarray) -> np.ndarray:
    return q @ game.A.T


def _col_values(game: BimatrixGame, p: np.ndarray) -> np.ndarray:
    return p @ game.B


def _softmax(values: np.ndarray) -> np.ndarray:
    weights = np.exp(values - values.max(axis=-1, keepdims=True))
    return weights / weights.sum(axis=-1, keepdims=True)


@dataclass(frozen=True)
class BestResponse(MatrixDynamics):
    """Best-response dynamics: each player switches to a pure best response.

    ``order="simultaneous"``: ``p+ = BR1(q)``, ``q+ = BR2(p)``;
    ``order="alternating"``: ``p+ = BR1(q)``, ``q+ = BR2(p+)``. In the Stag Hunt from
    (Stag, Hare) simultaneous play cycles with period 2 while alternating play settles
    on (Hare, Hare) in one round.

    Parameters
    ----------
    order : {"simultaneous", "alternating"}
        Whether player 2 answers player 1's old or new strategy.
    tie : {"first", "uniform", "random"}
        Tie rule among several best responses (``"uniform"`` plays their uniform mix,
        ``"random"`` draws one with the ``rng`` passed to :meth:`step`).

    Raises
    ------
    ValueError
        For an ``order`` or ``tie`` not among the choices.

    References
    ----------
    Matsui, A. (1992). Best response dynamics and socially stable strategies. J. Econ.
    Theory 57. Fudenberg, D. & Levine, D. K. (1998). *The Theory of Learning in Games*,
    MIT Press, Chapter 1.

    Examples
    --------
    >>> import gamedyn as gd
    >>> hunt = gd.games.stag_hunt()            # from (Stag, Hare)
    >>> gd.simulate(hunt, gd.dynamics.BestResponse(), [1, 0, 0, 1], 2).states.tolist()
    [[1.0, 0.0, 0.0, 1.0], [0.0, 1.0, 1.0, 0.0], [1.0, 0.0, 0.0, 1.0]]
    >>> run = gd.simulate(hunt, gd.dynamics.BestResponse(order="alternating"), [1, 0, 0, 1], 1)
    >>> run.final.tolist()                     # (Hare, Hare)
    [0.0, 1.0, 0.0, 1.0]
    """

    order: str = "simultaneous"
    tie: str = "first"
    smooth: ClassVar[bool] = False
    name: ClassVar[str] = "best_response"

    def __post_init__(self) -> None:
        check_choice(self.order, "order", ORDERS)
        check_choice(self.tie, "tie", TIES)

    def update(self, game: BimatrixGame, z: np.ndarray, t: int,
               rng: np.random.Generator | None) -> np.ndarray:
        if self.order == "simultaneous":
            return _joint_best_response(game, z, self.tie, rng)
        p, q = split_strategies(game, z)
        tolerance = _layout(game).tolerance
        new_p = best_response(_row_values(game, q), self.tie, rng, tolerance)
        new_q = best_response(_col_values(game, new_p), self.tie, rng, tolerance)
        return np.concatenate([new_p, new_q], axis=-1)


@dataclass(frozen=True)
class FictitiousPlay(MatrixDynamics):
    """Fictitious play: each player best-responds to the opponent's empirical frequencies.

    ``z_t = concat(p_bar, q_bar)`` are the empirical frequencies (the beliefs), with
    ``z_0`` counted as one observation:

        z_{t+1} = z_t + (BR(z_t) - z_t) / (t + 2),

    ``BR(z) = (BR1(q_bar), BR2(p_bar))`` (``order="simultaneous"``, Robinson 1951) or
    ``(BR1(q_bar), BR2(p_bar+))`` with player 2 answering player 1's updated
    frequencies (``order="alternating"``, Brown's original form, see Berger 2007).
    Frequencies converge to equilibrium in zero-sum games (Robinson 1951) and 2x2
    games (Miyasawa 1961), not in Shapley's game (Shapley 1964).

    Parameters
    ----------
    order : {"simultaneous", "alternating"}
        Whether player 2 answers player 1's old or updated frequencies.
    tie : {"first", "uniform", "random"}
        Tie rule among several best responses (as in :class:`BestResponse`).

    Raises
    ------
    ValueError
        For an ``order`` or ``tie`` not among the choices.

    References
    ----------
    Brown, G. W. (1951). Iterative solution of games by fictitious play. In *Activity
    Analysis of Production and Allocation*. Robinson, J. (1951). An iterative method
    of solving a game. Annals of Mathematics 54(2), 296-301. Berger, U. (2007).
    Brown's original fictitious play. J. Econ. Theory 135, 572-578.

    Examples
    --------
    >>> import gamedyn as gd
    >>> run = gd.simulate(gd.games.matching_pennies(), gd.dynamics.FictitiousPlay(),
    ...                   [1, 0, 1, 0], 1)
    >>> run.final.tolist()       # player 2 answers Heads with Tails: q_bar = (1/2, 1/2)
    [1.0, 0.0, 0.5, 0.5]
    """

    order: str = "simultaneous"
    tie: str = "first"
    smooth: ClassVar[bool] = False
    name: ClassVar[str] = "fictitious_play"

    def __post_init__(self) -> None:
        check_choice(self.order, "order", ORDERS)
        check_choice(self.tie, "tie", TIES)

    State: ClassVar[type] = FictitiousPlayState

    def update(self, game: BimatrixGame, z: np.ndarray, t: int,
               rng: np.random.Generator | None) -> np.ndarray:
        weight = 1.0 / (t + 2)
        if self.order == "simultaneous":
            answer = _joint_best_response(game, z, self.tie, rng)
            return z + (answer - z) * weight
        p, q = split_strategies(game, z)
        tolerance = _layout(game).tolerance
        new_p = p + (best_response(_row_values(game, q), self.tie, rng, tolerance) - p) * weight
        new_q = q + (best_response(_col_values(game, new_p), self.tie, rng, tolerance) - q) * weight
        return np.concatenate([new_p, new_q], axis=-1)


@dataclass(frozen=True)
class Replicator(MatrixDynamics):
    """Discrete replicator dynamics in exponential (multiplicative-weights) form.

    One round with step ``dt``:

        p_i <- p_i exp(dt (A q)_i) / sum_k p_k exp(dt (A q)_k),
        q_j <- q_j exp(dt (p B)_j) / sum_k q_k exp(dt (p B)_k),

    both from the same ``(p, q)``. The new strategies are positive multiples of the
    old ones normalized to sum one, so the state stays ON the simplices (up to
    rounding) for every ``dt``, zero shares stay zero, and the exponent is shifted by
    its maximum so it never overflows. To first order in ``dt`` this is an Euler step
    of the continuous replicator equation (:meth:`flow_field`)

        dp_i/dt = p_i ((A q)_i - p A q),     dq_j/dt = q_j ((p B)_j - p B q).

    Parameters
    ----------
    dt : float
        Positive step.

    References
    ----------
    Taylor, P. D. & Jonker, L. B. (1978). Evolutionarily stable strategies and game
    dynamics. Math. Biosci. 40. Hofbauer, J. & Sigmund, K. (1998). *Evolutionary
    Games and Population Dynamics*, CUP, Sections 7.1 and 10.1. Cabrales, A. & Sobel, J.
    (1992). On the limit points of discrete selection dynamics. J. Econ. Theory 57.

    Examples
    --------
    >>> import gamedyn as gd
    >>> pennies = gd.games.matching_pennies()   # the uniform mix is a rest point
    >>> gd.simulate(pennies, gd.dynamics.Replicator(dt=0.1), [0.5] * 4, 1).final.tolist()
    [0.5, 0.5, 0.5, 0.5]
    """

    dt: float = 0.1
    name: ClassVar[str] = "replicator"

    def __post_init__(self) -> None:
        object.__setattr__(self, "dt", check_positive(self.dt, "dt"))

    def update(self, game: BimatrixGame, z: np.ndarray, t: int,
               rng: np.random.Generator | None) -> np.ndarray:
        p, q = split_strategies(game, z)
        new_p = p * _softmax(self.dt * _row_values(game, q))
        new_q = q * _softmax(self.dt * _col_values(game, p))
        new_p /= new_p.sum(axis=-1, keepdims=True)
        new_q /= new_q.sum(axis=-1, keepdims=True)
        return np.concatenate([new_p, new_q], axis=-1)

    def _flow(self, game: BimatrixGame, z: np.ndarray) -> np.ndarray:
        """The continuous replicator field on full strategies, shape ``(*batch, m + n)``."""
        p, q = split_strategies(game, z)
        row, col = _row_values(game, q), _col_values(game, p)
        dp = p * (row - np.sum(p * row, axis=-1, keepdims=True))
        dq = q * (col - np.sum(q * col, axis=-1, keepdims=True))
        return np.concatenate([dp, dq], axis=-1)

    def step_sizes(self, t: int = 0) -> tuple[float, float]:
        return (self.dt, self.dt)

    def flow_jacobian(self, game: BimatrixGame, z: np.ndarray) -> np.ndarray:
        """Exact Jacobian of the replicator field at one state ``z = concat(p, q)``.

        With ``a = A q``, ``b = B^T p``:
        ``df_p/dp = diag(a - p.a) - p a^T``, ``df_p/dq = (diag(p) - p p^T) A``,
        ``df_q/dq = diag(b - q.b) - q b^T``, ``df_q/dp = (diag(q) - q q^T) B^T``
        (Hofbauer & Sigmund 1998, Section 7.1, differentiated by hand).

        Parameters
        ----------
        game : BimatrixGame
            The game being played.
        z : array_like, shape (m + n,)
            Full mixed strategies ``concat(p, q)``.

        Returns
        -------
        ndarray, shape (m + n, m + n)
            The Jacobian in full coordinates (restrict it to the tangent space of the
            simplices with :func:`~gamedyn.dynamics.tangent_basis`).
        """
        p, q = split_strategies(game, np.asarray(z, dtype=float))
        A, B = game.A, game.B
        a, b = A @ q, B.T @ p
        return np.block([
            [np.diag(a - p @ a) - np.outer(p, a), (np.diag(p) - np.outer(p, p)) @ A],
            [(np.diag(q) - np.outer(q, q)) @ B.T, np.diag(b - q @ b) - np.outer(q, b)],
        ])

    def map_jacobian(self, game: BimatrixGame, z: np.ndarray) -> np.ndarray:
        """Exact Jacobian of one exponential replicator round at one state ``z``.

        With ``w = exp(dt A q)``, ``S = p.w`` and ``F_p = p w / S``:
        ``dF_p/dp = diag(w) / S - F_p w^T / S``,
        ``dF_p/dq = dt (diag(F_p) - F_p F_p^T) A``, and the same for player 2 with
        ``B^T`` (the quotient and chain rules, by hand).

        Parameters
        ----------
        game : BimatrixGame
            The game being played.
        z : array_like, shape (m + n,)
            Full mixed strategies ``concat(p, q)``.

        Returns
        -------
        ndarray, shape (m + n, m + n)
            The Jacobian in full coordinates (restrict it to the tangent space of the
            simplices with :func:`~gamedyn.dynamics.tangent_basis`).
        """
        p, q = split_strategies(game, np.asarray(z, dtype=float))
        A, B = game.A, game.B
        blocks = []
        for own, other, matrix in ((p, q, A), (q, p, B.T)):
            values = self.dt * (matrix @ other)
            weights = np.exp(values - values.max())
            total = own @ weights
            image = own * weights / total
            blocks.append((np.diag(weights) / total - np.outer(image, weights) / total,
                           self.dt * (np.diag(image) - np.outer(image, image)) @ matrix))
        (pp, pq), (qq, qp) = blocks
        return np.block([[pp, pq], [qp, qq]])

    def explain(self, report: Any) -> str:
        if report.map_kind != "expanding" or not any(  # the replicator field's eigenvalues
                abs(v.real) <= report.tol for v in report.field_eigenvalues):
            return ""
        return (" Where the replicator flow circles (eigenvalues on the imaginary axis), "
                "each exponential step overshoots the closed orbit, so the discrete "
                "replicator spirals out towards the boundary.")


@dataclass(frozen=True)
class LogitResponse(MatrixDynamics):
    """Smoothed (logit) best response: ``z+ = (1 - lr) z + lr * softmax(payoffs / T)``.

    ``p+ = (1 - lr) p + lr softmax(A q / T)``, ``q+ = (1 - lr) q + lr softmax(p B / T)``
    (simultaneous), with the softmax computed stably (maximum subtracted). Fixed points
    are the logit quantal response equilibria; as ``T -> 0`` they approach Nash
    equilibria. The continuous version (:meth:`flow_field`) is the logit dynamics
    ``dz/dt = softmax(payoffs / T) - z``.

    Parameters
    ----------
    temperature : float
        ``T > 0``.
    lr : float
        Mixing weight in ``(0, 1]`` (``1``: jump to the smoothed best response).

    References
    ----------
    McKelvey, R. D. & Palfrey, T. R. (1995). Quantal response equilibria for normal
    form games. Games Econ. Behav. 10. Fudenberg, D. & Levine, D. K. (1998). *The
    Theory of Learning in Games*, Chapter 4. Hofbauer, J. & Sandholm, W. H. (2002).
    On the global convergence of stochastic fictitious play. Econometrica 70(6).

    Examples
    --------
    >>> import gamedyn as gd
    >>> run = gd.simulate(gd.games.matching_pennies(), gd.dynamics.LogitResponse(),
    ...                   [1, 0, 1, 0], 1)
    >>> run.final.round(4).tolist()   # softmax((1, -1)) and softmax((-1, 1))
    [0.8808, 0.1192, 0.1192, 0.8808]
    """

    temperature: float = 1.0
    lr: float = 1.0
    name: ClassVar[str] = "logit"

    def __post_init__(self) -> None:
        object.__setattr__(self, "temperature", check_positive(self.temperature, "temperature"))
        lr = check_positive(self.lr, "lr")
        if lr > 1:
            raise ValueError(f"`lr` must lie in (0, 1]; got {self.lr}.")
        object.__setattr__(self, "lr", lr)

    def _smoothed(self, game: BimatrixGame, z: np.ndarray) -> np.ndarray:
        p, q = split_strategies(game, z)
        return np.concatenate([
            _softmax(_row_values(game, q) / self.temperature),
            _softmax(_col_values(game, p) / self.temperature),
        ], axis=-1)

    def update(self, game: BimatrixGame, z: np.ndarray, t: int,
               rng: np.random.Generator | None) -> np.ndarray:
        return (1.0 - self.lr) * z + self.lr * self._smoothed(game, z)

    def _flow(self, game: BimatrixGame, z: np.ndarray) -> np.ndarray:
        """The logit dynamics ``dz/dt = softmax(payoffs / T) - z``."""
        return self._smoothed(game, z) - z

    def step_sizes(self, t: int = 0) -> tuple[float, float]:
        return (self.lr, self.lr)

    def flow_jacobian(self, game: BimatrixGame, z: np.ndarray) -> np.ndarray:
        """Return the exact Jacobian of the logit field at one state ``z``.

        ``d softmax(v / T) = (diag(s) - s s^T) dv / T`` with ``v = A q`` (player 1) and
        ``B^T p`` (player 2), minus the identity.

        Parameters
        ----------
        game : BimatrixGame
            The game being played.
        z : array_like, shape (m + n,)
            Full mixed strategies ``concat(p, q)``.

        Returns
        -------
        ndarray, shape (m + n, m + n)
            The Jacobian in full coordinates (restrict it to the tangent space of the
            simplices with :func:`~gamedyn.dynamics.tangent_basis`).
        """
        z = np.asarray(z, dtype=float)
        m = game.shape[0]
        s = self._smoothed(game, z)
        s1, s2 = s[:m], s[m:]
        upper = (np.diag(s1) - np.outer(s1, s1)) @ game.A / self.temperature
        lower = (np.diag(s2) - np.outer(s2, s2)) @ game.B.T / self.temperature
        smoothed = np.block([[np.zeros((m, m)), upper],
                             [lower, np.zeros((len(s2), len(s2)))]])
        return smoothed - np.eye(len(z))

    def map_jacobian(self, game: BimatrixGame, z: np.ndarray) -> np.ndarray:
        """``dF = I + lr * df`` (the round is ``z + lr f(z)``).

        Parameters
        ----------
        game : BimatrixGame
            The game being played.
        z : array_like, shape (m + n,)
            Full mixed strategies ``concat(p, q)``.

        Returns
        -------
        ndarray, shape (m + n, m + n)
            The Jacobian in full coordinates (restrict it to the tangent space of the
            simplices with :func:`~gamedyn.dynamics.tangent_basis`).
        """
        return np.eye(len(z)) + self.lr * self.flow_jacobian(game, z)
