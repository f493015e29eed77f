"""Security of the public side: uploads checked by content, the status lookup that tells nothing and is
throttled, CSRF, headers, soft limits, and no personal data in logs or on public pages."""

from __future__ import annotations

import io
import logging
import re
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image
from portal_kit import CITIZEN, PASSWORD, apply_through_pages

from xxgk.agencies import services as agencies
from xxgk.agencies.models import Role
from xxgk.portal import uploads
from xxgk.portal.models import OnlineSubmission, SubmissionFile

pytestmark = pytest.mark.django_db


def png(size=(40, 30), **save) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, format="PNG", **save)
    return out.getvalue()


def jpeg_with_exif() -> bytes:
    im = Image.new("RGB", (40, 30), (10, 120, 200))
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"  # Make
    out = io.BytesIO()
    im.save(out, format="JPEG", exif=exif.tobytes())
    return out.getvalue()


def ofd(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return out.getvalue()


def tiny_pdf() -> bytes:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument.new()
    doc.new_page(200, 200)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "why"),
    [
        ("big.pdf", b"%PDF-1.7\n" + b"0" * uploads.MAX_BYTES, "10MB"),
        ("invoice.pdf", b"MZ\x90\x00" + b"\x00" * 200, "按文件内容识别"),
        ("broken.pdf", b"%PDF-1.4\n garbage without objects", "PDF 文件已损坏"),
        ("photo.png", b"\x89PNG\r\n\x1a\n" + b"not really an image", "图片文件已损坏"),
        ("bomb.ofd", ofd({"OFD.xml": b"<ofd/>", "Doc_0/huge.xml": b"\x00" * (60 * 1024 * 1024)}), "压缩比"),
        ("escape.ofd", ofd({"OFD.xml": b"<ofd/>", "../../etc/cron.d/x": b"boo"}), "不安全的路径"),
        ("plain.zip", ofd({"readme.txt": b"hello"}), "不是 OFD"),
    ],
)
def test_bad_uploads_are_refused(name, data, why):
    with pytest.raises(uploads.UploadError, match=why):
        uploads.check_upload(name, data)


def test_good_uploads_are_cleaned_and_renamed():
    polyglot = png() + ofd({"OFD.xml": b"<ofd/>"})
    content, mime, _ = uploads.check_upload("../../x.png", polyglot)
    assert mime == "image/png" and b"PK\x03\x04" not in content, "what hid after the image is dropped"
    content, mime, _ = uploads.check_upload("id.jpg", jpeg_with_exif())
    assert mime == "image/jpeg" and b"SecretCam" not in content, "metadata is stripped"
    assert uploads.check_upload("a.pdf", tiny_pdf())[1] == "application/pdf"
    assert uploads.check_upload("a.ofd", ofd({"OFD.xml": b"<ofd/>", "Doc_0/Document.xml": b"<d/>"}))[1] == (
        "application/ofd"
    )
    assert uploads.display_name("..\\..\\windows\\证件.jpg") == "证件.jpg"


def test_uploads_stored_outside_the_web_root_and_served_to_staff_only(client, county, settings):
    files = [SimpleUploadedFile("../../身份证.jpg", jpeg_with_exif(), content_type="text/html")]
    number, _ = apply_through_pages(client, "pgx", CITIZEN, files=files)
    f = SubmissionFile.objects.get(submission__number=number)
    assert f.name == "身份证.jpg" and f.mime == "image/jpeg" and "/" not in f.stored
    stored = uploads.root() / f.stored
    assert stored.exists() and not str(stored).startswith(str(settings.STATIC_ROOT))
    assert Client().get(f"/zfxxgk/files/{f.pk}/").status_code == 404
    agencies.create_user("jy", PASSWORD, agency="pgx-jy", role=Role.CLERK)
    other = Client()
    other.login(username="jy", password=PASSWORD)
    assert other.get(f"/zfxxgk/files/{f.pk}/").status_code == 404, "another agency's clerk sees nothing"
    agencies.create_user("clerk", PASSWORD, agency="pgx", role=Role.CLERK)
    staff = Client()
    staff.login(username="clerk", password=PASSWORD)
    r = staff.get(f"/zfxxgk/files/{f.pk}/")
    assert r.status_code == 200 and "attachment" in r["Content-Disposition"]
    assert r["X-Content-Type-Options"] == "nosniff"


def test_a_refused_upload_keeps_the_form_and_says_why(client, county):
    r = client.post("/zfxxgk/pgx/ysqgk/apply/", CITIZEN)
    page = client.get(r["Location"]).content.decode()
    key = re.search(r'name="idempotency_key" value="([^"]+)"', page)[1]
    bad = SimpleUploadedFile("x.pdf", b"MZ\x90\x00", content_type="application/pdf")
    r = client.post(r["Location"], {"idempotency_key": key, "privacy": "1", "files": [bad]})
    assert r.status_code == 200 and "按文件内容识别" in r.content.decode()
    assert OnlineSubmission.objects.count() == 0


