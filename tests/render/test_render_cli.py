"""`xxgk render` as a person runs it: the installed command, a real process."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from corpus import SEEDS

from xxgk.render.pdf import soffice
from xxgk.report import all_keys

XXGK = shutil.which("xxgk", path=str(Path(sys.executable).parent)) or "xxgk"
SEED_JSON = sorted(SEEDS.glob("*.json"))
SEED_TXT = sorted(SEEDS.glob("*.txt"))


def run(*args: str, stdin: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    p = subprocess.run([XXGK, *args], input=stdin, capture_output=True, timeout=300, cwd=cwd)
    assert b"Traceback" not in p.stderr, p.stderr.decode()
    return p


@pytest.mark.parametrize("fmt", ["html", "json", "md"])
def test_text_formats_go_to_standard_output(fmt):
    p = run("render", str(SEED_JSON[0]), "--to", fmt)
    assert p.returncode == 0, p.stderr.decode()
    text = p.stdout.decode("utf-8")
    assert "偏关县人民政府" in text


def test_binary_formats_without_o_are_written_as_stem_dot_format(tmp_path):
    p = run("render", str(SEED_JSON[0]), "--to", "docx", cwd=tmp_path)
    assert p.returncode == 0, p.stderr.decode()
    out = tmp_path / (SEED_JSON[0].stem + ".docx")
    assert zipfile.is_zipfile(out)
    assert "已写入" in p.stderr.decode()


def test_xlsx_to_a_named_file(tmp_path):
    out = tmp_path / "sub" / "r.xlsx"
    p = run("render", str(SEED_JSON[4]), "--to", "xlsx", "-o", str(out))
    assert p.returncode == 0, p.stderr.decode()
    assert zipfile.is_zipfile(out)


def test_a_document_is_parsed_then_rendered():
    p = run("render", str(SEED_TXT[1]), "--to", "json")
    assert p.returncode == 0, p.stderr.decode()
    data = json.loads(p.stdout)
    assert data["agency"] == "博爱县人民政府"
    assert data["sections"]


def test_a_parse_json_line_on_standard_input():
    line = run("parse", "--json", "--no-check", str(SEED_TXT[2])).stdout
    p = run("render", "-", "--to", "md", stdin=line)
    assert p.returncode == 0, p.stderr.decode()
    assert p.stdout.decode().startswith("# ")


def test_csv_takes_many_reports_and_json_lines():
    lines = run("parse", "--json", "--no-check", *map(str, SEED_TXT)).stdout
    p = run("render", "--to", "csv", *map(str, SEED_JSON))
    assert p.returncode == 0, p.stderr.decode()
    rows = list(csv.reader(io.StringIO(p.stdout.decode("utf-8-sig"))))
    assert rows[1][-len(all_keys()) :] == list(all_keys())
    assert len(rows) == 2 + len(SEED_JSON)
    p2 = run("render", "--to", "csv", "-", stdin=lines)
    assert len(list(csv.reader(io.StringIO(p2.stdout.decode("utf-8-sig"))))) == 2 + len(SEED_TXT)


def test_csv_lists_what_it_can_and_fails_on_what_it_cannot(tmp_path):
    p = run("render", "--to", "csv", str(SEED_JSON[0]), str(tmp_path / "missing.txt"))
    assert p.returncode == 1
    assert len(p.stdout.decode().splitlines()) == 3
    assert "找不到文件" in p.stderr.decode()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--to", "rtf"], "不支持的输出格式"),
        (["--to", "html", str(SEED_JSON[1])], "一次只能生成一份"),
    ],
)
def test_usage_errors_are_explained_in_chinese(args, message):
    p = run("render", str(SEED_JSON[0]), *args)
    assert p.returncode == 2
    assert message in p.stderr.decode()


def test_bad_input_is_explained_in_chinese(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"edition": "2019", "cells": {"s2.rules.made": "many"}}', encoding="utf-8")
    p = run("render", str(bad), "--to", "html")
    assert p.returncode == 1
    assert "不是数字" in p.stderr.decode()
    p = run("render", str(tmp_path / "nothing.txt"), "--to", "docx")
    assert p.returncode == 1
    assert "找不到文件" in p.stderr.decode()
    failed = tmp_path / "failed.jsonl"
    failed.write_text(json.dumps({"source": "x.pdf", "error": "文件已损坏"}, ensure_ascii=False), "utf-8")
    p = run("render", str(failed), "--to", "md")
    assert p.returncode == 1
    assert "文件已损坏" in p.stderr.decode()


def test_rendering_never_overwrites_its_source(tmp_path):
    source = tmp_path / "report.docx"
    made = run("render", str(SEED_JSON[0]), "--to", "docx", "-o", str(source))
    assert made.returncode == 0
    p = run("render", str(source), "--to", "docx", cwd=tmp_path)
    assert p.returncode == 2
    assert "覆盖原文件" in p.stderr.decode()


@pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not installed")
def test_pdf(tmp_path):
    out = tmp_path / "r.pdf"
    p = run("render", str(SEED_JSON[3]), "--to", "pdf", "-o", str(out))
    assert p.returncode == 0, p.stderr.decode()
    assert out.read_bytes().startswith(b"%PDF")
