"""Rules on one report's numbers, editions, sections and dates."""

from __future__ import annotations

import copy
import datetime as dt

import pytest

from xxgk.check import RULES, check_report
from xxgk.check.timeliness import is_government
from xxgk.report import AnnualReport


def rules_of(report: AnnualReport, **kw) -> list[str]:
    return [f.rule for f in check_report(report, **kw)]


def only(report: AnnualReport, rule: str, **kw):
    found = [f for f in check_report(report, **kw) if f.rule == rule]
    assert len(found) == 1, found
    return found[0]


@pytest.fixture
def r001(seed_reports) -> AnnualReport:
    return copy.deepcopy(seed_reports["001"])


@pytest.fixture
def r004(seed_reports) -> AnnualReport:
    return copy.deepcopy(seed_reports["004"])


def test_negative_count_is_an_error_but_a_signed_delta_is_not(r001):
    assert r001.cells["s2.fee.delta"] == -4
    assert "negative-count" not in rules_of(r001)
    r001.cells["s2.normative.made"] = -1
    f = only(r001, "negative-count")
    assert f.severity == "error" and f.cells == ["s2.normative.made"]
    assert "规范性文件" in f.message and "本年新制作数量" in f.message and "-1" in f.message


def test_non_integer_count_is_an_error_but_money_is_not(r001):
    assert r001.cells["s2.procurement.amount"] == 10309.4
    assert "non-integer" not in rules_of(r001)
    r001.cells["s2.penalty.decisions"] = 230.5
    assert only(r001, "non-integer").cells == ["s2.penalty.decisions"]


def test_money_typed_in_yuan(r004):
    r004.cells["s2.fee.amount"] = 24_790_000
    f = only(r004, "money-magnitude")
    assert "本年收费金额" in f.message and "2479" in f.message


def test_edition_that_does_not_fit_the_year(r001, r004):
    r001.year = 2021
    f = only(r001, "edition-year")
    assert "国办公开办函〔2019〕60号" in f.message and "国办公开办函〔2021〕30号" in f.message
    r004.year = 2020
    only(r004, "edition-year")


def test_missing_and_misplaced_sections(r001):
    del r001.sections["reviews"]
    assert "四、政府信息公开行政复议、行政诉讼情况" in only(r001, "section-missing").message
    r001.sections = {k: r001.sections[k] for k in ("overview", "requests", "proactive", "problems", "other")}
    f = only(r001, "section-order")
    assert "一、三、二、五、六" in f.message


def test_no_section_text_at_all_says_nothing_about_sections(r001):
    r001.sections = {}
    assert not {"section-missing", "section-order", "fee-not-stated"} & set(rules_of(r001))


def test_missing_table_is_one_error_naming_it(r001):
    for key in r001.cells:
        if key.startswith("s4."):
            r001.cells[key] = None
    f = only(r001, "table-missing")
    assert f.severity == "error"
    assert "四、政府信息公开行政复议、行政诉讼情况" in f.message
    assert len(f.cells) == 15
    assert "cell-blank" not in rules_of(r001)


def test_blank_cells_are_one_finding_per_table(r004):
    found = [f for f in check_report(r004) if f.rule == "cell-blank"]
    assert [f.severity for f in found] == ["info", "info"]
    s3 = found[0]
    assert len(s3.cells) == 165 and all(k.startswith("s3.") for k in s3.cells)
    assert "165" in s3.message and "“本年新收政府信息公开申请数量”·“商业企业”" in s3.message


def test_total_below_newly_published(r001):
    r001.cells["s2.normative.total"] = 12
    f = only(r001, "published-exceeds-total")
    assert f.cells == ["s2.normative.published", "s2.normative.total"]
    assert "对外公开总数量(12)" in f.message and "本年新公开数量(13)" in f.message


def test_project_count_below_zero(r001):
    r001.cells["s2.fee.delta"] = -50
    f = only(r001, "project-count-negative")
    assert "行政事业性收费" in f.message and "-2" in f.message


