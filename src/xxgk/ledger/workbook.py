"""The 台账 workbook (ledger.md § The 台账 workbook): one sheet, one request a row, a header row.

Import reads every row, reports every bad one (row number, column, what is wrong, in Chinese) and
writes nothing unless all are good; a dry run stops before writing. Export writes the same columns, so
a round trip is lossless. Outcomes are matched with the form's own labels
(:func:`xxgk.ledger.vocabulary.match_outcome`); dates may be Excel dates or text.
"""

from __future__ import annotations

import io
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from django.db import transaction
from openpyxl import Workbook, load_workbook
from simple_history.utils import bulk_create_with_history

from xxgk.agencies.models import Agency
from xxgk.deadlines import Channel, compute_deadlines
from xxgk.ingest.labels import normalise
from xxgk.ledger import clock
from xxgk.ledger.masking import PERSONAL_FIELDS, personal_data
from xxgk.ledger.models import EventKind, ReceiptBasis, Request, RequestEvent, State
from xxgk.ledger.services import new_query_code, today
from xxgk.ledger.vocabulary import APPLICANT_CHOICES, OUTCOME_CHOICES, match_outcome, outcome_label
from xxgk.workdays import default_calendar

COLUMNS: dict[str, str] = {
    "number": "申请编号",
    "received": "收到申请日期",
    "channel": "申请方式",
    "applicant_type": "申请人类型",
    "name": "申请人姓名/名称",
    "contact": "联系方式",
    "description": "申请内容",
    "correction_sent": "补正告知日期",
    "correction_received": "补正收到日期",
    "consult_sent": "征求意见发出日期",
    "consult_answered": "征求意见回复日期",
    "extension": "延期批准日期",
    "replied": "答复日期",
    "outcome": "处理结果",
    "fee": "收费金额",
    "note": "备注",
}
REQUIRED = ("received", "channel", "applicant_type", "name", "description")
HEADER_VARIANTS: dict[str, tuple[str, ...]] = {
    "number": ("编号", "受理编号", "申请号"),
    "received": ("收到申请", "收到日期", "申请日期", "受理日期", "收件日期", "收到申请之日"),
    "channel": ("申请渠道", "提交方式", "申请形式"),
    "applicant_type": ("申请人类别", "申请主体类型", "申请人性质"),
    "name": ("申请人姓名", "申请人名称", "申请人", "姓名/名称", "姓名"),
    "contact": ("联系电话", "电话", "联系方式(电话)"),
    "description": ("申请内容", "申请公开内容", "所需信息", "所需政府信息", "申请事项", "内容描述"),
    "correction_sent": ("补正告知", "补正通知", "告知补正"),
    "correction_received": ("补正收到", "收到补正", "补正后收到"),
    "consult_sent": ("征求意见发出", "征求意见"),
    "consult_answered": ("征求意见回复", "意见回复"),
    "extension": ("延期批准", "延期", "延期答复"),
    "replied": ("答复", "办结", "答复时间", "办结日期"),
    "outcome": ("办理结果", "答复结果", "处理情况", "办理情况"),
    "fee": ("收费", "收费金额(元)", "信息处理费"),
    "note": ("说明",),
}
CHANNEL_WORDS: tuple[tuple[str, str], ...] = (
    ("平常信函", "letter"),
    ("当面", "in_person"),
    ("现场", "in_person"),
    ("邮寄", "post"),
    ("信函", "post"),
    ("互联网", "internet"),
    ("网上", "internet"),
    ("网络", "internet"),
    ("在线", "internet"),
    ("电子邮件", "internet"),
    ("传真", "fax"),
)
APPLICANT_WORDS = {
    "自然人": "natural",
    "公民": "natural",
    "个人": "natural",
    "商业企业": "commercial",
    "企业": "commercial",
    "科研机构": "research",
    "社会公益组织": "nonprofit",
    "公益组织": "nonprofit",
    "法律服务机构": "legal",
    "律师事务所": "legal",
    "其他": "other",
    "其他组织": "other",
}
_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
DATE_COLUMNS = (
    "received",
    "correction_sent",
    "correction_received",
    "consult_sent",
    "consult_answered",
    "extension",
    "replied",
)


