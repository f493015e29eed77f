"""The labelled documents rewritten the ways real reports are broken still parse.

Each variant keeps the information of the original (so the parse must be exact) or
loses some (then every cell must be right, or left blank with a warning naming it:
never silently wrong).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any

import pytest
from corpus import DEV, SEEDS, labelled

from xxgk.ingest import parse_bytes
from xxgk.report.form import edition

DOCS = [(p, t) for p, t in labelled(SEEDS) + (labelled(DEV) if DEV.exists() else []) if p.suffix == ".txt"]
IDS = [p.name for p, _ in DOCS]
CJK = re.compile(r"[\u4e00-\u9fff]{4,}")


def _same(truth: Any, got: Any) -> bool:
    if truth in (None, 0) and got in (None, 0):
        return True
    return isinstance(got, int | float) and truth is not None and math.isclose(truth, got, abs_tol=1e-6)


def _tab_rows(text: str, fn: Callable[[list[str]], list[str]]) -> str:
    return "\n".join("\t".join(fn(line.split("\t"))) if "\t" in line else line for line in text.splitlines())


def one_cell_per_line(text: str) -> str:
    out = []
    for line in text.splitlines():
        if "\t" in line:
            out.extend("\t" + c.strip() for c in line.split("\t"))
            out.append("")
        else:
            out.append(line)
    return "\n".join(out)


def split_labels(text: str) -> str:
    return CJK.sub(lambda m: m[0][:2] + " " + m[0][2:], text)


def fullwidth(text: str) -> str:
    return text.translate(str.maketrans("0123456789", "０１２３４５６７８９"))


def crlf(text: str) -> str:
    return text.replace("\n", "\r\n")


def page_numbers(text: str) -> str:
    return text.replace("四、结转下年度继续办理", "- 3 -\n四、结转下年度继续办理", 1)


def labels_after_numbers(text: str) -> str:
    def move(cells: list[str]) -> list[str]:
        labels = [c for c in cells if c.strip() and not re.fullmatch(r"\s*[\d.,+\-增减亿万元 ]+\s*", c)]
        values = [c for c in cells if c.strip() and c not in labels]
        return [*values, *labels] if values and labels else [c for c in cells if c.strip()]

    return _tab_rows(text, move)


def markdown(text: str) -> str:
    return "\n".join(
        "| " + " | ".join(c.strip() for c in line.split("\t")) + " |" if "\t" in line else line
        for line in text.splitlines()
    )


def totals_as_heji(text: str) -> str:
    return text.replace("总计", "合计")


def markdown_headings(text: str) -> str:
    return re.sub(r"^(?=[一二三四五六]、)", "## ", text, flags=re.M)


LOSSLESS = [
    one_cell_per_line,
    split_labels,
    fullwidth,
    crlf,
    page_numbers,
    markdown,
    totals_as_heji,
    markdown_headings,
]


def _parse(text: str, encoding: str = "utf-8"):
    return parse_bytes(text.encode(encoding), "variant.txt")


def _wrong(report, truth) -> dict[str, tuple[Any, Any]]:
    return {
        k: (report.cells.get(k), truth["cells"].get(k))
        for k in edition(truth["edition"]).keys()
        if not _same(truth["cells"].get(k), report.cells.get(k))
    }


@pytest.mark.parametrize("variant", LOSSLESS, ids=[v.__name__ for v in LOSSLESS])
@pytest.mark.parametrize(("path", "truth"), DOCS, ids=IDS)
def test_lossless_variants_parse_exactly(path, truth, variant):
    report = _parse(variant(path.read_text(encoding="utf-8")))
    assert report.edition == truth["edition"]
    assert _wrong(report, truth) == {}


@pytest.mark.parametrize("encoding", ["gb18030", "utf-16", "utf-8-sig"])
def test_encodings(encoding):
    path, truth = DOCS[0]
    report = _parse(path.read_text(encoding="utf-8"), encoding)
    assert _wrong(report, truth) == {}
    assert report.agency == truth["agency"]


def _never_silently_wrong(report, truth) -> None:
    warned = {k for f in report.findings if f.severity in ("warning", "error") for k in f.cells}
    for k, (got, want) in _wrong(report, truth).items():
        assert got is None and k in warned, f"{k}: read {got!r}, truth {want!r}, no warning"


@pytest.mark.parametrize(("path", "truth"), DOCS, ids=IDS)
def test_tabs_as_spaces_is_exact_or_flagged(path, truth):
    report = _parse(path.read_text(encoding="utf-8").replace("\t", " "))
    assert report.edition == truth["edition"]
    _never_silently_wrong(report, truth)


@pytest.mark.parametrize(("path", "truth"), DOCS, ids=IDS)
def test_labels_after_numbers_is_exact_or_flagged(path, truth):
    report = _parse(labels_after_numbers(path.read_text(encoding="utf-8")))
    _never_silently_wrong(report, truth)


def test_run_together_cells_are_split_by_the_identities():
    path, truth = next((p, t) for p, t in DOCS if p.name.startswith("001"))
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        "一、本年新收政府信息公开申请数量\t\t6\t1\t0\t0\t0\t0\t7", "一、本年新收政府信息公开申请数量 6100007"
    )
    report = _parse(text)
    assert _wrong(report, truth) == {}
    assert any(
        f.rule == "parse-inferred" and "s3.received.natural" in f.cells and "拆分" in f.message
        for f in report.findings
    )


def _block_layout(text: str, truth: dict, column_major: bool) -> str:
    ed = edition(truth["edition"])
    cols = [c.key for c in ed.s3_columns]
    rows = [[truth["cells"][f"s3.{r.key}.{c}"] or 0 for c in cols] for r in ed.s3_rows]
    if column_major:
        lines = [" ".join(str(rows[r][c]) for r in range(len(rows))) for c in range(len(cols))]
    else:
        lines = [" ".join(map(str, row)) for row in rows]
    block = "\n".join([r.label for r in ed.s3_rows] + lines) + "\n\n"
    start, end = text.index("一、本年新收"), text.index("四、政府信息公开行政复议")
    return text[:start] + block + text[end:]


@pytest.mark.parametrize("column_major", [False, True], ids=["row-major", "column-major"])
@pytest.mark.parametrize("seed", ["001", "002"])
def test_numbers_printed_as_one_block_after_the_labels(seed, column_major):
    path, truth = next((p, t) for p, t in DOCS if p.name.startswith(seed))
    report = _parse(_block_layout(path.read_text(encoding="utf-8"), truth, column_major))
    assert _wrong(report, truth) == {}


def test_mixed_editions_keep_the_single_other_row():
    path = next(p for p, _ in DOCS if p.name.startswith("004"))
    text = path.read_text(encoding="utf-8")
    start = text.index("(六) 其他处理")
    end = text.index("(七) 总计")
    text = text[:start] + "(六) 其他处理\t\t1\t\t\t\t\t\t1\n" + text[end:]
    report = _parse(text)
    assert report.edition == "2021"
    assert report.cells["s3.other.other.natural"] == 1
    assert report.cells["s3.other.other.total"] == 1
    assert any(f.rule == "parse-mixed-edition" for f in report.findings)


@pytest.mark.parametrize("seed", ["001", "003"])
def test_page_break_inside_section_three(seed):
    """A page number and the repeated column headers land between two rows."""
    path, truth = next((p, t) for p, t in DOCS if p.name.startswith(seed))
    text = path.read_text(encoding="utf-8")
    cut = text.index("5.属于三类内部事务信息")
    cut = text.rindex("\n", 0, cut) + 1
    header = "第 3 页\n自然人\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t总计\n"
    report = _parse(text[:cut] + header + text[cut:])
    assert _wrong(report, truth) == {}


def test_lone_page_number_between_rows_is_dropped_by_the_identities():
    path, truth = next((p, t) for p, t in DOCS if p.name.startswith("001"))
    text = path.read_text(encoding="utf-8")
    cut = text.index("\t(二) 部分公开")
    report = _parse(text[:cut] + "\n17\n" + text[cut:])
    assert _wrong(report, truth) == {}
    assert any(f.rule == "parse-inferred" for f in report.findings)


def _dev(name: str) -> tuple[str, dict]:
    path, truth = next((p, t) for p, t in DOCS if p.name == name)
    return path.read_text(encoding="utf-8"), truth


@pytest.mark.skipif(not DEV.exists(), reason="no dev corpus")
def test_empty_cells_padding_a_header_row_are_not_values():
    """Section 四 printed with blanks for zeros, under a header row padded with empty cells."""
    text, truth = _dev("d01-md.txt")
    lines = text.splitlines()
    h = next(i for i, line in enumerate(lines) if line.startswith("|  |") and "结果 维持" in line)
    lines[h] += "  |  |  |"
    lines[h + 1] = "| 1 |  |  |  | 1 |" + "  |" * 10
    truth = {**truth, "cells": {**truth["cells"], "s4.review.upheld": 1, "s4.review.total": 1}}
    report = _parse("\n".join(lines))
    assert _wrong(report, truth) == {}


@pytest.mark.skipif(not DEV.exists(), reason="no dev corpus")
def test_a_label_cut_short_by_the_page_width_is_still_its_row():
    """PDF text: the label wraps, its numbers stay on the first line."""
    text, truth = _dev("d01-tsv.txt")
    label = "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"
    line = next(line for line in text.splitlines() if label in line)
    numbers = line.split(label)[1].split()
    cut = "1.申请人无正当理由逾期不补 " + " ".join(numbers) + "\n正、行政机关不再处理其政府信息公开申请"
    report = _parse(text.replace(line, cut))
    assert _wrong(report, truth) == {}


@pytest.mark.skipif(not DEV.exists(), reason="no dev corpus")
def test_a_header_row_of_numbered_labels_gives_no_values():
    """Converters put header rows such as ``| 类别 | 数据1 | … | 总计 |`` inside the table."""
    text, truth = _dev("d01-md.txt")
    line = next(line for line in text.splitlines() if "1.属于国家秘密" in line)
    header = "| 类别 | 数据1 | 数据2 | 数据3 | 数据4 | 数据5 | 数据6 | 总计 |"
    report = _parse(text.replace(line, header + "\n" + line))
    assert _wrong(report, truth) == {}


def test_a_short_row_of_section_two_is_not_cut_up_outside_a_dump():
    """``规章 469`` may be 469 with two cells lost: it is left blank, for a person."""
    path, _ = next((p, t) for p, t in DOCS if p.name.startswith("002"))
    text = path.read_text(encoding="utf-8").replace("规章\t0\t0\t0", "规章\t469", 1)
    report = _parse(text)
    keys = ["s2.rules.made", "s2.rules.published", "s2.rules.total"]
    assert [report.cells[k] for k in keys] == [None, None, None]
    assert any(f.severity == "warning" and f.cells == keys for f in report.findings)


def test_a_note_between_the_headers_and_numbers_of_section_four():
    path, truth = next((p, t) for p, t in DOCS if p.name.startswith("001"))
    text = path.read_text(encoding="utf-8")
    numbers = "0\t0\t1\t0\t1\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0"
    report = _parse(text.replace(numbers, "注：行政复议、行政诉讼数量含上年度结转数量。\n" + numbers, 1))
    assert _wrong(report, truth) == {}


def test_section_two_is_not_looked_for_before_its_heading():
    """Prose of section 一 that reads like a row (``规章 22 件`` broken over lines) is not the
    table, even when the table's own row is missing."""
    path, truth = next((p, t) for p, t in DOCS if p.name.startswith("002"))
    text = path.read_text(encoding="utf-8")
    overview = text.index("一、总体情况") + len("一、总体情况")
    text = text[:overview] + "\n全年主动公开市政府\n规章\n22\n件\n" + text[overview:]
    text = text.replace("规章\t0\t0\t0", "", 1)
    report = _parse(text)
    keys = ["s2.rules.made", "s2.rules.published", "s2.rules.total"]
    assert [report.cells[k] for k in keys] == [None, None, None]
    assert {k: v for k, v in _wrong(report, truth).items() if k not in keys} == {}


def test_labels_a_converter_lifted_out_of_their_rows_are_skipped():
    """PDF-to-Markdown converters lift the wrapped part of later rows' labels above the row
    being read (``5.要求行政机关确认或重新出具`` / ``1.申请人无正当理由逾期不补正、``)."""
    import random

    from xxgk.render.plaintext import render_text
    from xxgk.report.generate import random_report

    report = random_report(random.Random(21), "2021")
    lines = render_text(report, "tsv", rng=random.Random(2)).splitlines()
    at = next(i for i, line in enumerate(lines) if "补正后申请内容仍不明确" in line)
    lines[at:at] = ["5.要求行政机关确认或重新出具", "已获取信息", "1.申请人无正当理由逾期不补正、", "开申请"]
    got = _parse("\n".join(lines))
    assert [k for k in report.keys() if not _same(report.cells[k], got.cells.get(k))] == []
