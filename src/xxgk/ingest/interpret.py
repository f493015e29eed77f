"""The table interpreter: a :class:`Document` of any format → an :class:`AnnualReport`."""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from xxgk.check.rules import severity
from xxgk.ingest.document import Document, ReadError
from xxgk.ingest.dump import unglue
from xxgk.ingest.meta import (
    agency_from_signer,
    agency_from_title,
    find_title,
    nearby_lines,
    published_on,
    year_from_period,
)
from xxgk.ingest.numbers import MONEY_UNITS, as_count, header_unit, to_wan
from xxgk.ingest.sections import heading_rows, preamble_text, section_texts
from xxgk.ingest.solve import (
    UNKNOWN,
    Candidate,
    Number,
    Solution,
    Table,
    readings,
    row_candidates,
    run_candidates,
    split_candidates,
)
from xxgk.ingest.tables import S4_WIDTH, RowRead, TableRead, find_s2, find_s3, find_s4, reshape_block
from xxgk.ingest.tokens import BLANK, TEXT, VALUE, Token, tokenise
from xxgk.report.form import Edition, S3Row, edition, expected_edition
from xxgk.report.identities import identities
from xxgk.report.labels import describe, describe_values
from xxgk.report.model import Alternatives, AnnualReport, Finding, Provenance

MARKERS_2019 = (
    "新制作",
    "新公开数量",
    "对外公开总数",
    "上一年项目数量",
    "采购项目数量",
    "采购总金额",
    "其他对外管理服务",
)
MARKERS_2021 = ("制发件数", "废止件数", "现行有效", "收费金额")
_V19 = re.compile("|".join(MARKERS_2019))
PROSE_MIN = 40
MAX_S2_SPLITS = 200
_V21 = re.compile("|".join(MARKERS_2021))


@cache
def _sides(
    edition_name: str, numbers: tuple[int, ...]
) -> tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]:
    """Both sides of the identities ``numbers`` of an edition, as the solver takes them."""
    return tuple((i.left, i.right) for i in identities(edition_name) if i.number in numbers)


def _edition_votes(tokens: list[Token], s3: TableRead | None) -> tuple[int, int, int, int]:
    """(s2 votes for 2019, for 2021; s3 votes for 2019, for 2021).

    Section 二's headers come before section 三, as :func:`find_s2` expects too.
    """
    v19 = v21 = 0
    for t in tokens[: s3.start] if s3 is not None else tokens:
        if t.kind == TEXT and len(t.norm) <= 40:
            v19 += _V19.search(t.norm) is not None
            v21 += _V21.search(t.norm) is not None
    s19 = s21 = 0
    if s3 is not None:
        s19 = int("other" in s3.rows)
        s21 = sum(1 for k in s3.rows if k.startswith("other."))
    return v19, v21, s19, s21


def _choose_edition(votes: tuple[int, int, int, int], year: int | None) -> str:
    v19, v21, s19, s21 = votes
    if v19 != v21:
        return "2019" if v19 > v21 else "2021"
    if bool(s19) != bool(s21):
        return "2019" if s19 else "2021"
    return expected_edition(year) if year else "2021"


def _cell_provenance(report: AnnualReport, key: str, row: RowRead, cand: Candidate | None, slot: int) -> None:
    if cand is not None and slot < len(cand.sources) and cand.sources[slot] is not None:
        report.provenance[key] = row.tokens[cand.sources[slot]]
    else:
        report.provenance[key] = row.label


def _row_provenance(report: AnnualReport, keys: Sequence[str], row: RowRead, cand: Candidate | None) -> None:
    """Each cell of a row: the token its value came from, or else the row's label."""
    sources = cand.sources if cand is not None else ()
    prov = report.provenance
    tokens = row.tokens
    for slot, k in enumerate(keys):
        src = sources[slot] if slot < len(sources) else None
        prov[k] = row.label if src is None else tokens[src]


