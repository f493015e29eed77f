"""Ruled tables found from a page's ruling lines: the cells their borders close.

The method is the one table finders of PDF use (pdfplumber's on explicit lines): nearly
equal parallel rules are snapped to one position, collinear pieces joined, and every
point where a vertical and a horizontal rule meet is an intersection; a cell is the
smallest rectangle of four intersections whose sides are rules; cells sharing a corner
form one table. A table's rows are its cells by top, over the left edges of all its
cells, so that a merged cell leaves ``None`` where it spans.

Two things come first: a box drawn round the whole page (an office suite typesetting a
report kept in an HTML layout table draws that table's box on every page, touching the
real tables) is dropped when it doubles a table's border, and the cells a page break
leaves open at the bottom or top of a page get a closing rule.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from typing import NamedTuple

from xxgk.ingest.pdf_page import Rule
from xxgk.ingest.pdf_settings import PdfSettings


class Box(NamedTuple):
    x0: float
    top: float
    x1: float
    bottom: float


class Table(NamedTuple):
    """A ruled table: its box and its rows of cell boxes, ``None`` where a merged cell spans."""

    bbox: Box
    rows: list[list[Box | None]]


Line = tuple[float, float, float]
"""A rule by its position across (x of a vertical, y of a horizontal) and its extent along."""
Point = tuple[float, float]


def ruled_tables(vertical: list[Rule], horizontal: list[Rule], height: float, s: PdfSettings) -> list[Table]:
    """The tables that the rules of a page of ``height`` points close, top to bottom."""
    vertical, horizontal = without_frame(vertical, horizontal, height, s)
    if len(vertical) < 2:
        return []
    horizontal = horizontal + caps(vertical, horizontal, s)
    if len(horizontal) < 2:
        return []
    return [t for t in find_tables(vertical, horizontal, s) if len(t.rows[0]) >= s.min_columns]


class TooManyRules(Exception):
    """The rules of a page are too many to search for tables (``max_grid``)."""


def find_tables(vertical: list[Rule], horizontal: list[Rule], s: PdfSettings) -> list[Table]:
    """The tables whose cells these rules close, top to bottom (of one cell or more
    columns); :class:`TooManyRules` past ``max_grid``."""
    columns = _merged([(r.x0, r.top, r.bottom) for r in vertical], s)
    rows = _merged([(r.top, r.x0, r.x1) for r in horizontal], s)
    if len(columns) * len(rows) > s.max_grid:
        raise TooManyRules
    cells = _cells(_intersections(columns, rows, s.intersection_tolerance))
    return [_table(group) for group in _connected(cells)]


def without_frame(
    vertical: list[Rule], horizontal: list[Rule], height: float, s: PdfSettings
) -> tuple[list[Rule], list[Rule]]:
    """The rules less a closed box drawn round the whole page, when it doubles a table's
    own border (a parallel rule a point or two inside it, which snapping would weld to it);
    a table that simply fills the page keeps its borders."""
    tall = [r for r in vertical if r.bottom - r.top >= s.frame_height * height]
    if len(tall) < 2:
        return vertical, horizontal
    left = min(tall, key=lambda r: r.x0)
    right = max(tall, key=lambda r: r.x0)
    top = max(left.top, right.top)
    bottom = min(left.bottom, right.bottom)
    near, far = s.frame_double
    doubled = any(
        r is not left and r is not right and (near < r.x0 - left.x0 < far or near < right.x0 - r.x0 < far)
        for r in vertical
    )
    if not doubled:
        return vertical, horizontal
    tol = s.frame_tolerance
    sides = [
        h
        for h in horizontal
        if min(abs(h.top - top), abs(h.top - bottom)) <= tol
        and h.x0 <= left.x0 + tol
        and h.x1 >= right.x0 - tol
    ]
    if not (any(abs(h.top - top) <= tol for h in sides) and any(abs(h.top - bottom) <= tol for h in sides)):
        return vertical, horizontal
    return (
        [r for r in vertical if r is not left and r is not right],
        [h for h in horizontal if not any(h is side for side in sides)],
    )


def caps(vertical: list[Rule], horizontal: list[Rule], s: PdfSettings) -> list[Rule]:
    """Horizontal rules closing the cells that a page break leaves open.

    A table running over a page break has no rule where the page cuts it, so the cells
    of its first or last row on the page are open and would not be found. A rule is
    added where vertical rules (two or more, on one point) end unmet by a horizontal
    rule, at the top or the bottom of all of them: only the first table on a page can
    be cut at its top and only the last at its bottom, and inside a table such ends are
    the borders of merged cells, drawn row by row."""
    if not vertical:
        return []
    tol = s.cap_tolerance
    top = min(r.top for r in vertical)
    bottom = max(r.bottom for r in vertical)
    horizontal = sorted(horizontal, key=lambda h: h.top)
    ys = [h.top for h in horizontal]
    ends: dict[int, list[Rule]] = defaultdict(list)
    for r in vertical:
        for y in (r.top, r.bottom):
            if min(abs(y - top), abs(y - bottom)) > tol:
                continue
            near = horizontal[bisect_left(ys, y - tol) : bisect_right(ys, y + tol)]
            if not any(h.x0 - tol <= r.x0 <= h.x1 + tol for h in near):
                ends[round(y)].append(r)
    return [
        Rule(min(r.x0 for r in rules), float(y), max(r.x0 for r in rules), float(y))
        for y, rules in ends.items()
        if len(rules) >= 2
    ]


def _merged(lines: list[Line], s: PdfSettings) -> list[Line]:
    """Rules of one direction snapped, joined and the short ones dropped."""
    joined = _joined(_snapped(lines, s.snap_tolerance), s.join_tolerance)
    return [line for line in joined if line[2] - line[1] >= s.min_rule_length]


def _snapped(lines: list[Line], tolerance: float) -> list[Line]:
    """Each rule moved to the mean position of its cluster: positions each within
    ``tolerance`` of the next form one cluster."""
    positions = sorted({p for p, _, _ in lines})
    cluster: dict[float, int] = {}
    for i, p in enumerate(positions):
        cluster[p] = cluster[positions[i - 1]] + (p > positions[i - 1] + tolerance) if i else 0
    totals: dict[int, list[float]] = defaultdict(lambda: [0.0, 0])
    for p, _, _ in lines:
        total = totals[cluster[p]]
        total[0] += p
        total[1] += 1
    mean = {k: total / n for k, (total, n) in totals.items()}
    return [(mean[cluster[p]], a, b) for p, a, b in lines]


def _joined(lines: list[Line], tolerance: float) -> list[Line]:
    """Collinear rules overlapping or with gaps up to ``tolerance`` as one rule each."""
    out: list[Line] = []
    for p, a, b in sorted(lines):
        if out and out[-1][0] == p and a <= out[-1][2] + tolerance:
            out[-1] = (p, out[-1][1], max(out[-1][2], b))
        else:
            out.append((p, a, b))
    return out


class Crossing(NamedTuple):
    """The rules (indices into the verticals and the horizontals) meeting at a point."""

    vertical: set[int]
    horizontal: set[int]


def _intersections(columns: list[Line], rows: list[Line], tolerance: float) -> dict[Point, Crossing]:
    """Every point where a vertical rule and a horizontal rule meet, within ``tolerance``."""
    rows = sorted(rows)
    ys = [y for y, _, _ in rows]
    points: dict[Point, Crossing] = {}
    for i, (x, top, bottom) in enumerate(columns):
        for j in range(bisect_left(ys, top - tolerance), bisect_right(ys, bottom + tolerance)):
            y, x0, x1 = rows[j]
            if x0 - tolerance <= x <= x1 + tolerance:
                crossing = points.setdefault((x, y), Crossing(set(), set()))
                crossing.vertical.add(i)
                crossing.horizontal.add(j)
    return points


def _cells(points: dict[Point, Crossing]) -> list[Box]:
    """The smallest rectangle of rules that each intersection is the top-left corner of."""
    below: dict[float, list[float]] = defaultdict(list)
    right: dict[float, list[float]] = defaultdict(list)
    for x, y in sorted(points):
        below[x].append(y)
        right[y].append(x)
    cells = []
    for x, y in sorted(points):
        cell = _smallest_cell(points, (x, y), below[x], right[y])
        if cell is not None:
            cells.append(cell)
    return cells


def _smallest_cell(
    points: dict[Point, Crossing], corner: Point, ys: list[float], xs: list[float]
) -> Box | None:
    """The cell whose top-left is ``corner``: the nearest point below it on the same
    vertical rule and the nearest to its right on the same horizontal rule whose
    opposite corner is an intersection joined to both by rules."""
    x, y = corner
    here = points[corner]
    for y2 in ys[bisect_right(ys, y) :]:
        low = points[(x, y2)]
        if not here.vertical & low.vertical:
            continue
        for x2 in xs[bisect_right(xs, x) :]:
            side = points[(x2, y)]
            if not here.horizontal & side.horizontal:
                continue
            opposite = points.get((x2, y2))
            if opposite and opposite.vertical & side.vertical and opposite.horizontal & low.horizontal:
                return Box(x, y, x2, y2)
    return None


def _connected(cells: list[Box]) -> list[list[Box]]:
    """Cells grouped into tables, two cells in one table when they share a corner (or are
    linked by such cells); tables of one cell are not tables."""
    parent = list(range(len(cells)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[Point, int] = {}
    for i, c in enumerate(cells):
        for corner in ((c.x0, c.top), (c.x0, c.bottom), (c.x1, c.top), (c.x1, c.bottom)):
            parent[root(i)] = root(owner.setdefault(corner, i))
    groups: dict[int, list[Box]] = defaultdict(list)
    for i, c in enumerate(cells):
        groups[root(i)].append(c)
    tables = [g for g in groups.values() if len(g) > 1]
    return sorted(tables, key=lambda g: min((c.top, c.x0) for c in g))


def _table(cells: list[Box]) -> Table:
    """The table of ``cells``: rows by top, each over the left edges of all the cells."""
    columns = sorted({c.x0 for c in cells})
    by_top: dict[float, dict[float, Box]] = defaultdict(dict)
    for c in sorted(cells, key=lambda c: (c.top, c.x0)):
        by_top[c.top][c.x0] = c
    bbox = Box(
        min(c.x0 for c in cells),
        min(c.top for c in cells),
        max(c.x1 for c in cells),
        max(c.bottom for c in cells),
    )
    return Table(bbox, [[row.get(x) for x in columns] for _, row in sorted(by_top.items())])
