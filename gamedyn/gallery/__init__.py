"""The figure gallery: one recipe per figure, ``make_<name>(seed=0, quick=False) -> Figure``.

Recipes call only the public API and do no I/O; :func:`save_all` writes PNGs.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path

from gamedyn._validation import check_bool, check_positive_int
from gamedyn.gallery.bimatrix import make_pigs, make_rps_replicator, make_stag_hunt
from gamedyn.gallery.continuous import make_dirac_gan, make_loss_landscape
from gamedyn.gallery.costs import make_generator_costs
from gamedyn.gallery.gan import (
    make_gan1d_curves,
    make_gan1d_snapshots,
    make_gan1d_stability,
    make_mode_hopping,
)
from gamedyn.gallery.learning import make_gan_mixture, make_no_regret
from gamedyn.gallery.rotation import make_bilinear_methods, make_eigenvalues, make_spectral_radius
from gamedyn.gallery.stabilizers import make_gan_stabilizers
from gamedyn.gallery.sweeps import make_sweep_basins, make_sweep_gan, make_sweep_nash_counts

__all__ = ["FIGURES", "save_all", "save_figure"]

#: Figure name -> recipe, in gallery order.
FIGURES: dict[str, Callable] = {
    "bilinear_methods": make_bilinear_methods,
    "spectral_radius": make_spectral_radius,
    "eigenvalues": make_eigenvalues,
    "stag_hunt": make_stag_hunt,
    "pigs": make_pigs,
    "rps_replicator": make_rps_replicator,
    "dirac_gan": make_dirac_gan,
    "gan1d_snapshots": make_gan1d_snapshots,
    "gan1d_curves": make_gan1d_curves,
    "gan1d_stability": make_gan1d_stability,
    "loss_landscape": make_loss_landscape,
    "mode_hopping": make_mode_hopping,
    "generator_costs": make_generator_costs,
    "no_regret": make_no_regret,
    "gan_mixture": make_gan_mixture,
    "sweep_gan": make_sweep_gan,
    "sweep_basins": make_sweep_basins,
    "sweep_nash_counts": make_sweep_nash_counts,
    "gan_stabilizers": make_gan_stabilizers,
}


def save_figure(figure, path: Path) -> Path:
    """Save as PNG without a timestamp or software tag, so reruns give identical files.

    Raises
    ------
    TypeError
        If ``figure`` is not a matplotlib Figure or ``path`` not a str or path.
    OSError
        If the file cannot be written.
    """
    from matplotlib.figure import Figure

    if not isinstance(figure, Figure):
        raise TypeError(f"`figure` must be a matplotlib Figure; got {type(figure).__name__}.")
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"`path` must be a str or os.PathLike; got {path!r}.")
    figure.savefig(path, dpi=100, metadata={"Software": None})
    return path


def save_all(out_dir: str | Path, only: Sequence[str] | None = None, quick: bool = False,
             seed: int = 0) -> list[Path]:
    """Render figures into ``out_dir/<name>.png``; ``only`` selects by name.

    Raises
    ------
    TypeError
        For an ``out_dir`` that is not a path, ``only`` that is not a list of names,
        or a non-bool ``quick`` or non-int ``seed``.
    ValueError
        For an unknown name (the message lists the valid ones) or a negative seed.
    OSError
        If the folder cannot be created or written.
    """
    if not isinstance(out_dir, (str, os.PathLike)):
        raise TypeError(f"`out_dir` must be a str or os.PathLike; got {out_dir!r}.")
    if only is not None and (isinstance(only, str) or not isinstance(only, Sequence)
                             or not all(isinstance(name, str) for name in only)):
        raise TypeError(f"`only` must be a list of figure names or None; got {only!r}.")
    check_bool(quick, "quick")
    seed = check_positive_int(seed, "seed", minimum=0)
    names = list(FIGURES) if not only else list(only)
    unknown = [name for name in names if name not in FIGURES]
    if unknown:
        raise ValueError(f"unknown figure(s) {unknown}; valid names: {', '.join(FIGURES)}.")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    return [save_figure(FIGURES[name](seed=seed, quick=quick), out / f"{name}.png")
            for name in names]
