"""Finding the three statutory tables in a token stream and reading their rows.

Rows are recognised by the ``markers`` of :mod:`xxgk.report.form`, in statutory order
and with a short look-ahead, so lost group headers, labels split over cells and stray
fragments between rows do not matter. A row's printed values are the value and blank
tokens after its label, up to the next text that is not a continuation.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from xxgk.ingest.labels import matches
from xxgk.ingest.tokens import BLANK, TEXT, VALUE, Token, Tokens
from xxgk.report.form import EDITION_2019, EDITION_2021, S4_COLUMNS

LABEL_MAX = 70
_HEADING = re.compile(r"^[一二三四五六七八九十]+、")
_NOTE = re.compile(r"^(?:备?注|说明)[:：]")
_NEXT_SECTIONS = ("行政复议", "存在的主要问题", "其他需要报告", "主要问题及改进")
MEMO_MAX = 10_000


class RowLabels:
    """A table's rows in statutory order, each with its markers; remembers which rows a text names.

    The same label texts recur in every report, so each text is matched against the
    markers once per process.
    """

    def __init__(self, rows: Sequence[tuple[str, tuple[str, ...]]]):
        self.rows = tuple(rows)
        self._hits: dict[str, tuple[int, ...]] = {}

    def __len__(self) -> int:
        return len(self.rows)

    def key(self, j: int) -> str:
        return self.rows[j][0]

    def hits(self, norm: str) -> tuple[int, ...]:
        """The rows whose markers ``norm`` carries, in order."""
        got = self._hits.get(norm)
        if got is None:
            got = tuple(j for j, (_, markers) in enumerate(self.rows) if matches(norm, markers))
            if len(self._hits) < MEMO_MAX:
                self._hits[norm] = got
        return got

    def match(self, norm: str, ptr: int, lookahead: int) -> int | None:
        """The first row from ``ptr`` (within ``lookahead`` rows) that ``norm`` names."""
        for j in self.hits(norm):
            if j >= ptr:
                return j if j < ptr + lookahead else None
        return None

    def tail(self, start: int) -> RowLabels:
        """The rows from ``start`` on (a table read from a later row)."""
        return _tail(self, start)


@cache
def _tail(labels: RowLabels, start: int) -> RowLabels:
    return RowLabels(labels.rows[start:])


S3_UNION = RowLabels(
    [
        *[(r.key, r.markers) for r in EDITION_2019.s3_rows if r.key not in ("total", "carried_forward")],
        *[(r.key, r.markers) for r in EDITION_2021.s3_rows if r.key.startswith("other.")],
        *[(r.key, r.markers) for r in EDITION_2019.s3_rows if r.key in ("total", "carried_forward")],
    ]
)
"""Section 三's rows of both editions in printed order: 2019's single （六） row before 2021's three."""
S2_UNION = RowLabels([(r.key, r.markers) for r in EDITION_2019.s2_rows])
"""Section 二's rows: edition 2019's, of which edition 2021's are a part."""
_S4_HEADER = re.compile(
    r"未经复议直接起诉|复议后起诉|行政复议|行政诉讼|结果维持|结果纠正|其他结果|尚未审结|总计|合计|维持|纠正|其他|结果|审结|尚未|直接起诉|[()、]"
)


_S3_FIRST = RowLabels(S3_UNION.rows[:1])
_S4_FIRST = RowLabels([("review", ("行政复议",))])


def is_s4_header(norm: str) -> bool:
    """Whether a text is made only of section 四's column and group headers."""
    return len(_S4_HEADER.sub("", norm)) <= 2


@dataclass
class RowRead:
    key: str
    label: Token
    tokens: list[Token] = field(default_factory=list)

    @property
    def printed(self) -> list[int | float | None]:
        return [t.value if t.kind == VALUE else None for t in self.tokens]

    @property
    def digits(self) -> list[str]:
        """Each value token's text when it is a bare run of digits, else ``""``."""
        return [t.text.strip() if t.kind == VALUE and t.text.strip().isdigit() else "" for t in self.tokens]

    @property
    def text(self) -> str:
        return " ".join([self.label.text, *[t.text or "□" for t in self.tokens]])


