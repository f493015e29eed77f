"""Identities 5–7: a report against the same agency's report of the year before."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from xxgk.check.findings import amount, finding, num
from xxgk.check.tables import readable
from xxgk.report.form import EDITIONS, edition
from xxgk.report.labels import cell_name
from xxgk.report.model import AnnualReport, Finding

_NOISE = re.compile(r"[\s\u3000\u00a0·•・.,，。、:：;；\"'“”‘’()（）\[\]【】〔〕<>《》-]+")


def agency_key(name: str | None) -> str | None:
    """An agency name in the form under which two years of the same agency meet.

    NFKC, no spaces or punctuation, and 人民政府 read as 政府 (agencies print both).
    """
    if not name:
        return None
    key = _NOISE.sub("", unicodedata.normalize("NFKC", name)).replace("人民政府", "政府")
    return key or None


def pair_up(reports: list[AnnualReport]) -> list[tuple[AnnualReport, AnnualReport]]:
    """(last year, this year) pairs of the same agency, ordered by agency then year.

    Reports without an agency or a year are left out. When several reports share an
    agency and a year (the same report in several formats), the first one given stands
    for them.
    """
    first: dict[tuple[str, int], AnnualReport] = {}
    for r in reports:
        key = agency_key(r.agency)
        if key is None or r.year is None:
            continue
        first.setdefault((key, r.year), r)
    pairs = [
        (first[(agency, year - 1)], report)
        for (agency, year), report in first.items()
        if (agency, year - 1) in first
    ]
    pairs.sort(key=lambda p: (agency_key(p[1].agency) or "", p[1].year or 0))
    return pairs


def _years(previous: AnnualReport, current: AnnualReport) -> tuple[str, str]:
    prev = f"上年（{previous.year}年度）报告" if previous.year else "上年报告"
    cur = f"本年（{current.year}年度）报告" if current.year else "本年报告"
    return prev, cur


def carry_findings(previous: AnnualReport, current: AnnualReport) -> Iterator[Finding]:
    """Identity 5: this year's 上年结转 = last year's 结转下年度, per column (any editions)."""
    if previous.edition not in EDITIONS or current.edition not in EDITIONS:
        return
    prev_name, cur_name = _years(previous, current)
    for col in edition(current.edition).s3_columns:
        now_key, then_key = f"s3.carried_over.{col.key}", f"s3.carried_forward.{col.key}"
        now, then = current.cells.get(now_key), previous.cells.get(then_key)
        if now is None and then is None:
            continue
        if (now or 0) == (then or 0):
            continue
        n_now = cell_name(current.edition, now_key)
        n_then = cell_name(previous.edition, then_key)
        yield finding(
            "identity-5",
            f"“{col.label}”列：{cur_name}“{n_now.row_label}”为 {num(now)}，"
            f"但{prev_name}“{n_then.row_label}”为 {num(then)}，二者应相等。",
            [now_key, then_key],
        )


def in_force_findings(previous: AnnualReport, current: AnnualReport) -> Iterator[Finding]:
    """Identity 6 (edition 2021 both years): last in_force + issued − repealed = this in_force."""
    if previous.edition != "2021" or current.edition != "2021":
        return
    prev_name, cur_name = _years(previous, current)
    for row in ("rules", "normative"):
        keys = [f"s2.{row}.{c}" for c in ("in_force", "issued", "repealed")]
        before = previous.cells.get(keys[0])
        in_force, issued, repealed = (current.cells.get(k) for k in keys)
        if before is None or in_force is None:
            continue
        expected = before + (issued or 0) - (repealed or 0)
        if abs(expected - in_force) < 1e-9:
            continue
        n = [cell_name("2021", k) for k in keys]
        yield finding(
            "identity-6",
            f"“{n[0].row}”：{prev_name}{n[0].column}({num(before)}) + "
            f"{cur_name}{n[1].column}({num(issued)}) − "
            f"{n[2].column}({num(repealed)}) = {amount(expected)}，但{cur_name}{n[0].column}为 "
            f"{num(in_force)}（废止以前年度文件等情形可能造成差异，请核实）。",
            keys,
        )


def project_findings(previous: AnnualReport, current: AnnualReport) -> Iterator[Finding]:
    """Identity 7 (edition 2019 both years): last prev + last delta = this prev.

    ``prev`` (上一年项目数量) is the item count at the end of the year before the report's
    year, so the count at the end of last year's report year is last year's
    ``prev + delta``, which this year's report prints as its own ``prev``.
    """
    if previous.edition != "2019" or current.edition != "2019":
        return
    prev_name, cur_name = _years(previous, current)
    ed = edition("2019")
    for row in ed.s2_rows:
        if not {"prev", "delta"} <= {c.key for c in row.columns}:
            continue
        pk, dk = f"s2.{row.key}.prev", f"s2.{row.key}.delta"
        then_prev, then_delta, now_prev = (
            previous.cells.get(pk),
            previous.cells.get(dk),
            current.cells.get(pk),
        )
        if then_prev is None or now_prev is None:
            continue
        expected = then_prev + (then_delta or 0)
        if abs(expected - now_prev) < 1e-9:
            continue
        np_, nd = cell_name("2019", pk), cell_name("2019", dk)
        yield finding(
            "identity-7",
            f"“{row.label}”：{prev_name}{np_.column}({num(then_prev)}) + {nd.column}({num(then_delta)}) = "
            f"{amount(expected)}，但{cur_name}{np_.column}为 {num(now_prev)}，二者应相等。",
            [pk, dk],
        )


def check_pair(previous: AnnualReport, current: AnnualReport) -> list[Finding]:
    """Identities 5–7 between last year's report and this year's, as findings on this year's.

    Identity 5 holds across the change of edition in 2021; 6 and 7 only within one edition.
    """
    previous, current = readable(previous)[0], readable(current)[0]
    if previous.year is not None and current.year is not None and current.year != previous.year + 1:
        return [
            finding(
                "pair-not-consecutive",
                f"两份报告分别为 {previous.year} 年度和 {current.year} 年度，"
                "不是相邻年度，跨年度勾稽不适用。",
            )
        ]
    return [
        *carry_findings(previous, current),
        *in_force_findings(previous, current),
        *project_findings(previous, current),
    ]
