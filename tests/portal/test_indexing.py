"""索引号: check characters of the prefix, the templates, and parsing a number back."""

from __future__ import annotations

from datetime import date

from portal_kit import make_uscc

from xxgk.portal import indexing


def test_uscc_and_org_code_checks():
    good = make_uscc("140932", "01234567")
    assert indexing.uscc_problem(good) is None
    assert indexing.org_code_problem(good[indexing.ORG_CODE_SLICE]) is None
    wrong = good[:17] + ("0" if good[17] != "0" else "1")
    assert "校验码" in indexing.uscc_problem(wrong)
    assert "18位" in indexing.uscc_problem(good[:10])
    assert "大写字母" in indexing.uscc_problem(good[:16] + "IO")
    assert indexing.prefix_problem(good[indexing.ORG_CODE_SLICE]) is None


def test_every_template_parses_back_what_it_formats():
    for template, _ in indexing.TEMPLATES:
        period = indexing.period_of(template, date(2026, 3, 9))
        number = indexing.format_index(template, "ABC", period, 42)
        assert indexing.parse_index(template, "ABC", number) == (period, 42)
        assert indexing.parse_index(template, "XYZ", number) is None
