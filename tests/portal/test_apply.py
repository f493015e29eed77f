"""Online applications: the form's rules, the receipt, the ledger draft, the date of receipt, the status
page through the request's life, correction and withdrawal."""

from __future__ import annotations

import io
import json
import re
from datetime import date, datetime

import pytest
from django.db import connection
from django.utils import timezone
from portal_kit import CITIZEN, COMPANY, PASSWORD, apply_through_pages

from xxgk.agencies import services as agencies
from xxgk.agencies.models import ApproverPost, Role
from xxgk.ledger import services as ledger
from xxgk.ledger.models import Request, State
from xxgk.portal import applications, services, validation
from xxgk.portal.models import OnlineSubmission

pytestmark = pytest.mark.django_db


@pytest.fixture
def clerk(county):
    return agencies.create_user("clerk", PASSWORD, agency="pgx", role=Role.CLERK, display_name="李办理").user


@pytest.fixture
def office_head(county):
    return agencies.create_user(
        "head",
        PASSWORD,
        agency="pgx",
        role=Role.APPROVER,
        post=ApproverPost.OFFICE_HEAD,
        display_name="王主任",
    ).user


def test_a_citizen_applies_and_gets_a_receipt_shown_once(client, county):
    number, code = apply_through_pages(client, "pgx", CITIZEN)
    assert re.fullmatch(r"pgx-\d{4}-\d{4}", number) and len(code) == applications.QUERY_CODE_LENGTH
    sub = OnlineSubmission.objects.get(number=number)
    req = sub.request
    assert req.state == State.DRAFT and req.received_on is None and not req.counts_in_report
    assert req.applicant_name == "阿卜杜拉·买买提", "the 间隔号 is folded, the name accepted"
    assert req.id_number == "110101199003077675", "full-width digits folded"
    assert req.query_code == "" and code not in sub.query_code_hash
    payload = applications.payload_of(sub)
    assert payload["applicant"]["name"] == "阿卜杜拉·买买提"
    with connection.cursor() as cursor:
        cursor.execute("SELECT payload FROM portal_onlinesubmission WHERE id = %s", [sub.pk])
        raw = cursor.fetchone()[0]
    assert "买买提" not in raw and "13912345678" not in raw, "personal data is encrypted at rest"
    again = client.get("/zfxxgk/ysqgk/receipt/").content.decode()
    assert number in again and code not in again and "不再显示" in again


def test_a_company_applies(client, county):
    number, _ = apply_through_pages(client, "pgx", COMPANY)
    req = Request.objects.get(number=number)
    assert req.applicant_type == "commercial" and req.contact_person == "赵六"
    sub = req.online_submission
    assert "uscc_doubtful" in sub.flags, "a USCC with a wrong check character warns and is flagged"


def test_plausible_but_invalid_input_warns_never_blocks():
    for id_type, number in (("id_card", "110101199003077670"), ("hk_mo_tw", "H1234"), ("passport", "E12")):
        checked = validation.check_application({**CITIZEN, "id_type": id_type, "id_number": number})
        assert checked.errors == {} and "id_number" in checked.warnings
    for id_type, number in (
        ("hk_mo_tw", "H12345678"),
        ("foreign_pr", "USA110101900101"),
        ("other", "军官证123"),
    ):
        checked = validation.check_application({**CITIZEN, "id_type": id_type, "id_number": number})
        assert checked.errors == {} and checked.warnings == {}, (id_type, checked.warnings)
    no_id = validation.check_application({**CITIZEN, "id_number": ""})
    assert no_id.errors == {} and "missing_identity" in no_id.flags
    bad = validation.check_application(
        {**CITIZEN, "phone": "", "email": "", "address": "", "description": ""}
    )
    assert set(bad.errors) >= {"phone", "description"}


def test_errors_are_text_linked_to_their_fields(client, county):
    r = client.post("/zfxxgk/pgx/ysqgk/apply/", {"kind": "person", "name": "张三"})
    text = r.content.decode()
    assert 'href="#f-description"' in text and 'id="e-description"' in text
    assert 'aria-describedby="h-description e-description"' in text
    assert "张三" in text, "what was typed is kept"


