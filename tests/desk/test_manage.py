"""The administration pages: only the system administrator uses them; each action goes through the
agencies' services; a holiday table saved here changes the working days the deadlines count."""

from __future__ import annotations

import datetime as dt

import pytest
from desk_people import PASSWORD

from xxgk.agencies import options
from xxgk.agencies.models import Agency, Role, Staff
from xxgk.deadlines import compute_deadlines
from xxgk.workdays import default_calendar

pytestmark = pytest.mark.django_db

ADMIN_PAGES = [
    "/manage/agencies/",
    "/manage/agencies/pgx/",
    "/manage/users/",
    "/manage/users/clerk/",
    "/manage/holidays/",
    "/manage/holidays/2031/",
]


@pytest.mark.parametrize("role", ["clerk", "handler", "approver", "head", "supervisor", "auditor"])
def test_nobody_but_the_administrator_opens_or_posts_to_them(client, people, role):
    client.force_login(people[role])
    for url in ADMIN_PAGES:
        assert client.get(url).status_code == 403, url
    r = client.post(
        "/manage/agencies/", {"code": "x1", "name": "某局", "kind": "department", "level": "county"}
    )
    assert r.status_code == 403
    r = client.post(
        "/manage/users/clerk/",
        {"agency": Agency.objects.get(code="pgx").pk, "role": "admin", "is_active": "on"},
    )
    assert r.status_code == 403
    r = client.post(
        "/manage/holidays/2031/", {"text": "year = 2031\n[[holiday]]\nname='x'\nfrom=2031-03-03\n"}
    )
    assert r.status_code == 403
    assert not Agency.objects.filter(code="x1").exists()
    assert Staff.objects.get(user__username="clerk").role == Role.CLERK
    assert default_calendar().source(2031).origin.value == "weekdays"


def test_anonymous_is_sent_to_login(client, db):
    for url in ADMIN_PAGES:
        r = client.get(url)
        assert r.status_code == 302 and r["Location"].startswith("/accounts/login/")


def test_the_administrator_builds_the_tree_and_the_staff(client, people):
    client.force_login(people["admin"])
    page = client.get("/manage/agencies/").content.decode()
    assert "山西省人民政府办公厅" in page and "偏关县人民政府" in page
    sx = Agency.objects.get(code="sx")
    r = client.post(
        "/manage/agencies/",
        {
            "code": "pgx-jy",
            "name": "偏关县教育局",
            "parent": Agency.objects.get(code="pgx").pk,
            "kind": "department",
            "level": "county",
        },
    )
    assert r.status_code == 302
    assert Agency.objects.get(code="pgx-jy").is_within(sx)
    r = client.post(
        "/manage/agencies/", {"code": "pgx-jy", "name": "重复", "kind": "department", "level": "county"}
    )
    assert "已被使用" in r.content.decode()
    r = client.post(
        "/manage/users/",
        {"username": "li", "display_name": "李四", "agency": "pgx-jy", "role": "clerk", "password": PASSWORD},
    )
    assert r.status_code == 302
    li = Staff.objects.get(user__username="li")
    assert li.agency.code == "pgx-jy" and li.role == Role.CLERK
    r = client.post(
        "/manage/users/", {"username": "weak", "agency": "pgx-jy", "role": "clerk", "password": "123"}
    )
    assert r.status_code == 200 and not Staff.objects.filter(user__username="weak").exists()
    r = client.post(
        "/manage/users/li/",
        {
            "display_name": "李四",
            "agency": li.agency.pk,
            "role": "approver",
            "post": "office_head",
            "is_active": "on",
        },
    )
    assert r.status_code == 302
    li.refresh_from_db()
    assert li.role == Role.APPROVER and li.post == "office_head"
    r = client.post("/manage/users/admin/", {"agency": sx.pk, "role": "clerk", "is_active": "on"})
    assert "不能停用自己的账号或修改自己的角色" in r.content.decode()


def test_a_year_not_yet_published_gets_its_table(client, people, settings):
    year = 2031
    assert default_calendar().source(year).origin.value == "weekdays"
    received = dt.date(year, 4, 28)
    before = compute_deadlines(received).reply_due.date
    client.force_login(people["admin"])
    form = client.get(f"/manage/holidays/{year}/").content.decode()
    assert f"year = {year}" in form
    bad = f'year = {year}\n[[holiday]]\nname = "劳动节"\nfrom = {year}-05-01\nto = {year}-04-30\n'
    r = client.post(f"/manage/holidays/{year}/", {"text": bad})
    assert "早于第一天" in r.content.decode()
    assert not (settings.HOLIDAYS_DIR / f"{year}.toml").exists()
    good = (
        f'year = {year}\nnotice = "国务院办公厅关于{year}年部分节假日安排的通知"\n'
        f'[[holiday]]\nname = "劳动节"\nfrom = {year}-05-01\nto = {year}-05-05\n'
    )
    assert client.post(f"/manage/holidays/{year}/", {"text": good}).status_code == 302
    try:
        assert default_calendar().source(year).origin.value == "table"
        after = compute_deadlines(received).reply_due.date
        assert after > before, "the five days of 劳动节 are no longer counted as working days"
        assert f"国务院办公厅关于{year}年" in client.get("/manage/holidays/").content.decode()
    finally:
        client.post(f"/manage/holidays/{year}/delete/")
    assert default_calendar().source(year).origin.value == "weekdays"


def test_agency_settings_by_the_head_of_that_agency_only(client, people):
    pgx = Agency.objects.get(code="pgx")
    client.force_login(people["clerk"])
    assert client.get("/manage/agencies/pgx/settings/").status_code == 403
    assert client.post("/manage/agencies/pgx/settings/", {"review_body": "x"}).status_code == 403
    client.force_login(people["other_clerk"])
    assert client.get("/manage/agencies/pgx/settings/").status_code == 404
    client.force_login(people["head"])
    assert client.get("/manage/agencies/hqx/settings/").status_code == 404
    page = client.get("/manage/agencies/pgx/settings/").content.decode()
    for option in options.OPTIONS:
        assert option.label in page
    data = {o.name: options.value(pgx, o.name) for o in options.OPTIONS if not isinstance(o.default, bool)}
    data |= {o.name: "on" for o in options.OPTIONS if o.default is True}
    data["review_body"] = "偏关县人民政府"
    assert client.post("/manage/agencies/pgx/settings/", data).status_code == 302
    pgx.refresh_from_db()
    assert options.value(pgx, "review_body") == "偏关县人民政府"
    assert set(pgx.settings) == {"review_body"}, "only what changed is stored"
