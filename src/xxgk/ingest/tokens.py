"""A document's rows as one stream of tokens: label texts, values, blanks, row breaks.

Tables are found and read on this stream, so the same reading serves a table printed
one cell per line, as tab rows, as markdown, or as rows from HTML/DOCX/PDF.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from xxgk.ingest.document import Document
from xxgk.ingest.labels import normalise
from xxgk.ingest.numbers import MAY_BE_VALUE, Cell, Number, is_page_marker, read_cell

TEXT, VALUE, BLANK = "text", "value", "blank"
SPLIT_MAX = 120
PROSE = 150
_SENTENCE = re.compile(r"[。；;！？]|\d\s*(?:件|条|项|个|次|人|家|份|万元|元)[^\d\s]|[共达]\s*\d")
_DIGIT = re.compile(r"[\d０-９]")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_PARTS = re.compile(r"[\s\u3000]+")
_GLUED = re.compile(r"^(?P<label>.*?[^\d\s.,+\-])(?P<digits>(?:[\s\u3000]*\d+)+)$")
_JOIN_NEXT = {"增", "减", "增加", "减少", "+", "-"}
_UNITS = {"元", "万元", "亿元", "千元", "件", "项", "个", "条"}


@dataclass(slots=True)
class Token:
    kind: str
    text: str
    norm: str
    row: int
    where: str
    value: Number | None = None
    unit: str | None = None


class Tokens(list[Token]):
    """A document's tokens, with where the short texts (possible labels) stand, found once."""

    _labels: list[int] | None = None

    def labels(self, longest: int) -> list[int]:
        """Positions of the text tokens no longer than ``longest`` (the same each time asked)."""
        if self._labels is None:
            self._labels = [i for i, t in enumerate(self) if t.kind == TEXT and len(t.norm) <= longest]
        return self._labels


def tokenise(doc: Document) -> Tokens:
    """Every cell of every row as a token.

    A structured row's empty cells are blank tokens (they hold a column's place), except
    the positions a merged cell spans and the indentation before the only filled cell of
    a line (one cell per line). In a structured row of several labels (a header such as
    ``类别 | 数据1 | 数据2``) a label's digits are its own, not a value glued to it. A line
    with nothing on it gives no token; a lone tab is one blank cell.
    """
    out = Tokens()
    append = out.append
    stripped = doc.format == "text"  # the text reader strips every cell
    parted = False
    digit = _DIGIT.search
    for i, row in enumerate(doc.rows):
        where = row.where
        raw = row.cells
        structured = row.structured
        if row.spans:
            raw = [c for j, c in enumerate(raw) if j not in row.spans]
        if not structured or (len(raw) == 2 and not raw[0].strip()):
            c = raw[-1].strip()
            if not c:
                if structured:
                    append(Token(BLANK, "", "", i, where))
                continue
            lone = _lone_cell(c) if len(c) <= PROSE else _lone_cell.__wrapped__(c)
            if lone is not None:
                append(Token(lone[0], c, lone[1], i, where, lone[2], lone[3]))
                parted = parted or (lone[0] == TEXT and lone[1] in _PARTS_ALONE)
                continue
        if stripped:
            cells = raw if structured else raw[:1]
        else:
            cells = [c.strip() for c in raw] if structured else [raw[0].strip()]
        filled = [c for c in cells if c]
        if not filled:
            if structured and len(cells) == 2:
                append(Token(BLANK, "", "", i, where))
            continue
        header = structured and len(filled) > 1 and _labels(filled) > 1
        read: dict[int, Cell | None] = {}
        if len(filled) == 1:
            first = next(j for j, c in enumerate(cells) if c)
            cell = read_cell(filled[0])
            if cell is not None:
                cells, read = filled, {0: cell}
            else:
                cells, read = cells[first:], {0: None}
        for j, c in enumerate(cells):
            if not c:
                append(Token(BLANK, "", "", i, where))
                continue
            cell = read[j] if j in read else read_cell(c)
            if cell is not None:
                value = cell.value
                append(Token(BLANK if value is None else VALUE, c, "", i, where, value, cell.unit))
            elif len(c) > SPLIT_MAX or not digit(c) or (header and _CJK.search(c)):
                norm = normalise(c) if len(c) <= PROSE else c
                append(Token(TEXT, c, norm, i, where))
                parted = parted or norm in _PARTS_ALONE
            elif not is_page_marker(c):
                out.extend(_split(c, i, where))
    return _rejoin(out) if parted else out