def test_the_same_submission_twice_is_one_application(client, county):
    r = client.post("/zfxxgk/pgx/ysqgk/apply/", {**CITIZEN})
    page = client.get(r["Location"]).content.decode()
    key = re.search(r'name="idempotency_key" value="([^"]+)"', page)[1]
    for _ in range(2):
        assert client.post(r["Location"], {"idempotency_key": key, "privacy": "1"}).status_code == 302
    assert OnlineSubmission.objects.count() == 1 == Request.objects.count()
    assert "filled_fast" in OnlineSubmission.objects.get().flags, "a form posted at once is flagged"


def test_the_privacy_notice_must_be_acknowledged(client, county):
    r = client.post("/zfxxgk/pgx/ysqgk/apply/", {**CITIZEN})
    page = client.get(r["Location"]).content.decode()
    assert "个人信息处理告知" in page and "确认接收之日为收到申请之日" in page
    key = re.search(r'name="idempotency_key" value="([^"]+)"', page)[1]
    again = client.post(r["Location"], {"idempotency_key": key})
    assert again.status_code == 200 and "我已阅读并同意" in again.content.decode()
    assert OnlineSubmission.objects.count() == 0


def test_hints_of_catalogue_entries(client, county):
    services.publish(services.create_entry(county, title="偏关县教育收费标准"), on=date(2026, 1, 5))
    r = client.post("/zfxxgk/pgx/ysqgk/apply/", {**CITIZEN})
    assert "偏关县教育收费标准" in client.get(r["Location"]).content.decode()


def _submit(county, at: datetime, **values) -> applications.Submitted:
    checked = validation.check_application({**CITIZEN, **values})
    return applications.submit(
        county, checked.values, idempotency_key=f"k-{at.isoformat()}", submitted_at=at, ip="127.0.0.1"
    )


def aware(*args) -> datetime:
    return timezone.make_aware(datetime(*args))


def test_confirmed_the_next_working_day_is_received_that_day(county, clerk):
    done = _submit(county, aware(2026, 3, 6, 17, 50))  # a Friday evening
    req = ledger.confirm_receipt(done.submission.request, clerk, confirmed_on=date(2026, 3, 9))
    assert req.received_on == date(2026, 3, 9) and req.counts_in_report


def test_submitted_30_december_confirmed_4_january_counts_in_the_new_year(county, clerk):
    done = _submit(county, aware(2025, 12, 30, 10, 0))
    req = ledger.confirm_receipt(done.submission.request, clerk, confirmed_on=date(2026, 1, 4))
    assert req.received_on == date(2026, 1, 4) and req.received_on.year == 2026


def test_on_submit_rule_receives_on_the_day_of_submission(client, county):
    agencies.update_settings(county, {"online_receipt_rule": "on_submit"})
    county.refresh_from_db()
    done = _submit(county, aware(2026, 3, 6, 17, 50))
    req = done.submission.request
    req.refresh_from_db()
    assert req.state == State.REGISTERED and req.received_on == date(2026, 3, 6)
    assert done.submission.receipt_rule == "on_submit"


def lookup(client, number, code):
    return client.post("/zfxxgk/ysqgk/status/", {"number": number, "code": code})


