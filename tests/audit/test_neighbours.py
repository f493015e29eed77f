"""The workbench settles what one document leaves open by the same agency's other years."""

from __future__ import annotations

import random

import pytest
from audit_corpus import PASSWORD
from django.core.management import call_command
from django.urls import reverse
from years_corpus import AGENCY, dumped, glued_license, printed

from xxgk.audit import services
from xxgk.audit.models import Report
from xxgk.report.generate import consecutive_reports

pytestmark = pytest.mark.django_db
LICENSE = ["s2.license.prev", "s2.license.delta", "s2.license.decisions"]


def write(folder, report, text):
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{report.year}.txt"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_an_import_settles_the_open_cells_of_the_year_before(tmp_path):
    (first, second), seed = glued_license()
    call_command("import_reports", write(tmp_path / "a", first, dumped(first, seed)), "--jobs", "1")
    stored = Report.objects.get(year=2019)
    assert [stored.cells[k] for k in LICENSE] == [None, None, None]
    assert any(a["cells"] == LICENSE for a in stored.alternatives)
    assert any("s2.license.prev" in f.cells for f in stored.findings.filter(rule="parse-uncertain"))

    call_command("import_reports", write(tmp_path / "b", second, printed(second, seed)), "--jobs", "1")
    stored.refresh_from_db()
    later = Report.objects.get(year=2020)
    assert [stored.cells[k] for k in LICENSE] == [12, 4, 590]
    assert not any(a["cells"] == LICENSE for a in stored.alternatives)
    [f] = [f for f in stored.findings.filter(rule="settled-by-neighbour") if f.cells == LICENSE]
    assert f.origin == "parse" and f.severity == "info" and f.other == later
    assert f"{AGENCY}2020年度报告" in f.message
    for warned in stored.findings.filter(rule="parse-uncertain"):
        assert not set(warned.cells) & set(LICENSE)
    assert stored.findings.filter(origin="check").exists()
    assert not later.findings.filter(rule="identity-7").exists()


def test_years_dumped_alike_settle_only_what_their_neighbours_decide(tmp_path):
    truth = consecutive_reports(random.Random(3), AGENCY, range(2021, 2024))
    paths = [write(tmp_path, r, dumped(r, 3)) for r in truth]
    call_command("import_reports", *paths, "--jobs", "1", "--no-corpus-check")
    before = {r.year: dict(r.cells) for r in Report.objects.all()}
    services.check_corpus()
    by_year = {r.year: r for r in truth}
    changed = 0
    for row in Report.objects.all():
        said = {k for f in row.findings.filter(rule="settled-by-neighbour") for k in f.cells}
        for key, value in row.cells.items():
            if value != before[row.year][key]:
                assert before[row.year][key] is None and value == by_year[row.year].cells[key]
                assert key in said
                changed += 1
    assert changed
    assert services.settle_open_cells() == 0, "a second check settles nothing more"


def test_the_pages_show_what_a_neighbour_settled(client, tmp_path, supervisor):
    (first, second), seed = glued_license()
    paths = [write(tmp_path, first, dumped(first, seed)), write(tmp_path, second, printed(second, seed))]
    call_command("import_reports", *paths, "--jobs", "1")
    earlier, later = Report.objects.get(year=2019), Report.objects.get(year=2020)
    assert client.login(username=supervisor.username, password=PASSWORD)
    page = client.get(reverse("audit:report", args=[earlier.pk])).content.decode()
    assert "由相邻年度报告确定的单元格" in page and f"{AGENCY}2020年度报告" in page
    assert reverse("audit:report", args=[later.pk]) in page
    agency_page = client.get(reverse("audit:agency", args=[earlier.agency_id])).content.decode()
    assert "跨年度衔接关系" in agency_page
