"""Continuous games: the bilinear game, the Dirac-GAN and the seed's loss landscape.

Zero-sum convention: player 1 **minimizes** the value ``v`` (``u1 = -v``), player 2
maximizes it (``u2 = v``).
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np

from gamedyn._validation import as_real_array, check_choice, check_nonnegative, check_positive
from gamedyn.games.differentiable import DifferentiableGame
from gamedyn.games.domain import Box, Domain

__all__ = ["bilinear", "from_value", "dirac_gan", "landscape", "DIRAC_LOSSES", "GENERATOR_COSTS"]


def from_value(
    n1: int,
    n2: int,
    value: Any,
    field: Any = None,
    jacobian: Any = None,
    *,
    name: str | None = None,
    domain: Any = None,
    equilibrium: Any = None,
) -> DifferentiableGame:
    """A zero-sum differentiable game from a value ``v(z)``: player 1 minimizes it.

    ``u1 = -v``, ``u2 = v``, so the field is ``xi = (-grad_x v, grad_y v)``. Not to be
    confused with :func:`gamedyn.equilibria.zero_sum`, which solves a zero-sum bimatrix
    game.

    Parameters
    ----------
    n1, n2 : int
        Numbers of parameters of player 1 (``x``, minimizes) and player 2 (``y``).
    value : callable
        ``v(z)`` for states of shape ``(*batch, n1 + n2)``, returning ``(*batch,)``.
    field, jacobian, name, domain, equilibrium : optional
        As in :class:`~gamedyn.games.differentiable.DifferentiableGame` (``field`` is
        ``(-grad_x v, grad_y v)`` when given).

    Returns
    -------
    DifferentiableGame
        The game with ``u1 = -v`` and ``u2 = v``.

    Raises
    ------
    TypeError
        If ``value`` is not callable (and as DifferentiableGame raises).

    References
    ----------
    Balduzzi, D. et al. (2018). The mechanics of n-player differentiable games. ICML,
    Section 2 (the simultaneous gradient of a zero-sum game).

    Examples
    --------
    >>> import numpy as np, gamedyn as gd
    >>> game = gd.games.from_value(1, 1, lambda z: z[..., 0] * z[..., 1])  # v = x y
    >>> np.round(game.field([1.0, 2.0]), 8)  # (-dv/dx, dv/dy) = (-y, x)
    array([-2.,  1.])
    """
    if not callable(value):
        raise TypeError(f"`value` must be callable v(z) -> (*batch,); got {value!r}.")
    if domain is not None and not isinstance(domain, Domain):
        raise TypeError(f"`domain` must be a gamedyn.games domain (SimplexProduct, Box) or "
                        f"None; got {domain!r}.")
    return DifferentiableGame(n1, n2, lambda z: -value(z), value, field, jacobian, name=name,
                              domain=domain, equilibrium=equilibrium)


def zero_sum(n1: int, n2: int, value: Any, **kwargs: Any) -> DifferentiableGame:
    """Deprecated alias of :func:`from_value` (renamed so that it cannot be mistaken for
    the solver :func:`gamedyn.equilibria.zero_sum`); warns and calls it."""
    warnings.warn("gamedyn.games.zero_sum is deprecated and will be removed; use "
                  "gamedyn.games.from_value (same arguments). gamedyn.equilibria.zero_sum, "
                  "the solver, keeps its name.", DeprecationWarning, stacklevel=2)
    return from_value(n1, n2, value, **kwargs)


def bilinear(A: Any = 1.0) -> DifferentiableGame:
    """The bilinear game ``v(x, y) = x @ A @ y``; ``x`` (player 1) minimizes.

    Field ``xi = (-A y, A.T x)``, Jacobian ``[[0, -A], [A.T, 0]]``: antisymmetric, so its
    eigenvalues are ``+-i sigma_k`` for the singular values ``sigma_k`` of ``A``, and the
    flow circles the equilibrium ``z* = 0``. The scalar default is ``v = a * b``.

    Parameters
    ----------
    A : float or array_like, shape (n1, n2)
        The coupling matrix; a number gives the 1x1 game.

    Returns
    -------
    DifferentiableGame
        The zero-sum game with ``n1, n2 = A.shape``, its exact field and Jacobian, and the
        known equilibrium ``z* = 0``.

    Raises
    ------
    ValueError
        For an ``A`` that is empty, not at most 2-D, or not finite.

    References
    ----------
    Zhang, G. & Yu, Y. (2020). Convergence of gradient methods on bilinear zero-sum
    games. ICLR.

    Examples
    --------
    >>> import numpy as np, gamedyn as gd
    >>> game = gd.games.bilinear([[1.0, 0.0], [0.0, 2.0]])
    >>> eigenvalues = gd.stability.analyze(game, [0, 0, 0, 0]).eigenvalues
    >>> np.sort(eigenvalues.imag).round(12).tolist(), float(abs(eigenvalues.real).max())
    ([-2.0, -1.0, 1.0, 2.0], 0.0)
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
    return from_value(n1, n2, value, field=field, jacobian=jacobian,
                    name=f"bilinear v = {label}", equilibrium=np.zeros(n1 + n2))


