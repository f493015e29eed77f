"""Reading the numbers the prose states, and comparing them with the tables."""

from __future__ import annotations

import copy

import pytest

from xxgk.check import check_report, facts_in_text, narrative_facts
from xxgk.check.narrative import number


def _facts(text: str, edition: str = "2019", section: str = "overview") -> set[tuple[str, float]]:
    return {(f.subject, f.value) for f in facts_in_text(text, edition, section)}


@pytest.mark.parametrize(
    ("sentence", "edition", "expected"),
    [
        # seed 001
        (
            "2020年，共收到依申请公开政府信息7件，按时办结6件，行政复议1件。",
            "2019",
            {("received", 7), ("review", 1)},
        ),
        # seed 002
        ("2020 年共收到政府信息依申请公开 9 件，目前均已答复。", "2019", {("received", 9)}),
        # seed 000
        ("2020年，我县没有收到依申请公开政府信息的申请。", "2019", {("received", 0)}),
        # seed 004
        (
            "全年共收到依申请公开信息 2 件，均为自然人申请。"
            "答复政府信息公开申请 2 件，均在法定期限内予以答复，"
            "未发生有关政府信息公开事务的行政复议、行政诉讼案件。",
            "2021",
            {("received", 2), ("concluded", 2), ("review", 0), ("suit", 0)},
        ),
        ("本年度没有产生信息公开处理费。", "2021", {("fee", 0)}),
        # dev d01
        (
            "2022年，我局收到政府信息公开申请1件，已按照相关法规，逐级审查办理，作出答复；"
            "结转上年度政府信息公开申请1件，因申请人无正当理由逾期不补正，不再处理其政府信息公开申请。",
            "2021",
            {("received", 1), ("carried_over", 1)},
        ),
        (
            "没有因政府信息公开针对区公安局申请行政复议或行政诉讼的事项。",
            "2021",
            {("review", 0), ("suit", 0)},
        ),
        ("2022年，无收取信息处理费情况。", "2021", {("fee", 0)}),
        # dev d02: information items by disclosure attribute, not applications
        ("全年共制发政府信息437条，主动公开政府信息55条，依申请公开341条、不予公开41条。", "2019", set()),
        # seed 001, section 二 in prose
        (
            "其中规范性文件新制作11件，新公开13件（含上年结转2件），对外公开总数量为14件。",
            "2019",
            {("s2.normative.made", 11), ("s2.normative.published", 13), ("s2.normative.total", 14)},
        ),
        (
            "制发规范性文件5件，废止1件，现行有效规范性文件5件。",
            "2021",
            {("s2.normative.issued", 5), ("s2.normative.repealed", 1), ("s2.normative.in_force", 5)},
        ),
        ("全年收取信息处理费200元。", "2021", {("fee", 200)}),
        ("收到依申请公开申请两件，结转下年度办理1件。", "2021", {("received", 2), ("carried_forward", 1)}),
        # sub-counts, general review counts and table rows are not statements about the table
        ("其中县政府办公室收到依申请公开3件。", "2019", set()),
        ("全县共办理行政复议案件120件。", "2019", set()),
        ("完善规章制度，废止3件。", "2021", set()),
        ("一、本年新收政府信息公开申请数量\t2\t\t\t2", "2021", set()),
    ],
)
def test_sentences_give_their_facts(sentence, edition, expected):
    assert _facts(sentence, edition) == expected


def test_chinese_numerals():
    assert [number(t) for t in ("7", "两", "十", "十二", "二十", "二十三", "零", "百")] == [
        7,
        2,
        10,
        12,
        20,
        23,
        0,
        None,
    ]


def test_fact_keeps_sentence_section_and_cells(seed_reports):
    facts = narrative_facts(seed_reports["001"].sections, "2019")
    [received] = [f for f in facts if f.subject == "received"]
    assert received.value == 7
    assert received.section == "overview"
    assert received.cells == ("s3.received.total",)
    assert received.sentence == "2020年，共收到依申请公开政府信息7件，按时办结6件，行政复议1件。"


def _doctor(report, old: str, new: str):
    report = copy.deepcopy(report)
    for key, text in report.sections.items():
        if old in text:
            report.sections[key] = text.replace(old, new)
            return report
    raise AssertionError(f"{old!r} not in the report")


def test_doctored_application_count_is_a_mismatch_quoting_the_sentence(seed_reports):
    report = _doctor(seed_reports["001"], "共收到依申请公开政府信息7件", "共收到依申请公开政府信息8件")
    [f] = [f for f in check_report(report) if f.rule == "narrative-mismatch"]
    assert f.severity == "warning"
    assert "“2020年，共收到依申请公开政府信息8件，按时办结6件，行政复议1件。”" in f.message
    assert "本年新收政府信息公开申请数量" in f.message and "为 7" in f.message
    assert "s3.received.total" in f.cells


def test_doctored_review_count_is_a_mismatch(seed_reports):
    report = _doctor(seed_reports["001"], "行政复议1件", "行政复议2件")
    [f] = [f for f in check_report(report) if f.rule == "narrative-mismatch"]
    assert f.cells == ["s4.review.total"]
    assert "行政复议" in f.message and "为 1" in f.message


def test_no_review_stated_but_table_has_one(seed_reports):
    report = _doctor(
        seed_reports["004"], "未发生有关政府信息公开事务的行政复议", "未发生有关政府信息公开事务的行政复议"
    )
    report.cells["s4.review.upheld"] = 1
    report.cells["s4.review.total"] = 1
    [f] = [f for f in check_report(report) if f.rule == "narrative-mismatch"]
    assert "未发生有关政府信息公开事务的行政复议、行政诉讼案件" in f.message


def test_doctored_section_two_count_is_a_mismatch(seed_reports):
    report = _doctor(seed_reports["001"], "对外公开总数量为14件", "对外公开总数量为15件")
    [f] = [f for f in check_report(report) if f.rule == "narrative-mismatch"]
    assert f.cells == ["s2.normative.total"]


def test_received_may_include_the_carried_over(dev_reports):
    report = _doctor(dev_reports["d01"], "我局收到政府信息公开申请1件", "我局收到政府信息公开申请2件")
    assert [f for f in check_report(report) if f.rule == "narrative-mismatch"] == []
    report = _doctor(dev_reports["d01"], "我局收到政府信息公开申请1件", "我局收到政府信息公开申请3件")
    assert [f.rule for f in check_report(report)] == ["narrative-mismatch"]


def test_conflicting_statements_are_not_compared(seed_reports):
    report = _doctor(seed_reports["001"], "行政复议1件。", "行政复议1件。全年共收到依申请公开申请9件。")
    assert [f for f in check_report(report) if f.rule == "narrative-mismatch"] == []


def test_fee_not_stated_in_section_six(seed_reports, dev_reports):
    report = copy.deepcopy(dev_reports["d01"])
    report.sections["other"] = "无。"
    [f] = [f for f in check_report(report) if f.rule == "fee-not-stated"]
    assert f.severity == "warning"
    report = copy.deepcopy(seed_reports["004"])
    report.sections["other"] = "无。"
    [f] = [f for f in check_report(report) if f.rule == "fee-not-stated"]
    assert f.severity == "info"  # section 三's prose says no fee was collected
    assert "未向申请人收取任何依申请公开费用" in f.message


def test_fee_not_asked_of_edition_2019(seed_reports):
    assert seed_reports["001"].sections["other"] == "无"
    assert [f for f in check_report(seed_reports["001"]) if f.rule == "fee-not-stated"] == []
