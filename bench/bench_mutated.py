"""The worst case of reading: reports whose numbers were all replaced by random ones.

Takes the seed and dev reports (plain text and HTML) and the repository's ``examples/``
(so that it runs without ``../shared``), and makes ``--n`` mutations of them: every run
of digits (in HTML, outside tags and entities) replaced by a random number of one to
eight digits, from a fixed seed, so that no identity of the tables can hold. Each is
parsed in a worker process with a wall-clock ``--timeout`` (a document that exceeds it
is recorded as ``≥`` the timeout and its worker replaced), so the bench itself cannot
hang. Prints the slowest ``--top`` with their times (CPU seconds of the worker, so that
other work on the machine does not count), and the distribution.

Mutation ``i`` depends only on ``--seed`` and ``i``: ``--only i`` parses that one again.
``--before REV`` parses with the ``src/`` of a git revision instead of the working tree
(for the figures before a change). ``--delete P`` and ``--glue P`` also delete a share of
the digit runs and run a share of neighbouring numbers together. ``--save FILE`` writes
each mutation's time and a digest of what was read, and ``--compare FILE`` counts the
mutations read differently from such a file.

    .venv/bin/python bench/bench_mutated.py [--n 300] [--seed 1] [--timeout 20] [--top 10]
        [--jobs 1] [--delete P] [--glue P] [--before REV] [--only I] [--save FILE] [--compare FILE]
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import multiprocessing
import random
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = next(
    (p / "shared" / "corpus" for p in ROOT.parents if (p / "shared" / "corpus").is_dir()), ROOT / "shared"
)
"""``shared/corpus`` beside the checkout or beside any folder above it (a worktree's)."""
FOLDERS = (SHARED / "seeds", SHARED / "dev", ROOT / "examples")
SUFFIXES = (".txt", ".html")
MAX_DIGITS = 8
BUCKETS = (0.1, 0.25, 0.5, 1.0, 2.0, 5.0)
"""Upper bounds (seconds) of the distribution's classes; the last class is up to the timeout."""
_DIGITS = re.compile(r"()\d+")
_GAP = re.compile(r"(\d)(?:[\t ]+|\n\t?)(?=\d)")
_HTML_DIGITS = re.compile(r"(<[^>]*>|&#?\w+;)|\d+")


def sources() -> list[tuple[str, bytes]]:
    """Every text or HTML report of the folders present, each content once, in a stable order."""
    out: list[tuple[str, bytes]] = []
    seen: set[bytes] = set()
    for folder in FOLDERS:
        if not folder.is_dir():
            continue
        for path in sorted(folder.iterdir()):
            if path.suffix not in SUFFIXES:
                continue
            data = path.read_bytes()
            digest = hashlib.sha256(data).digest()
            if digest not in seen:
                seen.add(digest)
                out.append((f"{folder.name}/{path.name}", data))
    return out


def random_number(rng: random.Random) -> str:
    """One to eight random digits, a leading zero as likely as any (``0071`` is what OCR and
    run-together cells print)."""
    return "".join(rng.choice("0123456789") for _ in range(rng.randint(1, MAX_DIGITS)))


@dataclass(frozen=True)
class Damage:
    """Besides replacing digits: the share of digit runs deleted, and of gaps between two
    numbers removed (cells run together, as page dumps and OCR print them)."""

    delete: float = 0.0
    glue: float = 0.0


def mutate(name: str, data: bytes, rng: random.Random, damage: Damage = Damage()) -> bytes:
    """``data`` with every run of digits replaced by a random number of random length."""
    text = data.decode("utf-8", errors="replace")

    def number(m: re.Match) -> str:
        if m[1]:
            return m[1]
        return "" if damage.delete and rng.random() < damage.delete else random_number(rng)

    text = (_HTML_DIGITS if name.endswith(".html") else _DIGITS).sub(number, text)
    if damage.glue:
        text = _GAP.sub(lambda m: m[1] if rng.random() < damage.glue else m[0], text)
    return text.encode("utf-8")


def mutation(
    i: int, seed: int, docs: list[tuple[str, bytes]], damage: Damage = Damage()
) -> tuple[str, bytes]:
    name, data = docs[i % len(docs)]
    return name, mutate(name, data, random.Random(f"{seed}:{i}"), damage)


def _serve(conn: Connection, src: str | None) -> None:
    """A worker: parse each document sent, answer (seconds, outcome, digest of what was read)."""
    if src:
        sys.path.insert(0, src)
    from xxgk.ingest import ReadError, parse_bytes

    while True:
        try:
            name, data = conn.recv()
        except EOFError:
            return
        start = time.process_time()
        try:
            report = parse_bytes(data, name)
            outcome = "read"
            seen = json.dumps(
                [report.cells, sorted((f.rule, f.message) for f in report.findings)],
                sort_keys=True,
                ensure_ascii=False,
                default=str,
            )
        except ReadError as e:
            outcome, seen = "refused", str(e)
        except Exception as e:  # a crash is a figure of the benchmark, not its end
            outcome, seen = f"crash: {type(e).__name__}: {e}"[:200], ""
        elapsed = time.process_time() - start
        conn.send((elapsed, outcome, hashlib.sha256(seen.encode()).hexdigest()[:16]))


class Worker:
    """One parsing process, replaced when a document runs past the timeout."""

    def __init__(self, src: str | None):
        self.src = src
        self._start()

    def _start(self) -> None:
        ctx = multiprocessing.get_context("spawn")
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_serve, args=(child, self.src), daemon=True)
        self.proc.start()
        child.close()

    def parse(self, name: str, data: bytes, timeout: float) -> tuple[float, str, str]:
        self.conn.send((name, data))
        if self.conn.poll(timeout):
            try:
                return self.conn.recv()
            except EOFError:
                self.restart()
                return timeout, "worker died", ""
        self.restart()
        return timeout, "timeout", ""

    def restart(self) -> None:
        self.proc.kill()
        self.proc.join()
        self.conn.close()
        self._start()

    def close(self) -> None:
        self.conn.close()
        self.proc.join(5)
        if self.proc.is_alive():
            self.proc.kill()


