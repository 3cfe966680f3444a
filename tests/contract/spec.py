"""What the contract suite feeds every public callable: strategies per kind of parameter.

A parameter's kind comes from ``OVERRIDES[callable][parameter]`` when the callable gives
the name its own meaning, else from ``PARAMETERS[parameter]``. A kind is a pair of
strategies, each a function of the call's context (the values drawn so far, and
``self`` for methods), so a state can match the game drawn before it:

* ``good``: values the callable must accept (it may still refuse a combination, with a
  ``ValueError`` or ``TypeError`` naming an argument);
* ``bad``: values it must refuse with a ``ValueError`` or ``TypeError`` naming the
  parameter (wrong type, NaN, inf, wrong shape, negative or absurd sizes, ...).

``INSTANCES[class]`` gives good receivers for methods and properties. A public name
without a kind for each of its parameters (or without instances) fails the suite: add
its strategies here the day it lands.
"""

from __future__ import annotations

import math
import os
import tempfile
from functools import cache
from typing import Any

import numpy as np
from hypothesis import strategies as st

import gamedyn as gd

# ----------------------------------------------------------------------------- helpers
HUGE_INTS = [10**12, 2**62]  # sizes that must be refused before allocating


def _lift(value: Any):
    if callable(value) and not isinstance(value, st.SearchStrategy):
        return value
    strategy = value if isinstance(value, st.SearchStrategy) else st.sampled_from(value)
    return lambda ctx: strategy


class Kind:
    """``good`` must be accepted; ``bad`` refused; ``edge`` (huge, tiny, extreme but
    valid values) may be either, but never with a crash, a warning or a non-finite
    result."""

    def __init__(self, good: Any, bad: Any = None, edge: Any = None) -> None:
        self.good = _lift(good)
        self.bad = None if bad is None else _lift(bad)
        self.edge = None if edge is None else _lift(edge)


def _ok(ctx: dict, key: str) -> Any:
    """The good value drawn for ``key`` (None when it was drawn bad or not drawn)."""
    value = ctx.get(key)
    return None if value is BAD else value


class _Bad:
    def __repr__(self) -> str:
        return "<bad>"


BAD = _Bad()

BAD_REAL = [math.nan, math.inf, -math.inf, "1", None, True, 1j, [1.0, 2.0], 10**400]
BAD_POSITIVE = [0, 0.0, -1.0, -1e-300] + BAD_REAL
BAD_NONNEG = [-1.0, -1e-300] + BAD_REAL
BAD_INT = [2.5, "3", None, True, math.nan, -1]
BAD_ARRAY = [None, "abc", math.nan, [math.nan, 1.0], [math.inf, 0.0], [[1.0, 2.0], [3.0]],
             [True, False], [1j, 2.0], object()]
_FINITE_BAD_ARRAY = [None, "abc", [[1.0, 2.0], [3.0]], [True, False], [1j, 2.0], object()]
BAD_CHOICE = ["no such name", "", 3, None]
BAD_RNG = [-1, 0.5, "seed", True, object(), [1, 2]]
BAD_CALLABLE = [3, "f", [1, 2]]
BAD_GAME = [None, "pigs", 3, np.eye(2), object()]
BAD_STR = [3, ["a"], object()]


def _floats(low: float, high: float):
    return st.floats(low, high, allow_nan=False, allow_infinity=False)


def _optional(kind: Kind) -> Kind:
    """``kind`` or None (None is good; the bad pool drops None)."""
    def good(ctx):
        return st.one_of(st.none(), kind.good(ctx))

    def bad(ctx):
        return kind.bad(ctx).filter(lambda v: v is not None)

    return Kind(good, bad if kind.bad else None)


# ----------------------------------------------------------------------------- games
@cache
def bimatrix_games() -> list:
    games = [make() for make in gd.games.CATALOGUE.values()]
    games += [gd.BimatrixGame([[1.0, 2.0, 0.0]], [[0.0, 1.0, 3.0]]),  # 1x3
              gd.BimatrixGame([[1e6, -1e6], [-1e6, 1e6]]),
              gd.BimatrixGame([[0.0, 0.0], [0.0, 0.0]])]
    return games


@cache
def differentiable_games() -> list:
    return [gd.games.bilinear(), gd.games.bilinear([[1.0, 2.0], [0.5, -1.0]]),
            gd.games.dirac_gan(), gd.games.dirac_gan("wasserstein", r1=0.3),
            gd.games.landscape(), gd.games.stag_hunt().mixed(),
            gd.games.rock_paper_scissors().mixed(), _quadratic_game()]


def _quadratic_game():
    def value(z):
        return z[..., 0] * z[..., 1] + 0.5 * z[..., 0] ** 2 - 0.5 * z[..., 1] ** 2

    return gd.DifferentiableGame(1, 1, lambda z: -value(z), value, name="numeric quadratic",
                                 equilibrium=[0.0, 0.0])


@cache
def games_with_fixed_points() -> list:
    """Games whose fixed point the strategies know (for analyze and its relatives)."""
    stag = gd.games.stag_hunt().mixed()
    rps = gd.games.rock_paper_scissors().mixed()
    return [(stag, np.array([0.5, 0.5])), (rps, np.full(4, 1 / 3))]


def _fixed_point_games() -> list:
    diff = [g for g in differentiable_games() if g.name != gd.games.landscape().name
            and g.domain is None]
    return [g for g in bimatrix_games() if min(g.shape) >= 2] + diff + [
        g for g, _ in games_with_fixed_points()]


@cache
def symbolic_games() -> list:
    import sympy

    a, b = sympy.symbols("a b")
    return [gd.games.landscape(), gd.games.from_sympy(a * b, minimize=[a], maximize=[b]),
            gd.games.from_sympy(a * b + a**2 / 2 - b**2 / 2, minimize=[a], maximize=[b],
                                equilibrium=[0.0, 0.0])]


GAME_BIMATRIX = Kind(lambda ctx: st.sampled_from(bimatrix_games()), BAD_GAME)
GAME_DIFF = Kind(lambda ctx: st.sampled_from(differentiable_games()), BAD_GAME)
GAME_ANY = Kind(lambda ctx: st.sampled_from(bimatrix_games() + differentiable_games()),
                BAD_GAME)
GAME_FIXED = Kind(lambda ctx: st.sampled_from(_fixed_point_games()), BAD_GAME)
GAME_FIXED_DIFF = Kind(lambda ctx: st.sampled_from(
    [g for g in _fixed_point_games() if isinstance(g, gd.DifferentiableGame)]), BAD_GAME)
GAME_2X2 = Kind(lambda ctx: st.sampled_from([None] + [g for g in bimatrix_games()
                                                   if g.shape == (2, 2)]),
                ["pigs", 3, np.eye(2), object(), gd.games.rock_paper_scissors()])
GAME_SYMBOLIC = Kind(lambda ctx: st.sampled_from(symbolic_games()), BAD_GAME)


def _game_of(ctx: dict):
    game = _ok(ctx, "game")
    if game is None and "self" in ctx:
        game = ctx["self"] if isinstance(ctx["self"], (gd.BimatrixGame,
                                                       gd.DifferentiableGame)) else None
    return game


def _state_dim(game, receiver=None) -> int:
    if isinstance(receiver, gd.games.SimplexProduct):
        return receiver.dim
    if isinstance(game, gd.BimatrixGame):
        return sum(game.shape)
    if isinstance(game, gd.DifferentiableGame):
        return game.n
    return 2


def _dynamics_for(ctx: dict):
    dynamics = _ok(ctx, "dynamics")
    if dynamics is None and isinstance(ctx.get("self"), gd.dynamics.Dynamics):
        dynamics = ctx["self"]
    return dynamics


def _strategy_vector(draw, size: int) -> np.ndarray:
    weights = np.array(draw(st.lists(_floats(0, 1), min_size=size, max_size=size)))
    weights[draw(st.integers(0, size - 1))] += 1e-3
    return weights / weights.sum()


@st.composite
def _start(draw, ctx: dict, batch: bool = True):
    """A start for the game (and dynamics) drawn before: mixed strategies for bimatrix
    dynamics, reduced coordinates in the domain for mixed extensions, any reals else."""
    game = _game_of(ctx)
    if isinstance(game, gd.BimatrixGame):
        m, n = game.shape
        return np.concatenate([_strategy_vector(draw, m), _strategy_vector(draw, n)])
    dim = _state_dim(game, ctx.get("self"))
    shape = (dim,) if not batch or not draw(st.booleans()) else (draw(st.integers(1, 3)), dim)
    if game is not None and game.domain is not None:
        low, high = 0.0, 1.0 / dim
    else:
        low, high = -3.0, 3.0
    return np.array(draw(st.lists(_floats(low, high), min_size=math.prod(shape),
                                  max_size=math.prod(shape)))).reshape(shape)


def _bad_state(ctx: dict):
    dim = _state_dim(_game_of(ctx), ctx.get("self"))
    return st.sampled_from(BAD_ARRAY + [np.zeros(dim + 1), np.zeros((dim, 0)), np.zeros(0),
                                        np.full(dim, np.nan)])


def _edge_state(ctx: dict):
    dim = _state_dim(_game_of(ctx), ctx.get("self"))
    return st.sampled_from([np.full(dim, 1e308), np.full(dim, -1e300), np.full(dim, 1e-308),
                            np.zeros((0, dim)), np.full((2, 1, dim), 1e150)])


def _nonfinite(value) -> bool:
    try:
        array = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        return False
    return bool(array.size) and not np.all(np.isfinite(array))


STATE = Kind(lambda ctx: _start(ctx), _bad_state, _edge_state)
STATE_SINGLE = Kind(lambda ctx: _start(ctx, batch=False), _bad_state, _edge_state)


@st.composite
def _point(draw, ctx: dict):
    """A fixed point of the game when one is known, else any state."""
    game = _game_of(ctx)
    if isinstance(game, gd.BimatrixGame):
        found = list(gd.equilibria.all_nash(game)) if max(game.shape) <= 3 else []
        if found:
            return draw(st.sampled_from(found))
    if isinstance(game, gd.DifferentiableGame):
        try:
            return game.equilibrium()
        except ValueError:
            pass
        for known, point in games_with_fixed_points():
            if known is game:
                return point
    return draw(_start(ctx, batch=False))


