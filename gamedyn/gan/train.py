"""Training the 1-D GAN: a front door over :func:`gamedyn.simulate` on a :class:`GANGame`."""

from __future__ import annotations

import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import numpy as np

from gamedyn._progress import DELAY, check_progress, shows_progress
from gamedyn._status import Status
from gamedyn._validation import (
    MISSING,
    as_generator,
    as_real_array,
    check_allocation,
    check_choice,
    check_nonnegative,
    check_positive,
    check_positive_int,
    per_player,
    readonly,
    renamed,
)
from gamedyn.gan import losses
from gamedyn.gan.game import GANGame
from gamedyn.gan.metrics import equilibrium_score, gaussian_jsd_w1, sample_jsd, wasserstein1
from gamedyn.gan.models import MLP, Affine, Quadratic, Rescaled, Standardized
from gamedyn.gan.monotone import MonotoneMLP
from gamedyn.gan.targets import Mixture, as_target

__all__ = ["DiscriminatorTooStrongWarning", "GANRun", "train", "GENERATORS", "DISCRIMINATORS",
           "MIXTURE_DEFAULTS", "MIXTURE_DEFAULTS_MANY"]

GENERATORS = ("affine", "mlp", "monotone")
DISCRIMINATORS = ("quadratic", "mlp")
ORDERS = ("alternating", "simultaneous")
OPTIMIZERS = ("adam", "sgd")
_BOUND = 1e6
#: Adam's decay rates for the GAN: beta1 = 0.5 as is usual for GANs (Radford et al. 2016).
GAN_BETAS = (0.5, 0.999)
_MISSING = MISSING  # the deprecated aliases' "not given"


class _Default(int):
    """A default int that knows it was not given (so a deprecated alias passed with the
    default value written out is still caught); prints as the number."""

    def __repr__(self) -> str:
        return int.__repr__(self)


_ROUNDS = _Default(3000)  # train's default steps
_BATCH = _Default(256)  # train's default batch
_HIDDEN = _Default(16)  # train's default hidden
_SAMPLE_RNG = _Default(0)  # GANRun.sample's default rng
#: Defaults per generator: with them the affine generator learns any N(m, t^2) with
#: |m| <= 3, 0.3 <= t <= 3, and the MLP generator (trained against the MLP discriminator)
#: reaches a JSD of about 0.01.
DEFAULT_LR = {"affine": (0.01, 0.01), "mlp": (0.002, 0.01), "monotone": (0.001, 0.03)}
DEFAULT_R1 = {"affine": 0.1, "mlp": 1.0, "monotone": 0.0}
#: The recipe for targets with several components (a Mixture of two or more Gaussians),
#: used for every setting the caller leaves out when the generator is the MLP (given or
#: defaulted): an MLP generator can represent several modes, an affine one cannot.
#: ``steps`` is the budget in rounds. See :func:`train`, "Mixture targets".
MIXTURE_DEFAULTS: Mapping[str, Any] = MappingProxyType(dict(
    generator="monotone", discriminator="mlp", lr=(0.001, 0.03), k=(1, 1), r1=0.0,
    batch=256, steps=3000, hidden=32))
#: The recipe for three or more components: a wider model (``hidden=64``), a larger batch
#: (less minibatch noise, which otherwise holds the JSD near 0.024 on three modes however
#: long it trains) and a longer budget of ``steps=4500`` rounds (1,500 per component).
MIXTURE_DEFAULTS_MANY: Mapping[str, Any] = MappingProxyType(dict(MIXTURE_DEFAULTS, hidden=64,
                                                                  batch=512, steps=4500))
#: A run counts as converged when its final JSD and equilibrium score pass these.
CONVERGED_JSD = 0.02
CONVERGED_SCORE = 0.9


#: Below this share of the discriminator's slope reaching the generator (see
#: :class:`DiscriminatorTooStrongWarning`) the generator's gradient counts as vanishing.
VANISHING_SHARE = 0.1


class DiscriminatorTooStrongWarning(RuntimeWarning):
    """The discriminator is too strong: ``D(real) > 0.9`` and ``D(fake) < 0.1``.

    The discriminator separates the data from the generator's samples. What that does to
    the generator depends on its cost, and the message says which of the two happened,
    from the measured gradients:

    * its gradient **vanishes** (minimax and maximum-likelihood costs): the generator's
      gradient ``E[c(l) dl/dx dG/dtheta]`` weighs each sample by ``c = D(G(z))`` (minimax;
      ``D / (2 (1 - D))`` for maximum likelihood), so with ``D(fake)`` near 0 only a
      share ``|E[c dl/dx dG]| / |E[dl/dx dG]|`` below ``VANISHING_SHARE`` (0.1) of the
      discriminator's slope reaches it;
    * it **does not vanish** (non-saturating cost, ``c = 1 - D(G(z))`` near 1): the
      generator is pushed by large gradients that grow as the discriminator sharpens,
      which makes training unstable.

    A diagnosis, not an error: filter it like any warning (the test suite shows it
    rather than failing on it). Goodfellow (2016), NIPS tutorial, Section 3.2.3.

    References
    ----------
    Goodfellow, I. (2016). NIPS 2016 tutorial: generative adversarial networks.
    arXiv:1701.00160, Section 3.2.3. Arjovsky, M. & Bottou, L. (2017). Towards principled
    methods for training generative adversarial networks. ICLR, Section 2.2.

    Examples
    --------
    >>> from gamedyn.gan import DiscriminatorTooStrongWarning
    >>> issubclass(DiscriminatorTooStrongWarning, RuntimeWarning)  # filtered like any warning
    True
    """


