"""Acceptance (issue 8): 台账 workbooks kept back on purpose, imported with the ledger's importer, give
exactly the counts of ledger.md § Counting for years of both editions.

The workbooks are made here with the columns of ledger.md and never shown to the code under test
beforehand. The expected numbers come from the spec by hand (the small workbook) and from an
independent reading of the § Counting rules written in this file (the large one), never from
:mod:`xxgk.annual`.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter

import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from xxgk.agencies import services as agencies
from xxgk.annual import services
from xxgk.report.form import edition
from xxgk.report.labels import bare

pytestmark = pytest.mark.django_db
D = dt.date

HEADERS = (
    "申请编号",
    "收到申请日期",
    "申请方式",
    "申请人类型",
    "申请人姓名/名称",
    "联系方式",
    "申请内容",
    "补正告知日期",
    "补正收到日期",
    "征求意见发出日期",
    "征求意见回复日期",
    "延期批准日期",
    "答复日期",
    "处理结果",
    "收费金额",
    "备注",
)
APPLICANT_TEXT = {
    "natural": ("自然人", "公民"),
    "commercial": ("商业企业", "企业"),
    "research": ("科研机构",),
    "nonprofit": ("社会公益组织",),
    "legal": ("法律服务机构", "律师事务所"),
    "other": ("其他", "其他组织"),
}
SPECIAL_OUTCOME_TEXT = {"other.no_correction": "逾期不补正", "other.other": "撤回"}
"""处理结果 as clerks write it (ledger.md); every other outcome is written as its printed label."""
CHANNELS = ("当面", "邮寄签收", "平常信函", "互联网", "传真")


def outcome_text(key: str) -> str:
    if key in SPECIAL_OUTCOME_TEXT:
        return SPECIAL_OUTCOME_TEXT[key]
    return bare(next(r.label for r in edition("2021").s3_outcome_rows if r.key == key))


def date_text(day: dt.date, style: int) -> object:
    """The date in one of the forms ledger.md says the importer reads."""
    return (
        day,
        day.isoformat(),
        f"{day.year}/{day.month}/{day.day}",
        f"{day.year}.{day.month}.{day.day}",
        f"{day.year}年{day.month}月{day.day}日",
    )[style % 5]


def write_workbook(path, rows: list[tuple[str, dt.date, dt.date | None, str | None]]) -> None:
    """rows: (applicant column, received_on, closed_on, outcome)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(HEADERS)
    for i, (applicant, received, closed, outcome) in enumerate(rows, start=1):
        texts = APPLICANT_TEXT[applicant]
        ws.append(
            [
                f"TZ-{received.year}-{i:05d}",
                date_text(received, i),
                CHANNELS[i % len(CHANNELS)],
                texts[i % len(texts)],
                f"申请人{i}",
                "",
                f"申请公开第{i}项政府信息",
                date_text(received, i + 1) if outcome == "other.no_correction" else None,
                None,
                None,
                None,
                None,
                date_text(closed, i + 2) if closed else None,
                outcome_text(outcome) if outcome else None,
                None,
                f"理由：{outcome_text(outcome)}" if outcome and outcome.startswith("other.") else "",
            ]
        )
    wb.save(path)


def import_workbook(tmp_path, code: str, rows) -> object:
    agency = agencies.create_agency(code, "偏关县人民政府")
    path = tmp_path / f"{code}.xlsx"
    write_workbook(path, rows)
    call_command("import_ledger", str(path), agency=code)
    return agency


