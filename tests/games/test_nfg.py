"""Gambit .nfg files: the documented samples, round trips, and pygambit both ways.

Format: Gambit documentation, "The strategic game (.nfg) file format", payoff and outcome
versions; contingencies are listed with player 1's strategy varying fastest.
"""

import io
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import gamedyn as gd
from gamedyn.games.nfg import read_nfg, write_nfg

# e02.nfg from the Gambit documentation, in both versions (same game)
SELTEN_PAYOFF_FORM = """NFG 1 R "Selten (IJGT, 75), Figure 2, normal form"
{ "Player 1" "Player 2" } { 3 2 }

1 1 0 2 0 2 1 1 0 3 2 0
"""
SELTEN_OUTCOME_FORM = """NFG 1 R "Selten (IJGT, 75), Figure 2, normal form"
{ "Player 1" "Player 2" }

{
{ "1" "2" "3" }
{ "1" "2" }
}

{
{ "" 1, 1 }
{ "" 0, 2 }
{ "" 0, 2 }
{ "" 1, 1 }
{ "" 0, 3 }
{ "" 2, 0 }
}
1 2 3 4 5 6
"""
# contingencies (1,1) (2,1) (3,1) (1,2) (2,2) (3,2) pay (1,1) (0,2) (0,2) (1,1) (0,3) (2,0)
SELTEN_A = [[1, 1], [0, 0], [0, 2]]
SELTEN_B = [[1, 1], [2, 3], [2, 0]]


@pytest.mark.parametrize("text", [SELTEN_PAYOFF_FORM, SELTEN_OUTCOME_FORM])
def test_documented_samples_by_hand(text):
    game = read_nfg(text)
    np.testing.assert_array_equal(game.A, SELTEN_A)
    np.testing.assert_array_equal(game.B, SELTEN_B)
    assert game.name == "Selten (IJGT, 75), Figure 2, normal form"


def test_strategy_names_become_labels_and_counts_give_defaults():
    assert read_nfg(SELTEN_OUTCOME_FORM).row_labels == ("1", "2", "3")
    assert read_nfg(SELTEN_OUTCOME_FORM).col_labels == ("1", "2")
    assert read_nfg(SELTEN_PAYOFF_FORM).row_labels == ("r0", "r1", "r2")


def test_null_outcome_rationals_decimals_and_comment():
    text = ('NFG 1 R "" { "a" "b" } { { "x" "y" } { "z" } }\n"a comment"\n'
            '{ { "o1" 3/2, .5 } { "o2" -1e-3 2 } }\n0 2')
    game = read_nfg(text)
    np.testing.assert_array_equal(game.A, [[0], [-0.001]])
    np.testing.assert_array_equal(game.B, [[0], [2]])
    assert game.name == "2x1 bimatrix game"  # an empty title gives the default name
    payoff = read_nfg('NFG 1 D "t" { "a" "b" } { 1 2 } 3/2 .5 -7 1e2')
    np.testing.assert_array_equal(payoff.A, [[1.5, -7]])
    np.testing.assert_array_equal(payoff.B, [[0.5, 100]])


def test_escaped_quotes_and_backslashes():
    text = r'NFG 1 R "say \"hi\"" { "a" "b" } { { "back\\slash" } { "q\"" } } 1 2'
    game = read_nfg(text)
    assert game.name == 'say "hi"'
    assert game.row_labels == ("back\\slash",) and game.col_labels == ('q"',)


@pytest.mark.parametrize("name", sorted(gd.games.CATALOGUE))
def test_catalogue_round_trip(name):
    game = gd.games.CATALOGUE[name]()
    back = read_nfg(write_nfg(game))
    assert back == game
    assert (back.name, back.row_labels, back.col_labels) == \
        (game.name, game.row_labels, game.col_labels)


labels = st.text(st.characters(blacklist_categories=("Cs",)), max_size=6)


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 4).flatmap(lambda m: st.integers(1, 4).flatmap(lambda n: st.tuples(
    arrays(float, (m, n), elements=st.floats(-1e6, 1e6, allow_subnormal=False)),
    arrays(float, (m, n), elements=st.sampled_from([0.0, 1.0, -2.5, 1 / 3, 0.1, 1e-300])),
    st.lists(labels, min_size=m, max_size=m), st.lists(labels, min_size=n, max_size=n),
    labels.filter(bool)))))
