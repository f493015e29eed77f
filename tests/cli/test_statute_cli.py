"""`xxgk deadline` and `xxgk fee` as a clerk runs them: the installed command, a real process."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

XXGK = shutil.which("xxgk", path=str(Path(sys.executable).parent)) or "xxgk"


def run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if k != "XXGK_HOLIDAYS_DIR"} | (env or {})
    p = subprocess.run([XXGK, *args], capture_output=True, timeout=120, env=environ)
    assert b"Traceback" not in p.stderr, p.stderr.decode()
    return p


def test_deadline_json_in_a_published_year() -> None:
    p = run("deadline", "2025-09-26", "--json")
    assert p.returncode == 0, p.stderr.decode()
    data = json.loads(p.stdout)
    assert data["correction_notice_due"] == "2025-10-13"
    assert data["reply_due"] == "2025-10-30"
    assert data["extended_reply_due"] == "2025-11-27"
    assert data["warnings"] == []


def test_deadline_into_an_unpublished_year_warns() -> None:
    p = run("deadline", "2026-12-10", "--json")
    data = json.loads(p.stdout)
    assert data["reply_due"] == "2027-01-07"
    assert any("2027年的节假日安排尚未配置" in w for w in data["warnings"])
    human = run("deadline", "2026-12-10").stdout.decode()
    assert "日历警告" in human and "2027-01-07" in human and "答复期限" in human


def test_configured_table_through_the_environment(tmp_path) -> None:
    (tmp_path / "2027.toml").write_text(
        'year = 2027\n[[holiday]]\nname = "元旦"\nfrom = 2027-01-01\nto = 2027-01-03\n', encoding="utf-8"
    )
    p = run("deadline", "2026-12-10", "--json", env={"XXGK_HOLIDAYS_DIR": str(tmp_path)})
    data = json.loads(p.stdout)
    assert data["reply_due"] == "2027-01-08"
    assert data["warnings"] == []


def test_broken_table_is_reported_in_chinese(tmp_path) -> None:
    (tmp_path / "2027.toml").write_text(
        "year = 2027\n[[holiday]]\nname = '元旦'\nfrom = 2027-02-30\n", encoding="utf-8"
    )
    p = run("deadline", "2026-12-10", "--holidays-dir", str(tmp_path))
    assert p.returncode == 2
    message = p.stderr.decode()
    assert "2027.toml" in message and "第4行" in message


def test_events_options() -> None:
    p = run("deadline", "2026-03-02", "--json", "--not-counted", "5", "--on", "2026-04-08")
    data = json.loads(p.stdout)
    assert data["reply_due"] == "2026-04-07"
    assert data["status"]["overdue"] is True
    corrected = json.loads(run("deadline", "2026-03-02", "--json", "--corrected-on", "2026-03-16").stdout)
    assert corrected["reply_due"] == "2026-04-14"
    assert corrected["correction_notice_due"] == "2026-03-11"


@pytest.mark.parametrize(
    "args",
    [
        ["deadline", "2026-13-01"],
        ["deadline", "明天"],
        ["deadline", "2026-03-02", "--not-counted", "-3"],
        ["deadline", "2026-03-02", "--corrected-on", "2026-03-01"],
        ["deadline", "1800-01-01"],
        ["fee"],
        ["fee", "--requests", "3", "--pages", "3"],
        ["fee", "--requests", "-1"],
        ["fee", "--pages", "abc"],
        ["fee", "--pages", "99999999999"],
    ],
)
def test_bad_input_gets_a_chinese_message(args: list[str]) -> None:
    p = run(*args)
    assert p.returncode != 0
    assert "错误" in p.stderr.decode()


def test_fee() -> None:
    p = run("fee", "--requests", "41")
    assert p.returncode == 0
    out = p.stdout.decode()
    assert "4300 元" in out and "300元" in out
    assert json.loads(run("fee", "--pages", "250", "--json").stdout)["amount_yuan"] == 4700
    assert json.loads(run("fee", "--requests", "5", "--already", "28", "--json").stdout)["amount_yuan"] == 800
