"""Neighbouring years settle what one document leaves open (identities 5–7 of ``cells.md``).

Each case is an agency's reports of consecutive years, generated to agree with each other,
then printed as scrapers leave them: every cell's text run together (a page dump), or one
cell per line with runs of equal lines cut to one. Each year is read alone, then the years
together: a cell is set only when the neighbours decide it, rightly, with its finding.
"""

from __future__ import annotations

import json
import random
import shutil
import subprocess
import sys
from pathlib import Path

from years_corpus import AGENCY, collapsed, dumped, glued_license, printed

from xxgk.check.neighbours import open_cells, settle, settle_with_neighbours
from xxgk.check.tables import unread_cells
from xxgk.ingest import parse_bytes
from xxgk.report.generate import consecutive_reports
from xxgk.report.model import Alternatives, AnnualReport


def read_years(truth: list[AnnualReport], write, seed: int) -> list[AnnualReport]:
    return [parse_bytes(write(t, seed).encode(), f"{t.year}.txt") for t in truth]


def settled_cells(before: AnnualReport, after: AnnualReport) -> dict[str, object]:
    return {k: v for k, v in after.cells.items() if v != before.cells.get(k)}


def assert_settled_rightly(truth: list[AnnualReport], read: list[AnnualReport]) -> int:
    """Every cell set is right, found by its finding, no longer warned about; the count set."""
    out = settle_with_neighbours(read)
    count = 0
    for t, before, after in zip(truth, read, out, strict=True):
        changed = settled_cells(before, after)
        assert all(before.cells[k] is None for k in changed)
        assert {k: t.cells[k] for k in changed} == changed
        said = {k for f in after.findings if f.rule == "settled-by-neighbour" for k in f.cells}
        assert said == set(changed)
        assert not set(changed) & unread_cells(after)
        assert not set(changed) & {k for a in after.alternatives for k in a.cells}
        count += len(changed)
    return count


def test_page_dumps_of_consecutive_years_settle_section_two():
    settled = 0
    for seed in range(8):
        truth = consecutive_reports(random.Random(seed), AGENCY, range(2019, 2024))
        settled += assert_settled_rightly(truth, read_years(truth, dumped, seed))
    assert settled > 0


def test_collapsed_request_tables_are_settled_by_the_carried_over_cells():
    settled: list[tuple[int, str]] = []
    for seed in range(12):
        truth = consecutive_reports(random.Random(seed), AGENCY, range(2019, 2024))
        read = read_years(truth, collapsed, seed)
        assert_settled_rightly(truth, read)
        out = settle_with_neighbours(read)
        settled += [
            (o.year, k)
            for r, o in zip(read, out, strict=True)
            for k in settled_cells(r, o)
            if k.startswith("s3.")
        ]
    assert settled


def test_the_carried_over_cells_hold_across_the_change_of_edition():
    before = AnnualReport.blank("2019", agency=AGENCY, year=2020)
    before.cells |= {"s3.carried_forward.natural": 2, "s3.carried_forward.legal": 0}
    report = AnnualReport.blank("2021", agency=AGENCY, year=2021)
    keys = ["s3.carried_over.natural", "s3.carried_over.legal", "s3.received.natural", "s3.received.legal"]
    report.alternatives = [Alternatives(keys, [[2, 0, 5, 0], [0, 2, 0, 5]])]
    done = settle(report, previous=before)
    assert done is not None and done.cells == dict(zip(keys, [2, 0, 5, 0], strict=True))
    [f] = done.report.findings
    assert "上年“结转下年度继续办理”" in f.message and "2020年度报告" in f.message