_SIGNS = {"增": 1, "增加": 1, "+": 1, "减": -1, "减少": -1}
_MONEY_ALONE = {"元", "万元", "亿元", "千元", "(元)", "(万元)", "(亿元)", "(千元)"}
_COUNT_UNITS = {"件", "项", "个", "条", "批", "批次", "次", "宗", "家"}
_PARTS_ALONE = frozenset(_SIGNS) | _MONEY_ALONE | _COUNT_UNITS


def _rejoin(tokens: Tokens) -> Tokens:
    """A cell's sign or unit that a scraper put on a line of its own, given back to its
    number: ``20`` / ``增`` / ``7`` is 20 and +7, ``129323`` / ``元`` is 129323 元, and a
    header's ``采购总金额`` / ``（元）`` names its unit again."""
    out = Tokens()
    sign: Token | None = None
    for t in tokens:
        if sign is not None:
            if t.kind == VALUE and t.value is not None and t.value >= 0 and t.unit is None:
                t.value, t.text = _SIGNS[sign.norm] * t.value, sign.text + t.text
            else:
                out.append(sign)
            sign = None
        if t.kind == TEXT and t.norm in _SIGNS:
            sign = t
            continue
        prev = out[-1] if out else None
        if t.kind == TEXT and prev is not None and t.norm in _MONEY_ALONE:
            if prev.kind == VALUE and prev.unit is None:
                prev.unit, prev.text = t.norm.strip("()"), prev.text + t.text
                continue
            if prev.kind == TEXT:
                prev.text += t.text
                prev.norm = normalise(prev.text)
                continue
        if t.kind == TEXT and prev is not None and prev.kind == VALUE and t.norm in _COUNT_UNITS:
            continue
        out.append(t)
    if sign is not None:
        out.append(sign)
    return out


def _labels(cells: list[str]) -> int:
    """How many of a row's cells hold Chinese text, counted up to two."""
    n = 0
    for c in cells:
        if not c.isdigit() and _CJK.search(c):
            n += 1
            if n > 1:
                break
    return n


@lru_cache(maxsize=16384)
def _lone_cell(c: str) -> tuple[str, str, Number | None, str | None] | None:
    """What a cell alone on its line is: (kind, normalised text, value, unit), or ``None``
    when it holds a label and values together (split by the general path)."""
    if not _DIGIT.search(c) and not MAY_BE_VALUE.match(c):
        return TEXT, normalise(c) if len(c) <= PROSE else c, None, None
    cell = read_cell(c)
    if cell is None:
        return None
    return (BLANK if cell.value is None else VALUE), "", cell.value, cell.unit


def _split(text: str, row: int, where: str) -> list[Token]:
    """A cell of text that carries values: ``行政许可 357 增71 9192`` or a label glued to digits.

    Lines from page dumps hold a whole table row in one cell. The values are the
    space-separated parts that read as values (signs and units joined to their number);
    the other parts, joined, are the label. Long prose is left whole.
    """
    whole = Token(TEXT, text, normalise(text) if len(text) <= PROSE else text, row, where)
    if len(text) > SPLIT_MAX or not _DIGIT.search(text) or _SENTENCE.search(text):
        return [whole]
    parts = [p for p in _PARTS.split(text) if p]
    merged: list[str] = []
    for p in parts:
        if merged and (merged[-1] in _JOIN_NEXT or p in _UNITS) and read_cell(merged[-1] + p) is not None:
            merged[-1] += p
        else:
            merged.append(p)
    cells = [(p, read_cell(p)) for p in merged]
    if not any(c is not None and c.value is not None for _, c in cells):
        glued = _GLUED.match(text)
        if glued and len(normalise(glued["label"])) >= 2:
            digits = glued["digits"].split()
            return [Token(TEXT, glued["label"], normalise(glued["label"]), row, where)] + [
                Token(VALUE, d, "", row, where, read_cell(d).value) for d in digits
            ]
        return [whole]
    out: list[Token] = []
    label: list[str] = []
    for p, c in cells:
        if c is None:
            label.append(p)
            continue
        if label:
            joined = " ".join(label)
            out.append(Token(TEXT, joined, normalise(joined), row, where))
            label = []
        out.append(Token(VALUE if c.value is not None else BLANK, p, "", row, where, c.value, c.unit))
    if label:
        joined = " ".join(label)
        out.append(Token(TEXT, joined, normalise(joined), row, where))
    if any(t.kind == TEXT and len(t.norm) > 60 for t in out):
        return [whole]
    return out
