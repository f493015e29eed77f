"""Missing reports: due years without a report, by each agency's statutory deadline (Art. 49)."""

import datetime as dt

from xxgk.check.coverage import Expected, last_due_year, missing_finding, missing_years


def test_the_last_due_year_follows_the_deadline_of_the_agency():
    assert last_due_year("偏关县人民政府", dt.date(2024, 3, 31)) == 2022
    assert last_due_year("偏关县人民政府", dt.date(2024, 4, 1)) == 2023
    assert last_due_year("偏关县教育局", dt.date(2024, 1, 31)) == 2022
    assert last_due_year("偏关县教育局", dt.date(2024, 2, 1)) == 2023


def test_gaps_from_the_first_report_or_the_registers_year():
    expected = [
        Expected(1, "偏关县教育局"),
        Expected(2, "河曲县教育局", since=2020),
        Expected(3, "保德县教育局"),
    ]
    reported = {1: [2020, 2022], 2: []}
    got = missing_years(expected, reported, today=dt.date(2024, 6, 1), first_year=2019)
    assert got == {1: [2021, 2023], 2: [2020, 2021, 2022, 2023]}, "no report and no register year: no span"


def test_the_finding_names_agency_and_year():
    f = missing_finding("偏关县教育局", 2021)
    assert f.rule == "report-missing" and "偏关县教育局2021年度" in f.message
