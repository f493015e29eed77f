"""Expanding a table of spanning cells into a rectangular grid of texts.

A cell spanning several rows or columns gives its text once, at its first (top-left)
position, and ``""`` at every other position it covers — the way the dev ``-tsv.txt``
variants print the same tables.
"""

from __future__ import annotations

from dataclasses import dataclass

MAX_SPAN = 1000
"""Spans beyond this are markup errors (``colspan=65535``); clamp them."""


@dataclass
class Cell:
    text: str
    rowspan: int = 1
    colspan: int = 1


_SPANNED = object()


def expand(rows: list[list[Cell]]) -> list[list[str]]:
    """The grid of ``rows``: every row as long as the widest, spans filled with ``""``."""
    return [texts for texts, _ in expand_spans(rows)]


def expand_spans(rows: list[list[Cell]]) -> list[tuple[list[str], frozenset[int]]]:
    """The grid of ``rows``, each row with the positions that merged cells span."""
    grid: list[list[object]] = []
    for r, cells in enumerate(rows):
        while len(grid) <= r:
            grid.append([])
        line = grid[r]
        col = 0
        for cell in cells:
            while col < len(line) and line[col] is not None:
                col += 1
            rs = max(1, min(cell.rowspan, MAX_SPAN))
            cs = max(1, min(cell.colspan, MAX_SPAN))
            for dr in range(rs):
                if r + dr >= len(rows):
                    break
                while len(grid) <= r + dr:
                    grid.append([])
                target = grid[r + dr]
                while len(target) < col + cs:
                    target.append(None)
                for dc in range(cs):
                    if target[col + dc] is None:
                        target[col + dc] = cell.text if (dr == 0 and dc == 0) else _SPANNED
            col += cs
    width = max((len(line) for line in grid), default=0)
    return [
        (
            [c if isinstance(c, str) else "" for c in line] + [""] * (width - len(line)),
            frozenset(i for i, c in enumerate(line) if c is _SPANNED),
        )
        for line in grid
    ]


def drop_columns(
    texts: list[str], spans: frozenset[int], keep: list[bool]
) -> tuple[list[str], frozenset[int]]:
    """A row without the columns ``keep`` rules out, its spans renumbered."""
    index = [i for i, k in enumerate(keep) if k]
    return [texts[i] for i in index], frozenset(j for j, i in enumerate(index) if i in spans)
