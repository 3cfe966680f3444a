"""The classic bimatrix games used in teaching, each with its equilibria and a source.

Every game here is a :class:`~gamedyn.games.bimatrix.BimatrixGame`; player 1 picks the
row and player 2 the column, both maximize. The equilibria in the docstrings are
reproduced exactly by the test suite against a reference computed with Gambit.
"""

from __future__ import annotations

from gamedyn._validation import check_real
from gamedyn.games.bimatrix import BimatrixGame

__all__ = [
    "stag_hunt",
    "pigs",
    "prisoners_dilemma",
    "matching_pennies",
    "battle_of_the_sexes",
    "chicken",
    "hawk_dove",
    "rock_paper_scissors",
    "shapley",
    "CATALOGUE",
]


def stag_hunt() -> BimatrixGame:
    """Stag Hunt: A = [[4, 1], [3, 2]], symmetric (B = A.T); strategies (Stag, Hare).

    Equilibria: (Stag, Stag) payoff-dominant, (Hare, Hare) risk-dominant, and the mixed
    one p = q = (1/2, 1/2). In the mixed extension with a = P(Stag), b = P(Stag) the
    field is (2b - 1, 2a - 1).

    Returns
    -------
    BimatrixGame
        The Stag Hunt, strategies labelled (Stag, Hare) for both players.

    References
    ----------
    Skyrms, B. (2004). *The Stag Hunt and the Evolution of Social Structure*. CUP.

    Examples
    --------
    >>> from gamedyn.games import stag_hunt
    >>> from gamedyn.equilibria import all_nash, pure_nash
    >>> game = stag_hunt()
    >>> pure_nash(game)                  # (Stag, Stag) and (Hare, Hare)
    [(0, 0), (1, 1)]
    >>> [str(share) for share in all_nash(game, exact=True)[1][0]]
    ['1/2', '1/2']
    """
    A = [[4, 1], [3, 2]]
    B = [[4, 3], [1, 2]]
    return BimatrixGame(A, B, name="Stag Hunt", row_labels=("Stag", "Hare"),
                        col_labels=("Stag", "Hare"))


def pigs() -> BimatrixGame:
    """The Pigs game (boxed pigs): big pig chooses rows, little pig columns, (Press, Wait).

    Row payoffs [[4, 2], [6, 0]], column payoffs [[2, 3], [-1, 0]]. Waiting strictly
    dominates pressing for the little pig, so the unique equilibrium is (Press, Wait):
    the big pig presses, the little pig waits (row 0, column 1).

    Returns
    -------
    BimatrixGame
        The boxed pigs game, strategies labelled (Press, Wait) for both players.

    References
    ----------
    Rasmusen, E. (2007). *Games and Information*, 4th ed., Table 4.2 ("Boxed Pigs");
    Baldwin & Meese (1979), Animal Behaviour 27, 963-966.

    Examples
    --------
    >>> from gamedyn.games import pigs
    >>> from gamedyn.equilibria import pure_nash
    >>> pure_nash(pigs())                # big pig presses, little pig waits
    [(0, 1)]
    """
    A = [[4, 2], [6, 0]]
    B = [[2, 3], [-1, 0]]
    return BimatrixGame(A, B, name="Pigs", row_labels=("Press", "Wait"),
                        col_labels=("Press", "Wait"))


def prisoners_dilemma() -> BimatrixGame:
    """Return the Prisoner's Dilemma with R=3, S=0, T=5, P=1; strategies (Cooperate, Defect).

    Defection strictly dominates, so the unique equilibrium is (Defect, Defect).

    Returns
    -------
    BimatrixGame
        The Prisoner's Dilemma, labelled (Cooperate, Defect) for both players.

    References
    ----------
    Axelrod, R. (1984). *The Evolution of Cooperation*. Basic Books.

    Examples
    --------
    >>> from gamedyn.games import prisoners_dilemma
    >>> from gamedyn.equilibria import pure_nash
    >>> pure_nash(prisoners_dilemma())   # (Defect, Defect)
    [(1, 1)]
    """
    A = [[3, 0], [5, 1]]
    return BimatrixGame(A, [[3, 5], [0, 1]], name="Prisoner's Dilemma",
                        row_labels=("Cooperate", "Defect"), col_labels=("Cooperate", "Defect"))


