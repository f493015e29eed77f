from hypothesis import given
from hypothesis import strategies as st
from reader_corpus import needs_dev, table_rows

from xxgk.ingest.grid import Cell, expand
from xxgk.ingest.html import decode, read_html

REPORT = """<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body>
<div class="nav"><ul><li>首页</li><li>政务公开</li></ul></div>
<script>var x = "不应出现";</script>
<div class="article"><p>一、总体情况</p><p>本<span>年</span>共受理申请<b>3</b>件。</p>
<table><tr><td rowspan="2">三、本年度办理结果</td><td><p>（三）不予</p><p>公开</p></td><td>1</td></tr>
<tr><td>（四）无法提供</td><td>2</td><td></td></tr></table>
<p>二、其他</p></div>
<div id="footer">版权所有 网站标识码</div></body></html>"""


def test_portal_chrome_dropped_and_tables_expanded() -> None:
    doc = read_html(REPORT.encode("gb18030"), "t.html")
    texts = [r.text for r in doc.rows]
    assert texts[0] == "一、总体情况"
    assert texts[1] == "本年共受理申请3件。"
    assert not any("首页" in t or "不应出现" in t or "版权所有" in t for t in texts)
    table = [r.cells for r in doc.rows if r.structured]
    assert table == [["三、本年度办理结果", "（三）不予 公开", "1"], ["", "（四）无法提供", "2"]]
    assert texts[-1] == "二、其他"


def test_layout_table_is_opened_up() -> None:
    html = (
        "<table border=0><tr><td><p>标题</p><table><tr><td>规章</td><td>5</td></tr></table>"
        "<p>落款</p></td></tr></table>"
    )
    doc = read_html(html.encode(), "x")
    assert [(r.cells, r.structured) for r in doc.rows] == [
        (["标题"], False),
        (["规章", "5"], True),
        (["落款"], False),
    ]


def test_encodings_declared_or_not() -> None:
    text = "<p>政府信息公开工作年度报告</p>"
    assert "政府信息公开" in decode(text.encode("gbk"))
    assert "政府信息公开" in decode(text.encode("gb18030"), "gb2312")
    assert "政府信息公开" in decode(b"\xef\xbb\xbf" + text.encode("utf-8"), "gbk")
    assert "政府信息公开" in decode(text.encode("utf-8"))
    assert "政府信息公开" in decode(b'<meta charset="GBK">' + text.encode("gbk"))


@needs_dev
def test_dev_html_tables_match_the_tsv_variant() -> None:
    for stem in ("d01", "d02"):
        html, tsv = table_rows(stem, ".html")
        assert html == tsv


@given(
    st.lists(
        st.lists(st.tuples(st.integers(1, 3), st.integers(1, 3)), min_size=1, max_size=4),
        min_size=1,
        max_size=5,
    )
)
def test_grid_is_rectangular_and_keeps_every_text_once(spans) -> None:
    rows = [[Cell(f"{r}-{c}", rs, cs) for c, (rs, cs) in enumerate(row)] for r, row in enumerate(spans)]
    grid = expand(rows)
    assert len({len(line) for line in grid}) == 1
    flat = [t for line in grid for t in line if t]
    assert sorted(flat) == sorted(cell.text for row in rows for cell in row)


def test_merged_label_cells_are_not_blank_values() -> None:
    """A label spanning two columns leaves a placeholder that is no cell of the row: a total
    the agency left blank stays blank (the checker reports the broken sum), it is not
    moved or made up."""
    import random
    import re

    from xxgk.check import check_report
    from xxgk.ingest import parse_bytes
    from xxgk.render.html import render_html
    from xxgk.report.generate import random_report

    report = random_report(random.Random(3), "2019")
    report.cells["s3.granted.natural"] = report.cells["s3.granted.total"] = 6
    report.cells |= {f"s3.granted.{c}": 0 for c in ("commercial", "research", "nonprofit", "legal", "other")}
    html = re.sub(r'(data-key="s3\.granted\.total">)6<', r"\1<", render_html(report))
    parsed = parse_bytes(html.encode(), "blank.html")
    assert parsed.cells["s3.granted.total"] is None
    assert {k: v for k, v in parsed.cells.items() if k != "s3.granted.total"} == {
        k: v for k, v in report.cells.items() if k != "s3.granted.total"
    }
    broken = {f.rule for f in check_report(parsed) if "s3.granted.total" in f.cells}
    assert "identity-3" in broken


@needs_dev
def test_a_page_kept_as_a_string_inside_a_script() -> None:
    """Kilobytes of script before the report, its markup in a string with escaped quotes
    (``rowspan=\\"20\\"``): still read as a web page, its merged cells still merged."""
    import json

    from reader_corpus import DEV

    from xxgk.ingest import parse_bytes

    html = (DEV / "d01.html").read_text(encoding="utf-8")
    truth = json.loads((DEV / "d01.json").read_text(encoding="utf-8"))
    body = html[html.index("<body") :]
    script = 'let menu = [{\n\t"id": "1",\n\t"name": "政策文件"\n}];\n' * 120
    page = script + 'let content = "' + body.replace('"', '\\"').replace("\n", " ") + '";\n'
    report = parse_bytes(page.encode("utf-8"), "page.js")
    assert report.agency == truth["agency"]
    assert {k: v for k, v in report.cells.items() if (v or 0) != (truth["cells"][k] or 0)} == {}


def test_escaped_quotes_around_a_span_still_span() -> None:
    doc = read_html(REPORT.replace('rowspan="2"', 'rowspan=\\"2\\"').encode("gb18030"), "t.html")
    table = [r.cells for r in doc.rows if r.structured]
    assert table == [["三、本年度办理结果", "（三）不予 公开", "1"], ["", "（四）无法提供", "2"]]
