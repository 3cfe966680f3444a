"""No-regret learning dynamics of bimatrix games, on full mixed strategies ``z = concat(p, q)``.

Both players maximize. In round ``t`` player 1 plays ``p_t`` (or a pure action drawn from
it), player 2 plays ``q_t``; each then sees its payoff vector, ``A q_t`` (one payoff per
row) and ``p_t B`` (one per column), and its instantaneous regrets

    r_p = A q_t - (p_t . A q_t) 1,        r_q = p_t B - (p_t B q_t) 1,

the gain each pure strategy would have had over what was played. The regret-based methods
(:class:`RegretMatching`, :class:`RegretMatchingPlus`, :class:`FTRL`) carry the
cumulative regrets ``R_t = sum_{s < t} r_s`` as method state, next to the cumulative joint
play (for the coarse correlated equilibrium gap, :func:`gamedyn.equilibria.cce_gap`).
The time-averaged strategies, whose exploitability no-regret learning drives to 0 in
zero-sum games, are :meth:`gamedyn.dynamics.Trajectory.average`.

- :class:`Hedge` (multiplicative weights) and :class:`OptimisticHedge`;
- :class:`RegretMatching` and :class:`RegretMatchingPlus`;
- :class:`FTRL` with the entropic or the Euclidean regularizer;
- :class:`StochasticFictitiousPlay` and :class:`ReplicatorMutator`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple

import numpy as np

from gamedyn._validation import check_bool, check_choice, check_positive, per_player
from gamedyn.dynamics.base import REGISTRY, DynamicsState, MatrixDynamics, tangent_basis
from gamedyn.dynamics.matrix import Replicator, _layout, _softmax
from gamedyn.games.bimatrix import BimatrixGame

__all__ = ["Hedge", "OptimisticHedge", "RegretMatching", "RegretMatchingPlus", "FTRL",
           "StochasticFictitiousPlay", "ReplicatorMutator", "RegretState", "project_simplex"]


# ----------------------------------------------------------------------------- helpers
def _payoff_vectors(game: BimatrixGame, z: np.ndarray) -> np.ndarray:
    """``concat(A q, p B)`` for ``z = concat(p, q)``, shape ``(*batch, m + n)`` (one matmul)."""
    return z @ _layout(game).payoff_matrix


def _rates(lr: Any) -> tuple[float, float]:
    """``(lr1, lr2)`` from a float or a pair."""
    return lr if isinstance(lr, tuple) else (lr, lr)


def _check_lr(lr: Any) -> float | tuple[float, float]:
    """A positive float, or a pair of them (one per player)."""
    if isinstance(lr, (tuple, list)):
        pair = per_player(lr, "lr", check_positive)
        return pair if pair[0] != pair[1] else pair[0]
    return check_positive(lr, "lr")


def _exponential_step(game: BimatrixGame, z: np.ndarray, payoffs: np.ndarray,
                      lr: Any) -> np.ndarray:
    """``p ∝ p exp(lr1 a)``, ``q ∝ q exp(lr2 b)`` for ``payoffs = concat(a, b)``, computed
    in the log domain and shifted by each block's maximum, so neither overflow nor the
    underflow of every product (tiny shares against huge payoffs) can break it."""
    m = game.shape[0]
    parts = []
    with np.errstate(divide="ignore"):
        logs = np.log(z)
    for rate, block in zip(_rates(lr), (slice(0, m), slice(m, None))):
        exponent = logs[..., block] + rate * payoffs[..., block]
        new = np.exp(exponent - exponent.max(axis=-1, keepdims=True))
        parts.append(new / new.sum(axis=-1, keepdims=True))
    return np.concatenate(parts, axis=-1)


def _strategy_point(game: BimatrixGame, point: Any) -> np.ndarray:
    """One ``concat(p, q)`` on the simplices (errors name `point`)."""
    from gamedyn._validation import as_real_array, check_probability_vectors

    m, n = game.shape
    point = as_real_array(point, "point", ndim=1)
    if point.shape != (m + n,):
        raise ValueError(f"`point` must have shape ({m + n},) (concat(p, q)); got "
                         f"{point.shape}.")
    with np.errstate(over="ignore"):  # sums of huge entries: refused, no warning
        check_probability_vectors(point[:m], "point[:m] (p)", m)
        check_probability_vectors(point[m:], "point[m:] (q)", n)
    return point


def _exponential_jacobian(game: BimatrixGame, z: np.ndarray, other: np.ndarray,
                          lr: float) -> tuple[np.ndarray, np.ndarray]:
    """``(dF/dz, dF/dw)`` of ``F(z, w) = normalize(z exp(lr G w))`` at one ``(z, w)``,
    ``G w = concat(A q_w, B^T p_w)``, each ``(m + n, m + n)``.

    With ``e = exp(lr G w)`` per block, ``S = z . e`` and ``F = z e / S``:
    ``dF/dz = diag(e) / S - F e^T / S`` and ``dF/dw = lr (diag(F) - F F^T) G`` per block
    (quotient and chain rules, by hand)."""
    m, n = game.shape
    payoffs = _payoff_vectors(game, other)
    image = _exponential_step(game, z, payoffs, lr)
    own = np.zeros((m + n, m + n))
    cross = np.zeros((m + n, m + n))
    G = _layout(game).payoff_matrix.T  # (G w)_i = sum_j G_ij w_j
    for rate, block in zip(_rates(lr), (slice(0, m), slice(m, m + n))):
        values = rate * payoffs[block]
        weights = np.exp(values - values.max())
        total = z[block] @ weights
        F = image[block]
        own[block, block] = np.diag(weights) / total - np.outer(F, weights) / total
        cross[block, :] = rate * (np.diag(F) - np.outer(F, F)) @ G[block, :]
    return own, cross


def project_simplex(v: Any) -> np.ndarray:
    """Euclidean projection of each row of ``v`` onto the probability simplex.

    ``argmin_{x >= 0, sum x = 1} |x - v|^2 = max(v - theta, 0)``, with ``theta`` chosen
    so the result sums to 1 (sort-based, vectorized over the batch).

    Parameters
    ----------
    v : array_like, shape (*batch, k)
        Finite reals.

    Returns
    -------
    ndarray, shape (*batch, k)
        The nearest probability vectors (Euclidean distance), row by row.

    Raises
    ------
    ValueError
        For an empty last axis or non-finite entries.

    References
    ----------
    Duchi, J., Shalev-Shwartz, S., Singer, Y. & Chandra, T. (2008). Efficient projections
    onto the l1-ball for learning in high dimensions. ICML, Algorithm 1.

    Examples
    --------
    >>> from gamedyn.dynamics import project_simplex
    >>> project_simplex([0.0, 0.0, 2.0]).tolist()
    [0.0, 0.0, 1.0]
    >>> project_simplex([0.2, 0.1]).round(6).tolist()
    [0.55, 0.45]
    """
    from gamedyn._validation import as_real_array

    v = as_real_array(v, "v", min_ndim=1)
    return _project_simplex(v)


def _project_simplex(v: np.ndarray) -> np.ndarray:
    k = v.shape[-1]
    u = -np.sort(-v, axis=-1)
    cumulative = np.cumsum(u, axis=-1) - 1.0
    index = np.arange(1, k + 1)
    active = u - cumulative / index > 0
    count = k - np.argmax(active[..., ::-1], axis=-1)  # the last True, counted from 1
    theta = np.take_along_axis(cumulative, (count - 1)[..., None], axis=-1) / count[..., None]
    return np.maximum(v - theta, 0.0)


def _sample_pure(strategy: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """One pure action per row drawn from ``strategy`` (``(count, k)``), as one-hot rows."""
    k = strategy.shape[-1]
    draw = rng.random(strategy.shape[:-1] + (1,))
    index = np.minimum((np.cumsum(strategy, axis=-1) < draw).sum(axis=-1), k - 1)
    return np.eye(k)[index]


def _require_rng(rng: np.random.Generator | None, name: str) -> np.random.Generator:
    if rng is None:
        raise ValueError(f"`rng` is required for {name} with sampled=True (it draws the "
                         "played actions); pass a Generator or a seed.")
    return rng


def _analyzable() -> str:
    return ", ".join(repr(name) for name, cls in REGISTRY.items()
                     if issubclass(cls, MatrixDynamics) and cls.smooth)


# ----------------------------------------------------------------------------- state
class RegretState(NamedTuple):
    """State of the no-regret methods (Hedge, optimistic Hedge, regret matching, FTRL).

    ``z = concat(p, q)``: the strategies to play next. ``start``: the first play
    ``z0`` (the centre of FTRL's and Hedge's regularizer). ``regrets``: the cumulative
    regrets ``concat(R_p, R_q)`` of the rounds played. ``last``: the last round's
    instantaneous regrets (the prediction of optimistic Hedge). ``joint``: the cumulative
    joint play ``sum_t outer(played p_t, played q_t)`` flattened to ``m * n`` (pure action
    counts when actions are sampled), so ``joint / t`` is the empirical joint distribution
    of play. Arrays have shape ``(*batch, m + n)`` (``joint``: ``(*batch, m * n)``); ``t``
    is the round.

    Parameters
    ----------
    z : ndarray, shape (*batch, m + n)
        The strategies ``concat(p, q)`` to play next.
    start : ndarray, shape (*batch, m + n)
        The first play ``z0``.
    regrets : ndarray, shape (*batch, m + n)
        Cumulative regrets ``concat(R_p, R_q)`` (payoff units).
    last : ndarray, shape (*batch, m + n)
        The last round's instantaneous regrets.
    joint : ndarray, shape (*batch, m * n)
        Cumulative joint play, flattened row-major.
    t : int
        The round.

    Examples
    --------
    >>> import gamedyn as gd
    >>> state = gd.dynamics.Hedge().init(gd.games.matching_pennies(), [0.5, 0.5, 0.5, 0.5])
    >>> state.regrets, state.t
    (array([0., 0., 0., 0.]), 0)
    """

    z: np.ndarray
    start: np.ndarray
    regrets: np.ndarray
    last: np.ndarray
    joint: np.ndarray
    t: int


@dataclass(frozen=True)
class _RegretDynamics(MatrixDynamics):
    """Base of the methods that map cumulative regrets to strategies (not registered).

    A subclass writes :meth:`accumulate` (the regret update) and :meth:`strategy` (the
    map from one player's cumulative regrets to its strategy). ``z0`` is the first play;
    regrets start at 0. With ``sampled=True`` each player plays a pure action drawn from
    its strategy (with the ``rng`` of the round) and the regrets are those of the realized
    play, as in Hart & Mas-Colell (2000); otherwise the expected regrets of the mixed
    strategies. Regrets are kept instead of the strategies themselves, so a share that
    underflows to 0 in floating point comes back when its regret recovers (the
    multiplicative form of Hedge would lock it at 0 for good).
    """

    State: ClassVar[type[DynamicsState]] = RegretState
    if TYPE_CHECKING:  # each subclass's own field (a property here: no field order)
        @property
        def sampled(self) -> bool: ...

    def __post_init__(self) -> None:
        object.__setattr__(self, "sampled", check_bool(self.sampled, "sampled"))

    @property
    def converges_when_z_rests(self) -> bool:
        # the regrets move while z rests (a pure strategy kept for rounds): no early stop
        return False

    def init(self, game: BimatrixGame, z0: Any) -> RegretState:
        self.check_game(game)
        z0 = self.check_start(game, z0)
        m, n = game.shape
        batch = z0.shape[:-1]
        return RegretState(z0, z0.copy(), np.zeros(batch + (m + n,)),
                           np.zeros(batch + (m + n,)), np.zeros(batch + (m * n,)), 0)

    def accumulate(self, regrets: np.ndarray, increment: np.ndarray) -> np.ndarray:
        """Cumulative regrets after adding the round's ``increment`` (default: the sum).

        The default is the sum (regret matching+ clips it at 0).

        Parameters
        ----------
        regrets : ndarray, shape (*batch, m + n)
            Cumulative regrets so far.
        increment : ndarray, shape (*batch, m + n)
            The round's instantaneous regrets (payoff of each pure strategy minus the
            payoff of the strategy played).

        Returns
        -------
        ndarray, shape (*batch, m + n)
            The new cumulative regrets.
        """
        return regrets + increment

    def strategy(self, regrets: np.ndarray, last: np.ndarray, start: np.ndarray,
                 rate: Any) -> np.ndarray:
        """Return the next strategy from the cumulative regrets, last regrets and first play.

        Parameters
        ----------
        regrets : ndarray, shape (*batch, k) or (*batch, 2, k)
            Cumulative regrets of one player (or of both when ``m == n``).
        last : ndarray, same shape as ``regrets``
            The last round's instantaneous regrets (optimistic Hedge's prediction).
        start : ndarray, same shape as ``regrets``
            The first play (the centre of the regularizer).
        rate : float or ndarray
            That player's learning rate, or ``[[lr1], [lr2]]`` for both (:meth:`rate`).

        Returns
        -------
        ndarray, same shape as ``regrets``
            The next mixed strategy (or strategies), on the simplex along the last axis.
        """
        raise NotImplementedError

    def _round(self, game: BimatrixGame, state: RegretState,  # type: ignore[override]
               rng: np.random.Generator | None = None) -> RegretState:
        # (its own states only: step() checks them; the base takes any dynamics' state)
        m, n = game.shape
        z = state.z
        if self.sampled:
            rng = _require_rng(rng, type(self).__name__)
            played = np.concatenate([_sample_pure(z[..., :m], rng),
                                     _sample_pure(z[..., m:], rng)], axis=-1)
        else:
            played = z
        payoffs = _payoff_vectors(game, played)
        p, q = played[..., :m], played[..., m:]
        start = state.start
        if m == n:  # both players in one pass, on a (*batch, 2, m) view
            pair = z.shape[:-1] + (2, m)
            values = payoffs.reshape(pair)
            increment = values - (played.reshape(pair) * values).sum(axis=-1, keepdims=True)
            regrets = self.accumulate(state.regrets, increment.reshape(z.shape))
            new = self.strategy(regrets.reshape(pair), increment, start.reshape(pair),
                                self.rate(None)).reshape(z.shape)
            increment = increment.reshape(z.shape)
        else:
            increment = np.concatenate([
                payoffs[..., :m] - np.sum(p * payoffs[..., :m], axis=-1, keepdims=True),
                payoffs[..., m:] - np.sum(q * payoffs[..., m:], axis=-1, keepdims=True)],
                axis=-1)
            regrets = self.accumulate(state.regrets, increment)
            new = np.concatenate([
                self.strategy(regrets[..., :m], increment[..., :m], start[..., :m],
                              self.rate(1)),
                self.strategy(regrets[..., m:], increment[..., m:], start[..., m:],
                              self.rate(2))], axis=-1)
        joint = state.joint + (p[..., :, None] * q[..., None, :]).reshape(
            p.shape[:-1] + (m * n,))
        return RegretState(new, start, regrets, increment, joint, state.t + 1)

    def rate(self, player: int | None) -> Any:
        """Return player ``player``'s learning rate, or ``[[lr1], [lr2]]`` for both.

        Parameters
        ----------
        player : {1, 2} or None
            The player, or None for both.

        Returns
        -------
        float or ndarray
            1.0 for regret matching (it has none), else the method's ``lr`` (an array of
            shape ``(2, 1)`` for both players).
        """
        return 1.0

    def _compiled_variant(self) -> int | None:
        """The strategy map of :mod:`gamedyn.dynamics._compiled` this method is, if any."""
        return None

    def _play_compiled(self, game: BimatrixGame, state: RegretState, steps: int,
                       save_every: int, bound: float, saved: np.ndarray) -> Any:
        """``steps`` rounds on the compiled path (see :mod:`gamedyn.dynamics._compiled`),
        or None where it does not apply (then :func:`~gamedyn.simulate` plays them)."""
        variant = self._compiled_variant()
        if variant is None or self.sampled:
            return None
        from gamedyn.dynamics import _compiled

        return _compiled.play(game, state, steps, save_every, bound, saved, variant,
                             (self.rate(1), self.rate(2)))


def _rate_of(lr: Any, player: int | None) -> Any:
    """A player's rate from ``lr`` (float or pair), or ``[[lr1], [lr2]]`` for both."""
    if player is not None:
        return _rates(lr)[player - 1]
    return np.array(lr)[:, None] if isinstance(lr, tuple) else lr


