"""Rules over the cells of one report: identities 1–4 and the plausibility of the numbers."""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cache

from xxgk.check.findings import amount, finding, num
from xxgk.report.form import EDITIONS, Edition, expected_edition
from xxgk.report.form import edition as get_edition
from xxgk.report.identities import Identity, identities
from xxgk.report.labels import cell_name, describe, table_title
from xxgk.report.model import AnnualReport, Finding, Number

Cells = dict[str, Number | None]

PROJECT_ROWS = ("license", "other_service", "penalty", "coercion")
"""Edition-2019 rows whose 处理决定数量 a clerk may fill with the item count by mistake."""

MONEY_LIMIT = 1_000_000.0
"""万元. A county's procurement or fees above 100 亿元 almost surely were typed in 元."""


@dataclass(frozen=True)
class Layout:
    """An edition's keys, computed once: the checker runs over thousands of reports."""

    keys: tuple[str, ...]
    tables: tuple[tuple[str, tuple[str, ...]], ...]
    signed: frozenset[str]
    money: frozenset[str]


@cache
def layout(edition_name: str) -> Layout:
    ed = get_edition(edition_name)
    return Layout(
        keys=tuple(ed.keys()),
        tables=(("s2", tuple(ed.s2_keys())), ("s3", tuple(ed.s3_keys())), ("s4", tuple(ed.s4_keys()))),
        signed=ed.signed_keys(),
        money=ed.money_keys(),
    )


def _terms(ed: str, keys: tuple[str, ...], cells: Cells, others: tuple[str, ...]) -> str:
    """``本年新收(6) + 上年结转(0)``; long sums show only their non-zero terms.

    A term is named by the part of its cell name the identity does not share: the row
    when every cell lies in one column, the column when every cell lies in one row.
    """
    names = [cell_name(ed, k) for k in keys + others]
    one_column = len({n.column for n in names}) == 1
    one_row = len({n.row for n in names}) == 1

    def label(k: str) -> str:
        n = cell_name(ed, k)
        if one_column:
            return n.row
        if one_row:
            return n.column
        return n.short

    shown = list(keys)
    if len(keys) > 4:
        shown = [k for k in keys if cells.get(k)]
        if not shown:
            return "各项均为0"
    text = " + ".join(f"{label(k)}({num(cells.get(k))})" for k in shown)
    if len(shown) < len(keys):
        text += "（其余各项为0或空白）"
    return text


def _scope(identity: Identity) -> str:
    return identity.description.split("：", 1)[0]


def _sides(cells: Cells, idt: Identity) -> tuple[Number, Number, bool]:
    """Both sides of an identity (blank as 0) and whether any of its cells is filled in."""
    get = cells.get
    filled = False
    left = right = 0
    for k in idt.left:
        v = get(k)
        if v is not None:
            left += v
            filled = True
    for k in idt.right:
        v = get(k)
        if v is not None:
            right += v
            filled = True
    return left, right, filled


UNREAD = ("parse-uncertain", "parse-missing")
"""The parser's own findings naming cells it could not read from the document."""


def unread_cells(report: AnnualReport, rules: tuple[str, ...] = UNREAD) -> set[str]:
    """The blank cells that the parser's own findings say it could not read."""
    cells = report.cells
    return {k for f in report.findings if f.rule in rules for k in f.cells if cells.get(k) is None}


def _undecided(idt: Identity, unread: set[str], left: Number, right: Number) -> bool:
    """Whether an identity could still hold once its unread cells were known: they are
    counts, so they can only make their own side larger."""
    on_left = any(k in unread for k in idt.left)
    on_right = any(k in unread for k in idt.right)
    if not on_left and not on_right:
        return False
    return (on_left and on_right) or (left < right if on_left else right < left)


def identity_findings(report: AnnualReport, ed: Edition) -> Iterator[Finding]:
    """Each identity the cells break. One over a cell the parser could not read is not
    judged while the unread cell could still balance it: the blank is the reading's, not
    the agency's, and the parser has said so."""
    cells = report.cells
    unread = unread_cells(report)
    for idt in identities(ed.name):
        left, right, filled = _sides(cells, idt)
        if not filled or abs(left - right) < 1e-9:
            continue
        if unread and _undecided(idt, unread, left, right):
            continue
        lt = _terms(ed.name, idt.left, cells, idt.right)
        rt = _terms(ed.name, idt.right, cells, idt.left)
        message = (
            f"{_scope(idt)}：{lt} = {amount(left)}，但{rt} = {amount(right)}，"
            f"相差 {amount(abs(left - right))}（应满足：{idt.description.split('：', 1)[-1]}）"
        )
        yield finding(idt.rule, message, idt.cells)


def number_findings(report: AnnualReport, ed: Edition) -> Iterator[Finding]:
    lay = layout(ed.name)
    signed, money = lay.signed, lay.money
    negative: list[str] = []
    fractional: list[str] = []
    get = report.cells.get
    for key in lay.keys:
        v = get(key)
        if v is None or (v >= 0 and type(v) is int):
            continue
        if v < 0 and key not in signed:
            negative.append(key)
        if key not in money and isinstance(v, float) and not v.is_integer():
            fractional.append(key)
    for key in negative:
        n = cell_name(ed.name, key)
        yield finding("negative-count", f"{n.full}为 {num(report.cells[key])}：数量不能为负数。", [key])
    for key in fractional:
        n = cell_name(ed.name, key)
        yield finding("non-integer", f"{n.full}为 {num(report.cells[key])}：件数应为整数。", [key])
    for key in sorted(money):
        v = report.cells.get(key)
        if v is not None and v > MONEY_LIMIT:
            n = cell_name(ed.name, key)
            yield finding(
                "money-magnitude",
                f"{n.full}为 {num(v)} 万元（即 {amount(v / 10000)} 亿元），大得不合常理；"
                f"是否误按“元”填写？按元计应为 {amount(v / 10000)} 万元。",
                [key],
            )


