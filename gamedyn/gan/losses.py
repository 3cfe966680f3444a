"""GAN losses in logit form, with their derivatives with respect to the logits.

With ``l`` the discriminator's logit and ``D = sigmoid(l)``:
``log D = -softplus(-l)`` and ``log(1 - D) = -softplus(l)``, evaluated by
``np.logaddexp(0, .)`` so logits of +-1e3 neither overflow nor warn.

* discriminator: ``J_D = -1/2 E log D(x) - 1/2 E log(1 - D(G(z)))``
  (Goodfellow et al. 2014; the seed's ``J(D)``);
* generator, minimax: ``J_G = E log(1 - D(G(z)))``;
* generator, non-saturating: ``J_G = -E log D(G(z))``.

As payoffs that each player maximizes (:class:`gamedyn.gan.GANGame`): the
discriminator's ``u_D = V = E log D(x) + E log(1 - D(G(z)))`` (``= -2 J_D``), the
generator's ``u_G = -V`` (minimax), ``E log D(G(z))`` (non-saturating) or
``1/2 E exp(l(G(z)))`` (maximum likelihood: Goodfellow 2016, NIPS tutorial, Section
3.2.3, ``J_G = -1/2 E exp(sigma^-1(D(G(z))))``). :func:`value_gradient_signed` and
:func:`generator_payoff_gradient` give their derivatives with respect to the logits.
"""

from __future__ import annotations

import numpy as np

from gamedyn.games.continuous import GENERATOR_COSTS

__all__ = ["LOSSES", "softplus", "sigmoid", "discriminator_loss", "discriminator_loss_gradient",
           "discriminator_loss_gradient_signed", "generator_loss", "generator_loss_gradient",
           "value", "GAN_LOSSES", "value_gradient_signed", "generator_payoff",
           "generator_payoff_gradient"]

LOSSES = ("non_saturating", "minimax")
#: The generator costs of :class:`gamedyn.gan.GANGame`, :func:`gamedyn.gan.train` and
#: :func:`gamedyn.gan.population_game`: the one vocabulary of
#: :data:`gamedyn.games.GENERATOR_COSTS` (the Dirac-GAN's too), in this order.
GAN_LOSSES = ("non_saturating", "minimax", "maximum_likelihood")


def softplus(x: np.ndarray) -> np.ndarray:
    """``log(1 + e^x)`` without overflow."""
    return np.logaddexp(0.0, x)


def sigmoid(x: np.ndarray) -> np.ndarray:
    """``1 / (1 + e^-x)`` to full relative precision, without warnings.

    For ``x < -709`` ``e^-x`` overflows to ``inf`` and the result is exactly 0, as the
    true value underflows anyway (overflow and underflow are expected and silenced). In-place
    passes: about twice as fast as ``scipy.special.expit`` on large arrays.
    """
    x = np.asarray(x, dtype=float)
    return _sigmoid_over(np.negative(x, out=np.empty(x.shape)))[()]


def _sigmoid_over(minus_x: np.ndarray) -> np.ndarray:
    """``sigmoid(x)`` computed in place over ``minus_x = -x`` (a scratch array)."""
    with np.errstate(over="ignore", under="ignore"):  # both give the right limit
        np.exp(minus_x, out=minus_x)
        minus_x += 1.0
        return np.reciprocal(minus_x, out=minus_x)


def discriminator_loss(real_logits: np.ndarray, fake_logits: np.ndarray) -> np.ndarray:
    """``J_D = 1/2 E softplus(-l_real) + 1/2 E softplus(l_fake)`` (shape ``runs``)."""
    return 0.5 * softplus(-real_logits).mean(-1) + 0.5 * softplus(fake_logits).mean(-1)


def discriminator_loss_gradient(real_logits: np.ndarray, fake_logits: np.ndarray
                                ) -> tuple[np.ndarray, np.ndarray]:
    """``dJ_D / dl`` for the real and the fake logits (batch means included)."""
    n_real, n_fake = real_logits.shape[-1], fake_logits.shape[-1]
    return -0.5 * sigmoid(-real_logits) / n_real, 0.5 * sigmoid(fake_logits) / n_fake


def discriminator_loss_gradient_signed(logits: np.ndarray, signs: np.ndarray) -> np.ndarray:
    """``dJ_D / dl`` for equally many real and fake logits side by side, in one pass.

    ``signs`` is ``-1`` at the real and ``+1`` at the fake positions; with ``n`` logits of
    each kind both formulas of :func:`discriminator_loss_gradient` read
    ``signs sigmoid(signs l) / (2 n)``.
    """
    upstream = _sigmoid_over(logits * -signs)  # -signs and signs / 2n are small
    upstream *= signs / logits.shape[-1]
    return upstream


def _check_cost(loss: str) -> None:
    if loss not in GENERATOR_COSTS:
        raise ValueError(f"`loss` must be one of {', '.join(map(repr, GENERATOR_COSTS))}; "
                         f"got {loss!r}.")


def generator_loss(fake_logits: np.ndarray, loss: str) -> np.ndarray:
    """``J_G``: ``-E softplus(l)`` (minimax, ``E log(1 - D)``), ``E softplus(-l)``
    (non-saturating, ``-E log D``) or ``-1/2 E e^l`` (maximum likelihood), the batch
    mean over the last axis; ``J_G = -u_G`` of :func:`generator_payoff`."""
    _check_cost(loss)
    return -generator_payoff(fake_logits, loss)


