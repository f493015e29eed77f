"""The workbench in a real browser: charts drawn from the project's own ECharts under the CSP, a
number followed to where it was read, copied passages side by side. Screenshots in out/screenshots."""

from __future__ import annotations

import pytest
from audit_corpus import COPIERS, PASSWORD, TWO_YEARS
from browser import screenshot
from django.core.management import call_command

from xxgk.audit.models import CorpusAgency, Overlap, Report

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def signed_in(live_server, page, made, genuine_folders, supervisor):
    call_command("import_reports", *genuine_folders, str(made[COPIERS[0]].parent), "--jobs", "1")
    errors: list[str] = []
    page.on(
        "console",
        lambda m: errors.append(m.text) if m.type == "error" and "load resource" not in m.text else None,
    )
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on(
        "response",
        lambda r: (
            errors.append(f"{r.status} {r.url}") if r.status >= 400 and "favicon" not in r.url else None
        ),
    )
    page.goto(live_server.url + "/accounts/login/?next=/audit/")
    page.get_by_label("用户名").fill("sup")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url("**/audit/")
    yield page
    assert errors == [], "no script error and no CSP violation on any page"


def accessible(page) -> None:
    """axe-core finds no violation of WCAG rules on the page."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def charts_drawn(page) -> int:
    page.wait_for_selector("[data-drawn='1'] svg")
    return page.locator("[data-drawn='1'] svg").count()


def test_overview_and_ranking(signed_in, live_server):
    page = signed_in
    assert charts_drawn(page) == 1
    assert "份报告" in page.inner_text("ul.figures")
    screenshot(page, "audit-overview-by-year")
    accessible(page)
    page.get_by_role("link", name="按地区").click()
    charts_drawn(page)
    assert "偏关县" in page.inner_text("table.data")
    screenshot(page, "audit-overview-by-region")
    page.get_by_role("link", name="问题排名").click()
    charts_drawn(page)
    screenshot(page, "audit-ranking")


def test_a_number_is_followed_to_where_it_was_read(signed_in, live_server):
    page = signed_in
    report = Report.objects.get(agency_name="偏关县人民政府")
    page.goto(f"{live_server.url}/audit/reports/{report.pk}/")
    screenshot(page, "audit-report")
    accessible(page)
    cell = page.locator("td[data-key='s3.received.total'] a")
    assert "读自" in cell.get_attribute("title")
    cell.click()
    target = page.locator("ol.source li:target")
    assert target.count() == 1
    assert report.provenance["s3.received.total"]["where"] in target.inner_text()
    assert "本年新收政府信息公开申请数量" in page.inner_text("p.note")
    from browser import SCREENSHOTS

    page.screenshot(path=str(SCREENSHOTS / "audit-report-source-at-the-number.png"))  # the window, scrolled


def test_copied_pair_side_by_side(signed_in, live_server):
    page = signed_in
    page.get_by_role("link", name="内容雷同").click()
    page.get_by_role("link", name="对照查看").first.click()
    marks = page.locator(".side-by-side mark")
    assert marks.count() >= 2
    pair = Overlap.objects.filter(kind="copied").order_by("-shared_chars").first()
    assert pair.report.agency_name in page.inner_text("h2 >> nth=0")
    screenshot(page, "audit-copied-pair")
    accessible(page)


def test_agency_years_and_trends(signed_in, live_server):
    page = signed_in
    kl = CorpusAgency.objects.get(name=TWO_YEARS)
    page.goto(f"{live_server.url}/audit/agencies/{kl.pk}/")
    charts_drawn(page)
    assert "上年结转" in page.inner_text("ul.findings")
    screenshot(page, "audit-agency")
    accessible(page)
    page.get_by_role("link", name="历年趋势").click()
    assert charts_drawn(page) == 3
    screenshot(page, "audit-trends")
    accessible(page)


def test_a_cell_settled_by_the_next_year(live_server, page, supervisor, tmp_path):
    from years_corpus import dumped, glued_license, printed

    (first, second), seed = glued_license()
    paths = []
    for report, write in ((first, dumped), (second, printed)):
        path = tmp_path / f"{report.year}.txt"
        path.write_text(write(report, seed), encoding="utf-8")
        paths.append(str(path))
    call_command("import_reports", *paths, "--jobs", "1")
    earlier = Report.objects.get(year=2019)
    page.goto(live_server.url + "/accounts/login/?next=/audit/")
    page.get_by_label("用户名").fill("sup")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url("**/audit/")
    page.goto(f"{live_server.url}/audit/reports/{earlier.pk}/")
    item = page.locator("ul.findings li", has_text="由相邻年度报告确定的单元格").first
    item.scroll_into_view_if_needed()
    assert "2020年度报告" in item.inner_text()
    screenshot(page, "audit-report-settled-by-neighbour")
    item.get_by_role("link").click()
    page.wait_for_url(f"**/audit/reports/{Report.objects.get(year=2020).pk}/")
