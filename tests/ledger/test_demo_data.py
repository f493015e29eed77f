"""``xxgk manage demo_data``: every state and every outcome, users of every role, idempotent."""

from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command

from xxgk.agencies.models import Role, Staff
from xxgk.ledger.models import Request, RequestEvent, State
from xxgk.ledger.vocabulary import OUTCOME_KEYS

pytestmark = pytest.mark.django_db


def test_demo_data_has_every_state_and_outcome_and_a_second_run_adds_nothing(monkeypatch):
    monkeypatch.delenv("XXGK_PASSWORD", raising=False)
    out = StringIO()
    call_command("demo_data", "--per-year", "0", stdout=out)
    assert set(Request.objects.values_list("state", flat=True)) == set(State.values)
    assert set(Request.objects.exclude(outcome="").values_list("outcome", flat=True)) == OUTCOME_KEYS
    assert {s.role for s in Staff.objects.all()} == set(Role.values)
    assert "Gongkai#2026" in out.getvalue()
    assert authenticate(username="demo_clerk", password="Gongkai#2026") is not None
    counts = (Request.objects.count(), RequestEvent.objects.count())
    call_command("demo_data", "--per-year", "0", stdout=StringIO())
    assert (Request.objects.count(), RequestEvent.objects.count()) == counts
