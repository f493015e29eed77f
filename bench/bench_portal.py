"""Catalogue search at the scale of a county platform: 100,000 published entries, searched over HTTP.

    .venv/bin/python bench/bench_portal.py                              # PostgreSQL, 100,000 entries
    .venv/bin/python bench/bench_portal.py --entries 10000 --requests 100 --database sqlite:///…

Fills a fresh database (``--database``, default PostgreSQL ``xxgk_portal_bench`` on 127.0.0.1) with
``--entries`` catalogue entries of generated titles and summaries spread over 20 agencies and 8 years,
starts a server (gunicorn, 2 workers) in its own process on 127.0.0.1 and sends ``--requests`` search
requests from this one for each kind of query: one word sorted by relevance, one word sorted by date,
two words with a column filter, and the platform-wide search. Prints p50 and p95 per kind; then, in one
process without HTTP, the database time of the platform-wide search (count and first page) with and
without the bigram index (``xxgk.portal.bigrams``). Asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

from _server import free_port, served

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DB = "postgresql://postgres@127.0.0.1:5432/xxgk_portal_bench"
AGENCIES = 20
YEARS = range(2019, 2027)
WARM_UP = 5
PLACES = ["偏关县", "河曲县", "保德县", "岢岚县", "五寨县", "神池县", "宁武县", "静乐县"]
SUBJECTS = [
    "教育",
    "财政",
    "预算",
    "决算",
    "环境",
    "卫生",
    "交通",
    "水利",
    "农业",
    "林业",
    "住房",
    "社会保障",
    "就业",
    "扶贫",
    "安全生产",
    "食品药品",
    "统计",
    "规划",
    "采购",
    "招考",
    "应急",
    "文化",
    "旅游",
    "民政",
]
KINDS = [
    "管理办法",
    "实施方案",
    "工作通知",
    "工作要点",
    "情况公示",
    "统计公报",
    "执行情况报告",
    "补贴标准",
    "检查结果",
    "应急预案",
    "项目批复",
    "招聘公告",
]

FILL = """
import random, sys, datetime as dt
import django; django.setup()
from xxgk.agencies import services as agencies
from xxgk.portal.models import CatalogueEntry
from xxgk.portal.catalogue import ART20_HEADS, grams_text, searchable
n, seed = int(sys.argv[1]), int(sys.argv[2])
places, subjects, kinds = sys.argv[3].split(","), sys.argv[4].split(","), sys.argv[5].split(",")
rng = random.Random(seed)
top = agencies.create_agency("bench", "某县人民政府")
ags = [top] + [
    agencies.create_agency(f"bench{{i}}", f"某县第{{i}}局", parent="bench") for i in range(1, {agencies})
]
heads = [c for c, _ in ART20_HEADS]
batch = []
for i in range(n):
    a = ags[i % len(ags)]
    year = rng.choice({years})
    day = dt.date(year, rng.randint(1, 12), rng.randint(1, 28))
    title = f"{{rng.choice(places)}}{{year}}年{{rng.choice(subjects)}}{{rng.choice(kinds)}}"
    summary = (f"关于{{rng.choice(subjects)}}和{{rng.choice(subjects)}}工作的"
               f"{{rng.choice(kinds)}}，第{{i}}号。")
    e = CatalogueEntry(agency=a, title=title, summary=summary, published_on=day, generated_on=day,
                       index_number=f"{{a.code.upper()}}/{{year}}-{{i:06d}}", column=rng.choice(heads),
                       doc_number=f"某政发〔{{year}}〕{{i % 200}}号", state="published")
    e.search_text = searchable(" ".join((e.title, e.summary, e.doc_number, e.index_number)))
    e.search_grams = grams_text(e.search_text)
    batch.append(e)
    if len(batch) == 5000:
        CatalogueEntry.objects.bulk_create(batch); batch = []
CatalogueEntry.objects.bulk_create(batch)
from django.db import connection
if connection.vendor == "postgresql":
    with connection.cursor() as c:
        c.execute("ANALYZE portal_catalogueentry")
