"""Who reports: an agency's name read as the places it stands in, its level and its kind.

A name such as 运城市盐湖区教育局 starts with the administrative units it belongs to
(运城市 › 盐湖区) and ends with the body itself (教育局). The last unit gives the level
(a 区 or 县 is county level, a 镇 or 乡 or 街道 township level); a name ending in 人民政府
is a government as a whole, 街道办事处 a township body, anything else a department.
Where a name does not tell (平潭综合实验区, a county-level city under a province), a
mapping file supplies the answer; this module only reads what the name says.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

LEVELS = ("province", "city", "county", "township")
LEVEL_LABELS = {"province": "省级", "city": "市级", "county": "县级", "township": "乡级"}
KINDS = ("government", "department", "township", "other")

_UNIT_LEVEL = {
    "特别行政区": "province",
    "自治区": "province",
    "省": "province",
    "自治州": "city",
    "地区": "city",
    "盟": "city",
    "市": "city",
    "自治县": "county",
    "自治旗": "county",
    "县": "county",
    "旗": "county",
    "区": "county",
    "街道": "township",
    "苏木": "township",
    "镇": "township",
    "乡": "township",
}
_SUFFIXES = "|".join(sorted(_UNIT_LEVEL, key=len, reverse=True))
_UNIT = re.compile(rf"([\u4e00-\u9fff]{{1,8}}?)({_SUFFIXES})")
_NOT_A_PLACE = frozenset("局委厅办部署院所站队会司处科室心")
"""A unit whose name holds one of these is part of a department's name (住房和城乡建设局)."""
_NOT_UNITS = frozenset({"城市", "城乡", "市场", "社区", "园区", "景区", "辖区", "片区", "新区", "城区"})
"""Words that end like a unit but name none (城市管理局, 市场监督管理局)."""
_NOT_IN_UNITS = ("城乡", "市场")
"""Words inside a department's name that a unit never holds (住房和城乡建设局)."""
_GOVERNMENT = re.compile(r"(?:人民政府|政府)$")
_SUBDISTRICT = re.compile(r"街道办事处$|街道办$")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Place:
    """What an agency's name says: its units (运城市, 盐湖区), level and kind; ``body`` is the rest."""

    units: tuple[str, ...]
    level: str | None
    kind: str
    body: str

    @property
    def region(self) -> str:
        return "".join(self.units)


def clean_name(name: str) -> str:
    return _SPACE.sub("", unicodedata.normalize("NFKC", name or ""))


def place(name: str) -> Place:
    """The units at the start of ``name``, the level of the last one, and the kind of body."""
    text = clean_name(name)
    units: list[str] = []
    levels: list[str] = []
    pos = 0
    while pos < len(text):
        m = _UNIT.match(text, pos)
        if m is None:
            break
        unit = m[0]
        if (
            set(m[1]) & _NOT_A_PLACE
            or unit in _NOT_UNITS
            or m[1] in _NOT_UNITS
            or any(w in unit for w in _NOT_IN_UNITS)
        ):
            break
        units.append(unit)
        levels.append(_UNIT_LEVEL[m[2]])
        pos = m.end()
    body = text[pos:]
    level = levels[-1] if levels else None
    if level == "city" and len(levels) > 1 and levels[-2] == "city":
        level = "county"  # a city under a city (运城市河津市) is a county-level city
    if _SUBDISTRICT.search(text):
        level, kind = "township", "township"
    elif _GOVERNMENT.search(text):
        kind = "township" if level == "township" else "government"
    elif units:
        kind = "department"
    else:
        kind = "other"
    return Place(tuple(units), level, kind, body)


def names_of(name: str | None) -> tuple[str, ...]:
    """Every form under which a report may name its own agency: the full name, each unit with
    and without its suffix (偏关县, 偏关) and the body (教育局), longest first."""
    if not name:
        return ()
    p = place(name)
    text = clean_name(name)
    out = {text, text.replace("人民政府", "政府"), p.region}
    for unit in p.units:
        out.add(unit)
        stem = _UNIT.match(unit)
        if stem and len(stem[1]) >= 2:
            out.add(stem[1])
    if len(p.body) >= 2:
        out.add(p.body)
    return tuple(sorted((n for n in out if len(n) >= 2), key=len, reverse=True))
