"""The public pages of the 政府信息公开 column: platform home, an agency's column, 指南, 制度, catalogue,
entries (410 when withdrawn), feeds, annual reports and the 依申请公开 page. No login anywhere."""

from __future__ import annotations

import csv
import io
from datetime import date

from django.core.paginator import Page, Paginator
from django.db.models import Count, Window
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET

from xxgk import fees
from xxgk.agencies import options
from xxgk.agencies.models import Agency, AgencyKind
from xxgk.portal import forms_download, indexing, reports, search, services, texts
from xxgk.portal.catalogue import ART20_HEADS, COLUMNS, RULES_COLUMN, EntryState, Validity, column_label
from xxgk.portal.models import CatalogueEntry, PublishedReport
from xxgk.portal.pages import ELDER_SESSION_KEY, agency_or_404, page

PAGE_SIZE = 20
FEED_SIZE = 50
LATEST = 8
TREE_GROUPS = (
    ("政府", (AgencyKind.GOVERNMENT,)),
    ("部门", (AgencyKind.DEPARTMENT, AgencyKind.OTHER)),
    ("乡镇街道", (AgencyKind.TOWNSHIP,)),
)


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    agencies = list(Agency.objects.order_by("path"))
    groups = [(label, [a for a in agencies if a.kind in kinds]) for label, kinds in TREE_GROUPS]
    return page(request, "home.html", {"groups": [g for g in groups if g[1]], "agencies": agencies})


@require_GET
def toggle_elder(request: HttpRequest) -> HttpResponse:
    request.session[ELDER_SESSION_KEY] = request.GET.get("on") == "1"
    target = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = reverse("portal:home")
    return HttpResponseRedirect(target)


@require_GET
def column(request: HttpRequest, code: str) -> HttpResponse:
    agency = agency_or_404(code)
    latest = CatalogueEntry.objects.filter(agency=agency, state=EntryState.PUBLISHED)[:LATEST]
    return page(request, "column.html", {"agency": agency, "latest": latest})


@require_GET
def guide(request: HttpRequest, code: str, number: int | None = None) -> HttpResponse:
    agency = agency_or_404(code)
    current = services.current_guide(agency)
    version = current if number is None else get_object_or_404(agency.guide_versions, number=number)
    context = {
        "agency": agency,
        "version": version,
        "current": current,
        "versions": agency.guide_versions.all(),
        "facts": version.facts,
        "columns": ART20_HEADS,
        "fees": _fee_bands(),
        "periods": texts.periods(),
        "art29": texts.ART29_CONTENTS,
        "receipt_rule": texts.receipt_rule_text(
            version.facts.get("online_receipt_rule", "clerk_confirms"),
            options.value(agency, "confirm_within_workdays"),
        ),
        "template_label": dict(indexing.TEMPLATES).get(version.facts.get("index_template", ""), ""),
    }
    return page(request, "guide.html", context)


FEE_BANDS_SHOWN = 60
"""The per-request scale shown up to this many requests a month; the rest continues in the same steps."""


def _fee_bands() -> dict[str, list[tuple[int, int, int]]]:
    """The bands of both scales, from the core's fee engine, so no page restates them by hand."""
    return {"per_request": fees.request_bands(FEE_BANDS_SHOWN), "per_page": list(fees.PAGE_BANDS)}


@require_GET
def rules_column(request: HttpRequest, code: str) -> HttpResponse:
    agency = agency_or_404(code)
    entries = CatalogueEntry.objects.filter(agency=agency, state=EntryState.PUBLISHED, column=RULES_COLUMN[0])
    return page(request, "rules.html", {"agency": agency, "entries": entries})


def _parse_date(text: str) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def _query(request: HttpRequest, agency: Agency | None) -> search.Query:
    g = request.GET
    return search.Query(
        q=g.get("q", "").strip()[:100],
        agency_ids=(agency.pk,) if agency else (),
        column=g.get("column", ""),
        theme=g.get("theme", "")[:50],
        genre=g.get("genre", "")[:50],
        validity=g.get("validity", "") if g.get("validity") in Validity.values else "",
        date_from=_parse_date(g.get("from", "")),
        date_to=_parse_date(g.get("to", "")),
        sort="date" if g.get("sort") == "date" else "relevance",
    )


