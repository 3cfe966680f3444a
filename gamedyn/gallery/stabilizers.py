"""The GAN stabilizers compared on a two-Gaussian mixture, each as one ensemble."""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING, Any

import numpy as np

import gamedyn as gd
from gamedyn.gallery._arguments import MISSING, RNG, RNG_DEFAULT, recipe_arguments
from gamedyn.plot import new_figure

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from gamedyn.gan import GANRun, Mixture

__all__ = ["make_gan_stabilizers", "stabilizer_runs"]

#: The mixture every stabilizer is tried on.
TARGET = ((0.5, 0.5), (-2.0, 2.0), (0.5, 0.5))
#: What all settings share: the mixture recipe's models, no R1, one time scale.
_BASE = dict(generator="monotone", discriminator="mlp", hidden=16, r1=0.0)
_ADAM = (0.001, 0.001)  # one time scale for Adam
_PLAIN = (0.05, 0.2)  # plain gradient steps (simultaneous, extragradient, optimistic)


def _settings() -> list[tuple[str, dict]]:
    """(label, train options) per stabilizer, the baselines first."""
    D = gd.dynamics
    return [
        ("Adam, lr (0.001, 0.001)", dict(lr=_ADAM)),
        ("k_d = 5", dict(lr=_ADAM, k=(1, 5))),
        ("two time scales, lr (0.001, 0.03)", dict(lr=(0.001, 0.03))),
        ("R1 = 0.1", dict(lr=_ADAM, r1=0.1)),
        ("spectral normalization", dict(lr=_ADAM, spectral_norm=True)),
        ("WGAN-GP, penalty 1", dict(lr=_ADAM, loss="wasserstein", gradient_penalty=1.0)),
        ("instance noise, sigma 0.25", dict(lr=_ADAM, instance_noise=0.25)),
        (f"simultaneous steps, lr {_PLAIN}", dict(dynamics=D.Simultaneous(_PLAIN))),
        ("extragradient", dict(dynamics=D.Extragradient(_PLAIN))),
        ("optimistic", dict(dynamics=D.Optimistic(_PLAIN))),
    ]


def stabilizer_runs(target: Mixture | tuple[float, float] | None = None, rng: RNG = RNG_DEFAULT,
                    quick: bool = False, *, seed: Any = MISSING) -> dict[str, GANRun]:
    """label -> :class:`gamedyn.gan.GANRun`: one ensemble per stabilizer on ``target``
    (a ``(mean, std)`` pair or a :class:`~gamedyn.gan.Mixture`; default :data:`TARGET`).

    32 seeds for 1,500 rounds each (``quick``: 4 seeds, 150 rounds), all from the same
    ``rng`` (so the same initializations and minibatch streams).

    Parameters
    ----------
    target : Mixture, (mean, std) pair or None
        The data; None: :data:`TARGET`.
    rng : Generator, int, SeedSequence or None, default 0
        The randomness: an int ``>= 0`` is the seed itself (``0`` draws the committed
        figure); a SeedSequence gives ``generate_state(1)[0]``, a Generator
        ``integers(2**32)``, None fresh entropy.
    quick : bool, default False
        Fewer rounds, starts and seeds (a coarser preview).
    seed : int, optional
        Deprecated alias of ``rng`` (a ``DeprecationWarning``).

    Returns
    -------
    dict of str to GANRun
        Stabilizer label -> its ensemble.
    """
    from gamedyn.gan.targets import as_target

    seed, quick = recipe_arguments(rng, quick, seed)
    target = gd.gan.Mixture(*TARGET) if target is None else as_target(target, "target")
    common = dict(runs=4 if quick else 32, steps=150 if quick else 1500,
                  log_every=10 if quick else 50, rng=seed, **_BASE)
    runs = {}
    with warnings.catch_warnings():  # a too-strong discriminator is part of the story
        warnings.simplefilter("ignore", gd.gan.DiscriminatorTooStrongWarning)
        for label, options in _settings():
            runs[label] = gd.gan.train(target, **{**common, **options})
    return runs


def make_gan_stabilizers(target: Mixture | tuple[float, float] | None = None,
                         rng: RNG = RNG_DEFAULT, quick: bool = False, *,
                         seed: Any = MISSING) -> Figure:
    """Fraction of 32 seeds converged (JSD < 0.02) and the median JSD over rounds, for
    each stabilizer on ``target`` (default ``0.5 N(-2, 0.5^2) + 0.5 N(2, 0.5^2)``;
    monotone MLP generator, MLP discriminator), each setting one ensemble from the same
    initializations.

    Parameters
    ----------
    target : Mixture, (mean, std) pair or None
        The data; None: ``0.5 N(-2, 0.5²) + 0.5 N(2, 0.5²)``.
    rng : Generator, int, SeedSequence or None, default 0
        The randomness: an int ``>= 0`` is the seed itself (``0`` draws the committed
        figure); a SeedSequence gives ``generate_state(1)[0]``, a Generator
        ``integers(2**32)``, None fresh entropy.
    quick : bool, default False
        Fewer rounds, starts and seeds (a coarser preview).
    seed : int, optional
        Deprecated alias of ``rng`` (a ``DeprecationWarning``).

    Returns
    -------
    Figure
        The figure (a matplotlib ``Figure``; no file is written).
    """
    seed, quick = recipe_arguments(rng, quick, seed)
    runs = stabilizer_runs(target, seed, quick)
    target = next(iter(runs.values())).target
    figure, axes = new_figure(1, 2, size=5.0)
    left, right = axes[0]
    labels = list(runs)
    for index, (label, run) in enumerate(runs.items()):
        jsd = run.history["jsd"]
        style = "--" if label.startswith(("Adam", "simultaneous")) else "-"
        left.semilogy(run.history["step"], np.median(jsd, axis=1) + 1e-4, style,
                      color=f"C{index % 10}", label=label)
        right.barh(index, np.mean(run.converged), color=f"C{index % 10}")
        right.text(np.mean(run.converged) + 0.01, index, f"{np.mean(run.converged):.0%}",
                   va="center", fontsize=7)
    count, rounds = np.size(runs[labels[0]].converged), int(runs[labels[0]].history["step"][-1])
    left.axhline(0.02, color="k", lw=0.7, ls=":", label="JSD 0.02 (converged)")
    left.set_xlabel("round")
    left.set_ylabel(f"median JSD to the data over {count} seeds (nats)")
    left.set_title("progress: JSD over rounds (dashed: the baselines)", fontsize=9)
    left.legend(fontsize=6.5, loc="lower left")
    right.set_yticks(range(len(labels)), labels, fontsize=7)
    right.invert_yaxis()
    right.set_xlim(0, 1.1)
    right.set_xlabel(f"fraction of {count} seeds with JSD < 0.02\nafter {rounds} rounds")
    right.set_title("converged", fontsize=9)
    figure.suptitle(f"GAN stabilizers on {target!r}: monotone MLP generator vs MLP "
                    "discriminator")
    return figure
