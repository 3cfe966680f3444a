"""The figure gallery: one recipe per figure,
``make_<name>(game=None, rng=0, quick=False) -> Figure``.

Each recipe takes its game as its first argument (the GAN recipes their data,
``target``); None draws the catalogue game. Recipes call only the public API and do no
I/O; :func:`save_all` writes PNG, SVG or PDF files. ``rng`` is the library's randomness
argument (a Generator, an int seed, a SeedSequence or None); ``seed``, its former name,
still works with a ``DeprecationWarning``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gamedyn._validation import check_bool, check_positive_int
from gamedyn.gallery._arguments import MISSING, RNG, RNG_DEFAULT, recipe_seed
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

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["DPI", "FIGURES", "FORMATS", "save_all", "save_figure"]

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


#: Output formats :func:`save_figure` writes, and the metadata each leaves out so that
#: reruns give identical files (no timestamps, no software tag).
FORMATS: dict[str, dict] = {"png": {"Software": None},
                            "svg": {"Date": None, "Creator": None},
                            "pdf": {"CreationDate": None, "Creator": None, "Producer": None}}
#: Default resolution (dots per inch) of the raster figures.
DPI = 100
_MAX_DPI = 1200


def check_format(format: object) -> str:
    """``format`` as one of :data:`FORMATS` (case-insensitive), or ``ValueError``."""
    if not isinstance(format, str) or format.lower() not in FORMATS:
        raise ValueError(f"`format` must be one of {', '.join(FORMATS)}; got {format!r}.")
    return format.lower()


def check_dpi(dpi: object) -> int:
    """``dpi`` as an int in 1..1200, or ``TypeError``/``ValueError`` naming it."""
    dpi = check_positive_int(dpi, "dpi")
    if dpi > _MAX_DPI:
        raise ValueError(f"`dpi` must be at most {_MAX_DPI}; got {dpi}.")
    return dpi


def save_figure(figure: Figure, path: Path, *, format: str | None = None, dpi: int = DPI) -> Path:
    """Save a figure as PNG, SVG or PDF, byte-identical across reruns.

    No timestamp or software tag is written, so regenerating a figure from the same
    recipe and ``rng`` gives the same file.

    Parameters
    ----------
    figure : matplotlib.figure.Figure
        The figure to save (a recipe's result, or any matplotlib figure).
    path : str or os.PathLike
        The file to write.
    format : {"png", "svg", "pdf"}, optional
        Default: the suffix of ``path`` if it is one of these, else ``"png"``.
    dpi : int
        Dots per inch (1 to 1200): the pixel size of a PNG is the figure's size in
        inches times ``dpi``; for SVG and PDF it sets the resolution of embedded images.

    Returns
    -------
    str or os.PathLike
        ``path``, as given.

    Raises
    ------
    TypeError
        If ``figure`` is not a matplotlib Figure, ``path`` not a str or path, or ``dpi``
        not an int.
    ValueError
        For an unknown ``format`` or a ``dpi`` outside 1..1200.
    OSError
        If the file cannot be written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from gamedyn.gallery import FIGURES, save_figure
    >>> figure = FIGURES["spectral_radius"](quick=True)
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     save_figure(figure, pathlib.Path(folder) / "rho.svg").read_bytes()[:5]
    b'<?xml'
    """
    import matplotlib
    from matplotlib.figure import Figure

    if not isinstance(figure, Figure):
        raise TypeError(f"`figure` must be a matplotlib Figure; got {type(figure).__name__}.")
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"`path` must be a str or os.PathLike; got {path!r}.")
    if format is None:
        suffix = Path(path).suffix.lstrip(".").lower()
        format = suffix if suffix in FORMATS else "png"
    format = check_format(format)
    dpi = check_dpi(dpi)
    with matplotlib.rc_context({"svg.hashsalt": "gamedyn"}):
        figure.savefig(path, format=format, dpi=dpi, metadata=FORMATS[format])
    return path


def save_all(out_dir: str | Path, only: Sequence[str] | None = None, quick: bool = False,
             rng: RNG = RNG_DEFAULT, *, format: str = "png", dpi: int = DPI,
             seed: Any = MISSING) -> list[Path]:
    """Render the gallery's figures into ``out_dir/<name>.<format>``.

    The README's main command (``gamedyn figures``) calls this; with the defaults it
    rewrites the committed ``figures/`` byte for byte.

    Parameters
    ----------
    out_dir : str or os.PathLike
        The folder to write into (created if missing).
    only : list of str, optional
        Names from :data:`FIGURES` to render, in this order; default: all of them.
    quick : bool, default False
        Fewer rounds, starts and seeds (a smoke run: figures are coarser).
    rng : Generator, int, SeedSequence or None, default 0
        The randomness, turned into one int seed that every recipe gets: an int ``>= 0``
        is that seed (``0`` rewrites the committed figures); a SeedSequence gives
        ``generate_state(1)[0]``, a Generator one draw ``integers(2**32)`` (it advances),
        None fresh entropy from the operating system.
    format : {"png", "svg", "pdf"}, default "png"
        The file format.
    dpi : int, default 100
        Dots per inch, 1 to 1200 (see :func:`save_figure`).
    seed : int, optional
        Deprecated alias of ``rng`` (a ``DeprecationWarning``; giving both is a
        ``TypeError``).

    Returns
    -------
    list of pathlib.Path
        The files written, in the order of ``only`` (gallery order by default).

    Raises
    ------
    TypeError
        For an ``out_dir`` that is not a path, ``only`` that is not a list of names,
        a non-bool ``quick``, an ``rng`` of another kind (a bool or a float included), a
        non-int ``dpi``, or both ``rng`` and ``seed``.
    ValueError
        For an unknown name (the message lists the valid ones), a negative int ``rng``, an
        unknown ``format`` or a ``dpi`` outside 1..1200.
    OSError
        If the folder cannot be created or written.

    Examples
    --------
    >>> import tempfile
    >>> from gamedyn.gallery import save_all
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     [path.name for path in save_all(folder, only=["spectral_radius"], quick=True,
    ...                                     format="svg")]
    ['spectral_radius.svg']
    """
    if not isinstance(out_dir, (str, os.PathLike)):
        raise TypeError(f"`out_dir` must be a str or os.PathLike; got {out_dir!r}.")
    if only is not None and (isinstance(only, str) or not isinstance(only, Sequence)
                             or not all(isinstance(name, str) for name in only)):
        raise TypeError(f"`only` must be a list of figure names or None; got {only!r}.")
    check_bool(quick, "quick")
    seed = recipe_seed(rng, seed)
    format = check_format(format)
    dpi = check_dpi(dpi)
    names = list(FIGURES) if not only else list(only)
    unknown = [name for name in names if name not in FIGURES]
    if unknown:
        raise ValueError(f"unknown figure(s) {unknown}; valid names: {', '.join(FIGURES)}.")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    return [save_figure(FIGURES[name](rng=seed, quick=quick), out / f"{name}.{format}",
                        format=format, dpi=dpi) for name in names]