@dataclass
class TableRead:
    rows: dict[str, RowRead]
    start: int
    end: int
    labels: list[RowRead] = field(default_factory=list)


def _ends_table(t: Token, extra: tuple[str, ...]) -> bool:
    if len(t.norm) > LABEL_MAX:
        return True
    return bool(_HEADING.match(t.norm)) and any(m in t.norm for m in extra)


def read_rows(
    tokens: list[Token],
    start: int,
    rows: RowLabels,
    *,
    lookahead: int = 8,
    continuations: bool = True,
    ends: tuple[str, ...] = _NEXT_SECTIONS,
    postfix: bool = False,
    end: int | None = None,
) -> TableRead:
    """Rows of one table from ``start``: each matched label with the values after it.

    A label that gets no values and is followed by the label of an earlier row was a
    stray header (``总计`` repeated after a page break) or a label a converter lifted out
    of its row: it is forgotten, with any other such labels before it, and the rows
    jumped over since the last row that got values are looked for again. With
    ``postfix`` the values printed *before* a label are its own (PDF text that puts
    labels after their numbers). Reading stops at ``end`` (by default, the end of the
    tokens).
    """
    found: dict[str, RowRead] = {}
    labels: list[RowRead] = []
    ptr = resume = 0
    current_index = -1
    current: RowRead | None = None
    pending: list[Token] = []
    i = start
    if postfix:
        while i > 0 and tokens[i - 1].kind != TEXT:
            i -= 1
    first = i
    last = start
    stop = len(tokens) if end is None else end
    while i < stop:
        t = tokens[i]
        if t.kind == TEXT:
            empty = current is not None and not current.tokens
            valueless = empty or (current is not None and not any(v.kind == VALUE for v in current.tokens))
            j = None
            for base in (ptr, resume) if valueless and resume < ptr else (ptr,):
                j, joined = _match_label(tokens, i, stop, rows, base, lookahead)
                if j is not None:
                    i += joined
                    break
            if j is not None:
                if current is not None and (empty or j <= current_index):
                    found.pop(current.key, None)
                if current is not None and valueless and j <= current_index:
                    while labels and found.get(labels[-1].key) is not labels[-1]:
                        labels.pop()
                if not valueless:
                    resume = ptr
                current = RowRead(rows.key(j), t)
                current_index = j
                labels.append(current)
                if postfix:
                    current.tokens, pending = pending, []
                found[current.key] = current
                ptr = j + 1
                last = i
            elif _ends_table(t, ends) or (ptr >= len(rows) and current is not None and current.tokens):
                break
            elif not continuations:
                current = None
                pending = []
        elif t.kind in (VALUE, BLANK):
            if postfix:
                if ptr >= len(rows):
                    break
                pending.append(t)
            elif current is not None:
                current.tokens.append(t)
                last = i
        i += 1
    if current is not None and not current.tokens:
        found.pop(current.key, None)
    return TableRead(found, first, last, labels)


def _match_label(
    tokens: list[Token], i: int, stop: int, rows: RowLabels, base: int, lookahead: int
) -> tuple[int | None, int]:
    """The row that the label at ``i`` names from ``base`` on, and how many more tokens it
    took (1 when the label was split over two tokens, ``商业企`` / ``业``)."""
    t = tokens[i]
    if len(t.norm) > LABEL_MAX:
        return None, 0
    j = rows.match(t.norm, base, lookahead)
    if j is None and i + 1 < stop and tokens[i + 1].kind == TEXT:
        nxt = tokens[i + 1]
        j = rows.match(t.norm + nxt.norm, base, lookahead)
        if j is not None and rows.match(nxt.norm, base, lookahead) is None:
            return j, 1
        return None, 0
    return j, 0


def _starts(tokens: Tokens, labels: RowLabels, begin: int = 0, end: int | None = None) -> list[int]:
    """Where a label naming any of ``labels``'s rows stands, from ``begin`` to ``end``."""
    stop = len(tokens) if end is None else end
    hits = labels.hits
    return [i for i in tokens.labels(LABEL_MAX) if begin <= i < stop and hits(tokens[i].norm)]


