"""check_report over generated reports with ~9,000 characters of narrative each; prints reports per second.

Run: ``.venv/bin/python bench/bench_check.py [N]``. Half the reports are edition 2019,
half 2021; one in ten has a broken cell and a narrative count that disagrees.
"""

from __future__ import annotations

import random
import sys
import time

from xxgk.check import check_pair, check_report, pair_up
from xxgk.report import AnnualReport
from xxgk.report.form import edition

FILLER = (
    "坚持以“公开为常态、不公开为例外”为原则，强化政策解读，提高政策知晓度，保障人民群众知情权、参与权、"
    "表达权、监督权，不断增进公众对政府工作的支持和理解。"
)


def make(rng: random.Random, i: int) -> AnnualReport:
    name = "2019" if i % 2 else "2021"
    ed = edition(name)
    year = 2020 if name == "2019" else 2022
    report = AnnualReport.blank(name, agency=f"第{i // 2}县人民政府", year=year)
    for key in ed.keys():
        report.cells[key] = 0
    received = rng.randint(0, 30)
    report.cells["s3.received.natural"] = report.cells["s3.received.total"] = received
    report.cells["s3.granted.natural"] = report.cells["s3.granted.total"] = received
    report.cells["s3.total.natural"] = report.cells["s3.total.total"] = received
    stated = received + (1 if i % 10 == 0 else 0)
    if i % 10 == 0:
        report.cells["s3.granted.commercial"] = 1
    paragraph = FILLER * 8
    report.sections = {
        "overview": paragraph
        + f"全年共收到依申请公开政府信息{stated}件，未发生行政复议、行政诉讼。"
        + paragraph,
        "proactive": paragraph,
        "requests": paragraph * 2,
        "reviews": paragraph,
        "problems": paragraph * 3,
        "other": "本年度未收取信息处理费。",
    }
    return report


def main(n: int = 5000) -> None:
    rng = random.Random(2026)
    reports = [make(rng, i) for i in range(n)]
    chars = sum(len(t) for r in reports for t in r.sections.values()) / n
    t0 = time.perf_counter()
    findings = sum(len(check_report(r)) for r in reports)
    elapsed = time.perf_counter() - t0
    print(
        f"check_report: {n} reports ({chars:.0f} narrative characters each) in {elapsed:.2f} s "
        f"= {n / elapsed:,.0f} reports/s, {findings} findings"
    )
    t0 = time.perf_counter()
    earlier = [make(rng, i) for i in range(n)]
    for r in earlier:
        r.year -= 1
    pairs = pair_up(reports + earlier)
    pair_findings = sum(len(check_pair(a, b)) for a, b in pairs)
    elapsed = time.perf_counter() - t0
    print(f"pair_up + check_pair: {len(pairs)} pairs in {elapsed:.2f} s, {pair_findings} findings")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5000)