class _Kinked:
    """Mixin of the regret methods without a linearization (kinks, a growing state)."""

    smooth: ClassVar[bool] = False
    if TYPE_CHECKING:  # given by the MatrixDynamics it is mixed into
        def check_game(self, game: Any) -> None: ...

    def _require_smooth(self) -> None:
        raise TypeError(
            f"{type(self).__name__} maps cumulative regrets to strategies through a map "
            "with kinks (positive parts or a projection) and its state grows with the "
            "rounds, so it has no linearization at a fixed `point`; simulate it, or analyze "
            f"a smooth bimatrix dynamics ({_analyzable()}).")

    def linearization(self, game: BimatrixGame, point: Any) -> np.ndarray:
        """Raise ``TypeError``: a regret method with kinks has no linearization.

        Parameters
        ----------
        game : BimatrixGame
            The game being played.
        point : array_like, shape (m + n,)
            A rest point.

        Returns
        -------
        ndarray
            Never: the call raises.

        Raises
        ------
        TypeError
            Always (the message names the smooth dynamics to analyze instead).
        """
        self.check_game(game)
        self._require_smooth()
        raise AssertionError  # unreachable

    def flow_jacobian(self, game: BimatrixGame, z: np.ndarray) -> np.ndarray:
        """Raise ``TypeError``: a regret method with kinks has no Jacobian.

        Parameters
        ----------
        game : BimatrixGame
            The game being played.
        z : array_like, shape (m + n,)
            Full mixed strategies.

        Returns
        -------
        ndarray
            Never: the call raises.

        Raises
        ------
        TypeError
            Always (the message names the smooth dynamics to analyze instead).
        """
        self._require_smooth()
        raise AssertionError  # unreachable


