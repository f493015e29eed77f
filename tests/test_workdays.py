"""The working-day calendar against the State Council schedules, written out by hand from the notices."""

from datetime import date, timedelta

import chinese_calendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xxgk.workdays import (
    Calendar,
    CalendarRangeError,
    HolidayTableError,
    Origin,
    load_table,
)

# (first day off, last day off, make-up working days), copied from the notices of the State Council
# General Office on each year's holiday arrangements, not from any library.
NOTICES = {
    # 国办发明电〔2022〕16号
    2023: [
        ("2022-12-31", "2023-01-02", []),
        ("2023-01-21", "2023-01-27", ["2023-01-28", "2023-01-29"]),
        ("2023-04-05", "2023-04-05", []),
        ("2023-04-29", "2023-05-03", ["2023-04-23", "2023-05-06"]),
        ("2023-06-22", "2023-06-24", ["2023-06-25"]),
        ("2023-09-29", "2023-10-06", ["2023-10-07", "2023-10-08"]),
    ],
    # 国办发明电〔2023〕7号 (除夕 2024-02-09 was still a working day)
    2024: [
        ("2024-01-01", "2024-01-01", []),
        ("2024-02-10", "2024-02-17", ["2024-02-04", "2024-02-18"]),
        ("2024-04-04", "2024-04-06", ["2024-04-07"]),
        ("2024-05-01", "2024-05-05", ["2024-04-28", "2024-05-11"]),
        ("2024-06-10", "2024-06-10", []),
        ("2024-09-15", "2024-09-17", ["2024-09-14"]),
        ("2024-10-01", "2024-10-07", ["2024-09-29", "2024-10-12"]),
    ],
    # 国办发明电〔2024〕12号, first year of the revised 放假办法 (除夕 and 5月2日 become holidays)
    2025: [
        ("2025-01-01", "2025-01-01", []),
        ("2025-01-28", "2025-02-04", ["2025-01-26", "2025-02-08"]),
        ("2025-04-04", "2025-04-06", []),
        ("2025-05-01", "2025-05-05", ["2025-04-27"]),
        ("2025-05-31", "2025-06-02", []),
        ("2025-10-01", "2025-10-08", ["2025-09-28", "2025-10-11"]),
    ],
    # 国务院办公厅关于2026年部分节假日安排的通知, 2025-11-04
    2026: [
        ("2026-01-01", "2026-01-03", ["2026-01-04"]),
        ("2026-02-15", "2026-02-23", ["2026-02-14", "2026-02-28"]),
        ("2026-04-04", "2026-04-06", []),
        ("2026-05-01", "2026-05-05", ["2026-05-09"]),
        ("2026-06-19", "2026-06-21", []),
        ("2026-09-25", "2026-09-27", []),
        ("2026-10-01", "2026-10-07", ["2026-09-20", "2026-10-10"]),
    ],
}

# Working days in each year, counted by hand: weekdays, minus holidays falling on weekdays, plus make-ups.
WORKDAYS_IN_YEAR = {2023: 260 - 18 + 7, 2024: 262 - 19 + 8, 2025: 261 - 18 + 5, 2026: 261 - 19 + 6}

D = date.fromisoformat


def by_hand(year: int) -> dict[date, bool]:
    off, work = set(), set()
    for first, last, makeup in NOTICES[year]:
        d = D(first)
        while d <= D(last):
            off.add(d)
            d += timedelta(days=1)
        work.update(map(D, makeup))
    days = {}
    d = date(year, 1, 1)
    while d.year == year:
        days[d] = d in work or (d.weekday() < 5 and d not in off)
        d += timedelta(days=1)
    return days


@pytest.fixture(scope="module")
def cal() -> Calendar:
    return Calendar(package_tables=True)


CALENDARS = {
    "default": lambda: Calendar(),
    "chinesecalendar only": lambda: Calendar(package_tables=False),
}


