"""The ledger's daily sweep over open requests and the import of a 台账 workbook; prints the figures.

Run: ``.venv/bin/python bench/bench_ledger.py [--sweep N] [--rows M] [--database URL]`` (defaults:
100,000 open requests, a 10,000-row workbook, a fresh SQLite file in a temporary folder; for PostgreSQL
give e.g. ``postgresql://postgres@127.0.0.1:5432/xxgk_bench_ledger``, a database this script creates and
drops). The open requests were received over the last 60 days, a fifth with a correction asked and
answered, a tenth with a consultation; the sweep runs twice on one day: the first run computes and writes
every request, the second finds nothing to change (it is idempotent).
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import random
import sys
import tempfile
import time
from pathlib import Path

BATCH = 5000
SWEEP_DAY = dt.date(2026, 11, 30)


def _prepare_postgres(url: str) -> None:
    import dj_database_url
    import psycopg

    c = dj_database_url.parse(url)
    with psycopg.connect(
        host=c["HOST"], port=c["PORT"] or 5432, user=c["USER"], dbname="postgres", autocommit=True
    ) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{c["NAME"]}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{c["NAME"]}"')


def _open_requests(agency, n: int) -> None:
    from django.db import transaction

    from xxgk.ledger.models import EventKind, Request, RequestEvent, State

    rng = random.Random(2026)
    for start in range(0, n, BATCH):
        rows, plans = [], []
        for i in range(start, min(n, start + BATCH)):
            received = SWEEP_DAY - dt.timedelta(days=rng.randint(0, 60))
            rows.append(
                Request(
                    agency=agency,
                    number=f"bench-{i}",
                    channel="in_person",
                    applicant_type="natural",
                    applicant_name="申请人",
                    description="基准测试",
                    received_on=received,
                    state=State.IN_PROGRESS,
                )
            )
            plans.append((received, rng.random()))
        with transaction.atomic():
            made = Request.objects.bulk_create(rows)
            events = []
            for req, (received, roll) in zip(made, plans, strict=True):
                events.append(RequestEvent(request=req, kind=EventKind.REGISTERED, effective_on=received))
                if roll < 0.2:
                    events.append(
                        RequestEvent(
                            request=req,
                            kind=EventKind.CORRECTION_REQUESTED,
                            effective_on=received + dt.timedelta(days=2),
                        )
                    )
                    events.append(
                        RequestEvent(
                            request=req,
                            kind=EventKind.CORRECTION_RECEIVED,
                            effective_on=received + dt.timedelta(days=6),
                        )
                    )
                elif roll < 0.3:
                    events.append(
                        RequestEvent(
                            request=req,
                            kind=EventKind.CONSULTATION_STARTED,
                            effective_on=received + dt.timedelta(days=3),
                            data={"kind": "third_party"},
                        )
                    )
            RequestEvent.objects.bulk_create(events)


def _workbook(rows: int) -> bytes:
    from openpyxl import Workbook

    from xxgk.ledger.vocabulary import OUTCOME_CHOICES
    from xxgk.ledger.workbook import COLUMNS

    rng = random.Random(10_000)
    labels = [
        label.split("·")[-1]
        for key, label in OUTCOME_CHOICES
        if key not in {"other.other", "other.no_correction"}
    ]
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("台账")
    ws.append(list(COLUMNS.values()))
    for i in range(rows):
        received = dt.date(2025, 1, 2) + dt.timedelta(days=rng.randint(0, 330))
        closed = rng.random() < 0.9
        replied = received + dt.timedelta(days=rng.randint(1, 20))
        ws.append(
            [
                f"T-{i}",
                received.isoformat(),
                rng.choice(["当面", "邮寄", "互联网", "传真"]),
                rng.choice(["公民", "企业", "科研机构", "社会公益组织", "律师事务所", "其他"]),
                f"申请人{i}",
                f"138{i:08d}",
                "某项政府信息",
                None,
                None,
                None,
                None,
                None,
                replied if closed else None,
                rng.choice(labels) if closed else None,
                None,
                None,
            ]
        )
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sweep", type=int, default=100_000, help="open requests to sweep")
    ap.add_argument("--rows", type=int, default=10_000, help="rows of the workbook to import")
    ap.add_argument(
        "--database", help="XXGK_DATABASE_URL for the run (default: SQLite in a temporary folder)"
    )
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench_ledger_"))
    os.environ["XXGK_DATA_DIR"] = str(work)
    os.environ["XXGK_DATABASE_URL"] = args.database or f"sqlite:///{work / 'bench.sqlite3'}"
    if args.database and args.database.startswith("postgres"):
        _prepare_postgres(args.database)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xxgk.site.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from xxgk.agencies.services import create_agency
    from xxgk.ledger.models import Request
    from xxgk.ledger.sweep import sweep
    from xxgk.ledger.workbook import import_workbook

    call_command("migrate", verbosity=0)
    vendor = connection.vendor
    if args.sweep:
        agency = create_agency("bench", "基准测试县人民政府")
        t0 = time.perf_counter()
        _open_requests(agency, args.sweep)
        print(
            f"{vendor}: {args.sweep:,} open requests written in {time.perf_counter() - t0:.1f} s",
            file=sys.stderr,
        )
        t0 = time.perf_counter()
        first = sweep(SWEEP_DAY)
        t1 = time.perf_counter()
        second = sweep(SWEEP_DAY)
        t2 = time.perf_counter()
        print(
            f"sweep over {first.checked:,} open requests ({vendor}): first run {t1 - t0:.1f} s "
            f"({first.checked / (t1 - t0):,.0f}/s, {first.changed:,} written, {first.overdue:,} overdue, "
            f"{first.due_soon:,} due soon); second run {t2 - t1:.1f} s ({second.changed} written)"
        )
    if args.rows:
        data = _workbook(args.rows)
        target = create_agency("bench-import", "基准测试导入县人民政府")
        t0 = time.perf_counter()
        dry = import_workbook(data, target, dry_run=True)
        t1 = time.perf_counter()
        real = import_workbook(data, target)
        t2 = time.perf_counter()
        assert dry.ok and real.ok, [str(p) for p in real.problems[:5]]
        print(
            f"import of a {args.rows:,}-row workbook ({len(data) / 1e6:.1f} MB, {vendor}): "
            f"dry run {t1 - t0:.1f} s, import {t2 - t1:.1f} s "
            f"({Request.objects.filter(agency=target).count():,} requests written)"
        )
    if args.database and args.database.startswith("postgres"):
        connection.close()


if __name__ == "__main__":
    main()