def _entropic(scaled: np.ndarray, start: np.ndarray) -> np.ndarray:
    """``start * exp(scaled)`` normalized, in the log domain (zero shares stay zero)."""
    with np.errstate(divide="ignore"):
        exponent = np.log(start) + scaled
    weights = np.exp(exponent - exponent.max(axis=-1, keepdims=True))
    return weights / weights.sum(axis=-1, keepdims=True)


# ----------------------------------------------------------------------------- Hedge
@dataclass(frozen=True)
class Hedge(_RegretDynamics):
    """Hedge (multiplicative weights): ``p_{t+1} ∝ p_t exp(lr A q_t)``.

    Player 2 likewise: ``q_{t+1} ∝ q_t exp(lr p_t B)``. Both players update
    simultaneously from the same ``(p_t, q_t)``. Unrolled, ``p_t ∝
    p_0 exp(lr R_t)`` with ``R_t`` the cumulative regrets (the payoffs up to a multiple of
    ``1``): follow-the-regularized-leader with the entropy relative to ``p_0``, which is
    how it is computed (the state carries ``R``), so floating-point underflow of a share
    is never final. Its average regret is at most ``log(m) / (lr T) + lr / 2`` for
    payoffs in ``[0, 1]``. In a zero-sum game with a unique interior equilibrium
    ``(p*, q*)`` the last iterate moves AWAY from it: ``KL(p* | p_t) + KL(q* | q_t)``
    increases every round (Bailey & Piliouras 2018), while the time average
    (:meth:`Trajectory.average`) approaches it. The linearization at an interior
    equilibrium is exactly ``I + lr J``, ``J`` the replicator Jacobian there: the map of
    simultaneous gradient steps on the replicator field, with spectral radius
    ``sqrt(1 + lr^2 omega^2) > 1`` when ``J`` has eigenvalues ``± i omega`` (on matching
    pennies with payoffs ``±1``, ``omega = 1``). The continuous-time limit is the
    replicator equation (:meth:`flow_field`); the map is :class:`Replicator`'s
    exponential step with ``dt = lr`` (the evolutionary and the online-learning view of
    one rule). Like every regret-based method, :func:`~gamedyn.simulate` never stops a
    Hedge run early (its regrets keep moving).

    Parameters
    ----------
    lr : float or pair of float
        Positive learning rate ``eta``, or one per player ``(eta1, eta2)``.
    sampled : bool
        Play pure actions drawn from the strategies (regrets of the realized play).

    References
    ----------
    Freund, Y. & Schapire, R. E. (1999). Adaptive game playing using multiplicative
    weights. Games Econ. Behav. 29, 79-103. Bailey, J. P. & Piliouras, G. (2018).
    Multiplicative weights update in zero-sum games. EC'18, Theorem 1.

    Examples
    --------
    >>> import numpy as np, gamedyn as gd
    >>> g = gd.games.matching_pennies()
    >>> traj = gd.simulate(g, "hedge", [0.6, 0.4, 0.5, 0.5], 2000)
    >>> bool(np.abs(traj.final - 0.5).max() > 0.2)         # the last iterate spirals out
    True
    >>> bool(np.abs(traj.average()[-1] - 0.5).max() < 0.05)  # the average converges
    True
    """

    lr: Any = 0.1
    sampled: bool = False
    name: ClassVar[str] = "hedge"

    def __post_init__(self) -> None:
        super().__post_init__()
        object.__setattr__(self, "lr", _check_lr(self.lr))

    def _compiled_variant(self) -> int | None:
        from gamedyn.dynamics import _compiled

        return _compiled.ENTROPIC

    def strategy(self, regrets: np.ndarray, last: np.ndarray, start: np.ndarray,
                 rate: Any) -> np.ndarray:
        return _entropic(rate * regrets, start)

    def _flow(self, game: BimatrixGame, z: np.ndarray) -> np.ndarray:
        """The replicator field (Hedge's continuous-time limit)."""
        return Replicator()._flow(game, z)

    def flow_jacobian(self, game: BimatrixGame, z: np.ndarray) -> np.ndarray:
        """Exact Jacobian of the replicator field (see :meth:`Replicator.flow_jacobian`).

        Parameters
        ----------
        game : BimatrixGame
            The game being played.
        z : array_like, shape (m + n,)
            Full mixed strategies ``concat(p, q)``.

        Returns
        -------
        ndarray, shape (m + n, m + n)
            The Jacobian in full coordinates.
        """
        return Replicator().flow_jacobian(game, z)

    def map_jacobian(self, game: BimatrixGame, z: np.ndarray) -> np.ndarray:
        """Return the exact Jacobian of one round as a map of the strategies ``z``.

        ``z = p_0 exp(lr R)`` normalized is a conjugacy: the Jacobian is ``dF/dz + dF/dw``
        of ``F(z, w) = normalize(z exp(lr G w))`` at ``w = z`` (by hand, see
        ``_exponential_jacobian``).

        Parameters
        ----------
        game : BimatrixGame
            The game being played.
        z : array_like, shape (m + n,)
            Full mixed strategies ``concat(p, q)``.

        Returns
        -------
        ndarray, shape (m + n, m + n)
            The Jacobian in full coordinates.
        """
        z = np.asarray(z, dtype=float)
        own, cross = _exponential_jacobian(game, z, z, self.lr)
        return own + cross

    def step_sizes(self, t: int = 0) -> tuple[float, float]:
        return _rates(self.lr)

    def rate(self, player: int | None) -> Any:
        return _rate_of(self.lr, player)

    def divergence_hint(self) -> str:
        return "Hedge cannot leave the simplices; a smaller lr slows its outward spiral"

    def explain(self, report: Any) -> str:
        if report.map_kind != "expanding":
            return ""
        # the replicator field's Jacobian on the tangent space (not the game Jacobian)
        M, J = report.update_jacobian, report.field_jacobian
        if report.field_kind != "rotational":
            return (" Hedge's round is the exponential step of the replicator flow, whose "
                    f"verdict here is {report.field_kind}: the round inherits it.")
        text = (" Hedge's round is the exponential step of the replicator flow, which "
                "circles here (its eigenvalues are on the imaginary axis). ")
        m, n = report.game.shape
        basis = tangent_basis(m, n)
        lr1, lr2 = _rates(self.lr)
        H = basis.T @ np.diag(np.r_[np.full(m, lr1), np.full(n, lr2)]) @ basis
        if M.shape == J.shape and np.allclose(M, np.eye(len(M)) + H @ J, atol=1e-9):
            text += (f"At this interior equilibrium its linearization is exactly I + lr J "
                     f"(J the replicator field's Jacobian, lr = {self.lr}), the map of Euler "
                     "steps of the replicator flow, so every "
                     "eigenvalue 1 + lr lambda has modulus sqrt(1 + lr^2 omega^2) > 1: ")
        text += ("the iterates spiral outward, the KL divergence from the equilibrium grows "
                 "every round (Bailey & Piliouras 2018), and only the time average "
                 "(Trajectory.average()) converges; optimistic Hedge converges in the last "
                 "iterate.")
        return text