@pytest.mark.parametrize("year", sorted(NOTICES))
@pytest.mark.parametrize("which", sorted(CALENDARS))
def test_every_day_agrees_with_the_notice(year: int, which: str) -> None:
    c = CALENDARS[which]()
    wrong = [d for d, expected in by_hand(year).items() if c.is_workday(d) != expected]
    assert wrong == []


@pytest.mark.parametrize("year", [2025, 2026])
def test_shipped_tables_alone_agree_with_the_notice(year: int) -> None:
    c = Calendar(use_chinesecalendar=False)
    assert c.source(year).origin is Origin.TABLE
    wrong = [d for d, expected in by_hand(year).items() if c.is_workday(d) != expected]
    assert wrong == []


@pytest.mark.parametrize("year", sorted(WORKDAYS_IN_YEAR))
def test_working_days_in_a_year(cal: Calendar, year: int) -> None:
    assert cal.between(date(year - 1, 12, 31), date(year, 12, 31)) == WORKDAYS_IN_YEAR[year]


def test_every_known_year_matches_chinesecalendar() -> None:
    c = Calendar(package_tables=False)
    d, wrong = date(2004, 1, 1), []
    while d.year <= 2026:
        if c.is_workday(d) != chinese_calendar.is_workday(d):
            wrong.append(d)
        d += timedelta(days=1)
    assert wrong == []


def test_holiday_law_of_2025() -> None:
    """国务院令第795号: from 2025 除夕 and 5月2日 are statutory holidays (13 days instead of 11)."""
    c = Calendar()
    assert c.is_workday(D("2024-02-09"))  # 除夕 2024, a Friday, was worked
    assert not c.is_workday(D("2025-01-28"))  # 除夕 2025, a Tuesday, is a holiday
    assert c.day(D("2025-01-28")).holiday == "春节"
    assert not c.is_workday(D("2025-05-02"))
    assert c.day(D("2025-05-02")).kind == "节假日（劳动节）"


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        # 2023 中秋国庆: off 9/29–10/6, Saturday 10/7 and Sunday 10/8 worked
        ("2023-09-27", 7, "2023-10-12"),
        ("2023-09-27", 20, "2023-10-31"),
        ("2023-09-28", 1, "2023-10-07"),
        # 2024 春节: off 2/10–2/17, Sundays 2/4 and 2/18 worked, 除夕 2/9 worked
        ("2024-02-02", 7, "2024-02-18"),
        ("2024-02-02", 20, "2024-03-06"),
        # 2025 春节 with 除夕: off 1/28–2/4, Sunday 1/26 and Saturday 2/8 worked
        ("2025-01-24", 7, "2025-02-10"),
        ("2025-01-24", 20, "2025-02-27"),
        # 2025 劳动节: off 5/1–5/5, Sunday 4/27 worked
        ("2025-04-25", 7, "2025-05-08"),
        # 2025 国庆中秋: off 10/1–10/8, Sunday 9/28 and Saturday 10/11 worked
        ("2025-09-26", 7, "2025-10-13"),
        ("2025-09-26", 20, "2025-10-30"),
        ("2025-09-30", 1, "2025-10-09"),
        ("2025-10-10", 1, "2025-10-11"),
        # 2026 春节: off 2/15–2/23, Saturdays 2/14 and 2/28 worked; the deadline falls on a Saturday
        ("2026-02-12", 7, "2026-02-28"),
        # 2026 中秋 and 国庆: off 9/25–9/27 and 10/1–10/7, Sunday 9/20 and Saturday 10/10 worked
        ("2026-09-18", 7, "2026-09-29"),
        ("2026-09-18", 20, "2026-10-22"),
        # year ends
        ("2022-12-28", 7, "2023-01-09"),
        ("2023-12-27", 7, "2024-01-08"),
        ("2025-12-29", 7, "2026-01-08"),
        ("2025-12-29", 20, "2026-01-27"),
        # the 2019 New Year arrangement reached back: Saturday 2018-12-29 worked, 12-31 off
        ("2018-12-27", 7, "2019-01-08"),
        # backwards
        ("2025-10-09", -1, "2025-09-30"),
        ("2026-02-24", -2, "2026-02-13"),
    ],
)
def test_nth_working_day_by_hand(cal: Calendar, start: str, n: int, expected: str) -> None:
    assert cal.add(D(start), n) == D(expected)
    assert cal.after(D(start), n).end == D(expected)


