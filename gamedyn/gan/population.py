"""The affine/quadratic GAN with exact expectations, as a differentiable game.

Player 1 (the generator) has ``x = (mu, s)``, ``G(z) = mu + s z``; player 2 (the
discriminator) has ``y = (w0, w1, w2)``, logit ``l(x) = w0 + w1 x + w2 x^2``. With data
``N(m, t^2)`` and expectations taken exactly by Gauss-Hermite quadrature
(``x = m + t xi``, ``G = mu + s xi``, ``xi ~ N(0, 1)``):

    u2 = V - (gamma/2) E_data (w1 + 2 w2 x)^2,
    V  = E_data log D(x) + E_z log(1 - D(G(z))),
    u1 = -V                        (minimax: G minimizes V)
    u1 = E_z log D(G(z))           (non-saturating),
    u1 = 1/2 E_z exp(l(G(z)))      (maximum likelihood; Goodfellow 2016, Section 3.2.3).

Field, with ``phi = (1, x, x^2)``, ``l' = w1 + 2 w2 x``, ``sigma`` the sigmoid:

    d u1/d(mu, s) = E[c(l(G)) l'(G) (1, xi)],   c = sigma(l) (minimax), sigma(-l) (NS),
                                                  e^l / 2 (maximum likelihood)
    d u2/dw       = E_data sigma(-l) phi - E_z sigma(l(G)) phi(G)
                    - gamma E_data l'(x) (0, 1, 2x).

At the equilibrium ``(m, t, 0, 0, 0)`` the Jacobian is ``[[0, K], [-K^T, -Q]]`` with
``K = 1/2 [[0, 1, 2m], [0, 0, 2t]]`` (up to the data's moments) and ``Q`` half the
second-moment matrix of ``phi`` (plus the R1 term): damped rotation, attracting for
all three losses (``c(0) = 1/2`` for each). For ``m = 0, t = 1`` its eigenvalues are
``-1, -1/2 +- i/2, -1/4 +- i sqrt(3)/4``.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from gamedyn._validation import check_choice, check_nonnegative, check_positive_int
from gamedyn.games.differentiable import DifferentiableGame
from gamedyn.gan import losses
from gamedyn.gan.targets import as_target

__all__ = ["population_game"]


#: most Gauss-Hermite nodes population_game computes (an eigenproblem of that size)
MAX_QUADRATURE = 1000


def population_game(target: Any = (0.0, 1.0), *, loss: str = "non_saturating",
                    r1: float = 0.0, quadrature: int = 64) -> DifferentiableGame:
    """The population (infinite-batch) affine/quadratic GAN as a DifferentiableGame.

    Parameters
    ----------
    target : (mean, std)
        A Gaussian target ``N(m, t^2)``.
    loss : {"non_saturating", "minimax", "maximum_likelihood"}
        The generator's cost (the discriminator maximizes ``V`` in every case).
    r1 : float
        R1 penalty weight ``gamma >= 0``.
    quadrature : int
        Gauss-Hermite nodes (exact for polynomials of degree ``2 * quadrature - 1``),
        from 8 to 1000.

    Returns
    -------
    DifferentiableGame
        ``n1 = 2``, ``n2 = 3``; ``equilibrium()`` is ``(m, t, 0, 0, 0)``. The Jacobian
        is the exact derivative of the field (hand-derived).

    Raises
    ------
    ValueError
        For a target that is not a single Gaussian, an unknown ``loss``, a negative ``r1``
        or a ``quadrature`` out of range.

    References
    ----------
    Goodfellow, I. et al. (2014). Generative adversarial nets. NeurIPS (the value ``V`` and
    the costs). Mescheder, L., Geiger, A. & Nowozin, S. (2018). Which training methods for
    GANs do actually converge? ICML, Section 4.1 (R1). Abramowitz, M. & Stegun, I. A.
    (1964). *Handbook of Mathematical Functions*, 25.4.46 (Gauss-Hermite quadrature).

    Examples
    --------
    >>> import numpy as np, gamedyn as gd
    >>> game = gd.gan.population_game((1.0, 0.5))
    >>> game.n1, game.n2, game.equilibrium().tolist()
    (2, 3, [1.0, 0.5, 0.0, 0.0, 0.0])
    >>> float(np.abs(game.field(game.equilibrium())).max())   # a stationary point
    0.0
    """
    target = as_target(target)
    if len(target.weights) != 1:
        raise ValueError("`target` must be a single Gaussian (m, t) for the population game.")
    check_choice(loss, "loss", losses.GAN_LOSSES)
    gamma = check_nonnegative(r1, "r1")
    count = check_positive_int(quadrature, "quadrature", minimum=8)
    if count > MAX_QUADRATURE:  # the node solver is cubic in the count
        raise ValueError(f"`quadrature` must be at most {MAX_QUADRATURE}; got {count}.")
    nodes, weights = np.polynomial.hermite_e.hermegauss(count)
    weights = weights / weights.sum()
    m, t = float(target.means[0]), float(target.stds[0])
    real = m + t * nodes  # data quadrature points
    saturating = loss == "minimax"

    def logit(w: np.ndarray, x: np.ndarray) -> np.ndarray:
        return w[..., :1] + w[..., 1:2] * x + w[..., 2:3] * x**2

    def parts(z: np.ndarray) -> tuple[np.ndarray, ...]:
        mu, s, w = z[..., :1], z[..., 1:2], z[..., 2:]
        fake = mu + s * nodes
        return w, fake, logit(w, real), logit(w, fake)

    def payoff_d(z: np.ndarray) -> np.ndarray:
        w, fake, l_real, l_fake = parts(z)
        slope = w[..., 1:2] + 2 * w[..., 2:3] * real
        value = -losses.softplus(-l_real) @ weights - losses.softplus(l_fake) @ weights
        return value - 0.5 * gamma * (slope**2 @ weights)

    def payoff_g(z: np.ndarray) -> np.ndarray:
        w, fake, l_real, l_fake = parts(z)
        if saturating:
            return losses.softplus(-l_real) @ weights + losses.softplus(l_fake) @ weights
        if loss == "maximum_likelihood":
            return 0.5 * np.exp(l_fake) @ weights
        return -losses.softplus(-l_fake) @ weights

    def features(x: np.ndarray) -> np.ndarray:
        return np.stack([np.ones_like(x), x, x**2], axis=-1)

    def field(z: np.ndarray) -> np.ndarray:
        w, fake, l_real, l_fake = parts(z)
        slope_fake = w[..., 1:2] + 2 * w[..., 2:3] * fake
        coefficient = losses.generator_coefficient(l_fake, loss)[0]
        push = coefficient * slope_fake * weights
        grad_g = np.stack([push.sum(-1), (push * nodes).sum(-1)], axis=-1)
        slope_real = w[..., 1:2] + 2 * w[..., 2:3] * real
        grad_d = (np.einsum("...k,...kf->...f", losses.sigmoid(-l_real) * weights, features(
            np.broadcast_to(real, l_real.shape)))
            - np.einsum("...k,...kf->...f", losses.sigmoid(l_fake) * weights, features(fake)))
        penalty = gamma * np.stack([np.zeros(slope_real.shape[:-1]),
                                    (slope_real * weights).sum(-1),
                                    (slope_real * 2 * real * weights).sum(-1)], axis=-1)
        return np.concatenate([grad_g, grad_d - penalty], axis=-1)

    def jacobian(z: np.ndarray) -> np.ndarray:
        w, fake, l_real, l_fake = parts(z)
        w1, w2 = w[..., 1:2], w[..., 2:3]
        slope_fake = w1 + 2 * w2 * fake
        sig_f, sig_mf = losses.sigmoid(l_fake), losses.sigmoid(-l_fake)
        curvature = sig_f * sig_mf  # sigma'(l) = sigma(l) sigma(-l)
        # generator rows: d/dtheta and d/dw of  c(l(G)) l'(G) dG/dtheta
        c, dc = losses.generator_coefficient(l_fake, loss)  # c(l) and dc/dl
        dG = np.stack([np.ones_like(fake), np.broadcast_to(nodes, fake.shape)], -1)
        # d/dtheta_j [c l' dG_i] = (dc l'^2 + c 2 w2) dG_j dG_i
        inner = (dc * slope_fake**2 + c * 2 * w2) * weights
        gg = np.einsum("...k,...ki,...kj->...ij", inner, dG, dG)
        phi_fake = features(fake)
        dslope = np.stack([np.zeros_like(fake), np.ones_like(fake), 2 * fake], -1)
        gd_ = np.einsum("...k,...ki,...kf->...if", dc * slope_fake * weights, dG, phi_fake) \
            + np.einsum("...k,...ki,...kf->...if", c * weights, dG, dslope)
        # discriminator rows
        phi_real = features(np.broadcast_to(real, l_real.shape))
        curv_real = losses.sigmoid(l_real) * losses.sigmoid(-l_real)
        dd = -np.einsum("...k,...kf,...kg->...fg", curv_real * weights, phi_real, phi_real) \
            - np.einsum("...k,...kf,...kg->...fg", curvature * weights, phi_fake, phi_fake)
        r1_features = np.stack([np.zeros_like(real), np.ones_like(real), 2 * real], -1)
        dd = dd - gamma * np.einsum("k,kf,kg->fg", weights, r1_features, r1_features)
        # d/dtheta of -E sigma(l(G)) phi(G): -(sigma' l'(G) phi + sigma phi') dG
        dg = -np.einsum("...k,...kf,...ki->...fi", curvature * slope_fake * weights, phi_fake,
                        dG) - np.einsum("...k,...kf,...ki->...fi", sig_f * weights, dslope, dG)
        top = np.concatenate([gg, gd_], axis=-1)
        bottom = np.concatenate([dg, dd], axis=-1)
        return np.concatenate([top, bottom], axis=-2)

    return DifferentiableGame(
        2, 3, payoff_g, payoff_d, field=field, jacobian=jacobian,
        name=f"population GAN, data N({m:g}, {t:g}^2), {loss}"
             + (f", R1 {gamma:g}" if gamma else ""),
        equilibrium=np.array([m, t, 0.0, 0.0, 0.0]))
