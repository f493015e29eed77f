"""The clerk's pages at the scale of a big agency: 100,000 requests in PostgreSQL, the home page (工作台)
and the request lists under load from a second process.

    .venv/bin/python bench/bench_pages.py                         # 100,000 requests, 200 GETs per page
    .venv/bin/python bench/bench_pages.py --requests 20000 --gets 50

On a fresh PostgreSQL database (``--database``; default ``xxgk_pages_bench``): migrate, then
``--requests`` requests of one county government written with ``bulk_create`` (three years of intake,
every state and outcome, those of the last weeks mostly open, a few older ones open and overdue; their
dates are drawn, not computed through the deadline engine, which the ledger's own benchmark measures).
A server (gunicorn,
2 workers) runs in its own process on 127.0.0.1; this process, logged in as the agency's clerk (who
sees every request), sends ``--gets`` sequential GETs per page and prints p50 and p95.

Prints figures only; asserts nothing but that each page answered 200.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from _server import free_port, served

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DB = "postgresql://postgres@127.0.0.1:5432/xxgk_pages_bench"
PASSWORD = "Kx9#bench-pass"
BATCH = 5000
RECENT_DAYS, RECENT_OPEN, STALE_OPEN = 40, 0.6, 0.002
"""Requests received in the last 40 days are open with probability 0.6, older ones 0.002 (overdue)."""
PAGES = (
    "/",
    "/requests/",
    "/requests/?state=open&sort=due",
    "/requests/?state=open&overdue=on",
    "/requests/?year=2025&outcome=granted&page=3",
    "/requests/?q=%E9%81%93%E8%B7%AF",  # 道路
)
SUBJECTS = (
    "道路改造工程招标文件",
    "财政预算执行情况",
    "征地补偿安置方案",
    "环境影响评价报告",
    "学校招生计划",
    "医疗机构执业许可",
    "行政处罚决定书",
    "专项资金使用明细",
    "规划许可证",
    "会议纪要",
)


def fresh_database(url: str) -> None:
    import dj_database_url
    import psycopg

    c = dj_database_url.parse(url)
    with psycopg.connect(
        host=c["HOST"], port=c["PORT"] or 5432, user=c["USER"], dbname="postgres", autocommit=True
    ) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{c["NAME"]}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{c["NAME"]}"')


def fill(n: int, seed: int) -> float:
    """``n`` requests of agency ``bench``; returns the seconds it took."""
    from django.db import transaction

    from xxgk.agencies import services
    from xxgk.agencies.models import Department
    from xxgk.ledger.models import CLOSED_STATES, OPEN_STATES, Request
    from xxgk.ledger.vocabulary import APPLICANT_CHOICES, CHANNEL_CHOICES, OUTCOME_CHOICES

    started = time.perf_counter()
    agency = services.create_agency("bench", "某县人民政府")
    services.create_user("clerk", PASSWORD, agency="bench", role="clerk", display_name="王小明")
    handler = services.create_user(
        "handler", PASSWORD, agency="bench", role="handler", department="办公室"
    ).user
    departments = [
        Department.objects.get_or_create(agency=agency, name=d)[0] for d in ("办公室", "法制科", "规划科")
    ]
    rng = random.Random(seed)
    today = dt.date.today()
    first = dt.date(today.year - 2, 1, 1)
    span = (today - first).days
    outcomes = [k for k, _ in OUTCOME_CHOICES]
    serial: dict[int, int] = {}
    batch = []
    for i in range(n):
        received = first + dt.timedelta(days=int(span * (i + rng.random()) / n))
        serial[received.year] = serial.get(received.year, 0) + 1
        recent = (today - received).days < RECENT_DAYS
        is_open = rng.random() < (RECENT_OPEN if recent else STALE_OPEN)
        reply_due = received + dt.timedelta(days=28)
        closed = None if is_open else min(today, received + dt.timedelta(days=rng.randint(1, 35)))
        state = rng.choice(OPEN_STATES) if is_open else rng.choice(CLOSED_STATES)
        batch.append(
            Request(
                agency=agency,
                number=f"bench-{received.year}-{serial[received.year]:06d}",
                query_code="BENCH",
                channel=rng.choice(CHANNEL_CHOICES)[0],
                submitted_on=received,
                received_on=received,
                receipt_basis="submitted",
                applicant_type=rng.choice(APPLICANT_CHOICES)[0],
                applicant_name=f"申请人{rng.randint(1, 30000)}",
                phone=f"138{rng.randint(10_000_000, 99_999_999)}",
                description=f"{received.year}年{rng.choice(SUBJECTS)}",
                state=state,
                reply_due=reply_due,
                correction_notice_due=received + dt.timedelta(days=9),
                overdue=bool(is_open and reply_due < today),
                due_soon=bool(is_open and 0 <= (reply_due - today).days <= 4),
                outcome="" if is_open else rng.choice(outcomes),
                closed_on=closed,
                department=rng.choice(departments),
                handler=handler if rng.random() < 0.3 else None,
            )
        )
        if len(batch) == BATCH or i == n - 1:
            with transaction.atomic():
                Request.objects.bulk_create(batch)
            batch = []
    from django.db import connection

    with connection.cursor() as c:
        c.execute("VACUUM ANALYZE")  # what autovacuum does to a table that has been written
    return time.perf_counter() - started


def session_cookie() -> str:
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
    from django.contrib.sessions.backends.db import SessionStore

    user = get_user_model().objects.get(username="clerk")
    s = SessionStore()
    s[SESSION_KEY] = str(user.pk)
    s[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    s[HASH_SESSION_KEY] = user.get_session_auth_hash()
    s.save()
    return s.session_key


def load(env: dict[str, str], cookie: str, gets: int, port: int) -> dict[str, list[float]]:
    with served(env, port) as base:
        out: dict[str, list[float]] = {}
        for path in PAGES:
            times = []
            for i in range(gets + 5):
                req = urllib.request.Request(base + path, headers={"Cookie": f"sessionid={cookie}"})
                started = time.perf_counter()
                with urllib.request.urlopen(req, timeout=60) as r:
                    r.read()
                    assert r.status == 200
                if i >= 5:  # the first requests warm the workers' connections
                    times.append(time.perf_counter() - started)
            out[path] = times
        return out


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--requests", type=int, default=100_000)
    ap.add_argument("--gets", type=int, default=200)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--database", default=os.environ.get("XXGK_BENCH_DATABASE_URL", DEFAULT_DB))
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--reuse", action="store_true", help="measure the pages on the database a run left")
    args = ap.parse_args()

    data_dir = ROOT / "out" / "bench_pages"
    data_dir.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "XXGK_DATABASE_URL": args.database,
        "XXGK_DATA_DIR": str(data_dir),
        "DJANGO_SETTINGS_MODULE": "xxgk.site.settings",
    }
    os.environ.update(env)
    if not args.reuse:
        fresh_database(args.database)
    subprocess.run([sys.executable, "-m", "django", "migrate", "-v0"], check=True, env=env, cwd=ROOT)
    import django

    django.setup()
    if not args.reuse:
        seconds = fill(args.requests, args.seed)
        print(f"{args.requests:,} requests written in {seconds:.1f} s")
    from xxgk.ledger.models import Request

    print(f"{Request.objects.count():,} requests in the database")
    times = load(env, session_cookie(), args.gets, args.port or free_port())
    for path, values in times.items():
        print(
            f"GET {path}: p50 {statistics.median(values) * 1000:.0f} ms, p95 {p95(values) * 1000:.0f} ms "
            f"({len(values)} requests)"
        )


if __name__ == "__main__":
    main()
