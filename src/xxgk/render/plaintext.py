"""A report written as plain text, in the layouts real reports arrive in.

Each layout mimics text that agencies actually publish or that extraction tools
produce (see ``shared/corpus/seeds`` and the ``-cells``/``-tsv``/``-md`` variants in
``shared/corpus/dev``):

``cells``
    one cell per line, tab-indented, a blank line after each table row, header rows
    with their empty cells (seeds 000, 003);
``tsv``
    one table row per line, tab-separated, with the form's merged-header empty cells,
    now and then a stray empty cell or a spurious extra ``0`` (seed 001);
``pdftext``
    text extracted from a PDF: labels broken by spaces or across lines, a group header
    lost, ``减 232``/``增 33`` changes, ``1.8 亿元``, all-zero rows that print fewer
    zeros (seed 002);
``blanks``
    tab rows on the exact grid with zero cells left blank (seed 004);
``fullwidth``
    cells with full-width digits and full-width padding (seed 003);
``markdown``
    pipe tables (dev ``-md.txt``).

Every defect a layout introduces keeps the cells recoverable in principle: a
spurious ``0`` is only inserted where identity 3 decides which cell is spurious, and
a row only loses zeros when all its cells are zero. With ``quirks=False`` the layouts
are written clean (what ``xxgk render --to txt`` prints).

The tables come from :mod:`xxgk.render.grid`, the one printed form shared by all
renderers; every label comes from :mod:`xxgk.report.form`.
"""

from __future__ import annotations

import json
import random
import re
import zlib
from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal

from xxgk.render.grid import Grid, format_number, grids
from xxgk.render.outline import title as report_title
from xxgk.report import numerals
from xxgk.report.form import APPLICANT_COLUMNS, G_UNAVAILABLE, G_WITHHELD
from xxgk.report.form import edition as get_edition
from xxgk.report.model import AnnualReport, Number
from xxgk.report.sections import SECTIONS

LAYOUTS = ("cells", "tsv", "pdftext", "blanks", "fullwidth", "markdown")
TABLE_SECTIONS = {"proactive": 0, "requests": 1, "reviews": 2}
MONEY_HEADER_NOTE = "（单位：万元，保留4位小数）"

_FULLWIDTH_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")
_FULLWIDTH_SIGNS = str.maketrans("+-", "＋－")
_INDENT = "\u3000\u3000"
_NBSP = "\u00a0"


@dataclass(frozen=True)
class Cell:
    """One printed position of a table: its text, and the key when it holds a value."""

    text: str
    key: str | None = None
    label: bool = False
    header: bool = False


Table = list[list[Cell]]


@dataclass(frozen=True)
class Style:
    """The choices one rendering makes, drawn once so a document is consistent."""

    delta: str = "plain"  # plain | sign | zh | zh_space
    money: str = "unit"  # unit | header | bare | yi | yuan
    cells: str = "grid"  # grid: every position of the form; word: one cell per merged cell
    fullwidth_text: bool = False
    fullwidth_signs: bool = False
    blank_zeros: float = 0.0
    blank_s2: bool = False
    split_title: bool = False
    spaced_digits: bool = False
    chinese_date: bool = False
    intro: bool = True
    md_signature: bool = False


def render_text(
    report: AnnualReport,
    layout: str,
    *,
    rng: random.Random | None = None,
    quirks: bool = True,
) -> str:
    """``report`` as plain text in ``layout`` (one of :data:`LAYOUTS`).

    The random choices of a layout come from ``rng``; without one they are derived
    from the report itself, so the same report always gives the same text.
    """
    if layout not in LAYOUTS:
        raise ValueError(f"未知的文本版式“{layout}”，可选：{'、'.join(LAYOUTS)}")
    if report.edition is None:
        raise ValueError("报告没有表格版本（edition），无法写出统计表")
    rng = rng or random.Random(_stable_seed(report))
    style = _style(layout, rng, quirks)
    writer = _WRITERS[layout]
    tables = [writer(_table(report, g, style), g, report, style, rng, quirks) for g in grids(report.edition)]
    return _document(report, layout, tables, style)