POINT = Kind(lambda ctx: _point(ctx), _bad_state, _edge_state)


@st.composite
def _joint(draw, ctx: dict):
    """A joint distribution over the pure profiles of the game at hand, shape (m, n)."""
    game = _game_of(ctx)
    m, n = game.shape if isinstance(game, gd.BimatrixGame) else (2, 2)
    return _strategy_vector(draw, m * n).reshape(m, n)


@st.composite
def _probabilities(draw, ctx: dict, player: int):
    return _strategy_vector(draw, _strategy_count(ctx, player))


def _strategy_count(ctx: dict, player: int) -> int:
    game, receiver = _game_of(ctx), ctx.get("self")
    if isinstance(game, gd.BimatrixGame):
        return game.shape[player - 1]
    if isinstance(receiver, gd.games.SimplexProduct):
        return receiver.m if player == 1 else receiver.n
    return 2


def _bad_probabilities(ctx: dict, player: int):
    size = _strategy_count(ctx, player)
    return st.sampled_from(BAD_ARRAY + [np.zeros(size + 1), np.full(size, -1.0),
                                        np.full(size, 1.0 / size) * 2, np.zeros(0)])


P = Kind(lambda ctx: _probabilities(ctx, 1), lambda ctx: _bad_probabilities(ctx, 1))
Q = Kind(lambda ctx: _probabilities(ctx, 2), lambda ctx: _bad_probabilities(ctx, 2))


def _opponent_strategy(ctx: dict):
    player = _ok(ctx, "player") or 1
    return _probabilities(ctx, 2 if player == 1 else 1)


def _bad_opponent(ctx: dict):
    player = _ok(ctx, "player") or 1
    return _bad_probabilities(ctx, 2 if player == 1 else 1)


# ----------------------------------------------------------------------------- numbers
REAL = Kind(_floats(-10, 10), BAD_REAL, [1e300, -1e300, 5e-324])
POSITIVE = Kind(_floats(1e-3, 10), BAD_POSITIVE, [1e300, 5e-324])
NONNEG = Kind(st.one_of(st.just(0.0), _floats(0, 5)), BAD_NONNEG)
TOL = Kind(st.sampled_from([1e-12, 1e-9, 1e-6, 1e-3]), BAD_NONNEG)
SMALL_POSITIVE = Kind(st.sampled_from([1e-10, 1e-8, 1e-6, 1e-3]), BAD_POSITIVE)
BOUND = Kind(st.sampled_from([1.0, 10.0, 1e8]), BAD_POSITIVE)
UNIT = Kind(_floats(0.05, 0.95), BAD_REAL + [-0.5, 1.5])
COUNT = Kind(st.integers(1, 5), [0, -1, 2.5, "3", None, True], HUGE_INTS)
ROUNDS = Kind(st.integers(0, 25), [-1, 2.5, "5", None, True] + HUGE_INTS)
GRID = Kind(st.integers(2, 5), [0, 1, -1, 2.5, "3", None, True] + HUGE_INTS)
SEED = Kind(st.integers(0, 2**32), BAD_RNG)
RNG = Kind(st.one_of(st.none(), st.integers(0, 2**32),
                     st.builds(np.random.default_rng, st.integers(0, 100)),
                     st.builds(np.random.SeedSequence, st.integers(0, 100))), BAD_RNG)
BOOL = Kind(st.booleans(), ["yes", None, 2, [True]])
NAME = Kind(st.one_of(st.none(), st.text(max_size=8)), BAD_STR)
LR = Kind(st.one_of(_floats(1e-3, 0.5), st.tuples(_floats(1e-3, 0.5), _floats(1e-3, 0.5)),
                    st.builds(gd.dynamics.constant, _floats(1e-3, 0.5)),
                    st.builds(gd.dynamics.inverse_time, _floats(1e-3, 0.5))),
          [0.0, -0.1, math.nan, math.inf, "0.1", None, True, 10**400, (0.1,),
           (0.1, 0.1, 0.1), (0.1, -1.0), lambda: 0.1])
T_ROUND = Kind(st.integers(0, 1000), [-1, 2.5, "0", None, True])
LABEL = Kind(lambda ctx: st.integers(0, sum(_game_of(ctx).shape) - 1)
             if isinstance(_game_of(ctx), gd.BimatrixGame) else st.integers(0, 3),
             [-1, 1000, 2.5, "0", None, True])
PLAYER = Kind(st.sampled_from([1, 2]), [0, 3, "1", None, True, 1.0])
FN = Kind(st.sampled_from([lambda z: z[..., 0] * z[..., 1], lambda z: -z[..., 0] * z[..., 1],
                           lambda z: np.sum(z**2, axis=-1)]), BAD_CALLABLE + [None])
FN_OPTIONAL = Kind(st.none(), BAD_CALLABLE)
MATRIX = Kind(st.integers(1, 3).flatmap(lambda m: st.integers(1, 3).flatmap(
    lambda n: st.lists(_floats(-5, 5), min_size=m * n, max_size=m * n).map(
        lambda v: np.array(v).reshape(m, n)))),
    BAD_ARRAY + [np.zeros((0, 2)), np.zeros(3), np.zeros((2, 2, 2)), [[1, 2], [3, 4.0j]]])


def _same_shape_matrix(ctx: dict):
    A = _ok(ctx, "A")
    shape = np.shape(A) if A is not None and np.ndim(A) == 2 else (2, 2)
    return st.one_of(st.none(), st.lists(_floats(-5, 5), min_size=math.prod(shape),
                                         max_size=math.prod(shape)).map(
        lambda v: np.array(v).reshape(shape)))


def _labels(ctx: dict, axis: int):
    A, pairs = _ok(ctx, "A"), _ok(ctx, "pairs")  # BimatrixGame(A, ...) or from_pairs(pairs)
    if A is not None and np.ndim(A) == 2:
        count = np.shape(A)[axis]
    elif pairs is not None and np.ndim(pairs) == 3:
        count = np.shape(pairs)[axis]
    else:
        count = 2
    return st.one_of(st.none(), st.lists(st.text(max_size=4), min_size=count,
                                         max_size=count))


# ----------------------------------------------------------------------------- dynamics
@cache
def gradient_dynamics() -> list:
    """One default instance of every concrete gradient dynamics in gamedyn.dynamics."""
    D = gd.dynamics
    found = []
    for name in DYNAMICS_CLASSES:
        cls = getattr(D, name)
        if issubclass(cls, D.GradientDynamics):
            try:
                found.append(cls())
            except TypeError:  # a class that needs arguments: the lead adds its instances
                continue
    return found


@cache
def matrix_dynamics() -> list:
    D = gd.dynamics
    return [D.BestResponse(), D.BestResponse(order="alternating"), D.FictitiousPlay(),
            D.Replicator(), D.LogitResponse(), D.Hedge(), D.OptimisticHedge(),
            D.RegretMatching(), D.RegretMatching(sampled=True), D.RegretMatchingPlus(),
            D.FTRL(), D.FTRL("euclidean", sampled=True), D.StochasticFictitiousPlay(),
            D.StochasticFictitiousPlay(sampled=True), D.ReplicatorMutator()]


def _dynamics_good(ctx: dict):
    game = _game_of(ctx)
    if isinstance(game, gd.BimatrixGame):
        pool = matrix_dynamics() + ["best_response", "fictitious_play", "replicator", "logit"]
    elif isinstance(game, gd.DifferentiableGame):
        pool = gradient_dynamics() + ["simultaneous", "extragradient"]
    else:
        pool = gradient_dynamics() + matrix_dynamics()
    return st.sampled_from(pool)


DYNAMICS = Kind(_dynamics_good, BAD_CHOICE + [gd.dynamics.Simultaneous, object(), 0.1])
DYNAMICS_OPTIONAL = Kind(lambda ctx: st.one_of(st.none(), _dynamics_good(ctx)),
                         ["no such name", "", 3, object(), 0.1])
GRADIENT_DYNAMICS = Kind(lambda ctx: st.sampled_from(gradient_dynamics()),
                         BAD_CHOICE + [object(), 0.1])


@st.composite
def _dynamics_state(draw, ctx: dict):
    """A state of the dynamics at hand: the receiver's, or ``dynamics=`` of simulate."""
    dynamics, game = ctx.get("self", _ok(ctx, "dynamics")), _game_of(ctx)
    if isinstance(dynamics, str):
        dynamics = gd.dynamics.get_dynamics(dynamics)
    if game is None or not isinstance(dynamics, gd.dynamics.Dynamics):
        return gd.dynamics.GradientState(np.zeros(2), 0)
    try:
        dynamics.check_game(game)
    except TypeError:
        return gd.dynamics.GradientState(np.zeros(2), 0)
    start = _ok(ctx, "z0")  # simulate(z0, state=...): the state continues from z0
    return dynamics.init(game, draw(_start(ctx)) if start is None else start)


def _game_for_self(ctx: dict):
    dynamics = ctx.get("self")
    if isinstance(dynamics, gd.dynamics.MatrixDynamics):
        return st.sampled_from(bimatrix_games())
    return st.sampled_from(differentiable_games())


GAME_FOR_SELF = Kind(_game_for_self, BAD_GAME)
DYN_STATE = Kind(lambda ctx: _dynamics_state(ctx), [None, "state", 3, (np.zeros(2),),
                                                    np.zeros(2)])

#: every concrete dynamics class exported by gamedyn.dynamics (found, not listed, so a new
#: method is fuzzed the day it lands)
DYNAMICS_CLASSES = sorted(
    name for name in gd.dynamics.__all__
    if isinstance(getattr(gd.dynamics, name), type)
    and issubclass(getattr(gd.dynamics, name), gd.dynamics.Dynamics)
    and name not in ("Dynamics", "GradientDynamics", "MatrixDynamics"))

# ----------------------------------------------------------------------------- GAN
TARGET = Kind(st.one_of(st.tuples(_floats(-3, 3), _floats(0.2, 3)),
                        st.builds(gd.gan.gaussian, _floats(-3, 3), _floats(0.2, 3)),
                        st.just(gd.gan.Mixture([0.5, 0.5], [-2.0, 2.0], [0.5, 0.5]))),
              [None, "N(0,1)", 3.0, (0.0,), (0.0, -1.0), (math.nan, 1.0), (0.0, 0.0),
               ("0", 1.0), (0.0, 1.0, 2.0)])
