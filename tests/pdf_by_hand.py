"""PDFs written by hand for the PDF reader's tests: text placed to the point, rules, and
the standard security handler (RC4, revision 2) for encrypted files.

Text is set in the non-embedded CID font STSong-Light (UniGB-UCS2-H), which every PDF
reader knows, with every glyph one em wide: a text of ``n`` characters at size ``s`` is
``n * s`` points long, so gaps can be placed exactly. A text with characters beyond the
BMP, which UCS-2 cannot encode, is set in the same font with Identity-H and a
``ToUnicode`` map. Coordinates are top-down, in points from the page's top-left corner,
as the reader measures them.
"""

from __future__ import annotations

import hashlib
import struct
from dataclasses import dataclass, field

PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")
"""The padding string of the standard security handler (PDF 1.7, 7.6.3.3)."""
FILE_ID = b"xxgk-test-file-id"
FONTS = (
    b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H"
    b" /DescendantFonts [4 0 R] >>",
    b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /DW 1000 /FontDescriptor 5 0 R"
    b" /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> >>",
    b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [0 -120 1000 880] /ItalicAngle 0"
    b" /Ascent 880 /Descent -120 /CapHeight 880 /StemV 80 >>",
    b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /Identity-H"
    b" /DescendantFonts [7 0 R] /ToUnicode 8 0 R >>",
    b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /DW 1000 /FontDescriptor 5 0 R"
    b" /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> >>",
)
FIRST_CID = 34
"""Identity-H glyphs are numbered from here: the stand-in font's first glyphs draw nothing,
and PDFium leaves out a text whose glyphs draw nothing."""
Text = tuple[str, str]
"""A text-showing operator with ``{}`` where the glyphs go, and the text."""


@dataclass
class Page:
    width: float = 595.0
    height: float = 842.0
    ops: list[str | Text] = field(default_factory=list)
    form: list[str | Text] = field(default_factory=list)
    """Operators drawn inside a form XObject, placed on the page at its origin."""

    def text(self, x: float, top: float, text: str, size: float = 12.0, *, in_form: bool = False) -> Page:
        """``text`` whose box's top-left corner is at (``x``, ``top``)."""
        ops = self.form if in_form else self.ops
        ops.append((f"BT {{}} {size:g} Tf {x:g} {self.height - top - size:g} Td <{{}}> Tj ET", text))
        return self

    def turned(self, x: float, top: float, text: str, size: float = 12.0) -> Page:
        """``text`` running upwards from (``x``, ``top``), as a stamp or a margin note."""
        self.ops.append((f"BT {{}} {size:g} Tf 0 1 -1 0 {x:g} {self.height - top:g} Tm <{{}}> Tj ET", text))
        return self

    def rule(self, x0: float, top: float, x1: float, bottom: float, *, in_form: bool = False) -> Page:
        """A stroked straight line from (``x0``, ``top``) to (``x1``, ``bottom``)."""
        ops = self.form if in_form else self.ops
        ops.append(f"0.5 w {x0:g} {self.height - top:g} m {x1:g} {self.height - bottom:g} l S")
        return self

    def grid(self, xs: list[float], ys: list[float], *, in_form: bool = False) -> Page:
        """The rules of a table whose columns start at ``xs`` and rows at ``ys`` (the last
        of each closing it)."""
        for x in xs:
            self.rule(x, ys[0], x, ys[-1], in_form=in_form)
        for y in ys:
            self.rule(xs[0], y, xs[-1], y, in_form=in_form)
        return self