@dataclass(frozen=True, eq=False)
class GANRun:
    """The result of :func:`train` (read-only: frozen, its arrays not writeable).

    Attributes
    ----------
    history : mapping of str to ndarray
        Read-only. Per logged round (first axis), with run axes after it for ensembles: ``step``
        (the round), ``d_real``, ``d_fake`` (mean discriminator outputs), ``value``
        (estimate of ``V = E log D(x) + E log(1 - D(G(z)))``, ``-log 4`` at
        equilibrium), ``jsd``, ``w1``, ``score`` (equilibrium score), ``loss_d`` (``J_D``
        with R1) and ``loss_g`` (all on the game's fixed evaluation batch of 2,048),
        ``params_g``, ``params_d``, and the diagnostics ``grad_norm_g`` (Euclidean norm
        of the gradient of the generator's loss ``J_G``, the cost in use, with respect
        to its parameters) and ``grad_norm_d`` (the same for ``J_D`` with R1, the
        discriminator's loss of ``loss_d``), both on the evaluation batch.
    generator, discriminator : model objects
        The models trained (:mod:`gamedyn.gan.models` protocol).
    params_g, params_d : ndarray
        Final parameters, shape ``([runs,] P)``.
    target : Mixture
        The data distribution.
    status : ndarray of Status
        :class:`gamedyn.Status` per run, an object array of the run shape (0-d for one
        run, as :attr:`gamedyn.dynamics.Trajectory.status`): ``SUCCESS`` (trained for all
        rounds) or ``DIVERGED``.
    message : str
        How many runs converged (JSD and equilibrium score) and diverged.
    events : tuple of str
        Notable moments: runs whose discriminator becomes too strong (``D(real) >
        0.9`` and ``D(fake) < 0.1``; the first time also warns with
        :class:`DiscriminatorTooStrongWarning`), and runs that diverge.
    config : mapping
        Read-only: the settings of the call; with ``dynamics=`` given, ``order``,
        ``lr`` (at round 0) and ``k`` describe that dynamics and ``optimizer`` is None.
    game : GANGame
        The game that was played (its evaluation batch gave the indicators).
    dynamics : GradientDynamics
        The dynamics that played it.

    Examples
    --------
    >>> import gamedyn as gd
    >>> run = gd.gan.train((1.0, 0.5), steps=20, rng=0)
    >>> str(run.status), run.history["step"].shape, run.params_g.shape
    ('success', (2,), (2,))
    """

    history: Mapping[str, np.ndarray]
    generator: Any
    discriminator: Any
    params_g: np.ndarray
    params_d: np.ndarray
    target: Mixture
    status: Any
    message: str
    events: tuple = ()
    config: Any = field(default_factory=dict)
    game: Any = None
    dynamics: Any = None

    @property
    def success(self) -> bool:
        """True when no run diverged (whether the runs converged: :attr:`converged`)."""
        return all(Status(item).success for item in np.asarray(self.status).reshape(-1))

    def plot(self, ax: Any = None, **kwargs: Any) -> Any:
        """Draw this run's indicators over training with :func:`gamedyn.plot.plot_gan_run`.

        Parameters
        ----------
        ax : matplotlib.axes.Axes, optional
            Where to draw (default: a new pyplot-managed figure). Matplotlib is imported here.
        **kwargs
            Passed to :func:`gamedyn.plot.plot_gan_run`.

        Returns
        -------
        matplotlib.axes.Axes
            The axes drawn on.
        """
        from gamedyn.plot.results import plot_gan_run

        return plot_gan_run(self, ax=ax, **kwargs)

    @property
    def converged(self) -> np.ndarray:
        """Whether each run converged, by the rule of :attr:`message`.

        Per run (the shape of :attr:`status`): not diverged, final ``jsd`` below
        ``CONVERGED_JSD`` (0.02) and final equilibrium ``score`` above ``CONVERGED_SCORE``
        (0.9).

        On a mixture ``D(real)`` and ``D(fake)`` (hence the score) stay near 1/2 while
        the generator is still far from the data, so there the JSD decides.
        """
        return readonly(_converged(self.history, self.status != Status.DIVERGED))

    def sample(self, n: int, rng: Any = _SAMPLE_RNG, *, seed: Any = _MISSING) -> np.ndarray:
        """``n`` generator samples (per run for ensembles), reproducible by ``rng``.

        ``seed`` is a deprecated alias of ``rng``.

        Parameters
        ----------
        n : int
            Samples per run, ``>= 0``.
        rng : numpy.random.Generator, int, SeedSequence or None
            Draws the latent samples (a fixed seed by default).
        seed : optional
            Deprecated alias of ``rng``.

        Returns
        -------
        ndarray, shape ([runs,] n)
            Samples of the final generator (data units).

        Examples
        --------
        >>> import gamedyn as gd
        >>> gd.gan.train((1.0, 0.5), steps=20, rng=0).sample(3, rng=0).shape
        (3,)
        """
        rng = renamed(seed, "seed", rng, "rng", rng is not _SAMPLE_RNG)
        rng = 0 if rng is _SAMPLE_RNG else rng
        n = check_positive_int(n, "n")
        check_allocation(self.params_g.shape[:-1] + (n,), "n")
        z = as_generator(rng, "rng").standard_normal(self.params_g.shape[:-1] + (n,))
        return self.generator.forward(self.params_g, z)[0]

    def discriminator_output(self, x: Any) -> np.ndarray:
        """``D(x)`` of the final discriminator on points ``x``.

        Parameters
        ----------
        x : float or array_like, shape (...,) for one run; (k,) or (*runs, k) for an ensemble
            Finite points (data units). One run: any shape. An ensemble of runs (``params_d``
            of shape ``(*runs, n2)``): a scalar or shape ``(k,)`` (the same points for every
            run) or shape ``(*runs, k)`` (points per run; an axis of length 1 broadcasts).

        Returns
        -------
        ndarray, shape of ``x`` (one run), ``(*runs,)`` or ``(*runs, k)`` (ensemble)
            ``D(x) = sigmoid(logit(x))`` in ``[0, 1]``.

        Raises
        ------
        ValueError
            If ``x`` is not finite, or for an ensemble has a shape other than the above.

        Examples
        --------
        >>> import numpy as np, gamedyn as gd
        >>> run = gd.gan.train((1.0, 0.5), steps=20, rng=0)
        >>> run.discriminator_output(np.zeros((2, 3))).shape
        (2, 3)
        """
        x = as_real_array(x, "x")  # finite reals: NaN and inf refused
        runs = self.params_d.shape[:-1]
        params = self.params_d if self.game is None else self.game.discriminator_view(
            self.params_d)
        if not runs:  # one run: the model takes (batch,) points; any shape of x is a batch
            out = self.discriminator.forward(params, x.reshape(-1))[0]
            return losses.sigmoid(out).reshape(x.shape)
        if x.ndim <= 1:  # the same points for every run
            points = np.broadcast_to(x.reshape(-1), runs + (x.size,))
        elif x.ndim == len(runs) + 1 and all(a in (1, r) for a, r in zip(x.shape, runs)):
            points = np.broadcast_to(x, runs + x.shape[-1:])
        else:
            per_run = "(" + ", ".join(map(str, runs)) + ", k)"
            raise ValueError(f"`x` must be a scalar or have shape (k,) (the same points for "
                             f"every run) or {per_run} (points per run) for an ensemble of "
                             f"runs of shape {runs}; got shape {x.shape}.")
        out = losses.sigmoid(self.discriminator.forward(params, points)[0])
        return out.reshape(runs) if x.ndim == 0 else out

    def __str__(self) -> str:
        h = self.history
        last = {k: np.asarray(h[k][-1]) for k in ("d_real", "d_fake", "value", "jsd", "w1")}
        fmt = lambda v: np.array2string(v, precision=4) if v.ndim else f"{float(v):.4f}"  # noqa: E731
        return (f"GANRun({self.target!r}, {self.config.get('generator')}/"
                f"{self.config.get('discriminator')}, {self.config.get('loss')}): "
                f"{self.message}\n  D(real) {fmt(last['d_real'])}, D(fake) "
                f"{fmt(last['d_fake'])}, V {fmt(last['value'])} (-log 4 = "
                f"{-np.log(4):.4f}), JSD {fmt(last['jsd'])}, W1 {fmt(last['w1'])}")


