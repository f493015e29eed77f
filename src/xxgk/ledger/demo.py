"""Demo requests for an agency: a few years of applications driven through the real services, so
every event, date and explanation is what a clerk's work would have produced. Seeded: every run
gives the same ledger. Steps that would fall after today are not taken, so the latest requests stay
open in whatever state they reached (every state appears).
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from xxgk.agencies.models import Agency
from xxgk.ledger import services
from xxgk.ledger.models import Department, Request
from xxgk.ledger.vocabulary import OUTCOME_KEYS
from xxgk.workdays import default_calendar

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = ("伟", "芳", "娜", "敏", "静", "强", "磊", "洋", "艳", "勇", "军", "杰", "娟", "涛", "明", "超")
ORGANISATIONS = {
    "commercial": ("{place}鑫源煤业有限公司", "{place}宏达建筑工程有限公司", "{place}绿野农业开发有限公司"),
    "research": ("山西省社会科学院", "{place}农业科学研究所"),
    "nonprofit": ("{place}环保志愿者协会", "{place}慈善总会"),
    "legal": ("山西晋和律师事务所", "{place}法律援助中心"),
    "other": ("{place}某村村民委员会", "{place}业主委员会"),
}
SUBJECTS = (
    "{year}年度部门预算及“三公”经费决算",
    "某村集体土地征收补偿安置方案及批复文件",
    "某建设项目环境影响评价报告书及审批意见",
    "某路段拓宽改造工程的立项和招投标文件",
    "本单位{year}年行政处罚决定书",
    "义务教育阶段学校招生划片方案",
    "城乡低保对象名单及审核材料",
    "某小区规划许可证及总平面图",
    "河道采砂许可审批材料",
    "农村危房改造补助资金发放明细",
)
APPLICANT_WEIGHTS = {"natural": 70, "commercial": 14, "research": 3, "nonprofit": 4, "legal": 6, "other": 3}
CHANNEL_WEIGHTS = {"in_person": 25, "post": 20, "letter": 5, "internet": 45, "fax": 5}
ONLINE_CHANNELS = {"letter", "internet", "fax"}
REPLY_METHODS = ("post", "email", "pickup", "online")
WITHHELD = sorted(k for k in OUTCOME_KEYS if k.startswith(("withheld.", "unavailable.", "not_handled.")))


@dataclass
class Staff:
    clerk: Any
    handler: Any | None
    approver: Any
    office_head: Any
    department: Department | None


@dataclass
class Plan:
    """One request's story: the outcome and the detours on the way."""

    outcome: str
    correction: str | None = None  # "answered" | "lapsed"
    consult: bool = False
    extend: bool = False
    fee: str | None = None  # "paid" | "lapsed"
    withdraw: bool = False
    late: bool = False


def _plan(rng: random.Random) -> Plan:
    roll = rng.random()
    if roll < 0.05:
        return Plan("other.no_correction", correction="lapsed")
    if roll < 0.08:
        return Plan("other.no_fee", fee="lapsed")
    if roll < 0.12:
        return Plan("other.other", withdraw=True)
    if roll < 0.45:
        outcome = "granted"
    elif roll < 0.60:
        outcome = "partly_granted"
    else:
        outcome = rng.choice(WITHHELD)
    return Plan(
        outcome,
        correction="answered" if rng.random() < 0.12 or outcome == "unavailable.unclear" else None,
        consult=outcome in {"partly_granted", "withheld.third_party"} or rng.random() < 0.05,
        extend=rng.random() < 0.12,
        fee="paid" if rng.random() < 0.04 else None,
        late=rng.random() < 0.04,
    )


