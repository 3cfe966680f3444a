"""Gradient methods on differentiable games (every player ascends its own payoff).

Notation: ``z = concat(x, y)``; ``xi(z) = (grad_x u1, grad_y u2)`` is the simultaneous
gradient (players maximize); ``J = d xi / d z`` the game Jacobian; ``eta`` the step
size, a diagonal ``diag(eta1 I_n1, eta2 I_n2)`` when the players' step sizes differ.
On a game with a ``domain`` every (partial) update is followed by ``game.project``.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import Any, ClassVar, NamedTuple

import numpy as np

from gamedyn._validation import (
    as_real_array,
    as_state_batch,
    check_nonnegative,
    check_positive,
    check_positive_int,
    per_player,
)
from gamedyn.dynamics.base import GradientDynamics, GradientState
from gamedyn.games.differentiable import DifferentiableGame

__all__ = [
    "Simultaneous",
    "Alternating",
    "Optimistic",
    "Extragradient",
    "Momentum",
    "Consensus",
    "SGA",
    "Adam",
    "ProximalPoint",
    "OptimisticState",
    "MomentumState",
    "AdamState",
]


class OptimisticState(NamedTuple):
    """``z_t``, ``previous_field = xi(z_{t-1})`` (``xi(z_0)`` at ``t = 0``) and ``t``."""

    z: np.ndarray
    previous_field: np.ndarray
    t: int


class MomentumState(NamedTuple):
    """``z_t``, ``previous_z = z_{t-1}`` (``z_0`` at ``t = 0``) and ``t``."""

    z: np.ndarray
    previous_z: np.ndarray
    t: int


class AdamState(NamedTuple):
    """``z_t``, Adam's moment estimates ``m_t``, ``v_t`` (zeros at ``t = 0``) and ``t``."""

    z: np.ndarray
    first_moment: np.ndarray
    second_moment: np.ndarray
    t: int


def _field(game: DifferentiableGame, z: np.ndarray, noise: Any = None) -> np.ndarray:
    return game.field_unchecked(z, noise)


def _draw(game: DifferentiableGame, rng: np.random.Generator | None, z: np.ndarray) -> Any:
    """The randomness of one player update (None for deterministic games)."""
    return game.draw(rng, z.shape[:-1]) if game.stochastic else None


def _jacobian(game: DifferentiableGame, z: np.ndarray) -> np.ndarray:
    """``J(z)``; rows of ``z`` that are not finite (a diverging run) are evaluated at 0."""
    finite = np.isfinite(z).all(axis=-1, keepdims=True)
    return game.jacobian(z if finite.all() else np.where(finite, z, 0.0))


def _transpose_times(matrix: np.ndarray, vector: np.ndarray) -> np.ndarray:
    """``M^T v`` for batches: ``(*batch, n, n)`` and ``(*batch, n)`` -> ``(*batch, n)``."""
    return np.einsum("...ji,...j->...i", matrix, vector)


@dataclass(frozen=True)
class Simultaneous(GradientDynamics):
    """Simultaneous (Jacobi) gradient play: ``z_{t+1} = z_t + eta * xi(z_t)``.

    Both players step at once from the same state. Each player takes one step per
    round; for several steps of one player per round use :class:`Alternating`
    (``steps=(k1, k2)``). On the bilinear game ``v = x y`` every step multiplies
    ``x^2 + y^2`` by ``1 + eta^2``: simultaneous steps spiral outwards.

    Parameters
    ----------
    lr : float, pair of floats, Schedule or callable
        Step size ``eta`` (per player as ``(lr1, lr2)``); must be positive.

    References
    ----------
    Mescheder, L., Nowozin, S. & Geiger, A. (2017). The numerics of GANs. NeurIPS,
    Section 3. Gidel, G. et al. (2019). Negative momentum for improved game dynamics.
    AISTATS, Section 3.
    """

    name: ClassVar[str] = "simultaneous"

    def step(self, game: DifferentiableGame, state: GradientState,
             rng: np.random.Generator | None = None) -> GradientState:
        noise = _draw(game, rng, state.z)
        z = state.z + self.rates(game, state.t) * _field(game, state.z, noise)
        return GradientState(game.project(z), state.t + 1)

    def flow_field(self, game: DifferentiableGame, z: np.ndarray) -> np.ndarray:
        """The gradient flow ``dz/dt = xi(z)`` (step sizes do not enter)."""
        return _field(game, z)


