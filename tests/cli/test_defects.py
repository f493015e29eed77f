"""The command line as a clerk meets it in the first hour (issue 11): one test per defect,
each through the installed ``xxgk`` in a real process."""

from __future__ import annotations

import io
import json
import os
import pty
import re
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from corpus import EXAMPLES, SEEDS

from xxgk.cli.app import cell_width

XXGK = shutil.which("xxgk", path=str(Path(sys.executable).parent)) or "xxgk"
SEED_TXT = sorted(SEEDS.glob("*.txt"))
SEED_JSON = sorted(SEEDS.glob("*.json"))
KEY = re.compile(r"\bs[234]\.[a-z_]+\.[a-z_.]+")


def run(
    *args: str, stdin: bytes | None = None, cwd: Path | None = None, **env: str
) -> subprocess.CompletedProcess:
    p = subprocess.run(
        [XXGK, *args],
        input=stdin,
        capture_output=True,
        timeout=300,
        cwd=cwd,
        env={**os.environ, **env},
        stdin=None if stdin is not None else subprocess.DEVNULL,
    )
    assert b"Traceback" not in p.stderr, p.stderr.decode()
    return p


def records(p: subprocess.CompletedProcess) -> list[dict]:
    return [json.loads(line) for line in p.stdout.decode().splitlines() if line.strip()]


def test_1_data_reaches_a_redirected_stdout_while_progress_shows_on_a_terminal(tmp_path):
    many = [str(SEED_TXT[i % len(SEED_TXT)]) for i in range(12)]
    out = tmp_path / "out.jsonl"
    primary, secondary = pty.openpty()
    try:
        with out.open("wb") as f:
            p = subprocess.run([XXGK, "parse", "--json", *many], stdout=f, stderr=secondary, timeout=300)
    finally:
        os.close(secondary)
        os.close(primary)
    assert p.returncode == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["source"] for line in lines] == many


def test_2_previous_report_unreadable_is_an_error_and_a_mismatch_is_said(tmp_path):
    p = run("check", str(SEED_TXT[0]), "--previous", str(tmp_path / "missing.txt"))
    assert p.returncode == 1
    assert "上一年度报告" in p.stderr.decode() and "找不到文件" in p.stderr.decode()
    # another agency's report given as last year's: said so, the check still runs
    p = run("check", str(SEED_TXT[0]), "--previous", str(SEED_TXT[1]))
    assert "未用于跨年度核对" in p.stderr.decode() and "机关" in p.stderr.decode()
    assert p.stdout.decode().strip()


def test_3_things_that_are_not_reports_fail(tmp_path):
    empty_object = tmp_path / "e.json"
    empty_object.write_text("{}", encoding="utf-8")
    for command in ("check", "render"):
        p = run(command, str(empty_object), *(["--to", "html"] if command == "render" else []))
        assert p.returncode == 1, p.stdout.decode()
        assert "不是年度报告数据" in (p.stdout + p.stderr).decode()
    folder = tmp_path / "nothing"
    folder.mkdir()
    p = run("parse", str(folder))
    assert p.returncode == 1 and "没有可读取的报告文件" in p.stderr.decode()


def test_4_whatever_xxgk_writes_as_data_it_reads_back(tmp_path):
    line = run("parse", "--json", str(SEED_TXT[0])).stdout
    for command in ("show", "check", "parse"):
        p = run(command, "-", stdin=line)
        assert p.returncode == 0, p.stderr.decode()
    both = run("parse", "--json", str(SEED_TXT[0]), str(SEED_TXT[1])).stdout
    for name in ("two.jsonl", "two.json", "two.ndjson"):
        (tmp_path / name).write_bytes(both)
        p = run("parse", "--json", str(tmp_path / name))
        assert p.returncode == 0, p.stderr.decode()
        assert [r["agency"] for r in records(p)] == [r["agency"] for r in map(json.loads, both.splitlines())]
    for fmt in ("xlsx", "csv"):
        target = tmp_path / f"data.{fmt}"
        assert run("render", *map(str, SEED_TXT), "--to", fmt, "-o", str(target)).returncode == 0
        p = run("parse", "--json", "--no-check", str(target))
        assert p.returncode == 0, p.stderr.decode()
        truth = [json.loads(s.with_suffix(".json").read_text(encoding="utf-8")) for s in SEED_TXT]
        assert [(r["agency"], r["year"]) for r in records(p)] == [(t["agency"], t["year"]) for t in truth]


