"""PDF (text layer) → rows: ruled tables rebuilt from lines and character positions.

pdfplumber gives characters with positions and the ruling lines. Tables are found from
the ruling lines (``find_tables`` on explicit edges), after dropping a page frame: an
office suite typesetting a report that sits in an HTML layout table draws that table's
box around every page, touching the real tables, and a table finder would otherwise
weld everything into one grid. Characters are bucketed into the cells of each table;
whatever lies outside tables becomes paragraph rows, one per visual line, wrapped lines
of one paragraph joined.

Tables go on across page breaks by themselves (rows are emitted in order); a row cut by
the page break (``结果维`` / ``持``) is mended. Page numbers and running heads are dropped.
"""

from __future__ import annotations

import io
import re
from bisect import bisect_right
from collections import Counter
from typing import Any, NamedTuple

import pdfplumber
import pypdfium2

from xxgk.ingest import limits
from xxgk.ingest.document import Document, ReadError, Row
from xxgk.ingest.formats import reader
from xxgk.report.model import Finding

SCANNED = "该PDF没有文字层（可能是扫描件），需要先进行文字识别(OCR)"
PAGE_NUMBER = re.compile(
    r"^(?:[-—–－ ]*\d{1,4}[-—–－ ]*|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+|"
    r"page\s*\d+(?:\s*of\s*\d+)?)$",
    re.IGNORECASE,
)
CJK = re.compile(r"[\u2e80-\u9fff\uff00-\uffef\u3000-\u303f]")
NUMBERISH = re.compile(r"\d")
NUMBER_END = re.compile(r"(?:^|[^\w.])[-−]?\d[\d,]*\.?\d*$")
NUMBER_START = re.compile(r"[\d.,]*\d[\d.,]*$")
SPACES = re.compile(r"\s+")
MARGIN = 0.08
"""Share of the page height at top and bottom where page numbers and running heads live."""
DASHED_PAGE_NUMBER = re.compile(
    r"^(?:[-—–－]+\s*\d{1,4}\s*[-—–－]+|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?)$"
)
FOOT = 0.15
"""A government document (GB/T 9704) prints ``— 2 —`` 7 mm under a text block that
ends 35 mm above the page's edge, about 10 % of the height up: a page number so
decorated is taken anywhere in this share at top and bottom."""

Obj = dict[str, Any]


class Line(NamedTuple):
    """One visual line of text outside the tables, with its box and its largest type size."""

    text: str
    x0: float
    x1: float
    size: float
    in_margin: bool
    top: float = 0.0
    bottom: float = 0.0


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


def _lines_of(chars: list[Obj]) -> list[list[Obj]]:
    """Characters grouped into visual lines, top to bottom, each left to right."""
    lines: list[list[Obj]] = []
    for ch in sorted(chars, key=lambda c: (c["top"], c["x0"])):
        if lines:
            last = lines[-1]
            ref = last[0]
            if abs(ch["top"] - ref["top"]) <= max(ref["size"], ch["size"]) * 0.5:
                last.append(ch)
                continue
        lines.append([ch])
    for line in lines:
        line.sort(key=lambda c: c["x0"])
    return lines


def _line_text(line: list[Obj]) -> str:
    parts: list[str] = []
    prev = None
    for ch in line:
        if prev is not None and ch["x0"] - prev["x1"] > max(ch["size"], prev["size"]) * 0.2:
            parts.append(" ")
        parts.append(ch["text"])
        prev = ch
    return SPACES.sub(" ", "".join(parts)).strip()


def _text(chars: list[Obj]) -> str:
    """The text of one table cell."""
    return join_lines([_line_text(line) for line in _lines_of(chars)], numbers=True)


