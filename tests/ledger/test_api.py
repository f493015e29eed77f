"""The API over HTTP (Django's test client against the real URLs): tokens, lists, masking, and who
may read or change which request — an unauthorised answer is 404 and changes nothing."""

from datetime import date

import pytest
from django.test import Client
from ledger_world import PASSWORD, registered

from xxgk.ledger.models import Request, RequestEvent
from xxgk.site.models import ApiToken

pytestmark = pytest.mark.django_db


def bearer(username: str) -> Client:
    r = Client().post(
        "/api/auth/token", {"username": username, "password": PASSWORD}, content_type="application/json"
    )
    assert r.status_code == 200, r.content
    return Client(headers={"Authorization": f"Bearer {r.json()['token']}"})


def test_a_token_is_given_for_a_password_and_stored_hashed(tree):
    bad = Client().post(
        "/api/auth/token", {"username": "clerk", "password": "x"}, content_type="application/json"
    )
    assert bad.status_code == 401 and "不正确" in bad.json()["detail"]
    client = bearer("clerk")
    token = client.defaults["HTTP_AUTHORIZATION"].split()[1]
    assert not ApiToken.objects.filter(digest=token).exists()
    assert ApiToken.objects.filter(user=tree.clerk).count() == 1
    assert Client().get("/api/requests").status_code == 401


def test_openapi_is_published():
    r = Client().get("/api/openapi.json")
    assert r.status_code == 200 and "/api/requests" in r.json()["paths"]


def test_a_clerk_lists_their_agency_paginated_with_personal_data(tree):
    for _ in range(3):
        registered(tree)
    r = bearer("clerk").get("/api/requests", {"agency": "pgx", "page_size": 2})
    body = r.json()
    assert r.status_code == 200 and body["count"] == 3 and len(body["items"]) == 2
    assert body["items"][0]["applicant"]["id_number"] == "142301199001011234"


def test_a_clerk_of_another_agency_cannot_list_read_or_change(tree):
    req = registered(tree)
    before = (Request.objects.get(pk=req.pk).version, RequestEvent.objects.count())
    other = bearer("edu_clerk")
    assert other.get("/api/requests", {"agency": "pgx"}).status_code == 404
    assert other.get("/api/requests").json()["count"] == 0
    assert other.get(f"/api/requests/{req.pk}").status_code == 404
    r = other.post(f"/api/requests/{req.pk}/add_note", {"text": "x"}, content_type="application/json")
    assert r.status_code == 404
    r = other.post(
        f"/api/requests/{req.pk}/reply",
        {"replied_on": "2026-03-05", "outcome": "granted"},
        content_type="application/json",
    )
    assert r.status_code == 404
    assert other.get("/api/requests/999999").json() == other.get(f"/api/requests/{req.pk}").json()
    assert (Request.objects.get(pk=req.pk).version, RequestEvent.objects.count()) == before


def test_a_supervisor_reads_subordinate_requests_masked_and_cannot_change_them(tree):
    req = registered(tree)
    sup = bearer("supervisor")
    items = sup.get("/api/requests", {"agency": "pgx"}).json()["items"]
    assert items[0]["applicant"]["id_number"] == "142***********1234"
    detail = sup.get(f"/api/requests/{req.pk}").json()
    assert detail["applicant"]["phone"] == "138****1234" and detail["internal_notes"] == ""
    r = sup.post(f"/api/requests/{req.pk}/add_note", {"text": "x"}, content_type="application/json")
    assert r.status_code == 403
    assert bearer("other_clerk").get(f"/api/requests/{req.pk}").status_code == 404


def test_actions_over_http_with_chinese_errors_and_version_conflicts(tree):
    req = registered(tree)
    clerk, approver = bearer("clerk"), bearer("approver")
    bad = approver.post(
        f"/api/requests/{req.pk}/reply",
        {"replied_on": "2026-03-05", "outcome": "批准"},
        content_type="application/json",
    )
    assert bad.status_code == 400 and "未知的处理结果" in bad.json()["detail"]
    ok = clerk.post(
        f"/api/requests/{req.pk}/add_note",
        {"text": "已电话联系", "version": req.version},
        content_type="application/json",
    )
    assert ok.status_code == 200 and ok.json()["version"] == req.version + 1
    stale = approver.post(
        f"/api/requests/{req.pk}/reply",
        {"replied_on": "2026-03-05", "outcome": "granted", "version": req.version},
        content_type="application/json",
    )
    assert stale.status_code == 409 and "已被他人修改" in stale.json()["detail"]
    done = approver.post(
        f"/api/requests/{req.pk}/reply",
        {"replied_on": "2026-03-05", "outcome": "予以公开"},
        content_type="application/json",
    )
    assert done.status_code == 200 and done.json()["outcome"] == "granted"


def test_a_handler_sees_only_requests_of_their_department(tree):
    mine = registered(tree)
    registered(tree)
    bearer("clerk").post(
        f"/api/requests/{mine.pk}/assign",
        {"on": "2026-03-03", "handler": "handler"},
        content_type="application/json",
    )
    body = bearer("handler").get("/api/requests").json()
    assert [i["number"] for i in body["items"]] == [mine.number]


def test_an_applicant_sees_only_their_own_request_by_number_and_query_code(tree):
    req = registered(tree)
    other = registered(tree)
    r = Client().get("/api/requests/status", {"number": req.number, "code": req.query_code})
    body = r.json()
    assert (
        r.status_code == 200
        and body["number"] == req.number
        and body["reply_due"] == req.reply_due.isoformat()
    )
    assert "applicant" not in body and "handler" not in body and "internal_notes" not in body
    wrong = Client().get("/api/requests/status", {"number": other.number, "code": req.query_code})
    assert wrong.status_code == 404
    assert Client().get(f"/api/requests/{req.pk}").status_code == 401
    assert date.fromisoformat(body["received_on"]) == req.received_on


def test_the_admin_lists_requests_read_only_without_personal_data(tree, client):
    from django.contrib.auth import get_user_model

    req = registered(tree)
    get_user_model().objects.create_superuser("root", password=PASSWORD)
    client.login(username="root", password=PASSWORD)
    page = client.get(f"/admin/ledger/request/{req.pk}/change/")
    assert page.status_code == 200 and req.number in page.content.decode()
    assert "142301199001011234" not in page.content.decode() and "13800001234" not in page.content.decode()
    assert client.get("/admin/ledger/request/add/").status_code == 403