@dataclass(frozen=True)
class OptimisticHedge(_RegretDynamics):
    """Optimistic Hedge (optimistic multiplicative weights).

    Hedge that predicts the next regrets to equal the last ones:
    ``p_{t+1} ∝ p_0 exp(lr (R_{t+1} + r_t))``, ``r_t`` the last round's regrets
    (optimistic FTRL, Rakhlin & Sridharan 2013), likewise for ``q``. From the second
    round on this is the multiplicative form of Daskalakis & Panageas (2019),

        p_{t+1} ∝ p_t exp(lr (2 A q_t - A q_{t-1})),
        q_{t+1} ∝ q_t exp(lr (2 p_t B - p_{t-1} B)),

    the last payoff vector counted twice and the one before subtracted. In zero-sum
    games with a unique equilibrium the LAST iterate converges for small ``lr``
    (Daskalakis & Panageas 2019), unlike Hedge: on matching pennies and
    Rock-Paper-Scissors the spectral radius of its exact linearization (on the state
    ``(z_t, z_{t-1})``) is below 1.

    Parameters
    ----------
    lr : float or pair of float
        Positive learning rate, or one per player.
    sampled : bool
        Play pure actions drawn from the strategies.

    References
    ----------
    Rakhlin, A. & Sridharan, K. (2013). Optimization, learning, and games with
    predictable sequences. NeurIPS. Daskalakis, C. & Panageas, I. (2019). Last-iterate
    convergence: zero-sum games and constrained min-max optimization. ITCS, Theorem 1.1.

    Examples
    --------
    >>> import numpy as np, gamedyn as gd
    >>> g = gd.games.matching_pennies()
    >>> traj = gd.simulate(g, "optimistic_hedge", [0.8, 0.2, 0.5, 0.5], 3000)
    >>> bool(np.abs(traj.final - 0.5).max() < 1e-3)
    True
    """

    lr: Any = 0.1
    sampled: bool = False
    name: ClassVar[str] = "optimistic_hedge"

    def __post_init__(self) -> None:
        super().__post_init__()
        object.__setattr__(self, "lr", _check_lr(self.lr))

    def _compiled_variant(self) -> int | None:
        from gamedyn.dynamics import _compiled

        return _compiled.OPTIMISTIC_ENTROPIC

    def strategy(self, regrets: np.ndarray, last: np.ndarray, start: np.ndarray,
                 rate: Any) -> np.ndarray:
        return _entropic(rate * (regrets + last), start)

    def _flow(self, game: BimatrixGame, z: np.ndarray) -> np.ndarray:
        """The replicator field (the continuous-time limit of every Hedge variant)."""
        return Replicator()._flow(game, z)

    def flow_jacobian(self, game: BimatrixGame, z: np.ndarray) -> np.ndarray:
        return Replicator().flow_jacobian(game, z)

    def linearization(self, game: BimatrixGame, point: Any) -> np.ndarray:
        """Return the exact ``dF`` on the state ``(z_t, z_{t-1})`` at the rest state.

        The rest state is ``(z*, z*)``; ``dF`` acts on the tangent space of the four
        simplices. With ``F(z, w) = normalize(z exp(lr G w))`` (see :class:`Hedge`) the round is
        ``(z, zp) -> (F(z, 2 z - zp), z)``, so ``dF = [[D + 2 C, -C], [I, 0]]`` with
        ``D = dF/dz``, ``C = dF/dw`` at ``w = z*``.

        Parameters
        ----------
        game : BimatrixGame
            The game being played.
        point : array_like, shape (m + n,)
            The rest point ``z* = concat(p, q)``.

        Returns
        -------
        ndarray, shape (2 (m + n - 2), 2 (m + n - 2))
            The linearization on the tangent space.

        Raises
        ------
        TypeError
            For a game that is not a BimatrixGame.
        ValueError
            For a ``point`` that is not ``concat(p, q)`` on the simplices.
        """
        self.check_game(game)
        m, n = game.shape
        point = _strategy_point(game, point)
        with np.errstate(all="ignore"):
            own, cross = _exponential_jacobian(game, point, point, self.lr)
        size = m + n
        full = np.block([[own + 2 * cross, -cross], [np.eye(size), np.zeros((size, size))]])
        basis = tangent_basis(m, n)
        zero = np.zeros_like(basis)
        basis2 = np.block([[basis, zero], [zero, basis]])
        with np.errstate(all="ignore"):
            matrix = basis2.T @ full @ basis2
        if not np.all(np.isfinite(matrix)):
            raise ValueError("the linearization of OptimisticHedge at `point` is not finite.")
        return matrix

    @property
    def linearization_is_exact(self) -> bool:
        return True

    def step_sizes(self, t: int = 0) -> tuple[float, float]:
        return _rates(self.lr)

    def rate(self, player: int | None) -> Any:
        return _rate_of(self.lr, player)

    def explain(self, report: Any) -> str:
        if report.map_kind != "contracting":
            return ""
        return (" Counting the last payoff vector twice and the one before once less "
                "turns Hedge's outward spiral (I + lr J, modulus above 1) into a "
                "contraction: the last iterate converges (Daskalakis & Panageas 2019).")


