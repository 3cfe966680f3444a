"""The sample-based 1-D GAN as a stochastic two-player differentiable game."""

from __future__ import annotations

from typing import Any

import numpy as np

from gamedyn._validation import (
    as_generator,
    check_allocation,
    check_batch_shape,
    check_choice,
    check_positive_int,
)
from gamedyn.games.differentiable import DifferentiableGame
from gamedyn.games.differentiable import numeric_jacobian as _central_differences
from gamedyn.gan import losses
from gamedyn.gan.models import Affine, Quadratic, _OnDataScale
from gamedyn.gan.targets import Mixture, as_target

__all__ = ["GANGame", "Minibatch"]

_PROTOCOL = ("size", "init", "forward", "backward")


class Minibatch:
    """The randomness of one player update: real samples and latent draws, per run.

    Drawn lazily from ``rng`` on first use and then kept, so every evaluation inside one
    update sees the same samples (common random numbers) and an update that needs no
    real data (the generator's) draws none. ``real`` and ``latent`` have shape
    ``(*batch_shape, batch_size)``.
    """

    __slots__ = ("_rng", "_shape", "_target", "_real", "_latent")

    def __init__(self, rng: np.random.Generator, shape: tuple, target: Mixture) -> None:
        self._rng, self._shape, self._target = rng, shape, target
        self._real = self._latent = None

    @property
    def real(self) -> np.ndarray:
        """Data samples, shape ``(*batch_shape, batch_size)``."""
        if self._real is None:
            self._real = self._target.sample(self._shape[-1], self._rng, self._shape[:-1])
        return self._real

    @property
    def latent(self) -> np.ndarray:
        """Standard normal latent draws ``z``, shape ``(*batch_shape, batch_size)``."""
        if self._latent is None:
            self._latent = self._rng.standard_normal(self._shape)
        return self._latent


class _Fixed:
    """The fixed evaluation batch (shared by every run: broadcast where needed)."""

    __slots__ = ("real", "latent")

    def __init__(self, real: np.ndarray, latent: np.ndarray) -> None:
        self.real, self.latent = real, latent


def _provides(model: Any, name: str) -> bool:
    """Whether ``model`` (through data-scale wrappers) provides the optional ``name``."""
    if isinstance(model, _OnDataScale):
        return _provides(model.inner, name) and hasattr(model, name)
    return callable(getattr(model, name, None))


