"""End to end on the dev corpus: each HTML, DOCX and PDF variant reads to the same cells as
the tab-separated variant of the same report, so every format is as good as the table
interpreter is on clean rows."""

import pytest
from reader_corpus import DEV, needs_dev

from xxgk.ingest import parse_path

VARIANTS = [(stem, suffix) for stem in ("d01", "d02") for suffix in (".html", "-docx.docx", "-pdf.pdf")]


@needs_dev
@pytest.mark.parametrize(("stem", "suffix"), VARIANTS, ids=[s + x for s, x in VARIANTS])
def test_variant_reads_like_the_tsv(stem: str, suffix: str) -> None:
    got = parse_path(str(DEV / f"{stem}{suffix}"))
    tsv = parse_path(str(DEV / f"{stem}-tsv.txt"))
    assert got.edition == tsv.edition
    differ = {k: (got.cells.get(k), v) for k, v in tsv.cells.items() if got.cells.get(k) != v}
    assert differ == {}
