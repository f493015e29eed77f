"""Copied text (内容雷同): narrative passages one report shares with another.

The search is a pipeline of small steps, near-linear in the size of the corpus:

1. :func:`passages` cuts the six narrative sections into sentences, each knowing where it stands.
2. :func:`fingerprint` reduces a sentence to what copying keeps: the report's own names (偏关县,
   我县, 本局) become one mark, numbers and dates another, the form's own vocabulary (row labels,
   headings) a third; punctuation and spaces go. A sentence with too few other characters says
   too little to be copied and is left out.
3. Equal fingerprints are one passage; each gets a MinHash signature over its character k-grams,
   and locality-sensitive hashing (bands of the signature) proposes pairs of passages that are
   probably alike. Only proposed pairs are compared exactly (Jaccard of their k-gram sets).
4. Passages alike across more agencies than :attr:`SimilaritySettings.boilerplate_agencies` (or a
   share of the corpus), or alike to a standard phrase of ``data/boilerplate.txt``, are
   boilerplate: the template's sentences and the stock phrases every report prints make no pair.
5. The remaining passages shared by two reports are summed per pair of reports; a pair that shares
   enough becomes an :class:`Overlap`: ``copied`` between different agencies, ``repeated`` when an
   agency reprints its own earlier report.

Nothing here knows a database: callers give :class:`Narrative` objects with identifiers of their
own and get overlaps back naming those identifiers.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Literal

import numpy as np

from xxgk.check.crossyear import agency_key
from xxgk.check.findings import finding
from xxgk.report.agency import names_of
from xxgk.report.form import EDITIONS, edition
from xxgk.report.model import Finding
from xxgk.report.sections import SECTIONS, section


@dataclass(frozen=True)
class SimilaritySettings:
    """The tolerances of the copied-text search, each with the reason for its value."""

    shingle: int = 4
    """Characters per k-gram: four Chinese characters are about two words, specific enough that two
    honest reports share few, short enough that a changed name spoils only a few."""
    min_chars: int = 18
    """Characters a passage needs besides names, numbers and the form's vocabulary: a shorter
    sentence (主动公开政府信息情况统计如下) is something anyone writes."""
    max_chars: int = 160
    """A longer sentence is cut at a comma, so that half a sentence copied is still found."""
    num_perm: int = 64
    """MinHash functions per passage."""
    bands: int = 16
    """LSH bands (of ``num_perm / bands`` rows each): 16 × 4 proposes pairs from Jaccard ≈ 0.5 on."""
    threshold: float = 0.6
    """Jaccard similarity of k-gram sets from which two passages count as the same text: a changed
    place or person name in a sentence of sixty characters leaves about 0.8."""
    boilerplate_agencies: int = 12
    """A passage found in more agencies than this is a stock phrase, not a copy ..."""
    boilerplate_share: float = 0.02
    """... or in more than this share of the corpus's agencies, whichever is larger: a province's
    template sentence reaches thousands of reports; a copied report a handful."""
    min_shared_chars: int = 60
    """Informative characters two reports must share to be a pair: about two sentences."""
    quote_chars: int = 80
    """Characters of the shared passage quoted in a finding's message."""


SETTINGS = SimilaritySettings()

OverlapKind = Literal["copied", "repeated"]
NAME_MARK = "\ue000"
NUMBER_MARK = "\ue001"
FORM_MARK = "\ue002"
_MARKS = NAME_MARK + NUMBER_MARK + FORM_MARK
_SENTENCE_END = re.compile(r"[。！？!?；;\n]+")
_COMMA = re.compile(r"[，,、]")
_NUMBER = re.compile(r"\d+(?:[.,:：]\d+)*%?|[〇○零一二三四五六七八九]{4}")
_FIRST_PERSON = re.compile(r"[我本](?:县|市|区|镇|乡|街道|局|委|办|厅|单位|机关|部门|中心|院|所|室)")
_NOT_TEXT = re.compile(rf"[^\w{_MARKS}]|_")
_RUNS = re.compile(rf"([{_MARKS}])\1+")
BOILERPLATE_FILE = Path(__file__).resolve().parent.parent / "data" / "boilerplate.txt"
_BOILERPLATE_AGENCY = "\x00boilerplate"


@dataclass(frozen=True)
class Narrative:
    """One report's narrative as the search sees it; ``id`` is the caller's own identifier."""

    id: Hashable
    agency: str | None
    year: int | None
    sections: Mapping[str, str]


@dataclass(frozen=True)
class Passage:
    """A sentence of a narrative section: ``text`` as printed, at ``start:end`` of the section."""

    section: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class SharedPassage:
    """A passage of one report (``mine``) alike to one of the other (``theirs``)."""

    mine: Passage
    theirs: Passage
    similarity: float