# ----------------------------------------------------------------------------- regrets
def _regret_matching(regrets: np.ndarray) -> np.ndarray:
    """``R^+ / sum(R^+)``, uniform where no regret is positive (along the last axis)."""
    positive = np.maximum(regrets, 0.0)
    total = positive.sum(axis=-1, keepdims=True)
    none = total <= 0.0
    return (positive + none * (1.0 / regrets.shape[-1])) / (total + none)


@dataclass(frozen=True)
class RegretMatching(_Kinked, _RegretDynamics):
    """Regret matching: play each strategy in proportion to its positive cumulative regret.

    ``R_{t+1} = R_t + r_t`` (the instantaneous regrets of the module docstring) and
    ``p_{t+1} = R_p^+ / sum(R_p^+)`` (uniform when no regret is positive), likewise for
    ``q``; ``z0`` is the first play. Average regret falls as ``O(1 / sqrt(T))``, so the
    empirical joint play approaches the set of coarse correlated equilibria
    (:func:`gamedyn.equilibria.cce_gap` of ``final_state.joint / final_state.t``), and in
    zero-sum games the time-averaged strategies (:meth:`Trajectory.average`) approach the
    equilibria. ``sampled=True`` plays pure actions drawn with the run's ``rng`` and
    accumulates the regrets of the realized play (Hart & Mas-Colell's procedure).
    ``simulate`` never stops a run early (the regrets move while the strategies rest).

    Parameters
    ----------
    sampled : bool
        Play pure actions drawn from the strategies (``True``) or the mixed strategies.

    References
    ----------
    Hart, S. & Mas-Colell, A. (2000). A simple adaptive procedure leading to correlated
    equilibrium. Econometrica 68(5), 1127-1150 (Section 3; the unconditional version,
    leading to the Hannan set, is their Section 4(c)). Cesa-Bianchi, N. & Lugosi, G.
    (2006). *Prediction, Learning, and Games*, CUP, Section 7.

    Examples
    --------
    >>> import gamedyn as gd
    >>> g = gd.games.rock_paper_scissors()
    >>> traj = gd.simulate(g, "regret_matching", [1, 0, 0, 0, 1, 0], 2000)
    >>> p, q = traj.average()[-1, :3], traj.average()[-1, 3:]
    >>> bool(gd.equilibria.exploitability(g, p, q) < 0.05)
    True
    """

    sampled: bool = False
    name: ClassVar[str] = "regret_matching"

    def _compiled_variant(self) -> int | None:
        from gamedyn.dynamics import _compiled

        return _compiled.REGRET_MATCHING

    def strategy(self, regrets: np.ndarray, last: np.ndarray, start: np.ndarray,
                 rate: Any) -> np.ndarray:
        return _regret_matching(regrets)