@dataclass
class _S3Reading:
    read: TableRead
    table: Table
    rows: list[RowRead]
    solution: Solution
    mixed: str
    missing: list[S3Row]


def _solve_s3(ed: Edition, s3: TableRead, collapsed: bool = False) -> _S3Reading:
    width = len(ed.s3_columns)
    table = Table(ed.s3_keys(), _sides(ed.name, (1, 2, 3)))
    found = dict(s3.rows)
    mixed = ""
    if ed.name == "2021" and "other" in found and not any(k.startswith("other.") for k in found):
        found["other.other"] = found.pop("other")
        mixed = (
            "本报告第二部分使用2021年版表格，第三部分却只有一行“（六）其他处理”（2019年版），"
            "已将该行数字记入“3.其他”"
        )
    elif ed.name == "2019" and "other" not in found and any(k.startswith("other.") for k in found):
        mixed = (
            "本报告使用2019年版表格，第三部分却分列了“（六）其他处理”的子项（2021年版），"
            "“（六）其他处理”按勾稽关系推算"
        )
    rows: list[RowRead] = []
    for r in ed.s3_rows:
        rr = found.get(r.key)
        if rr is None:
            continue
        table.add_row(
            ed.s3_row_keys[r.key], readings(rr.printed, lambda rr=rr: rr.digits, width, collapsed=collapsed)
        )
        rows.append(rr)
    missing = [r for r in ed.s3_rows if r.key not in found]
    return _S3Reading(s3, table, rows, table.solve(), mixed, missing)


def _s3_rank(reading: _S3Reading) -> tuple[int, int, int]:
    """Which of two readings of section 三 to believe: more rows found, then fewer doubts."""
    return (len(reading.missing), reading.solution.violations, reading.solution.doubt)


def _read_s3(
    report: AnnualReport, ed: Edition, tokens: list[Token], s3: TableRead | None, collapsed: bool = False
) -> TableRead | None:
    keys = ed.s3_keys()
    if s3 is None:
        report.findings.append(
            Finding(
                "parse-missing",
                severity("parse-missing"),
                "未找到“收到和处理政府信息公开申请情况”表格，该表各单元格留空",
                keys,
            )
        )
        for k in keys:
            report.cells[k] = None
        return None
    reading = _solve_s3(ed, s3, collapsed)
    if reading.solution.doubt or reading.missing:
        alt = find_s3(tokens, postfix=True)
        if alt is not None:
            other = _solve_s3(ed, alt, collapsed)
            if _s3_rank(other) < _s3_rank(reading):
                reading = other
    keys_order = [r.key for r in ed.s3_rows]
    if reading.solution.doubt:
        for alt in reshape_block(reading.read, keys_order, len(ed.s3_columns)):
            other = _solve_s3(ed, alt, collapsed)
            if _s3_rank(other) < _s3_rank(reading):
                reading = other
                report.findings.append(
                    Finding(
                        "parse-inferred",
                        severity("parse-inferred"),
                        "“收到和处理政府信息公开申请情况”表的数字与行标签分开成块印出；按表内勾稽关系判定了数字的排列顺序",
                        ed.s3_keys(),
                    )
                )
    sol = reading.solution
    if reading.mixed:
        report.findings.append(Finding("parse-mixed-edition", severity("parse-mixed-edition"), reading.mixed))
    report.cells.update(sol.values)
    n = len(ed.s3_columns)
    as_runs: list[RowRead] = []
    for idx, rr in enumerate(reading.rows):
        cand = sol.chosen.get(idx)
        rk = reading.table.rows[idx].keys
        _row_provenance(report, rk, rr, cand)
        if cand is not None and cand.how == "runs":
            if any(sol.values.get(k) is not None for k in rk):
                as_runs.append(rr)
        elif cand is not None and cand.cost > 0:
            report.findings.append(_inferred(rr, rk, cand, n, sol.values, report.edition or ed.name))
    if as_runs:
        report.findings.append(
            Finding(
                "parse-inferred",
                severity("parse-inferred"),
                f"“收到和处理政府信息公开申请情况”表有{len(as_runs)}行印出的数字少于{n}列；{COLLAPSED}，"
                "已按每个数字代表若干相邻的相同数值读取，由行列勾稽关系确定："
                + "、".join(f"“{rr.label.text.strip()}”" for rr in as_runs),
                [k for rr in as_runs for k in ed.s3_row_keys[rr.key]],
                as_runs[0].label.where,
            )
        )
    table_name = "收到和处理政府信息公开申请情况"
    _report_solution(report, sol.derived, sol.uncertain, table_name, sol.unsettled)
    _keep_alternatives(report, sol)
    lost = {f"s3.{r.key}.{c.key}" for r in reading.missing for c in ed.s3_columns}
    unresolved = [k for k in sol.unresolved if k not in lost]
    if unresolved:
        report.findings.append(
            Finding(
                "parse-uncertain",
                severity("parse-uncertain"),
                f"“{table_name}”表中以下单元格未印出数字，也无法由勾稽关系推算，已留空，请人工核对："
                + describe(report.edition or "", unresolved),
                unresolved,
            )
        )
    still = [k for k in sol.unresolved if k in lost]
    if still:
        labels = "、".join(
            r.label for r in reading.missing if any(k.startswith(f"s3.{r.key}.") for k in still)
        )
        report.findings.append(
            Finding(
                "parse-missing",
                severity("parse-missing"),
                f"表格中未找到以下行，相应单元格留空：{labels}",
                still,
            )
        )
    return reading.read