@dataclass
class Overlap:
    """What ``report`` shares with ``other``; ``share`` is the part of its narrative shared."""

    report: Hashable
    other: Hashable
    kind: OverlapKind
    passages: list[SharedPassage] = field(default_factory=list)
    shared_chars: int = 0
    share: float = 0.0


def passages(sections: Mapping[str, str], settings: SimilaritySettings = SETTINGS) -> list[Passage]:
    """The sentences of the narrative sections, long ones cut at a comma, in reading order."""
    out: list[Passage] = []
    for key in (s.key for s in SECTIONS):
        text = sections.get(key) or ""
        start = 0
        for m in [*_SENTENCE_END.finditer(text), None]:
            end = m.end() if m else len(text)
            out.extend(_cut_long(key, text, start, end, settings.max_chars))
            start = end
            if m is None:
                break
    return [p for p in out if p.text.strip()]


def _cut_long(key: str, text: str, start: int, end: int, limit: int) -> Iterable[Passage]:
    while end - start > limit:
        commas = [m.end() for m in _COMMA.finditer(text, start + limit // 2, start + limit)]
        cut = commas[-1] if commas else start + limit
        yield Passage(key, start, cut, text[start:cut].strip())
        start = cut
    yield Passage(key, start, end, text[start:end].strip())


@cache
def _vocabulary() -> re.Pattern[str]:
    """The form's own words (row and column labels, headings), longest first, as one pattern."""
    words: set[str] = set()
    for name in EDITIONS:
        ed = edition(name)
        for row in ed.s2_rows:
            words |= {row.label, row.article, *row.markers, *(c.label for c in row.columns)}
        for r in ed.s3_rows:
            words |= {r.label, *r.markers, *(filter(None, [r.group]))}
        words |= {c.label for c in (*ed.s3_columns, *ed.s4_columns)} | {g.label for g in ed.s4_groups}
    for s in SECTIONS:
        words |= {s.title, *s.markers}
    words |= {"政府信息公开", "政务公开", "信息公开", "中华人民共和国政府信息公开条例", "政府信息公开条例"}
    cleaned = {_NOT_TEXT.sub("", _NUMBER.sub("", unicodedata.normalize("NFKC", w))) for w in words}
    ordered = sorted((w for w in cleaned if len(w) >= 4), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, ordered)))


def _names_pattern(agency: str | None) -> re.Pattern[str] | None:
    names = names_of(agency)
    return re.compile("|".join(map(re.escape, names))) if names else None


def fingerprint(text: str, names: re.Pattern[str] | None = None) -> str:
    """``text`` as copying leaves it: own names, numbers and form words marked, punctuation gone."""
    t = unicodedata.normalize("NFKC", text)
    t = re.sub(r"\s+", "", t)
    if names is not None:
        t = names.sub(NAME_MARK, t)
    t = _FIRST_PERSON.sub(NAME_MARK, t)
    t = _NUMBER.sub(NUMBER_MARK, t)
    t = _NOT_TEXT.sub("", t)
    t = _vocabulary().sub(FORM_MARK, t)
    return _RUNS.sub(r"\1", t)


def informative(fp: str) -> int:
    """Characters of a fingerprint other than its marks."""
    return len(fp) - sum(fp.count(m) for m in _MARKS)


# --- MinHash over k-grams, vectorised with numpy ---------------------------------------------

_U64 = np.uint64
_GOLDEN = _U64(0x9E3779B97F4A7C15)


