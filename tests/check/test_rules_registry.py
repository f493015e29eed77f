"""The rule list, its documentation (docs/rules.md) and the code agree: every finding the
code makes is of a registered rule, every registered rule is made somewhere, and the
documentation lists each with its severity, as Datasette tests its settings against its docs."""

from __future__ import annotations

import re
from pathlib import Path

from xxgk.check.rules import RULES, markdown
from xxgk.report import EDITIONS
from xxgk.report.identities import identities

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "src" / "xxgk"
DOC = ROOT / "docs" / "rules.md"
MADE = re.compile(r"(?:Finding|finding|_finding|severity)\(\s*(?:rule=)?\"([a-z0-9]+(?:-[a-z0-9]+)+)\"")
LITERAL = re.compile(r"\"([a-z0-9]+(?:-[a-z0-9]+)+)\"")
SEVERITY = {"error": "错误", "warning": "警告", "info": "提示"}


def sources() -> dict[Path, str]:
    return {p: p.read_text(encoding="utf-8") for p in SRC.rglob("*.py") if "migrations" not in p.parts}


def test_every_finding_the_code_makes_is_a_registered_rule():
    made = {(m.group(1), p.name) for p, text in sources().items() for m in MADE.finditer(text)}
    assert made, "the pattern finds the code's findings"
    assert {(rule, where) for rule, where in made if rule not in RULES} == set()


def test_every_registered_rule_is_made_somewhere():
    literals = {
        m.group(1) for p, text in sources().items() if p.name != "rules.py" for m in LITERAL.finditer(text)
    }
    by_identity = {i.rule for name in EDITIONS for i in identities(name)}
    assert set(RULES) - literals - by_identity == set()


def test_the_documentation_lists_every_rule_with_its_severity():
    rows = re.findall(r"^\| `([a-z0-9-]+)` \| (\S+) \|", DOC.read_text(encoding="utf-8"), re.M)
    assert rows == [(r.id, SEVERITY[r.severity]) for r in RULES.values()], (
        "docs/rules.md is behind the rule list: python -m xxgk.check.rules > docs/rules.md"
    )
    assert DOC.read_text(encoding="utf-8") == markdown()
