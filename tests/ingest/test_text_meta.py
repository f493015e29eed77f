"""Agency, year and publication date from titles, signatures and 印发 lines."""

from __future__ import annotations

import datetime as dt

import pytest

from xxgk.ingest.document import Document
from xxgk.ingest.meta import agency_from_signer, agency_from_title, published_on
from xxgk.ingest.text import rows_from_text


@pytest.mark.parametrize(
    ("title", "agency", "year"),
    [
        ("偏关县2020年度政府信息公开工作报告", "偏关县人民政府", 2020),
        ("2020年度偏关县政府信息公开工作年度报告", "偏关县人民政府", 2020),
        ("桦川县人民政府 2020 年政府 信息公开工作年度报告", "桦川县人民政府", 2020),
        ("平潭综合实验区公安局2022年政府信息公开工作年度报告", "平潭综合实验区公安局", 2022),
        ("2021年北京市海淀区教育委员会政府信息公开工作年度报告", "北京市海淀区教育委员会", 2021),
        ("XX县人民政府办公室关于2020年度政府信息公开工作年度报告", "XX县人民政府办公室", 2020),
        ("2021 年政府信息公开工作年度报告", None, 2021),
    ],
)
def test_agency_and_year_from_title(title, agency, year):
    assert agency_from_title(title) == (agency, year)


@pytest.mark.parametrize(
    ("signer", "agency"),
    [
        ("平潭综合实验区经济发展局办公室", "平潭综合实验区经济发展局"),
        ("稷山县人民政府", "稷山县人民政府"),
        ("偏关县", "偏关县人民政府"),
        ("无其他需要报告的事项", None),
    ],
)
def test_agency_from_signature(signer, agency):
    assert agency_from_signer(signer) == agency


@pytest.mark.parametrize(
    ("tail", "date"),
    [
        ("偏关县人民政府\n2021年2月20日\n", dt.date(2021, 2, 20)),
        ("某某局\n二〇二一年二月二十日\n", dt.date(2021, 2, 20)),
        ("某某局办公室 2020年1月2日印发\n", dt.date(2020, 1, 2)),
        ("某某局\n2021年2月30日\n", None),
        ("某某局\n", None),
    ],
)
def test_publication_date_at_the_end(tail, date):
    doc = Document("t.txt", "text", rows_from_text("一、总体情况\n正文。\n" + tail))
    assert published_on(doc)[0] == date


@pytest.mark.parametrize(
    ("title", "agency", "year"),
    [
        ("2019年上海市人民政府办公厅政府信息公开工作年度报告", "上海市人民政府办公厅", 2019),
        ("平潭综合实验区2024年度政府信息公开工作年度报告", "平潭综合实验区", 2024),
        ("某某经济技术开发区2022年政府信息公开工作年度报告", "某某经济技术开发区", 2022),
    ],
)
def test_agency_and_year_from_more_titles(title, agency, year):
    assert agency_from_title(title) == (agency, year)


def test_title_found_with_the_year_first_and_behind_a_scraper_label():
    from xxgk.ingest.meta import find_title

    for first in (
        "2019年上海市人民政府办公厅政府信息公开工作年度报告",
        "标题: 平潭综合实验区2024年度政府信息公开工作年度报告",
    ):
        doc = Document("t.txt", "text", rows_from_text(first + "\n一、总体情况\n正文。\n"))
        title, row = find_title(doc)
        assert row == 0 and title is not None and not title.startswith("标题")


def test_year_from_the_reporting_period_worded_from_to():
    from xxgk.ingest.meta import year_from_period

    doc = Document(
        "t.txt", "text", rows_from_text("本年度报告中所列数据统计期限从2019年1月1日到12月31日止。\n")
    )
    assert year_from_period(doc) == 2019


def test_title_broken_over_two_lines():
    from xxgk.ingest.meta import find_title

    doc = Document(
        "t.txt", "text", rows_from_text("2024 年上海市科委政府信息公开工作\n年度报告\n一、总体情况\n")
    )
    title, row = find_title(doc)
    assert row == 0 and agency_from_title(title) == ("上海市科委", 2024)
