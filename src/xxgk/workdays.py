"""The national working-day calendar the Regulation's periods are counted on.

A working day is Monday to Friday, minus the statutory holidays and 调休 rest days of the year's State
Council schedule, plus its 调休 make-up days. Each year's schedule comes from, in order:

1. a holiday table ``YYYY.toml`` in the administrator's directory (argument or ``XXGK_HOLIDAYS_DIR``);
2. a table shipped in ``xxgk/data/holidays/`` (format documented in ``template.toml`` there);
3. ``chinesecalendar`` for the years it knows;
4. nothing: Monday to Friday only, and every result that depends on such a year carries a warning.

The New Year holiday of year Y+1 can reach back into the last days of December of year Y (the 2019
schedule made 2018-12-29 a working Saturday and 2018-12-31 a holiday), so a table for Y+1 may list
December dates of Y, and results touching late December of Y warn while Y+1 is unknown.

Counting is done on a precomputed index (the running count of working days for every day of a span of
years, and the ordinal of every working day), so adding n working days is two list look-ups.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import Enum
from importlib import resources
from pathlib import Path

HOLIDAYS_DIR_ENV = "XXGK_HOLIDAYS_DIR"
PACKAGE_TABLES = Path(__file__).parent / "data" / "holidays"
MIN_YEAR, MAX_YEAR = 1950, 2200
NEW_YEAR_REACH_DAY = 25
"""From 25 December on, a day may still be moved by the next year's New Year arrangement."""

WEEKDAY_NAMES = "一二三四五六日"
TABLE_NAME = re.compile(r"^(\d{4})\.toml$")


class HolidayTableError(ValueError):
    """A holiday table that cannot be used; the message (Chinese) names the file and the line or date."""


class CalendarRangeError(ValueError):
    """A date outside the years the calendar computes."""


class Origin(Enum):
    TABLE = "table"
    CHINESECALENDAR = "chinesecalendar"
    WEEKDAYS = "weekdays"


@dataclass(frozen=True)
class YearTable:
    """One year's schedule as an administrator wrote it from the State Council notice."""

    year: int
    off: dict[date, str]
    work: dict[date, str]
    notice: str = ""
    path: Path | None = None


@dataclass(frozen=True)
class YearSource:
    year: int
    origin: Origin
    description: str


@dataclass(frozen=True)
class Day:
    date: date
    workday: bool
    kind: str
    holiday: str | None
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Stretch:
    """A count of working days between two dates, with what was skipped and what it rests on.

    ``workdays`` is the number of working days in (start, end]; negative when end is before start.
    """

    start: date
    end: date
    workdays: int
    holidays: tuple[tuple[date, str], ...] = ()
    weekends: tuple[date, ...] = ()
    makeup: tuple[tuple[date, str], ...] = ()
    sources: tuple[YearSource, ...] = ()
    warnings: tuple[str, ...] = field(default=())

    def skipped(self) -> str:
        """Chinese: the non-working days inside the stretch and the make-up days counted in it."""
        parts = []
        if self.holidays:
            parts.append("跳过节假日 " + "；".join(_ranges(self.holidays)))
        if self.weekends:
            parts.append(f"跳过周末 {len(self.weekends)} 天")
        if self.makeup:
            days = "、".join(
                f"{fmt(d)}（{name}调休，周{WEEKDAY_NAMES[d.weekday()]}）" for d, name in self.makeup
            )
            parts.append("调休上班日 " + days + " 计为工作日")
        return "，".join(parts) if parts else "其间没有非工作日"

    def describe(self) -> str:
        lo, hi = sorted((self.start, self.end))
        text = f"{fmt(lo)}（当日不计）至{fmt(hi)}共 {abs(self.workdays)} 个工作日；{self.skipped()}。"
        basis = "；".join(f"{s.year}年：{s.description}" for s in self.sources)
        return text + (f"节假日安排依据：{basis}。" if basis else "")


