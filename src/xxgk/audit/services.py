"""Actions on the corpus, one function each; the management commands, tasks and pages call these.

Importing is two steps that may run apart: :func:`read_source` (in any process, no database) and
:func:`store` (the writer). :func:`run_import` drives both over a pool of worker processes;
:mod:`xxgk.audit.tasks` runs them as background tasks on any number of machines.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import multiprocessing
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from xxgk.agencies.models import Agency
from xxgk.audit import reading
from xxgk.audit.figures import figures
from xxgk.audit.models import (
    CorpusAgency,
    Document,
    Finding,
    ImportItem,
    ImportRun,
    ItemStatus,
    MissingReport,
    Origin,
    Overlap,
    Report,
    RunStatus,
)
from xxgk.audit.reading import URL_PREFIXES, Read, checked, read_source
from xxgk.check import check_pair
from xxgk.check.coverage import Expected, missing_years
from xxgk.check.crossyear import agency_key
from xxgk.check.neighbours import Settlement, settle
from xxgk.check.similarity import Narrative, find_overlaps, overlap_finding
from xxgk.ingest.version import parser_version
from xxgk.report.agency import LEVEL_LABELS, place
from xxgk.report.model import Alternatives, AnnualReport
from xxgk.report.model import Finding as CoreFinding

DOCUMENT_SUFFIXES = frozenset({".txt", ".text", ".html", ".htm", ".shtml", ".docx", ".doc", ".wps", ".pdf"})
"""Files taken from a folder; a ``.json`` beside a document is a label, not a report."""
WRITE_BATCH = 50
"""Reports written per transaction: large enough to spare round trips, small enough that an
interrupted import loses little and a second writer is not kept waiting."""
PROGRESS_SECONDS = 2.0
WORKERS = multiprocessing.get_context("forkserver")
"""Worker processes start clean, sharing nothing with the writer (no database connection)."""
READ_AHEAD = 1000
"""Sources handed to the worker processes at a time, so that reads waiting for the writer stay few."""

Progress = Callable[["ImportSummary"], None]


class ImportRefused(Exception):
    """An import that cannot start; the message is for a person, in Chinese."""


@dataclass
class ImportSummary:
    run: int
    total: int
    new: int = 0
    duplicate: int = 0
    failed: int = 0
    seconds: float = 0.0
    failures: list[tuple[str, str]] = field(default_factory=list)

    @property
    def done(self) -> int:
        return self.new + self.duplicate + self.failed


def corpus_changed() -> None:
    """Drop every page's kept counts (see :func:`xxgk.audit.queries.remembered`)."""
    from django.db.models import F

    from xxgk.audit.models import CorpusState

    if not CorpusState.objects.filter(pk=1).update(version=F("version") + 1):
        CorpusState.objects.get_or_create(pk=1)
        CorpusState.objects.filter(pk=1).update(version=F("version") + 1)


# --- what to import -------------------------------------------------------------------------


def url_list(path: Path) -> list[str] | None:
    """The addresses in ``path`` when it is a list of URLs (every line one, # comments), else None."""
    if path.suffix.lower() not in {".txt", ".lst", ".urls", ""} or path.stat().st_size > 8 * 1024 * 1024:
        return None
    try:
        lines = [line.strip() for line in path.read_text(encoding="utf-8-sig").splitlines()]
    except (UnicodeDecodeError, OSError):
        return None
    lines = [line for line in lines if line and not line.startswith("#")]
    if lines and all(line.startswith(URL_PREFIXES) and " " not in line for line in lines):
        return lines
    return None


def expand_sources(paths: Iterable[str]) -> list[str]:
    """Files as given, folders as the documents inside them (sorted), lists of URLs as their URLs."""
    out: list[str] = []
    for given in paths:
        if given.startswith(URL_PREFIXES):
            out.append(given)
            continue
        p = Path(given)
        if p.is_dir():
            files = sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in DOCUMENT_SUFFIXES)
            out.extend(str(f) for f in files)
        elif p.is_file() and (urls := url_list(p)) is not None:
            out.extend(urls)
        else:
            out.append(given)
    return list(dict.fromkeys(out))


