"""The workbench's pages: thin views over :mod:`xxgk.audit.queries`, each checking who asks."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from xxgk.audit import queries
from xxgk.audit.exports import EXPORTERS, export
from xxgk.audit.figures import outcome_groups
from xxgk.audit.layout import agency_table, marked_sections, report_tables, source_rows
from xxgk.audit.models import Finding, Overlap, Report
from xxgk.audit.permissions import sees_corpus, visible_agencies, visible_reports
from xxgk.check.rules import RULES
from xxgk.report.sections import SECTIONS

View = Callable[..., HttpResponse]
OVERVIEW_ROWS = 100
"""Groups the overview's table lists (the largest); the totals count them all."""
CHART_GROUPS = 30
"""Groups a chart can label legibly across a clerk's screen."""
SEVERITY_LABELS = {"error": "错误", "warning": "警告", "info": "提示"}


def corpus_view(view: View) -> View:
    """Login required, and the corpus is for supervisors and auditors only (403 in Chinese)."""

    @login_required
    @require_GET
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not sees_corpus(request.user):
            return render(request, "audit/forbidden.html", status=403)
        return view(request, *args, **kwargs)

    return wrapped


def _filter(request: HttpRequest) -> queries.CorpusFilter:
    return queries.CorpusFilter(request.GET or None, queries.years_of(request.user))


def _ctx(request: HttpRequest, flt: queries.CorpusFilter, **more: Any) -> dict[str, Any]:
    return {"filter": flt, "qs": flt.query_string() if flt.is_bound else "", **more}


@corpus_view
def overview(request: HttpRequest) -> HttpResponse:
    flt = _filter(request)
    group = request.GET.get("group", "year")
    if group not in queries.GROUPINGS:
        group = "year"
    rows = queries.overview(request.user, flt, group)
    totals = queries.Row(
        None,
        "合计",
        *(
            sum(getattr(r, f) for r in rows)
            for f in ("reports", "on_time", "late", "undated", "with_errors", "copied")
        ),
        sum(r.missing for r in rows),
    )
    hidden = max(0, len(rows) - OVERVIEW_ROWS)
    if hidden:
        largest = sorted(rows, key=lambda r: -(r.reports + r.missing))[:OVERVIEW_ROWS]
        rows = [r for r in rows if r in largest]
    shown = rows if len(rows) <= CHART_GROUPS else sorted(rows, key=lambda r: -r.reports)[:CHART_GROUPS]
    chart = {
        "labels": [r.label for r in shown],
        "series": {
            "报告数": [r.reports for r in shown],
            "按时发布": [r.on_time for r in shown],
            "有错误": [r.with_errors for r in shown],
            "内容雷同": [r.copied for r in shown],
            "未见报告": [r.missing for r in shown],
        },
    }
    return render(
        request,
        "audit/overview.html",
        _ctx(
            request,
            flt,
            rows=rows,
            totals=totals,
            group=group,
            hidden=hidden,
            group_label=queries.GROUPINGS[group][1],
            extra_params=[("group", group)],
            groupings={k: v[1] for k, v in queries.GROUPINGS.items()},
            chart=chart,
        ),
    )


@corpus_view
def ranking(request: HttpRequest) -> HttpResponse:
    flt = _filter(request)
    rows = queries.ranking(request.user, flt)
    chart = {
        "labels": [r["agency__name"] for r in rows[:20]][::-1],
        "series": {
            "错误": [r["errors"] for r in rows[:20]][::-1],
            "警告": [r["warnings"] for r in rows[:20]][::-1],
        },
    }
    return render(request, "audit/ranking.html", _ctx(request, flt, rows=rows, chart=chart))


@corpus_view
def agency(request: HttpRequest, pk: int) -> HttpResponse:
    corpus_agency = get_object_or_404(visible_agencies(request.user), pk=pk)
    reports = queries.agency_years(corpus_agency)
    findings = (
        Finding.objects.filter(report__in=reports)
        .filter(Q(origin__in=["pair", "corpus"]) | Q(rule="settled-by-neighbour"))
        .select_related("report", "other__agency")
        .order_by("report__year", "rule")
    )
    chart = {
        "labels": [f"{r.year}" for r in reports],
        "series": {
            "本年新收申请": [r.applications for r in reports],
            "行政复议": [r.reviews for r in reports],
            "行政诉讼": [r.suits for r in reports],
        },
    }
    others = corpus_agency.reports.filter(primary=False).select_related("document")
    return render(
        request,
        "audit/agency.html",
        {
            "agency": corpus_agency,
            "reports": reports,
            "table": agency_table(reports),
            "findings": findings,
            "missing": corpus_agency.missing.order_by("year"),
            "chart": chart,
            "others": others,
        },
    )


