"""The generalized methods of the bilinear-game literature, with exact linearizations.

Both are update rules (they compose with :class:`~gamedyn.dynamics.Alternating`) whose
second coefficient is a dimensionless ratio to the step size, so per-player step sizes,
schedules and ``with_lr`` keep working: for step sizes ``H = diag(eta1, eta2)``,

- :class:`GeneralizedExtragradient`: ``z_half = z + c H xi(z)``,
  ``z_{t+1} = z + H xi(z_half)`` (extrapolation step ``c eta``, update step ``eta``);
- :class:`GeneralizedOptimistic`: ``z_{t+1} = z_t + (1 + c) H xi(z_t) - c H xi(z_{t-1})``
  (Mokhtari et al.'s ``alpha = eta``, ``beta = c eta``).

``c = 1`` gives :class:`~gamedyn.dynamics.Extragradient` and
:class:`~gamedyn.dynamics.Optimistic`. Convention: players maximize,
``xi = (grad_x u1, grad_y u2)``, ``J = d xi / dz``.

References
----------
Zhang, G. & Yu, Y. (2020). Convergence of gradient methods on bilinear zero-sum games.
ICLR (generalized EG and OGD, Jacobi and Gauss-Seidel). Mokhtari, A., Ozdaglar, A. &
Pattathil, S. (2020). A unified analysis of extra-gradient and optimistic gradient
methods for saddle point problems: proximal point approach. AISTATS, Sec. 5
(generalized OGDA).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np

from gamedyn._validation import check_nonnegative, check_positive, per_player
from gamedyn.dynamics.base import Block, GradientDynamics
from gamedyn.dynamics.gradient import _LOOK_AHEAD, OptimisticState
from gamedyn.games.differentiable import DifferentiableGame

__all__ = ["GeneralizedExtragradient", "GeneralizedOptimistic"]


@dataclass(frozen=True)
class GeneralizedExtragradient(GradientDynamics):
    """Extragradient with its own extrapolation step: ``c eta`` out, ``eta`` back.

    ``z_half = z + c H xi(z)``, ``z_{t+1} = z + H xi(z_half)``; two field evaluations
    per update on the same minibatch. Linearization ``I + HJ + c (HJ)^2``. On an
    eigenvalue ``i sigma`` of ``J`` (common step size) it multiplies by
    ``1 - c eta^2 sigma^2 + i eta sigma``, of squared modulus
    ``(1 - c eta^2 sigma^2)^2 + eta^2 sigma^2``.

    Parameters
    ----------
    lr : float, pair, Schedule, callable or ndarray
        The update step ``eta`` (per player as ``(eta1, eta2)``).
    extrapolation : float
        ``c > 0``: the extrapolation step is ``c * eta`` (``c = gamma / alpha`` in the
        ``(alpha, gamma)`` notation of Zhang & Yu 2020).

    References
    ----------
    Korpelevich, G. M. (1976). The extragradient method for finding saddle points and
    other problems. Zhang, G. & Yu, Y. (2020). ICLR, Sec. 3 (EG with separate steps).

    Examples
    --------
    >>> import gamedyn as gd
    >>> from gamedyn.dynamics import GeneralizedExtragradient
    >>> run = gd.simulate(gd.games.bilinear(), GeneralizedExtragradient(0.5, extrapolation=2.0),
    ...                   [1.0, 0.0], 1)
    >>> run.final.tolist()    # z_half = (1, 1); z+ = (1 - 0.5 * 1, 0 + 0.5 * 1)
    [0.5, 0.5]
    """

    extrapolation: float = 1.0
    evaluations_per_update: ClassVar[int] = 2
    name: ClassVar[str] = "generalized_extragradient"

    def __post_init__(self) -> None:
        super().__post_init__()
        object.__setattr__(self, "extrapolation",
                           check_positive(self.extrapolation, "extrapolation"))

    def update(self, game: DifferentiableGame, z: np.ndarray, memory: tuple, block: Block,
               noise: Any) -> tuple[np.ndarray, tuple]:
        start = block.of(z)
        look = start + self.extrapolation * block.eta * self.gradient(game, z, block, noise)
        half = game.project(block.put(z, look))
        return start + block.eta * self.gradient(game, half, block, noise), memory

    def closed_form_linearization(self, game: DifferentiableGame, point: np.ndarray
                                  ) -> np.ndarray:
        """``I + HJ + c (HJ)^2``.

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
        return np.eye(game.n) + HJ + self.extrapolation * HJ @ HJ

    def explain(self, report: Any) -> str:
        return _LOOK_AHEAD if report.map_kind == "contracting" else ""