def train(
    target: Any = (0.0, 1.0),
    *,
    generator: Any = None,
    discriminator: Any = None,
    loss: str = "non_saturating",
    dynamics: Any = None,
    order: str | None = None,
    optimizer: str | None = None,
    lr: Any = None,
    k: Any = None,
    r1: Any = None,
    spectral_norm: bool = False,
    clip: Any = None,
    gradient_penalty: Any = 0.0,
    instance_noise: Any = 0.0,
    batch: int = _BATCH,
    steps: Any = _ROUNDS,
    rng: Any = None,
    runs: int | None = None,
    log_every: int = 20,
    hidden: int = _HIDDEN,
    depth: int = 1,
    progress: bool | None = None,
    seed: Any = _MISSING,
    n_steps: Any = _MISSING,
) -> GANRun:
    """Train a GAN on a 1-D target: :func:`gamedyn.simulate` on a :class:`GANGame`.

    Player 1 is the generator ``G``, player 2 the discriminator ``D`` (logit ``l``,
    ``D = sigmoid(l)``). The game (:class:`GANGame`) has the discriminator ascend
    ``u_D = V - R1`` and the generator its payoff (minimax ``-V``, non-saturating
    ``E log D(G(z))``, maximum likelihood ``1/2 E e^l``), each update on a fresh
    minibatch of ``batch`` samples. The front door plays it for ``steps`` rounds in
    segments of ``log_every`` rounds (``simulate(..., state=...)``), logging indicators on
    the game's fixed evaluation batch between segments.

    By default a round is the classic GAN round: the discriminator moves first, with
    ``k_d`` updates, then the generator with ``k_g`` updates against the new
    discriminator (``order="alternating"``; ``"simultaneous"``: both from the same
    parameters, ``k = (1, 1)``), each update an Adam step with ``betas = (0.5, 0.999)``
    (``optimizer="adam"``; Radford et al. 2016) or a plain gradient step
    (``optimizer="sgd"``). That is ``Alternating(Adam(lr, betas=(0.5, 0.999)), k=k,
    first=2)``. Any registered gradient dynamics may be passed instead (``dynamics=``).

    Units of ``lr`` and ``r1`` (unchanged from earlier releases): they refer to the
    losses the players descend, ``J_D = -V/2 + (r1/2) E |dl/du|^2`` and the generator's
    ``J_G = -u_G``; R1 (Mescheder et al. 2018) is taken in the standardized input
    ``u = (x - c) / sigma`` the discriminator sees (``c``, ``sigma``: a data sample's mean
    and standard deviation). The game is therefore built with ``r1 = 2 r1`` (its ``u_D =
    -2 J_D``) and a plain discriminator step uses ``lr_d / 2`` (Adam does not see the
    gradient's scale). A ``dynamics`` instance is used as given, in the game's units.

    **Mixture targets** (two or more components, e.g. ``0.5 N(-2, 0.5^2) + 0.5 N(2,
    0.5^2)``). An affine generator cannot represent several modes, and a tanh MLP
    generator trained from a random start folds its map (spikes in its density that a
    smooth discriminator hardly sees: no setting of it reaches a JSD of 0.02). So for a
    mixture, every setting left out comes from :data:`MIXTURE_DEFAULTS`: the
    ``"monotone"`` generator (:class:`~gamedyn.gan.monotone.MonotoneMLP`: increasing,
    hence no folds) against the MLP discriminator, ``hidden=32``, ``lr=(0.001, 0.03)``
    (the two-timescale rule), ``k=(1, 1)``, no R1 (it keeps the discriminator too
    smooth to see the modes' shapes), ``batch=256``, and a budget of ``steps=3000``
    rounds. Measured on 32 seeds (``rng=0``, one ensemble): on ``0.5 N(-2, 0.5^2) + 0.5
    N(2, 0.5^2)`` 32 of 32 runs end with ``JSD < 0.02`` (tested), and on ``0.3``/``0.7``
    weights 32 of 32. For three or more components :data:`MIXTURE_DEFAULTS_MANY` applies
    (``hidden=64``, ``batch=512``, a budget of ``steps=4500`` rounds): with the
    two-component recipe only 12 of 32 runs (38%) reach 0.02 on ``1/3`` each at -4, 0, 4
    (std 0.5), the median JSD staying near 0.024 from round 2,500 to 6,000 (minibatch
    noise, not too short a budget); with this recipe 27 of 32 (84%, median JSD 0.014) after
    its 4,500 rounds (tested), and 32 of 32 on ``0.2/0.5/0.3`` at -3, 0, 3 (stds 0.4,
    0.5, 0.4). Explicit arguments always win; a ``generator`` other than
    ``"monotone"`` turns the recipe off.

    **What to watch.** On a mixture ``D(real)`` and ``D(fake)`` say little: a generator
    stuck far from the data can keep them within 0.01 of 1/2 (and ``value`` near ``-log
    4``) for 15,000 rounds, as close as a converged one. Progress shows in
    ``history["jsd"]`` and ``history["w1"]`` (distances to the target) and in the mass
    per mode,
    :func:`gamedyn.gan.mode_mass` (``target.weights`` when right); the convergence rule
    (:attr:`GANRun.converged`, :attr:`GANRun.message`) is decided there by the JSD.

    Parameters
    ----------
    target : (mean, std) or Mixture
    generator : {"affine", "mlp", "monotone"} or model object, optional
        ``"affine"``: ``G(z) = mu + s z`` with ``log s`` trained; ``"mlp"``: a tanh MLP
        (``hidden``, ``depth``) whose output is mapped to the data's scale;
        ``"monotone"``: the increasing :class:`~gamedyn.gan.monotone.MonotoneMLP`
        (``hidden`` units) mapped likewise. A model object following the protocol of
        :mod:`gamedyn.gan.models` is used as given. Default ``"affine"`` for a
        Gaussian, ``"monotone"`` for a mixture.
    discriminator : {"quadratic", "mlp"} or model object, optional
        The named ones see standardized inputs; a model object is used as given.
        Default ``"quadratic"`` for a Gaussian, ``"mlp"`` for a mixture.
    loss : {"non_saturating", "minimax", "maximum_likelihood", "wasserstein"}
    dynamics : GradientDynamics or str, optional
        The method playing the game (an instance, or a registered name with its
        defaults). Then ``order``, ``optimizer``, ``lr`` and ``k`` must be left out.
    order : {"alternating", "simultaneous"}, optional
        Default ``"alternating"`` (discriminator first).
    optimizer : {"adam", "sgd"}, optional
        Default ``"adam"``.
    lr : float or (lr_g, lr_d), optional
        Step sizes (two-timescale when they differ). Each may also be a 1-D array with
        one step size per run: an ensemble over step sizes (see ``runs``). Default
        ``(0.01, 0.01)`` for the affine generator and ``(0.002, 0.01)`` for the MLP
        generator (the two-timescale rule: a faster discriminator, which the MLP needs),
        ``(0.001, 0.03)`` for the monotone one and for mixtures.
    k : (k_g, k_d), optional
        Updates per round of the generator and the discriminator; default ``(1, 1)``.
    r1 : float or 1-D array, optional
        R1 weight ``gamma``, or one per run. Default 0.1 for the affine generator,
        1.0 for the MLP generator, 0 for the monotone one and for mixtures.
    spectral_norm, clip, gradient_penalty, instance_noise
        The discriminator's stabilizers of :class:`GANGame` (spectral normalization,
        weight clipping to ``[-clip, clip]``, the WGAN-GP penalty weight, the instance
        noise's standard deviation in data units), passed to it unchanged. Spectral
        normalization needs ``discriminator="mlp"`` (or a model object): the quadratic's
        logit is linear in its weights, so ``W / sigma(W)`` would fix the size of its slope
        and ``D`` could never be 1/2. Indicators (``d_real``, ...) are taken with the
        normalized weights (exact largest singular values) on noise-free samples.
    batch : int
        Samples per player update (default 256).
    steps : int
        Number of rounds (default 3000; for mixtures 3000 with two components, 4500
        with three or more).
    rng : Generator, int, SeedSequence or None
        Independent streams for the initial parameters, the minibatches, the evaluation
        batch and the data statistics are derived from it with ``SeedSequence.spawn``.
    runs : int, optional
        Train this many independent GANs in one vectorized run; history arrays then
        carry a run axis. Defaults to the length of per-run ``lr`` or ``r1`` arrays when
        those are given.
    log_every : int
        Record the indicators every this many rounds (and at the end).
    hidden, depth : int
        Width (default 16) and depth (default 1; the MLP generator only) of MLP models.
    progress : bool or None
        A progress bar of the rounds, on stderr: None (default) shows it in a terminal
        once training has run a second; True always; False never.
    seed, n_steps
        Deprecated aliases of ``rng`` and ``steps``. ``steps=(k_g, k_d)`` (a pair) is the
        deprecated spelling of ``k``.

    Returns
    -------
    GANRun

    Raises
    ------
    ValueError, TypeError
        For bad settings (the message names the argument).

    References
    ----------
    Goodfellow, I. et al. (2014). Generative adversarial nets. NeurIPS, Algorithm 1.
    Radford, A., Metz, L. & Chintala, S. (2016). Unsupervised representation learning
    with deep convolutional GANs. ICLR (Adam with beta1 = 0.5). Mescheder, L., Geiger,
    A. & Nowozin, S. (2018). Which training methods for GANs do actually converge? ICML.

    Examples
    --------
    >>> import numpy as np, gamedyn as gd
    >>> run = gd.gan.train((2.0, 0.5), steps=2000, rng=1)
    >>> bool(abs(run.history["value"][-1] + np.log(4)) < 0.05), run.success
    (True, True)
    """
    from gamedyn.dynamics import Adam, Alternating, GradientDynamics, Simultaneous, simulate
    from gamedyn.dynamics.registry import get_dynamics

    if isinstance(steps, (tuple, list)):
        if k is not None:
            raise TypeError("`steps` counts rounds; give the per-round update counts as `k` "
                            "only.")
        warnings.warn("`steps=(k_g, k_d)` is deprecated: the per-round update counts are "
                      "`k=(k_g, k_d)`, and `steps` counts rounds.", DeprecationWarning,
                      stacklevel=2)
        k, steps = tuple(steps), _ROUNDS
    rng = renamed(seed, "seed", rng, "rng", rng is not None)
    steps = renamed(n_steps, "n_steps", steps, "steps", steps is not _ROUNDS)
    target = as_target(target)
    if isinstance(generator, str):
        check_choice(generator, "generator", GENERATORS)
    if isinstance(discriminator, str):
        check_choice(discriminator, "discriminator", DISCRIMINATORS)
    # mixture targets: the mixture recipe fills in every setting left out
    recipe: Mapping[str, Any] = ({} if len(target.weights) < 2
              or generator not in (None, MIXTURE_DEFAULTS["generator"]) else
              MIXTURE_DEFAULTS if len(target.weights) == 2 else MIXTURE_DEFAULTS_MANY)
    if generator is None:
        generator = recipe.get("generator", "affine")
    if discriminator is None:
        discriminator = recipe.get("discriminator", "quadratic")
    if recipe:
        steps = recipe["steps"] if steps is _ROUNDS else steps
        batch = recipe["batch"] if batch is _BATCH else batch
        hidden = recipe["hidden"] if hidden is _HIDDEN else hidden
        r1 = recipe["r1"] if r1 is None else r1
        if dynamics is None:
            lr = recipe["lr"] if lr is None else lr
            k = recipe["k"] if k is None else k
    steps = 3000 if steps is _ROUNDS else steps
    family = generator if isinstance(generator, str) else "affine"  # for the defaults
    check_choice(loss, "loss", losses.SAMPLE_LOSSES)
    if dynamics is not None:
        given = [name for name, value in (("order", order), ("optimizer", optimizer),
                                          ("lr", lr), ("k", k)) if value is not None]
        if given:
            raise TypeError(f"{', '.join(f'`{name}`' for name in given)} cannot be given with "
                            "`dynamics` (set them on the dynamics instance).")
        dynamics = get_dynamics(dynamics)
        if not isinstance(dynamics, GradientDynamics):
            raise TypeError(f"`dynamics` must be a gradient dynamics; got {dynamics!r}.")
    order = check_choice("alternating" if order is None else order, "order", ORDERS)
    optimizer = check_choice("adam" if optimizer is None else optimizer, "optimizer",
                             OPTIMIZERS)
    lr = DEFAULT_LR[family] if lr is None else lr
    r1 = DEFAULT_R1[family] if r1 is None else r1
    lr_g, lr_d = per_player(lr, "lr", lambda v, name: _per_run(v, name, check_positive))
    k_g, k_d = per_player((1, 1) if k is None else k, "k", check_positive_int)
    if order == "simultaneous" and (k_g, k_d) != (1, 1):
        raise ValueError(f"simultaneous play updates each player once per round; got "
                         f"`k`=({k_g}, {k_d}): use order='alternating' for several updates.")
    gamma = _per_run(r1, "r1", check_nonnegative)
    batch = check_positive_int(batch, "batch")
    steps = check_positive_int(steps, "steps")
    log_every = check_positive_int(log_every, "log_every")
    hidden = check_positive_int(hidden, "hidden")  # checked even when no model is an MLP
    depth = check_positive_int(depth, "depth")
    settings = {"lr[0]": lr_g, "lr[1]": lr_d, "r1": gamma}
    if dynamics is not None:  # its per-run step sizes set the runs as `lr` arrays do
        lr_g, lr_d = dynamics.step_sizes(0)
        settings = {"dynamics lr[0]": lr_g, "dynamics lr[1]": lr_d, "r1": gamma}
        settings = {name: value for name, value in settings.items() if np.ndim(value) <= 1}
        order = "alternating" if isinstance(dynamics, Alternating) else "simultaneous"
        k_g, k_d = dynamics.k if isinstance(dynamics, Alternating) else (1, 1)
        optimizer = None
    run_shape = _run_shape(runs, settings)
    use_r1 = bool(np.any(gamma > 0))
    streams = _streams(rng)
    data = target.sample(4096, streams["scale"])
    center, spread = float(data.mean()), float(data.std())
    G = (generator if not isinstance(generator, str) else
         Affine(log_scale=True) if generator == "affine" else
         Rescaled(MonotoneMLP(hidden), center, spread) if generator == "monotone" else
         Rescaled(MLP(hidden, depth), center, spread))
    D = (discriminator if not isinstance(discriminator, str) else
         Standardized(Quadratic() if discriminator == "quadratic" else
                      MLP(hidden, 1, output_scale=0.1), center, spread))
    if spectral_norm is True and discriminator == "quadratic":
        raise ValueError("`spectral_norm`=True needs discriminator='mlp' (or a model "
                         "object): the quadratic's logit is linear in its weights, so "
                         "W / sigma(W) fixes its slope's size and D cannot become 1/2.")
    game = GANGame(target, G, D, loss=loss, r1=2 * np.asarray(gamma), batch_size=batch,
                   spectral_norm=spectral_norm, clip=clip, gradient_penalty=gradient_penalty,
                   instance_noise=instance_noise, eval_size=2048, rng=streams["evaluation"])
    if dynamics is None:
        rule: GradientDynamics
        if optimizer == "adam":
            rule = Adam((lr_g, lr_d), betas=GAN_BETAS)
        else:  # plain steps on J_D = -u_D / 2: half the step on u_D
            rule = Simultaneous((lr_g, lr_d / 2))
        dynamics = (Alternating(rule, k=(k_g, k_d), first=2) if order == "alternating"
                    else rule)
    init = streams["init"]
    params_g = G.init(init, run_shape)
    params_d = D.init(init, run_shape)
    eval_real, eval_z = game.evaluation_batch
    records: dict[str, list] = {key: [] for key in ("step", "d_real", "d_fake", "value", "jsd",
                                                    "w1", "score", "loss_d", "loss_g",
                                                    "params_g", "params_d", "grad_norm_g",
                                                    "grad_norm_d")}
    events: list[str] = []
    too_strong = np.zeros(run_shape, dtype=bool)  # runs whose D is too strong right now
    warned = False  # the too-strong warning is raised once per call

    def log(step: int, params_g: np.ndarray, params_d: np.ndarray) -> None:
        nonlocal warned
        raw_d = params_d  # the game's field takes the raw parameters
        params_d = game.discriminator_view(params_d)  # as D sees them (spectral norm)
        eval_real_batch = np.broadcast_to(eval_real, run_shape + (2048,))
        real_logits = D.forward(params_d, eval_real_batch)[0]
        fake, g_cache = G.forward(params_g, np.broadcast_to(eval_z, run_shape + (2048,)))
        fake_logits, d_cache = D.forward(params_d, fake)
        d_real = losses.sigmoid(real_logits).mean(-1)
        d_fake = losses.sigmoid(fake_logits).mean(-1)
        if isinstance(G, Affine):
            jsds, w1s = gaussian_jsd_w1(target, params_g[..., 0], G.scale(params_g)[..., 0])
        else:
            flat = fake.reshape(-1, fake.shape[-1])
            jsds = sample_jsd(target, flat)
            w1s = wasserstein1(target, flat, points=400)
        records["step"].append(step)
        records["d_real"].append(d_real)
        records["d_fake"].append(d_fake)
        records["value"].append(losses.value(real_logits, fake_logits))
        records["jsd"].append(np.reshape(jsds, run_shape))
        records["w1"].append(np.reshape(w1s, run_shape))
        records["score"].append(equilibrium_score(d_real, d_fake))
        loss_d = losses.discriminator_loss(real_logits, fake_logits)
        if use_r1:
            loss_d = loss_d + gamma * D.r1_gradient(params_d, eval_real_batch, 1.0)[0]
        records["loss_d"].append(loss_d)
        records["loss_g"].append(-losses.sample_generator_payoff(fake_logits, loss))
        records["params_g"].append(params_g.copy())
        records["params_d"].append(params_d.copy())
        # the game's own field on the evaluation batch: xi_G = -grad J_G, xi_D = -2 grad J_D
        z_now = np.concatenate([params_g, raw_d], axis=-1)
        with np.errstate(all="ignore"):
            grad_g = np.linalg.norm(game.partial_field(z_now, 1), axis=-1)
            grad_d = 0.5 * np.linalg.norm(game.partial_field(z_now, 2), axis=-1)
        records["grad_norm_g"].append(grad_g)
        records["grad_norm_d"].append(grad_d)
        strong = (d_real > 0.9) & (d_fake < 0.1)
        onset = strong & ~too_strong
        too_strong[...] = strong
        if np.any(onset):
            for message in _too_strong_messages(step, onset, grad_g, G, D, params_g,
                                                params_d, g_cache, d_cache, fake.shape, loss,
                                                records):
                if not warned:
                    warnings.warn(message, DiscriminatorTooStrongWarning, stacklevel=3)
                    warned = True
                events.append(message)

    bar = _progress(steps, check_progress(progress))
    n1 = game.n1
    z = np.concatenate([params_g, params_d], axis=-1)
    alive = np.ones(run_shape, dtype=bool)
    state = None
    done = 0
    log(0, params_g, params_d)
    while done < steps:
        length = min(log_every - done % log_every, steps - done)
        if state is not None and not alive.all():  # diverged runs stay where last logged
            state = state._replace(z=np.where(alive[..., None], state.z, 2 * _BOUND))
        trajectory = simulate(game, dynamics, z if state is None else None, length,
                              streams["data"], save_every=length, tol=0.0, bound=_BOUND,
                              state=state, progress=False)
        state = trajectory.final_state
        done += length
        diverged = np.asarray(trajectory.status == Status.DIVERGED, dtype=bool)
        newly = alive & diverged
        if np.any(newly):
            first = int(np.min(np.asarray(trajectory.diverged_at)[newly]))
            events.append(f"step {first}: {int(np.sum(newly))} run(s) diverged")
            alive &= ~newly
        z = np.where(alive[..., None], state.z, z)
        if bar is not None:
            bar(done)
        if not alive.any():
            if bar is not None:
                bar(done, stopped=True)
            break
        if done % log_every == 0 or done == steps:
            log(done, z[..., :n1], z[..., n1:])
    params_g, params_d = z[..., :n1].copy(), z[..., n1:].copy()
    if not alive.any() and records["step"][-1] != done:
        log(done, params_g, params_d)
    history = {key: readonly(np.array(value)) for key, value in records.items()}
    status = np.empty(run_shape, dtype=object)
    status[...] = Status.SUCCESS
    status[~alive] = Status.DIVERGED
    n_diverged = int(np.sum(~alive))
    converged = _converged(history, alive)
    message = (f"{int(converged.sum())} of {converged.size} run(s) converged (JSD < "
               f"{CONVERGED_JSD:g} and equilibrium score > {CONVERGED_SCORE:g})")
    if n_diverged:
        message += (f"; {n_diverged} diverged (parameters above {_BOUND:g}): reduce lr or "
                    "add R1")
    config = dict(generator=generator if isinstance(generator, str) else repr(generator),
                  discriminator=discriminator if isinstance(discriminator, str) else
                  repr(discriminator), loss=loss, order=order,
                  optimizer=optimizer, lr=(lr_g, lr_d), k=(k_g, k_d), r1=gamma, batch=batch,
                  spectral_norm=spectral_norm, clip=clip, gradient_penalty=gradient_penalty,
                  instance_noise=instance_noise,
                  steps=steps, dynamics=repr(dynamics))
    config = {key: _frozen(value) for key, value in config.items()}
    return GANRun(MappingProxyType(history), G, D, readonly(params_g), readonly(params_d),
                  target, readonly(status), message, tuple(events), MappingProxyType(config),
                  game, dynamics)


