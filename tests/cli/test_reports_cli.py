"""`xxgk parse`, `check` and `show` as a person runs them: the installed command, a real process."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from corpus import EXAMPLES, SEEDS

XXGK = shutil.which("xxgk", path=str(Path(sys.executable).parent)) or "xxgk"


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    p = subprocess.run([XXGK, *args], input=stdin, capture_output=True, timeout=120)
    assert b"Traceback" not in p.stderr, p.stderr.decode()
    return p


def lines(p: subprocess.CompletedProcess) -> list[dict]:
    return [json.loads(line) for line in p.stdout.decode().splitlines() if line.strip()]


def test_parse_json_follows_the_contract():
    seeds = sorted(SEEDS.glob("*.txt"))
    p = run("parse", "--json", *map(str, seeds))
    assert p.returncode == 0, p.stderr.decode()
    records = lines(p)
    assert [r["source"] for r in records] == [str(s) for s in seeds]
    for r, seed in zip(records, seeds, strict=True):
        truth = json.loads(seed.with_suffix(".json").read_text(encoding="utf-8"))
        assert {"source", "agency", "year", "edition", "published_on", "cells", "findings"} <= set(r)
        assert r["edition"] == truth["edition"] and r["year"] == truth["year"]
        assert set(r["cells"]) == set(truth["cells"])
        for f in r["findings"]:
            assert {"rule", "severity", "message", "cells"} <= set(f)
            assert f["severity"] in ("error", "warning", "info")


def test_parse_reads_stdin_and_reports_unreadable_documents(tmp_path):
    seed = next(SEEDS.glob("*.txt"))
    p = run("parse", "--json", "-", stdin=seed.read_bytes())
    assert p.returncode == 0 and lines(p)[0]["source"] == "-"
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    p = run("parse", "--json", str(seed), str(empty), str(tmp_path / "missing.txt"))
    assert p.returncode == 1
    records = lines(p)
    assert "error" not in records[0]
    assert records[1]["source"] == str(empty) and records[1]["error"]
    assert records[2]["error"]


def test_parse_folder_without_json_prints_a_summary_table():
    p = run("parse", str(EXAMPLES))
    assert p.returncode == 0
    out = p.stdout.decode()
    for agency in ("偏关县人民政府", "稷山县人民政府"):
        assert agency in out


def test_check_exits_zero_on_consistent_reports_and_one_on_broken_arithmetic(tmp_path):
    seed = SEEDS / "001_d2c6424c8c79e365.txt"
    assert run("check", str(seed)).returncode == 0
    broken = seed.read_text(encoding="utf-8").replace(
        "一、本年新收政府信息公开申请数量\t\t6\t1\t0\t0\t0\t0\t7",
        "一、本年新收政府信息公开申请数量\t\t8\t1\t0\t0\t0\t0\t9",
    )
    assert broken != seed.read_text(encoding="utf-8")
    path = tmp_path / "broken.txt"
    path.write_text(broken, encoding="utf-8")
    p = run("check", str(path))
    assert p.returncode == 1
    assert "错误" in p.stdout.decode() and "identity-1" in p.stdout.decode()
    p = run("check", "--json", str(path))
    [record] = lines(p)
    errors = [f for f in record["findings"] if f["severity"] == "error"]
    assert any("s3.received.natural" in f["cells"] for f in errors)


def test_check_accepts_parse_output_as_input(tmp_path):
    seed = SEEDS / "004_e6bccf01870e68db.txt"
    [record] = lines(run("parse", "--json", str(seed)))
    saved = tmp_path / "report.json"
    saved.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    assert run("check", str(saved)).returncode == 0


@pytest.mark.parametrize("seed", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.stem[:3])
def test_show_lays_out_the_three_tables(seed):
    p = run("show", str(seed))
    assert p.returncode == 0, p.stderr.decode()
    out = p.stdout.decode()
    for title in (
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议",
    ):
        assert title in out
    truth = json.loads(seed.with_suffix(".json").read_text(encoding="utf-8"))
    assert truth["agency"] in out


def test_show_unreadable_file_says_why(tmp_path):
    junk = tmp_path / "junk.bin"
    junk.write_bytes(bytes(range(256)) * 40)
    p = run("show", str(junk))
    assert p.returncode == 1 and "无法读取" in p.stderr.decode()
