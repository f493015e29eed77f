"""A real browser for page tests: Playwright driving Debian's chromium (its own downloads are not reachable).

Screenshots go to ``out/screenshots/`` so that a person can look at every page a test visited.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

CHROMIUM = os.environ.get("XXGK_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path(__file__).resolve().parents[1] / "out" / "screenshots"


def screenshot(page, name: str) -> Path:
    """Save a full-page screenshot named after what it shows."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / (re.sub(r"[^\w.-]+", "-", name) + ".png")
    page.screenshot(path=str(path), full_page=True)
    return path