def _converged(history: Any, alive: Any) -> np.ndarray:
    """The convergence rule per run: alive, final JSD and equilibrium score passing."""
    return (np.asarray(alive, dtype=bool) & (history["jsd"][-1] < CONVERGED_JSD)
            & (history["score"][-1] > CONVERGED_SCORE))


def _too_strong_messages(step: int, onset: np.ndarray, grad_g: np.ndarray, G: Any, D: Any,
                         params_g: np.ndarray, params_d: np.ndarray, g_cache: Any,
                         d_cache: Any, fake_shape: tuple, loss: str,
                         records: dict) -> list[str]:
    """The too-strong diagnosis of the runs in ``onset``, from their measured gradients.

    The share of the discriminator's slope that reaches the generator is ``|E[c dl/dx
    dG]| / |E[dl/dx dG]|`` (``c``: the cost's weight per sample; the numerator's norm is
    ``grad_g``): below :data:`VANISHING_SHARE` the gradient vanishes, else the generator
    is pushed by large gradients (reported with their growth since the previous log).
    """
    with np.errstate(all="ignore"):
        slope = D.backward(params_d, d_cache, np.full(fake_shape, 1.0 / fake_shape[-1]),
                           wrt="input")[1]
        signal = np.linalg.norm(G.backward(params_g, g_cache, slope, wrt="params")[0], axis=-1)
        share = np.where(signal > 0, grad_g / np.where(signal > 0, signal, 1.0), 1.0)
    vanishing = onset & (share < VANISHING_SHARE)
    pushed = onset & ~vanishing
    head = "discriminator too strong (D(real) > 0.9 and D(fake) < 0.1)"
    messages = []
    if np.any(vanishing):
        messages.append(
            f"step {step}: {head} in {int(np.sum(vanishing))} run(s); with the {loss} cost "
            f"the generator's gradient vanishes (it is proportional to "
            f"{_WEIGHTS.get(loss, 'the weight the cost gives each sample')}): |grad J_G| "
            f"= {_at_most(grad_g[vanishing])}, a share {_at_most(share[vanishing])} of the "
            "discriminator's slope: try the non-saturating cost, a smaller lr_d, fewer "
            "discriminator steps or R1")
    if np.any(pushed):
        growth = ""
        if len(records["grad_norm_g"]) > 1:
            before = np.asarray(records["grad_norm_g"][-2])[pushed]
            growth = (f" (from {_at_most(before)} at step {records['step'][-2]})")
        messages.append(
            f"step {step}: {head} in {int(np.sum(pushed))} run(s); with the {loss} cost the "
            f"generator's gradient does not vanish: the discriminator separates the data "
            f"and the generator is pushed by large, unstable gradients, |grad J_G| = "
            f"{_at_most(grad_g[pushed])}{growth}: try a smaller lr_d, fewer discriminator "
            "steps, R1 or a smaller lr_g")
    return messages