def test_the_next_year_splits_124590():
    truth, seed = glued_license()
    [first] = read_years(truth[:1], dumped, seed)
    [second] = read_years(truth[1:], printed, seed)
    keys = ["s2.license.prev", "s2.license.delta", "s2.license.decisions"]
    assert [first.cells[k] for k in keys] == [None, None, None]
    assert second.cells["s2.license.prev"] == 16
    [open_row] = [a for a in first.alternatives if a.cells == keys]
    assert [12, 4, 590] in open_row.readings and [1, 24, 590] in open_row.readings
    done = settle(first, following=second)
    assert done is not None
    assert [done.report.cells[k] for k in keys] == [12, 4, 590]
    [f] = [f for f in done.report.findings if f.rule == "settled-by-neighbour" and f.cells == keys]
    assert f.severity == "info" and f.cells == keys
    assert "2020年度报告" in f.message and AGENCY in f.message
    assert done.others == [second]


def test_a_signed_run_gives_its_sign_to_the_change_column():
    truth, seed = glued_license()
    [first] = read_years(truth[:1], dumped, seed)
    [second] = read_years(truth[1:], printed, seed)
    keys = ["s2.coercion.prev", "s2.coercion.delta", "s2.coercion.decisions"]
    [open_row] = [a for a in first.alternatives if a.cells == keys]
    assert [1725, -6, 11] in open_row.readings
    assert all(delta < 0 for _, delta, _ in open_row.readings)
    done = settle(first, following=second)
    assert done is not None and [done.report.cells[k] for k in keys] == [1725, -6, 11]


def test_one_neighbour_settles_what_the_fitting_readings_agree_on():
    truth, _ = glued_license()
    report = AnnualReport.blank("2019", agency=AGENCY, year=2020)
    keys = ["s2.license.prev", "s2.license.delta", "s2.license.decisions"]
    report.alternatives = [Alternatives(keys, [[1, 6, 10], [16, 1, 0], [16, 10, 0]])]
    done = settle(report, previous=truth[0])
    assert done is not None
    assert done.cells == {"s2.license.prev": 16, "s2.license.decisions": 0}
    assert done.report.alternatives == [Alternatives(["s2.license.delta"], [[1], [10]])]


def test_a_neighbour_that_kept_readings_counts_with_each_of_them():
    truth, seed = glued_license()
    first, _ = read_years(truth, dumped, seed)
    report = AnnualReport.blank("2019", agency=AGENCY, year=2020)
    keys = ["s2.license.prev", "s2.license.delta", "s2.license.decisions"]
    report.alternatives = [Alternatives(keys, [[1, 6, 10], [16, 1, 0], [16, 10, 0]])]
    # 124590 may be 12 + 4 = 16, 1 + 24 = 25 …: never 1
    done = settle(report, previous=first)
    assert done is not None and done.cells == {"s2.license.prev": 16, "s2.license.decisions": 0}


def test_a_neighbour_that_could_not_read_the_cells_decides_nothing():
    truth, seed = glued_license()
    first, _ = read_years(truth, dumped, seed)
    first.alternatives = [a for a in first.alternatives if "s2.license.prev" not in a.cells]
    assert "s2.license.prev" in open_cells(first)
    report = AnnualReport.blank("2019", agency=AGENCY, year=2020)
    keys = ["s2.license.prev", "s2.license.delta", "s2.license.decisions"]
    report.alternatives = [Alternatives(keys, [[1, 6, 10], [16, 1, 0], [16, 10, 0]])]
    assert settle(report, previous=first) is None


def test_readings_that_all_fit_or_none_fit_leave_the_cells_blank():
    keys = ["s2.rules.issued", "s2.rules.repealed", "s2.rules.in_force"]
    before = AnnualReport.blank("2021", agency=AGENCY, year=2021)
    before.cells["s2.rules.in_force"] = 4
    report = AnnualReport.blank("2021", agency=AGENCY, year=2022)
    # 3 − 1 + 2 = 4 − 3 + 3 = 4: both fit, and they agree on no cell
    report.alternatives = [Alternatives(keys, [[1, 2, 3], [3, 3, 4]])]
    assert settle(report, previous=before) is None
    before.cells["s2.rules.in_force"] = 40
    assert settle(report, previous=before) is None
    before.year = 2020
    before.cells["s2.rules.in_force"] = 4
    report.alternatives = [Alternatives(keys, [[1, 2, 3], [3, 1, 4]])]
    assert settle(report, previous=before) is None  # not the year before
    before.year = 2021
    done = settle(report, previous=before)
    assert done is not None and done.cells == dict(zip(keys, [1, 2, 3], strict=True))


