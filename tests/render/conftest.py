"""The seeds as complete reports: cells from the labelled ``.json``, section texts from
the ``.txt`` (the labels have none)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from corpus import DEV, SEEDS

from xxgk.report import SECTIONS, AnnualReport

_HEADING = re.compile(r"^([一二三四五六])、")


def seed_sections(text: str) -> dict[str, str]:
    """The six sections of a seed's plain text, table rows left out.

    A heading is a line (without tabs) opening with its numeral and one of the
    section's markers; table rows carry tabs or follow a tab-indented line."""
    by_number = {s.number: s for s in SECTIONS}
    current: str | None = None
    out: dict[str, list[str]] = {}
    for raw in text.splitlines():
        if "\t" in raw:
            continue
        line = raw.strip().strip("\u3000").strip()
        m = _HEADING.match(line)
        if m and (s := by_number.get(m[1])) and any(k in line for k in s.markers):
            current = s.key
            out.setdefault(current, [])
            continue
        if current and line:
            out[current].append(line)
    return {k: "\n".join(v) for k, v in out.items()}


PROSE_SECTIONS = ("overview", "problems", "other")


def seed_report(truth_path: Path) -> AnnualReport:
    """The seed's labelled cells with the prose of sections 一, 五 and 六 from its text
    (in the seeds, sections 二–四 hold nothing but their tables)."""
    report = AnnualReport.from_json(json.loads(truth_path.read_text(encoding="utf-8")))
    text = truth_path.with_suffix(".txt")
    found = seed_sections(text.read_text(encoding="utf-8")) if text.exists() else {}
    report.sections = {k: _unsigned(v) for k, v in found.items() if k in PROSE_SECTIONS and v}
    return report


_SIGNATURE = re.compile(r"^(?:.{2,20}(?:政府|办公室|局|委员会)|\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)$")


def _unsigned(text: str) -> str:
    """``text`` without the agency and date that close the seed's last section."""
    lines = text.splitlines()
    while lines and _SIGNATURE.match(lines[-1].strip()):
        lines.pop()
    return "\n".join(lines)


SEED_TRUTHS = sorted(SEEDS.glob("*.json"))
DEV_TRUTHS = [p for p in (DEV / "d01.json", DEV / "d02.json") if p.exists()]
TRUTHS = SEED_TRUTHS + DEV_TRUTHS


@pytest.fixture(scope="session", params=TRUTHS, ids=[p.stem[:3] for p in TRUTHS])
def seed(request: pytest.FixtureRequest) -> AnnualReport:
    """Each seed, and the two labelled dev reports (cells only), as a complete report."""
    return seed_report(request.param)


@pytest.fixture
def parse_path():
    """``xxgk.ingest.parse_path``, or a skip while the readers are not there."""
    ingest = pytest.importorskip("xxgk.ingest")
    if not hasattr(ingest, "parse_path"):
        pytest.skip("xxgk.ingest.parse_path is not written yet")
    return ingest.parse_path
