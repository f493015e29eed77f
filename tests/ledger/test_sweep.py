"""The daily sweep: flags from the engine's dates, idempotent, never overwriting a newer action."""

from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from ledger_world import registered

from xxgk.ledger.models import Request
from xxgk.ledger.sweep import sweep

pytestmark = pytest.mark.django_db


def test_a_request_past_its_reply_date_becomes_overdue_once(tree):
    req = registered(tree)
    before = sweep(req.reply_due - timedelta(days=1))
    assert before.due_soon == 1 and before.overdue == 0
    after = sweep(req.reply_due + timedelta(days=1))
    assert after.overdue == 1 and after.changed == 1
    again = sweep(req.reply_due + timedelta(days=1))
    assert again.changed == 0 and again.overdue == 1
    assert Request.objects.get(pk=req.pk).overdue


def test_the_command_prints_the_counts_and_the_digest(tree):
    req = registered(tree)
    out = StringIO()
    call_command("sweep_deadlines", "--on", (req.reply_due + timedelta(days=3)).isoformat(), stdout=out)
    assert "已逾期 1 件" in out.getvalue() and req.number in out.getvalue()


def test_a_closed_request_is_not_swept(tree):
    from xxgk.ledger import services

    req = registered(tree)
    services.reply(req, tree.approver, replied_on=date(2026, 3, 4), outcome="granted")
    assert sweep(date(2026, 12, 1)).checked == 0
