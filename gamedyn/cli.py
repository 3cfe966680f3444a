"""The ``gamedyn`` command: regenerate figures, list equilibria, analyze stability.

    gamedyn figures [--only NAME ...] [--out DIR] [--quick] [--rng N] [--format png|svg|pdf]
                    [--dpi N] [--no-progress]   (--seed is --rng's former name)
    gamedyn equilibria GAME [--exact] [--eliminate]   (catalogue name or .nfg file)
    gamedyn equilibria --A "3,0;5,1" --B "3,5;0,1"    (or --A A.csv --B B.csv; B = -A if omitted)
    gamedyn analyze GAME [--dynamics NAME [--lr ETA] [--dt DT] [--temperature T]
                    [--mutation MU]] [--point Z ...]   (each of --lr, --dt, --temperature,
                    --mutation sets the dynamics' parameter of that name; --point:
                    differentiable games only; --A/--B as for equilibria)
    gamedyn gan [--target W:M:S,... | --mean M --std T] [--loss L --steps N
                 --generator G --discriminator D --dynamics NAME --lr LR [LR_D]
                 --k K_G K_D --rng S --out DIR]
    gamedyn sweep SPEC.toml [--no-progress]   (writes SPEC's netCDF file and a PNG plot)
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from fractions import Fraction
from pathlib import Path
from typing import Any, NoReturn

import numpy as np

from gamedyn import __version__

__all__ = ["main"]

CONTINUOUS = ("bilinear", "dirac_gan", "landscape")


def _load_bimatrix(name: str) -> Any:
    import gamedyn as gd

    if name in gd.games.CATALOGUE:
        return gd.games.CATALOGUE[name]()
    if name.endswith(".nfg"):
        from gamedyn.games.nfg import read_nfg

        return read_nfg(Path(name))
    try:
        is_dir, exists = Path(name).is_dir(), Path(name).exists()
    except (OSError, ValueError):
        is_dir = exists = False
    if is_dir:
        raise ValueError(f"GAME {name}: is a directory; give a catalogue name or a Gambit "
                         ".nfg file.")
    if exists:
        raise ValueError(f"GAME {name}: only Gambit .nfg files are read as games (or give "
                         "the payoffs as --A/--B, typed or .csv files).")
    raise ValueError(f"unknown game {name!r}; valid names: "
                     f"{', '.join(gd.games.CATALOGUE)}, or a path to a Gambit .nfg file.")


MATRIX_FORM = ('expected rows separated by ";" and entries by "," (e.g. "3,0;5,1"; '
               'integers, decimals or fractions like 1/3), or a path to a .csv file')


PATH_SUFFIXES = (".csv", ".txt", ".tsv", ".dat", ".json", ".npy", ".xls", ".xlsx", ".nfg")


def _read_csv_rows(text: str, option: str) -> list[str]:
    """The non-blank lines of the ``.csv`` file ``text`` (a ValueError naming ``option``
    for a directory, a missing file, a file that is not UTF-8 or is empty)."""
    path = Path(text)
    if path.is_dir():
        raise ValueError(f"{option} {text}: is a directory; {MATRIX_FORM}.")
    if not path.exists():
        raise ValueError(f"{option} {text}: no such file; {MATRIX_FORM}.")
    try:  # utf-8-sig: spreadsheets often begin a CSV with a byte-order mark
        content = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValueError(f"{option} {text}: not UTF-8 text (byte {error.start}); "
                         "save the CSV as UTF-8.") from None
    rows = [line for line in content.splitlines() if line.strip()]
    if not rows:
        raise ValueError(f"{option} {text}: the file is empty; {MATRIX_FORM}.")
    return rows


def _matrix(text: str, option: str) -> list[list[str]]:
    """A payoff matrix typed inline ("3,0;5,1") or read from a ``.csv`` file (one row
    per line, entries separated by commas); entries kept as strings, so exact.

    A value ending in ``.csv`` is a file. Any other value is read inline; when it is not
    a matrix but names an existing path (a directory, or a file that is not ``.csv``) or
    looks like one (a ``/`` in a value without ``,`` or ``;`` that is not a fraction, or
    a file suffix such as ``.txt``), the error says so instead of quoting a bad entry.
    """
    from_file = text.lower().endswith(".csv")
    rows = _read_csv_rows(text, option) if from_file else text.split(";")
    matrix = [[entry.strip() for entry in row.split(",")] for row in rows]
    try:
        if not matrix or any(len(row) != len(matrix[0]) for row in matrix):
            raise ValueError(f"{option} {text!r}: every row needs the same number of "
                             f"entries; {MATRIX_FORM}.")
        for row in matrix:
            for entry in row:
                try:
                    if not np.isfinite(float(Fraction(entry))):
                        raise ValueError
                except (ValueError, ZeroDivisionError, OverflowError):
                    raise ValueError(f"{option} {text!r}: entry {entry!r} is not a finite "
                                     f"number; {MATRIX_FORM}.") from None
    except ValueError:
        if not from_file:
            _refuse_path(text, option)
        raise
    return matrix


def _refuse_path(text: str, option: str) -> None:
    """Raise the file problem of a value that is not an inline matrix but names, or looks
    like, a path; return for anything else (the caller reports the bad entry)."""
    path = Path(text)
    try:
        is_dir, exists = path.is_dir(), path.exists()
    except (OSError, ValueError):  # e.g. a long inline matrix: a name too long for a file
        return
    if is_dir:
        raise ValueError(f"{option} {text}: is a directory; {MATRIX_FORM}.")
    if exists:
        raise ValueError(f"{option} {text}: only .csv files are read as payoff matrices; "
                         f"got {path.name!r}. Save it as a .csv file (a row per line, "
                         "entries separated by commas).")
    separators = (("/" in text or "\\" in text) and not ("," in text or ";" in text)
                  and not re.fullmatch(r"[-+\d\s./]*", text))  # "1/0" is a fraction
    if separators or path.suffix.lower() in PATH_SUFFIXES:
        raise ValueError(f"{option} {text}: no such file; {MATRIX_FORM}.")


def _game(args: argparse.Namespace) -> Any:
    """The game of ``equilibria``/``analyze``: GAME, or ``--A`` [``--B``] matrices."""
    import gamedyn as gd

    if args.A is None:
        if args.B is not None:
            raise ValueError("--B needs --A (the row player's payoffs).")
        if args.game is None:
            raise ValueError("give a GAME (catalogue name or .nfg file) or its payoff "
                             "matrices with --A [--B].")
        return _load_bimatrix(args.game)
    if args.game is not None:
        raise ValueError(f"give either GAME ({args.game}) or --A/--B, not both.")
    A = _matrix(args.A, "--A")
    B = None if args.B is None else _matrix(args.B, "--B")
    if B is not None and (len(B), len(B[0])) != (len(A), len(A[0])):
        raise ValueError(f"--A is {len(A)}x{len(A[0])} but --B is {len(B)}x{len(B[0])}; "
                         "they must have the same shape.")
    return gd.BimatrixGame(A, B)


def _figures(args: argparse.Namespace) -> int:
    import matplotlib

    matplotlib.use("Agg")
    from gamedyn.gallery import FIGURES, save_all

    unknown = [name for name in args.only or [] if name not in FIGURES]
    if unknown:
        print(f"gamedyn figures: unknown figure(s) {unknown}; valid names: "
              f"{', '.join(FIGURES)}", file=sys.stderr)
        return 2
    from gamedyn._progress import progress_bar

    names = args.only or list(FIGURES)
    with progress_bar(False if args.no_progress else None, total=len(names),
                      desc="figures", unit="figure") as bar:
        for path in save_all(args.out, only=args.only, quick=args.quick, rng=args.rng,
                             format=args.format, dpi=args.dpi):
            bar.update()
            bar.write(str(path), file=sys.stdout)  # the path above the bar
    return 0


def _text(values: Any) -> str:
    """A probability vector as text: fractions exactly, floats rounded to 6 digits."""
    if np.asarray(values).dtype == object:
        return "[" + ", ".join(str(v) for v in values) + "]"
    return str(np.round(np.asarray(values, dtype=float), 6).tolist())


def _equilibria(args: argparse.Namespace) -> int:
    import gamedyn as gd

    game = _game(args)
    print(game)
    rows, cols = np.arange(game.shape[0]), np.arange(game.shape[1])
    solved = game
    if args.eliminate:
        reduction = gd.equilibria.iterated_elimination(game)
        print("\niterated elimination of strictly dominated strategies:")
        print("  " + reduction.explain().replace("\n", "\n  "))
        rows, cols, solved = reduction.rows, reduction.cols, reduction.game
        if reduction.steps:
            print(f"  left: rows {rows.tolist()}, columns {cols.tolist()}")
    found = gd.equilibria.all_nash(solved, exact=args.exact)
    kind = "degenerate" if found.degenerate else "nondegenerate"
    mode = ", exact" if args.exact else ""
    noun = "equilibrium" if len(found) == 1 else "equilibria"
    print(f"\n{len(found)} extreme Nash {noun} ({kind} game{mode}):")
    exact_A, exact_B = game.exact_payoffs() if args.exact else (game.A, game.B)

    def full(values: Any, index: Any, size: int) -> np.ndarray:
        out = np.zeros(size, dtype=object if args.exact else float)
        out[index] = values
        if args.exact:
            out[out == 0] = Fraction(0)
        return out

    padded = []
    for p, q in found:
        p, q = full(p, rows, game.shape[0]), full(q, cols, game.shape[1])
        padded.append((p, q))
        if args.exact:
            u1, u2 = p.dot(exact_A).dot(q), p.dot(exact_B).dot(q)
            payoffs = f"({u1}, {u2})"
        else:
            u1, u2 = game.payoffs(p, q)
            payoffs = f"({float(u1):.6g}, {float(u2):.6g})"
        print(f"  p = {_text(p)}, q = {_text(q)}, payoffs {payoffs}")
    components = type(found)(padded, found.degenerate).components
    print(f"\n{len(components)} equilibrium component(s):")
    for number, component in enumerate(components, 1):
        sets = component.maximal_subsets
        count = len(component.equilibria)
        print(f"  component {number}: {count} extreme equilibri{'um' if count == 1 else 'a'}, "
              f"{len(sets)} maximal Nash subset(s)")
        if len(component.equilibria) > 1:
            for X, Y in sets:
                print(f"    conv{{{', '.join(_text(x) for x in X)}}} x "
                      f"conv{{{', '.join(_text(y) for y in Y)}}}")
    return 0


DYNAMICS_OPTIONS = ("lr", "dt", "temperature", "mutation")
REST_POINTS = {  # what the rest points of the dynamics whose rest points are not Nash are
    "logit": lambda d: f"quantal response equilibrium, temperature {d.temperature:g}",
    "replicator_mutator": lambda d: (f"perturbed equilibrium, mutation {d.mutation:g}, "
                                     f"dt {d.dt:g}"),
}


def _dynamics(args: argparse.Namespace) -> tuple[Any, str | None]:
    """The ``--dynamics`` of ``analyze`` with the options it takes, and the message that
    refuses the options it does not take (None when every option given applies).

    Each of ``--lr``, ``--dt``, ``--temperature`` and ``--mutation`` sets the dynamics'
    parameter of the same name; the dynamics' own defaults hold for the others.
    """
    import dataclasses

    import gamedyn as gd

    given = {name: getattr(args, name) for name in DYNAMICS_OPTIONS
             if getattr(args, name) is not None}
    if args.dynamics is None:
        if given:
            options = " and ".join(f"--{name}" for name in given)
            raise ValueError(f"{options} set(s) a parameter of a --dynamics; give --dynamics "
                             "NAME too (without it the report is of the continuous-time "
                             "flow).")
        return None, None
    kind = type(gd.dynamics.get_dynamics(args.dynamics))  # an unknown name lists the valid
    fields = {field.name for field in dataclasses.fields(kind) if field.init}
    refused = [name for name in given if name not in fields]
    dynamics = gd.dynamics.get_dynamics(
        args.dynamics, **{name: value for name, value in given.items() if name in fields})
    if not refused:
        return dynamics, None
    own = [f"--{name}" for name in DYNAMICS_OPTIONS if name in fields]
    takes = (f"the option(s) it takes: {', '.join(own)}" if own else
             f"it takes none of {', '.join('--' + name for name in DYNAMICS_OPTIONS)}")
    valid = ", ".join(repr(field.name) for field in dataclasses.fields(kind) if field.init)
    verb = "does" if len(refused) == 1 else "do"
    return dynamics, (f"{' and '.join('--' + name for name in refused)} {verb} not apply to "
                      f"--dynamics {args.dynamics}: {kind.__name__} has no parameter(s) "
                      f"{', '.join(map(repr, refused))} (valid: {valid}); {takes}.")


def _one_round(game: Any, dynamics: Any, z: np.ndarray) -> np.ndarray:
    """``z`` after one round of ``dynamics`` from rest (the analyzer's fixed-point test)."""
    return np.asarray(dynamics.step(game, dynamics.init(game, z), None).z, dtype=float)


def _rest_point_near(game: Any, dynamics: Any, p: np.ndarray, q: np.ndarray
                     ) -> np.ndarray | None:
    """The fixed point ``concat(p*, q*)`` of one round of ``dynamics`` nearest the
    equilibrium ``(p, q)`` among those found, or None if none is found.

    For logit response it is the quantal response equilibrium
    (:func:`gamedyn.equilibria.quantal_response_equilibrium` with ``near=(p, q)``).
    Otherwise the fixed-point equation ``F(z) = z`` is solved by Powell's hybrid method
    (``scipy.optimize.root``) in log-odds coordinates ``u = log(z_i / z_last)`` per
    player (an interior point; mutation keeps every share positive), starting from
    ``(p, q)`` moved ``1e-6``, ``1e-3``, ``1e-2`` and ``0.1`` of the way to the uniform
    strategies; if none converges, from where 3000 damped rounds lead. The caller checks
    the result with the analyzer.
    """
    import gamedyn as gd

    if isinstance(dynamics, gd.dynamics.LogitResponse):
        try:
            qre = gd.equilibria.quantal_response_equilibrium(
                game, dynamics.temperature, near=(p, q))
        except ValueError:  # none found near (p, q)
            return None
        return np.concatenate(qre)
    from gamedyn.equilibria.quantal import _FixedPoints

    class _OneRound(_FixedPoints):
        def response(self, z: np.ndarray, scale: float = 1.0) -> np.ndarray:
            return _one_round(game, dynamics, z)

    # the same search as the QRE's (quantal._FixedPoints.near); accepted strictly below 1e-12
    m, n = game.shape
    return _OneRound(m, n, tol=np.nextafter(1e-12, 0.0)).near(np.concatenate([p, q]))


def _analyze(args: argparse.Namespace) -> int:
    import gamedyn as gd

    dynamics, refused = _dynamics(args)
    reports: list[str] = []
    if args.game in CONTINUOUS and args.A is None and args.B is None:
        game = getattr(gd.games, args.game)()
        if args.point:
            points = [np.array(args.point, dtype=float)]
        elif args.game == "landscape":
            points = [z for z, _ in gd.stability.find_stationary_points(
                game, [[-4, 4], [-4, 4]])]
        else:
            points = [game.equilibrium()]
        reports = [str(gd.stability.analyze(game, point, dynamics)) for point in points]
    else:
        if args.point:
            raise ValueError(f"--point applies to the differentiable games "
                             f"{', '.join(CONTINUOUS)}; a bimatrix game is analyzed at each "
                             "of its extreme Nash equilibria (or at the rest point of the "
                             "--dynamics found from each, where they differ).")
        try:
            reports = _bimatrix_reports(_game(args), dynamics)
        except TypeError as error:
            if getattr(dynamics, "name", None) != "stochastic_fictitious_play":
                raise
            raise TypeError(f"{error} From the shell: --dynamics logit --temperature "
                            f"{dynamics.temperature:g}.") from None
    if refused is not None:  # only now: a dynamics that cannot be analyzed says so first
        raise ValueError(refused)
    for report in reports:
        print(report, end="\n\n")
    return 0


def _bimatrix_reports(game: Any, dynamics: Any) -> list[str]:
    """The reports at each extreme Nash equilibrium, or, for a ``dynamics`` that does not
    rest there (logit, replicator-mutator), at its rest point found from it: one report
    per distinct point, a rest point headed by what it is and the equilibria it was found
    from."""
    import gamedyn as gd

    scale = max(1.0, float(np.abs(game.A).max()), float(np.abs(game.B).max()))
    points: list[tuple[np.ndarray, list[str], bool]] = []  # point, Nash equilibria, searched
    missing: list[str] = []  # Nash equilibria near which no rest point was found
    for p, q in gd.equilibria.all_nash(game):
        z = np.concatenate([p, q])
        searched = (isinstance(dynamics, gd.dynamics.MatrixDynamics) and dynamics.smooth
                    and np.abs(_one_round(game, dynamics, z) - z).max() > 1e-9 * scale)
        nash = f"p = {_text(p)}, q = {_text(q)}"
        if searched:
            dynamics.linearization(game, z)  # a dynamics without one says so first
            rest = _rest_point_near(game, dynamics, p, q)
            if rest is None:  # e.g. at the end of a component of a degenerate game
                missing.append(nash)
                continue
            z = rest
        for index, (point, near, before) in enumerate(points):
            if np.abs(point - z).max() <= 1e-9:
                points[index] = (point, near + [nash], before or searched)
                break
        else:
            points.append((z, [nash], searched))
    m = game.shape[0]
    reports = []
    for z, near, searched in points:
        try:  # the analyzer's own check that the point is a fixed point
            report = str(gd.stability.analyze(game, (z[:m], z[m:]), dynamics))
        except ValueError as error:
            if not searched:
                raise
            raise ValueError(f"no rest point of {dynamics!r} found near the Nash "
                             f"equilibrium {near[0]}: {error}") from None
        if searched:
            what = REST_POINTS.get(dynamics.name, lambda d: "fixed point of one round")
            plural = "um" if len(near) == 1 else "a"
            report = (f"{dynamics.name} rest point ({what(dynamics)}) near the Nash "
                      f"equilibri{plural} {'; '.join(near)}:\n"
                      f"  p = {z[:m].tolist()}, q = {z[m:].tolist()}\n{report}")
        reports.append(report)
    if missing:
        note = (f"no rest point of {dynamics!r} found near the Nash equilibri"
                f"{'um' if len(missing) == 1 else 'a'} {'; '.join(missing)}")
        if not reports:
            raise ValueError(f"{note}; simulate it instead.")
        reports.append(f"{note} (in a degenerate game a rest point need not lie near "
                       "every extreme equilibrium); simulate it to see where it goes.")
    return reports


def _target(args: argparse.Namespace) -> Any:
    """The data of ``gamedyn gan``: ``--target`` (a mixture) or ``--mean``/``--std``.

    ``--target "W:M:S,W:M:S,..."``: components ``weight:mean:std``, comma-separated,
    weights summing to 1 (a single ``M:S`` is a Gaussian). Bad input is a ValueError
    naming ``--target`` and the expected form.
    """
    import gamedyn as gd

    if args.target is None:
        mean = 2.0 if args.mean is None else args.mean
        std = 0.5 if args.std is None else args.std
        return gd.gan.gaussian(mean, std)
    if args.mean is not None or args.std is not None:
        raise ValueError("give either --target or --mean/--std, not both.")
    form = ('expected "weight:mean:std" components separated by commas (weights summing '
            'to 1), e.g. --target "0.5:-2:0.5,0.5:2:0.5", or one "mean:std"')
    parts = [part.strip() for part in args.target.split(",")]
    try:
        fields = [[float(value) for value in part.split(":")] for part in parts]
    except ValueError:
        raise ValueError(f"--target {args.target!r}: {form}.") from None
    if len(fields) == 1 and len(fields[0]) == 2:
        fields = [[1.0] + fields[0]]
    if any(len(item) != 3 for item in fields):
        raise ValueError(f"--target {args.target!r}: {form}.")
    weights, means, stds = (np.array(column) for column in zip(*fields))
    if not np.all(np.isfinite(weights) & np.isfinite(means) & np.isfinite(stds)):
        raise ValueError(f"--target {args.target!r}: every number must be finite.")
    if np.any(stds <= 0):
        raise ValueError(f"--target {args.target!r}: every std must be positive.")
    if np.any(weights < 0) or abs(weights.sum() - 1) > 1e-6:
        raise ValueError(f"--target {args.target!r}: the weights must be >= 0 and sum to 1; "
                         f"they sum to {weights.sum():g}.")
    return gd.gan.Mixture(weights / weights.sum(), means, stds)


def _gan(args: argparse.Namespace) -> int:
    import matplotlib

    matplotlib.use("Agg")
    import gamedyn as gd
    from gamedyn.gallery import save_figure
    from gamedyn.gan.train import CONVERGED_JSD
    from gamedyn.plot import new_figure

    target = _target(args)
    options: dict[str, Any] = {}
    lr = None if args.lr is None else args.lr[0] if len(args.lr) == 1 else tuple(args.lr)
    if args.lr is not None and len(args.lr) > 2:
        raise ValueError(f"--lr takes one step size or two (lr_g lr_d); got {len(args.lr)}.")
    if args.dynamics is not None:
        options["dynamics"] = gd.dynamics.get_dynamics(
            args.dynamics, **({} if lr is None else {"lr": lr}))
    elif lr is not None:
        options["lr"] = lr
    if args.k is not None:
        if args.dynamics is not None:
            raise ValueError("`--k` belongs to the default round; set it on the dynamics.")
        options["k"] = tuple(args.k)
    for name in ("generator", "discriminator", "steps"):
        if getattr(args, name) is not None:
            options[name] = getattr(args, name)
    run = gd.gan.train(target, loss=args.loss, rng=args.rng, progress=True, **options)
    print(run)
    for event in run.events:
        print("  " + event)
    history = run.history
    figure, axes = new_figure(1, 4, size=3.4)
    rounds = history["step"]
    ax = axes[0, 0]
    ax.plot(rounds, history["d_real"], label="D(real)")
    ax.plot(rounds, history["d_fake"], label="D(fake)")
    ax.axhline(0.5, color="k", lw=0.7, label="1/2")
    ax.set_ylabel("mean discriminator output")
    ax.set_title("discriminator outputs", fontsize=9)
    ax = axes[0, 1]
    ax.plot(rounds, history["value"], label="V")
    ax.axhline(-np.log(4), color="k", lw=0.7, label="-log 4")
    ax.set_ylabel("value V = E log D(x) + E log(1 - D(G(z)))", fontsize=8)
    ax.set_title("value of the game", fontsize=9)
    ax = axes[0, 2]
    ax.semilogy(rounds, history["jsd"] + 1e-6, label="JSD (nats)")
    ax.semilogy(rounds, history["w1"], label="W1")
    ax.axhline(CONVERGED_JSD, color="C0", lw=0.7, ls=":",
               label="JSD threshold of convergence")
    ax.set_ylabel("distance to the data")
    ax.set_title("progress: distances to the data", fontsize=9)
    for ax in axes[0, :3]:
        ax.set_xlabel("round")
        ax.legend(fontsize=7)
    ax = axes[0, 3]
    x = np.linspace(float((target.means - 4 * target.stds).min()),
                    float((target.means + 4 * target.stds).max()), 400)
    ax.plot(x, target.pdf(x), "k--", label="data")
    latent = np.random.default_rng(0).standard_normal(20000)
    first = history["params_g"][0]
    initial = run.generator.forward(first, np.broadcast_to(latent, first.shape[:-1] + (20000,)))[0]
    ax.hist(np.reshape(initial, -1), bins=120, range=(x[0], x[-1]), density=True,
            histtype="step", color="0.6", label="generator at round 0")
    samples = np.asarray(run.sample(20000, rng=0)).reshape(-1)
    ax.hist(samples, bins=120, range=(x[0], x[-1]), density=True, histtype="step",
            color="C2", label=f"generator at round {int(rounds[-1])}")
    ax.set_xlabel("x")
    ax.set_ylabel("density")
    ax.set_title("data and generator densities", fontsize=9)
    ax.legend(fontsize=7)
    figure.suptitle(f"GAN on {target!r}, {args.loss} loss, {run.config['generator']} "
                    f"generator / {run.config['discriminator']} discriminator")
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    print(save_figure(figure, out / "gan_curves.png"))
    return 0


def _positive(text: str) -> float:
    """An option's value that must be a finite number > 0 (argparse names the option)."""
    value = float(text)  # a ValueError: argparse says "invalid positive number value"
    if not (np.isfinite(value) and value > 0):
        raise argparse.ArgumentTypeError(f"must be finite and positive; got {text!r}")
    return value


def _nonnegative(text: str) -> float:
    """An option's value that must be a finite number >= 0 (argparse names the option)."""
    value = float(text)
    if not (np.isfinite(value) and value >= 0):
        raise argparse.ArgumentTypeError(f"must be finite and non-negative; got {text!r}")
    return value


_positive.__name__ = "positive number"  # argparse's "invalid positive number value: 'x'"
_nonnegative.__name__ = "non-negative number"


def _matrix_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--A", metavar="MATRIX", help='payoffs of player 1 (rows) instead of '
                        'GAME: inline, rows by ";" and entries by "," (e.g. "3,0;5,1"), or a '
                        '.csv file (a row per line); a leading minus needs --A="-1,2;3,4"')
    parser.add_argument("--B", metavar="MATRIX", help="payoffs of player 2 (columns), as --A; "
                        "default -A (a zero-sum game)")


