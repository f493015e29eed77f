"""The bigram index of the catalogue search narrows the rows read and never changes the results
(on SQLite through ``LIKE``, on PostgreSQL through the GIN index over the pieces)."""

from __future__ import annotations

import importlib
from datetime import date

import pytest
from django.apps import apps as django_apps

from xxgk.portal import services
from xxgk.portal.catalogue import searchable
from xxgk.portal.models import CatalogueEntry
from xxgk.portal.search import Query, search

pytestmark = pytest.mark.django_db

ENTRIES = [
    ("pgx", "关于教育收费的通知", {"summary": "收费标准", "keywords": "教育 收费"}),
    ("pgx", "财政决算公开", {"summary": "含教育支出", "doc_number": "偏政发〔2026〕3号"}),
    ("pgx-jy", "教育局育才计划", {"summary": "育才"}),
    ("pgx-jy", "ＡＢＣ学校名单", {"summary": "abc 与 Xyz"}),
    ("pgx-xgz", "新关镇社会保障情况公示", {"keywords": "社保"}),
    ("pgx-xgz", "环境监测结果", {"column": "a13"}),
]
QUERIES = [
    "教育",
    "育",
    "教育才",
    "教育 收费",
    "社会保障",
    "社保 公示",
    "abc",
    "ＸＹＺ",
    "ab",
    "〔2026〕",
    "没有的词",
    "a",
    "",
]


@pytest.fixture
def catalogue(county):
    from xxgk.agencies.models import Agency

    out = []
    for day, (code, title, fields) in enumerate(ENTRIES, start=1):
        agency = Agency.objects.get(code=code)
        entry = services.create_entry(agency, title=title, **fields)
        out.append(services.publish(entry, on=date(2026, 1, day)))
    return out


def expected(words: str) -> set[int]:
    folded = [searchable(w) for w in words.split()]
    entries = CatalogueEntry.objects.filter(state="published")
    texts = {
        e.pk: searchable(" ".join((e.title, e.summary, e.doc_number, e.keywords, e.index_number or "")))
        for e in entries
    }
    return {pk for pk, text in texts.items() if all(w in text for w in folded)}


@pytest.mark.parametrize("sort", ["relevance", "date"])
def test_the_same_queries_give_the_same_results_with_and_without_the_index(catalogue, sort):
    for q in QUERIES:
        query = Query(q=q, sort=sort)
        with_index = list(search(query, use_grams=True).values_list("pk", flat=True))
        scan = list(search(query, use_grams=False).values_list("pk", flat=True))
        assert with_index == scan, q
        assert set(with_index) == expected(q), q


def where(qs) -> str:
    return str(qs.query).split(" WHERE ", 1)[1]


def test_the_index_path_is_taken_for_words_of_two_characters(catalogue):
    from django.db import connection

    by_default = "search_grams" in where(search(Query(q="教育")))
    assert by_default == (connection.vendor == "postgresql")
    assert "search_grams" in where(search(Query(q="教育"), use_grams=True))
    assert "search_grams" not in where(search(Query(q="育"), use_grams=True))
    assert "search_grams" not in where(search(Query(q="教育"), use_grams=False))


def test_the_pieces_follow_an_edit(catalogue):
    entry = catalogue[-1]
    entry.title = "大气污染防治通告"
    entry.save()
    assert entry.pk in set(search(Query(q="污染防治"), use_grams=True).values_list("pk", flat=True))
    assert entry.pk not in set(search(Query(q="监测"), use_grams=True).values_list("pk", flat=True))
    entry.keywords = "扬尘"
    entry.save(update_fields=["keywords", "search_text"])
    assert entry.pk in set(search(Query(q="扬尘"), use_grams=True).values_list("pk", flat=True))


def test_the_migration_fills_the_pieces_of_existing_entries(catalogue):
    CatalogueEntry.objects.update(search_grams="")
    for e in CatalogueEntry.objects.all():
        CatalogueEntry.objects.filter(pk=e.pk).update(search_text=f"{e.title} {e.summary}".lower())
    assert not search(Query(q="abc"), use_grams=True).exists()
    migration = importlib.import_module("xxgk.portal.migrations.0005_search_grams")
    migration.fill(django_apps, None)
    for q in ("abc", "教育", "社会保障"):
        assert list(search(Query(q=q), use_grams=True)) == list(search(Query(q=q), use_grams=False)), q
        assert search(Query(q=q), use_grams=True).exists(), q