def test_round_trip_is_exact(case):
    A, B, rows, cols, name = case
    game = gd.BimatrixGame(A, B, name=name, row_labels=rows, col_labels=cols)
    back = read_nfg(write_nfg(game))
    np.testing.assert_array_equal(back.A, game.A)
    np.testing.assert_array_equal(back.B, game.B)
    assert (back.name, back.row_labels, back.col_labels) == (name, tuple(rows), tuple(cols))


def test_reading_and_writing_files(tmp_path):
    game = gd.games.pigs()
    path = tmp_path / "pigs.nfg"
    text = write_nfg(game, path)
    assert path.read_text() == text
    assert read_nfg(path) == game and read_nfg(str(path)) == game


# ------------------------------------------------------------------ pygambit
gbt = pytest.importorskip("pygambit")


def gambit_arrays(game):
    """(A, B) of a pygambit game as exact Fractions."""
    A, B = game.to_arrays()
    convert = np.vectorize(lambda value: Fraction(str(value)), otypes=[object])
    return convert(A), convert(B)


@pytest.mark.parametrize("name", sorted(gd.games.CATALOGUE))
def test_pygambit_reads_our_files(name):
    game = gd.games.CATALOGUE[name]()
    theirs = gbt.read_nfg(io.StringIO(write_nfg(game)))
    A, B = gambit_arrays(theirs)
    np.testing.assert_array_equal(A.astype(float), game.A)
    np.testing.assert_array_equal(B.astype(float), game.B)
    assert theirs.title == game.name
    players = list(theirs.players)
    assert tuple(s.label for s in players[0].strategies) == game.row_labels
    assert tuple(s.label for s in players[1].strategies) == game.col_labels


def test_pygambit_reads_non_integer_payoffs_exactly():
    game = gd.BimatrixGame([[1 / 3, 0.1], [-2.5, 1e-7]], [[np.pi, 0], [1, 2]])
    A, B = gambit_arrays(gbt.read_nfg(io.StringIO(write_nfg(game))))
    assert A[0, 0] == Fraction(1, 3) and A[0, 1] == Fraction(1, 10)
    np.testing.assert_array_equal(A.astype(float), game.A)
    np.testing.assert_array_equal(B.astype(float), game.B)


def test_we_read_pygambit_files():
    A = [[1, 2, 3], [4, 5, -6]]
    B = [[0, Fraction(1, 2), 1], [2, 0, 7]]
    native = gbt.Game.from_arrays(A, B, title='native "game"')
    players = list(native.players)
    for strategy, label in zip(players[0].strategies, ["Up", "Down"]):
        strategy.label = label
    text = native.to_nfg()
    assert "{ \"\"" in text  # pygambit writes the outcome form
    game = read_nfg(text)
    np.testing.assert_array_equal(game.A, A)
    np.testing.assert_array_equal(game.B, [[0, 0.5, 1], [2, 0, 7]])
    assert game.name == 'native "game"' and game.row_labels == ("Up", "Down")


def test_pygambit_agrees_on_the_documented_sample():
    for text in (SELTEN_PAYOFF_FORM, SELTEN_OUTCOME_FORM):
        A, B = gambit_arrays(gbt.read_nfg(io.StringIO(text)))
        np.testing.assert_array_equal(A.astype(float), SELTEN_A)
        np.testing.assert_array_equal(B.astype(float), SELTEN_B)


# ------------------------------------------------------------------ errors
HEAD = 'NFG 1 R "t" { "a" "b" }'


