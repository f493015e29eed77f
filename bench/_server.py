"""The web system served by gunicorn on loopback for the load benchmarks (a second process measures it)."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
START_TRIES = 150
"""Health checks 0.2 s apart before giving up: 30 s, enough for a cold start on a loaded machine."""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def served(env: dict[str, str], port: int) -> Iterator[str]:
    """Two gunicorn workers on ``port`` with ``env``; yields the base URL once /healthz answers."""
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "xxgk.site.wsgi",
            "-w",
            "2",
            "-b",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(START_TRIES):
            if server.poll() is not None:
                raise SystemExit(f"the server did not start on port {port}")
            try:
                urllib.request.urlopen(base + "/healthz", timeout=2).read()
                break
            except OSError:
                time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)