@dataclass(frozen=True)
class Alternating(GradientDynamics):
    """Alternating (Gauss-Seidel) gradient play: player 1 moves first, player 2 sees it.

    One round: player 1 takes ``k1`` steps ``x <- x + eta1 grad_x u1(x, y)`` with ``y``
    fixed, then player 2 takes ``k2`` steps ``y <- y + eta2 grad_y u2(x, y)`` at the NEW
    ``x``. On ``v = x y`` (``x`` minimizes) with one step each,
    ``x+ = x - eta1 y``, ``y+ = y + eta2 x+``, and the quadratic form
    ``x^2 / eta1 + y^2 / eta2 - x y`` is conserved exactly: bounded rotation for
    ``eta1 eta2 < 4``.

    Parameters
    ----------
    lr : float, pair, Schedule or callable
        Step sizes ``(eta1, eta2)``; positive.
    steps : int or pair of int
        Steps per round ``(k1, k2)`` of player 1 and player 2 (e.g. ``(1, 5)``: five
        discriminator steps per generator step).

    References
    ----------
    Gidel, G. et al. (2019). Negative momentum for improved game dynamics. AISTATS,
    Section 3 (alternating updates). Bailey, J. P., Gidel, G. & Piliouras, G. (2020).
    Finite regret and cycles with fixed step-size via alternating gradient
    descent-ascent. COLT.
    """

    k: Any = (1, 1)
    steps: Any = None
    name: ClassVar[str] = "alternating"

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.steps is not None:
            warnings.warn("`Alternating(steps=...)` is deprecated: the per-round update "
                          "counts are called `k=(k1, k2)` (`steps` counts rounds).",
                          DeprecationWarning, stacklevel=3)
            object.__setattr__(self, "k", self.steps)
            object.__setattr__(self, "steps", None)
        object.__setattr__(self, "k", per_player(self.k, "k", check_positive_int))

    @property
    def field_evaluations_per_step(self) -> int:
        return self.k[0] + self.k[1]

    def step(self, game: DifferentiableGame, state: GradientState,
             rng: np.random.Generator | None = None) -> GradientState:
        n1 = game.n1
        lr1, lr2 = self.player_rates(state.t)
        z = state.z
        for _ in range(self.k[0]):
            noise = _draw(game, rng, z)
            x = z[..., :n1] + lr1 * game.partial_field(z, 1, noise)
            z = game.project(np.concatenate([x, z[..., n1:]], axis=-1))
        for _ in range(self.k[1]):
            noise = _draw(game, rng, z)
            y = z[..., n1:] + lr2 * game.partial_field(z, 2, noise)
            z = game.project(np.concatenate([z[..., :n1], y], axis=-1))
        return GradientState(z, state.t + 1)


@dataclass(frozen=True)
class Optimistic(GradientDynamics):
    """Optimistic gradient (OGDA): ``z_{t+1} = z_t + 2 eta xi(z_t) - eta xi(z_{t-1})``.

    The memory ``previous_field = xi(z_{t-1})`` starts as ``xi(z_0)``, so the first step
    is a simultaneous one. One field evaluation per round. Converges on bilinear games
    for small ``eta``.

    References
    ----------
    Daskalakis, C., Ilyas, A., Syrgkanis, V. & Zeng, H. (2018). Training GANs with
    optimism. ICLR, eq. (2). Gidel, G., Berard, H., Vignoud, G., Vincent, P. &
    Lacoste-Julien, S. (2019). A variational inequality perspective on generative
    adversarial networks. ICLR, Section 3.
    """

    name: ClassVar[str] = "optimistic"

    def init(self, game: DifferentiableGame, z0: Any) -> OptimisticState:
        self.check_game(game)
        z0 = as_state_batch(z0, "z0", game.n)
        return OptimisticState(z0, np.array(_field(game, z0)), 0)

    def step(self, game: DifferentiableGame, state: OptimisticState,
             rng: np.random.Generator | None = None) -> OptimisticState:
        field = _field(game, state.z, _draw(game, rng, state.z))
        z = state.z + self.rates(game, state.t) * (2.0 * field - state.previous_field)
        return OptimisticState(game.project(z), np.array(field), state.t + 1)


