"""Copied text (内容雷同) over real reports and reports made to copy them.

The genuine reports are the seed and dev corpora, each read by the parser from every format it
is kept in (one agency and year in several formats is one report, never a pair). The copies are
made by :func:`xxgk.report.generate.copied_report`: a run of sentences of two sections of a real
report, reprinted by another agency with names, numbers and dates changed.
"""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import pytest
from corpus import DEV, SEEDS
from hypothesis import given, settings
from hypothesis import strategies as st

from xxgk.check.rules import RULES
from xxgk.check.similarity import (
    Narrative,
    find_overlaps,
    fingerprint,
    overlap_finding,
    passages,
    standard_phrases,
)
from xxgk.ingest import parse_path
from xxgk.report.agency import names_of
from xxgk.report.generate import AGENCIES, _retell, copied_report, random_report
from xxgk.report.model import AnnualReport

DOCUMENTS = (".txt", ".html", ".docx", ".pdf")


@pytest.fixture(scope="module")
def genuine() -> list[AnnualReport]:
    files = sorted(p for folder in (SEEDS, DEV) if folder.exists() for p in folder.iterdir())
    return [parse_path(str(p)) for p in files if p.suffix in DOCUMENTS]


def narratives(reports: list[AnnualReport]) -> list[Narrative]:
    return [Narrative(i, r.agency, r.year, r.sections) for i, r in enumerate(reports)]


def pairs(reports: list[AnnualReport]) -> set[tuple[int, int]]:
    return {(o.report, o.other) for o in find_overlaps(narratives(reports)) if o.kind == "copied"}


def test_no_pair_among_genuine_reports_of_different_agencies(genuine):
    assert len({r.agency for r in genuine}) >= 7
    assert pairs(genuine) == set()


def test_reports_kept_back_are_found_copying_their_source(genuine):
    rng = random.Random(11)
    distinct = list({(r.agency, r.year): r for r in genuine}.values())
    copies = []
    for source in distinct:
        others = [a for a in AGENCIES if a != source.agency]
        copies += [(source, copied_report(rng, source, rng.choice(others))) for _ in range(2)]
    corpus = genuine + [c for _, c in copies]
    found = pairs(corpus)
    index = {id(r): i for i, r in enumerate(corpus)}
    for source, copy in copies:
        c = index[id(copy)]
        sources = {i for i, r in enumerate(genuine) if (r.agency, r.year) == (source.agency, source.year)}
        assert {o for (m, o) in found if m == c} & sources, f"{copy.agency} copies {source.agency}"
        assert {m for (m, o) in found if o == c} & sources, "both sides of a pair carry the finding"
    copiers_of = {(s.agency, index[id(c)]) for s, c in copies}
    for mine, other in found:
        if mine < len(genuine):
            assert (genuine[mine].agency, other) in copiers_of, "a genuine report pairs only with its copier"


def test_the_finding_names_the_other_report_and_quotes_the_passage(genuine):
    source = next(r for r in genuine if r.agency == "偏关县人民政府")
    copy = copied_report(random.Random(2), source, "河曲县人民政府")
    overlap = next(o for o in find_overlaps(narratives([source, copy])) if o.report == 1)
    f = overlap_finding(overlap, source.agency, source.year)
    assert f.rule == "copied-text" and f.severity == RULES["copied-text"].severity
    assert "偏关县人民政府2020年度报告" in f.message
    quoted = f.message.split("中的“", 1)[1][:20]
    assert quoted in copy.sections[overlap.passages[0].mine.section].replace("\n", "")
    for shared in overlap.passages:
        assert shared.theirs.text in source.sections[shared.theirs.section], "the source's passage as printed"


def test_an_agency_reprinting_its_own_last_year_is_a_milder_finding(genuine):
    source = next(r for r in genuine if r.agency == "偏关县人民政府")
    again = copied_report(random.Random(5), source, source.agency)
    found = find_overlaps(narratives([source, again]))
    assert [(o.report, o.other, o.kind) for o in found] == [(1, 0, "repeated")]
    f = overlap_finding(found[0], source.agency, source.year)
    assert f.rule == "repeated-text" and f.severity == "info" and "本机关2020年度" in f.message


def test_stock_phrases_every_report_prints_make_no_pair():
    """Generated reports draw their sentences from a few stock phrases: at corpus scale these are
    printed by many agencies and are boilerplate, not copying."""
    rng = random.Random(7)
    reports = []
    for agency in rng.sample(AGENCIES, 80):
        r = random_report(rng)
        r.agency = agency
        reports.append(r)
    assert pairs(reports) == set()


def test_the_template_and_the_form_make_no_pair():
    def report(agency: str) -> AnnualReport:
        text = "".join(p.replace("偏关县", agency[:3]) for p in standard_phrases())
        return AnnualReport(agency=agency, year=2021, sections={"overview": text, "other": text})

    assert pairs([report("河曲县人民政府"), report("保德县人民政府")]) == set()


def test_a_report_and_its_other_formats_are_one_report(genuine):
    d01 = [r for r in genuine if r.agency == "平潭综合实验区公安局"]
    assert len(d01) > 1
    assert find_overlaps(narratives(d01)) == []


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10_000), st.sampled_from(AGENCIES), st.sampled_from(AGENCIES))
def test_renaming_and_renumbering_leave_the_fingerprint(seed, source, copier):
    """A copier's changes are exactly what the fingerprint forgets."""
    rng = random.Random(seed)
    report = random_report(rng)
    for text in report.sections.values():
        own = text.replace(report.agency or "", source).replace("我单位", source)
        for p in passages({"overview": own}):
            retold = _retell(p.text, source, copier, rng)
            mine = fingerprint(p.text, _pattern(source))
            theirs = fingerprint(retold, _pattern(copier))
            assert mine == theirs, (p.text, retold)


def _pattern(agency: str):
    import re

    return re.compile("|".join(map(re.escape, names_of(agency))))


def test_the_core_search_needs_no_django():
    code = "import sys, xxgk.check.similarity; assert 'django' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).parent)