def test_procurement_count_without_amount(r001):
    r001.cells["s2.procurement.amount"] = 0
    assert only(r001, "procurement-inconsistent").cells == ["s2.procurement.count", "s2.procurement.amount"]


def test_decisions_zero_is_not_a_repeat(r001):
    r001.cells.update({"s2.coercion.prev": 0, "s2.coercion.delta": 0, "s2.coercion.decisions": 0})
    assert "decisions-repeat-count" not in rules_of(r001)


@pytest.mark.parametrize(
    ("agency", "published", "late"),
    [
        ("某县教育局", dt.date(2021, 1, 31), False),
        ("某县教育局", dt.date(2021, 2, 1), True),
        ("博爱县人民政府", dt.date(2021, 3, 31), False),
        ("博爱县人民政府", dt.date(2021, 4, 1), True),
        ("博爱县人民政府办公室", dt.date(2021, 2, 1), True),
    ],
)
def test_publication_deadline(r001, agency, published, late):
    r001.agency, r001.published_on = agency, published
    assert ("published-late" in rules_of(r001, today=dt.date(2025, 1, 1))) is late


def test_late_message_names_both_deadlines(r001):
    r001.agency, r001.published_on = "某县教育局", dt.date(2021, 2, 20)
    f = only(r001, "published-late", today=dt.date(2025, 1, 1))
    assert "2021年1月31日" in f.message and "3月31日" in f.message and "逾期 20 天" in f.message


def test_deadline_is_a_parameter(r001):
    r001.published_on = dt.date(2021, 1, 29)
    assert "published-late" not in rules_of(r001, today=dt.date(2025, 1, 1))
    assert "published-late" in rules_of(r001, today=dt.date(2025, 1, 1), deadline=(1, 28))


def test_dates_before_the_year_ends_or_after_today(r001):
    r001.published_on = dt.date(2020, 12, 1)
    only(r001, "published-early", today=dt.date(2025, 1, 1))
    r001.published_on = dt.date(2021, 1, 10)
    only(r001, "published-future", today=dt.date(2021, 1, 5))


def test_government_or_department():
    assert is_government("偏关县人民政府") and is_government("稷山县 人民政府")
    assert not is_government("平潭综合实验区公安局") and not is_government("博爱县人民政府办公室")


def test_registry_lists_every_rule_once_with_chinese_titles():
    assert len(RULES) == len({r.id for r in RULES.values()})
    for r in RULES.values():
        assert r.severity in ("error", "warning", "info")
        assert (
            r.title and r.description and r.scope in ("read", "parse", "report", "pair", "corpus", "system")
        )
    assert {f"identity-{n}" for n in range(1, 8)} <= set(RULES)


def test_cells_the_parser_could_not_read_are_not_the_agencys_errors(r001):
    """A cell left blank with the parser's own warning breaks no identity and is no blank
    the agency printed; a table the parser never found is still a missing table."""
    from xxgk.report.model import Finding

    natural = r001.cells["s3.received.natural"]
    r001.cells["s3.received.natural"] = None
    assert "identity-3" in rules_of(r001) and "cell-blank" in rules_of(r001)
    r001.findings.append(Finding("parse-uncertain", "warning", "无法确定", ["s3.received.natural"]))
    assert not {"identity-1", "identity-3", "cell-blank"} & set(rules_of(r001))
    r001.cells["s3.received.commercial"] += r001.cells["s3.received.total"] + 1
    assert "identity-3" in rules_of(r001), "no unread cell can make the known terms smaller"
    r001.cells["s3.received.commercial"] -= r001.cells["s3.received.total"] + 1
    r001.cells["s3.received.natural"] = natural + 100
    assert "identity-3" in rules_of(r001), "a cell read after all is judged"
    r001.cells["s3.received.natural"] = natural
    s4 = [k for k in r001.keys() if k.startswith("s4.")]
    r001.cells |= dict.fromkeys(s4)
    r001.findings.append(Finding("parse-missing", "warning", "未找到表格", s4))
    assert "table-missing" in rules_of(r001)