def test_5_txt_is_a_format_and_reads_back():
    p = run("render", str(SEED_JSON[4]), "--to", "txt")
    assert p.returncode == 0, p.stderr.decode()
    [back] = records(run("parse", "--json", "--no-check", "-", stdin=p.stdout))
    truth = json.loads(SEED_JSON[4].read_text(encoding="utf-8"))
    assert {k: v or 0 for k, v in back["cells"].items()} == {k: v or 0 for k, v in truth["cells"].items()}


@pytest.mark.parametrize("columns", [80, 120])
def test_7_show_fits_the_width_and_cuts_no_label(columns):
    p = run("show", str(EXAMPLES / "稷山县-2021.txt"), COLUMNS=str(columns))
    assert p.returncode == 0
    text = p.stdout.decode()
    tables = text.split("✓")[0].split("✗")[0]
    assert max(cell_width(line) for line in tables.splitlines()) <= columns
    assert "…" not in tables
    for label in ("一、本年新收", "2.申请人逾期", "（六）其他处理", "行政诉讼"):
        assert label in tables
    if columns < 150:
        assert "表头简称" in tables


def test_8_findings_name_cells_by_their_labels_and_where(tmp_path):
    seed = SEEDS / "001_d2c6424c8c79e365.txt"
    broken = seed.read_text(encoding="utf-8").replace(
        "一、本年新收政府信息公开申请数量\t\t6\t1\t0\t0\t0\t0\t7",
        "一、本年新收政府信息公开申请数量\t\t8\t1\t0\t0\t0\t0\t9",
    )
    path = tmp_path / "broken.txt"
    path.write_text(broken, encoding="utf-8")
    p = run("check", str(path))
    assert p.returncode == 1
    out = p.stdout.decode()
    assert not KEY.search(out), KEY.search(out)
    assert "位置：第" in out
    p = run("check", str(EXAMPLES / "稷山县-2021.txt"))
    assert not KEY.search(p.stdout.decode())


def test_9_an_image_is_said_to_be_an_image(tmp_path):
    jpeg = tmp_path / "scan.pdf"
    jpeg.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(2000))
    png = tmp_path / "scan.png"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(2000))
    p = run("parse", "--json", str(jpeg), str(png))
    assert p.returncode == 1
    errors = [r["error"] for r in records(p)]
    assert "JPEG 图片" in errors[0] and "PNG 图片" in errors[1]
    assert all("OCR" in e for e in errors)


COMMANDS = ("parse", "check", "show", "render", "deadline", "fee", "manage")
ENGLISH = re.compile(r"usage:|Usage|Options|Arguments|Show this|\[required\]|<list|show this help|positional")


@pytest.mark.parametrize(
    "args", [["--help"], *[[c, "--help"] for c in COMMANDS], ["--version"]]
)
def test_10_help_is_chinese_and_fits_80_columns(args):
    p = run(*args, COLUMNS="80")
    assert p.returncode == 0
    text = p.stdout.decode()
    assert not ENGLISH.search(text), ENGLISH.search(text)
    assert max(cell_width(line) for line in text.splitlines()) <= 80
    if args != ["--version"]:
        assert "用法：" in text
    else:
        assert text.startswith("xxgk ")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["parse"], "缺少必需的参数"),
        (["parse", "--bogus", "x"], "无法识别的参数"),
        (["render", "x.txt", "--to"], "后面需要一个值"),
        (["show", "/"], "是文件夹"),
    ],
)
def test_10_errors_are_chinese(args, message):
    p = run(*args)
    assert p.returncode in (1, 2)
    err = p.stderr.decode()
    assert message in err and not ENGLISH.search(err)
    assert "Is a directory" not in err


def test_11_many_reports_make_one_workbook_and_one_csv(tmp_path):
    target = tmp_path / "all.xlsx"
    assert run("render", str(EXAMPLES), "--to", "xlsx", "-o", str(target)).returncode == 0
    rows = list(openpyxl.load_workbook(target)["数据"].iter_rows(values_only=True))
    assert rows[0][:2] == ("机关", "年度") and rows[1][:2] == ("agency", "year")
    assert len(rows) == 2 + len(list(EXAMPLES.glob("*.txt")))
    assert all(r[0] and r[1] for r in rows[2:])
    p = run("render", str(EXAMPLES), "--to", "csv")
    assert p.stdout.startswith("\ufeff".encode())
    assert io.StringIO(p.stdout.decode("utf-8-sig")).readline().startswith("机关,年度")