@pytest.mark.parametrize("text, words", [
    ('NFG 1 R "t" { "a" "b" "c" } { 1 1 1 }\n1 2 3', "two-player.*3 player"),
    ('NFG 1 R "t" { "a" } { 1 }\n1', "two-player.*1 player"),
    (f"{HEAD} {{ 2 2 }}\n1 2 3\n4 x 6 7 8", r"line 3.*'x' is not a number"),
    (f"{HEAD} {{ 2 2 }}\n1 2 3", "end of file.*payoff 4 of 8"),
    (f"{HEAD} {{ 1 1 }}\n1 2 3", r"line 2.*end of the file.*'3'"),
    (f"{HEAD} {{ 0 2 }}", "number of strategies of player 1"),
    (f"{HEAD} {{ 2 two }}", "'two'"),
    (f"{HEAD} {{ {{ \"x\" }} {{ }} }} 1 2", "player 2 has no strategies"),
    ('NFG 2 R "t" { "a" "b" } { 1 1 } 1 2', "version 1"),
    ('NFG 1 X "t" { "a" "b" } { 1 1 } 1 2', "'R' or 'D'"),
    ('NFG 1 R "t { "a" "b" } { 1 1 } 1 2', "never closed"),
    ('EFG 2 R "t" { "a" "b" }', "'NFG'"),
    (f'{HEAD} {{ {{ "x" }} {{ "y" }} }}\n{{ {{ "" 1 }} }}\n1', r"line 2.*outcome 1 has 1 payoff"),
    (f'{HEAD} {{ {{ "x" }} {{ "y" "z" }} }}\n{{ {{ "" 1 2 }} }}\n1 2',
     "contingency 2 refers to outcome 2"),
    (f'{HEAD} {{ {{ "x" }} {{ "y" }} }}\n{{ {{ "" 1 2 }} }}\n-1', "outcome number 1"),
])
def test_malformed_content_is_reported_with_line_and_token(text, words):
    with pytest.raises(ValueError, match=words):
        read_nfg(text)


def test_bad_sources_and_targets():
    with pytest.raises(ValueError, match="`source`.*existing file"):
        read_nfg("no_such_file.nfg")
    with pytest.raises(ValueError, match="`source`"):
        read_nfg("x" * 5000)  # too long to be a file name: still a clear error
    with pytest.raises(TypeError, match="`source`"):
        read_nfg(42)
    with pytest.raises(TypeError, match="`game`"):
        write_nfg(gd.games.bilinear())
    with pytest.raises(TypeError, match="`path`"):
        write_nfg(gd.games.pigs(), path=3)


def test_the_games_package_exports_the_functions():
    assert gd.games.read_nfg is read_nfg and gd.games.write_nfg is write_nfg


# ---- issue 19: overflow, byte-order mark, encodings (regressions)
TINY = 'NFG 1 R "t" { "1" "2" } { 1 1 }\n{payoff} 0\n'


def test_a_payoff_beyond_the_float_range_names_its_line():
    with pytest.raises(ValueError, match=r"line 2.*'1e309'.*range of a float"):
        read_nfg(TINY.replace("{payoff}", "1e309"))
    with pytest.raises(ValueError, match="line 2"):
        read_nfg(TINY.replace("{payoff}", "-1" + "0" * 400))


def test_a_byte_order_mark_is_accepted_in_text_and_in_files(tmp_path):
    text = "\ufeff" + TINY.replace("{payoff}", "7")
    assert read_nfg(text).A[0, 0] == 7
    path = tmp_path / "bom.nfg"
    path.write_bytes(text.encode("utf-8"))
    assert read_nfg(path).A[0, 0] == 7 and read_nfg(str(path)).A[0, 0] == 7


def test_a_latin1_file_is_refused_with_a_message_about_the_encoding(tmp_path):
    path = tmp_path / "latin.nfg"
    path.write_bytes(TINY.replace('"t"', '"caf\xe9"').replace("{payoff}", "1")
                     .encode("latin-1"))
    for source in (path, str(path)):
        with pytest.raises(ValueError, match="not UTF-8.*0xe9"):
            read_nfg(source)
    utf8 = tmp_path / "utf8.nfg"
    utf8.write_text(TINY.replace('"t"', '"caf\xe9"').replace("{payoff}", "1"),
                    encoding="utf-8")
    assert read_nfg(utf8).name == "caf\xe9"
