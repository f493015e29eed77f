"""The production settings pass Django's deployment check and the pages send the security headers."""

from __future__ import annotations

import base64
import os
import secrets
import subprocess
import sys

import pytest


def test_check_deploy_is_clean(tmp_path):
    env = {
        **os.environ,
        "XXGK_DATA_DIR": str(tmp_path),
        "XXGK_SECRET_KEY": secrets.token_urlsafe(50),
        "XXGK_FIELD_KEY": base64.b64encode(secrets.token_bytes(32)).decode(),
        "XXGK_ALLOWED_HOSTS": "xxgk.example.gov.cn",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by the browser tests' fixture, never in deployment
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "django",
            "check",
            "--deploy",
            "--fail-level",
            "WARNING",
            "--settings=xxgk.site.settings_production",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout


@pytest.mark.django_db
def test_headers_on_a_desk_page(client, people):
    client.force_login(people["clerk"])
    r = client.get("/")
    assert "default-src 'self'" in r["Content-Security-Policy"]
    assert r["X-Frame-Options"] == "DENY" and r["X-Content-Type-Options"] == "nosniff"