@dataclass
class Problem:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        where = f"第{self.row}行" if self.row else "表头"
        return f"{where}“{self.column}”列：{self.message}" if self.column else f"{where}：{self.message}"


@dataclass
class ImportResult:
    rows: int = 0
    problems: list[Problem] = field(default_factory=list)
    created: int = 0
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems


def _header_key(text: Any) -> str | None:
    norm = normalise(str(text or "")).strip()
    if not norm:
        return None
    bare = re.sub(r"(日期|时间)$", "", norm)
    for key, label in COLUMNS.items():
        if norm == normalise(label) or bare == re.sub(r"(日期|时间)$", "", normalise(label)):
            return key
    for key, variants in HEADER_VARIANTS.items():
        for v in variants:
            nv = normalise(v)
            if norm == nv or bare == re.sub(r"(日期|时间)$", "", nv):
                return key
    return None


def parse_date(value: Any) -> date | None:
    """An Excel date or text such as 2024-03-05, 2024/3/5, 2024.3.5, 2024年3月5日; None if empty."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    m = _DATE.fullmatch(normalise(str(value)).strip())
    if not m:
        raise ValueError(f"“{value}”不是日期，请写作 2024-03-05")
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        raise ValueError(f"“{value}”不是有效日期") from None


def _channel(text: str) -> str | None:
    norm = normalise(text)
    for c in Channel:
        if norm == normalise(c.value):
            return c.name.lower()
    return next((key for word, key in CHANNEL_WORDS if word in norm), None)


def _applicant(text: str) -> str | None:
    norm = normalise(text)
    for key, label in APPLICANT_CHOICES:
        if norm in (key, normalise(label)):
            return key
    return APPLICANT_WORDS.get(norm)


@dataclass
class Row:
    line: int
    values: dict[str, Any]
    dates: dict[str, date | None] = field(default_factory=dict)
    channel: str = ""
    applicant_type: str = ""
    outcome: str = ""
    fee: int | None = None


def _text(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return str(v).strip()


def _check_row(row: Row, problems: list[Problem], on: date) -> None:
    v, line = row.values, row.line

    def bad(key: str, message: str) -> None:
        problems.append(Problem(line, COLUMNS[key], message))

    for key in REQUIRED:
        if not _text(v.get(key)):
            bad(key, "不能为空")
    for key in DATE_COLUMNS:
        try:
            row.dates[key] = parse_date(v.get(key))
        except ValueError as e:
            bad(key, str(e))
            row.dates[key] = None
        d = row.dates[key]
        if d and d > on:
            bad(key, f"{d}晚于今天")
    if _text(v.get("channel")):
        row.channel = _channel(_text(v["channel"])) or ""
        if not row.channel:
            bad("channel", f"未知的申请方式“{_text(v['channel'])}”，可写：当面、邮寄、平常信函、互联网、传真")
    if _text(v.get("applicant_type")):
        row.applicant_type = _applicant(_text(v["applicant_type"])) or ""
        if not row.applicant_type:
            allowed = "、".join(label for _, label in APPLICANT_CHOICES)
            bad("applicant_type", f"未知的申请人类型“{_text(v['applicant_type'])}”，可写：{allowed}")
    text = _text(v.get("outcome"))
    if text:
        row.outcome = match_outcome(text) or ""
        if not row.outcome:
            bad(
                "outcome",
                f"未知的处理结果“{text}”，请使用年度报告表格中的结果名称，如：予以公开、部分公开、重复申请",
            )
    fee = _text(v.get("fee"))
    if fee:
        try:
            row.fee = round(float(fee))
            if row.fee < 0:
                raise ValueError
        except ValueError:
            bad("fee", f"“{fee}”不是金额（元）")
    _check_order(row, bad)


def _check_order(row: Row, bad) -> None:
    d = row.dates
    received = d.get("received")
    if received is None:
        return
    for key in DATE_COLUMNS[1:]:
        if d.get(key) and d[key] < received:
            bad(key, f"{d[key]}早于收到申请日期{received}")
    pairs = (
        ("correction_received", "correction_sent", "补正告知日期"),
        ("consult_answered", "consult_sent", "征求意见发出日期"),
    )
    for later, earlier, name in pairs:
        if d.get(later) and not d.get(earlier):
            bad(later, f"有此日期但没有{name}")
        elif d.get(later) and d.get(earlier) and d[later] < d[earlier]:
            bad(later, f"{d[later]}早于{name}{d[earlier]}")
    replied = d.get("replied")
    if row.outcome and not replied:
        bad("replied", "有处理结果但没有答复日期（尚未办结的申请请不要填写处理结果）")
    if replied and not row.outcome and _text(row.values.get("outcome")) == "":
        bad("outcome", "有答复日期但没有处理结果")
    if replied:
        for key in DATE_COLUMNS[1:-1]:
            if d.get(key) and d[key] > replied:
                bad(key, f"{d[key]}晚于答复日期{replied}")
    if row.outcome == "other.no_correction" and not d.get("correction_sent"):
        bad("outcome", "“逾期不补正”须有补正告知日期")
    if row.outcome == "other.other" and not _text(row.values.get("note")):
        bad("note", "处理结果为“其他”时须在备注中写明理由")
    if d.get("extension"):
        due = compute_deadlines(received, _engine_events(row)).reply_due.date
        if due and d["extension"] > due:
            bad("extension", f"延期须在原答复期限{due}之前批准")


def _events(row: Row) -> list[tuple[str, date, dict]]:
    d = row.dates
    out: list[tuple[str, date, dict]] = [(EventKind.IMPORTED, d["received"], {})]
    kinds = (
        ("correction_sent", EventKind.CORRECTION_REQUESTED, {}),
        ("correction_received", EventKind.CORRECTION_RECEIVED, {}),
        ("consult_sent", EventKind.CONSULTATION_STARTED, {"kind": "third_party"}),
        ("consult_answered", EventKind.CONSULTATION_ENDED, {}),
        ("extension", EventKind.EXTENSION_APPROVED, {}),
    )
    for key, kind, data in kinds:
        if d.get(key):
            out.append((kind, d[key], data))
    if row.outcome and d.get("replied"):
        kind = {
            "other.no_correction": EventKind.CORRECTION_LAPSED,
            "other.no_fee": EventKind.FEE_LAPSED,
        }.get(row.outcome, EventKind.REPLIED)
        out.append((kind, d["replied"], {"outcome": row.outcome}))
    return out


def _engine_events(row: Row):
    evs = [RequestEvent(kind=k, effective_on=on, data=data) for k, on, data in _events(row)]
    return clock.engine_events(evs)


def read(path_or_bytes: str | Path | bytes) -> tuple[list[Row], list[Problem]]:
    """The rows of the first sheet and the header problems."""
    source = io.BytesIO(path_or_bytes) if isinstance(path_or_bytes, bytes) else path_or_bytes
    try:
        wb = load_workbook(source, read_only=True, data_only=True)
    except Exception as e:  # openpyxl raises many kinds for a file that is not a workbook
        return [], [Problem(0, "", f"无法读取 Excel 文件（{type(e).__name__}），请另存为 .xlsx 后重试")]
    ws = wb.worksheets[0]
    rows = ws.iter_rows(values_only=True)
    header = next(rows, None)
    if header is None:
        return [], [Problem(0, "", "工作表是空的")]
    columns: dict[int, str] = {}
    problems = []
    for i, cell in enumerate(header):
        key = _header_key(cell)
        if key and key not in columns.values():
            columns[i] = key
    missing = [COLUMNS[k] for k in REQUIRED if k not in columns.values()]
    if missing:
        problems.append(Problem(0, "", f"缺少列：{'、'.join(missing)}（第1行应为表头）"))
    out = []
    for n, values in enumerate(rows, start=2):
        if values is None or all(v is None or str(v).strip() == "" for v in values):
            continue
        out.append(Row(n, {key: values[i] if i < len(values) else None for i, key in columns.items()}))
    wb.close()
    return out, problems


def import_workbook(
    source: str | Path | bytes, agency: Agency, *, dry_run: bool = False, user: Any = None
) -> ImportResult:
    rows, problems = read(source)
    result = ImportResult(rows=len(rows), problems=problems, dry_run=dry_run)
    if problems:
        return result
    on = today()
    for row in rows:
        _check_row(row, result.problems, on)
    _check_numbers(rows, agency, result.problems)
    if not result.problems:
        _check_closed_years(rows, agency, result.problems)
    if result.problems or dry_run:
        return result
    with transaction.atomic():
        result.created = _write(rows, agency, user, on)
    return result


def _check_numbers(rows: list[Row], agency: Agency, problems: list[Problem]) -> None:
    seen: dict[str, int] = {}
    given = [(_text(r.values.get("number")), r.line) for r in rows]
    existing = set(
        Request.objects.filter(agency=agency, number__in=[n for n, _ in given if n]).values_list(
            "number", flat=True
        )
    )
    for number, line in given:
        if not number:
            continue
        if number in seen:
            problems.append(Problem(line, COLUMNS["number"], f"“{number}”与第{seen[number]}行重复"))
        elif number in existing:
            problems.append(Problem(line, COLUMNS["number"], f"“{number}”已在本机关台账中"))
        seen.setdefault(number, line)


def _check_closed_years(rows: list[Row], agency: Agency, problems: list[Problem]) -> None:
    """A row that would change the report of a year already closed (xxgk.annual) is refused."""
    from xxgk.annual.counting import RequestRecord
    from xxgk.annual.freeze import closed_year_refusals

    records = [
        RequestRecord(
            r.line, r.applicant_type, r.dates["received"], r.dates.get("replied"), r.outcome or None
        )
        if r.outcome
        else RequestRecord(r.line, r.applicant_type, r.dates["received"])
        for r in rows
    ]
    for i, message in closed_year_refusals(agency.pk, records):
        problems.append(Problem(rows[i].line, COLUMNS["received"], message))


def _state(row: Row) -> str:
    d = row.dates
    if row.outcome:
        return (
            State.REPLIED
            if row.outcome not in {"other.no_correction", "other.no_fee", "other.other"}
            else State.TERMINATED
        )
    if d.get("consult_sent") and not d.get("consult_answered"):
        return State.CONSULTING
    if d.get("correction_sent") and not d.get("correction_received"):
        return State.AWAITING_CORRECTION
    return State.IN_PROGRESS


def _contact(text: str) -> dict[str, str]:
    if not text:
        return {}
    if "@" in text:
        return {"email": text}
    if re.fullmatch(r"[\d\s()+-]{5,}", text):
        return {"phone": text}
    return {"address": text}


def _write(rows: list[Row], agency: Agency, user: Any, on: date) -> int:
    serial: dict[int, int] = defaultdict(int)
    for number in Request.objects.filter(agency=agency).values_list("number", flat=True):
        m = re.fullmatch(rf"{re.escape(agency.code)}-(\d{{4}})-(\d+)", number)
        if m:
            serial[int(m.group(1))] = max(serial[int(m.group(1))], int(m.group(2)))
    cal = default_calendar()
    requests, all_events = [], []
    for row in rows:
        received = row.dates["received"]
        number = _text(row.values.get("number"))
        if not number:
            serial[received.year] += 1
            number = f"{agency.code}-{received.year}-{serial[received.year]:04d}"
        note = _text(row.values.get("note"))
        req = Request(
            agency=agency,
            number=number,
            query_code=new_query_code(),
            channel=row.channel,
            submitted_on=received,
            received_on=received,
            receipt_basis=ReceiptBasis.CONFIRMED
            if row.channel in {"letter", "internet", "fax"}
            else ReceiptBasis.SUBMITTED,
            applicant_type=row.applicant_type,
            applicant_name=_text(row.values.get("name")),
            description=_text(row.values.get("description")),
            state=_state(row),
            outcome=row.outcome,
            closed_on=row.dates.get("replied") if row.outcome else None,
            outcome_reason=note if row.outcome else "",
            internal_notes="" if row.outcome else note,
            fee_amount=row.fee,
            **_contact(_text(row.values.get("contact"))),
        )
        events = [
            RequestEvent(
                kind=k,
                effective_on=d,
                data=data,
                actor=user if getattr(user, "is_authenticated", False) else None,
            )
            for k, d, data in _events(row)
        ]
        clock.apply(req, events, today=on, calendar=cal)
        requests.append(req)
        all_events.append(events)
    made = bulk_create_with_history(
        requests,
        Request,
        batch_size=500,
        default_user=user if getattr(user, "is_authenticated", False) else None,
    )
    if made and made[0].pk is None:
        by_number = dict(
            Request.objects.filter(agency=agency, number__in=[r.number for r in requests]).values_list(
                "number", "pk"
            )
        )
        for r in requests:
            r.pk = by_number[r.number]
    for req, events in zip(requests, all_events, strict=True):
        for ev in events:
            ev.request_id = req.pk
    RequestEvent.objects.bulk_create([e for evs in all_events for e in evs], batch_size=2000)
    return len(requests)


def export_workbook(requests, user: Any = None) -> bytes:
    """The requests as a 台账 workbook of the import's columns, personal data masked for ``user``
    (``None``: the system itself, e.g. the command line, which reads the database anyway)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "依申请公开台账"
    ws.append(list(COLUMNS.values()))
    first_kind = {
        "correction_sent": EventKind.CORRECTION_REQUESTED,
        "correction_received": EventKind.CORRECTION_RECEIVED,
        "consult_sent": EventKind.CONSULTATION_STARTED,
        "consult_answered": EventKind.CONSULTATION_ENDED,
        "extension": EventKind.EXTENSION_APPROVED,
    }
    labels = dict(APPLICANT_CHOICES)
    for req in requests.select_related("agency").prefetch_related("events"):
        firsts: dict[str, date] = {}
        for ev in sorted(req.events.all(), key=lambda e: (e.effective_on, e.pk)):
            firsts.setdefault(ev.kind, ev.effective_on)
        shown = (
            personal_data(req, user) if user is not None else {f: getattr(req, f) for f in PERSONAL_FIELDS}
        )
        ws.append(
            [
                req.number,
                req.received_on,
                dict(Request._meta.get_field("channel").choices).get(req.channel, ""),
                labels.get(req.applicant_type, ""),
                shown["applicant_name"],
                shown["phone"] or shown["email"] or shown["address"],
                req.description,
                *(firsts.get(first_kind[k]) for k in list(first_kind)),
                req.closed_on if req.outcome else None,
                outcome_label(req.outcome),
                req.fee_amount,
                req.outcome_reason if req.outcome else req.internal_notes,
            ]
        )
    for col in ws.iter_cols(min_row=2):
        for cell in col:
            if isinstance(cell.value, date):
                cell.number_format = "yyyy-mm-dd"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


__all__ = [
    "COLUMNS",
    "OUTCOME_CHOICES",
    "ImportResult",
    "Problem",
    "export_workbook",
    "import_workbook",
    "parse_date",
]