def _inferred(
    rr: RowRead, keys: list[str], cand: Candidate, n: int, values: dict, edition_name: str
) -> Finding:
    printed = sum(1 for t in rr.tokens if t.kind == VALUE)
    shown = describe_values(edition_name, keys, values)
    if cand.how == "dropped":
        why = f"印出{printed}个数字，多于{n}列；按行列勾稽关系判定多出的数字为误印并舍去"
    elif cand.how == "split":
        runs = " ".join(t.text for t in rr.tokens if t.kind == VALUE)
        why = f"各列数字连在一起印出（{runs}）；按行列勾稽关系拆分"
    elif cand.how == "joined" and printed > n:
        why = f"印出{printed}个数字，多于{n}列；按行列勾稽关系判定有数字被拆成两段印出，已连接"
    elif cand.how == "joined":
        why = f"印出{printed}个数字；{COLLAPSED}，且有数字被拆成两段印出；按行列勾稽关系连接并读取"
    else:
        why = f"印出{printed}个数字，少于{n}列；按行列勾稽关系判定各数字所在的列"
    return Finding(
        "parse-inferred",
        severity("parse-inferred"),
        f"{rr.label.where}“{rr.label.text.strip()}”{why}：{shown}",
        list(keys),
        rr.label.where,
    )


def _report_solution(
    report: AnnualReport, derived: list[str], uncertain: list[str], table: str, unsettled: Sequence[str] = ()
) -> None:
    if derived:
        shown = describe_values(report.edition or "", derived, report.cells)
        report.findings.append(
            Finding(
                "parse-inferred",
                severity("parse-inferred"),
                f"“{table}”表中未印出的单元格由勾稽关系推算得出：{shown}",
                derived,
            )
        )
    if uncertain:
        report.findings.append(
            Finding(
                "parse-uncertain",
                severity("parse-uncertain"),
                f"“{table}”表中以下单元格无法从印出的数字确定（有多种同样合理的读法），已留空，请人工核对："
                + describe(report.edition or "", uncertain),
                uncertain,
            )
        )
    if unsettled:
        report.findings.append(
            Finding(
                "parse-uncertain",
                severity("parse-uncertain"),
                f"“{table}”表中以下单元格印出的数字与列数对不上，可能的读法过多，"
                "在计算上限内无法判定，已留空，请人工核对："
                + describe(report.edition or "", list(unsettled)),
                list(unsettled),
            )
        )


