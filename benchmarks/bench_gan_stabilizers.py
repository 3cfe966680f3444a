"""Ensembles of stabilized GANs (gamedyn, one vectorized run) against sequential torch.

    python benchmarks/bench_gan_stabilizers.py [--quick]

Both sides train the same GAN the same number of rounds: an affine generator
``G(z) = mu + s z`` against a 1 -> 16 -> 1 tanh MLP discriminator, batch 64, one
discriminator then one generator update per round, Adam(lr 0.01, betas (0.5, 0.999)),
float64, each update on a fresh minibatch.

* spectral normalization (non-saturating loss): gamedyn's ``spectral_norm=True`` (one
  power-iteration step per discriminator update, u and v carried) against
  ``torch.nn.utils.parametrizations.spectral_norm`` on both linear layers (one power
  iteration per training forward pass, its default);
* WGAN-GP (Wasserstein critic, ``gradient_penalty=10``): gamedyn's hand-derived double
  backpropagation against ``torch.autograd.grad(..., create_graph=True)``.

gamedyn trains the whole ensemble of 1,000 GANs (200 in ``--quick``) in one
``gd.gan.train(..., runs=N)`` call; torch trains them one after another (three runs timed
and scaled: sequential torch is linear in the number of runs). The ratio is torch's time
over gamedyn's (goal >= 10).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness import Result, best_time  # noqa: E402

import gamedyn as gd  # noqa: E402

BATCH = 64
SAMPLE = 3  # torch runs timed (then scaled to the ensemble)
HIDDEN = 16
PENALTY = 10.0
TARGET = (1.0, 2.0)


def _torch_run(torch, steps: int, kind: str, seed: int) -> None:
    """One GAN trained by torch autograd (CPU, float64)."""
    torch.manual_seed(seed)
    nn = torch.nn
    G = nn.Linear(1, 1).double()
    first, last = nn.Linear(1, HIDDEN).double(), nn.Linear(HIDDEN, 1).double()
    if kind == "spectral_norm":
        from torch.nn.utils.parametrizations import spectral_norm

        first, last = spectral_norm(first), spectral_norm(last)
    D = nn.Sequential(first, nn.Tanh(), last)
    opt_g = torch.optim.Adam(G.parameters(), lr=0.01, betas=(0.5, 0.999))
    opt_d = torch.optim.Adam(D.parameters(), lr=0.01, betas=(0.5, 0.999))
    softplus = nn.functional.softplus

    def sample():
        return TARGET[0] + TARGET[1] * torch.randn(BATCH, 1, dtype=torch.float64)

    for _ in range(steps):
        real = sample()
        fake = G(torch.randn(BATCH, 1, dtype=torch.float64)).detach()
        if kind == "spectral_norm":
            loss_d = softplus(-D(real)).mean() + softplus(D(fake)).mean()
        else:
            mix = torch.rand(BATCH, 1, dtype=torch.float64)
            between = (mix * real + (1 - mix) * fake).requires_grad_(True)
            slope = torch.autograd.grad(D(between).sum(), between, create_graph=True)[0]
            penalty = PENALTY * ((slope.abs() - 1) ** 2).mean()
            loss_d = D(fake).mean() - D(real).mean() + penalty
        opt_d.zero_grad()
        loss_d.backward()
        opt_d.step()
        out = D(G(torch.randn(BATCH, 1, dtype=torch.float64)))
        loss_g = softplus(-out).mean() if kind == "spectral_norm" else -out.mean()
        opt_g.zero_grad()
        loss_g.backward()
        opt_g.step()


def _ours(runs: int, steps: int, kind: str):
    settings = (dict(spectral_norm=True) if kind == "spectral_norm"
                else dict(loss="wasserstein", gradient_penalty=PENALTY))
    return gd.gan.train(TARGET, generator="affine", discriminator="mlp", hidden=HIDDEN,
                        lr=(0.01, 0.01), r1=0.0, batch=BATCH, runs=runs, steps=steps,
                        log_every=steps, rng=0, **settings)


def benchmarks(quick: bool) -> list[Result]:
    """The two ensembles against sequential torch with the same regularizer."""
    import warnings

    runs = 200 if quick else 1000
    steps = 50 if quick else 200
    names = {"spectral_norm": "spectral normalization", "wgan_gp": "WGAN-GP (lam 10)"}
    try:
        import torch
    except ImportError:
        torch = None
    else:
        torch.set_num_threads(1)
    results = []
    for kind, label in names.items():
        with warnings.catch_warnings():  # a too-strong-D diagnosis is not the point here
            warnings.simplefilter("ignore", gd.gan.DiscriminatorTooStrongWarning)
            ours = best_time(lambda kind=kind: _ours(runs, steps, kind),
                             repeat=1 if quick else 2)
        name = f"GAN ensemble of {runs} with {label} ({steps} rounds) vs sequential torch"
        if torch is None:
            results.append(Result(name, ours, skipped="torch not installed (pip install "
                                                      "torch==2.13.0 for the CPU build)"))
            continue
        # best of two: the first call of a fresh torch process pays one-off set-up costs
        each = best_time(lambda kind=kind: [_torch_run(torch, steps, kind, seed)
                                            for seed in range(SAMPLE)], repeat=2) / SAMPLE
        results.append(Result(name, ours, each * runs, goal=10.0, higher_is_better=True,
                              baseline_name=f"torch {torch.__version__}, 1 thread, "
                                            f"{SAMPLE} runs timed and scaled"))
    return results


if __name__ == "__main__":
    for result in benchmarks("--quick" in sys.argv):
        print(result.line())