@dataclass(frozen=True)
class Extragradient(GradientDynamics):
    """Extragradient: ``z_half = z + eta xi(z)``, ``z_{t+1} = z + eta xi(z_half)``.

    Two field evaluations per round (both projected on constrained games). On
    ``v = x y`` each step multiplies ``x^2 + y^2`` by ``1 - eta^2 + eta^4 < 1``.

    References
    ----------
    Korpelevich, G. M. (1976). The extragradient method for finding saddle points and
    other problems. Ekonomika i Matematicheskie Metody 12, 747-756. Mokhtari, A.,
    Ozdaglar, A. & Pattathil, S. (2020). AISTATS (bilinear rates).
    """

    name: ClassVar[str] = "extragradient"

    @property
    def field_evaluations_per_step(self) -> int:
        return 2

    def step(self, game: DifferentiableGame, state: GradientState,
             rng: np.random.Generator | None = None) -> GradientState:
        eta = self.rates(game, state.t)
        noise = _draw(game, rng, state.z)  # both evaluations see the same draw
        half = game.project(state.z + eta * _field(game, state.z, noise))
        z = game.project(state.z + eta * _field(game, half, noise))
        return GradientState(z, state.t + 1)


@dataclass(frozen=True)
class Momentum(GradientDynamics):
    """Heavy-ball momentum: ``z_{t+1} = z_t + eta xi(z_t) + beta (z_t - z_{t-1})``.

    ``previous_z`` starts as ``z_0``. Negative ``beta`` is allowed (and is what helps
    in games, with alternating updates).

    Parameters
    ----------
    lr : float, pair, Schedule or callable
    beta : float
        Momentum coefficient, ``-1 < beta < 1``.

    References
    ----------
    Polyak, B. T. (1964). Some methods of speeding up the convergence of iteration
    methods. Gidel, G. et al. (2019). Negative momentum for improved game dynamics.
    AISTATS, eq. (6).
    """

    beta: float = -0.5
    name: ClassVar[str] = "momentum"

    def __post_init__(self) -> None:
        super().__post_init__()
        beta = as_real_array(self.beta, "beta", ndim=0)
        if not -1.0 < float(beta) < 1.0:
            raise ValueError(f"`beta` must lie in (-1, 1); got {self.beta}.")
        object.__setattr__(self, "beta", float(beta))

    def init(self, game: DifferentiableGame, z0: Any) -> MomentumState:
        self.check_game(game)
        z0 = as_state_batch(z0, "z0", game.n)
        return MomentumState(z0, z0.copy(), 0)

    def step(self, game: DifferentiableGame, state: MomentumState,
             rng: np.random.Generator | None = None) -> MomentumState:
        z = (state.z + self.rates(game, state.t) * _field(game, state.z, _draw(game, rng, state.z))
             + self.beta * (state.z - state.previous_z))
        return MomentumState(game.project(z), state.z, state.t + 1)


@dataclass(frozen=True)
class Consensus(GradientDynamics):
    """Consensus optimization: ``z_{t+1} = z_t + eta (xi - gamma J^T xi)``.

    ``J^T xi = grad(|xi|^2 / 2)``: every player also descends the squared norm of the
    field, which damps the rotation. On ``v = x y``, ``x^2 + y^2`` is multiplied by
    ``(1 - eta gamma)^2 + eta^2`` per step. One field and one Jacobian evaluation per
    round.

    Parameters
    ----------
    lr : float, pair, Schedule or callable
    gamma : float
        Weight of the consensus term, ``>= 0``.

    References
    ----------
    Mescheder, L., Nowozin, S. & Geiger, A. (2017). The numerics of GANs. NeurIPS,
    Algorithm 2 and eq. (9).
    """

    gamma: float = 1.0
    name: ClassVar[str] = "consensus"

    def __post_init__(self) -> None:
        super().__post_init__()
        object.__setattr__(self, "gamma", check_nonnegative(self.gamma, "gamma"))

    def flow_field(self, game: DifferentiableGame, z: np.ndarray, noise: Any = None
                   ) -> np.ndarray:
        """The consensus flow ``dz/dt = xi - gamma J^T xi``."""
        field = _field(game, z, noise)
        return field - self.gamma * _transpose_times(_jacobian(game, z), field)

    def step(self, game: DifferentiableGame, state: GradientState,
             rng: np.random.Generator | None = None) -> GradientState:
        noise = _draw(game, rng, state.z)
        z = state.z + self.rates(game, state.t) * self.flow_field(game, state.z, noise)
        return GradientState(game.project(z), state.t + 1)


