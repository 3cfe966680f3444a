"""Gambit .nfg payoffs are exact rationals: read_nfg keeps them, write_nfg writes them."""

from fractions import Fraction

import gamedyn as gd

TEXT = 'NFG 1 R "t" { "1" "2" } { 2 2 }\n1/3 3 5 0 0.1 5 1 -7/9\n'


def test_read_nfg_keeps_exact_payoffs():
    game = gd.games.read_nfg(TEXT)
    A, B = game.exact_payoffs()
    # contingencies with player 1's strategy fastest: (0,0) (1,0) (0,1) (1,1)
    assert A.tolist() == [[Fraction(1, 3), Fraction(1, 10)], [5, 1]]
    assert B.tolist() == [[3, 5], [0, Fraction(-7, 9)]]
    assert game.has_exact_payoffs and game.A[0, 1] == 0.1


def test_write_nfg_of_an_exact_game_round_trips_exactly():
    tiny = Fraction(1, 3) + Fraction(1, 10**30)  # not representable as a double
    game = gd.BimatrixGame([[tiny, 1]], [[0, "2/7"]])
    back = gd.games.read_nfg(gd.games.write_nfg(game))
    assert back == game
    assert back.exact_payoffs()[0][0, 0] == tiny
