"""The information processing fee (信息处理费) of 国办函〔2020〕109号, both scales, in whole 元.

Both scales are cumulative excess-progressive (超额累进): each rate applies only to the part of the count
inside its band. The agency chooses one scale per application.

- Per request (按件计收, Art 4), counting the same applicant's requests in one calendar month: 1–10 free,
  11–30 at 100 元, then bands of 10 each 100 元 dearer (31–40 at 200, 41–50 at 300, …).
- Per page (按量计收, Art 5): 1–30 free, 31–100 at 10 元, 101–200 at 20 元, 201 on at 40 元.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

MAX_REQUESTS = 10_000
MAX_PAGES = 1_000_000
SHOWN_BANDS = 8


class Scale(Enum):
    PER_REQUEST = "按件计收"
    PER_PAGE = "按量计收"


class FeeInputError(ValueError):
    """A count the fee cannot be computed for; the message is Chinese."""


@dataclass(frozen=True)
class Band:
    first: int
    last: int
    count: int
    rate: int

    @property
    def subtotal(self) -> int:
        return self.count * self.rate


@dataclass(frozen=True)
class Fee:
    scale: Scale
    count: int
    already: int
    amount: int
    bands: tuple[Band, ...]

    @property
    def unit(self) -> str:
        return "件" if self.scale is Scale.PER_REQUEST else "页"

    def _band_line(self, b) -> str:
        u = self.unit
        span = f"第{b.first}至{b.last}{u}" if b.first != b.last else f"第{b.first}{u}"
        return f"{span}：{b.count}{u} × {b.rate}元 = {b.subtotal}元"

    def explanation(self) -> str:
        u = self.unit
        shown = [b for b in self.bands if b.count]
        lines = [self._band_line(b) for b in shown[: SHOWN_BANDS if len(shown) > SHOWN_BANDS + 1 else None]]
        if len(shown) > SHOWN_BANDS + 1:
            rest = shown[SHOWN_BANDS:]
            total = sum(b.subtotal for b in rest)
            lines.append(
                f"第{rest[0].first}至{rest[-1].last}{u}（共 {len(rest)} 档，"
                f"每{u} {rest[0].rate}元至 {rest[-1].rate}元）：合计 {total}元"
            )
        head = f"{self.scale.value}（国办函〔2020〕109号），超额累进"
        if self.already:
            first, last = self.already + 1, self.already + self.count
            head += f"；本月此前已计 {self.already}{u}，本次为第{first}至{last}{u}"
        return head + "：\n" + "\n".join(lines or ["不超过免费数量，不收费"]) + f"\n合计：{self.amount}元"

    def to_json(self) -> dict:
        return {
            "scale": self.scale.name.lower(),
            "count": self.count,
            "already": self.already,
            "amount_yuan": self.amount,
            "bands": [
                {
                    "first": b.first,
                    "last": b.last,
                    "count": b.count,
                    "rate_yuan": b.rate,
                    "subtotal_yuan": b.subtotal,
                }
                for b in self.bands
                if b.count
            ],
        }


def _check(name: str, value: int, limit: int) -> None:
    if not isinstance(value, int) or isinstance(value, bool):
        raise FeeInputError(f"{name}必须是整数")
    if value < 0:
        raise FeeInputError(f"{name}不能为负数（收到 {value}）")
    if value > limit:
        raise FeeInputError(f"{name} {value} 超过合理范围（最多 {limit}），请核对")


def request_bands(upto: int) -> list[tuple[int, int, int]]:
    """(first, last, rate) of the per-request scale, covering 1..upto."""
    bands = [(1, 10, 0), (11, 30, 100)]
    first, rate = 31, 200
    while first <= upto:
        bands.append((first, first + 9, rate))
        first, rate = first + 10, rate + 100
    return bands


PAGE_BANDS = [(1, 30, 0), (31, 100, 10), (101, 200, 20), (201, MAX_PAGES, 40)]


def _charge(scale: Scale, bands: list[tuple[int, int, int]], count: int, already: int) -> Fee:
    lo, hi = already + 1, already + count
    used = []
    for first, last, rate in bands:
        n = max(0, min(hi, last) - max(lo, first) + 1)
        if n:
            used.append(Band(max(lo, first), min(hi, last), n, rate))
    return Fee(scale, count, already, sum(b.subtotal for b in used), tuple(used))


def fee_per_request(requests: int, already: int = 0) -> Fee:
    """Fee for ``requests`` requests of one applicant, after ``already`` earlier ones in the same month."""
    _check("申请件数", requests, MAX_REQUESTS)
    _check("本月此前的申请件数", already, MAX_REQUESTS)
    if requests + already > MAX_REQUESTS:
        raise FeeInputError(f"同一申请人一个月内的申请件数合计超过 {MAX_REQUESTS}，请核对")
    return _charge(Scale.PER_REQUEST, request_bands(requests + already), requests, already)


def fee_per_page(pages: int) -> Fee:
    """Fee for ``pages`` pages (paper, email or copied electronic data) of one application."""
    _check("页数", pages, MAX_PAGES)
    return _charge(Scale.PER_PAGE, PAGE_BANDS, pages, 0)
