"""The 台账 workbook: header variants, every bad row named, nothing written unless all are good, dry run,
a lossless round trip, and the command's exit status."""

import io
from datetime import date, datetime

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook, load_workbook

from xxgk.ledger.models import Request, RequestEvent, State
from xxgk.ledger.workbook import COLUMNS, export_workbook, import_workbook

pytestmark = pytest.mark.django_db

HEADER = [
    "编号",
    "收到申请",
    "申请渠道",
    "申请人类别",
    "申请人姓名",
    "联系电话",
    "申请公开内容",
    "补正告知时间",
    "补正收到日期",
    "征求意见发出日期",
    "征求意见回复日期",
    "延期批准日期",
    "答复日期",
    "处理结果",
    "收费金额（元）",
    "备注",
]


def book(rows, header=HEADER) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(header)
    for r in rows:
        ws.append(r)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


GOOD = [
    [
        "",
        datetime(2024, 3, 5),
        "当面",
        "公民",
        "张三",
        "13800001234",
        "2023年财政预算",
        None,
        None,
        None,
        None,
        None,
        "2024/3/20",
        "予以公开",
        None,
        None,
    ],
    [
        "",
        "2024年12月30日",
        "互联网",
        "企业",
        "某某公司",
        "a@b.cn",
        "环评批复",
        None,
        None,
        None,
        None,
        None,
        "2025.1.15",
        "部分公开",
        None,
        None,
    ],
    [
        "",
        "2024-04-01",
        "邮寄",
        "律师事务所",
        "某律所",
        "",
        "处罚决定书",
        "2024-04-03",
        None,
        None,
        None,
        None,
        "2024-05-10",
        "逾期不补正",
        None,
        None,
    ],
    [
        "",
        "2025-06-02",
        "传真",
        "其他组织",
        "某协会",
        "",
        "采砂许可",
        None,
        None,
        "2025-06-04",
        "2025-06-20",
        "2025-06-25",
        "2025-07-15",
        "属于国家秘密",
        200,
        None,
    ],
    [
        "",
        "2025-11-03",
        "平常信函",
        "自然人",
        "李四",
        "",
        "低保名单",
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        "仍在办理",
    ],
]


def test_a_good_workbook_with_header_variants_is_imported(tree):
    result = import_workbook(book(GOOD), tree.county)
    assert result.ok, [str(p) for p in result.problems]
    assert result.created == 5
    by_name = {r.applicant_name: r for r in Request.objects.filter(agency=tree.county)}
    assert by_name["张三"].outcome == "granted" and by_name["张三"].closed_on == date(2024, 3, 20)
    assert by_name["某某公司"].applicant_type == "commercial" and by_name["某某公司"].email == "a@b.cn"
    assert by_name["某律所"].outcome == "other.no_correction" and by_name["某律所"].state == State.TERMINATED
    assert by_name["某协会"].fee_amount == 200 and by_name["李四"].state == State.IN_PROGRESS
    assert by_name["李四"].reply_due is not None and by_name["李四"].overdue
    assert RequestEvent.objects.filter(request=by_name["某协会"]).count() == 5
    assert by_name["张三"].number == "pgx-2024-0001"


