"""Numbers the narrative states about the subjects of the tables.

A report's prose often repeats the tables: ``共收到依申请公开政府信息7件``,
``行政复议1件``, ``未发生…行政复议、行政诉讼``, ``规范性文件新制作11件``. This module reads
such statements into :class:`NarrativeFact` values; :mod:`xxgk.check.consistency`
compares them with the cells.

It reads conservatively. A statement is taken only when its wording ties the number to
the table's subject: an application count needs a verb of receiving (收到, 受理 …) next
to 依申请公开 or 公开申请, so ``依申请公开341条`` (information items by disclosure
attribute) is not an application count; sub-counts (``其中``), on-time counts
(``按时办结``) and numbers inside parentheses are skipped; a review or lawsuit count is
taken only in section 四 or in a sentence about information disclosure.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from xxgk.report.form import edition as get_edition

RECEIVED = "received"
CONCLUDED = "concluded"
CARRIED_OVER = "carried_over"
CARRIED_FORWARD = "carried_forward"
REVIEW = "review"
SUIT = "suit"
FEE = "fee"

SUBJECT_CELLS: dict[str, tuple[str, ...]] = {
    RECEIVED: ("s3.received.total",),
    CONCLUDED: ("s3.total.total",),
    CARRIED_OVER: ("s3.carried_over.total",),
    CARRIED_FORWARD: ("s3.carried_forward.total",),
    REVIEW: ("s4.review.total",),
    SUIT: ("s4.suit_direct.total", "s4.suit_after_review.total"),
    FEE: (),
}
"""The cells whose sum a fact of each subject states. Section-二 facts name their own key.
Fees (信息处理费, in 元) have no cell in either edition's tables."""


@dataclass(frozen=True)
class NarrativeFact:
    """A number the prose states: its subject, the value, the sentence that says it."""

    subject: str
    value: float
    sentence: str
    cells: tuple[str, ...]
    section: str | None = None


_SENTENCE = re.compile(r"[^。！？；;!?\n]+[。！？；;!?]?")
_CLAUSE = re.compile(r"[，,：:]")
_PARENS = re.compile(r"[(（][^()（）]*[)）]|《[^《》]*》|“[^“”]*”")
_SPACE = re.compile(r"[\s\u3000\u00a0]+")
_TRIGGER = re.compile(r"申请|复议|诉讼|费|结转|规章|规范性文件")

_NUM = r"(\d+|[零〇一二两三四五六七八九十]{1,3})"
_UNIT = r"(?:件|个|条|宗|起|份)"
_GAP = r"[^，。；\d]{0,12}?"
_APPLICATION = r"(?:依申请公开|信息公开申请|公开申请)"
_NEG = r"(?:没有|未|无|零)"

_RE_RECEIVED = re.compile(
    rf"(?:收到|受理|接到|接收|新收){_GAP}{_APPLICATION}{_GAP}(?:共计?|合计)?{_NUM}{_UNIT}"
)
_RE_RECEIVED_NONE = re.compile(rf"{_NEG}(?:收到|受理|接到|接收|新收|发生){_GAP}{_APPLICATION}")
_RE_CONCLUDED = re.compile(rf"(按时|按期|限内|及时|当场|当日|延期)?(?:办结|答复|办理完毕){_GAP}{_NUM}{_UNIT}")
_RE_CARRIED_OVER = re.compile(
    rf"(?:上一?年度?结转|结转上一?年度?|上一?年度?遗留){_GAP}申请[^，。；\d]{{0,6}}?{_NUM}{_UNIT}"
)
_RE_FORWARD = (
    re.compile(rf"结转(?:至|到)?下一?年度?(?:继续)?(?:办理)?[^，。；\d]{{0,6}}?{_NUM}{_UNIT}"),
    re.compile(rf"{_NUM}{_UNIT}(?:申请)?(?:需|将)?结转(?:至|到)?下一?年"),
)
_RE_CASES = re.compile(rf"行政(复议|诉讼)(?:案件|申请)?([^，。；\d、]{{0,6}}?){_NUM}{_UNIT}")
_RE_CASES_NONE = re.compile(rf"{_NEG}[^，。；\d]{{0,30}}?行政(?:复议|诉讼)")
_RE_FEE = re.compile(rf"(?:收取|收缴){_GAP}费用?[^，。；\d]{{0,8}}?(\d+(?:\.\d+)?)(万元|元)")
_RE_FEE_NONE = (
    re.compile(rf"(?:{_NEG}|不)(?:向申请人)?(?:收取|产生|收缴|收){_GAP}费"),
    re.compile(r"费用?[^，。；\d]{0,8}?(?:为|共计|合计)?0(?:\.0+)?元"),
)
_DISCLOSURE = re.compile(r"信息公开|依申请")

