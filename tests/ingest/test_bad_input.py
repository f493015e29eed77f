"""Bad input through the real ``xxgk`` command: a clear Chinese message, never a traceback.

Each document is generated in ``tmp_path`` and given to ``xxgk parse --json`` and
``xxgk check`` in a subprocess with a time limit (a bound on hangs, not a timing test).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from corpus import SEEDS

XXGK = Path(sys.executable).with_name("xxgk")
CHINESE = re.compile(r"[\u4e00-\u9fff]{4,}")
TIMEOUT = 30

NOT_A_REPORT = (
    "关于做好2021年春节期间安全生产工作的通知\n\n各乡镇人民政府，县直各单位：\n"
    "春节将至，为切实做好节日期间安全生产工作，现将有关事项通知如下。\n"
    "一、高度重视安全生产工作。\n二、加强隐患排查治理。\n三、严格落实值班值守制度。\n\n"
    "某某县人民政府办公室\n2021年1月20日\n"
)


def _commands_exist() -> bool:
    if not XXGK.exists():
        return False
    done = subprocess.run([str(XXGK), "--help"], capture_output=True, text=True, timeout=TIMEOUT)
    return done.returncode == 0 and all(c in done.stdout for c in ("parse", "check"))


pytestmark = pytest.mark.skipif(not _commands_exist(), reason="xxgk parse/check are not written yet")


def xxgk(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1"}
    done = subprocess.run(
        [str(XXGK), *args], capture_output=True, text=True, timeout=TIMEOUT, env=env, stdin=subprocess.DEVNULL
    )
    assert "Traceback" not in done.stderr, done.stderr
    assert "Traceback" not in done.stdout, done.stdout
    return done


def parse_json(path: Path) -> tuple[dict, int]:
    done = xxgk("parse", "--json", str(path))
    lines = [line for line in done.stdout.splitlines() if line.strip()]
    assert len(lines) == 1, done.stdout
    return json.loads(lines[0]), done.returncode


def error_message(record: dict) -> str:
    error = record["error"]
    return error["message"] if isinstance(error, dict) else str(error)


def assert_refused(path: Path) -> str:
    """Both commands refuse the file with a Chinese message and a non-zero exit."""
    record, code = parse_json(path)
    assert code != 0
    assert "error" in record, record
    message = error_message(record)
    assert CHINESE.search(message), message
    check = xxgk("check", str(path))
    assert check.returncode != 0
    assert CHINESE.search(check.stdout + check.stderr)
    return message


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert "空" in assert_refused(path)


def test_whitespace_only(tmp_path: Path) -> None:
    path = tmp_path / "blank.txt"
    path.write_text("\n \u3000\n\t\n", encoding="utf-8")
    assert_refused(path)


def test_random_bytes(tmp_path: Path) -> None:
    path = tmp_path / "random.txt"
    path.write_bytes(bytes((i * 7919 + 13) % 256 for i in range(20_000)) + os.urandom(4096))
    assert_refused(path)


@pytest.mark.parametrize("name", ["image.png", "image.txt"])
def test_png_image(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + os.urandom(6000))
    assert_refused(path)


def test_chinese_document_that_is_not_a_report(tmp_path: Path) -> None:
    path = tmp_path / "notice.txt"
    path.write_text(NOT_A_REPORT, encoding="utf-8")
    assert "年度报告" in assert_refused(path)


def _seed_text() -> str:
    return (SEEDS / "001_d2c6424c8c79e365.txt").read_text(encoding="utf-8")


def test_report_missing_section_three(tmp_path: Path) -> None:
    text = _seed_text()
    start = text.index("三、收到和处理政府信息公开申请情况")
    end = text.index("四、政府信息公开行政复议")
    path = tmp_path / "no-s3.txt"
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    record, code = parse_json(path)
    assert code == 0, record
    assert record["agency"] == "博爱县人民政府" and record["year"] == 2020
    assert record["cells"]["s2.normative.total"] == 14
    assert all(v is None for k, v in record["cells"].items() if k.startswith("s3."))
    about_s3 = [f for f in record["findings"] if "收到和处理" in f["message"]]
    assert about_s3 and all(CHINESE.search(f["message"]) for f in about_s3)
    check = xxgk("check", str(path))
    assert "收到和处理" in check.stdout


def test_huge_file(tmp_path: Path) -> None:
    chunk = _seed_text().encode("utf-8")
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:
        for _ in range(50 * 1024 * 1024 // len(chunk) + 2):
            fh.write(chunk)
    assert path.stat().st_size > 50 * 1024 * 1024
    assert "过大" in assert_refused(path)


def test_missing_file(tmp_path: Path) -> None:
    record, code = parse_json(tmp_path / "不存在.txt")
    assert code != 0
    assert "找不到" in error_message(record)


def test_good_and_bad_together(tmp_path: Path) -> None:
    """One unreadable file does not lose the others: one JSON line each, in order."""
    bad = tmp_path / "a-empty.txt"
    bad.write_bytes(b"")
    good = tmp_path / "b-report.txt"
    good.write_text(_seed_text(), encoding="utf-8")
    done = xxgk("parse", "--json", str(bad), str(good))
    records = [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
    assert [("error" in r) for r in records] == [True, False]
    assert records[1]["agency"] == "博爱县人民政府"
    assert done.returncode != 0
