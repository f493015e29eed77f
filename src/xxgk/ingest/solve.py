"""Settling table cells from rows whose printed numbers do not fit their columns.

Each row offers candidate readings (values for its cells; a cell may be unknown when
the row printed fewer numbers than it has columns). A reading of the whole table picks
one candidate per row; it is judged by the identities it breaks, the cells it leaves
unknown after the identities have derived what they can, and how much it had to infer.
Rows whose printed numbers fit exactly have one candidate, so a clean table costs one
evaluation; only broken rows are searched.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache

Number = int | float


class _Unknown:
    __slots__ = ()

    def __repr__(self) -> str:
        return "?"


UNKNOWN = _Unknown()
Value = Number | None | _Unknown
MAX_COMBINATIONS = 4096
REREAD = ("runs", "joined")
"""Readings that undo a scraper's damage rather than read the row as printed."""
MAX_REPAIRS = 1500
STEPS_PER_CELL = 12_000
"""The budget of settling a table, in steps (cells read by the identities, readings made) per
cell of the table. Above what any seed, dev or generated report takes (the most, a page dump
whose request table is weighed every way, about 8,700 per cell; a scraped review table about
7,800), and a few tenths of a second at worst."""


class BudgetSpent(Exception):
    """The table's budget ran out before its readings were weighed."""


@dataclass
class Budget:
    """The work allowed to settle one table, counted in steps rather than seconds so that
    the same document always gets the same answer, on any machine and under any load."""

    limit: int
    used: int = 0

    @property
    def left(self) -> int:
        return self.limit - self.used

    def spend(self, steps: int) -> None:
        if steps > self.left:
            self.used = self.limit
            raise BudgetSpent
        self.used += steps


@dataclass
class Candidate:
    """A reading of one row: a value per cell, the printed token each came from, its cost."""

    values: tuple[Value, ...]
    cost: int = 0
    how: str = ""
    sources: tuple[int | None, ...] = ()


@dataclass
class RowProblem:
    """A row's best readings, and the others kept for repairs (``rest`` not yet generated)."""

    keys: list[str]
    candidates: list[Candidate]
    pruned: list[Candidate] = field(default_factory=list)
    rest: Iterator[Candidate] = field(default_factory=lambda: iter(()))

    def set_aside(self) -> list[Candidate]:
        """Every reading not among the best, generating those not yet made. A row that read
        well is never left unknown to mend another: that would hide the document's own error."""
        self.pruned.extend(c for c in self.rest if c.how != "absent")
        self.rest = iter(())
        return self.pruned


@dataclass
class Solution:
    values: dict[str, Number | None]
    derived: list[str]
    uncertain: list[str]
    chosen: dict[int, Candidate]
    violations: int
    unresolved: list[str] = field(default_factory=list)
    unsettled: list[str] = field(default_factory=list)
    """Cells left blank because the budget ran out before their row's readings were weighed."""
    alternatives: list[dict[str, Number | None]] = field(default_factory=list)
    """When the uncertain cells are so only because several readings of the whole table fit
    it equally well and without a broken identity: each such reading's values of them."""
    steps: int = 0
    budget: int = 0

    @property
    def doubt(self) -> int:
        return self.violations * 1000 + len(self.uncertain) + len(self.unresolved) + len(self.unsettled)


Reduced = tuple[tuple[int, ...], tuple[int, ...], Number]
"""An identity over some cells: ``sum(left) + offset == sum(right)``, the offset being what
the cells left out (known and fixed) contribute."""


