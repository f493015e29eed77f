"""Every seed and dev report through the installed console script: ``xxgk render`` to
every format xxgk writes, then ``xxgk parse --json`` of what it wrote gives the report's
own cells (its labelled ``.json``), edition, year and agency.

The same holds for a rendering of the JSON that ``xxgk parse --json`` printed
(``xxgk parse --json seed > r.json; xxgk render r.json --to docx``), and for a rendering
of a dev report's labelled JSON (route ``truth``).
"""

from __future__ import annotations

import json
import math
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from corpus import DEV, SEEDS, labelled

from xxgk.render.pdf import soffice

XXGK = shutil.which("xxgk", path=str(Path(sys.executable).parent)) or "xxgk"
SEED_TEXTS = sorted(SEEDS.glob("*.txt"))
FORMATS = ("docx", "html", "pdf", "txt", "md", "json", "xlsx", "csv")
JSON_FORMATS = tuple(f for f in FORMATS if f != "pdf")
DEV_TRUTHS = {doc.stem: doc.with_suffix(".json") for doc, _ in labelled(DEV)}
NO_OFFICE = "LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui fonts-noto-cjk"

Case = tuple[str, str, str]
"""(seed stem, route, format): route ``seed`` renders the seed's text, ``json`` the
JSON its parse printed."""


def run(*args: str) -> subprocess.CompletedProcess:
    p = subprocess.run([XXGK, *args], capture_output=True, timeout=300, stdin=subprocess.DEVNULL)
    assert b"Traceback" not in p.stderr, p.stderr.decode()
    return p


def same(truth: object, got: object) -> bool:
    """Equality as ``shared/tools/score.py`` judges it: blank and 0 are equal."""
    if truth in (None, 0) and got in (None, 0):
        return True
    if isinstance(truth, int | float) and isinstance(got, int | float) and not isinstance(got, bool):
        return math.isclose(truth, got, rel_tol=1e-6, abs_tol=1e-6)
    return False


def cases() -> list[Case]:
    out = [(s.stem, "seed", f) for s in SEED_TEXTS for f in FORMATS]
    out += [(s.stem, "json", f) for s in SEED_TEXTS for f in JSON_FORMATS]
    return out + [(stem, "truth", f) for stem in DEV_TRUTHS for f in FORMATS]


@pytest.fixture(scope="module")
def read_back(tmp_path_factory: pytest.TempPathFactory) -> dict[Case, tuple[str, dict | None]]:
    """Every case rendered by the console script and all of them parsed in one run:
    for each case, the render command's messages and the record parse printed."""
    out = tmp_path_factory.mktemp("rendered")
    rendered: dict[Case, tuple[Path, subprocess.CompletedProcess]] = {}
    for seed in SEED_TEXTS:
        printed = out / f"{seed.stem}.parsed.json"
        p = run("parse", "--json", str(seed))
        assert p.returncode == 0, p.stderr.decode()
        printed.write_bytes(p.stdout)
        for stem, route, fmt in cases():
            if stem != seed.stem or (fmt == "pdf" and soffice() is None):
                continue
            source = seed if route == "seed" else printed
            target = out / f"{stem}.{route}.{fmt}"
            rendered[(stem, route, fmt)] = (
                target,
                run("render", str(source), "--to", fmt, "-o", str(target)),
            )
    for stem, truth in DEV_TRUTHS.items():
        for fmt in FORMATS:
            if fmt == "pdf" and soffice() is None:
                continue
            target = out / f"{stem}.truth.{fmt}"
            rendered[(stem, "truth", fmt)] = (
                target,
                run("render", str(truth), "--to", fmt, "-o", str(target)),
            )
    written = [str(t) for t, p in rendered.values() if p.returncode == 0 and t.is_file()]
    p = run("parse", "--json", "--jobs", "2", *written)
    records = [json.loads(line) for line in p.stdout.decode().splitlines() if line.strip()]
    assert len(records) == len(written), "one record for each file written"
    by_file = dict(zip(written, records, strict=True))
    return {case: (p.stderr.decode(), by_file.get(str(t))) for case, (t, p) in rendered.items()}


def truth_of(stem: str) -> dict:
    return json.loads((DEV_TRUTHS.get(stem) or SEEDS / f"{stem}.json").read_text(encoding="utf-8"))


def record(read_back: dict[Case, tuple[str, dict | None]], case: Case) -> dict:
    if case not in read_back:
        pytest.skip(NO_OFFICE)
    messages, got = read_back[case]
    assert got is not None, f"xxgk render 未写出可读的文档：{messages}"
    assert "error" not in got, got["error"]
    return got


IDS = [f"{stem[:3]}-{route}-{fmt}" for stem, route, fmt in cases()]


@pytest.mark.parametrize("case", cases(), ids=IDS)
def test_rendered_document_reads_back_the_seed(read_back, case: Case) -> None:
    got = record(read_back, case)
    truth = truth_of(case[0])
    meta = (str(got["edition"]), got["year"], got["agency"])
    assert meta == (truth["edition"], truth["year"], truth["agency"])
    wrong = {
        k: (v, got["cells"].get(k)) for k, v in truth["cells"].items() if not same(v, got["cells"].get(k))
    }
    assert wrong == {}
