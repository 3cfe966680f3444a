"""The numpy GAN (a GANGame played by gd.simulate) against torch autograd (CPU), and the
generic path against the fused trainer it replaced.

    python benchmarks/bench_gan.py [--quick]

Both sides: generator and discriminator 1 -> 16 -> 1 tanh MLPs, batch 256,
non-saturating loss, Adam(beta1 = 0.5), one discriminator and one generator step per
round, no R1 (torch would need double backward). Ensemble: 1,000 affine/quadratic
GANs in one vectorized gamedyn run against the same GANs trained one after another in
torch (a subsample timed and scaled). Generic path: ``gd.gan.train`` (GANGame +
``Alternating(Adam)`` through ``simulate``) against ``fused_gan_reference.train``, a
frozen copy of the hand-fused loop of earlier releases, on the same runs (goal <= 1.2).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from fused_gan_reference import train as fused_train  # noqa: E402
from harness import Result, best_time  # noqa: E402

import gamedyn as gd  # noqa: E402


def _torch_gan(torch, steps: int, mlp: bool, seed: int) -> None:
    torch.manual_seed(seed)
    nn = torch.nn
    if mlp:
        G = nn.Sequential(nn.Linear(1, 16), nn.Tanh(), nn.Linear(16, 1)).double()
        D = nn.Sequential(nn.Linear(1, 16), nn.Tanh(), nn.Linear(16, 1)).double()
    else:
        G = nn.Linear(1, 1).double()

        class QuadraticD(nn.Module):
            def __init__(self) -> None:
                super().__init__()
                self.w = nn.Parameter(torch.zeros(3, dtype=torch.float64))

            def forward(self, x):
                return self.w[0] + self.w[1] * x + self.w[2] * x**2

        D = QuadraticD()
    opt_g = torch.optim.Adam(G.parameters(), lr=0.01, betas=(0.5, 0.999))
    opt_d = torch.optim.Adam(D.parameters(), lr=0.01, betas=(0.5, 0.999))
    softplus = nn.functional.softplus
    for _ in range(steps):
        real = 1.0 + 2.0 * torch.randn(256, 1, dtype=torch.float64)
        fake = G(torch.randn(256, 1, dtype=torch.float64))
        loss_d = 0.5 * softplus(-D(real)).mean() + 0.5 * softplus(D(fake.detach())).mean()
        opt_d.zero_grad()
        loss_d.backward()
        opt_d.step()
        loss_g = softplus(-D(G(torch.randn(256, 1, dtype=torch.float64)))).mean()
        opt_g.zero_grad()
        loss_g.backward()
        opt_g.step()


def _interleaved_best(functions: list, repeat: int) -> list[float]:
    """Best wall time of each function over ``repeat`` rounds that call them in turn."""
    best = [float("inf")] * len(functions)
    for _ in range(repeat):
        for index, function in enumerate(functions):
            best[index] = min(best[index], best_time(function, repeat=1))
    return best


def benchmarks(quick: bool) -> list[Result]:
    """MLP steps per second and the 1,000-GAN ensemble against torch and the fused loop."""
    try:
        import torch
    except ImportError:
        torch = None
    else:
        torch.set_num_threads(1)
    steps = 200 if quick else 1000
    mlp = dict(generator="mlp", discriminator="mlp", lr=(0.01, 0.01), r1=0.0,
               log_every=steps)
    # the contenders timed in alternation, so a shared box's load hits them alike
    contenders = [lambda: gd.gan.train((1.0, 2.0), steps=steps, rng=0, **mlp),
                  lambda: fused_train((1.0, 2.0), n_steps=steps, seed=0, **mlp)]
    if torch is not None:
        contenders.append(lambda: _torch_gan(torch, steps, True, 0))
    ours, fused, *theirs = _interleaved_best(contenders, repeat=2 if quick else 5)
    runs = 200 if quick else 1000
    ensemble_steps = 100 if quick else 500
    ours_ensemble, fused_ensemble = _interleaved_best(
        [lambda: gd.gan.train((1.0, 2.0), runs=runs, r1=0.0, steps=ensemble_steps,
                              log_every=ensemble_steps, rng=0),
         lambda: fused_train((1.0, 2.0), runs=runs, r1=0.0, n_steps=ensemble_steps,
                             log_every=ensemble_steps, seed=0)], repeat=1 if quick else 2)
    generic = [
        Result("GAN MLP 16, batch 256: generic path (simulate) vs the fused trainer",
               ours / steps, fused / steps, unit="s/step", goal=1.2,
               baseline_name="fused loop of earlier releases"),
        Result(f"GAN ensemble of {runs}: generic path (simulate) vs the fused trainer",
               ours_ensemble, fused_ensemble, goal=1.2,
               baseline_name="fused loop of earlier releases"),
    ]
    if torch is None:
        reason = "torch not installed (pip install torch==2.13.0 for the CPU build)"
        return [Result("GAN MLP 16, batch 256: time per step vs torch", ours / steps,
                       skipped=reason),
                Result(f"GAN ensemble of {runs} vs sequential torch", ours_ensemble,
                       skipped=reason), *generic]
    sample = 3
    # best of two: the first call of a fresh torch process pays one-off set-up costs
    theirs_each = best_time(lambda: [_torch_gan(torch, ensemble_steps, False, s)
                                     for s in range(sample)], repeat=2) / sample
    return [
        Result("GAN MLP 16, batch 256: steps/s speed-up vs torch", ours / steps,
               theirs[0] / steps, unit="s/step", goal=4.0, higher_is_better=True,
               baseline_name=f"torch {torch.__version__} autograd, 1 thread"),
        Result(f"GAN ensemble of {runs} ({ensemble_steps} steps) vs sequential torch",
               ours_ensemble, theirs_each * runs, goal=30.0, higher_is_better=True,
               baseline_name=f"torch, {sample} runs timed and scaled"),
        *generic,
    ]


if __name__ == "__main__":
    for result in benchmarks("--quick" in sys.argv):
        print(result.line())
