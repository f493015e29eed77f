"""索引号: the agency's prefix (统一社会信用代码 or 组织机构代码), the template, and the check characters.

portal.md § 索引号 generation. The check characters follow GB 32100-2015 (统一社会信用代码, 18 characters)
and GB 11714-1997 (组织机构代码, 9 characters, which are characters 9–17 of the USCC).
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from datetime import date

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
"""GB 32100's 31 characters (no I, O, Z, S, V)."""
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
ORG_CODE_SLICE = slice(8, 17)
"""Where the 9-character organisation code sits inside a USCC."""

TEMPLATES = (
    ("{prefix}/{year}-{serial:05d}", "前缀/年份-五位序号（例：…/2026-00001）"),
    ("{prefix}/{year}{month:02d}-{serial:05d}", "前缀/年月-五位序号（例：…/202612-00001）"),
    ("{prefix}-{year}-{serial:06d}", "前缀-年份-六位序号（例：…-2026-000001）"),
)


def uscc_check_char(first17: str) -> str:
    total = sum(USCC_ALPHABET.index(c) * w for c, w in zip(first17, USCC_WEIGHTS, strict=True))
    return USCC_ALPHABET[(31 - total % 31) % 31]


def org_check_char(first8: str) -> str:
    digits = string.digits + string.ascii_uppercase
    total = sum(digits.index(c) * w for c, w in zip(first8, ORG_WEIGHTS, strict=True))
    check = 11 - total % 11
    return {10: "X", 11: "0"}.get(check, str(check))


def uscc_problem(code: str) -> str | None:
    """Why ``code`` is not a valid 统一社会信用代码, in Chinese, or None."""
    if len(code) != 18:
        return f"统一社会信用代码应为18位，“{code}”为{len(code)}位"
    if any(c not in USCC_ALPHABET for c in code):
        return "统一社会信用代码只能由数字和除I、O、Z、S、V以外的大写字母组成"
    if uscc_check_char(code[:17]) != code[17]:
        return f"统一社会信用代码“{code}”的校验码不正确"
    return None


def org_code_problem(code: str) -> str | None:
    if not re.fullmatch(r"[0-9A-Z]{8}[0-9X]", code):
        return f"组织机构代码应为8位数字或大写字母加1位校验码，“{code}”不符合"
    if org_check_char(code[:8]) != code[8]:
        return f"组织机构代码“{code}”的校验码不正确"
    return None


def prefix_problem(prefix: str) -> str | None:
    """An index prefix is a USCC or the organisation code cut from one."""
    if len(prefix) == 9:
        return org_code_problem(prefix)
    return uscc_problem(prefix)


def template_problem(template: str) -> str | None:
    if template not in {t for t, _ in TEMPLATES}:
        return "索引号格式只能是预设的格式之一"
    return None


@dataclass(frozen=True)
class Period:
    """The counter a serial is drawn from: a year, or a year and month when the template has a month."""

    year: int
    month: int | None

    @property
    def key(self) -> str:
        return f"{self.year}" if self.month is None else f"{self.year}-{self.month:02d}"


def period_of(template: str, day: date) -> Period:
    return Period(day.year, day.month if "{month" in template else None)


def format_index(template: str, prefix: str, period: Period, serial: int) -> str:
    return template.format(prefix=prefix, year=period.year, month=period.month or 0, serial=serial)


PLACEHOLDERS = {
    "{prefix}": None,
    "{year}": r"(?P<year>\d{4})",
    "{month:02d}": r"(?P<month>\d{2})",
    "{serial:05d}": r"(?P<serial>\d{5,})",
    "{serial:06d}": r"(?P<serial>\d{6,})",
}


def parse_index(template: str, prefix: str, number: str) -> tuple[Period, int] | None:
    """The period and serial of an index number written in ``template`` with ``prefix``, or None."""
    parts = re.split(r"(\{[^}]+\})", template)
    pattern = "".join(
        (PLACEHOLDERS[p] or re.escape(prefix)) if p in PLACEHOLDERS else re.escape(p) for p in parts
    )
    m = re.fullmatch(pattern, number.strip())
    if not m:
        return None
    month = m.groupdict().get("month")
    return Period(int(m["year"]), int(month) if month else None), int(m["serial"])
