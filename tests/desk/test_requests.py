"""The request pages over HTTP: registration, the request page offering only the allowed actions, the
life of a request through its actions, lists with filters and export, and nobody without the right
reading or changing anything."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from desk_people import APPLICANT, act, listed, register, today
from django.utils import timezone
from openpyxl import load_workbook

from xxgk.agencies.models import Department
from xxgk.ledger.models import Request, RequestEvent, State

pytestmark = pytest.mark.django_db


def test_the_life_of_a_request(client, people):
    client.force_login(people["clerk"])
    req = register(client)
    assert req.state == State.REGISTERED and req.reply_due is not None
    page = client.get(f"/requests/{req.pk}/").content.decode()
    assert "张三丰" in page and "13812345678" in page
    assert "交办" in page and "批准延期答复" not in page, "an extension is the office head's"
    dept = Department.objects.get(name="办公室")
    assert act(client, req, "assign", on=today(), department=dept.pk, handler=people["handler"].pk) == 302
    assert (
        act(
            client,
            req,
            "request_correction",
            sent_on=today(),
            correct_by=(timezone.localdate() + dt.timedelta(days=20)).isoformat(),
            what="请写明所需信息的年份",
        )
        == 302
    )
    req.refresh_from_db()
    assert req.state == State.AWAITING_CORRECTION
    assert act(client, req, "receive_correction", received_on=today()) == 302
    client.force_login(people["approver"])
    assert act(client, req, "approve_extension", approved_on=today(), reason="需要调取档案") == 302
    client.force_login(people["handler"])
    assert (
        act(client, req, "start_consultation", sent_on=today(), kind="third_party", party="某建设公司") == 302
    )
    assert act(client, req, "end_consultation", answered_on=today(), opinion="同意公开") == 302
    assert act(client, req, "propose_reply", on=today(), outcome="granted") == 302
    assert act(client, req, "reply", replied_on=today()) == 403, "the handler does not sign the reply"
    client.force_login(people["approver"])
    assert act(client, req, "reply", replied_on=today(), method="email") == 302
    client.force_login(people["clerk"])
    assert act(client, req, "deliver", delivered_on=today(), proof="电子邮件回执") == 302
    req.refresh_from_db()
    assert req.state == State.DELIVERED and req.outcome == "granted"
    kinds = list(req.events.values_list("kind", flat=True))
    assert kinds[0] == "registered" and "extension_approved" in kinds and kinds[-1] == "delivered"
    page = client.get(f"/requests/{req.pk}/").content.decode()
    assert "批准延期答复" in page and "修改记录" in page


def test_a_refused_action_says_why_and_changes_nothing(client, people):
    client.force_login(people["clerk"])
    req = register(client)
    before = RequestEvent.objects.filter(request=req).count()
    status = act(client, req, "request_correction", sent_on="2000-01-01", correct_by=today(), what="x")
    assert status == 400
    assert RequestEvent.objects.filter(request=req).count() == before
    req.refresh_from_db()
    stale = req.version
    act(client, req, "add_note", text="第一条")
    r = client.post(f"/requests/{req.pk}/do/add_note/", {"add_note-text": "第二条", "version": stale})
    assert r.status_code == 400 and "已被他人修改" in r.content.decode()
    req.refresh_from_db()
    assert "第二条" not in req.internal_notes


def test_duplicate_warning(client, people):
    client.force_login(people["clerk"])
    first = register(client)
    r = client.post("/requests/new/", {**APPLICANT, "submitted_on": today()})
    assert (
        r.status_code == 200 and "疑似重复申请" in r.content.decode() and first.number in r.content.decode()
    )
    assert Request.objects.count() == 1
    register(client, same_anyway="on")
    assert Request.objects.count() == 2


def test_deadline_preview(client, people):
    client.force_login(people["clerk"])
    r = client.get(
        "/requests/new/deadlines.json",
        {"channel": "internet", "submitted_on": "2026-09-30", "confirmed_on": "2026-10-09"},
    )
    data = r.json()
    assert data["received"] == "2026-10-09"
    assert any("答复" in d["label"] for d in data["deadlines"])
    assert client.get("/requests/new/deadlines.json", {"channel": "x"}).status_code == 400
    client.force_login(people["supervisor"])
    assert client.get("/requests/new/deadlines.json").status_code == 403


def test_nobody_without_the_right(client, people):
    client.force_login(people["clerk"])
    req = register(client)
    for who in ("other_clerk", "admin"):
        client.force_login(people[who])
        assert client.get(f"/requests/{req.pk}/").status_code == 404
        assert act(client, req, "add_note", text="看看") == 404
    client.force_login(people["supervisor"])
    page = client.get(f"/requests/{req.pk}/").content.decode()
    assert "张三丰" not in page and "13812345678" not in page and "138" in page
    assert "<h2>办理</h2>" not in page
    assert act(client, req, "add_note", text="上级批注") == 403
    listing = client.get("/requests/").content.decode()
    assert req.number in listing and "张三丰" not in listing
    assert req.number not in listed(client.get("/requests/", {"q": "张三丰"}))
    for who in ("supervisor", "handler", "head"):
        client.force_login(people[who])
        assert client.get("/requests/new/").status_code == 403
        assert client.post("/requests/new/", {**APPLICANT, "submitted_on": today()}).status_code == 403
    req.refresh_from_db()
    assert "上级批注" not in req.internal_notes and "看看" not in req.internal_notes
    assert Request.objects.count() == 1
    client.force_login(people["handler"])
    assert client.get(f"/requests/{req.pk}/").status_code == 404, "not assigned to the handler yet"


def test_lists_filters_and_export(client, people):
    client.force_login(people["clerk"])
    a = register(client)
    b = register(client, applicant_name="李四", description="县财政局2025年部门预算", same_anyway="on")
    act(client, b, "withdraw", on=today(), reason="申请人撤回申请")
    page = listed(client.get("/requests/", {"state": "open"}))
    assert a.number in page and b.number not in page
    page = listed(client.get("/requests/", {"q": "李四"}))
    assert b.number in page and a.number not in page
    r = client.get("/requests/export.xlsx", {"state": "terminated"})
    rows = list(load_workbook(io.BytesIO(r.content)).active.values)
    assert rows[0][0] == "申请编号" and [row[0] for row in rows[1:]] == [b.number]
    client.force_login(people["supervisor"])
    r = client.get("/requests/export.xlsx")
    text = str(list(load_workbook(io.BytesIO(r.content)).active.values))
    assert "张三丰" not in text and "李四" not in text


def test_home_shows_the_tasks(client, people):
    client.force_login(people["clerk"])
    req = register(client)
    page = client.get("/").content.decode()
    assert "待交办" in page and req.number in page and "个工作日" in page
    client.force_login(people["approver"])
    assert "等待我审核" in client.get("/").content.decode()
