"""The report as JSON: :meth:`AnnualReport.to_json`, the ``xxgk parse --json`` contract,
indented for a person; :meth:`AnnualReport.from_json` reads it back."""

from __future__ import annotations

import json

from xxgk.report.model import AnnualReport


def render_json(report: AnnualReport, *, indent: int | None = 2) -> str:
    return json.dumps(report.to_json(), ensure_ascii=False, indent=indent) + "\n"
