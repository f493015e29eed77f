"""Catalogue search: words in the title, summary, 文号, keywords or 索引号, filters, and two sortings —
by relevance (a match in the title counts most) and by date (portal.md; inspection sheets ask for both).

The same ORM query runs on SQLite and PostgreSQL: the searched text is stored folded
(:func:`~xxgk.portal.catalogue.searchable`), so each word is a plain ``LIKE`` with no function applied to
the rows. Words of two characters or more also ask for their two-character pieces
(:mod:`xxgk.portal.bigrams`), which PostgreSQL finds through a GIN index: without it a search across all
agencies scanned every row (a trigram index cannot serve the two-character words most Chinese searches
are). The ``LIKE`` stays, so the pieces only narrow the rows and never change the results; a query of
single characters falls back to the scan.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from django.db import connections
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce

from xxgk.portal.catalogue import EntryState, grams, searchable
from xxgk.portal.models import CatalogueEntry

TITLE_WEIGHT = 3
"""A word found in the title outweighs one found only in the summary or elsewhere."""
MAX_WORDS = 8


@dataclass(frozen=True)
class Query:
    q: str = ""
    agency_ids: tuple[int, ...] = ()
    column: str = ""
    theme: str = ""
    genre: str = ""
    validity: str = ""
    date_from: date | None = None
    date_to: date | None = None
    sort: str = "relevance"

    @property
    def words(self) -> list[str]:
        return [w for w in unicodedata.normalize("NFKC", self.q).split() if w][:MAX_WORDS]


def search(query: Query, *, use_grams: bool | None = None) -> QuerySet[CatalogueEntry]:
    """The published entries matching ``query``. The bigram pieces are asked for where the database
    indexes them (PostgreSQL) unless ``use_grams`` says otherwise; elsewhere they would only add one
    ``LIKE`` per piece. Either way the results are the same, which the tests check."""
    qs = CatalogueEntry.objects.filter(state=EntryState.PUBLISHED)
    if query.agency_ids:
        qs = qs.filter(agency_id__in=query.agency_ids)
    for name in ("column", "theme", "genre", "validity"):
        if value := getattr(query, name):
            qs = qs.filter(**{name: value})
    if query.date_from:
        qs = qs.filter(published_on__gte=query.date_from)
    if query.date_to:
        qs = qs.filter(published_on__lte=query.date_to)
    words = query.words
    folded = [searchable(w) for w in words]
    pieces = list(dict.fromkeys(p for w in folded for p in grams(w)))
    if use_grams is None:
        use_grams = connections[qs.db].vendor == "postgresql"
    if use_grams and pieces:
        qs = qs.filter(search_grams__has_all=pieces)
    for w in folded:
        qs = qs.filter(search_text__contains=w)
    if words and query.sort != "date":
        score = sum(
            (Case(When(title__contains=w, then=Value(TITLE_WEIGHT)), default=Value(1)) for w in words),
            start=Value(0),
        )
        qs = qs.annotate(score=Coalesce(score, Value(0), output_field=IntegerField()))
        return qs.order_by("-score", "-published_on", "-id")
    return qs.order_by("-published_on", "-id")


HINT_BIGRAMS = 12
"""How many two-character pieces of an applicant's description are looked for in titles."""
HINT_CANDIDATES = 200
HINT_MIN_SHARED = 2


def _bigrams(text: str) -> list[str]:
    out: list[str] = []
    for run in re.findall(r"[\u4e00-\u9fff]{2,}|[A-Za-z0-9]{3,}", text):
        pieces = [run] if run.isascii() else [run[i : i + 2] for i in range(len(run) - 1)]
        out.extend(p for p in pieces if p not in out)
    return out


def matching(text: str, agency_id: int, limit: int = 5) -> list[CatalogueEntry]:
    """Published entries that may already answer an applicant's description: titles sharing the most
    two-character pieces with it (Chinese is written without spaces), not counting pieces of the
    agency's own name, which most of its titles share."""
    from xxgk.agencies.models import Agency

    name = Agency.objects.filter(pk=agency_id).values_list("name", flat=True).first() or ""
    grams = [g for g in _bigrams(text) if g not in name][:HINT_BIGRAMS]
    if not grams:
        return []
    cond = Q()
    for g in grams:
        cond |= Q(title__icontains=g)
    candidates = CatalogueEntry.objects.filter(cond, state=EntryState.PUBLISHED, agency_id=agency_id)[
        :HINT_CANDIDATES
    ]
    scored = [(sum(g in e.title for g in grams), e) for e in candidates]
    scored = [(n, e) for n, e in scored if n >= HINT_MIN_SHARED]
    scored.sort(key=lambda x: (-x[0], -(x[1].published_on or date.min).toordinal()))
    return [e for _, e in scored[:limit]]