@require_GET
def catalogue(request: HttpRequest, code: str | None = None) -> HttpResponse:
    agency = agency_or_404(code) if code else None
    query = _query(request, agency)
    current = _page(search.search(query).select_related("agency"), request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    context = {
        "agency": agency,
        "query": query,
        "page_obj": current,
        "params": params.urlencode(),
        "columns": COLUMNS.items(),
        "validities": Validity.choices,
        "count": current.paginator.count,
    }
    return page(request, "catalogue.html", context)


def _page(results, asked: str | None) -> Page:
    """One page of results and the total in one query (a window count): the search scans the catalogue
    once, not twice as a separate COUNT would. That query carries only the keys, so the sort behind the
    window moves narrow rows; the page's own rows are read after it by key."""
    try:
        number = max(1, int(asked or 1))
    except ValueError:
        number = 1
    start = (number - 1) * PAGE_SIZE
    keys = list(
        results.annotate(total=Window(Count("id"))).values_list("pk", "total")[start : start + PAGE_SIZE]
    )
    by_pk = results.in_bulk([pk for pk, _ in keys])
    rows = [by_pk[pk] for pk, _ in keys]
    total = keys[0][1] if keys else (results.count() if number > 1 else 0)
    paginator = Paginator(results, PAGE_SIZE)
    paginator.__dict__["count"] = total  # the cached property, known already
    if not rows and number > 1:
        number = paginator.num_pages
        start = (number - 1) * PAGE_SIZE
        rows = list(results[start : start + PAGE_SIZE])
    return Page(rows, number, paginator)


def _feed_entries(agency: Agency) -> list[CatalogueEntry]:
    return list(CatalogueEntry.objects.filter(agency=agency, state=EntryState.PUBLISHED)[:FEED_SIZE])


@require_GET
def catalogue_atom(request: HttpRequest, code: str) -> HttpResponse:
    agency = agency_or_404(code)
    feed = Atom1Feed(
        title=f"{agency.name} 法定主动公开内容",
        link=request.build_absolute_uri(reverse("portal:catalogue", args=[code])),
        description=f"{agency.name}政府信息公开目录的最新条目",
        language="zh-Hans",
    )
    for e in _feed_entries(agency):
        feed.add_item(
            title=e.title,
            link=request.build_absolute_uri(reverse("portal:entry", args=[e.pk])),
            description=e.summary,
            unique_id=e.index_number,
            pubdate=_midnight(e.published_on),
        )
    return HttpResponse(feed.writeString("utf-8"), content_type="application/atom+xml; charset=utf-8")


def _midnight(d: date | None):
    from datetime import datetime, time

    from django.utils import timezone

    return timezone.make_aware(datetime.combine(d, time())) if d else None


CSV_COLUMNS = (
    "索引号",
    "名称",
    "内容概述",
    "发布机构",
    "文号",
    "目录分类",
    "主题分类",
    "体裁",
    "生成日期",
    "发布日期",
    "有效性",
    "废止日期",
    "网址",
)


@require_GET
def catalogue_csv(request: HttpRequest, code: str) -> HttpResponse:
    agency = agency_or_404(code)
    out = io.StringIO()
    out.write("\ufeff")  # Excel opens UTF-8 CSV correctly only with the mark
    w = csv.writer(out)
    w.writerow(CSV_COLUMNS)
    entries = CatalogueEntry.objects.filter(agency=agency, state=EntryState.PUBLISHED).order_by(
        "published_on"
    )
    for e in entries.iterator():
        w.writerow(
            [
                e.index_number,
                e.title,
                e.summary,
                agency.name,
                e.doc_number,
                column_label(e.column),
                e.theme,
                e.genre,
                e.generated_on or "",
                e.published_on or "",
                e.get_validity_display(),
                e.repealed_on or "",
                request.build_absolute_uri(reverse("portal:entry", args=[e.pk])),
            ]
        )
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{code}-ml.csv"'
    return response


@require_GET
def entry(request: HttpRequest, pk: int) -> HttpResponse:
    e = get_object_or_404(CatalogueEntry.objects.select_related("agency", "repealed_by", "document"), pk=pk)
    if e.state == EntryState.DRAFT:
        raise Http404("没有这个条目")
    if e.document is not None and e.document.repealed_on:  # the register is the record of validity
        e.validity, e.repealed_on = Validity.REPEALED, e.document.repealed_on
    context = {"e": e, "agency": e.agency, "column_label": column_label(e.column)}
    if e.state == EntryState.WITHDRAWN:
        return page(request, "gone.html", context, status=410)
    context["interpreted_by"] = e.interpreted_by.filter(state=EntryState.PUBLISHED)
    context["attachments"] = e.attachments.all()
    return page(request, "entry.html", context)


@require_GET
def entry_by_index(request: HttpRequest, number: str) -> HttpResponse:
    e = CatalogueEntry.objects.filter(index_number=number).exclude(state=EntryState.DRAFT).first()
    if e is None:
        raise Http404("没有这个索引号")
    return redirect("portal:entry", pk=e.pk)


@require_GET
def attachment(request: HttpRequest, pk: int, aid: int) -> FileResponse:
    e = get_object_or_404(CatalogueEntry, pk=pk, state=EntryState.PUBLISHED)
    a = get_object_or_404(e.attachments, pk=aid)
    from xxgk.portal.uploads import open_stored

    response = FileResponse(open_stored(a.stored), as_attachment=True, filename=a.name, content_type=a.mime)
    return response


@require_GET
def annual_list(request: HttpRequest, code: str) -> HttpResponse:
    agency = agency_or_404(code)
    years = reports.available_years(agency)
    return page(
        request,
        "annual_list.html",
        {"agency": agency, "years": years, "deadline": reports.deadline_text(agency)},
    )


@require_GET
def annual_report(request: HttpRequest, code: str, year: int) -> HttpResponse:
    agency = agency_or_404(code)
    report = reports.report_for(agency, year)
    if report is None:
        raise Http404("该年度报告尚未发布")
    chart = reports.chart_data(report)
    context = {
        "agency": agency,
        "year": year,
        "report": report,
        "view": reports.view(report),
        "chart": chart,
        "chart_rows": [
            (label, [v[i] for v in chart["series"].values()]) for i, label in enumerate(chart["labels"])
        ],
        "formats": reports.FORMATS,
    }
    return page(request, "annual.html", context)


@require_GET
def annual_download(request: HttpRequest, code: str, year: int, fmt: str) -> HttpResponse:
    agency = agency_or_404(code)
    report = reports.report_for(agency, year)
    if report is None or fmt not in reports.FORMATS:
        raise Http404("没有该格式的年度报告")
    data, mime = reports.download(report, fmt)
    response = HttpResponse(data, content_type=mime)
    response["Content-Disposition"] = f'attachment; filename="{code}-{year}-nb.{fmt}"'
    return response


@require_GET
def apply_info(request: HttpRequest, code: str) -> HttpResponse:
    agency = agency_or_404(code)
    facts = services.current_guide(agency).facts
    context = {
        "agency": agency,
        "facts": facts,
        "fees": _fee_bands(),
        "periods": texts.periods(),
        "art29": texts.ART29_CONTENTS,
        "receipt_rule": texts.receipt_rule_text(
            options.value(agency, "online_receipt_rule"), options.value(agency, "confirm_within_workdays")
        ),
    }
    return page(request, "ysqgk.html", context)


@require_GET
def sitemap(request: HttpRequest) -> HttpResponse:
    urls = [reverse("portal:home")]
    for a in Agency.objects.all():
        urls += [
            reverse(f"portal:{n}", args=[a.code])
            for n in ("column", "guide", "rules", "catalogue", "annual_list", "apply_info")
        ]
        urls += [reverse("portal:annual_report", args=[a.code, y]) for y in reports.available_years(a)]
    ids = CatalogueEntry.objects.filter(state=EntryState.PUBLISHED).values_list("pk", flat=True)
    urls += [reverse("portal:entry", args=[pk]) for pk in ids.iterator()]
    body = "".join(f"<url><loc>{request.build_absolute_uri(u)}</loc></url>" for u in urls)
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{body}</urlset>'
    )
    return HttpResponse(xml, content_type="application/xml")


def published_reports(agency: Agency):
    return PublishedReport.objects.filter(agency=agency)


@require_GET
def form_download(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    agency = agency_or_404(code)
    if fmt == "docx":
        data, mime = forms_download.form_docx(agency.name), reports.FORMATS["docx"]
    elif fmt == "pdf":
        data, mime = forms_download.form_pdf(agency.name), reports.FORMATS["pdf"]
    else:
        raise Http404("没有该格式的申请表")
    response = HttpResponse(data, content_type=mime)
    response["Content-Disposition"] = f'attachment; filename="{code}-sqb.{fmt}"'
    return response


@require_GET
def flow_chart(request: HttpRequest, code: str) -> HttpResponse:
    agency_or_404(code)
    return HttpResponse(forms_download.flow_svg(), content_type="image/svg+xml")
