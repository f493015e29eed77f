"""An agency's reports of consecutive years as scrapers leave them (see ``check/test_neighbours``)."""

from __future__ import annotations

import functools
import itertools
import random
import re

from xxgk.render.plaintext import render_text
from xxgk.report.generate import consecutive_reports
from xxgk.report.model import AnnualReport

AGENCY = "某县人民政府"


def dumped(report: AnnualReport, seed: int) -> str:
    """Every cell's text joined with nothing between: the text content of the page."""
    text = render_text(report, "cells", rng=random.Random(seed))
    return "".join(c.strip() for line in text.splitlines() for c in re.split(r"\t", line) if c.strip())


def printed(report: AnnualReport, seed: int) -> str:
    return render_text(report, "cells", rng=random.Random(seed))


def collapsed(report: AnnualReport, seed: int) -> str:
    """One cell per line, a run of equal lines kept once."""
    text = render_text(report, "cells", rng=random.Random(seed))
    return "\n".join(line for line, _ in itertools.groupby(t.strip() for t in text.splitlines() if t.strip()))


@functools.cache
def glued_license() -> tuple[list[AnnualReport], int]:
    """2019 and 2020 reports, edition 2019, the 2019 one printing 行政许可 as ``124590`` and
    行政强制 as ``1725-611`` or ``1725减611`` when dumped with the seed returned."""
    for attempt in itertools.count():
        truth = consecutive_reports(random.Random(attempt), AGENCY, range(2019, 2021))
        truth[0].cells |= {"s2.license.prev": 12, "s2.license.delta": 4, "s2.license.decisions": 590}
        truth[0].cells |= {"s2.coercion.prev": 1725, "s2.coercion.delta": -6, "s2.coercion.decisions": 11}
        truth[1].cells |= {"s2.license.prev": 16, "s2.coercion.prev": 1719}
        text = dumped(truth[0], attempt)
        if "行政许可124590" in text and "行政强制1725" in text:
            return truth, attempt
    raise AssertionError  # pragma: no cover
