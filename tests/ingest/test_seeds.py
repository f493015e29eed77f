"""Every labelled plain-text document parses to its truth: every cell and the metadata."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import pytest
from corpus import DEV, SEEDS, labelled

from xxgk.ingest import parse_path
from xxgk.report.form import edition

TEXT_DOCS = [
    (p, t) for p, t in labelled(SEEDS) + (labelled(DEV) if DEV.exists() else []) if p.suffix == ".txt"
]


def same(truth: Any, got: Any) -> bool:
    """As ``score.py`` compares: blank and printed zero agree; numbers with a tolerance."""
    if truth in (None, 0) and got in (None, 0):
        return True
    if isinstance(truth, int | float) and isinstance(got, int | float) and not isinstance(got, bool):
        return math.isclose(truth, got, rel_tol=1e-6, abs_tol=1e-6)
    return False


def wrong_cells(truth: dict, cells: dict) -> dict[str, tuple[Any, Any]]:
    """Cells of the truth's edition that a parse got wrong: key → (parsed, truth)."""
    return {
        k: (cells.get(k), truth["cells"].get(k))
        for k in edition(truth["edition"]).keys()
        if not same(truth["cells"].get(k), cells.get(k))
    }


@pytest.mark.parametrize(("path", "truth"), TEXT_DOCS, ids=[p.name for p, _ in TEXT_DOCS])
def test_every_cell_is_read(path, truth):
    report = parse_path(str(path))
    assert report.edition == truth["edition"]
    assert wrong_cells(truth, report.cells) == {}
    assert set(report.cells) == set(report.keys())


@pytest.mark.parametrize(("path", "truth"), TEXT_DOCS, ids=[p.name for p, _ in TEXT_DOCS])
def test_metadata_is_read(path, truth):
    report = parse_path(str(path))
    assert report.agency == truth["agency"]
    assert report.year == truth["year"]
    expected = dt.date.fromisoformat(truth["published_on"]) if truth["published_on"] else None
    assert report.published_on == expected
    assert report.source == str(path)


@pytest.mark.parametrize(("path", "truth"), TEXT_DOCS, ids=[p.name for p, _ in TEXT_DOCS])
def test_every_cell_has_provenance_and_no_error(path, truth):
    report = parse_path(str(path))
    assert set(report.provenance) == set(report.keys())
    assert all(p.where.startswith("第") for p in report.provenance.values())
    assert not [f for f in report.findings if f.severity == "error"]


def test_seed_inferences_are_reported_as_info_naming_cells():
    by_name = {p.name[:3]: p for p, _ in labelled(SEEDS)}
    report = parse_path(str(by_name["001"]))
    inferred = [f for f in report.findings if f.rule == "parse-inferred"]
    assert {f.severity for f in inferred} == {"info"}
    assert any("s3.other.total" in f.cells for f in inferred)
    report = parse_path(str(by_name["002"]))
    assert any("s3.total.total" in f.cells for f in report.findings if f.rule == "parse-inferred")
    assert report.provenance["s2.procurement.amount"].text == "1.8 亿元"


def test_sections_are_read_without_tables():
    report = parse_path(str(labelled(SEEDS)[4][0]))
    assert set(report.sections) == {"overview", "proactive", "requests", "reviews", "problems", "other"}
    assert "信息处理费" in report.sections["other"]
    assert "本年新收" not in report.sections["requests"]
    assert report.sections["overview"].startswith("2021")
