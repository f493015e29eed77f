"""The annual report page: the form's tables from the ledgers, every number linked to the entries
behind it, findings beside, narrative edited by the clerk, downloads, closing by the head only."""

from __future__ import annotations

import datetime as dt

import pytest

from xxgk.agencies.models import Agency
from xxgk.annual.models import ClosedYear
from xxgk.desk.models import Narrative
from xxgk.registers import services as registers

pytestmark = pytest.mark.django_db

YEAR = dt.date.today().year - 1


@pytest.fixture
def documents(people):
    pgx = Agency.objects.get(code="pgx")
    for i in range(3):
        registers.record_document(
            people["clerk"],
            pgx,
            kind="normative",
            title=f"关于规范第{i + 1}项工作的通知",
            issued_on=dt.date(YEAR, 3, 1 + i),
            published_on=dt.date(YEAR, 3, 10),
        )
    return pgx


def test_the_report_shows_the_numbers_linked_to_their_entries(client, documents, people):
    client.force_login(people["clerk"])
    page = client.get(f"/reports/pgx/{YEAR}/?edition=2021").content.decode()
    assert "偏关县人民政府" in page and "核查意见" in page
    assert 'data-key="s2.normative.issued"' in page
    cell = client.get(f"/reports/pgx/{YEAR}/cells/s2.normative.issued/?edition=2021").content.decode()
    assert "关于规范第1项工作的通知" in cell and "关于规范第3项工作的通知" in cell
    assert "：3" in cell


def test_narrative_edited_by_the_clerk_and_kept_in_the_closed_year(client, documents, people):
    client.force_login(people["clerk"])
    url = f"/reports/pgx/{YEAR}/narrative/problems/"
    assert client.post(url, {"text": "本年度存在的主要问题是人手不足。"}).status_code == 302
    assert "人手不足" in client.get(f"/reports/pgx/{YEAR}/").content.decode()
    client.force_login(people["supervisor"])
    assert client.post(url, {"text": "改写"}).status_code == 403
    assert client.post(f"/reports/pgx/{YEAR}/close/").status_code == 403
    client.force_login(people["clerk"])
    assert client.post(f"/reports/pgx/{YEAR}/close/").status_code == 403
    assert not ClosedYear.objects.exists()
    client.force_login(people["head"])
    assert client.post(f"/reports/pgx/{YEAR}/close/").status_code == 302
    closed = ClosedYear.objects.get(agency__code="pgx", year=YEAR)
    assert "人手不足" in closed.report["sections"]["problems"]
    page = client.get(f"/reports/pgx/{YEAR}/").content.decode()
    assert "已关账定稿" in page and "修改本节" not in page
    client.force_login(people["clerk"])
    client.post(url, {"text": "关账后再改"})
    assert Narrative.objects.get(key="problems").text == "本年度存在的主要问题是人手不足。"


def test_other_agencies_do_not_see_it(client, documents, people):
    client.force_login(people["other_clerk"])
    for url in (
        f"/reports/pgx/{YEAR}/",
        f"/reports/pgx/{YEAR}/cells/s2.normative.issued/",
        f"/reports/pgx/{YEAR}/download.xlsx",
    ):
        assert client.get(url).status_code == 404
    assert client.post(f"/reports/pgx/{YEAR}/narrative/problems/", {"text": "x"}).status_code == 404
    assert not Narrative.objects.exists()
    client.force_login(people["supervisor"])
    assert client.get(f"/reports/pgx/{YEAR}/").status_code == 200


def test_downloads(client, documents, people):
    client.force_login(people["clerk"])
    r = client.get(f"/reports/pgx/{YEAR}/download.xlsx")
    assert r.status_code == 200 and r.content[:2] == b"PK"
    r = client.get(f"/reports/pgx/{YEAR}/download.docx")
    assert r.status_code == 200 and r.content[:2] == b"PK"