@transaction.atomic
def start_import(paths: Iterable[str], *, scope: str | None = None, background: bool = False) -> ImportRun:
    """A new import of ``paths`` with one pending item per source."""
    scope_agency = None
    if scope:
        scope_agency = Agency.objects.filter(code=scope).first()
        if scope_agency is None:
            raise ImportRefused(f"找不到机关“{scope}”（--scope 应为本系统机关名录中的机关代码）")
    sources = expand_sources(paths)
    if not sources:
        raise ImportRefused("没有找到可导入的文件")
    run = ImportRun.objects.create(scope=scope_agency, background=background)
    ImportItem.objects.bulk_create(
        [ImportItem(run=run, position=i, source=s[:1000]) for i, s in enumerate(sources)], batch_size=2000
    )
    return run


def unfinished_run() -> ImportRun | None:
    return ImportRun.objects.exclude(status=RunStatus.DONE).order_by("-started_at").first()


def summary_of(run: ImportRun) -> ImportSummary:
    counts = dict(run.items.values_list("status").annotate(n=Count("id")))
    return ImportSummary(
        run.pk,
        sum(counts.values()),
        counts.get(ItemStatus.NEW, 0),
        counts.get(ItemStatus.DUPLICATE, 0),
        counts.get(ItemStatus.FAILED, 0),
    )


# --- reading in worker processes -------------------------------------------------------------


def _reads(sources: list[str], jobs: int, known: frozenset[str]) -> Iterator[Read]:
    """Each source read, in order, by ``jobs`` worker processes (in this process when 1)."""
    if jobs <= 1:
        for s in sources:
            yield read_source(s, known)
        return
    with ProcessPoolExecutor(
        jobs, mp_context=WORKERS, initializer=reading.remember, initargs=(known,)
    ) as pool:
        try:
            for lo in range(0, len(sources), READ_AHEAD):
                yield from pool.map(reading.read_remembered, sources[lo : lo + READ_AHEAD], chunksize=4)
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise


def run_import(run: ImportRun, *, jobs: int = 1, progress: Progress | None = None) -> ImportSummary:
    """Read and store every pending item of ``run``; resumable after an interruption."""
    run.status = RunStatus.RUNNING
    run.save(update_fields=["status"])
    pending = list(run.items.filter(status=ItemStatus.PENDING).order_by("position"))
    summary = summary_of(run)
    known = frozenset(Document.objects.values_list("sha256", flat=True))
    started = time.monotonic()
    last = started
    batch: list[tuple[ImportItem, Read]] = []
    try:
        for item, read in zip(pending, _reads([i.source for i in pending], jobs, known), strict=False):
            batch.append((item, read))
            if len(batch) >= WRITE_BATCH:
                _account(summary, store(batch, scope=run.scope))
                batch = []
            now = time.monotonic()
            if progress and now - last >= PROGRESS_SECONDS:
                summary.seconds = now - started
                progress(summary)
                last = now
    except BaseException:
        if batch:
            _account(summary, store(batch, scope=run.scope))
        run.status = RunStatus.INTERRUPTED
        run.save(update_fields=["status"])
        raise
    if batch:
        _account(summary, store(batch, scope=run.scope))
    summary.seconds = time.monotonic() - started
    run.status = RunStatus.DONE
    run.finished_at = timezone.now()
    run.save(update_fields=["status", "finished_at"])
    if progress:
        progress(summary)
    return summary


def _account(summary: ImportSummary, outcomes: list[tuple[ImportItem, str]]) -> None:
    for item, status in outcomes:
        if status == ItemStatus.NEW:
            summary.new += 1
        elif status == ItemStatus.DUPLICATE:
            summary.duplicate += 1
        else:
            summary.failed += 1
            summary.failures.append((item.source, item.error))


# --- the writer --------------------------------------------------------------------------------


def store(
    reads: list[tuple[ImportItem, Read]], *, scope: Agency | None = None
) -> list[tuple[ImportItem, str]]:
    """Write a batch of reads: new documents with their reports and findings; each item's outcome.

    The batch is written with a few bulk statements; when another writer stored one of its
    documents meanwhile (a unique digest), it is written again item by item, and that document is
    a duplicate, not an error."""
    with transaction.atomic():
        try:
            with transaction.atomic():
                outcomes = _store_batch(reads, scope)
        except IntegrityError:
            outcomes = [(item, _store_one(item, read, scope)) for item, read in reads]
        ImportItem.objects.bulk_update([i for i, _ in outcomes], ["status", "document", "error"])
        corpus_changed()
    return outcomes