_ROW_MARKERS = {"rules": r"规章(?!制度)", "normative": r"(?:行政)?规范性文件"}
_PROSE_COLUMNS = {
    "2019": {"made": "新制作", "published": "新公开", "total": "对外公开总数量?|公开总数量?"},
    "2021": {"issued": "新?制发|印发", "repealed": "废止", "in_force": "现行有效"},
}
"""Section-二 columns as the prose words them, by the form's column keys."""

_ROW_ANY = re.compile("|".join(f"(?P<{k}>{v})" for k, v in _ROW_MARKERS.items()))


def _column_pattern(edition_name: str) -> re.Pattern[str]:
    cols = "|".join(f"(?P<{k}>{v})" for k, v in _PROSE_COLUMNS[edition_name].items())
    rows = "|".join(f"(?P<row_{k}>{v})" for k, v in _ROW_MARKERS.items())
    return re.compile(rf"(?:{cols})(?:{rows})?(?:数量|件数)?[为是达共计有了]{{0,3}}{_NUM}{_UNIT}")


_RE_COLUMNS = {name: _column_pattern(name) for name in _PROSE_COLUMNS}

_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}


def number(text: str) -> int | None:
    """``7`` → 7, ``两`` → 2, ``十二`` → 12, ``二十三`` → 23; anything else → None."""
    if text.isdigit():
        return int(text)
    if "十" in text:
        head, _, tail = text.partition("十")
        if "十" in tail or (head and head not in _DIGITS) or (tail and tail not in _DIGITS):
            return None
        return (_DIGITS[head] if head else 1) * 10 + (_DIGITS[tail] if tail else 0)
    if len(text) == 1 and text in _DIGITS:
        return _DIGITS[text]
    return None


def sentences(text: str, trigger: re.Pattern[str] | None = None) -> Iterator[str]:
    """The sentences of ``text`` (only those ``trigger`` finds in, if given).

    Rows of a table left in the text (tabs, ``|``) are not prose and are skipped.
    """
    for m in _SENTENCE.finditer(text):
        raw = m.group()
        if (trigger is not None and not trigger.search(raw)) or "\t" in raw or "|" in raw:
            continue
        s = _SPACE.sub(" ", raw).strip()
        if s:
            yield s


def _norm(sentence: str) -> str:
    """The sentence as the patterns read it: NFKC-free digits, no spaces, no parentheses."""
    s = unicodedata.normalize("NFKC", sentence)
    s = _SPACE.sub("", s)
    for _ in range(4):
        s, n = _PARENS.subn("", s)
        if not n:
            break
    return s.replace(",", "，").replace(";", "；").replace(":", "：")


def _subcount(clause: str, start: int) -> bool:
    return "其中" in clause[:start]


