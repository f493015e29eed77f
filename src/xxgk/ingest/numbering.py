"""Word's automatic numbering: the ``一、`` / ``（一）`` / ``1.`` a paragraph shows but does not contain.

Only what a report's headings use is reproduced: counters per list and level, the level's
text pattern (``%1、``) and the common number formats. Style-inherited numbering is not
followed; such headings lose their number, not their text.
"""

from __future__ import annotations

import re

import lxml.etree

from xxgk.report.numerals import chinese


def roman(n: int) -> str:
    out = ""
    for value, sym in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        while n >= value:
            out += sym
            n -= value
    return out


def letters(n: int) -> str:
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else ""


def format_number(n: int, fmt: str) -> str:
    if fmt in (
        "chineseCounting",
        "chineseCountingThousand",
        "ideographDigital",
        "japaneseCounting",
        "taiwaneseCounting",
        "taiwaneseCountingThousand",
        "chineseLegalSimplified",
    ):
        return chinese(n)
    if fmt == "ideographTraditional":
        return "甲乙丙丁戊己庚辛壬癸"[(n - 1) % 10]
    if fmt == "decimalEnclosedCircle" or fmt == "decimalEnclosedCircleChinese":
        return chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n)
    if fmt == "upperRoman":
        return roman(n)
    if fmt == "lowerRoman":
        return roman(n).lower()
    if fmt == "upperLetter":
        return letters(n)
    if fmt == "lowerLetter":
        return letters(n).lower()
    if fmt in ("bullet", "none"):
        return ""
    return str(n)


class Numbering:
    def __init__(self, root: lxml.etree._Element | None, ns: str) -> None:
        self.ns = ns
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        """numId → level → (format, text pattern, start)."""
        self.counters: dict[str, list[int]] = {}
        if root is None:
            return
        w = f"{{{ns}}}"
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for an in root.iterchildren(f"{w}abstractNum"):
            lv: dict[int, tuple[str, str, int]] = {}
            for lvl in an.iterchildren(f"{w}lvl"):
                fmt = self._val(lvl.find(f"{w}numFmt")) or "decimal"
                text = self._val(lvl.find(f"{w}lvlText")) or ""
                start = self._val(lvl.find(f"{w}start")) or "1"
                lv[int(lvl.get(f"{w}ilvl", "0"))] = (fmt, text, int(start) if start.isdigit() else 1)
            abstract[an.get(f"{w}abstractNumId", "")] = lv
        for num in root.iterchildren(f"{w}num"):
            ref = self._val(num.find(f"{w}abstractNumId"))
            if ref in abstract:
                self.levels[num.get(f"{w}numId", "")] = abstract[ref]

    def _val(self, el: lxml.etree._Element | None) -> str | None:
        return None if el is None else el.get(f"{{{self.ns}}}val")

    def label(self, p: lxml.etree._Element) -> str:
        """The number Word shows before paragraph ``p`` (and advance the list), or ``""``."""
        w = f"{{{self.ns}}}"
        num_pr = p.find(f"{w}pPr/{w}numPr")
        if num_pr is None:
            return ""
        num_id = self._val(num_pr.find(f"{w}numId")) or ""
        ilvl_text = self._val(num_pr.find(f"{w}ilvl")) or "0"
        levels = self.levels.get(num_id)
        if not levels or not ilvl_text.isdigit():
            return ""
        ilvl = min(int(ilvl_text), 8)
        counters = self.counters.setdefault(num_id, [0] * 9)
        counters[ilvl] += 1
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = 0

        def value(level: int) -> int:
            start = levels.get(level, ("decimal", "", 1))[2]
            return start + max(counters[level], 1) - 1

        fmt, text, _ = levels.get(ilvl, ("decimal", "", 1))
        if fmt in ("bullet", "none"):
            return ""
        return re.sub(
            r"%([1-9])",
            lambda m: format_number(value(int(m.group(1)) - 1), levels.get(int(m.group(1)) - 1, (fmt,))[0]),
            text,
        )