SAMPLES = Kind(st.lists(_floats(-5, 5), min_size=2, max_size=30).map(np.array),
               BAD_ARRAY + [np.zeros(0), [1.0]])


@cache
def gan_runs() -> list:
    return [gd.gan.train((1.0, 0.5), steps=20, rng=0, log_every=5),
            gd.gan.train((0.0, 1.0), steps=10, rng=1, runs=2, log_every=5)]


@st.composite
def _mass(draw):
    steps, modes = draw(st.integers(2, 8)), draw(st.integers(2, 3))
    mass = np.array(draw(st.lists(_floats(0.01, 1), min_size=steps * modes,
                                  max_size=steps * modes))).reshape(steps, modes)
    return mass / mass.sum(-1, keepdims=True)


MASS = Kind(_mass(), BAD_ARRAY + [np.zeros((0, 2)), np.full((3, 2), 0.9), np.zeros(2)])


@cache
def models() -> list:
    # depth-1 MLPs only: input_gradient and r1_gradient are derived for depth 1
    return [gd.gan.Affine(), gd.gan.Affine(log_scale=True), gd.gan.Quadratic(), gd.gan.MLP(4),
            gd.gan.MLP(3)]


@st.composite
def _model_params(draw, ctx: dict):
    model = ctx["self"]
    runs = draw(st.sampled_from([(), (2,)]))
    return model.init(np.random.default_rng(draw(st.integers(0, 9))), runs)


def _model_input(ctx: dict):
    params = _ok(ctx, "params")
    runs = np.shape(params)[:-1] if params is not None else ()
    return st.integers(1, 5).map(lambda n: np.linspace(-2, 2, math.prod(runs) * n)
                                 .reshape(runs + (n,)))


@st.composite
def _cache(draw, ctx: dict):
    model, params = ctx["self"], _ok(ctx, "params")
    if params is None:
        return None
    return model.forward(params, draw(_model_input(ctx)))[1]


def _upstream(ctx: dict):
    params, cache_ = _ok(ctx, "params"), _ok(ctx, "cache")
    if params is None or cache_ is None:
        return st.just(np.ones(3))
    return st.just(np.ones_like(np.asarray(cache_[0] if isinstance(cache_, tuple)
                                           else cache_, dtype=float)))


# ----------------------------------------------------------------------------- plots
@st.composite
def _axes(draw):
    return gd.plot.new_figure()[1][0, 0] if draw(st.booleans()) else None


AX = Kind(_axes(), ["ax", 3, object()])


def _bounds(ctx: dict):
    game = _game_of(ctx)
    dim = _state_dim(game)
    return st.just(np.array([[-1.0, 1.0]] * dim)) | st.just([[-2.0, 2.0]] * dim)


BOUNDS = Kind(_bounds, BAD_ARRAY + [[[1.0, -1.0]] * 2, [[0.0, 1.0]] * 7, [[0.0, 1.0]]])
EIGENVALUES = Kind(st.lists(st.complex_numbers(max_magnitude=3, allow_nan=False,
                                               allow_infinity=False),
                            min_size=1, max_size=4).map(np.array),
                   # an empty spectrum (a 1x1 game's) is "marginal" (documented)
                   [None, "x", [math.nan], [complex(math.inf, 0)], object()])


def _tmp_dir() -> str:
    return tempfile.mkdtemp(prefix="gamedyn-contract-")


def _out_path(suffix: str = ".nfg"):
    return st.builds(lambda: os.path.join(_tmp_dir(), "out" + suffix))


@st.composite
def _nfg_text(draw):
    game = draw(st.sampled_from(bimatrix_games()))
    return gd.games.write_nfg(game)


NFG_SOURCE = Kind(_nfg_text(), [None, 3, "", "NFG", "NFG 1 R", "not a game at all",
                                'NFG 1 R "t" { "1" "2" } { 1 1 }\n1e309 0',
                                'NFG 1 R "t" { "1" "2" "3" } { 1 1 1 } 1 2 3',
                                'NFG 1 R "t" { "1" "2" } { 2 2 } 1 2 3', b"NFG 1 R",
                                os.path.join(tempfile.gettempdir(), "no-such-file.nfg")])


def _figure():
    return st.builds(lambda: gd.plot.new_figure()[0])


ARGV = Kind(st.sampled_from([["equilibria", "pigs"], ["equilibria", "matching_pennies"],
                             ["analyze", "bilinear"], ["analyze", "stag_hunt"],
                             ["figures", "--only", "nope"], ["--help"]]),
            [["equilibria", "no_such_game"], ["equilibria", "missing.nfg"], ["nonsense"],
             ["figures", "--seed", "x"], ["analyze", "bilinear", "--lr", "-1",
                                         "--dynamics", "simultaneous"],
             ["gan", "--steps", "-5"], ["gan", "--std", "nan"], [], ["equilibria"]])

def _noise(ctx: dict):
    """None (the game's own evaluation batch), or for a GAN game a minibatch it drew
    for the batch shape of the states ``z`` drawn before."""
    game, z = ctx.get("self"), _ok(ctx, "z")
    if hasattr(gd.gan, "GANGame") and isinstance(game, gd.gan.GANGame) and np.ndim(z) >= 1:
        return st.one_of(st.none(), st.integers(0, 9).map(
            lambda seed: game.draw(seed, np.shape(z)[:-1])))
    return st.none()


