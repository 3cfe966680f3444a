"""Step sizes for which a method's update map contracts at a fixed point."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

import numpy as np

from gamedyn._validation import check_nonnegative, check_positive, check_positive_int
from gamedyn.stability.analyze import as_differentiable

__all__ = ["StepSizeRegion", "stable_step_sizes", "spectral_radius"]


@dataclass(frozen=True, eq=False)
class StepSizeRegion:
    """Where ``rho(dF) < 1 - tol`` (or the rate to the solution set is).

    Attributes
    ----------
    method : str
        The method's registered name.
    intervals : list of (float, float)
        Open intervals of a common step size ``eta`` (both players) that contract.
    exact : bool
        Whether the intervals come from a closed form (simultaneous steps) rather than
        root finding.
    lr1, lr2 : ndarray or None
        Grid axes of the two-timescale region (player 1's and player 2's step sizes).
    contracting : ndarray of bool or None, shape (len(lr2), len(lr1))
        ``contracting[j, i]`` for ``lr = (lr1[i], lr2[j])``.
    spectral_radius : ndarray or None
        ``rho`` on the same grid.
    dynamics : Dynamics or None
        The method analyzed (its hyper-parameters other than the step size).
    to_solution_set : bool
        Whether the region is where :func:`~gamedyn.stability.rate_to_solution_set` (the
        rate off the set of fixed points) is below ``1 - tol`` rather than ``rho``.
    tol : float
        The margin below 1, the same as :func:`~gamedyn.stability.analyze`'s ``tol``.

    Examples
    --------
    >>> import gamedyn as gd
    >>> region = gd.stability.stable_step_sizes(gd.games.dirac_gan(r1=1.0), [0, 0])
    >>> region.method, region.exact, region.contains(1.0), region.contains(5.0)
    ('simultaneous', True, True, False)
    """

    method: str
    intervals: list
    exact: bool
    lr1: np.ndarray | None = None
    lr2: np.ndarray | None = None
    contracting: np.ndarray | None = None
    spectral_radius: np.ndarray | None = None
    dynamics: Any = None
    to_solution_set: bool = False
    tol: float = 1e-9

    def plot(self, ax: Any = None, **kwargs: Any) -> Any:
        """Draw this region with :func:`gamedyn.plot.plot_step_sizes`.

        Parameters
        ----------
        ax : matplotlib.axes.Axes, optional
            Where to draw (default: a new pyplot-managed figure). Matplotlib is imported here.
        **kwargs
            Passed to :func:`gamedyn.plot.plot_step_sizes`.

        Returns
        -------
        matplotlib.axes.Axes
            The axes drawn on.
        """
        from gamedyn.plot.results import plot_step_sizes

        return plot_step_sizes(self, ax=ax, **kwargs)

    def contains(self, eta: float) -> bool:
        """Whether a common step size ``eta`` (a positive finite number) contracts.

        Parameters
        ----------
        eta : float
            A common step size of both players, positive and finite.

        Returns
        -------
        bool
            True if ``eta`` lies in one of the open ``intervals``.

        Raises
        ------
        ValueError
            If ``eta`` is not positive and finite.
        """
        eta = check_positive(eta, "eta")
        return any(low < eta < high for low, high in self.intervals)

    def __str__(self) -> str:
        if not self.intervals:
            text = f"{self.method}: no common step size contracts"
        else:
            spans = ", ".join(f"({low:.6g}, {high:.6g})" for low, high in self.intervals)
            text = f"{self.method}: contracting for eta in {spans}"
        if self.contracting is not None:
            text += (f"; two-timescale grid: {self.contracting.mean():.0%} of "
                     f"{self.contracting.size} (lr1, lr2) pairs contract")
        return text


def spectral_radius(game: Any, point: Any, dynamics: Any) -> float:
    """``max |lambda|`` of the linearized update map of ``dynamics`` at ``point``.

    ``dynamics`` is an instance (all its hyper-parameters are used) or a registered name;
    a bimatrix dynamics on a :class:`~gamedyn.BimatrixGame` at ``point = (p, q)`` is
    linearized on the tangent space of the simplices, as in :func:`analyze`.

    Parameters
    ----------
    game : DifferentiableGame or BimatrixGame
        The game.
    point : array_like, shape (n,), or (p, q) for a BimatrixGame
        A fixed point of the method (not checked: the map is linearized where given).
    dynamics : Dynamics or str
        The method (an instance or a registered name).

    Returns
    -------
    float
        The spectral radius: below 1, the method converges locally (geometrically, at
        that rate per round); above 1, it moves away.

    Raises
    ------
    TypeError
        For a method without a linearization or a game it does not apply to.
    ValueError
        For a ``point`` of the wrong shape, or where the map overflows.

    References
    ----------
    Mescheder, L., Nowozin, S. & Geiger, A. (2017). The numerics of GANs. NeurIPS,
    Proposition 3 (a fixed point is locally attracting iff the spectral radius of the
    update map's Jacobian is below 1).

    Examples
    --------
    >>> import gamedyn as gd
    >>> game = gd.games.bilinear()
    >>> gd.stability.spectral_radius(game, [0, 0], gd.dynamics.Simultaneous(0.5))  # sqrt(1 + 0.25)
    1.118033988749895
    """
    from gamedyn.dynamics import MatrixDynamics
    from gamedyn.dynamics.registry import resolve
    from gamedyn.stability.analyze import analyze

    dynamics = resolve(dynamics)
    if isinstance(dynamics, MatrixDynamics):
        radius = analyze(game, point, dynamics, require_fixed_point=False).spectral_radius
        return float(cast(float, radius))  # a report with dynamics has one
    game, point = as_differentiable(game, point)
    dynamics.check_game(game)
    return float(np.abs(np.linalg.eigvals(dynamics.linearization(game, point))).max())


_NO_DYNAMICS = object()


def stable_step_sizes(
    game: Any,
    point: Any,
    dynamics: Any = _NO_DYNAMICS,
    *,
    lr_max: float | None = None,
    resolution: int = 400,
    two_timescale: bool = False,
    method: Any = _NO_DYNAMICS,
    tol: float = 1e-9,
    to_solution_set: bool = False,
    **params: Any,
) -> StepSizeRegion:
    """The step sizes where the update map of ``dynamics`` contracts at the fixed point.

    Only the step size changes: every other hyper-parameter of ``dynamics`` (momentum
    ``beta``, consensus ``gamma``, the play order and ``k`` of an
    :class:`~gamedyn.dynamics.Alternating`, ...) is kept. A method with a closed-form
    stability condition (:meth:`~gamedyn.dynamics.Dynamics.stable_step_sizes_exact`)
    uses it: simultaneous steps contract iff ``|1 + eta lambda| < 1``, i.e.
    ``eta < -2 Re(lambda) / |lambda|^2`` for every eigenvalue ``lambda`` of ``J`` (empty
    when some ``Re(lambda) >= 0``). Otherwise ``rho(eta)`` is evaluated on a grid of
    ``resolution`` step sizes in ``(0, lr_max]`` and each crossing of 1 refined by
    Brent's method. With ``two_timescale=True`` the region over ``(lr1, lr2)`` is also
    computed on a ``resolution/8``-square grid.

    An interval ends where ``rho`` crosses 1 (eigenvalues of ``J`` within
    ``tol * max|J|`` of the imaginary axis count as on it), and no interval is returned
    where the map is only isometric up to rounding: each has a point with
    ``rho < 1 - tol``, the rule :func:`analyze` uses to call a map contracting. Near an end
    of an interval (small ``eta`` above all) ``rho`` is below 1 by less than ``tol``, and
    :func:`analyze` calls the map isometric there although it contracts, slowly.
    Every interval is checked at an interior point.
    When the fixed points are not isolated (a singular or rectangular bilinear game),
    ``rho = 1`` for every step size; ``to_solution_set=True`` asks instead where the
    rate of convergence to the set of fixed points,
    :func:`~gamedyn.stability.rate_to_solution_set`, is below ``1 - tol`` (the zero
    eigenvalues of ``J`` leave the closed forms).

    Parameters
    ----------
    game : DifferentiableGame or BimatrixGame
        The game (a bimatrix game is analyzed through its mixed extension).
    point : array_like, shape (n,), or (p, q) for a BimatrixGame
        The fixed point.
    dynamics : Dynamics or str
        A gradient method: an instance (its step size is the one varied) or a registered
        name (``"simultaneous"`` by default) whose other hyper-parameters are ``params``.
    lr_max : float, optional
        Largest step size examined (default ``4 / max |lambda|``).
    resolution : int
        Grid size of the scan (at least 16).
    two_timescale : bool
        Also compute the contracting region over ``(lr1, lr2)``.
    method : Dynamics or str, optional
        Deprecated name of ``dynamics``.
    tol : float
        Margin below 1 (default: :func:`analyze`'s).
    to_solution_set : bool
        Use the rate to the solution set instead of the spectral radius.
    **params
        Hyper-parameters of a method given by name (``beta``, ``gamma``, ``lam``, ``k``).

    Returns
    -------
    StepSizeRegion
        The contracting intervals of a common step size (and, with ``two_timescale``,
        the region over ``(lr1, lr2)``).

    Raises
    ------
    TypeError
        For ``params`` given with an instance, both ``dynamics`` and ``method``, or a
        dynamics that is not a gradient method or has no linearization (Adam, RMSProp).
    ValueError
        For a ``point`` that is not a fixed point of the game (as
        :func:`~gamedyn.stability.analyze` refuses it), or bad ``lr_max``,
        ``resolution``.

    References
    ----------
    Mescheder, L., Nowozin, S. & Geiger, A. (2017). The numerics of GANs. NeurIPS,
    Lemma 4 (the closed form for simultaneous steps). Gidel, G. et al. (2019). Negative
    momentum for improved game dynamics. AISTATS, Section 3. Brent, R. P. (1973).
    *Algorithms for Minimization without Derivatives*, Chapter 4 (the root refinement).

    Examples
    --------
    >>> import gamedyn as gd
    >>> region = gd.stability.stable_step_sizes(gd.games.dirac_gan(r1=1.0), [0, 0])
    >>> [(round(low, 9), round(high, 9)) for low, high in region.intervals]
    [(0.0, 4.0)]
    >>> momentum = gd.dynamics.Momentum(0.1, beta=0.3)
    >>> gd.stability.stable_step_sizes(gd.games.dirac_gan(r1=1.0), [0, 0], momentum).method
    'momentum'
    >>> singular = gd.games.bilinear([[1.0, 2.0, 0.0], [0.0, 1.0, 1.0]])
    >>> gd.stability.stable_step_sizes(singular, [0] * 5, "extragradient").intervals
    []
    """
    import warnings

    from scipy.optimize import brentq

    from gamedyn.dynamics import GradientDynamics

    if method is not _NO_DYNAMICS:
        if dynamics is not _NO_DYNAMICS:
            raise TypeError("give `dynamics` only (`method` is its deprecated name).")
        warnings.warn("`stable_step_sizes(method=...)` is deprecated; use `dynamics=`.",
                      DeprecationWarning, stacklevel=2)
        dynamics = method
    if dynamics is _NO_DYNAMICS:
        dynamics = "simultaneous"
    from gamedyn.dynamics.registry import resolve
    from gamedyn.stability.analyze import analyze

    dynamics = resolve(dynamics, **params)
    if not isinstance(dynamics, GradientDynamics):
        raise TypeError(f"`dynamics` must be a gradient method (it has a step size); got "
                        f"{dynamics!r}.")
    if not isinstance(two_timescale, (bool, np.bool_)):
        raise TypeError(f"`two_timescale` must be True or False; got {two_timescale!r}.")
    if not isinstance(to_solution_set, (bool, np.bool_)):
        raise TypeError(f"`to_solution_set` must be True or False; got {to_solution_set!r}.")
    analyze(game, point)  # refuses a point that is not fixed, as analyze does
    game, point = as_differentiable(game, point)
    dynamics.check_game(game)
    dynamics.require_linearization()
    name = dynamics.name
    resolution = check_positive_int(resolution, "resolution", minimum=16)
    if resolution > 10**5:  # one eigenvalue problem per grid point
        raise ValueError(f"`resolution` must be at most 1e5 (one eigenvalue problem per "
                         f"step size); got {resolution}.")
    from gamedyn.stability.analyze import rate_to_solution_set

    tol = check_nonnegative(tol, "tol")
    J = game.jacobian(point)
    eigenvalues = np.linalg.eigvals(J)
    largest = float(np.abs(eigenvalues).max()) if eigenvalues.size else 1.0
    # rounding noise off the imaginary axis and off zero is snapped (one tolerance)
    noise = tol * max(1.0, float(np.abs(J).max()))
    eigenvalues = np.where(np.abs(eigenvalues.real) <= noise, 1j * eigenvalues.imag,
                           eigenvalues)
    eigenvalues = np.where(np.abs(eigenvalues) <= noise, 0.0, eigenvalues)
    zero = np.abs(eigenvalues) == 0
    nullity = int(np.sum(np.linalg.svd(J, compute_uv=False) <= noise)) if J.size else 0
    semisimple = nullity == int(zero.sum())
    lr_max = check_positive(lr_max, "lr_max") if lr_max is not None else 4.0 / max(largest,
                                                                                   1e-12)

    def rho(lr1: float, lr2: float | None = None) -> float:
        lr = lr1 if lr2 is None else (lr1, lr2)
        matrix = dynamics.with_lr(lr).linearization(game, point)
        if to_solution_set:
            return rate_to_solution_set(matrix, tol)
        return float(np.abs(np.linalg.eigvals(matrix)).max())

    rho(lr_max)  # validates once, with a clear error
    threshold = 1.0 - tol
    exact_rule = None
    if dynamics._closed_form_applies("stable_step_sizes_exact"):
        if not to_solution_set:
            exact_rule = dynamics.stable_step_sizes_exact(eigenvalues)
        elif semisimple:  # the fixed points span ker J: the other eigenvalues decide
            exact_rule = dynamics.stable_step_sizes_exact(eigenvalues[~zero])
    if exact_rule is not None:
        intervals, exact = exact_rule, True
    else:
        grid = np.linspace(lr_max / resolution, lr_max, resolution)
        values = np.array([rho(eta) for eta in grid]) - threshold
        intervals, start = [], (0.0 if values[0] < 0 else None)
        for k in range(1, resolution):
            if (values[k - 1] < 0) != (values[k] < 0):
                # the boundary is where rho crosses 1 when it does inside the cell (the
                # mathematical edge), else where it crosses 1 - tol
                a, b = grid[k - 1], grid[k]
                level = 1.0 if (rho(a) - 1.0) * (rho(b) - 1.0) < 0 else threshold
                crossing = brentq(lambda eta, level=level: rho(eta) - level, a, b, xtol=1e-12)
                if values[k] < 0:
                    start = crossing
                else:
                    intervals.append((start, crossing))
                    start = None
        if start is not None:
            intervals.append((start, lr_max))
        exact = False

    def inside(low: float, high: float) -> float:
        return 2.0 * low + 1.0 if np.isinf(high) else 0.5 * (low + high)

    intervals = [(low, high) for low, high in intervals
                 if high > low and rho(inside(low, high)) < threshold]
    extra: dict[str, Any] = dict(dynamics=dynamics, to_solution_set=to_solution_set, tol=tol)
    if not two_timescale:
        return StepSizeRegion(name, intervals, exact, **extra)
    side = max(resolution // 8, 8)
    lr1 = np.linspace(lr_max / side, lr_max, side)
    lr2 = np.linspace(lr_max / side, lr_max, side)
    radius = np.array([[rho(a, b) for a in lr1] for b in lr2])
    return StepSizeRegion(name, intervals, exact, lr1=lr1, lr2=lr2,
                          contracting=radius < threshold, spectral_radius=radius, **extra)