def _mix(z: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser: spreads the bits of each 64-bit value (wrapping arithmetic)."""
    with np.errstate(over="ignore"):
        z = (z ^ (z >> _U64(30))) * _U64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> _U64(27))) * _U64(0x94D049BB133111EB)
        return z ^ (z >> _U64(31))


def kgram_hashes(fp: str, k: int) -> np.ndarray:
    """64-bit hashes of the k-grams of ``fp`` (the whole of it when shorter than ``k``)."""
    cps = np.frombuffer(fp.encode("utf-32-le"), dtype=np.uint32).astype(_U64)
    n = max(len(cps) - k + 1, 1)
    h = np.zeros(n, dtype=_U64)
    with np.errstate(over="ignore"):
        for i in range(min(k, len(cps))):
            h = h * _GOLDEN + cps[i : i + n]
    return _mix(h)


@cache
def _permutations(num_perm: int) -> tuple[np.ndarray, np.ndarray]:
    """Multiply-shift hash functions: odd multipliers and offsets from a fixed seed."""
    rng = np.random.default_rng(20190515)  # the Regulation's date in force: any fixed seed will do
    a = rng.integers(1, 2**63, size=num_perm, dtype=np.int64).astype(_U64) * _U64(2) + _U64(1)
    b = rng.integers(0, 2**63, size=num_perm, dtype=np.int64).astype(_U64)
    return a, b


def signatures(fps: Sequence[str], settings: SimilaritySettings = SETTINGS) -> np.ndarray:
    """MinHash signatures (one row of ``num_perm`` 32-bit values per fingerprint)."""
    out = np.empty((len(fps), settings.num_perm), dtype=np.uint32)
    a, b = _permutations(settings.num_perm)
    batch = 20_000
    for lo in range(0, len(fps), batch):
        chunk = [kgram_hashes(fp, settings.shingle) for fp in fps[lo : lo + batch]]
        starts = np.cumsum([0, *map(len, chunk[:-1])])
        hashes = np.concatenate(chunk)
        with np.errstate(over="ignore"):
            for j in range(settings.num_perm):
                values = ((a[j] * hashes + b[j]) >> _U64(32)).astype(np.uint32)
                out[lo : lo + len(chunk), j] = np.minimum.reduceat(values, starts)
    return out


def candidate_pairs(sigs: np.ndarray, bands: int) -> set[tuple[int, int]]:
    """Pairs of rows that agree on every value of at least one band (each pair once, low first).

    Rows in one bucket are paired with the bucket's first row only: a bucket holds near-equal
    passages, so a star keeps the work linear where a template sentence fills a bucket."""
    n, width = sigs.shape
    rows = width // bands
    pairs: set[tuple[int, int]] = set()
    for band in range(bands):
        part = sigs[:, band * rows : (band + 1) * rows].astype(_U64)
        key = np.zeros(n, dtype=_U64)
        with np.errstate(over="ignore"):
            for col in range(rows):
                key = _mix(key * _GOLDEN + part[:, col])
        order = np.argsort(key, kind="stable")
        sorted_keys = key[order]
        bounds = np.flatnonzero(np.diff(sorted_keys)) + 1
        for group in np.split(order, bounds):
            if len(group) > 1:
                first = int(group.min())
                pairs.update((first, int(i)) for i in group if i != first)
    return pairs


def jaccard(a: str, b: str, k: int) -> float:
    sa = {a[i : i + k] for i in range(max(len(a) - k + 1, 1))}
    sb = {b[i : i + k] for i in range(max(len(b) - k + 1, 1))}
    return len(sa & sb) / len(sa | sb)


class _Clusters:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        ri, rj = self.find(i), self.find(j)
        if ri != rj:
            self.parent[max(ri, rj)] = min(ri, rj)


@cache
def standard_phrases() -> tuple[str, ...]:
    """The stock sentences of ``data/boilerplate.txt``."""
    lines = BOILERPLATE_FILE.read_text(encoding="utf-8").splitlines()
    return tuple(line.strip() for line in lines if line.strip() and not line.startswith("#"))


@dataclass
class _Occurrence:
    narrative: int
    passage: Passage
    chars: int


def find_overlaps(narratives: Iterable[Narrative], settings: SimilaritySettings = SETTINGS) -> list[Overlap]:
    """Every pair of reports that shares more than boilerplate, seen from each side.

    Reports of different agencies give an overlap on each of them (``copied``); an agency's
    report that reprints one of its own earlier years gives one on the later report
    (``repeated``), against the latest earlier year it reprints. Reports of one agency and
    one year (the same report in two formats) are never compared.
    """
    items = list(narratives)
    keys = [agency_key(n.agency) or f"\x00report-{i}" for i, n in enumerate(items)]
    unique: dict[str, int] = {}
    fps: list[str] = []
    occurrences: list[list[_Occurrence]] = []
    agencies: list[set[str]] = []

    def add(fp: str, occ: _Occurrence | None, agency: str) -> None:
        u = unique.get(fp)
        if u is None:
            u = unique[fp] = len(fps)
            fps.append(fp)
            occurrences.append([])
            agencies.append(set())
        if occ is not None:
            occurrences[u].append(occ)
        agencies[u].add(agency)

    for phrase in standard_phrases():
        fp = fingerprint(phrase, _names_pattern("偏关县人民政府"))
        if informative(fp) >= settings.min_chars:
            add(fp, None, _BOILERPLATE_AGENCY)
    for i, n in enumerate(items):
        names = _names_pattern(n.agency)
        for p in passages(n.sections, settings):
            fp = fingerprint(p.text, names)
            chars = informative(fp)
            if chars >= settings.min_chars:
                add(fp, _Occurrence(i, p, chars), keys[i])

    alike = _alike_pairs(fps, settings)
    clusters = _Clusters(len(fps))
    for u, v in alike:
        clusters.union(u, v)
    members: dict[int, list[int]] = defaultdict(list)
    for u in range(len(fps)):
        members[clusters.find(u)].append(u)
    n_agencies = len(set(keys))
    cap = max(settings.boilerplate_agencies, int(settings.boilerplate_share * n_agencies))
    similar = dict(alike)

    def similarity(u: int, v: int) -> float | None:
        if u == v:
            return 1.0
        pair = (min(u, v), max(u, v))
        if pair not in similar:
            similar[pair] = jaccard(fps[u], fps[v], settings.shingle)
        return similar[pair] if similar[pair] >= settings.threshold else None

    shared: dict[tuple[int, int], dict[int, SharedPassage]] = defaultdict(dict)
    for group in members.values():
        spread = set().union(*(agencies[u] for u in group))
        if _BOILERPLATE_AGENCY in spread or len(spread) > cap or len(spread) == 0:
            continue
        occs = [(u, o) for u in group for o in occurrences[u]]
        if len({o.narrative for _, o in occs}) < 2:
            continue
        for (u, a), (v, b) in itertools.permutations(occs, 2):
            if a.narrative == b.narrative:
                continue
            sim = similarity(u, v)
            if sim is None:
                continue
            mine = shared[(a.narrative, b.narrative)]
            key = id(a)
            if key not in mine or mine[key].similarity < sim:
                mine[key] = SharedPassage(a.passage, b.passage, sim)
    totals = _narrative_chars(items, settings)
    return _overlaps(items, keys, shared, totals, settings)


def _alike_pairs(fps: list[str], settings: SimilaritySettings) -> dict[tuple[int, int], float]:
    if len(fps) < 2:
        return {}
    sigs = signatures(fps, settings)
    out: dict[tuple[int, int], float] = {}
    for u, v in candidate_pairs(sigs, settings.bands):
        s = jaccard(fps[u], fps[v], settings.shingle)
        if s >= settings.threshold:
            out[(u, v)] = s
    return out


def _narrative_chars(items: list[Narrative], settings: SimilaritySettings) -> list[int]:
    out = []
    for n in items:
        names = _names_pattern(n.agency)
        out.append(sum(informative(fingerprint(p.text, names)) for p in passages(n.sections, settings)))
    return out


def _overlaps(
    items: list[Narrative],
    keys: list[str],
    shared: dict[tuple[int, int], dict[int, SharedPassage]],
    totals: list[int],
    settings: SimilaritySettings,
) -> list[Overlap]:
    names = {i: _names_pattern(n.agency) for i, n in enumerate(items)}
    repeated: dict[int, tuple[int | None, Overlap]] = {}
    out: list[Overlap] = []
    for (i, j), found in sorted(shared.items(), key=lambda kv: kv[0]):
        a, b = items[i], items[j]
        same_agency = keys[i] == keys[j]
        if same_agency and (a.year is None or b.year is None or a.year <= b.year):
            continue
        ordered = sorted(found.values(), key=lambda s: (s.mine.section, s.mine.start))
        chars = sum(informative(fingerprint(s.mine.text, names[i])) for s in ordered)
        if chars < settings.min_shared_chars:
            continue
        overlap = Overlap(
            a.id, b.id, "repeated" if same_agency else "copied", ordered, chars, chars / max(totals[i], 1)
        )
        if same_agency:
            best = repeated.get(i)
            if best is None or (best[0] or 0) < (b.year or 0):
                repeated[i] = (b.year, overlap)
            continue
        out.append(overlap)
    out.extend(o for _, o in repeated.values())
    return out


def quote(text: str, limit: int = SETTINGS.quote_chars) -> str:
    text = re.sub(r"\s+", "", text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def overlap_finding(overlap: Overlap, other_agency: str | None, other_year: int | None) -> Finding:
    """The finding on ``overlap.report``: rule ``copied-text`` naming the other report, or
    ``repeated-text`` naming the agency's own earlier year; both quote the first shared passage."""
    first = max(overlap.passages, key=lambda s: len(s.mine.text))
    where = section(first.mine.section).heading
    amount = (
        f"共 {len(overlap.passages)} 处、约 {overlap.shared_chars} 字，占本报告正文的 {overlap.share:.0%}"
    )
    year = f"{other_year}年度" if other_year else "年度不明的"
    if overlap.kind == "copied":
        f = finding(
            "copied-text",
            f"正文与{other_agency or '另一机关'}{year}报告雷同（{amount}），"
            f"例如“{where}”中的“{quote(first.mine.text)}”。",
        )
    else:
        f = finding(
            "repeated-text",
            f"正文重复本机关{year}报告的内容（{amount}），例如“{where}”中的“{quote(first.mine.text)}”。",
        )
    f.where = where
    return f
