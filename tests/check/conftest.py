"""Reports of the labelled corpus, with their narrative sections, for the checker's tests.

The truth ``.json`` files hold the cells but not the section texts; the sections are
cut from the document here by their headings, so that these tests do not wait on the
parser. (``test_with_parser.py`` runs the checker over the parser's output when it exists.)
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import lxml.html
import pytest
from corpus import DEV, SEEDS

from xxgk.report import AnnualReport
from xxgk.report.sections import SECTIONS

_HEADING = re.compile(r"^[\s\u3000]*([一二三四五六])、(.{2,40})$")
_BLOCKS = ("p", "div", "tr", "br", "h1", "h2", "h3", "h4", "li", "table")


def document_text(path: Path) -> str:
    if path.suffix == ".txt":
        return path.read_text(encoding="utf-8")
    root = lxml.html.fromstring(path.read_bytes())
    for el in root.iter(*_BLOCKS):
        el.tail = "\n" + (el.tail or "")
    for el in root.iter("td", "th"):
        el.tail = "\t" + (el.tail or "")
    return root.text_content()


def split_sections(text: str) -> dict[str, str]:
    """The six sections by their printed headings (``一、总体情况`` …), in order of appearance."""
    out: dict[str, list[str]] = {}
    current: str | None = None
    for line in text.splitlines():
        m = _HEADING.match(line.strip())
        if m:
            hit = next(
                (
                    s
                    for s in SECTIONS
                    if s.number == m.group(1) and s.key not in out and any(k in m.group(2) for k in s.markers)
                ),
                None,
            )
            if hit:
                current = hit.key
                out[current] = []
                continue
        if current:
            out[current].append(line)
    return {k: "\n".join(v).strip() for k, v in out.items()}


def load(folder: Path, stem: str) -> AnnualReport:
    truth = json.loads((folder / f"{stem}.json").read_text(encoding="utf-8"))
    report = AnnualReport.from_json(truth)
    doc = next(folder / f"{stem}{ext}" for ext in (".txt", ".html") if (folder / f"{stem}{ext}").exists())
    report.sections = split_sections(document_text(doc))
    report.source = str(doc)
    return report


SEED_STEMS = sorted(p.stem for p in SEEDS.glob("*.json"))
DEV_STEMS = ["d01", "d02"]


@pytest.fixture(scope="session")
def seed_reports() -> dict[str, AnnualReport]:
    return {stem[:3]: load(SEEDS, stem) for stem in SEED_STEMS}


@pytest.fixture(scope="session")
def dev_reports() -> dict[str, AnnualReport]:
    if not DEV.exists():
        pytest.skip("shared/corpus/dev is not present")
    return {stem: load(DEV, stem) for stem in DEV_STEMS}
