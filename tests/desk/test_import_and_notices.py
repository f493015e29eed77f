"""The 台账 import page (dry run, then confirm; a bad row named and nothing written), notices issued from
the request page and downloaded, and the administrator's notice templates."""

from __future__ import annotations

import io

import pytest
from desk_people import act, register
from docx import Document as Docx
from openpyxl import Workbook

from xxgk.ledger.models import Notice, Request
from xxgk.ledger.workbook import COLUMNS

pytestmark = pytest.mark.django_db

HEADER = list(COLUMNS.values())


def workbook(rows: list[dict]) -> io.BytesIO:
    wb = Workbook()
    wb.active.append(HEADER)
    for row in rows:
        wb.active.append([row.get(key, "") for key in COLUMNS])
    out = io.BytesIO()
    wb.save(out)
    out.seek(0)
    out.name = "台账.xlsx"
    return out


ROWS = [
    {
        "number": "pgx-2025-0101",
        "received": "2025-03-05",
        "channel": "当面",
        "applicant_type": "自然人",
        "name": "王五",
        "description": "2024年县道养护经费",
        "replied": "2025/3/20",
        "outcome": "予以公开",
    },
    {
        "number": "pgx-2025-0102",
        "received": "2025年4月1日",
        "channel": "互联网",
        "applicant_type": "企业",
        "name": "某商贸公司",
        "description": "城区摊位招租方案",
        "replied": "2025.4.15",
        "outcome": "本机关不掌握相关政府信息",
    },
]


def test_dry_run_then_confirm(client, people):
    client.force_login(people["clerk"])
    bad = workbook([*ROWS, {**ROWS[0], "number": "pgx-2025-0103", "outcome": "不知道"}])
    text = client.post("/requests/import/", {"file": bad}).content.decode()
    assert "第4行" in text and "处理结果" in text and "未导入" in text
    assert not Request.objects.exists()
    r = client.post("/requests/import/", {"file": workbook(ROWS)})
    assert "检查通过：共 2 行" in r.content.decode()
    assert not Request.objects.exists()
    r = client.post("/requests/import/", {"token": r.context["token"], "confirm": "1"})
    assert r.status_code == 302
    assert sorted(Request.objects.values_list("number", flat=True)) == ["pgx-2025-0101", "pgx-2025-0102"]
    for who in ("supervisor", "handler", "approver"):
        client.force_login(people[who])
        assert client.post("/requests/import/", {"file": workbook(ROWS)}).status_code == 403


def test_a_notice_issued_and_downloaded(client, people):
    client.force_login(people["clerk"])
    req = register(client)
    assert act(client, req, "issue_notice", kind="receipt", issued_on=req.received_on.isoformat()) == 302
    notice = Notice.objects.get()
    page = client.get(f"/requests/{req.pk}/").content.decode()
    assert notice.number in page
    r = client.get(f"/requests/{req.pk}/notices/{notice.pk}.docx")
    text = "\n".join(p.text for p in Docx(io.BytesIO(r.content)).paragraphs)
    assert notice.number in text and "偏关县人民政府" in text
    client.force_login(people["other_clerk"])
    assert client.get(f"/requests/{req.pk}/notices/{notice.pk}.docx").status_code == 404


def test_notice_templates_by_the_administrator(client, people, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    client.force_login(people["clerk"])
    assert client.get("/manage/agencies/pgx/templates/").status_code == 403
    client.force_login(people["admin"])
    page = client.get("/manage/agencies/pgx/templates/").content.decode()
    assert "补正告知书" in page and "系统默认" in page
    default = client.get("/manage/agencies/pgx/templates/correction.docx").content
    doc = Docx(io.BytesIO(default))
    doc.add_paragraph("本机关联系电话：0350-1234567")
    mine = io.BytesIO()
    doc.save(mine)
    mine.seek(0)
    mine.name = "correction.docx"
    client.post("/manage/agencies/pgx/templates/", {"kind": "correction", "file": mine})
    assert (tmp_path / "notice_templates" / "pgx" / "correction.docx").is_file()
    broken = io.BytesIO(b"not a word file")
    broken.name = "x.docx"
    r = client.post("/manage/agencies/pgx/templates/", {"kind": "reply", "file": broken}, follow=True)
    assert "不是可用的 Word 模板" in r.content.decode()
    assert not (tmp_path / "notice_templates" / "pgx" / "reply.docx").exists()
    client.post("/manage/agencies/pgx/templates/correction/reset/")
    assert not (tmp_path / "notice_templates" / "pgx" / "correction.docx").exists()