def _propagate(
    vals: list[Value], ids: Sequence[Reduced], cap: int | None = None
) -> tuple[int, int, list[int], int]:
    """Derive unknowns from the identities, in place; (violations, unknowns left, derived, steps).

    A single unknown is what balances its identity. Several unknowns on one side that
    must sum to zero are all zero, since every cell counts something. Identities are
    visited again only while they still hold unknowns. ``steps`` counts the cells read
    and the identities visited, the unit of a :class:`Budget`; past ``cap`` steps,
    :class:`BudgetSpent` is raised.
    """
    limit = cap if cap is not None else 1 << 62
    derived: list[int] = []
    violations = 0
    steps = 0
    open_ids = ids
    while open_ids:
        still: list[Reduced] = []
        progress = False
        for identity in open_ids:
            left, right, sl = identity
            steps += len(left) + len(right) + 1
            if steps > limit:
                raise BudgetSpent
            sr = 0
            ul: list[int] = []
            ur: list[int] = []
            for i in left:
                v = vals[i]
                if v is UNKNOWN:
                    ul.append(i)
                elif v is not None:
                    sl += v
            for i in right:
                v = vals[i]
                if v is UNKNOWN:
                    ur.append(i)
                elif v is not None:
                    sr += v
            count = len(ul) + len(ur)
            if count == 0:
                if abs(sl - sr) > 1e-9:
                    violations += 1
            elif count == 1:
                unknown, x = (ul[0], sr - sl) if ul else (ur[0], sl - sr)
                if x < 0:
                    violations += 1
                if isinstance(x, float) and x.is_integer():
                    x = int(x)
                vals[unknown] = x
                derived.append(unknown)
                progress = True
            elif (not ur and sr - sl == 0) or (not ul and sl - sr == 0):
                for i in ul or ur:
                    vals[i] = 0
                    derived.append(i)
                progress = True
            else:
                still.append(identity)
        open_ids = still if progress else []
    if steps + len(vals) > limit:
        raise BudgetSpent
    unknowns = vals.count(UNKNOWN)
    return violations, unknowns, derived, steps + len(vals)


Ids = tuple[tuple[tuple[int, ...], tuple[int, ...]], ...]


@cache
def _compile(
    keys: tuple[str, ...], identities: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]
) -> tuple[dict[str, int], Ids]:
    index = {k: i for i, k in enumerate(keys)}
    ids = tuple(
        (tuple(index[k] for k in left), tuple(index[k] for k in right))
        for left, right in identities
        if all(k in index for k in (*left, *right))
    )
    return index, ids


@cache
def _local(index_ids: Ids, index: tuple[int, ...]) -> tuple[Reduced, ...]:
    """The identities that lie wholly within the cells ``index``, renumbered to their positions."""
    pos = {i: j for j, i in enumerate(index)}
    return tuple(
        (tuple(pos[i] for i in left), tuple(pos[i] for i in right), 0)
        for left, right in index_ids
        if all(i in pos for i in (*left, *right))
    )