def _store_batch(reads: list[tuple[ImportItem, Read]], scope: Agency | None) -> list[tuple[ImportItem, str]]:
    shas = {r.sha256 for _, r in reads if r.sha256}
    known = dict(Document.objects.filter(sha256__in=shas).values_list("sha256", "pk"))
    new: dict[str, tuple[Document, Read]] = {}
    for item, read in reads:
        if read.failed is not None:
            item.status, item.error = ItemStatus.FAILED, read.failed
        elif read.sha256 in known or read.sha256 in new or read.content is None:
            item.status, item.document_id = ItemStatus.DUPLICATE, known.get(read.sha256)
            if item.document_id is None and read.sha256 not in new:
                item.status, item.error = ItemStatus.FAILED, "文件已在语料库中，但找不到其记录"
        else:
            new[read.sha256] = (
                Document(sha256=read.sha256, source=read.source[:1000], size=read.size, content=read.content),
                read,
            )
            item.status = ItemStatus.NEW
    Document.objects.bulk_create([d for d, _ in new.values()])
    for item, read in reads:
        if item.document_id is None and item.status in (ItemStatus.NEW, ItemStatus.DUPLICATE):
            item.document_id = new[read.sha256][0].pk
    agencies = corpus_agencies([(r.report or {}).get("agency") or "" for _, r in new.values()], scope)

    reports = [_fill(Report(document=d), r, agencies) for d, r in new.values()]
    Report.objects.bulk_create(reports)
    Finding.objects.bulk_create(
        [
            _stored_finding(report, origin, f)
            for report, (_, r) in zip(reports, new.values(), strict=True)
            for origin, f in r.findings
        ],
        batch_size=2000,
    )
    return [(item, item.status) for item, _ in reads]


def _store_one(item: ImportItem, read: Read, scope: Agency | None) -> str:
    if read.failed is not None:
        item.status, item.error = ItemStatus.FAILED, read.failed
        return item.status
    existing = Document.objects.filter(sha256=read.sha256).only("id").first()
    if existing is not None or read.content is None:
        item.status, item.document = ItemStatus.DUPLICATE, existing
        if existing is None:
            item.status, item.error = ItemStatus.FAILED, "文件已在语料库中，但找不到其记录"
        return item.status
    try:
        with transaction.atomic():
            document = Document.objects.create(
                sha256=read.sha256, source=read.source[:1000], size=read.size, content=read.content
            )
    except IntegrityError:
        item.status = ItemStatus.DUPLICATE
        item.document = Document.objects.get(sha256=read.sha256)
        return item.status
    _save_report(Report(document=document), read, scope)
    item.status, item.document = ItemStatus.NEW, document
    return item.status


def _fill(report: Report, read: Read, agencies: dict[str, CorpusAgency]) -> Report:
    """``report``'s fields from ``read``; ``agencies`` maps each agency name to its corpus agency."""
    data = read.report or {}
    name = (data.get("agency") or "").strip()
    report.agency = agencies.get(data.get("agency") or "") if name else None
    report.agency_name = name[:200]
    report.year = data.get("year")
    report.edition = data.get("edition") or ""
    published = data.get("published_on")
    report.published_on = dt.date.fromisoformat(published) if published else None
    report.title = (data.get("title") or "")[:500]
    report.cells = data.get("cells") or {}
    report.sections = data.get("sections") or {}
    report.provenance = data.get("provenance") or {}
    report.alternatives = data.get("alternatives") or []
    report.error = read.unreadable or ""
    report.parser_version = read.parser_version or parser_version()
    report.parsed_at = timezone.now()
    for key, value in read.figures.items():
        setattr(report, key, value)
    return report


def _stored_finding(report: Report, origin: str, f: dict[str, Any]) -> Finding:
    return Finding(
        report=report,
        origin=origin,
        rule=f["rule"],
        severity=f["severity"],
        message=f["message"],
        cells=f.get("cells") or [],
        where=(f.get("where") or "")[:200],
    )


def _save_report(report: Report, read: Read, scope: Agency | None) -> Report:
    """Fill ``report`` from ``read`` (a new one, or one read again) and replace its own findings."""
    name = (read.report or {}).get("agency") or ""
    _fill(report, read, corpus_agencies([name], scope))
    report.save()
    report.findings.filter(origin__in=[Origin.PARSE, Origin.CHECK]).delete()
    Finding.objects.bulk_create([_stored_finding(report, origin, f) for origin, f in read.findings])
    return report


