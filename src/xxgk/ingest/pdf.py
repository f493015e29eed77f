"""PDF (text layer) → rows: ruled tables rebuilt from rules and character positions.

The pipeline, one small function per step:

1. PDFium gives each page's characters and ruling lines (:mod:`xxgk.ingest.pdf_page`).
2. Ruled tables are found from the rules (:mod:`xxgk.ingest.pdf_grid`); characters are
   bucketed into their cells, a merged cell's text at its first position.
3. Characters outside tables become visual lines; page numbers are dropped.
4. Over the whole document: running heads are found and dropped, the body type size
   and each page shape's text block measured; lines become paragraphs (wrapped lines
   joined where a line runs to the right margin, a display title's lines joined); a
   table going on over a page break drops its repeated header rows and mends the row
   the break cut (``结果维`` / ``持``); a paragraph cut by a page break is joined.

Every tolerance is a field of :class:`~xxgk.ingest.pdf_settings.PdfSettings`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from itertools import pairwise
from typing import NamedTuple

from xxgk.check.rules import severity
from xxgk.ingest import limits
from xxgk.ingest.document import Document, ReadError, Row
from xxgk.ingest.formats import reader
from xxgk.ingest.pdf_grid import Table, TooManyRules, ruled_tables
from xxgk.ingest.pdf_page import Char, Layout, PdfFile, opened, read_layout
from xxgk.ingest.pdf_settings import DEFAULT, PdfSettings
from xxgk.report.model import Finding

SCANNED = "该PDF没有文字层（可能是扫描件），需要先进行文字识别(OCR)"
PAGE_NUMBER = re.compile(
    r"^(?:[-—–－ ]*\d{1,4}[-—–－ ]*|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+|"
    r"page\s*\d+(?:\s*of\s*\d+)?)$",
    re.IGNORECASE,
)
DASHED_PAGE_NUMBER = re.compile(
    r"^(?:[-—–－]+\s*\d{1,4}\s*[-—–－]+|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?)$"
)
CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f\U00020000-\U0003ffff]")
NUMBERISH = re.compile(r"\d")
NUMBER_END = re.compile(r"(?:^|[^\w.])[-−]?\d[\d,]*\.?\d*$")
NUMBER_START = re.compile(r"[\d.,]*\d[\d.,]*$")
SPACES = re.compile(r"\s+")


class Line(NamedTuple):
    """One visual line of text outside the tables, with its box and its largest type size."""

    text: str
    x0: float
    x1: float
    size: float
    in_margin: bool
    top: float = 0.0
    bottom: float = 0.0


Cell = tuple[str, float, float]
"""A table cell's text and its left and right bounds."""
SPANNED = -1.0
"""The bounds given to a position a merged cell spans (there is no cell there)."""


class Grid(NamedTuple):
    """A table as read on one page: its top, and its rows of cells."""

    top: float
    rows: list[list[Cell]]


Item = Line | Grid
Above = tuple[tuple[list[Cell], Row], ...]
"""The rows of a table emitted so far, each with its cells (texts and bounds)."""
Shape = tuple[int, int]
"""A page's width and height, rounded to points: pages of one shape share a text block."""


def join_lines(lines: list[str], *, numbers: bool = False) -> str:
    """Wrapped lines of one cell or paragraph as one text: no space between CJK, else one.

    With ``numbers`` (a table cell), a number broken over two lines is mended too: a
    narrow column wraps ``1234567`` as ``123456`` / ``7``."""
    out = ""
    for line in (ln.strip() for ln in lines):
        if not line:
            continue
        glued = CJK.match(out[-1]) or CJK.match(line[0]) if out else True
        if numbers and out and NUMBER_END.search(out) and NUMBER_START.match(line):
            glued = True
        if not glued:
            out += " "
        out += line
    return out


# --- Reading: bytes → pages of items ------------------------------------------------


@reader("pdf")
def read_pdf(data: bytes, source: str, settings: PdfSettings = DEFAULT) -> Document:
    doc = Document(source=source, format="pdf")
    with opened(data) as pdf:
        wanted = min(pdf.pages, limits.MAX_PDF_PAGES)
        if pdf.pages > wanted:
            doc.findings.append(
                _truncated(
                    f"PDF 共 {pdf.pages} 页，超过 {limits.MAX_PDF_PAGES} 页的上限，只读取了前 {wanted} 页"
                )
            )
        layouts = [_layout(pdf, i, settings, doc) for i in range(wanted)]
    read = [_page_items(layout, settings) for layout in layouts]
    pages = [items for items, _ in read]
    doc.findings += [
        _truncated(f"第{n}页的线条过多，未识别其中的表格，文字按行读取")
        for n, (_, searched) in enumerate(read, start=1)
        if not searched
    ]
    if not any(pages):
        if any(layout.images for layout in layouts):
            raise ReadError(SCANNED)
        raise ReadError("PDF 中没有任何文字")
    shapes = [(round(layout.width), round(layout.height)) for layout in layouts]
    doc.rows = _rows(pages, shapes, settings)
    return doc


