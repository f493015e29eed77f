"""Agency, year, title and publication date of a report, from its prose."""

from __future__ import annotations

import datetime as dt
import itertools
import re

from xxgk.ingest.document import Document
from xxgk.ingest.labels import normalise
from xxgk.report import numerals

_TITLE = re.compile(
    r"^(?P<agency>.*?)(?:关于)?(?P<year>(?:19|20)\d{2})年(?:度)?(?:的)?(?:政府)?信息公开(?:工作)?(?:年度)?(?:工作)?报告"
)
_TITLE_YEAR_FIRST = re.compile(
    r"^(?P<year>(?:19|20)\d{2})年度?(?P<agency>.+?)(?:政府)?信息公开(?:工作)?(?:年度)?报告"
)
_TITLE_LOOSE = re.compile(
    r"(?P<year>(?:19|20)\d{2})年度?政府信息公开.{0,6}报告|^(?:19|20)\d{2}年度?.{2,30}?政府信息公开.{0,6}报告"
)
_TITLE_LABEL = re.compile(r"^(?:标题|题目|名称|文章标题)[:：]")
_PERIOD = re.compile(r"((?:19|20)\d{2})年1月1日(?:起)?(?:至|到|—|-|～|~)(?:((?:19|20)\d{2})年)?12月31日")
_DATE = re.compile(r"((?:19|20)\d{2})年(\d{1,2})月(\d{1,2})日")
_BARE_YEAR = re.compile(r"^(?:19|20)\d{2}年?$")
_CN_DATE = re.compile(
    r"([〇○零Ｏ一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日"
)
_PLACE_ONLY = re.compile(r"(?:省|市|县|区|旗|州|盟|自治县|自治州|自治旗)$")
_ZONE = re.compile(r"(?:实验区|开发区|示范区|管理区|新区|园区|景区|合作区)$")
"""Zones are run by a 管委会, not a 人民政府: their name stands alone."""


def _is_place(name: str) -> bool:
    return bool(_PLACE_ONLY.search(name)) and not _ZONE.search(name)


_ORGAN_END = re.compile(r"(?:局|委员会|委|厅|院|部|署|办|中心|政府|会|所|站|队|馆|处|室)$")


def _date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def find_title(doc: Document) -> tuple[str | None, int | None]:
    """The report's title line (searched at the start, then at the end) and its row index.

    A title broken over two lines (``…政府信息公开工作`` / ``年度报告``) is joined.
    """
    n = len(doc.rows)
    order = list(range(min(n, 12))) + list(range(n - 1, max(n - 12, 11), -1))
    lines = {
        i: _TITLE_LABEL.sub("", " ".join(c for c in doc.rows[i].cells if c.strip()).strip()) for i in order
    }
    for i in order:
        text = lines[i]
        norm = normalise(text)
        if 6 <= len(norm) <= 60 and _TITLE_LOOSE.search(norm) and "报告" in norm:
            return text, i
        nxt = lines.get(i + 1, "")
        if "报告" not in norm and "报告" in nxt and len(normalise(nxt)) <= 12:
            joined = normalise(text + nxt)
            if 6 <= len(joined) <= 60 and _TITLE_LOOSE.search(joined):
                return text + nxt, i
    return None, None


def agency_from_title(title: str) -> tuple[str | None, int | None]:
    norm = normalise(title)
    m = _TITLE.search(norm)
    if m is None or not m["agency"]:
        m = _TITLE_YEAR_FIRST.search(norm) or m
    if not m:
        return None, None
    agency = m["agency"].strip("《》\"'")
    if agency in ("", "政府", "人民政府", "本机关", "我县", "我市", "我区"):
        return None, int(m["year"])
    if agency and _is_place(agency) and not agency.endswith("人民政府"):
        agency += "人民政府"
    return agency, int(m["year"])


def year_from_period(doc: Document) -> int | None:
    for row in doc.rows[:80]:
        for c in row.cells:
            if "12" not in c and "１２" not in c:
                continue
            m = _PERIOD.search(normalise(c))
            if m:
                return int(m[1])
    return None


def published_on(doc: Document) -> tuple[dt.date | None, str | None]:
    """The date printed at the end (signature block or 印发 line), and the line before it.

    A date whose parts stand on lines of their own (``2025`` / ``年`` / ``1`` / ``月`` …,
    as a scraper breaks a Word run) is read too."""
    tail = [normalise(" ".join(r.cells)) for r in doc.rows[-15:] if any(c.strip() for c in r.cells)]
    for k in range(len(tail) - 1, -1, -1):
        text = tail[k]
        if len(text) > 40:
            continue
        if _BARE_YEAR.match(text):
            text += "".join(itertools.takewhile(lambda t: len(t) <= 2, tail[k + 1 : k + 6]))
        m = _DATE.search(text)
        date = None
        if m:
            date = _date(int(m[1]), int(m[2]), int(m[3]))
        else:
            c = _CN_DATE.search(text)
            if c:
                year = numerals.year_value(c[1])
                date = _date(year, numerals.value(c[2]), numerals.value(c[3]))
        if date is None:
            continue
        before = text[: (m or c).start()] if (m or c) else ""
        signer = before or (tail[k - 1] if k > 0 else "")
        return date, signer or None
    return None, None


def agency_from_signer(signer: str | None) -> str | None:
    """The agency in a signature or 印发 line (``X办公室 … 印发`` is issued by X's office)."""
    if not signer or len(signer) > 30:
        return None
    name = re.sub(r"(?:印发|发布)$", "", signer)
    if name.endswith("办公室") and _ORGAN_END.search(name[:-3]):
        name = name[:-3]
    if _is_place(name):
        name += "人民政府"
    return name if _ORGAN_END.search(name) else None


def nearby_lines(doc: Document, row: int) -> list[str]:
    """The non-empty lines just before the title, then the last lines (a signature)."""
    before = [normalise(" ".join(r.cells)) for r in doc.rows[max(0, row - 4) : row]]
    after = [normalise(" ".join(r.cells)) for r in doc.rows[-6:]]
    return [t for t in reversed(before) if t] + [t for t in reversed(after) if t]
