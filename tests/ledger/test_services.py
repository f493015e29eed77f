"""The request workflow through its services: dates from the deadline engine, refusals in Chinese,
nothing half-written, no lost update."""

import json
import shutil
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from ledger_world import registered

from xxgk.deadlines import Events, compute_deadlines
from xxgk.ledger import services
from xxgk.ledger.models import EventKind, FeeCharge, Request, RequestEvent, State
from xxgk.ledger.services import ConcurrentChange, LedgerError, NotFound

pytestmark = pytest.mark.django_db
XXGK = shutil.which("xxgk", path=str(Path(sys.executable).parent)) or "xxgk"


def xxgk_deadline(*args: str) -> dict:
    p = subprocess.run([XXGK, "deadline", *args, "--json"], capture_output=True, timeout=120, check=True)
    return json.loads(p.stdout)


def test_registering_numbers_the_request_and_computes_its_dates(tree):
    req = registered(tree)
    assert req.state == State.REGISTERED
    assert req.number == "pgx-2026-0001" and len(req.query_code) == 8
    assert registered(tree).number == "pgx-2026-0002"
    cli = xxgk_deadline("2026-03-02")
    assert req.reply_due.isoformat() == cli["reply_due"]
    assert req.correction_notice_due.isoformat() == cli["correction_notice_due"]
    assert req.deadline_explanation["reply_due"] == cli["reply_due"]
    assert "20个工作日" in req.deadline_explanation["deadlines"][1]["explanation"]
    assert [e.kind for e in req.events.all()] == [EventKind.REGISTERED]


def test_dates_after_a_correction_equal_xxgk_deadline_for_the_same_events(tree):
    req = registered(tree)
    services.request_correction(
        req, tree.clerk, sent_on=date(2026, 3, 4), correct_by=date(2026, 3, 20), what="请写明文件名称"
    )
    waiting = Request.objects.get(pk=req.pk)
    assert waiting.state == State.AWAITING_CORRECTION
    assert waiting.reply_due is None and waiting.applicant_due == date(2026, 3, 20)
    services.receive_correction(req, tree.clerk, received_on=date(2026, 3, 10))
    req.refresh_from_db()
    cli = xxgk_deadline("2026-03-02", "--corrected-on", "2026-03-10")
    assert req.reply_due.isoformat() == cli["reply_due"]
    assert "收到补正后申请之日" in req.deadline_explanation["deadlines"][1]["explanation"]


def test_consultation_time_is_not_counted_and_an_extension_adds_twenty_working_days(tree):
    req = registered(tree)
    services.assign(req, tree.clerk, on=date(2026, 3, 3), handler=tree.handler)
    services.start_consultation(
        req, tree.handler, sent_on=date(2026, 3, 5), kind="third_party", party="某公司"
    )
    services.end_consultation(req, tree.handler, answered_on=date(2026, 3, 12))
    services.approve_extension(req, tree.office_head, approved_on=date(2026, 3, 20), reason="需要调取档案")
    req.refresh_from_db()
    ev = services.clock.engine_events(req.events.all())
    engine = compute_deadlines(date(2026, 3, 2), ev)
    assert req.reply_due == engine.extended_reply_due.date
    assert (
        engine.extended_reply_due.date > compute_deadlines(date(2026, 3, 2), Events()).extended_reply_due.date
    )


def test_full_path_to_a_reply_delivered_and_archived(tree):
    req = registered(tree)
    services.assign(req, tree.clerk, on=date(2026, 3, 3), department=tree.dept)
    services.propose_reply(
        req, tree.handler, on=date(2026, 3, 9), outcome="予以公开", articles="第三十六条第（二）项"
    )
    services.return_reply(req, tree.approver, on=date(2026, 3, 10), note="请补充获取方式")
    services.propose_reply(req, tree.handler, on=date(2026, 3, 11), outcome="granted")
    services.reply(req, tree.approver, replied_on=date(2026, 3, 12))
    services.deliver(req, tree.clerk, delivered_on=date(2026, 3, 13), proof="EMS1234")
    services.archive(req, tree.clerk, archived_on=date(2026, 3, 20))
    req.refresh_from_db()
    assert (req.state, req.outcome, req.closed_on) == (State.ARCHIVED, "granted", date(2026, 3, 12))
    assert not req.overdue
    assert req.history.count() >= 8
    assert req.history.first().history_user == tree.clerk


def test_fee_notice_amount_from_the_fee_engine_and_lapse(tree):
    req = registered(tree)
    charge = services.issue_fee_notice(
        req, tree.clerk, issued_on=date(2026, 3, 4), scale="per_page", units=250, received_on=date(2026, 3, 5)
    )
    assert charge.amount == 4700
    req.refresh_from_db()
    assert req.state == State.AWAITING_FEE and req.applicant_due == charge.pay_by
    with pytest.raises(LedgerError, match="尚未届满"):
        services.lapse_fee(req, tree.clerk, on=date(2026, 3, 20))
    services.lapse_fee(req, tree.clerk, on=date(2026, 4, 10))
    req.refresh_from_db()
    assert (req.state, req.outcome) == (State.TERMINATED, "other.no_fee")


