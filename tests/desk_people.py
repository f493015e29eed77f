"""What the desk's tests share besides fixtures: a password, an applicant, and the steps every test takes
(register a request through the form, act on it through its page)."""

from __future__ import annotations

from django.test import Client
from django.utils import timezone

from xxgk.ledger.models import Request

PASSWORD = "Kx9#long-pass"


APPLICANT = {
    "channel": "in_person",
    "applicant_type": "natural",
    "applicant_name": "张三丰",
    "id_type": "id_card",
    "id_number": "140932199001011234",
    "phone": "13812345678",
    "description": "2025年偏关县城区道路改造工程的招标文件和中标结果",
    "obtain_method": "email",
}


def today() -> str:
    return timezone.localdate().isoformat()


def register(client: Client, **more) -> Request:
    r = client.post("/requests/new/", {**APPLICANT, "submitted_on": today(), **more})
    assert r.status_code == 302, r.content.decode()[:3000]
    return Request.objects.get(pk=int(r["Location"].rstrip("/").split("/")[-1]))


def listed(response) -> str:
    """The table of a list page (the messages above it may name other requests)."""
    return response.content.decode().split("<tbody>", 1)[1]


def act(client: Client, req: Request, action: str, **fields) -> int:
    req.refresh_from_db()
    data = {f"{action}-{k}": v for k, v in fields.items()} | {"version": req.version}
    r = client.post(f"/requests/{req.pk}/do/{action}/", data)
    return r.status_code
