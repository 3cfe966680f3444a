"""HTML reprs of games for Jupyter (plain strings; no dependency).

A leaf module: it reads the games' attributes and imports none of the game modules
(they import it), so the imports inside ``games/`` form no cycle.
"""

from __future__ import annotations

from html import escape
from typing import Any


def bimatrix_html(game: Any) -> str:
    """The bimatrix as an HTML table, each cell ``a, b`` (row payoff, column payoff)."""
    head = "".join(f"<th>{escape(label)}</th>" for label in game.col_labels)
    body = []
    for label, row_a, row_b in zip(game.row_labels, game.A, game.B):
        cells = "".join(f"<td>{a:g}, {b:g}</td>" for a, b in zip(row_a, row_b))
        body.append(f"<tr><th>{escape(label)}</th>{cells}</tr>")
    return (
        f"<div><b>{escape(game.name)}</b> ({game.shape[0]}x{game.shape[1]}; "
        "cells: row payoff, column payoff; both maximize)"
        f"<table><tr><th></th>{head}</tr>{''.join(body)}</table></div>"
    )


def differentiable_game_html(game: Any) -> str:
    """A short HTML description; the symbolic Jacobian in LaTeX when there is one."""
    parts = [
        f"<b>{escape(game.name)}</b>: player 1 has {game.n1} parameter(s), "
        f"player 2 has {game.n2}; each maximizes its own payoff."
    ]
    if game.symbolic is not None:
        parts.append(f"<br>$$J = {game.symbolic.latex_jacobian()}$$")
    if game.domain is not None:
        parts.append(f"<br>domain: {escape(repr(game.domain))}")
    return "<div>" + "".join(parts) + "</div>"
