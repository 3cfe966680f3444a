"""The three generator costs against D(G(z)), after Goodfellow (2016), Figure 16."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

import gamedyn as gd
from gamedyn.gallery._arguments import MISSING, RNG, RNG_DEFAULT, recipe_arguments
from gamedyn.plot import new_figure

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["make_generator_costs"]

_LABELS = {"minimax": "minimax: log(1 − D)",
           "non_saturating": "non-saturating: −log D",
           "maximum_likelihood": "maximum likelihood: −½ D / (1 − D)"}


def make_generator_costs(rng: RNG = RNG_DEFAULT, quick: bool = False, *,
                         seed: Any = MISSING) -> Figure:
    """The generator costs ``J_G`` and their slopes ``dJ_G/dD`` against ``D(G(z))``.

    Computed by :mod:`gamedyn.gan.losses` (``generator_loss`` and
    ``generator_loss_gradient`` on the logit ``sigma^-1(D)``, the slope by the chain rule
    ``dl/dD = 1 / (D (1 - D))``), not re-typed formulas. Where the discriminator rejects
    the sample (``D`` near 0) the minimax cost is flat, the non-saturating one steep;
    the maximum-likelihood cost is flat there and steep near ``D = 1``. All three slopes
    are ``-2`` at ``D = 1/2``. The recipe is deterministic (``rng`` is unused).

    Parameters
    ----------
    rng : Generator, int, SeedSequence or None, default 0
        Checked, then unused: this figure draws no random numbers (every recipe takes
        the same arguments).
    quick : bool, default False
        Fewer rounds, starts and seeds (a coarser preview).
    seed : int, optional
        Deprecated alias of ``rng`` (a ``DeprecationWarning``).

    Returns
    -------
    Figure
        The figure (a matplotlib ``Figure``; no file is written).

    References
    ----------
    Goodfellow, I. (2016). NIPS 2016 Tutorial: Generative Adversarial Networks.
    Section 3.2.3 and Figure 16.
    """
    recipe_arguments(rng, quick, seed)
    d = np.linspace(0.002, 0.998, 250 if quick else 1000)
    logits = np.log(d) - np.log1p(-d)  # sigma^-1(D)
    figure, axes = new_figure(1, 2, size=4.8)
    for index, (cost, label) in enumerate(_LABELS.items()):
        per_sample = logits[:, None]  # one sample per row: J_G is that sample's cost
        value = gd.gan.losses.generator_loss(per_sample, cost)
        slope = gd.gan.losses.generator_loss_gradient(per_sample, cost)[:, 0] / (d * (1 - d))
        axes[0, 0].plot(d, value, color=f"C{index}", label=label)
        axes[0, 1].plot(d, slope, color=f"C{index}", label=label)
    axes[0, 0].set_ylim(-20, 5)
    axes[0, 1].set_ylim(-40, 2)
    for ax in axes[0]:
        ax.axvline(0.5, color="0.6", lw=0.7, ls=":")
        ax.axhline(0.0, color="0.6", lw=0.7)
        ax.set_xlabel("D(G(z)): D's output on a generated sample")
    axes[0, 1].plot([0.5], [-2.0], "ko", ms=4)
    axes[0, 1].annotate("all slopes −2 at D = ½", (0.5, -2.0), (0.55, -12), fontsize=8,
                        arrowprops={"arrowstyle": "->", "lw": 0.7})
    axes[0, 0].set_ylabel("generator cost J_G")
    axes[0, 1].set_ylabel("slope dJ_G / dD")
    axes[0, 0].set_title("costs (the generator descends them)", fontsize=9)
    axes[0, 1].set_title("slopes: only non-saturating is steep where D rejects", fontsize=9)
    axes[0, 0].legend(fontsize=7, loc="lower left")
    figure.suptitle("generator costs from gamedyn.gan.losses (after Goodfellow 2016, Fig. 16)")
    return figure
