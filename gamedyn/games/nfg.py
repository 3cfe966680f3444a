"""Read and write Gambit's strategic-form ``.nfg`` format for two-player games.

A file starts with the prologue ``NFG 1 R "title" { "Player 1" "Player 2" }``, then the
strategies, either as counts ``{ m n }`` or as names ``{ { "r0" ... } { "c0" ... } }``,
and an optional comment string. The body takes one of two forms:

* the *payoff* form: all payoffs, contingency by contingency with player 1's strategy
  varying fastest, each contingency giving player 1's then player 2's payoff; so
  ``A[i, j]`` and ``B[i, j]`` are numbers ``2 (j m + i)`` and ``2 (j m + i) + 1``;
* the *outcome* form: ``{ { "name" a, b } ... }`` listing the outcomes, then one outcome
  number per contingency, in the same order (1-based; 0 is the null outcome paying
  nothing to both players).

Payoffs may be integers, decimals (``.5``, ``1e-3``) or rationals (``3/2``). Player 1 is
the row player (payoffs ``A``), player 2 the column player (``B``); both maximize.

References
----------
The Gambit Project, "The strategic game (.nfg) file format, payoff version" and
"..., outcome version", Gambit documentation (doc/formats.nfgpay.rst, formats.nfgout.rst).
"""

from __future__ import annotations

import os
import re
import sys
from bisect import bisect_right
from fractions import Fraction
from pathlib import Path
from typing import NamedTuple

import numpy as np

from gamedyn.games.bimatrix import BimatrixGame

__all__ = ["read_nfg", "write_nfg"]

# a quoted string (backslash escapes), a brace, a comma, a bare word, or a stray quote
_TOKEN = re.compile(r'"((?:[^"\\]|\\.)*)"|([{}])|(,)|([^\s{},"]+)|(")', re.DOTALL)
_ESCAPE = re.compile(r"\\(.)", re.DOTALL)


class _Token(NamedTuple):
    kind: str  # "string", "{", "}" or "word"
    text: str
    line: int


def _tokens(text: str) -> list[_Token]:
    """Split ``text`` into tokens, each with its 1-based line number; commas are dropped."""
    newlines = [i for i, char in enumerate(text) if char == "\n"]
    tokens = []
    for match in _TOKEN.finditer(text):
        string, brace, _comma, word, stray = match.groups()
        line = bisect_right(newlines, match.start()) + 1
        if stray is not None:
            raise ValueError(f"malformed .nfg (line {line}): a string is opened with '\"' "
                             "but never closed.")
        if string is not None:
            tokens.append(_Token("string", _ESCAPE.sub(r"\1", string), line))
        elif brace is not None:
            tokens.append(_Token(brace, brace, line))
        elif word is not None:
            tokens.append(_Token("word", word, line))
    return tokens


_KIND_NAMES = {"string": "a quoted string", "{": "'{'", "}": "'}'", "word": "a number"}


class _Reader:
    """A cursor over the tokens; every error names the line and the token found."""

    def __init__(self, tokens: list[_Token]) -> None:
        self.tokens, self.position = tokens, 0

    def peek_kind(self) -> str | None:
        return self.tokens[self.position].kind if self.position < len(self.tokens) else None

    def error(self, expected: str) -> ValueError:
        if self.position >= len(self.tokens):
            return ValueError(f"malformed .nfg: unexpected end of file; expected {expected}.")
        token = self.tokens[self.position]
        return ValueError(f"malformed .nfg (line {token.line}): expected {expected} but "
                          f"found {token.text!r}.")

    def take(self, kind: str, expected: str | None = None) -> _Token:
        if self.peek_kind() != kind:
            raise self.error(expected or _KIND_NAMES[kind])
        self.position += 1
        return self.tokens[self.position - 1]

    def strings(self, what: str) -> list[str]:
        """A brace-delimited list of quoted strings."""
        self.take("{", f"'{{' opening the {what}")
        items = []
        while self.peek_kind() == "string":
            items.append(self.take("string").text)
        self.take("}", f"a quoted name or '}}' closing the {what}")
        return items

    def number(self, what: str) -> Fraction:
        token = self.take("word", what)
        try:  # Gambit's payoffs are exact rationals ("1/3", "0.1" = 1/10); keep them so
            value = Fraction(token.text)
        except (ValueError, ZeroDivisionError):
            raise ValueError(f"malformed .nfg (line {token.line}): {token.text!r} is not a "
                             f"number (expected {what}).") from None
        if not abs(value) <= _LARGEST_FLOAT:  # the game's float payoffs must exist
            raise ValueError(f"malformed .nfg (line {token.line}): {token.text!r} is beyond "
                             f"the range of a float (expected {what}, a finite number).")
        return value

    def count(self, what: str, minimum: int) -> int:
        token = self.take("word", what)
        if not token.text.isdigit() or int(token.text) < minimum:
            raise ValueError(f"malformed .nfg (line {token.line}): expected {what} (an "
                             f"integer >= {minimum}) but found {token.text!r}.")
        return int(token.text)