def _truncated(message: str) -> Finding:
    return Finding(rule="read-truncated", severity=severity("read-truncated"), message=message)


def _layout(pdf: PdfFile, index: int, settings: PdfSettings, doc: Document) -> Layout:
    """Page ``index``'s layout; a page PDFium cannot load is an empty page and a finding."""
    try:
        layout = read_layout(pdf, index, settings)
    except ReadError as exc:
        doc.findings.append(_truncated(f"{exc}，该页未读取"))
        return Layout(width=0.0, height=0.0, chars=[], vertical=[], horizontal=[], images=0)
    doc.findings += [_truncated(note) for note in layout.notes]
    return layout


def _page_items(layout: Layout, s: PdfSettings) -> tuple[list[Item], bool]:
    """The tables and lines of one page, top to bottom, and whether its rules were searched
    for tables (not when they are too many)."""
    chars = layout.chars
    if not any(c.text.strip() for c in chars):
        return [], True
    tables, searched = _tables(layout, s)
    inside, loose = _by_table(chars, tables)
    items: list[Item] = [Grid(t.bbox.top, _table_cells(t, inside[i], s)) for i, t in enumerate(tables)]
    lines = (_line(chars, layout.height, s) for chars in _lines_of(loose, s))
    items += [line for line in lines if line is not None]
    items.sort(key=lambda it: it.top)
    return items, searched


def _tables(layout: Layout, s: PdfSettings) -> tuple[list[Table], bool]:
    """The page's ruled tables, and whether its rules could be searched at all."""
    try:
        return ruled_tables(layout.vertical, layout.horizontal, layout.height, s), True
    except TooManyRules:
        return [], False


def _by_table(chars: list[Char], tables: list[Table]) -> tuple[list[list[Char]], list[Char]]:
    """The characters whose centre lies in each table's box, and the others."""
    inside: list[list[Char]] = [[] for _ in tables]
    loose: list[Char] = []
    for ch in chars:
        cx = (ch.x0 + ch.x1) / 2
        cy = (ch.top + ch.bottom) / 2
        for i, t in enumerate(tables):
            box = t.bbox
            if box.x0 <= cx <= box.x1 and box.top <= cy <= box.bottom:
                inside[i].append(ch)
                break
        else:
            loose.append(ch)
    return inside, loose


def _table_cells(table: Table, chars: list[Char], s: PdfSettings) -> list[list[Cell]]:
    """Texts of ``table``'s cells with their left and right bounds: a merged cell at its
    first position, ``("", SPANNED, SPANNED)`` where it spans."""
    buckets: dict[tuple[int, int], list[Char]] = {}
    tops = [next(c for c in row if c is not None).top for row in table.rows]
    for ch in chars:
        place = _cell_of(table, tops, (ch.x0 + ch.x1) / 2, (ch.top + ch.bottom) / 2, s.merged_cell_rows)
        if place is not None:
            buckets.setdefault(place, []).append(ch)
    return [
        [
            (_cell_text(buckets.get((k, j), []), s), c.x0, c.x1) if c is not None else ("", SPANNED, SPANNED)
            for j, c in enumerate(row)
        ]
        for k, row in enumerate(table.rows)
    ]


def _cell_of(table: Table, tops: list[float], cx: float, cy: float, lookback: int) -> tuple[int, int] | None:
    """The (row, column) of the cell holding the point: in its row or, for a merged cell
    spanning rows, in one up to ``lookback`` rows above."""
    i = bisect_right(tops, cy) - 1
    for k in range(i, max(i - lookback - 1, -1), -1):
        for j, c in enumerate(table.rows[k]):
            if c is not None and c.x0 <= cx <= c.x1 and c.top <= cy <= c.bottom:
                return k, j
    return None


def _lines_of(chars: list[Char], s: PdfSettings) -> list[list[Char]]:
    """Characters grouped into visual lines, top to bottom, each left to right."""
    lines: list[list[Char]] = []
    for ch in sorted(chars, key=lambda c: (c.top, c.x0)):
        if lines:
            ref = lines[-1][0]
            if abs(ch.top - ref.top) <= max(ref.size, ch.size) * s.line_overlap:
                lines[-1].append(ch)
                continue
        lines.append([ch])
    for line in lines:
        line.sort(key=lambda c: c.x0)
    return lines