# ----------------------------------------------------------------------------- tables
#: parameter name -> kind, used unless a callable overrides it
PARAMETERS: dict[str, Kind] = {
    "game": GAME_ANY,
    "A": MATRIX,
    "B": Kind(_same_shape_matrix, BAD_ARRAY[1:] + [np.zeros((5, 5))]),
    "M": MATRIX,
    "name": NAME,
    "row_labels": Kind(lambda ctx: _labels(ctx, 0), [3, "ab", [1, 2], ["a"] * 9]),
    "col_labels": Kind(lambda ctx: _labels(ctx, 1), [3, "ab", [1, 2], ["a"] * 9]),
    "p": P,
    "q": Q,
    "strategy": Kind(_opponent_strategy, _bad_opponent),
    "player": PLAYER,
    "tol": TOL,
    "z": STATE,
    "z0": STATE,
    "point": POINT,
    "n1": COUNT,
    "n2": COUNT,
    "payoff1": FN,
    "payoff2": FN,
    "value": FN,
    "field": FN_OPTIONAL,
    "jacobian": FN_OPTIONAL,
    "domain": Kind(st.none(), ["simplex", 3, object()]),
    "equilibrium": Kind(st.none(), BAD_ARRAY[1:] + [np.zeros(7)]),
    "symbolic": Kind(st.none(), ["x", 3, object()]),
    "m": Kind(st.integers(2, 4), [0, 1, -1, 2.5, "2", None, True] + HUGE_INTS),
    "cost": REAL,
    "loss": Kind(st.sampled_from(gd.games.DIRAC_LOSSES), BAD_CHOICE),
    "r1": NONNEG,
    "r2": NONNEG,
    "instance_noise": NONNEG,
    "source": NFG_SOURCE,
    "path": Kind(st.one_of(st.none(), _out_path()), [3, object(), ["a"]]),
    "initial_label": LABEL,
    "max_pivots": COUNT,
    "dynamics": DYNAMICS,
    "steps": ROUNDS,
    "rng": RNG,
    "save_every": COUNT,
    "bound": BOUND,
    "t_span": Kind(st.tuples(st.just(0.0), _floats(0.1, 3.0)),
                   [None, "x", (1.0, 0.0), (0.0,), (0.0, math.nan), (0.0, math.inf), 3.0]),
    "t_eval": Kind(st.none(), ["x", [math.nan], object()]),
    "rtol": SMALL_POSITIVE,
    "atol": SMALL_POSITIVE,
    "method": Kind(st.sampled_from(["RK45", "LSODA", "Radau"]), BAD_CHOICE),
    "lr": LR,
    "beta": Kind(_floats(-0.9, 0.9), BAD_REAL + [1.0, -1.0, 5.0]),
    "gamma": NONNEG,
    "lam": NONNEG,
    "align": BOOL,
    "eps": POSITIVE,
    "betas": Kind(st.tuples(_floats(0, 0.95), _floats(0.5, 0.999)),
                  [None, 0.9, (0.9,), (1.0, 0.999), (-0.1, 0.9), (0.9, math.nan), "ab"]),
    "newton_steps": COUNT,
    "order": Kind(st.sampled_from(["simultaneous", "alternating"]), BAD_CHOICE),
    "tie": Kind(st.sampled_from(["first", "uniform"]), BAD_CHOICE),
    "dt": POSITIVE,
    "temperature": POSITIVE,
    "lr0": POSITIVE,
    "decay": NONNEG,
    "fn": Kind(st.sampled_from([lambda t: 0.1, lambda t: 1.0 / (t + 1)]),
               BAD_CALLABLE + [None]),
    "t": T_ROUND,
    "name_or_instance": Kind(st.sampled_from(list(gd.dynamics.REGISTRY)), BAD_CHOICE),
    "eigenvalues": EIGENVALUES,
    "bounds": BOUNDS,
    "grid": GRID,
    "step": SMALL_POSITIVE,
    "keep_parameters": BOOL,
    "require_fixed_point": BOOL,
    "lr_max": Kind(st.one_of(st.none(), _floats(0.1, 3)), BAD_POSITIVE[:-5] + ["1"]),
    "resolution": GRID,
    "two_timescale": BOOL,
    "eta": POSITIVE,
    "target": TARGET,
    "mean": REAL,
    "std": POSITIVE,
    "p_target": TARGET,
    "samples": SAMPLES,
    "samples_or_q": Kind(st.one_of(SAMPLES.good({}), TARGET.good({}).map(gd.gan.as_target)),
                         BAD_ARRAY + [np.zeros(0)]),
    "points": Kind(st.integers(2, 500), [0, 1, -1, 2.5, None, True] + HUGE_INTS),
    "max_bins": Kind(st.integers(20, 500), [0, -1, 2.5, None, True] + HUGE_INTS),
    "d_real": Kind(st.lists(_floats(0, 1), min_size=1, max_size=5).map(np.array),
                   BAD_ARRAY + [[1.5], [-0.1]]),
    "d_fake": Kind(lambda ctx: st.just(np.full(np.shape(
        _ok(ctx, "d_real") if _ok(ctx, "d_real") is not None else [0.5]), 0.5)),
                   BAD_ARRAY + [[1.5], [-0.1]]),
    "x": Kind(st.lists(_floats(-5, 5), min_size=1, max_size=5).map(np.array),
              BAD_ARRAY),
    "u": Kind(st.lists(_floats(0, 1), min_size=1, max_size=5).map(np.array),
              BAD_ARRAY + [[1.5], [-0.5]]),
    "weights": Kind(st.just([0.5, 0.5]), BAD_ARRAY + [[0.5, 0.6], [-1.0, 2.0]]),
    "means": Kind(st.just([-1.0, 1.0]), BAD_ARRAY + [[0.0]]),
    "stds": Kind(st.just([1.0, 0.5]), BAD_ARRAY + [[1.0, 0.0], [1.0, -1.0]]),
    "size": Kind(st.sampled_from([(), (2,), (2, 3)]), [(-1,), "x", (2.5,), (10**7, 10**7)]),
    "mass": MASS,
    "threshold": UNIT,
    "burn_in": UNIT,
    "run": Kind(lambda ctx: st.sampled_from(gan_runs()), [None, 3, "run", object()]),
    "seed": SEED,
    "quadrature": Kind(st.integers(8, 64), [0, 1, -1, 2.5, None, True] + HUGE_INTS),
    "generator": Kind(st.sampled_from(["affine", "mlp"]), BAD_CHOICE),
    "discriminator": Kind(st.sampled_from(["quadratic", "mlp"]), BAD_CHOICE),
    "optimizer": Kind(st.sampled_from(["adam", "sgd"]), BAD_CHOICE),
    "batch": Kind(st.integers(2, 32), [0, -1, 2.5, None, True] + HUGE_INTS),
    "n_steps": Kind(st.integers(1, 20), [0, -1, 2.5, None, True] + HUGE_INTS),
    "runs": Kind(st.one_of(st.none(), st.integers(1, 3)), [0, -1, 2.5, "2", True] + HUGE_INTS),
    "log_every": Kind(st.integers(1, 10), [0, -1, 2.5, None, True]),
    "hidden": Kind(st.integers(1, 8), [0, -1, 2.5, None, True], HUGE_INTS),
    "depth": Kind(st.integers(1, 2), [0, -1, 2.5, None, True], HUGE_INTS),
    "output_scale": POSITIVE,
    "log_scale": BOOL,
    "progress": Kind(st.sampled_from([False, None]), ["yes", 2]),  # None: auto, no bar here
    "params": Kind(lambda ctx: _model_params(ctx), BAD_ARRAY + [np.zeros(99)]),
    "cache": Kind(lambda ctx: _cache(ctx), [None, "cache", 3]),
    "upstream": Kind(_upstream, BAD_ARRAY),
    "wrt": Kind(st.sampled_from(["both", "params", "input"]), BAD_CHOICE),
    "rows": Kind(st.integers(1, 2), [0, -1, 2.5, None, True] + HUGE_INTS),
    "cols": Kind(st.integers(1, 2), [0, -1, 2.5, None, True] + HUGE_INTS),
    "ax": AX,
    "label": Kind(st.one_of(st.none(), st.text(max_size=5)), [3, object()]),
    "unit_circle": BOOL,
    "marker": Kind(st.sampled_from(["o", "x"]), [None, "not a marker", [1, 2]]),
    "density": Kind(st.integers(2, 6), [0, 1, -1, 2.5, None, True] + HUGE_INTS),
    "stream": BOOL,
    "color": Kind(st.sampled_from(["0.6", "C1", "k"]), [3, "not a color", [1, 2]]),
    "labels": Kind(st.just(("a", "b", "c")), [None, 3, ("a", "b"), "abc"]),
    "shares": Kind(st.lists(_floats(0, 1), min_size=3, max_size=3).map(
        lambda v: np.array(v) / max(sum(v), 1e-9)),
        BAD_ARRAY + [np.zeros(2), np.zeros((2, 4))]),
    "states": Kind(st.integers(2, 6).map(lambda k: np.linspace(0, 1, 2 * k).reshape(k, 2)),
                   BAD_ARRAY + [np.zeros(3), np.zeros((3, 3)), np.zeros((0, 2))]),
    "marker_start": BOOL,
    # results that draw themselves (gamedyn.plot.results)
    "traj": Kind(lambda ctx: st.sampled_from(_results()[0]), [None, 3, object()]),
    "region": Kind(lambda ctx: st.sampled_from(_results()[1]), [None, 3, object()]),
    "keys": Kind(st.sampled_from([None, ("d_real",), ["jsd", "value"]]),
                 [["nope"], "jsd", 3, [3]]),
    "out_dir": Kind(st.builds(_tmp_dir), [None, 3, object()]),
    "only": Kind(st.just(["spectral_radius"]), [["nope"], "spectral_radius", 3]),
    "quick": Kind(st.just(True), ["yes", None, 2]),
    "figure": Kind(_figure(), [None, "figure", 3]),
    "argv": ARGV,
    "v": Kind(st.none(), [3j, "a*b", object()]),
    "minimize": Kind(st.none(), ["a", [3], 3]),
    "maximize": Kind(st.none(), ["b", [3], 3]),
    "payoffs": Kind(st.none(), ["u", 3, (1,)]),
    "players": Kind(st.none(), ["x", 3, (1,)]),
    "parameters": Kind(st.none(), [3, "g", [1, 2]]),
    "state": DYN_STATE,
    # names the other branches bring (dyn, gan, eq); refine when they land
    "noise": Kind(lambda ctx: _noise(ctx)),
    "batch_shape": Kind(st.sampled_from([(), (2,)]), [(-1,), "x", (2.5,), None]),
    "k": Kind(st.sampled_from([(1, 1), (1, 2)]), [0, (0, 1), "1", (1,), None, (1, 2, 3)]),
    "first": Kind(st.sampled_from([1, 2]), [0, 3, "1", None, True]),
    "rho": Kind(_floats(0.0, 0.99), BAD_REAL + [1.0, -0.1]),
    "max_seconds": Kind(st.one_of(st.none(), _floats(1.0, 5.0)), [0.0, -1.0, math.nan, "1"]),
    "exact": BOOL,
    "relative": BOOL,
    "numeric_jacobian": BOOL,
    "shape": Kind(st.tuples(st.integers(1, 4), st.integers(1, 4)),
                  [(0, 2), "x", (2,), None, (-1, 2)]),
    "pairs": Kind(st.integers(1, 3).flatmap(lambda m: st.integers(1, 3).flatmap(
        lambda n: st.lists(_floats(-5, 5), min_size=2 * m * n, max_size=2 * m * n).map(
            lambda v: np.array(v).reshape(m, n, 2)))),
        BAD_ARRAY + [np.zeros((2, 2)), np.zeros((2, 2, 3))]),
    "batch_size": Kind(st.integers(2, 64), [0, -1, 2.5, None, True] + HUGE_INTS),
    "eval_size": Kind(st.integers(2, 64), [0, -1, 2.5, None, True] + HUGE_INTS),
    "mixed": BOOL,
    "n": Kind(st.integers(0, 50), [-1, 2.5, "3", None, True] + HUGE_INTS),
    # names of the analyzer's verdicts, time scales and the bilinear-game family (ana)
    "extrapolation": Kind(_floats(0.1, 3.0), BAD_POSITIVE),
    "optimism": Kind(_floats(0.0, 2.0), [-1.0, -1e-300, math.nan, math.inf, "1", None,
                                         True, 1j, 10**400]),
    "timescale": Kind(_floats(0.1, 10.0), BAD_POSITIVE),
    "to_solution_set": BOOL,
    "max_evaluations": Kind(st.integers(100, 5000), [0, -1, 2.5, "3", None, True]),
}


def _sympy_symbols():
    import sympy

    return sympy.symbols("a b")


@st.composite
def _sympy_value(draw):
    a, b = _sympy_symbols()
    return draw(st.sampled_from([a * b, a**2 - b**2 + a * b, a * b**3 - a]))


def _sympy_players(index: int):
    return Kind(lambda ctx: st.just([_sympy_symbols()[index]]), ["a", [3], 3])


_GENERATORS = Kind(st.integers(1, 4).flatmap(lambda k: st.tuples(
    st.lists(_floats(-3, 3), min_size=k, max_size=k),
    st.lists(_floats(0.2, 2), min_size=k, max_size=k))).map(lambda t: np.c_[t[0], t[1]]),
    [None, "g", np.zeros((2, 3)), [[0.0, -1.0]], [[math.nan, 1.0]], np.zeros(2)])
_DISCRIMINATORS = Kind(st.integers(1, 4).flatmap(lambda k: st.lists(
    st.tuples(_floats(-2, 2), _floats(-2, 2), _floats(0.2, 2)), min_size=k,
    max_size=k)).map(np.array),
    [None, "d", np.zeros((2, 2)), [[math.nan, 0.0, 1.0]], np.zeros(3)])
_FINITE_GAN = {"generators": _GENERATORS, "discriminators": _DISCRIMINATORS,
               "loss": Kind(st.sampled_from(["wasserstein", "minimax"]), BAD_CHOICE),
               "family": Kind(st.sampled_from(["bump", "quadratic"]), BAD_CHOICE)}


@st.composite
def _generator_weights(draw, ctx: dict):
    generators = _ok(ctx, "generators")
    count = len(generators) if generators is not None and np.ndim(generators) == 2 else 1
    return _strategy_vector(draw, count)
def _sweep_square(x=0.0, rng=None):
    """A function to sweep (module-level, so an executor could pickle it)."""
    return x * x + np.random.default_rng(rng).random()


_STEP = Kind(_floats(1e-3, 0.5), [0, -1, np.nan, np.inf, "0.1", None, True])
_ROUNDS = Kind(st.integers(1, 20), [0, -1, 2.5, None, True])
_START = Kind(st.lists(_floats(0, 1), min_size=1, max_size=4), [[1.5], [-0.1], [np.nan], 3,
                                                                  "a", [[0.5]]])


