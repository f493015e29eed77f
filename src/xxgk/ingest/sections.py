"""The six narrative sections of a report, found by their headings."""

from __future__ import annotations

import re

from xxgk.ingest.document import Document
from xxgk.ingest.labels import normalise
from xxgk.report.sections import SECTIONS

_NUMBERED = re.compile(r"^[一二三四五六七八九十]+、")
_RAW_NUMBERED = re.compile(r"^[\s\u3000]*[一二三四五六七八九十]+[、，,．.]")
HEADING_MAX = 40
_NUMERALS = frozenset("一二三四五六七八九十")
_BARE_NUMBERING = re.compile(r"[一二三四五六七八九十]+、?")
TABLE_SECTIONS = ("proactive", "requests", "reviews")


def _first_char(cells: list[str]) -> str:
    for c in cells:
        c = c.lstrip(" \u3000\t")
        if c:
            return c[0]
    return ""


def heading_rows(doc: Document) -> dict[str, int]:
    """Row index of each section's heading, in statutory order. A numbering alone on its
    line (``五、`` / ``存在的主要问题及改进情况``, or ``一`` / ``、总体情况``) takes its
    words from the next line."""
    found: dict[str, int] = {}
    k = 0
    for i, row in enumerate(doc.rows):
        if k >= len(SECTIONS):
            break
        first = _first_char(row.cells) if row.structured else row.cells[0].lstrip(" \u3000\t")[:1]
        if first not in _NUMERALS:
            continue
        text = row.cells[0]
        if row.structured and not text.strip():
            text = next((c for c in row.cells if c.strip()), "")
        norm = normalise(text)
        if _BARE_NUMBERING.fullmatch(norm) and i + 1 < len(doc.rows):
            norm += normalise(" ".join(doc.rows[i + 1].cells))
        elif not _RAW_NUMBERED.match(text):
            continue
        if not norm or len(norm) > HEADING_MAX or not _NUMBERED.match(norm):
            continue
        for j in range(k, len(SECTIONS)):
            if any(m in norm for m in SECTIONS[j].markers):
                found[SECTIONS[j].key] = i
                k = j + 1
                break
    return found


def section_texts(doc: Document, headings: dict[str, int], table_rows: set[int], end: int) -> dict[str, str]:
    """Each section's prose: the rows after its heading, table rows left out.

    In the three sections that hold tables, what remains of a table after the rows the
    interpreter read (headers, one-cell lines) is left out too: tab or markdown rows and
    short lines that are not sentences.
    """
    keys = [s.key for s in SECTIONS if s.key in headings]
    out: dict[str, str] = {}
    for n, key in enumerate(keys):
        first = headings[key] + 1
        if _BARE_NUMBERING.fullmatch(normalise(" ".join(doc.rows[first - 1].cells))):
            first += 1
        last = headings[keys[n + 1]] if n + 1 < len(keys) else end
        lines = []
        for i in range(first, last):
            if i in table_rows:
                continue
            row = doc.rows[i]
            text = " ".join(c.strip() for c in row.cells if c.strip()).strip("\u3000 ")
            if key in TABLE_SECTIONS and (row.structured or (len(text) <= 40 and "。" not in text)):
                continue
            if text:
                lines.append(text)
        if n + 1 == len(keys):
            while lines and _closing(lines[-1]):
                lines.pop()
        out[key] = "\n".join(lines)
    return out


_CLOSING = re.compile(
    r"(?:\d{4}年\d{1,2}月\d{1,2}日|[〇○零一二三四五六七八九]{4}年.{1,3}月.{1,3}日|印发$|"
    r"(?:政府|局|委员会|委|厅|院|办公室|中心)$|信息公开.{0,8}报告$)"
)


def _closing(line: str) -> bool:
    """A signature, date, 印发 or repeated-title line after the last section's prose."""
    norm = normalise(line)
    return len(norm) <= 40 and "。" not in line and bool(_CLOSING.search(norm))


def preamble_text(doc: Document, headings: dict[str, int], table_rows: set[int]) -> str | None:
    """The prose between the title and the first section heading: sentences only (the
    title's lines, the agency's name and dates above it are short and end in no ``。``)."""
    if not headings:
        return None
    lines = []
    for i in range(min(headings.values())):
        if i in table_rows:
            continue
        text = " ".join(c.strip() for c in doc.rows[i].cells if c.strip()).strip("\u3000 ")
        if "。" in text or len(text) > HEADING_MAX:
            lines.append(text)
    return "\n".join(lines) or None