#: The generator's weight ``c`` per sample, ``grad u_G = E[c dl/dx dG/dtheta]``, by cost.
_WEIGHTS = {"minimax": "D(fake)", "maximum_likelihood": "D(fake) / (2 (1 - D(fake)))",
            "non_saturating": "1 - D(fake)"}


def _at_most(values: np.ndarray) -> str:
    """One value as ``1.23``, several as ``up to 1.23`` (their maximum)."""
    values = np.asarray(values).reshape(-1)
    return f"{values[0]:.3g}" if values.size == 1 else f"up to {values.max():.3g}"


def _frozen(value: Any) -> Any:
    """``value`` with its arrays (also inside tuples) copied read-only."""
    if isinstance(value, tuple):
        return tuple(_frozen(item) for item in value)
    if isinstance(value, np.ndarray):
        return readonly(value.copy())
    return value


def _streams(rng: Any) -> dict[str, np.random.Generator]:
    """Independent Generators for the GAN's four random needs, by ``SeedSequence.spawn``.

    ``init`` (initial parameters), ``data`` (minibatches: SFC64, numpy's fastest normals),
    ``evaluation`` (the fixed evaluation batch) and ``scale`` (the data sample whose mean
    and standard deviation set the models' data scale). Different seeds give unrelated
    streams (earlier releases used ``seed``, ``seed + 1`` and ``seed + 2``, so seed 1
    evaluated on the numbers seed 0 drew its data statistics from).
    """
    source = as_generator(rng, "rng")
    sequence = getattr(source.bit_generator, "seed_seq", None)
    if not isinstance(sequence, np.random.SeedSequence):
        sequence = np.random.SeedSequence(int(source.integers(2**63)))
    init, data, evaluation, scale = sequence.spawn(4)
    return dict(init=np.random.default_rng(init),
                data=np.random.Generator(np.random.SFC64(data)),
                evaluation=np.random.default_rng(evaluation),
                scale=np.random.default_rng(scale))