def corpus_agencies(names: list[str], scope: Agency | None = None) -> dict[str, CorpusAgency]:
    """Each name's corpus agency (see :func:`corpus_agency`), found or made in a few statements."""
    wanted = {agency_key(n) or n: n for n in {n.strip() for n in names} if n}
    found = {a.key: a for a in CorpusAgency.objects.filter(key__in=wanted)}
    missing = []
    for key, name in wanted.items():
        if key not in found:
            p = place(name)
            missing.append(
                CorpusAgency(
                    key=key,
                    name=name[:200],
                    region=p.region[:100],
                    level=p.level or "",
                    kind=p.kind,
                    scope=scope,
                )
            )
    if missing:
        CorpusAgency.objects.bulk_create(missing, ignore_conflicts=True)
        found |= {a.key: a for a in CorpusAgency.objects.filter(key__in=[a.key for a in missing])}
    return {n: found[agency_key(n.strip()) or n.strip()] for n in names if n.strip()}


def corpus_agency(name: str, scope: Agency | None = None) -> CorpusAgency:
    """The corpus agency of ``name`` (the same body however its name is spaced or punctuated),
    created with the region, level and kind its name says when it is new."""
    return corpus_agencies([name], scope)[name]


# --- the mapping file ------------------------------------------------------------------------

MAPPING_COLUMNS = {
    "name": ("机关名称", "name"),
    "region": ("地区", "region"),
    "level": ("层级", "level"),
    "agency": ("机关代码", "agency"),
    "since": ("应报起始年度", "since"),
}
_LEVELS = {**{v: k for k, v in LEVEL_LABELS.items()}, **{k: k for k in LEVEL_LABELS}}


def load_mapping(text: str, *, scope: str | None = None) -> int:
    """Apply a mapping file (CSV with a header: 机关名称, 地区, 层级, 机关代码, 应报起始年度; only the
    first is required) to the corpus agencies; refuses the whole file when any line is wrong."""
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    if not rows:
        raise ImportRefused("对照表是空的")
    header = {h.strip(): h for h in rows[0]}

    def col(row: dict[str, str], what: str) -> str:
        for name in MAPPING_COLUMNS[what]:
            if name in header:
                return (row.get(header[name]) or "").strip()
        return ""

    if not any(n in header for n in MAPPING_COLUMNS["name"]):
        raise ImportRefused("对照表缺少“机关名称”列")
    problems: list[str] = []
    plans: list[tuple[str, dict[str, Any]]] = []
    for line, row in enumerate(rows, start=2):
        name = col(row, "name")
        if not name:
            problems.append(f"第{line}行：缺少机关名称")
            continue
        plan: dict[str, Any] = {"place_from": "mapping"}
        if region := col(row, "region"):
            plan["region"] = region[:100]
        if level := col(row, "level"):
            if level not in _LEVELS:
                problems.append(f"第{line}行：层级“{level}”应为 省级、市级、县级 或 乡级")
            plan["level"] = _LEVELS.get(level, "")
        if code := col(row, "agency"):
            linked = Agency.objects.filter(code=code).first()
            if linked is None:
                problems.append(f"第{line}行：找不到机关代码“{code}”")
            plan["agency"] = linked
        if since := col(row, "since"):
            if not since.isdigit():
                problems.append(f"第{line}行：应报起始年度“{since}”不是年份")
            else:
                plan["expected_since"] = int(since)
        plans.append((name, plan))
    if problems:
        raise ImportRefused("对照表有误，未作任何修改：\n" + "\n".join(problems))
    scope_agency = Agency.objects.filter(code=scope).first() if scope else None
    with transaction.atomic():
        for name, plan in plans:
            agency = corpus_agency(name, scope_agency)
            for attr, value in plan.items():
                setattr(agency, attr, value)
            if agency.agency is not None and agency.scope is None:
                agency.scope = agency.agency
            agency.save()
        corpus_changed()
    return len(plans)


def link_agency(corpus: CorpusAgency, agency: Agency | None) -> CorpusAgency:
    """Link a corpus agency to the register's agency (or unlink it); a linked agency's reports are
    seen by that agency's supervisors unless the corpus agency already has a scope."""
    corpus.agency = agency
    if agency is not None and corpus.scope is None:
        corpus.scope = agency
    corpus.save(update_fields=["agency", "scope"])
    corpus_changed()
    return corpus


