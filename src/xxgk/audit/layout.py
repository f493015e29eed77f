"""Reports laid out for the pages: the form's tables (from :mod:`xxgk.render.grid`) with each value's
provenance, an agency's years side by side, the source as read, and shared passages marked."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape
from typing import Any

from django.utils.safestring import SafeString, mark_safe

from xxgk.audit.models import Report
from xxgk.ingest import ReadError
from xxgk.ingest.formats import read_document
from xxgk.render.grid import grids, printed_lines, value_text
from xxgk.report.form import EDITIONS, edition
from xxgk.report.labels import TABLE_SECTION, cell_name
from xxgk.report.model import AnnualReport
from xxgk.report.sections import SECTIONS

_PIECE = re.compile(r"（第\d+段）$")


def anchor(where: str) -> str:
    """The id of a source row on the source page (a dump's piece points at its whole line)."""
    return "at-" + re.sub(r"\W+", "-", _PIECE.sub("", where)).strip("-")


@dataclass
class Cell:
    text: str
    kind: str
    rowspan: int
    colspan: int
    key: str | None = None
    where: str = ""
    seen: str = ""
    flagged: bool = False

    @property
    def anchor(self) -> str:
        return anchor(self.where) if self.where else ""


def report_tables(row: Report) -> list[dict[str, Any]]:
    """The three tables of ``row``'s edition, each a list of rows of :class:`Cell`."""
    if row.edition not in EDITIONS:
        return []
    report = AnnualReport(edition=row.edition, cells=row.cells)
    flagged = {k for f in row.findings.all() if f.severity in ("error", "warning") for k in f.cells}
    out = []
    for grid in grids(row.edition):
        rows = []
        for line in grid.rows():
            cells = []
            for c in line:
                text = "\n".join(printed_lines(c, c.text)) if c.key is None else value_text(report, c.key)
                seen = row.provenance.get(c.key or "", {})
                cells.append(
                    Cell(
                        text,
                        c.kind,
                        c.rowspan,
                        c.colspan,
                        c.key,
                        seen.get("where", ""),
                        seen.get("text", ""),
                        c.key in flagged,
                    )
                )
            rows.append(cells)
        heading = next(s.heading for s in SECTIONS if s.key == grid.section)
        out.append({"name": grid.name, "heading": heading, "header_rows": grid.header_rows, "rows": rows})
    return out


def agency_table(reports: list[Report]) -> list[dict[str, Any]]:
    """Each table's cells that any of ``reports`` has, each with its name and each year's value.

    Section 三 is given by its 总计 column in ``main`` (one row per outcome) and in full in
    ``rest``, so that the years can be read side by side on one screen."""
    by_table: dict[str, dict[str, Any]] = {}
    ordered = dict.fromkeys(
        k for r in reversed(reports) if r.edition in EDITIONS for k in edition(r.edition).keys()
    )
    for key in (k for k in ordered if any(k in r.cells for r in reports)):
        name = cell_name(next(r.edition for r in reports if key in r.cells), key)
        table = key.split(".", 1)[0]
        heading = next(s.heading for s in SECTIONS if s.key == TABLE_SECTION[table])
        group = by_table.setdefault(table, {"heading": heading, "main": [], "rest": []})
        row = {
            "key": key,
            "label": name.row if table == "s3" and key.endswith(".total") else f"{name.row} · {name.column}",
            "values": [
                value_text(AnnualReport(edition=r.edition, cells=r.cells), key) if key in r.cells else "—"
                for r in reports
            ],
        }
        main = table != "s3" or key.endswith(".total")
        group["main" if main else "rest"].append(row)
    return list(by_table.values())


def source_rows(row: Report) -> tuple[list[dict[str, str]], str]:
    """The document as the reader saw it: each row with its place (as provenance names it)."""
    try:
        doc = read_document(row.document.data(), row.document.source)
    except ReadError as e:
        return [], str(e)
    wanted = {anchor(p.get("where", "")) for p in row.provenance.values()}
    rows = [
        {
            "where": r.where,
            "anchor": anchor(r.where),
            "text": " │ ".join(c for c in r.cells if c.strip()),
            "read": anchor(r.where) in wanted,
        }
        for r in doc.rows
    ]
    return rows, ""


def marked_sections(report: Report, ranges: dict[str, list[tuple[int, int]]]) -> list[tuple[str, SafeString]]:
    """Each narrative section of ``report`` as HTML with the ``ranges`` shared with the other report
    in ``<mark>``."""
    out = []
    for s in SECTIONS:
        text = report.sections.get(s.key, "")
        if not text:
            continue
        parts, pos = [], 0
        for start, end in sorted(ranges.get(s.key, [])):
            if start < pos:
                start = pos
            if start >= end:
                continue
            parts.append(escape(text[pos:start]))
            parts.append(f"<mark>{escape(text[start:end])}</mark>")
            pos = end
        parts.append(escape(text[pos:]))
        out.append((s.heading, mark_safe("".join(parts).replace("\n", "<br>"))))
    return out