def _read_s4(
    report: AnnualReport, ed: Edition, tokens: list[Token], after: int, collapsed: bool = False
) -> None:
    keys = ed.s4_keys()
    got = find_s4(tokens, after)
    if got is None:
        report.findings.append(
            Finding(
                "parse-missing",
                severity("parse-missing"),
                "未找到“行政复议、行政诉讼情况”表格，该表各单元格留空",
                keys,
            )
        )
        for k in keys:
            report.cells[k] = None
        return
    values, _, _ = got
    table = Table(keys, _sides(ed.name, (4,)))
    printed = [t.value if t.kind == VALUE else None for t in values]
    digits = [t.text.strip() if t.kind == VALUE and t.text.strip().isdigit() else "" for t in values]
    table.add_row(keys, readings(printed, lambda: digits, S4_WIDTH, collapsed=collapsed))
    sol = table.solve()
    report.cells.update(sol.values)
    cand = sol.chosen.get(0)
    label = values[0]
    for slot, k in enumerate(keys):
        if cand is not None and slot < len(cand.sources) and cand.sources[slot] is not None:
            report.provenance[k] = values[cand.sources[slot]]
        else:
            report.provenance[k] = Provenance(label.where, "")
    read = any(sol.values.get(k) is not None for k in keys)
    if cand is not None and read and (cand.cost > 0 or cand.how == "runs"):
        n = sum(1 for t in values if t.kind == VALUE)
        how = f"{COLLAPSED}，" if cand.how == "runs" else ""
        report.findings.append(
            Finding(
                "parse-inferred",
                severity("parse-inferred"),
                f"“行政复议、行政诉讼情况”表印出{n}个数字，应为{S4_WIDTH}个；{how}"
                "按“总计 = 各项之和”判定各数字所在的列",
                keys,
                label.where,
            )
        )
    _report_solution(
        report, sol.derived, sol.uncertain + sol.unresolved, "行政复议、行政诉讼情况", sol.unsettled
    )
    _keep_alternatives(report, sol)


def _keep_alternatives(report: AnnualReport, sol: Solution) -> None:
    """The readings between which the table's own identities could not choose."""
    if sol.alternatives:
        cells = list(sol.alternatives[0])
        report.alternatives.append(Alternatives(cells, [[a[k] for k in cells] for a in sol.alternatives]))