class Story:
    """Runs a plan through the services, one dated step at a time, stopping before tomorrow."""

    def __init__(self, req: Request, staff: Staff, rng: random.Random, today: date) -> None:
        self.req, self.staff, self.rng, self.today = req, staff, rng, today
        self.cal = default_calendar()
        self.on = req.received_on

    def step(self, days: int, action: Callable[..., Any], who: Any, **kw: Any) -> bool:
        """Take ``action`` ``days`` working days after the last step; False once that is in the future."""
        when = self.cal.add(self.on, days) if days else self.on
        if when > self.today:
            return False
        action(self.req.pk, who, **{k: (when if v is _ON else v) for k, v in kw.items()})
        self.on = when
        return True

    def run(self, plan: Plan) -> None:
        s, rng = self.staff, self.rng
        if plan.withdraw:
            self.step(rng.randint(1, 8), services.withdraw, s.clerk, on=_ON, reason="申请人书面撤回申请")
            return
        if plan.correction:
            correct_by = self.cal.add(self.cal.add(self.on, 3), 15)
            if not self.step(
                rng.randint(1, 6),
                services.request_correction,
                s.clerk,
                sent_on=_ON,
                correct_by=correct_by,
                what="请明确所需政府信息的名称、文号或者便于查询的其他特征性描述",
            ):
                return
            if plan.correction == "lapsed":
                self.on = correct_by
                self.step(1, services.lapse_correction, s.clerk, on=_ON)
                return
            if not self.step(rng.randint(2, 10), services.receive_correction, s.clerk, received_on=_ON):
                return
        if s.handler and not self.step(1, services.assign, s.clerk, on=_ON, handler=s.handler):
            return
        if plan.fee and not self._fee(plan):
            return
        if plan.consult:
            if not self.step(
                rng.randint(1, 4),
                services.start_consultation,
                s.clerk,
                sent_on=_ON,
                kind="third_party",
                party="相关第三方企业",
            ):
                return
            if not self.step(
                rng.randint(5, 15), services.end_consultation, s.clerk, answered_on=_ON, opinion="不同意公开"
            ):
                return
        if plan.extend and not self.step(
            rng.randint(8, 12),
            services.approve_extension,
            s.office_head,
            approved_on=_ON,
            reason="需要调取历史档案",
        ):
            return
        budget = 30 if plan.late else rng.randint(2, 12)
        if not self.step(
            budget,
            services.propose_reply,
            s.handler or s.clerk,
            on=_ON,
            outcome=plan.outcome,
            reason="" if not plan.outcome.startswith("other.") else "其他情形",
        ):
            return
        if not self.step(
            rng.randint(0, 2), services.reply, s.approver, replied_on=_ON, method=rng.choice(REPLY_METHODS)
        ):
            return
        if self.step(rng.randint(1, 4), services.deliver, s.clerk, delivered_on=_ON, proof="邮寄送达回执"):
            self.step(rng.randint(10, 40), services.archive, s.clerk, archived_on=_ON)

    def _fee(self, plan: Plan) -> bool:
        s = self.staff
        when = self.cal.add(self.on, 2)
        if when > self.today:
            return False
        services.issue_fee_notice(
            self.req.pk, s.clerk, issued_on=when, scale="per_page", units=self.rng.randint(60, 260)
        )
        self.on = when
        if not self.step(2, services.fee_notice_received, s.clerk, on=_ON):
            return False
        if plan.fee == "lapsed":
            due = Request.objects.get(pk=self.req.pk).applicant_due
            self.on = due
            self.step(1, services.lapse_fee, s.clerk, on=_ON)
            return False
        return self.step(
            5, services.record_payment, s.clerk, paid_on=_ON, receipt_number=f"FS{self.req.pk:06d}"
        )


_ON = object()
"""Marks the argument that takes the step's date."""


def _name(rng: random.Random, kind: str, place: str) -> str:
    if kind == "natural":
        return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.randint(1, 2)))
    return rng.choice(ORGANISATIONS[kind]).format(place=place)


