"""Plain-text parsing speed: reports per second on one core.

Inputs are generated from the seed reports: each seed as published, rewritten one cell
per line, with tabs turned into spaces, and with labels after their numbers.
usage: .venv/bin/python bench/bench_parse_text.py [SECONDS]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from xxgk.ingest import parse_bytes

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "seeds"


def variants(text: str) -> list[str]:
    cells = []
    for line in text.splitlines():
        if "\t" in line:
            cells.extend("\t" + c.strip() for c in line.split("\t"))
            cells.append("")
        else:
            cells.append(line)
    return [text, "\n".join(cells), text.replace("\t", " ")]


def main() -> None:
    budget = float(sys.argv[1]) if len(sys.argv) > 1 else 5.0
    docs = [v.encode() for p in sorted(SEEDS.glob("*.txt")) for v in variants(p.read_text(encoding="utf-8"))]
    for d in docs:
        parse_bytes(d, "warmup.txt")
    for name, group in (
        ("as published", docs[0::3]),
        ("one cell per line", docs[1::3]),
        ("tabs as spaces", docs[2::3]),
    ):
        n = 0
        start = time.perf_counter()
        while time.perf_counter() - start < budget / 3:
            for d in group:
                parse_bytes(d, "bench.txt")
                n += 1
        elapsed = time.perf_counter() - start
        print(f"{name:>18}: {n / elapsed:7.0f} reports/s ({n} reports, {elapsed:.2f} s)")


if __name__ == "__main__":
    main()
