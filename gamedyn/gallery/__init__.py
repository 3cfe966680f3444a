"""The figure gallery: one recipe per figure, ``make_<name>(seed=0, quick=False) -> Figure``.

Recipes call only the public API and do no I/O; :func:`save_all` writes PNGs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from gamedyn.gallery.bimatrix import make_pigs, make_rps_replicator, make_stag_hunt
from gamedyn.gallery.continuous import make_dirac_gan, make_loss_landscape
from gamedyn.gallery.gan import (
    make_gan1d_curves,
    make_gan1d_snapshots,
    make_gan1d_stability,
    make_mode_hopping,
)
from gamedyn.gallery.rotation import make_bilinear_methods, make_eigenvalues, make_spectral_radius

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
}


def save_figure(figure, path: Path) -> Path:
    """Save as PNG without a timestamp or software tag, so reruns give identical files."""
    figure.savefig(path, dpi=100, metadata={"Software": None})
    return path


def save_all(out_dir: str | Path, only: Sequence[str] | None = None, quick: bool = False,
             seed: int = 0) -> list[Path]:
    """Render figures into ``out_dir/<name>.png``; ``only`` selects by name.

    Raises
    ------
    ValueError
        For an unknown name (the message lists the valid ones).
    """
    names = list(FIGURES) if not only else list(only)
    unknown = [name for name in names if name not in FIGURES]
    if unknown:
        raise ValueError(f"unknown figure(s) {unknown}; valid names: {', '.join(FIGURES)}.")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    return [save_figure(FIGURES[name](seed=seed, quick=quick), out / f"{name}.png")
            for name in names]