#: callable -> {parameter: kind} where a name means something else there
OVERRIDES: dict[str, dict[str, Kind]] = {
    "gamedyn.games.SimplexProduct": {"n": Kind(st.integers(2, 4), [0, 1, -1, 2.5, "2", None,
                                                                   True] + HUGE_INTS)},
    "gamedyn.games.bilinear": {"A": Kind(st.one_of(_floats(-3, 3), MATRIX.good({})),
                                         BAD_ARRAY[1:] + [np.zeros((2, 2, 2))])},
    "gamedyn.games.from_sympy": {
        "v": Kind(_sympy_value(), [3j, "a*b", object()]),
        "minimize": _sympy_players(0), "maximize": _sympy_players(1),
        "equilibrium": Kind(st.none(), BAD_ARRAY[1:] + [np.zeros(7)]),
    },
    "gamedyn.games.zero_sum": {"value": Kind(st.sampled_from([lambda z: z[..., 0] * z[..., 1]]),
                                             BAD_CALLABLE + [None])},
    "gamedyn.games.SimplexProduct.from_strategies": {"p": P, "q": Q},
    # issue 14: the Dirac-GAN's stabilizers and the public box domain (2-D boxes here)
    "gamedyn.games.dirac_gan": {"gradient_penalty": NONNEG,
                                "clip": Kind(st.one_of(st.none(), _floats(1e-3, 10)),
                                             BAD_POSITIVE)},
    "gamedyn.games.Box": {"low": Kind(st.sampled_from([[-1.0, 0.0], [-np.inf, -2.0]]),
                                      BAD_ARRAY[:2] + [[0.0], [np.nan, 0.0], [np.inf, 0.0]]),
                          "high": Kind(st.sampled_from([[1.0, np.inf], [2.0, 3.0]]),
                                       BAD_ARRAY[:2] + [[-5.0, -5.0], [0.0, -np.inf]])},
    "gamedyn.games.Box.project": {"z": Kind(lambda ctx: _start(ctx), lambda ctx: (
        _bad_state(ctx).filter(lambda v: not _nonfinite(v))))},
    "gamedyn.games.hawk_dove": {"value": REAL, "cost": REAL},
    "gamedyn.games.SymbolicForm.latex_jacobian": {"point": Kind(
        lambda ctx: st.one_of(st.none(), _point(ctx)), lambda ctx: _bad_state(ctx).filter(
            lambda v: v is not None))},
    # NaN and inf pass through these two on purpose (documented): a diverging state must
    # reach the divergence check of simulate
    "gamedyn.games.SimplexProduct.project": {"z": Kind(lambda ctx: _start(ctx), lambda ctx: (
        _bad_state(ctx).filter(lambda v: not _nonfinite(v))))},
    "gamedyn.games.SimplexProduct.to_strategies": {"z": Kind(lambda ctx: _start(ctx), lambda
        ctx: _bad_state(ctx).filter(lambda v: not _nonfinite(v)))},
    # `steps` is the deprecated alias of `k` (it warns when given): not passed
    "gamedyn.dynamics.Alternating": {"steps": Kind(st.none())},
    "gamedyn.dynamics.ProximalPoint": {"tol": SMALL_POSITIVE},
    "gamedyn.dynamics.LogitResponse": {"lr": Kind(_floats(0.01, 1.0), BAD_POSITIVE)},
    "gamedyn.dynamics.Hedge": {"sampled": BOOL},
    "gamedyn.dynamics.OptimisticHedge": {"sampled": BOOL},
    "gamedyn.dynamics.RegretMatching": {"sampled": BOOL},
    "gamedyn.dynamics.RegretMatchingPlus": {"sampled": BOOL},
    "gamedyn.dynamics.StochasticFictitiousPlay": {"sampled": BOOL},
    "gamedyn.dynamics.FTRL": {"sampled": BOOL, "regularizer": Kind(
        st.sampled_from(["entropic", "euclidean"]), BAD_CHOICE)},
    # dt * mutation <= 1 (a share mutated per round): both drawn in range
    "gamedyn.dynamics.ReplicatorMutator": {"dt": Kind(_floats(0.01, 1.0), BAD_POSITIVE),
                                           "mutation": Kind(_floats(0.0, 1.0), [
                                               -0.1, math.nan, math.inf, "0.1", None])},
    "gamedyn.equilibria.double_oracle": {
        "max_iterations": Kind(st.integers(1, 40), BAD_INT + [0] + HUGE_INTS[:0]),
        "start": Kind(st.just((0, 0)), [(-1, 0), "a", None, (0,), (0.5, 0), (99, 0)])},
    "gamedyn.equilibria.quantal_response_equilibrium": {"near": Kind(
        lambda ctx: st.one_of(st.none(), st.tuples(_probabilities(ctx, 1),
                                                   _probabilities(ctx, 2))),
        lambda ctx: st.one_of(_bad_probabilities(ctx, 1).map(lambda p: (p, p)),
                              st.sampled_from([[0.5, 0.5], "near", 3, ((1.0,),)])))},
    "gamedyn.gan.finite_game": _FINITE_GAN,
    "gamedyn.gan.finite_values": _FINITE_GAN,
    "gamedyn.gan.generator_mixture": {"generators": _GENERATORS, "weights": Kind(
        lambda ctx: _generator_weights(ctx), [None, "w", [0.7, 0.7], [math.nan, 1.0]])},
    "gamedyn.gan.bump_critics": {
        "centers": Kind(st.lists(_floats(-3, 3), min_size=1, max_size=4), BAD_ARRAY),
        "amplitudes": Kind(st.lists(_floats(-2, 2), min_size=1, max_size=3), BAD_ARRAY),
        "width": POSITIVE, "constant": BOOL},
    "gamedyn.gan.bump_game": {"width": POSITIVE, "std": POSITIVE},
    "gamedyn.equilibria.cce_gap": {"joint": Kind(lambda ctx: _joint(ctx), [
        None, "joint", np.zeros(3), np.full((2, 2), 0.5), np.array([[1.5, -0.5], [0.0, 0.0]]),
        [[math.nan, 0.0], [0.0, 1.0]]])},
    "gamedyn.dynamics.Constant": {"value": POSITIVE},
    "gamedyn.dynamics.constant": {"value": POSITIVE},
    "gamedyn.dynamics.flow": {"dynamics": DYNAMICS_OPTIONAL},
    "gamedyn.stability.analyze": {"dynamics": DYNAMICS_OPTIONAL, "game": GAME_FIXED,
                                  "symbolic": Kind(st.just(False), ["yes", None, 2]),
                                  # a time scale is for the flow; with a method it is
                                  # refused by documentation (lr=(eta, tau * eta) instead)
                                  "timescale": Kind(lambda ctx: (
                                      st.just(1.0) if ctx.get("dynamics") is not None
                                      else _floats(0.1, 10.0)), BAD_POSITIVE)},
    # simulate's `state` is optional (None: start from z0), so None is not bad there
    # z0=None is right when `state` is given (the state's z is the start)
    "gamedyn.dynamics.simulate": {"state": Kind(DYN_STATE.good, ["state", 3, (np.zeros(2),),
                                                                 np.zeros(2)]),
                                  "z0": Kind(lambda ctx: _start(ctx), lambda ctx: _bad_state(
                                      ctx).filter(lambda v: v is not None), _edge_state)},
    "gamedyn.stability.rate_to_solution_set": {"M": Kind(st.integers(1, 4).flatmap(
        lambda n: st.lists(_floats(-2, 2), min_size=n * n, max_size=n * n).map(
            lambda v: np.array(v).reshape(n, n))),
        BAD_ARRAY + [np.zeros((1, 2)), np.zeros(3), np.zeros((2, 2, 2))])},
    "gamedyn.stability.find_stationary_points": {"dynamics": DYNAMICS_OPTIONAL,
                                                 "game": GAME_DIFF},
    "gamedyn.stability.stable_step_sizes": {"game": GAME_FIXED_DIFF, "resolution": Kind(
        st.integers(16, 40), [0, 1, -1, 2.5, None, True] + HUGE_INTS), "method": Kind(
        st.sampled_from(["simultaneous", "alternating", "extragradient"]), BAD_CHOICE)},
    "gamedyn.stability.exact_update_jacobian": {"game": GAME_FIXED_DIFF,
                                                "dynamics": GRADIENT_DYNAMICS},
    "gamedyn.stability.generic_update_jacobian": {"game": GAME_FIXED_DIFF,
                                                  "dynamics": GRADIENT_DYNAMICS},
    "gamedyn.stability.update_jacobian": {"game": GAME_FIXED_DIFF,
                                          "dynamics": GRADIENT_DYNAMICS},
    "gamedyn.stability.spectral_radius": {"game": GAME_FIXED_DIFF,
                                          "dynamics": GRADIENT_DYNAMICS},
    "gamedyn.stability.latex_eigenvalues": {"game": GAME_SYMBOLIC},
    "gamedyn.stability.symbolic_eigenvalues": {"game": GAME_SYMBOLIC},
    "gamedyn.stability.classify_flow": {"tol": TOL},
    "gamedyn.equilibria.polytope_vertices": {"M": MATRIX},
    "gamedyn.gan.jsd": {"p": TARGET, "q": TARGET},
    "gamedyn.gan.wasserstein1": {"p": TARGET, "points": Kind(st.integers(1, 500), [
        0, -1, 2.5, None, True] + HUGE_INTS)},
    "gamedyn.gan.as_target": {"name": Kind(st.just("target"), [3, None, object()])},
    "gamedyn.plot.trajectory": {"color": Kind(st.sampled_from([None, "C1", "k"]),
                                              [3, "not a color", [1, 2]])},
    "gamedyn.plot.eigenvalue_plane": {"label": Kind(st.none(), [3, object()])},
    "gamedyn.games.BimatrixGame.pure_index": {"strategy": Kind(st.integers(0, 1), [
        -1, 99, 2.5, None, "no such label", [0]])},
    "gamedyn.games.write_nfg": {"game": GAME_BIMATRIX},
    "gamedyn.gan.sample_jsd": {"p": TARGET},
    "gamedyn.gan.optimal_discriminator": {"generator": TARGET},
    "gamedyn.gan.mode_mass": {"target": Kind(st.one_of(st.none(), TARGET.good({})),
                                             TARGET.bad({}).filter(lambda v: v is not None)),
                              "samples": Kind(st.integers(10, 200),
                                              [0, -1, 2.5, None, True] + HUGE_INTS)},
    "gamedyn.gan.population_game": {
        "target": Kind(st.tuples(_floats(-3, 3), _floats(0.2, 3)), TARGET.bad({})),
        "loss": Kind(st.sampled_from(["non_saturating", "minimax"]), BAD_CHOICE)},
    "gamedyn.gan.train": {"loss": Kind(st.sampled_from(["non_saturating", "minimax"]),
                                       BAD_CHOICE),
                          "lr": Kind(st.one_of(st.none(), _floats(1e-3, 0.1)),
                                     [0.0, -0.1, math.nan, "0.1", True]),
                          "steps": Kind(st.sampled_from([(1, 1), (1, 2)]),
                                        [0, (0, 1), "1", (1,), None]),
                          "r1": Kind(st.one_of(st.none(), _floats(0, 1)),
                                     [-1.0, math.nan, "1", True]),
                          "spectral_norm": Kind(st.just(False), ["yes", None, 2, [True]]),
                          "clip": Kind(st.one_of(st.none(), _floats(0.1, 5)), BAD_POSITIVE),
                          "gradient_penalty": NONNEG},
    "gamedyn.gan.GANRun.sample": {"n": Kind(st.integers(1, 50), [0, -1, 2.5, None, True]
                                            + HUGE_INTS)},
    "gamedyn.gan.Mixture.sample": {"n": Kind(st.integers(0, 50), [-1, 2.5, "3", None, True]
                                             + HUGE_INTS)},
    "gamedyn.gan.Affine": {"size": Kind(st.just(2), [0, -1, 3, 2.5, None, True])},
    "gamedyn.gan.Quadratic": {"size": Kind(st.just(3), [0, -1, 4, 2.5, None, True])},
    "gamedyn.gan.MLP.r1_gradient": {"gamma": NONNEG},
    "gamedyn.gan.Quadratic.r1_gradient": {"gamma": NONNEG},
    "gamedyn.plot.phase_portrait": {"game": Kind(lambda ctx: st.sampled_from(
        [g for g in differentiable_games() if g.n == 2]), BAD_GAME)},
    "gamedyn.plot.animate": {
        "result": Kind(lambda ctx: st.sampled_from([*_trajectories()[:2], _trajectories()[3],
                                                    *gan_runs()]), [None, 3, object()]),
        "frames": Kind(st.sampled_from([None, 1, 2, 3]), [0, -1, 2.5, "3", 10**6]),
        "interval": Kind(_floats(1, 200), BAD_POSITIVE),
        "point": Kind(st.sampled_from([None, (0.0, 0.0)]), ["nope", [1.0], [[0.0, 0.0]]]),
        "size": Kind(_floats(1, 4), BAD_POSITIVE)},
    "gamedyn.plot.new_figure": {"size": Kind(_floats(1, 4), BAD_POSITIVE + [10**6])},
    "gamedyn.gallery.save_figure": {
        "path": Kind(_out_path(".png"), [None, 3, object()]),
        "format": Kind(st.sampled_from([None, "png", "svg", "pdf"]), ["gif", "", 3]),
        "dpi": Kind(st.integers(10, 120), [0, -1, 2.5, "3", None, True, 10**6])},
    "gamedyn.gallery.save_all": {
        "rng": SEED, "format": Kind(st.sampled_from(["png", "svg", "pdf"]), BAD_CHOICE),
        "dpi": Kind(st.integers(10, 120), [0, -1, 2.5, "3", None, True, 10**6])},
    "gamedyn.sweeps.studies.gan_convergence": {
        "lr_g": _STEP, "lr_d": _STEP, "steps": _ROUNDS, "batch": _ROUNDS,
        "rng": Kind(st.integers(1, 3).map(lambda n: tuple(np.random.SeedSequence(0).spawn(n))),
                    [0, None, (), ("x",)])},
    "gamedyn.sweeps.studies.gan_spectral_radius": {
        "lr_g": _STEP, "lr_d": _STEP, "rng": Kind(st.none())},
    "gamedyn.sweeps.studies.basins": {
        "dynamics": Kind(st.sampled_from(["best_response", "fictitious_play", "replicator",
                                          "gradient"]), ["logit", 3, None]),
        "p": _START, "q": _START, "steps": _ROUNDS, "rng": Kind(st.none()),
        "tol": Kind(_floats(1e-3, 0.5), [0, -1, np.nan, None, "x"]), "game": GAME_2X2},
    "gamedyn.sweeps.studies.basin_targets": {"game": GAME_2X2},
    "gamedyn.sweeps.studies.nash_count": {
        "n": Kind(st.integers(1, 5), [0, -1, 2.5, None, True, 11]),
        "distribution": Kind(st.sampled_from(["gaussian", "uniform"]), ["cauchy", 3, None])},
    "gamedyn.sweeps.studies.expected_nash_count": {
        "n": Kind(st.integers(1, 12), [0, -1, 2.5, None, True, 201]), "by_support": BOOL},
    "gamedyn.sweeps.sweep": {
        "function": Kind(st.just(_sweep_square), BAD_CALLABLE + [None]),
        "grid": Kind(st.sampled_from([{"x": [0.0, 1.0]}, {"x": (1, 2, 3)}, {}]),
                     [None, 3, [1.0], {"x": []}, {"x": 3}, {"x": "ab"}, {"seed": [1.0]},
                      {"y": [1.0]}, {"x": [np.nan]}, {1: [1.0]}]),
        "seeds": Kind(st.one_of(st.none(), st.integers(1, 3)),
                      [0, -1, 2.5, "3", True] + HUGE_INTS),
        "executor": Kind(st.none(), [3, "processes", object()]),
    },
}
for _name in gd.equilibria.__all__:
    OVERRIDES.setdefault(f"gamedyn.equilibria.{_name}", {}).setdefault("game", GAME_BIMATRIX)