@dataclass
class Result:
    index: int
    name: str
    size: int
    seconds: float
    outcome: str
    digest: str


def run(
    indexes: list[int], seed: int, timeout: float, jobs: int, src: str | None, damage: Damage
) -> Iterator[Result]:
    """Each mutation parsed, in order of completion, over ``jobs`` workers."""
    docs = sources()
    if not docs:
        raise SystemExit("找不到种子报告（examples/ 或 ../shared/corpus）")
    from concurrent.futures import ThreadPoolExecutor

    workers = [Worker(src) for _ in range(jobs)]
    free = list(workers)

    def one(i: int) -> Result:
        name, data = mutation(i, seed, docs, damage)
        w = free.pop()
        try:
            seconds, outcome, digest = w.parse(name, data, timeout)
        finally:
            free.append(w)
        return Result(i, name, len(data), seconds, outcome, digest)

    try:
        with ThreadPoolExecutor(jobs) as pool:
            yield from pool.map(one, indexes)
    finally:
        for w in workers:
            w.close()


def checkout(rev: str, into: str) -> str:
    """The ``src/`` of a git revision, written under ``into``."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", rev, "src"], check=True, capture_output=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", into], input=archive, check=True)
    return str(Path(into) / "src")


def shown(r: Result, timeout: float) -> str:
    time_text = f"≥{timeout:.0f} s" if r.outcome == "timeout" else f"{r.seconds:.3f} s"
    return f"{time_text:>10}  #{r.index:<6} {r.name} ({r.size / 1024:.1f} KB) {r.outcome}"


def distribution(results: list[Result], timeout: float) -> list[tuple[str, int]]:
    bounds = [*BUCKETS, timeout]
    counts = [0] * (len(bounds) + 1)
    for r in results:
        slot = (
            len(bounds)
            if r.outcome == "timeout"
            else next((j for j, b in enumerate(bounds) if r.seconds < b), len(bounds) - 1)
        )
        counts[slot] += 1
    labels = [f"< {bounds[0]} s"]
    labels += [f"{a}–{b} s" for a, b in itertools.pairwise(bounds)]
    labels.append(f"≥ {timeout:.0f} s")
    return list(zip(labels, counts, strict=True))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=300, help="mutations to parse")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--timeout", type=float, default=20.0, help="seconds allowed per document")
    ap.add_argument("--top", type=int, default=10, help="how many of the slowest to list")
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--delete", type=float, default=0.0, metavar="P", help="share of digit runs deleted")
    ap.add_argument(
        "--glue", type=float, default=0.0, metavar="P", help="share of gaps between numbers removed"
    )
    ap.add_argument("--before", metavar="REV", help="parse with the src/ of this git revision")
    ap.add_argument("--only", type=int, action="append", metavar="I", help="parse only mutation I")
    ap.add_argument("--save", type=Path, metavar="FILE", help="write each mutation's result (JSON)")
    ap.add_argument("--compare", type=Path, metavar="FILE", help="count results differing from FILE")
    args = ap.parse_args()
    indexes = args.only or list(range(args.n))
    damage = Damage(args.delete, args.glue)
    with tempfile.TemporaryDirectory() as tmp:
        src = checkout(args.before, tmp) if args.before else None
        start = time.perf_counter()
        results: list[Result] = []
        for r in run(indexes, args.seed, args.timeout, args.jobs, src, damage):
            results.append(r)
            if r.seconds >= 1 or r.outcome not in ("read", "refused"):
                print(shown(r, args.timeout), flush=True)
        wall = time.perf_counter() - start
    results.sort(key=lambda r: -r.seconds)
    what = f"revision {args.before}" if args.before else "working tree"
    print(f"\n{len(results)} mutations (seed {args.seed}, {what}, {damage}), {wall:.1f} s wall")
    print(f"slowest {min(args.top, len(results))}:")
    for r in results[: args.top]:
        print("  " + shown(r, args.timeout))
    print("distribution:")
    for label, count in distribution(results, args.timeout):
        print(f"  {label:>14}: {count}")
    outcomes: dict[str, int] = {}
    for r in results:
        key = r.outcome if r.outcome in ("read", "refused", "timeout") else "other"
        outcomes[key] = outcomes.get(key, 0) + 1
    print("outcomes: " + ", ".join(f"{k} {v}" for k, v in sorted(outcomes.items())))
    if args.save:
        args.save.write_text(json.dumps([r.__dict__ for r in sorted(results, key=lambda r: r.index)]))
    if args.compare:
        compare(results, json.loads(args.compare.read_text()))


def compare(results: list[Result], saved: list[dict]) -> None:
    """How many mutations, read in both runs, were read differently."""
    old = {s["index"]: s for s in saved}
    both = [r for r in results if r.index in old and r.digest and old[r.index]["digest"]]
    differ = [r.index for r in both if r.digest != old[r.index]["digest"]]
    print(f"compared with the saved run: {len(both)} read in both, {len(differ)} read differently")
    if differ:
        print("  differing: " + " ".join(map(str, sorted(differ)[:50])))


if __name__ == "__main__":
    main()
