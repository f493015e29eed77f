"""Many reports as one CSV dataset (:mod:`xxgk.report.dataset`): a row per report.

UTF-8 with a byte-order mark, so that Excel on Chinese Windows opens it; a header row in
Chinese and the keys beneath; numbers printed as the form prints them (no ``.0``, no
float noise). ``xxgk parse`` reads it back.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from xxgk.render.grid import format_number
from xxgk.report import dataset
from xxgk.report.model import AnnualReport

BOM = "\ufeff"


def _text(value: object) -> str:
    if value is None:
        return ""
    return format_number(value) if isinstance(value, int | float) else str(value)


def render_csv(reports: Iterable[AnnualReport | tuple[str, AnnualReport]]) -> str:
    """The dataset of ``reports`` (each a report, or a pair of its source and it)."""
    buf = io.StringIO()
    buf.write(BOM)
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(dataset.headers())
    writer.writerow(dataset.keys())
    source_at = dataset.META_KEYS.index("source")
    for item in reports:
        source, report = item if isinstance(item, tuple) else (None, item)
        row = dataset.values(report)
        if source is not None:
            row[source_at] = source
        writer.writerow([_text(v) for v in row])
    return buf.getvalue()
