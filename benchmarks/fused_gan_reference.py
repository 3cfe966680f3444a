"""A frozen copy of the fused GAN trainer of earlier releases (gamedyn/gan/train.py on the
main branch before issue 13), kept only as the benchmark baseline of the generic path:
``gd.gan.train`` now plays a ``GANGame`` through ``gd.simulate`` and must take at most
1.2x the time of this loop on the same runs. Not part of the library.

Measured on the main branch's code on the day it was replaced (2-core box shared with
other jobs; ``python benchmarks/bench_gan.py``): MLP 16 / batch 256 single run
1.18e-4 s per round (torch 2.13.0 autograd: 5.99e-4 s, ratio 5.08); 1,000-GAN ensemble,
500 rounds: 6.73 s (sequential torch, scaled: 197.8 s, ratio 29.4).
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from gamedyn._validation import (
    check_choice,
    check_nonnegative,
    check_positive,
    check_positive_int,
    per_player,
)
from gamedyn.gan import losses
from gamedyn.gan.metrics import equilibrium_score, gaussian_jsd_w1, sample_jsd, wasserstein1
from gamedyn.gan.models import MLP, Affine, Quadratic, Rescaled, Standardized
from gamedyn.gan.targets import Mixture, as_target

__all__ = ["train"]

GENERATORS = ("affine", "mlp")
DISCRIMINATORS = ("quadratic", "mlp")
ORDERS = ("alternating", "simultaneous")
OPTIMIZERS = ("adam", "sgd")
_BOUND = 1e6
#: Defaults per generator: with them the affine generator learns any N(m, t^2) with
#: |m| <= 3, 0.3 <= t <= 3, and the MLP generator (trained against the MLP discriminator)
#: reaches a JSD of about 0.01.
DEFAULT_LR = {"affine": (0.01, 0.01), "mlp": (0.002, 0.01)}
DEFAULT_R1 = {"affine": 0.1, "mlp": 1.0}
#: A run counts as converged when its final JSD and equilibrium score pass these.
CONVERGED_JSD = 0.02
CONVERGED_SCORE = 0.9


class DiscriminatorTooStrongWarning(RuntimeWarning):
    """``D(real) > 0.9`` and ``D(fake) < 0.1``: the generator's gradient is vanishing.

    A diagnosis, not an error: filter it like any warning (the test suite shows it
    rather than failing on it).
    """


class _Optimizer:
    """Gradient descent on a loss: SGD or Adam (Kingma & Ba 2015), batched over runs."""

    def __init__(self, kind: str, lr: Any, shape: tuple) -> None:
        # one step size, or one per run (a column broadcast over the parameters)
        self.kind, self.t = kind, 0
        self.lr = lr if np.ndim(lr) == 0 else np.asarray(lr)[:, None]
        if kind == "adam":
            self.m, self.v = np.zeros(shape), np.zeros(shape)

    def step(self, params: np.ndarray, grad: np.ndarray) -> np.ndarray:
        if self.kind == "sgd":
            return params - self.lr * grad
        self.t += 1
        beta1, beta2 = 0.5, 0.999  # beta1 = 0.5 as is usual for GANs (Radford et al. 2016)
        self.m = beta1 * self.m + (1 - beta1) * grad
        self.v = beta2 * self.v + (1 - beta2) * grad**2
        m_hat = self.m / (1 - beta1**self.t)
        v_hat = self.v / (1 - beta2**self.t)
        return params - self.lr * m_hat / (np.sqrt(v_hat) + 1e-8)


@dataclass(frozen=True, eq=False)
class GANRun:
    """The result of :func:`train`.

    Attributes
    ----------
    history : dict of ndarray
        Per logged step (first axis), with run axes after it for ensembles: ``step``,
        ``d_real``, ``d_fake`` (mean discriminator outputs), ``value`` (estimate of
        ``V = E log D(x) + E log(1 - D(G(z)))``, ``-log 4`` at equilibrium), ``jsd``,
        ``w1``, ``score`` (equilibrium score), ``loss_d`` (with R1) and ``loss_g``
        (all on a fixed evaluation batch of 2,048), ``params_g``, ``params_d``.
    generator, discriminator : model objects
    params_g, params_d : ndarray
        Final parameters.
    status : str or ndarray of str
        ``"finished"`` or ``"diverged"`` (per run for ensembles).
    message : str
    events : list of str
        Notable moments: runs whose discriminator becomes too strong (``D(real) >
        0.9`` and ``D(fake) < 0.1``; the first time also warns with
        :class:`DiscriminatorTooStrongWarning`), and runs that diverge.
    config : dict
    """

    history: dict
    generator: Any
    discriminator: Any
    params_g: np.ndarray
    params_d: np.ndarray
    target: Mixture
    status: Any
    message: str
    events: list = field(default_factory=list)
    config: dict = field(default_factory=dict)

    def sample(self, n: int, seed: int = 0) -> np.ndarray:
        """``n`` generator samples (per run for ensembles), reproducible by ``seed``."""
        z = np.random.default_rng(seed).standard_normal(self.params_g.shape[:-1] + (n,))
        return self.generator.forward(self.params_g, z)[0]

    def discriminator_output(self, x: Any) -> np.ndarray:
        """``D(x)`` of the final discriminator on points ``x`` (shape ``(..., k)``)."""
        x = np.broadcast_to(np.asarray(x, dtype=float),
                            self.params_d.shape[:-1] + np.shape(x)[-1:])
        return losses.sigmoid(self.discriminator.forward(self.params_d, x)[0])

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
    generator: str = "affine",
    discriminator: str = "quadratic",
    loss: str = "non_saturating",
    order: str = "alternating",
    lr: Any = None,
    steps: Any = (1, 1),
    optimizer: str = "adam",
    r1: Any = None,
    batch: int = 256,
    n_steps: int = 3000,
    seed: int | None = 0,
    runs: int | None = None,
    log_every: int = 20,
    hidden: int = 16,
    depth: int = 1,
    progress: bool = False,
) -> GANRun:
    """Train a GAN on a 1-D target with hand-derived gradients.

    Player 1 is the generator ``G``, player 2 the discriminator ``D`` (logit ``l``,
    ``D = sigmoid(l)``). Each round the discriminator takes ``steps[1]`` steps on
    ``J_D = -1/2 E log D(x) - 1/2 E log(1 - D(G(z))) + R1`` and the generator
    ``steps[0]`` steps on its loss (minimax ``E log(1 - D(G(z)))`` or non-saturating
    ``-E log D(G(z))``); with ``order="alternating"`` the generator sees the updated
    discriminator, with ``"simultaneous"`` both gradients use the same parameters.
    R1 is ``(r1/2) E |d l/du|^2`` on real data (Mescheder et al. 2018), where the
    discriminator sees inputs standardized by a data sample's mean and standard
    deviation, ``u = (x - c) / sigma`` (ordinary data normalization; it keeps the
    quadratic features well conditioned for every target).

    Parameters
    ----------
    target : (mean, std) or Mixture
    lr : float or (lr_g, lr_d), optional
        Step sizes (two-timescale when they differ). Each may also be a 1-D array with
        one step size per run: an ensemble over step sizes (see ``runs``). Default
        ``(0.01, 0.01)`` for the affine generator and ``(0.002, 0.01)`` for the MLP
        generator (the two-timescale rule: a faster discriminator, which the MLP needs).
    steps : (k_g, k_d)
    r1 : float or 1-D array, optional
        R1 weight ``gamma``, or one per run. Default 0.1 for the affine generator and
        1.0 for the MLP generator.
    runs : int, optional
        Train this many independent GANs in one vectorized run (seeds drawn from
        ``seed``); history arrays then carry a run axis. Defaults to the length of
        per-run ``lr`` or ``r1`` arrays when those are given.
    log_every : int
        Record the indicators every this many rounds (and at the end).
    progress : bool
        Show a progress bar (tqdm when installed, else printed lines).

    Returns
    -------
    GANRun

    Examples
    --------
    >>> import numpy as np, gamedyn as gd
    >>> run = gd.gan.train((2.0, 0.5), n_steps=2000, seed=1)
    >>> bool(abs(run.history["value"][-1] + np.log(4)) < 0.05)
    True
    """
    target = as_target(target)
    check_choice(generator, "generator", GENERATORS)
    check_choice(discriminator, "discriminator", DISCRIMINATORS)
    check_choice(loss, "loss", losses.LOSSES)
    check_choice(order, "order", ORDERS)
    check_choice(optimizer, "optimizer", OPTIMIZERS)
    lr = DEFAULT_LR[generator] if lr is None else lr
    r1 = DEFAULT_R1[generator] if r1 is None else r1
    lr_g, lr_d = per_player(lr, "lr", lambda v, name: _per_run(v, name, check_positive))
    k_g, k_d = per_player(steps, "steps", check_positive_int)
    gamma = _per_run(r1, "r1", check_nonnegative)
    batch = check_positive_int(batch, "batch")
    n_steps = check_positive_int(n_steps, "n_steps")
    log_every = check_positive_int(log_every, "log_every")
    run_shape = _run_shape(runs, {"lr[0]": lr_g, "lr[1]": lr_d, "r1": gamma})
    use_r1 = bool(np.any(gamma > 0))
    r1_weight = gamma if np.ndim(gamma) == 0 else gamma[:, None]  # per run: a column
    rng = np.random.Generator(np.random.SFC64(seed))  # the fastest normals numpy draws
    data = target.sample(4096, np.random.default_rng(None if seed is None else seed + 2))
    center, spread = float(data.mean()), float(data.std())
    G = (Affine(log_scale=True) if generator == "affine" else
         Rescaled(MLP(hidden, depth), center, spread))
    D = Standardized(Quadratic() if discriminator == "quadratic" else
                     MLP(hidden, 1, output_scale=0.1), center, spread)
    params_g = G.init(rng, run_shape)
    params_d = D.init(rng, run_shape)
    opt_g = _Optimizer(optimizer, lr_g, params_g.shape)
    opt_d = _Optimizer(optimizer, lr_d, params_d.shape)
    eval_rng = np.random.default_rng(None if seed is None else seed + 1)
    eval_real = target.sample(2048, eval_rng)
    eval_z = eval_rng.standard_normal(2048)
    records: dict[str, list] = {k: [] for k in ("step", "d_real", "d_fake", "value", "jsd",
                                                "w1", "score", "loss_d", "loss_g",
                                                "params_g", "params_d")}
    events: list[str] = []
    alive = np.ones(run_shape, dtype=bool)
    too_strong = np.zeros(run_shape, dtype=bool)  # runs whose D is too strong right now
    warned = False  # the too-strong warning is raised once per call

    signs = np.repeat([-1.0, 1.0], batch)  # real, then fake samples

    def discriminator_step(params_d, params_g):
        real = target.sample(batch, rng, run_shape)
        fake, _ = G.forward(params_g, rng.standard_normal(run_shape + (batch,)))
        # one pass over real and fake samples together: the parameter gradient of the
        # sum is the sum of the two gradients
        logits, cache = D.forward(params_d, np.concatenate([real, fake], axis=-1))
        upstream = losses.discriminator_loss_gradient_signed(logits, signs)
        grad = D.backward(params_d, cache, upstream, wrt="params")[0]
        if use_r1:  # the penalty is linear in gamma
            grad = grad + r1_weight * D.r1_gradient(params_d, real, 1.0)[1]
        return grad

    def generator_gradient(params_g, params_d):
        z = rng.standard_normal(run_shape + (batch,))
        fake, g_cache = G.forward(params_g, z)
        logits, d_cache = D.forward(params_d, fake)
        upstream = losses.generator_loss_gradient(logits, loss)
        grad_x = D.backward(params_d, d_cache, upstream, wrt="input")[1]
        return G.backward(params_g, g_cache, grad_x, wrt="params")[0]

    def log(step: int) -> None:
        nonlocal warned
        eval_real_batch = np.broadcast_to(eval_real, run_shape + (2048,))
        real_logits = D.forward(params_d, eval_real_batch)[0]
        fake = G.forward(params_g, np.broadcast_to(eval_z, run_shape + (2048,)))[0]
        fake_logits = D.forward(params_d, fake)[0]
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
        records["loss_g"].append(losses.generator_loss(fake_logits, loss))
        records["params_g"].append(params_g.copy())
        records["params_d"].append(params_d.copy())
        strong = (d_real > 0.9) & (d_fake < 0.1)
        onset = strong & ~too_strong
        too_strong[...] = strong
        if np.any(onset):
            message = (f"step {step}: discriminator too strong (D(real) > 0.9 and D(fake) "
                       f"< 0.1) in {int(np.sum(onset))} run(s); the generator's gradient "
                       "vanishes: try a smaller lr_d, fewer discriminator steps or R1")
            if not warned:
                warnings.warn(message, DiscriminatorTooStrongWarning, stacklevel=3)
                warned = True
            events.append(message)

    bar = _progress(n_steps) if progress else None
    frozen = None  # once a run diverges: mask of the runs whose parameters stay put

    def advance(optimizer, params, grad):
        stepped = optimizer.step(params, grad)
        return stepped if frozen is None else np.where(frozen, params, stepped)

    log(0)
    with np.errstate(over="ignore", invalid="ignore"):
        for step in range(1, n_steps + 1):
            if order == "simultaneous":
                grad_g = generator_gradient(params_g, params_d)
            for _ in range(k_d):
                params_d = advance(opt_d, params_d, discriminator_step(params_d, params_g))
            for index in range(k_g):
                if order == "alternating" or index > 0:
                    grad_g = generator_gradient(params_g, params_d)
                params_g = advance(opt_g, params_g, grad_g)
            # NaN fails the comparison, so this catches non-finite parameters too
            healthy = (np.abs(params_g).max(-1) < _BOUND) & (np.abs(params_d).max(-1) < _BOUND)
            if not healthy.all():
                newly = alive & ~healthy
                events.append(f"step {step}: {int(np.sum(newly))} run(s) diverged")
                params_g = np.where(newly[..., None], records["params_g"][-1], params_g)
                params_d = np.where(newly[..., None], records["params_d"][-1], params_d)
                alive &= healthy
                frozen = ~alive[..., None]
                if not np.any(alive):
                    break
            if step % log_every == 0 or step == n_steps:
                log(step)
            if bar is not None:
                bar(step)
    history = {k: np.array(v) for k, v in records.items()}
    status = np.where(alive, "finished", "diverged")
    diverged = int(np.sum(~alive))
    converged = alive & (history["jsd"][-1] < CONVERGED_JSD) & \
        (history["score"][-1] > CONVERGED_SCORE)
    message = (f"{int(converged.sum())} of {converged.size} run(s) converged (JSD < "
               f"{CONVERGED_JSD:g} and equilibrium score > {CONVERGED_SCORE:g})")
    if diverged:
        message += (f"; {diverged} diverged (parameters above {_BOUND:g}): reduce lr or "
                    "add R1")
    config = dict(generator=generator, discriminator=discriminator, loss=loss, order=order,
                  lr=(lr_g, lr_d), steps=(k_g, k_d), optimizer=optimizer, r1=gamma,
                  batch=batch, n_steps=n_steps, seed=seed)
    return GANRun(history, G, D, params_g, params_d, target,
                  status.item() if status.ndim == 0 else status, message, events, config)


def _per_run(value: Any, name: str, check) -> Any:
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


def _progress(total: int):
    try:
        from tqdm import tqdm
    except ImportError:
        def report(step: int) -> None:
            if step % max(total // 10, 1) == 0:
                print(f"GAN training: step {step}/{total}", flush=True)
        return report
    bar = tqdm(total=total, desc="GAN training")

    def update(step: int) -> None:
        bar.update(1)
        if step == total:
            bar.close()
    return update
