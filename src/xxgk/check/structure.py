"""Rules about the shape of the document: the six sections and their order."""

from __future__ import annotations

from collections.abc import Iterator

from xxgk.check.findings import finding
from xxgk.report.model import AnnualReport, Finding
from xxgk.report.sections import SECTION_KEYS, SECTIONS

_HEADINGS = {s.key: s.heading for s in SECTIONS}
_RANK = {k: i for i, k in enumerate(SECTION_KEYS)}


def section_findings(report: AnnualReport) -> Iterator[Finding]:
    """Missing and misplaced sections.

    A report with no section text at all (built from a table-only source, or one whose
    reader does not split sections) says nothing about its sections, so nothing is said.
    """
    present = [k for k in report.sections if k in _RANK]
    if not present:
        return
    for key in SECTION_KEYS:
        if key not in report.sections:
            yield finding("section-missing", f"缺少“{_HEADINGS[key]}”部分。")
    ranks = [_RANK[k] for k in present]
    if ranks != sorted(ranks):
        order = "、".join(_HEADINGS[k].split("、", 1)[0] for k in present)
        yield finding(
            "section-order",
            f"各部分的顺序为 {order}，应为 {'、'.join(s.number for s in SECTIONS if s.key in present)}。",
        )
