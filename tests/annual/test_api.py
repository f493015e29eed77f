"""``GET /api/agencies/CODE/reports/YEAR`` over HTTP: who may read it, what it says, closed years."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from xxgk.agencies import services as agencies
from xxgk.agencies.models import Role
from xxgk.annual import services
from xxgk.report.model import AnnualReport

pytestmark = pytest.mark.django_db
PASSWORD = "Kx9#long-pass"


def bearer(username: str) -> Client:
    r = Client().post(
        "/api/auth/token", {"username": username, "password": PASSWORD}, content_type="application/json"
    )
    assert r.status_code == 200, r.content
    return Client(headers={"Authorization": f"Bearer {r.json()['token']}"})


@pytest.fixture
def world(make_request):
    gov = agencies.create_agency("pgx", "偏关县人民政府")
    edu = agencies.create_agency("pgx-jy", "偏关县教育局", parent="pgx")
    agencies.create_agency("hqx", "河曲县人民政府")
    make_request(gov, "natural", date(2023, 12, 30), date(2024, 1, 5), "granted")
    make_request(edu, "legal", date(2024, 2, 1), date(2024, 2, 20), "unavailable.not_held")
    for name, code, role in (
        ("clerk", "pgx", Role.CLERK),
        ("edu_clerk", "pgx-jy", Role.CLERK),
        ("boss", "pgx", Role.SUPERVISOR),
        ("other", "hqx", Role.CLERK),
    ):
        agencies.create_user(name, PASSWORD, agency=code, role=role)
    return gov, edu


def test_the_report_in_the_parse_contract(world):
    r = bearer("clerk").get("/api/agencies/pgx/reports/2024")
    assert r.status_code == 200, r.content
    body = r.json()
    report = AnnualReport.from_json(body["report"])
    assert (body["closed"], report.edition, report.cells["s3.carried_over.natural"]) == (False, "2021", 1)
    assert report.cells["s3.unavailable.not_held.total"] == 0
    assert not [f for f in body["report"]["findings"] if f["severity"] == "error"]


def test_a_supervisor_reads_the_consolidated_report_with_its_entries(world):
    body = (
        bearer("boss").get("/api/agencies/pgx/reports/2024", {"consolidated": True, "entries": True}).json()
    )
    assert body["report"]["cells"]["s3.unavailable.not_held.legal"] == 1
    assert len(body["entries"]["s3.unavailable.not_held.legal"]) == 1
    assert body["entries"]["s3.unavailable.not_held.legal"][0].startswith("request:")


def test_nobody_reads_an_agency_outside_their_scope(world):
    assert bearer("other").get("/api/agencies/pgx/reports/2024").status_code == 404
    assert bearer("edu_clerk").get("/api/agencies/pgx/reports/2024").status_code == 404
    assert bearer("clerk").get("/api/agencies/nope/reports/2024").status_code == 404
    assert Client().get("/api/agencies/pgx/reports/2024").status_code == 401


def test_bad_parameters_are_explained(world):
    r = bearer("clerk").get("/api/agencies/pgx/reports/2024", {"edition": "2020"})
    assert r.status_code == 400 and "表格版本" in r.json()["detail"]


def test_a_closed_year_answers_with_its_snapshot(world):
    gov, _ = world
    services.close_year(gov, 2024, today=date(2025, 1, 20))
    body = bearer("clerk").get("/api/agencies/pgx/reports/2024").json()
    assert body["closed"] is True and body["report"]["cells"]["s3.granted.natural"] == 1


def test_the_route_is_in_the_openapi_document():
    assert "/api/agencies/{code}/reports/{year}" in Client().get("/api/openapi.json").json()["paths"]