def _without_frame(page: pdfplumber.page.Page) -> tuple[list[Obj], list[Obj]]:
    """Vertical and horizontal edges of ``page`` less a closed box drawn round the whole page.

    Only a closed box that doubles a table's own border (a parallel rule a point or two
    inside it, which a table finder would snap onto) is a frame; a table that simply
    fills the page keeps its borders.
    """
    vertical = list(page.vertical_edges)
    horizontal = list(page.horizontal_edges)
    tall = [e for e in vertical if e["bottom"] - e["top"] >= 0.8 * float(page.height)]
    if len(tall) < 2:
        return vertical, horizontal
    left = min(tall, key=lambda e: e["x0"])
    right = max(tall, key=lambda e: e["x0"])
    top = max(left["top"], right["top"])
    bottom = min(left["bottom"], right["bottom"])

    def side(h: Obj) -> bool:
        return (
            min(abs(h["top"] - top), abs(h["top"] - bottom)) <= 2.5
            and h["x0"] <= left["x0"] + 2.5
            and h["x1"] >= right["x0"] - 2.5
        )

    doubled = any(
        e is not left
        and e is not right
        and (0.3 < e["x0"] - left["x0"] < 4 or 0.3 < right["x0"] - e["x0"] < 4)
        for e in vertical
    )
    if not doubled:
        return vertical, horizontal
    sides = [h for h in horizontal if side(h)]
    if not (
        any(abs(h["top"] - top) <= 2.5 for h in sides) and any(abs(h["top"] - bottom) <= 2.5 for h in sides)
    ):
        return vertical, horizontal
    return (
        [e for e in vertical if e is not left and e is not right],
        [h for h in horizontal if not any(h is f for f in sides)],
    )


def _caps(vertical: list[Obj], horizontal: list[Obj]) -> list[Obj]:
    """Horizontal rules closing the cells that a page break leaves open.

    A table running over a page break has no rule where the page cuts it, so the cells
    of its first or last row on the page are open and a table finder ignores them. A
    rule is added at every vertical rule's end that no horizontal rule meets.
    """
    ends: dict[float, list[Obj]] = {}
    for e in vertical:
        for y in (e["top"], e["bottom"]):
            met = any(h["x0"] - 2 <= e["x0"] <= h["x1"] + 2 and abs(h["top"] - y) <= 2 for h in horizontal)
            if not met:
                ends.setdefault(round(y), []).append(e)
    caps = []
    for y, edges in ends.items():
        if len(edges) < 2:
            continue
        x0 = min(e["x0"] for e in edges)
        x1 = max(e["x0"] for e in edges)
        caps.append(
            {
                "x0": x0,
                "x1": x1,
                "top": float(y),
                "bottom": float(y),
                "width": x1 - x0,
                "height": 0.0,
                "orientation": "h",
                "object_type": "line",
            }
        )
    return caps


def _page_tables(page: pdfplumber.page.Page) -> list[Any]:
    vertical, horizontal = _without_frame(page)
    if len(vertical) < 2:
        return []
    horizontal = horizontal + _caps(vertical, horizontal)
    if len(horizontal) < 2:
        return []
    settings = {
        "vertical_strategy": "explicit",
        "horizontal_strategy": "explicit",
        "explicit_vertical_lines": vertical,
        "explicit_horizontal_lines": horizontal,
        "snap_tolerance": 1.5,
        "join_tolerance": 3,
        "intersection_tolerance": 3,
    }
    tables = page.find_tables(settings)
    return [t for t in tables if max((len(r.cells) for r in t.rows), default=0) >= 2]


Cell = tuple[str, float, float]
"""A table cell's text and its left and right bounds."""
SPANNED = -1.0
"""The bounds given to a position a merged cell spans (pdfplumber has no cell there)."""


def _table_grid(table: Any, chars: list[Obj]) -> list[list[tuple[str, float, float]]]:
    """Texts of ``table``'s cells with their left and right bounds: a merged cell at its
    first position, ``("", SPANNED, SPANNED)`` where it spans."""
    rows = table.rows
    tops = [r.bbox[1] for r in rows]
    buckets: dict[tuple[int, int], list[Obj]] = {}
    for ch in chars:
        cx = (ch["x0"] + ch["x1"]) / 2
        cy = (ch["top"] + ch["bottom"]) / 2
        i = bisect_right(tops, cy) - 1
        if i < 0:
            continue
        found = False
        for k in range(i, -1, -1):
            for j, cell in enumerate(rows[k].cells):
                if cell is not None and cell[0] <= cx <= cell[2] and cell[1] <= cy <= cell[3]:
                    buckets.setdefault((k, j), []).append(ch)
                    found = True
                    break
            if found or k < i - 50:
                break
    return [
        [
            (_text(buckets.get((k, j), [])), cell[0], cell[2]) if cell is not None else ("", SPANNED, SPANNED)
            for j, cell in enumerate(r.cells)
        ]
        for k, r in enumerate(rows)
    ]


