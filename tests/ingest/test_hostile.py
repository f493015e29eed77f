"""Hostile files end in a clear Chinese refusal or a bounded result, never a hang or a traceback.

Each input is generated in ``tmp_path`` and parsed in a subprocess under a time limit.
"""

import struct
import subprocess
import sys
import zipfile
from pathlib import Path

from pdf_by_hand import Page, pdf
from reader_corpus import hand_pdf

SCRIPT = """
import sys
import xxgk.ingest
from xxgk.ingest.document import ReadError
from xxgk.ingest.formats import read_document
try:
    doc = read_document(open(sys.argv[1], 'rb').read(), sys.argv[1])
except ReadError as e:
    print('REFUSED', e)
else:
    print('READ', len(doc.rows), '|'.join(f.message for f in doc.findings))
"""


def run(path: Path) -> str:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(path)], capture_output=True, text=True, timeout=60
    )
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == 0
    return done.stdout.strip()


def test_docx_zip_bomb(tmp_path: Path) -> None:
    path = tmp_path / "bomb.docx"
    block = b"\0" * (16 * 1024 * 1024)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf, zf.open("word/document.xml", "w") as fh:
        for _ in range(20):
            fh.write(block)
    assert run(path) == "REFUSED 文件解压后过大，疑似压缩炸弹，未读取"


def test_docx_zip_bomb_that_declares_a_small_size(tmp_path: Path) -> None:
    """A bomb whose headers claim a tiny word/document.xml passes the declared-size
    checks; reading stops at the claimed size and refuses the bad CRC, in Chinese."""
    path = tmp_path / "lying.docx"
    block = b"\0" * (16 * 1024 * 1024)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf, zf.open("word/document.xml", "w") as fh:
        for _ in range(20):
            fh.write(block)
    data = bytearray(path.read_bytes())
    central = data.rindex(b"PK\x01\x02")  # the member's entry in the central directory
    data[central + 24 : central + 28] = struct.pack("<I", 1000)  # its uncompressed size
    path.write_bytes(bytes(data))
    assert run(path) == "REFUSED DOCX 文件已损坏（word/document.xml 无法解压），无法读取"


def test_pdf_with_thousands_of_pages(tmp_path: Path) -> None:
    path = tmp_path / "long.pdf"
    path.write_bytes(hand_pdf(5000, "page"))
    out = run(path)
    assert out.startswith("READ 200 ")
    assert "共 5000 页" in out and "只读取了前 200 页" in out


def test_pdf_page_drawn_with_fifty_thousand_lines(tmp_path: Path) -> None:
    """Past the cap on path segments the page's tables are not searched (that search grows
    with rules × rules); its text is still read, and the finding says so."""
    page = Page().text(72, 72, "年度报告")
    for n in range(50_000):
        page.rule(72 + n % 400, 100 + n % 600, 73 + n % 400, 101 + n % 600)
    path = tmp_path / "lines.pdf"
    path.write_bytes(pdf([page]))
    out = run(path)
    assert out.startswith("READ 1 ")
    assert "第1页的线条超过" in out


def test_pdf_page_of_a_hundred_thousand_characters(tmp_path: Path) -> None:
    page = Page()
    for line in range(100):
        page.text(10, 10 + line * 8, "政府信息公开" * 166, 1)
    path = tmp_path / "chars.pdf"
    path.write_bytes(pdf([page]))
    out = run(path)
    assert out.startswith("READ ")
    assert "第1页的字符超过 20000 个的上限" in out


def test_html_nested_ten_thousand_deep(tmp_path: Path) -> None:
    path = tmp_path / "deep.html"
    path.write_text(
        "<html><body><p>年度报告</p>" + "<div>" * 10_000 + "深处" + "</div>" * 10_000 + "</body></html>"
    )
    out = run(path)
    assert out.startswith("READ ")
    assert "嵌套超过" in out


def test_html_whose_whole_text_is_nested_too_deep_says_so(tmp_path: Path) -> None:
    path = tmp_path / "deeper.html"
    deep = "<div>" * 10_000 + "<p>年度报告</p>" + "</div>" * 10_000
    path.write_text(f"<html><body>{deep}</body></html>")
    assert run(path) == "REFUSED HTML 标签嵌套超过 255 层，更深处的内容未读取"


def test_fifty_megabytes_of_text(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(("政府信息公开" * 10 + "\n").encode() * (50 * 1024 * 1024 // 181 + 1))
    out = run(path)
    assert out.startswith("REFUSED 文件过大")


def test_pdf_page_ruled_into_twenty_thousand_cells(tmp_path: Path) -> None:
    """The table search grows with vertical × horizontal rules: past the cap it is not
    made; the text is read, and the finding says so."""
    page = Page().text(72, 72, "年度报告")
    for n in range(150):
        page.rule(10 + n * 3.5, 10, 10 + n * 3.5, 830).rule(10, 10 + n * 5, 585, 10 + n * 5)
    path = tmp_path / "ruled.pdf"
    path.write_bytes(pdf([page]))
    out = run(path)
    assert out.startswith("READ 1 ")
    assert "第1页的线条过多，未识别其中的表格" in out
