"""The portal in a real browser: applying as a citizen by keyboard only and as a company with JavaScript
off, the receipt, the status page through the request's life, withdrawal, axe on every page template,
and screenshots (standard, 长辈版, phone, 200 % zoom) in out/screenshots for a person to look at."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from browser import screenshot
from portal_kit import COMPANY, PASSWORD

from xxgk.agencies import services as agencies
from xxgk.agencies.models import ApproverPost, Role
from xxgk.ledger import services as ledger
from xxgk.ledger.models import Request, State
from xxgk.portal import services
from xxgk.portal.catalogue import Validity

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "偏关县-2020.txt"
PHONE = {"width": 375, "height": 740}
REFLOW = {"width": 320, "height": 640}
ZOOM_200 = {"width": 683, "height": 384}
"""A 1366 px screen at 200 % zoom lays pages out in 683 CSS pixels."""


@pytest.fixture
def world(county):
    new = services.publish(
        services.create_entry(
            county,
            title="偏关县教育收费管理办法",
            column="a01",
            validity=Validity.VALID,
            effective_on=date(2026, 2, 1),
            doc_number="偏政发〔2026〕2号",
            summary="规定全县公办学校的收费项目和标准。",
            body="<p>第一条　为规范教育收费……</p>",
            theme="教育",
            genre="通知",
        ),
        on=date(2026, 1, 5),
    )
    old = services.publish(
        services.create_entry(county, title="偏关县教育收费暂行办法", column="a01"), on=date(2020, 1, 5)
    )
    services.repeal(old, date(2026, 2, 1), by=new)
    gone = services.publish(services.create_entry(county, title="已撤下的公告"), on=date(2026, 1, 7))
    services.withdraw(gone, "公告内容有误，已撤下更正", on=date(2026, 1, 8))
    services.publish(
        services.create_entry(county, title="偏关县政府信息公开保密审查制度", column="zd"),
        on=date(2026, 1, 6),
    )
    services.import_published_report(county, EXAMPLE.read_bytes(), str(EXAMPLE))
    clerk = agencies.create_user("clerk", PASSWORD, agency="pgx", role=Role.CLERK, display_name="李办理").user
    head = agencies.create_user(
        "head", PASSWORD, agency="pgx", role=Role.APPROVER, post=ApproverPost.OFFICE_HEAD
    ).user
    return {"county": county, "new": new, "old": old, "gone": gone, "clerk": clerk, "head": head}


@pytest.fixture
def watched(page):
    """The page, with every script error, CSP violation and failed request collected."""
    errors: list[str] = []
    page.on(
        "console",
        lambda m: errors.append(m.text) if m.type == "error" and "(Gone)" not in m.text else None,
    )
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on(
        "response",
        lambda r: errors.append(f"{r.status} {r.url}") if r.status >= 400 and r.status != 410 else None,
    )
    yield page
    assert errors == [], "no script error, CSP violation or broken request"


def accessible(page) -> None:
    """axe-core finds no serious or critical violation."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    bad = [v for v in results.response["violations"] if v.get("impact") in ("serious", "critical")]
    assert bad == [], results.generate_report()


def look(page, name: str) -> None:
    accessible(page)
    screenshot(page, f"portal-{name}")