@dataclass(frozen=True)
class SGA(GradientDynamics):
    """Symplectic gradient adjustment: ``z_{t+1} = z_t + eta (xi - lambda A^T xi)``.

    ``A = (J - J^T) / 2`` is the antisymmetric (Hamiltonian) part of the game
    Jacobian. Balduzzi et al. write the rule for players *minimizing* losses with
    ``xi_loss = -xi``; translated to gamedyn's convention (players maximize) the
    adjusted ascent direction is ``xi - lambda A^T xi = xi + lambda A xi``, i.e.
    consensus with ``J`` replaced by its antisymmetric part. With ``align=True`` the
    sign of ``lambda`` is chosen per state by Algorithm 1 of Balduzzi et al., which in
    our convention reads

        sign(lambda) = sign(-(1/n) <xi, J^T xi> <A^T xi, J^T xi> + eps),

    so that the adjustment points towards stable fixed points and away from unstable
    ones. On ``v = x y`` SGA equals consensus with ``gamma = lam``.

    Parameters
    ----------
    lr : float, pair, Schedule or callable
    lam : float
        Size ``|lambda|`` of the adjustment, ``>= 0``.
    align : bool
        Choose the sign of ``lambda`` by the alignment rule (else ``lambda = lam``).
    eps : float
        The small positive constant of the alignment rule.

    References
    ----------
    Balduzzi, D. et al. (2018). The mechanics of n-player differentiable games. ICML,
    Algorithm 1 and Section 3.2. Letcher, A. et al. (2019). Differentiable game
    mechanics. JMLR 20(84), Section 4.
    """

    lam: float = 1.0
    align: bool = True
    eps: float = 0.1
    name: ClassVar[str] = "sga"

    def __post_init__(self) -> None:
        super().__post_init__()
        object.__setattr__(self, "lam", check_nonnegative(self.lam, "lam"))
        object.__setattr__(self, "eps", check_nonnegative(self.eps, "eps"))
        if not isinstance(self.align, bool):
            raise TypeError(f"`align` must be True or False; got {self.align!r}.")

    def flow_field(self, game: DifferentiableGame, z: np.ndarray, noise: Any = None
                   ) -> np.ndarray:
        """The adjusted field ``xi - lambda A^T xi`` (with the aligned sign)."""
        field = _field(game, z, noise)
        jac = _jacobian(game, z)
        antisymmetric = 0.5 * (jac - np.swapaxes(jac, -1, -2))
        adjustment = _transpose_times(antisymmetric, field)
        lam = self.lam
        if self.align:
            jt_field = _transpose_times(jac, field)
            score = (-np.sum(field * jt_field, axis=-1) * np.sum(adjustment * jt_field, axis=-1)
                     / game.n + self.eps)
            lam = np.where(score >= 0, self.lam, -self.lam)[..., None]
        return field - lam * adjustment

    def step(self, game: DifferentiableGame, state: GradientState,
             rng: np.random.Generator | None = None) -> GradientState:
        noise = _draw(game, rng, state.z)
        z = state.z + self.rates(game, state.t) * self.flow_field(game, state.z, noise)
        return GradientState(game.project(z), state.t + 1)


