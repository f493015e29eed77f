"""The annual report computed from 100,000 requests in the database; prints the figures.

Run: ``.venv/bin/python bench/bench_annual.py [N] [--database URL]`` (default: a fresh SQLite file in a
temporary folder; for PostgreSQL give e.g. ``postgresql://postgres@127.0.0.1:5432/xxgk_bench_annual``,
a database this script creates and drops). The requests are received over three years, four in five
answered, with every applicant column and outcome; the report is on the last year, so about a third of
the requests are in play, and the rest are left out by the database before Python sees them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import tempfile
import time
from pathlib import Path

YEARS = (2022, 2023, 2024)
BATCH = 5000


def _prepare_postgres(url: str) -> None:
    import dj_database_url
    import psycopg

    c = dj_database_url.parse(url)
    with psycopg.connect(
        host=c["HOST"], port=c["PORT"] or 5432, user=c["USER"], dbname="postgres", autocommit=True
    ) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{c["NAME"]}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{c["NAME"]}"')


def _fill(n: int) -> object:
    from django.db import transaction

    from xxgk.agencies.services import create_agency
    from xxgk.annual.counting import APPLICANTS, outcomes
    from xxgk.ledger.models import Request, State

    agency = create_agency("bench", "基准测试县人民政府")
    rng = random.Random(2026)
    rows = []
    for i in range(n):
        year = rng.choice(YEARS)
        received = dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(365))
        closed = received + dt.timedelta(days=rng.randint(0, 60)) if rng.random() < 0.8 else None
        rows.append(
            Request(
                agency=agency,
                number=f"bench-{i}",
                channel="in_person",
                applicant_type=rng.choice(APPLICANTS),
                applicant_name="申请人",
                description="基准测试",
                received_on=received,
                closed_on=closed,
                outcome=rng.choice(outcomes()) if closed else "",
                state=State.REPLIED if closed else State.IN_PROGRESS,
            )
        )
    with transaction.atomic():
        for start in range(0, n, BATCH):
            Request.objects.bulk_create(rows[start : start + BATCH])
    return agency


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("n", nargs="?", type=int, default=100_000)
    ap.add_argument(
        "--database", help="XXGK_DATABASE_URL for the run (default: SQLite in a temporary folder)"
    )
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench_annual_"))
    os.environ["XXGK_DATA_DIR"] = str(work)
    os.environ["XXGK_DATABASE_URL"] = args.database or f"sqlite:///{work / 'bench.sqlite3'}"
    if args.database and args.database.startswith("postgres"):
        _prepare_postgres(args.database)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xxgk.site.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from xxgk.annual import services, sources
    from xxgk.annual.counting import Ledgers, count

    call_command("migrate", verbosity=0)
    t0 = time.perf_counter()
    agency = _fill(args.n)
    print(
        f"{connection.vendor}: {args.n:,} requests written in {time.perf_counter() - t0:.1f} s",
        file=sys.stderr,
    )

    year = YEARS[-1]
    sources.requests([agency], year)  # warm the connection and the page cache, as a server's would be
    t0 = time.perf_counter()
    records = sources.requests([agency], year)
    read = time.perf_counter() - t0
    t0 = time.perf_counter()
    counted = count(Ledgers(requests=records), year, "2021")
    counting = time.perf_counter() - t0
    t0 = time.perf_counter()
    full = services.compute_report(agency, year, "2021")
    whole = time.perf_counter() - t0
    t0 = time.perf_counter()
    fast = services.compute_report(agency, year, "2021", drilldown=False)
    grouped = time.perf_counter() - t0
    cells = fast.report.cells
    assert cells == full.report.cells and cells == counted.report.cells | {
        k: v for k, v in cells.items() if not k.startswith("s3.")
    }
    print(
        f"annual report on {year} from {args.n:,} requests ({connection.vendor}): "
        f"compute_report {grouped * 1000:.0f} ms (the database counts); "
        f"with the drill-down {whole * 1000:.0f} ms ({len(records):,} requests in play read in "
        f"{read * 1000:.0f} ms, counted in {counting * 1000:.0f} ms); "
        f"本年新收 {cells['s3.received.total']:,}, 上年结转 {cells['s3.carried_over.total']:,}, "
        f"结转下年度 {cells['s3.carried_forward.total']:,}"
    )
    if args.database and args.database.startswith("postgres"):
        connection.close()


if __name__ == "__main__":
    main()
