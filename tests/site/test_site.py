"""The site over real HTTP and in a real browser: it serves, it sends its security headers, the
login page works."""

import urllib.request

import pytest
from browser import screenshot

from xxgk.agencies import services
from xxgk.agencies.models import Role

PASSWORD = "Kx9#long-pass"


@pytest.mark.django_db(transaction=True)
def test_every_page_sends_a_csp_with_no_third_party_host(live_server):
    with urllib.request.urlopen(live_server.url + "/accounts/login/") as r:
        csp = r.headers["Content-Security-Policy"]
        assert r.headers["X-Content-Type-Options"] == "nosniff"
        assert r.headers["X-Frame-Options"] == "DENY"
    assert "default-src 'self'" in csp
    assert "http" not in csp


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_clerk_logs_in_and_out(live_server, page):
    services.create_agency("pgx", "偏关县人民政府")
    services.create_user("clerk", PASSWORD, agency="pgx", role=Role.CLERK, display_name="王小明")
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("用户名").fill("clerk")
    page.get_by_label("密码").fill("wrong-password")
    page.get_by_role("button", name="登录").click()
    assert "请输入一个正确的" in page.inner_text("main")
    screenshot(page, "site-login-failed")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    assert "王小明" in page.inner_text("header")
    page.get_by_role("button", name="退出").click()
    assert page.url.endswith("/accounts/login/")


@pytest.mark.django_db
def test_the_admin_signs_in_through_the_throttled_login(client):
    """/admin/login/ would bypass the login throttle; it leads to /accounts/login/ instead."""
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0] == "/accounts/login/?next=%2Fadmin%2F"
    assert response.status_code == 200
