"""The sample-based 1-D GAN as a stochastic two-player differentiable game."""

from __future__ import annotations

from typing import Any, cast

import numpy as np

from gamedyn._validation import (
    as_generator,
    as_real_array,
    check_allocation,
    check_batch_shape,
    check_bool,
    check_choice,
    check_nonnegative,
    check_positive,
    check_positive_int,
)
from gamedyn.games.differentiable import DifferentiableGame
from gamedyn.games.differentiable import numeric_jacobian as _central_differences
from gamedyn.gan import losses, spectral
from gamedyn.gan.models import Affine, Quadratic, _OnDataScale
from gamedyn.gan.targets import Mixture, as_target

__all__ = ["GANGame", "Minibatch"]

_PROTOCOL = ("size", "init", "forward", "backward")


class Minibatch:
    """The randomness of one player update: real samples and latent draws, per run.

    Drawn lazily from ``rng`` on first use and then kept, so every evaluation inside one
    update sees the same samples (common random numbers) and an update that needs no
    real data (the generator's) draws none. ``real`` and ``latent`` have shape
    ``(*batch_shape, batch_size)``; so do ``real_jitter`` and ``fake_jitter`` (standard
    normal instance noise, scaled by the game) and ``mix`` (the ``U(0, 1)`` weights of
    the gradient penalty's interpolates), drawn only by games that use them.

    For a game with spectral normalization the minibatch also carries the power
    iteration's vectors (the *auxiliary state*, :mod:`gamedyn.gan.spectral`): the ones
    the update starts from, advanced by one power step at the first evaluation of the
    discriminator's field (and then held fixed for the rest of the update: an
    extragradient's second point, a Newton iteration); :attr:`auxiliary` gives the state
    after the update.
    """

    __slots__ = ("_rng", "_shape", "_target", "_real", "_latent", "_real_jitter",
                 "_fake_jitter", "_mix", "_auxiliary", "_advanced")
    _real: np.ndarray | None  # each drawn when first used
    _latent: np.ndarray | None
    _real_jitter: np.ndarray | None
    _fake_jitter: np.ndarray | None
    _mix: np.ndarray | None
    _auxiliary: np.ndarray | None
    _advanced: np.ndarray | None

    def __init__(self, rng: np.random.Generator, shape: tuple, target: Mixture,
                 auxiliary: np.ndarray | None = None) -> None:
        self._rng, self._shape, self._target = rng, shape, target
        self._real = self._latent = self._real_jitter = self._fake_jitter = self._mix = None
        self._auxiliary, self._advanced = auxiliary, None

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

    @property
    def real_jitter(self) -> np.ndarray:
        """Standard normal instance noise for the real samples."""
        if self._real_jitter is None:
            self._real_jitter = self._rng.standard_normal(self._shape)
        return self._real_jitter

    @property
    def fake_jitter(self) -> np.ndarray:
        """Standard normal instance noise for the generator's samples."""
        if self._fake_jitter is None:
            self._fake_jitter = self._rng.standard_normal(self._shape)
        return self._fake_jitter

    @property
    def mix(self) -> np.ndarray:
        """``U(0, 1)`` interpolation weights of the gradient penalty."""
        if self._mix is None:
            self._mix = self._rng.random(self._shape)
        return self._mix

    @property
    def auxiliary(self) -> np.ndarray | None:
        """The auxiliary state after this update (None for a game without one)."""
        return self._advanced if self._advanced is not None else self._auxiliary


class _Fixed:
    """The fixed evaluation batch (shared by every run: broadcast where needed)."""

    __slots__ = ("real", "latent", "real_jitter", "fake_jitter", "mix", "auxiliary")
    real: np.ndarray
    latent: np.ndarray
    real_jitter: np.ndarray | None
    fake_jitter: np.ndarray | None
    mix: np.ndarray | None
    auxiliary: None

    def __init__(self, real: np.ndarray, latent: np.ndarray) -> None:
        self.real, self.latent = real, latent
        self.real_jitter = self.fake_jitter = self.mix = self.auxiliary = None


def _provides(model: Any, name: str) -> bool:
    """Whether ``model`` (through data-scale wrappers) provides the optional ``name``."""
    if isinstance(model, _OnDataScale):
        return _provides(model.inner, name) and hasattr(model, name)
    return callable(getattr(model, name, None))