for _model in ("MLP", "Affine", "Quadratic"):
    OVERRIDES.setdefault(f"gamedyn.gan.{_model}.init", {})["rng"] = Kind(
        st.builds(np.random.default_rng, st.integers(0, 9)), BAD_RNG)
    OVERRIDES[f"gamedyn.gan.{_model}.init"]["runs"] = Kind(
        st.sampled_from([(), (2,), (2, 2)]), [(-1,), "x", (2.5,), (10**7, 10**7)])
    # NaN and inf pass through the models on purpose (documented in gamedyn.gan.models):
    # a diverging run must reach simulate's divergence check
    for _method in ("forward", "backward", "input_gradient", "r1_gradient", "derivatives",
                    "features", "r1_features", "scale", "unpack", "input_gradient_vjp"):
        OVERRIDES.setdefault(f"gamedyn.gan.{_model}.{_method}", {}).update(
            {"x": Kind(_model_input, _FINITE_BAD_ARRAY),
             "z": Kind(_model_input, _FINITE_BAD_ARRAY),
             "params": Kind(lambda ctx: _model_params(ctx),
                            _FINITE_BAD_ARRAY + [np.zeros(99)]),
             "upstream": Kind(_upstream, _FINITE_BAD_ARRAY)})
# dynamics methods: the game must suit the receiver
_DYNAMICS_METHOD_PARAMS = {"game": GAME_FOR_SELF, "z0": STATE, "z": STATE, "state": DYN_STATE,
                           "point": POINT,
                           "rng": RNG, "t": T_ROUND}
for _cls in DYNAMICS_CLASSES:
    for _method in ("init", "step", "check_game", "state_dim", "check_start", "flow_field",
                    "rates", "step_sizes", "linearization", "with_lr"):
        OVERRIDES[f"gamedyn.dynamics.{_cls}.{_method}"] = dict(_DYNAMICS_METHOD_PARAMS)
# methods without a continuous-time limit refuse every game in flow_field: no "bad" game
for _cls in ("Alternating", "Optimistic", "Extragradient", "Momentum", "Adam", "RMSProp",
             "ProximalPoint", "BestResponse", "FictitiousPlay", "RegretMatching",
             "RegretMatchingPlus", "FTRL"):
    OVERRIDES[f"gamedyn.dynamics.{_cls}.flow_field"].update(
        game=Kind(_game_for_self), z=Kind(lambda ctx: _start(ctx)))
# best-response dynamics are piecewise constant: linearization refuses every call with a
# TypeError (documented), so there is no "bad" game or point to tell apart
# so are the regret-based methods and stochastic fictitious play (a state that grows, a
# step that changes with the round)
for _cls in ("BestResponse", "FictitiousPlay", "RegretMatching", "RegretMatchingPlus", "FTRL",
             "StochasticFictitiousPlay"):
    OVERRIDES[f"gamedyn.dynamics.{_cls}.linearization"].update(
        game=Kind(_game_for_self), point=Kind(lambda ctx: _point(ctx)))
# a deterministic game draws nothing and leaves `rng` untouched (documented): every value
# is accepted, so no "bad" pool
OVERRIDES["gamedyn.games.DifferentiableGame.draw"] = {
    "rng": Kind(RNG.good), "batch_shape": Kind(st.sampled_from([(), (2,), (2, 3)])),
    "auxiliary": Kind(st.none())}  # its init_auxiliary is None: there is none to pass
# `field_unchecked` is the field "without validation" (documented): good inputs only
# (and so are `jacobian_unchecked` and `partial_field`, the hot path of every rule)
for _owner in ("gamedyn.games.DifferentiableGame", "gamedyn.gan.GANGame"):
    for _method in ("field_unchecked", "jacobian_unchecked", "partial_field"):
        OVERRIDES.setdefault(f"{_owner}.{_method}", {})["z"] = Kind(
            lambda ctx: _start(ctx).map(lambda z, ctx=ctx: _valid_for(ctx, z)))
    # NaN and inf pass through projection and splitting on purpose (documented): a
    # diverging state must reach simulate's divergence check
    for _method in ("project", "split"):
        OVERRIDES.setdefault(f"{_owner}.{_method}", {})["z"] = Kind(
            lambda ctx: _start(ctx),
            lambda ctx: _bad_state(ctx).filter(lambda v: not _nonfinite(v)))