def generator_loss_gradient(fake_logits: np.ndarray, loss: str) -> np.ndarray:
    """``dJ_G / dl`` for the fake logits (batch mean included): ``-c(l) / n`` with ``c``
    of :func:`generator_payoff_gradient`."""
    _check_cost(loss)
    return -generator_payoff_gradient(fake_logits, loss)


def value(real_logits: np.ndarray, fake_logits: np.ndarray) -> np.ndarray:
    """``V = E log D(x) + E log(1 - D(G(z)))``; ``-log 4`` at the equilibrium."""
    return -softplus(-real_logits).mean(-1) - softplus(fake_logits).mean(-1)


def value_gradient_signed(logits: np.ndarray, signs: np.ndarray) -> np.ndarray:
    """``dV / dl`` for equally many real and fake logits side by side (``-2 dJ_D/dl``).

    ``signs`` is ``-1`` at the real and ``+1`` at the fake positions; with ``n`` logits of
    each kind, ``dV/dl_real = sigmoid(-l) / n`` and ``dV/dl_fake = -sigmoid(l) / n`` both
    read ``-signs sigmoid(signs l) / n``.
    """
    upstream = _sigmoid_over(logits * -signs)
    upstream *= signs * (-2.0 / logits.shape[-1])
    return upstream


def generator_payoff(fake_logits: np.ndarray, loss: str) -> np.ndarray:
    """``u_G`` up to terms without the generator: ``E softplus(l)`` (minimax, ``-E log(1 -
    D)``), ``-E softplus(-l)`` (non-saturating, ``E log D``), ``1/2 E e^l`` (maximum
    likelihood)."""
    _check_cost(loss)
    if loss == "minimax":
        return softplus(fake_logits).mean(-1)
    if loss == "maximum_likelihood":
        with np.errstate(over="ignore"):
            return 0.5 * np.exp(fake_logits).mean(-1)
    return -softplus(-fake_logits).mean(-1)


def generator_payoff_gradient(fake_logits: np.ndarray, loss: str) -> np.ndarray:
    """``du_G / dl`` for the fake logits (batch mean included): ``c(l) / n`` with
    ``c = sigmoid(l)`` (minimax), ``sigmoid(-l)`` (non-saturating), ``e^l / 2``
    (maximum likelihood)."""
    _check_cost(loss)
    count = fake_logits.shape[-1]
    if loss == "minimax":
        gradient = _sigmoid_over(np.negative(fake_logits))
    elif loss == "maximum_likelihood":
        with np.errstate(over="ignore"):
            gradient = np.exp(fake_logits)
        gradient *= 0.5
    else:
        gradient = _sigmoid_over(np.array(fake_logits, dtype=float))  # sigmoid(-l)
    gradient *= 1.0 / count
    return gradient


def generator_coefficient(logits: np.ndarray, loss: str) -> tuple[np.ndarray, np.ndarray]:
    """``c(l)`` of :func:`generator_payoff_gradient` (without ``1/n``) and ``c'(l)``."""
    _check_cost(loss)
    up, down = sigmoid(logits), sigmoid(-logits)
    if loss == "minimax":
        return up, up * down
    if loss == "maximum_likelihood":
        with np.errstate(over="ignore"):
            half = 0.5 * np.exp(logits)
        return half, half
    return down, -up * down


# ------------------------------------------------------------------ the Wasserstein critic
#: The losses of the sample GAN (:class:`gamedyn.gan.GANGame`, :func:`gamedyn.gan.train`):
#: the generator costs and the Wasserstein critic.
SAMPLE_LOSSES = GAN_LOSSES + ("wasserstein",)
__all__ += ["SAMPLE_LOSSES", "critic_value", "critic_value_gradient_signed",
            "sample_generator_payoff", "sample_generator_payoff_gradient",
            "sample_generator_coefficient"]


def critic_value(real_outputs: np.ndarray, fake_outputs: np.ndarray) -> np.ndarray:
    """The Wasserstein critic's value ``E f(x) - E f(G(z))`` (Arjovsky et al. 2017, eq. (3))."""
    return real_outputs.mean(-1) - fake_outputs.mean(-1)


def critic_value_gradient_signed(outputs: np.ndarray, signs: np.ndarray) -> np.ndarray:
    """``d(E f(real) - E f(fake)) / df`` for ``n`` real and ``n`` fake outputs side by side
    (``signs`` ``-1`` at the real, ``+1`` at the fake positions): ``-signs / n``."""
    return np.broadcast_to(signs * (-1.0 / (outputs.shape[-1] // 2)), outputs.shape)


def sample_generator_payoff(fake_logits: np.ndarray, loss: str) -> np.ndarray:
    """:func:`generator_payoff`, or for the critic (``loss="wasserstein"``) ``E f(G(z))``
    (the generator's cost ``-E f(G(z))``, Arjovsky et al. 2017, Algorithm 1)."""
    if loss == "wasserstein":
        return fake_logits.mean(-1)
    return generator_payoff(fake_logits, loss)


def sample_generator_payoff_gradient(fake_logits: np.ndarray, loss: str) -> np.ndarray:
    """:func:`generator_payoff_gradient`, or ``1 / n`` for the critic."""
    if loss == "wasserstein":
        return np.full(fake_logits.shape, 1.0 / fake_logits.shape[-1])
    return generator_payoff_gradient(fake_logits, loss)


def sample_generator_coefficient(logits: np.ndarray, loss: str) -> tuple[np.ndarray, np.ndarray]:
    """:func:`generator_coefficient`, or ``(1, 0)`` for the critic."""
    if loss == "wasserstein":
        return np.ones_like(logits), np.zeros_like(logits)
    return generator_coefficient(logits, loss)