@dataclass(frozen=True)
class GeneralizedOptimistic(GradientDynamics):
    """Optimistic gradient with separate coefficients on the present and past field.

    ``z_{t+1} = z_t + (1 + c) H xi(z_t) - c H xi(z_{t-1})``; the memory
    ``previous_field`` starts as ``xi(z_0)`` (the first step is a plain one). One field
    evaluation per update. Linearization on ``(z_t, z_{t-1})``:
    ``[[I + (1 + c) HJ, -c HJ], [I, 0]]``; on an eigenvalue ``lambda`` of ``J`` (common
    step size) its eigenvalues are the roots of
    ``mu^2 - (1 + (1 + c) eta lambda) mu + c eta lambda = 0``.

    Parameters
    ----------
    lr : float, pair, Schedule, callable or ndarray
        ``eta`` (Mokhtari et al.'s ``alpha``).
    optimism : float or pair of floats
        ``c >= 0``: the weight of the correction ``xi(z_t) - xi(z_{t-1})`` relative to
        ``eta`` (Mokhtari et al.'s ``beta / alpha``; ``c = 0`` is plain simultaneous play).
        A pair ``(c1, c2)`` gives each player its own coefficient (Zhang & Yu's
        ``alpha_i = (1 + c_i) eta_i``, ``beta_i = c_i eta_i``); then ``C = diag(c1 I, c2 I)``
        replaces ``c`` in the update ``z_{t+1} = z_t + H (I + C) xi(z_t) - H C xi(z_{t-1})``.

    Raises
    ------
    ValueError
        If a coefficient is negative or not finite, or ``optimism`` is not one number
        or two.

    References
    ----------
    Mokhtari, A., Ozdaglar, A. & Pattathil, S. (2020). AISTATS, Sec. 5, generalized
    OGDA. Zhang, G. & Yu, Y. (2020). ICLR, Sec. 3 (OGD with separate coefficients).

    Examples
    --------
    >>> import gamedyn as gd
    >>> from gamedyn.dynamics import GeneralizedOptimistic
    >>> run = gd.simulate(gd.games.bilinear(), GeneralizedOptimistic(0.5, optimism=3.0),
    ...                   [1.0, 0.0], 1)
    >>> run.final.tolist()    # first step: xi(z_{-1}) = xi(z_0) = (0, 1)
    [1.0, 0.5]
    """

    optimism: float | tuple[float, float] = 1.0
    State: ClassVar[type] = OptimisticState
    name: ClassVar[str] = "generalized_optimistic"

    def __post_init__(self) -> None:
        super().__post_init__()
        if isinstance(self.optimism, (tuple, list, np.ndarray)):  # one per player
            pair = per_player(self.optimism, "optimism", check_nonnegative)
            object.__setattr__(self, "optimism", (float(pair[0]), float(pair[1])))
        else:
            object.__setattr__(self, "optimism", check_nonnegative(self.optimism,
                                                                    "optimism"))

    def _coefficients(self) -> tuple[float, float]:
        """``(c1, c2)``."""
        c = self.optimism
        return (c, c) if isinstance(c, float) else c

    def _block_coefficient(self, game: DifferentiableGame, block: Block) -> Any:
        """The coefficient of the block's coordinates: a float, or ``(n,)`` in
        simultaneous play when the players' coefficients differ."""
        c1, c2 = self._coefficients()
        if block.player is not None:
            return c1 if block.player == 1 else c2
        if c1 == c2:
            return c1
        return np.concatenate([np.full(game.n1, c1), np.full(game.n2, c2)])

    def init_memory(self, game: DifferentiableGame, z: np.ndarray) -> tuple:
        return (np.array(game.field_unchecked(z)),)

    def update(self, game: DifferentiableGame, z: np.ndarray, memory: tuple, block: Block,
               noise: Any) -> tuple[np.ndarray, tuple]:
        (previous,) = memory
        gradient = self.gradient(game, z, block, noise)
        c = self._block_coefficient(game, block)
        values = block.of(z) + block.eta * ((1.0 + c) * gradient - c * block.of(previous))
        return values, (block.put(previous, np.array(gradient)),)

    def closed_form_linearization(self, game: DifferentiableGame, point: np.ndarray
                                  ) -> np.ndarray:
        """Return ``[[I + H (I + C) J, -H C], [J, 0]]`` on ``(z_t, xi(z_{t-1}))``.

        ``C = diag(c1 I_{n1}, c2 I_{n2})``. Similar to ``[[I + H (I + C) J, -H C J], [I, 0]]``
        on ``(z_t, z_{t-1})`` when ``J`` is invertible (the memory is ``J z_{t-1}`` to first
        order), so the spectra agree.

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
        H = self.step_size_matrix(game)
        J = game.jacobian(point)
        c1, c2 = self._coefficients()
        C = np.diag(np.concatenate([np.full(game.n1, c1), np.full(game.n2, c2)]))
        HC = H @ C
        return np.block([[np.eye(n) + (H + HC) @ J, -HC], [J, np.zeros((n, n))]])

    def explain(self, report: Any) -> str:
        return _LOOK_AHEAD if report.map_kind == "contracting" else ""
