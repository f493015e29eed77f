"""Under real concurrency (PostgreSQL, many threads with their own connections): 1,000 publications at
once give unique, gap-free 索引号; 50 simultaneous applications give 50 distinct numbers and lose nothing."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import date

import pytest
from django.db import connection
from portal_kit import CITIZEN

from xxgk.ledger.models import Request
from xxgk.portal import applications, indexing, services, validation
from xxgk.portal.models import CatalogueEntry, OnlineSubmission

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
THREADS = 16
PUBLICATIONS = 1000
APPLICATIONS = 50


def run_at_once(n: int, work) -> list:
    """Call ``work(i)`` for i in range(n) on THREADS threads released together; each closes its connection."""
    barrier = threading.Barrier(min(n, THREADS))

    def one(i: int):
        try:
            if i < THREADS:
                barrier.wait()
            return work(i)
        finally:
            connection.close()

    with ThreadPoolExecutor(THREADS) as pool:
        return list(pool.map(one, range(n)))


def test_a_thousand_publications_at_once_give_unique_gap_free_numbers(county):
    ids = [services.create_entry(county, title=f"文件{i}").pk for i in range(PUBLICATIONS)]
    numbers = run_at_once(
        PUBLICATIONS,
        lambda i: services.publish(CatalogueEntry(pk=ids[i]), on=date(2026, 6, 1)).index_number,
    )
    assert len(set(numbers)) == PUBLICATIONS
    template = "{prefix}/{year}-{serial:05d}"
    serials = sorted(indexing.parse_index(template, county.uscc, n)[1] for n in numbers)
    assert serials == list(range(1, PUBLICATIONS + 1))
    assert CatalogueEntry.objects.filter(index_number__isnull=False).count() == PUBLICATIONS


def test_fifty_simultaneous_applications_give_fifty_numbers(county):
    values = validation.check_application(CITIZEN).values

    def submit(i: int) -> str:
        done = applications.submit(county, values, idempotency_key=f"concurrent-{i}", ip=f"10.9.0.{i}")
        return done.submission.number

    numbers = run_at_once(APPLICATIONS, submit)
    assert len(set(numbers)) == APPLICATIONS
    assert OnlineSubmission.objects.count() == APPLICATIONS == Request.objects.count()
