"""Scrape dumps of several consecutive years read as one corpus; prints what the neighbours settle.

Run: ``.venv/bin/python bench/bench_neighbours.py [AGENCIES]`` (default 20). Each agency's
reports of 2019–2024 (generated to agree across years: 结转, 现行有效, 项目数量) are printed
one cell per line as a scraper leaves them, either with every cell's text run together (a
page dump) or with runs of equal lines cut to one, and read one by one. Then
:func:`settle_with_neighbours` reads them as one corpus. Printed per kind: cells each year
alone left blank with a warning; of those, the cells whose readings the reader kept (the
others were not read at all: no neighbour can settle them); cells settled by a neighbouring year; settled
cells that are wrong, or set without a finding (both must be 0); and the time settling took.
"""

from __future__ import annotations

import itertools
import random
import sys
import time

from xxgk.check.neighbours import settle_with_neighbours
from xxgk.check.tables import unread_cells
from xxgk.ingest import parse_bytes
from xxgk.render.plaintext import render_text
from xxgk.report.generate import consecutive_reports
from xxgk.report.model import AnnualReport

YEARS = range(2019, 2025)


def dumped(report: AnnualReport, seed: int) -> str:
    text = render_text(report, "cells", rng=random.Random(seed))
    return "".join(c.strip() for line in text.splitlines() for c in line.split("\t") if c.strip())


def collapsed(report: AnnualReport, seed: int) -> str:
    text = render_text(report, "cells", rng=random.Random(seed))
    return "\n".join(line for line, _ in itertools.groupby(t.strip() for t in text.splitlines() if t.strip()))


def run(kind: str, write, agencies: int) -> None:
    truth: list[AnnualReport] = []
    read: list[AnnualReport] = []
    for a in range(agencies):
        years = consecutive_reports(random.Random(a), f"第{a}县人民政府", YEARS)
        truth += years
        read += [parse_bytes(write(r, a).encode(), f"{a}-{r.year}.txt") for r in years]
    started = time.perf_counter()
    out = settle_with_neighbours(read)
    seconds = time.perf_counter() - started
    blank = kept = settled = wrong = silent = 0
    for t, before, after in zip(truth, read, out, strict=True):
        left = unread_cells(before)
        blank += len(left)
        kept += len(left & {k for a in before.alternatives for k in a.cells})
        said = {k for f in after.findings if f.rule == "settled-by-neighbour" for k in f.cells}
        for k in left:
            if after.cells.get(k) is None:
                continue
            settled += 1
            wrong += after.cells[k] != t.cells[k]
            silent += k not in said
    share = settled / blank if blank else 0.0
    print(
        f"{kind:10} reports={len(read)} blank_alone={blank} with_readings={kept} "
        f"settled={settled} ({share:.1%}) wrong={wrong} without_finding={silent} settle_seconds={seconds:.3f}"
    )


def main() -> None:
    agencies = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    run("dump", dumped, agencies)
    run("collapsed", collapsed, agencies)


if __name__ == "__main__":
    main()