def _best(reads: list[TableRead]) -> TableRead | None:
    scored = [
        (sum(1 for r in tr.rows.values() if any(t.kind == VALUE for t in r.tokens)), tr) for tr in reads
    ]
    scored = [s for s in scored if s[0] > 0]
    if not scored:
        return None
    return max(scored, key=lambda s: s[0])[1]


def find_s3(tokens: list[Token], postfix: bool = False) -> TableRead | None:
    """Section 三's table: the run of rows from 本年新收 that reads the most rows."""
    reads = [read_rows(tokens, s, S3_UNION, postfix=postfix) for s in _starts(tokens, _S3_FIRST)[:6]]
    return _best(reads)


def find_s2(
    tokens: list[Token], before: int | None = None, postfix: bool = False, after: int = 0
) -> TableRead | None:
    """Section 二's table: from a row label of section 二 (after the token ``after``, its
    heading), the run reading the most rows."""
    limit = before if before is not None else len(tokens)
    reads = []
    seen: set[int] = set()
    candidates = _starts(tokens, S2_UNION, after if after < limit else 0, end=limit)
    for key_index in range(len(S2_UNION)):
        for s in [c for c in candidates if key_index in S2_UNION.hits(tokens[c].norm)][:4]:
            if s in seen:
                continue
            seen.add(s)
            reads.append(
                read_rows(
                    tokens, s, S2_UNION.tail(key_index), continuations=False, postfix=postfix, end=limit
                )
            )
        if reads and _best(reads) is not None:
            break
    return _best(reads)


def find_s4(tokens: list[Token], after: int = 0) -> tuple[list[Token], int, int] | None:
    """Section 四's values (in printed order) with the span they were read from.

    Empty cells on a row of column headers pad the header; they are not blank values. A
    note printed between the headers and the numbers (``注：行政复议数量含上年度结转``)
    does not end the table.
    """
    for s in _starts(tokens, _S4_FIRST, after):
        if not (is_s4_header(tokens[s].norm) or _HEADING.match(tokens[s].norm)):
            continue
        values: list[Token] = []
        header_row = tokens[s].row
        i = s + 1
        while i < len(tokens):
            t = tokens[i]
            if t.kind == TEXT:
                header = is_s4_header(t.norm)
                if _NOTE.match(t.norm) and not any(v.kind == VALUE for v in values):
                    i += 1
                    continue
                if not header and (any(v.kind == VALUE for v in values) or len(t.norm) > 16):
                    break
                if not any(v.kind == VALUE for v in values):
                    values = []
                    header_row = t.row
            elif t.kind == VALUE or (t.kind == BLANK and t.row != header_row):
                values.append(t)
            i += 1
        if any(v.kind == VALUE for v in values):
            return values, s, i
    return None


S4_WIDTH = 3 * len(S4_COLUMNS)


def reshape_block(read: TableRead, keys: list[str], width: int) -> list[TableRead]:
    """Readings of a table whose numbers were printed as one block apart from the labels.

    Page dumps sometimes print every label of the table and then every number, row by
    row or column by column. When one row holds all the numbers and they fill the labels
    exactly, both orders are offered; the identities choose.
    """
    with_values = [r for r in read.rows.values() if any(t.kind == VALUE for t in r.tokens)]
    if len(with_values) != 1:
        return []
    block = [t for t in with_values[0].tokens if t.kind in (VALUE, BLANK)]
    order = [r for r in read.labels if r.key in keys]
    n_rows = len(order)
    if n_rows < 2 or len(block) != n_rows * width:
        return []
    by_rows = {
        r.key: RowRead(r.key, r.label, block[i * width : (i + 1) * width]) for i, r in enumerate(order)
    }
    by_columns = {
        r.key: RowRead(r.key, r.label, [block[c * n_rows + i] for c in range(width)])
        for i, r in enumerate(order)
    }
    return [TableRead(rows, read.start, read.end, order) for rows in (by_rows, by_columns)]
