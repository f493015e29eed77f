"""The desk in a real browser: the whole life of a request through the pages, seen counted in the year's
report and on the supervisor's board; every page screenshotted (out/screenshots/desk-*.png)."""

from __future__ import annotations

import datetime as dt

import pytest
from browser import screenshot
from desk_people import PASSWORD
from django.utils import timezone

from xxgk.ledger.models import Request, State

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def watched(page):
    """Fails the test on any script error, CSP violation or failed request."""
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
    page.on("dialog", lambda d: d.accept())
    yield page, errors
    assert errors == [], f"no script error and no CSP violation on any page: {errors}"


def login(page, url: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(url + "/accounts/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(url + "/")


def do(page, action: str, **fields: str) -> None:
    """Open the action's form on the request page, fill it, send it, and expect the success message."""
    box = page.locator("details.action", has=page.locator(f"summary:text-is('{action}')"))
    box.locator("summary").click()
    for label, value in fields.items():
        field = box.get_by_label(label)
        if field.evaluate("e => e.tagName") == "SELECT":
            field.select_option(label=value)
        else:
            field.fill(value)
    box.get_by_role("button", name=action).click()
    page.wait_for_load_state()
    assert f"已{action}" in page.inner_text("ul.messages"), page.inner_text("main")[:500]


def test_the_life_of_a_request_through_the_pages(live_server, watched, people):
    page, _ = watched
    url = live_server.url
    login(page, url, "clerk")
    screenshot(page, "desk-home-empty")
    page.get_by_role("link", name="申请登记").first.click()
    page.get_by_label("申请方式").select_option(label="互联网渠道")
    page.wait_for_selector("#deadline-preview[data-ready='1']")
    assert "答复" in page.inner_text("#deadline-preview")
    page.get_by_label("申请人姓名/名称").fill("张三丰")
    page.get_by_label("联系电话").fill("13812345678")
    page.get_by_label("所需政府信息的名称或特征描述").fill("2025年偏关县城区道路改造工程的招标文件和中标结果")
    screenshot(page, "desk-register")
    page.get_by_role("button", name="登记", exact=True).click()
    page.wait_for_selector("h1 .badge")
    req = Request.objects.get()
    assert req.state == State.REGISTERED
    screenshot(page, "desk-request-registered")
    do(page, "交办", 承办科室="办公室", 承办人="李承办")
    by = (timezone.localdate() + dt.timedelta(days=15)).isoformat()
    do(page, "发出补正告知", 补正期限=by, 需要补正的事项="请写明所需信息的具体年份")
    screenshot(page, "desk-request-correction")
    do(page, "登记收到补正申请")
    login(page, url, "approver")
    page.goto(f"{url}/requests/{req.pk}/")
    do(page, "批准延期答复", 延期理由="需要调取档案并征求第三方意见")
    login(page, url, "handler")
    screenshot(page, "desk-home-handler")
    page.goto(f"{url}/requests/{req.pk}/")
    do(page, "发出征求意见书", 征求对象="第三方", 第三方或机关名称="某建设有限公司")
    do(page, "登记收到征求意见回复", 意见="同意公开")
    do(page, "提交拟答复意见", 处理结果="予以公开")
    login(page, url, "approver")
    screenshot(page, "desk-home-approver")
    page.goto(f"{url}/requests/{req.pk}/")
    do(page, "答复", 答复方式="电子邮件")
    login(page, url, "clerk")
    page.goto(f"{url}/requests/{req.pk}/")
    do(page, "登记送达", 送达凭证="电子邮件已读回执")
    page.locator("details", has_text="修改记录").locator("summary").click()
    screenshot(page, "desk-request-delivered")
    req.refresh_from_db()
    assert req.state == State.DELIVERED and req.outcome == "granted"
    timeline = page.inner_text("ol.timeline")
    for step in ("登记", "补正", "延期", "征求意见", "答复", "送达"):
        assert step in timeline

    page.get_by_role("link", name="申请列表").first.click()
    assert req.number in page.inner_text("table.list")
    screenshot(page, "desk-requests")
    page.get_by_role("link", name="年度报告").first.click()
    year = req.received_on.year
    if f"{year}" not in page.url:
        page.goto(f"{url}/reports/pgx/{year}/")
    screenshot(page, "desk-report")
    cell = page.locator("td[data-key='s3.received.natural'] a")
    assert cell.inner_text() == "1"
    cell.click()
    assert req.number in page.inner_text("main")
    screenshot(page, "desk-report-cell")
    page.goto(f"{url}/reports/pgx/{year}/")
    assert page.locator("td[data-key='s3.granted.natural'] a").inner_text() == "1"

    login(page, url, "sup")
    page.get_by_role("link", name="监督看板").first.click()
    page.wait_for_selector("[data-drawn='1'] svg")
    assert page.locator("[data-drawn='1'] svg").count() == 3
    assert "偏关县人民政府" in page.inner_text("table.board")
    assert "张三丰" not in page.content()
    screenshot(page, "desk-board")
    page.get_by_role("link", name="偏关县人民政府").click()
    page.wait_for_selector("[data-drawn='1'] svg")
    assert "张三丰" not in page.content()
    screenshot(page, "desk-board-agency")
    page.goto(f"{url}/requests/{req.pk}/")
    assert "张三丰" not in page.content() and "13812345678" not in page.content()
    screenshot(page, "desk-request-supervisor")


def test_administration_pages(live_server, watched, people):
    page, _ = watched
    url = live_server.url
    login(page, url, "admin")
    page.get_by_role("link", name="机关").click()
    screenshot(page, "desk-admin-agencies")
    page.get_by_role("link", name="偏关县人民政府").click()
    screenshot(page, "desk-admin-agency")
    page.get_by_role("link", name="机关设置").first.click()
    screenshot(page, "desk-admin-settings")
    page.get_by_role("link", name="用户和角色").click()
    screenshot(page, "desk-admin-users")
    page.get_by_role("link", name="节假日").click()
    screenshot(page, "desk-admin-holidays")
    page.get_by_role("link", name="填写").first.click()
    screenshot(page, "desk-admin-holiday")
    page.get_by_role("link", name="修改密码").click()
    screenshot(page, "desk-password")


def test_a_tablet_and_paper(live_server, watched, people):
    page, _ = watched
    page.set_viewport_size({"width": 820, "height": 1180})
    login(page, live_server.url, "clerk")
    page.goto(live_server.url + "/requests/new/")
    page.wait_for_selector("#deadline-preview[data-ready='1']")
    screenshot(page, "desk-register-tablet")
    for path, name in (("/registers/documents/", "desk-registers"), ("/requests/import/", "desk-import")):
        page.goto(live_server.url + path)
        screenshot(page, name + "-tablet")
    page.emulate_media(media="print")
    page.goto(live_server.url + "/")
    screenshot(page, "desk-home-print")
