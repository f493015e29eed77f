"""Many reports as one CSV dataset: a row per report, a column per cell key.

Columns: ``source, agency, year, edition, published_on`` and then every key of every
edition (:func:`xxgk.report.form.all_keys`), so that reports of both editions share one
header; a key the report's edition lacks, like a blank cell, is empty. Numbers are
printed as the form prints them (no ``.0``, no float noise); UTF-8 without a BOM.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from xxgk.render.grid import format_number
from xxgk.report.form import all_keys
from xxgk.report.model import AnnualReport

META_COLUMNS = ("source", "agency", "year", "edition", "published_on")


def header() -> list[str]:
    return [*META_COLUMNS, *all_keys()]


def row(report: AnnualReport, source: str | None = None) -> list[str]:
    """The dataset row of ``report``; ``source`` overrides the report's own."""
    meta = [
        source if source is not None else report.source or "",
        report.agency or "",
        str(report.year) if report.year is not None else "",
        report.edition or "",
        report.published_on.isoformat() if report.published_on else "",
    ]
    return meta + [format_number(report.cells.get(k)) for k in all_keys()]


def render_csv(reports: Iterable[AnnualReport | tuple[str, AnnualReport]]) -> str:
    """The dataset of ``reports`` (each a report, or a pair of its source and it)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header())
    for item in reports:
        source, report = item if isinstance(item, tuple) else (None, item)
        writer.writerow(row(report, source))
    return buf.getvalue()