def _facts_in_sentence(
    sentence: str, edition_name: str | None, section: str | None
) -> Iterator[tuple[str, float, tuple[str, ...]]]:
    s = _norm(sentence)
    disclosure = section == "reviews" or bool(_DISCLOSURE.search(s))
    has_application = "申请" in s
    clauses = _CLAUSE.split(s)
    for clause in clauses:
        for m in _RE_RECEIVED.finditer(clause):
            if not _subcount(clause, m.start()) and (v := number(m.group(1))) is not None:
                yield RECEIVED, v, SUBJECT_CELLS[RECEIVED]
        if _RE_RECEIVED_NONE.search(clause) and not any(ch.isdigit() for ch in clause):
            yield RECEIVED, 0, SUBJECT_CELLS[RECEIVED]
        if has_application:
            for m in _RE_CONCLUDED.finditer(clause):
                if m.group(1) is None and not _subcount(clause, m.start()):
                    v = number(m.group(2))
                    if v is not None:
                        yield CONCLUDED, v, SUBJECT_CELLS[CONCLUDED]
        for m in _RE_CARRIED_OVER.finditer(clause):
            if (v := number(m.group(1))) is not None:
                yield CARRIED_OVER, v, SUBJECT_CELLS[CARRIED_OVER]
        if has_application:
            for pattern in _RE_FORWARD:
                for m in pattern.finditer(clause):
                    if (v := number(m.group(1))) is not None:
                        yield CARRIED_FORWARD, v, SUBJECT_CELLS[CARRIED_FORWARD]
        if disclosure:
            yield from _cases(clause)
        for m in _RE_FEE.finditer(clause):
            v = float(m.group(1)) * (10000 if m.group(2) == "万元" else 1)
            yield FEE, v, ()
        if any(p.search(clause) for p in _RE_FEE_NONE):
            yield FEE, 0, ()
    if edition_name in _RE_COLUMNS:
        yield from _s2_facts(s, edition_name)


def _cases(clause: str) -> Iterator[tuple[str, float, tuple[str, ...]]]:
    subject = {"复议": REVIEW, "诉讼": SUIT}
    for m in _RE_CASES.finditer(clause):
        gap = m.group(2)
        if "复议" in gap or "诉讼" in gap or _subcount(clause, m.start()):
            continue
        if (v := number(m.group(3))) is not None:
            yield subject[m.group(1)], v, SUBJECT_CELLS[subject[m.group(1)]]
    neg = _RE_CASES_NONE.search(clause)
    if neg and not any(ch.isdigit() for ch in clause):
        after = clause[neg.start() :]
        for word, subj in (("行政复议", REVIEW), ("行政诉讼", SUIT)):
            if word in after:
                yield subj, 0, SUBJECT_CELLS[subj]


def _s2_facts(s: str, edition_name: str) -> Iterator[tuple[str, float, tuple[str, ...]]]:
    """Counts of rules and normative documents (``规范性文件新制作11件``, ``制发规范性文件5件``).

    The row is the marker right after the column words, or else the last row marker
    before them in the same sentence.
    """
    rows = [(m.start(), m.lastgroup) for m in _ROW_ANY.finditer(s)]
    ed = get_edition(edition_name)
    for m in _RE_COLUMNS[edition_name].finditer(s):
        column = next(k for k in _PROSE_COLUMNS[edition_name] if m.group(k))
        row = next(
            (k.removeprefix("row_") for k, v in m.groupdict().items() if v and k.startswith("row_")), None
        )
        if row is None:
            before = [r for pos, r in rows if pos < m.start()]
            if not before:
                continue
            row = before[-1]
        key = f"s2.{row}.{column}"
        if key not in ed.s2_keys():
            continue
        if (v := number(m.group(m.lastindex))) is not None:
            yield key, v, (key,)


def facts_in_text(text: str, edition: str | None = None, section: str | None = None) -> list[NarrativeFact]:
    """The facts one stretch of prose states. ``edition`` enables the section-二 counts."""
    out: list[NarrativeFact] = []
    seen: set[tuple[str, float, str]] = set()
    for sentence in sentences(text, _TRIGGER):
        for subject, value, cells in _facts_in_sentence(sentence, edition, section):
            if (subject, value, sentence) in seen:
                continue
            seen.add((subject, value, sentence))
            out.append(NarrativeFact(subject, value, sentence, cells, section))
    return out


def narrative_facts(sections: Mapping[str, str], edition: str | None = None) -> list[NarrativeFact]:
    """The facts stated in a report's narrative sections, in the order they are stated."""
    out: list[NarrativeFact] = []
    for key, text in sections.items():
        if text:
            out.extend(facts_in_text(text, edition, key))
    return out