# --- reading again ---------------------------------------------------------------------------


def outdated_reports(*, every: bool = False):
    qs = Report.objects.all() if every else Report.objects.exclude(parser_version=parser_version())
    return qs.select_related("document", "agency__scope").order_by("pk")


def reparse(*, every: bool = False, jobs: int = 1, progress: Progress | None = None) -> ImportSummary:
    """Read again, from the stored documents, every report an older parser read (all with ``every``)."""
    ids = list(outdated_reports(every=every).values_list("pk", flat=True))
    summary = ImportSummary(0, len(ids))
    started = last = time.monotonic()

    def payloads() -> Iterator[tuple[int, bytes, str]]:
        for lo in range(0, len(ids), WRITE_BATCH):
            docs = Document.objects.filter(report__pk__in=ids[lo : lo + WRITE_BATCH]).values_list(
                "report__pk", "content", "source"
            )
            for pk, content, source in docs:
                yield pk, bytes(content), source

    if jobs > 1:
        pool = ProcessPoolExecutor(jobs, mp_context=WORKERS)
        results: Iterable[tuple[int, Read]] = pool.map(reading.reread, payloads(), chunksize=4)
    else:
        pool = None
        results = map(reading.reread, payloads())
    try:
        for pk, read in results:
            report = Report.objects.select_related("agency").get(pk=pk)
            with transaction.atomic():
                _save_report(report, read, report.agency.scope if report.agency else None)
                corpus_changed()
            summary.new += 1
            now = time.monotonic()
            if progress and now - last >= PROGRESS_SECONDS:
                summary.seconds = now - started
                progress(summary)
                last = now
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    summary.seconds = time.monotonic() - started
    return summary


# --- checks across reports -------------------------------------------------------------------


@dataclass
class CorpusCheck:
    reports: int = 0
    pairs: int = 0
    settled: int = 0
    cross_year: int = 0
    copied: int = 0
    repeated: int = 0
    missing: int = 0
    seconds: dict[str, float] = field(default_factory=dict)


def report_of(row: Report) -> AnnualReport:
    """The core's report for a stored one, as the cross-year identities need it (no texts)."""
    return AnnualReport(
        agency=row.agency_name or None,
        year=row.year,
        edition=row.edition or None,
        published_on=row.published_on,
        cells=dict(row.cells),
    )


def choose_primary() -> None:
    """For each agency and year, the report read best (most cells read, then the first imported)
    stands for it; the others (the same report in other formats) are kept but not counted."""
    best: dict[tuple[int, int], tuple[int, int]] = {}
    rows = Report.objects.filter(agency__isnull=False, year__isnull=False, error="").values_list(
        "pk", "agency_id", "year", "cells"
    )
    for pk, agency, year, cells in rows.iterator(chunk_size=2000):
        filled = sum(v is not None for v in cells.values())
        key = (agency, year)
        if key not in best or (-filled, pk) < (-best[key][1], best[key][0]):
            best[key] = (pk, filled)
    winners = sorted(pk for pk, _ in best.values())
    Report.objects.filter(primary=True).exclude(pk__in=winners).update(primary=False)
    for lo in range(0, len(winners), 5000):
        Report.objects.filter(pk__in=winners[lo : lo + 5000], primary=False).update(primary=True)


def _core_report(row: Report, findings: Iterable[Finding]) -> AnnualReport:
    """The core's report for a stored one with its open cells and the parser's own findings."""
    report = report_of(row)
    report.title = row.title or None
    report.sections = dict(row.sections)
    report.alternatives = [Alternatives.from_json(a) for a in row.alternatives]
    report.findings = [
        CoreFinding(f.rule, f.severity, f.message, list(f.cells), f.where or None) for f in findings
    ]
    return report


def settle_open_cells() -> int:
    """Cells that reports left blank between several readings, settled by the same agency's primary
    reports of the years before and after (:func:`xxgk.check.neighbours.settle`); a settled report's
    parser and checker findings are replaced. Goes on while a round settles any, so that a chain of
    years settles from either end. The number of cells set."""
    years: dict[tuple[int, int], int] = {
        (agency, year): pk
        for pk, agency, year in Report.objects.filter(
            primary=True, agency__isnull=False, year__isnull=False
        ).values_list("pk", "agency_id", "year")
    }
    made = 0
    while True:
        open_rows = list(
            Report.objects.exclude(alternatives=[])
            .filter(agency__isnull=False, year__isnull=False)
            .values_list("pk", "agency_id", "year")
        )
        settled = 0
        for lo in range(0, len(open_rows), WRITE_BATCH):
            settled += _settle_batch(open_rows[lo : lo + WRITE_BATCH], years)
        made += settled
        if not settled:
            return made