def test_status_follows_the_request(client, county, clerk, office_head):
    number, code = apply_through_pages(client, "pgx", CITIZEN)
    page = lookup(client, number, code.lower()).content.decode()
    assert "已提交，待确认接收" in page and "尚未确认" in page
    req = Request.objects.get(number=number)
    today = timezone.localdate()
    req = ledger.confirm_receipt(req, clerk, confirmed_on=today)
    page = client.get("/zfxxgk/ysqgk/status/").content.decode()
    assert "办理中" in page and "答复期限" in page
    ledger.request_correction(req, clerk, sent_on=today, correct_by=date(2099, 1, 1), what="请写明文件年份")
    page = client.get("/zfxxgk/ysqgk/status/").content.decode()
    assert "待补正，请于2099年1月1日前提交" in page and "请写明文件年份" in page
    r = client.post(f"/zfxxgk/ysqgk/{number}/bz/", {"text": "2025年度的文件"})
    assert r.status_code == 302
    page = client.get("/zfxxgk/ysqgk/status/").content.decode()
    assert "已提交补正材料" in page and f"/ysqgk/{number}/bz/" not in page
    req = ledger.receive_correction(req.pk, clerk, received_on=today)
    req = ledger.approve_extension(req, office_head, approved_on=today, reason="需要调取档案")
    page = client.get("/zfxxgk/ysqgk/status/").content.decode()
    assert "办理中" in page and "/bz/" not in page
    req = ledger.reply(req, clerk, replied_on=today, outcome="granted", method="email")
    page = client.get("/zfxxgk/ysqgk/status/").content.decode()
    assert "已答复" in page and "撤回申请" not in page
    ledger.add_note(req, clerk, text="内部备注：申请人多次来电")
    page = client.get("/zfxxgk/ysqgk/status/").content.decode()
    for secret in ("李办理", "王主任", "需要调取档案", "内部备注"):
        assert secret not in page, "no handler's name, no internal reason"


def test_correction_only_while_awaited(client, county):
    number, code = apply_through_pages(client, "pgx", CITIZEN)
    lookup(client, number, code)
    assert client.get(f"/zfxxgk/ysqgk/{number}/bz/").status_code == 302
    other = client.__class__()
    assert other.get(f"/zfxxgk/ysqgk/{number}/bz/").status_code == 404


def test_withdrawal_before_confirmation_voids_the_draft(client, county):
    number, code = apply_through_pages(client, "pgx", CITIZEN)
    lookup(client, number, code)
    assert "尚未确认接收" in client.get(f"/zfxxgk/ysqgk/{number}/ch/").content.decode()
    client.post(f"/zfxxgk/ysqgk/{number}/ch/", {"confirm": "1"})
    req = Request.objects.get(number=number)
    assert req.state == State.TERMINATED and not req.counts_in_report
    assert "已撤回（未确认接收" in client.get("/zfxxgk/ysqgk/status/").content.decode()
    assert OnlineSubmission.objects.filter(number=number).exists(), "the evidence is kept"


def test_withdrawal_after_confirmation_ends_the_request(client, county, clerk):
    number, code = apply_through_pages(client, "pgx", COMPANY)
    ledger.confirm_receipt(Request.objects.get(number=number), clerk, confirmed_on=timezone.localdate())
    lookup(client, number, code)
    assert "其他处理（申请人撤回）" in client.get(f"/zfxxgk/ysqgk/{number}/ch/").content.decode()
    client.post(f"/zfxxgk/ysqgk/{number}/ch/", {"confirm": "1", "reason": "已自行获取"})
    req = Request.objects.get(number=number)
    assert req.state == State.TERMINATED and req.outcome == "other.other" and req.counts_in_report
    assert "已终止：申请人撤回" in client.get("/zfxxgk/ysqgk/status/").content.decode()


def test_payload_is_the_canonical_json_the_receipt_hashes(client, county):
    number, _ = apply_through_pages(client, "pgx", CITIZEN)
    sub = OnlineSubmission.objects.get(number=number)
    import hashlib

    assert hashlib.sha256(sub.payload.encode()).hexdigest() == sub.sha256
    assert json.loads(sub.payload)["privacy_notice"] == applications.NOTICE_VERSION
    with pytest.raises(ValueError):
        sub.save()


def test_the_sweep_flags_a_two_day_old_draft(county, clerk):
    from django.core.management import call_command

    old = _submit(county, aware(2026, 3, 4, 9, 0))  # Wednesday
    fresh = _submit(county, aware(2026, 3, 6, 9, 0))
    late = applications.unconfirmed(date(2026, 3, 6))
    assert [s.number for s in late] == [old.submission.number]
    ledger.confirm_receipt(old.submission.request, clerk, confirmed_on=date(2026, 3, 6))
    assert applications.unconfirmed(date(2026, 3, 6)) == []
    assert fresh.submission in applications.unconfirmed(date(2026, 3, 10))
    out = io.StringIO()
    call_command("sweep_online_drafts", "--today", "2026-03-10", stdout=out)
    assert fresh.submission.number in out.getvalue() and "共 1 件" in out.getvalue()
