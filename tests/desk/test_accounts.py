"""Logging in is throttled per username and address; a password can be changed; forms need CSRF."""

from __future__ import annotations

import pytest
from desk_people import PASSWORD
from django.test import Client

from xxgk.agencies.models import Agency
from xxgk.desk import throttle

pytestmark = pytest.mark.django_db


def login(client: Client, username: str, password: str, address: str = "10.0.0.1"):
    return client.post("/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=address)


def test_five_wrong_passwords_lock_that_username_from_that_address(client, people):
    for _ in range(throttle.MAX_FAILURES):
        r = login(client, "clerk", "wrong")
        assert r.status_code == 200
        assert "请输入一个正确的" in r.content.decode()
    r = login(client, "clerk", PASSWORD)
    text = r.content.decode()
    assert "登录失败次数过多" in text and "分钟后再试" in text
    assert "_auth_user_id" not in client.session
    other = Client()
    assert login(other, "clerk", PASSWORD, address="10.0.0.2").status_code == 302, "another address may"
    assert login(Client(), "head", PASSWORD).status_code == 302, "another username from the address may"


def test_a_good_login_clears_the_count(client, people):
    for _ in range(throttle.MAX_FAILURES - 1):
        login(client, "clerk", "wrong")
    assert login(client, "clerk", PASSWORD).status_code == 302
    client.logout()
    for _ in range(throttle.MAX_FAILURES - 1):
        login(client, "clerk", "wrong")
    assert login(client, "clerk", PASSWORD).status_code == 302


def test_password_change(client, people):
    client.force_login(people["clerk"])
    r = client.post(
        "/accounts/password/",
        {"old_password": "wrong", "new_password1": "Qw7!another-pass", "new_password2": "Qw7!another-pass"},
    )
    assert r.status_code == 200 and "旧密码不正确" in r.content.decode()
    r = client.post(
        "/accounts/password/",
        {"old_password": PASSWORD, "new_password1": "Qw7!another-pass", "new_password2": "Qw7!another-pass"},
    )
    assert r.status_code == 302
    people["clerk"].refresh_from_db()
    assert people["clerk"].check_password("Qw7!another-pass")


def test_password_change_needs_login(client):
    r = client.get("/accounts/password/")
    assert r.status_code == 302 and "/accounts/login/" in r["Location"]


def test_forms_refuse_a_post_without_the_csrf_token(people):
    client = Client(enforce_csrf_checks=True)
    client.force_login(people["clerk"])
    r = client.post(
        "/accounts/password/",
        {"old_password": PASSWORD, "new_password1": "Qw7!another-pass", "new_password2": "Qw7!another-pass"},
    )
    assert r.status_code == 403
    people["clerk"].refresh_from_db()
    assert people["clerk"].check_password(PASSWORD)
    admin = Client(enforce_csrf_checks=True)
    admin.force_login(people["admin"])
    new = {"code": "x1", "name": "某局", "kind": "department", "level": "county"}
    assert admin.post("/manage/agencies/", new).status_code == 403
    assert not Agency.objects.filter(code="x1").exists()