def _weighted(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _applicant(rng: random.Random, place: str, year: int) -> dict[str, str]:
    kind = _weighted(rng, APPLICANT_WEIGHTS)
    fields = {
        "applicant_type": kind,
        "applicant_name": _name(rng, kind, place),
        "phone": f"1{rng.choice('3578')}{rng.randint(0, 999_999_999):09d}",
        "address": f"山西省忻州市{place}{rng.randint(1, 200)}号",
        "postcode": "036400",
        "description": rng.choice(SUBJECTS).format(year=year - 1),
        "obtain_method": rng.choice(("post", "email", "pickup", "online")),
        "carrier": rng.choice(("paper", "electronic")),
    }
    if kind == "natural":
        birth = date(1950, 1, 1) + timedelta(days=rng.randint(0, 18_000))
        fields |= {
            "id_type": "id_card",
            "id_number": f"1409{rng.randint(10, 99)}{birth:%Y%m%d}{rng.randint(0, 9999):04d}",
        }
    else:
        fields |= {"id_type": "uscc", "contact_person": _name(rng, "natural", place)}
    return fields


def fill_requests(
    agency: Agency, staff: Staff, years: range, *, per_year: int, today: date, seed: int = 2024
) -> Counter:
    """``per_year`` requests a year for ``agency``; returns the count per state."""
    rng = random.Random(f"{seed}-{agency.code}")
    cal = default_calendar()
    for year in years:
        last = min(date(year, 12, 31), today)
        span = (last - date(year, 1, 1)).days
        count = per_year if last.year < today.year else max(3, per_year * span // 365)
        for _ in range(count):
            day = date(year, 1, 1) + timedelta(days=rng.randint(0, span))
            while not cal.is_workday(day):
                day -= timedelta(days=1)
            if day.year != year:
                continue
            _one(agency, staff, rng, day, year, today)
    return Counter(Request.objects.filter(agency=agency).values_list("state", flat=True))


def _one(agency: Agency, staff: Staff, rng: random.Random, day: date, year: int, today: date) -> None:
    from django.utils import timezone

    chan = _weighted(rng, CHANNEL_WEIGHTS)
    fields = _applicant(rng, agency.name.removesuffix("人民政府"), year)
    recent = (today - day).days < 20
    if chan == "internet" and recent and rng.random() < 0.3:
        at = timezone.make_aware(timezone.datetime(day.year, day.month, day.day, 10, rng.randint(0, 59)))
        services.submit_online(agency, submitted_at=at, **fields)
        return
    confirmed = day if chan in ONLINE_CHANNELS else None
    req = services.register(
        agency, staff.clerk, channel=chan, submitted_on=day, confirmed_on=confirmed, **fields
    )
    Story(req, staff, rng, today).run(_plan(rng))


OPEN_STEPS = (
    "draft",
    "registered",
    "awaiting_correction",
    "in_progress",
    "consulting",
    "awaiting_fee",
    "under_review",
    "replied",
    "delivered",
)


def showcase(agency: Agency, staff: Staff, today: date) -> int:
    """One request for every outcome (in the year before ``today``'s), one in every open state and an
    overdue one (received recently), and one carried over from December into January."""
    rng = random.Random(f"showcase-{agency.code}")
    cal = default_calendar()
    made = 0
    year = today.year - 1
    for i, outcome in enumerate(sorted(OUTCOME_KEYS)):
        day = cal.add(date(year, 3, 1), i * 7)
        plan = Plan(
            outcome,
            correction="lapsed" if outcome == "other.no_correction" else None,
            fee="lapsed" if outcome == "other.no_fee" else None,
            withdraw=outcome == "other.other",
        )
        req = _register(agency, staff, rng, day)
        Story(req, staff, rng, today).run(plan)
        made += 1
    december = _register(agency, staff, rng, cal.add(date(year, 12, 31), -3))
    Story(december, staff, rng, today).run(Plan("granted"))
    recent = cal.add(today, -6)
    for state in OPEN_STEPS:
        made += 1
        if state == "draft":
            from django.utils import timezone

            at = timezone.make_aware(timezone.datetime(today.year, today.month, today.day, 9, 30))
            services.submit_online(agency, submitted_at=at, **_applicant(rng, agency.name, today.year))
            continue
        req = _register(agency, staff, rng, recent)
        _advance(req, staff, state, cal.add(recent, 1))
    overdue = _register(agency, staff, rng, cal.add(today, -30))
    services.assign(overdue.pk, staff.clerk, on=cal.add(today, -29), handler=staff.handler)
    return made + 2


def _register(agency: Agency, staff: Staff, rng: random.Random, day: date) -> Request:
    fields = _applicant(rng, agency.name.removesuffix("人民政府"), day.year)
    return services.register(agency, staff.clerk, channel="in_person", submitted_on=day, **fields)


def _advance(req: Request, staff: Staff, state: str, on: date) -> None:
    """Take ``req`` from registered to ``state`` on ``on``."""
    pk, clerk = req.pk, staff.clerk
    if state == "registered":
        return
    if state == "awaiting_correction":
        services.request_correction(
            pk, clerk, sent_on=on, correct_by=on + timedelta(days=21), what="请写明所需信息的名称或文号"
        )
        return
    services.assign(pk, clerk, on=on, handler=staff.handler)
    if state == "consulting":
        services.start_consultation(pk, clerk, sent_on=on, kind="agency", party="演示县发展和改革局")
    elif state == "awaiting_fee":
        services.issue_fee_notice(pk, clerk, issued_on=on, scale="per_page", units=120, received_on=on)
    elif state in {"under_review", "replied", "delivered"}:
        services.propose_reply(pk, staff.handler or clerk, on=on, outcome="granted")
        if state != "under_review":
            services.reply(pk, staff.approver, replied_on=on, method="email")
        if state == "delivered":
            services.deliver(pk, clerk, delivered_on=on, proof="电子邮件送达")
