"""The checker over what the parser reads from every labelled document, in every format."""

from __future__ import annotations

import pytest
from corpus import DEV, SEEDS, labelled

from xxgk.check import RULES, check_report

ingest = pytest.importorskip("xxgk.ingest")
parse_path = getattr(ingest, "parse_path", None)
DOCUMENTS = labelled(SEEDS) + (labelled(DEV) if DEV.exists() else [])


@pytest.mark.skipif(parse_path is None, reason="xxgk.ingest.parse_path is not written yet")
@pytest.mark.parametrize(("doc", "truth"), DOCUMENTS, ids=[d.name for d, _ in DOCUMENTS])
def test_parsed_report_gets_no_false_alarm(doc, truth):
    report = parse_path(str(doc))
    findings = check_report(report)
    assert all(f.rule in RULES for f in findings)
    assert [f for f in findings if f.rule == "narrative-mismatch"] == []
    if all(report.cells.get(k) == v for k, v in truth["cells"].items()):
        assert [f for f in findings if f.severity == "error"] == []