class _UsageError(Exception):
    """An argument problem found by argparse; main() prints it on one line."""


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is an exception (one line from main), not usage + exit."""

    def error(self, message: str) -> NoReturn:
        raise _UsageError(f"{message} (see '{self.prog} --help')")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="gamedyn", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"gamedyn {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    figures = commands.add_parser("figures", help="regenerate the figure gallery")
    figures.add_argument("--only", nargs="+", metavar="NAME", help="figures to make")
    figures.add_argument("--out", default="figures", help="output folder (default: figures)")
    figures.add_argument("--quick", action="store_true", help="fewer steps, for a preview")
    figures.add_argument("--rng", "--seed", dest="rng", type=int, default=0,
                         help="random seed, an int >= 0 (default 0: the committed figures)")
    figures.add_argument("--no-progress", action="store_true",
                         help="no progress bar (shown in a terminal after a second)")
    figures.add_argument("--format", choices=("png", "svg", "pdf"), default="png",
                         help="file format (default: png)")
    figures.add_argument("--dpi", type=int, default=100,
                         help="resolution in dots per inch, 1 to 1200 (default: 100)")
    figures.set_defaults(run=_figures)
    equilibria = commands.add_parser("equilibria", help="all extreme Nash equilibria")
    equilibria.add_argument("game", nargs="?",
                            help="catalogue name or path to a Gambit .nfg file")
    _matrix_options(equilibria)
    equilibria.add_argument("--exact", action="store_true",
                            help="rational arithmetic: probabilities printed as fractions")
    equilibria.add_argument("--eliminate", action="store_true",
                            help="first remove strictly dominated strategies (pure and mixed)")
    equilibria.set_defaults(run=_equilibria)
    analyze = commands.add_parser(
        "analyze", help="stability report at the equilibria",
        description="The stability report of the flow, or of a --dynamics, at each extreme "
        "Nash equilibrium of a bimatrix game (for logit and replicator_mutator, whose rest "
        "points are not Nash equilibria, at the rest point found from each: a quantal "
        "response equilibrium, a perturbed equilibrium), or at a point of a "
        "differentiable game. One rule for the dynamics' options: --lr, --dt, "
        "--temperature and --mutation each set the parameter of that name, and an option "
        "the dynamics has no parameter for is refused.")
    analyze.add_argument("game", nargs="?",
                         help=f"catalogue name, .nfg file or one of {CONTINUOUS}")
    _matrix_options(analyze)
    analyze.add_argument("--dynamics", metavar="NAME",
                         help="a registered method, e.g. simultaneous, replicator, logit")
    analyze.add_argument("--lr", type=_positive, default=None, metavar="ETA",
                         help="the dynamics' parameter lr: the step size of a gradient "
                         "method or of hedge (default 0.1), the mixing weight in (0, 1] "
                         "of logit (default 1)")
    analyze.add_argument("--dt", type=_positive, default=None, metavar="DT",
                         help="the dynamics' parameter dt: the step of replicator and "
                         "replicator_mutator (default 0.1)")
    analyze.add_argument("--temperature", type=_positive, default=None, metavar="T",
                         help="the dynamics' parameter temperature: of logit (default 1) "
                         "and stochastic_fictitious_play (default 0.1)")
    analyze.add_argument("--mutation", type=_nonnegative, default=None, metavar="MU",
                         help="the dynamics' parameter mutation: the rate of "
                         "replicator_mutator (default 0.01)")
    analyze.add_argument("--point", type=float, nargs="+",
                         help=f"state z to analyze (only for {', '.join(CONTINUOUS)})")
    analyze.set_defaults(run=_analyze)
    gan = commands.add_parser("gan", help="train the 1-D GAN and save its curves")
    gan.add_argument("--target", metavar="W:M:S,...",
                     help='a mixture of Gaussians: weight:mean:std components separated by '
                     'commas, e.g. "0.5:-2:0.5,0.5:2:0.5" (a mixture trains a monotone MLP '
                     'generator against an MLP discriminator by default)')
    gan.add_argument("--mean", type=float, default=None,
                     help="target mean of a Gaussian target (default 2; the generator "
                     "starts at N(0, 1))")
    gan.add_argument("--std", type=float, default=None,
                     help="target std of a Gaussian target (default 0.5)")
    gan.add_argument("--generator", choices=("affine", "mlp", "monotone"), default=None,
                     help="generator model (default: affine for a Gaussian, monotone for a "
                     "mixture)")
    gan.add_argument("--discriminator", choices=("quadratic", "mlp"), default=None,
                     help="discriminator model (default: quadratic for a Gaussian, mlp "
                     "for a mixture)")
    gan.add_argument("--loss", default="non_saturating",
                     choices=("non_saturating", "minimax", "maximum_likelihood"))
    gan.add_argument("--dynamics", help="a registered gradient method, e.g. extragradient "
                     "(default: alternating Adam, the discriminator first)")
    gan.add_argument("--lr", type=_positive, nargs="+", default=None,
                     help="step size(s): one, or lr_g lr_d")
    gan.add_argument("--k", type=int, nargs=2, metavar=("K_G", "K_D"),
                     help="updates per round of the generator and the discriminator")
    gan.add_argument("--steps", type=int, default=None,
                     help="training rounds (default: train's, 3000 for a Gaussian)")
    gan.add_argument("--rng", "--seed", dest="rng", type=int, default=0,
                     help="random seed (default 0)")
    gan.add_argument("--out", default=".", help="folder for gan_curves.png")
    gan.set_defaults(run=_gan)
    sweep = commands.add_parser("sweep", help="run a sweep described in a TOML file")
    sweep.add_argument("spec", help="the sweep's TOML file (see gamedyn.sweeps.spec)")
    sweep.add_argument("--no-progress", action="store_true", help="no progress bar")
    sweep.set_defaults(run=_sweep)
    return parser


def _sweep(args: argparse.Namespace) -> int:
    from gamedyn.sweeps.spec import run_spec

    for path in run_spec(args.spec, progress=False if args.no_progress else None):
        print(path)
    return 0


def _check_output_folder(args: argparse.Namespace) -> None:
    """Refuse an ``--out`` folder that cannot be written before any work is done: an
    existing file, a path under a file, or a folder without write permission."""
    import os

    out = getattr(args, "out", None)
    if out is None:
        return
    if not out:
        raise ValueError("--out is empty; give a folder (it is created if missing), e.g. "
                         "--out . for the current folder.")
    if Path(out).exists() and not Path(out).is_dir():
        raise ValueError(f"--out {out} exists and is not a folder; give a folder (it is "
                         "created if missing).")
    existing = Path(out).absolute()
    while not existing.exists():  # the folder is made later: check its first existing parent
        existing = existing.parent
    if not existing.is_dir():
        raise ValueError(f"--out {out} cannot be made: {existing} is a file, not a folder.")
    if not os.access(existing, os.W_OK | os.X_OK):
        raise PermissionError(13, "Permission denied (no write access to --out)", out)


def _one_line(error: BaseException) -> str:
    """The error's message on one line; file errors as "<reason>: <file>"."""
    if isinstance(error, FileExistsError) and error.filename is not None:
        text = f"{error.filename} exists and is not a folder"
    elif isinstance(error, OSError) and error.strerror:
        where = f": {error.filename}" if error.filename is not None else ""
        text = f"{error.strerror}{where}"
    else:
        text = str(error) or type(error).__name__
    return " ".join(text.split())