def readable(report: AnnualReport) -> tuple[AnnualReport, list[Finding]]:
    """The report with only numbers in its cells, and a finding for each value that is not one.

    A report built in code (not read through :meth:`AnnualReport.from_json`) may carry
    text, ``NaN`` or infinity in a cell; the other rules then read that cell as blank.
    """
    bad = [
        k
        for k, v in report.cells.items()
        if v is not None and (type(v) not in (int, float) or (type(v) is float and not math.isfinite(v)))
    ]
    if not bad:
        return report, []
    cells = dict(report.cells)
    findings = []
    for key in bad:
        name = cell_name(report.edition or "", key).full if report.edition in EDITIONS else key
        findings.append(finding("non-integer", f"{name}的值“{report.cells[key]}”不是有效的数字。", [key]))
        cells[key] = None
    return replace(report, cells=cells), findings


def edition_findings(report: AnnualReport) -> Iterator[Finding]:
    if report.year is None or report.edition not in EDITIONS:
        return
    expected = expected_edition(report.year)
    if report.edition != expected:
        edition = get_edition
        yield finding(
            "edition-year",
            f"本报告为 {report.year} 年度报告，表格却是 {edition(report.edition).notice} "
            f"格式（{report.edition} 版）；"
            f"{report.year} 年度应使用 {edition(expected).notice} 格式（{expected} 版）。",
        )


def table_findings(report: AnnualReport, ed: Edition) -> Iterator[Finding]:
    """Missing tables (every cell blank) and, per table, the blank cells of a table that is
    there. Cells the parser found but could not read are the parser's to report, not a
    missing table or blanks the agency printed; nor are the cells of a row the parser did
    not find, which it reports itself. A table the parser did not find at all is missing."""
    get = report.cells.get
    uncertain = unread_cells(report, ("parse-uncertain",))
    unread = unread_cells(report)
    for prefix, keys in layout(ed.name).tables:
        blank = [k for k in keys if get(k) is None]
        title = table_title(prefix)
        if len(blank) == len(keys) and not all(k in uncertain for k in keys):
            yield finding(
                "table-missing",
                f"“{title}”表的 {len(keys)} 个单元格全部空白或未找到：报告缺少这张法定统计表，内容不完整。",
                keys,
            )
        elif blank := [k for k in blank if k not in unread]:
            yield finding(
                "cell-blank",
                f"“{title}”表有 {len(blank)} 个单元格空白（没有数据应填“0”）：{describe(ed.name, blank)}。",
                blank,
            )


def s2_findings(report: AnnualReport, ed: Edition) -> Iterator[Finding]:
    """Definitional checks on section 二 of edition 2019."""
    if ed.name != "2019":
        return
    cells = report.cells
    for row in ("rules", "normative"):
        pub, total = cells.get(f"s2.{row}.published"), cells.get(f"s2.{row}.total")
        if pub is not None and total is not None and total < pub:
            p, t = cell_name(ed.name, f"s2.{row}.published"), cell_name(ed.name, f"s2.{row}.total")
            yield finding(
                "published-exceeds-total",
                f"“{p.row}”：{t.column}({num(total)}) 小于 {p.column}({num(pub)})；"
                f"对外公开总数量应包含本年新公开的文件。",
                [p.key, t.key],
            )
    for row in (*PROJECT_ROWS, "fee"):
        prev, delta = cells.get(f"s2.{row}.prev"), cells.get(f"s2.{row}.delta")
        if prev is None or delta is None:
            continue
        now = prev + delta
        pn, dn = cell_name(ed.name, f"s2.{row}.prev"), cell_name(ed.name, f"s2.{row}.delta")
        if now < 0:
            yield finding(
                "project-count-negative",
                f"“{pn.row}”：{pn.column}({num(prev)}) + {dn.column}({num(delta)}) = {amount(now)}，"
                f"本年项目数量不可能为负数。",
                [pn.key, dn.key],
            )
        if row == "fee":
            continue
        decisions = cells.get(f"s2.{row}.decisions")
        if decisions is not None and decisions > 0 and abs(decisions - now) < 1e-9:
            cn = cell_name(ed.name, f"s2.{row}.decisions")
            yield finding(
                "decisions-repeat-count",
                f"“{pn.row}”：{cn.column}({num(decisions)}) 恰好等于 {pn.column}({num(prev)}) + "
                f"{dn.column}({num(delta)}) = {amount(now)}，"
                "疑似填写了本年项目数量而非处理决定数量，请核实。",
                [pn.key, dn.key, cn.key],
            )
    count, money = cells.get("s2.procurement.count"), cells.get("s2.procurement.amount")
    if count is not None and money is not None and (count > 0) != (money > 0):
        cn, mn = cell_name(ed.name, "s2.procurement.count"), cell_name(ed.name, "s2.procurement.amount")
        yield finding(
            "procurement-inconsistent",
            f"“{cn.row}”：{cn.column}为 {num(count)}，{mn.column}却为 {num(money)} 万元，"
            "二者应同为0或同不为0。",
            [cn.key, mn.key],
        )
