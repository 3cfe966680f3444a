"""Mixed equilibria of GANs: finitely many generators against finitely many discriminators.

Player 1 (rows) picks a generator ``G_i = N(mean_i, std_i^2)`` (the affine generator
``G(z) = mean + std z``, ``z ~ N(0, 1)``), player 2 (columns) a discriminator ``f_j``;
the payoff is the exact population value ``V(G_i, f_j)``, by Gauss-Hermite quadrature as
in :func:`population_game`:

- ``loss="minimax"``: ``f`` is the logit of ``D = sigmoid(f)`` and
  ``V = E_data log D(x) + E_G log(1 - D(x))`` (Goodfellow et al. 2014);
- ``loss="wasserstein"``: ``f`` is a critic and ``V = E_data f(x) - E_G f(x)`` (the
  distance of Arjovsky et al. 2017 restricted to the critic class: Arora et al. 2017's
  neural net distance).

The generator minimizes ``V``, the discriminator maximizes it, so the game is the
zero-sum :class:`~gamedyn.games.BimatrixGame` with ``A = -V`` (both players maximize:
``u1 = -V``, ``u2 = V``). A mixed strategy of player 1 is a mixture of generators, itself
a Gaussian mixture (:func:`generator_mixture`): the "mixed equilibria, where G samples
from a distribution over generators and D over discriminators" of Arora et al. (2017).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from gamedyn._validation import as_real_array, check_choice, check_positive_int
from gamedyn.games.bimatrix import BimatrixGame
from gamedyn.games.differentiable import DifferentiableGame
from gamedyn.gan import losses
from gamedyn.gan.population import MAX_QUADRATURE
from gamedyn.gan.targets import Mixture, as_target

__all__ = ["finite_game", "finite_values", "generator_mixture", "bump_critics", "bump_game"]

FINITE_LOSSES = ("wasserstein", "minimax")
FAMILIES = ("bump", "quadratic")


def _check_generators(generators: Any) -> np.ndarray:
    rows = as_real_array(generators, "generators", ndim=2)
    if rows.shape[1] != 2:
        raise ValueError(f"`generators` must have shape (k, 2), rows (mean, std); got "
                         f"{rows.shape}.")
    if np.any(rows[:, 1] <= 0):
        raise ValueError("`generators` must have positive stds (second column).")
    return rows


def _check_discriminators(discriminators: Any, family: str) -> np.ndarray:
    rows = as_real_array(discriminators, "discriminators", ndim=2)
    if rows.shape[1] != 3:
        raise ValueError(f"`discriminators` must have shape (k, 3); got {rows.shape}.")
    if family == "bump" and np.any(rows[:, 2] <= 0):
        raise ValueError("`discriminators` of the bump family must have positive widths "
                         "(third column).")
    return rows


def _outputs(rows: np.ndarray, family: str, x: np.ndarray) -> np.ndarray:
    """``f_j(x)`` for every discriminator row, shape ``(k, *x.shape)``."""
    shape = (-1,) + (1,) * x.ndim
    a, b, c = (rows[:, i].reshape(shape) for i in range(3))
    if family == "bump":
        return a * np.exp(-((x - b) ** 2) / (2.0 * c**2))
    return a + b * x + c * x**2


def finite_values(target: Any, generators: Any, discriminators: Any, *,
                  loss: str = "wasserstein", family: str = "bump",
                  quadrature: int = 64) -> np.ndarray:
    """The matrix ``V[i, j]`` of population values, generator ``i`` against ``f_j``.

    Parameters
    ----------
    target : Mixture or (mean, std)
        The data distribution (a Gaussian mixture).
    generators : array_like, shape (k1, 2)
        Rows ``(mean, std)``: ``G_i = N(mean, std^2)``.
    discriminators : array_like, shape (k2, 3)
        ``family="bump"``: rows ``(a, c, h)``, ``f(x) = a exp(-(x - c)^2 / (2 h^2))``;
        ``family="quadratic"``: rows ``(w0, w1, w2)``, ``f(x) = w0 + w1 x + w2 x^2``
        (the logit of :func:`population_game`'s discriminator).
    loss : {"wasserstein", "minimax"}
        See the module docstring.
    family : {"bump", "quadratic"}
        The discriminator family of the rows of ``discriminators``.
    quadrature : int
        Gauss-Hermite nodes per Gaussian component (8 to 1000); expectations of
        polynomials of degree below ``2 * quadrature`` are exact.

    Returns
    -------
    ndarray, shape (k1, k2)
        ``V[i, j]``: the exact population value of generator ``i`` against critic ``j``
        (player 1, the generator, minimizes it).

    Raises
    ------
    ValueError
        For malformed generators, discriminators or target, an unknown ``loss`` or
        ``family``, or a ``quadrature`` out of range.

    References
    ----------
    Arora, S., Ge, R., Liang, Y., Ma, T. & Zhang, Y. (2017). Generalization and
    equilibrium in generative adversarial nets (GANs). ICML, Section 4 (finite mixtures of
    generators and discriminators). Abramowitz, M. & Stegun, I. A. (1964). *Handbook of
    Mathematical Functions*, 25.4.46 (Gauss-Hermite quadrature).

    Examples
    --------
    >>> import numpy as np, gamedyn as gd
    >>> V = gd.gan.finite_values((0.0, 1.0), [[0.0, 1.0]], [[0.0, 0.0, 0.0]],
    ...                          loss="minimax", family="quadratic")
    >>> bool(np.isclose(V[0, 0], -np.log(4)))   # D = 1/2 everywhere: V = -log 4
    True
    """
    target = as_target(target)
    gens = _check_generators(generators)
    check_choice(family, "family", FAMILIES)
    discs = _check_discriminators(discriminators, family)
    check_choice(loss, "loss", FINITE_LOSSES)
    count = check_positive_int(quadrature, "quadrature", minimum=8)
    if count > MAX_QUADRATURE:
        raise ValueError(f"`quadrature` must be at most {MAX_QUADRATURE}; got {count}.")
    nodes, weights = np.polynomial.hermite_e.hermegauss(count)
    weights = weights / weights.sum()
    real = target.means[:, None] + target.stds[:, None] * nodes  # (components, nodes)
    real_weights = target.weights[:, None] * weights
    fake = gens[:, :1] + gens[:, 1:] * nodes  # (k1, nodes)
    with np.errstate(over="ignore", under="ignore"):
        f_real = _outputs(discs, family, real)  # (k2, components, nodes)
        f_fake = _outputs(discs, family, fake)  # (k2, k1, nodes)
        if loss == "wasserstein":
            data_term = np.sum(f_real * real_weights, axis=(-2, -1))
            fake_term = -(f_fake @ weights)
        else:
            data_term = -np.sum(losses.softplus(-f_real) * real_weights, axis=(-2, -1))
            fake_term = -(losses.softplus(f_fake) @ weights)
    values = data_term[None, :] + fake_term.T
    if not np.all(np.isfinite(values)):
        raise ValueError("the population values overflow for these `discriminators`; use "
                         "smaller coefficients.")
    return values


def finite_game(target: Any, generators: Any, discriminators: Any, *,
                loss: str = "wasserstein", family: str = "bump",
                quadrature: int = 64) -> BimatrixGame:
    """The zero-sum bimatrix game of finitely many generators against discriminators.

    Entry ``(i, j)`` pays player 1 (the generator, rows) ``-V(G_i, f_j)`` and player 2
    (the discriminator, columns) ``V(G_i, f_j)``, the exact population value
    (:func:`finite_values`). :func:`gamedyn.equilibria.zero_sum` gives the mixed
    equilibrium: a mixture of generators (:func:`generator_mixture`) against a mixture of
    discriminators, with ``V* = -value``. Rows are labelled ``N(mean, std^2)``, columns
    by their coefficients.

    Parameters
    ----------
    target, generators, discriminators, loss, family, quadrature : object
        As :func:`finite_values`.

    Returns
    -------
    BimatrixGame
        Zero-sum, shape ``(k1, k2)``, ``A = -V``.

    Raises
    ------
    ValueError
        As :func:`finite_values`.

    References
    ----------
    Arora, S., Ge, R., Liang, Y., Ma, T. & Zhang, Y. (2017). Generalization and
    equilibrium in generative adversarial nets (GANs). ICML, Section 4. Farnia, F. &
    Ozdaglar, A. (2020). Do GANs always have Nash equilibria? ICML. Oliehoek, F. A. et al.
    (2018). Beyond local Nash equilibria for adversarial networks. arXiv:1806.07268.

    Examples
    --------
    Two generators that together are the two-mode target, against bump critics:

    >>> import numpy as np, gamedyn as gd
    >>> target = gd.gan.Mixture([0.5, 0.5], [-2.0, 2.0], [0.5, 0.5])
    >>> g = gd.gan.finite_game(target, [[-2.0, 0.5], [2.0, 0.5]],
    ...                        gd.gan.bump_critics([-2.0, 2.0]))
    >>> g.row_labels
    ('N(-2, 0.5^2)', 'N(2, 0.5^2)')
    >>> solution = gd.equilibria.zero_sum(g)
    >>> solution.p.round(6).tolist(), round(-solution.value, 12) + 0.0   # V* = 0
    ([0.5, 0.5], 0.0)
    """
    values = finite_values(target, generators, discriminators, loss=loss, family=family,
                           quadrature=quadrature)
    gens = np.asarray(generators, dtype=float)
    discs = np.asarray(discriminators, dtype=float)
    rows = tuple(f"N({m:.4g}, {s:.4g}^2)" for m, s in gens)
    if family == "bump":
        cols = tuple(f"{a:+.3g} bump({c:.3g}, {h:.3g})" for a, c, h in discs)
    else:
        cols = tuple(f"{w0:.3g} {w1:+.3g}x {w2:+.3g}x^2" for w0, w1, w2 in discs)
    if len(set(cols)) < len(cols):
        cols = tuple(f"{label} #{j}" for j, label in enumerate(cols))
    if len(set(rows)) < len(rows):
        rows = tuple(f"{label} #{i}" for i, label in enumerate(rows))
    name = (f"finite GAN ({loss}, {family}), {len(rows)} generators x {len(cols)} "
            "discriminators")
    return BimatrixGame(-values, name=name, row_labels=rows, col_labels=cols)


def bump_critics(centers: Any, amplitudes: Any = (-1.0, 1.0), width: float = 0.5, *,
                 constant: bool = True) -> np.ndarray:
    """Return rows ``(a, c, h)`` of bump critics, every amplitude at every centre.

    Parameters
    ----------
    centers : array_like, shape (k,)
        The centres ``c`` (data units).
    amplitudes : array_like, shape (r,)
        Include both signs, so that the class is closed under negation (then the
        Wasserstein value of the game is at least 0).
    width : float
        The common width ``h > 0``.
    constant : bool
        Prepend the zero critic ``(0, 0, h)`` (the discriminator ``D = 1/2`` under the
        minimax loss).

    Returns
    -------
    ndarray, shape (constant + k * r, 3)
        The critics ``f(x) = a exp(-(x - c)^2 / (2 h^2))``, one per row.

    Raises
    ------
    ValueError
        For non-finite or empty inputs, or a width that is not positive.

    Examples
    --------
    >>> import gamedyn as gd
    >>> gd.gan.bump_critics([0.0], constant=False).tolist()
    [[-1.0, 0.0, 0.5], [1.0, 0.0, 0.5]]
    """
    from gamedyn._validation import check_bool, check_positive

    centers = as_real_array(centers, "centers", ndim=1)
    amplitudes = as_real_array(amplitudes, "amplitudes", ndim=1)
    width = check_positive(width, "width")
    constant = check_bool(constant, "constant")
    rows = [(a, c, width) for c in centers for a in amplitudes]
    if constant:
        rows.insert(0, (0.0, 0.0, width))
    return np.array(rows, dtype=float)


def generator_mixture(generators: Any, weights: Any, *, tol: float = 1e-12) -> Mixture:
    """The Gaussian mixture that a mixed strategy over generators samples from.

    Parameters
    ----------
    generators : array_like, shape (k, 2)
        Rows ``(mean, std)``.
    weights : array_like, shape (k,)
        A mixed strategy (on the simplex), e.g. ``zero_sum(game).p``.
    tol : float
        Weights at most ``tol`` are dropped (then the rest renormalized).

    Returns
    -------
    Mixture
        ``sum_i weights_i N(mean_i, std_i^2)`` over the generators kept.

    Raises
    ------
    ValueError
        For malformed generators or weights.

    References
    ----------
    Arora, S., Ge, R., Liang, Y., Ma, T. & Zhang, Y. (2017). Generalization and
    equilibrium in generative adversarial nets (GANs). ICML, Section 4 (a mixed strategy
    over generators is a mixture of their distributions).

    Examples
    --------
    >>> import gamedyn as gd
    >>> mix = gd.gan.generator_mixture([[-2, 0.5], [0, 1], [2, 0.5]], [0.5, 0.0, 0.5])
    >>> mix.means.tolist(), mix.weights.tolist()
    ([-2.0, 2.0], [0.5, 0.5])
    """
    from gamedyn._validation import check_nonnegative, check_probability_vectors

    gens = _check_generators(generators)
    weights = check_probability_vectors(weights, "weights", len(gens))
    if weights.ndim != 1:
        raise ValueError("`weights` must be one mixed strategy, shape (k,).")
    tol = check_nonnegative(tol, "tol")
    keep = weights > tol
    kept = weights[keep] / weights[keep].sum()
    return Mixture(kept, gens[keep, 0], gens[keep, 1])


def bump_game(target: Any, *, std: float = 0.5, width: float = 1.0) -> DifferentiableGame:
    """The parameter game behind a bump-critic finite game: gradient play on ``(mu; alpha, c)``.

    Player 1 is the generator ``N(mu, std^2)`` (``x = (mu,)``), player 2 one bump critic
    ``f(x) = tanh(alpha) exp(-(x - c)^2 / (2 h^2))`` (``y = (alpha, c)``: amplitude in
    ``(-1, 1)``, centre ``c``, fixed width ``h``), under the Wasserstein loss
    ``V = E_data f - E_G f`` (player 1 minimizes, ``u1 = -V``, ``u2 = V``). Gaussian
    integrals of a Gaussian bump are closed forms: with ``v = h^2 + s^2``,
    ``E_{N(m, s^2)} exp(-(x - c)^2 / (2 h^2)) = (h / sqrt v) exp(-(m - c)^2 / (2 v))``,
    so ``V`` and its field are exact (the Jacobian is differentiated numerically).

    Against a two-mode target no single Gaussian has a pure equilibrium here (some bump
    tells it from the data, ``max_f V > 0``, while the mixture of the two modes has value
    0), and simultaneous gradient play does not settle: with ``lr=(0.5, 0.05)`` the
    generator's mean swings from one mode past the other, round after round.

    Parameters
    ----------
    target : Mixture or (mean, std)
        The data distribution.
    std : float
        The generator's fixed standard deviation ``s > 0``.
    width : float
        The critic's width ``h > 0``.

    Returns
    -------
    DifferentiableGame
        ``n1 = 1``, ``n2 = 2``; ``z = (mu, alpha, c)``.

    Raises
    ------
    ValueError
        For a bad target, ``std`` or ``width``.

    References
    ----------
    Arora, S. et al. (2017). Generalization and equilibrium in generative adversarial
    nets (GANs). ICML. Farnia, F. & Ozdaglar, A. (2020). Do GANs always have Nash
    equilibria? ICML, Section 3.

    Examples
    --------
    >>> import numpy as np, gamedyn as gd
    >>> h = gd.gan.bump_game((0.0, 0.5), std=0.5)   # the generator equals the data at mu=0
    >>> h.field([0.0, 1.0, 0.3]).round(6).tolist()   # the critic sees nothing; the
    [0.157705, 0.0, 0.0]

    (generator is drawn to the bump: ``tanh(1) (h/sqrt v) exp(-0.3^2/(2v)) 0.3/v`` with
    ``v = 1.25``.)
    """
    from gamedyn._validation import check_positive
    from gamedyn.gan.targets import _SCALE_LIMIT

    target = as_target(target)
    s = check_positive(std, "std")
    h = check_positive(width, "width")
    for size, label in ((s, "std"), (h, "width")):
        if size > _SCALE_LIMIT:
            raise ValueError(f"`{label}` must not exceed {_SCALE_LIMIT:g}; got {size:g}.")
    weights, means, stds = target.weights, target.means, target.stds
    v_data = h**2 + stds**2
    v_fake = h**2 + s**2

    def parts(z: np.ndarray) -> tuple[np.ndarray, ...]:
        mu, amplitude, c = z[..., 0], np.tanh(z[..., 1]), z[..., 2]
        offset = means - c[..., None]
        e_data = weights * h / np.sqrt(v_data) * np.exp(-offset**2 / (2 * v_data))
        e_fake = h / np.sqrt(v_fake) * np.exp(-(mu - c) ** 2 / (2 * v_fake))
        return mu, amplitude, c, offset, e_data, e_fake

    def value(z: np.ndarray) -> np.ndarray:
        _, amplitude, _, _, e_data, e_fake = parts(z)
        return amplitude * (e_data.sum(-1) - e_fake)

    def field(z: np.ndarray) -> np.ndarray:
        mu, amplitude, c, offset, e_data, e_fake = parts(z)
        d_mu = amplitude * e_fake * (mu - c) / v_fake  # dV/dmu
        d_alpha = (1 - amplitude**2) * (e_data.sum(-1) - e_fake)
        d_c = amplitude * ((e_data * offset / v_data).sum(-1) - e_fake * (mu - c) / v_fake)
        return np.stack([-d_mu, d_alpha, d_c], axis=-1)

    return DifferentiableGame(1, 2, lambda z: -value(z), value, field=field,
                              name=f"bump critic vs N(mu, {s:g}^2), width {h:g}")
