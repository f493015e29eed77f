"""Page dumps: reports whose table cells, rows and sections ran together into long lines.

A scraper that takes the text content of a page prints a table as
``规章000行政规范性文件6233440第二十条第（五）项…`` and often the whole body as one
line. Such a line is cut back into rows before the table interpreter sees it: before
and after each section heading, and inside the statutory tables between every label
and every run of digits. Which digits of a run belong to which cell is not decided
here: the interpreter does that with the identities, as for any row whose cells ran
together.
"""

from __future__ import annotations

import itertools
import re

from xxgk.ingest.document import Document, Row
from xxgk.report.form import EDITION_2019, EDITION_2021
from xxgk.report.sections import SECTIONS

DUMP_MIN = 40
"""Shorter lines are left to the tokeniser, which splits a label glued to its digits."""

_NUMERAL = "一二三四五六七八九十"
_SUFFIX = r"(?:[^。，；：:,;！？\d（(]{0,6}?(?:情况|的事项|事项))?"
_HEADING = re.compile(
    rf"[{_NUMERAL}]、[^。，；！？\d]{{0,12}}?"
    rf"(?:{'|'.join(re.escape(m) for s in SECTIONS for m in s.markers)}){_SUFFIX}"
)
_TABLE_START = re.compile(
    r"第二十条第[（(]|信息内容(?=本年|上一年|采购)|[（(]?本列数据的勾稽关系|申请人情况"
    r"|本年新收政府信息公开申请数量|行政复议行政诉讼|结果维持结果纠正|未经复议直接起诉"
)
_TABLE_SECTIONS = {"proactive", "requests", "reviews", None}
_S2_LABELS = sorted(
    {m for ed in (EDITION_2019, EDITION_2021) for r in ed.s2_rows for m in (r.label, *r.markers)}
    | {"行政规范性文件"},
    key=len,
    reverse=True,
)
_LABEL_START = re.compile(
    rf"第二十条第[（(][{_NUMERAL}]+[）)]项|[（(][{_NUMERAL}][）)]|[{_NUMERAL}]+、"
    r"|(?<!\d)\d[.．、](?=\s*[\u4e00-\u9fff])"
    rf"|{'|'.join(map(re.escape, _S2_LABELS))}"
)
_VALUE = re.compile(r"(?:(?:增加|减少|增|减)\s*)?[+\-−]?\d+(?:,\d{3})*(?:\.\d+)?(?:\s*(?:万元|亿元|元))?")
_NUMBERING_AFTER = re.compile(r"[.．、]\s*[\u4e00-\u9fff]")
_PROSE_UNIT = re.compile(r"[年月日号时分秒位%％]")
_DATE = re.compile(
    r"(?:\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|[〇○零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月"
    r"[一二三四五六七八九十]{1,3}日)(?:印发|发布)?"
)


def unglue(doc: Document) -> Document:
    """``doc`` with every dumped line cut back into rows (the document itself if none is)."""
    cuts = {
        i: pieces
        for i, row in enumerate(doc.rows)
        if max(map(len, row.cells)) >= DUMP_MIN and (pieces := _cut(row)) is not None
    }
    if not cuts:
        return doc
    rows: list[Row] = []
    for i, row in enumerate(doc.rows):
        if i in cuts:
            rows.extend(Row([p], f"{row.where}（第{k}段）") for k, p in enumerate(cuts[i], start=1))
        else:
            rows.append(row)
    return Document(doc.source, doc.format, rows, doc.findings)


def _cut(row: Row) -> list[str] | None:
    filled = [c for c in row.cells if c.strip()]
    if len(filled) != 1:
        return None
    text = filled[0].strip()
    if len({m[0][:4] for m in _TABLE_START.finditer(text)}) < 2 and not _inner_heading(text):
        return None
    pieces: list[str] = []
    for key, part in _sections(text):
        start = _TABLE_START.search(part) if key in _TABLE_SECTIONS else None
        if start is None:
            pieces.append(part)
            continue
        pieces.append(part[: start.start()])
        pieces.extend(_cells(part[start.start() :]))
    if pieces:
        pieces[-1:] = _closing(pieces[-1])
    pieces = [p.strip() for p in pieces if p.strip()]
    return pieces if len(pieces) > 1 else None


def _closing(prose: str) -> list[str]:
    """The last prose of a dump, with the signature and date after its last sentence apart."""
    end = max(prose.rfind("。"), prose.rfind("；"))
    if not 0 <= end < len(prose) - 1 or not _DATE.search(prose, end):
        return [prose]
    out = [prose[: end + 1]]
    start = end + 1
    for m in _DATE.finditer(prose, end):
        out.append(prose[start : m.end()])
        start = m.end()
    out.append(prose[start:])
    return out


def _inner_heading(text: str) -> bool:
    return any(m.start() > 0 for m in _HEADING.finditer(text))


def _sections(text: str) -> list[tuple[str | None, str]]:
    """``text`` cut before and after every section heading, each part with its section."""
    out: list[tuple[str | None, str]] = []
    key: str | None = None
    last = 0
    for m in _HEADING.finditer(text):
        out.append((key, text[last : m.start()]))
        key = next((s.key for s in SECTIONS if any(k in m[0] for k in s.markers)), "reviews")
        out.append(("heading", m[0]))
        last = m.end()
    out.append((key, text[last:]))
    return out


def _cells(table: str) -> list[str]:
    """A table's text cut into labels and runs of digits."""
    out: list[str] = []
    text = ""
    pos = 0
    for m in _VALUE.finditer(table):
        run = m[0]
        after = table[m.end() : m.end() + 3]
        if _PROSE_UNIT.match(after):
            continue
        numbering = ""
        if _NUMBERING_AFTER.match(after) and run[-1].isdigit():
            run, numbering = run[:-1], run[-1]
            if not run or not run[-1].isdigit():
                continue
        text += table[pos : m.start()]
        out += _labels(text)
        out.append(run)
        text = numbering
        pos = m.end()
    out += _labels(text + table[pos:])
    return out


def _labels(text: str) -> list[str]:
    """A run of label text cut before each row label that starts inside it."""
    cuts = [m.start() for m in _LABEL_START.finditer(text) if m.start() > 0]
    bounds = [0, *cuts, len(text)]
    return [text[a:b] for a, b in itertools.pairwise(bounds) if text[a:b].strip()]