_LARGEST_FLOAT = Fraction(sys.float_info.max)


def _decode(data: bytes, path: object) -> str:
    """UTF-8 text (a leading byte-order mark dropped), or a ValueError naming the encoding."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValueError(
            f"`source` {str(path)!r} is not UTF-8 text: byte 0x{data[error.start]:02x} at "
            f"position {error.start} cannot be decoded (re-save the file as UTF-8; Latin-1 "
            "and other legacy encodings are not read)."
        ) from None


def _source_text(source: str | os.PathLike) -> str:
    if isinstance(source, os.PathLike):
        return _decode(Path(source).read_bytes(), source)
    if not isinstance(source, str):
        raise TypeError(f"`source` must be .nfg text or a path; got {type(source).__name__}.")
    if source.lstrip("\ufeff \t\r\n").startswith("NFG"):
        return source.lstrip("\ufeff")
    try:
        is_file = Path(source).is_file()
    except (OSError, ValueError):  # too long or otherwise impossible as a file name
        is_file = False
    if not is_file:
        shown = source if len(source) <= 60 else source[:57] + "..."
        raise ValueError(f"`source` must be .nfg text (starting with 'NFG') or the path of "
                         f"an existing file; got {shown!r}.")
    return _decode(Path(source).read_bytes(), source)


def _strategies(reader: _Reader) -> tuple[tuple[int, int], list]:
    """Strategy counts ``{ m n }`` or names ``{ { ... } { ... } }``: shape and labels."""
    reader.take("{", "'{' opening the strategy list")
    if reader.peek_kind() == "{":
        labels = [reader.strings("strategies of player 1"),
                  reader.strings("strategies of player 2")]
        reader.take("}", "'}' closing the strategy list (one list per player)")
        for player, names in enumerate(labels, start=1):
            if not names:
                raise ValueError(f"malformed .nfg: player {player} has no strategies.")
        return (len(labels[0]), len(labels[1])), labels
    m = reader.count("the number of strategies of player 1", 1)
    n = reader.count("the number of strategies of player 2", 1)
    reader.take("}", "'}' closing the strategy counts (one per player)")
    return (m, n), [None, None]


def _outcome_body(reader: _Reader, cells: int) -> np.ndarray:
    """Outcomes ``{ { "name" a, b } ... }`` then one outcome number per contingency."""
    reader.take("{")
    table = [(Fraction(0), Fraction(0))]  # outcome 0: the null outcome
    while reader.peek_kind() == "{":
        reader.take("{")
        reader.take("string", f"the name of outcome {len(table)}")
        values = []
        while reader.peek_kind() == "word":
            values.append(reader.number(f"a payoff of outcome {len(table)}"))
        closing = reader.take("}", f"a payoff or '}}' closing outcome {len(table)}")
        if len(values) != 2:
            raise ValueError(f"malformed .nfg (line {closing.line}): outcome {len(table)} has "
                             f"{len(values)} payoff(s); expected 2 (one per player).")
        table.append((values[0], values[1]))
    reader.take("}", "'{' opening an outcome or '}' closing the outcome list")
    indices = [reader.count(f"outcome number {k + 1} of {cells} (one per contingency)", 0)
               for k in range(cells)]
    for k, index in enumerate(indices):
        if index >= len(table):
            raise ValueError(f"malformed .nfg: contingency {k + 1} refers to outcome {index}, "
                             f"but only outcomes 0..{len(table) - 1} are defined.")
    return np.array(table, dtype=object)[indices]


def read_nfg(source: str | os.PathLike) -> BimatrixGame:
    """A :class:`BimatrixGame` from a Gambit ``.nfg`` file, given by path or as text.

    Both the payoff form and the outcome form are read. The title becomes the game's
    ``name``; strategy names, when the file gives them, become ``row_labels`` (player 1)
    and ``col_labels`` (player 2). Player names and the comment are not kept.
    Payoffs are exact rationals in Gambit's format (``1/3``, and ``0.1`` means 1/10): the
    game keeps them for exact computations (:meth:`BimatrixGame.exact_payoffs`).
    Files are read as UTF-8; a leading byte-order mark is accepted.

    Parameters
    ----------
    source : str or os.PathLike
        The file's text (starting with ``NFG``) or its path.

    Returns
    -------
    BimatrixGame
        ``A[i, j]``, ``B[i, j]``: payoffs of player 1 and player 2 when player 1 plays
        strategy ``i`` and player 2 strategy ``j``; both maximize.

    Raises
    ------
    TypeError
        If ``source`` is neither a string nor a path.
    ValueError
        If the game does not have exactly two players, the content is malformed (the
        message gives the line and the offending token), a payoff is beyond the float
        range, or the file is not UTF-8.
    OSError
        If a path given as ``os.PathLike`` cannot be read (missing, a directory, ...).

    Examples
    --------
    >>> import gamedyn as gd
    >>> g = gd.games.read_nfg('NFG 1 R "PD" { "1" "2" } { 2 2 } 3 3 5 0 0 5 1 1')
    >>> g.A
    array([[3., 0.],
           [5., 1.]])
    """
    text = _source_text(source)
    try:
        return _parse(text)
    except ValueError as error:
        raise ValueError(f"`source` is not a two-player .nfg game: {error}") from None


def _parse(text: str) -> BimatrixGame:
    """The game in ``text``; a ValueError naming the line and token if malformed."""
    reader = _Reader(_tokens(text))
    header = reader.take("word", "'NFG' at the start of the file")
    if header.text != "NFG":
        raise ValueError(f"malformed .nfg (line {header.line}): the file must start with "
                         f"'NFG'; found {header.text!r}.")
    version = reader.take("word", "the version number 1")
    if version.text != "1":
        raise ValueError(f"malformed .nfg (line {version.line}): only version 1 exists; "
                         f"found {version.text!r}.")
    kind = reader.take("word", "'R' (or the obsolete 'D') after the version")
    if kind.text not in ("R", "D"):
        raise ValueError(f"malformed .nfg (line {kind.line}): expected 'R' or 'D' after the "
                         f"version but found {kind.text!r}.")
    title = reader.take("string", "the quoted title").text
    players = reader.strings("player list")
    if len(players) != 2:
        raise ValueError(f"gamedyn reads two-player games only; this file declares "
                         f"{len(players)} player(s): {players}.")
    (m, n), labels = _strategies(reader)
    if reader.peek_kind() == "string":
        reader.take("string")  # the optional comment
    if reader.peek_kind() == "{":
        payoffs = _outcome_body(reader, m * n)
    else:
        payoffs = np.array([reader.number(f"payoff {k + 1} of {2 * m * n}")
                            for k in range(2 * m * n)], dtype=object)
    if reader.peek_kind() is not None:
        raise reader.error("the end of the file after the payoffs")
    cells = payoffs.reshape(n, m, 2)  # contingency order: player 1's strategy fastest
    return BimatrixGame(cells[..., 0].T, cells[..., 1].T, name=title or None,
                        row_labels=labels[0], col_labels=labels[1])


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _format_number(value: float | Fraction) -> str:
    """The shortest exact text: an integer, a small rational, else the float's repr."""
    if isinstance(value, Fraction):  # an exact payoff is written as it is
        return str(value)
    fraction = Fraction(value).limit_denominator(10**6)
    if float(fraction) == value:
        return str(fraction)
    return repr(float(value))