def _settle_batch(rows: list[tuple[int, int, int]], years: dict[tuple[int, int], int]) -> int:
    def near(pk: int, agency: int, year: int) -> tuple[int | None, int | None]:
        before, after = years.get((agency, year - 1)), years.get((agency, year + 1))
        return (before if before != pk else None), (after if after != pk else None)

    around = {pk: near(pk, agency, year) for pk, agency, year in rows}
    wanted = {pk for pk, _, _ in rows} | {n for pair in around.values() for n in pair if n is not None}
    stored = Report.objects.in_bulk(wanted)
    parsed: dict[int, list[Finding]] = defaultdict(list)
    for f in Finding.objects.filter(report__in=wanted, origin=Origin.PARSE):
        parsed[f.report_id].append(f)
    core = {pk: _core_report(row, parsed[pk]) for pk, row in stored.items()}
    cells = 0
    for pk, (before, after) in around.items():
        done = settle(core[pk], core.get(before) if before else None, core.get(after) if after else None)
        if done is None:
            continue
        others = {id(core[n]): stored[n] for n in (before, after) if n is not None}
        _store_settlement(stored[pk], done, [others[id(o)] for o in done.others])
        cells += len(done.cells)
    return cells


@transaction.atomic
def _store_settlement(row: Report, done: Settlement, others: list[Report]) -> None:
    report = done.report
    row.cells = report.cells
    row.alternatives = [a.to_json() for a in report.alternatives]
    for key, value in figures(report).items():
        setattr(row, key, value)
    row.save(update_fields=["cells", "alternatives", *figures(report)])
    row.findings.filter(origin__in=[Origin.PARSE, Origin.CHECK]).delete()

    def other(f: CoreFinding) -> Report | None:
        if f.rule != "settled-by-neighbour":
            return None
        return next((o for o in others if f"{o.year}年度" in f.message), None)

    Finding.objects.bulk_create(
        [_finding(row, Origin.PARSE, f, other=other(f)) for f in report.findings]
        + [_finding(row, Origin.CHECK, f) for f in checked(report)]
    )


def _bulk(findings: list[Finding]) -> None:
    Finding.objects.bulk_create(findings, batch_size=2000)


def check_cross_year() -> int:
    """Identities 5–7 between consecutive primary reports of each agency (``check_pair``)."""
    Finding.objects.filter(origin=Origin.PAIR).delete()
    by_agency: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for pk, agency, year in Report.objects.filter(primary=True).values_list("pk", "agency_id", "year"):
        by_agency[agency].append((year, pk))
    pairs = [
        (a[1], b[1])
        for years in by_agency.values()
        for a, b in zip(sorted(years), sorted(years)[1:], strict=False)
        if b[0] == a[0] + 1
    ]
    made = 0
    for lo in range(0, len(pairs), 1000):
        chunk = pairs[lo : lo + 1000]
        wanted = {pk for pair in chunk for pk in pair}
        rows = {
            r.pk: r
            for r in Report.objects.filter(pk__in=wanted).only(
                "agency_name", "year", "edition", "published_on", "cells"
            )
        }
        out: list[Finding] = []
        for prev, cur in chunk:
            for f in check_pair(report_of(rows[prev]), report_of(rows[cur])):
                out.append(_finding(rows[cur], Origin.PAIR, f, other=rows[prev]))
        _bulk(out)
        made += len(out)
    return made


def _finding(report: Report, origin: str, f, other: Report | None = None) -> Finding:
    return Finding(
        report=report,
        origin=origin,
        rule=f.rule,
        severity=f.severity,
        message=f.message,
        cells=list(f.cells),
        where=(f.where or "")[:200],
        other=other,
    )


