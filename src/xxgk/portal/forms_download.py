"""The printable application form (申请表) and the procedure chart of the 依申请公开 page, generated from
the same texts as the pages so they never disagree."""

from __future__ import annotations

import hashlib
import io
from html import escape

from docx import Document
from docx.shared import Pt

from xxgk.portal import texts, uploads

FORM_ROWS = (
    ("申请人信息（公民）", ("姓名", "证件类型", "证件号码", "联系电话", "通信地址", "邮政编码", "电子邮箱")),
    (
        "申请人信息（法人或其他组织）",
        (
            "名称",
            "统一社会信用代码",
            "法定代表人或负责人",
            "联系人姓名",
            "联系人电话",
            "通信地址",
            "电子邮箱",
        ),
    ),
    ("所需信息", ("所需政府信息的名称、文号或者便于查询的其他特征性描述", "用途（不作要求，可不填）")),
    (
        "获取方式",
        ("获取信息的方式（邮寄 / 电子邮件 / 自行领取 / 当场阅读、抄录）", "信息的载体形式（纸质 / 电子）"),
    ),
    ("签名", ("申请人签名或者盖章", "申请日期")),
)
FLOW_STEPS = ("提出申请", "接收登记", "审查（补正）", "办理（征求意见）", "答复", "送达")


def form_docx(agency_name: str) -> bytes:
    doc = Document()
    doc.add_heading(f"{agency_name}政府信息公开申请表", level=1)
    for heading, fields in FORM_ROWS:
        doc.add_paragraph(heading).runs[0].bold = True
        table = doc.add_table(rows=len(fields), cols=2)
        table.style = "Table Grid"
        for row, label in zip(table.rows, fields, strict=True):
            row.cells[0].text = label
    note = doc.add_paragraph("申请应当包括：" + "；".join(texts.ART29_CONTENTS) + "。")
    note.runs[0].font.size = Pt(9)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def form_pdf(agency_name: str) -> bytes:
    """The form as PDF, converted once by LibreOffice and kept (the form changes only with the name)."""
    from xxgk.render.pdf import docx_to_pdf

    docx = form_docx(agency_name)
    key = hashlib.sha256((agency_name + repr(FORM_ROWS) + repr(texts.ART29_CONTENTS)).encode()).hexdigest()[
        :24
    ]
    cached = uploads.root() / f"form-{key}.pdf"
    if not cached.exists():
        cached.write_bytes(docx_to_pdf(docx))
    return cached.read_bytes()


BOX_W, BOX_H, GAP, PAD = 100, 56, 24, 8


def flow_svg() -> str:
    """The procedure as an SVG picture: one box per step, arrows between."""
    width = len(FLOW_STEPS) * (BOX_W + GAP) - GAP + 2 * PAD
    height = BOX_H + 2 * PAD
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img"><title>依申请公开办理流程</title>',
        '<defs><marker id="a" markerWidth="8" markerHeight="8" refX="7" refY="4" orient="auto">'
        '<path d="M0,0 L8,4 L0,8 z" fill="#1f2328"/></marker></defs>',
    ]
    for i, step in enumerate(FLOW_STEPS):
        x = PAD + i * (BOX_W + GAP)
        parts.append(
            f'<rect x="{x}" y="{PAD}" width="{BOX_W}" height="{BOX_H}" rx="6" fill="#eef4fb" '
            'stroke="#0b5cad"/>'
            f'<text x="{x + BOX_W / 2}" y="{PAD + BOX_H / 2 + 5}" text-anchor="middle" font-size="13" '
            f'font-family="sans-serif" fill="#1f2328">{escape(step)}</text>'
        )
        if i:
            parts.append(
                f'<line x1="{x - GAP}" y1="{PAD + BOX_H / 2}" x2="{x - 2}" y2="{PAD + BOX_H / 2}" '
                'stroke="#1f2328" marker-end="url(#a)"/>'
            )
    parts.append("</svg>")
    return "".join(parts)
