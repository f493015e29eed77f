"""The demo data (``xxgk manage demo_data``, driven through the ledger's services) gives every demo
agency annual reports the checker finds no error in, chained across years, and a city that sums them."""

from __future__ import annotations

import datetime as dt
import itertools
from io import StringIO

import pytest
from django.core.management import call_command

from xxgk.agencies.models import Agency
from xxgk.annual import services
from xxgk.check import check_pair, check_report

pytestmark = pytest.mark.django_db


def test_demo_reports_are_clean_and_chain(monkeypatch):
    monkeypatch.delenv("XXGK_PASSWORD", raising=False)
    call_command("demo_data", "--per-year", "4", stdout=StringIO())
    today = dt.date.today()
    years = range(2024, today.year + 1)
    top = Agency.objects.get(parent__isnull=True, code__startswith="demo")
    for agency in top.subtree():
        reports = [services.compute_report(agency, y).report for y in years]
        for report in reports:
            errors = [f.message for f in check_report(report, today=today) if f.severity == "error"]
            assert errors == [], (agency.code, report.year)
        for before, after in itertools.pairwise(reports):
            assert check_pair(before, after) == [], (agency.code, after.year)
    whole = services.compute_report(top, 2025, consolidated=True).report.cells
    parts = [services.compute_report(a, 2025).report.cells for a in top.subtree()]
    assert whole["s3.received.total"] == sum(p["s3.received.total"] for p in parts) > 0
