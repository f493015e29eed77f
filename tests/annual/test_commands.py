"""``xxgk manage annual_report`` and ``close_year``: the contracts other tools rely on."""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from xxgk.agencies import services as agencies
from xxgk.annual.models import ClosedYear
from xxgk.report.form import edition
from xxgk.report.model import AnnualReport

pytestmark = pytest.mark.django_db


@pytest.fixture
def agency(make_request):
    gov = agencies.create_agency("pgx", "偏关县人民政府")
    make_request(gov, "research", date(2020, 4, 1), date(2020, 4, 20), "other.no_fee")
    make_request(gov, "research", date(2020, 12, 30))
    return gov


def test_json_is_one_object_of_the_parse_contract(agency, capsysbinary):
    call_command("annual_report", agency="pgx", year=2020, to="json")
    out = capsysbinary.readouterr().out.decode()
    assert out.count("\n") == 1
    record = json.loads(out)
    assert {"source", "agency", "year", "edition", "published_on", "cells", "findings"} <= set(record)
    assert record["edition"] == "2019" and set(record["cells"]) == set(edition("2019").keys())
    assert record["cells"]["s3.other.research"] == 1 and record["cells"]["s3.carried_forward.total"] == 1
    assert AnnualReport.from_json(record).cells == record["cells"]
    assert not [f for f in record["findings"] if f["severity"] == "error"]


@pytest.mark.parametrize("fmt", ["docx", "xlsx", "html", "pdf"])
def test_documents_are_written_by_the_core_renderers(agency, tmp_path, fmt):
    target = tmp_path / f"report.{fmt}"
    call_command("annual_report", agency="pgx", year=2020, edition="2021", to=fmt, output=str(target))
    magic = {"docx": b"PK\x03\x04", "xlsx": b"PK\x03\x04", "pdf": b"%PDF-", "html": b"<!DOC"}[fmt]
    assert target.read_bytes()[:5].upper().startswith(magic.upper())
    if fmt == "docx":
        from xxgk.ingest import load_one

        read_back = load_one(str(target))
        assert read_back.cells["s3.other.no_fee.research"] == 1
        assert read_back.cells["s3.carried_forward.total"] == 1


def test_close_year_then_the_report_is_the_snapshot(agency, capsys):
    call_command("close_year", agency="pgx", year=2020)
    assert "已关账" in capsys.readouterr().out
    assert ClosedYear.objects.get(agency=agency, year=2020).edition == "2019"
    with pytest.raises(CommandError, match="已于此前关账"):
        call_command("close_year", agency="pgx", year=2020)


def test_bad_arguments_are_explained_in_chinese(agency):
    with pytest.raises(CommandError, match="找不到机关“nope”"):
        call_command("annual_report", agency="nope", year=2020, to="json")
    with pytest.raises(CommandError, match="尚未结束"):
        call_command("close_year", agency="pgx", year=date.today().year)


def test_the_xxgk_command_runs_it(agency, capsysbinary):
    """Through ``xxgk manage`` as a clerk types it."""
    from xxgk.cli import main

    with pytest.raises(SystemExit) as done:
        main(["manage", "annual_report", "--agency", "pgx", "--year", "2020", "--to", "json"])
    assert done.value.code in (0, None)
    assert json.loads(capsysbinary.readouterr().out)["cells"]["s3.received.research"] == 2
