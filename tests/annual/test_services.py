"""The annual report from the database: computed, consolidated, drafted, rendered, and its year closed."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xxgk.agencies import services as agencies
from xxgk.agencies.models import Agency, Role
from xxgk.annual import services
from xxgk.annual.models import ClosedYear
from xxgk.check import check_report
from xxgk.ledger.models import Request
from xxgk.ledger.vocabulary import OUTCOME_KEYS
from xxgk.registers import services as registers
from xxgk.render import render

pytestmark = pytest.mark.django_db
PASSWORD = "Kx9#long-pass"


@pytest.fixture
def tree(make_request):
    gov = agencies.create_agency("pgx", "偏关县人民政府")
    edu = agencies.create_agency("pgx-jy", "偏关县教育局", parent="pgx")
    make_request(gov, "natural", date(2023, 12, 20), date(2024, 1, 10), "granted")
    make_request(gov, "natural", date(2024, 3, 1), date(2024, 3, 15), "other.no_correction")
    make_request(gov, "legal", date(2024, 12, 28))
    make_request(edu, "commercial", date(2024, 5, 5), date(2024, 5, 20), "withheld.third_party")
    make_request(edu, "natural", date(2024, 6, 1), counts_in_report=False)
    return gov, edu


def test_the_report_counts_the_agencys_own_requests(tree):
    gov, _ = tree
    c = services.compute_report(gov, 2024).report.cells
    assert (c["s3.received.total"], c["s3.carried_over.natural"], c["s3.carried_forward.legal"]) == (2, 1, 1)
    assert (c["s3.granted.natural"], c["s3.other.no_correction.total"], c["s3.total.total"]) == (1, 1, 2)


def test_a_parent_sums_its_subtree(tree):
    gov, edu = tree
    whole = services.compute_report(gov, 2024, consolidated=True).report.cells
    parts = [services.compute_report(a, 2024).report.cells for a in (gov, edu)]
    assert whole == {k: sum(p[k] for p in parts) for k in whole}
    assert whole["s3.withheld.third_party.commercial"] == 1


def test_the_draft_agrees_with_the_tables_for_the_checker(tree):
    gov, _ = tree
    for year, edition in ((2024, "2021"), (2024, "2019")):
        report = services.compute_report(gov, year, edition).report
        findings = check_report(report, today=date(2025, 1, 5))
        assert [f.rule for f in findings if f.rule in ("narrative-mismatch", "fee-not-stated")] == []
        assert [f for f in findings if f.severity == "error"] == []
        assert "新收政府信息公开申请2件" in report.sections["overview"]


def test_the_drill_down_names_the_requests(tree):
    gov, _ = tree
    counted = services.compute_report(gov, 2024)
    carried = Request.objects.get(received_on=date(2023, 12, 20))
    assert counted.behind("s3.carried_over.natural") == [carried.pk]


@pytest.mark.parametrize("fmt", ["docx", "html", "xlsx", "json"])
def test_rendered_with_the_core_renderers(tree, fmt):
    gov, _ = tree
    data = render(services.compute_report(gov, 2024).report, fmt)
    assert len(data) > 1000
    if fmt == "html":
        assert "偏关县人民政府" in data.decode()


def test_closing_a_year_freezes_its_numbers(tree, make_request):
    gov, _ = tree
    head = agencies.create_user("head", PASSWORD, agency="pgx", role=Role.HEAD).user
    clerk = agencies.create_user("clerk", PASSWORD, agency="pgx", role=Role.CLERK).user
    with pytest.raises(PermissionDenied):
        services.close_year(gov, 2024, user=clerk, today=date(2025, 1, 10))
    with pytest.raises(ValidationError, match="尚未结束"):
        services.close_year(gov, 2024, user=head, today=date(2024, 12, 30))
    snap = services.close_year(gov, 2024, user=head, today=date(2025, 1, 10))
    assert snap.report["cells"]["s3.carried_forward.total"] == 1
    with pytest.raises(ValidationError, match="已于此前关账"):
        services.close_year(gov, 2024, user=head, today=date(2025, 1, 10))

    answered = Request.objects.get(received_on=date(2024, 3, 1))
    answered.outcome = "granted"
    with pytest.raises(ValidationError, match="2024年度已关账"):
        answered.save()
    with pytest.raises(ValidationError, match="2024年度已关账"), transaction.atomic():
        Request.objects.get(pk=answered.pk).delete()
    carried = Request.objects.get(received_on=date(2024, 12, 28))
    carried.closed_on, carried.outcome = date(2025, 1, 6), "granted"
    carried.save()  # answered after the closed year: 2024 still reads 结转下年度
    make_request(gov, "natural", date(2025, 1, 2))
    with pytest.raises(ValidationError, match="2024年度已关账"):
        registers.record_document(clerk, gov, kind="rules", title="办法", issued_on=date(2024, 5, 1))
    registers.record_document(clerk, gov, kind="rules", title="办法", issued_on=date(2025, 5, 1))

    report, frozen = services.report_for(gov, 2024)
    assert frozen and report.cells == services.compute_report(gov, 2024).report.cells
    assert ClosedYear.objects.get().closed_by == head


def test_next_years_carried_over_is_checked_against_the_closed_year(tree):
    gov, _ = tree
    services.close_year(gov, 2024, today=date(2025, 3, 1))
    snap = services.close_year(gov, 2025, today=date(2026, 3, 1))
    assert [f["rule"] for f in snap.report["findings"] if f["rule"] == "identity-5"] == []
    assert snap.report["cells"]["s3.carried_over.legal"] == 1


APPLICANTS = ("natural", "commercial", "research", "nonprofit", "legal", "other")


@settings(max_examples=15, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(APPLICANTS),
            st.dates(date(2019, 6, 1), date(2022, 6, 30)),
            st.none() | st.integers(0, 400),
            st.sampled_from(sorted(OUTCOME_KEYS)),
        ),
        max_size=40,
    ),
    st.sampled_from(["2019", "2021"]),
)
def test_the_database_counts_as_the_records_do(make_request, rows, edition_name):
    """The fast path (the database groups and counts) and the drill-down path agree on any ledger."""
    Request.objects.all().delete()
    gov = Agency.objects.filter(code="pgx").first() or agencies.create_agency("pgx", "偏关县人民政府")
    for applicant, received, days, outcome in rows:
        closed = received + timedelta(days=days) if days is not None else None
        make_request(gov, applicant, received, closed, outcome if closed else "")
    for year in (2020, 2021, 2022):
        fast = services.compute_report(gov, year, edition_name, drilldown=False).report.cells
        assert fast == services.compute_report(gov, year, edition_name).report.cells


def test_section_six_states_the_processing_fees_paid_in_the_year(tree):
    from xxgk.ledger.models import FeeCharge

    gov, _ = tree
    req = Request.objects.filter(agency=gov).first()
    for paid_on, amount in ((date(2024, 4, 1), 100), (date(2024, 9, 1), 200), (date(2025, 1, 3), 400)):
        FeeCharge.objects.create(
            request=req, scale="per_request", units=12, amount=amount, issued_on=paid_on, paid_on=paid_on
        )
    report = services.compute_report(gov, 2024).report
    assert "收取信息处理费300元" in report.sections["other"]
    assert not [f for f in check_report(report, today=date(2025, 1, 5)) if f.rule == "fee-not-stated"]


def test_a_consolidated_close_freezes_the_subordinates_too(tree, make_request):
    gov, edu = tree
    services.close_year(gov, 2024, consolidated=True, today=date(2025, 2, 1))
    with pytest.raises(ValidationError, match="偏关县人民政府 2024年度已关账"):
        make_request(edu, "natural", date(2024, 7, 1))
    other = agencies.create_agency("hqx", "河曲县人民政府")
    make_request(other, "natural", date(2024, 7, 1))