def _inside(ch: Obj, boxes: list[tuple[float, float, float, float]]) -> bool:
    cx = (ch["x0"] + ch["x1"]) / 2
    cy = (ch["top"] + ch["bottom"]) / 2
    return any(b[0] <= cx <= b[2] and b[1] <= cy <= b[3] for b in boxes)


def _read_page(page: pdfplumber.page.Page) -> list[tuple[str, Any]]:
    chars = [c for c in page.chars if c.get("upright", True)]
    if not any(c["text"].strip() for c in chars):
        return []
    tables = _page_tables(page)
    boxes = [t.bbox for t in tables]
    items: list[tuple[float, str, Any]] = []
    for t in tables:
        x0, top, x1, bottom = t.bbox
        inside = [
            c
            for c in chars
            if x0 <= (c["x0"] + c["x1"]) / 2 <= x1 and top <= (c["top"] + c["bottom"]) / 2 <= bottom
        ]
        grid = _table_grid(t, inside)
        items.append((top, "table", grid))
    loose = [c for c in chars if not _inside(c, boxes)] if boxes else chars
    height = float(page.height)
    for line in _lines_of(loose):
        text = _line_text(line).strip()
        top = min(c["top"] for c in line)
        bottom = max(c["bottom"] for c in line)
        in_margin = bottom < height * MARGIN or top > height * (1 - MARGIN)
        if in_margin and PAGE_NUMBER.match(text):
            continue
        in_foot = bottom < height * FOOT or top > height * (1 - FOOT)
        if in_foot and DASHED_PAGE_NUMBER.match(text):
            continue
        x0 = line[0]["x0"]
        x1 = line[-1]["x1"]
        size = max(c["size"] for c in line)
        items.append((top, "line", Line(text, x0, x1, size, in_margin, top, bottom)))
    items.sort(key=lambda it: it[0])
    return [(kind, payload) for _, kind, payload in items]


class Prose(NamedTuple):
    paragraphs: list[str]
    continued: bool
    """The first paragraph goes on the open one before these lines."""
    open: bool
    """The last line runs to the right margin: its paragraph may go on."""


