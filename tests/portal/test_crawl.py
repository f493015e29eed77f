"""A crawl of every portal page from the platform home finds no broken link (检查指标 链接可用性)."""

from __future__ import annotations

import re
from datetime import date
from html import unescape
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from xxgk.portal import services
from xxgk.portal.catalogue import Validity

pytestmark = pytest.mark.django_db
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "偏关县-2020.txt"
SKIP = ("/admin/", "/accounts/", "/audit/")
"""Staff pages are not part of the portal; ``.pdf`` downloads run LibreOffice and are tested apart."""


def test_every_link_of_the_portal_answers(client, county):
    new = services.publish(
        services.create_entry(county, title="新办法", column="a01", validity=Validity.VALID),
        on=date(2026, 1, 5),
    )
    old = services.publish(services.create_entry(county, title="旧办法", column="a01"), on=date(2020, 1, 5))
    services.repeal(old, date(2026, 1, 5), by=new)
    services.publish(services.create_entry(county, title="解读", interprets=new), on=date(2026, 1, 6))
    services.publish(services.create_entry(county, title="保密审查制度", column="zd"), on=date(2026, 1, 6))
    services.import_published_report(county, EXAMPLE.read_bytes(), str(EXAMPLE))
    seen: dict[str, int] = {}
    queue = ["/zfxxgk/"]
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        r = client.get(url)
        seen[url] = r.status_code
        if r.status_code != 200 or "html" not in r.get("Content-Type", ""):
            continue
        for link in re.findall(r'(?:href|src)="([^"#]+)', r.content.decode()):
            if link.startswith(("data:", "mailto:")):
                continue
            target = urljoin(url, unescape(link))
            parts = urlsplit(target)
            if parts.netloc or target.endswith(".pdf") or target.startswith(SKIP):
                continue
            queue.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    broken = {u: s for u, s in seen.items() if s >= 400}
    assert broken == {}
    assert len(seen) > 40, sorted(seen)
    assert any(u.startswith("/static/") for u in seen) and any("/nb/2020." in u for u in seen)