class Table:
    """The cells of one statutory table, the identities over them, and the rows read.

    Settling the table is bounded by a :class:`Budget` proportional to its cells; a table
    whose readings cannot be weighed within it is given as printed (:meth:`_as_printed`).
    """

    def __init__(
        self,
        keys: Sequence[str],
        identities: Sequence[tuple[Sequence[str], Sequence[str]]],
        steps_per_cell: int | None = None,
    ):
        self.keys = list(keys)
        self.index, self.ids = _compile(
            tuple(keys), identities if isinstance(identities, tuple) else tuple(map(tuple, identities))
        )
        self.rows: list[RowProblem] = []
        self.exhaustive = True
        per_cell = STEPS_PER_CELL if steps_per_cell is None else steps_per_cell
        self.budget = Budget(per_cell * len(self.keys))
        self.spent = False

    def add_row(self, keys: Sequence[str], candidates: Iterable[Candidate]) -> None:
        """A row of ``keys`` with its readings, cheapest (cost 0) first."""
        row = RowProblem(list(keys), [])
        self.rows.append(row)
        if self.spent:
            row.candidates = _first_as_printed(candidates)
            return
        try:
            self._prune(row, iter(candidates))
        except BudgetSpent:
            self.spent = True
            row.candidates = []

    def _local_ids(self, keys: Sequence[str]) -> tuple[Reduced, ...]:
        return _local(self.ids, tuple(self.index[k] for k in keys))

    def _propagate(self, vals: list[Value], ids: Sequence[Reduced]) -> tuple[int, int, list[int]]:
        """:func:`_propagate`, its steps taken from the budget."""
        try:
            viol, unk, derived, steps = _propagate(vals, ids, self.budget.left)
        except BudgetSpent:
            self.budget.used = self.budget.limit
            raise
        self.budget.used += steps
        return viol, unk, derived

    def _prune(self, row: RowProblem, candidates: Iterator[Candidate]) -> None:
        """Keep the candidates that read best on their own; remember the rest for later.

        Once a reading that costs nothing fits its row's identities with nothing unknown,
        no costlier reading can beat it: those are set aside without being made.
        """
        first = next(candidates, None)
        second = next(candidates, None)
        if second is None:
            row.candidates = [first] if first is not None else []
            return
        local = self._local_ids(row.keys)
        scored: dict[tuple, tuple[tuple[int, int, int], Candidate]] = {}
        perfect = False
        for cand in itertools.chain((first, second), candidates):
            if perfect and cand.cost > 0:
                row.rest = itertools.chain((cand,), candidates)
                break
            self.budget.spend(1)
            vals = list(cand.values)
            viol, unk, _ = self._propagate(vals, local)
            key = tuple(0 if v is None else v for v in vals)
            score = (viol, unk, cand.cost)
            if key not in scored or score < scored[key][0]:
                scored[key] = (score, cand)
            perfect = perfect or score == (0, 0, 0)
        if any(s[0] == 0 for s, c in scored.values() if c.how != "absent"):
            scored = {k: v for k, v in scored.items() if v[1].how != "absent"}
        best = min(s for s, _ in scored.values())
        row.candidates = [c for s, c in scored.values() if s == best]
        row.pruned = [c for s, c in scored.values() if s != best]

    def _evaluate(self, chosen: Sequence[Candidate]) -> tuple[tuple[int, int, int], list[Value], list[int]]:
        return _Readings(self, [[c] for c in chosen]).evaluate(chosen)

    def _search(
        self, options: list[list[Candidate]]
    ) -> list[tuple[tuple[int, int, int], list[Value], list[int], tuple]]:
        total = 1
        for o in options:
            total *= len(o)
        if total <= MAX_COMBINATIONS:
            self.exhaustive = True
            batch = _Readings(self, options)
            results = []
            for combo in itertools.product(*options):
                score, vals, derived = batch.evaluate(combo)
                results.append((score, vals, derived, combo))
            best = min(r[0] for r in results)
            return [r for r in results if r[0] == best]
        current = [o[0] for o in options]
        for _ in range(3):
            for i, o in enumerate(options):
                if len(o) == 1:
                    continue
                batch = _Readings(self, [[c] for c in current[:i]] + [o] + [[c] for c in current[i + 1 :]])
                scored = []
                for cand in o:
                    trial = current[:]
                    trial[i] = cand
                    scored.append((batch.evaluate(trial)[0], cand))
                current[i] = min(scored, key=lambda s: s[0])[1]
        self.exhaustive = False
        score, vals, derived = self._evaluate(current)
        return [(score, vals, derived, tuple(current))]

    def solve(self) -> Solution:
        """The best reading of the table, or the table as printed when the budget runs out."""
        if not self.spent:
            try:
                return self._settle()
            except BudgetSpent:
                self.spent = True
        return self._as_printed()

    def _settle(self) -> Solution:
        options = [r.candidates or [Candidate(tuple(UNKNOWN for _ in r.keys))] for r in self.rows]
        best = self._search(options)
        if best[0][0][0] > 0:
            best = self._repair(best)
        score, vals, derived, combo = best[0]
        uncertain: list[str] = self._untrusted(score[0], vals, derived, combo)
        if len(best) > 1:
            for i, v in enumerate(vals):
                if any(_differs(v, other[1][i]) for other in best[1:]):
                    uncertain.append(self.keys[i])
        if not self.exhaustive:
            doubtful = {self.keys[i] for i in derived}
            for row, o in zip(self.rows, options, strict=True):
                for j, k in enumerate(row.keys):
                    if any(_differs(c.values[j], o[0].values[j]) for c in o[1:]):
                        doubtful.add(k)
            uncertain.extend(k for k in self.keys if k in doubtful and k not in uncertain)
        alternatives = _alternatives(best, self.keys, uncertain) if self.exhaustive and score[0] == 0 else []
        values: dict[str, Number | None] = {}
        for i, k in enumerate(self.keys):
            v = vals[i]
            values[k] = None if v is UNKNOWN or k in uncertain else v
        return Solution(
            values=values,
            derived=[self.keys[i] for i in derived if self.keys[i] not in uncertain],
            uncertain=uncertain,
            chosen=dict(enumerate(combo)),
            violations=score[0],
            unresolved=[
                self.keys[i] for i, v in enumerate(vals) if v is UNKNOWN and self.keys[i] not in uncertain
            ],
            alternatives=alternatives,
            steps=self.budget.used,
            budget=self.budget.limit,
        )

    def _as_printed(self) -> Solution:
        """The honest answer once the budget is spent: a row read exactly as printed (its one
        reading, costing nothing) keeps its cells; every other row's cells are left blank as
        unsettled, and nothing is derived. Cells of no row stay unresolved."""
        vals: list[Value] = [UNKNOWN] * len(self.keys)
        chosen: dict[int, Candidate] = {}
        unsettled: list[str] = []
        for r, row in enumerate(self.rows):
            printed = _first_as_printed(row.candidates)
            if printed:
                chosen[r] = printed[0]
                for k, v in zip(row.keys, printed[0].values, strict=True):
                    vals[self.index[k]] = v
            else:
                unsettled.extend(row.keys)
        violations = 0
        for left, right in self.ids:
            if all(vals[i] is not UNKNOWN for i in (*left, *right)):
                violations += abs(sum(vals[i] or 0 for i in left) - sum(vals[i] or 0 for i in right)) > 1e-9
        shown = set(unsettled)
        return Solution(
            values={k: None if v is UNKNOWN else v for k, v in zip(self.keys, vals, strict=True)},
            derived=[],
            uncertain=[],
            chosen=chosen,
            violations=violations,
            unresolved=[k for k, v in zip(self.keys, vals, strict=True) if v is UNKNOWN and k not in shown],
            unsettled=unsettled,
            steps=self.budget.used,
            budget=self.budget.limit,
        )

    def _untrusted(
        self, violations: int, vals: list[Value], derived: list[int], combo: Sequence[Candidate]
    ) -> list[str]:
        """Cells not to be asserted: a count derived as negative (the document printed no
        such thing), and, when the identities still break, the cells of every row read as
        a scraper's runs or a broken number joined: such a reading that leaves the table
        inconsistent is not evidence. (Rows read as printed, or with blanks placed, keep
        the agency's own error for the checker to report.)"""
        out = [self.keys[i] for i in derived if isinstance(vals[i], int | float) and vals[i] < 0]
        if violations:
            for row, cand in zip(self.rows, combo, strict=True):
                if cand.how in REREAD:
                    out.extend(k for k in row.keys if k not in out)
        return out

    def _repair(self, best: list) -> list:
        """Change one row at a time to a reading set aside earlier, while that mends identities.

        Only rows that take part in a broken identity are reopened, and the change that
        mends most is taken first, so a bad row is fixed without disturbing good ones.
        """
        current = best
        for _ in range(4):
            score, vals, _, combo = current[0]
            if score[0] == 0:
                break
            broken = self._broken_keys(vals)
            trials = []
            for i, row in enumerate(self.rows):
                if not any(k in broken for k in row.keys):
                    continue
                aside = row.set_aside()[: max(0, MAX_REPAIRS - len(trials))]
                if not aside:
                    continue
                batch = _Readings(self, [[c] for c in combo[:i]] + [aside] + [[c] for c in combo[i + 1 :]])
                for cand in aside:
                    trial = list(combo)
                    trial[i] = cand
                    s2, v2, d2 = batch.evaluate(trial)
                    trials.append((s2, v2, d2, tuple(trial)))
            if not trials:
                break
            top = min(t[0] for t in trials)
            if top >= score:
                break
            current = [t for t in trials if t[0] == top]
        return current

    def _broken_keys(self, vals: list[Value]) -> set[str]:
        broken: set[str] = set()
        for left, right in self.ids:
            if any(vals[i] is UNKNOWN for i in (*left, *right)):
                broken.update(self.keys[i] for i in (*left, *right))
                continue
            sl = sum(vals[i] or 0 for i in left)
            sr = sum(vals[i] or 0 for i in right)
            if abs(sl - sr) > 1e-9:
                broken.update(self.keys[i] for i in (*left, *right))
        return broken


