"""Update rules for differentiable games (every player ascends its own payoff), and the
play order that alternates them.

Notation: ``z = concat(x, y)``; ``xi(z) = (grad_x u1, grad_y u2)`` is the simultaneous
gradient (players maximize); ``J = d xi / d z`` the game Jacobian; ``eta`` the step
size, a diagonal ``H = diag(eta1 I_n1, eta2 I_n2)`` when the players' step sizes differ.
On a game with a ``domain`` every (partial) update is followed by ``game.project``.

Each rule writes one method, ``update``: the new values of a block of coordinates (both
players under simultaneous play, one player under :class:`Alternating`) and its memory.
So ``Momentum(0.1, beta=-0.5)`` is simultaneous heavy-ball and
``Alternating(Momentum(0.1, beta=-0.5), k=(1, 5), first=2)`` alternating heavy-ball with
five player-2 updates per round, player 2 first: a composition, not a new class.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from typing import Any, ClassVar, NamedTuple

import numpy as np

from gamedyn._validation import (
    as_real_array,
    check_nonnegative,
    check_positive,
    check_positive_int,
    per_player,
)
from gamedyn.dynamics.base import (
    Block,
    DynamicsState,
    GradientDynamics,
    _maths_owner,
    advanced_auxiliary,
    draw_noise,
    rebuild_state,
    report_failure,
    split_memory,
)
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
    "RMSProp",
    "ProximalPoint",
    "OptimisticState",
    "MomentumState",
    "AdamState",
    "RMSPropState",
]


class OptimisticState(NamedTuple):
    """``z_t``, ``previous_field = xi(z_{t-1})`` (``xi(z_0)`` at ``t = 0``) and ``t``.

    Parameters
    ----------
    z : ndarray, shape (*batch, n)
        The joint state ``z_t``.
    previous_field : ndarray, shape (*batch, n)
        ``xi(z_{t-1})`` (``xi(z_0)`` at ``t = 0``).
    t : int
        The round.

    Examples
    --------
    >>> import gamedyn as gd
    >>> gd.dynamics.Optimistic(0.1).init(gd.games.bilinear(), [1.0, 2.0]).previous_field
    array([-2.,  1.])
    """

    z: np.ndarray
    previous_field: np.ndarray
    t: int


class MomentumState(NamedTuple):
    """``z_t``, ``previous_z = z_{t-1}`` (``z_0`` at ``t = 0``) and ``t``.

    Parameters
    ----------
    z : ndarray, shape (*batch, n)
        The joint state ``z_t``.
    previous_z : ndarray, shape (*batch, n)
        ``z_{t-1}`` (``z_0`` at ``t = 0``).
    t : int
        The round.

    Examples
    --------
    >>> import gamedyn as gd
    >>> gd.dynamics.Momentum(0.1).init(gd.games.bilinear(), [1.0, 2.0]).previous_z
    array([1., 2.])
    """

    z: np.ndarray
    previous_z: np.ndarray
    t: int


class AdamState(NamedTuple):
    """``z_t``, Adam's moment estimates ``m_t``, ``v_t`` (zeros at ``t = 0``) and ``t``.

    Parameters
    ----------
    z : ndarray, shape (*batch, n)
        The joint state ``z_t``.
    first_moment : ndarray, shape (*batch, n)
        ``m_t``, the running mean of the gradient (zeros at ``t = 0``).
    second_moment : ndarray, shape (*batch, n)
        ``v_t``, the running mean of its square (zeros at ``t = 0``).
    t : int
        The round.

    Examples
    --------
    >>> import gamedyn as gd
    >>> gd.dynamics.Adam(0.1).init(gd.games.bilinear(), [1.0, 2.0]).second_moment
    array([0., 0.])
    """

    z: np.ndarray
    first_moment: np.ndarray
    second_moment: np.ndarray
    t: int


class RMSPropState(NamedTuple):
    """``z_t``, the running mean square of the gradient ``v_t`` (zeros at ``t = 0``), ``t``.

    Parameters
    ----------
    z : ndarray, shape (*batch, n)
        The joint state ``z_t``.
    second_moment : ndarray, shape (*batch, n)
        ``v_t``, the running mean square of the gradient (zeros at ``t = 0``).
    t : int
        The round.

    Examples
    --------
    >>> import gamedyn as gd
    >>> gd.dynamics.RMSProp(0.1).init(gd.games.bilinear(), [1.0, 2.0]).t
    0
    """

    z: np.ndarray
    second_moment: np.ndarray
    t: int


def _jacobian(game: DifferentiableGame, z: np.ndarray, noise: Any = None) -> np.ndarray:
    """``J(z)`` on the update's minibatch ``noise`` (common random numbers; None: the
    fixed evaluation batch); rows of ``z`` that are not finite (a diverging run) are
    evaluated at 0."""
    finite = np.isfinite(z).all(axis=-1, keepdims=True)
    z = z if finite.all() else np.where(finite, z, 0.0)
    if type(game).jacobian is DifferentiableGame.jacobian:  # the unchecked path: a run
        return game.jacobian_unchecked(z)  # where it overflows diverges, others go on
    return game.jacobian(z) if noise is None else game.jacobian(z, noise)


def _transpose_times(matrix: np.ndarray, vector: np.ndarray) -> np.ndarray:
    """``M^T v`` for batches: ``(*batch, n, n)`` and ``(*batch, n)`` -> ``(*batch, n)``."""
    return np.einsum("...ji,...j->...i", matrix, vector)


def _rotation_frequencies(report: Any) -> list:
    return [abs(v.imag) for v in report.game_eigenvalues if abs(v.real) <= report.tol]


_LOOK_AHEAD = (" The look-ahead (extra) gradient corrects the rotation's overshoot, which "
               "turns the circle into an inward spiral.")


@dataclass(frozen=True)
class Simultaneous(GradientDynamics):
    """Simultaneous (Jacobi) gradient play: ``z_{t+1} = z_t + eta * xi(z_t)``.

    The plain update rule. Both players step at once from the same state; for several
    updates of one player per round, or one player moving first, use
    :class:`Alternating` (``k=(k1, k2)``, ``first``). On the bilinear game ``v = x y``
    every step multiplies ``x^2 + y^2`` by ``1 + eta^2``: simultaneous steps spiral
    outwards. Linearization ``I + H J``; with a common step size it contracts iff
    ``|1 + eta lambda| < 1`` for every eigenvalue ``lambda`` of ``J``, i.e.
    ``eta < -2 Re(lambda) / |lambda|^2`` (never when some ``Re(lambda) >= 0``).

    Parameters
    ----------
    lr : float, pair of floats, Schedule, callable or ndarray
        Step size ``eta`` (per player as ``(lr1, lr2)``; per run as an array); positive.

    References
    ----------
    Mescheder, L., Nowozin, S. & Geiger, A. (2017). The numerics of GANs. NeurIPS,
    Section 3. Gidel, G. et al. (2019). Negative momentum for improved game dynamics.
    AISTATS, Section 3.

    Examples
    --------
    >>> import gamedyn as gd
    >>> run = gd.simulate(gd.games.bilinear(), gd.dynamics.Simultaneous(0.5), [1.0, 0.0], 1)
    >>> run.final.tolist()       # x+ = x - eta y, y+ = y + eta x
    [1.0, 0.5]
    """

    name: ClassVar[str] = "simultaneous"

    def update(self, game: DifferentiableGame, z: np.ndarray, memory: tuple, block: Block,
               noise: Any) -> tuple[np.ndarray, tuple]:
        return block.of(z) + block.eta * self.gradient(game, z, block, noise), memory

    def _flow(self, game: DifferentiableGame, z: np.ndarray) -> np.ndarray:
        """The gradient flow ``dz/dt = xi(z)`` (step sizes do not enter)."""
        return game.field_unchecked(z)

    def closed_form_linearization(self, game: DifferentiableGame, point: np.ndarray
                                  ) -> np.ndarray:
        """``I + H J``.

        Parameters
        ----------
        game : DifferentiableGame
            The game being played.
        point : ndarray, shape (n,)
            A fixed point of the field (``xi(point) = 0``).

        Returns
        -------
        ndarray, shape (n, n)
            The Jacobian of the map on the method's state, with ``H`` the step-size matrix
            and ``J`` the game Jacobian at ``point``.
        """
        return np.eye(game.n) + self.step_size_matrix(game) @ game.jacobian(point)

    def stable_step_sizes_exact(self, eigenvalues: np.ndarray) -> list:
        """``|1 + eta lambda| < 1  <=>  0 < eta < -2 Re(lambda) / |lambda|^2`` for all lambda.

        Parameters
        ----------
        eigenvalues : array_like, shape (n,)
            Eigenvalues ``lambda`` of the game Jacobian at the fixed point.

        Returns
        -------
        list of (float, float)
            ``[(0, min(-2 Re(lambda) / |lambda|^2))]``, or ``[]`` when some
            ``Re(lambda) >= 0`` (no step size contracts).
        """
        eigenvalues = np.asarray(eigenvalues, dtype=complex)
        if eigenvalues.size == 0 or np.any(eigenvalues.real >= 0):
            return []
        return [(0.0, float(np.min(-2 * eigenvalues.real / np.abs(eigenvalues) ** 2)))]

    def explain(self, report: Any) -> str:
        omegas = _rotation_frequencies(report)
        eta = report.step_sizes
        if not (omegas and eta and eta[0] == eta[1]):
            return ""
        w = max(omegas)
        return (f" For an eigenvalue +-i*omega of J, simultaneous steps multiply by "
                f"1 + eta*i*omega, of modulus sqrt(1 + eta^2 omega^2) = "
                f"{np.sqrt(1 + (eta[0] * w) ** 2):.6g} > 1: every step overshoots the "
                "circle, so play spirals outward.")


@dataclass(frozen=True)
class Alternating(GradientDynamics):
    """Alternating (Gauss-Seidel) play of an update rule: one player moves, the other sees it.

    One round (``first=1``): player 1 makes ``k1`` updates of ``x`` with ``y`` fixed,
    then player 2 makes ``k2`` updates of ``y`` at the NEW ``x`` (``first=2``: player 2
    first). Each update is the rule's own (plain gradient, momentum, optimistic,
    extragradient, Adam, ...) restricted to that player's coordinates, with that
    player's step size and memory; a stochastic game draws a fresh minibatch per update.
    With the plain rule on ``v = x y`` (``x`` minimizes) and one update each,
    ``x+ = x - eta1 y``, ``y+ = y + eta2 x+``, and the quadratic form
    ``x^2 / eta1 + y^2 / eta2 - x y`` is conserved exactly: bounded rotation for
    ``eta1 eta2 < 4``. Linearization of the plain rule:
    ``(I + P2 H J)^k2 (I + P1 H J)^k1`` (``Pi`` the projector on player ``i``'s
    coordinates; the factors swap for ``first=2``); of other rules, derived exactly.

    Parameters
    ----------
    lr : float, pair, Schedule, callable, ndarray, or an update rule
        Step sizes ``(eta1, eta2)`` of plain gradient play, or the rule to alternate,
        e.g. ``Momentum(0.1, beta=-0.5)`` (it carries its own step sizes).
    k : int or pair of int
        Updates per round ``(k1, k2)`` of player 1 and player 2 (e.g. ``(1, 5)``: five
        discriminator updates per generator update, Goodfellow et al. 2014's k).
    first : {1, 2}
        The player who moves first in a round.
    steps : int or pair of int, optional
        Deprecated name of ``k`` (``steps`` counts rounds everywhere else).

    Raises
    ------
    TypeError
        If ``lr`` is itself an :class:`Alternating` (play orders do not nest).
    ValueError
        For ``k`` entries below 1 or ``first`` not in {1, 2}.

    References
    ----------
    Gidel, G. et al. (2019). Negative momentum for improved game dynamics. AISTATS,
    Section 3 (alternating updates, negative momentum). Bailey, J. P., Gidel, G. &
    Piliouras, G. (2020). Finite regret and cycles with fixed step-size via alternating
    gradient descent-ascent. COLT. Goodfellow, I. et al. (2014). Generative adversarial
    nets. NeurIPS, Algorithm 1.

    Examples
    --------
    >>> import gamedyn as gd
    >>> from gamedyn.dynamics import Alternating, Momentum
    >>> run = gd.simulate(gd.games.bilinear(), Alternating(0.5), [1.0, 0.0], 1)
    >>> run.final.tolist()       # x+ = 1 - 0.5 * 0, y+ = 0 + 0.5 * x+
    [1.0, 0.5]
    >>> Alternating(Momentum(0.1, beta=-0.5), k=(1, 5), first=2)
    Alternating(Momentum(lr=(0.1, 0.1), beta=-0.5), k=(1, 5), first=2)
    """

    k: Any = (1, 1)
    first: int = 1
    steps: Any = None
    rule: Any = field(default=None, init=False, repr=False)
    name: ClassVar[str] = "alternating"

    def __post_init__(self) -> None:
        if isinstance(self.lr, Alternating):
            raise TypeError("`lr` must be a step size or an update rule such as "
                            "Momentum(...); play orders do not nest (got an Alternating).")
        rule = self.lr if isinstance(self.lr, GradientDynamics) else Simultaneous(self.lr)
        object.__setattr__(self, "rule", rule)
        object.__setattr__(self, "lr", rule.lr)
        object.__setattr__(self, "_constant_rates", rule._constant_rates)
        if self.steps is not None:
            warnings.warn("`Alternating(steps=...)` is deprecated: the per-round update "
                          "counts are called `k=(k1, k2)` (`steps` counts rounds).",
                          DeprecationWarning, stacklevel=3)
            object.__setattr__(self, "k", self.steps)
            object.__setattr__(self, "steps", None)
        object.__setattr__(self, "k", per_player(self.k, "k", check_positive_int))
        if isinstance(self.first, bool) or self.first not in (1, 2):
            raise ValueError(f"`first` must be 1 or 2 (the player who moves first); "
                             f"got {self.first!r}.")

    def __repr__(self) -> str:
        if type(self.rule) is Simultaneous:
            rule = f"lr={self.rule.lr!r}"
        else:
            rule = repr(self.rule)
        return f"Alternating({rule}, k={self.k}, first={self.first})"

    def divergence_hint(self) -> str:
        return self.rule.divergence_hint()

    # (ClassVars of the base, properties here: a play order has its rule's)
    @property
    def linear_in_field(self) -> bool:  # type: ignore[override]
        """Whether the alternated rule is linear in the field (its linearization is exact)."""
        return self.rule.linear_in_field

    @property
    def differentiable_at_rest(self) -> bool:  # type: ignore[override]
        """Whether the alternated rule is differentiable at a fixed point."""
        return self.rule.differentiable_at_rest

    @property
    def field_evaluations_per_step(self) -> int:
        return (self.k[0] + self.k[1]) * self.rule.field_evaluations_per_step

    def with_lr(self, lr: Any) -> Alternating:
        return Alternating(self.rule.with_lr(lr), k=self.k, first=self.first)

    def for_batch(self, batch_shape: tuple[int, ...]) -> Alternating:
        rule = self.rule.for_batch(batch_shape)
        return self if rule is self.rule else Alternating(rule, k=self.k, first=self.first)

    def init(self, game: DifferentiableGame, z0: Any) -> DynamicsState:
        return self.rule.init(game, z0)

    def state_type(self) -> type:
        return self.rule.State

    def _round(self, game: DifferentiableGame, state: DynamicsState,
               rng: np.random.Generator | None = None) -> DynamicsState:
        """One round: ``k`` updates of the player who moves first, then of the other."""
        z, t = state[0], state[-1]
        memory, auxiliary = split_memory(state)
        rule = self.rule
        for player in (self.first, 3 - self.first):
            count = self.k[player - 1]
            for j in range(count):
                block = rule.block(game, player, t, t * count + j)
                noise = draw_noise(game, rng, z, auxiliary)
                values, memory = rule.update(game, z, memory, block, noise)
                auxiliary = advanced_auxiliary(noise, auxiliary)
                z = game.project(block.put(z, values))
        return rebuild_state(state, z, memory, auxiliary, t + 1)

    def closed_form_linearization(self, game: DifferentiableGame, point: np.ndarray
                                  ) -> np.ndarray | None:
        """``(I + P2 H J)^k2 (I + P1 H J)^k1`` for the plain rule (None for others).

        ``P1``, ``P2`` project on player 1's and player 2's coordinates (player 1 first;
        the factors swap when player 2 moves first).

        Parameters
        ----------
        game : DifferentiableGame
            The game being played.
        point : ndarray, shape (n,)
            A fixed point of the field (``xi(point) = 0``).

        Returns
        -------
        ndarray, shape (n, n), or None
            The Jacobian of the map on the method's state, with ``H`` the step-size matrix
            and ``J`` the game Jacobian at ``point``.
        """
        if _maths_owner(type(self.rule)) is not Simultaneous:
            return None
        n = game.n
        eye = np.eye(n)
        HJ = self.step_size_matrix(game) @ game.jacobian(point)
        player1 = np.zeros((n, n))
        player1[: game.n1, : game.n1] = np.eye(game.n1)
        moves = {1: np.linalg.matrix_power(eye + player1 @ HJ, self.k[0]),
                 2: np.linalg.matrix_power(eye + (eye - player1) @ HJ, self.k[1])}
        return moves[3 - self.first] @ moves[self.first]

    def explain(self, report: Any) -> str:
        if _maths_owner(type(self.rule)) is not Simultaneous:
            return self.rule.explain(report)
        return _alternating_rotation_sentence(self, report)


def _alternating_rotation_sentence(dynamics: Alternating, report: Any) -> str:
    """The exact condition for plain alternating steps on a pure rotation.

    On ``J = [[0, -A], [A^T, 0]]`` each singular value ``sigma`` of ``A`` decouples:
    ``k1`` updates of ``x`` with ``y`` fixed add up to ``x+ = x - k1 eta1 sigma y``, then
    ``y+ = y + k2 eta2 sigma x+``; the round's matrix has determinant 1 and trace
    ``2 - k1 k2 eta1 eta2 sigma^2``, so its eigenvalues lie on the unit circle iff
    ``sqrt(k1 k2 eta1 eta2) sigma <= 2`` (Mescheder et al. 2018, Sec. 2.3, for
    ``k = (1, 1)``), with a Jordan block (linear drift) at equality.
    """
    J = report.jacobian
    n1 = report.game.n1 if hasattr(report.game, "n1") else None
    eta = report.step_sizes
    if (n1 is None or J.shape != (report.game.n, report.game.n) or eta is None
            or np.ndim(eta[0]) or np.ndim(eta[1]) or getattr(report, "timescale", 1.0) != 1.0):
        return ""
    noise = report.tol * max(1.0, float(np.abs(J).max()))
    if (np.abs(J[:n1, :n1]).max() > noise or np.abs(J[n1:, n1:]).max() > noise
            or np.abs(J[:n1, n1:] + J[n1:, :n1].T).max() > noise):
        return ""  # not a pure rotation: the spectral radius above says it all
    sigma = float(np.linalg.norm(J[n1:, :n1], 2))
    if sigma <= noise:
        return ""
    k1, k2 = dynamics.k
    c = float(np.sqrt(k1 * k2 * float(eta[0]) * float(eta[1]))) * sigma
    text = (f" On a rotation of frequency sigma, alternating steps with k = ({k1}, {k2}) "
            f"and step sizes ({float(eta[0]):.4g}, {float(eta[1]):.4g}) form a "
            "symplectic (area-preserving) map with trace 2 - k1 k2 eta1 eta2 sigma^2: "
            "its eigenvalues stay on the unit circle iff sqrt(k1 k2 eta1 eta2) * sigma "
            f"<= 2; here sqrt(k1 k2 eta1 eta2) * sigma_max = {c:.6g}")
    if c < 2 - report.tol:
        return text + (", so play stays on a fixed ellipse around the equilibrium instead "
                       "of spiralling.")
    if c <= 2 + report.tol:
        return text + (": at the boundary the eigenvalue -1 is defective and iterates "
                       "drift away linearly.")
    return text + ", so the steps overshoot and play spirals outward."


@dataclass(frozen=True)
class Optimistic(GradientDynamics):
    """Optimistic gradient (OGDA): ``z_{t+1} = z_t + 2 eta xi(z_t) - eta xi(z_{t-1})``.

    The memory ``previous_field = xi(z_{t-1})`` starts as ``xi(z_0)``, so the first step
    is a simultaneous one. One field evaluation per update. Under :class:`Alternating`
    each player's memory is its own last partial field; the second mover's first update
    uses its block of ``xi(z_0)``, evaluated before the first mover moved. Converges on
    bilinear games for small ``eta``. Linearization on ``(z_t, z_{t-1})``:
    ``[[I + 2HJ, -HJ], [I, 0]]`` (gamedyn's state stores ``xi(z_{t-1})``, a linearly
    equivalent coordinate, so the spectra agree).

    Parameters
    ----------
    lr : float, pair, Schedule, callable or ndarray
        Step size ``eta`` (per player as ``(lr1, lr2)``; per run as an array); positive.

    References
    ----------
    Daskalakis, C., Ilyas, A., Syrgkanis, V. & Zeng, H. (2018). Training GANs with
    optimism. ICLR, eq. (2). Gidel, G., Berard, H., Vignoud, G., Vincent, P. &
    Lacoste-Julien, S. (2019). A variational inequality perspective on generative
    adversarial networks. ICLR, Section 3.

    Examples
    --------
    >>> import gamedyn as gd
    >>> run = gd.simulate(gd.games.bilinear(), gd.dynamics.Optimistic(0.5), [1.0, 0.0], 1)
    >>> run.final.tolist()       # the first step is a simultaneous one
    [1.0, 0.5]
    """

    State: ClassVar[type] = OptimisticState
    name: ClassVar[str] = "optimistic"

    def init_memory(self, game: DifferentiableGame, z: np.ndarray) -> tuple:
        return (np.array(game.field_unchecked(z)),)

    def update(self, game: DifferentiableGame, z: np.ndarray, memory: tuple, block: Block,
               noise: Any) -> tuple[np.ndarray, tuple]:
        (previous,) = memory
        gradient = self.gradient(game, z, block, noise)
        values = block.of(z) + block.eta * (2.0 * gradient - block.of(previous))
        return values, (block.put(previous, np.array(gradient)),)

    def explain(self, report: Any) -> str:
        return _LOOK_AHEAD if report.map_kind == "contracting" else ""


@dataclass(frozen=True)
class Extragradient(GradientDynamics):
    """Extragradient: ``z_half = z + eta xi(z)``, ``z_{t+1} = z + eta xi(z_half)``.

    Two field evaluations per update, on the same minibatch of a stochastic game (both
    points projected on constrained games). On ``v = x y`` each step multiplies
    ``x^2 + y^2`` by ``1 - eta^2 + eta^4 < 1``. Linearization ``I + HJ + HJ HJ``.

    Parameters
    ----------
    lr : float, pair, Schedule, callable or ndarray
        Step size ``eta`` (per player as ``(lr1, lr2)``; per run as an array); positive.

    References
    ----------
    Korpelevich, G. M. (1976). The extragradient method for finding saddle points and
    other problems. Ekonomika i Matematicheskie Metody 12, 747-756. Mokhtari, A.,
    Ozdaglar, A. & Pattathil, S. (2020). AISTATS (bilinear rates).

    Examples
    --------
    >>> import gamedyn as gd
    >>> run = gd.simulate(gd.games.bilinear(), gd.dynamics.Extragradient(0.5), [1.0, 0.0], 1)
    >>> run.final.tolist()       # z_half = (1, 0.5), z+ = (1 - 0.25, 0 + 0.5)
    [0.75, 0.5]
    """

    evaluations_per_update: ClassVar[int] = 2
    name: ClassVar[str] = "extragradient"

    def update(self, game: DifferentiableGame, z: np.ndarray, memory: tuple, block: Block,
               noise: Any) -> tuple[np.ndarray, tuple]:
        start = block.of(z)
        half = game.project(block.put(z, start + block.eta * self.gradient(game, z, block,
                                                                           noise)))
        return start + block.eta * self.gradient(game, half, block, noise), memory

    def closed_form_linearization(self, game: DifferentiableGame, point: np.ndarray
                                  ) -> np.ndarray:
        """``I + HJ + HJ HJ``.

        Parameters
        ----------
        game : DifferentiableGame
            The game being played.
        point : ndarray, shape (n,)
            A fixed point of the field (``xi(point) = 0``).

        Returns
        -------
        ndarray, shape (n, n)
            The Jacobian of the map on the method's state, with ``H`` the step-size matrix
            and ``J`` the game Jacobian at ``point``.
        """
        HJ = self.step_size_matrix(game) @ game.jacobian(point)
        return np.eye(game.n) + HJ + HJ @ HJ

    def explain(self, report: Any) -> str:
        return _LOOK_AHEAD if report.map_kind == "contracting" else ""


@dataclass(frozen=True)
class Momentum(GradientDynamics):
    """Heavy-ball momentum: ``z_{t+1} = z_t + eta xi(z_t) + beta (z_t - z_{t-1})``.

    ``previous_z`` starts as ``z_0``. Negative ``beta`` is allowed (and is what helps
    in games, with alternating updates: ``Alternating(Momentum(lr, beta=-0.5))``).
    Linearization on ``(z_t, z_{t-1})``: ``[[(1 + beta) I + HJ, -beta I], [I, 0]]``.

    Parameters
    ----------
    lr : float, pair, Schedule, callable or ndarray
        Step size ``eta`` (per player as ``(lr1, lr2)``; per run as an array); positive.
    beta : float
        Momentum coefficient, ``-1 < beta < 1``.

    Raises
    ------
    ValueError
        For ``beta`` outside ``(-1, 1)`` or a step size that is not positive.

    References
    ----------
    Polyak, B. T. (1964). Some methods of speeding up the convergence of iteration
    methods. Gidel, G. et al. (2019). Negative momentum for improved game dynamics.
    AISTATS, eq. (6).

    Examples
    --------
    >>> import gamedyn as gd
    >>> run = gd.simulate(gd.games.bilinear(), gd.dynamics.Momentum(0.5, beta=-0.5),
    ...                   [1.0, 0.0], 2)
    >>> run.states[1].tolist()   # z_0 = z_{-1}: the first step is a plain one
    [1.0, 0.5]
    """

    beta: float = -0.5
    State: ClassVar[type] = MomentumState
    name: ClassVar[str] = "momentum"

    def __post_init__(self) -> None:
        super().__post_init__()
        beta = as_real_array(self.beta, "beta", ndim=0)
        if not -1.0 < float(beta) < 1.0:
            raise ValueError(f"`beta` must lie in (-1, 1); got {self.beta}.")
        object.__setattr__(self, "beta", float(beta))

    def init_memory(self, game: DifferentiableGame, z: np.ndarray) -> tuple:
        return (z.copy(),)

    def update(self, game: DifferentiableGame, z: np.ndarray, memory: tuple, block: Block,
               noise: Any) -> tuple[np.ndarray, tuple]:
        (previous,) = memory
        current = block.of(z)
        values = (current + block.eta * self.gradient(game, z, block, noise)
                  + self.beta * (current - block.of(previous)))
        return values, (block.put(previous, current),)

    def closed_form_linearization(self, game: DifferentiableGame, point: np.ndarray
                                  ) -> np.ndarray:
        """``[[(1 + beta) I + HJ, -beta I], [I, 0]]`` on ``(z_t, z_{t-1})``.

        Parameters
        ----------
        game : DifferentiableGame
            The game being played.
        point : ndarray, shape (n,)
            A fixed point of the field (``xi(point) = 0``).

        Returns
        -------
        ndarray, shape (2 n, 2 n)
            The Jacobian of the map on the method's state, with ``H`` the step-size matrix
            and ``J`` the game Jacobian at ``point``.
        """
        n = game.n
        eye = np.eye(n)
        HJ = self.step_size_matrix(game) @ game.jacobian(point)
        return np.block([[(1 + self.beta) * eye + HJ, -self.beta * eye],
                         [eye, np.zeros((n, n))]])


@dataclass(frozen=True)
class Consensus(GradientDynamics):
    """Consensus optimization: ``z_{t+1} = z_t + eta (xi - gamma J^T xi)``.

    ``J^T xi = grad(|xi|^2 / 2)``: every player also descends the squared norm of the
    field, which damps the rotation. On ``v = x y``, ``x^2 + y^2`` is multiplied by
    ``(1 - eta gamma)^2 + eta^2`` per step. One field and one Jacobian evaluation per
    update, both on the update's minibatch for a stochastic game. Linearization
    ``I + H (J - gamma J^T J)``.

    Parameters
    ----------
    lr : float, pair, Schedule, callable or ndarray
        Step size ``eta`` (per player as ``(lr1, lr2)``; per run as an array); positive.
    gamma : float
        Weight of the consensus term, ``>= 0``.

    References
    ----------
    Mescheder, L., Nowozin, S. & Geiger, A. (2017). The numerics of GANs. NeurIPS,
    Algorithm 2 and eq. (9).

    Examples
    --------
    >>> import gamedyn as gd
    >>> run = gd.simulate(gd.games.bilinear(), gd.dynamics.Consensus(0.5, gamma=1.0),
    ...                   [1.0, 0.0], 1)
    >>> run.final.tolist()       # x^2 + y^2 times (1 - 0.5)^2 + 0.5^2 = 0.5
    [0.5, 0.5]
    """

    gamma: float = 1.0
    name: ClassVar[str] = "consensus"

    def __post_init__(self) -> None:
        super().__post_init__()
        object.__setattr__(self, "gamma", check_nonnegative(self.gamma, "gamma"))

    def _flow(self, game: DifferentiableGame, z: np.ndarray, noise: Any = None
                   ) -> np.ndarray:
        """The consensus flow ``dz/dt = xi - gamma J^T xi``."""
        field_ = game.field_unchecked(z, noise)
        return field_ - self.gamma * _transpose_times(_jacobian(game, z, noise), field_)

    def update(self, game: DifferentiableGame, z: np.ndarray, memory: tuple, block: Block,
               noise: Any) -> tuple[np.ndarray, tuple]:
        return block.of(z) + block.eta * block.of(self._flow(game, z, noise)), memory

    def closed_form_linearization(self, game: DifferentiableGame, point: np.ndarray
                                  ) -> np.ndarray:
        """``I + H (J - gamma J^T J)``.

        Parameters
        ----------
        game : DifferentiableGame
            The game being played.
        point : ndarray, shape (n,)
            A fixed point of the field (``xi(point) = 0``).

        Returns
        -------
        ndarray, shape (n, n)
            The Jacobian of the map on the method's state, with ``H`` the step-size matrix
            and ``J`` the game Jacobian at ``point``.
        """
        J = game.jacobian(point)
        return np.eye(game.n) + self.step_size_matrix(game) @ (J - self.gamma * J.T @ J)


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
    ones. On ``v = x y`` SGA equals consensus with ``gamma = lam``. At a fixed point the
    score is ``eps >= 0``, so ``lambda = +lam`` and the linearization is
    ``I + H (J + lam A J)``.

    Parameters
    ----------
    lr : float, pair, Schedule, callable or ndarray
        Step size ``eta`` (per player as ``(lr1, lr2)``; per run as an array); positive.
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

    Examples
    --------
    >>> import gamedyn as gd
    >>> run = gd.simulate(gd.games.bilinear(), gd.dynamics.SGA(0.5, lam=1.0), [1.0, 0.0], 1)
    >>> run.final.tolist()       # on v = x y, consensus with gamma = lam
    [0.5, 0.5]
    """

    lam: float = 1.0
    align: bool = True
    eps: float = 0.1
    name: ClassVar[str] = "sga"

    def __post_init__(self) -> None:
        super().__post_init__()
        object.__setattr__(self, "lam", check_nonnegative(self.lam, "lam"))
        object.__setattr__(self, "eps", check_positive(self.eps, "eps"))
        if not isinstance(self.align, bool):
            raise TypeError(f"`align` must be True or False; got {self.align!r}.")

    def _flow(self, game: DifferentiableGame, z: np.ndarray, noise: Any = None
                   ) -> np.ndarray:
        """The adjusted field ``xi - lambda A^T xi`` (with the aligned sign)."""
        field_ = game.field_unchecked(z, noise)
        jac = _jacobian(game, z, noise)
        antisymmetric = 0.5 * (jac - np.swapaxes(jac, -1, -2))
        adjustment = _transpose_times(antisymmetric, field_)
        lam: float | np.ndarray = self.lam
        if self.align:
            jt_field = _transpose_times(jac, field_)
            score = (-np.sum(field_ * jt_field, axis=-1)
                     * np.sum(adjustment * jt_field, axis=-1) / game.n + self.eps)
            lam = np.where(score >= 0, self.lam, -self.lam)[..., None]
        return field_ - lam * adjustment

    def update(self, game: DifferentiableGame, z: np.ndarray, memory: tuple, block: Block,
               noise: Any) -> tuple[np.ndarray, tuple]:
        return block.of(z) + block.eta * block.of(self._flow(game, z, noise)), memory

    def closed_form_linearization(self, game: DifferentiableGame, point: np.ndarray
                                  ) -> np.ndarray:
        """``I + H (J + lam A J)``: at a fixed point the aligned sign is ``+``.

        ``A = (J - J^T) / 2`` is the antisymmetric part of the game Jacobian.

        Parameters
        ----------
        game : DifferentiableGame
            The game being played.
        point : ndarray, shape (n,)
            A fixed point of the field (``xi(point) = 0``).

        Returns
        -------
        ndarray, shape (n, n)
            The Jacobian of the map on the method's state, with ``H`` the step-size matrix
            and ``J`` the game Jacobian at ``point``.
        """
        J = game.jacobian(point)
        antisymmetric = 0.5 * (J - J.T)
        return np.eye(game.n) + self.step_size_matrix(game) @ (J + self.lam * antisymmetric @ J)


@dataclass(frozen=True)
class Adam(GradientDynamics):
    """Adam ascent on each player's own payoff (one element-wise Adam per coordinate).

    With ``g = xi(z_t)`` (each player's gradient of its own payoff):
    ``m = b1 m + (1 - b1) g``, ``v = b2 v + (1 - b2) g^2``,
    ``z_{t+1} = z_t + eta * m_hat / (sqrt(v_hat) + eps)`` with the bias corrections
    ``m_hat = m / (1 - b1^c)``, ``v_hat = v / (1 - b2^c)``, ``c`` the number of updates
    of that coordinate so far including this one (``t + 1`` under simultaneous play).
    The first step is ``eta * g / (|g| + eps)``, about ``eta * sign(g)``. The only Adam
    in gamedyn; GANs conventionally use ``betas=(0.5, 0.999)`` (Radford et al. 2016),
    which :func:`gamedyn.gan.train` documents as its default. A moment that overflows
    ends the run as diverged. Not differentiable at rest (``v = 0``), so it has no
    linearization at a fixed point (:meth:`linearization` raises ``TypeError``).

    Parameters
    ----------
    lr : float, pair, Schedule, callable or ndarray
        Step size ``eta`` (per player as ``(lr1, lr2)``; per run as an array); positive.
    betas : pair of float
        ``(b1, b2)`` in ``[0, 1)``.
    eps : float
        Positive constant in the denominator.

    References
    ----------
    Kingma, D. P. & Ba, J. (2015). Adam: a method for stochastic optimization. ICLR,
    Algorithm 1. Radford, A., Metz, L. & Chintala, S. (2016). Unsupervised
    representation learning with deep convolutional GANs. ICLR, Section 4.

    Examples
    --------
    >>> import gamedyn as gd
    >>> run = gd.simulate(gd.games.bilinear(), gd.dynamics.Adam(0.1), [1.0, 0.0], 1)
    >>> run.final.round(6).tolist()     # about eta * sign(g) on y
    [1.0, 0.1]
    """

    betas: tuple[float, float] = (0.9, 0.999)
    eps: float = 1e-8
    State: ClassVar[type] = AdamState
    linear_in_field: ClassVar[bool] = False
    differentiable_at_rest: ClassVar[bool] = False
    name: ClassVar[str] = "adam"

    def __post_init__(self) -> None:
        super().__post_init__()
        betas = as_real_array(self.betas, "betas", ndim=1)
        if betas.shape != (2,) or np.any(betas < 0) or np.any(betas >= 1):
            raise ValueError(f"`betas` must be a pair (b1, b2) in [0, 1); got {self.betas!r}.")
        object.__setattr__(self, "betas", (float(betas[0]), float(betas[1])))
        object.__setattr__(self, "eps", check_positive(self.eps, "eps"))

    def init_memory(self, game: DifferentiableGame, z: np.ndarray) -> tuple:
        return (np.zeros_like(z), np.zeros_like(z))

    def update(self, game: DifferentiableGame, z: np.ndarray, memory: tuple, block: Block,
               noise: Any) -> tuple[np.ndarray, tuple]:
        b1, b2 = self.betas
        first, second = memory
        grad = self.gradient(game, z, block, noise)
        new_first = b1 * block.of(first) + (1.0 - b1) * grad
        new_second = b2 * block.of(second) + (1.0 - b2) * grad * grad
        count = block.count + 1
        m_hat = new_first / (1.0 - b1**count)
        # sqrt(v_hat) as sqrt(v) / sqrt(1 - b2^c): v / (1 - b2^c) overflows long before v
        # does, and an infinite v_hat would freeze the state (a step of 0) and pass for
        # convergence; this way only a truly non-finite moment stops the run (diverged)
        root = np.sqrt(new_second) / np.sqrt(1.0 - b2**count)
        values = block.of(z) + block.eta * m_hat / (root + self.eps)
        return values, (block.put(first, new_first), block.put(second, new_second))


@dataclass(frozen=True)
class RMSProp(GradientDynamics):
    """RMSProp ascent: ``v = rho v + (1 - rho) g^2``, ``z_{t+1} = z_t + eta g / (sqrt(v) + eps)``.

    ``g = xi(z_t)``, element-wise per coordinate; ``v`` starts at zero (no bias
    correction), so the first step is ``eta g / (sqrt(1 - rho) |g| + eps)``. Not
    differentiable at rest, so it has no linearization at a fixed point
    (:meth:`linearization` raises ``TypeError``).

    Parameters
    ----------
    lr : float, pair, Schedule, callable or ndarray
        Step size ``eta`` (per player as ``(lr1, lr2)``; per run as an array); positive.
    rho : float
        Decay of the running mean square, in ``[0, 1)``.
    eps : float
        Positive constant in the denominator.

    References
    ----------
    Tieleman, T. & Hinton, G. (2012). Lecture 6.5 - rmsprop: divide the gradient by a
    running average of its recent magnitude. COURSERA: Neural Networks for Machine
    Learning.

    Examples
    --------
    >>> import gamedyn as gd
    >>> run = gd.simulate(gd.games.bilinear(), gd.dynamics.RMSProp(0.1, rho=0.75),
    ...                   [1.0, 0.0], 1)
    >>> run.final.round(6).tolist()     # y + 0.1 * 1 / (sqrt(0.25) * 1)
    [1.0, 0.2]
    """

    rho: float = 0.9
    eps: float = 1e-8
    State: ClassVar[type] = RMSPropState
    linear_in_field: ClassVar[bool] = False
    differentiable_at_rest: ClassVar[bool] = False
    name: ClassVar[str] = "rmsprop"

    def __post_init__(self) -> None:
        super().__post_init__()
        rho = float(as_real_array(self.rho, "rho", ndim=0))
        if not 0.0 <= rho < 1.0:
            raise ValueError(f"`rho` must lie in [0, 1); got {self.rho}.")
        object.__setattr__(self, "rho", rho)
        object.__setattr__(self, "eps", check_positive(self.eps, "eps"))

    def init_memory(self, game: DifferentiableGame, z: np.ndarray) -> tuple:
        return (np.zeros_like(z),)

    def update(self, game: DifferentiableGame, z: np.ndarray, memory: tuple, block: Block,
               noise: Any) -> tuple[np.ndarray, tuple]:
        (second,) = memory
        grad = self.gradient(game, z, block, noise)
        new_second = self.rho * block.of(second) + (1.0 - self.rho) * grad * grad
        values = block.of(z) + block.eta * grad / (np.sqrt(new_second) + self.eps)
        return values, (block.put(second, new_second),)


_SINGULAR = ("ProximalPoint: the implicit step's matrix I - eta J is singular (eta times "
             "an eigenvalue of the moving player's Jacobian block equals 1), so the step "
             "is not defined; change `lr`.")
_UNSOLVED = ("ProximalPoint: Newton's method did not solve the implicit step "
             "w = z + eta xi(w): after {} iterations the residual was not halved or was not "
             "below half the step (it may have no solution at this step size); lower `lr` "
             "or raise `newton_steps`.")


def _solve(matrix: np.ndarray, residual: np.ndarray) -> np.ndarray:
    """``matrix^{-1} residual`` for batches ``(*batch, k, k)``, ``(*batch, k)``.

    A run whose matrix is singular gets NaN and is reported
    (:func:`~gamedyn.dynamics.base.report_failure`), so :func:`~gamedyn.simulate` ends it
    with the status ``FAILED``; the other runs are solved as usual.
    """
    try:
        return np.linalg.solve(matrix, residual[..., None])[..., 0]
    except np.linalg.LinAlgError:
        pass
    k = matrix.shape[-1]
    flat_matrix = matrix.reshape(-1, k, k)
    flat_residual = residual.reshape(-1, k)
    out = np.full(flat_residual.shape, np.nan)
    singular = np.zeros(len(flat_residual), dtype=bool)
    for row in range(len(flat_residual)):  # the rare path: find the singular runs
        try:
            out[row] = np.linalg.solve(flat_matrix[row], flat_residual[row])
        except np.linalg.LinAlgError:
            singular[row] = True
    report_failure(singular.reshape(residual.shape[:-1]), _SINGULAR)
    return out.reshape(residual.shape)


@dataclass(frozen=True)
class ProximalPoint(GradientDynamics):
    """The (implicit) proximal point method: ``z_{t+1} = z_t + eta xi(z_{t+1})``.

    The implicit equation ``w - z - eta xi(w) = 0`` is solved by Newton's method with the
    game Jacobian, ``w <- w - (I - eta J(w))^{-1} (w - z - eta xi(w))``, from ``w = z``,
    until the residual is below ``tol * (1 + |z|)`` (under alternating play, for the moving
    player's coordinates only, with its block of ``J``). After ``newton_steps`` iterations
    the iterate ``w`` is accepted as an inexact step if Newton at least halved the residual
    and the residual is at most half the step ``|w - z|`` (the relative error criterion of
    Solodov & Svaiter 1999); a run where it is not (the implicit equation may have no
    solution at this step size), or
    whose Newton matrix is singular, ends with the status ``FAILED`` and a message
    (:func:`~gamedyn.simulate`). For a linear field (bilinear games) one Newton step is
    exact: ``z_{t+1} = (I - eta J)^{-1} z_t``, which on ``v = x y`` divides ``x^2 + y^2`` by
    ``1 + eta^2``. Its linearization is ``(I - H J)^{-1}``; with a common step size it
    contracts iff ``|1 - eta lambda| > 1`` for every eigenvalue, i.e. for every ``eta > 0``
    when all ``Re(lambda) <= 0`` (``lambda != 0``), else for ``eta > 2 Re(lambda) /
    |lambda|^2``. On a constrained game the solution is projected afterwards (an
    approximation of the constrained proximal step).

    Parameters
    ----------
    lr : float, pair, Schedule, callable or ndarray
        Step size ``eta`` (per player as ``(lr1, lr2)``; per run as an array); positive.
    newton_steps : int
        Maximum Newton iterations per update.
    tol : float
        Residual tolerance of the implicit equation.

    References
    ----------
    Rockafellar, R. T. (1976). Monotone operators and the proximal point algorithm.
    SIAM J. Control Optim. 14(5). Mokhtari, A., Ozdaglar, A. & Pattathil, S. (2020).
    A unified analysis of extra-gradient and optimistic gradient methods for saddle
    point problems: proximal point approach. AISTATS.

    Examples
    --------
    >>> import gamedyn as gd
    >>> run = gd.simulate(gd.games.bilinear(), gd.dynamics.ProximalPoint(1.0), [1.0, 0.0], 1)
    >>> run.final.round(12).tolist()    # (I - eta J)^{-1} z: x^2 + y^2 halved
    [0.5, 0.5]
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

    def update(self, game: DifferentiableGame, z: np.ndarray, memory: tuple, block: Block,
               noise: Any) -> tuple[np.ndarray, tuple]:
        start = block.of(z)
        eta = np.broadcast_to(block.eta, start.shape)
        identity = np.eye(start.shape[-1])
        scale = self.tol * (1.0 + np.abs(z).max(axis=-1))
        w = z
        for iteration in range(self.newton_steps + 1):
            residual = block.of(w) - start - eta * self.gradient(game, w, block, noise)
            size = np.abs(residual).max(axis=-1)
            if iteration == 0:
                initial = size
            solved = size <= scale  # False for NaN too
            if np.all(solved):
                break
            if iteration == self.newton_steps:
                # out of iterations: an inexact step is accepted when Newton at least
                # halved the residual (a few Newton steps as an approximate proximal
                # step); a run where it made no progress has no step (there may be no
                # solution at this step size) and fails
                # an unsolved step that does not move is a stall, not convergence
                # an inexact step is accepted only under a relative error criterion,
                # |residual| <= |w - z| / 2 (Solodov & Svaiter 1999): Newton may also jump
                # far where the implicit equation has no solution, and such a "step" is
                # mostly residual
                moved = np.abs(block.of(w) - start).max(axis=-1)
                stalled = moved <= scale
                failed = ~solved & (~(size <= 0.5 * initial) | stalled | ~(size <= 0.5 * moved))
                if np.any(failed):
                    report_failure(failed, _UNSOLVED.format(self.newton_steps))
                    return np.where(failed[..., None], np.nan, block.of(w)), memory
                return block.of(w), memory  # the iterate just checked, not one more step
            jac = _jacobian(game, w, noise)[..., block.index, block.index]
            matrix = identity - eta[..., :, None] * jac
            w = block.put(z, block.of(w) - _solve(matrix, residual))
        return block.of(w), memory

    def closed_form_linearization(self, game: DifferentiableGame, point: np.ndarray
                                  ) -> np.ndarray:
        """``(I - H J)^{-1}``.

        Parameters
        ----------
        game : DifferentiableGame
            The game being played.
        point : ndarray, shape (n,)
            A fixed point of the field (``xi(point) = 0``).

        Returns
        -------
        ndarray, shape (n, n)
            The Jacobian of the map on the method's state, with ``H`` the step-size matrix
            and ``J`` the game Jacobian at ``point``.
        """
        return np.linalg.inv(np.eye(game.n) - self.step_size_matrix(game) @ game.jacobian(point))

    def stable_step_sizes_exact(self, eigenvalues: np.ndarray) -> list:
        """``|1 / (1 - eta lambda)| < 1`` for all lambda (see the class docstring).

        Parameters
        ----------
        eigenvalues : array_like, shape (n,)
            Eigenvalues ``lambda`` of the game Jacobian at the fixed point.

        Returns
        -------
        list of (float, float)
            ``[(low, inf)]``: ``low = 0`` when all ``Re(lambda) <= 0``, else
            ``low = max(2 Re(lambda) / |lambda|^2)`` over ``Re(lambda) > 0``; ``[]`` for a
            zero eigenvalue or an empty spectrum.
        """
        eigenvalues = np.asarray(eigenvalues, dtype=complex)
        if eigenvalues.size == 0 or np.any(np.abs(eigenvalues) == 0):
            return []
        growing = eigenvalues[eigenvalues.real > 0]
        low = float(np.max(2 * growing.real / np.abs(growing) ** 2)) if growing.size else 0.0
        return [(low, np.inf)]