def tab_to(page, selector: str, limit: int = 120) -> None:
    """Press Tab until ``selector`` has the focus (keyboard only: no click, no programmatic focus)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} is not reachable with Tab")


def test_every_public_page(watched, live_server, world):
    page, base = watched, live_server.url
    pages = {
        "home": "/zfxxgk/",
        "column": "/zfxxgk/pgx/",
        "guide": "/zfxxgk/pgx/zn/",
        "rules": "/zfxxgk/pgx/zd/",
        "catalogue": "/zfxxgk/pgx/ml/?q=教育收费",
        "entry-valid": f"/zfxxgk/c/{world['new'].pk}/",
        "entry-repealed": f"/zfxxgk/c/{world['old'].pk}/",
        "entry-withdrawn": f"/zfxxgk/c/{world['gone'].pk}/",
        "annual-list": "/zfxxgk/pgx/nb/",
        "annual": "/zfxxgk/pgx/nb/2020/",
        "ysqgk": "/zfxxgk/pgx/ysqgk/",
        "lookup": "/zfxxgk/ysqgk/status/",
    }
    for name, url in pages.items():
        page.goto(base + url)
        look(page, name)
    page.goto(base + "/zfxxgk/pgx/nb/2020/")
    page.wait_for_selector("[data-drawn='1'] svg")
    assert "图表数据" in page.inner_text("section.figures")
    page.goto(f"{base}/zfxxgk/c/{world['old'].pk}/")
    assert "本文件已于2026年2月1日废止" in page.inner_text("main")
    page.goto(base + "/zfxxgk/pgx/ysqgk/apply/")
    page.get_by_role("button", name="下一步：核对").click()
    assert page.evaluate("document.activeElement.id") == "error-summary", "the summary takes the focus"
    look(page, "apply-form-errors")


def test_elder_mode_phone_and_zoom(browser, live_server, world):
    for label, viewport in (("phone", PHONE), ("reflow-320", REFLOW), ("zoom-200", ZOOM_200)):
        context = browser.new_context(viewport=viewport, locale="zh-CN")
        page = context.new_page()
        for name, url in (
            ("column", "/zfxxgk/pgx/"),
            ("catalogue", "/zfxxgk/pgx/ml/"),
            ("apply", "/zfxxgk/pgx/ysqgk/apply/"),
            ("annual", "/zfxxgk/pgx/nb/2020/"),
        ):
            page.goto(live_server.url + url)
            screenshot(page, f"portal-{label}-{name}")
            wide = page.evaluate("document.documentElement.scrollWidth")
            assert wide <= viewport["width"] + 1, f"{name} at {label} scrolls sideways ({wide}px)"
        context.close()
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="zh-CN")
    page = context.new_page()
    page.goto(live_server.url + "/zfxxgk/pgx/")
    page.get_by_role("link", name="长辈版（大字）").click()
    assert "elder" in page.get_attribute("body", "class")
    for name, url in (
        ("column", "/zfxxgk/pgx/"),
        ("guide", "/zfxxgk/pgx/zn/"),
        ("apply", "/zfxxgk/pgx/ysqgk/apply/"),
        ("lookup", "/zfxxgk/ysqgk/status/"),
    ):
        page.goto(live_server.url + url)
        accessible(page)
        screenshot(page, f"portal-elder-{name}")
    context.close()


def test_a_citizen_applies_by_keyboard_only(watched, live_server, world):
    page = watched
    page.goto(live_server.url + "/zfxxgk/pgx/ysqgk/apply/")
    look(page, "apply-form")
    tab_to(page, "input[name=kind][value=person]")
    page.keyboard.press("Space")
    assert page.locator("fieldset[data-for=org]").is_hidden(), "with JavaScript the other group hides"
    for selector, text in (
        ("#f-name", "阿卜杜拉·买买提"),
        ("#f-id_number", "H12345678"),
        ("#f-phone", "13912345678"),
        ("#f-email", "a@example.cn"),
        ("#f-description", "偏关县教育收费标准"),
    ):
        tab_to(page, selector)
        page.keyboard.type(text)
    tab_to(page, "#f-id_type")
    page.keyboard.press("ArrowDown")  # 港澳台 permits
    tab_to(page, "input[name=obtain_method]")
    page.keyboard.press("ArrowRight")  # 电子邮件
    tab_to(page, "input[name=carrier]")
    page.keyboard.press("ArrowRight")  # 电子
    tab_to(page, "button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/preview/")
    assert "偏关县教育收费管理办法" in page.inner_text("main"), "a catalogue entry that may answer it"
    look(page, "apply-preview")
    tab_to(page, "input[name=privacy]")
    page.keyboard.press("Space")
    tab_to(page, "main form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/ysqgk/receipt/")
    look(page, "apply-receipt")
    number = page.inner_text("#number")
    code = page.inner_text("#code").replace(" ", "")
    req = Request.objects.get(number=number)
    assert req.state == State.DRAFT and req.id_type == "hk_mo_tw" and req.obtain_method == "email"
    page.reload()
    assert code not in page.inner_text("main"), "the code is shown once"
    _status_through_the_life(page, live_server, world, number, code)


def _status(page) -> str:
    page.goto(page.url.split("/zfxxgk/")[0] + "/zfxxgk/ysqgk/status/")
    return page.inner_text("main")


def _status_through_the_life(page, live_server, world, number, code):
    page.goto(live_server.url + "/zfxxgk/ysqgk/status/?again=1")
    page.get_by_label("申请编号").fill(number)
    page.get_by_label("查询码").fill(code.lower())
    page.get_by_role("button", name="查询").click()
    assert "已提交，待确认接收" in page.inner_text("#state")
    look(page, "status-draft")
    today = date.today()
    req = ledger.confirm_receipt(Request.objects.get(number=number), world["clerk"], confirmed_on=today)
    text = _status(page)
    assert "办理中" in text and "答复期限" in text and today.strftime("%Y年%-m月%-d日") in text
    req = ledger.request_correction(
        req, world["clerk"], sent_on=today, correct_by=date(2099, 1, 4), what="请写明所需文件的年份"
    )
    assert "待补正，请于2099年1月4日前提交" in _status(page)
    look(page, "status-correction")
    page.get_by_role("link", name="提交补正").click()
    look(page, "correction")
    page.get_by_label("补正说明").fill("需要2025年的文件")
    page.get_by_role("button", name="提交补正").click()
    assert "已提交补正材料" in page.inner_text("main")
    req = ledger.receive_correction(req.pk, world["clerk"], received_on=today)
    req = ledger.approve_extension(req, world["head"], approved_on=today, reason="需调取档案")
    assert "办理中" in _status(page)
    screenshot(page, "portal-status-extended")
    ledger.reply(req, world["clerk"], replied_on=today, outcome="granted", method="email")
    text = _status(page)
    assert "已答复" in text and "李办理" not in text and "撤回申请" not in text
    look(page, "status-replied")


def test_a_company_applies_with_javascript_off_and_withdraws(browser, live_server, world):
    context = browser.new_context(
        viewport={"width": 1366, "height": 768}, locale="zh-CN", java_script_enabled=False
    )
    page = context.new_page()
    page.set_default_timeout(20_000)
    base = live_server.url
    page.goto(base + "/zfxxgk/pgx/ysqgk/apply/")
    assert page.locator("fieldset[data-for=org]").is_visible(), "without JavaScript both groups show"
    page.get_by_role("button", name="下一步：核对").click()
    assert "请修改以下" in page.inner_text("#error-summary")
    screenshot(page, "portal-apply-form-errors-nojs")  # axe needs JavaScript: it runs on these pages below
    page.get_by_role("link", name=re.compile("请填写所需政府信息")).click()
    page.get_by_label("法人或其他组织", exact=True).check()
    page.get_by_label("组织类型").select_option("commercial")
    page.locator("#f-org_name").fill(COMPANY["org_name"])
    page.locator("#f-uscc").fill(COMPANY["uscc"])
    page.locator("#f-contact_person").fill(COMPANY["contact_person"])
    page.locator("#f-phone").fill(COMPANY["phone"])
    page.locator("#f-address").fill(COMPANY["address"])
    page.locator("#f-description").fill(COMPANY["description"])
    page.get_by_label("邮寄").check()
    page.get_by_label("纸质").check()
    page.get_by_role("button", name="下一步：核对").click()
    assert "校验码不正确" in page.inner_text("main"), "a doubtful USCC warns"
    page.get_by_label("我已阅读并同意上述个人信息处理告知").check()
    page.get_by_role("button", name="确认提交").click()
    number = page.inner_text("#number")
    code = page.inner_text("#code").replace(" ", "")
    with page.expect_download() as download:
        page.get_by_role("link", name="下载提交凭证（PDF）").click()
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF")
    page.goto(base + "/zfxxgk/ysqgk/status/?again=1")
    page.get_by_label("申请编号").fill(number)
    page.get_by_label("查询码").fill(code)
    page.get_by_role("button", name="查询").click()
    page.get_by_role("link", name="撤回申请").click()
    screenshot(page, "portal-withdraw-before-confirmation")
    page.get_by_role("button", name="确认撤回").click()
    assert "已撤回（未确认接收" in page.inner_text("#state")
    assert not Request.objects.get(number=number).counts_in_report
    context.close()


def test_withdrawal_after_confirmation(watched, live_server, world):
    from django.test import Client
    from portal_kit import CITIZEN, apply_through_pages

    number, code = apply_through_pages(Client(), "pgx", CITIZEN)
    ledger.confirm_receipt(Request.objects.get(number=number), world["clerk"], confirmed_on=date.today())
    page = watched
    page.goto(live_server.url + "/zfxxgk/ysqgk/status/")
    page.get_by_label("申请编号").fill(number)
    page.get_by_label("查询码").fill(code)
    page.get_by_role("button", name="查询").click()
    page.get_by_role("link", name="撤回申请").click()
    assert "其他处理（申请人撤回）" in page.inner_text("main")
    look(page, "withdraw-after-confirmation")
    page.get_by_role("button", name="确认撤回").click()
    assert "已终止：申请人撤回" in page.inner_text("#state")
    req = Request.objects.get(number=number)
    assert req.outcome == "other.other" and req.counts_in_report
