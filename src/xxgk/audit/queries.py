"""What the pages and exports read: the filters they share and the grouped counts they show.

Every query starts from :func:`xxgk.audit.permissions.visible_reports`, so a page can never count a
report its reader may not see, and counts the primary report of each agency and year only.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django import forms
from django.db.models import Count, F, Q, QuerySet, Sum

from xxgk.agencies.models import AgencyKind, AgencyLevel
from xxgk.audit.figures import outcome_groups
from xxgk.audit.models import CorpusAgency, MissingReport, Overlap, Report
from xxgk.audit.permissions import corpus_scope, visible_reports

CACHE_SECONDS = 3600
"""How long grouped counts are kept at most; any change to the corpus drops them at once."""
GROUPINGS = {
    "year": ("year", "年度"),
    "region": ("agency__region", "地区"),
    "level": ("agency__level", "层级"),
}


class CorpusFilter(forms.Form):
    """The filters of every page and export: year, region, level, kind of agency, name."""

    year = forms.TypedChoiceField(label="年度", required=False, coerce=int, empty_value=None)
    region = forms.CharField(label="地区", required=False, max_length=100)
    level = forms.ChoiceField(label="层级", required=False, choices=[("", "全部"), *AgencyLevel.choices])
    kind = forms.ChoiceField(label="机关类型", required=False, choices=[("", "全部"), *AgencyKind.choices])
    q = forms.CharField(label="机关名称", required=False, max_length=100)

    def __init__(self, data: Any, years: list[int]) -> None:
        super().__init__(data)
        self.fields["year"].choices = [("", "全部"), *((y, f"{y}年度") for y in years)]

    def apply(self, qs: QuerySet[Report]) -> QuerySet[Report]:
        """``qs`` narrowed by every filter that is set (none when the form is invalid)."""
        if not self.is_valid():
            return qs
        d = self.cleaned_data
        if d["year"]:
            qs = qs.filter(year=d["year"])
        if d["region"]:
            qs = qs.filter(agency__region__contains=d["region"])
        if d["level"]:
            qs = qs.filter(agency__level=d["level"])
        if d["kind"]:
            qs = qs.filter(agency__kind=d["kind"])
        if d["q"]:
            qs = qs.filter(agency__name__contains=d["q"])
        return qs

    def query_string(self) -> str:
        from urllib.parse import urlencode

        if not self.is_valid():
            return ""
        return urlencode({k: v for k, v in self.cleaned_data.items() if v not in (None, "")})


def _scope_key(user: Any) -> str:
    """Users with the same scope see the same counts: their agency's path (and whether it is a top)."""
    from xxgk.agencies.permissions import staff_of

    staff = staff_of(user)
    return f"{staff.agency.path}|{staff.agency.parent_id is None}" if staff else "-"


def remembered(user: Any, what: str, params: str, compute: Any) -> Any:
    """``compute()`` kept in the cache for this scope and parameters until the corpus changes."""
    from django.core.cache import cache

    from xxgk.audit.models import CorpusState

    version = CorpusState.objects.filter(pk=1).values_list("token", "version").first() or ("", 0)
    key = "audit:" + hashlib.sha256(f"{what}|{_scope_key(user)}|{params}|{version}".encode()).hexdigest()
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, CACHE_SECONDS)
    return value


def years_of(user: Any) -> list[int]:
    return remembered(user, "years", "", lambda: _years_of(user))


def _years_of(user: Any) -> list[int]:
    return sorted(
        {
            y
            for y in visible_reports(user).filter(primary=True).values_list("year", flat=True).distinct()
            if y
        },
        reverse=True,
    )


def counted(user: Any, flt: CorpusFilter) -> QuerySet[Report]:
    """The primary reports ``user`` may see, filtered."""
    return flt.apply(visible_reports(user).filter(primary=True))


@dataclass
class Row:
    key: Any
    label: str
    reports: int
    on_time: int
    late: int
    undated: int
    with_errors: int
    copied: int
    missing: int = 0


def overview(user: Any, flt: CorpusFilter, group: str) -> list[Row]:
    """Reports received, on time, late, with errors and copied, per year, region or level."""
    return remembered(user, "overview", f"{flt.query_string()}|{group}", lambda: _overview(user, flt, group))


