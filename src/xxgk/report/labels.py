"""Every cell of the form named by its printed labels: the one place where a key becomes
the labels a reader sees.

:func:`label_paths` gives the labels from the section heading down (dataset headers, the
workbook's cell sheet, the workbench's exports); :func:`cell_name` the names a finding
uses. Labels are never retyped here; they are taken from :mod:`xxgk.report.form` and
only trimmed of their printed numbering (``（一）``, ``3.``, ``四、``) and explanatory
parentheses so that a sentence stays readable. Lists of names are joined with ``；``,
since the labels themselves contain ``、``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from xxgk.report.form import G_RESULTS, S3_APPLICANT_HEADER, S3_LEGAL_PERSONS, edition
from xxgk.report.form import edition as get_edition
from xxgk.report.sections import SECTIONS, section


@cache
def label_paths(edition_name: str) -> dict[str, tuple[str, ...]]:
    """Every key of the edition → its printed labels, from the section heading down
    (``四、…情况`` › ``行政诉讼`` › ``复议后起诉`` › ``结果维持``)."""
    ed = get_edition(edition_name)
    out: dict[str, tuple[str, ...]] = {}
    s2_head = section("proactive").heading
    article_of = {k: a for a, keys in ed.s2_headers for k in keys}
    for r in ed.s2_rows:
        for c, key in zip(r.columns, r.keys(), strict=True):
            out[key] = (s2_head, article_of.get(r.key, r.article), r.label, c.label)
    s3_head = section("requests").heading
    for r in ed.s3_rows:
        groups: tuple[str, ...] = ()
        if r.group == G_RESULTS:
            groups = (G_RESULTS,)
        elif r.group:
            groups = (G_RESULTS, r.group)
        for c in ed.s3_columns:
            cols = (c.label,) if c.key in ("natural", "total") else (S3_LEGAL_PERSONS, c.label)
            out[f"s3.{r.key}.{c.key}"] = (s3_head, *groups, r.label, S3_APPLICANT_HEADER, *cols)
    s4_head = section("reviews").heading
    for g in ed.s4_groups:
        groups = (g.parent, g.label) if g.parent else (g.label,)
        for c in ed.s4_columns:
            out[f"s4.{g.key}.{c.key}"] = (s4_head, *groups, c.label)
    return out


_NUMBERING = re.compile(
    r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]\s*|\d{1,2}[.、．]\s*)+"
)
_PAREN = re.compile(r"[（(][^（）()]*[）)]")

TABLE_SECTION = {"s2": "proactive", "s3": "requests", "s4": "reviews"}


def bare(label: str) -> str:
    """A printed label without its numbering and explanatory parentheses."""
    return _PAREN.sub("", _NUMBERING.sub("", label.strip())).strip()


@dataclass(frozen=True)
class CellName:
    """The names of one cell: its table, row and column as a clerk reads them."""

    key: str
    table: str
    row: str
    column: str
    row_label: str
    column_label: str

    @property
    def full(self) -> str:
        """The table heading, then the printed row and column labels."""
        return f"“{self.table}”表“{self.row_label}”行“{self.column_label}”列"

    @property
    def short(self) -> str:
        return f"“{self.row}”·“{self.column}”"


@cache
def table_title(prefix: str) -> str:
    """The heading of the section that holds table ``s2``/``s3``/``s4``."""
    key = TABLE_SECTION[prefix]
    return next(s.heading for s in SECTIONS if s.key == key)


def _s3_row_name(row) -> str:
    name = bare(row.label)
    if row.group and row.group != G_RESULTS:
        return f"{bare(row.group)}·{name}"
    if row.group == G_RESULTS and not row.outcome:
        return f"{bare(G_RESULTS).removeprefix('本年度')}{name}"
    return name


@cache
def _names(edition_name: str) -> dict[str, CellName]:
    ed = edition(edition_name)
    out: dict[str, CellName] = {}
    t2, t3, t4 = table_title("s2"), table_title("s3"), table_title("s4")
    for row in ed.s2_rows:
        for col in row.columns:
            key = f"s2.{row.key}.{col.key}"
            out[key] = CellName(key, t2, row.label, bare(col.label), row.label, col.label)
    for row in ed.s3_rows:
        for col in ed.s3_columns:
            key = f"s3.{row.key}.{col.key}"
            out[key] = CellName(key, t3, _s3_row_name(row), col.label, row.label, col.label)
    for g in ed.s4_groups:
        group = f"{g.parent}（{g.label}）" if g.parent else g.label
        for col in ed.s4_columns:
            key = f"s4.{g.key}.{col.key}"
            out[key] = CellName(key, t4, group, col.label, group, col.label)
    return out


def cell_name(edition_name: str, key: str) -> CellName:
    """The names of cell ``key`` in ``edition_name``; unknown keys are named by the key itself."""
    try:
        return _names(edition_name)[key]
    except (KeyError, ValueError):
        return CellName(key, "", key, "", key, "")


def describe(edition_name: str, keys: list[str], limit: int = 8) -> str:
    """A short list of cells for a message: at most ``limit`` names, then ``等 N 个``."""
    names = [cell_name(edition_name, k).short for k in keys[:limit]]
    text = "；".join(names)
    if len(keys) > limit:
        text += f"等 {len(keys)} 个单元格"
    return text


def describe_values(edition_name: str, keys: list[str], values: dict, limit: int = 8) -> str:
    """Cells with their values for a message: ``“row”·“col”为 0；…``, at most ``limit``."""
    from xxgk.render.grid import format_number

    shown = [
        f"{cell_name(edition_name, k).short}为 {format_number(values.get(k)) or '空白'}" for k in keys[:limit]
    ]
    text = "；".join(shown)
    if len(keys) > limit:
        text += f"等 {len(keys)} 个单元格"
    return text