AS_PRINTED = ("direct", "blanks")
"""Readings that take the row exactly as printed."""


def _first_as_printed(candidates: Iterable[Candidate]) -> list[Candidate]:
    """The row's reading when it is its only one and takes the row as printed, else nothing."""
    first = list(itertools.islice(candidates, 2))
    if len(first) == 1 and first[0].cost == 0 and first[0].how in AS_PRINTED:
        return first
    return []


def _same(a: Value, b: Value) -> bool:
    return a is b or (type(a) is type(b) and a == b)


class _Readings:
    """Readings of a table that differ only in some rows, each row's options given.

    A cell that every option of its row reads alike is fixed: an identity over fixed cells
    only is judged once, and the others are propagated over their other cells, the fixed
    ones summed once. The same answer as propagating every identity over every cell, in
    fewer steps.
    """

    def __init__(self, table: Table, options: Sequence[Sequence[Candidate]]):
        self.table = table
        n = len(table.keys)
        self.base: list[Value] = [UNKNOWN] * n
        fixed = [False] * n
        self.varying: list[tuple[int, list[tuple[int, int]]]] = []
        for r, (row, opts) in enumerate(zip(table.rows, options, strict=True)):
            cells: list[tuple[int, int]] = []
            for slot, k in enumerate(row.keys):
                i = table.index[k]
                first = opts[0].values[slot]
                self.base[i] = first
                if first is not UNKNOWN and all(_same(first, o.values[slot]) for o in opts[1:]):
                    fixed[i] = True
                else:
                    fixed[i] = False
                    cells.append((slot, i))
            if cells:
                self.varying.append((r, cells))
        dynamic: list[Reduced] = []
        self.violations = 0
        for left, right in table.ids:
            table.budget.spend(len(left) + len(right) + 1)
            offset = sum(self.base[i] or 0 for i in left if fixed[i])
            offset -= sum(self.base[i] or 0 for i in right if fixed[i])
            free_left = tuple(i for i in left if not fixed[i])
            free_right = tuple(i for i in right if not fixed[i])
            if free_left or free_right:
                dynamic.append((free_left, free_right, offset))
            else:
                self.violations += abs(offset) > 1e-9
        self.dynamic = tuple(dynamic)

    def evaluate(self, combo: Sequence[Candidate]) -> tuple[tuple[int, int, int], list[Value], list[int]]:
        vals = self.base[:]
        for r, cells in self.varying:
            values = combo[r].values
            for slot, i in cells:
                vals[i] = values[slot]
        viol, unk, derived = self.table._propagate(vals, self.dynamic)
        return (viol + self.violations, unk, sum(c.cost for c in combo)), vals, derived


