"""The workbench at the scale of a province: a generated corpus imported, checked and served.

    .venv/bin/python bench/bench_corpus.py                       # 100,000 reports on PostgreSQL
    .venv/bin/python bench/bench_corpus.py --reports 5000 --sample 1000 --requests 100

Generates ``--reports`` reports with :mod:`xxgk.report.generate` (``--agencies`` agencies, five
consecutive years each) as text documents, among them ``--copies`` reports that reprint passages of
the real seed reports with names, numbers and dates changed. Then, on a fresh PostgreSQL database:

1. the import rate per core: ``import_reports`` of ``--sample`` documents with ``--jobs 1`` and
   ``--jobs 2`` (each into an empty corpus);
2. the whole corpus imported with ``--jobs 2``;
3. the checks across reports, the copy search timed apart, and how many planted copies it found;
4. the overview page under load: a server (gunicorn, 2 workers) in its own process on 127.0.0.1 and
   ``--requests`` sequential requests from this one, logged in as a provincial supervisor; p50, p95.

Prints figures only; asserts nothing.
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
import urllib.request
from pathlib import Path

from _server import free_port, served

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "examples"
DEFAULT_DB = "postgresql://postgres@127.0.0.1:5432/xxgk_audit_bench"
PASSWORD = "Kx9#bench-pass"
PLACES = (
    "安宝昌长崇大丹德东定丰富广桂海汉和河华怀黄嘉建江金晋靖康乐利临灵"
    "龙隆罗美明南宁平普庆仁荣瑞山上寿顺泰天通万文武西祥新兴阳永元云泽长镇中"
)
UNITS = ("县", "区", "市")
DEPARTMENTS = (
    "人民政府",
    "教育局",
    "公安局",
    "财政局",
    "自然资源局",
    "生态环境局",
    "住房和城乡建设局",
    "交通运输局",
    "农业农村局",
    "卫生健康委员会",
    "市场监督管理局",
    "民政局",
    "应急管理局",
    "审计局",
    "水利局",
    "文化和旅游局",
)


def agency_names(n: int, rng: random.Random) -> list[str]:
    """``n`` distinct plausible agencies: a two-character place with its unit, then a body."""
    places = [a + b + u for a in PLACES for b in PLACES if a != b for u in UNITS]
    rng.shuffle(places)
    names = [p + d for p in places for d in DEPARTMENTS]
    return names[:n]


def generate(folder: Path, reports: int, agencies: int, copies: int, seed: int) -> list[tuple[str, str]]:
    """Write the corpus; returns the planted (copier, source agency) pairs."""
    from xxgk.ingest import parse_path
    from xxgk.render.plaintext import render_text
    from xxgk.report.generate import copied_report, random_report

    rng = random.Random(seed)
    names = agency_names(agencies, rng)
    years = range(2021, 2021 + max(1, reports // agencies))
    sources = [parse_path(str(p)) for p in sorted(SEEDS.glob("*.txt"))]
    planted: list[tuple[str, str]] = []
    for p in sorted(SEEDS.glob("*.txt")):
        shutil.copy(p, folder / p.name)
    copiers = set(rng.sample(range(agencies), copies))
    written = 0
    for i, name in enumerate(names):
        for year in years:
            if written >= reports:
                return planted
            if i in copiers and year == years[-1]:
                source = sources[len(planted) % len(sources)]
                report = copied_report(rng, source, name)
                report.year = year
                report.title = f"{name}{year}年政府信息公开工作年度报告"
                planted.append((name, source.agency or ""))
            else:
                report = random_report(rng, "2021")
                old = report.agency or ""
                report.agency, report.year = name, year
                report.title = f"{name}{year}年政府信息公开工作年度报告"
                report.sections = {k: v.replace(old, name) for k, v in report.sections.items()}
                report.published_on = report.published_on and report.published_on.replace(year=year + 1)
            sub = folder / f"{i // 1000:03d}"
            sub.mkdir(exist_ok=True)
            (sub / f"{i:06d}-{year}.txt").write_text(render_text(report, "tsv"), encoding="utf-8")
            written += 1
    return planted


def fresh_database(url: str) -> None:
    import dj_database_url
    import psycopg

    c = dj_database_url.parse(url)
    with psycopg.connect(
        host=c["HOST"], port=c["PORT"] or 5432, user=c["USER"], dbname="postgres", autocommit=True
    ) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{c["NAME"]}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{c["NAME"]}"')


def manage(*args: str, env: dict[str, str]) -> float:
    started = time.perf_counter()
    xxgk = Path(sys.executable).parent / "xxgk"
    subprocess.run([str(xxgk), "manage", *args], check=True, env=env, cwd=ROOT)
    return time.perf_counter() - started


def session_cookie(env: dict[str, str]) -> str:
    """A logged-in supervisor's session, made in the database the server reads."""
    code = f"""
import django; django.setup()
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from xxgk.agencies import services
from xxgk.agencies.models import Agency
if not Agency.objects.filter(code="prov").exists():
    services.create_agency("prov", "某省人民政府办公厅", kind="government", level="province")
    services.create_user("bench", "{PASSWORD}", agency="prov", role="supervisor")
from django.contrib.auth import get_user_model
user = get_user_model().objects.get(username="bench")
s = SessionStore()
s[SESSION_KEY] = str(user.pk)
s[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
s[HASH_SESSION_KEY] = user.get_session_auth_hash()
s.save()
print(s.session_key)
"""
    out = subprocess.run([sys.executable, "-c", code], check=True, env=env, capture_output=True, text=True)
    return out.stdout.strip().splitlines()[-1]