#: The generator costs, one name each everywhere in gamedyn (the sample GAN, the
#: population GAN and the Dirac-GAN; DESIGN's vocabulary): ``J_G = E log(1 - D(G(z)))``
#: (minimax), ``-E log D(G(z))`` (non-saturating) and ``-1/2 E exp(sigma^-1(D(G(z))))``
#: (maximum likelihood; Goodfellow 2016, NIPS tutorial, Section 3.2.3).
GENERATOR_COSTS = ("minimax", "non_saturating", "maximum_likelihood")
#: The Dirac-GAN's losses: the three generator costs and the Wasserstein critic.
DIRAC_LOSSES = ("minimax", "non_saturating", "wasserstein", "maximum_likelihood")
#: Old loss names kept for one release: old name -> new name.
_DEPRECATED_LOSSES = {"standard": "minimax"}


def dirac_gan(
    loss: str = "minimax",
    r1: float = 0.0,
    r2: float = 0.0,
    instance_noise: float = 0.0,
    *,
    gradient_penalty: float = 0.0,
    clip: float | None = None,
) -> DifferentiableGame:
    """The Dirac-GAN of Mescheder, Geiger & Nowozin (2018): data at 0, generator at theta.

    The generator (player 1) is a point mass at ``theta``; the discriminator (player 2)
    is linear, ``D_psi(x) = psi * x`` (``-psi x`` is the logit of "real" in Goodfellow's
    convention). With ``f(t) = -log(1 + exp(-t))`` (the three generator costs) or
    ``f(t) = t`` (Wasserstein) the value is

        L(theta, psi) = f(psi * theta) + f(0)                      (paper, eq. 2)

    maximized by the discriminator. The generator's cost (``loss``, named as everywhere
    in gamedyn): it minimizes ``L`` ("minimax", the zero-sum game of Goodfellow et al.
    2014; "wasserstein", the WGAN), maximizes ``f(-psi * theta) = log D(G)``
    ("non_saturating"), or maximizes ``1/2 exp(-psi * theta) = 1/2 exp(sigma^-1(D(G)))``
    ("maximum_likelihood"; Goodfellow 2016, Section 3.2.3). The generator's fields
    are ``-psi f'(psi theta)``, ``-psi f'(-psi theta)`` and ``-psi/2 exp(-psi theta)``.

    Stabilizers on the discriminator (the paper's Section 3 and Appendix):

    * R1 and R2, ``(gamma / 2) |grad_x D_psi|^2`` on real and fake data, both
      ``(gamma / 2) psi^2`` here;
    * instance noise of standard deviation ``sigma``: real and fake points blurred by
      ``N(0, sigma^2)``, expectations by 40-point Gauss-Hermite quadrature;
    * the WGAN-GP penalty ``lam (|grad_x D_psi(x_hat)| - 1)^2 = lam (|psi| - 1)^2``
      (Gulrajani et al. 2017; any interpolate ``x_hat`` has the same gradient ``psi``):
      the field gets ``-2 lam (|psi| - 1) sign(psi)``, the paper's WGAN-GP field
      ``(-psi, theta - gamma (|psi| - g0) sign(psi))`` with ``gamma = 2 lam``,
      ``g0 = 1``. It jumps by ``4 lam`` across ``psi = 0``: the Jacobian does not exist
      there (a ValueError says so), off it the Jacobian's lower-right entry gets
      ``-2 lam``. The only stationary point, ``(0, 0)``, lies on that jump, with the
      field pushing ``|psi|`` towards 1 on both sides: no gradient method converges.
    * weight clipping, ``|psi| <= c`` (Arjovsky et al. 2017): the game's ``domain`` is
      the box ``Box([-inf, -c], [inf, c])``, onto which every gradient method projects
      after each update. Inside the box the field is unchanged, so at ``(0, 0)`` the
      WGAN's Jacobian is ``[[0, -1], [1, 0]]``: a pure rotation (eigenvalues ``+-i``),
      and simultaneous gradient steps of size ``h`` have spectral radius
      ``sqrt(1 + h^2) > 1``: clipped WGANs do not converge on the Dirac-GAN.

    At the equilibrium ``(0, 0)`` (without the gradient penalty) the Jacobian is
    ``[[0, -f'(0)], [f'(0), -gamma]]`` with ``gamma = r1 + r2``: eigenvalues ``+-i f'(0)``
    (``+-i/2``, the same for the three generator costs; ``+-i`` for WGAN) without
    regularization, ``-gamma/2 +- sqrt(gamma^2/4 - f'(0)^2)`` with it.

    Parameters
    ----------
    loss : {"minimax", "non_saturating", "wasserstein", "maximum_likelihood"}
        The generator's cost. ``"standard"`` is a deprecated alias of ``"minimax"``
        (a DeprecationWarning says so).
    r1, r2 : float
        Weights of the R1 (real data) and R2 (fake data) gradient penalties, >= 0.
    instance_noise : float
        Standard deviation of the noise added to real and fake samples, >= 0.
    gradient_penalty : float
        Weight ``lam >= 0`` of the WGAN-GP penalty ``lam (|psi| - 1)^2``.
    clip : float, optional
        Clip the discriminator's weight to ``[-clip, clip]`` (``clip > 0``).

    Returns
    -------
    DifferentiableGame
        ``n1 = n2 = 1``, ``z = (theta, psi)``; ``equilibrium()`` is ``(0, 0)``.

    Raises
    ------
    TypeError, ValueError
        For an unknown ``loss`` or a negative or non-numeric weight; the Jacobian raises
        ValueError at ``psi = 0`` when ``gradient_penalty > 0``.

    References
    ----------
    Mescheder, L., Geiger, A. & Nowozin, S. (2018). Which training methods for GANs do
    actually converge? ICML. Section 2, Lemma 2.2, Section 3 and Appendix (WGAN,
    WGAN-GP). Goodfellow, I. (2016). NIPS 2016 Tutorial: Generative Adversarial Networks.
    Section 3.2.3. Gulrajani, I. et al. (2017). Improved training of Wasserstein GANs.
    NeurIPS. Arjovsky, M., Chintala, S. & Bottou, L. (2017). Wasserstein GAN. ICML.

    Examples
    --------
    >>> import gamedyn as gd
    >>> game = gd.games.dirac_gan("wasserstein", clip=0.5)
    >>> game.domain
    Box(low=[-inf, -0.5], high=[inf, 0.5])
    >>> report = gd.stability.analyze(game, [0.0, 0.0])   # +-i: a pure rotation
    >>> report.kind, report.game_eigenvalues.imag.round(12).tolist()
    ('rotational', [-1.0, 1.0])
    """
    if isinstance(loss, str) and loss in _DEPRECATED_LOSSES:
        new = _DEPRECATED_LOSSES[loss]
        warnings.warn(f"dirac_gan(loss={loss!r}) is deprecated; use loss={new!r} (the same "
                      "loss, named as in the rest of gamedyn).", DeprecationWarning,
                      stacklevel=2)
        loss = new
    check_choice(loss, "loss", DIRAC_LOSSES)
    gamma = check_nonnegative(r1, "r1") + check_nonnegative(r2, "r2")
    sigma = check_nonnegative(instance_noise, "instance_noise")
    lam = check_nonnegative(gradient_penalty, "gradient_penalty")
    domain = None
    if clip is not None:
        bound = check_positive(clip, "clip")
        domain = Box([-np.inf, -bound], [np.inf, bound])
    if sigma > 0:
        nodes, weights = np.polynomial.hermite_e.hermegauss(40)
        nodes, weights = nodes * sigma, weights / weights.sum()
    else:
        nodes, weights = np.zeros(1), np.ones(1)

    from scipy.special import expit, log_expit

    if loss == "wasserstein":
        def f(t: np.ndarray) -> np.ndarray:
            return t

        def df(t: np.ndarray) -> np.ndarray:
            return np.ones_like(t)

        def d2f(t: np.ndarray) -> np.ndarray:
            return np.zeros_like(t)
    else:
        f = log_expit

        def df(t: np.ndarray) -> np.ndarray:
            return expit(-t)

        def d2f(t: np.ndarray) -> np.ndarray:
            return -expit(t) * expit(-t)

    # 1/2 exp(-t) = 1/2 exp(sigma^-1(D(G))); overflow gives inf
    def half_exp(t: np.ndarray) -> np.ndarray:
        with np.errstate(over="ignore"):
            return 0.5 * np.exp(-t)

    def parts(z: np.ndarray) -> tuple[np.ndarray, ...]:
        theta, psi = z[..., 0, None], z[..., 1, None]
        fake = theta + nodes  # (*batch, k): blurred generator samples
        t = psi * fake
        return theta[..., 0], psi[..., 0], fake, t, psi * nodes

    def expect(values: np.ndarray) -> np.ndarray:
        return values @ weights

    def payoff_d(z: np.ndarray) -> np.ndarray:
        _, psi, _, t, t_real = parts(z)
        return (expect(f(t)) + expect(f(-t_real)) - 0.5 * gamma * psi**2
                - lam * (np.abs(psi) - 1.0) ** 2)

    def payoff_g(z: np.ndarray) -> np.ndarray:
        _, _, _, t, t_real = parts(z)
        if loss == "non_saturating":
            return expect(f(-t))
        if loss == "maximum_likelihood":
            return expect(half_exp(t))
        return -(expect(f(t)) + expect(f(-t_real)))

    def field(z: np.ndarray) -> np.ndarray:
        _, psi, fake, t, t_real = parts(z)
        if loss == "non_saturating":
            g_theta = -psi * expect(df(-t))
        elif loss == "maximum_likelihood":
            g_theta = -psi * expect(half_exp(t))
        else:
            g_theta = -psi * expect(df(t))
        g_psi = expect(fake * df(t)) - expect(nodes * df(-t_real)) - gamma * psi
        if lam:
            g_psi = g_psi - 2 * lam * (np.abs(psi) - 1.0) * np.sign(psi)
        return np.stack([g_theta, g_psi], axis=-1)

    def jacobian(z: np.ndarray) -> np.ndarray:
        _, psi, fake, t, t_real = parts(z)
        if lam and np.any(psi == 0):
            raise ValueError(
                "the WGAN-GP field of the Dirac-GAN has no Jacobian at psi = 0: the "
                f"penalty's gradient -2 lam (|psi| - 1) sign(psi) jumps there from "
                f"-{2 * lam:g} to +{2 * lam:g} (lam = {lam:g}), pushing |psi| away from 0 "
                "on both sides (Mescheder et al. 2018, Sec. 3: WGAN-GP does not converge).")
        pf = psi[..., None] * fake
        if loss == "non_saturating":
            j11 = psi**2 * expect(d2f(-t))
            j12 = -expect(df(-t) - pf * d2f(-t))
        elif loss == "maximum_likelihood":
            j11 = psi**2 * expect(half_exp(t))
            j12 = -expect(half_exp(t) * (1.0 - pf))
        else:
            j11 = -psi**2 * expect(d2f(t))
            j12 = -expect(df(t) + pf * d2f(t))
        j21 = expect(df(t) + pf * d2f(t))
        j22 = expect(fake**2 * d2f(t)) + expect(nodes**2 * d2f(-t_real)) - gamma - 2 * lam
        return np.stack([np.stack([j11, j12], -1), np.stack([j21, j22], -1)], -2)

    extras = [f"r1={r1:g}"] if r1 else []
    extras += [f"r2={r2:g}"] if r2 else []
    extras += [f"noise={sigma:g}"] if sigma else []
    extras += [f"gradient_penalty={lam:g}"] if lam else []
    extras += [f"clip={clip:g}"] if clip is not None else []
    label = f"Dirac-GAN ({loss}{', ' if extras else ''}{', '.join(extras)})"
    return DifferentiableGame(1, 1, payoff_g, payoff_d, field=field, jacobian=jacobian,
                              name=label, domain=domain, equilibrium=np.zeros(2))