def _read_s2(
    report: AnnualReport,
    ed: Edition,
    tokens: list[Token],
    s2: TableRead | None,
    dumped: bool = False,
    collapsed: bool = False,
) -> None:
    """Section 二. ``dumped``: the document's cells ran together (a page dump), so a run of as
    many digits as its row has cells is those cells, one digit each. ``collapsed``: runs of
    equal lines were cut to one, so a row printing a lone ``0`` is all zeros. (A lone
    other number is left to a person: section 二 has no identities, and an agency that
    printed its own columns, ``2019年项目数量``, prints one number where the form has two.)
    A row left blank keeps its readings (the cuts of its digits in a page dump, the runs
    its numbers may stand for when collapsed) for the neighbouring years to choose from."""
    if s2 is None:
        keys = ed.s2_keys()
        report.findings.append(
            Finding(
                "parse-missing",
                severity("parse-missing"),
                "未找到“主动公开政府信息情况”表格，该表各单元格留空",
                keys,
            )
        )
        for k in keys:
            report.cells[k] = None
        return
    unit = None
    for t in tokens[s2.start : s2.end + 1]:
        if t.kind == TEXT and "金额" in t.norm:
            unit = header_unit(t.text) or unit
    money = ed.money_keys()
    clauses: list[str] | None = None
    for row in ed.s2_rows:
        keys = row.keys()
        rr = s2.rows.get(row.key)
        if rr is None:
            for k in keys:
                report.cells[k] = None
            report.findings.append(
                Finding(
                    "parse-missing",
                    severity("parse-missing"),
                    f"“主动公开政府信息情况”表中未找到“{row.label}”行，相应单元格留空",
                    keys,
                )
            )
            continue
        printed = rr.printed
        cand = next(
            (
                c
                for c in row_candidates(printed, len(keys))
                if c.cost == 0 and c.how != "absent" and _fits_columns(c, rr, keys, money)
            ),
            None,
        )
        if cand is None and collapsed and [v for v in printed if v is not None] == [0]:
            cand = next(run_candidates(printed, len(keys)), None)
        if cand is None:
            if clauses is None:
                clauses = _prose_clauses(tokens)
            stated = _stated_counts(clauses, row.markers)
            cand, splits = _split_s2_row(_s2_splits(rr, keys, dumped), rr.digits, stated, dumped)
            if cand is None and collapsed:
                runs = (c for c in run_candidates(printed, len(keys)) if _signs_fit(c, keys))
                splits = list(itertools.islice(runs, MAX_S2_SPLITS + 1))
            if cand is None and (dumped or collapsed) and 1 < len(splits) <= MAX_S2_SPLITS:
                split_cells = [_s2_values(c, rr, keys, money, unit) for c in splits]
                report.alternatives.append(Alternatives(list(keys), split_cells, rr.label.where))
            if cand is not None:
                runs = " ".join(t.text for t in rr.tokens if t.kind == VALUE)
                report.findings.append(
                    Finding(
                        "parse-inferred",
                        severity("parse-inferred"),
                        f"{rr.label.where}“{rr.label.text.strip()}”各列数字连在一起印出（{runs}）；"
                        + (
                            "只有一种拆分方式"
                            if cand.how == "split"
                            else "按正文所述数字拆分为" + "、".join(str(v) for v in cand.values)
                        ),
                        keys,
                        rr.label.where,
                    )
                )
        if cand is None:
            report.findings.append(
                Finding(
                    "parse-uncertain",
                    severity("parse-uncertain"),
                    f"{rr.label.where}“{rr.label.text.strip()}”"
                    f"印出{sum(v is not None for v in printed)}个数字，"
                    f"与{len(keys)}列对不上，无法确定各数字所属的列，已留空，请人工核对",
                    keys,
                    rr.label.where,
                )
            )
        values = _s2_values(cand, rr, keys, money, unit) if cand is not None else [None] * len(keys)
        for slot, k in enumerate(keys):
            report.cells[k] = values[slot]
            _cell_provenance(report, k, rr, cand, slot)


def _s2_values(
    cand: Candidate, rr: RowRead, keys: list[str], money: frozenset[str], unit: str | None
) -> list[Number | None]:
    """The cells of a reading of a row of section 二: counts whole, money in 万元."""
    out: list[Number | None] = []
    for slot, k in enumerate(keys):
        v = cand.values[slot]
        if v is UNKNOWN or v is None:
            out.append(None)
            continue
        src = rr.tokens[cand.sources[slot]]
        out.append(to_wan(v, src.unit, unit) if k in money else as_count(v))
    return out


def _fits_columns(cand: Candidate, row: RowRead, keys: list[str], money: frozenset[str]) -> bool:
    """Whether a reading puts only whole numbers without a money unit in count columns."""
    for slot, k in enumerate(keys):
        src = cand.sources[slot]
        if k in money or src is None or row.tokens[src].kind != VALUE:
            continue
        t = row.tokens[src]
        if t.unit in MONEY_UNITS or not float(t.value or 0).is_integer():
            return False
    return True


_STATED = re.compile(r"(\d+)\s*件")
_CLAUSE = re.compile(r"[。；;，,！？]")


def _prose_clauses(tokens: list[Token]) -> list[str]:
    return [c for t in tokens if t.kind == TEXT and len(t.text) > PROSE_MIN for c in _CLAUSE.split(t.text)]


