"""The identities the tables must satisfy (``cells.md`` 1–4), as data.

Each identity says ``sum(left) == sum(right)``. The checker reports broken ones; the
parser uses them to settle rows that print more or fewer numbers than columns.
Identities across years (5–7) need two reports and live in :mod:`xxgk.check.crossyear`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from xxgk.report.form import APPLICANT_COLUMNS, edition


@dataclass(frozen=True)
class Identity:
    number: int
    name: str
    left: tuple[str, ...]
    right: tuple[str, ...]
    description: str

    @property
    def rule(self) -> str:
        return f"identity-{self.number}"

    @property
    def cells(self) -> tuple[str, ...]:
        return self.left + self.right


@cache
def identities(edition_name: str) -> tuple[Identity, ...]:
    """Identities 1–4 for an edition, in the order a reader checks them."""
    ed = edition(edition_name)
    out: list[Identity] = []
    outcome_rows = [r.key for r in ed.s3_outcome_rows]
    for col in ed.s3_columns:
        c = col.key
        out.append(
            Identity(
                1,
                f"1:{c}",
                (f"s3.received.{c}", f"s3.carried_over.{c}"),
                (f"s3.total.{c}", f"s3.carried_forward.{c}"),
                f"“{col.label}”列：本年新收 + 上年结转 = 办理结果总计 + 结转下年度",
            )
        )
    for col in ed.s3_columns:
        c = col.key
        out.append(
            Identity(
                2,
                f"2:{c}",
                (f"s3.total.{c}",),
                tuple(f"s3.{r}.{c}" for r in outcome_rows),
                f"“{col.label}”列：（七）总计 = 各项办理结果之和",
            )
        )
    for row in ed.s3_rows:
        out.append(
            Identity(
                3,
                f"3:{row.key}",
                (f"s3.{row.key}.total",),
                tuple(f"s3.{row.key}.{c.key}" for c in APPLICANT_COLUMNS),
                f"“{row.label}”行：总计 = 六类申请人之和",
            )
        )
    for g in ed.s4_groups:
        parts = tuple(f"s4.{g.key}.{c.key}" for c in ed.s4_columns if c.key != "total")
        out.append(
            Identity(
                4,
                f"4:{g.key}",
                (f"s4.{g.key}.total",),
                parts,
                f"“{g.label}”：总计 = 维持 + 纠正 + 其他结果 + 尚未审结",
            )
        )
    return tuple(out)


def value(cells: dict[str, float | int | None], key: str) -> float:
    """A cell's value for arithmetic: blank counts as 0, as on the printed form."""
    v = cells.get(key)
    return 0 if v is None else v


def holds(identity: Identity, cells: dict[str, float | int | None]) -> bool:
    left = sum(value(cells, k) for k in identity.left)
    right = sum(value(cells, k) for k in identity.right)
    return abs(left - right) < 1e-9
