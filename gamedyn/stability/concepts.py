"""Local solution concepts of a differentiable game at a point: the game-theoretic verdicts.

Convention: every player maximizes its own payoff, ``xi = (grad_x u1, grad_y u2)`` and
``J = d xi / dz = [[J11, J12], [J21, J22]]``. The second-order blocks each player needs
are blocks of ``J`` or of player 1's payoff Hessian:

- ``J11 = d^2 u1 / dx^2`` and ``J22 = d^2 u2 / dy^2`` (each player's own block),
- ``J12 = d^2 u1 / dx dy`` (player 1's cross block), ``J21 = d^2 u2 / dy dx``,
- ``d^2 u1 / dy^2`` (player 1's payoff curved in the follower's variable), needed only
  for a general-sum Stackelberg verdict: from the sympy form when the game has one,
  else by nested Richardson differences of ``payoff1`` (error about 1e-7 relative,
  reported as ``hessian_error``).

Verdicts are three-valued: ``True`` when the second-order *sufficient* condition holds
(strict: a zero eigenvalue fails it), ``False`` when a *necessary* condition fails (some
player, or the leader, gains by a small deviation), and ``None`` when neither: the
second-order test is inconclusive (semidefinite blocks, e.g. ``v = x y`` at 0, where each
player's payoff is flat in its own variable and the point is a non-strict Nash point).

- **local (differential) Nash** (Ratliff, Burden & Sastry 2013, Def. 2 and Prop. 2;
  2016, Thm. 1): True iff ``xi = 0`` and ``J11`` and ``J22`` are negative definite (each
  player at a strict local maximum of its own payoff with the other's strategy fixed);
  False if ``xi != 0`` or ``J11`` or ``J22`` has a positive eigenvalue (the necessary
  condition, negative semidefinite own blocks, fails); None otherwise;
- **strict local minimax** (zero-sum ``u1 = -v``, ``u2 = v``; Jin, Netrapalli & Jordan
  2020, Prop. 19 (necessary) and Prop. 20 / Def. 15 (sufficient)): True iff ``xi = 0``,
  ``v_yy = J22`` negative definite and the Schur complement
  ``v_xx - v_xy v_yy^{-1} v_yx = -(J11 - J12 J22^{-1} J21)`` positive definite
  (``v_xy = -J12 = J21^T``); False if ``xi != 0``, ``v_yy`` has a positive eigenvalue,
  or ``v_yy`` is negative definite and the Schur complement has a negative eigenvalue;
  None otherwise;
- **differential Stackelberg, player 1 leading** (Fiez, Chasnov & Ratliff 2020,
  Def. 4): the follower's first- and second-order conditions (``grad_y u2 = 0``,
  ``J22`` negative definite) define its best response ``r(x)`` with
  ``R = dr/dx = -J22^{-1} J21``; the leader's total derivative
  ``grad_x u1 + R^T grad_y u1`` vanishes and its total Hessian along ``r`` is negative
  definite. When ``grad_y u1 = 0`` that Hessian is
  ``H11 + H12 R + R^T H21 + R^T H22 R`` with ``H`` player 1's payoff Hessian; otherwise
  the curvature of ``r`` enters too and the total Hessian of ``x -> u1(x, r(x))`` is
  taken by finite differences (``r`` by Newton's method). False when a first-order
  condition fails, ``J22`` has a positive eigenvalue or the total Hessian a positive
  one; None when a block is only semidefinite. For zero-sum games it coincides with
  strict local minimax.

Examples
--------
>>> import gamedyn as gd
>>> rep = gd.stability.analyze(gd.games.bilinear(), [0.0, 0.0])   # v = a b
>>> rep.local_nash is None, rep.concepts.own_eigenvalues   # flat: inconclusive, not False
(True, (array([0.]), array([0.])))
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

__all__ = ["LocalConcepts", "local_concepts", "is_zero_sum"]


@dataclass(frozen=True)
class LocalConcepts:
    """The verdicts at one point (None where a concept does not apply).

    Parameters
    ----------
    local_nash : bool or None
        True: strict local (differential) Nash equilibrium (each player's own block
        negative definite); False: not a local Nash point (a player gains by a small
        deviation); None: the second-order test is inconclusive (module docstring).
    local_minimax : bool or None
        Strict local minimax point (zero-sum games only; None for general-sum games
        and where the test is inconclusive).
    stackelberg : bool or None
        Differential Stackelberg equilibrium with player 1 leading (None where the test
        is inconclusive).
    zero_sum : bool
        Whether ``u1 + u2`` is constant.
    own_eigenvalues : tuple of ndarray
        ``(eig J11, eig J22)`` of the symmetric parts of the players' own blocks, ascending.
    schur_eigenvalues : ndarray or None
        Eigenvalues of the leader's total Hessian along the follower's best response
        (the Schur complement), ascending.
    hessian_error : float
        Estimated error of the blocks (0 for exact Jacobians).

    Examples
    --------
    >>> import gamedyn as gd
    >>> concepts = gd.stability.analyze(gd.games.dirac_gan(r1=1.0), [0, 0]).concepts
    >>> concepts.local_nash, concepts.stackelberg  # G's payoff is flat in G at psi = 0
    (None, True)
    """

    local_nash: bool | None
    local_minimax: bool | None
    stackelberg: bool | None
    zero_sum: bool
    own_eigenvalues: tuple  # (eig J11, eig J22), ascending
    schur_eigenvalues: np.ndarray | None  # leader's total Hessian along r(x), ascending
    hessian_error: float


def _sym_eigs(block: np.ndarray) -> np.ndarray:
    return np.linalg.eigvalsh(0.5 * (block + block.T)) if block.size else np.zeros(0)


def is_zero_sum(game: Any, point: np.ndarray) -> bool:
    """Whether ``u1 + u2`` is constant (exactly for sympy games whose sum cancels as
    written, e.g. ``from_sympy(v, ...)``; numerically otherwise).

    Numerically: ``u1 + u2`` is compared at the point and at ``2 n + 2`` fixed probes at
    distances ``1e-2`` and ``1`` (times ``1 + |point|``), to ``1e-9`` of the payoffs' size.
    """
    symbolic = getattr(game, "symbolic", None)
    if symbolic is not None:
        total = symbolic.payoffs[0] + symbolic.payoffs[1]  # sympy cancels -v + v itself
        if not (total.free_symbols & set(symbolic.variables)):
            return True
    n = point.size
    directions = np.vstack([np.eye(n), -np.eye(n), np.ones((1, n)),
                            ((-1.0) ** np.arange(n))[None, :]])
    scale = 1.0 + np.abs(point).max()
    probes = np.vstack([point[None, :] + h * scale * directions for h in (1e-2, 1.0)]
                       + [point[None, :]])
    if game.domain is not None:
        probes = probes[[bool(game.domain.contains(p, tol=0.0)) for p in probes]]
    with np.errstate(all="ignore"):
        u1, u2 = game.payoffs(probes)
    total = u1 + u2
    if not np.all(np.isfinite(total)):
        return False
    size = max(1.0, float(np.abs(u1).max()), float(np.abs(u2).max()))
    return bool(np.ptp(total) <= 1e-9 * size)


def _player1_hessian_yy(game: Any, point: np.ndarray) -> tuple[np.ndarray, float]:
    """``d^2 u1 / dy^2`` at the point and its estimated error."""
    n1 = game.n1
    symbolic = getattr(game, "symbolic", None)
    if symbolic is not None:
        import sympy

        u1 = symbolic.payoffs[0].subs({k: float(v) for k, v in symbolic.parameters.items()})
        hessian = sympy.hessian(u1, symbolic.y)
        values = hessian.subs(dict(zip(symbolic.variables, map(float, point))))
        return np.array(values.evalf(), dtype=float), 0.0
    from gamedyn.games.differentiable import numeric_gradient, numeric_jacobian

    x = point[:n1]

    def u1_of_y(y: np.ndarray) -> np.ndarray:
        z = np.concatenate([np.broadcast_to(x, y.shape[:-1] + x.shape), y], axis=-1)
        return game.payoffs(z)[0]

    def gradient(y: np.ndarray) -> np.ndarray:
        return numeric_gradient(u1_of_y, y)

    y = point[n1:]
    hessian = numeric_jacobian(gradient, y)
    # the error estimate: the same derivative from a shifted evaluation point
    other = numeric_jacobian(gradient, y * (1 + 1e-7) + 1e-9)
    return 0.5 * (hessian + hessian.T), float(np.abs(other - hessian).max())


def _best_response(game: Any, x: np.ndarray, y0: np.ndarray) -> np.ndarray:
    """Follower's local best response ``r(x)``: Newton on ``grad_y u2(x, y) = 0`` from y0."""
    n1 = game.n1
    y = y0.copy()
    for _ in range(50):
        z = np.concatenate([x, y])
        residual = game.field(z)[n1:]
        J = game.jacobian(z)
        delta = np.linalg.solve(J[n1:, n1:], residual)
        y = y - delta
        if np.abs(delta).max() <= 1e-13 * (1 + np.abs(y).max()):
            break
    return y