MAX_ALTERNATIVES = 100
"""Tied readings kept at most for another year's report to choose from; more than this
many leave too much open for a few cross-year identities to settle."""


def _alternatives(best: list, keys: list[str], uncertain: list[str]) -> list[dict[str, Number | None]]:
    """The distinct values of the ``uncertain`` cells among the tied readings ``best``, when
    each is wholly known and none derives a negative count (else none are kept)."""
    if len(best) < 2 or not uncertain:
        return []
    index = [keys.index(k) for k in uncertain]
    seen: dict[tuple, dict[str, Number | None]] = {}
    for _, vals, _, _ in best:
        picked = [vals[i] for i in index]
        if any(v is UNKNOWN or (isinstance(v, int | float) and v < 0) for v in picked):
            return []
        seen.setdefault(tuple(picked), dict(zip(uncertain, picked, strict=True)))
        if len(seen) > MAX_ALTERNATIVES:
            return []
    return list(seen.values()) if len(seen) > 1 else []


def _differs(a: Value, b: Value) -> bool:
    if a is UNKNOWN or b is UNKNOWN:
        return a is not b
    return (a or 0) != (b or 0)


MAX_SPLITS = 2000


SPLITS_MEMO = 4096


@lru_cache(maxsize=SPLITS_MEMO)
def _splits(digits: str, parts: int) -> tuple[tuple[int, ...], ...]:
    """Ways to cut a run of digits into ``parts`` numbers written without leading zeros."""
    if parts == 1:
        return ((int(digits),),) if digits == "0" or not digits.startswith("0") else ()
    out: list[tuple[int, ...]] = []
    for cut in range(1, len(digits) - parts + 2):
        head = digits[:cut]
        if len(head) > 1 and head.startswith("0"):
            break
        for rest in _splits(digits[cut:], parts - 1):
            out.append((int(head), *rest))
            if len(out) >= MAX_SPLITS:
                return tuple(out)
    return tuple(out)