def check_copies() -> tuple[int, int]:
    """The copied-text search over every primary report; overlaps and their findings replaced."""
    Overlap.objects.all().delete()
    Finding.objects.filter(origin=Origin.CORPUS, rule__in=["copied-text", "repeated-text"]).delete()
    rows = Report.objects.filter(primary=True).values_list("pk", "agency_name", "year", "sections")
    narratives = [
        Narrative(pk, name, year, sections) for pk, name, year, sections in rows.iterator(chunk_size=2000)
    ]
    overlaps = find_overlaps(narratives)
    meta = {
        pk: (name, year)
        for pk, name, year in Report.objects.filter(pk__in={o.other for o in overlaps}).values_list(
            "pk", "agency_name", "year"
        )
    }
    Overlap.objects.bulk_create(
        [
            Overlap(
                report_id=o.report,
                other_id=o.other,
                kind=o.kind,
                shared_chars=o.shared_chars,
                share=o.share,
                passages=[
                    {
                        "mine": [s.mine.section, s.mine.start, s.mine.end],
                        "theirs": [s.theirs.section, s.theirs.start, s.theirs.end],
                        "similarity": round(s.similarity, 3),
                    }
                    for s in o.passages
                ],
            )
            for o in overlaps
        ],
        batch_size=1000,
    )
    findings = []
    for o in overlaps:
        f = overlap_finding(o, *meta[o.other])
        findings.append(
            Finding(
                report_id=o.report,
                origin=Origin.CORPUS,
                rule=f.rule,
                severity=f.severity,
                message=f.message,
                where=f.where or "",
                other_id=o.other,
            )
        )
    _bulk(findings)
    copied = sum(o.kind == "copied" for o in overlaps)
    return copied, len(overlaps) - copied


def check_missing(today: dt.date | None = None) -> int:
    """Agencies' years due but not in the corpus, rewritten."""
    today = today or timezone.localdate()
    MissingReport.objects.all().delete()
    reported: dict[int, set[int]] = defaultdict(set)
    for agency, year in Report.objects.filter(primary=True).values_list("agency_id", "year").distinct():
        reported[agency].add(year)
    if not reported:
        return 0
    first = min(min(y) for y in reported.values())
    expected = [
        Expected(pk, name, since)
        for pk, name, since in CorpusAgency.objects.values_list("pk", "name", "expected_since")
    ]
    gaps = [
        MissingReport(agency_id=pk, year=y)
        for pk, years in missing_years(expected, reported, today=today, first_year=first).items()
        for y in years
    ]
    MissingReport.objects.bulk_create(gaps, batch_size=2000)
    return len(gaps)


def refresh_counts() -> None:
    """The counts the pages group by, recomputed from the findings in one statement per column."""

    def count(**filters: Any) -> Coalesce:
        sub = (
            Finding.objects.filter(report=OuterRef("pk"), **filters)
            .order_by()
            .values("report")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return Coalesce(Subquery(sub, output_field=IntegerField()), Value(0))

    Report.objects.update(
        n_errors=count(severity="error"),
        n_warnings=count(severity="warning"),
        n_infos=count(severity="info"),
    )
    copied = Overlap.objects.filter(kind="copied").values("report")
    Report.objects.update(copied=False)
    Report.objects.filter(pk__in=copied).update(copied=True)
    late = Finding.objects.filter(rule="published-late").values("report")
    Report.objects.filter(published_on__isnull=True).update(on_time=None)
    Report.objects.filter(published_on__isnull=False).update(on_time=True)
    Report.objects.filter(pk__in=late).update(on_time=False)


def check_corpus(*, today: dt.date | None = None) -> CorpusCheck:
    """Every check across reports, in order: which report stands for an agency's year, the
    cross-year identities, copied text, missing reports, then the counts the pages show."""
    out = CorpusCheck()
    steps: list[tuple[str, Callable[[], Any]]] = [
        ("primary", choose_primary),
        ("neighbours", settle_open_cells),
        ("cross_year", check_cross_year),
        ("copies", check_copies),
        ("missing", lambda: check_missing(today)),
        ("counts", refresh_counts),
    ]
    for name, step in steps:
        started = time.monotonic()
        with transaction.atomic():
            result = step()
        out.seconds[name] = time.monotonic() - started
        if name == "neighbours":
            out.settled = result
        elif name == "cross_year":
            out.cross_year = result
        elif name == "copies":
            out.copied, out.repeated = result
        elif name == "missing":
            out.missing = result
    out.reports = Report.objects.filter(primary=True).count()
    corpus_changed()
    return out
