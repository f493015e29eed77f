"""Reading a document from outside in a worker process, with a wall-clock and a memory limit.

The table solver is bounded in steps, but a document from anyone (an upload, a crawled
corpus) may still find a slow or greedy path in a reader. :func:`parse_guarded` parses in
a worker process whose address space is capped (``RLIMIT_AS``) and waits for it no longer
than a timeout: a document that exceeds either becomes a :class:`Refused` record ("解析超时",
"内存超限") and the worker is replaced, so one file cannot stall an import or a web worker.

The worker outlives a document: it is started once per process (a fresh interpreter, so that
a threaded web server is never forked) and reused while documents read normally.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import threading
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Literal

from xxgk.ingest.document import ReadError
from xxgk.report.model import AnnualReport

TIMEOUT_SECONDS = 120.0
"""Wall-clock seconds one document may take; far above any real report (a few seconds for
a 200-page PDF on a loaded machine), well below a stalled run."""
MEMORY_MB = 2048
"""Address space one document may add to the worker's own, in MB."""
START_SECONDS = 120.0
"""How long a new worker may take to start and import the readers (not the document's time)."""
MB = 1024 * 1024
TIMEOUT_VARIABLE = "XXGK_PARSE_TIMEOUT_SECONDS"
MEMORY_VARIABLE = "XXGK_PARSE_MEMORY_MB"
"""Environment variables that set the limits where a caller gives none (an import, a server)."""

RefusalKind = Literal["timeout", "memory", "crashed", "unreadable"]


@dataclass(frozen=True)
class Refused:
    """A document that was not read, and why (``message`` is for a person, in Chinese)."""

    kind: RefusalKind
    message: str


class _Worker:
    """One reading process (a fresh interpreter, sharing nothing with the caller) and the
    pipes to it."""

    def __init__(self) -> None:
        to_child, from_parent = os.pipe()
        to_parent, from_child = os.pipe()
        env = dict(os.environ)
        package_root = str(Path(__file__).resolve().parents[2])
        env["PYTHONPATH"] = os.pathsep.join(p for p in (package_root, env.get("PYTHONPATH")) if p)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "xxgk.ingest.guard", str(to_child), str(from_child)],
            pass_fds=(to_child, from_child),
            env=env,
            stdin=subprocess.DEVNULL,
        )
        os.close(to_child)
        os.close(from_child)
        self.send = Connection(from_parent, readable=False)
        self.recv = Connection(to_parent, writable=False)
        if not self.recv.poll(START_SECONDS):
            self.stop()
            raise RuntimeError("解析进程未能启动")
        self.recv.recv()

    def alive(self) -> bool:
        return self.proc.poll() is None

    def stop(self) -> None:
        if self.alive():
            self.proc.kill()
        self.proc.wait()
        self.send.close()
        self.recv.close()


_worker: _Worker | None = None
_lock = threading.Lock()


def limits(timeout_s: float | None = None, memory_mb: int | None = None) -> tuple[float, int]:
    """The limits given, else those of the environment, else the defaults."""
    if timeout_s is None:
        timeout_s = float(os.environ.get(TIMEOUT_VARIABLE) or TIMEOUT_SECONDS)
    if memory_mb is None:
        memory_mb = int(os.environ.get(MEMORY_VARIABLE) or MEMORY_MB)
    return timeout_s, memory_mb


def parse_guarded(
    data: bytes, source: str, *, timeout_s: float | None = None, memory_mb: int | None = None
) -> AnnualReport | Refused:
    """The report in ``data``, read in a worker process, or why not.

    ``timeout_s`` bounds the wall-clock time of the parse, ``memory_mb`` the memory it may
    take beyond the worker's own (see :func:`limits` for those not given). A
    :class:`ReadError` of the parser comes back as a refusal of kind ``unreadable`` with
    its message. Calls from several threads are taken one at a time.
    """
    global _worker
    timeout_s, memory_mb = limits(timeout_s, memory_mb)
    with _lock:
        if _worker is None or not _worker.alive():
            _worker = _Worker()
        worker = _worker
        try:
            worker.send.send((data, source, memory_mb))
            answered = worker.recv.poll(timeout_s)
            outcome = worker.recv.recv() if answered else None
        except (EOFError, OSError):
            outcome = ("crashed", None)
        if outcome is None:
            _replace(worker)
            return Refused("timeout", f"解析超时：文件在 {timeout_s:g} 秒内未能读完，已停止读取")
        kind, value = outcome
        if kind == "report":
            return value
        if kind == "unreadable":
            return Refused("unreadable", value)
        _replace(worker)
        if kind == "memory":
            return Refused("memory", f"内存超限：读取该文件需要超过 {memory_mb} MB 内存，已停止读取")
        if value:
            return Refused("crashed", f"内部错误（请报告此问题）：{value}")
        return Refused("crashed", "解析进程意外退出，文件未能读取")


def _replace(worker: _Worker) -> None:
    """Stop a worker that timed out, ran out of memory or died; the next call starts another."""
    global _worker
    worker.stop()
    _worker = None


def shutdown() -> None:
    """Stop this process's worker, if any (tests; a long-lived server need not)."""
    with _lock:
        if _worker is not None:
            _replace(_worker)


def _address_space() -> int:
    """The worker's own address space, in bytes."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[0]) * resource.getpagesize()


def _serve(inbox: Connection, conn: Connection) -> None:
    """The worker: read each document sent, under its memory limit; answer (kind, value)."""
    from xxgk.ingest import parse_bytes

    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    conn.send("ready")
    while True:
        try:
            data, source, memory_mb = inbox.recv()
        except EOFError:
            return
        limit = _address_space() + memory_mb * MB
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
        try:
            answer: tuple[str, object] = ("report", parse_bytes(data, source))
        except ReadError as e:
            answer = ("unreadable", str(e))
        except MemoryError:
            answer = ("memory", None)
        except Exception as e:  # a bug of ours: reported, the worker replaced
            answer = ("crashed", f"{type(e).__name__}: {e}")
        finally:
            resource.setrlimit(resource.RLIMIT_AS, (hard, hard))
        try:
            conn.send(answer)
        except MemoryError:
            conn.send(("memory", None))
        if answer[0] in ("memory", "crashed"):
            return


if __name__ == "__main__":
    _serve(Connection(int(sys.argv[1]), writable=False), Connection(int(sys.argv[2]), readable=False))