def load_test(env: dict[str, str], requests: int, port: int) -> dict[str, list[float]]:
    with served(env, port) as base:
        cookie = session_cookie(env)
        out: dict[str, list[float]] = {}
        for path in ("/audit/", "/audit/?group=region", "/audit/?group=level&year=2023", "/audit/ranking/"):
            times = []
            for i in range(requests + 5):
                req = urllib.request.Request(base + path, headers={"Cookie": f"sessionid={cookie}"})
                started = time.perf_counter()
                with urllib.request.urlopen(req, timeout=30) as r:
                    body = r.read()
                    assert r.status == 200 and ("份报告".encode() in body or "机关问题排名".encode() in body)
                if i >= 5:  # the first requests warm the workers' connections
                    times.append(time.perf_counter() - started)
            out[path] = times
        return out


def report_load(times: dict[str, list[float]]) -> None:
    for path, values in times.items():
        print(
            f"GET {path}: p50 {statistics.median(values) * 1000:.0f} ms, p95 {p95(values) * 1000:.0f} ms "
            f"({len(values)} requests)"
        )


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--reports", type=int, default=100_000)
    ap.add_argument("--agencies", type=int, default=20_000)
    ap.add_argument("--copies", type=int, default=50, help="reports reprinting passages of a seed report")
    ap.add_argument(
        "--sample", type=int, default=2000, help="documents imported to measure the rate per core"
    )
    ap.add_argument("--requests", type=int, default=200)
    ap.add_argument("--database", default=os.environ.get("XXGK_BENCH_DATABASE_URL", DEFAULT_DB))
    ap.add_argument("--port", type=int, default=0, help="the server's port (default: a free one)")
    ap.add_argument(
        "--only-load",
        action="store_true",
        help="only the load test, on the corpus the last run left in --database",
    )
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()

    work = Path(tempfile.mkdtemp(prefix="xxgk-bench-corpus-"))
    env = {**os.environ, "XXGK_DATABASE_URL": args.database, "XXGK_DATA_DIR": str(work / "data")}
    env["DJANGO_SETTINGS_MODULE"] = "xxgk.site.settings"
    port = args.port or free_port()
    if args.only_load:
        try:
            report_load(load_test(env, args.requests, port))
        finally:
            shutil.rmtree(work, ignore_errors=True)
        return
    try:
        docs = work / "docs"
        docs.mkdir()
        started = time.perf_counter()
        planted = generate(docs, args.reports, args.agencies, args.copies, args.seed)
        n = sum(1 for _ in docs.rglob("*.txt"))
        print(
            f"generated {n} documents ({len(planted)} copying a seed report) "
            f"in {time.perf_counter() - started:.0f} s"
        )

        sample = work / "sample"
        sample.mkdir()
        for p in sorted(docs.rglob("*.txt"))[: args.sample]:
            shutil.copy(p, sample / p.name)
        for jobs in (1, 2):
            fresh_database(args.database)
            manage("migrate", "-v0", env=env)
            t = manage("import_reports", str(sample), "--jobs", str(jobs), "--no-corpus-check", env=env)
            print(
                f"import --jobs {jobs}: {args.sample} documents in {t:.1f} s "
                f"= {args.sample / t:.1f} per second"
            )

        fresh_database(args.database)
        manage("migrate", "-v0", env=env)
        t = manage("import_reports", str(docs), "--jobs", "2", "--no-corpus-check", env=env)
        print(f"import --jobs 2: {n} documents in {t:.0f} s = {n / t:.1f} per second")
        t = manage("check_corpus", env=env)
        print(f"check_corpus (all checks across reports): {t:.0f} s")

        code = """
import django; django.setup()
from xxgk.audit.models import Overlap
pairs = Overlap.objects.filter(kind="copied").select_related("report", "other")
found = {(o.report.agency_name, o.other.agency_name) for o in pairs}
import json, sys
print(json.dumps(sorted(found), ensure_ascii=False))
"""
        import json

        out = subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
        )
        found = {tuple(p) for p in json.loads(out.stdout.strip().splitlines()[-1])}
        hits = sum((copier, source) in found for copier, source in planted)
        planted_names = {c for c, _ in planted}
        false = [p for p in found if p[0] not in planted_names and p[1] not in planted_names]
        print(
            f"copy search: {hits}/{len(planted)} planted copies found; "
            f"{len(false)} pairs among the other generated reports"
        )

        report_load(load_test(env, args.requests, port))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