def _lookup_body(response) -> str:
    text = response.content.decode()
    text = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", text)
    return re.sub(r'id="f-number" name="number" type="text" value="[^"]*"', "", text)


def test_wrong_code_is_indistinguishable_from_unknown_number_and_throttled(client, county):
    number, code = apply_through_pages(client, "pgx", CITIZEN)
    visitor = Client(REMOTE_ADDR="10.0.0.7")
    wrong = visitor.post("/zfxxgk/ysqgk/status/", {"number": number, "code": "ZZZZZZZZZZZZ"})
    unknown = visitor.post("/zfxxgk/ysqgk/status/", {"number": "pgx-2026-9999", "code": "ZZZZZZZZZZZZ"})
    assert wrong.status_code == unknown.status_code == 200
    assert _lookup_body(wrong) == _lookup_body(unknown)
    for _ in range(3):
        visitor.post("/zfxxgk/ysqgk/status/", {"number": number, "code": "ZZZZZZZZZZZZ"})
    throttled = visitor.post("/zfxxgk/ysqgk/status/", {"number": number, "code": code})
    assert throttled.status_code == 429 and "查询过于频繁" in throttled.content.decode()
    assert (
        Client(REMOTE_ADDR="10.0.0.8")
        .post("/zfxxgk/ysqgk/status/", {"number": number, "code": code})
        .status_code
        == 200
    )


def test_a_number_locks_after_ten_failures(client, county):
    number, code = apply_through_pages(client, "pgx", CITIZEN)
    for i in range(10):
        Client(REMOTE_ADDR=f"10.1.0.{i}").post(
            "/zfxxgk/ysqgk/status/", {"number": number, "code": "WRONGWRONG00"}
        )
    r = Client(REMOTE_ADDR="10.2.0.1").post("/zfxxgk/ysqgk/status/", {"number": number, "code": code})
    assert "申请编号或查询码不正确" in r.content.decode(), "locked until a clerk unlocks it"


def test_csrf_is_enforced(county):
    strict = Client(enforce_csrf_checks=True)
    assert strict.post("/zfxxgk/pgx/ysqgk/apply/", CITIZEN).status_code == 403
    assert strict.post("/zfxxgk/ysqgk/status/", {"number": "x", "code": "y"}).status_code == 403


def test_headers(client, county):
    r = client.get("/zfxxgk/ysqgk/status/")
    csp = r["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "http" not in csp and "*" not in csp
    assert r["X-Content-Type-Options"] == "nosniff" and r["Referrer-Policy"] == "same-origin"
    assert "no-store" in r["Cache-Control"]
    assert "no-store" in client.get("/zfxxgk/pgx/ysqgk/apply/")["Cache-Control"]


def test_soft_limits_explain_the_other_channels(client, county):
    agencies.update_settings(county, {"submissions_per_hour": 2})
    apply_through_pages(client, "pgx", CITIZEN)
    apply_through_pages(client, "pgx", {**CITIZEN, "id_number": ""})
    r = client.post("/zfxxgk/pgx/ysqgk/apply/", CITIZEN)
    page = client.get(r["Location"]).content.decode()
    key = re.search(r'name="idempotency_key" value="([^"]+)"', page)[1]
    r = client.post(r["Location"], {"idempotency_key": key, "privacy": "1"})
    text = r.content.decode()
    assert r.status_code == 429 and "不是对您申请的拒绝" in text and "当面、邮寄" in text


def test_no_personal_data_in_logs_urls_or_public_pages(client, county, caplog):
    caplog.set_level(logging.DEBUG)
    number, code = apply_through_pages(client, "pgx", CITIZEN)
    client.post("/zfxxgk/ysqgk/status/", {"number": number, "code": code})
    client.get("/zfxxgk/ysqgk/nosuch/bz/")  # a 404 is logged with its URL
    secrets = ("买买提", CITIZEN["phone"], "110101199003077675", CITIZEN["email"], "政府路8号", code)
    logged = caplog.text
    for s in secrets:
        assert s not in logged
    for url in (
        "/zfxxgk/",
        "/zfxxgk/pgx/",
        "/zfxxgk/pgx/ml/",
        "/zfxxgk/pgx/ml.csv",
        "/zfxxgk/pgx/ml.atom",
        "/zfxxgk/sitemap.xml",
        "/zfxxgk/ml/?q=买买提",
    ):
        body = client.get(url).content.decode()
        for s in secrets[1:]:
            assert s not in body, (url, s)
