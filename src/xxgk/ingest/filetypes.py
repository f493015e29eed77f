"""What a file that is not a report document is, told by its first bytes.

A clerk who gives xxgk a scanned page, an archive or a program should hear what the
file is, not that its "text encoding" is unknown.
"""

from __future__ import annotations

IMAGES: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xd8\xff", "JPEG 图片"),
    (b"\x89PNG\r\n\x1a\n", "PNG 图片"),
    (b"GIF87a", "GIF 图片"),
    (b"GIF89a", "GIF 图片"),
    (b"BM", "BMP 图片"),
    (b"II*\x00", "TIFF 图片"),
    (b"MM\x00*", "TIFF 图片"),
)
OTHERS: tuple[tuple[bytes, str], ...] = (
    (b"Rar!\x1a\x07", "RAR 压缩包"),
    (b"7z\xbc\xaf\x27\x1c", "7z 压缩包"),
    (b"\x1f\x8b", "gzip 压缩文件"),
    (b"\x7fELF", "可执行程序"),
    (b"MZ", "Windows 可执行程序"),
    (b"ID3", "MP3 音频"),
    (b"OggS", "Ogg 音频或视频"),
)

OCR_NOTE = "扫描件需先经文字识别（OCR）转为文字；xxgk 不提供 OCR，请使用机关发布的文字版报告或先行识别"


def describe(data: bytes) -> str | None:
    """What ``data`` is when it is plainly not a document (an image, an archive …), else ``None``."""
    head = data[:16]
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WebP 图片"
    if head[4:8] == b"ftyp":
        return "MP4/HEIC 媒体文件"
    for magic, name in IMAGES + OTHERS:
        if head.startswith(magic) and not (magic == b"BM" and not _is_bmp(data)):
            return name
    return None


def is_image(kind: str) -> bool:
    return kind.endswith("图片")


def unreadable_message(kind: str) -> str:
    """The message for a file of ``kind`` given where a report was expected."""
    text = f"文件内容是{kind}，不是文字文档，无法读取"
    return f"{text}。{OCR_NOTE}" if is_image(kind) else text


def _is_bmp(data: bytes) -> bool:
    """``BM`` begins much text too; a bitmap also states its own size at bytes 2–5."""
    return len(data) >= 14 and int.from_bytes(data[2:6], "little") == len(data)
