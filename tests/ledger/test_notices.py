"""Notices from templates: numbered, frozen once issued, the fee amount from the fee engine, an agency's
own template used, PDF through LibreOffice."""

import io
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from docx import Document
from ledger_world import registered

from xxgk.ledger import notices, services
from xxgk.ledger.models import Notice, NoticeKind

pytestmark = pytest.mark.django_db


def text(notice: Notice) -> str:
    return "\n".join(p.text for p in Document(io.BytesIO(bytes(notice.docx))).paragraphs)


def test_a_fee_notice_is_numbered_and_carries_the_fee_engines_amount(tree):
    req = registered(tree)
    services.issue_fee_notice(req, tree.clerk, issued_on=date(2026, 3, 4), scale="per_page", units=100)
    first = notices.issue_notice(req, tree.clerk, kind="fee", issued_on=date(2026, 3, 4))
    body = text(first)
    assert first.number == "偏关县人民政府费〔2026〕1号" and first.number in body
    assert "700元" in body and "第31至100页" in body and "张三" in body
    assert "行政复议" in body
    again = notices.issue_notice(req, tree.clerk, kind="fee", issued_on=date(2026, 3, 5), replaces=first)
    assert again.serial == 2 and again.replaces == first


def test_an_issued_notice_cannot_be_changed_or_deleted(tree):
    req = registered(tree)
    notice = notices.issue_notice(req, tree.clerk, kind="receipt", issued_on=date(2026, 3, 2))
    assert len(notice.checksum) == 64
    notice.number = "改"
    with pytest.raises(ValidationError, match="不能修改"):
        notice.save()
    with pytest.raises(ValidationError, match="不能删除"):
        notice.delete()


def test_a_reply_notice_needs_an_outcome_and_the_right_role(tree):
    req = registered(tree)
    with pytest.raises(services.LedgerError, match="尚未办结"):
        notices.issue_notice(req, tree.clerk, kind="reply", issued_on=date(2026, 3, 2))
    with pytest.raises(PermissionDenied):
        notices.issue_notice(req, tree.supervisor, kind="receipt", issued_on=date(2026, 3, 2))
    services.reply(
        req,
        tree.approver,
        replied_on=date(2026, 3, 9),
        outcome="unavailable.not_held",
        articles="第三十六条第（四）项",
    )
    reply = notices.issue_notice(req, tree.approver, kind="reply", issued_on=date(2026, 3, 9))
    assert "本机关不掌握相关政府信息" in text(reply) and "第三十六条第（四）项" in text(reply)


def test_an_agencys_own_template_is_used(tree, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    own = Document()
    own.add_paragraph("自定义回执 {{ number }} 致{{ addressee }}")
    folder = notices.template_dir(tree.county)
    folder.mkdir(parents=True)
    own.save(folder / "receipt.docx")
    notice = notices.issue_notice(registered(tree), tree.clerk, kind="receipt", issued_on=date(2026, 3, 2))
    assert text(notice) == f"自定义回执 {notice.number} 致张三"


def test_a_notice_as_pdf(tree):
    from xxgk.render.pdf import soffice

    if soffice() is None:
        pytest.fail("LibreOffice (soffice) is needed: scripts/setup.sh installs it")
    notice = notices.issue_notice(registered(tree), tree.clerk, kind="receipt", issued_on=date(2026, 3, 2))
    assert notices.notice_pdf(notice).startswith(b"%PDF")


def test_the_default_templates_are_written_for_an_agency_to_edit(tree, settings, tmp_path):
    from io import StringIO

    from django.core.management import call_command

    settings.DATA_DIR = tmp_path
    call_command("notice_templates", "--agency", "pgx", stdout=StringIO())
    written = sorted(p.stem for p in notices.template_dir(tree.county).glob("*.docx"))
    assert written == sorted(k.value for k in NoticeKind)
