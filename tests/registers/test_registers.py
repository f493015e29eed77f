"""The registers: actions, permissions, validation in Chinese, history, and their numbers in the report."""

from __future__ import annotations

import itertools
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from xxgk.agencies import services as agencies
from xxgk.agencies.models import Role
from xxgk.annual.counting import Ledgers, count
from xxgk.registers import records, services
from xxgk.registers.models import Case, Document

pytestmark = pytest.mark.django_db
PASSWORD = "Kx9#long-pass"


@pytest.fixture
def agency():
    gov = agencies.create_agency("pgx", "偏关县人民政府")
    agencies.create_agency("hqx", "河曲县人民政府")
    return gov


@pytest.fixture
def clerk(agency):
    return agencies.create_user("clerk", PASSWORD, agency="pgx", role=Role.CLERK).user


def test_only_the_agencys_clerk_keeps_its_registers(agency, clerk):
    other = agencies.create_user("other", PASSWORD, agency="hqx", role=Role.CLERK).user
    boss = agencies.create_user("boss", PASSWORD, agency="pgx", role=Role.SUPERVISOR).user
    handler = agencies.create_user("h", PASSWORD, agency="pgx", role=Role.HANDLER).user
    for user in (other, boss, handler):
        with pytest.raises(PermissionDenied):
            services.record_document(user, agency, kind="normative", title="x", issued_on=date(2024, 1, 1))
    assert boss.has_perm("registers.view", agency) and not boss.has_perm("registers.edit", agency)
    assert not other.has_perm("registers.view", agency)
    assert Document.objects.count() == 0


def test_bad_dates_are_refused_in_chinese_and_nothing_is_written(agency, clerk):
    with pytest.raises(ValidationError, match="废止日期不能早于制发日期"):
        services.record_document(
            clerk,
            agency,
            kind="rules",
            title="办法",
            issued_on=date(2024, 5, 1),
            repealed_on=date(2024, 4, 1),
        )
    with pytest.raises(ValidationError, match="结果与审结日期必须同时填写"):
        services.file_case(clerk, agency, kind="review", filed_on=date(2024, 1, 1), ruling="upheld")
    with pytest.raises(ValidationError, match="只有行政诉讼"):
        services.file_case(clerk, agency, kind="review", after_review=True, filed_on=date(2024, 1, 1))
    assert not Document.objects.exists() and not Case.objects.exists()


def test_every_change_is_kept_with_who_and_when(agency, clerk):
    doc = services.record_document(clerk, agency, kind="normative", title="规定", issued_on=date(2023, 3, 1))
    services.repeal_document(clerk, doc, date(2024, 6, 1))
    history = list(Document.objects.get(pk=doc.pk).history.order_by("history_date"))
    assert [h.repealed_on for h in history] == [None, date(2024, 6, 1)]
    assert {h.history_user for h in history} == {clerk}
    assert history[1].diff_against(history[0]).changed_fields == ["repealed_on"]
    with pytest.raises(ValidationError, match="已于 2024-06-01 废止"):
        services.repeal_document(clerk, doc, date(2024, 7, 1))


def test_the_registers_feed_sections_two_and_four(agency, clerk):
    services.record_document(
        clerk, agency, kind="normative", title="甲", issued_on=date(2024, 2, 1), published_on=date(2024, 2, 8)
    )
    old = services.record_document(clerk, agency, kind="normative", title="乙", issued_on=date(2020, 2, 1))
    services.repeal_document(clerk, old, date(2024, 9, 1))
    for month in (1, 2, 3):
        services.set_decisions(clerk, agency, "penalty", 2024, month, 5)
    services.set_decisions(clerk, agency, "penalty", 2024, 3, 7)
    services.set_fee_income(clerk, agency, 2024, Decimal("12.5"))
    review = services.file_case(clerk, agency, kind="review", filed_on=date(2024, 3, 1))
    services.conclude_case(clerk, review, "revoked", date(2024, 5, 1))
    services.file_case(clerk, agency, kind="suit", after_review=True, filed_on=date(2024, 11, 1))
    scope = [agency]
    led = Ledgers(
        documents=records.documents(scope),
        decisions=records.decisions(scope),
        fees=records.fees(scope),
        cases=records.cases(scope),
    )
    c = count(led, 2024, "2021").report.cells
    assert (c["s2.normative.issued"], c["s2.normative.repealed"], c["s2.normative.in_force"]) == (1, 1, 1)
    assert c["s2.penalty.decisions"] == 5 + 5 + 7
    assert c["s2.fee.amount"] == 12.5
    assert (c["s4.review.corrected"], c["s4.review.total"]) == (1, 1)
    assert (c["s4.suit_after_review.pending"], c["s4.suit_direct.total"]) == (1, 0)


def test_demo_registers_give_reports_that_chain_across_years(agency):
    from xxgk.check import check_pair, check_report
    from xxgk.registers import demo
    from xxgk.registers.models import DecisionTally

    made = demo.fill(agency, range(2019, 2025))
    assert all(made[k] > 0 for k in ("documents", "catalogue", "decisions", "fees", "procurements"))
    assert DecisionTally.objects.first().history.exists()
    scope = [agency]
    led = Ledgers(
        documents=records.documents(scope),
        catalogue=records.catalogue(scope),
        decisions=records.decisions(scope),
        fees=records.fees(scope),
        procurements=records.procurements(scope),
        cases=records.cases(scope),
    )
    reports = [count(led, y, "2019" if y <= 2020 else "2021").report for y in range(2019, 2025)]
    for before, after in itertools.pairwise(reports):
        assert [f for f in check_report(after) if f.severity == "error"] == []
        assert check_pair(before, after) == []
    assert reports[-1].cells["s2.normative.in_force"] > 0
