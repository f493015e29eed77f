"""Art 26: information to be disclosed proactively is published within 20 working days of being made.

Working days come from the core's calendar (:mod:`xxgk.workdays`), never counted here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from xxgk.agencies.models import Agency
from xxgk.registers.models import Document
from xxgk.workdays import Calendar, default_calendar

PUBLICATION_WORKING_DAYS = 20
"""条例第二十六条: 自该政府信息形成或者变更之日起20个工作日内及时公开."""


@dataclass(frozen=True)
class Late:
    document: Document
    due: dt.date
    published_on: dt.date | None

    @property
    def message(self) -> str:
        when = f"于 {self.published_on} 公开" if self.published_on else "尚未公开"
        return (
            f"“{self.document.title}”{self.document.issued_on} 制发，应于 {self.due} 前公开"
            f"（条例第二十六条，20个工作日），实际{when}"
        )


def late_publications(
    agencies: Iterable[Agency], year: int, *, today: dt.date | None = None, calendar: Calendar | None = None
) -> list[Late]:
    """The agencies' documents issued in ``year`` not published within the period (or not yet, once it
    has passed)."""
    cal = calendar or default_calendar()
    today = today or dt.date.today()
    out = []
    for doc in Document.objects.filter(agency__in=list(agencies), issued_on__year=year).order_by(
        "issued_on", "pk"
    ):
        due = cal.add(doc.issued_on, PUBLICATION_WORKING_DAYS)
        published = doc.published_on
        if (published is not None and published > due) or (published is None and today > due):
            out.append(Late(doc, due, published))
    return out