def _depth(model: Any) -> int:
    """The depth of an MLP (through data-scale wrappers); 1 for other models."""
    if isinstance(model, _OnDataScale):
        return _depth(model.inner)
    return int(getattr(model, "depth", 1))


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
    measures the slope in the standardized input). With ``loss="wasserstein"`` the
    discriminator is a critic whose unbounded output ``f = l`` is not squashed
    (Arjovsky et al. 2017)::

        u_D = E_data f(x) - E_z f(G(z)) - R1 - GP,     u_G = E_z f(G(z))

    Stabilizers of the discriminator (each composes with every loss and the others):

    * ``gradient_penalty=lam`` (Gulrajani et al. 2017, Alg. 1): ``u_D`` loses
      ``GP = lam E (|dl/dx (x_hat)| - 1)^2`` at ``x_hat = e x + (1 - e) G(z)``, ``e ~ U(0,
      1)`` drawn per sample in the minibatch; ``dl/dx`` in data units. The penalty is part
      of the critic's payoff only: ``x_hat`` depends on the generator's samples, but the
      generator's payoff does not contain the penalty, so no gradient of it reaches the
      generator (as in WGAN-GP, where only the critic's loss has it). Its parameter
      gradient is hand-derived double backpropagation (the models' ``input_gradient_vjp``).
    * ``clip=c`` (Arjovsky et al. 2017, Alg. 1): after every update the discriminator's
      parameters are clipped to ``[-c, c]``, by :meth:`project`, the projection every
      dynamics applies after each (partial) update. The field is unchanged.
    * ``spectral_norm=True`` (Miyato et al. 2018): each weight matrix ``W`` of the
      discriminator (its ``weight_matrices()``) is used as ``W / sigma``, ``sigma = u^T W
      v``, with the power iteration's ``u``, ``v`` advanced by one step per discriminator
      update and held fixed in the gradient (:mod:`gamedyn.gan.spectral`). ``u`` and ``v``
      are per-run state carried across rounds: this game's *auxiliary state*
      (:meth:`init_auxiliary`), which the dynamics keep in their state (a field
      ``auxiliary`` before ``t``) and hand to :meth:`draw`; the minibatch advances it
      once, at the first evaluation of the discriminator's field in the update, and
      returns it as ``noise.auxiliary``. So it survives ``simulate(..., state=...)``
      segments bit for bit, follows the runs of an ensemble, and is advanced exactly once
      per discriminator update whatever the method (extragradient's and optimistic's
      extra points, alternating play's generator updates do not advance it; a
      simultaneous update advances it before both players' gradients are taken). On the
      evaluation batch (``noise=None``: :meth:`field`, :meth:`payoffs`, the analyzer)
      the exact largest singular value is used (numpy's SVD: the power iteration's limit).
    * ``instance_noise=sigma`` (Sonderby et al. 2016; Arjovsky & Bottou 2017): the
      discriminator sees ``x + sigma e`` and ``G(z) + sigma e'``, ``e, e'`` standard
      normal drawn in the minibatch (common random numbers within an update), in every
      term above; the generator's gradient flows through ``G(z) + sigma e'``.

    The field ``xi = (grad u_G, grad u_D)`` is computed with hand-derived backward
    passes on a minibatch: the game is **stochastic**. A dynamics draws the randomness
    of one player update with
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
    loss : {"non_saturating", "minimax", "maximum_likelihood", "wasserstein"}
        The generator's payoff; ``"wasserstein"`` also makes the discriminator a critic.
    r1 : float or array_like
        R1 weight ``gamma >= 0``; an array broadcastable to the batch shape of the
        states gives one weight per run of an ensemble. Needs the discriminator's
        ``r1_gradient``.
    spectral_norm : bool
        Spectral normalization of the discriminator's weight matrices (needs its
        ``weight_matrices``).
    clip : float or None
        Clip the discriminator's parameters to ``[-clip, clip]`` after each update.
    gradient_penalty : float
        Weight ``lam >= 0`` of the gradient penalty (needs the discriminator's
        ``input_gradient_vjp``; the MLP's is derived for depth 1).
    instance_noise : float
        Standard deviation ``sigma >= 0`` of the instance noise.
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
        For an unknown ``loss``, a negative ``r1``, ``gradient_penalty`` or
        ``instance_noise``, a ``clip`` that is not positive, a stabilizer the
        discriminator lacks the parts for (``r1_gradient``, ``input_gradient_vjp``,
        ``weight_matrices``), or sizes below 1.

    Notes
    -----
    The Jacobian ``J = d xi/dz`` is exact (hand-derived) when the discriminator's logit
    is linear in its parameters (``features``) and the generator gives its second
    derivatives (``derivatives``), e.g. for the affine generator and the quadratic
    discriminator, with any loss and clipping, but without spectral normalization,
    gradient penalty or instance noise. Otherwise (the MLP) :meth:`jacobian` raises a
    ``ValueError`` that says so, unless ``numeric_jacobian=True`` (central differences of
    the field on the evaluation batch).

    References
    ----------
    Goodfellow, I. et al. (2014). Generative adversarial nets. NeurIPS, eq. (1).
    Goodfellow, I. (2016). NIPS 2016 tutorial: generative adversarial networks.
    arXiv:1701.00160, Section 3.2. Mescheder, L., Geiger, A. & Nowozin, S. (2018). Which
    training methods for GANs do actually converge? ICML, eq. (9) (R1). Arjovsky, M.,
    Chintala, S. & Bottou, L. (2017). Wasserstein GAN. ICML, eq. (3) and Algorithm 1.
    Gulrajani, I. et al. (2017). Improved training of Wasserstein GANs. NeurIPS,
    Algorithm 1. Miyato, T. et al. (2018). Spectral normalization for generative
    adversarial networks. ICLR, Algorithm 1. Sonderby, C. K. et al. (2017). Amortised MAP
    inference for image super-resolution. ICLR, Section 3.2 (instance noise). Arjovsky,
    M. & Bottou, L. (2017). Towards principled methods for training GANs. ICLR, Section 4.

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
    >>> critic = gd.gan.GANGame((1.0, 0.5), loss="wasserstein", gradient_penalty=10.0,
    ...                         rng=0)
    >>> critic.partial_field(z, 2, critic.draw(np.random.default_rng(1), ())).shape
    (3,)
    """

    __slots__ = ("target", "generator", "discriminator", "loss", "r1", "batch_size",
                 "eval_size", "numeric_jacobian", "_eval", "_signs", "_eval_signs",
                 "_use_r1", "_r1_column", "spectral_norm", "clip", "gradient_penalty",
                 "instance_noise", "_layout")
    target: Mixture
    generator: Any  # a model of gamedyn.gan.models' protocol (size, init, forward, ...)
    discriminator: Any
    loss: str
    r1: np.ndarray
    batch_size: int
    eval_size: int
    numeric_jacobian: bool
    _eval: _Fixed
    _signs: np.ndarray
    _eval_signs: np.ndarray
    _use_r1: bool
    _r1_column: np.ndarray
    spectral_norm: bool
    clip: float | None
    gradient_penalty: float
    instance_noise: float
    _layout: tuple

    def __init__(self, target: Any = (0.0, 1.0), generator: Any = None,
                 discriminator: Any = None, loss: str = "non_saturating", r1: Any = 0.0, *,
                 spectral_norm: bool = False, clip: Any = None, gradient_penalty: Any = 0.0,
                 instance_noise: Any = 0.0, batch_size: int = 256, eval_size: int = 2048,
                 numeric_jacobian: bool = False, rng: Any = None) -> None:
        target = as_target(target)
        generator = Affine() if generator is None else generator
        discriminator = Quadratic() if discriminator is None else discriminator
        for label, model in (("generator", generator), ("discriminator", discriminator)):
            missing = [part for part in _PROTOCOL if not hasattr(model, part)]
            if missing:
                raise TypeError(f"`{label}` must follow the model protocol of "
                                f"gamedyn.gan.models (size, init, forward, backward); "
                                f"{model!r} lacks {', '.join(missing)}.")
        check_choice(loss, "loss", losses.SAMPLE_LOSSES)
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
        spectral_norm = check_bool(spectral_norm, "spectral_norm")
        clip = None if clip is None else check_positive(clip, "clip")
        penalty = check_nonnegative(gradient_penalty, "gradient_penalty")
        jitter = check_nonnegative(instance_noise, "instance_noise")
        for flag, part, name in ((spectral_norm, "weight_matrices", "`spectral_norm`=True"),
                                 (penalty > 0, "input_gradient_vjp", "`gradient_penalty` > 0")):
            if flag and not _provides(discriminator, part):
                raise ValueError(f"{name} needs a discriminator with {part}; "
                                 f"{discriminator!r} has none.")
        if penalty > 0 and _depth(discriminator) != 1:
            raise ValueError("`gradient_penalty` > 0 needs the slope's parameter gradient, "
                             "derived for depth-1 MLP discriminators; got "
                             f"{discriminator!r}.")
        layout = spectral.layout_of(discriminator) if spectral_norm else ()
        batch_size = check_positive_int(batch_size, "batch_size")
        eval_size = check_positive_int(eval_size, "eval_size")
        check_allocation((2, batch_size), "batch_size")  # sizes before allocating
        check_allocation((2, eval_size), "eval_size")
        stream = as_generator(rng, "rng")
        evaluation = _Fixed(target.sample(eval_size, stream), stream.standard_normal(eval_size))
        if jitter > 0:  # drawn after the others: games without it keep their batch
            evaluation.real_jitter = stream.standard_normal(eval_size)
            evaluation.fake_jitter = stream.standard_normal(eval_size)
        if penalty > 0:
            evaluation.mix = stream.random(eval_size)
        for array in (evaluation.real, evaluation.latent, evaluation.real_jitter,
                      evaluation.fake_jitter, evaluation.mix):
            if array is not None:
                array.setflags(write=False)
        n1, n2 = int(generator.size), int(discriminator.size)
        exact = (_provides(discriminator, "features") and _provides(generator, "derivatives")
                 and not spectral_norm and penalty == 0 and jitter == 0)
        extras = [f"R1 {r1}" if use_r1 else "", "spectral norm" if spectral_norm else "",
                  f"clip {clip:g}" if clip is not None else "",
                  f"GP {penalty:g}" if penalty > 0 else "",
                  f"instance noise {jitter:g}" if jitter > 0 else ""]
        super().__init__(
            n1, n2, self._payoff_g, self._payoff_d, field=self._eval_field,
            jacobian=self._eval_jacobian if exact else None,
            name=f"GAN game, data {target!r}, {loss}" + "".join(
                f", {item}" for item in extras if item))
        set_ = object.__setattr__
        for key, value in (("target", target), ("generator", generator),
                           ("discriminator", discriminator), ("loss", loss), ("r1", gamma),
                           ("batch_size", batch_size), ("eval_size", eval_size),
                           ("numeric_jacobian", numeric_jacobian),
                           ("_eval", evaluation), ("_use_r1", use_r1),
                           ("_r1_column", gamma[..., None]),
                           ("_signs", np.repeat([-1.0, 1.0], batch_size)),
                           ("_eval_signs", np.repeat([-1.0, 1.0], eval_size)),
                           ("spectral_norm", spectral_norm), ("clip", clip),
                           ("gradient_penalty", penalty), ("instance_noise", jitter),
                           ("_layout", layout)):
            set_(self, key, value)

    # ------------------------------------------------------------------ randomness
    @property
    def stochastic(self) -> bool:
        """True: the field is a minibatch estimate (see :meth:`draw`)."""
        return True

    def draw(self, rng: Any, batch_shape: tuple = (), auxiliary: Any = None) -> Minibatch:
        """The randomness of one player update for states of batch shape ``batch_shape``.

        ``batch_size`` real samples and latent draws per run, each drawn from ``rng``
        when first used (so a generator update, which needs no real data, draws none;
        the order of the two follows the evaluations, the same for the same dynamics
        and seed). Pass it to :meth:`field` or
        :meth:`partial_field`. ``rng``: a Generator (advanced), an int seed, a
        SeedSequence or None (fresh entropy). ``auxiliary``: with spectral
        normalization, the auxiliary state the update starts from (shape ``(*batch_shape,
        A)``, from :meth:`init_auxiliary` or the previous update's ``noise.auxiliary``);
        without it the minibatch uses the exact spectral norm.

        Parameters
        ----------
        rng : numpy.random.Generator, int, SeedSequence or None
            A Generator (advanced), an int seed, a SeedSequence or None (fresh entropy).
        batch_shape : tuple of int, default ()
            The batch shape of the states the minibatch is used with.
        auxiliary : ndarray, shape (*batch_shape, A), optional
            With spectral normalization, the auxiliary state the update starts from.

        Returns
        -------
        Minibatch
            Lazily drawn real samples and latent draws, ``batch_size`` per run.
        """
        if not isinstance(rng, np.random.Generator):
            rng = as_generator(rng, "rng")
        if not isinstance(batch_shape, tuple) or not all(
                isinstance(k, (int, np.integer)) and not isinstance(k, bool) and k >= 0
                for k in batch_shape):
            raise TypeError(f"`batch_shape` must be a tuple of non-negative ints; got "
                            f"{batch_shape!r}.")
        if auxiliary is not None:
            auxiliary = self._check_auxiliary(auxiliary, tuple(batch_shape))
        return Minibatch(rng, tuple(batch_shape) + (self.batch_size,), self.target, auxiliary)

    def init_auxiliary(self, z: np.ndarray) -> np.ndarray | None:
        """Return the auxiliary state at ``z``, shape ``(*batch, A)``.

        With spectral normalization it holds the power iteration's ``u`` and ``v`` of every
        weight matrix after one power step from a fixed generic start
        (:mod:`gamedyn.gan.spectral`); None without it.

        Parameters
        ----------
        z : array_like, shape (*batch, n1 + n2)
            Joint states ``concat(generator parameters, discriminator parameters)``.

        Returns
        -------
        ndarray, shape (*batch, A), or None
            The auxiliary state.

        Raises
        ------
        ValueError
            For a ``z`` that is not a finite array of shape ``(*batch, n1 + n2)``.
        """
        z = self._state(z)
        if not self.spectral_norm:
            return None
        params_d = z[..., self.n1 :]
        for start, stop, rows, cols, _ in self._layout:
            if np.any(np.all(params_d[..., start:stop] == 0, axis=-1)):
                raise ValueError(
                    f"`z` has a zero {rows} x {cols} weight matrix (discriminator "
                    f"parameters {start}:{stop}): spectral normalization divides it by its "
                    "largest singular value, 0; start from nonzero weights.")
        with np.errstate(all="ignore"):
            vectors = spectral.initial_vectors(params_d, self._layout)
        if not np.all(np.isfinite(vectors)):
            raise ValueError("the power iteration overflows at this `z` (its weight "
                             "matrices are too large); start from smaller parameters.")
        return vectors

    def _check_auxiliary(self, auxiliary: Any, lead: tuple) -> np.ndarray:
        if not self.spectral_norm:
            raise ValueError("`auxiliary` must be None: this game has no auxiliary state "
                             "(spectral_norm is off).")
        size = spectral.auxiliary_size(self._layout)
        if not isinstance(auxiliary, np.ndarray) or auxiliary.shape != lead + (size,):
            raise ValueError(f"`auxiliary` must be an array of shape {lead + (size,)} (the "
                             f"power iteration's vectors per run); got "
                             f"{getattr(auxiliary, 'shape', type(auxiliary).__name__)}.")
        return auxiliary

    def discriminator_view(self, params_d: Any) -> np.ndarray:
        """Return the discriminator's parameters as its model sees them.

        With spectral normalization each weight matrix is divided by its largest singular value
        (exact, numpy's SVD); else ``params_d`` itself. NaN passes through (a diverged run).

        Parameters
        ----------
        params_d : array_like, shape (*runs, n2)
            The discriminator's raw parameters.

        Returns
        -------
        ndarray, shape (*runs, n2)
            The parameters the discriminator's model evaluates.

        References
        ----------
        Miyato, T., Kataoka, T., Koyama, M. & Yoshida, Y. (2018). Spectral normalization for
        generative adversarial networks. ICLR.
        """
        params_d = as_real_array(params_d, "params_d", allow_empty=True, finite=False)
        if params_d.ndim == 0 or params_d.shape[-1] != self.n2:
            raise ValueError(f"`params_d` must have shape (*runs, {self.n2}); got shape "
                             f"{params_d.shape}.")
        if not self.spectral_norm:
            return params_d
        with np.errstate(all="ignore"):
            return self._normalized(params_d, self._eval, advance=False)[0]

    def project(self, z: np.ndarray) -> np.ndarray:
        """Return ``z`` with the discriminator's parameters clipped to ``[-c, c]`` (``clip=c``).

        Every dynamics projects after each update; without ``clip`` ``z`` is unchanged.

        Parameters
        ----------
        z : ndarray, shape (*batch, n1 + n2)
            Joint states.

        Returns
        -------
        ndarray, shape (*batch, n1 + n2)
            The projected states.

        References
        ----------
        Arjovsky, M., Chintala, S. & Bottou, L. (2017). Wasserstein generative adversarial
        networks. ICML, Algorithm 1 (weight clipping).
        """
        z = super().project(z)
        if self.clip is None:
            return z
        return np.concatenate([z[..., : self.n1],
                               np.clip(z[..., self.n1 :], -self.clip, self.clip)], axis=-1)

    @property
    def evaluation_batch(self) -> tuple[np.ndarray, np.ndarray]:
        """The fixed evaluation batch ``(real, latent)``, each of shape ``(eval_size,)``."""
        return self._eval.real, self._eval.latent

    # ------------------------------------------------------------------ the field
    def field(self, z: Any, noise: Any = None) -> np.ndarray:
        """Return ``xi(z) = (grad u_G, grad u_D)`` on the minibatch ``noise``.

        The default ``noise`` is the game's fixed evaluation batch.

        Parameters
        ----------
        z : array_like, shape (*batch, n1 + n2)
            Joint states ``concat(generator parameters, discriminator parameters)``.
        noise : Minibatch, optional
            A draw of :meth:`draw` (default: the game's fixed evaluation batch).

        Returns
        -------
        ndarray, shape (*batch, n1 + n2)
            Each player's gradient of its own payoff (ascent directions: players maximize).

        Raises
        ------
        ValueError
            For a ``z`` of the wrong shape or not finite.
        """
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
        """:meth:`field` without validation (``z`` a float array).

        Parameters
        ----------
        z : ndarray, shape (*batch, n1 + n2)
            Joint states ``concat(generator parameters, discriminator parameters)``.
        noise : Minibatch, optional
            A draw of :meth:`draw` (default: the game's fixed evaluation batch).

        Returns
        -------
        ndarray, shape (*batch, n1 + n2)
            ``xi(z)``, possibly not finite.
        """
        if self.spectral_norm and isinstance(noise, Minibatch):  # a joint update: both
            self._normalized(z[..., self.n1 :], noise, advance=True)  # see the new u, v
        return np.concatenate([self.partial_field(z, 1, noise),
                               self.partial_field(z, 2, noise)], axis=-1)

    def partial_field(self, z: np.ndarray, player: int, noise: Any = None) -> np.ndarray:
        """Return one player's block of the field on the minibatch ``noise``.

        Costs one backward pass of that player's update only: the discriminator's
        parameter gradient over real and fake samples in one pass, or the
        discriminator's input gradient pulled back through the generator. It is the
        hot path of every dynamics and, like :meth:`field_unchecked`, does not check
        ``z`` (use :meth:`field` for a validated evaluation: at a state so large that the
        models overflow, numpy warns and the block is not finite); ``player`` and ``noise``
        are checked. With spectral normalization the first discriminator evaluation on a
        minibatch advances its power iteration by one step (see the class docstring).

        Parameters
        ----------
        z : ndarray, shape (*batch, n1 + n2)
            Joint states ``concat(generator parameters, discriminator parameters)``.
        player : {1, 2}
            1 for the generator (``grad u_G``), 2 for the discriminator (``grad u_D``).
        noise : Minibatch, optional
            A draw of :meth:`draw` (default: the game's fixed evaluation batch).

        Returns
        -------
        ndarray, shape (*batch, n1) or (*batch, n2)
            The block.

        Raises
        ------
        ValueError
            For a ``player`` other than 1 or 2 or a ``noise`` of another batch shape.
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
            params_n = self._normalized(params_d, batch, advance=False)[0]
            fake, g_cache = G.forward(params_g, _spread(batch.latent, lead))
            logits, d_cache = D.forward(params_n, self._jittered(fake, batch, True))
            upstream = losses.sample_generator_payoff_gradient(logits, self.loss)
            pulled = D.backward(params_n, d_cache, upstream, wrt="input")[1]
            return G.backward(params_g, g_cache, pulled, wrt="params")[0]
        params_n, normalization = self._normalized(params_d, batch, advance=True)
        real = _spread(self._jittered(batch.real, batch, False), lead)
        fake = self._jittered(G.forward(params_g, _spread(batch.latent, lead))[0], batch, True)
        # one pass over real and fake samples: the gradient of a sum is the sum
        logits, cache = D.forward(params_n, np.concatenate([real, fake], axis=-1))
        signs = self._eval_signs if noise is None else self._signs
        if self.loss == "wasserstein":
            upstream = losses.critic_value_gradient_signed(logits, signs)
        else:
            upstream = losses.value_gradient_signed(logits, signs)
        grad = D.backward(params_n, cache, upstream, wrt="params")[0]
        if self._use_r1:  # the penalty is linear in gamma
            self._check_r1(lead)
            grad = grad - self._r1_column * D.r1_gradient(params_n, real, 1.0)[1]
        if self.gradient_penalty > 0:
            grad = grad - self._penalty(params_n, real, fake, batch)[1]
        if normalization is not None:  # the chain rule through W / sigma, u and v fixed
            grad = spectral.backward(grad, params_n, *normalization, self._layout)
        return grad

    def for_batch(self, batch_shape: tuple[int, ...]) -> GANGame:
        """Return this game for states of batch shape ``batch_shape`` flattened to one axis.

        Parameters
        ----------
        batch_shape : tuple of int
            The batch shape of the starting states.

        Returns
        -------
        GANGame
            ``self`` when ``r1`` is a number, else a copy with per-run R1 weights broadcast to
            ``batch_shape`` and flattened.

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

    def _normalized(self, params_d: np.ndarray, batch: Any, advance: bool
                    ) -> tuple[np.ndarray, tuple[np.ndarray, list[np.ndarray]] | None]:
        """The discriminator's parameters as the models see them, and ``(aux, sigmas)``.

        Without spectral normalization ``(params_d, None)``. With it, on a minibatch that
        carries the auxiliary state: the state after one power step at ``params_d`` when
        ``advance`` (taken once per minibatch, then kept), else the state it carries; on
        the evaluation batch (or a minibatch drawn without the state): the exact top
        singular vectors.
        """
        if not self.spectral_norm:
            return params_d, None
        if isinstance(batch, Minibatch) and batch._auxiliary is not None:
            if advance and batch._advanced is None:
                batch._advanced = spectral.power_step(params_d, batch._auxiliary,
                                                      self._layout)
            aux = cast(np.ndarray, batch.auxiliary)  # not None: the batch carries the state
        else:
            aux = spectral.exact_vectors(params_d, self._layout)
        params_n, sigmas = spectral.normalize(params_d, aux, self._layout)
        return params_n, (aux, sigmas)

    def _jittered(self, samples: np.ndarray, batch: Any, fake: bool) -> np.ndarray:
        """``samples`` with the instance noise the discriminator sees added (if any)."""
        if self.instance_noise == 0:
            return samples
        jitter = batch.fake_jitter if fake else batch.real_jitter
        return samples + self.instance_noise * jitter

    def _penalty(self, params_n: np.ndarray, real: np.ndarray, fake: np.ndarray,
                 batch: Any) -> tuple[np.ndarray, np.ndarray]:
        """``GP = lam mean (|s| - 1)^2`` with ``s = dl/dx`` at ``x_hat = e x + (1 - e)
        G(z)``, and its parameter gradient ``sum_b 2 lam (|s_b| - 1) sign(s_b) ds_b/dtheta
        / n`` (double backpropagation through the model's ``input_gradient_vjp``)."""
        mix = batch.mix
        between = mix * real + (1.0 - mix) * fake
        slope, vjp = self.discriminator.input_gradient_vjp(params_n, between)
        gap = np.abs(slope) - 1.0
        lam = self.gradient_penalty
        penalty = lam * np.mean(gap * gap, axis=-1)
        return penalty, vjp((2.0 * lam / slope.shape[-1]) * gap * np.sign(slope))

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
    def _logits(self, z: np.ndarray, batch: Any) -> tuple:
        lead = z.shape[:-1]
        params_g, params_d = z[..., : self.n1], z[..., self.n1 :]
        params_n = self._normalized(params_d, batch, advance=False)[0]
        fake = self._jittered(self.generator.forward(params_g, _spread(batch.latent, lead))[0],
                              batch, True)
        real = _spread(self._jittered(batch.real, batch, False), lead)
        return (self.discriminator.forward(params_n, real)[0],
                self.discriminator.forward(params_n, fake)[0], (params_n, real, fake))

    def _payoff_d(self, z: np.ndarray) -> np.ndarray:
        real_logits, fake_logits, (params_n, real, fake) = self._logits(z, self._eval)
        if self.loss == "wasserstein":
            value = losses.critic_value(real_logits, fake_logits)
        else:
            value = losses.value(real_logits, fake_logits)
        if self._use_r1:
            self._check_r1(z.shape[:-1])
            value = value - self.r1 * self.discriminator.r1_gradient(params_n, real, 1.0)[0]
        if self.gradient_penalty > 0:
            value = value - self._penalty(params_n, real, fake, self._eval)[0]
        return value

    def _payoff_g(self, z: np.ndarray) -> np.ndarray:
        real_logits, fake_logits, _ = self._logits(z, self._eval)
        payoff = losses.sample_generator_payoff(fake_logits, self.loss)
        if self.loss == "minimax":  # u_G = -V includes the real term (no generator there)
            payoff = payoff + losses.softplus(-real_logits).mean(-1)
        return payoff

    # ------------------------------------------------------------------ Jacobian
    @property
    def has_exact_jacobian_products(self) -> bool:
        """Whether Jacobian-vector products on a minibatch are exact (hand-derived)."""
        return self._jacobian is not None

    def jacobian(self, z: Any, noise: Any = None) -> np.ndarray:
        """Return ``J = d xi/dz`` on the minibatch ``noise`` (default: the evaluation batch).

        Exact when the models provide second-order parts (see :mod:`gamedyn.gan.models`);
        for other models central differences on the evaluation batch if the game was
        built with ``numeric_jacobian=True``.

        Parameters
        ----------
        z : array_like, shape (*batch, n1 + n2)
            Joint states ``concat(generator parameters, discriminator parameters)``.
        noise : Minibatch, optional
            A draw of :meth:`draw` (default: the game's fixed evaluation batch).

        Returns
        -------
        ndarray, shape (*batch, n1 + n2, n1 + n2)
            The game Jacobian.

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
                f"Quadratic, not for {self.generator!r} / {self.discriminator!r}, and "
                "not with spectral normalization, a gradient penalty or instance noise; so "
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
        c, dc = losses.sample_generator_coefficient(logit, self.loss)
        count = fake.shape[-1]
        gg = (np.einsum("...b,...bi,...bj->...ij", dc * slope**2 + c * bend, dG, dG)
              + np.einsum("...b,...bij->...ij", c * slope, d2G)) / count
        gd = (np.einsum("...b,...bi,...bf->...if", dc * slope, dG, phi)
              + np.einsum("...b,...bi,...bf->...if", c, dG, dphi)) / count
        critic = self.loss == "wasserstein"  # value linear in f: no curvature
        up = np.ones_like(logit) if critic else losses.sigmoid(logit)
        curve = np.zeros_like(logit) if critic else up * losses.sigmoid(-logit)
        dg = -(np.einsum("...b,...bf,...bi->...fi", curve * slope, phi, dG)
               + np.einsum("...b,...bf,...bi->...fi", up, dphi, dG)) / count
        real = _spread(batch.real, lead)
        phi_r = D.features(real)[0]
        logit_r = np.einsum("...bp,...p->...b", phi_r, w)
        curve_r = (np.zeros_like(logit_r) if critic
                   else losses.sigmoid(logit_r) * losses.sigmoid(-logit_r))
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
