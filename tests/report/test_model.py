import datetime as dt
import json

import pytest

from xxgk.report import AnnualReport, Finding, Provenance, edition


def test_blank_report_has_every_key_of_its_edition():
    r = AnnualReport.blank("2021", agency="稷山县人民政府", year=2021)
    assert list(r.to_json()["cells"]) == edition("2021").keys()
    assert all(v is None for v in r.cells.values())


def test_json_round_trip_keeps_everything(seeds):
    for _, truth in seeds:
        r = AnnualReport.from_json(truth)
        r.sections = {"overview": "总体情况……", "other": "无"}
        r.findings = [Finding("identity-1", "error", "不平衡", ["s3.total.natural"])]
        r.provenance = {"s3.total.natural": Provenance("第12行", "9")}
        again = AnnualReport.from_json(json.loads(json.dumps(r.to_json(), ensure_ascii=False)))
        assert again == r
        assert again.published_on == (
            dt.date.fromisoformat(truth["published_on"]) if truth["published_on"] else None
        )


def test_from_json_rejects_values_that_are_not_numbers():
    with pytest.raises(ValueError, match="不是数字"):
        AnnualReport.from_json({"edition": "2019", "cells": {"s2.rules.made": "七"}})
    with pytest.raises(ValueError, match="unknown edition"):
        AnnualReport.from_json({"edition": "2030", "cells": {}})
