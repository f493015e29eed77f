"""Fetching a report from an ``http(s)://`` address: time limit, size cap, few redirects.

The server's declared charset (``Content-Type: text/html; charset=gbk``) outranks the
page's own ``<meta>``; to carry it into the byte-level readers, an HTML page with a
declared charset is handed on re-encoded as UTF-8 with a byte-order mark, which the
HTML reader honours first.
"""

from __future__ import annotations

import socket
import urllib.error
import urllib.parse
import urllib.request
from email.message import Message

from xxgk.ingest import limits
from xxgk.ingest.document import ReadError
from xxgk.ingest.formats import sniff
from xxgk.ingest.html import decode

USER_AGENT = "xxgk/0.1 (+government information disclosure annual report reader)"


class _LimitedRedirects(urllib.request.HTTPRedirectHandler):
    max_redirections = limits.MAX_REDIRECTS


def _charset(content_type: str | None) -> str | None:
    if not content_type:
        return None
    msg = Message()
    msg["content-type"] = content_type
    return msg.get_content_charset()


def ascii_url(url: str) -> str:
    """``url`` as HTTP sends it: a Chinese path or query percent-encoded as UTF-8, a Chinese host
    name in IDNA (government sites publish addresses like …/年度报告/2023年.html)."""
    parts = urllib.parse.urlsplit(url)
    host = parts.hostname or ""
    try:
        host.encode("ascii")
    except UnicodeEncodeError:
        netloc = parts.netloc.replace(host, host.encode("idna").decode("ascii"))
    else:
        netloc = parts.netloc
    safe = "/:@!$&'()*+,;=%~-._"
    return urllib.parse.urlunsplit(
        (
            parts.scheme,
            netloc,
            urllib.parse.quote(parts.path, safe=safe),
            urllib.parse.quote(parts.query, safe=safe + "?"),
            urllib.parse.quote(parts.fragment, safe=safe),
        )
    )


def fetch(
    url: str, *, timeout: float = limits.FETCH_TIMEOUT_SECONDS, max_bytes: int = limits.MAX_FETCH_BYTES
) -> bytes:
    """The body at ``url``, or :class:`ReadError` saying why not, in Chinese."""
    opener = urllib.request.build_opener(_LimitedRedirects())
    request = urllib.request.Request(ascii_url(url), headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
    try:
        with opener.open(request, timeout=timeout) as response:
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                size_mb = int(declared) / limits.MB
                cap_mb = max_bytes // limits.MB
                raise ReadError(f"网页内容过大（{size_mb:.1f} MB），超过 {cap_mb} MB 的上限，未下载")
            chunks: list[bytes] = []
            size = 0
            while True:
                chunk = response.read(65536)
                if not chunk:
                    break
                size += len(chunk)
                if size > max_bytes:
                    raise ReadError(f"网页内容超过 {max_bytes // limits.MB} MB 的上限，已停止下载")
                chunks.append(chunk)
            charset = _charset(response.headers.get("Content-Type"))
    except ReadError:
        raise
    except urllib.error.HTTPError as exc:
        raise ReadError(f"网址返回错误 {exc.code}（{exc.reason}）：{url}") from exc
    except TimeoutError as exc:
        raise ReadError(f"访问网址超时（{timeout:.0f} 秒内无响应）：{url}") from exc
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, (TimeoutError, socket.timeout)):
            raise ReadError(f"访问网址超时（{timeout:.0f} 秒内无响应）：{url}") from exc
        raise ReadError(f"无法访问网址（{exc.reason}）：{url}") from exc
    except (OSError, ValueError) as exc:
        raise ReadError(f"无法访问网址（{exc}）：{url}") from exc
    data = b"".join(chunks)
    if charset and sniff(data) == "html":
        return b"\xef\xbb\xbf" + decode(data, charset).encode("utf-8")
    return data