def local_concepts(game: Any, point: np.ndarray, J: np.ndarray, tol: float) -> LocalConcepts:
    """The verdicts of the module docstring at ``point`` with game Jacobian ``J``.

    ``tol`` is relative to ``max(1, max |J|)``: a block is negative definite when its
    largest eigenvalue is below ``-tol * scale``; the first-order conditions hold when
    ``|xi| <= 1e-7 * scale``.
    """
    n1 = game.n1
    scale = max(1.0, float(np.abs(J).max()))
    eps = tol * scale
    field = game.field(point)
    stationary = bool(np.linalg.norm(field) <= 1e-7 * scale)
    J11, J12 = J[:n1, :n1], J[:n1, n1:]
    J21, J22 = J[n1:, :n1], J[n1:, n1:]
    own1, own2 = _sym_eigs(J11), _sym_eigs(J22)
    nash = _verdict(stationary, [own1, own2], eps)
    zero_sum = is_zero_sum(game, point)
    follower_stationary = bool(np.linalg.norm(field[n1:]) <= 1e-7 * scale)
    follower = _verdict(follower_stationary, [own2], eps)  # strict local max of u2(x, .)
    schur = None
    error = 0.0
    if zero_sum:
        minimax: bool | None = False if not stationary else follower
        if follower:
            schur = _sym_eigs(J11 - J12 @ np.linalg.solve(J22, J21))
            minimax = _verdict(stationary, [schur], eps)
        return LocalConcepts(nash, minimax, minimax, True, (own1, own2), schur, 0.0)
    stackelberg: bool | None = follower
    if follower:
        R = -np.linalg.solve(J22, J21)
        grad_y_u1 = _player1_grad_y(game, point)
        total_gradient = field[:n1] + R.T @ grad_y_u1
        stackelberg = False
        if np.linalg.norm(total_gradient) <= 1e-7 * scale:
            if np.linalg.norm(grad_y_u1) <= 1e-7 * scale:
                H22, error = _player1_hessian_yy(game, point)
                total = J11 + J12 @ R + R.T @ J12.T + R.T @ H22 @ R
            else:
                total, error = _total_hessian(game, point)
            schur = _sym_eigs(total)
            stackelberg = _verdict(True, [schur], eps + error)
    return LocalConcepts(nash, None, stackelberg, False, (own1, own2), schur, error)