def matching_pennies() -> BimatrixGame:
    """Matching Pennies, zero-sum: A = [[1, -1], [-1, 1]]; strategies (Heads, Tails).

    The unique equilibrium is p = q = (1/2, 1/2), value 0; the mixed extension's
    Jacobian at it, in reduced coordinates (p0, q0), is [[0, 4], [-4, 0]] with
    eigenvalues +-4i (pure rotation).

    Returns
    -------
    BimatrixGame
        Matching Pennies (zero-sum, ``B = -A``), labelled (Heads, Tails).

    References
    ----------
    von Neumann, J. & Morgenstern, O. (1944). *Theory of Games and Economic Behavior*.

    Examples
    --------
    >>> from gamedyn.games import matching_pennies
    >>> from gamedyn.equilibria import zero_sum
    >>> solution = zero_sum(matching_pennies())
    >>> solution.p.tolist(), solution.q.tolist(), float(solution.value)
    ([0.5, 0.5], [0.5, 0.5], 0.0)
    """
    return BimatrixGame([[1, -1], [-1, 1]], name="Matching Pennies",
                        row_labels=("Heads", "Tails"), col_labels=("Heads", "Tails"))


def battle_of_the_sexes() -> BimatrixGame:
    """Battle of the Sexes: A = [[3, 0], [0, 2]], B = [[2, 0], [0, 3]].

    Equilibria: (row 0, col 0), (row 1, col 1) and the mixed p = (3/5, 2/5),
    q = (2/5, 3/5).

    Returns
    -------
    BimatrixGame
        The Battle of the Sexes, labelled (Opera, Football) for both players.

    References
    ----------
    Luce, R. D. & Raiffa, H. (1957). *Games and Decisions*. Wiley.

    Examples
    --------
    >>> from gamedyn.games import battle_of_the_sexes
    >>> from gamedyn.equilibria import all_nash
    >>> [[str(share) for share in [*p, *q]] for p, q in all_nash(battle_of_the_sexes(), exact=True)]
    [['1', '0', '1', '0'], ['3/5', '2/5', '2/5', '3/5'], ['0', '1', '0', '1']]
    """
    return BimatrixGame([[3, 0], [0, 2]], [[2, 0], [0, 3]], name="Battle of the Sexes",
                        row_labels=("Opera", "Football"), col_labels=("Opera", "Football"))


def chicken() -> BimatrixGame:
    """Chicken: A = [[0, -1], [1, -10]], symmetric; strategies (Swerve, Straight).

    Equilibria: (Straight, Swerve), (Swerve, Straight) and the mixed
    p = q = (9/10, 1/10).

    Returns
    -------
    BimatrixGame
        Chicken, labelled (Swerve, Straight) for both players.

    References
    ----------
    Rapoport, A. & Chammah, A. M. (1966). The game of Chicken. *American Behavioral
    Scientist* 10(3), 10-28.

    Examples
    --------
    >>> from gamedyn.games import chicken
    >>> from gamedyn.equilibria import pure_nash
    >>> pure_nash(chicken())             # one swerves, the other goes straight
    [(0, 1), (1, 0)]
    """
    return BimatrixGame([[0, -1], [1, -10]], [[0, 1], [-1, -10]], name="Chicken",
                        row_labels=("Swerve", "Straight"), col_labels=("Swerve", "Straight"))