@st.composite
def _symbolic_form(draw):
    return draw(st.sampled_from(symbolic_games())).symbolic


@st.composite
def _analysis(draw):
    game = draw(st.sampled_from([gd.games.bilinear(), gd.games.dirac_gan(),
                                 gd.games.stag_hunt()]))
    point = (([0.5, 0.5], [0.5, 0.5]) if isinstance(game, gd.BimatrixGame)
             else game.equilibrium())
    dynamics = draw(st.sampled_from([None, gd.dynamics.Simultaneous(0.1),
                                     gd.dynamics.Extragradient(0.3)]))
    if isinstance(game, gd.BimatrixGame):
        dynamics = None
    return gd.stability.analyze(game, point, dynamics)


@cache
def _trajectories() -> list:
    return [gd.simulate(gd.games.bilinear(), gd.dynamics.Simultaneous(0.1), [1.0, 0.0], 20),
            gd.simulate(gd.games.bilinear(), gd.dynamics.Simultaneous(2.0),
                        [[1.0, 0.0], [0.0, 0.0]], 200, bound=10.0),
            gd.simulate(gd.games.pigs(), gd.dynamics.FictitiousPlay(),
                        [0.5, 0.5, 0.5, 0.5], 10),
            gd.flow(gd.games.bilinear(), [1.0, 0.0], (0.0, 1.0))]


@cache
def _step_regions() -> list:
    return [gd.stability.stable_step_sizes(gd.games.dirac_gan(r1=0.5), [0.0, 0.0]),
            gd.stability.stable_step_sizes(gd.games.bilinear(), [0.0, 0.0], "extragradient")]


def _dynamics_instances(name: str):
    pool = gradient_dynamics() + matrix_dynamics()
    return st.sampled_from([d for d in pool if type(d).__name__ == name])


#: class -> strategy of good receivers for its methods and properties
INSTANCES: dict[str, Any] = {
    "gamedyn.games.BimatrixGame": lambda: st.sampled_from(bimatrix_games()),
    "gamedyn.games.DifferentiableGame": lambda: st.sampled_from(differentiable_games()),
    "gamedyn.games.Box": lambda: st.sampled_from([gd.games.Box([-1.0, 0.0], [1.0, np.inf]),
                                                  gd.games.Box([-np.inf, -0.5],
                                                               [np.inf, 0.5])]),
    "gamedyn.games.SimplexProduct": lambda: st.builds(gd.games.SimplexProduct,
                                                      st.integers(2, 4), st.integers(2, 4)),
    "gamedyn.games.SymbolicForm": lambda: _symbolic_form(),
    "gamedyn.dynamics.Trajectory": lambda: st.sampled_from(_trajectories()),
    "gamedyn.dynamics.Constant": lambda: st.builds(gd.dynamics.constant, _floats(0.01, 1)),
    "gamedyn.dynamics.InverseTime": lambda: st.builds(gd.dynamics.inverse_time,
                                                      _floats(0.01, 1), _floats(0, 2)),
    "gamedyn.dynamics.FromCallable": lambda: st.just(gd.dynamics.FromCallable(
        lambda t: 0.1)),
    "gamedyn.stability.StabilityReport": lambda: _analysis(),
    "gamedyn.stability.StepSizeRegion": lambda: st.sampled_from(_step_regions()),
    "gamedyn.gan.Mixture": lambda: TARGET.good({}).map(gd.gan.as_target),
    "gamedyn.gan.GANRun": lambda: st.sampled_from(gan_runs()),
    "gamedyn.gan.MLP": lambda: st.sampled_from([m for m in models() if type(m).__name__
                                                == "MLP"]),
    "gamedyn.gan.Affine": lambda: st.sampled_from([m for m in models() if type(m).__name__
                                                   == "Affine"]),
    "gamedyn.gan.Quadratic": lambda: st.sampled_from([m for m in models() if type(m).__name__
                                                      == "Quadratic"]),
    "gamedyn.Status": lambda: st.sampled_from(list(gd.Status)),
    "gamedyn.equilibria.DoubleOracleResult": lambda: st.sampled_from([
        gd.equilibria.double_oracle(gd.games.rock_paper_scissors()),
        gd.equilibria.double_oracle(gd.games.matching_pennies(), max_iterations=1)]),
    "gamedyn.equilibria.EquilibriumSet": lambda: st.sampled_from(bimatrix_games()[:9]).map(
        gd.equilibria.all_nash),
}
if hasattr(gd.equilibria, "iterated_elimination"):  # eq branch
    INSTANCES["gamedyn.equilibria.IteratedElimination"] = lambda: st.sampled_from(
        bimatrix_games()[:9]).map(gd.equilibria.iterated_elimination)
for _cls in DYNAMICS_CLASSES:
    INSTANCES[f"gamedyn.dynamics.{_cls}"] = (lambda name=_cls: _dynamics_instances(name))
if hasattr(gd.gan, "GANGame"):  # the sample-based GAN game (gan branch)
    INSTANCES["gamedyn.gan.GANGame"] = lambda: st.sampled_from(_gan_games())
    for _method in ("field", "jacobian", "partial_field"):  # noise: a minibatch of draw()
        OVERRIDES.setdefault(f"gamedyn.gan.GANGame.{_method}", {})["noise"] = Kind(
            lambda ctx: _noise(ctx), [3, "noise", object()])
    OVERRIDES["gamedyn.gan.GANGame.discriminator_view"] = {
        "params_d": Kind(lambda ctx: st.just(np.full((2, ctx["self"].n2), 0.3)),
                         [None, "abc", np.zeros(99), object()])}
    # the power iteration's vectors of a game with spectral normalization, or None
    OVERRIDES["gamedyn.gan.GANGame.draw"] = {
        "auxiliary": Kind(lambda ctx: _auxiliary(ctx), [3, "u", np.zeros(99), object()])}
    OVERRIDES["gamedyn.gan.GANGame"] = {
        "generator": Kind(st.sampled_from([None, gd.gan.Affine(log_scale=True)]),
                          ["affine?", 3, object()]),
        "discriminator": Kind(st.sampled_from([None, gd.gan.Quadratic(), gd.gan.MLP(4)]),
                              ["quadratic?", 3, object()]),
        "loss": Kind(st.sampled_from(["non_saturating", "minimax", "wasserstein"]),
                     BAD_CHOICE),
        "spectral_norm": BOOL,
        "clip": Kind(st.one_of(st.none(), _floats(0.1, 5)), BAD_POSITIVE),
        "gradient_penalty": NONNEG,
        "batch_size": Kind(st.integers(2, 64), [0, -1, 2.5, None, True] + HUGE_INTS),
        "eval_size": Kind(st.integers(2, 64), [0, -1, 2.5, None, True] + HUGE_INTS)}


def _valid_for(ctx: dict, z: np.ndarray) -> np.ndarray:
    """A good state for the unchecked evaluations: with spectral normalization no weight
    matrix may be zero (W / sigma(W) is undefined there, and the checked evaluations
    refuse it by name), so zero entries are moved off zero."""
    if getattr(ctx.get("self"), "spectral_norm", False):
        return np.where(z == 0, 0.25, z)
    return z


@cache
def _results() -> tuple[list, list]:
    """Trajectories and step-size regions to draw (made once; GAN runs: gan_runs)."""
    trajectories = [
        gd.simulate(gd.games.bilinear(), "extragradient", [1.0, 0.0], 5),
        gd.simulate(gd.games.bilinear(np.eye(2)), gd.dynamics.Simultaneous(0.1),
                    [[1, 0, 0, 1.0]], 3)]
    regions = [gd.stability.stable_step_sizes(gd.games.dirac_gan(r1=1.0), [0, 0]),
               gd.stability.stable_step_sizes(gd.games.dirac_gan(r1=1.0), [0, 0],
                                              two_timescale=True, resolution=16)]
    return trajectories, regions


@cache
def _gan_games() -> list:
    return [gd.gan.GANGame((1.0, 0.5), batch_size=16, eval_size=64, rng=0),
            gd.gan.GANGame((0.0, 1.0), discriminator=gd.gan.MLP(4), batch_size=8,
                           eval_size=32, rng=1),
            gd.gan.GANGame((0.0, 1.0), discriminator=gd.gan.MLP(4), loss="wasserstein",
                           spectral_norm=True, clip=2.0, gradient_penalty=1.0,
                           instance_noise=0.1, batch_size=8, eval_size=32, rng=2)]


def _auxiliary(ctx: dict):
    """None, or for a game with spectral normalization its vectors at some starts of the
    batch shape drawn before."""
    game, shape = ctx.get("self"), _ok(ctx, "batch_shape")
    if not getattr(game, "spectral_norm", False) or not isinstance(shape, tuple):
        return st.none()
    start = np.full(shape + (game.n,), 0.3)
    return st.one_of(st.none(), st.just(game.init_auxiliary(start)))

#: constructors that users do not call (results, states, abstract bases, warnings):
#: their methods and properties are still covered
NOT_CONSTRUCTED_BY_USERS = {
    "gamedyn.Status": "an Enum: members are looked up, not built",
    "gamedyn.dynamics.Dynamics": "abstract base; covered through each concrete dynamics",
    "gamedyn.dynamics.GradientDynamics": "abstract base; covered through each subclass",
    "gamedyn.dynamics.MatrixDynamics": "abstract base; covered through each subclass",
    "gamedyn.dynamics.Schedule": "abstract base; covered through Constant, InverseTime, ...",
    "gamedyn.dynamics.GradientState": "a dynamics' state, made by init()",
    "gamedyn.dynamics.OptimisticState": "a dynamics' state, made by init()",
    "gamedyn.dynamics.MomentumState": "a dynamics' state, made by init()",
    "gamedyn.dynamics.AdamState": "a dynamics' state, made by init()",
    "gamedyn.dynamics.FictitiousPlayState": "a dynamics' state, made by init()",
    "gamedyn.dynamics.RegretState": "a dynamics' state, made by init()",
    "gamedyn.dynamics.Trajectory": "a result, made by simulate() and flow()",
    "gamedyn.stability.StabilityReport": "a result, made by analyze()",
    "gamedyn.stability.StepSizeRegion": "a result, made by stable_step_sizes()",
    "gamedyn.equilibria.EquilibriumSet": "a result, made by all_nash()",
    "gamedyn.equilibria.ZeroSumSolution": "a result, made by zero_sum()",
    "gamedyn.equilibria.DoubleOracleResult": "a result, made by double_oracle()",
    "gamedyn.games.SymbolicForm": "made by from_sympy()",
    "gamedyn.gan.GANRun": "a result, made by train()",
    "gamedyn.equilibria.IteratedElimination": "a result, made by iterated_elimination()",
    "gamedyn.gan.DiscriminatorTooStrongWarning": "a warning class",
    "gamedyn.stability.LocalConcepts": "a result, made by analyze()",
    "gamedyn.interactive.Explorer": "made by explore()",
}
# ----------------------------------------------------------------------------- explorer
def _explorer_games() -> list:
    return [None, *gd.interactive.CATALOGUE, gd.games.bilinear(2.0),
            gd.games.stag_hunt(), gd.games.dirac_gan(r1=0.5)]


