"""``check --previous``: which of the given reports each previous-year report goes with,
and why one goes with none (another agency, or not the year before)."""

from __future__ import annotations

from xxgk.check import agency_key, pair_up
from xxgk.report import AnnualReport


def _name(r: AnnualReport) -> str:
    year = f"{r.year} 年度" if r.year else "年度未识别"
    return f"{r.source or ''}（{r.agency or '机关未识别'}，{year}）"


def match_previous(
    last_year: list[AnnualReport], reports: list[AnnualReport]
) -> tuple[list[tuple[AnnualReport, AnnualReport]], list[str]]:
    """The (last year, this year) pairs to check across years, and a note for each
    previous-year report that pairs with none of ``reports``."""
    this_ids = {id(r) for r in reports}
    pairs = [(a, b) for a, b in pair_up(last_year + reports) if id(b) in this_ids]
    used = {id(a) for a, _ in pairs}
    notes = [_why_unpaired(r, reports) for r in last_year if id(r) not in used]
    return pairs, notes


def _why_unpaired(previous: AnnualReport, reports: list[AnnualReport]) -> str:
    head = f"上一年度报告 {_name(previous)} 未用于跨年度核对："
    if agency_key(previous.agency) is None or previous.year is None:
        return head + "未能识别其机关或年度"
    same = [r for r in reports if agency_key(r.agency) == agency_key(previous.agency)]
    if not same:
        others = "、".join(sorted({r.agency or "机关未识别" for r in reports}))
        return head + f"机关与所核查的报告（{others}）不同"
    years = "、".join(str(r.year) for r in same if r.year)
    return head + f"其年度不是所核查报告（{years} 年度）的上一年度"