@dataclass(frozen=True)
class Adam(GradientDynamics):
    """Adam ascent on each player's own payoff (one element-wise Adam per coordinate).

    With ``g = xi(z_t)`` (each player's gradient of its own payoff):
    ``m = b1 m + (1 - b1) g``, ``v = b2 v + (1 - b2) g^2``,
    ``z_{t+1} = z_t + eta * m_hat / (sqrt(v_hat) + eps)`` with the bias corrections
    ``m_hat = m / (1 - b1^(t+1))``, ``v_hat = v / (1 - b2^(t+1))``. The first step is
    ``eta * g / (|g| + eps)``, about ``eta * sign(g)``.

    Parameters
    ----------
    lr : float, pair, Schedule or callable
    betas : pair of float
        ``(b1, b2)`` in ``[0, 1)``.
    eps : float
        Positive constant in the denominator.

    References
    ----------
    Kingma, D. P. & Ba, J. (2015). Adam: a method for stochastic optimization. ICLR,
    Algorithm 1.
    """

    betas: tuple[float, float] = (0.9, 0.999)
    eps: float = 1e-8
    name: ClassVar[str] = "adam"

    def __post_init__(self) -> None:
        super().__post_init__()
        betas = as_real_array(self.betas, "betas", ndim=1)
        if betas.shape != (2,) or np.any(betas < 0) or np.any(betas >= 1):
            raise ValueError(f"`betas` must be a pair (b1, b2) in [0, 1); got {self.betas!r}.")
        object.__setattr__(self, "betas", (float(betas[0]), float(betas[1])))
        object.__setattr__(self, "eps", check_positive(self.eps, "eps"))

    def init(self, game: DifferentiableGame, z0: Any) -> AdamState:
        self.check_game(game)
        z0 = as_state_batch(z0, "z0", game.n)
        return AdamState(z0, np.zeros_like(z0), np.zeros_like(z0), 0)

    def step(self, game: DifferentiableGame, state: AdamState,
             rng: np.random.Generator | None = None) -> AdamState:
        b1, b2 = self.betas
        grad = _field(game, state.z, _draw(game, rng, state.z))
        first = b1 * state.first_moment + (1.0 - b1) * grad
        second = b2 * state.second_moment + (1.0 - b2) * grad * grad
        k = state.t + 1
        m_hat = first / (1.0 - b1**k)
        v_hat = second / (1.0 - b2**k)
        z = state.z + self.rates(game, state.t) * m_hat / (np.sqrt(v_hat) + self.eps)
        return AdamState(game.project(z), first, second, state.t + 1)


@dataclass(frozen=True)
class ProximalPoint(GradientDynamics):
    """The (implicit) proximal point method: ``z_{t+1} = z_t + eta xi(z_{t+1})``.

    The implicit equation ``w - z - eta xi(w) = 0`` is solved by Newton's method with
    the game Jacobian, ``w <- w - (I - eta J(w))^{-1} (w - z - eta xi(w))``, from
    ``w = z``, until the residual is below ``tol * (1 + |z|)`` or ``newton_steps``
    iterations ran. For a linear field (bilinear games) one Newton step is exact:
    ``z_{t+1} = (I - eta J)^{-1} z_t``, which on ``v = x y`` divides ``x^2 + y^2`` by
    ``1 + eta^2``. Its linearization, used by the stability analyzer, is
    ``(I - eta J)^{-1}``. On a constrained game the solution is projected afterwards
    (an approximation of the constrained proximal step).

    Parameters
    ----------
    lr : float, pair, Schedule or callable
    newton_steps : int
        Maximum Newton iterations per round.
    tol : float
        Residual tolerance of the implicit equation.

    References
    ----------
    Rockafellar, R. T. (1976). Monotone operators and the proximal point algorithm.
    SIAM J. Control Optim. 14(5). Mokhtari, A., Ozdaglar, A. & Pattathil, S. (2020).
    A unified analysis of extra-gradient and optimistic gradient methods for saddle
    point problems: proximal point approach. AISTATS.
    """

    newton_steps: int = 20
    tol: float = 1e-12
    name: ClassVar[str] = "proximal_point"

    def __post_init__(self) -> None:
        super().__post_init__()
        object.__setattr__(self, "newton_steps",
                           check_positive_int(self.newton_steps, "newton_steps"))
        object.__setattr__(self, "tol", check_positive(self.tol, "tol"))

    @property
    def field_evaluations_per_step(self) -> int:
        """At most ``newton_steps + 1`` (fewer when Newton converges early)."""
        return self.newton_steps + 1

    def step(self, game: DifferentiableGame, state: GradientState,
             rng: np.random.Generator | None = None) -> GradientState:
        z = state.z
        eta = np.broadcast_to(self.rates(game, state.t), z.shape)
        identity = np.eye(game.n)
        scale = self.tol * (1.0 + np.abs(z).max(axis=-1))
        noise = _draw(game, rng, z)
        w = z
        for _ in range(self.newton_steps):
            residual = w - z - eta * _field(game, w, noise)
            if np.all(np.abs(residual).max(axis=-1) <= scale):
                break
            matrix = identity - eta[..., :, None] * _jacobian(game, w)
            w = w - np.linalg.solve(matrix, residual[..., None])[..., 0]
        return GradientState(game.project(w), state.t + 1)