def _report(request: HttpRequest, pk: int) -> Report:
    return get_object_or_404(visible_reports(request.user).select_related("agency", "document"), pk=pk)


@corpus_view
def report(request: HttpRequest, pk: int) -> HttpResponse:
    row = _report(request, pk)
    findings = list(row.findings.select_related("other__agency").order_by("severity", "origin", "rule"))
    pairs = dict(Overlap.objects.filter(report=row).values_list("other_id", "pk"))
    for f in findings:
        f.pair = pairs.get(f.other_id) if f.rule in ("copied-text", "repeated-text") else None
        f.rule_title = RULES[f.rule].title if f.rule in RULES else f.rule
        f.severity_label = SEVERITY_LABELS.get(f.severity, f.severity)
    visible = set(
        visible_reports(request.user)
        .filter(pk__in=[f.other_id for f in findings if f.other_id])
        .values_list("pk", flat=True)
    )
    return render(
        request,
        "audit/report.html",
        {
            "report": row,
            "tables": report_tables(row),
            "findings": findings,
            "visible_others": visible,
            "sections": [(s, row.sections.get(s.key, "")) for s in SECTIONS if row.sections.get(s.key)],
            "provenance": sorted(row.provenance.items()),
        },
    )


@corpus_view
def report_source(request: HttpRequest, pk: int) -> HttpResponse:
    row = _report(request, pk)
    if request.GET.get("download"):
        data = row.document.data()
        name = re.sub(r"[^\w.\-]+", "_", row.document.source.rsplit("/", 1)[-1]) or "document"
        response = HttpResponse(data, content_type="application/octet-stream")
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    rows, problem = source_rows(row)
    key = request.GET.get("key", "")
    seen = row.provenance.get(key)
    note = None
    if seen and row.edition:
        from xxgk.report.labels import cell_name

        note = {"name": cell_name(row.edition, key).full, "value": row.cells.get(key), **seen}
    return render(
        request, "audit/source.html", {"report": row, "rows": rows, "problem": problem, "note": note}
    )


@corpus_view
def copies(request: HttpRequest) -> HttpResponse:
    flt = _filter(request)
    kind = request.GET.get("kind", "copied")
    pairs = queries.copied_pairs(request.user, flt).filter(
        kind="repeated" if kind == "repeated" else "copied"
    )
    page = Paginator(pairs, 50).get_page(request.GET.get("page"))
    return render(request, "audit/copies.html", _ctx(request, flt, page=page, kind=kind))


@corpus_view
def copy_pair(request: HttpRequest, pk: int) -> HttpResponse:
    overlap = get_object_or_404(Overlap.objects.select_related("report__agency", "other__agency"), pk=pk)
    visible = visible_reports(request.user)
    if not visible.filter(pk__in=[overlap.report_id, overlap.other_id]).count() == 2:
        raise Http404
    return render(
        request,
        "audit/copy.html",
        {
            "overlap": overlap,
            "mine": marked_sections(overlap.report, queries.by_section(overlap.passages, "mine")),
            "theirs": marked_sections(overlap.other, queries.by_section(overlap.passages, "theirs")),
        },
    )


@corpus_view
def trends(request: HttpRequest) -> HttpResponse:
    flt = _filter(request)
    rows = queries.trends(request.user, flt)
    groups = outcome_groups()
    labels = [f"{r['year']}" for r in rows]
    charts = {
        "applications": {
            "labels": labels,
            "series": {"本年新收申请": [r["applications"] or 0 for r in rows]},
        },
        "outcomes": {
            "labels": labels,
            "stack": True,
            "series": {label: [r[f"outcome_{k}"] or 0 for r in rows] for k, label in groups.items()},
        },
        "disputes": {
            "labels": labels,
            "series": {
                "行政复议": [r["reviews"] or 0 for r in rows],
                "行政诉讼": [r["suits"] or 0 for r in rows],
            },
        },
    }
    table = [
        {
            "year": r["year"],
            "reports": r["reports"],
            "applications": r["applications"] or 0,
            "outcomes": [r[f"outcome_{k}"] or 0 for k in groups],
            "reviews": r["reviews"] or 0,
            "suits": r["suits"] or 0,
        }
        for r in rows
    ]
    return render(
        request,
        "audit/trends.html",
        _ctx(request, flt, charts=charts, table=table, groups=list(groups.values())),
    )


@corpus_view
def missing(request: HttpRequest) -> HttpResponse:
    flt = _filter(request)
    rows = queries.missing(request.user, flt).order_by("-year", "agency__region", "agency__name")
    page = Paginator(rows, 100).get_page(request.GET.get("page"))
    return render(request, "audit/missing.html", _ctx(request, flt, page=page))


@corpus_view
def export_view(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in EXPORTERS:
        raise Http404
    flt = _filter(request)
    return export(queries.counted(request.user, flt), fmt)
