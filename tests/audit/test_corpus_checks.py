"""Checks across the reports of a corpus: copied text, consecutive years, missing reports."""

from __future__ import annotations

import datetime as dt

import pytest
from audit_corpus import COPIERS, TWO_YEARS
from django.core.management import call_command

from xxgk.audit import services
from xxgk.audit.figures import outcome_groups
from xxgk.audit.models import CorpusAgency, Finding, MissingReport, Overlap, Report

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported(made, genuine_folders):
    call_command("import_reports", *genuine_folders, str(made[COPIERS[0]].parent), "--jobs", "1")


def test_copies_kept_back_are_found_and_genuine_reports_make_no_pair(imported):
    pairs = {
        (o.report.agency_name, o.other.agency_name)
        for o in Overlap.objects.filter(kind="copied").select_related("report", "other")
    }
    assert pairs == {
        ("偏关县人民政府", "河曲县人民政府"),
        ("河曲县人民政府", "偏关县人民政府"),
        ("博爱县人民政府", "保德县教育局"),
        ("保德县教育局", "博爱县人民政府"),
    }
    copy = Report.objects.get(agency_name="河曲县人民政府")
    f = copy.findings.get(rule="copied-text")
    assert f.origin == "corpus" and f.other.agency_name == "偏关县人民政府"
    assert "偏关县人民政府2020年度报告" in f.message
    assert copy.copied and copy.n_warnings >= 1


def test_the_same_report_in_other_formats_is_one_report(imported):
    d01 = Report.objects.filter(agency_name="平潭综合实验区公安局")
    if not d01.exists():
        pytest.skip("shared/corpus/dev is not present")
    assert d01.count() > 1 and d01.filter(primary=True).count() == 1
    assert not Overlap.objects.filter(report__in=d01).exists()


def test_consecutive_years_are_checked_against_each_other(imported):
    later = Report.objects.get(agency_name=TWO_YEARS, year=2023)
    f = later.findings.get(rule="identity-5")
    assert f.origin == "pair" and f.other.year == 2022 and "s3.carried_over.natural" in f.cells
    assert not Report.objects.get(agency_name=TWO_YEARS, year=2022).findings.filter(origin="pair").exists()


def test_agencies_expected_but_missing_for_a_year(imported):
    services.check_missing(today=dt.date(2024, 2, 15))
    kl = CorpusAgency.objects.get(name=TWO_YEARS)
    pgx = CorpusAgency.objects.get(name="偏关县人民政府")
    assert not MissingReport.objects.filter(agency=kl).exists(), (
        "2022 and 2023 held; 2023 due only 2024-01-31"
    )
    assert list(pgx.missing.values_list("year", flat=True)) == [2021, 2022]
    services.check_missing(today=dt.date(2024, 3, 31))
    assert 2023 not in pgx.missing.values_list("year", flat=True), "a government's deadline is 31 March"
    services.check_missing(today=dt.date(2024, 4, 1))
    assert 2023 in pgx.missing.values_list("year", flat=True)


def test_rechecking_replaces_the_findings_it_made(imported):
    before = Finding.objects.filter(origin__in=["pair", "corpus"]).count()
    services.check_corpus()
    assert Finding.objects.filter(origin__in=["pair", "corpus"]).count() == before


def test_the_models_outcome_columns_are_the_forms_groups():
    fields = {f.name.removeprefix("outcome_") for f in Report._meta.fields if f.name.startswith("outcome_")}
    assert fields == set(outcome_groups())
