"""Fetching addresses, against an HTTP server on 127.0.0.1 started by the test."""

import contextlib
import http.server
import threading
import time
from collections.abc import Iterator

import pytest

from xxgk.ingest.document import ReadError
from xxgk.ingest.formats import read_document
from xxgk.ingest.url import ascii_url, fetch

PAGE = (
    "<html><body><p>某局2022年政府信息公开工作年度报告</p>"
    "<table><tr><td>规章</td><td>3</td></tr></table></body></html>"
)


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path == "/slow":
            time.sleep(3)
        if self.path == "/gbk":
            body, ctype = PAGE.encode("gbk"), "text/html; charset=GBK"
        elif self.path == "/huge":
            body, ctype = b"<p>" + b"x" * (3 * 1024 * 1024), "text/html"
        elif self.path == "/missing":
            self.send_error(404)
            return
        else:
            body, ctype = PAGE.encode("utf-8"), "text/html; charset=utf-8"
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.end_headers()
        with contextlib.suppress(OSError):
            self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_page_is_read(server: str) -> None:
    doc = read_document(fetch(server + "/utf8"), server)
    assert doc.rows[0].text == "某局2022年政府信息公开工作年度报告"
    assert doc.rows[1].cells == ["规章", "3"]


def test_declared_charset_is_honoured(server: str) -> None:
    doc = read_document(fetch(server + "/gbk"), server)
    assert doc.rows[0].text == "某局2022年政府信息公开工作年度报告"


def test_size_cap(server: str) -> None:
    with pytest.raises(ReadError, match="上限"):
        fetch(server + "/huge", max_bytes=1024 * 1024)


def test_timeout(server: str) -> None:
    with pytest.raises(ReadError, match="超时"):
        fetch(server + "/slow", timeout=0.5)


def test_http_error(server: str) -> None:
    with pytest.raises(ReadError, match="404"):
        fetch(server + "/missing")


def test_nothing_listening() -> None:
    with pytest.raises(ReadError, match="无法访问"):
        fetch("http://127.0.0.1:9/", timeout=2)


def test_an_address_with_a_chinese_path_is_fetched(server: str) -> None:
    """Government sites publish addresses like …/年度报告/2023年.html; they go out percent-encoded."""
    doc = read_document(fetch(server + "/年度报告/2023年.html?栏目=年报"), server)
    assert doc.rows[0].text == "某局2022年政府信息公开工作年度报告"
    assert ascii_url("http://例子.中国/年报 2023.html?q=年报#第1页") == (
        "http://xn--fsqu00a.xn--fiqs8s/%E5%B9%B4%E6%8A%A5%202023.html?q=%E5%B9%B4%E6%8A%A5#%E7%AC%AC1%E9%A1%B5"
    )