def _control(key: str) -> Kind:
    """An optional initial value of an explorer control, within the control's range."""
    _, low, high, _ = gd.interactive.CONTROLS[key]
    return Kind(st.one_of(st.none(), _floats(low, high)),
                [low - 1.0, high + 1.0] + [v for v in BAD_REAL if v is not None])


OVERRIDES["gamedyn.interactive.explore"] = {
    "game": Kind(lambda ctx: st.sampled_from(_explorer_games()),
                 ["pigs", "", 3, np.eye(2), object()]),
    "dynamics": Kind(st.one_of(st.none(), st.sampled_from(list(gd.dynamics.REGISTRY)),
                               st.sampled_from([gd.dynamics.Momentum(0.2, beta=-0.3),
                                                gd.dynamics.Alternating(0.5, first=2)])),
                     ["no such name", "", 3, gd.dynamics.Simultaneous, object(), 0.1]),
    "point": Kind(st.none(), ["abc", [math.nan, 0.0], [[1.0, 2.0], [3.0]], object()]),
    "starts": Kind(st.none(), ["abc", [[math.nan, 0.0]], [1.0] * 7, object()]),
    "steps": Kind(st.integers(1, 40), [0, -1, 2.5, "3", None, True] + HUGE_INTS),
    "r1": Kind(_floats(0.0, 5.0), [-1.0, 6.0] + BAD_REAL),
    **{key: _control(key) for key in ("lr", "timescale", "momentum", "regularization",
                                      "temperature")},
}
INSTANCES["gamedyn.interactive.Explorer"] = lambda: st.sampled_from(_explorers())


@cache
def _explorers() -> list:
    return [gd.interactive.explore(steps=5),
            gd.interactive.explore("matching_pennies", "regret_matching", steps=5)]


#: the methods of a dynamics that users call (the protocol of DESIGN.md: init, step,
#: and the continuous-time field); the others are hooks for authors of new methods
#: (check_game, state_dim, check_start, rates, step_sizes, update, gradient, block, ...)
#: and are exercised through these and through simulate
DYNAMICS_USER_METHODS = {"init", "step", "flow_field", "linearization", "with_lr"}


#: helpers exported for authors of new methods (dyn branch), not for users
AUTHOR_TOOLS = ("gamedyn.dynamics.Block", "gamedyn.dynamics.PerRun")


def OUT_OF_SCOPE(item) -> bool:  # noqa: N802 - a predicate used like a table
    """Whether a public callable is deliberately not fuzzed: hooks of a dynamics (see
    DYNAMICS_USER_METHODS), authors' tools, and the constructors of state tuples."""
    owner = getattr(item, "owner", None)
    if item.name in AUTHOR_TOOLS or item.name.startswith(tuple(t + "." for t in
                                                               AUTHOR_TOOLS)):
        return True
    if (item.kind == "constructor" and isinstance(item.obj, type)
            and issubclass(item.obj, tuple) and item.obj.__name__.endswith("State")):
        return True  # a dynamics' state (a NamedTuple), made by init()
    return (owner is not None and issubclass(owner, gd.dynamics.Dynamics)
            and item.name.rsplit(".", 1)[1] not in DYNAMICS_USER_METHODS)


#: methods of abstract bases (covered on every concrete subclass instead)
ABSTRACT_OWNERS = ("gamedyn.dynamics.Dynamics.", "gamedyn.dynamics.GradientDynamics.",
                   "gamedyn.dynamics.MatrixDynamics.", "gamedyn.dynamics.Schedule.")

#: parameters always passed (their defaults make no call on their own)
REQUIRED = {"gamedyn.games.from_sympy": {"v", "minimize", "maximize"},
            "gamedyn.gallery.save_all": {"only", "quick"}}

import inspect as _inspect  # noqa: E402

if "k" in _inspect.signature(gd.gan.train).parameters:  # gan branch: steps = rounds
    REQUIRED["gamedyn.gan.train"] = {"steps"}
    OVERRIDES["gamedyn.gan.train"]["steps"] = Kind(st.integers(1, 20), [0, -1, 2.5, None,
                                                                         True] + HUGE_INTS)
    OVERRIDES["gamedyn.gan.train"]["k"] = Kind(st.sampled_from([None, (1, 1), (1, 2)]),
                                                [0, (0, 1), "1", (1,)])
else:  # here: n_steps = rounds, steps = updates per round
    REQUIRED["gamedyn.gan.train"] = {"n_steps"}

if "dynamics" in _inspect.signature(gd.gan.train).parameters:
    def _unless_dynamics(kind: Kind) -> Kind:
        """With ``dynamics`` given, ``order``, ``optimizer``, ``lr`` and ``k`` must be
        left out (train's docstring): None then, else None or a good value."""
        def good(ctx):
            if _ok(ctx, "dynamics") is not None:
                return st.none()
            return st.one_of(st.none(), kind.good(ctx))
        return Kind(good, None if kind.bad is None else (
            lambda ctx: kind.bad(ctx).filter(lambda v: v is not None)))

    _TRAIN = OVERRIDES["gamedyn.gan.train"]
    _TRAIN["dynamics"] = Kind(st.sampled_from(
        [None, "simultaneous", "alternating", "adam", gd.dynamics.Optimistic(0.01),
         gd.dynamics.Extragradient(0.01)]), ["no such name", "", 3, object(), 0.1])
    for _name in ("order", "optimizer", "lr", "k"):
        _TRAIN[_name] = _unless_dynamics(_TRAIN.get(_name) or PARAMETERS[_name])


def is_deprecated_alias(parameter) -> bool:
    """A parameter whose default is a bare ``object()`` sentinel is a deprecated alias
    (it warns when given): the suite does not pass it."""
    return type(parameter.default) is object

#: callables whose results may hold non-finite numbers, and why (documented)
NONFINITE_OK = {
    "gamedyn.gan.GANGame.jacobian_unchecked": "NaN where the game is undefined: with "
                                              "spectral normalization at a zero weight "
                                              "matrix (documented in gamedyn.gan.spectral)",
    "gamedyn.sweeps.studies.gan_convergence": "jsd is NaN for a diverged run (documented)",
    "gamedyn.gan.Mixture.quantile": "-inf at u = 0 and +inf at u = 1 (documented)",
    "gamedyn.gan.Mixture.logpdf": "-inf where the density underflows",
    "gamedyn.dynamics.Trajectory.final": "a diverged start keeps its last state",
    "gamedyn.stability.StepSizeRegion.contains": "a bool",
    "gamedyn.stability.stable_step_sizes": "a region's spectral radius grid may hold inf",
    "gamedyn.stability.attracting_timescales": "the last interval may end at inf "
                                               "(documented)",
    "gamedyn.stability.critical_timescale": "inf when no time scale makes the flow "
                                            "attracting (documented)",
    "gamedyn.stability.find_stationary_points": "a report's critical time scale may be inf",
    "gamedyn.stability.analyze": "a report's critical time scale may be inf (documented)",
    "gamedyn.dynamics.Optimistic.init": "the memory holds xi(z0), which overflows for huge "
                                        "z0; simulate then reports the start diverged",
    "gamedyn.dynamics.GeneralizedOptimistic.init": "as Optimistic.init",
    "gamedyn.games.Box": "an unbounded side is an infinite bound (documented)",
    "gamedyn.games.Box.project": "NaN and inf pass through (documented), as for "
                                 "SimplexProduct.project",
    "gamedyn.games.dirac_gan": "a clipped WGAN's domain is Box([-inf, -c], [inf, c])",
}

#: callables that read or write files: an OSError (with the file name) is a clear error
FILE_IO = {"gamedyn.games.read_nfg", "gamedyn.games.write_nfg", "gamedyn.gallery.save_all",
           "gamedyn.gallery.save_figure"}

#: callables slower than a millisecond or so: fewer examples
SLOW = {"gamedyn.gan.train": 4, "gamedyn.gallery.save_all": 2, "gamedyn.cli.main": 6,
        "gamedyn.sweeps.sweep": 10, "gamedyn.sweeps.studies.gan_convergence": 5,
        "gamedyn.gallery.save_figure": 3, "gamedyn.stability.find_stationary_points": 5,
        "gamedyn.games.landscape": 2, "gamedyn.gan.mode_mass": 5, "gamedyn.dynamics.flow": 8,
        "gamedyn.plot.phase_portrait": 4, "gamedyn.plot.new_figure": 4,
        "gamedyn.plot.simplex_axes": 4, "gamedyn.plot.trajectory": 4,
        "gamedyn.plot.eigenvalue_plane": 4, "gamedyn.games.from_sympy": 6,
        "gamedyn.stability.symbolic_eigenvalues": 4, "gamedyn.stability.latex_eigenvalues": 4,
        "gamedyn.games.SymbolicForm.jacobian_at": 4, "gamedyn.games.SymbolicForm.eigenvalues_at":
        4, "gamedyn.games.SymbolicForm.latex_jacobian": 4}
SLOW["gamedyn.interactive.explore"] = 8  # each call runs, analyzes and draws


def kind_for(callable_name: str, parameter: str) -> Kind | None:
    if parameter in OVERRIDES.get(callable_name, {}):
        return OVERRIDES[callable_name][parameter]
    return PARAMETERS.get(parameter)