@dataclass(frozen=True)
class RegretMatchingPlus(_Kinked, _RegretDynamics):
    """Regret matching+: cumulative regrets clipped at 0 after every round.

    ``R_{t+1} = max(R_t + r_t, 0)``, ``p_{t+1} = R_p / sum(R_p)`` (uniform when all are
    0); otherwise as :class:`RegretMatching` (simultaneous updates, plain time average
    in :meth:`Trajectory.average`). Clipping forgets negative regret, so a strategy
    that becomes good is played again at once.

    Parameters
    ----------
    sampled : bool
        Play pure actions drawn from the strategies (``True``) or the mixed strategies.

    References
    ----------
    Tammelin, O. (2014). Solving large imperfect information games using CFR+.
    arXiv:1407.5042. Farina, G., Kroer, C. & Sandholm, T. (2021). Faster game solving
    via predictive Blackwell approachability. AAAI.

    Examples
    --------
    >>> import gamedyn as gd
    >>> g = gd.games.rock_paper_scissors()
    >>> traj = gd.simulate(g, "regret_matching_plus", [1, 0, 0, 0, 1, 0], 2000)
    >>> p, q = traj.average()[-1, :3], traj.average()[-1, 3:]
    >>> bool(gd.equilibria.exploitability(g, p, q) < 0.05)
    True
    """

    sampled: bool = False
    name: ClassVar[str] = "regret_matching_plus"

    def accumulate(self, regrets: np.ndarray, increment: np.ndarray) -> np.ndarray:
        return np.maximum(regrets + increment, 0.0)

    def _compiled_variant(self) -> int | None:
        from gamedyn.dynamics import _compiled

        return _compiled.REGRET_MATCHING_PLUS

    def strategy(self, regrets: np.ndarray, last: np.ndarray, start: np.ndarray,
                 rate: Any) -> np.ndarray:
        return _regret_matching(regrets)