def landscape() -> DifferentiableGame:
    """The illustrative loss landscape ``V = sin(a) cos(b) + 0.1 (a^2 - b^2)``.

    Player 1 (the generator angle ``a``) minimizes ``V``, player 2 (the discriminator
    angle ``b``) maximizes it. The field has several stationary points: local Nash
    equilibria, saddles of other kinds and points where the flow rotates; find and
    classify them with :func:`gamedyn.stability.find_stationary_points`. Built with
    :func:`~gamedyn.games.symbolic.from_sympy`, so the Jacobian is exact.

    Returns
    -------
    DifferentiableGame
        The game with ``n1 = n2 = 1``, built by :func:`~gamedyn.games.from_sympy`.

    Examples
    --------
    >>> import gamedyn as gd
    >>> game = gd.games.landscape()
    >>> game.field([0.0, 0.0]).tolist()      # (-dV/da, dV/db) = (-cos a cos b - 0.2 a, ...)
    [-1.0, -0.0]
    """
    import sympy

    from gamedyn.games.symbolic import from_sympy

    a, b = sympy.symbols("theta_G theta_D", real=True)
    v = sympy.sin(a) * sympy.cos(b) + sympy.Rational(1, 10) * (a**2 - b**2)
    return from_sympy(v, minimize=[a], maximize=[b],
                      name="landscape V = sin(a)cos(b) + 0.1(a^2 - b^2)")
