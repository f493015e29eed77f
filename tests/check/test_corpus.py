"""The checker over the real reports of the corpus: they are consistent, except where they are not."""

from __future__ import annotations

import copy
from collections import Counter

import pytest

from xxgk.check import RULES, check_report
from xxgk.report import AnnualReport

EXPECTED = {
    "000": {"section-missing": 1},  # the report really ends after 五、存在的主要问题及改进情况
    "001": {},
    "002": {},
    "003": {"decisions-repeat-count": 3},
    "004": {"cell-blank": 2},  # 表三 and 表四 leave most cells blank instead of 0
}


def _rules(report: AnnualReport) -> Counter[str]:
    return Counter(f.rule for f in check_report(report))


@pytest.mark.parametrize("seed", sorted(EXPECTED))
def test_seed_findings_are_the_real_ones(seed_reports, seed):
    assert dict(_rules(seed_reports[seed])) == EXPECTED[seed]


def test_dev_reports_are_clean(dev_reports):
    for name, report in dev_reports.items():
        assert check_report(report) == [], name


def test_every_finding_is_registered_and_in_chinese(seed_reports, dev_reports):
    for report in [*seed_reports.values(), *dev_reports.values()]:
        for f in check_report(report):
            assert f.rule in RULES
            assert f.severity == RULES[f.rule].severity or f.severity in ("info", "warning")
            assert any("\u4e00" <= ch <= "\u9fff" for ch in f.message)


def test_parse_findings_on_the_report_are_left_alone(seed_reports):
    report = copy.deepcopy(seed_reports["001"])
    before = list(report.findings)
    check_report(report)
    assert report.findings == before


def test_seed_003_decisions_repeat_the_item_count(seed_reports):
    found = {f.cells[-1]: f for f in check_report(seed_reports["003"]) if f.rule == "decisions-repeat-count"}
    assert set(found) == {"s2.license.decisions", "s2.penalty.decisions", "s2.coercion.decisions"}
    license = found["s2.license.decisions"]
    assert license.cells == ["s2.license.prev", "s2.license.delta", "s2.license.decisions"]
    assert "行政许可" in license.message
    assert "382" in license.message and "-11" in license.message and "371" in license.message


@pytest.mark.parametrize(
    ("key", "row_words", "column"),
    [
        ("s3.granted.natural", "予以公开", "自然人"),
        ("s3.received.commercial", "本年新收", "商业企业"),
        ("s3.withheld.enforcement_file.total", "属于行政执法案卷", "总计"),
        ("s3.carried_forward.other", "结转下年度", "其他"),
    ],
)
def test_one_cell_plus_one_breaks_an_identity_naming_it(seed_reports, key, row_words, column):
    report = copy.deepcopy(seed_reports["001"])
    report.cells[key] = (report.cells[key] or 0) + 1
    errors = [f for f in check_report(report) if f.severity == "error"]
    assert errors
    assert all(f.rule.startswith("identity-") for f in errors)
    naming = [f for f in errors if key in f.cells]
    assert len(naming) >= 2  # its row (identity 3) and its column (identity 1 or 2)
    assert any(row_words in f.message for f in naming)
    assert any(f"“{column}”" in f.message for f in naming)


def test_identity_message_gives_the_arithmetic(seed_reports):
    report = copy.deepcopy(seed_reports["001"])
    report.cells["s3.total.natural"] = 7
    [one] = [f for f in check_report(report) if f.rule == "identity-1"]
    assert one.message.startswith("“自然人”列：")
    assert "本年新收政府信息公开申请数量(6) + 上年结转政府信息公开申请数量(0) = 6" in one.message
    assert "办理结果总计(7) + 结转下年度继续办理(0) = 7" in one.message
    assert "相差 1" in one.message


def test_all_blank_identity_says_nothing(seed_reports):
    report = seed_reports["004"]
    assert report.cells["s3.granted.research"] is None
    assert not [f for f in check_report(report) if f.rule.startswith("identity-")]