def test_explanation_names_what_was_skipped(cal: Calendar) -> None:
    s = cal.after(D("2025-09-26"), 20)
    assert s.workdays == 20
    assert [d for d, _ in s.holidays] == [D("2025-10-01") + timedelta(days=i) for i in range(8)]
    assert [d for d, _ in s.makeup] == [D("2025-09-28"), D("2025-10-11")]
    assert len(s.weekends) == 6
    text = s.describe()
    assert "国庆节" in text and "2025年10月1日至2025年10月8日" in text and "调休" in text
    assert s.warnings == ()


# ------------------------------------------------------------------ a year beyond the package's data

HYPOTHETICAL_2027 = """\
# A test fixture, NOT the real 2027 schedule (unpublished on 2026-11-22).
year = 2027
notice = "测试用虚构安排"

[[holiday]]
name = "元旦"
from = 2026-12-31
to = 2027-01-03
work = [2026-12-26]

[[holiday]]
name = "春节"
from = "2027-02-05"
to = "2027-02-12"
work = [2027-01-31, 2027-02-20]
"""


def test_unpublished_year_counts_weekdays_and_warns(cal: Calendar) -> None:
    assert cal.source(2027).origin is Origin.WEEKDAYS
    s = cal.after(D("2026-12-10"), 20)
    assert s.end == D("2027-01-07")
    assert any("2027年的节假日安排尚未配置" in w for w in s.warnings)
    assert cal.day(D("2027-01-01")).workday
    assert cal.day(D("2027-01-01")).warnings
    assert cal.after(D("2026-12-01"), 5).warnings == ()


def test_late_december_warns_while_next_year_is_unknown(cal: Calendar) -> None:
    s = cal.after(D("2026-12-18"), 6)
    assert s.end == D("2026-12-28")
    assert any("2026年12月25日以后" in w for w in s.warnings)


def test_configured_year_is_used_and_silences_the_warning(tmp_path) -> None:
    (tmp_path / "2027.toml").write_text(HYPOTHETICAL_2027, encoding="utf-8")
    c = Calendar(tmp_path)
    assert c.source(2027).origin is Origin.TABLE
    assert not c.is_workday(D("2027-01-01"))
    assert not c.is_workday(D("2026-12-31"))  # December of 2026 moved by the 2027 table
    assert c.is_workday(D("2026-12-26"))
    assert c.is_workday(D("2027-01-31"))
    assert not c.is_workday(D("2027-02-08"))
    s = c.after(D("2026-12-10"), 20)
    # 12/11 (1), 12/14–18 (6), 12/21–25 (11), Sat 12/26 (12), 12/28–30 (15), 12/31–1/3 off, 1/4–1/8 (20)
    assert s.end == D("2027-01-08")
    assert s.warnings == ()
    assert c.add(D("2027-02-04"), 1) == D("2027-02-15")


def test_environment_variable_names_the_directory(tmp_path, monkeypatch) -> None:
    (tmp_path / "2027.toml").write_text(HYPOTHETICAL_2027, encoding="utf-8")
    monkeypatch.setenv("XXGK_HOLIDAYS_DIR", str(tmp_path))
    assert Calendar().source(2027).origin is Origin.TABLE