def write_nfg(game: BimatrixGame, path: str | os.PathLike | None = None) -> str:
    """The game as Gambit ``.nfg`` text (payoff form, strategy names kept).

    Every payoff is written exactly: integers and small rationals as such (``1/3``), any
    other float by its shortest round-tripping decimal, so ``read_nfg(write_nfg(g)) == g``.

    Parameters
    ----------
    game : BimatrixGame
        Player 1 (rows, ``A``) and player 2 (columns, ``B``); ``game.name`` becomes the
        title.
    path : str or os.PathLike, optional
        Where to write the file as well.

    Returns
    -------
    str
        The file's text.

    Examples
    --------
    >>> from gamedyn.games import prisoners_dilemma, read_nfg, write_nfg
    >>> text = write_nfg(prisoners_dilemma())
    >>> print(text.splitlines()[0])
    NFG 1 R "Prisoner's Dilemma" { "Player 1" "Player 2" }
    >>> read_nfg(text) == prisoners_dilemma()
    True
    """
    if not isinstance(game, BimatrixGame):
        raise TypeError(f"`game` must be a BimatrixGame; got {type(game).__name__}.")
    m, n = game.shape
    rows = " ".join(_quote(label) for label in game.row_labels)
    cols = " ".join(_quote(label) for label in game.col_labels)
    lines = [
        f'NFG 1 R {_quote(game.name)} {{ "Player 1" "Player 2" }}',
        "",
        f"{{ {{ {rows} }}",
        f"{{ {cols} }}",
        "}",
        _quote("written by gamedyn: player 1 picks rows (A), player 2 columns (B)"),
        "",
    ]
    A, B = game.exact_payoffs() if game.has_exact_payoffs else (game.A, game.B)
    for j in range(n):  # player 1's strategy varies fastest
        lines.append(" ".join(f"{_format_number(A[i, j])} {_format_number(B[i, j])}"
                              for i in range(m)))
    text = "\n".join(lines) + "\n"
    if path is not None:
        if not isinstance(path, (str, os.PathLike)):
            raise TypeError(f"`path` must be a str or os.PathLike; got {path!r}.")
        Path(path).write_text(text, encoding="utf-8")
    return text