def test_a_report_of_another_agency_or_no_neighbour_settles_nothing():
    truth, seed = glued_license()
    first, second = read_years(truth, dumped, seed)
    second.agency = "另一县人民政府"
    assert settle_with_neighbours([first, second]) == [first, second]
    assert settle_with_neighbours([first]) == [first]
    assert open_cells(first) >= {"s2.license.prev"}


def test_alternatives_survive_the_json_contract():
    truth, seed = glued_license()
    first, _ = read_years(truth, dumped, seed)
    data = first.to_json()
    assert data["alternatives"]
    assert AnnualReport.from_json(data).alternatives == first.alternatives
    clean = AnnualReport.blank("2021")
    assert "alternatives" not in clean.to_json()


def test_xxgk_parse_reads_several_years_as_one_corpus(tmp_path: Path):
    truth, seed = glued_license()
    paths = []
    for report, write in zip(truth, (dumped, printed), strict=True):
        path = tmp_path / f"{report.year}.txt"
        path.write_text(write(report, seed), encoding="utf-8")
        paths.append(str(path))
    xxgk = shutil.which("xxgk", path=str(Path(sys.executable).parent)) or "xxgk"
    alone = subprocess.run([xxgk, "parse", "--json", paths[0]], capture_output=True, timeout=120)
    together = subprocess.run([xxgk, "parse", "--json", *paths], capture_output=True, timeout=120)
    assert together.returncode == 0, together.stderr.decode()
    [first] = [json.loads(line) for line in alone.stdout.decode().splitlines()]
    records = [json.loads(line) for line in together.stdout.decode().splitlines()]
    assert [r["source"] for r in records] == paths
    assert first["cells"]["s2.license.prev"] is None
    assert records[0]["cells"]["s2.license.prev"] == 12
    rules = [f["rule"] for f in records[0]["findings"]]
    assert "settled-by-neighbour" in rules and "settled-by-neighbour" not in [
        f["rule"] for f in first["findings"]
    ]


def test_malformed_readings_in_json_are_dropped():
    data = AnnualReport.blank("2021", agency=AGENCY, year=2022).to_json()
    keys = ["s2.rules.issued", "s2.rules.repealed", "s2.rules.in_force"]
    good = {"cells": keys, "readings": [[1, 2, 3], [3, 1, 5]]}
    bad = [{"cells": keys, "readings": [[1, "2", 3], [1, 2], True, [None, 1, 2]]}, "x", {"cells": 5}]
    data["alternatives"] = [good, *bad]
    assert AnnualReport.from_json(data).alternatives == [Alternatives(keys, [[1, 2, 3], [3, 1, 5]])]
    data["alternatives"] = {"cells": keys}
    assert AnnualReport.from_json(data).alternatives == []


def test_xxgk_check_settles_with_the_previous_year_given(tmp_path: Path):
    truth, seed = glued_license()
    before, this = tmp_path / "2019.txt", tmp_path / "2020.txt"
    before.write_text(printed(truth[0], seed), encoding="utf-8")
    this.write_text(dumped(truth[1], seed), encoding="utf-8")
    xxgk = shutil.which("xxgk", path=str(Path(sys.executable).parent)) or "xxgk"

    def rules(*args: str) -> list[str]:
        p = subprocess.run([xxgk, "check", "--json", *args], capture_output=True, timeout=120)
        assert b"Traceback" not in p.stderr, p.stderr.decode()
        [record] = [json.loads(line) for line in p.stdout.decode().splitlines()]
        return [f["rule"] for f in record["findings"]]

    assert "settled-by-neighbour" not in rules(str(this))
    assert "settled-by-neighbour" in rules("--previous", str(before), str(this))