def _line_text(line: list[Char], s: PdfSettings) -> str:
    """The text of a visual line, a space where the gap between characters is a space."""
    parts: list[str] = [line[0].text] if line else []
    for prev, ch in pairwise(line):
        autospaced = bool(CJK.match(prev.text)) != bool(CJK.match(ch.text))
        gap = s.autospace_gap if autospaced else s.word_gap
        if ch.x0 - prev.x1 > max(ch.size, prev.size) * gap:
            parts.append(" ")
        parts.append(ch.text)
    return SPACES.sub(" ", "".join(parts)).strip()


def _cell_text(chars: list[Char], s: PdfSettings) -> str:
    """The text of one table cell."""
    return join_lines([_line_text(line, s) for line in _lines_of(chars, s)], numbers=True)


def _line(chars: list[Char], height: float, s: PdfSettings) -> Line | None:
    """A visual line outside the tables, or ``None`` for a page number."""
    text = _line_text(chars, s)
    top = min(c.top for c in chars)
    bottom = max(c.bottom for c in chars)
    in_margin = bottom < height * s.margin or top > height * (1 - s.margin)
    if in_margin and PAGE_NUMBER.match(text):
        return None
    in_foot = bottom < height * s.foot or top > height * (1 - s.foot)
    if in_foot and DASHED_PAGE_NUMBER.match(text):
        return None
    return Line(text, chars[0].x0, chars[-1].x1, max(c.size for c in chars), in_margin, top, bottom)


# --- Emitting: pages of items → rows ---------------------------------------------------


class Facts(NamedTuple):
    """What the whole document tells about each page: the running heads to drop, the
    body's type size, and the text block of each page shape."""

    heads: set[str]
    body_size: float
    blocks: dict[Shape, tuple[float, float]]


class Flow(NamedTuple):
    """What one page hands on to the next."""

    above: Above = ()
    """The rows of the table that the next page may go on with."""
    head: tuple[list[str], ...] = ()
    """The texts of that table's first rows, which it may repeat on each page."""
    prose: Row | None = None
    """The last paragraph while it may go on over a page break."""
    paragraphs: int = 0
    tables: int = 0


def _rows(pages: list[list[Item]], shapes: list[Shape], s: PdfSettings) -> list[Row]:
    """The document's rows: paragraphs and table rows in reading order."""
    facts = _facts(pages, shapes, s)
    flow = Flow()
    rows: list[Row] = []
    for number, (items, shape) in enumerate(zip(pages, shapes, strict=True), start=1):
        page_rows, flow = _page_rows(items, number, shape, flow, facts, s)
        rows += page_rows
    return rows


def _facts(pages: list[list[Item]], shapes: list[Shape], s: PdfSettings) -> Facts:
    return Facts(_running_heads(pages, s), _body_size(pages, s), _text_blocks(pages, shapes, s))


def _page_rows(
    items: list[Item], number: int, shape: Shape, flow: Flow, facts: Facts, s: PdfSettings
) -> tuple[list[Row], Flow]:
    block = facts.blocks.get(shape)
    if flow.prose is not None and not _full_block(block, shape[0], s):
        flow = flow._replace(prose=None)
    rows: list[Row] = []
    for run in _runs(items, facts.heads):
        if isinstance(run, Grid):
            more, flow = _table_rows(run, number, flow, s)
        else:
            more, flow = _prose_rows(run, number, block, flow, facts.body_size, s)
        rows += more
    return rows, flow


def _runs(items: list[Item], heads: set[str]) -> list[Grid | list[Line]]:
    """A page's tables, and the lines between them as one run each (running heads out)."""
    runs: list[Grid | list[Line]] = []
    for item in items:
        if isinstance(item, Grid):
            runs.append(item)
        elif item.text not in heads:
            if runs and isinstance(runs[-1], list):
                runs[-1].append(item)
            else:
                runs.append([item])
    return runs


def _prose_rows(
    lines: list[Line],
    number: int,
    block: tuple[float, float] | None,
    flow: Flow,
    body_size: float,
    s: PdfSettings,
) -> tuple[list[Row], Flow]:
    """Paragraph rows of a run of lines; the first goes on the paragraph left open by
    the page before, when it continues it."""
    prose = _paragraphs(lines, body_size, block, s, after_open=flow.prose is not None)
    texts = prose.paragraphs
    last = flow.prose
    if prose.continued and last is not None:
        last.cells = [join_lines([last.cells[0], texts[0]])]
        texts = texts[1:]
    rows = [Row([text], f"第{number}页第{flow.paragraphs + n}段") for n, text in enumerate(texts, start=1)]
    last = rows[-1] if rows else last
    return rows, flow._replace(
        above=(), prose=last if prose.open else None, paragraphs=flow.paragraphs + len(rows)
    )


