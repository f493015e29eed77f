"""The catalogue: 索引号 at publication, withdrawal as 410, validity banners, search, feeds, import."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from django.core.exceptions import ValidationError

from xxgk.agencies import services as agencies
from xxgk.portal import services
from xxgk.portal.catalogue import EntryState, Validity
from xxgk.portal.models import CatalogueEntry

pytestmark = pytest.mark.django_db


def published(agency, title, on, **fields):
    return services.publish(services.create_entry(agency, title=title, **fields), on=on)


def test_index_numbers_are_drawn_at_publication_in_the_agency_format(county):
    draft = services.create_entry(county, title="关于印发偏关县教育收费管理办法的通知")
    assert draft.index_number is None
    first = services.publish(draft, on=date(2026, 3, 2))
    second = published(county, "偏关县2025年财政决算", date(2026, 3, 3))
    assert first.index_number == f"{county.uscc}/2026-00001"
    assert second.index_number == f"{county.uscc}/2026-00002"
    nextyear = published(county, "新年第一份", date(2027, 1, 4))
    assert nextyear.index_number.endswith("/2027-00001")
    with pytest.raises(ValidationError):
        services.publish(first)


def test_other_templates_and_the_org_code_prefix(county):
    agencies.update_settings(
        county,
        {"index_template": "{prefix}-{year}-{serial:06d}", "index_prefix": county.uscc[8:17]},
    )
    county.refresh_from_db()
    e = published(county, "文件", date(2026, 5, 6))
    assert e.index_number == f"{county.uscc[8:17]}-2026-000001"
    agencies.update_settings(county, {"index_template": "{prefix}/{year}{month:02d}-{serial:05d}"})
    county.refresh_from_db()
    assert published(county, "文件二", date(2026, 5, 7)).index_number.endswith("/202605-00001")
    with pytest.raises(ValidationError):
        agencies.update_settings(
            county,
            {
                "index_prefix": county.uscc[:17]
                + "0" * (county.uscc[17] != "0")
                + "1" * (county.uscc[17] == "0")
            },
        )


def test_year_basis_generated_on(county):
    agencies.update_settings(county, {"index_year_basis": "generated"})
    county.refresh_from_db()
    e = published(county, "去年年底成文", date(2026, 1, 5), generated_on=date(2025, 12, 29))
    assert "/2025-" in e.index_number


def test_withdrawn_entry_keeps_its_url_as_410(client, county):
    e = published(county, "已撤下的通知", date(2026, 3, 2))
    services.withdraw(e, "内容有误，已更正后重新发布", on=date(2026, 3, 9))
    r = client.get(f"/zfxxgk/c/{e.pk}/")
    assert r.status_code == 410
    text = r.content.decode()
    assert "内容有误，已更正后重新发布" in text and "2026年3月9日" in text
    assert client.get(f"/zfxxgk/idx/{e.index_number}").status_code == 302
    draft = services.create_entry(county, title="草稿")
    assert client.get(f"/zfxxgk/c/{draft.pk}/").status_code == 404


def test_validity_banners(client, county):
    new = published(
        county, "新办法", date(2026, 3, 2), validity=Validity.VALID, effective_on=date(2026, 4, 1)
    )
    old = published(county, "旧办法", date(2020, 3, 2), validity=Validity.VALID)
    services.repeal(old, date(2026, 4, 1), by=new)
    page = client.get(f"/zfxxgk/c/{old.pk}/").content.decode()
    assert "本文件已于2026年4月1日废止" in page and f"/zfxxgk/c/{new.pk}/" in page
    assert "自2026年4月1日起施行" in client.get(f"/zfxxgk/c/{new.pk}/").content.decode()
    expired = published(
        county, "临时措施", date(2024, 1, 2), validity=Validity.EXPIRED, expires_on=date(2025, 1, 1)
    )
    assert "本文件已于2025年1月1日失效" in client.get(f"/zfxxgk/c/{expired.pk}/").content.decode()


def test_search_filters_and_sorts(client, county):
    a = published(county, "关于教育收费的通知", date(2026, 1, 5), summary="收费")
    b = published(county, "财政决算公开", date(2026, 2, 5), summary="含教育支出")
    published(county, "环境监测结果", date(2026, 3, 5), column="a13")
    r = client.get("/zfxxgk/pgx/ml/", {"q": "教育"})
    text = r.content.decode()
    assert text.index(a.title) < text.index(b.title), "a title match ranks first by relevance"
    text = client.get("/zfxxgk/pgx/ml/", {"q": "教育", "sort": "date"}).content.decode()
    assert text.index(b.title) < text.index(a.title), "the newer first by date"
    text = client.get("/zfxxgk/pgx/ml/", {"column": "a13"}).content.decode()
    assert "环境监测结果" in text and a.title not in text
    text = client.get("/zfxxgk/pgx/ml/", {"from": "2026-02-01", "to": "2026-02-28"}).content.decode()
    assert b.title in text and a.title not in text
    assert a.title in client.get("/zfxxgk/ml/", {"q": "收费"}).content.decode()


def test_feeds(client, county):
    e = published(county, "关于教育收费的通知", date(2026, 1, 5), doc_number="偏政办发[2026]3号")
    assert e.doc_number == "偏政办发〔2026〕3号" and e.doc_number_original == "偏政办发[2026]3号"
    atom = client.get("/zfxxgk/pgx/ml.atom")
    assert atom["Content-Type"].startswith("application/atom+xml")
    assert e.index_number in atom.content.decode()
    rows = list(csv.reader(io.StringIO(client.get("/zfxxgk/pgx/ml.csv").content.decode("utf-8-sig"))))
    assert rows[0][0] == "索引号" and rows[1][0] == e.index_number and rows[1][4] == e.doc_number


LEGACY = """索引号,名称,内容概述,生成日期,发布日期,文号,目录分类,有效性,废止日期
{p}/2025-00007,旧文件一,概述,2025-01-02,2025年1月3日,偏政发〔2025〕1号,行政法规、规章和规范性文件,有效,
XY-OLD-9,更早的文件,,2019/5/6,2019.5.8,,财政预算、决算信息,废止,2022-01-01
"""


def test_import_keeps_legacy_numbers_and_moves_the_counter(county):
    result = services.import_catalogue(county, LEGACY.format(p=county.uscc))
    assert result.problems == [] and result.created == 2
    old = CatalogueEntry.objects.get(index_number="XY-OLD-9")
    assert old.state == EntryState.PUBLISHED and old.validity == Validity.REPEALED and old.column == "a07"
    assert old.legacy_index
    e = published(county, "新文件", date(2025, 6, 1))
    assert e.index_number == f"{county.uscc}/2025-00008"


def test_a_bad_import_writes_nothing_and_says_why(county):
    bad = LEGACY.format(p=county.uscc) + "ZZ-1,,,,2025-13-01,,,有效,\n"
    result = services.import_catalogue(county, bad)
    assert result.created == 0 and CatalogueEntry.objects.count() == 0
    assert any(p.startswith("第4行") for p in result.problems)


def test_a_normative_document_is_one_record_with_the_register(client, county):
    from xxgk.agencies.models import Role
    from xxgk.registers.models import Document

    clerk = agencies.create_user("clerk", "portal-test-Pa55", agency="pgx", role=Role.CLERK).user
    e = services.create_entry(
        county,
        title="偏关县政府投资项目管理办法",
        doc_number="偏政发〔2026〕5号",
        is_normative=True,
        generated_on=date(2026, 3, 1),
        validity=Validity.VALID,
        column="a01",
    )
    e = services.publish(e, on=date(2026, 3, 10), user=clerk)
    doc = Document.objects.get()
    assert e.document == doc and doc.index_number == e.index_number and doc.published_on == date(2026, 3, 10)
    assert doc.issued_on == date(2026, 3, 1) and doc.kind == "normative"
    services.repeal(e, date(2026, 9, 1), user=clerk)
    doc.refresh_from_db()
    assert doc.repealed_on == date(2026, 9, 1), "repealed in the register through the catalogue"
    other = services.publish(
        services.create_entry(county, title="另一办法", is_normative=True), on=date(2026, 4, 1)
    )
    registered = Document.objects.create(
        agency=county, kind="normative", title="另一办法", issued_on=date(2026, 3, 20)
    )
    services.link_normative(other, clerk, registered)
    Document.objects.filter(pk=registered.pk).update(repealed_on=date(2026, 10, 1))
    page = client.get(f"/zfxxgk/c/{other.pk}/").content.decode()
    assert "本文件已于2026年10月1日废止" in page, "the register's repeal shows on the public page"


def test_pages_of_results(client, county):
    for i in range(25):
        published(county, f"通知第{i:02d}号", date(2026, 1, 1 + i))
    first = client.get("/zfxxgk/pgx/ml/", {"sort": "date"}).content.decode()
    assert "共 25 条" in first and "通知第24号" in first and "通知第04号" not in first
    second = client.get("/zfxxgk/pgx/ml/", {"sort": "date", "page": "2"}).content.decode()
    assert "通知第04号" in second and "通知第05号" not in second and "第 2 / 2 页" in second
    beyond = client.get("/zfxxgk/pgx/ml/", {"sort": "date", "page": "9"}).content.decode()
    assert "通知第00号" in beyond
    assert "共 0 条" in client.get("/zfxxgk/pgx/ml/", {"q": "没有这样的词"}).content.decode()
