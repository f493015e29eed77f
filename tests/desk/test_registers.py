"""The registers' pages: the clerk adds, changes and imports; others read or are refused; an import
with a bad row writes nothing and names the row."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook

from xxgk.registers.models import Case, Document

pytestmark = pytest.mark.django_db


def workbook(rows: list[list]) -> io.BytesIO:
    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    out = io.BytesIO()
    wb.save(out)
    out.seek(0)
    out.name = "registers.xlsx"
    return out


def test_add_change_and_read(client, people):
    client.force_login(people["clerk"])
    r = client.post(
        "/registers/documents/",
        {
            "kind": "normative",
            "title": "关于加强政务公开的通知",
            "number": "偏政办发〔2026〕1号",
            "issued_on": "2026-03-01",
        },
    )
    assert r.status_code == 302
    doc = Document.objects.get()
    r = client.post(
        f"/registers/documents/{doc.pk}/",
        {"title": doc.title, "issued_on": "2026-03-01", "published_on": "2026-02-01"},
    )
    assert "公开日期不能早于制发日期" in r.content.decode()
    r = client.post(
        f"/registers/documents/{doc.pk}/",
        {"title": doc.title, "issued_on": "2026-03-01", "published_on": "2026-03-05"},
    )
    assert r.status_code == 302
    doc.refresh_from_db()
    assert str(doc.published_on) == "2026-03-05"
    client.post(
        "/registers/cases/", {"kind": "review", "case_number": "偏复〔2026〕3号", "filed_on": "2026-04-01"}
    )
    case = Case.objects.get()
    client.post(f"/registers/cases/{case.pk}/", {"ruling": "upheld", "concluded_on": "2026-05-20"})
    case.refresh_from_db()
    assert case.ruling == "upheld"
    client.force_login(people["supervisor"])
    assert client.get("/registers/documents/").status_code == 200
    assert (
        client.post(
            "/registers/documents/", {"kind": "normative", "title": "x", "issued_on": "2026-03-01"}
        ).status_code
        == 403
    )
    client.force_login(people["other_clerk"])
    assert doc.title not in client.get("/registers/documents/").content.decode()
    assert client.get(f"/registers/documents/{doc.pk}/").status_code == 404
    assert Document.objects.count() == 1


def test_import_dry_run_then_confirm(client, people):
    client.force_login(people["clerk"])
    header = ["类别", "标题", "文号", "制发日期", "公开日期"]
    bad = workbook(
        [
            header,
            ["行政规范性文件", "第一件", "", "2026-01-05", "2026-01-08"],
            ["行政规范性文件", "第二件", "", "不是日期", ""],
        ]
    )
    r = client.post("/registers/documents/import/", {"file": bad})
    text = r.content.decode()
    assert "第3行" in text and "制发日期" in text and "未导入" in text
    assert not Document.objects.exists()
    good = workbook(
        [
            header,
            ["行政规范性文件", "第一件", "", "2026-01-05", "2026-01-08"],
            ["规章", "第二件", "", "2026-02-05", ""],
        ]
    )
    r = client.post("/registers/documents/import/", {"file": good})
    assert "检查通过：共 2 行" in r.content.decode()
    assert not Document.objects.exists(), "a dry run writes nothing"
    token = r.context["token"]
    client.force_login(people["other_clerk"])
    client.post("/registers/documents/import/", {"token": token, "confirm": "1"})
    assert not Document.objects.exists(), "another user's upload cannot be confirmed"
    client.force_login(people["clerk"])
    r = client.post("/registers/documents/import/", {"token": token, "confirm": "1"})
    assert r.status_code == 302
    assert sorted(Document.objects.values_list("title", flat=True)) == ["第一件", "第二件"]