def test_13_output_suffix_and_format_must_agree(tmp_path):
    p = run("render", str(SEED_JSON[0]), "-o", str(tmp_path / "x.pdf"), "--to", "docx")
    assert p.returncode == 2 and "扩展名" in p.stderr.decode()
    assert not (tmp_path / "x.pdf").exists()
    p = run("render", str(SEED_JSON[0]), "-o", str(tmp_path / "x.md"))
    assert p.returncode == 0 and (tmp_path / "x.md").read_text(encoding="utf-8").startswith("# ")


def test_13_show_prints_numbers_whole_and_the_edition_as_a_form_version(tmp_path):
    report = json.loads(SEED_JSON[0].read_text(encoding="utf-8"))
    money = next(k for k in report["cells"] if k.startswith("s2.") and ("fee" in k or "amount" in k))
    report["cells"][money] = 15636.844
    path = tmp_path / "r.json"
    path.write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")
    out = run("show", str(path)).stdout.decode()
    assert "15636.844" in out
    assert f"统计表格式：{report['edition']} 版" in out
    summary = run("parse", str(path)).stdout.decode()
    assert f"{report['edition']} 版" in summary


@pytest.mark.parametrize("count", [100, 200])
def test_13_fee_names_every_band_it_sums(count):
    out = run("fee", "--requests", str(count)).stdout.decode()
    assert "其余" not in out
    assert f"至{count}件" in out


def test_13_an_unconfigured_year_points_to_the_documented_table_format():
    err = run("deadline", "2027-12-20").stdout.decode()
    named = re.search(r"文件格式见\s*(\S+?template\.toml)", err.replace("\n", ""))
    assert named, err
    text = Path(named.group(1)).read_text(encoding="utf-8")
    assert "[" in text and "#" in text


@pytest.mark.parametrize("fmt", ["docx", "html", "md", "txt"])
def test_6_rendered_documents_keep_the_preamble_and_the_agency_in_the_title(tmp_path, fmt):
    source = EXAMPLES / "稷山县-2021.txt"
    [original] = records(run("parse", "--json", "--no-check", str(source)))
    assert original["preamble"] and "统计期限" in original["preamble"]
    target = tmp_path / f"r.{fmt}"
    assert run("render", str(source), "--to", fmt, "-o", str(target)).returncode == 0
    [back] = records(run("parse", "--json", "--no-check", str(target)))
    assert re.sub(r"\s", "", back["preamble"]) == re.sub(r"\s", "", original["preamble"])
    assert back["title"].startswith(original["agency"]) and "2021 年" not in back["title"]


def help_examples() -> list[tuple[str, str]]:
    """(command, example line) for every example the help of every command prints."""
    out = []
    for command in COMMANDS:
        text = run(command, "--help").stdout.decode()
        examples = text.split("示例：", 1)[1] if "示例：" in text else ""
        out += [(command, line.strip()) for line in examples.splitlines() if line.startswith("  ")]
    return out


def test_every_example_in_the_help_works_as_written(tmp_path):
    """From a folder holding the repository's examples, as a user who cloned it runs them."""
    shutil.copytree(EXAMPLES, tmp_path / "examples")
    examples = help_examples()
    assert {c for c, _ in examples} == set(COMMANDS)
    env = {k: v for k, v in os.environ.items() if not k.startswith("XXGK_")}
    env |= {"PATH": f"{Path(XXGK).parent}:{env['PATH']}", "XXGK_DATA_DIR": str(tmp_path / "data")}
    for command, line in examples:
        p = subprocess.run(["bash", "-c", line], cwd=tmp_path, env=env, capture_output=True, timeout=600)
        assert b"Traceback" not in p.stderr, (line, p.stderr.decode())
        assert p.returncode in (0, 1), (line, p.stderr.decode())
        if command != "check":  # check exits 1 on a report with errors, by design
            assert p.returncode == 0, (line, p.stderr.decode())
