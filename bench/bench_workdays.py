"""One million working-day additions on random dates and counts; prints additions per second.

Run: ``.venv/bin/python bench/bench_workdays.py [N]``.
"""

from __future__ import annotations

import random
import sys
import time
from datetime import date, timedelta

from xxgk.workdays import Calendar


def main(n: int = 1_000_000) -> None:
    rng = random.Random(2026)
    first = date(2004, 1, 1)
    span = (date(2027, 12, 31) - first).days
    starts = [first + timedelta(days=rng.randrange(span)) for _ in range(n)]
    counts = [rng.randint(1, 60) for _ in range(n)]

    t0 = time.perf_counter()
    cal = Calendar()
    built = time.perf_counter() - t0

    add = cal.add
    t0 = time.perf_counter()
    for d, k in zip(starts, counts, strict=True):
        add(d, k)
    elapsed = time.perf_counter() - t0

    between = cal.between
    ends = [add(d, k) for d, k in zip(starts[:100_000], counts, strict=False)]
    t0 = time.perf_counter()
    for d, e in zip(starts, ends, strict=False):
        between(d, e)
    counted = time.perf_counter() - t0

    print(f"calendar built (2000–2035 index) in {built * 1000:.0f} ms")
    print(f"{n:,} additions in {elapsed:.2f} s: {n / elapsed:,.0f} additions/second")
    print(f"{len(ends):,} counts in {counted:.2f} s: {len(ends) / counted:,.0f} counts/second")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000)