def _paragraphs(
    lines: list[Line],
    body_size: float = 0.0,
    block: tuple[float, float] | None = None,
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
    left = min(line.x0 for line in lines)
    if block is None:
        right = _right_edge([(line.x1, line.size) for line in lines])
    else:
        left, right = min(left, block[0]), block[1]
    out: list[str] = []
    open_para = after_open
    continued = False
    prev: Line | None = None
    for line in lines:
        if open_para and line.x0 <= left + line.size * 0.8:
            if out:
                out[-1] = join_lines([out[-1], line.text])
            else:
                out.append(line.text)
                continued = True
        elif prev is not None and _same_title(prev, line, left, right, body_size):
            out[-1] = join_lines([out[-1], line.text])
        else:
            out.append(line.text)
        open_para = line.x1 >= right - line.size * 1.5
        prev = line
    return Prose(out, continued, open_para)


def _same_title(prev: Line, line: Line, left: float, right: float, body_size: float) -> bool:
    """Whether ``line`` goes on the display title (or heading) that ``prev`` began.

    A title too long for one line is broken by hand, or wrapped, and each line
    centred: centred lines of one type size larger than the body text, one under the
    other, are one paragraph (``某某局2023年`` / ``政府信息公开工作年度报告``)."""
    if not body_size or line.size <= body_size + 0.5 or abs(line.size - prev.size) > 0.5:
        return False
    if line.top - prev.bottom > line.size:
        return False
    centre = (left + right) / 2
    return all(abs((x.x0 + x.x1) / 2 - centre) <= x.size for x in (prev, line))


def _text_blocks(
    pages: list[list[tuple[str, Any]]], shapes: list[tuple[int, int]]
) -> dict[tuple[int, int], tuple[float, float]]:
    """Left and right edge of the prose outside the margins, for each size of page.

    The right edge is where most long lines end, not the furthest any line reaches: an
    office suite lets a comma hang past the margin, and a line of Latin digits and
    spaces may be squeezed a little wider, so the furthest end is up to a character
    beyond the margin and would make a line that filled the measure look short."""
    lefts: dict[tuple[int, int], float] = {}
    ends: dict[tuple[int, int], list[tuple[float, float]]] = {}
    for items, shape in zip(pages, shapes, strict=True):
        for kind, line in items:
            if kind != "line" or line.in_margin or not line.text:
                continue
            lefts[shape] = min(lefts.get(shape, line.x0), line.x0)
            ends.setdefault(shape, []).append((line.x1, line.size))
    return {shape: (lefts[shape], _right_edge(ends[shape])) for shape in lefts}


def _right_edge(ends: list[tuple[float, float]]) -> float:
    """The median end of the lines ending within two characters of the furthest."""
    furthest = max(x1 for x1, _ in ends)
    near = sorted(x1 for x1, size in ends if x1 >= furthest - 2 * size)
    return near[len(near) // 2]


def _full_block(block: tuple[float, float] | None, page_width: float) -> bool:
    """Whether ``block`` looks like the text block of a page of prose (half its width or
    more), so that a line running to its right edge really is a wrapped line."""
    return block is not None and block[1] - block[0] >= 0.5 * page_width


def _body_size(pages: list[list[tuple[str, Any]]]) -> float:
    """The type size of most of the text outside the tables."""
    sizes: Counter[float] = Counter()
    for items in pages:
        for kind, payload in items:
            if kind == "line":
                sizes[round(payload.size * 2) / 2] += len(payload.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def _mend_split_row(above: list[tuple[list[Cell], Row]], first: list[Cell]) -> bool:
    """Join ``first`` (top row on a new page) to the rows ``above`` it when it is the rest of
    the last of them, cut by the page break: no number in it, and each of its cells within
    one column. A text in a column that a merged cell spans in the last row goes on with
    that merged cell, in the row above that holds its text; a cell spanning several columns
    is a new row, not the rest of one."""
    texts = [c for c in first if c[0]]
    if not above or not texts or any(NUMBERISH.search(t) for t, _, _ in texts):
        return False
    last = above[-1][0]
    targets = []
    for text, x0, x1 in texts:
        col = _column(above, x0, x1)
        if col is None:
            return False
        if last[col][0]:
            owner = len(above) - 1
        elif last[col][1] == SPANNED:
            owner = next((k for k in range(len(above) - 2, -1, -1) if above[k][0][col][0]), None)
            if owner is None:
                return False
        else:
            return False
        targets.append((owner, col, text))
    for owner, col, text in targets:
        cells, row = above[owner]
        t, a, b = cells[col]
        cells[col] = (join_lines([t, text]), a, b)
        row.cells = [c for c, _, _ in cells]
    return True


def _column(above: list[tuple[list[Cell], Row]], x0: float, x1: float) -> int | None:
    """The column whose cell bounds, in the nearest row above that has them, hold ``x0``–``x1``."""
    for cells, _ in reversed(above):
        for i, (_, a, b) in enumerate(cells):
            if a != SPANNED and a - 1 <= x0 and x1 <= b + 1:
                return i
    return None


HEAD_ROWS = 4
"""Header rows a table may repeat at the top of each page it runs on to."""


def _repeated_head(head: list[list[str]], rows: list[list[Cell]]) -> int:
    """How many of ``rows`` (a table going on over a page break) repeat its header rows.

    Rows are compared by their texts alone: the repeat may be cut into other columns."""
    n = 0
    while n < min(len(head), len(rows)) and [t for t, _, _ in rows[n] if t] == head[n]:
        n += 1
    return n


def _running_heads(pages: list[list[tuple[str, Any]]]) -> set[str]:
    """Texts that recur in the margins of most pages: running heads and feet."""
    if len(pages) < 3:
        return set()
    seen: Counter[str] = Counter()
    for items in pages:
        seen.update({p.text for kind, p in items if kind == "line" and p.in_margin})
    return {text for text, n in seen.items() if n >= max(3, len(pages) * 0.6)}


def _count_pages(data: bytes) -> int:
    try:
        pdf = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise ReadError("PDF 文件已加密，需要密码才能读取") from exc
        raise ReadError("PDF 文件已损坏，无法读取") from exc
    try:
        return len(pdf)
    finally:
        pdf.close()


@reader("pdf")
def read_pdf(data: bytes, source: str) -> Document:
    doc = Document(source=source, format="pdf")
    total = _count_pages(data)
    wanted = min(total, limits.MAX_PDF_PAGES)
    if total > wanted:
        doc.findings.append(
            Finding(
                rule="read-truncated",
                severity="warning",
                message=f"PDF 共 {total} 页，超过 {limits.MAX_PDF_PAGES} 页的上限，只读取了前 {wanted} 页",
            )
        )
    pages: list[list[tuple[str, Any]]] = []
    shapes: list[tuple[int, int]] = []
    images = 0
    try:
        with pdfplumber.open(io.BytesIO(data), pages=list(range(1, wanted + 1))) as pdf:
            for page in pdf.pages:
                pages.append(_read_page(page))
                shapes.append((round(float(page.width)), round(float(page.height))))
                images += len(page.images)
                page.flush_cache()
    except ReadError:
        raise
    except Exception as exc:  # pdfminer raises many unrelated types on a broken file
        raise ReadError(f"PDF 文件无法解析（{type(exc).__name__}），可能已损坏") from exc
    if not any(pages):
        if images:
            raise ReadError(SCANNED)
        raise ReadError("PDF 中没有任何文字")
    _emit(doc, pages, shapes)
    return doc


def _emit(doc: Document, pages: list[list[tuple[str, Any]]], shapes: list[tuple[int, int]]) -> None:
    heads = _running_heads(pages)
    body_size = _body_size(pages)
    blocks = _text_blocks(pages, shapes)
    paragraphs = tables = 0
    above: list[tuple[list[Cell], Row]] = []  # the table that the next page may go on with
    head: list[list[str]] = []  # the texts of its first rows, which it may repeat on each page
    prose_row: Row | None = None  # the last paragraph while it may go on over a page break
    for number, items in enumerate(pages, start=1):
        pending: list[Line] = []

        block = blocks.get(shapes[number - 1])
        if prose_row is not None and not _full_block(block, shapes[number - 1][0]):
            prose_row = None

        def flush(
            page: int = number, pending: list[Line] = pending, block: tuple[float, float] | None = block
        ) -> None:
            nonlocal paragraphs, prose_row
            if not pending:
                return
            prose = _paragraphs(pending, body_size, block, after_open=prose_row is not None)
            texts = prose.paragraphs
            if prose.continued and prose_row is not None:
                prose_row.cells = [join_lines([prose_row.cells[0], texts[0]])]
                texts = texts[1:]
            for text in texts:
                paragraphs += 1
                prose_row = Row([text], f"第{page}页第{paragraphs}段")
                doc.rows.append(prose_row)
            if not prose.open:
                prose_row = None
            pending.clear()

        for kind, payload in items:
            if kind == "line":
                if payload.text not in heads:
                    pending.append(payload)
                    above = []
                continue
            flush()
            prose_row = None
            rows = [r for r in payload if any(t for t, _, _ in r)]
            if above:
                rows = rows[_repeated_head(head, rows) :]
                if rows and _mend_split_row(above, rows[0]):
                    rows = rows[1:]
            else:
                head = [[t for t, _, _ in r if t] for r in rows[:HEAD_ROWS]]
            tables += 1
            for n, cells in enumerate(rows, start=1):
                row = Row(
                    [t for t, _, _ in cells],
                    f"第{number}页第{tables}个表格第{n}行",
                    structured=True,
                    spans=frozenset(j for j, (t, a, b) in enumerate(cells) if not t and a == b == SPANNED),
                )
                above.append((cells, row))
                doc.rows.append(row)
        flush()
