"""Read and write Gambit's strategic-form ``.nfg`` format for two-player games.

A file starts ``NFG 1 R "title" { "Player 1" "Player 2" }`` followed by either the
numbers of strategies ``{ m n }`` or their names ``{ { "r0" ... } { "c0" ... } }``, an
optional comment string, and then either

* the *payoff* form: all payoffs, contingency by contingency with player 1's strategy
  varying fastest, each contingency giving player 1's then player 2's payoff; or
* the *outcome* form: ``{ { "name" a, b } ... }`` listing outcomes, then one outcome
  index per contingency (1-based; 0 is the null outcome paying nothing).

Payoffs may be integers, decimals or rationals such as ``3/2``.

References
----------
The Gambit Project, "The strategic game (.nfg) file format", Gambit documentation.
"""

from __future__ import annotations

import re
from fractions import Fraction
from pathlib import Path

import numpy as np

from gamedyn.games.bimatrix import BimatrixGame

__all__ = ["read_nfg", "write_nfg"]

_TOKEN = re.compile(r'"((?:[^"\\]|\\.)*)"|([{}])|([^\s{},"]+)|,')


def _tokens(text: str) -> list[tuple[str, str]]:
    tokens = []
    for match in _TOKEN.finditer(text):
        string, brace, word = match.groups()
        if string is not None:
            tokens.append(("string", string.replace('\\"', '"')))
        elif brace is not None:
            tokens.append((brace, brace))
        elif word is not None:
            tokens.append(("word", word))
    return tokens


class _Reader:
    def __init__(self, tokens: list[tuple[str, str]]) -> None:
        self.tokens, self.position = tokens, 0

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.position] if self.position < len(self.tokens) else None

    def take(self, kind: str | None = None) -> str:
        token = self.peek()
        if token is None:
            raise ValueError(f"malformed .nfg: unexpected end of file (expected {kind}).")
        if kind is not None and token[0] != kind:
            raise ValueError(f"malformed .nfg: expected {kind} at token {self.position} but "
                             f"found {token[1]!r}.")
        self.position += 1
        return token[1]

    def strings(self) -> list[str]:
        self.take("{")
        items = []
        while self.peek() is not None and self.peek()[0] == "string":
            items.append(self.take("string"))
        self.take("}")
        return items


def _number(word: str) -> float:
    try:
        return float(Fraction(word))
    except (ValueError, ZeroDivisionError):
        raise ValueError(f"malformed .nfg: {word!r} is not a number.") from None


def read_nfg(source: str | Path) -> BimatrixGame:
    """A :class:`BimatrixGame` from a Gambit ``.nfg`` file path or its text.

    Raises
    ------
    ValueError
        If the game does not have exactly two players, or the content is malformed (the
        message names the offending token).
    """
    text = source.read_text() if isinstance(source, Path) else str(source)
    if not text.lstrip().startswith("NFG") and Path(text).is_file():
        text = Path(text).read_text()
    reader = _Reader(_tokens(text))
    if reader.take("word") != "NFG":
        raise ValueError("malformed .nfg: the file must start with 'NFG'.")
    reader.take("word")  # version
    reader.take("word")  # R or D
    title = reader.take("string")
    players = reader.strings()
    if len(players) != 2:
        raise ValueError(f"gamedyn reads two-player games; this file has {len(players)} "
                         f"players {players}.")
    reader.take("{")
    if reader.peek()[0] == "{":
        labels = [reader.strings(), reader.strings()]
        reader.take("}")
        shape = (len(labels[0]), len(labels[1]))
    else:
        shape = (int(reader.take("word")), int(reader.take("word")))
        reader.take("}")
        labels = [None, None]
    if reader.peek() is not None and reader.peek()[0] == "string":
        reader.take("string")  # comment
    m, n = shape
    payoffs = np.zeros((n, m, 2))  # contingency order: player 1 fastest
    if reader.peek() is not None and reader.peek()[0] == "{":
        reader.take("{")
        outcomes = []
        while reader.peek()[0] == "{":
            reader.take("{")
            reader.take("string")
            values = []
            while reader.peek()[0] == "word":
                values.append(_number(reader.take("word")))
            reader.take("}")
            if len(values) != 2:
                raise ValueError(f"malformed .nfg: outcome {len(outcomes) + 1} has "
                                 f"{len(values)} payoffs; expected 2.")
            outcomes.append(values)
        reader.take("}")
        table = np.vstack([[0.0, 0.0]] + outcomes)
        indices = [int(reader.take("word")) for _ in range(m * n)]
        if max(indices) >= len(table) or min(indices) < 0:
            raise ValueError("malformed .nfg: an outcome index is out of range.")
        payoffs = table[indices].reshape(n, m, 2)
    else:
        values = [_number(reader.take("word")) for _ in range(2 * m * n)]
        payoffs = np.array(values).reshape(n, m, 2)
    if reader.peek() is not None:
        raise ValueError(f"malformed .nfg: unexpected token {reader.peek()[1]!r} after the "
                         "payoffs.")
    A, B = payoffs[..., 0].T, payoffs[..., 1].T
    return BimatrixGame(A, B, name=title or None, row_labels=labels[0], col_labels=labels[1])


def _format(value: float) -> str:
    fraction = Fraction(value).limit_denominator(10**9)
    return str(fraction) if float(fraction) == value else repr(float(value))


def write_nfg(game: BimatrixGame, path: str | Path | None = None) -> str:
    """The game in Gambit's payoff form; written to ``path`` when given. Returns the text."""
    if not isinstance(game, BimatrixGame):
        raise TypeError(f"`game` must be a BimatrixGame; got {type(game).__name__}.")
    quote = lambda s: '"' + s.replace('"', '\\"') + '"'  # noqa: E731
    rows = " ".join(quote(label) for label in game.row_labels)
    cols = " ".join(quote(label) for label in game.col_labels)
    numbers = []
    for j in range(game.shape[1]):
        for i in range(game.shape[0]):
            numbers += [_format(game.A[i, j]), _format(game.B[i, j])]
    text = (f'NFG 1 R {quote(game.name)} {{ "Player 1" "Player 2" }} '
            f"{{ {{ {rows} }} {{ {cols} }} }}\n\n{' '.join(numbers)}\n")
    if path is not None:
        Path(path).write_text(text)
    return text
