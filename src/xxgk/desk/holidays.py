"""The administrator's holiday tables: one ``YYYY.toml`` per year in the site's holidays folder, which
:mod:`xxgk.workdays` reads through ``XXGK_HOLIDAYS_DIR`` (the settings point it there)."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from xxgk.workdays import PACKAGE_TABLES, HolidayTableError, YearSource, default_calendar, load_table

TEMPLATE = PACKAGE_TABLES / "template.toml"


def folder() -> Path:
    return Path(settings.HOLIDAYS_DIR)


@dataclass(frozen=True)
class YearRow:
    year: int
    source: YearSource
    editable: bool
    """Whether the table is the administrator's own (else it comes with the program)."""


def years(around: int) -> list[YearRow]:
    """The years around ``around`` and every year the administrator wrote a table for."""
    cal = default_calendar()
    own = {int(p.stem) for p in folder().glob("[0-9][0-9][0-9][0-9].toml")}
    return [YearRow(y, cal.source(y), y in own) for y in sorted(own | set(range(around - 2, around + 3)))]


def text_of(year: int) -> str:
    """The administrator's table of ``year``, else the template with the year filled in."""
    path = folder() / f"{year}.toml"
    if path.exists():
        return path.read_text(encoding="utf-8")
    lines = [line for line in TEMPLATE.read_text(encoding="utf-8").splitlines() if line.startswith("#")]
    return "\n".join([*lines, "", f"year = {year}", 'notice = ""', ""])


def save(year: int, text: str) -> None:
    """Check the table as :mod:`xxgk.workdays` reads it, then put it in place in one step.

    Raises :class:`HolidayTableError` (a Chinese message) and leaves the old table when it is wrong."""
    target = folder()
    target.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent) as scratch:
        trial = Path(scratch) / f"{year}.toml"
        trial.write_text(text.replace("\r\n", "\n"), encoding="utf-8")
        try:
            table = load_table(trial)
        except HolidayTableError as e:
            raise HolidayTableError(str(e).replace(str(trial), f"{year}.toml")) from None
        if table.year != year:
            raise HolidayTableError(f"表中的年份 {table.year} 与所选年份 {year} 不一致")
        os.replace(trial, target / f"{year}.toml")


def remove(year: int) -> bool:
    path = folder() / f"{year}.toml"
    if not path.exists():
        return False
    path.unlink()
    return True
