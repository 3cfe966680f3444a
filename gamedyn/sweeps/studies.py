"""Ready-made studies to run with :func:`gamedyn.sweep`.

* :func:`gan_convergence` (vectorized over seeds) and :func:`gan_spectral_radius`: where
  in ``(lr_g, lr_d)`` plain simultaneous gradient steps train the 1-D GAN, and where the
  analyzer predicts it from the population game's Jacobian;
* :func:`basins`: which equilibrium of the Stag Hunt each starting point reaches, under
  best response, fictitious play, the replicator dynamics or gradient play;
* :func:`nash_count` and :func:`expected_nash_count`: the number of Nash equilibria of
  random bimatrix games, and its exact expectation for Gaussian payoffs (McLennan & Berg
  2005).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from gamedyn._validation import _describe, check_choice, check_positive_int
from gamedyn.sweeps._core import vectorized

__all__ = ["BASIN_DYNAMICS", "basin_targets", "basins", "expected_nash_count", "gan_convergence",
           "gan_spectral_radius", "nash_count"]

# ----------------------------------------------------------------------------- GAN
#: the step-size range of the GAN study's grid
GAN_LR_RANGE = (0.02, 4.0)


@vectorized("seed")
def gan_convergence(lr_g: float, lr_d: float, *, rng: Any, steps: int = 2000,
                    batch: int = 64) -> dict:
    """Train the affine/quadratic 1-D GAN on ``N(0, 1)`` with simultaneous gradient steps.

    One ensemble run per seed (vectorized over ``seed``), plain gradient steps.

    Each seed's run starts from its own initial parameters and draws its own minibatches
    (one :func:`gamedyn.gan.train` ensemble of ``len(rng)`` runs, seeded by the block's
    SeedSequences together). A run has converged when it did not diverge and at the last
    round its Jensen-Shannon divergence to the target is below 0.02 and its equilibrium
    score above 0.9 (the criteria of ``train``'s message).

    Parameters
    ----------
    lr_g, lr_d : float
        Step sizes of the generator and the discriminator (``train``'s units: the
        discriminator descends ``J_D = -V/2``, so on the game's payoff its step is
        ``lr_d / 2``).
    rng : tuple of numpy.random.SeedSequence
        One per seed (given by :func:`gamedyn.sweep`).
    steps : int
        Rounds of training.
    batch : int
        Samples per update.

    Returns
    -------
    dict
        ``converged`` (bool), ``diverged`` (bool), ``jsd`` (float, NaN for a diverged
        run), each of shape ``(len(rng),)``.

    Raises
    ------
    TypeError, ValueError
        For a bad step size, ``steps`` or ``batch`` (named), or an ``rng`` that is not a
        non-empty tuple of SeedSequences.

    References
    ----------
    Goodfellow, I. et al. (2014). Generative adversarial nets. NeurIPS (the game trained).
    Mescheder, L., Nowozin, S. & Geiger, A. (2017). The numerics of GANs. NeurIPS,
    Proposition 3 (simultaneous steps converge locally iff the spectral radius of their
    linearization is below 1, the prediction :func:`gan_spectral_radius` makes).

    Examples
    --------
    >>> import gamedyn as gd
    >>> from gamedyn.sweeps.studies import gan_convergence
    >>> ds = gd.sweep(gan_convergence, {"lr_g": [0.1], "lr_d": [0.2]}, seeds=2, rng=0,
    ...               progress=False)
    >>> ds["converged"].values.tolist()
    [[[True, True]]]
    """
    import gamedyn.gan as gan
    from gamedyn._validation import check_positive
    from gamedyn.gan.train import CONVERGED_JSD, CONVERGED_SCORE

    lr_g = check_positive(lr_g, "lr_g")
    lr_d = check_positive(lr_d, "lr_d")
    steps = check_positive_int(steps, "steps")
    batch = check_positive_int(batch, "batch")
    seeds = _seed_block(rng)
    root = np.random.SeedSequence([int(word) for s in seeds for word in s.generate_state(2)])
    run = gan.train((0.0, 1.0), generator="affine", discriminator="quadratic",
                    optimizer="sgd", order="simultaneous", lr=(lr_g, lr_d), r1=0.0,
                    steps=steps, batch=batch, runs=len(seeds), rng=root, log_every=steps)
    diverged = np.asarray(run.status == "diverged", dtype=bool).reshape(len(seeds))
    jsd = np.where(diverged, np.nan, run.history["jsd"][-1])
    score = run.history["score"][-1]
    converged = ~diverged & (np.nan_to_num(jsd, nan=1.0) < CONVERGED_JSD) & \
        (np.nan_to_num(score, nan=0.0) > CONVERGED_SCORE)
    return {"converged": converged, "diverged": diverged, "jsd": jsd}


def gan_spectral_radius(lr_g: float, lr_d: float, *, rng: Any = None) -> float:
    """Return the analyzer's verdict for :func:`gan_convergence`: a spectral radius.

    That of simultaneous gradient steps ``(lr_g, lr_d / 2)`` at the equilibrium of the
    population game on ``N(0, 1)`` (:func:`gamedyn.gan.population_game`, R1 = 0).

    The linearization of ``z+ = z + D xi(z)`` is ``I + D J`` with ``J`` the analyzer's
    game Jacobian (:func:`gamedyn.stability.analyze`, computed once) and ``D`` the
    step sizes per coordinate; below 1 the steps contract near the equilibrium
    (Mescheder et al. 2017, Prop. 3);
    ``rng`` is accepted for :func:`gamedyn.sweep` and not used (the verdict is exact). At
    the equilibrium the sample game's parameters (log-scale generator, standardized
    discriminator) have the same Jacobian as the population game's for this target, up
    to the sampling error of the data statistics.

    Parameters
    ----------
    lr_g, lr_d : float
        Step sizes, positive (``train``'s units, as in :func:`gan_convergence`).
    rng : any
        Ignored.

    Returns
    -------
    float
        ``rho(I + D J)``: below 1 the steps contract near the equilibrium.

    Raises
    ------
    TypeError, ValueError
        For a step size that is not a positive number (named).

    References
    ----------
    Mescheder, L., Nowozin, S. & Geiger, A. (2017). The numerics of GANs. NeurIPS.

    Examples
    --------
    >>> from gamedyn.sweeps.studies import gan_spectral_radius
    >>> bool(gan_spectral_radius(0.1, 0.2) < 1), bool(gan_spectral_radius(4.0, 4.0) > 1)
    (True, True)
    """
    from gamedyn._validation import check_positive

    lr_g = check_positive(lr_g, "lr_g")
    lr_d = check_positive(lr_d, "lr_d")
    jacobian, n1 = _population_jacobian()
    steps = np.where(np.arange(jacobian.shape[0]) < n1, lr_g, lr_d / 2)
    update = np.eye(jacobian.shape[0]) + steps[:, None] * jacobian  # z+ = z + D xi(z)
    return float(np.max(np.abs(np.linalg.eigvals(update))))


_POPULATION: list = []


def _population_jacobian() -> tuple[np.ndarray, int]:
    """The analyzer's game Jacobian at the population game's equilibrium (cached)."""
    import gamedyn.gan as gan
    import gamedyn.stability as stability

    if not _POPULATION:
        game = gan.population_game((0.0, 1.0))
        report = stability.analyze(game, game.equilibrium())
        _POPULATION.append((np.array(report.jacobian, dtype=float), game.n1))
    return _POPULATION[0]


def _seed_block(rng: Any) -> tuple:
    if not isinstance(rng, tuple) or not rng or not all(
            isinstance(item, np.random.SeedSequence) for item in rng):
        raise TypeError("`rng` must be a non-empty tuple of numpy.random.SeedSequence (one "
                        f"per seed, as gamedyn.sweep passes it); got {_describe(rng)}.")
    return rng


# ----------------------------------------------------------------------------- basins
#: dynamics of :func:`basins` by name
BASIN_DYNAMICS = ("best_response", "fictitious_play", "replicator", "gradient")
#: outcome codes of :func:`basins`
OUTCOMES = ("(Stag, Stag)", "(Hare, Hare)", "mixed (1/2, 1/2)", "none")


def basin_targets(game: Any = None) -> tuple[np.ndarray, list[str]]:
    """The equilibria that :func:`basins` labels, and their names, in outcome-code order.

    The equilibria are found exactly (:func:`gamedyn.equilibria.all_nash` with
    ``exact=True``): first the pure ones, first strategies first, then the mixed ones.

    Parameters
    ----------
    game : BimatrixGame, optional
        A 2x2 game; default: the Stag Hunt (:func:`gamedyn.games.stag_hunt`), whose
        order is :data:`OUTCOMES` without ``"none"``.

    Returns
    -------
    points : ndarray, shape (k, 2)
        Each equilibrium as ``(p, q)``: the probabilities (no unit) with which player 1
        and player 2 play their first strategy.
    names : list of str, length k
        ``"(row label, column label)"`` for a pure equilibrium, ``"mixed (p, q)"`` (exact
        fractions) for a mixed one.

    Raises
    ------
    TypeError
        If ``game`` is not a :class:`~gamedyn.games.BimatrixGame` or None.
    ValueError
        If ``game`` is not 2x2.

    References
    ----------
    .. [1] B. Skyrms, *The Stag Hunt and the Evolution of Social Structure*, Cambridge
       University Press, 2004, ch. 1 (the Stag Hunt's three equilibria).

    Examples
    --------
    >>> from gamedyn.sweeps.studies import basin_targets
    >>> points, names = basin_targets()
    >>> names
    ['(Stag, Stag)', '(Hare, Hare)', 'mixed (1/2, 1/2)']
    >>> points.tolist()
    [[1.0, 1.0], [0.0, 0.0], [0.5, 0.5]]
    """
    import gamedyn.equilibria as eq
    import gamedyn.games as games

    if game is None:
        game = games.stag_hunt()
    if not isinstance(game, games.BimatrixGame):
        raise TypeError(f"`game` must be a 2x2 BimatrixGame or None (the Stag Hunt); got "
                        f"{type(game).__name__}.")
    if tuple(game.shape) != (2, 2):
        raise ValueError(f"`game` must be a 2x2 bimatrix game; got shape {tuple(game.shape)}.")
    found = [(p[0], q[0]) for p, q in eq.all_nash(game, exact=True)]
    pure = sorted((e for e in found if all(v in (0, 1) for v in e)), key=lambda e: (-e[0], -e[1]))
    mixed = [e for e in found if e not in pure]
    names = [f"({game.row_labels[int(1 - p)]}, {game.col_labels[int(1 - q)]})"
             for p, q in pure] + [f"mixed ({p}, {q})" for p, q in mixed]
    return np.array(pure + mixed, dtype=float).reshape(-1, 2), names


@vectorized("p", "q")
def basins(dynamics: str, p: Any, q: Any, *, rng: Any = None, steps: int = 400,
           tol: float = 0.05, game: Any = None) -> dict:
    """Where play of the Stag Hunt from ``(p, q)`` ends (vectorized over ``p`` and ``q``).

    The Stag Hunt (:func:`gamedyn.games.stag_hunt`, ``A = [[4, 1], [3, 2]]``, ``B = A.T``)
    has three equilibria: (Stag, Stag), (Hare, Hare) and the mixed one where each plays
    Stag with probability 1/2. Every start ``(p, q)`` on the grid (``p``: player 1's
    probability of Stag; ``q``: player 2's) is played for ``steps`` rounds, all starts in
    one batch of :func:`gamedyn.simulate`, and labelled by the equilibrium within ``tol``
    (max-norm in ``(p, q)``) of its final state.

    Parameters
    ----------
    dynamics : {"best_response", "fictitious_play", "replicator", "gradient"}
        Simultaneous best response; fictitious play (Robinson 1951; the state is the
        empirical frequencies, the start their first entry); the discrete replicator
        dynamics with ``dt = 0.1``; projected simultaneous gradient play with step 0.05
        on the mixed extension.
    p, q : 1-D array of float in [0, 1]
        The grid of starting probabilities of Stag.
    rng : any
        Ignored (every dynamics here is deterministic, ties broken by the first
        strategy).
    steps : int
        Rounds.
    tol : float
        Distance to an equilibrium that counts as reaching it.
    game : BimatrixGame, optional
        Another 2x2 game to play instead of the Stag Hunt; its outcome codes are the
        order of :func:`basin_targets` (the last code: none of them).

    Returns
    -------
    dict
        ``outcome`` (int code, shape ``(len(p), len(q))``: 0 (Stag, Stag), 1 (Hare,
        Hare), 2 the mixed equilibrium, 3 none of them, e.g. a best-response cycle),
        ``p_final`` and ``q_final``.

    Raises
    ------
    TypeError, ValueError
        For an unknown ``dynamics``, probabilities outside [0, 1], bad ``steps`` or
        ``tol``, or a ``game`` that is not 2x2 (named).

    References
    ----------
    Robinson, J. (1951). An iterative method of solving a game. Annals of Mathematics 54.
    Hofbauer, J. & Sigmund, K. (1998). Evolutionary Games and Population Dynamics, ch. 7.

    Examples
    --------
    >>> import numpy as np, gamedyn as gd
    >>> from gamedyn.sweeps.studies import basins
    >>> ds = gd.sweep(basins, {"dynamics": ["replicator"], "p": [0.1, 0.9],
    ...                        "q": [0.1, 0.9]}, progress=False, rng=0)
    >>> ds["outcome"].squeeze().values.tolist()  # p + q = 1: the saddle's stable manifold
    [[1, 2], [2, 0]]
    """
    import gamedyn.dynamics as dyn
    import gamedyn.games as games
    from gamedyn._validation import as_real_array, check_positive

    check_choice(dynamics, "dynamics", BASIN_DYNAMICS)
    p = as_real_array(p, "p", ndim=1)
    q = as_real_array(q, "q", ndim=1)
    for name, values in (("p", p), ("q", q)):
        if np.any((values < 0) | (values > 1)):
            raise ValueError(f"`{name}` must hold probabilities in [0, 1]; got {values}.")
    steps = check_positive_int(steps, "steps")
    tol = check_positive(tol, "tol")
    targets, _ = basin_targets(game)
    game = games.stag_hunt() if game is None else game
    pp, qq = np.meshgrid(p, q, indexing="ij")
    if dynamics == "gradient":
        starts = np.stack([pp, qq], axis=-1)
        final = dyn.simulate(game.mixed(), dyn.Simultaneous(0.05), starts, steps,
                             tol=0.0).states[-1]
    else:
        starts = np.stack([pp, 1 - pp, qq, 1 - qq], axis=-1)
        rule = {"best_response": dyn.BestResponse(), "fictitious_play": dyn.FictitiousPlay(),
                "replicator": dyn.Replicator(0.1)}[dynamics]
        final = dyn.simulate(game, rule, starts, steps, tol=0.0).states[-1][..., [0, 2]]
    distance = np.abs(final[..., None, :] - targets).max(axis=-1)
    outcome = np.where(distance.min(axis=-1) <= tol, distance.argmin(axis=-1), len(targets))
    return {"outcome": outcome.astype(np.int64), "p_final": final[..., 0],
            "q_final": final[..., 1]}


# ----------------------------------------------------------------------------- equilibria
def nash_count(n: int, *, distribution: str = "gaussian", rng: Any = None) -> dict:
    """The number of Nash equilibria of one random ``n x n`` bimatrix game.

    The payoffs of both players are independent draws, standard normal
    (``"gaussian"``) or uniform on [0, 1] (``"uniform"``); such a game is
    nondegenerate with probability 1, so its equilibria are finitely many and odd in
    number (Lemke & Howson 1964). They are enumerated by
    :func:`gamedyn.equilibria.all_nash`.

    Parameters
    ----------
    n : int
        Strategies per player, 1 to 10.
    distribution : {"gaussian", "uniform"}
        The law of every payoff.
    rng : Generator, int, SeedSequence or None
        Draws the payoffs.

    Returns
    -------
    dict
        ``equilibria`` (int), ``pure`` (int: pure equilibria), ``mean_support`` (float:
        the mean support size of player 1 over the equilibria).

    Raises
    ------
    TypeError, ValueError
        For a bad ``n``, ``distribution`` or ``rng`` (named).

    References
    ----------
    McLennan, A. & Berg, J. (2005). Asymptotic expected number of Nash equilibria of
    two-player normal form games. Games and Economic Behavior 51, 264-295.

    Examples
    --------
    >>> from gamedyn.sweeps.studies import nash_count
    >>> count = nash_count(3, rng=0)
    >>> count["equilibria"] % 2, count["pure"] <= count["equilibria"]
    (1, True)
    """
    import gamedyn.equilibria as equilibria
    from gamedyn._validation import as_generator
    from gamedyn.games import BimatrixGame

    n = check_positive_int(n, "n")
    if n > 10:
        raise ValueError(f"`n` must be at most 10 (support enumeration); got {n}.")
    check_choice(distribution, "distribution", ("gaussian", "uniform"))
    source = as_generator(rng, "rng")
    draw = source.standard_normal if distribution == "gaussian" else source.random
    A, B = draw((n, n)), draw((n, n))
    found = equilibria.all_nash(BimatrixGame(A, B))
    supports = [int(np.count_nonzero(np.asarray(eq[0]) > 1e-9)) for eq in found]
    return {"equilibria": len(supports), "pure": sum(1 for s in supports if s == 1),
            "mean_support": float(np.mean(supports))}


def expected_nash_count(n: int, *, by_support: bool = False) -> Any:
    """Return the expected number of Nash equilibria of a random ``n x n`` game, exactly.

    The payoffs are i.i.d. standard normal (McLennan & Berg 2005).

    Only supports of equal size ``k`` carry equilibria (nondegeneracy), and the two
    players' conditions are independent, so ``E N = sum_k C(n, k)^2 P_k^2`` where
    ``P_k`` is the probability that a given ``k`` columns of a player's payoff matrix
    admit a completely mixed opponent strategy making a given ``k`` rows indifferent and
    every other row worse. The ``k`` rows' payoffs on the ``k`` columns are ``k``
    Gaussian points in ``R^k``; their affine hull's normal is uniform on the sphere
    (positive orthant: ``2^-k``) and independent of its distance to the origin, which is
    ``|N(0, 1/k)|``; each other row (a fresh Gaussian point) is worse when it lies on
    the origin's side of the hull, with probability ``Phi(h)`` for a hull at distance
    ``h`` (``Phi(-h)`` when the normal points into the negative orthant), giving

    ``P_k = 2^(1 - k) E[Phi(Z / sqrt(k))^(n - k)]``, ``Z ~ N(0, 1)``,

    evaluated by adaptive quadrature. ``P_1 = 1/n`` (so one pure equilibrium is
    expected) and ``P_n = 2^(1 - n)`` (McLennan & Berg's ``2^(-(2n - 2))`` expected
    completely mixed equilibria).

    Parameters
    ----------
    n : int
        Strategies per player, 1 to 200.
    by_support : bool
        Return the terms ``C(n, k)^2 P_k^2`` for ``k = 1 .. n`` instead of their sum.

    Returns
    -------
    float, or ndarray of shape (n,)
        ``E N``, or its terms by support size ``k = 1 .. n``.

    Raises
    ------
    TypeError, ValueError
        For a bad ``n`` or ``by_support`` (named).

    References
    ----------
    McLennan, A. & Berg, J. (2005). Asymptotic expected number of Nash equilibria of
    two-player normal form games. Games and Economic Behavior 51, 264-295 (the sum over
    support sizes; its growth ``exp(0.2816 n)``). McLennan, A. (2005). The expected number
    of Nash equilibria of a normal form game. Econometrica 73, 141-174 (the product of
    the truncated game's mixed-equilibrium count and the probability that the other
    strategies stay worse).

    Examples
    --------
    >>> from gamedyn.sweeps.studies import expected_nash_count
    >>> round(expected_nash_count(2), 12)  # 1 pure + 1/4 mixed: P(3 equilibria) = 1/8
    1.25
    """
    from scipy import integrate, special

    from gamedyn._validation import check_bool

    n = check_positive_int(n, "n")
    if n > 200:
        raise ValueError(f"`n` must be at most 200; got {n}.")
    by_support = check_bool(by_support, "by_support")
    terms = np.empty(n)
    for k in range(1, n + 1):
        if k == n:
            mean = 1.0
        else:
            def integrand(z: float, k: int = k) -> float:
                return (special.ndtr(z / math.sqrt(k)) ** (n - k)
                        * math.exp(-z * z / 2) / math.sqrt(2 * math.pi))
            mean = integrate.quad(integrand, -np.inf, np.inf, epsabs=1e-14,
                                  epsrel=1e-12)[0]
        probability = 2.0 ** (1 - k) * mean
        terms[k - 1] = math.comb(n, k) ** 2 * probability**2
    return terms if by_support else float(terms.sum())