def _stated_counts(clauses: list[str], markers: tuple[str, ...]) -> set[int]:
    """The counts the prose states about a row's subject (``制发行政规范性文件88件``)."""
    return {int(m[1]) for c in clauses if any(k in c for k in markers) for m in _STATED.finditer(c)}


_SIGNED_RUN = re.compile(r"(?:增加|减少|增|减|[+\-−])\s*(\d+)")
"""A run of digits after the sign of 本年增/减: the sign belongs to its first number."""


def _s2_splits(rr: RowRead, keys: list[str], dumped: bool) -> list[Candidate]:
    """The ways to cut a row's runs of digits into its cells (at most one more than
    :data:`MAX_S2_SPLITS`). In a page dump, a run that starts with a sign (``1725-611``:
    1725, −6, 11) gives the sign to its first number, which must fall in a 本年增/减 column."""
    printed, digits = rr.printed, rr.digits
    signs: dict[int, int] = {}
    for i, t in enumerate(rr.tokens):
        m = _SIGNED_RUN.fullmatch(t.text.strip()) if dumped and t.kind == VALUE and not digits[i] else None
        if m is not None:
            digits = [*digits[:i], m[1], *digits[i + 1 :]]
            signs[i] = -1 if t.text.strip()[0] in "减-−" else 1
    out: list[Candidate] = []
    for cand in split_candidates(printed, digits, len(keys)):
        if signs:
            cand = _signed(cand, signs, keys)
            if cand is None:
                continue
        out.append(cand)
        if len(out) > MAX_S2_SPLITS:
            break
    return out


def _signs_fit(cand: Candidate, keys: list[str]) -> bool:
    """Whether a reading puts a negative number only in a 本年增/减 column."""
    return all(
        k.endswith(".delta") or not isinstance(v, int | float) or v >= 0
        for k, v in zip(keys, cand.values, strict=True)
    )


def _signed(cand: Candidate, signs: dict[int, int], keys: list[str]) -> Candidate | None:
    values = list(cand.values)
    for token, sign in signs.items():
        slot = cand.sources.index(token)
        if not keys[slot].endswith(".delta"):
            return None
        values[slot] = sign * int(values[slot])  # type: ignore[arg-type]
    return Candidate(tuple(values), cand.cost, cand.how, cand.sources)


def _split_s2_row(
    cands: list[Candidate], digits: list[str], stated: set[int], dumped: bool
) -> tuple[Candidate | None, list[Candidate]]:
    """A row of section 二 whose cells ran together, when the split is certain.

    Section 二 has no identities to decide a split: it is taken when only one exists and
    the run cannot be one number (``000``) or the document is a page dump, or when one
    split alone holds the most of the counts that the prose states about the row's
    subject. (Elsewhere ``469`` may be 4, 6 and 9, or 469 with the other cells lost: it is
    left to a person.) The splits are returned too (at most one more than
    :data:`MAX_S2_SPLITS`), for another year's report to choose from.
    """
    if len(cands) == 1 and (dumped or all(d.startswith("0") for d in digits if d)):
        return cands[0], cands
    if not cands or len(cands) > MAX_S2_SPLITS:
        return None, cands
    hits = [sum(1 for v in c.values if isinstance(v, int) and v > 0 and v in stated) for c in cands]
    best = max(hits)
    if best == 0 or hits.count(best) > 1:
        return None, cands
    chosen = cands[hits.index(best)]
    return Candidate(chosen.values, chosen.cost, "stated", chosen.sources), cands


def _s2_fit(ed: Edition, s2: TableRead) -> int:
    """How many rows of section 二 print exactly as many numbers as they have columns."""
    fit = 0
    for row in ed.s2_rows:
        rr = s2.rows.get(row.key)
        if rr is not None and sum(1 for t in rr.tokens if t.kind == VALUE) == len(row.columns):
            fit += 1
    return fit