@pytest.mark.parametrize(
    ("act", "pattern"),
    [
        (
            lambda t, r: services.reply(r, t.approver, replied_on=date(2026, 3, 5), outcome="予以批准"),
            "未知的处理结果",
        ),
        (
            lambda t, r: services.reply(r, t.approver, replied_on=date(2026, 2, 1), outcome="granted"),
            "早于收到申请",
        ),
        (
            lambda t, r: services.reply(r, t.approver, replied_on=date(2099, 1, 1), outcome="granted"),
            "晚于今天",
        ),
        (
            lambda t, r: services.reply(r, t.approver, replied_on="2026-13-01", outcome="granted"),
            "不是有效日期",
        ),
        (lambda t, r: services.deliver(r, t.clerk, delivered_on=date(2026, 3, 5)), "申请尚未办结"),
        (
            lambda t, r: services.receive_correction(r, t.clerk, received_on=date(2026, 3, 5)),
            "不能登记收到补正",
        ),
        (
            lambda t, r: services.reply(r, t.approver, replied_on=date(2026, 3, 5), outcome="other.other"),
            "须写明理由",
        ),
        (
            lambda t, r: services.reply(r, t.approver, replied_on=date(2026, 3, 5), outcome="逾期不补正"),
            "不是答复结果",
        ),
        (
            lambda t, r: services.approve_extension(
                r, t.office_head, approved_on=date(2026, 5, 1), reason="x"
            ),
            "延期须在此之前批准",
        ),
    ],
)
def test_bad_input_is_refused_in_chinese_and_nothing_is_written(tree, act, pattern):
    req = registered(tree)
    before = (Request.objects.get(pk=req.pk).version, RequestEvent.objects.count(), FeeCharge.objects.count())
    with pytest.raises(LedgerError, match=pattern):
        act(tree, req)
    after = Request.objects.get(pk=req.pk)
    assert (after.version, RequestEvent.objects.count(), FeeCharge.objects.count()) == before
    assert after.state == State.REGISTERED and after.outcome == ""


def test_a_second_extension_and_a_second_correction_notice_are_refused(tree):
    req = registered(tree)
    services.approve_extension(req, tree.office_head, approved_on=date(2026, 3, 10), reason="复杂")
    with pytest.raises(LedgerError, match="只允许延长一次"):
        services.approve_extension(req, tree.office_head, approved_on=date(2026, 3, 11), reason="again")
    other = registered(tree)
    services.request_correction(
        other, tree.clerk, sent_on=date(2026, 3, 3), correct_by=date(2026, 3, 20), what="x"
    )
    services.receive_correction(other, tree.clerk, received_on=date(2026, 3, 6))
    with pytest.raises(LedgerError, match="一次性发出"):
        services.request_correction(
            other, tree.clerk, sent_on=date(2026, 3, 9), correct_by=date(2026, 3, 25), what="y"
        )


def test_only_the_head_of_the_disclosure_office_may_extend(tree):
    req = registered(tree)
    for who in (tree.approver, tree.clerk, tree.head):
        with pytest.raises(PermissionDenied):
            services.approve_extension(req, who, approved_on=date(2026, 3, 10), reason="x")


def test_a_stale_version_is_refused_so_no_update_is_lost(tree):
    req = registered(tree)
    seen = req.version
    services.add_note(req, tree.clerk, text="先到的人", version=seen)
    with pytest.raises(ConcurrentChange, match="已被他人修改"):
        services.reply(req, tree.approver, replied_on=date(2026, 3, 5), outcome="granted", version=seen)
    assert Request.objects.get(pk=req.pk).state == State.REGISTERED


def test_another_agency_cannot_act_and_is_not_told_the_request_exists(tree):
    req = registered(tree)
    with pytest.raises(NotFound):
        services.add_note(req, tree.other_clerk, text="x")
    with pytest.raises(NotFound):
        services.get_visible(tree.edu_clerk, req.pk)
    with pytest.raises(PermissionDenied):
        services.add_note(req, tree.supervisor, text="x")


def test_an_online_draft_is_not_received_until_confirmed(tree):
    draft = services.submit_online(
        tree.county,
        submitted_at=timezone.make_aware(datetime(2026, 3, 2, 22, 15)),
        applicant_type="商业企业",
        applicant_name="某公司",
        description="某项目环评批复",
    )
    assert draft.state == State.DRAFT and draft.received_on is None and draft.reply_due is None
    services.confirm_receipt(draft, tree.clerk, confirmed_on=date(2026, 3, 3))
    draft.refresh_from_db()
    assert draft.received_on == date(2026, 3, 3) and draft.receipt_basis == "confirmed"
    assert draft.reply_due.isoformat() == xxgk_deadline("2026-03-03")["reply_due"]


def test_withdrawal_by_the_applicant_with_number_and_query_code(tree):
    req = registered(tree)
    with pytest.raises(NotFound):
        services.applicant_withdraw(req.number, "WRONG123", on=date(2026, 3, 5))
    services.applicant_withdraw(req.number, req.query_code, on=date(2026, 3, 5))
    req.refresh_from_db()
    assert (req.state, req.outcome, req.outcome_reason) == (State.TERMINATED, "other.other", "申请人撤回申请")


def test_reopening_creates_a_linked_request(tree):
    req = registered(tree)
    services.reply(req, tree.approver, replied_on=date(2026, 3, 5), outcome="unavailable.not_held")
    new = services.reopen(req, tree.clerk, on=date(2026, 6, 1), reason="复议决定书〔2026〕3号")
    assert new.reopened_from_id == req.pk and new.state == State.REGISTERED
    assert new.received_on == date(2026, 6, 1) and new.applicant_name == req.applicant_name