class GANGame(DifferentiableGame):
    """The sample-based 1-D GAN as a two-player differentiable game.

    Player 1 is the generator ``G`` with parameters ``theta_G`` (``n1 = generator.size``),
    player 2 the discriminator with logit ``l`` and ``D = sigmoid(l)`` (parameters
    ``theta_D``, ``n2 = discriminator.size``); ``z = concat(theta_G, theta_D)``. Each
    player **maximizes** its own payoff (gamedyn's convention)::

        V   = E_data log D(x) + E_z log(1 - D(G(z)))          (-log 4 at D = 1/2)
        u_D = V - (r1/2) E_data |dl/dx|^2                      (R1, Mescheder et al. 2018)
        u_G = -V                   loss = "minimax"            (G minimizes V)
        u_G = E_z log D(G(z))      loss = "non_saturating"
        u_G = 1/2 E_z exp(l(G(z))) loss = "maximum_likelihood" (Goodfellow 2016, 3.2.3)

    (for a data-scale discriminator, :class:`~gamedyn.gan.models.Standardized`, R1
    measures the slope in the standardized input). The field ``xi = (grad u_G, grad
    u_D)`` is computed with hand-derived backward passes on a minibatch: the game is
    **stochastic**. A dynamics draws the randomness of one player update with
    ``noise = game.draw(rng, batch_shape)`` (``batch_size`` real samples and latent draws
    per run) and evaluates ``field(z, noise)`` or, for one player's update only,
    ``partial_field(z, player, noise)`` (it costs that player's backward pass only).
    ``noise=None`` means the fixed evaluation batch (``eval_size`` samples drawn at
    construction from ``rng``): ``field``, ``payoffs``, ``jacobian`` and the stability
    analyzer then see one deterministic sample-average game.

    Parameters
    ----------
    target : (mean, std) or Mixture
        The data distribution.
    generator, discriminator : model objects
        Any objects following the model protocol of :mod:`gamedyn.gan.models`
        (``size``, ``init``, ``forward``, ``backward``). Default ``Affine()`` (``G(z) = mu
        + s z``) and ``Quadratic()`` (``l = w0 + w1 x + w2 x^2``): with a Gaussian target
        this is the sample version of :func:`gamedyn.gan.population_game`.
    loss : {"non_saturating", "minimax", "maximum_likelihood"}
        The generator's payoff.
    r1 : float or array_like
        R1 weight ``gamma >= 0``; an array broadcastable to the batch shape of the
        states gives one weight per run of an ensemble. Needs the discriminator's
        ``r1_gradient``.
    batch_size : int
        Real samples and latent draws per player update.
    eval_size : int
        Size of the fixed evaluation batch.
    numeric_jacobian : bool
        For models without second-order parts: allow :meth:`jacobian` by central
        differences of the field on the evaluation batch (for the stability analyzer;
        error about 1e-10). Off by default, so that methods needing Jacobian-vector
        products (consensus, SGA, proximal point) fail clearly instead of silently
        using an approximate, evaluation-batch Jacobian.
    rng : Generator, int, SeedSequence or None
        Draws the evaluation batch.

    Raises
    ------
    TypeError
        If a model lacks part of the protocol (the message names the model and the part).
    ValueError
        For an unknown ``loss``, a negative ``r1``, ``r1 > 0`` with a discriminator
        without ``r1_gradient``, or sizes below 1.

    Notes
    -----
    The Jacobian ``J = d xi/dz`` is exact (hand-derived) when the discriminator's logit
    is linear in its parameters (``features``) and the generator gives its second
    derivatives (``derivatives``), e.g. for the affine generator and the quadratic
    discriminator. Otherwise (the MLP) :meth:`jacobian` raises a ``ValueError`` that
    says so, unless ``numeric_jacobian=True`` (central differences of the field on the
    evaluation batch).

    References
    ----------
    Goodfellow, I. et al. (2014). Generative adversarial nets. NeurIPS, eq. (1).
    Goodfellow, I. (2016). NIPS 2016 tutorial: generative adversarial networks.
    arXiv:1701.00160, Section 3.2. Mescheder, L., Geiger, A. & Nowozin, S. (2018). Which
    training methods for GANs do actually converge? ICML, eq. (9) (R1).

    Examples
    --------
    >>> import numpy as np, gamedyn as gd
    >>> game = gd.gan.GANGame((1.0, 0.5), rng=0)
    >>> game.n1, game.n2, game.stochastic
    (2, 3, True)
    >>> z = np.array([0.0, 1.0, 0.0, 0.0, 0.0])  # G = N(0, 1), D = 1/2 everywhere
    >>> bool(np.isclose(game.payoffs(z)[1], -np.log(4)))
    True
    >>> noise = game.draw(np.random.default_rng(1), ())
    >>> game.partial_field(z, 2, noise).shape
    (3,)
    """

    __slots__ = ("target", "generator", "discriminator", "loss", "r1", "batch_size",
                 "eval_size", "numeric_jacobian", "_eval", "_signs", "_eval_signs",
                 "_use_r1", "_r1_column")

    def __init__(self, target: Any = (0.0, 1.0), generator: Any = None,
                 discriminator: Any = None, loss: str = "non_saturating", r1: Any = 0.0, *,
                 batch_size: int = 256, eval_size: int = 2048, numeric_jacobian: bool = False,
                 rng: Any = None) -> None:
        target = as_target(target)
        generator = Affine() if generator is None else generator
        discriminator = Quadratic() if discriminator is None else discriminator
        for label, model in (("generator", generator), ("discriminator", discriminator)):
            missing = [part for part in _PROTOCOL if not hasattr(model, part)]
            if missing:
                raise TypeError(f"`{label}` must follow the model protocol of "
                                f"gamedyn.gan.models (size, init, forward, backward); "
                                f"{model!r} lacks {', '.join(missing)}.")
        check_choice(loss, "loss", losses.GAN_LOSSES)
        if isinstance(r1, (str, bytes, bool, np.bool_)) or (
                isinstance(r1, np.ndarray) and r1.dtype.kind not in "fiu"):
            raise TypeError(f"`r1` must be a number >= 0 or an array of them; got {r1!r}.")
        try:
            gamma = np.asarray(r1, dtype=float) if not isinstance(r1, np.ndarray) else r1
        except (TypeError, ValueError, OverflowError):
            raise TypeError(f"`r1` must be a number >= 0 or an array of them; got "
                            f"{r1!r}.") from None
        if gamma.dtype.kind not in "fiu" or not np.all(np.isfinite(gamma)) or np.any(gamma < 0):
            raise ValueError(f"`r1` must be a number >= 0 or an array of them; got {r1!r}.")
        gamma = np.array(gamma, dtype=float)
        gamma.setflags(write=False)
        use_r1 = bool(np.any(gamma > 0))
        if use_r1 and not _provides(discriminator, "r1_gradient"):
            raise ValueError(f"`r1` > 0 needs a discriminator with r1_gradient (the R1 "
                             f"penalty's gradient); {discriminator!r} has none.")
        if not isinstance(numeric_jacobian, bool):
            raise TypeError(f"`numeric_jacobian` must be True or False; got "
                            f"{numeric_jacobian!r}.")
        batch_size = check_positive_int(batch_size, "batch_size")
        eval_size = check_positive_int(eval_size, "eval_size")
        check_allocation((2, batch_size), "batch_size")  # sizes before allocating
        check_allocation((2, eval_size), "eval_size")
        stream = as_generator(rng, "rng")
        evaluation = _Fixed(target.sample(eval_size, stream), stream.standard_normal(eval_size))
        for array in (evaluation.real, evaluation.latent):
            array.setflags(write=False)
        n1, n2 = int(generator.size), int(discriminator.size)
        exact = _provides(discriminator, "features") and _provides(generator, "derivatives")
        super().__init__(
            n1, n2, self._payoff_g, self._payoff_d, field=self._eval_field,
            jacobian=self._eval_jacobian if exact else None,
            name=f"GAN game, data {target!r}, {loss}" + (f", R1 {r1}" if use_r1 else ""))
        set_ = object.__setattr__
        for key, value in (("target", target), ("generator", generator),
                           ("discriminator", discriminator), ("loss", loss), ("r1", gamma),
                           ("batch_size", batch_size), ("eval_size", eval_size),
                           ("numeric_jacobian", numeric_jacobian),
                           ("_eval", evaluation), ("_use_r1", use_r1),
                           ("_r1_column", gamma[..., None]),
                           ("_signs", np.repeat([-1.0, 1.0], batch_size)),
                           ("_eval_signs", np.repeat([-1.0, 1.0], eval_size))):
            set_(self, key, value)

    # ------------------------------------------------------------------ randomness
    @property
    def stochastic(self) -> bool:
        """True: the field is a minibatch estimate (see :meth:`draw`)."""
        return True

    def draw(self, rng: Any, batch_shape: tuple = ()) -> Minibatch:
        """The randomness of one player update for states of batch shape ``batch_shape``.

        ``batch_size`` real samples and latent draws per run, each drawn from ``rng``
        when first used (so a generator update, which needs no real data, draws none;
        the order of the two follows the evaluations, the same for the same dynamics
        and seed). Pass it to :meth:`field` or
        :meth:`partial_field`. ``rng``: a Generator (advanced), an int seed, a
        SeedSequence or None (fresh entropy).
        """
        if not isinstance(rng, np.random.Generator):
            rng = as_generator(rng, "rng")
        if not isinstance(batch_shape, tuple) or not all(
                isinstance(k, (int, np.integer)) and not isinstance(k, bool) and k >= 0
                for k in batch_shape):
            raise TypeError(f"`batch_shape` must be a tuple of non-negative ints; got "
                            f"{batch_shape!r}.")
        return Minibatch(rng, tuple(batch_shape) + (self.batch_size,), self.target)

    @property
    def evaluation_batch(self) -> tuple[np.ndarray, np.ndarray]:
        """The fixed evaluation batch ``(real, latent)``, each of shape ``(eval_size,)``."""
        return self._eval.real, self._eval.latent

    # ------------------------------------------------------------------ the field
    def field(self, z: Any, noise: Any = None) -> np.ndarray:
        """``xi(z) = (grad u_G, grad u_D)`` on the minibatch ``noise`` (default: the
        evaluation batch), shape ``(*batch, n)``."""
        z = self._state(z)
        self._check_noise(noise)
        with np.errstate(all="ignore"):
            field = self.field_unchecked(z, noise)
        if not np.all(np.isfinite(field)):
            raise ValueError("the field is not finite at this `z` (the models overflow "
                             "there); evaluate it at smaller parameters.")
        return field

    def _check_noise(self, noise: Any) -> None:
        if noise is not None and not isinstance(noise, Minibatch):
            raise TypeError(f"`noise` must be a minibatch made by this game's draw() or "
                            f"None (the evaluation batch); got {noise!r}.")

    def field_unchecked(self, z: np.ndarray, noise: Any = None) -> np.ndarray:
        """:meth:`field` without validation (``z`` a float array)."""
        return np.concatenate([self.partial_field(z, 1, noise),
                               self.partial_field(z, 2, noise)], axis=-1)

    def partial_field(self, z: np.ndarray, player: int, noise: Any = None) -> np.ndarray:
        """One player's block of the field: ``grad u_G`` (player 1, shape ``(*batch,
        n1)``) or ``grad u_D`` (player 2, ``(*batch, n2)``), on the minibatch ``noise``.

        Costs one backward pass of that player's update only: the discriminator's
        parameter gradient over real and fake samples in one pass, or the
        discriminator's input gradient pulled back through the generator. It is the
        hot path of every dynamics and, like :meth:`field_unchecked`, does not check
        ``z`` (use :meth:`field` for a validated evaluation: at a state so large that the
        models overflow, numpy warns and the block is not finite); ``player`` and ``noise``
        are checked.
        """
        if (not isinstance(player, (int, np.integer)) or isinstance(player, (bool, np.bool_))
                or player not in (1, 2)):
            raise ValueError(f"`player` must be the int 1 or 2; got {player!r}.")
        self._check_noise(noise)
        batch = self._eval if noise is None else noise
        params_g, params_d = z[..., : self.n1], z[..., self.n1 :]
        lead = z.shape[:-1]
        G, D = self.generator, self.discriminator
        if player == 1:
            fake, g_cache = G.forward(params_g, _spread(batch.latent, lead))
            logits, d_cache = D.forward(params_d, fake)
            upstream = losses.generator_payoff_gradient(logits, self.loss)
            pulled = D.backward(params_d, d_cache, upstream, wrt="input")[1]
            return G.backward(params_g, g_cache, pulled, wrt="params")[0]
        real = _spread(batch.real, lead)
        fake = G.forward(params_g, _spread(batch.latent, lead))[0]
        # one pass over real and fake samples: the gradient of a sum is the sum
        logits, cache = D.forward(params_d, np.concatenate([real, fake], axis=-1))
        signs = self._eval_signs if noise is None else self._signs
        upstream = losses.value_gradient_signed(logits, signs)
        grad = D.backward(params_d, cache, upstream, wrt="params")[0]
        if self._use_r1:  # the penalty is linear in gamma
            self._check_r1(lead)
            grad = grad - self._r1_column * D.r1_gradient(params_d, real, 1.0)[1]
        return grad

    def for_batch(self, batch_shape: tuple[int, ...]) -> GANGame:
        """This game for states of batch shape ``batch_shape`` flattened to one axis: per-run
        R1 weights are broadcast to ``batch_shape`` and flattened (``self`` when ``r1`` is
        a number).

        Raises
        ------
        ValueError
            If the per-run ``r1`` does not broadcast to ``batch_shape``.

        Examples
        --------
        >>> import numpy as np, gamedyn as gd
        >>> game = gd.gan.GANGame((1.0, 0.5), r1=np.array([0.0, 0.5, 1.0]), rng=0)
        >>> game.for_batch((2, 3)).r1.tolist()
        [0.0, 0.5, 1.0, 0.0, 0.5, 1.0]
        """
        batch_shape = check_batch_shape(batch_shape)
        if not self.r1.ndim:
            return self
        self._check_r1(batch_shape)
        flat = np.broadcast_to(self.r1, batch_shape).reshape(-1).copy()
        played = object.__new__(type(self))  # a copy (the game is immutable)
        for cls in type(self).__mro__:
            for name in getattr(cls, "__slots__", ()):
                if hasattr(self, name):
                    object.__setattr__(played, name, getattr(self, name))
        for name, value in getattr(self, "__dict__", {}).items():
            object.__setattr__(played, name, value)
        object.__setattr__(played, "r1", flat)
        object.__setattr__(played, "_r1_column", flat[:, None])
        return played

    def _check_r1(self, lead: tuple) -> None:
        """Per-run R1 weights must broadcast to the states' batch shape ``lead``."""
        if not self.r1.ndim:
            return
        try:
            fits = np.broadcast_shapes(self.r1.shape, lead) == lead
        except ValueError:  # numpy's own message names neither `r1` nor the runs
            fits = False
        if not fits:
            raise ValueError(f"`r1` has shape {self.r1.shape}, which does not broadcast to "
                             f"the states' batch shape {lead} (one weight per run).")

    def _eval_field(self, z: np.ndarray) -> np.ndarray:
        return self.field_unchecked(z, None)

    # ------------------------------------------------------------------ payoffs
    def _logits(self, z: np.ndarray, batch: Any) -> tuple[np.ndarray, np.ndarray]:
        lead = z.shape[:-1]
        params_g, params_d = z[..., : self.n1], z[..., self.n1 :]
        fake = self.generator.forward(params_g, _spread(batch.latent, lead))[0]
        real = _spread(batch.real, lead)
        return (self.discriminator.forward(params_d, real)[0],
                self.discriminator.forward(params_d, fake)[0])

    def _payoff_d(self, z: np.ndarray) -> np.ndarray:
        real_logits, fake_logits = self._logits(z, self._eval)
        value = losses.value(real_logits, fake_logits)
        if self._use_r1:
            self._check_r1(z.shape[:-1])
            params_d = z[..., self.n1 :]
            real = _spread(self._eval.real, z.shape[:-1])
            value = value - self.r1 * self.discriminator.r1_gradient(params_d, real, 1.0)[0]
        return value

    def _payoff_g(self, z: np.ndarray) -> np.ndarray:
        real_logits, fake_logits = self._logits(z, self._eval)
        payoff = losses.generator_payoff(fake_logits, self.loss)
        if self.loss == "minimax":  # u_G = -V includes the real term (no generator there)
            payoff = payoff + losses.softplus(-real_logits).mean(-1)
        return payoff

    # ------------------------------------------------------------------ Jacobian
    @property
    def has_exact_jacobian_products(self) -> bool:
        """Whether Jacobian-vector products on a minibatch are exact (hand-derived)."""
        return self._jacobian is not None

    def jacobian(self, z: Any, noise: Any = None) -> np.ndarray:
        """``J = d xi/dz`` on the minibatch ``noise`` (default: the evaluation batch),
        shape ``(*batch, n, n)``.

        Exact when the models provide second-order parts (see :mod:`gamedyn.gan.models`);
        for other models central differences on the evaluation batch if the game was
        built with ``numeric_jacobian=True``.

        Raises
        ------
        ValueError
            For models without second-order parts (unless ``numeric_jacobian`` and
            ``noise`` is None): there are no exact Jacobian-vector products, which
            consensus, SGA and the proximal point method need.
        """
        z = self._state(z)
        self._check_noise(noise)
        if self._jacobian is not None:
            with np.errstate(all="ignore"):
                J = self._exact_jacobian(z, self._eval if noise is None else noise)
            if not np.all(np.isfinite(J)):
                raise ValueError("the Jacobian is not finite at this `z` (the models "
                                 "overflow there); evaluate it at smaller parameters.")
            return J
        if noise is not None or not self.numeric_jacobian:
            raise ValueError(
                "this GAN game has no exact Jacobian at any `z` (nor Jacobian-vector "
                "products): they "
                "are hand-derived for a `discriminator` linear in its parameters (features) "
                "and a `generator` with second derivatives (derivatives), e.g. Affine and "
                f"Quadratic, not for {self.generator!r} / {self.discriminator!r}; so "
                "consensus, SGA and the proximal point method cannot train it (use "
                "another dynamics). For stability analysis on the evaluation batch, build "
                "the game with numeric_jacobian=True (central differences).")
        return _central_differences(self._eval_field, z)

    def _eval_jacobian(self, z: np.ndarray) -> np.ndarray:
        return self._exact_jacobian(z, self._eval)

    def _exact_jacobian(self, z: np.ndarray, batch: Any) -> np.ndarray:
        """The hand-derived Jacobian (sample averages; ``c`` the generator coefficient).

        With ``x = G(theta, eps)``, ``l = w . phi(x)``, ``l_x = w . dphi``, ``l_xx = w .
        d2phi``, ``s(l) = sigmoid(l) sigmoid(-l)``::

            d xi_G/d theta = E[(c' l_x^2 + c l_xx) dG dG^T + c l_x d2G]
            d xi_G/d w     = E[c' l_x dG phi^T + c dG dphi^T]
            d xi_D/d theta = -E_fake[(s l_x phi + sigmoid(l) dphi) dG^T]
            d xi_D/d w     = -E_real[s phi phi^T] - E_fake[s phi phi^T] - r1 E_real[rho rho^T]
        """
        G, D = self.generator, self.discriminator
        lead = z.shape[:-1]
        params_g, w = z[..., : self.n1], z[..., self.n1 :]
        latent = _spread(batch.latent, lead)
        fake = G.forward(params_g, latent)[0]
        dG, d2G = G.derivatives(params_g, latent)
        phi, dphi, d2phi = D.features(fake)
        logit = np.einsum("...bp,...p->...b", phi, w)
        slope = np.einsum("...bp,...p->...b", dphi, w)
        bend = np.einsum("...bp,...p->...b", d2phi, w)
        c, dc = losses.generator_coefficient(logit, self.loss)
        count = fake.shape[-1]
        gg = (np.einsum("...b,...bi,...bj->...ij", dc * slope**2 + c * bend, dG, dG)
              + np.einsum("...b,...bij->...ij", c * slope, d2G)) / count
        gd = (np.einsum("...b,...bi,...bf->...if", dc * slope, dG, phi)
              + np.einsum("...b,...bi,...bf->...if", c, dG, dphi)) / count
        up = losses.sigmoid(logit)
        curve = up * losses.sigmoid(-logit)
        dg = -(np.einsum("...b,...bf,...bi->...fi", curve * slope, phi, dG)
               + np.einsum("...b,...bf,...bi->...fi", up, dphi, dG)) / count
        real = _spread(batch.real, lead)
        phi_r = D.features(real)[0]
        logit_r = np.einsum("...bp,...p->...b", phi_r, w)
        curve_r = losses.sigmoid(logit_r) * losses.sigmoid(-logit_r)
        dd = -(np.einsum("...b,...bf,...bg->...fg", curve_r, phi_r, phi_r) / real.shape[-1]
               + np.einsum("...b,...bf,...bg->...fg", curve, phi, phi) / count)
        if self._use_r1:
            self._check_r1(lead)
            rho = D.r1_features(real)
            dd = dd - self.r1[..., None, None] * np.einsum(
                "...bf,...bg->...fg", rho, rho) / real.shape[-1]
        top = np.concatenate([gg, gd], axis=-1)
        bottom = np.concatenate([dg, dd], axis=-1)
        return np.concatenate([top, bottom], axis=-2)

    def __repr__(self) -> str:
        return (f"GANGame({self.target!r}, generator={self.generator!r}, discriminator="
                f"{self.discriminator!r}, loss={self.loss!r}, batch_size={self.batch_size})")


def _spread(samples: np.ndarray, lead: tuple) -> np.ndarray:
    """``samples`` with the runs' leading axes ``lead`` (a broadcast view when shared)."""
    if samples.shape[:-1] == lead:
        return samples
    try:
        return np.broadcast_to(samples, lead + samples.shape[-1:])
    except ValueError:  # numpy's message names neither the noise nor the runs
        raise ValueError(f"`noise` was drawn for runs of batch shape {samples.shape[:-1]}, "
                         f"which does not broadcast to the states' batch shape {lead}: "
                         "draw it with game.draw(rng, z.shape[:-1]).") from None