def pdf(pages: list[Page], *, user_password: str | None = None, owner_password: str | None = None) -> bytes:
    """The PDF of ``pages``; encrypted (RC4, 40 bits) when a password is given. An empty
    user password with an owner password is a file anyone may open but not copy from."""
    texts = [op[1] for page in pages for op in page.ops + page.form if isinstance(op, tuple)]
    glyphs = {ch: cid for cid, ch in enumerate(sorted(set("".join(texts))), start=FIRST_CID)}
    objects: list[bytes] = [b"", b"", *FONTS, _stream(_to_unicode(glyphs))]
    kids = []
    for page in pages:
        resources = b"/Font << /C 3 0 R /U 6 0 R >>"
        if page.form:
            form = _content(page.form, glyphs)
            objects.append(
                b"<< /Type /XObject /Subtype /Form /BBox [0 0 %g %g] /Resources << %s >> /Length %d >>\n"
                b"stream\n%s\nendstream" % (page.width, page.height, resources, len(form), form)
            )
            resources += b" /XObject << /Fm %d 0 R >>" % len(objects)
        content = len(objects) + 1
        objects.append(_stream(_content([*page.ops, "q /Fm Do Q"] if page.form else page.ops, glyphs)))
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %g %g] /Contents %d 0 R /Resources << %s >> >>"
            % (page.width, page.height, content, resources)
        )
        kids.append(len(objects))
    objects[0] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objects[1] = b"<< /Type /Pages /Count %d /Kids [%s] >>" % (
        len(kids),
        b" ".join(b"%d 0 R" % k for k in kids),
    )
    trailer = b""
    if user_password is not None or owner_password is not None:
        objects, trailer = _encrypted(objects, user_password or "", owner_password or user_password or "")
    return _write(objects, trailer)


def _content(ops: list[str | Text], glyphs: dict[str, int]) -> bytes:
    return "\n".join(op if isinstance(op, str) else _shown(*op, glyphs) for op in ops).encode()


def _shown(template: str, text: str, glyphs: dict[str, int]) -> str:
    if all(ord(ch) < 0x10000 for ch in text):
        return template.format("/C", text.encode("utf-16-be").hex())
    return template.format("/U", "".join(f"{glyphs[ch]:04X}" for ch in text))


def _stream(data: bytes) -> bytes:
    return b"<< /Length %d >>\nstream\n%s\nendstream" % (len(data), data)


def _to_unicode(glyphs: dict[str, int]) -> bytes:
    """The CMap from each glyph (CID) to its character, in blocks of 100 (the most one
    ``bfchar`` block may hold)."""
    pairs = [f"<{cid:04X}> <{ch.encode('utf-16-be').hex().upper()}>" for ch, cid in glyphs.items()]
    blocks = "\n".join(
        f"{len(chunk)} beginbfchar\n" + "\n".join(chunk) + "\nendbfchar"
        for chunk in (pairs[i : i + 100] for i in range(0, len(pairs), 100))
    )
    return (
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
        "1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
        f"{blocks}\nendcmap CMapName currentdict /CMap defineresource pop end end"
    ).encode()


def _write(objects: list[bytes], trailer: bytes) -> bytes:
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        trailer,
        xref,
    )
    return bytes(out)


def rc4(key: bytes, data: bytes) -> bytes:
    state = list(range(256))
    j = 0
    for i in range(256):
        j = (j + state[i] + key[i % len(key)]) % 256
        state[i], state[j] = state[j], state[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + state[i]) % 256
        state[i], state[j] = state[j], state[i]
        out.append(byte ^ state[(state[i] + state[j]) % 256])
    return bytes(out)


def _encrypted(objects: list[bytes], user: str, owner: str) -> tuple[list[bytes], bytes]:
    """The objects with their streams encrypted, and the trailer entries that say how
    (standard security handler, revision 2; printing allowed, copying not)."""
    permissions = -64 | 4 | 8 | 32

    def padded(password: str) -> bytes:
        return (password.encode("latin-1") + PAD)[:32]

    o_value = rc4(hashlib.md5(padded(owner)).digest()[:5], padded(user))
    key = hashlib.md5(padded(user) + o_value + struct.pack("<i", permissions) + FILE_ID).digest()[:5]
    u_value = rc4(key, PAD)
    out = []
    for n, body in enumerate(objects, start=1):
        if b"\nstream\n" in body:
            head, rest = body.split(b"\nstream\n", 1)
            data = rest.rsplit(b"\nendstream", 1)[0]
            object_key = hashlib.md5(key + n.to_bytes(3, "little") + b"\0\0").digest()[:10]
            body = head + b"\nstream\n" + rc4(object_key, data) + b"\nendstream"
        out.append(body)
    out.append(
        b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P %d >>"
        % (o_value.hex().encode(), u_value.hex().encode(), permissions)
    )
    trailer = b"/Encrypt %d 0 R /ID [<%s> <%s>] " % (len(out), FILE_ID.hex().encode(), FILE_ID.hex().encode())
    return out, trailer
