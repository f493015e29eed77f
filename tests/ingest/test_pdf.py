import pytest
from pdf_by_hand import Page, pdf
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


# PDFs written by hand (tests/pdf_by_hand.py): each shows one thing the reader must get right.


def rows_of(data: bytes) -> list[list[str]]:
    return [r.cells for r in read_pdf(data, "t.pdf").rows]


def report_page() -> Page:
    return (
        Page()
        .text(72, 72, "政府信息公开工作年度报告")
        .grid([72, 300, 400], [100, 130])
        .text(80, 110, "收到申请数")
    )


def test_encrypted_pdf_is_refused_in_chinese() -> None:
    with pytest.raises(ReadError, match=r"^PDF 文件已加密，需要密码才能读取$"):
        read_pdf(pdf([report_page()], user_password="user", owner_password="owner"), "locked.pdf")


def test_pdf_protected_against_copying_is_read_all_the_same() -> None:
    """Agencies often publish with an owner password only: anyone may open the file, copying
    is forbidden. The text is read as from any other file."""
    assert rows_of(pdf([report_page()], owner_password="owner")) == rows_of(pdf([report_page()]))


def test_pdf_without_pages_says_so() -> None:
    with pytest.raises(ReadError, match="没有任何页面"):
        read_pdf(pdf([]), "empty.pdf")


def test_pdf_cut_off_in_transfer_is_refused_as_damaged() -> None:
    data = pdf([report_page(), report_page()])
    with pytest.raises(ReadError, match="已损坏"):
        read_pdf(data[: len(data) // 2], "cut.pdf")


def test_autospace_between_chinese_and_digits_is_not_a_space() -> None:
    """Office suites set a fifth of an em between CJK and Latin text (``2022年`` prints as
    ``2022 年``); that is not a space. A wider gap (a typed space) is."""
    page = Page().text(96, 100, "共").text(96 + 12 + 6, 100, "13").text(96 + 4 * 12, 100, "件")
    page.text(96, 130, "2022").text(96 + 4 * 12 + 2.4, 130, "年度报告")
    assert rows_of(pdf([page])) == [["共 13 件"], ["2022年度报告"]]


def test_turned_text_such_as_a_stamp_is_left_out() -> None:
    page = Page().text(72, 100, "年度报告正文").turned(500, 400, "此件公开发布")
    assert rows_of(pdf([page])) == [["年度报告正文"]]


def test_table_drawn_inside_a_form_xobject_is_read() -> None:
    page = Page().text(72, 72, "统计表")
    page.grid([72, 300, 400], [100, 130, 160], in_form=True)
    page.text(80, 110, "收到申请数", in_form=True).text(310, 110, "12", in_form=True)
    page.text(80, 140, "办理结果", in_form=True).text(310, 140, "7", in_form=True)
    assert rows_of(pdf([page])) == [["统计表"], ["收到申请数", "12"], ["办理结果", "7"]]


def test_table_over_a_page_break_drops_its_repeated_header_and_mends_the_cut_row() -> None:
    """The page break cuts the last row (``结果维`` / ``持``), with no rule under it; the next
    page repeats the header row before going on."""
    first = Page().text(72, 60, "四、行政复议、行政诉讼情况")
    first.grid([72, 300, 400], [700, 730, 760]).rule(72, 760, 72, 800).rule(300, 760, 300, 800)
    first.rule(400, 760, 400, 800)
    first.text(80, 710, "项目").text(310, 710, "数量").text(80, 740, "纠正").text(310, 740, "1")
    first.text(80, 770, "结果维").text(310, 770, "3")
    second = Page().grid([72, 300, 400], [60, 90, 120, 150])
    second.text(80, 70, "项目").text(310, 70, "数量").text(80, 100, "持").text(80, 130, "总计").text(
        310, 130, "4"
    )
    assert rows_of(pdf([first, second])) == [
        ["四、行政复议、行政诉讼情况"],
        ["项目", "数量"],
        ["纠正", "1"],
        ["结果维持", "3"],
        ["总计", "4"],
    ]


def test_merged_header_cell_is_given_once_with_its_span() -> None:
    page = Page().rule(72, 100, 400, 100).rule(72, 130, 400, 130).rule(72, 160, 400, 160)
    page.rule(72, 100, 72, 160).rule(200, 100, 200, 160).rule(300, 130, 300, 160).rule(400, 100, 400, 160)
    page.text(80, 110, "项目").text(210, 110, "申请人情况")
    page.text(80, 140, "收到申请数").text(210, 140, "12").text(310, 140, "3")
    (head, body) = read_pdf(pdf([page]), "t.pdf").rows
    assert (head.cells, head.spans) == (["项目", "申请人情况", ""], frozenset({2}))
    assert (body.cells, body.spans) == (["收到申请数", "12", "3"], frozenset())


def test_paragraph_cut_by_a_page_break_and_page_furniture() -> None:
    """A paragraph whose last line on a page runs to the right margin goes on at the top of
    the next page; running heads, and page numbers in the foot, are not text."""
    pages = []
    for n in range(1, 4):
        page = Page().text(200, 30, "某某局年度报告")
        page.text(280, 800, f"— {n} —")
        pages.append(page)
    body = "本机关依法主动公开政府信息并及时更新" * 2
    pages[0].text(96, 100, body[:28]).text(72, 120, body[:30])
    pages[1].text(72, 100, "予以答复。").text(96, 120, "第二段正文。")
    pages[2].text(96, 100, "第三段正文。")
    assert rows_of(pdf(pages)) == [[body[:28] + body[:30] + "予以答复。"], ["第二段正文。"], ["第三段正文。"]]


def test_display_title_broken_over_two_lines_is_one_row() -> None:
    """Centred lines of one size larger than the body, one under the other, are one title."""
    body = "本机关依法主动公开政府信息，及时回应社会关切，政府信息公开工作有序推进。"
    centre = 72 + len(body) * 12 / 2
    page = (
        Page().text(centre - 3 * 22, 60, "某某市某某局", 22).text(centre - 4 * 22, 90, "年度工作报告正文", 22)
    )
    page.text(72, 140, body).text(72, 160, "予以答复。")
    assert rows_of(pdf([page])) == [["某某市某某局年度工作报告正文"], [body + "予以答复。"]]


def test_text_drawn_twice_for_a_bold_effect_is_read_once() -> None:
    """Some producers embolden a heading by printing it twice, a fraction of a point apart;
    pdfminer read ``一一、、总总体体情情况况``."""
    body = "本机关依法主动公开政府信息，及时回应社会关切，政府信息公开工作有序推进。"
    page = Page().text(96, 72, "一、总体情况").text(96.3, 72, "一、总体情况").text(72, 100, body)
    assert rows_of(pdf([page])) == [["一、总体情况"], [body]]


def test_character_beyond_the_bmp_is_one_character() -> None:
    """A name with a rare character (𠮷, U+20BB7) comes out whole: PDFium gives its two
    surrogates as two characters."""
    page = Page().text(72, 72, "𠮷祥物业管理有限公司")
    assert rows_of(pdf([page])) == [["𠮷祥物业管理有限公司"]]