def _table_rows(grid: Grid, number: int, flow: Flow, s: PdfSettings) -> tuple[list[Row], Flow]:
    """Rows of a table on one page; a table going on from the page before drops the
    header rows it repeats and mends the row the page break cut."""
    cells = [r for r in grid.rows if any(t for t, _, _ in r)]
    head = flow.head
    if flow.above:
        cells = cells[_repeated_head(head, cells) :]
        rest = _rest_of_split_row(flow.above, cells[0], s) if cells else None
        if rest is not None:
            _join_rest(flow.above, rest)
            cells = cells[1:]
    else:
        head = tuple([t for t, _, _ in r if t] for r in cells[: s.head_rows])
    tables = flow.tables + 1
    made = [
        (row, _table_row(row, f"第{number}页第{tables}个表格第{n}行")) for n, row in enumerate(cells, start=1)
    ]
    return [row for _, row in made], flow._replace(
        above=flow.above + tuple(made), head=head, prose=None, tables=tables
    )


def _table_row(cells: list[Cell], where: str) -> Row:
    spans = frozenset(j for j, (t, a, b) in enumerate(cells) if not t and a == b == SPANNED)
    return Row([t for t, _, _ in cells], where, structured=True, spans=spans)


# --- Paragraphs ------------------------------------------------------------------------


class Prose(NamedTuple):
    paragraphs: list[str]
    continued: bool
    """The first paragraph goes on the open one before these lines."""
    open: bool
    """The last line runs to the right margin: its paragraph may go on."""


def _paragraphs(
    lines: list[Line],
    body_size: float,
    block: tuple[float, float] | None,
    s: PdfSettings,
    *,
    after_open: bool = False,
) -> Prose:
    """Consecutive lines of running text merged where a line runs to the right margin,
    and the lines of a display title set larger than the body text merged too.

    ``block`` is the left and right edge of the text on pages of this size, as found
    on all of them: a page whose prose is all short lines (a heading and a sentence
    between two tables) does not show where its right margin is. ``after_open`` says
    that the lines before these (on the page before) ended in an open paragraph."""
    if not lines:
        return Prose([], False, after_open)
    left, right = _edges(lines, block, s)
    out: list[str] = []
    open_para = after_open
    continued = False
    prev: Line | None = None
    for line in lines:
        if open_para and line.x0 <= left + line.size * s.indent:
            if out:
                out[-1] = join_lines([out[-1], line.text])
            else:
                out.append(line.text)
                continued = True
        elif prev is not None and _same_title(prev, line, (left + right) / 2, body_size, s):
            out[-1] = join_lines([out[-1], line.text])
        else:
            out.append(line.text)
        open_para = line.x1 >= right - line.size * s.open_end
        prev = line
    return Prose(out, continued, open_para)


def _edges(lines: list[Line], block: tuple[float, float] | None, s: PdfSettings) -> tuple[float, float]:
    """The left and right edge that these lines are measured against."""
    left = min(line.x0 for line in lines)
    if block is None:
        return left, _right_edge([(line.x1, line.size) for line in lines], s)
    return min(left, block[0]), block[1]


def _same_title(prev: Line, line: Line, centre: float, body_size: float, s: PdfSettings) -> bool:
    """Whether ``line`` goes on the display title (or heading) that ``prev`` began.

    A title too long for one line is broken by hand, or wrapped, and each line
    centred: centred lines of one type size larger than the body text, one under the
    other, are one paragraph (``某某局2023年`` / ``政府信息公开工作年度报告``)."""
    step = s.size_step
    if not body_size or line.size <= body_size + step or abs(line.size - prev.size) > step:
        return False
    if line.top - prev.bottom > line.size * s.title_gap:
        return False
    return all(abs((x.x0 + x.x1) / 2 - centre) <= x.size * s.title_centre for x in (prev, line))