def hawk_dove(value: float = 4.0, cost: float = 6.0) -> BimatrixGame:
    """Hawk-Dove: A = [[(V - C)/2, V], [0, V/2]], symmetric; strategies (Hawk, Dove).

    For C > V > 0 the equilibria are the two asymmetric pure ones and the mixed
    p = q = (V/C, 1 - V/C) (the evolutionarily stable state).

    Parameters
    ----------
    value, cost : float
        The resource's value ``V`` and the cost of a fight ``C`` (finite; any sign is a
        game, the classic case is ``C > V > 0``).

    Returns
    -------
    BimatrixGame
        Hawk-Dove with these ``V`` and ``C``, labelled (Hawk, Dove) for both players.

    Raises
    ------
    TypeError, ValueError
        If ``value`` or ``cost`` is not a finite real number.

    References
    ----------
    Maynard Smith, J. & Price, G. R. (1973). The logic of animal conflict. *Nature* 246.

    Examples
    --------
    >>> from gamedyn.games import hawk_dove
    >>> from gamedyn.equilibria import all_nash
    >>> p, q = all_nash(hawk_dove(4, 6), exact=True)[1]
    >>> [str(share) for share in p]      # (V/C, 1 - V/C)
    ['2/3', '1/3']
    """
    value, cost = check_real(value, "value"), check_real(cost, "cost")
    if max(abs(value), abs(cost)) > 1e300:
        raise ValueError(f"`value` and `cost` must be at most 1e300 in magnitude (payoffs "
                         f"are their half-sums); got value={value:g}, cost={cost:g}.")
    A = [[(value - cost) / 2, value], [0.0, value / 2]]
    B = [[A[0][0], A[1][0]], [A[0][1], A[1][1]]]
    return BimatrixGame(A, B, name=f"Hawk-Dove (V={value:g}, C={cost:g})",
                        row_labels=("Hawk", "Dove"), col_labels=("Hawk", "Dove"))


def rock_paper_scissors() -> BimatrixGame:
    """Rock-Paper-Scissors, zero-sum: A = [[0, -1, 1], [1, 0, -1], [-1, 1, 0]].

    The unique equilibrium is uniform play (1/3, 1/3, 1/3) for both, value 0.
    The replicator flow conserves the product of each player's shares and circles it.

    Returns
    -------
    BimatrixGame
        Rock-Paper-Scissors (zero-sum), labelled (Rock, Paper, Scissors).

    References
    ----------
    Hofbauer, J. & Sigmund, K. (1998). *Evolutionary Games and Population Dynamics*. CUP.

    Examples
    --------
    >>> from gamedyn.games import rock_paper_scissors
    >>> from gamedyn.equilibria import zero_sum
    >>> zero_sum(rock_paper_scissors()).p.round(12).tolist()
    [0.333333333333, 0.333333333333, 0.333333333333]
    """
    A = [[0, -1, 1], [1, 0, -1], [-1, 1, 0]]
    labels = ("Rock", "Paper", "Scissors")
    return BimatrixGame(A, name="Rock-Paper-Scissors", row_labels=labels, col_labels=labels)


def shapley() -> BimatrixGame:
    """Return Shapley's 3x3 game: A = I, B = [[0, 1, 0], [0, 0, 1], [1, 0, 0]].

    The unique equilibrium is uniform play for both; fictitious play from a generic
    start does not converge to it but cycles through the six off-diagonal cells with
    geometrically growing period.

    Returns
    -------
    BimatrixGame
        Shapley's game (strategies unlabelled).

    References
    ----------
    Shapley, L. S. (1964). Some topics in two-person games. In *Advances in Game
    Theory*, Annals of Mathematics Studies 52, 1-28.

    Examples
    --------
    >>> from gamedyn.games import shapley
    >>> from gamedyn.equilibria import all_nash
    >>> [str(share) for share in all_nash(shapley(), exact=True)[0][0]]
    ['1/3', '1/3', '1/3']
    """
    A = [[1, 0, 0], [0, 1, 0], [0, 0, 1]]
    B = [[0, 1, 0], [0, 0, 1], [1, 0, 0]]
    return BimatrixGame(A, B, name="Shapley's game")


#: Name -> constructor of every catalogue game (names as accepted by the CLI).
CATALOGUE = {
    "stag_hunt": stag_hunt,
    "pigs": pigs,
    "prisoners_dilemma": prisoners_dilemma,
    "matching_pennies": matching_pennies,
    "battle_of_the_sexes": battle_of_the_sexes,
    "chicken": chicken,
    "hawk_dove": hawk_dove,
    "rock_paper_scissors": rock_paper_scissors,
    "shapley": shapley,
}
