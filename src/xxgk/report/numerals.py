"""Chinese numerals, as reports print them in headings and dates: the one definition.

``一`` … ``九``, ``十``, ``百``; a zero written ``〇``, ``○``, ``零`` or a letter O in a year
(``二〇二一年``, ``二○二一年``); numbers to 999 (enough for headings and dates).
"""

from __future__ import annotations

DIGITS = "〇一二三四五六七八九"
"""The digit characters by value (zero as 〇, as a year prints it)."""
ZEROS = "〇○零ＯO"
VALUES: dict[str, int] = {**dict.fromkeys(ZEROS, 0), **{ch: n for n, ch in enumerate(DIGITS) if n}}
"""Every character that stands for a digit, with its value."""


def value(text: str) -> int:
    """``十二`` → 12, ``二十一`` → 21, ``三`` → 3 (numbers below 100, as months and days)."""
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (VALUES[tens] if tens else 1) * 10 + (VALUES[ones] if ones else 0)
    return VALUES[text]


def year_value(text: str) -> int:
    """``二〇二一`` → 2021: a year is written digit by digit."""
    return int("".join(str(VALUES[ch]) for ch in text))


def chinese(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 21 → 二十一, 105 → 一百零五 (to 999; other numbers in digits)."""
    if n <= 0 or n >= 1000:
        return str(n)
    if n < 10:
        return DIGITS[n]
    if n < 20:
        return "十" + (DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return DIGITS[n // 10] + "十" + (DIGITS[n % 10] if n % 10 else "")
    rest = n % 100
    if rest == 0:
        tail = ""
    elif rest < 10:
        tail = "零" + DIGITS[rest]
    else:
        tail = chinese(rest) if rest >= 20 else "一" + chinese(rest)
    return DIGITS[n // 100] + "百" + tail


def year_text(year: int) -> str:
    """2021 → 二〇二一."""
    return "".join(DIGITS[int(d)] for d in str(year))


def date_text(year: int, month: int, day: int) -> str:
    """A date as a Chinese document prints it: 二〇二二年一月二十日."""
    return f"{year_text(year)}年{chinese(month)}月{chinese(day)}日"
