"""The ledger's models: choices from the core, personal data encrypted at rest, append-only events."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from xxgk.agencies import services as agencies
from xxgk.ledger.models import EventKind, Request, RequestEvent
from xxgk.ledger.vocabulary import OUTCOME_KEYS
from xxgk.report.form import edition

pytestmark = pytest.mark.django_db


def test_outcomes_are_the_outcome_rows_of_edition_2021():
    assert {r.key for r in edition("2021").s3_outcome_rows} == OUTCOME_KEYS


def test_personal_data_is_stored_encrypted_and_read_in_clear():
    agency = agencies.create_agency("pgx", "偏关县人民政府")
    req = Request.objects.create(
        agency=agency,
        number="pgx-2026-1",
        channel="in_person",
        applicant_type="natural",
        applicant_name="张三",
        id_number="142301199001011234",
        phone="13800000000",
        description="2025年财政预算",
    )
    with connection.cursor() as c:
        c.execute("SELECT id_number, phone FROM ledger_request WHERE id = %s", [req.pk])
        stored = c.fetchone()
    assert all(s.startswith("fernet:") and "1380000" not in s for s in stored)
    again = Request.objects.get(pk=req.pk)
    assert (again.id_number, again.phone) == ("142301199001011234", "13800000000")


def test_an_event_cannot_be_changed_or_deleted():
    agency = agencies.create_agency("pgx", "偏关县人民政府")
    req = Request.objects.create(
        agency=agency,
        number="n1",
        channel="fax",
        applicant_type="other",
        applicant_name="某",
        description="x",
    )
    ev = RequestEvent.objects.create(request=req, kind=EventKind.NOTE, effective_on=date(2026, 1, 5))
    ev.note = "changed"
    with pytest.raises(ValidationError, match="不能修改"):
        ev.save()
    with pytest.raises(ValidationError, match="不能删除"):
        ev.delete()
