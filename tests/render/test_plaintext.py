"""Plain-text layouts print the whole report: title, six sections, three tables, signature."""

from __future__ import annotations

import random

import pytest

from xxgk.ingest.labels import normalise
from xxgk.render.plaintext import LAYOUTS, delta_text, money_text, render_text
from xxgk.report.form import edition
from xxgk.report.generate import random_report
from xxgk.report.sections import SECTIONS


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("seed", range(6))
def test_layout_prints_every_part(layout: str, seed: int) -> None:
    report = random_report(random.Random(seed))
    text = render_text(report, layout)
    flat = normalise(text)
    assert normalise(f"{report.year}年政府信息公开工作年度报告") in flat
    for s in SECTIONS:
        assert normalise(s.heading) in flat
    ed = edition(report.edition)
    for row in ed.s3_rows:
        if layout != "pdftext" or row.group is None:
            assert normalise(row.label) in flat, row.label
    for row in ed.s2_rows:
        assert normalise(row.label) in flat
    assert report.agency in text.splitlines()[-2 if report.published_on else -1]
    assert render_text(report, layout) == text


def test_unknown_layout_is_refused_in_chinese() -> None:
    with pytest.raises(ValueError, match="未知的文本版式"):
        render_text(random_report(random.Random(1)), "docx")


def test_values_as_agencies_print_them() -> None:
    assert money_text(18000, "yi", spaced=True) == "1.8 亿元"
    assert money_text(25.1, "yuan") == "251000元"
    assert money_text(15636.844, "unit") == "15636.844万元"
    assert money_text(15636.844, "yi") == "15636.844万元"
    assert delta_text(71, "zh") == "增71"
    assert delta_text(-232, "zh_space") == "减 232"
    assert delta_text(1355, "sign") == "+1355"
    assert delta_text(-4, "plain") == "-4"
    assert delta_text(0, "zh") == "0"