def _text_blocks(
    pages: list[list[Item]], shapes: list[Shape], s: PdfSettings
) -> dict[Shape, tuple[float, float]]:
    """Left and right edge of the prose outside the margins, for each shape of page.

    The right edge is where most long lines end, not the furthest any line reaches: an
    office suite lets a comma hang past the margin, and a line of Latin digits and
    spaces may be squeezed a little wider, so the furthest end is up to a character
    beyond the margin and would make a line that filled the measure look short."""
    lefts: dict[Shape, float] = {}
    ends: dict[Shape, list[tuple[float, float]]] = {}
    for items, shape in zip(pages, shapes, strict=True):
        for line in items:
            if isinstance(line, Grid) or line.in_margin or not line.text:
                continue
            lefts[shape] = min(lefts.get(shape, line.x0), line.x0)
            ends.setdefault(shape, []).append((line.x1, line.size))
    return {shape: (lefts[shape], _right_edge(ends[shape], s)) for shape in lefts}


def _right_edge(ends: list[tuple[float, float]], s: PdfSettings) -> float:
    """The median end of the lines ending near the furthest (``right_edge_reach``)."""
    furthest = max(x1 for x1, _ in ends)
    near = sorted(x1 for x1, size in ends if x1 >= furthest - s.right_edge_reach * size)
    return near[len(near) // 2]


def _full_block(block: tuple[float, float] | None, page_width: float, s: PdfSettings) -> bool:
    """Whether ``block`` looks like the text block of a page of prose, so that a line
    running to its right edge really is a wrapped line."""
    return block is not None and block[1] - block[0] >= s.full_block * page_width


def _body_size(pages: list[list[Item]], s: PdfSettings) -> float:
    """The type size of most of the text outside the tables."""
    sizes: Counter[float] = Counter()
    for items in pages:
        for line in items:
            if isinstance(line, Line):
                sizes[round(line.size / s.size_step) * s.size_step] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def _running_heads(pages: list[list[Item]], s: PdfSettings) -> set[str]:
    """Texts that recur in the margins of most pages: running heads and feet."""
    if len(pages) < s.running_head_pages:
        return set()
    seen: Counter[str] = Counter()
    for items in pages:
        seen.update({p.text for p in items if isinstance(p, Line) and p.in_margin})
    least = max(s.running_head_pages, len(pages) * s.running_head_share)
    return {text for text, n in seen.items() if n >= least}


# --- Tables over page breaks -------------------------------------------------------------


def _repeated_head(head: tuple[list[str], ...], rows: list[list[Cell]]) -> int:
    """How many of ``rows`` (a table going on over a page break) repeat its header rows.

    Rows are compared by their texts alone: the repeat may be cut into other columns."""
    n = 0
    while n < min(len(head), len(rows)) and [t for t, _, _ in rows[n] if t] == head[n]:
        n += 1
    return n


Rest = list[tuple[int, int, str]]
"""Texts to append to cells of the rows above: (row, column, text)."""


def _rest_of_split_row(above: Above, first: list[Cell], s: PdfSettings) -> Rest | None:
    """Where ``first`` (the top row on a new page) goes when it is the rest of the last
    row ``above`` it, cut by the page break: no number in it, and each of its cells within
    one column. A text in a column that a merged cell spans in the last row goes on with
    that merged cell, in the row above that holds its text; a cell spanning several columns
    is a new row, not the rest of one. ``None`` when it is a row of its own."""
    texts = [c for c in first if c[0]]
    if not above or not texts or any(NUMBERISH.search(t) for t, _, _ in texts):
        return None
    rest: Rest = []
    for text, x0, x1 in texts:
        col = _column(above, x0, x1, s.column_tolerance)
        if col is None:
            return None
        owner = _owner(above, col)
        if owner is None:
            return None
        rest.append((owner, col, text))
    return rest


def _owner(above: Above, col: int) -> int | None:
    """The row whose cell in column ``col`` a text cut off the last row goes on: the last
    row's own, or the row above holding the text of a merged cell spanning there."""
    last = above[-1][0]
    if last[col][0]:
        return len(above) - 1
    if last[col][1] != SPANNED:
        return None
    return next((k for k in range(len(above) - 2, -1, -1) if above[k][0][col][0]), None)


def _join_rest(above: Above, rest: Rest) -> None:
    """Append each text of the rest of a cut row to its cell (emitted rows are updated)."""
    for owner, col, text in rest:
        cells, row = above[owner]
        t, a, b = cells[col]
        cells[col] = (join_lines([t, text]), a, b)
        row.cells = [c for c, _, _ in cells]


def _column(above: Above, x0: float, x1: float, tolerance: float) -> int | None:
    """The column whose cell bounds, in the nearest row above that has them, hold ``x0``–``x1``."""
    for cells, _ in reversed(above):
        for i, (_, a, b) in enumerate(cells):
            if a != SPANNED and a - tolerance <= x0 and x1 <= b + tolerance:
                return i
    return None
