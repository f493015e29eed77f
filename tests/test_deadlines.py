"""Request deadlines, with expected dates counted by hand on the 2026 State Council schedule.

March–May 2026 for reference: 清明 off 4/4–4/6 (Mon 4/6 a holiday); 劳动节 off 5/1–5/5, Saturday 5/9 worked.
"""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xxgk.deadlines import (
    Channel,
    Consultation,
    ConsultationKind,
    Events,
    Rules,
    compute_deadlines,
    date_of_receipt,
)
from xxgk.workdays import Calendar

D = date.fromisoformat


@pytest.fixture(scope="module")
def cal() -> Calendar:
    return Calendar()


def test_no_events(cal: Calendar) -> None:
    r = compute_deadlines(D("2026-03-02"), calendar=cal)
    assert r.correction_notice_due.date == D("2026-03-11")
    assert r.reply_due.date == D("2026-03-30")
    # 3/31 (21), 4/1–4/3 (24), 4/7–4/10 (28), 4/13–17 (33), 4/20–24 (38), 4/27 (39), 4/28 (40)
    assert r.extended_reply_due.date == D("2026-04-28")
    assert r.correction_notice_due.article == "《条例》第三十条"
    assert "第三十三条" in r.reply_due.article
    assert r.warnings == ()


def test_holidays_are_explained(cal: Calendar) -> None:
    r = compute_deadlines(D("2025-09-26"), calendar=cal)
    assert r.reply_due.date == D("2025-10-30")
    text = r.reply_due.explanation
    assert "国庆节" in text and "8 天" in text and "2025年9月28日" in text and "当日不计" in text


def test_receipt_day_counted_is_a_setting(cal: Calendar) -> None:
    r = compute_deadlines(D("2026-03-02"), rules=Rules(count_receipt_day=True), calendar=cal)
    assert r.reply_due.date == D("2026-03-27")
    assert r.correction_notice_due.date == D("2026-03-10")


def test_third_party_consultation_is_not_counted(cal: Calendar) -> None:
    ev = Events(consultations=(Consultation(ConsultationKind.THIRD_PARTY, D("2026-03-06"), D("2026-03-13")),))
    r = compute_deadlines(D("2026-03-02"), ev, calendar=cal)
    (third,) = r.consultation_replies
    assert third.date == D("2026-03-27")
    assert third.article == "《条例》第三十二条"
    # 5 working days (3/9–3/13) not counted: 20 + 5 = 25th working day after 3/2, across 清明
    assert r.reply_due.date == D("2026-04-07")
    assert "5 个工作日不计算在期限内" in r.reply_due.explanation


def test_open_consultation_runs_to_its_reply_date(cal: Calendar) -> None:
    ev = Events(consultations=(Consultation(ConsultationKind.AGENCY, D("2026-03-06")),))
    r = compute_deadlines(D("2026-03-02"), ev, calendar=cal)
    (agency,) = r.consultation_replies
    assert agency.date == D("2026-03-27")
    assert "视为同意" in agency.explanation
    assert r.reply_due.date == D("2026-04-21")


def test_overlapping_consultations_pause_once(cal: Calendar) -> None:
    ev = Events(
        consultations=(
            Consultation(ConsultationKind.THIRD_PARTY, D("2026-03-06"), D("2026-03-13")),
            Consultation(ConsultationKind.AGENCY, D("2026-03-10"), D("2026-03-12")),
        )
    )
    assert compute_deadlines(D("2026-03-02"), ev, calendar=cal).reply_due.date == D("2026-04-07")


def test_consultation_after_the_deadline_changes_nothing(cal: Calendar) -> None:
    ev = Events(consultations=(Consultation(ConsultationKind.THIRD_PARTY, D("2026-04-01"), D("2026-04-10")),))
    assert compute_deadlines(D("2026-03-02"), ev, calendar=cal).reply_due.date == D("2026-03-30")


def test_not_counted_days(cal: Calendar) -> None:
    r = compute_deadlines(D("2026-03-02"), Events(not_counted_days=5), calendar=cal)
    assert r.reply_due.date == D("2026-04-07")
    assert "第三十三条第三款" in r.reply_due.explanation


def test_correction_restarts_the_clock(cal: Calendar) -> None:
    waiting = compute_deadlines(D("2026-03-02"), Events(correction_notice_sent=D("2026-03-05")), calendar=cal)
    assert waiting.reply_due.date is None
    assert "补正" in waiting.reply_due.explanation
    assert waiting.status(D("2026-04-30")).state == "waiting"
    done = compute_deadlines(
        D("2026-03-02"),
        Events(correction_notice_sent=D("2026-03-05"), corrected_received=D("2026-03-16")),
        calendar=cal,
    )
    assert done.correction_notice_due.date == D("2026-03-11")
    assert done.reply_due.date == D("2026-04-14")
    assert "补正后" in done.reply_due.explanation