def _stable_seed(report: AnnualReport) -> int:
    data = json.dumps([report.agency, report.year, report.edition, report.cells], sort_keys=True, default=str)
    return zlib.crc32(data.encode("utf-8"))


def _style(layout: str, rng: random.Random, quirks: bool) -> Style:
    if not quirks:
        return Style(money="unit", cells="grid", intro=True)
    word = rng.random() < 0.5
    if layout == "pdftext":
        return Style(
            delta=rng.choice(("zh_space", "zh", "sign")),
            money=rng.choice(("yi", "yi", "bare", "unit", "yuan")),
            cells="word",
            spaced_digits=True,
            intro=rng.random() < 0.5,
        )
    if layout == "blanks":
        return Style(
            delta=rng.choice(("plain", "sign", "zh")),
            money=rng.choice(("unit", "header", "bare")),
            cells="grid",
            blank_zeros=rng.choice((1.0, 1.0, 0.9)),
            blank_s2=rng.random() < 0.3,
            split_title=rng.random() < 0.5,
            intro=rng.random() < 0.7,
        )
    if layout == "fullwidth":
        return Style(
            delta=rng.choice(("sign", "zh", "plain")),
            money=rng.choice(("unit", "header")),
            cells="word" if word else "grid",
            fullwidth_text=rng.random() < 0.5,
            fullwidth_signs=rng.random() < 0.5,
            intro=rng.random() < 0.5,
        )
    return Style(
        delta=rng.choice(("plain", "sign", "zh")),
        money=rng.choice(("unit", "header", "bare", "yuan")),
        cells="word" if word and layout == "cells" else "grid",
        chinese_date=layout == "cells" and rng.random() < 0.2,
        intro=rng.random() < 0.6,
        md_signature=layout == "markdown" and rng.random() < 0.3,
    )


# ---------------------------------------------------------------- values


def _decimal(value: Number) -> Decimal:
    return Decimal(repr(float(value))) if isinstance(value, float) else Decimal(value)