def _per_run(value: Any, name: str, check: Callable[..., Any]) -> Any:
    """A setting shared by all runs (a float) or one per run (a 1-D array), validated."""
    if np.ndim(value) == 0:
        return check(value.item() if isinstance(value, np.generic) else value, name)
    values = np.asarray(value)
    if values.ndim != 1 or values.size == 0:
        raise ValueError(f"`{name}` must be a number or a 1-D array with one value per "
                         f"run; got shape {values.shape}.")
    return np.array([check(item.item(), f"{name}[{index}]")
                     for index, item in enumerate(values)])


def _run_shape(runs: Any, settings: dict) -> tuple:
    """``()`` for one run, ``(runs,)`` for an ensemble; per-run settings must agree."""
    lengths = {name: len(value) for name, value in settings.items() if np.ndim(value) == 1}
    if len(set(lengths.values())) > 1:
        raise ValueError(f"per-run settings must have one length; got {lengths}.")
    if runs is None:
        return (next(iter(lengths.values())),) if lengths else ()
    runs = check_positive_int(runs, "runs")
    for name, length in lengths.items():
        if length != runs:
            raise ValueError(f"`{name}` has {length} per-run values but `runs` is {runs}.")
    return (runs,)


def _progress(total: int, progress: bool | None) -> Callable[..., None] | None:
    """A function ``(step, stopped=False)`` that shows the rounds done, or None when no bar
    is to be shown (:mod:`gamedyn._progress`)."""
    if not shows_progress(progress):
        return None
    try:
        from tqdm.auto import tqdm
    except ImportError:
        every = max(total // 10, 1)
        printed = [0]

        def report(step: int, stopped: bool = False) -> None:
            if stopped:
                print(f"GAN training: stopped at step {step}/{total}: {_STOPPED}",
                      flush=True)
            elif step // every > printed[0] or step == total:
                printed[0] = step // every
                print(f"GAN training: step {step}/{total}", flush=True)
        return report
    bar = tqdm(total=total, desc="GAN training", unit="round",
               delay=DELAY if progress is None else 0.0)

    def update(step: int, stopped: bool = False) -> None:
        bar.update(step - bar.n)
        if stopped:
            bar.set_postfix_str(_STOPPED, refresh=False)
        if step == total or stopped:
            bar.close()
    return update


_STOPPED = "every run diverged"
