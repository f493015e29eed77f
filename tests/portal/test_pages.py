"""Every page of an agency's column answers, says what the rules ask, and stays free of third parties."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from xxgk.agencies import services as agencies
from xxgk.portal import services

pytestmark = pytest.mark.django_db
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "偏关县-2020.txt"


@pytest.fixture
def column(county):
    services.publish(
        services.create_entry(county, title="偏关县政府信息公开保密审查制度", column="zd"),
        on=date(2026, 1, 5),
    )
    services.publish(
        services.create_entry(county, title="偏关县2025年财政预算", column="a07"), on=date(2026, 1, 6)
    )
    services.import_published_report(county, EXAMPLE.read_bytes(), str(EXAMPLE))
    return county


def test_home_lists_the_agency_tree(client, column):
    text = client.get("/zfxxgk/").content.decode()
    for name in ("偏关县人民政府", "偏关县教育局", "新关镇人民政府"):
        assert name in text
    assert text.index("政府</h3>") < text.index("部门</h3>") < text.index("乡镇街道</h3>")


def test_guide_is_generated_from_settings_and_versioned(client, column):
    text = client.get("/zfxxgk/pgx/zn/").content.decode()
    for fact in (
        "偏关县人民政府办公室",
        "山西省忻州市偏关县新关镇政府路1号",
        "0350-7520000",
        "偏关县人民法院",
        column.uscc,
        "更新日期",
        "20个工作日",
    ):
        assert fact in text
    agencies.update_settings(column, {"office_phone": "0350-7529999"})
    text = client.get("/zfxxgk/pgx/zn/").content.decode()
    assert "0350-7529999" in text and "第2版" in text
    old = client.get("/zfxxgk/pgx/zn/v/1/").content.decode()
    assert "0350-7520000" in old and "已被" in old


def test_rules_column_lists_rules_only(client, column):
    text = client.get("/zfxxgk/pgx/zd/").content.decode()
    assert "保密审查制度" in text and "财政预算" not in text


def test_annual_report_pages_and_downloads(client, column):
    assert "2020年" in client.get("/zfxxgk/pgx/nb/").content.decode()
    text = client.get("/zfxxgk/pgx/nb/2020/").content.decode()
    assert 'data-key="s3.received.total"' in text and "图表数据" in text and "style=" not in text
    for fmt, magic in (("docx", b"PK"), ("xlsx", b"PK"), ("json", b"{")):
        r = client.get(f"/zfxxgk/pgx/nb/2020.{fmt}")
        assert r.status_code == 200 and r.content.startswith(magic)
    assert client.get("/zfxxgk/pgx/nb/2019/").status_code == 404


def test_application_page_states_channels_rule_fees_and_remedies(client, column):
    text = client.get("/zfxxgk/pgx/ysqgk/").content.decode()
    for fact in (
        "当面申请",
        "邮寄申请",
        "在线申请",
        "确认接收之日为收到申请之日",
        "按件计收",
        "行政复议",
        "60日",
        "6个月",
    ):
        assert fact in text
    assert client.get("/zfxxgk/pgx/ysqgk/sqb.docx").content.startswith(b"PK")
    assert client.get("/zfxxgk/pgx/ysqgk/lct.svg").content.startswith(b"<svg")
    agencies.update_settings(column, {"online_receipt_rule": "on_submit"})
    assert "以提交成功之日为收到申请之日" in client.get("/zfxxgk/pgx/ysqgk/").content.decode()


def test_no_third_party_host_in_pages_or_policy(client, column):
    for url in ("/zfxxgk/", "/zfxxgk/pgx/", "/zfxxgk/pgx/ml/", "/zfxxgk/pgx/nb/2020/", "/zfxxgk/pgx/ysqgk/"):
        r = client.get(url)
        assert r.status_code == 200
        assert "http" not in r["Content-Security-Policy"]
        hosts = set(re.findall(r'(?:src|href)="(https?://[^/"]+)', r.content.decode()))
        assert hosts <= {"http://testserver"}, hosts


def test_unknown_agency_is_404(client, column):
    assert client.get("/zfxxgk/nosuch/").status_code == 404
    assert client.get("/zfxxgk/nosuch/ml.csv").status_code == 404


def test_a_closed_year_computed_from_the_ledger_is_shown(client, county):
    from xxgk.agencies.models import Role
    from xxgk.annual.services import close_year
    from xxgk.ledger import services as ledger

    clerk = agencies.create_user("clerk", "portal-test-Pa55", agency="pgx", role=Role.CLERK).user
    ledger.register(
        county,
        clerk,
        channel="in_person",
        submitted_on=date(2025, 3, 3),
        applicant_type="natural",
        applicant_name="张三",
        description="2024年财政预算",
    )
    close_year(county, 2025, today=date(2026, 1, 20))
    text = client.get("/zfxxgk/pgx/nb/").content.decode()
    assert "2025年" in text
    page = client.get("/zfxxgk/pgx/nb/2025/").content.decode()
    assert re.search(r'data-key="s3.received.natural"[^>]*>1<', page), "the one request counted"