def _overview(user: Any, flt: CorpusFilter, group: str) -> list[Row]:
    field, _ = GROUPINGS[group]
    rows = (
        counted(user, flt)
        .values(field)
        .annotate(
            reports=Count("pk"),
            on_time_n=Count("pk", filter=Q(on_time=True)),
            late=Count("pk", filter=Q(on_time=False)),
            undated=Count("pk", filter=Q(on_time__isnull=True)),
            with_errors=Count("pk", filter=Q(n_errors__gt=0)),
            copied_n=Count("pk", filter=Q(copied=True)),
        )
        .order_by(field)
    )
    gaps = missing_counts(user, flt, group)
    out = [
        Row(
            r[field],
            group_label(group, r[field]),
            r["reports"],
            r["on_time_n"],
            r["late"],
            r["undated"],
            r["with_errors"],
            r["copied_n"],
            gaps.pop(r[field], 0),
        )
        for r in rows
    ]
    out += [Row(key, group_label(group, key), 0, 0, 0, 0, 0, 0, n) for key, n in gaps.items()]
    if group == "year":
        out.sort(key=lambda r: r.key or 0)
    return out


def group_label(group: str, key: Any) -> str:
    """How a row of the overview is named: 2023年度, 县级, 偏关县; 未识别 when the value is unknown."""
    if not key:
        return "未识别"
    if group == "year":
        return f"{key}年度"
    if group == "level":
        return dict(AgencyLevel.choices).get(key, "未识别")
    return str(key)


def missing(user: Any, flt: CorpusFilter) -> QuerySet[MissingReport]:
    q = corpus_scope(user, "agency__")
    if q is None:
        return MissingReport.objects.none()
    qs = MissingReport.objects.filter(q).select_related("agency")
    if flt.is_valid():
        d = flt.cleaned_data
        if d["year"]:
            qs = qs.filter(year=d["year"])
        if d["region"]:
            qs = qs.filter(agency__region__contains=d["region"])
        if d["level"]:
            qs = qs.filter(agency__level=d["level"])
        if d["kind"]:
            qs = qs.filter(agency__kind=d["kind"])
        if d["q"]:
            qs = qs.filter(agency__name__contains=d["q"])
    return qs


def missing_counts(user: Any, flt: CorpusFilter, group: str) -> dict[Any, int]:
    field = GROUPINGS[group][0]
    return {r[field]: r["n"] for r in missing(user, flt).values(field).annotate(n=Count("pk")).order_by()}


def ranking(user: Any, flt: CorpusFilter, limit: int = 200) -> list[dict[str, Any]]:
    """Agencies by their findings over the filtered reports: errors first, then warnings."""
    return remembered(user, "ranking", f"{flt.query_string()}|{limit}", lambda: _ranking(user, flt, limit))


def _ranking(user: Any, flt: CorpusFilter, limit: int) -> list[dict[str, Any]]:
    return list(
        counted(user, flt)
        .values("agency_id", "agency__name", "agency__region", "agency__level")
        .annotate(
            errors=Sum("n_errors"),
            warnings=Sum("n_warnings"),
            infos=Sum("n_infos"),
            reports=Count("pk"),
            copied_n=Count("pk", filter=Q(copied=True)),
            late=Count("pk", filter=Q(on_time=False)),
        )
        .order_by("-errors", "-warnings", "-copied_n", "agency__name")[:limit]
    )


def trends(user: Any, flt: CorpusFilter) -> list[dict[str, Any]]:
    """Per year: applications received, the outcome mix, reviews and lawsuits (sums)."""
    groups = [f"outcome_{k}" for k in outcome_groups()]
    sums = {name: Sum(name) for name in ["applications", "reviews", "suits", *groups]}
    rows = counted(user, flt).values("year").annotate(reports=Count("pk"), **sums).order_by("year")
    return [r for r in rows if r["year"]]


def copied_pairs(user: Any, flt: CorpusFilter) -> QuerySet[Overlap]:
    """Copied pairs among visible reports, each once (from its lower-numbered side), largest first."""
    mine = counted(user, flt)
    others = visible_reports(user)
    return (
        Overlap.objects.filter(report__in=mine, other__in=others)
        .filter(Q(kind="repeated") | Q(report_id__lt=F("other_id")))
        .select_related("report__agency", "other__agency")
        .order_by("-shared_chars")
    )


def agency_years(agency: CorpusAgency) -> list[Report]:
    return list(agency.reports.filter(primary=True).order_by("year"))


def by_section(passages: list[dict[str, Any]], side: str) -> dict[str, list[tuple[int, int]]]:
    out: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for p in passages:
        section, start, end = p[side]
        out[section].append((start, end))
    return out