print(CatalogueEntry.objects.count())
"""


DIRECT = """
import statistics, sys, time
import django; django.setup()
from xxgk.portal.search import Query, search
words, rounds = sys.argv[1].split(","), int(sys.argv[2])
for use_grams in (True, False):  # the index is used on PostgreSQL only unless asked
    times = []
    for i in range(rounds):
        started = time.perf_counter()
        qs = search(Query(q=words[i % len(words)]), use_grams=use_grams)
        qs.count(); list(qs[:20])
        times.append(time.perf_counter() - started)
    p95 = statistics.quantiles(times, n=20)[-1]
    label = "with the bigram index" if use_grams else "scanning"
    print(f"platform-wide search in process, {label}: p50 {statistics.median(times) * 1000:.0f} ms, "
          f"p95 {p95 * 1000:.0f} ms ({rounds} searches)")
"""


def fresh_database(url: str) -> None:
    if not url.startswith("postgres"):
        return
    import dj_database_url
    import psycopg

    c = dj_database_url.parse(url)
    with psycopg.connect(
        host=c["HOST"], port=c["PORT"] or 5432, user=c["USER"], dbname="postgres", autocommit=True
    ) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{c["NAME"]}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{c["NAME"]}"')


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


def queries(rng: random.Random, n: int) -> dict[str, list[str]]:
    def q(params: dict[str, str], agency: str | None = "bench") -> str:
        path = f"/zfxxgk/{agency}/ml/" if agency else "/zfxxgk/ml/"
        return path + "?" + urllib.parse.urlencode(params)

    return {
        "one word, by relevance": [q({"q": rng.choice(SUBJECTS)}) for _ in range(n)],
        "one word, by date": [q({"q": rng.choice(SUBJECTS), "sort": "date"}) for _ in range(n)],
        "two words + column": [
            q({"q": f"{rng.choice(PLACES)} {rng.choice(KINDS)}", "column": f"a{rng.randint(1, 15):02d}"})
            for _ in range(n)
        ],
        "platform-wide, one word": [q({"q": rng.choice(SUBJECTS)}, agency=None) for _ in range(n)],
    }


def load(env: dict[str, str], port: int, plan: dict[str, list[str]]) -> dict[str, list[float]]:
    with served(env, port) as base:
        out: dict[str, list[float]] = {}
        for kind, urls in plan.items():
            times = []
            for i, url in enumerate(urls[:WARM_UP] + urls):
                started = time.perf_counter()
                with urllib.request.urlopen(base + url, timeout=30) as r:
                    body = r.read()
                    assert r.status == 200 and "共".encode() in body
                if i >= WARM_UP:
                    times.append(time.perf_counter() - started)
            out[kind] = times
        return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--entries", type=int, default=100_000)
    ap.add_argument("--requests", type=int, default=200)
    ap.add_argument("--database", default=os.environ.get("XXGK_BENCH_DATABASE_URL", DEFAULT_DB))
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="xxgk-bench-portal-"))
    env = {
        **os.environ,
        "XXGK_DATABASE_URL": args.database,
        "XXGK_DATA_DIR": str(work / "data"),
        "DJANGO_SETTINGS_MODULE": "xxgk.site.settings",
    }
    try:
        fresh_database(args.database)
        xxgk = Path(sys.executable).parent / "xxgk"
        subprocess.run([str(xxgk), "manage", "migrate", "-v", "0"], check=True, env=env, cwd=ROOT)
        started = time.perf_counter()
        code = FILL.format(agencies=AGENCIES, years=list(YEARS))
        subprocess.run(
            [
                sys.executable,
                "-c",
                code,
                str(args.entries),
                str(args.seed),
                ",".join(PLACES),
                ",".join(SUBJECTS),
                ",".join(KINDS),
            ],
            check=True,
            env=env,
            cwd=ROOT,
        )
        print(
            f"{args.entries} entries written in {time.perf_counter() - started:.0f} s "
            f"({args.database.split('@')[-1]})"
        )
        plan = queries(random.Random(args.seed), args.requests)
        for kind, times in load(env, args.port or free_port(), plan).items():
            print(
                f"{kind}: p50 {statistics.median(times) * 1000:.0f} ms, p95 {p95(times) * 1000:.0f} ms "
                f"({len(times)} requests)"
            )
        words = ",".join(SUBJECTS)
        subprocess.run(
            [sys.executable, "-c", DIRECT, words, str(args.requests)], check=True, env=env, cwd=ROOT
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
