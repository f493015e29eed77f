"""The printed report as an outline every document renderer follows.

Title, then the preamble (the text before 一、总体情况), then the six statutory sections
in order — each a heading, its paragraphs and, for sections 二, 三 and 四, the statutory
table — then the agency and the date, right-aligned. Renderers differ only in how they draw these blocks.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

from xxgk.render.grid import Grid, grids
from xxgk.report.model import AnnualReport
from xxgk.report.sections import SECTIONS

ParagraphKind = Literal["body", "subheading"]
TABLE_OF_SECTION = {"proactive": 0, "requests": 1, "reviews": 2}

_SUBHEADING = re.compile(r"^[（(][一二三四五六七八九十]{1,3}[)）]")
_SUBHEADING_MAX = 40
_LEADING_SPACE = re.compile(r"^[\s\u3000\u00a0]+")
_UNBROKEN = re.compile(r"[0-9]+年?|.", re.DOTALL)
_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


@dataclass(frozen=True)
class Paragraph:
    text: str
    kind: ParagraphKind = "body"


@dataclass(frozen=True)
class SectionBlock:
    key: str
    heading: str
    paragraphs: tuple[Paragraph, ...]
    table: Grid | None


_EXTRACTION_SPACE = re.compile(r"(?<=[\u3000-\u9fff\uff00-\uffef0-9])\s+(?=[\u3000-\u9fff\uff00-\uffef0-9])")


_STARTS_WITH_YEAR = re.compile(r"^[0-9〇○零一二三四五六七八九]{4}\s*年")


def title(report: AnnualReport) -> str:
    """The report's own title, or the customary one built from agency and year.

    A title read from a document loses the spaces text extraction puts between
    characters (``2021 年``), and gains the agency when the document printed it on a
    line of its own above (``稷山县人民政府`` / ``2021年政府信息公开工作年度报告``)."""
    agency = printable(report.agency or "")
    if report.title and printable(report.title).strip():
        own = _EXTRACTION_SPACE.sub("", printable(report.title).strip())
        if agency and _STARTS_WITH_YEAR.match(own):
            own = agency + own
        return own
    year = f"{report.year}年" if report.year else ""
    return f"{agency}{year}政府信息公开工作年度报告"


def printable(text: str) -> str:
    """``text`` without the control characters that XML cannot hold (a stray NUL or
    form feed from a converted document), which DOCX refuses to store."""
    return _NOT_IN_XML.sub("", text)


TITLE_BREAK = "政府信息公开"


def title_lines(report: AnnualReport, capacity: float) -> list[str]:
    """The title as printed, broken where a title is customarily broken: when it is
    wider than ``capacity`` characters, the agency and year above (on as many lines
    as they need) and ``政府信息公开工作年度报告`` on the last line."""
    text = title(report)
    at = text.rfind(TITLE_BREAK)
    if text_width(text) <= capacity or at <= 0:
        return [text]
    head, tail = text[:at], text[at:]
    if text_width(tail) > capacity:
        return [text]
    return [*_wrap(head, capacity), tail]


def _wrap(text: str, capacity: float) -> list[str]:
    """``text`` in as few lines of at most ``capacity`` ems as it needs, of about equal
    width, never breaking a number (``2021年``)."""
    count = math.ceil(text_width(text) / capacity)
    width = min(capacity, text_width(text) / count + 1)
    out = [""]
    for piece in _UNBROKEN.findall(text):
        if out[-1] and text_width(out[-1] + piece) > width:
            out.append("")
        out[-1] += piece
    return out


def text_width(text: str) -> float:
    """Width of ``text`` in ems: CJK characters full, digits half (as in Times New Roman
    and Noto CJK), other characters about half."""
    return sum(_char_width(ch) for ch in text)


def _char_width(ch: str) -> float:
    if unicodedata.east_asian_width(ch) in "WF":
        return 1.0
    return 0.5 if "0" <= ch <= "9" else 0.55


def paragraphs(text: str | None, heading: str | None = None) -> tuple[Paragraph, ...]:
    """``text`` split into paragraphs at line breaks, indentation stripped (the
    renderer indents), the section's own heading dropped if the text repeats it."""
    out: list[Paragraph] = []
    for line in (text or "").splitlines():
        line = _LEADING_SPACE.sub("", printable(line)).rstrip()
        if not line or (heading and not out and line == heading):
            continue
        short = len(line) <= _SUBHEADING_MAX and not line.endswith(("。", "；"))
        kind: ParagraphKind = "subheading" if _SUBHEADING.match(line) and short else "body"
        out.append(Paragraph(line, kind))
    return tuple(out)


def sections(report: AnnualReport) -> list[SectionBlock]:
    """The six sections in statutory order; a table only when the edition is known."""
    tables = grids(report.edition) if report.edition else None
    out = []
    for s in SECTIONS:
        index = TABLE_OF_SECTION.get(s.key)
        table = tables[index] if tables is not None and index is not None else None
        out.append(SectionBlock(s.key, s.heading, paragraphs(report.sections.get(s.key), s.heading), table))
    return out


def preamble(report: AnnualReport) -> tuple[Paragraph, ...]:
    """The paragraphs between the title and the first section, as body text."""
    return tuple(Paragraph(p.text) for p in paragraphs(report.preamble))


def date_text(report: AnnualReport) -> str:
    d = report.published_on
    return f"{d.year}年{d.month}月{d.day}日" if d else ""


def signature(report: AnnualReport) -> list[str]:
    """The lines closing the report: the agency, then the date (those known)."""
    return [line for line in (printable(report.agency or ""), date_text(report)) if line]
