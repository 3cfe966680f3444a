"""The ``gamedyn`` command: regenerate figures, list equilibria, analyze stability.

    gamedyn figures [--only NAME ...] [--out DIR] [--quick] [--seed N]
    gamedyn equilibria GAME            (catalogue name or Gambit .nfg file)
    gamedyn analyze GAME [--dynamics NAME --lr ETA] [--point Z ...]
    gamedyn gan [--mean M --std T --loss L --steps N --dynamics NAME --lr LR [LR_D]
                 --k K_G K_D --rng S --out DIR]
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np

__all__ = ["main"]

CONTINUOUS = ("bilinear", "dirac_gan", "landscape")


def _load_bimatrix(name: str):
    import gamedyn as gd

    if name in gd.games.CATALOGUE:
        return gd.games.CATALOGUE[name]()
    if name.endswith(".nfg"):
        from gamedyn.games.nfg import read_nfg

        return read_nfg(Path(name))
    raise ValueError(f"unknown game {name!r}; valid names: "
                     f"{', '.join(gd.games.CATALOGUE)}, or a path to a Gambit .nfg file.")


def _figures(args: argparse.Namespace) -> int:
    import matplotlib

    matplotlib.use("Agg")
    from gamedyn.gallery import FIGURES, save_all

    unknown = [name for name in args.only or [] if name not in FIGURES]
    if unknown:
        print(f"gamedyn figures: unknown figure(s) {unknown}; valid names: "
              f"{', '.join(FIGURES)}", file=sys.stderr)
        return 2
    for path in save_all(args.out, only=args.only, quick=args.quick, seed=args.seed):
        print(path)
    return 0


def _equilibria(args: argparse.Namespace) -> int:
    import gamedyn as gd

    game = _load_bimatrix(args.game)
    print(game)
    found = gd.equilibria.all_nash(game)
    kind = "degenerate" if found.degenerate else "nondegenerate"
    print(f"\n{len(found)} extreme Nash equilibria ({kind} game):")
    for p, q in found:
        u1, u2 = game.payoffs(p, q)
        print(f"  p = {np.round(p, 6).tolist()}, q = {np.round(q, 6).tolist()}, "
              f"payoffs ({float(u1):.6g}, {float(u2):.6g})")
    return 0


def _analyze(args: argparse.Namespace) -> int:
    import gamedyn as gd

    dynamics = None
    if args.dynamics is not None:
        kind = gd.dynamics.REGISTRY.get(args.dynamics)  # get_dynamics names the valid ones
        gradient = kind is not None and issubclass(kind, gd.dynamics.GradientDynamics)
        # --lr is the step size of gradient methods (default 0.1); a bimatrix dynamics
        # takes it only when given (the logit mixing weight), else its own defaults
        lr = args.lr if args.lr is not None else (0.1 if gradient else None)
        dynamics = gd.dynamics.get_dynamics(args.dynamics, **({} if lr is None else {"lr": lr}))
    if args.game in CONTINUOUS:
        game = getattr(gd.games, args.game)()
        if args.point:
            points = [np.array(args.point, dtype=float)]
        elif args.game == "landscape":
            points = [z for z, _ in gd.stability.find_stationary_points(
                game, [[-4, 4], [-4, 4]])]
        else:
            points = [game.equilibrium()]
        for point in points:
            print(gd.stability.analyze(game, point, dynamics), end="\n\n")
        return 0
    game = _load_bimatrix(args.game)
    for p, q in gd.equilibria.all_nash(game):
        print(gd.stability.analyze(game, (p, q), dynamics), end="\n\n")
    return 0


def _gan(args: argparse.Namespace) -> int:
    import matplotlib

    matplotlib.use("Agg")
    import gamedyn as gd
    from gamedyn.gallery import save_figure
    from gamedyn.plot import new_figure

    options = {}
    lr = None if args.lr is None else args.lr[0] if len(args.lr) == 1 else tuple(args.lr)
    if args.dynamics is not None:
        options["dynamics"] = gd.dynamics.get_dynamics(
            args.dynamics, **({} if lr is None else {"lr": lr}))
    elif lr is not None:
        options["lr"] = lr
    if args.k is not None:
        if args.dynamics is not None:
            raise ValueError("`--k` belongs to the default round; set it on the dynamics.")
        options["k"] = tuple(args.k)
    run = gd.gan.train((args.mean, args.std), loss=args.loss, steps=args.steps,
                       rng=args.rng, progress=True, **options)
    print(run)
    for event in run.events:
        print("  " + event)
    history = run.history
    figure, axes = new_figure(1, 3, size=3.6)
    axes[0, 0].plot(history["step"], history["d_real"], label="D(real)")
    axes[0, 0].plot(history["step"], history["d_fake"], label="D(fake)")
    axes[0, 0].axhline(0.5, color="k", lw=0.7)
    axes[0, 1].plot(history["step"], history["value"], label="V")
    axes[0, 1].axhline(-np.log(4), color="k", lw=0.7, label="-log 4")
    axes[0, 2].semilogy(history["step"], history["jsd"] + 1e-6, label="JSD")
    axes[0, 2].semilogy(history["step"], history["w1"], label="W1")
    for ax in axes[0]:
        ax.set_xlabel("step")
        ax.legend(fontsize=8)
    figure.suptitle(f"GAN on N({args.mean:g}, {args.std:g}^2), {args.loss} loss")
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    print(save_figure(figure, out / "gan_curves.png"))
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="gamedyn", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    figures = commands.add_parser("figures", help="regenerate the figure gallery")
    figures.add_argument("--only", nargs="+", metavar="NAME", help="figures to make")
    figures.add_argument("--out", default="figures", help="output folder (default: figures)")
    figures.add_argument("--quick", action="store_true", help="fewer steps, for a preview")
    figures.add_argument("--seed", type=int, default=0)
    figures.set_defaults(run=_figures)
    equilibria = commands.add_parser("equilibria", help="all extreme Nash equilibria")
    equilibria.add_argument("game", help="catalogue name or path to a Gambit .nfg file")
    equilibria.set_defaults(run=_equilibria)
    analyze = commands.add_parser("analyze", help="stability report at the equilibria")
    analyze.add_argument("game", help=f"catalogue name, .nfg file or one of {CONTINUOUS}")
    analyze.add_argument("--dynamics", help="a registered method, e.g. simultaneous")
    analyze.add_argument("--lr", type=float, default=None,
                         help="step size of a gradient method (default 0.1)")
    analyze.add_argument("--point", type=float, nargs="+", help="state z to analyze")
    analyze.set_defaults(run=_analyze)
    gan = commands.add_parser("gan", help="train the 1-D GAN and save its curves")
    gan.add_argument("--mean", type=float, default=0.0, help="target mean (default 0)")
    gan.add_argument("--std", type=float, default=1.0, help="target std (default 1)")
    gan.add_argument("--loss", default="non_saturating",
                     choices=("non_saturating", "minimax", "maximum_likelihood"))
    gan.add_argument("--dynamics", help="a registered gradient method, e.g. extragradient "
                     "(default: alternating Adam, the discriminator first)")
    gan.add_argument("--lr", type=float, nargs="+", default=None,
                     help="step size(s): one, or lr_g lr_d")
    gan.add_argument("--k", type=int, nargs=2, metavar=("K_G", "K_D"),
                     help="updates per round of the generator and the discriminator")
    gan.add_argument("--steps", type=int, default=3000, help="training rounds (default 3000)")
    gan.add_argument("--rng", "--seed", dest="rng", type=int, default=0,
                     help="random seed (default 0)")
    gan.add_argument("--out", default=".", help="folder for gan_curves.png")
    gan.set_defaults(run=_gan)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (2 for usage errors)."""
    args = _parser().parse_args(argv)
    try:
        return args.run(args)
    except (ValueError, TypeError) as error:
        print(f"gamedyn {args.command}: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
