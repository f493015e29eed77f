import pytest
from reader_corpus import hand_pdf, needs_dev, table_rows

from xxgk.ingest.document import ReadError
from xxgk.ingest.pdf import SCANNED, join_lines, read_pdf


def numbers(rows: list[list[str]]) -> list[str]:
    return [c for r in rows for c in r if c.isdigit()]


@needs_dev
def test_dev_pdf_tables_carry_the_same_numbers_and_labels() -> None:
    for stem in ("d01", "d02"):
        pdf, tsv = table_rows(stem, "-pdf.pdf")
        assert numbers(pdf) == numbers(tsv)
        labels = {c for r in tsv for c in r if c and not c.isdigit()}
        seen = {c for r in pdf for c in r}
        assert len(labels - seen) <= 1, labels - seen


@needs_dev
def test_row_cut_by_a_page_break_is_mended() -> None:
    pdf, _ = table_rows("d02", "-pdf.pdf")
    assert ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "复议后起诉"] in pdf
    pdf, _ = table_rows("d01", "-pdf.pdf")
    assert any(r[1:3] == ["（五）不予处理", "1.信访举报投诉类申请"] for r in pdf)


def test_text_layer_is_read() -> None:
    doc = read_pdf(hand_pdf(2, "Report 2022"), "t.pdf")
    assert [r.text for r in doc.rows] == ["Report 2022", "Report 2022"]
    assert not doc.findings


def test_scanned_pdf_is_reported_as_such() -> None:
    with pytest.raises(ReadError) as err:
        read_pdf(hand_pdf(3, None, image=True), "scan.pdf")
    assert str(err.value) == SCANNED


def test_broken_pdf_is_refused() -> None:
    with pytest.raises(ReadError, match="损坏"):
        read_pdf(b"%PDF-1.4\n garbage", "bad.pdf")


def test_wrapped_lines_join_without_space_between_chinese() -> None:
    assert (
        join_lines(["（二）部分公开（区分处理的，只计", "这一情形）"])
        == "（二）部分公开（区分处理的，只计这一情形）"
    )
    assert join_lines(["Annual", "report"]) == "Annual report"
