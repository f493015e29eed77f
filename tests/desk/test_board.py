"""The supervisor's board: only supervisors and auditors, only their subtree, never an applicant's
personal data; and a request action refused without its CSRF token."""

from __future__ import annotations

import pytest
from desk_people import APPLICANT, PASSWORD, register, today
from django.test import Client

from xxgk.agencies import services as agencies
from xxgk.agencies.models import Role
from xxgk.ledger.models import RequestEvent

pytestmark = pytest.mark.django_db


def test_the_board_and_its_drill_down(client, people):
    client.force_login(people["clerk"])
    req = register(client)
    for who in ("clerk", "handler", "approver", "head", "admin"):
        client.force_login(people[who])
        assert client.get("/board/").status_code == 403
        assert client.get("/board/pgx/").status_code == 404
    client.force_login(people["supervisor"])
    board = client.get("/board/").content.decode()
    assert "偏关县人民政府" in board and "河曲县人民政府" in board
    drill = client.get("/board/pgx/").content.decode()
    assert req.number in drill
    for page in (board, drill):
        assert APPLICANT["applicant_name"] not in page and APPLICANT["phone"] not in page
    hq = agencies.create_user("hq-sup", PASSWORD, agency="hqx", role=Role.SUPERVISOR).user
    client.force_login(hq)
    assert "偏关县人民政府" not in client.get("/board/").content.decode()
    assert client.get("/board/pgx/").status_code == 404
    client.force_login(people["auditor"])
    assert client.get("/board/pgx/").status_code == 200


def test_an_action_without_its_csrf_token_is_refused(people):
    clerk = Client()
    clerk.force_login(people["clerk"])
    req = register(clerk)
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(people["clerk"])
    before = RequestEvent.objects.filter(request=req).count()
    r = strict.post(f"/requests/{req.pk}/do/add_note/", {"add_note-text": "无令牌", "version": req.version})
    assert r.status_code == 403
    assert RequestEvent.objects.filter(request=req).count() == before
    r = strict.post("/requests/new/", {**APPLICANT, "submitted_on": today(), "same_anyway": "on"})
    assert r.status_code == 403
