"""Time the renderers on generated reports: ``python bench/bench_render.py [N] [--pdf]``.

Builds N reports of each edition with random cells and a few paragraphs per section,
renders each to every format, and prints the time per report and the output size.
With ``--pdf`` also converts through LibreOffice (seconds per report).
"""

from __future__ import annotations

import random
import sys
import time
from statistics import median

from xxgk.render.csv import render_csv
from xxgk.render.docx import render_docx
from xxgk.render.html import render_html
from xxgk.render.json import render_json
from xxgk.render.markdown import render_markdown
from xxgk.render.xlsx import render_xlsx
from xxgk.report import SECTION_KEYS, AnnualReport, edition

SENTENCE = "本机关坚持以公开为常态、不公开为例外，持续深化政务公开，提升政府工作透明度。"


def generate(name: str, rng: random.Random) -> AnnualReport:
    cells = {k: (None if rng.random() < 0.1 else rng.randint(0, 5000)) for k in edition(name).keys()}
    sections = {
        k: "\n".join(SENTENCE * rng.randint(1, 4) for _ in range(rng.randint(1, 5))) for k in SECTION_KEYS
    }
    return AnnualReport(
        agency="某某县人民政府",
        year=2020 if name == "2019" else 2023,
        edition=name,
        cells=cells,
        sections=sections,
    )


def main() -> None:
    n = int(next((a for a in sys.argv[1:] if a.isdigit()), "20"))
    rng = random.Random(7)
    reports = [generate(name, rng) for name in ("2019", "2021") for _ in range(n)]
    renderers = {
        "docx": render_docx,
        "html": render_html,
        "xlsx": render_xlsx,
        "md": render_markdown,
        "json": render_json,
    }
    if "--pdf" in sys.argv:
        from xxgk.render.pdf import render_pdf

        renderers["pdf"] = render_pdf
    print(f"{len(reports)} reports ({n} per edition)")
    for fmt, fn in renderers.items():
        times, sizes = [], []
        for r in reports[: 4 if fmt == "pdf" else None]:
            t = time.perf_counter()
            out = fn(r)
            times.append(time.perf_counter() - t)
            sizes.append(len(out))
        print(
            f"{fmt:5} median {median(times) * 1000:8.1f} ms  max {max(times) * 1000:8.1f} ms  "
            f"size {median(sizes) / 1024:7.1f} KiB"
        )
    t = time.perf_counter()
    text = render_csv(reports)
    print(
        f"csv   {len(reports)} rows in {(time.perf_counter() - t) * 1000:.1f} ms, {len(text) / 1024:.1f} KiB"
    )


if __name__ == "__main__":
    main()