def test_a_small_workbook_counted_by_hand(tmp_path):
    rows = [
        ("natural", D(2020, 12, 21), D(2021, 1, 12), "granted"),  # 2020: new, carried forward
        ("natural", D(2021, 3, 1), D(2021, 3, 1), "partly_granted"),
        ("commercial", D(2021, 5, 6), D(2021, 6, 2), "other.no_correction"),
        ("commercial", D(2021, 7, 1), D(2021, 7, 20), "other.no_fee"),
        ("legal", D(2021, 9, 9), D(2021, 9, 30), "withheld.third_party"),
        ("research", D(2021, 12, 30), None, None),  # open: carried forward from 2021
        ("other", D(2020, 6, 1), D(2020, 6, 20), "other.other"),
    ]
    agency = import_workbook(tmp_path, "hand", rows)
    y2020 = services.compute_report(agency, 2020, "2019").report.cells
    y2021 = services.compute_report(agency, 2021, "2021").report.cells
    assert (y2020["s3.received.total"], y2020["s3.other.other"], y2020["s3.total.total"]) == (2, 1, 1)
    assert (y2020["s3.carried_forward.natural"], y2020["s3.carried_forward.total"]) == (1, 1)
    assert (
        y2021["s3.carried_over.natural"],
        y2021["s3.granted.natural"],
        y2021["s3.partly_granted.natural"],
    ) == (
        1,
        1,
        1,
    )
    assert (y2021["s3.received.total"], y2021["s3.received.commercial"], y2021["s3.total.total"]) == (5, 2, 5)
    assert (y2021["s3.other.no_correction.commercial"], y2021["s3.other.no_fee.commercial"]) == (1, 1)
    assert (y2021["s3.withheld.third_party.legal"], y2021["s3.carried_forward.research"]) == (1, 1)
    assert y2021["s3.carried_forward.total"] == 1
    in_2019_edition = services.compute_report(agency, 2021, "2019").report.cells
    assert (in_2019_edition["s3.other.commercial"], in_2019_edition["s3.other.total"]) == (2, 2)


def expected_by_the_spec(rows, year: int, edition_name: str) -> Counter:
    """ledger.md § Counting, read again independently: (row, column) → count."""
    first, last = D(year, 1, 1), D(year, 12, 31)
    out: Counter = Counter()
    for applicant, received, closed, outcome in rows:
        cells = []
        if first <= received <= last:
            cells.append("received")
        if received < first and (closed is None or closed >= first):
            cells.append("carried_over")
        if closed is not None and first <= closed <= last:
            row = "other" if edition_name == "2019" and outcome.startswith("other.") else outcome
            cells += [row, "total"]
        if received <= last and (closed is None or closed > last):
            cells.append("carried_forward")
        for row in cells:
            out[row, applicant] += 1
            out[row, "total"] += 1
    return out


def random_rows(seed: int, n: int):
    rng = random.Random(seed)
    outcomes = [r.key for r in edition("2021").s3_outcome_rows]
    rows = []
    for _ in range(n):
        received = D(2019, 11, 1) + dt.timedelta(days=rng.randrange(3 * 365 + 60))
        closed = None
        if rng.random() < 0.85:
            closed = received + dt.timedelta(days=rng.choice((0, 1, 5, 20, 35, 70)))
        rows.append(
            (rng.choice(list(APPLICANT_TEXT)), received, closed, rng.choice(outcomes) if closed else None)
        )
    return rows


def test_a_large_workbook_gives_the_counts_of_the_spec_for_both_editions(tmp_path):
    rows = random_rows(8, 400)
    agency = import_workbook(tmp_path, "big", rows)
    for year in (2020, 2021, 2022):
        for edition_name in ("2019", "2021"):
            cells = services.compute_report(agency, year, edition_name).report.cells
            expected = expected_by_the_spec(rows, year, edition_name)
            got = {
                (key.split(".", 1)[1].rsplit(".", 1)[0], key.rsplit(".", 1)[1]): v
                for key, v in cells.items()
                if key.startswith("s3.") and v
            }
            assert got == {k: v for k, v in expected.items() if v}, (year, edition_name)


def test_a_workbook_that_would_change_a_closed_year_imports_nothing(tmp_path, capsys):
    agency = import_workbook(tmp_path, "closed", [("natural", D(2021, 3, 1), D(2021, 3, 9), "granted")])
    services.close_year(agency, 2021, today=D(2022, 1, 15))
    path = tmp_path / "late.xlsx"
    write_workbook(
        path,
        [
            ("natural", D(2022, 2, 1), D(2022, 2, 8), "granted"),
            ("legal", D(2021, 11, 5), D(2022, 1, 4), "granted"),
        ],
    )
    with pytest.raises(CommandError, match="未导入任何一行"):
        call_command("import_ledger", str(path), agency="closed")
    said = capsys.readouterr().err
    assert "第3行" in said and "2021年度已关账" in said and "第2行" not in said
    assert services.compute_report(agency, 2022).report.cells["s3.received.total"] == 0
