"""Page dumps: reports whose table cells, rows and sections ran together into long lines.

The labelled documents are turned into dumps the way scrapers make them (every cell's
text joined with nothing between, the whole document on one line). What a dump loses
cannot always be recovered: section 二 has no identities to split ``6233440`` by. So
every cell must be right or left blank with a warning naming it; where the identities
decide (sections 三 and 四 of a table that prints its zeros), every cell must be right.
"""

from __future__ import annotations

import math
import re
from typing import Any

import pytest
from corpus import DEV, SEEDS, labelled

from xxgk.ingest import parse_bytes
from xxgk.ingest.document import Document, Row
from xxgk.ingest.dump import unglue
from xxgk.report.form import edition

DOCS = [(p, t) for p, t in labelled(SEEDS) + (labelled(DEV) if DEV.exists() else []) if p.suffix == ".txt"]
LOSSY = {
    "002": "rows printed with numbers missing (PDF text) cannot be split once glued",
    "004": "blanks for zeros vanish when cells are glued: “22” may be 22, or 2 and 2",
}


def dump(text: str) -> str:
    """Every cell's text joined with nothing between: the text content of the page."""
    cells = []
    for line in text.splitlines():
        cells += [c.strip() for c in re.split(r"[\t|]", line.strip().strip("|")) if c.strip()]
    return "".join(cells)


def _same(truth: Any, got: Any) -> bool:
    if truth in (None, 0) and got in (None, 0):
        return True
    return isinstance(got, int | float) and truth is not None and math.isclose(truth, got, abs_tol=1e-6)


def _wrong(report, truth) -> dict[str, tuple[Any, Any]]:
    return {
        k: (report.cells.get(k), truth["cells"].get(k))
        for k in edition(truth["edition"]).keys()
        if not _same(truth["cells"].get(k), report.cells.get(k))
    }


@pytest.mark.parametrize(("path", "truth"), DOCS, ids=[p.name for p, _ in DOCS])
def test_a_dumped_report_is_right_or_says_where_it_is_unsure(path, truth):
    report = parse_bytes(dump(path.read_text(encoding="utf-8")).encode(), "dump.txt")
    assert report.edition == truth["edition"]
    wrong = _wrong(report, truth)
    seed = path.name[:3]
    if seed not in LOSSY:
        assert {k: v for k, v in wrong.items() if not k.startswith("s2.")} == {}
        warned = {k for f in report.findings if f.severity in ("warning", "error") for k in f.cells}
        silent = {k: v for k, v in wrong.items() if v[0] is not None or k not in warned}
        assert silent == {}


def test_sections_and_table_rows_are_cut_apart():
    line = (
        "本报告按规定编制。一、总体情况 全年主动公开信息1398条。二、主动公开政府信息情况"
        "第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章000行政规范性文件6233440"
        "三、收到和处理政府信息公开申请情况（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
        "申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他"
        "一、本年新收政府信息公开申请数量21710000218（三）不予公开1.属于国家秘密4000004"
        "2.其他法律行政法规禁止公开0000000五、存在的主要问题及改进情况 信息更新不及时。"
    )
    doc = unglue(Document("d.txt", "text", [Row([line], "第1行")]))
    pieces = [r.cells[0] for r in doc.rows]
    assert pieces[:6] == [
        "本报告按规定编制。",
        "一、总体情况",
        "全年主动公开信息1398条。",
        "二、主动公开政府信息情况",
        "第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数",
        "规章",
    ]
    for piece in ("000", "行政规范性文件", "6233440", "三、收到和处理政府信息公开申请情况", "21710000218"):
        assert piece in pieces
    assert pieces[pieces.index("1.属于国家秘密") + 1] == "4000004"
    assert pieces[pieces.index("4000004") + 1] == "2.其他法律行政法规禁止公开"
    assert pieces[-2:] == ["五、存在的主要问题及改进情况", "信息更新不及时。"]
    assert doc.rows[1].where == "第1行（第2段）"


def test_prose_and_ordinary_lines_are_left_alone():
    rows = [
        Row(
            ["2020年，我县依照《条例》第二十条第（一）项的规定主动公开规章3件、规范性文件12件，总计15件。"],
            "第1行",
        ),
        Row(["一、本年新收政府信息公开申请数量", "6", "1"], "第2行", structured=True),
    ]
    doc = Document("d.txt", "text", rows)
    assert unglue(doc) is doc


def test_the_signature_after_the_last_sentence_is_its_own_row():
    from xxgk.ingest.meta import published_on

    line = (
        "五、存在的主要问题及改进情况 更新不及时。六、其他需要报告的事项 本年度没有收取信息处理费。"
        " 此函 某某片区管理局 2022年1月7日 某某管理局党政办公室 2022年1月7日印发"
    )
    doc = unglue(Document("d.txt", "text", [Row([line], "第1行")]))
    assert [r.cells[0] for r in doc.rows][-3:] == [
        "本年度没有收取信息处理费。",
        "此函 某某片区管理局 2022年1月7日",
        "某某管理局党政办公室 2022年1月7日印发",
    ]
    assert str(published_on(doc)[0]) == "2022-01-07"