def parse_document(doc: Document) -> AnnualReport:
    """Read the statutory tables, metadata and sections of a document."""
    original = doc
    doc = unglue(doc)
    tokens = tokenise(doc)
    headings = heading_rows(doc)
    s3 = find_s3(tokens)
    s2_after = _first_token(tokens, headings.get("proactive"))
    s2 = find_s2(tokens, s3.start if s3 else None, after=s2_after)
    if s3 is None and s2 is None and len(headings) < 3:
        raise ReadError("未在文件中找到政府信息公开工作年度报告的统计表格或章节，可能不是年度报告")
    title, title_row = find_title(doc)
    agency, year = agency_from_title(title) if title else (None, None)
    date, signer = published_on(doc)
    if agency is None and title_row is not None:
        agency = next(filter(None, map(agency_from_signer, nearby_lines(doc, title_row))), None)
    if agency is None:
        agency = agency_from_signer(signer)
    if year is None:
        year = year_from_period(doc)
    if year is None and date is not None:
        year = date.year - 1
    ed_name = _choose_edition(_edition_votes(tokens, s3), year)
    ed = edition(ed_name)
    report = AnnualReport(agency=agency, year=year, edition=ed_name, published_on=date, title=title)
    if s2 is not None and (fit := _s2_fit(ed, s2)) < len(ed.s2_rows):
        alt = find_s2(tokens, s3.start if s3 else None, postfix=True, after=s2_after)
        if alt is not None and _s2_fit(ed, alt) > fit:
            s2 = alt
    collapsed = s3 is not None and _collapsed(s3, len(ed.s3_columns))
    _read_s2(report, ed, tokens, s2, dumped=doc is not original, collapsed=collapsed)
    s3 = _read_s3(report, ed, tokens, s3, collapsed)
    _read_s4(report, ed, tokens, s3.end if s3 else (s2.end if s2 else 0), collapsed)
    report.cells = {k: report.cells.get(k) for k in ed.keys()}
    table_rows = _table_rows(tokens, s2, s3)
    report.sections = section_texts(doc, headings, table_rows, len(doc.rows))
    report.preamble = preamble_text(doc, headings, table_rows)
    return report


COLLAPSED = "本报告表格中相邻的相同数字只印出一个（网页抓取时合并了重复的行）"
COLLAPSED_ROWS = 3
"""Short rows (more than one number, fewer than the columns) that show a collapse."""
NOT_LONE_ZERO = 3
"""Rows that may print other than a lone ``0`` in a collapsed table of (nearly) all zeros."""


def _collapsed(s3: TableRead, width: int) -> bool:
    """Whether a scraper kept only one line of each run of equal lines in this document.

    The signs, all in section 三: one number per line; no row printing two equal numbers
    side by side (a table printed whole, zeros and all, is full of them, and so is one
    whose zeros were left blank: ``5`` / ``5`` for a row of natural persons only); and
    several rows printing more than one number but fewer than the table has columns (a
    page dump prints one run of digits per row, ``0000000``), or every row but a few
    printing a lone ``0``."""
    short = zeros = 0
    for rr in s3.rows.values():
        values = [t for t in rr.tokens if t.kind != TEXT]
        if any(t.kind == BLANK for t in values) or len({t.row for t in values}) != len(values):
            return False
        if any(a.value == b.value for a, b in itertools.pairwise(values)):
            return False
        short += 1 < len(values) < width
        zeros += len(values) == 1 and values[0].text.strip() == "0"
    return short >= COLLAPSED_ROWS or zeros >= len(s3.rows) - NOT_LONE_ZERO > NOT_LONE_ZERO


def _first_token(tokens: list[Token], row: int | None) -> int:
    """The first token on or after ``row`` (0 when there is no such row)."""
    return 0 if row is None else bisect_left(tokens, row, key=lambda t: t.row)


def _table_rows(tokens: list[Token], *tables: TableRead | None) -> set[int]:
    rows: set[int] = set()
    for t in tables:
        if t is None:
            continue
        for tok in tokens[t.start : t.end + 1]:
            rows.add(tok.row)
    return rows