def _stdout_to_devnull() -> None:
    """Point the process's stdout at /dev/null, so that Python's final flush of what is
    left in the buffer does not fail again (Python's documentation, "Note on SIGPIPE")."""
    import os

    try:
        descriptor = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # not a real file (e.g. captured)
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, descriptor)
    finally:
        os.close(devnull)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit code.

    The code is 0, or 2 for any problem with an argument or a file (a one-line message on
    stderr, no traceback), or 141 (128 + SIGPIPE, as Unix tools) without a message when
    the reader of stdout goes away first (``gamedyn analyze stag_hunt | head -1``).

    Every subcommand shares this handling: argument errors, ``ValueError`` and
    ``TypeError`` from the library (bad values, malformed files) and ``OSError`` (a
    missing file, a directory where a file is expected, an output path that is an
    existing file, no permission).

    Parameters
    ----------
    argv : sequence of str, optional
        The arguments after the program name (default: ``sys.argv[1:]``).

    Returns
    -------
    int
        The exit code.

    Raises
    ------
    TypeError
        If ``argv`` is not a list of strings or None.

    Examples
    --------
    >>> from gamedyn.cli import main
    >>> main(["equilibria", "pigs"])                      # doctest: +ELLIPSIS
    BimatrixGame('Pigs', shape=(2, 2))
    ...
    1 extreme Nash equilibrium (nondegenerate game):
      p = [1.0, 0.0], q = [0.0, 1.0], payoffs (2, 3)
    ...
    0
    """
    if argv is not None and (isinstance(argv, str) or not all(isinstance(a, str) for a in argv)):
        raise TypeError(f"`argv` must be a list of strings or None; got {argv!r}.")
    try:
        code = _main(argv)
        sys.stdout.flush()  # inside the try: a closed pipe fails here, not at exit
    except BrokenPipeError:
        _stdout_to_devnull()
        return 141
    return code


def _main(argv: Sequence[str] | None) -> int:
    """:func:`main` but for a closed stdout."""
    try:
        args = _parser().parse_args(argv)
    except _UsageError as error:
        print(f"gamedyn: {_one_line(error)}", file=sys.stderr)
        return 2
    except SystemExit as stop:  # --help and --version print and stop
        return stop.code if isinstance(stop.code, int) else 0
    try:
        _check_output_folder(args)
        return args.run(args)
    except BrokenPipeError:
        raise  # main() ends quietly
    except (ValueError, TypeError, OSError) as error:
        print(f"gamedyn {args.command}: {_one_line(error)}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