REGULARIZERS = ("entropic", "euclidean")


@dataclass(frozen=True)
class FTRL(_Kinked, _RegretDynamics):
    """Follow the regularized leader on the cumulative regrets, centred at the first play.

        p_{t+1} = argmax_{x in simplex} <R_p, x> - h(x) / lr,

    ``entropic``: ``h(x) = KL(x | p_0)``, so ``p ∝ p_0 exp(lr R_p)`` (exactly
    :class:`Hedge`, round for round); ``euclidean``: ``h(x) = |x - p_0|^2 / 2``, so
    ``p = Proj_simplex(p_0 + lr R_p)`` (projection by :func:`project_simplex`), which
    can land on faces and leave them again. Regrets and payoffs differ by a multiple of
    ``1``, which changes neither argmax. ``z0 = (p_0, q_0)`` is the first play.

    Parameters
    ----------
    regularizer : {"entropic", "euclidean"}
    lr : float or pair of float
        Positive learning rate, or one per player.
    sampled : bool
        Play pure actions drawn from the strategies.

    References
    ----------
    Shalev-Shwartz, S. (2012). Online learning and online convex optimization. Found.
    Trends Mach. Learn. 4(2), Section 2.3. Mertikopoulos, P., Papadimitriou, C. &
    Piliouras, G. (2018). Cycles in adversarial regularized learning. SODA.

    Examples
    --------
    >>> import gamedyn as gd
    >>> g = gd.games.matching_pennies()
    >>> run = gd.simulate(g, gd.dynamics.FTRL("euclidean", lr=0.1), [0.5, 0.5, 1, 0], 3)
    >>> run.states[:, :2].round(6).tolist()   # R_p = (1, -1), (1.8, -2.2), (2.376, -3.544)
    [[0.5, 0.5], [0.6, 0.4], [0.7, 0.3], [0.796, 0.204]]
    """

    regularizer: str = "entropic"
    lr: Any = 0.1
    sampled: bool = False
    name: ClassVar[str] = "ftrl"

    def __post_init__(self) -> None:
        super().__post_init__()
        check_choice(self.regularizer, "regularizer", REGULARIZERS)
        object.__setattr__(self, "lr", _check_lr(self.lr))

    def _compiled_variant(self) -> int | None:
        from gamedyn.dynamics import _compiled

        return _compiled.ENTROPIC if self.regularizer == "entropic" else None

    def strategy(self, regrets: np.ndarray, last: np.ndarray, start: np.ndarray,
                 rate: Any) -> np.ndarray:
        scaled = rate * regrets
        if self.regularizer == "entropic":
            return _entropic(scaled, start)
        return _project_simplex(start + scaled)

    def step_sizes(self, t: int = 0) -> tuple[float, float]:
        return _rates(self.lr)

    def rate(self, player: int | None) -> Any:
        return _rate_of(self.lr, player)


# ----------------------------------------------------------------------------- smoothed
@dataclass(frozen=True)
class StochasticFictitiousPlay(MatrixDynamics):
    """Stochastic fictitious play: smoothed (logit) best responses to empirical frequencies.

    ``z_t = concat(p_bar, q_bar)`` are the beliefs (empirical frequencies, ``z_0``
    counted as one observation); each round each player plays the logit response
    ``softmax(A q_bar / T)`` (resp. ``softmax(p_bar B / T)``) and the beliefs move

        z_{t+1} = z_t + (s_t - z_t) / (t + 2),

    where ``s_t`` is the pair of logit responses (``sampled=False``, the expected
    update) or one-hot pure actions drawn from them with the round's ``rng``
    (``sampled=True``, the original stochastic process). The beliefs follow the logit
    dynamics (:meth:`flow_field`) in the limit and converge to a logit quantal response
    equilibrium in zero-sum games (Hofbauer & Sandholm 2002). The step ``1 / (t + 2)``
    changes with the round, so the map has no fixed linearization: analyze
    ``dynamics="logit"`` (the same field) instead.

    Parameters
    ----------
    temperature : float
        ``T > 0``; the smoothed best response tends to a best response as ``T -> 0``.
    sampled : bool
        Move the beliefs towards pure actions drawn from the logit responses (the
        original stochastic process) instead of towards the responses themselves.

    References
    ----------
    Fudenberg, D. & Kreps, D. M. (1993). Learning mixed equilibria. Games Econ. Behav. 5,
    320-367. Hofbauer, J. & Sandholm, W. H. (2002). On the global convergence of
    stochastic fictitious play. Econometrica 70(6), 2265-2294.

    Examples
    --------
    >>> import numpy as np, gamedyn as gd
    >>> g = gd.games.matching_pennies()
    >>> traj = gd.simulate(g, "stochastic_fictitious_play", [1, 0, 1, 0], 5000)
    >>> bool(np.abs(traj.final - 0.5).max() < 0.02)
    True
    """

    temperature: float = 0.1
    sampled: bool = False
    smooth: ClassVar[bool] = False  # a step that changes with the round
    name: ClassVar[str] = "stochastic_fictitious_play"

    def __post_init__(self) -> None:
        object.__setattr__(self, "temperature", check_positive(self.temperature,
                                                               "temperature"))
        object.__setattr__(self, "sampled", check_bool(self.sampled, "sampled"))

    @property
    def converges_when_z_rests(self) -> bool:
        return not self.sampled

    def _smoothed(self, game: BimatrixGame, z: np.ndarray) -> np.ndarray:
        m = game.shape[0]
        payoffs = _payoff_vectors(game, z) / self.temperature
        return np.concatenate([_softmax(payoffs[..., :m]), _softmax(payoffs[..., m:])],
                              axis=-1)

    def update(self, game: BimatrixGame, z: np.ndarray, t: int,
               rng: np.random.Generator | None) -> np.ndarray:
        answer = self._smoothed(game, z)
        if self.sampled:
            rng = _require_rng(rng, "StochasticFictitiousPlay")
            m = game.shape[0]
            answer = np.concatenate([_sample_pure(answer[..., :m], rng),
                                     _sample_pure(answer[..., m:], rng)], axis=-1)
        return z + (answer - z) / (t + 2)

    def _flow(self, game: BimatrixGame, z: np.ndarray) -> np.ndarray:
        """The logit dynamics ``dz/dt = softmax(payoffs / T) - z``."""
        return self._smoothed(game, z) - z

    def _require_smooth(self) -> None:
        raise TypeError(
            "StochasticFictitiousPlay steps by 1 / (t + 2), a map that changes every round, "
            "so it has no linearization at a `point`; analyze dynamics=LogitResponse("
            f"temperature={self.temperature:g}) (its mean field) instead.")

    def linearization(self, game: BimatrixGame, point: Any) -> np.ndarray:
        self.check_game(game)
        self._require_smooth()
        raise AssertionError  # unreachable

    def flow_jacobian(self, game: BimatrixGame, z: np.ndarray) -> np.ndarray:
        self._require_smooth()
        raise AssertionError  # unreachable