def fmt(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def _ranges(days: Iterable[tuple[date, str]]) -> list[str]:
    groups: list[list] = []
    for d, name in days:
        if groups and groups[-1][2] == name and (d - groups[-1][1]).days == 1:
            groups[-1][1] = d
        else:
            groups.append([d, d, name])
    out = []
    for first, last, name in groups:
        n = (last - first).days + 1
        span = fmt(first) if n == 1 else f"{fmt(first)}至{fmt(last)}"
        out.append(f"{name} {span}（{n} 天）")
    return out


# ----------------------------------------------------------------------------------------- tables


def _line_of(text: str, needle: str, start: int = 1) -> int | None:
    for i, line in enumerate(text.splitlines(), 1):
        if i >= start and needle in line.split("#", 1)[0]:
            return i
    return None


def load_table(path: str | Path) -> YearTable:
    """Read and check one ``YYYY.toml`` holiday table. Raises :class:`HolidayTableError`."""
    path = Path(path)
    m = TABLE_NAME.match(path.name)
    if not m:
        raise HolidayTableError(f"节假日表 {path}：文件名必须是“年份.toml”，例如 2027.toml")
    file_year = int(m.group(1))
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise HolidayTableError(f"节假日表 {path}：文件不是 UTF-8 编码，请用 UTF-8 保存") from None
    except OSError as e:
        raise HolidayTableError(f"节假日表 {path}：无法读取（{e.strerror}）") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        where = re.search(r"line (\d+), column (\d+)", str(e))
        at = f"第{where.group(1)}行第{where.group(2)}列" if where else ""
        raise HolidayTableError(
            f"节假日表 {path} {at}格式错误，请对照 template.toml 检查（解析器提示：{e}）"
        ) from None

    def fail(message: str, line: int | None) -> HolidayTableError:
        return HolidayTableError(f"节假日表 {path}{f' 第{line}行' if line else ''}：{message}")

    for key in data:
        if key not in ("year", "notice", "holiday"):
            raise fail(f"不认识的项目“{key}”（只能是 year、notice 和 [[holiday]]）", _line_of(text, key))
    year = data.get("year")
    if not isinstance(year, int) or isinstance(year, bool):
        raise fail("缺少 year = 年份，或年份不是整数", _line_of(text, "year"))
    if year != file_year:
        raise fail(f"year = {year} 与文件名 {path.name} 不一致", _line_of(text, "year"))
    notice = data.get("notice", "")
    if not isinstance(notice, str):
        raise fail("notice 必须是用引号括起来的文字", _line_of(text, "notice"))
    holidays = data.get("holiday")
    headers = [
        i for i, line in enumerate(text.splitlines(), 1) if re.match(r"\s*\[\[\s*holiday\s*\]\]", line)
    ]
    if not isinstance(holidays, list) or not holidays:
        raise fail("没有列出任何节日，至少需要一个 [[holiday]] 段", None)

    off: dict[date, str] = {}
    work: dict[date, str] = {}
    for i, entry in enumerate(holidays):
        at = headers[i] if i < len(headers) else None

        def day(value: object, what: str, at: int | None = at) -> date:
            if isinstance(value, str):
                try:
                    value = date.fromisoformat(value.strip())
                except ValueError:
                    raise fail(
                        f"{what}“{value}”不是有效日期，应写作 {year}-01-01", _line_of(text, value, at or 1)
                    ) from None
            if not isinstance(value, date) or hasattr(value, "hour"):
                raise fail(f"{what}必须是日期，例如 {year}-01-01", at)
            line = _line_of(text, value.isoformat(), at or 1)
            if not (value.year == year or (value.year == year - 1 and value.month == 12)):
                raise fail(
                    f"{what} {value} 不属于{year}年（只允许{year}年的日期和{year - 1}年12月的日期）", line
                )
            return value

        if not isinstance(entry, dict):
            raise fail("holiday 必须写成 [[holiday]] 段", at)
        for key in entry:
            if key not in ("name", "from", "to", "work"):
                raise fail(
                    f"不认识的项目“{key}”（[[holiday]] 段只能有 name、from、to、work）",
                    _line_of(text, key, at or 1),
                )
        name = entry.get("name")
        if not isinstance(name, str) or not name.strip():
            raise fail('缺少 name = "节日名称"', at)
        name = name.strip()
        if "from" not in entry:
            raise fail(f"{name}：缺少 from = 放假第一天", at)
        first = day(entry["from"], f"{name}的放假第一天")
        last = day(entry.get("to", first), f"{name}的放假最后一天")
        if last < first:
            raise fail(
                f"{name}：放假最后一天 {last} 早于第一天 {first}", _line_of(text, last.isoformat(), at or 1)
            )
        if (last - first).days > 20:
            raise fail(
                f"{name}：{first} 至 {last} 超过 21 天，请检查日期", _line_of(text, last.isoformat(), at or 1)
            )
        d = first
        while d <= last:
            if d in off:
                raise fail(f"{d} 同时列在“{off[d]}”和“{name}”的假期中", _line_of(text, name, at or 1))
            off[d] = name
            d += timedelta(days=1)
        extra = entry.get("work", [])
        if not isinstance(extra, list):
            raise fail(f"{name}：work 必须是日期列表，例如 work = [{year}-02-14]", at)
        for value in extra:
            w = day(value, f"{name}的调休上班日")
            line = _line_of(text, w.isoformat(), at or 1)
            if w.weekday() < 5:
                raise fail(f"调休上班日 {w} 是星期{WEEKDAY_NAMES[w.weekday()]}，只能是周六或周日", line)
            if w in work:
                raise fail(f"调休上班日 {w} 重复列出", line)
            work[w] = name
    both = sorted(set(off) & set(work))
    if both:
        raise fail(f"{both[0]} 既列为放假又列为调休上班", _line_of(text, both[0].isoformat()))
    return YearTable(year=year, off=off, work=work, notice=notice.strip(), path=path)


def load_tables(directory: str | Path) -> dict[int, YearTable]:
    directory = Path(directory)
    if not directory.is_dir():
        raise HolidayTableError(f"节假日表目录 {directory} 不存在或不是目录（见环境变量 {HOLIDAYS_DIR_ENV}）")
    tables = {}
    for path in sorted(directory.iterdir()):
        if TABLE_NAME.match(path.name) and path.is_file():
            table = load_table(path)
            tables[table.year] = table
    return tables


# --------------------------------------------------------------------------------------- calendar


def _chinesecalendar() -> tuple[dict, dict, range, str]:
    import chinese_calendar
    from chinese_calendar.constants import Holiday, holidays, in_lieu_days, workdays

    def chinese(value: str) -> str:
        try:
            return Holiday(value).chinese
        except ValueError:
            return value

    years = {d.year for d in holidays}
    version = getattr(chinese_calendar, "__version__", "")
    off = {d: chinese(v) for d, v in holidays.items()}
    off.update({d: chinese(v) for d, v in in_lieu_days.items() if d not in off})
    work = {d: chinese(v) for d, v in workdays.items()}
    return off, work, range(min(years), max(years) + 1), f"chinesecalendar {version}".strip()


class Calendar:
    """The working-day calendar for a set of holiday tables.

    ``holidays_dir``: the administrator's tables; ``None`` reads ``XXGK_HOLIDAYS_DIR`` (unset: none).
    ``package_tables`` and ``use_chinesecalendar`` switch off the shipped sources (for cross-checks).
    """

    def __init__(
        self,
        holidays_dir: str | Path | None = None,
        *,
        package_tables: bool = True,
        use_chinesecalendar: bool = True,
    ) -> None:
        if holidays_dir is None:
            holidays_dir = os.environ.get(HOLIDAYS_DIR_ENV) or None
        self.tables: dict[int, YearTable] = {}
        if package_tables and PACKAGE_TABLES.is_dir():
            self.tables.update(load_tables(PACKAGE_TABLES))
        if holidays_dir is not None:
            self.tables.update(load_tables(holidays_dir))
        if use_chinesecalendar:
            self._cc_off, self._cc_work, self._cc_years, self._cc_name = _chinesecalendar()
        else:
            self._cc_off, self._cc_work, self._cc_years, self._cc_name = {}, {}, range(0), ""
        self._lo = self._hi = 0
        self._base = 0
        self._flags = bytearray()
        self._cum: list[int] = []
        self._wd: list[int] = []
        self._cover(2000, 2035)

    # -- sources

    def source(self, year: int) -> YearSource:
        table = self.tables.get(year)
        if table is not None:
            notice = f"（{table.notice}）" if table.notice else ""
            if table.path is not None and table.path.parent == PACKAGE_TABLES:
                where = f"程序自带的节假日表 {table.path.name}"
            else:
                where = f"节假日表 {table.path}"
            return YearSource(year, Origin.TABLE, f"{where}{notice}")
        if year in self._cc_years:
            return YearSource(year, Origin.CHINESECALENDAR, f"{self._cc_name} 收录的国务院办公厅节假日安排")
        return YearSource(year, Origin.WEEKDAYS, "尚未配置节假日安排，仅按周一至周五计算")

    def known(self, year: int) -> bool:
        return self.source(year).origin is not Origin.WEEKDAYS

    def warnings(self, first: date, last: date) -> tuple[str, ...]:
        """Warnings for a result that depends on the days ``first`` .. ``last`` (inclusive)."""
        if last < first:
            return ()
        out = []
        for year in range(first.year, last.year + 1):
            if not self.known(year):
                reach = (
                    f"（也可能改变{year - 1}年12月下旬的安排）"
                    if first <= date(year - 1, 12, 31)
                    and self.known(year - 1)
                    and last >= date(year - 1, 12, NEW_YEAR_REACH_DAY)
                    else ""
                )
                out.append(
                    f"{year}年的节假日安排尚未配置，按周一至周五计算，结果可能不准确{reach}。"
                    f"国务院办公厅公布{year}年节假日安排后，请在节假日表目录（环境变量 {HOLIDAYS_DIR_ENV}）"
                    f"中添加 {year}.toml 并重新计算（文件格式见 {template_path()}）。"
                )
            elif (
                last.year == year and not self.known(year + 1) and last >= date(year, 12, NEW_YEAR_REACH_DAY)
            ):
                out.append(
                    f"{year + 1}年的节假日安排尚未配置；{year}年12月{NEW_YEAR_REACH_DAY}日以后的日期可能因"
                    f"{year + 1}年元旦放假调休而改变，结果可能不准确，请在该年安排公布后复核。"
                )
        return tuple(out)

    # -- the day rule

    def _classify(self, d: date) -> tuple[bool, str | None, bool]:
        """(working day?, holiday name, make-up day?) for one day, from the source of its year."""
        if d.month == 12:
            following = self.tables.get(d.year + 1)
            if following is not None:
                ahead_off, ahead_work = following.off, following.work
            elif d.year + 1 in self._cc_years:
                ahead_off, ahead_work = self._cc_off, self._cc_work
            else:
                ahead_off, ahead_work = {}, {}
            if d in ahead_work:
                return True, ahead_work[d], True
            if d in ahead_off:
                return False, ahead_off[d], False
        table = self.tables.get(d.year)
        if table is not None:
            off, work = table.off, table.work
        elif d.year in self._cc_years:
            off, work = self._cc_off, self._cc_work
        else:
            off, work = {}, {}
        if d in work:
            return True, work[d], True
        if d in off:
            return False, off[d], False
        return d.weekday() < 5, None, False

    # -- the index

    def _cover(self, lo: int, hi: int) -> None:
        lo, hi = min(lo, self._lo or lo), max(hi, self._hi or hi)
        if lo < MIN_YEAR or hi > MAX_YEAR:
            raise CalendarRangeError(f"日期超出可计算的范围（{MIN_YEAR}年至{MAX_YEAR}年）")
        base = date(lo, 1, 1).toordinal()
        end = date(hi, 12, 31).toordinal()
        flags = bytearray(end - base + 1)
        cum = [0] * len(flags)
        wd = []
        running = 0
        for i in range(len(flags)):
            if self._classify(date.fromordinal(base + i))[0]:
                flags[i] = 1
                running += 1
                wd.append(base + i)
            cum[i] = running
        self._lo, self._hi, self._base, self._flags, self._cum, self._wd = lo, hi, base, flags, cum, wd

    def _offset(self, d: date) -> int:
        o = d.toordinal() - self._base
        if 0 <= o < len(self._cum):
            return o
        self._cover(d.year, d.year)
        return d.toordinal() - self._base

    # -- fast primitives

    def is_workday(self, d: date) -> bool:
        return bool(self._flags[self._offset(d)])

    def add(self, d: date, n: int) -> date:
        """The n-th working day after ``d`` (before it when n < 0); ``d`` itself when n == 0."""
        if n == 0:
            return d
        while True:
            o = self._offset(d)
            if n > 0:
                k = self._cum[o] + n - 1
                if k < len(self._wd):
                    return date.fromordinal(self._wd[k])
                self._cover(self._lo, self._hi + 1 + n // 240)
            else:
                k = self._cum[o] - self._flags[o] + n
                if k >= 0:
                    return date.fromordinal(self._wd[k])
                self._cover(self._lo - 1 + n // 240, self._hi)

    def between(self, a: date, b: date) -> int:
        """Working days in (a, b]; negative (minus those in (b, a]) when b is before a."""
        self._offset(a)
        ob = self._offset(b)
        oa = self._offset(a)
        return self._cum[ob] - self._cum[oa]

    # -- explained results

    def day(self, d: date) -> Day:
        self._offset(d)
        workday, holiday, makeup = self._classify(d)
        if makeup:
            kind = f"调休上班日（{holiday}）"
        elif holiday:
            kind = f"节假日（{holiday}）"
        elif workday:
            kind = "工作日"
        else:
            kind = "周末"
        return Day(d, workday, kind, holiday, self.warnings(d, d))

    def stretch(self, a: date, b: date) -> Stretch:
        """The working days in (a, b], explained."""
        lo, hi = sorted((a, b))
        holidays, weekends, makeup = [], [], []
        d = lo + timedelta(days=1)
        while d <= hi:
            workday, name, is_makeup = self._classify(d)
            if is_makeup:
                makeup.append((d, name or ""))
            elif name and not workday:
                holidays.append((d, name))
            elif not workday:
                weekends.append(d)
            d += timedelta(days=1)
        first = lo + timedelta(days=1)
        sources = tuple(self.source(y) for y in range(first.year, hi.year + 1)) if first <= hi else ()
        return Stretch(
            start=a,
            end=b,
            workdays=self.between(a, b),
            holidays=tuple(holidays),
            weekends=tuple(weekends),
            makeup=tuple(makeup),
            sources=sources,
            warnings=self.warnings(first, hi),
        )

    def after(self, d: date, n: int) -> Stretch:
        """The n-th working day after ``d``, explained (``.end`` is the date)."""
        return self.stretch(d, self.add(d, n))


_defaults: dict[str | None, Calendar] = {}


def template_path() -> str:
    """Where the documented format of a holiday table is (``template.toml``, installed with xxgk)."""
    return str(resources.files("xxgk.data").joinpath("holidays/template.toml"))


def default_calendar() -> Calendar:
    """The calendar of the shipped tables, chinesecalendar and ``XXGK_HOLIDAYS_DIR`` (cached per value)."""
    key = os.environ.get(HOLIDAYS_DIR_ENV) or None
    if key not in _defaults:
        _defaults[key] = Calendar(key)
    return _defaults[key]


def is_workday(d: date) -> bool:
    return default_calendar().is_workday(d)

