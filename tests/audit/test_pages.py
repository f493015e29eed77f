"""The workbench's pages and exports over HTTP: who sees what, what each page shows."""

from __future__ import annotations

import csv
import io

import pytest
from audit_corpus import COPIERS, PASSWORD, TWO_YEARS
from django.core.management import call_command
from django.urls import reverse

from xxgk.agencies.models import Agency
from xxgk.audit import services
from xxgk.audit.models import CorpusAgency, Overlap, Report
from xxgk.report.form import all_keys

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported(made, genuine_folders, province):
    call_command("import_reports", *genuine_folders, str(made[COPIERS[0]].parent), "--jobs", "1")


def login(client, user) -> None:
    assert client.login(username=user.username, password=PASSWORD)


def test_only_supervisors_and_auditors_see_the_corpus(client, imported, clerk):
    assert client.get(reverse("audit:overview")).status_code == 302, "login first"
    login(client, clerk)
    response = client.get(reverse("audit:overview"))
    assert response.status_code == 403 and "只对上级主管部门和审计人员开放" in response.content.decode()
    assert client.get(reverse("audit:export", args=["csv"])).status_code == 403


def test_a_county_auditor_sees_the_county_scope_only(client, imported, supervisor, county_auditor):
    pgx = CorpusAgency.objects.get(name="偏关县人民政府")
    services.link_agency(pgx, Agency.objects.get(code="pgx"))
    login(client, county_auditor)
    page = client.get(reverse("audit:overview")).content.decode()
    assert "<strong>1</strong>份报告" in page, (
        "the linked county's report only; unscoped ones belong to the top"
    )
    other = Report.objects.get(agency_name="河曲县人民政府", primary=True)
    assert client.get(reverse("audit:report", args=[other.pk])).status_code == 404
    mine = Report.objects.get(agency_name="偏关县人民政府")
    page = client.get(reverse("audit:report", args=[mine.pk])).content.decode()
    assert "河曲县人民政府" in page, "the finding names the other report"
    assert reverse("audit:report", args=[other.pk]) not in page, (
        "but does not link what the auditor may not see"
    )
    pair = Overlap.objects.get(report=mine)
    assert client.get(reverse("audit:copy", args=[pair.pk])).status_code == 404
    client.logout()
    login(client, supervisor)
    assert client.get(reverse("audit:copy", args=[pair.pk])).status_code == 200


def test_the_overview_counts_by_year_region_and_level(client, imported, supervisor):
    login(client, supervisor)
    primary = Report.objects.filter(primary=True)
    for group in ("year", "region", "level"):
        page = client.get(reverse("audit:overview"), {"group": group}).content.decode()
        assert f"<strong>{primary.count()}</strong>份报告" in page
        assert f"<strong>{primary.filter(copied=True).count()}</strong>内容雷同" in page
    page = client.get(reverse("audit:overview"), {"year": 2020, "group": "region"}).content.decode()
    assert "偏关县" in page and "岢岚县" not in page


def test_the_report_page_lays_out_the_form_with_each_numbers_source(client, imported, supervisor):
    login(client, supervisor)
    report = Report.objects.get(agency_name="偏关县人民政府")
    page = client.get(reverse("audit:report", args=[report.pk])).content.decode()
    where = report.provenance["s2.rules.made"]["where"]
    assert 'data-key="s3.received.total"' in page and "本年新收政府信息公开申请数量" in page
    assert f"读自{where}" in page
    source = client.get(reverse("audit:source", args=[report.pk])).content.decode()
    assert f'id="at-{where}"' in source, "the link's anchor is on the source page"
    download = client.get(reverse("audit:source", args=[report.pk]), {"download": 1})
    assert b"".join(download.streaming_content if download.streaming else [download.content]).startswith(
        report.document.data()[:50]
    )


def test_the_agency_page_puts_its_years_side_by_side(client, imported, supervisor):
    login(client, supervisor)
    kl = CorpusAgency.objects.get(name=TWO_YEARS)
    page = client.get(reverse("audit:agency", args=[kl.pk])).content.decode()
    assert "2022年度" in page and "2023年度" in page and "结转" in page
    assert "跨年度核查" in page and "上年结转" in page


