"""Laws of the checker over random consistent reports."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from xxgk.check import RULES, check_pair, check_report
from xxgk.report import AnnualReport
from xxgk.report.form import APPLICANT_COLUMNS, edition
from xxgk.report.identities import holds, identities

small = st.integers(min_value=0, max_value=4)


@st.composite
def consistent_reports(draw) -> AnnualReport:
    """A report whose tables satisfy identities 1–4 and every plausibility rule."""
    name = draw(st.sampled_from(["2019", "2021"]))
    ed = edition(name)
    year = draw(st.integers(2019, 2020) if name == "2019" else st.integers(2021, 2030))
    report = AnnualReport.blank(name, agency="某县某局", year=year)
    cells = report.cells
    outcome_rows = [r.key for r in ed.s3_outcome_rows]
    for col in APPLICANT_COLUMNS:
        c = col.key
        for row in outcome_rows:
            cells[f"s3.{row}.{c}"] = draw(small)
        total = sum(cells[f"s3.{row}.{c}"] for row in outcome_rows)
        forward, over = draw(small), draw(small)
        received = total + forward - over
        if received < 0:
            over, received = total + forward, 0
        cells.update({f"s3.total.{c}": total, f"s3.carried_forward.{c}": forward})
        cells.update({f"s3.carried_over.{c}": over, f"s3.received.{c}": received})
    for row in ed.s3_rows:
        cells[f"s3.{row.key}.total"] = sum(cells[f"s3.{row.key}.{c.key}"] for c in APPLICANT_COLUMNS)
    for g in ed.s4_groups:
        parts = [draw(small) for _ in ed.s4_columns[:-1]]
        for col, v in zip(ed.s4_columns[:-1], parts, strict=True):
            cells[f"s4.{g.key}.{col.key}"] = v
        cells[f"s4.{g.key}.total"] = sum(parts)
    count = st.integers(0, 5000)
    if name == "2019":
        for row in ("rules", "normative"):
            published = draw(count)
            cells.update({f"s2.{row}.made": draw(count), f"s2.{row}.published": published})
            cells[f"s2.{row}.total"] = published + draw(count)
        for row in ("license", "other_service", "penalty", "coercion", "fee"):
            prev = draw(count)
            cells.update({f"s2.{row}.prev": prev, f"s2.{row}.delta": draw(st.integers(-prev, 500))})
            if row != "fee":
                cells[f"s2.{row}.decisions"] = prev + cells[f"s2.{row}.delta"] + 1 + draw(count)
        n = draw(count)
        cells["s2.procurement.count"] = n
        cells["s2.procurement.amount"] = draw(st.floats(0.01, 99999, allow_nan=False)) if n else 0
    else:
        for key in ed.s2_keys():
            cells[key] = draw(count)
        cells["s2.fee.amount"] = draw(st.floats(0, 99999, allow_nan=False))
    if draw(st.booleans()):
        for key, v in cells.items():
            if v == 0 and draw(st.booleans()):
                cells[key] = None
    return report


@settings(max_examples=150, deadline=None)
@given(consistent_reports())
def test_a_consistent_report_has_no_error(report):
    assert all(holds(i, report.cells) for i in identities(report.edition))
    errors = [f for f in check_report(report) if f.severity == "error"]
    assert errors == []


@settings(max_examples=150, deadline=None)
@given(report=consistent_reports(), data=st.data())
def test_changing_one_section_three_count_breaks_an_identity_naming_it(report, data):
    key = data.draw(st.sampled_from(edition(report.edition).s3_keys()))
    report.cells[key] = (report.cells[key] or 0) + data.draw(st.integers(1, 50))
    errors = [f for f in check_report(report) if f.rule.startswith("identity-") and key in f.cells]
    assert errors
    assert all(f.severity == "error" for f in errors)


@settings(max_examples=100, deadline=None)
@given(report=consistent_reports(), data=st.data())
def test_changing_one_section_four_count_breaks_identity_4(report, data):
    key = data.draw(st.sampled_from(edition(report.edition).s4_keys()))
    report.cells[key] = (report.cells[key] or 0) + data.draw(st.integers(1, 50))
    assert [f.rule for f in check_report(report) if key in f.cells and f.severity == "error"] == [
        "identity-4"
    ]


cell_values = st.one_of(
    st.none(),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=5),
    st.booleans(),
)
prose = st.text(
    alphabet="收到依申请公开政府信息行政复议诉讼未发生件元费结转下年度规范性文件新制作"
    "0123456789，。；（）\t ",
    max_size=300,
)


@settings(max_examples=150, deadline=None)
@given(
    edition_name=st.sampled_from(["2019", "2021", "2020", None]),
    year=st.one_of(st.none(), st.integers(1, 9999)),
    values=st.lists(cell_values, min_size=200, max_size=200),
    texts=st.dictionaries(st.sampled_from(["overview", "requests", "other", "reviews"]), prose),
    published=st.one_of(st.none(), st.dates()),
)
def test_any_input_gives_findings_never_an_exception(edition_name, year, values, texts, published):
    keys = edition(edition_name).keys() if edition_name in ("2019", "2021") else ["s3.received.total"]
    report = AnnualReport(
        agency="某县人民政府",
        year=year,
        edition=edition_name,
        published_on=published,
        cells=dict(zip(keys, values, strict=False)),
        sections=texts,
    )
    for f in check_report(report):
        assert f.rule in RULES and f.message
    other = AnnualReport(edition=edition_name, year=year, cells=dict(report.cells))
    for f in check_pair(other, report):
        assert f.rule in RULES