def _plain(d: Decimal) -> str:
    text = format(d, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def money_text(value: Number, style: str, *, spaced: bool = False) -> str:
    """An amount in 万元 as printed: ``15636.844万元``, ``1.8 亿元``, ``251000元`` …"""
    d = _decimal(value)
    gap = " " if spaced else ""
    if style == "yi" and d and (d / 10000) == (d / 10000).quantize(Decimal("0.01")):
        return f"{_plain(d / 10000)}{gap}亿元"
    if style == "yuan":
        return f"{_plain(d * 10000)}{gap}元"
    if style in ("unit", "yi"):
        return f"{_plain(d)}{gap}万元"
    return _plain(d)


def delta_text(value: Number, style: str) -> str:
    """A 本年增/减 value as printed: ``增71``, ``减 232``, ``+1355``, ``-4``."""
    n = int(value)
    if n == 0:
        return "0"
    if style in ("zh", "zh_space"):
        gap = " " if style == "zh_space" else ""
        return f"{'增' if n > 0 else '减'}{gap}{abs(n)}"
    if style == "sign":
        return f"+{n}" if n > 0 else str(n)
    return str(n)


def _value_formatter(report: AnnualReport, style: Style) -> Callable[[str], str]:
    ed = get_edition(report.edition or "2021")
    money, signed = ed.money_keys(), ed.signed_keys()

    def fmt(key: str) -> str:
        v = report.get(key)
        if v is None:
            return ""
        if key in money:
            return money_text(v, style.money, spaced=style.spaced_digits)
        if key in signed:
            return delta_text(v, style.delta)
        return format_number(v)

    return fmt


def _table(report: AnnualReport, grid: Grid, style: Style) -> Table:
    """The grid as rows of printed positions (merged cells print in their first position)."""
    fmt = _value_formatter(report, style)
    anchored = {(c.row, c.col): c for c in grid.cells}
    ed = get_edition(report.edition or "2021")
    money_headers = {c.label for r in ed.s2_rows for c in r.columns if c.money and "万元" not in c.label}
    out: Table = []
    for r in range(grid.n_rows):
        row: list[Cell] = []
        for k in range(grid.n_cols):
            c = anchored.get((r, k))
            if c is None:
                row.append(Cell(""))
            elif c.key is not None:
                row.append(Cell(fmt(c.key), c.key))
            else:
                text = c.text
                if style.money == "header" and text in money_headers:
                    text += MONEY_HEADER_NOTE
                row.append(Cell(text, label=True, header=c.kind == "header"))
        out.append(row)
    return out


def _word_rows(table: Table, grid: Grid) -> Table:
    """One cell per merged cell, as Word-to-text conversion writes them: a cell covered
    from the row above prints once, empty; a cell spanning columns prints once."""
    cover = grid.covering()
    out: Table = []
    for r, row in enumerate(table):
        line: list[Cell] = []
        for k, cell in enumerate(row):
            owner = cover[r][k]
            if owner is None:
                line.append(cell)
            elif owner.col == k:
                line.append(cell if owner.row == r else Cell(""))
        out.append(line)
    return out


def _arrange(table: Table, grid: Grid, style: Style) -> Table:
    return _word_rows(table, grid) if style.cells == "word" else table


def _value_indexes(row: list[Cell]) -> list[int]:
    return [i for i, c in enumerate(row) if c.key is not None]


def _numeric(report: AnnualReport, key: str) -> Number:
    return report.get(key) or 0


def _is_s3(grid: Grid) -> bool:
    return grid.name == "s3"


def _s3_row_key(row: list[Cell]) -> str | None:
    """The section-三 row key (``withheld.state_secret``) of a printed row."""
    keys = [c.key for c in row if c.key]
    return keys[0].removeprefix("s3.").rsplit(".", 1)[0] if keys else None


def _spurious_zero_ok(report: AnnualReport, row: list[Cell]) -> bool:
    """Whether a ``0`` inserted before the total stays recoverable through identity 3:
    the applicant zeros must run on to the total, so dropping any zero gives this row."""
    values = [_numeric(report, c.key) for c in row if c.key is not None]
    if len(values) != len(APPLICANT_COLUMNS) + 1:
        return False
    applicants = values[:-1]
    seen_zero = False
    for v in applicants:
        if v == 0:
            seen_zero = True
        elif seen_zero:
            return False
    return True


# ---------------------------------------------------------------- layouts


def _lines_tsv(
    table: Table, grid: Grid, report: AnnualReport, style: Style, rng: random.Random, quirks: bool
) -> list[str]:
    rows = _arrange(table, grid, style)
    lines: list[str] = []
    spurious = quirks and _is_s3(grid) and rng.random() < 0.5
    for row in rows:
        texts = [c.text for c in row]
        values = _value_indexes(row)
        if quirks and values and _is_s3(grid):
            key = _s3_row_key(row)
            if spurious and key in ("other", "total", "other.other") and _spurious_zero_ok(report, row):
                texts.insert(values[-1], "0")
            if key == "carried_forward" and rng.random() < 0.5:
                texts[values[0] : values[0]] = [""] * rng.randint(1, 3)
            elif rng.random() < 0.2:
                texts.insert(values[0], "")
            if rng.random() < 0.2:
                texts += [""] * rng.randint(1, 2)
        lines.append("\t".join(texts))
        if quirks and grid.name == "s2" and values and rng.random() < 0.08:
            lines.append("")
    if quirks and rng.random() < 0.3:
        lines.append("\t".join("-" * rng.randint(2, 12) for _ in rows[-1]))
    return lines


def _lines_blanks(
    table: Table, grid: Grid, report: AnnualReport, style: Style, rng: random.Random, quirks: bool
) -> list[str]:
    lines = []
    for row in table:
        texts = []
        for c in row:
            blank = (
                c.key is not None
                and _numeric(report, c.key) == 0
                and (grid.name != "s2" or style.blank_s2)
                and not (grid.name == "s4" and c.key.endswith(".total") and rng.random() < 0.5)
                and rng.random() < style.blank_zeros
            )
            texts.append("" if blank else c.text)
        lines.append("\t".join(texts))
    return lines


def _lines_cells(
    table: Table, grid: Grid, report: AnnualReport, style: Style, rng: random.Random, quirks: bool
) -> list[str]:
    rows = _arrange(table, grid, style)
    nbsp = quirks and rng.random() < 0.4
    lines: list[str] = []
    for row in rows:
        for c in row:
            text = c.text
            if nbsp and c.key is not None and text:
                text = f"{_NBSP}{text}{_NBSP}"
            lines.append("\t" + text)
        lines.append("")
    return lines


def _fullwidth(text: str, signs: bool) -> str:
    text = text.translate(_FULLWIDTH_DIGITS)
    return text.translate(_FULLWIDTH_SIGNS) if signs else text


def _lines_fullwidth(
    table: Table, grid: Grid, report: AnnualReport, style: Style, rng: random.Random, quirks: bool
) -> list[str]:
    rows = _arrange(table, grid, style)
    lines: list[str] = []
    wrap_headers = quirks and rng.random() < 0.5
    for row in rows:
        for c in row:
            text = c.text
            if c.key is not None and text:
                text = _fullwidth(text, style.fullwidth_signs)
                if quirks:
                    text += "\u3000" * rng.randint(0, 2) + " " * rng.randint(0, 6)
            elif wrap_headers and grid.name == "s2" and c.header and len(text) >= 6 and "第" not in text:
                cut = rng.randint(2, len(text) - 2)
                text = f"{text[:cut]}\n{text[cut:]}"
            lines.append("\t" + text)
        lines.append("")
    return lines


def _mangle(text: str, rng: random.Random, p: float) -> str:
    """A label as PDF extraction leaves it: ASCII brackets, a space after the numbering,
    sometimes a space inside a word (``商业企 业``)."""
    text = re.sub(r"（([一二三四五六七八九十]+)）", r"(\1) ", text)
    text = re.sub(r"^(\d)\.", r"\1. ", text)
    text = text.replace("，", ", ").replace("：", ": ")
    text = text.replace("（", "(").replace("）", ")")
    core = [i for i in range(2, len(text) - 1) if not text[i - 1].isspace() and not text[i].isspace()]
    if core and rng.random() < p:
        i = rng.choice(core)
        text = f"{text[:i]} {text[i:]}"
    return text


def _lines_pdftext(
    table: Table, grid: Grid, report: AnnualReport, style: Style, rng: random.Random, quirks: bool
) -> list[str]:
    rows = _word_rows(table, grid)
    if not quirks:
        return ["\t".join(c.text for c in row) for row in rows]
    lose_withheld = rng.random() < 0.6
    wrap_unavailable = rng.random() < 0.6
    shorten_zero_rows = rng.random() < 0.5
    lines: list[str] = []
    wrapped_tail: str | None = None
    for row in rows:
        cells = list(row)
        if _is_s3(grid) and _value_indexes(cells):
            key = _s3_row_key(cells) or ""
            texts = [c.text for c in row]
            if lose_withheld and G_WITHHELD in texts:
                cells = [c for c in cells if c.text != G_WITHHELD]
            elif wrap_unavailable and G_UNAVAILABLE in texts:
                i = texts.index(G_UNAVAILABLE)
                cells = [Cell(G_UNAVAILABLE[:-1], label=True), *cells[i + 1 :]]
                wrapped_tail = G_UNAVAILABLE[-1:]
            elif wrapped_tail and key.startswith("unavailable."):
                j = next(i for i, c in enumerate(cells) if c.label) - 1
                if j >= 0 and not cells[j].text:
                    cells[j] = Cell(wrapped_tail, label=True)
                wrapped_tail = None
            values = [_numeric(report, c.key) for c in cells if c.key]
            outcome = key not in ("received", "carried_over", "total", "carried_forward")
            if shorten_zero_rows and outcome and not any(values) and rng.random() < 0.7:
                drop = set(rng.sample(_value_indexes(cells), rng.randint(1, 2)))
                cells = [c for i, c in enumerate(cells) if i not in drop]
        cells = [replace(c, text=_mangle(c.text, rng, 0.35)) if c.label else c for c in cells]
        lines.append("\t".join(c.text for c in cells))
    if rng.random() < 0.3:
        lines.append("\t".join("-" * rng.randint(2, 8) for _ in range(3)))
    return lines


def _lines_markdown(
    table: Table, grid: Grid, report: AnnualReport, style: Style, rng: random.Random, quirks: bool
) -> list[str]:
    lines = []
    for i, row in enumerate(table):
        lines.append("| " + " | ".join(c.text for c in row) + " |")
        if i == 0:
            lines.append("|" + "---|" * len(row))
    return ["", *lines, ""]


_WRITERS = {
    "cells": _lines_cells,
    "tsv": _lines_tsv,
    "pdftext": _lines_pdftext,
    "blanks": _lines_blanks,
    "fullwidth": _lines_fullwidth,
    "markdown": _lines_markdown,
}


# ---------------------------------------------------------------- the document


def _space_digits(text: str) -> str:
    """PDF extraction puts spaces around runs of digits between Chinese characters."""
    return re.sub(r"(?<=[^\s\d.])(\d+(?:\.\d+)?)(?=[^\s\d.%])", r" \1 ", text)


def _document(report: AnnualReport, layout: str, tables: list[list[str]], style: Style) -> str:
    indent = _INDENT if layout in ("cells", "fullwidth") else ""
    gap = layout in ("tsv", "pdftext", "blanks", "markdown")

    def prose(text: str) -> str:
        if style.spaced_digits:
            text = _space_digits(text)
        if style.fullwidth_text:
            text = _fullwidth(text, False)
        return text

    lines: list[str] = []

    def para(text: str) -> None:
        lines.append(text)
        if gap:
            lines.append("")

    title = report_title(report)
    if style.split_title and report.agency and title.startswith(report.agency):
        para(report.agency)
        para(prose(title[len(report.agency) :]))
    elif layout == "pdftext":
        para(prose(title).replace("政府信息", "政府 信息", 1))
    else:
        para(indent + prose(title))
    if report.preamble:
        for text in report.preamble.splitlines():
            if text.strip():
                para(indent + prose(text.strip()))
    elif style.intro and report.year:
        para(
            indent
            + prose(
                "本报告根据《中华人民共和国政府信息公开条例》要求编制，由总体情况、主动公开政府信息情况等六部分组成。"
                f"本报告中所列数据的统计期限自{report.year}年1月1日起至{report.year}年12月31日止。"
            )
        )
    for s in SECTIONS:
        para(indent + s.heading)
        for text in (report.sections.get(s.key) or "").splitlines():
            if text.strip():
                para(indent + prose(text.strip()))
        index = TABLE_SECTIONS.get(s.key)
        if index is not None:
            lines.extend(tables[index])
            lines.append("")
    signature = [report.agency or ""]
    if report.published_on:
        d = report.published_on
        if style.chinese_date:
            signature.append(numerals.date_text(d.year, d.month, d.day))
        else:
            signature.append(prose(f"{d.year}年{d.month}月{d.day}日"))
    if style.md_signature:
        lines += ["", f"| {' '.join(signature)}印发 |", "|---|", ""]
    else:
        lines.append("")
        for text in signature:
            if text:
                lines.append(indent + text)
    return "\n".join(lines) + "\n"
