"""When the report was published, against the deadlines of Art. 49 of the Regulation."""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from collections.abc import Iterator

from xxgk.check.findings import finding
from xxgk.report.model import AnnualReport, Finding

MonthDay = tuple[int, int]

DEPARTMENT_DEADLINE: MonthDay = (1, 31)
"""Art. 49(1): departments of governments at county level and above, by 31 January."""
GOVERNMENT_DEADLINE: MonthDay = (3, 31)
"""Art. 49(2): the report of a local government as a whole, by 31 March."""

_GOVERNMENT = re.compile(r"人民政府$")
_SPACE = re.compile(r"\s+")


def is_government(agency: str | None) -> bool:
    """Whether the agency reads as a government as a whole (偏关县人民政府), not a department."""
    if not agency:
        return False
    return bool(_GOVERNMENT.search(_SPACE.sub("", unicodedata.normalize("NFKC", agency))))


def deadline_for(report: AnnualReport) -> MonthDay:
    return GOVERNMENT_DEADLINE if is_government(report.agency) else DEPARTMENT_DEADLINE


def _date(year: int, md: MonthDay) -> dt.date:
    """The deadline in ``year``; a day past the month's end (2月30日) means its last day."""
    month, day = md
    if not 1 <= month <= 12 or day < 1:
        raise ValueError(f"发布期限“{month}月{day}日”不是有效的日期")
    return dt.date(year, month, min(day, calendar.monthrange(year, month)[1]))


def timeliness_findings(
    report: AnnualReport, *, today: dt.date | None = None, deadline: MonthDay | None = None
) -> Iterator[Finding]:
    """``published-late`` / ``-early`` / ``-future``.

    ``deadline`` is the month and day in the year after the report's year; by default
    31 March for a government as a whole (an agency named …人民政府) and 31 January
    for everything else. Local notices often set earlier dates: pass them here.
    """
    published, year = report.published_on, report.year
    if published is None:
        return
    today = today or dt.date.today()
    if published > today:
        yield finding(
            "published-future", f"发布日期 {published.isoformat()} 晚于今天（{today.isoformat()}）。"
        )
    if year is None or not dt.MINYEAR <= year < dt.MAXYEAR:
        return
    if published <= dt.date(year, 12, 31):
        yield finding(
            "published-early",
            f"这是 {year} 年度报告，发布日期却是 {published.isoformat()}，早于该年度结束；请核实日期或年度。",
        )
        return
    md = deadline or deadline_for(report)
    due = _date(year + 1, md)
    if published <= due:
        return
    late = (published - due).days
    if deadline is not None:
        basis = "（所设定的期限）"
    elif md == GOVERNMENT_DEADLINE:
        basis = "（县级以上地方人民政府本级年度报告的法定期限，条例第四十九条）"
    else:
        basis = (
            "（县级以上人民政府部门的法定期限，条例第四十九条；"
            "若本报告是县级以上地方人民政府的本级年度报告，期限为3月31日）"
        )
    yield finding(
        "published-late",
        f"发布日期 {published.isoformat()} 晚于 {due.year}年{due.month}月{due.day}日"
        f"{basis}，逾期 {late} 天。",
    )
