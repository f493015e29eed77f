"""Reading the numbers printed in table cells.

Counts are whole numbers; a blank cell is ``None``. Signed changes appear as ``增71``,
``减 232``, ``+1355`` or ``-4``. Money is normalised to 万元 (``1.8 亿元`` → 18000,
``251000元`` or ``251000（元）`` → 25.1); a bare number under a 万元 header is already
in 万元. Agencies print ``—``, ``-``, ``/`` or ``无`` for "none": such a cell reads as blank.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from xxgk.ingest.labels import normalise

Number = int | float

_VALUE = re.compile(
    r"^(?P<sign>增加|减少|增|减|\+|-|−)?"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
    r"(?:(?P<unit>万元|亿元|千元|元|万|件|项|个|条|次|宗|家|人|份)|\((?P<bracketed>万元|亿元|千元|元)\))?$"
)
_NONE = re.compile(r"^(?:[-—–―‐/\\~～_]+|无|空|/|none)$", re.IGNORECASE)
_PAGE = re.compile(r"^(?:[-—–]\d{1,3}[-—–]|第\d{1,3}页(?:共\d{1,3}页)?|\d{1,3}/\d{1,3})$")
MAY_BE_VALUE = re.compile(r"^[\s\u3000]*[\d０-９+\-−—–―‐/\\~～_增减无空.．,nN＋－／]")
_SPACED_DIGITS = re.compile(r"\d[\s\u3000]+\d")
_TO_WAN = {"万元": 1, "万": 1, "亿元": 10000, "千元": 0.1, "元": 0.0001}
MONEY_UNITS = frozenset(_TO_WAN)


@dataclass(frozen=True)
class Cell:
    """A cell that holds a value: ``value`` is ``None`` for a printed "none" (``—``)."""

    value: Number | None
    unit: str | None = None
    digits: str = ""


def read_cell(text: str) -> Cell | None:
    """The value in a cell's text, or ``None`` when the text is not a value at all.

    Digits separated by spaces (``1 0 0``) are several cells, not one number.
    """
    if text.isdigit() and text.isascii():
        return _plain(text)
    if len(text) > 40 or not MAY_BE_VALUE.match(text):
        return None
    return _read_value(text)


@lru_cache(maxsize=8192)
def _read_value(text: str) -> Cell | None:
    norm = normalise(text)
    if not norm or _SPACED_DIGITS.search(text):
        return None
    m = _VALUE.match(norm)
    if m is None:
        return Cell(None) if _NONE.match(norm) else None
    raw = m["num"].replace(",", "")
    value: Number = float(raw) if "." in raw else int(raw)
    sign = m["sign"]
    if sign in ("减", "减少", "-", "−"):
        value = -value
    unit = m["unit"] or m["bracketed"]
    return Cell(value, unit, raw if m["sign"] is None and unit is None else "")


@lru_cache(maxsize=4096)
def _plain(digits: str) -> Cell:
    return Cell(int(digits), None, digits)


def is_page_marker(text: str) -> bool:
    """Page numbers that PDF extraction leaves inside tables (``- 3 -``, ``第3页``)."""
    return bool(_PAGE.match(normalise(text)))


def to_wan(value: Number, unit: str | None, header_unit: str | None = None) -> Number:
    """A money value in 万元, given the unit printed with it or else the one in its header."""
    factor = _TO_WAN.get(unit or header_unit or "万元", 1)
    out = value * factor
    if isinstance(out, float):
        out = round(out, 6)
        if out.is_integer() and isinstance(value, int):
            out = int(out)
    return out


def header_unit(text: str) -> str | None:
    """The money unit a column header names (``采购总金额（单位：元）`` → 元)."""
    norm = normalise(text)
    m = re.search(r"(?:单位:?|\()(亿元|万元|千元|元)", norm)
    return m[1] if m else None


def as_count(value: Number) -> Number:
    """A count as an int when it is whole."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value
