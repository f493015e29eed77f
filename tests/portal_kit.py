"""Helpers of the portal's tests (importable: conftest modules are not)."""

from __future__ import annotations

from xxgk.portal.indexing import org_check_char, uscc_check_char

PASSWORD = "portal-test-Pa55"


def make_uscc(region: str, org8: str) -> str:
    """A 统一社会信用代码 with correct check characters (11 = 机关, then the region and the org code)."""
    org = org8 + org_check_char(org8)
    first17 = "11" + region + org
    return first17 + uscc_check_char(first17)


CITIZEN = {
    "kind": "person",
    "name": "阿卜杜拉•买买提",
    "id_type": "id_card",
    "id_number": "１１０１０１１９９００３０７７６７５",
    "phone": "13912345678",
    "email": "abdulla@example.cn",
    "address": "山西省偏关县新关镇政府路8号",
    "postcode": "036400",
    "description": "偏关县2025年教育收费标准的文件",
    "obtain_method": "email",
    "carrier": "electronic",
}
COMPANY = {
    "kind": "org",
    "org_type": "commercial",
    "org_name": "偏关县黄河商贸有限公司",
    "uscc": "91140932MA0K1234X5",
    "legal_representative": "王五",
    "contact_person": "赵六",
    "phone": "0350-7521234",
    "address": "偏关县新关镇商贸街2号",
    "description": "本县2025年政府集中采购目录",
    "obtain_method": "post",
    "carrier": "paper",
}


def started_long_ago() -> str:
    import time

    from django.core import signing

    return signing.dumps(time.time() - 120, salt="portal.apply.started")


def apply_through_pages(client, code: str, data: dict, files=None) -> tuple[str, str]:
    """Fill in, preview and submit an application as a browser without JavaScript would; returns the
    申请编号 and the 查询码 read from the receipt."""
    import re

    r = client.post(f"/zfxxgk/{code}/ysqgk/apply/", {**data, "started": started_long_ago()})
    assert r.status_code == 302, r.content.decode()
    page = client.get(r["Location"]).content.decode()
    key = re.search(r'name="idempotency_key" value="([^"]+)"', page)[1]
    r = client.post(
        r["Location"], {"idempotency_key": key, "privacy": "1", **({"files": files} if files else {})}
    )
    assert r.status_code == 302, r.content.decode()
    receipt = client.get(r["Location"]).content.decode()
    number = re.search(r'id="number">([^<]+)<', receipt)[1]
    code_shown = re.search(r'id="code">([^<]+)<', receipt)[1]
    return number, code_shown.replace(" ", "")