def test_copied_pairs_side_by_side_with_the_shared_passages_marked(client, imported, supervisor):
    login(client, supervisor)
    listing = client.get(reverse("audit:copies")).content.decode()
    assert "河曲县人民政府" in listing and "偏关县人民政府" in listing
    pair = Overlap.objects.get(report__agency_name="偏关县人民政府")
    page = client.get(reverse("audit:copy", args=[pair.pk])).content.decode()
    assert page.count("<mark>") >= 2 * len(pair.passages) - 1
    report_page = client.get(reverse("audit:report", args=[pair.report_id])).content.decode()
    assert reverse("audit:copy", args=[pair.pk]) in report_page, "the finding leads to the side-by-side view"


def test_ranking_trends_and_missing_pages(client, imported, supervisor):
    login(client, supervisor)
    ranking = client.get(reverse("audit:ranking")).content.decode()
    assert TWO_YEARS in ranking
    trends = client.get(reverse("audit:trends")).content.decode()
    assert "新收申请" in trends and "予以公开" in trends and "行政诉讼" in trends
    missing = client.get(reverse("audit:missing")).content.decode()
    assert "偏关县人民政府" in missing


def test_exports_have_chinese_headers_with_keys_beneath_and_the_filters(client, imported, supervisor):
    login(client, supervisor)
    response = client.get(reverse("audit:export", args=["csv"]), {"year": 2020})
    body = b"".join(response.streaming_content)
    assert body.startswith(b"\xef\xbb\xbf"), "a BOM, so that Excel on Chinese Windows opens it"
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    labels, keys, data = rows[0], rows[1], rows[2:]
    assert keys[:3] == ["agency", "region", "level"] and labels[:3] == ["机关", "地区", "层级"]
    assert set(all_keys()) <= set(keys)
    assert {r[keys.index("year")] for r in data} == {"2020"}
    assert len(data) == Report.objects.filter(primary=True, year=2020).count()
    row = next(r for r in data if r[0] == "偏关县人民政府")
    report = Report.objects.get(agency_name="偏关县人民政府")
    assert row[keys.index("s3.received.total")] == str(report.cells["s3.received.total"])
    assert row[keys.index("copied")] == "是"

    from openpyxl import load_workbook

    xlsx = client.get(reverse("audit:export", args=["xlsx"]))
    ws = load_workbook(io.BytesIO(b"".join(xlsx.streaming_content))).active
    assert ws.cell(1, 1).value == "机关" and ws.cell(2, 1).value == "agency"
    assert ws.max_row == 2 + Report.objects.filter(primary=True).count()

    import pyarrow.parquet as pq

    parquet = client.get(reverse("audit:export", args=["parquet"]), {"q": "偏关"})
    table = pq.read_table(io.BytesIO(b"".join(parquet.streaming_content)))
    assert (
        table.num_rows == 1
        and table.column("s3.received.total")[0].as_py() == report.cells["s3.received.total"]
    )
    assert table.schema.field("s3.received.total").metadata[b"label"].decode().startswith("三")


def test_the_home_page_leads_supervisors_to_the_workbench(client, supervisor, clerk):
    login(client, supervisor)
    link = f'href="{reverse("audit:overview")}"'
    assert link in client.get("/").content.decode()
    client.logout()
    login(client, clerk)
    assert link not in client.get("/").content.decode()


def test_the_export_command_writes_the_same_dataset(imported, tmp_path, capsys):
    import pyarrow.parquet as pq

    out = tmp_path / "reports.parquet"
    call_command("export_corpus", "--format", "parquet", "-o", str(out), "--year", "2020")
    table = pq.read_table(out)
    assert table.num_rows == Report.objects.filter(primary=True, year=2020).count()
    assert "已导出" in capsys.readouterr().out
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="筛选条件有误：年度"):
        call_command("export_corpus", "-o", str(out), "--year", "1900")


def test_counts_kept_between_requests_are_dropped_when_the_corpus_changes(client, supervisor, made):
    login(client, supervisor)
    call_command("import_reports", str(made[TWO_YEARS + "2022"]), "--jobs", "1")
    assert "<strong>1</strong>份报告" in client.get(reverse("audit:overview")).content.decode()
    call_command("import_reports", str(made[TWO_YEARS + "2023"]), "--jobs", "1")
    assert "<strong>2</strong>份报告" in client.get(reverse("audit:overview")).content.decode()
