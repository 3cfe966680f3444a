"""Continuous games: the bilinear game, the Dirac-GAN and the seed's loss landscape.

Zero-sum convention: player 1 **minimizes** the value ``v`` (``u1 = -v``), player 2
maximizes it (``u2 = v``).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from gamedyn._validation import as_real_array, check_choice, check_nonnegative
from gamedyn.games.differentiable import DifferentiableGame

__all__ = ["bilinear", "zero_sum", "dirac_gan", "landscape", "DIRAC_LOSSES"]


def zero_sum(n1: int, n2: int, value: Any, **kwargs: Any) -> DifferentiableGame:
    """A zero-sum differentiable game from a value ``v(z)``: player 1 minimizes it.

    ``u1 = -v``, ``u2 = v``; other keyword arguments go to
    :class:`~gamedyn.games.differentiable.DifferentiableGame`.
    """
    if not callable(value):
        raise TypeError(f"`value` must be callable v(z) -> (*batch,); got {value!r}.")
    return DifferentiableGame(n1, n2, lambda z: -value(z), value, **kwargs)


def bilinear(A: Any = 1.0) -> DifferentiableGame:
    """The bilinear game ``v(x, y) = x @ A @ y``; ``x`` (player 1) minimizes.

    Field ``xi = (-A y, A.T x)``, Jacobian ``[[0, -A], [A.T, 0]]``: antisymmetric, so its
    eigenvalues are ``+-i sigma_k`` for the singular values ``sigma_k`` of ``A``, and the
    flow circles the equilibrium ``z* = 0``. The scalar default is ``v = a * b``.

    Parameters
    ----------
    A : float or array_like, shape (n1, n2)
        The coupling matrix; a number gives the 1x1 game.

    References
    ----------
    Zhang, G. & Yu, Y. (2020). Convergence of gradient methods on bilinear zero-sum
    games. ICLR.
    """
    A = as_real_array(A, "A")
    if A.ndim == 0:
        A = A.reshape(1, 1)
    if A.ndim != 2:
        raise ValueError(f"`A` must be a number or a 2-D matrix; got shape {A.shape}.")
    A.setflags(write=False)
    n1, n2 = A.shape
    jac = np.block([[np.zeros((n1, n1)), -A], [A.T, np.zeros((n2, n2))]])

    def value(z: np.ndarray) -> np.ndarray:
        return np.einsum("...i,ij,...j->...", z[..., :n1], A, z[..., n1:])

    def field(z: np.ndarray) -> np.ndarray:
        return z @ jac.T  # (-A y, A.T x) in one product: the field is linear, xi = J z

    def jacobian(z: np.ndarray) -> np.ndarray:
        return np.broadcast_to(jac, np.shape(z)[:-1] + jac.shape)

    label = f"{A[0, 0]:g}*a*b" if A.size == 1 else f"x @ A @ y, A {n1}x{n2}"
    return zero_sum(n1, n2, value, field=field, jacobian=jacobian,
                    name=f"bilinear v = {label}", equilibrium=np.zeros(n1 + n2))


DIRAC_LOSSES = ("standard", "non_saturating", "wasserstein")


def dirac_gan(
    loss: str = "standard",
    r1: float = 0.0,
    r2: float = 0.0,
    instance_noise: float = 0.0,
) -> DifferentiableGame:
    """The Dirac-GAN of Mescheder, Geiger & Nowozin (2018): data at 0, generator at theta.

    The generator (player 1) is a point mass at ``theta``; the discriminator (player 2)
    is linear, ``D_psi(x) = psi * x``. With ``f(t) = -log(1 + exp(-t))`` (standard and
    non-saturating) or ``f(t) = t`` (Wasserstein) the value is

        L(theta, psi) = f(psi * theta) + f(0)                      (paper, eq. 2)

    maximized by the discriminator; the generator minimizes ``L`` ("standard") or
    maximizes ``f(-psi * theta)`` ("non_saturating"). The R1 and R2 penalties
    ``(gamma / 2) * |grad_x D_psi|^2`` on real and fake data both equal
    ``(gamma / 2) * psi^2`` here. With instance noise of standard deviation ``sigma``,
    both real and fake points are blurred by ``N(0, sigma^2)`` and expectations are taken
    by 40-point Gauss-Hermite quadrature.

    At the equilibrium ``(0, 0)`` the Jacobian is ``[[0, -f'(0)], [f'(0), -gamma]]``
    with ``gamma = r1 + r2``: eigenvalues ``+-i f'(0)`` (``+-i/2``; ``+-i`` for WGAN)
    without regularization, ``-gamma/2 +- sqrt(gamma^2/4 - f'(0)^2)`` with it.

    Parameters
    ----------
    loss : {"standard", "non_saturating", "wasserstein"}
    r1, r2 : float
        Weights of the R1 (real data) and R2 (fake data) gradient penalties, >= 0.
    instance_noise : float
        Standard deviation of the noise added to real and fake samples, >= 0.

    References
    ----------
    Mescheder, L., Geiger, A. & Nowozin, S. (2018). Which training methods for GANs do
    actually converge? ICML. Section 2 and Lemma 2.2.
    """
    check_choice(loss, "loss", DIRAC_LOSSES)
    gamma = check_nonnegative(r1, "r1") + check_nonnegative(r2, "r2")
    sigma = check_nonnegative(instance_noise, "instance_noise")
    if sigma > 0:
        nodes, weights = np.polynomial.hermite_e.hermegauss(40)
        nodes, weights = nodes * sigma, weights / weights.sum()
    else:
        nodes, weights = np.zeros(1), np.ones(1)

    from scipy.special import expit, log_expit

    if loss == "wasserstein":
        def f(t):
            return t

        def df(t):
            return np.ones_like(t)

        def d2f(t):
            return np.zeros_like(t)
    else:
        f = log_expit

        def df(t):
            return expit(-t)

        def d2f(t):
            return -expit(t) * expit(-t)

    saturating = loss != "non_saturating"

    def parts(z: np.ndarray):
        theta, psi = z[..., 0, None], z[..., 1, None]
        fake = theta + nodes  # (*batch, k): blurred generator samples
        t = psi * fake
        return theta[..., 0], psi[..., 0], fake, t, psi * nodes

    def expect(values: np.ndarray) -> np.ndarray:
        return values @ weights

    def payoff_d(z: np.ndarray) -> np.ndarray:
        _, psi, _, t, t_real = parts(z)
        return expect(f(t)) + expect(f(-t_real)) - 0.5 * gamma * psi**2

    def payoff_g(z: np.ndarray) -> np.ndarray:
        _, _, _, t, t_real = parts(z)
        if saturating:
            return -(expect(f(t)) + expect(f(-t_real)))
        return expect(f(-t))

    def field(z: np.ndarray) -> np.ndarray:
        _, psi, fake, t, t_real = parts(z)
        if saturating:
            g_theta = -psi * expect(df(t))
        else:
            g_theta = -psi * expect(df(-t))
        g_psi = expect(fake * df(t)) - expect(nodes * df(-t_real)) - gamma * psi
        return np.stack([g_theta, g_psi], axis=-1)

    def jacobian(z: np.ndarray) -> np.ndarray:
        _, psi, fake, t, t_real = parts(z)
        if saturating:
            j11 = -psi**2 * expect(d2f(t))
            j12 = -expect(df(t) + psi[..., None] * fake * d2f(t))
        else:
            j11 = psi**2 * expect(d2f(-t))
            j12 = -expect(df(-t) - psi[..., None] * fake * d2f(-t))
        j21 = expect(df(t) + fake * psi[..., None] * d2f(t))
        j22 = expect(fake**2 * d2f(t)) + expect(nodes**2 * d2f(-t_real)) - gamma
        return np.stack([np.stack([j11, j12], -1), np.stack([j21, j22], -1)], -2)

    extras = [f"r1={r1:g}"] if r1 else []
    extras += [f"r2={r2:g}"] if r2 else []
    extras += [f"noise={sigma:g}"] if sigma else []
    label = f"Dirac-GAN ({loss}{', ' if extras else ''}{', '.join(extras)})"
    return DifferentiableGame(1, 1, payoff_g, payoff_d, field=field, jacobian=jacobian,
                              name=label, equilibrium=np.zeros(2))


def landscape() -> DifferentiableGame:
    """The illustrative loss landscape ``V = sin(a) cos(b) + 0.1 (a^2 - b^2)``.

    Player 1 (the generator angle ``a``) minimizes ``V``, player 2 (the discriminator
    angle ``b``) maximizes it. The field has several stationary points: local Nash
    equilibria, saddles of other kinds and points where the flow rotates; find and
    classify them with :func:`gamedyn.stability.find_stationary_points`. Built with
    :func:`~gamedyn.games.symbolic.from_sympy`, so the Jacobian is exact.
    """
    import sympy

    from gamedyn.games.symbolic import from_sympy

    a, b = sympy.symbols("theta_G theta_D", real=True)
    v = sympy.sin(a) * sympy.cos(b) + sympy.Rational(1, 10) * (a**2 - b**2)
    return from_sympy(v, minimize=[a], maximize=[b],
                      name="landscape V = sin(a)cos(b) + 0.1(a^2 - b^2)")
