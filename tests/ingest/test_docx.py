import io
import os
import subprocess
import sys
import zipfile

import pytest
from reader_corpus import DEV, needs_dev, squeeze, table_rows

from xxgk.ingest.document import ReadError
from xxgk.ingest.docx import read_docx
from xxgk.ingest.formats import read_document
from xxgk.ingest.numbering import chinese
from xxgk.ingest.office import NEEDS_OFFICE, soffice

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def package(body: str, numbering: str | None = None) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", f"<w:document {W}><w:body>{body}</w:body></w:document>")
        if numbering:
            zf.writestr("word/numbering.xml", f"<w:numbering {W}>{numbering}</w:numbering>")
    return buf.getvalue()


def p(text: str, extra: str = "") -> str:
    return f"<w:p>{extra}<w:r><w:t>{text}</w:t></w:r></w:p>"


def tc(text: str, pr: str = "") -> str:
    return f"<w:tc><w:tcPr>{pr}</w:tcPr>{p(text)}</w:tc>"


def test_merged_cells_give_text_once() -> None:
    restart = '<w:vMerge w:val="restart"/>'
    span = '<w:gridSpan w:val="2"/>'
    table = (
        "<w:tbl>"
        f"<w:tr>{tc('三、本年度办理结果', restart)}{tc('（一）予以公开')}{tc('4')}</w:tr>"
        f"<w:tr>{tc('', '<w:vMerge/>')}{tc('（七）总计', span)}</w:tr>"
        "</w:tbl>"
    )
    doc = read_docx(package(p("标题") + table), "t.docx")
    assert [r.cells for r in doc.rows] == [
        ["标题"],
        ["三、本年度办理结果", "（一）予以公开", "4"],
        ["", "（七）总计", ""],
    ]
    assert [r.structured for r in doc.rows] == [False, True, True]


def test_text_boxes_are_read_once() -> None:
    box = (
        '<w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
        f"<mc:Choice><w:drawing><w:txbxContent>{p('文本框里的话')}</w:txbxContent></w:drawing></mc:Choice>"
        f"<mc:Fallback><w:pict><w:txbxContent>{p('文本框里的话')}</w:txbxContent></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r>"
    )
    doc = read_docx(package(f"<w:p><w:r><w:t>正文</w:t></w:r>{box}</w:p>"), "t.docx")
    assert [r.text for r in doc.rows] == ["正文", "文本框里的话"]


def test_numbering_is_restored() -> None:
    numbering = (
        '<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
        '<w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl></w:abstractNum>'
        '<w:num w:numId="5"><w:abstractNumId w:val="0"/></w:num>'
    )
    num = '<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="5"/></w:numPr></w:pPr>'
    doc = read_docx(package(p("总体情况", num) + p("主动公开政府信息情况", num), numbering), "t.docx")
    assert [r.text for r in doc.rows] == ["一、总体情况", "二、主动公开政府信息情况"]


def test_chinese_numerals() -> None:
    assert [chinese(n) for n in (1, 10, 12, 20, 21, 105, 110)] == [
        "一",
        "十",
        "十二",
        "二十",
        "二十一",
        "一百零五",
        "一百一十",
    ]


def test_broken_archive_is_refused() -> None:
    with pytest.raises(ReadError, match="损坏"):
        read_docx(b"PK\x03\x04 not really a zip", "t.docx")


@needs_dev
def test_dev_docx_tables_match_the_tsv_variant() -> None:
    for stem in ("d01", "d02"):
        docx, tsv = table_rows(stem, "-docx.docx")
        assert docx == tsv


@needs_dev
@pytest.mark.skipif(soffice() is None, reason="LibreOffice is not installed")
def test_doc_is_read_through_libreoffice(tmp_path) -> None:
    subprocess.run(
        [
            soffice(),
            f"-env:UserInstallation={(tmp_path / 'p').as_uri()}",
            "--headless",
            "--convert-to",
            "doc",
            "--outdir",
            str(tmp_path),
            str(DEV / "d02-docx.docx"),
        ],
        capture_output=True,
        timeout=180,
        check=True,
    )
    data = (tmp_path / "d02-docx.doc").read_bytes()
    doc = read_document(data, "d02.doc")
    assert doc.format == "doc"
    assert [squeeze(r.cells) for r in doc.rows if r.structured] == table_rows("d02", "-tsv.txt")[1]


def test_doc_without_libreoffice_says_so(tmp_path) -> None:
    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1024)
    script = (
        "import sys, xxgk.ingest\nfrom xxgk.ingest.formats import read_document\n"
        "from xxgk.ingest.document import ReadError\n"
        "try:\n    read_document(open(sys.argv[1], 'rb').read(), sys.argv[1])\n"
        "except ReadError as e:\n    print(e)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PATH": str(tmp_path)},
    )
    assert done.stdout.strip() == NEEDS_OFFICE
