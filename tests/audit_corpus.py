"""A corpus for the workbench's tests: the genuine seed and dev reports, reports made to copy them,
and an agency's consecutive years, written as documents and imported as a user would."""

from __future__ import annotations

import random
from pathlib import Path

from corpus import SEEDS

from xxgk.ingest import parse_path
from xxgk.render.plaintext import render_text
from xxgk.report.generate import copied_report, random_report

PASSWORD = "Kx9#long-pass"
COPIERS = ("河曲县人民政府", "保德县教育局")
"""Agencies that copy a genuine report: 河曲县 copies 偏关县's, 保德县教育局 博爱县's."""
TWO_YEARS = "岢岚县财政局"


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def of(report, agency: str, year: int):
    """``report`` as ``agency``'s report on ``year`` (title, text and publication date with it)."""
    old, old_year = report.agency, report.year
    report.agency, report.year = agency, year
    report.title = f"{agency}{year}年政府信息公开工作年度报告"
    report.sections = {
        k: v.replace(old, agency).replace(str(old_year), str(year)) for k, v in report.sections.items()
    }
    if report.published_on:
        report.published_on = report.published_on.replace(year=year + 1)
    return report


def made_corpus(folder: Path) -> dict[str, Path]:
    """Documents kept back on purpose: two copies of genuine reports and an agency's two years whose
    carried-over applications do not match."""
    rng = random.Random(10)
    folder.mkdir(parents=True, exist_ok=True)
    seeds = sorted(SEEDS.glob("*.txt"))
    sources = [parse_path(str(seeds[0])), parse_path(str(seeds[1]))]
    out = {}
    for source, agency in zip(sources, COPIERS, strict=True):
        copy = copied_report(rng, source, agency)
        out[agency] = write(folder, f"{agency}-{copy.year}.txt", render_text(copy, "tsv"))
    first = of(random_report(rng, "2021"), TWO_YEARS, 2022)
    second = of(random_report(rng, "2021"), TWO_YEARS, 2023)
    second.cells["s3.carried_over.natural"] = (first.cells["s3.carried_forward.natural"] or 0) + 3
    second.cells["s3.received.natural"] = (second.cells["s3.received.natural"] or 0) - 3
    for r in (first, second):
        out[f"{TWO_YEARS}{r.year}"] = write(folder, f"{TWO_YEARS}-{r.year}.txt", render_text(r, "tsv"))
    return out