def test_template_documents_the_format_and_is_not_loaded() -> None:
    from xxgk.workdays import PACKAGE_TABLES

    text = (PACKAGE_TABLES / "template.toml").read_text(encoding="utf-8")
    assert "XXGK_HOLIDAYS_DIR" in text and "[[holiday]]" in text
    assert set(Calendar().tables) == {2025, 2026}


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("year = 2027\n[[holiday]\nname = 'x'\n", "第2行"),
        ("year = 2027\n[[holiday]]\nname = '春节'\nfrom = 2027-02-30\n", "第4行"),
        ("year = 2026\n[[holiday]]\nname = '元旦'\nfrom = 2027-01-01\n", "与文件名"),
        ("year = 2027\n[[holiday]]\nname = '春节'\nfrom = 2027-02-05\nwork = [2027-02-03]\n", "第5行"),
        ("year = 2027\n[[holiday]]\nname = '春节'\nfrom = 2027-02-05\nwork = [2027-02-03]\n", "星期三"),
        ("year = 2027\n[[holiday]]\nname = '元旦'\nfrom = 2028-01-01\n", "2028-01-01"),
        ("year = 2027\n[[holiday]]\nname = '元旦'\nform = 2027-01-01\n", "form"),
        ("year = 2027\n[[holiday]]\nname = '元旦'\nfrom = '1月1日'\n", "1月1日"),
        ("year = 2027\n[[holiday]]\nname = '元旦'\nfrom = 2027-01-03\nto = 2027-01-01\n", "早于"),
        ("year = 2027\n", "没有列出任何节日"),
    ],
)
def test_invalid_tables_are_refused_in_chinese(tmp_path, content: str, expected: str) -> None:
    path = tmp_path / "2027.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(HolidayTableError) as e:
        load_table(path)
    assert "2027.toml" in str(e.value)
    assert expected in str(e.value)
    with pytest.raises(HolidayTableError):
        Calendar(tmp_path)


def test_missing_directory_is_refused(tmp_path) -> None:
    with pytest.raises(HolidayTableError, match="不存在"):
        Calendar(tmp_path / "nope")


def test_dates_out_of_range_are_refused(cal: Calendar) -> None:
    with pytest.raises(CalendarRangeError, match="超出"):
        cal.add(date(2026, 1, 1), 10**7)
    with pytest.raises(CalendarRangeError):
        cal.is_workday(date(1900, 1, 1))


# ---------------------------------------------------------------------------------- properties

dates = st.dates(min_value=date(2004, 1, 1), max_value=date(2030, 12, 31))
counts = st.integers(min_value=0, max_value=400)
CAL = Calendar()


def naive_add(d: date, n: int) -> date:
    step = 1 if n >= 0 else -1
    left = abs(n)
    while left:
        d += timedelta(days=step)
        if CAL.is_workday(d):
            left -= 1
    return d


@given(dates, st.integers(min_value=1, max_value=400))
def test_the_nth_working_day_is_a_working_day(d: date, n: int) -> None:
    assert CAL.is_workday(CAL.add(d, n))
    assert CAL.is_workday(CAL.add(d, -n))


@given(dates, counts, counts)
def test_adding_m_then_n_is_adding_m_plus_n(d: date, m: int, n: int) -> None:
    assert CAL.add(CAL.add(d, m), n) == CAL.add(d, m + n)


@given(dates, counts)
def test_counting_back_and_forth_agrees(d: date, n: int) -> None:
    e = CAL.add(d, n)
    assert CAL.between(d, e) == n
    assert CAL.between(e, d) == -n
    if CAL.is_workday(d):
        assert CAL.add(e, -n) == d
        assert CAL.between(d, CAL.add(d, -n)) == -n


@given(dates, dates, dates)
def test_counts_add_up(a: date, b: date, c: date) -> None:
    assert CAL.between(a, b) + CAL.between(b, c) == CAL.between(a, c)


@settings(max_examples=60)
@given(dates, st.integers(min_value=-300, max_value=300))
def test_index_agrees_with_counting_day_by_day(d: date, n: int) -> None:
    assert CAL.add(d, n) == naive_add(d, n)


@settings(max_examples=50)
@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2190, 12, 31)), counts)
def test_far_years_extend_the_index(d: date, n: int) -> None:
    c = Calendar()
    e = c.add(d, n)
    assert c.between(d, e) == n