def split_candidates(tokens: Sequence[Number | None], digits: Sequence[str], n: int) -> Iterator[Candidate]:
    """Readings of a row whose cells ran together (``801000081`` for 80 1 0 0 0 0 81).

    Every way of cutting the printed digit runs into ``n`` numbers in all; the caller's
    identities decide between them. Nothing is cut until the readings are asked for.
    """
    nums = [(i, t, d) for i, (t, d) in enumerate(zip(tokens, digits, strict=True)) if t is not None]
    k = len(nums)
    extra = n - k
    if extra <= 0 or sum(len(d) for _, _, d in nums) < n or any(not d for _, _, d in nums):
        return
    out: list[Candidate] = []
    room = [0] * (k + 1)
    for j in range(k - 1, -1, -1):
        room[j] = room[j + 1] + len(nums[j][2]) - 1

    def place(j: int, left: int, acc: list[int], src: list[int]) -> None:
        if len(out) >= MAX_SPLITS or left > room[j]:
            return
        if j == k:
            if left == 0:
                out.append(Candidate(tuple(acc), 1, "split", tuple(src)))
            return
        i, _, d = nums[j]
        for more in range(0, min(left, len(d) - 1) + 1):
            for parts in _splits(d, more + 1):
                place(j + 1, left - more, [*acc, *parts], src + [i] * len(parts))

    place(0, extra, [], [])
    yield from out


GLUED_DIGITS = 7
"""A run of this many digits in a row short of numbers is cells run together, not one count."""


def _glued(digits: str) -> bool:
    return len(digits) >= GLUED_DIGITS or (len(digits) > 1 and digits[0] == "0")


def join_candidates(tokens: Sequence[Number | None], digits: Sequence[str], n: int) -> Iterator[Candidate]:
    """Readings of a row printing more numbers than cells because a number was broken in
    two (``1`` / ``62`` for 162, as a scraper splits a Word run): neighbouring bare digit
    runs joined, so that ``n`` numbers remain. A part after the first never starts with 0."""
    nums = [i for i, t in enumerate(tokens) if t is not None]
    joins = len(nums) - n
    if not 0 < joins <= 3 or any(not digits[i] for i in nums):
        return
    gaps = [g for g in range(len(nums) - 1) if nums[g + 1] == nums[g] + 1 and digits[nums[g + 1]][0] != "0"]
    for chosen in itertools.combinations(gaps, joins):
        values: list[Value] = []
        sources: list[int | None] = []
        for g, i in enumerate(nums):
            if g - 1 in chosen:
                values[-1] = int(f"{values[-1]}{digits[i]}")
            else:
                values.append(int(digits[i]))
                sources.append(i)
        yield Candidate(tuple(values), joins, "joined", tuple(sources))


def run_candidates(tokens: Sequence[Number | None], n: int) -> Iterator[Candidate]:
    """Readings of a row from a scraper that kept one line of each run of equal lines
    (``2`` / ``0`` / ``2`` for 2 0 0 0 0 0 2): each printed number stands for one or more
    neighbouring cells of that value.

    They cost nothing: each is what was printed, and which of them is right is for the
    identities to say (``0 1 0 1 0 2`` in section 四 is as likely ``…1 0 1 0 2`` as
    ``…0 0 2 2``: several readings fit, and the cells are left to a person). The row has
    no blanks, so a source is the position of a printed number among the row's tokens."""
    nums = [t for t in tokens if t is not None]
    k = len(nums)
    if not 0 < k < n or len(tokens) != k:
        return
    for cuts in itertools.combinations(range(1, n), k - 1):
        values: list[Value] = []
        sources: list[int | None] = []
        for j, (a, b) in enumerate(itertools.pairwise((0, *cuts, n))):
            values += [nums[j]] * (b - a)
            sources += [j] * (b - a)
        yield Candidate(tuple(values), 0, "runs", tuple(sources))


def _joined_runs(tokens: Sequence[Number | None], digits: Sequence[str], n: int) -> Iterator[Candidate]:
    """:func:`run_candidates` of the row once two neighbouring digit runs are joined
    (``18`` broken into ``1`` / ``8``)."""
    for g in range(len(tokens) - 1):
        a, b = digits[g], digits[g + 1]
        if not a or not b or b[0] == "0" or (a[0] == "0" and len(a) > 1):
            continue
        merged = [*tokens[:g], int(a + b), *tokens[g + 2 :]]
        for cand in run_candidates(merged, n):
            sources = tuple(None if j is None else j + (j > g) for j in cand.sources)
            yield Candidate(cand.values, 1, "joined", sources)


