"""Compiled rounds of the no-regret methods, for long runs (optional: needs numba).

A round of regret matching on a 3x3 game is a few dozen floating-point operations, so
played with numpy each round costs about as much as the calls into numpy it takes (a
dozen microseconds), and a single run of many rounds cannot be vectorized: every round
depends on the last. numba compiles the same round to machine code (the ``fast`` extra,
``pip install "gamedyn[fast]"``). :func:`gamedyn.simulate` plays a run on this path when

- numba can be imported and the environment variable ``GAMEDYN_COMPILED`` is not ``0``;
- the method is :class:`~gamedyn.dynamics.RegretMatching`,
  :class:`~gamedyn.dynamics.RegretMatchingPlus`, :class:`~gamedyn.dynamics.Hedge`,
  :class:`~gamedyn.dynamics.OptimisticHedge` or the entropic
  :class:`~gamedyn.dynamics.FTRL`, with expected (not sampled) play and one learning
  rate per player (not one per run);
- the run is long enough for compiling to pay (``steps * runs >= MIN_ROUNDS``; the
  first compilation takes a second or two and is cached on disk by numba).

The compiled round computes the same formulas as the numpy round (the module docstring
of :mod:`gamedyn.dynamics.learning`) in the same order of operations per player, so the
two paths agree to a few units in the last place per round (regret matching's rounds,
which only add, compare and divide, agree bit for bit in the tests); over thousands of
rounds of a map such differences can grow, as any rounding difference does, but both are runs of
the same method (the tests compare them on every variant). A run whose strategies leave
``bound`` or whose memory stops being finite is played again on the numpy path, which
stops it and reports the round.
"""

from __future__ import annotations

import os
from functools import lru_cache
from typing import Any

import numpy as np

#: Fewest ``steps * runs`` for which a run takes the compiled path.
MIN_ROUNDS = 2_000

#: Strategy maps of the compiled round.
REGRET_MATCHING, REGRET_MATCHING_PLUS, ENTROPIC, OPTIMISTIC_ENTROPIC = range(4)


def enabled() -> bool:
    """Whether the compiled path can be taken (numba importable, not switched off)."""
    return os.environ.get("GAMEDYN_COMPILED", "1") != "0" and _kernel() is not None


@lru_cache(maxsize=1)
def _kernel() -> Any:
    """The compiled kernel, or None without numba (compiled on first use, cached on disk)."""
    try:
        import numba
    except ImportError:
        return None
    try:
        return numba.njit(cache=True, nogil=True)(_rounds)
    except RuntimeError:  # no writable place for numba's cache: compile in each process
        return numba.njit(nogil=True)(_rounds)


def _rounds(A: np.ndarray, B: np.ndarray, z: np.ndarray, start: np.ndarray,
            regrets: np.ndarray, last: np.ndarray, joint: np.ndarray, steps: int,
            save_every: int, bound: float, variant: int, lr1: float, lr2: float,
            saved: np.ndarray) -> int:
    """Play ``steps`` rounds of every run (rows of ``z``) in place; save every
    ``save_every``-th ``z`` into ``saved[1:]``. Returns 0, or the first round whose state
    is not finite or exceeds ``bound`` (the caller then replays on the numpy path)."""
    m, n = A.shape
    payoff = np.empty(m + n)
    new = np.empty(m + n)
    for run in range(z.shape[0]):
        zr, sr, rr, lr_, jr = z[run], start[run], regrets[run], last[run], joint[run]
        for t in range(1, steps + 1):
            # payoff vectors A q and p B, and the values p A q and p B q
            value1 = 0.0
            for i in range(m):
                s = 0.0
                for j in range(n):
                    s += A[i, j] * zr[m + j]
                payoff[i] = s
                value1 += zr[i] * s
            value2 = 0.0
            for j in range(n):
                s = 0.0
                for i in range(m):
                    s += zr[i] * B[i, j]
                payoff[m + j] = s
                value2 += zr[m + j] * s
            for i in range(m):
                for j in range(n):
                    jr[i * n + j] += zr[i] * zr[m + j]
            for k in range(m + n):
                increment = payoff[k] - (value1 if k < m else value2)
                lr_[k] = increment
                total = rr[k] + increment
                if variant == REGRET_MATCHING_PLUS and total < 0.0:
                    total = 0.0
                rr[k] = total
            for player in range(2):  # the next strategy of each player into new
                lo, hi = (0, m) if player == 0 else (m, m + n)
                rate = lr1 if player == 0 else lr2
                if variant <= REGRET_MATCHING_PLUS:
                    total = 0.0
                    for i in range(lo, hi):
                        if rr[i] > 0.0:
                            total += rr[i]
                    for i in range(lo, hi):
                        if total <= 0.0:
                            new[i] = 1.0 / (hi - lo)
                        else:
                            new[i] = rr[i] / total if rr[i] > 0.0 else 0.0
                    continue
                top = -np.inf
                for i in range(lo, hi):
                    scaled = rr[i] + lr_[i] if variant == OPTIMISTIC_ENTROPIC else rr[i]
                    new[i] = np.log(sr[i]) + rate * scaled if sr[i] > 0.0 else -np.inf
                    top = max(top, new[i])
                total = 0.0
                for i in range(lo, hi):
                    new[i] = np.exp(new[i] - top)
                    total += new[i]
                for i in range(lo, hi):
                    new[i] /= total
            for k in range(m + n):
                # the numpy path stops a run whose strategies leave bound or whose memory
                # (regrets, last regrets, joint play) is not finite: hand it back
                if not (abs(new[k]) <= bound and np.isfinite(rr[k]) and np.isfinite(lr_[k])):
                    return t
                zr[k] = new[k]
            for k in range(m * n):
                if not np.isfinite(jr[k]):
                    return t
            if t % save_every == 0:
                saved[t // save_every, run] = zr
    return 0


def play(game: Any, state: Any, steps: int, save_every: int, bound: float,
         saved: np.ndarray, variant: int, lr: tuple[float, float]) -> Any | None:
    """``steps`` rounds from ``state`` (a RegretState of a flat batch) on the compiled
    path, rows saved into ``saved``; None when the path does not apply or a run left the
    finite states within ``bound`` (the caller plays the numpy path instead)."""
    count = state.z.shape[0]
    if steps * count < MIN_ROUNDS or not enabled():
        return None
    kernel = _kernel()
    A = np.ascontiguousarray(game.A, dtype=float)
    B = np.ascontiguousarray(game.B, dtype=float)
    arrays = [np.array(item, dtype=float, order="C") for item in
              (state.z, state.start, state.regrets, state.last, state.joint)]
    bad = kernel(A, B, *arrays, int(steps), int(save_every), float(bound), int(variant),
                 float(lr[0]), float(lr[1]), saved)
    if bad:
        return None
    z, start, regrets, last, joint = arrays
    return type(state)(z, start, regrets, last, joint, state.t + steps)