@dataclass(frozen=True)
class ReplicatorMutator(MatrixDynamics):
    """Replicator-mutator dynamics: exponential selection, then uniform mutation.

    One round with step ``dt`` and mutation rate ``mu`` (per unit time):

        p <- (1 - dt mu) normalize(p exp(dt A q)) + dt mu / m,

    and likewise for ``q`` with ``p B`` and ``n``, both from the same ``(p, q)``
    (``dt mu <= 1`` keeps the state on the simplices). To first order in ``dt`` it is an
    Euler step of the selection-mutation equation (:meth:`flow_field`)

        dp_i/dt = p_i ((A q)_i - p A q) + mu (1/m - p_i).

    Mutation pulls towards the uniform strategy; on matching pennies the equilibrium
    is kept and the linearization is ``(1 - dt mu)`` times Hedge's, spectral radius
    ``(1 - dt mu) sqrt(1 + dt^2)``: enough mutation turns the outward spiral inward.

    Parameters
    ----------
    dt : float
        Positive step.
    mutation : float
        Mutation rate ``mu >= 0`` with ``dt * mu <= 1``.

    References
    ----------
    Hofbauer, J. (1985). The selection mutation equation. J. Math. Biol. 23, 41-53.
    Bomze, I. M. & Bürger, R. (1995). Stability by mutation in evolutionary games.
    Games Econ. Behav. 11, 146-172.

    Examples
    --------
    >>> import numpy as np, gamedyn as gd
    >>> g = gd.games.matching_pennies()
    >>> rep = gd.stability.analyze(g, ([0.5, 0.5], [0.5, 0.5]),
    ...                            gd.dynamics.ReplicatorMutator(dt=0.1, mutation=0.5))
    >>> bool(abs(rep.spectral_radius - 0.95 * np.sqrt(1.01)) < 1e-12)
    True
    """

    dt: float = 0.1
    mutation: float = 0.01
    name: ClassVar[str] = "replicator_mutator"

    def __post_init__(self) -> None:
        from gamedyn._validation import check_nonnegative

        dt = check_positive(self.dt, "dt")
        mutation = check_nonnegative(self.mutation, "mutation")
        if dt * mutation > 1:
            raise ValueError(f"`mutation` times `dt` must be at most 1 (a share mutated per "
                             f"round); got {mutation:g} * {dt:g} = {dt * mutation:g}.")
        object.__setattr__(self, "dt", dt)
        object.__setattr__(self, "mutation", mutation)

    def _uniform(self, game: BimatrixGame) -> np.ndarray:
        m, n = game.shape
        return np.concatenate([np.full(m, 1.0 / m), np.full(n, 1.0 / n)])

    def update(self, game: BimatrixGame, z: np.ndarray, t: int,
               rng: np.random.Generator | None) -> np.ndarray:
        rate = self.dt * self.mutation
        selected = _exponential_step(game, z, _payoff_vectors(game, z), self.dt)
        return (1.0 - rate) * selected + rate * self._uniform(game)

    def _flow(self, game: BimatrixGame, z: np.ndarray) -> np.ndarray:
        return Replicator()._flow(game, z) + self.mutation * (self._uniform(game) - z)

    def flow_jacobian(self, game: BimatrixGame, z: np.ndarray) -> np.ndarray:
        """The replicator Jacobian minus ``mu I``.

        Parameters
        ----------
        game : BimatrixGame
            The game being played.
        z : array_like, shape (m + n,)
            Full mixed strategies ``concat(p, q)``.

        Returns
        -------
        ndarray, shape (m + n, m + n)
            The Jacobian in full coordinates.
        """
        jac = Replicator().flow_jacobian(game, z)
        return jac - self.mutation * np.eye(len(jac))

    def map_jacobian(self, game: BimatrixGame, z: np.ndarray) -> np.ndarray:
        """``(1 - dt mu)`` times the exact Jacobian of the exponential step.

        Parameters
        ----------
        game : BimatrixGame
            The game being played.
        z : array_like, shape (m + n,)
            Full mixed strategies ``concat(p, q)``.

        Returns
        -------
        ndarray, shape (m + n, m + n)
            The Jacobian in full coordinates.
        """
        return (1.0 - self.dt * self.mutation) * Hedge(self.dt).map_jacobian(game, z)

    def step_sizes(self, t: int = 0) -> tuple[float, float]:
        return (self.dt, self.dt)