def readings(
    tokens: list[Number | None], digits: Callable[[], Sequence[str]], n: int, *, collapsed: bool = False
) -> Iterator[Candidate]:
    """Every reading of a row of counts, cheapest first: as printed, and with its digit runs cut.

    ``digits`` gives each token's bare run of digits (``""`` for others); it is asked only
    when the row does not read as printed.

    In a row short of numbers, a run that cannot be one count (``0100001``,
    ``21710000218``) is only read cut up; a row that printed one short run (``90000``)
    may be cut up too. Where no cut fits the row's own identity, such a row is left
    unknown, for the identities to derive (:meth:`Table._prune` allows that only then),
    unless the runs hold one digit per cell (``1000000``): that is what was printed.

    With ``collapsed`` (the document's runs of equal lines were cut to one), a row short
    of numbers is read as runs (:func:`run_candidates`), then as runs once a number
    broken over two lines is joined; a row that neither fits is left unknown, for the
    identities to derive. (Placing its numbers among unknown cells would let the
    identities fit almost anything.) A row printing as many numbers as cells may be such
    a broken number too, when it does not fit as printed.
    """
    printed = len(tokens) - tokens.count(None)
    if printed == n:
        if n == len(tokens):
            yield Candidate(tuple(tokens), 0, "direct", tuple(range(n)))
            if collapsed:
                yield from _joined_runs(tokens, digits(), n)
        else:
            positions = tuple(i for i, t in enumerate(tokens) if t is not None)
            yield Candidate(tuple(tokens[i] for i in positions), 0, "direct", positions)
        return
    if collapsed and 0 < printed < n and printed == len(tokens):
        yield from run_candidates(tokens, n)
        yield from _joined_runs(tokens, digits(), n)
        yield _absent(n, n)
        return
    runs = digits() if printed < n or len(tokens) != n else ()
    if printed < n and any(_glued(d) for d in runs):
        yield from split_candidates(tokens, runs, n)
        if sum(map(len, runs)) != n:
            yield _absent(n, n)
        return
    yield from row_candidates(tokens, n)
    if printed > n:
        yield from join_candidates(tokens, runs, n)
    if len(tokens) != n:
        yield from split_candidates(tokens, runs, n)
        numbers = [d for d in runs if d]
        if len(numbers) == 1 and len(numbers[0]) > 1 and printed == 1:
            yield _absent(n, n)


def _absent(n: int, cost: int) -> Candidate:
    return Candidate(tuple(UNKNOWN for _ in range(n)), cost, "absent", (None,) * n)


def row_candidates(tokens: Sequence[Number | str | None], n: int) -> Iterator[Candidate]:
    """Candidate readings of a row of ``n`` cells from its printed tokens, cheapest first.

    ``tokens`` holds numbers and ``None`` for blank cells, in printed order. The exact
    count of numbers reads directly, and so does a row of exactly ``n`` printed cells:
    its blanks are where the document left cells blank, even where that breaks an
    identity (the checker reports it). Otherwise every window of ``n`` printed cells that
    holds all the numbers, every placement of too few numbers (the missing cells
    unknown, each counted in the cost), and every way of dropping spare numbers. Readings are
    made as they are asked for: a row settled by its first readings never makes the rest.
    """
    nums = [t for t in tokens if t is not None]
    k = len(nums)
    positions = [i for i, t in enumerate(tokens) if t is not None]
    if k == 0 and len(tokens) >= n:
        yield Candidate((None,) * n, 0, "blanks", tuple(range(n)))
        return
    if k == n:
        yield Candidate(tuple(nums), 0, "direct", tuple(positions))
        return
    made = False
    if len(tokens) >= n and k <= n:
        for s in range(len(tokens) - n + 1):
            if not positions or (positions[0] >= s and positions[-1] < s + n):
                made = True
                yield Candidate(tuple(tokens[s : s + n]), 0, "blanks", tuple(range(s, s + n)))
        if len(tokens) == n:
            return
    if 0 < k < n:
        for places in itertools.combinations(range(n), k):
            vals: list[Value] = [UNKNOWN] * n
            src: list[int | None] = [None] * n
            for p, v, t in zip(places, nums, positions, strict=True):
                vals[p] = v
                src[p] = t
            made = True
            yield Candidate(tuple(vals), n - k, "placed", tuple(src))
    elif k > n and k - n <= 3:
        for drop in itertools.combinations(range(k), k - n):
            kept = [i for i in range(k) if i not in drop]
            made = True
            yield Candidate(tuple(nums[i] for i in kept), k - n, "dropped", tuple(positions[i] for i in kept))
    if not made:
        yield Candidate(tuple(UNKNOWN for _ in range(n)), 0, "absent", (None,) * n)
