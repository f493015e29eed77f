"""Chinese numerals, defined once (xxgk.report.numerals), read back what they write."""

import datetime as dt

import pytest
from corpus import SEEDS

from xxgk.report import numerals


@pytest.mark.parametrize("n", range(1, 100))
def test_numbers_below_a_hundred_read_back(n):
    assert numerals.value(numerals.chinese(n)) == n


def test_the_forms_reports_print():
    assert [numerals.chinese(n) for n in (1, 10, 12, 21, 105, 110, 999)] == [
        "一",
        "十",
        "十二",
        "二十一",
        "一百零五",
        "一百一十",
        "九百九十九",
    ]
    assert numerals.year_value("二○二一") == numerals.year_value("二〇二一") == 2021
    assert numerals.date_text(2022, 1, 20) == "二〇二二年一月二十日"


def test_a_date_printed_in_chinese_is_read_as_the_publication_date():
    from xxgk.ingest import parse_bytes

    seed = sorted(SEEDS.glob("*.txt"))[0].read_text(encoding="utf-8")
    report = parse_bytes(
        (seed + "\n偏关县人民政府\n" + numerals.date_text(2021, 2, 20) + "\n").encode(), "x.txt"
    )
    assert report.published_on == dt.date(2021, 2, 20)