def test_every_bad_row_is_named_and_nothing_is_written(tree):
    rows = [
        GOOD[0],
        [
            "",
            "2024-13-05",
            "当面",
            "公民",
            "王五",
            "",
            "x",
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
        ],
        [
            "",
            "2024-03-05",
            "飞鸽传书",
            "外星人",
            "",
            "",
            "x",
            None,
            None,
            None,
            None,
            None,
            "2024-03-01",
            "予以批准",
            None,
            None,
        ],
        [
            "",
            "2024-03-05",
            "当面",
            "公民",
            "赵六",
            "",
            "x",
            None,
            None,
            None,
            None,
            None,
            None,
            "予以公开",
            None,
            None,
        ],
        [
            "",
            "2024-03-05",
            "当面",
            "公民",
            "钱七",
            "",
            "x",
            None,
            None,
            None,
            None,
            "2024-06-01",
            "2024-06-10",
            "予以公开",
            None,
            None,
        ],
    ]
    result = import_workbook(book(rows), tree.county)
    text = [str(p) for p in result.problems]
    assert not result.ok and Request.objects.count() == 0
    assert any(t.startswith("第3行“收到申请日期”列") and "不是有效日期" in t for t in text)
    assert any(t.startswith("第4行“申请方式”列") for t in text)
    assert any(t.startswith("第4行“申请人类型”列") for t in text)
    assert any(t.startswith("第4行“申请人姓名/名称”列：不能为空") for t in text)
    assert any(t.startswith("第4行“处理结果”列") and "未知的处理结果" in t for t in text)
    assert any(t.startswith("第4行“答复日期”列") and "早于收到申请日期" in t for t in text)
    assert any(t.startswith("第5行“答复日期”列") and "有处理结果但没有答复日期" in t for t in text)
    assert any(t.startswith("第6行“延期批准日期”列") and "之前批准" in t for t in text)
    assert not any(t.startswith("第2行") for t in text)


def test_a_dry_run_writes_nothing_and_numbers_must_be_new(tree):
    assert import_workbook(book(GOOD), tree.county, dry_run=True).ok
    assert Request.objects.count() == 0
    numbered = [["A-1", *GOOD[0][1:]], ["A-1", *GOOD[1][1:]]]
    problems = [str(p) for p in import_workbook(book(numbered), tree.county).problems]
    assert problems == ["第3行“申请编号”列：“A-1”与第2行重复"]


def test_a_missing_column_is_reported_in_the_header(tree):
    result = import_workbook(book([["x"]], header=["备注"]), tree.county)
    assert "缺少列" in str(result.problems[0]) and "收到申请日期" in str(result.problems[0])


def test_export_then_import_gives_the_same_workbook(tree):
    import_workbook(book(GOOD), tree.county)
    first = export_workbook(Request.objects.filter(agency=tree.county).order_by("received_on"))
    assert import_workbook(first, tree.edu).ok
    second = export_workbook(Request.objects.filter(agency=tree.edu).order_by("received_on"))

    def cells(data):
        rows = list(load_workbook(io.BytesIO(data)).active.iter_rows(values_only=True))
        return [r[1:] for r in rows]  # numbers differ: each agency numbers its own

    assert next(load_workbook(io.BytesIO(first)).active.iter_rows(values_only=True)) == tuple(
        COLUMNS.values()
    )
    assert cells(first) == cells(second)


def test_the_command_exits_non_zero_on_bad_rows_and_zero_on_a_dry_run(tree, tmp_path):
    good, bad = tmp_path / "good.xlsx", tmp_path / "bad.xlsx"
    good.write_bytes(book(GOOD))
    bad.write_bytes(book([["", "昨天", "当面", "公民", "x", "", "x"] + [None] * 9]))
    with pytest.raises(CommandError, match="未导入任何一行"):
        call_command("import_ledger", str(bad), "--agency", "pgx")
    out = io.StringIO()
    call_command("import_ledger", str(good), "--agency", "pgx", "--dry-run", stdout=out)
    assert "检查通过" in out.getvalue() and Request.objects.count() == 0
    call_command("import_ledger", str(good), "--agency", "pgx", stdout=out)
    assert Request.objects.count() == 5


def test_the_export_command_writes_the_agencys_requests(tree, tmp_path):
    import_workbook(book(GOOD), tree.county)
    target = tmp_path / "out.xlsx"
    out = io.StringIO()
    call_command("export_ledger", "--agency", "pgx", "--year", "2024", "-o", str(target), stdout=out)
    rows = list(load_workbook(target).active.iter_rows(values_only=True))
    assert len(rows) == 4 and "已导出 3 件" in out.getvalue()
    with pytest.raises(CommandError, match="找不到机关"):
        call_command("export_ledger", "--agency", "nope", "-o", str(target))
