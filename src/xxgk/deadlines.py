"""The statutory dates of one disclosure request, computed on the working-day calendar.

Articles of the Regulation (国务院令第711号): Art 30 correction, Art 31 date of receipt, Art 32 third-party
consultation, Art 33 reply and extension, Art 33(3) consultation time not counted, Art 34 co-producing
agencies; fees under 国办函〔2020〕109号. Points the research notes mark unverified are fields of
:class:`Rules`, with the defaults of ``shared/spec/domain.md``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import Enum

from xxgk.workdays import Calendar, default_calendar, fmt


class Channel(Enum):
    """How the application arrived; decides which date is the date of receipt (Art 31)."""

    IN_PERSON = "当面提交"
    POST = "邮寄（需签收）"
    LETTER = "平常信函（无需签收）"
    INTERNET = "互联网渠道"
    FAX = "传真"


class ConsultationKind(Enum):
    THIRD_PARTY = "third_party"
    AGENCY = "agency"


@dataclass(frozen=True)
class Consultation:
    """A consultation letter sent on ``started``; ``ended`` is the day the reply came (None: still open)."""

    kind: ConsultationKind
    started: date
    ended: date | None = None


@dataclass(frozen=True)
class Events:
    """What has happened to the request so far. Every field is optional."""

    correction_notice_sent: date | None = None
    corrected_received: date | None = None
    abandoned_on: date | None = None
    consultations: tuple[Consultation, ...] = ()
    not_counted_days: int = 0
    extension_approved: date | None = None
    fee_notice_received: date | None = None
    fee_paid: date | None = None
    replied_on: date | None = None


@dataclass(frozen=True)
class Rules:
    """Counting conventions. ``count_receipt_day=False``: day 1 is the first working day after receipt.

    ``fee_period_not_counted``: whether the time from the fee notice to payment is left out of the reply
    period. The notes could not verify it in 国办函〔2020〕109号; the default (False) counts it, which can
    only make the reply date earlier, never unlawfully late.
    """

    count_receipt_day: bool = False
    correction_days: int = 7
    reply_days: int = 20
    extension_days: int = 20
    consultation_days: int = 15
    fee_payment_days: int = 20
    fee_period_not_counted: bool = False


@dataclass(frozen=True)
class Deadline:
    key: str
    label: str
    date: date | None
    article: str
    explanation: str
    warnings: tuple[str, ...] = ()

    def to_json(self) -> dict:
        return {
            "key": self.key,
            "label": self.label,
            "date": self.date.isoformat() if self.date else None,
            "article": self.article,
            "explanation": self.explanation,
            "warnings": list(self.warnings),
        }


@dataclass(frozen=True)
class Status:
    """Where the request stands on a given day."""

    on: date
    state: str
    overdue: bool
    due: date | None
    workdays_left: int | None
    message: str


@dataclass(frozen=True)
class RequestDeadlines:
    received: date
    receipt: Deadline
    correction_notice_due: Deadline
    reply_due: Deadline
    extended_reply_due: Deadline
    consultation_replies: tuple[Deadline, ...] = ()
    fee_payment_due: Deadline | None = None
    events: Events = field(default_factory=Events)
    notes: tuple[str, ...] = ()
    calendar: Calendar | None = field(default=None, repr=False, compare=False)

    def all(self) -> list[Deadline]:
        extra = [self.fee_payment_due] if self.fee_payment_due else []
        return [
            self.correction_notice_due,
            self.reply_due,
            self.extended_reply_due,
            *self.consultation_replies,
            *extra,
        ]

    @property
    def warnings(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for d in (self.receipt, *self.all()):
            seen.update(dict.fromkeys(d.warnings))
        return tuple(seen)

    @property
    def operative(self) -> Deadline:
        """The reply deadline in force: the extended one once an extension was approved."""
        return self.extended_reply_due if self.events.extension_approved else self.reply_due

    def status(self, on: date) -> Status:
        """Whether the request is overdue on ``on``."""
        ev = self.events
        cal = self.calendar or default_calendar()
        if ev.replied_on and ev.replied_on <= on:
            due = self.operative.date
            late = due is not None and ev.replied_on > due
            msg = f"已于{fmt(ev.replied_on)}答复" + (f"，晚于答复期限{fmt(due)}" if late and due else "")
            return Status(on, "replied", late, due, None, msg)
        if ev.abandoned_on and ev.abandoned_on <= on:
            return Status(
                on, "abandoned", False, None, None, f"已于{fmt(ev.abandoned_on)}视为放弃申请，不再处理"
            )
        if (
            self.fee_payment_due
            and self.fee_payment_due.date
            and not ev.fee_paid
            and on > self.fee_payment_due.date
        ):
            return Status(
                on,
                "fee_unpaid",
                False,
                None,
                None,
                f"申请人未在{fmt(self.fee_payment_due.date)}前缴费，视为放弃申请（其他处理／逾期未缴费）",
            )
        due = self.operative.date
        if due is None:
            return Status(on, "waiting", False, None, None, self.operative.explanation)
        left = cal.between(on, due)
        if on > due:
            return Status(
                on,
                "overdue",
                True,
                due,
                left,
                f"已超过{self.operative.label}{fmt(due)}，逾期 {-left} 个工作日",
            )
        return Status(
            on, "open", False, due, left, f"{self.operative.label}为{fmt(due)}，还剩 {left} 个工作日"
        )

    def to_json(self) -> dict:
        return {
            "received": self.received.isoformat(),
            "receipt": self.receipt.to_json(),
            "correction_notice_due": _iso(self.correction_notice_due),
            "reply_due": _iso(self.reply_due),
            "extended_reply_due": _iso(self.extended_reply_due),
            "operative_reply_due": _iso(self.operative),
            "consultation_replies": [_iso(c) for c in self.consultation_replies],
            "fee_payment_due": _iso(self.fee_payment_due) if self.fee_payment_due else None,
            "deadlines": [d.to_json() for d in self.all()],
            "notes": list(self.notes),
            "warnings": list(self.warnings),
        }


def _iso(d: Deadline) -> str | None:
    return d.date.isoformat() if d.date else None


def date_of_receipt(
    channel: Channel, submitted: date, confirmed: date | None = None, *, calendar: Calendar | None = None
) -> Deadline:
    """The date of receipt under Art 31, explained.

    ``submitted``: the day handed in (in person) or signed for (post); for ordinary letters, internet and
    fax it is the day the application arrived, and ``confirmed`` the day of confirmation.
    """
    cal = calendar or default_calendar()
    if channel is Channel.IN_PERSON:
        return Deadline(
            "received",
            "收到申请之日",
            submitted,
            "《条例》第三十一条第（一）项",
            "当面提交，以提交之日为收到申请之日",
        )
    if channel is Channel.POST:
        return Deadline(
            "received",
            "收到申请之日",
            submitted,
            "《条例》第三十一条第（二）项",
            "邮寄，以签收之日为收到申请之日",
        )
    article = "《条例》第三十一条第（二）项" if channel is Channel.LETTER else "《条例》第三十一条第（三）项"
    rule = "以与申请人确认之日为收到申请之日" if channel is Channel.LETTER else "以双方确认之日为收到申请之日"
    if confirmed is None:
        return Deadline(
            "received",
            "收到申请之日",
            submitted,
            article,
            f"{channel.value}，{rule}；尚未记录确认日期，暂按{fmt(submitted)}计算",
            ("尚未记录确认日期，收到申请之日暂按提交日计算，确认后请更新",),
        )
    notes: tuple[str, ...] = ()
    if confirmed < submitted:
        notes = (f"确认日期{fmt(confirmed)}早于提交日期{fmt(submitted)}，请核对",)
    elif channel is Channel.LETTER and cal.between(submitted, confirmed) > 0:
        notes = ("平常信函应在收到当日与申请人确认，确认日期晚于收到日期",)
    return Deadline("received", "收到申请之日", confirmed, article, f"{channel.value}，{rule}", notes)


def _day_zero(received: date, rules: Rules) -> date:
    return received - timedelta(days=1) if rules.count_receipt_day else received


def _counting(rules: Rules) -> str:
    return "收到当日计入" if rules.count_receipt_day else "当日不计，自次日起算"


def _merge(pauses: list[tuple[date, date, str]]) -> list[tuple[date, date, list[str]]]:
    merged: list[tuple[date, date, list[str]]] = []
    for s, e, why in sorted(pauses):
        if merged and s <= merged[-1][1]:
            ps, pe, whys = merged[-1]
            merged[-1] = (ps, max(pe, e), [*whys, why])
        else:
            merged.append((s, e, [why]))
    return merged


def _clock(
    cal: Calendar, start: date, budget: int, pauses: list[tuple[date, date, str]]
) -> tuple[date, list[str]]:
    """The budget-th working day after ``start``, where working days in each pause (s, e] do not count."""
    cursor, remaining, notes = start, budget, []
    for s, e, whys in _merge(pauses):
        if e <= cursor:
            continue
        s = max(s, cursor)
        available = cal.between(cursor, s)
        if remaining <= available:
            break
        remaining -= available
        skipped = cal.between(s, e)
        notes.append(
            f"{'、'.join(whys)}：{fmt(s)}（当日计入）之后至{fmt(e)}的 {skipped} 个工作日不计算在期限内"
        )
        cursor = e
    return cal.add(cursor, remaining), notes


def compute_deadlines(
    received: date,
    events: Events | None = None,
    *,
    rules: Rules | None = None,
    calendar: Calendar | None = None,
    receipt: Deadline | None = None,
) -> RequestDeadlines:
    """Every statutory date of a request received on ``received``, given the events so far."""
    ev = events or Events()
    rules = rules or Rules()
    cal = calendar or default_calendar()
    receipt = receipt or Deadline("received", "收到申请之日", received, "《条例》第三十一条", "收到申请之日")
    notes: list[str] = []
    if ev.not_counted_days < 0:
        raise ValueError("不计算在期限内的工作日数不能为负数")

    zero = _day_zero(received, rules)
    due = cal.add(zero, rules.correction_days)
    stretch = cal.stretch(zero, due)
    correction = Deadline(
        "correction_notice_due",
        "补正通知期限",
        due,
        "《条例》第三十条",
        f"自收到申请之日{fmt(received)}起{rules.correction_days}个工作日内一次性告知补正（{_counting(rules)}）；"
        f"{stretch.skipped()}。",
        stretch.warnings,
    )
    if ev.correction_notice_sent and ev.correction_notice_sent > due:
        notes.append(f"补正通知于{fmt(ev.correction_notice_sent)}发出，晚于第三十条规定的期限{fmt(due)}")

    pauses: list[tuple[date, date, str]] = []
    consultation_replies = []
    for c in ev.consultations:
        third = c.kind is ConsultationKind.THIRD_PARTY
        reply = cal.add(c.started, rules.consultation_days)
        stretch = cal.stretch(c.started, reply)
        who = "第三方" if third else "其他机关"
        silence = (
            "逾期未提出意见的，由行政机关依照条例规定决定是否公开"
            if third
            else "逾期未提出意见的，视为同意公开"
        )
        state = f"已于{fmt(c.ended)}收到意见" if c.ended else "尚未收到意见"
        consultation_replies.append(
            Deadline(
                f"{c.kind.value}_reply_due",
                f"{who}提出意见期限",
                reply,
                "《条例》第三十二条" if third else "《条例》第三十四条",
                f"自{fmt(c.started)}发出征求意见书起{rules.consultation_days}个工作日内提出意见（发出当日视为收到，"
                f"次日起算）；{silence}；{state}；{stretch.skipped()}。",
                stretch.warnings,
            )
        )
        pauses.append((c.started, c.ended or reply, f"征求{who}意见（第三十三条第三款）"))

    fee_due = None
    if ev.fee_notice_received:
        pay = cal.add(ev.fee_notice_received, rules.fee_payment_days)
        stretch = cal.stretch(ev.fee_notice_received, pay)
        state = f"已于{fmt(ev.fee_paid)}缴费" if ev.fee_paid else "尚未缴费"
        fee_due = Deadline(
            "fee_payment_due",
            "缴费期限",
            pay,
            "国办函〔2020〕109号",
            f"自收到收费通知（{fmt(ev.fee_notice_received)}）次日起{rules.fee_payment_days}个工作日内缴纳，"
            f"逾期视为放弃申请；{state}；{stretch.skipped()}。",
            stretch.warnings,
        )
        if ev.fee_paid and ev.fee_paid > pay:
            notes.append(f"缴费日{fmt(ev.fee_paid)}晚于缴费期限{fmt(pay)}")
        if rules.fee_period_not_counted:
            pauses.append((ev.fee_notice_received, ev.fee_paid or pay, "收费通知至缴费期间"))

    start_from, start_why = zero, f"收到申请之日{fmt(received)}"
    if ev.corrected_received:
        start_from = _day_zero(ev.corrected_received, rules)
        start_why = (
            f"收到补正后申请之日{fmt(ev.corrected_received)}（第三十条：答复期限自收到补正的申请之日起计算）"
        )

    def reply(key: str, label: str, budget: int, article: str) -> Deadline:
        if ev.abandoned_on:
            return Deadline(
                key,
                label,
                None,
                article,
                f"申请人逾期未补正，已于{fmt(ev.abandoned_on)}视为放弃申请（第三十条）",
            )
        if ev.correction_notice_sent and not ev.corrected_received:
            return Deadline(
                key,
                label,
                None,
                article,
                f"已于{fmt(ev.correction_notice_sent)}通知补正，答复期限自收到补正后的申请之日起重新计算（第三十条）",
            )
        extra = ev.not_counted_days
        end, pause_notes = _clock(cal, start_from, budget + extra, pauses)
        stretch = cal.stretch(start_from, end)
        parts = [f"自{start_why}起{budget}个工作日（{_counting(rules)}）", stretch.skipped(), *pause_notes]
        if extra:
            parts.append(f"另有 {extra} 个工作日的征求意见等时间不计算在期限内（第三十三条第三款）")
        return Deadline(key, label, end, article, "；".join(parts) + "。", stretch.warnings)

    reply_due = reply("reply_due", "答复期限", rules.reply_days, "《条例》第三十三条第二款")
    extended = reply(
        "extended_reply_due",
        "延长后的答复期限",
        rules.reply_days + rules.extension_days,
        "《条例》第三十三条第二款",
    )
    if ev.extension_approved and reply_due.date and ev.extension_approved > reply_due.date:
        notes.append(f"延长答复期限于{fmt(ev.extension_approved)}批准，晚于原答复期限{fmt(reply_due.date)}")
    if fee_due and reply_due.date:
        limit = (extended if ev.extension_approved else reply_due).date
        if limit and ev.fee_notice_received and ev.fee_notice_received > limit:
            notes.append("收费通知应在申请处理期限内发出，本件发出时已超过答复期限")
    return RequestDeadlines(
        received=received,
        receipt=receipt,
        correction_notice_due=correction,
        reply_due=reply_due,
        extended_reply_due=extended,
        consultation_replies=tuple(consultation_replies),
        fee_payment_due=fee_due,
        events=ev,
        notes=tuple(notes),
        calendar=cal,
    )