def _verdict(first_order: bool, blocks: list, eps: float) -> bool | None:
    """Second-order test of a local maximum: True if every block's eigenvalues are below
    ``-eps`` (sufficient), False if the first-order condition fails or some eigenvalue
    is above ``eps`` (the necessary condition, semidefinite, fails), else None."""
    if not first_order or any(block.size and block.max() > eps for block in blocks):
        return False
    if all(block.size == 0 or block.max() < -eps for block in blocks):
        return True
    return None


def _player1_grad_y(game: Any, point: np.ndarray) -> np.ndarray:
    from gamedyn.games.differentiable import numeric_gradient

    n1 = game.n1
    return numeric_gradient(lambda z: game.payoffs(z)[0], point)[n1:]


def _total_hessian(game: Any, point: np.ndarray) -> tuple[np.ndarray, float]:
    """Hessian of ``x -> u1(x, r(x))`` by central differences (and its error estimate)."""
    n1 = game.n1
    x0, y0 = point[:n1], point[n1:]

    def leader(x: np.ndarray) -> float:
        y = _best_response(game, x, y0)
        return float(game.payoffs(np.concatenate([x, y]))[0])

    def hessian(h: float) -> np.ndarray:
        H = np.zeros((n1, n1))
        steps = h * np.maximum(1.0, np.abs(x0))
        for i in range(n1):
            for j in range(n1):
                ei = np.eye(n1)[i] * steps[i]
                ej = np.eye(n1)[j] * steps[j]
                H[i, j] = (leader(x0 + ei + ej) - leader(x0 + ei - ej) - leader(x0 - ei + ej)
                           + leader(x0 - ei - ej)) / (4 * steps[i] * steps[j])
        return 0.5 * (H + H.T)

    coarse, fine = hessian(2e-4), hessian(1e-4)
    return fine, float(np.abs(coarse - fine).max())