def test_late_correction_notice_is_noted(cal: Calendar) -> None:
    r = compute_deadlines(D("2026-03-02"), Events(correction_notice_sent=D("2026-03-12")), calendar=cal)
    assert any("晚于第三十条" in n for n in r.notes)


def test_deemed_abandoned(cal: Calendar) -> None:
    ev = Events(correction_notice_sent=D("2026-03-05"), abandoned_on=D("2026-03-25"))
    r = compute_deadlines(D("2026-03-02"), ev, calendar=cal)
    assert r.reply_due.date is None
    assert r.status(D("2026-04-30")).state == "abandoned"
    assert not r.status(D("2026-04-30")).overdue


def test_fee_payment_deadline(cal: Calendar) -> None:
    r = compute_deadlines(D("2026-03-02"), Events(fee_notice_received=D("2026-04-30")), calendar=cal)
    # 5/1–5/5 off, 5/6–5/8 (3), Sat 5/9 (4), 5/11–15 (9), 5/18–22 (14), 5/25–29 (19), 6/1 (20)
    assert r.fee_payment_due is not None
    assert r.fee_payment_due.date == D("2026-06-01")
    assert "109号" in r.fee_payment_due.article
    assert r.status(D("2026-06-02")).state == "fee_unpaid"
    assert any("收费通知应在申请处理期限内" in n for n in r.notes)


def test_fee_period_not_counted_is_a_setting(cal: Calendar) -> None:
    ev = Events(fee_notice_received=D("2026-03-20"), fee_paid=D("2026-03-27"))
    counted = compute_deadlines(D("2026-03-02"), ev, calendar=cal)
    assert counted.reply_due.date == D("2026-03-30")
    paused = compute_deadlines(D("2026-03-02"), ev, rules=Rules(fee_period_not_counted=True), calendar=cal)
    assert paused.reply_due.date == D("2026-04-07")


def test_overdue_and_extension(cal: Calendar) -> None:
    r = compute_deadlines(D("2026-03-02"), calendar=cal)
    assert r.status(D("2026-03-30")).overdue is False
    assert r.status(D("2026-03-30")).workdays_left == 0
    late = r.status(D("2026-03-31"))
    assert late.overdue and late.workdays_left == -1
    extended = compute_deadlines(D("2026-03-02"), Events(extension_approved=D("2026-03-25")), calendar=cal)
    assert extended.operative.date == D("2026-04-28")
    assert not extended.status(D("2026-04-28")).overdue
    assert extended.status(D("2026-04-29")).overdue
    replied_late = compute_deadlines(D("2026-03-02"), Events(replied_on=D("2026-04-01")), calendar=cal)
    assert replied_late.status(D("2026-05-01")).overdue
    replied = compute_deadlines(D("2026-03-02"), Events(replied_on=D("2026-03-20")), calendar=cal)
    assert replied.status(D("2026-05-01")).state == "replied" and not replied.status(D("2026-05-01")).overdue


def test_date_of_receipt_by_channel(cal: Calendar) -> None:
    assert date_of_receipt(Channel.IN_PERSON, D("2026-03-02")).date == D("2026-03-02")
    post = date_of_receipt(Channel.POST, D("2026-03-02"))
    assert "签收" in post.explanation and "第（二）项" in post.article
    net = date_of_receipt(Channel.INTERNET, D("2026-03-01"), D("2026-03-03"), calendar=cal)
    assert net.date == D("2026-03-03") and "第（三）项" in net.article
    pending = date_of_receipt(Channel.FAX, D("2026-03-01"))
    assert pending.warnings


def test_unpublished_year_warns_and_is_recomputed_once_configured(tmp_path) -> None:
    unknown = compute_deadlines(D("2026-12-10"), calendar=Calendar())
    assert unknown.reply_due.date == D("2027-01-07")
    assert any("2027年的节假日安排尚未配置" in w for w in unknown.reply_due.warnings)
    assert unknown.correction_notice_due.warnings == ()
    (tmp_path / "2027.toml").write_text(
        'year = 2027\n[[holiday]]\nname = "元旦"\nfrom = 2027-01-01\nto = 2027-01-03\n', encoding="utf-8"
    )
    known = compute_deadlines(D("2026-12-10"), calendar=Calendar(tmp_path))
    assert known.reply_due.date == D("2027-01-08")
    assert known.warnings == ()


@given(st.dates(min_value=date(2004, 1, 1), max_value=date(2026, 6, 30)), st.integers(0, 30))
def test_reply_due_follows_its_parts(received: date, extra: int) -> None:
    cal = CAL
    r = compute_deadlines(received, Events(not_counted_days=extra), calendar=cal)
    assert cal.between(received, r.reply_due.date) == 20 + extra
    assert cal.between(r.reply_due.date, r.extended_reply_due.date) == 20
    assert cal.between(received, r.correction_notice_due.date) == 7
    assert r.correction_notice_due.date < r.reply_due.date < r.extended_reply_due.date


CAL = Calendar()
