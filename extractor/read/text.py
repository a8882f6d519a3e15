"""Plain text and HTML-ish text such as the seed: tab-separated cells, ``<p>`` in cells.

A line with a tab is a table row; any other non-empty line is a free line. The
header row that repeats on every page and blank-line page breaks are left for the
table stage, which recognises headers by content. Plain text has no pages, so
everything lands on one :class:`Page` numbered ``None``.
"""
from __future__ import annotations

import codecs
from pathlib import Path

from ..errors import UnusableInput
from .base import Cell, Line, Page, ReadResult, Row

MAX_TEXT_BYTES = 50 * 1024 * 1024


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else TIS-620 (Thai Windows text)."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp874")
    except UnicodeDecodeError:
        raise UnusableInput("อ่านข้อความไม่ได้ (text is neither UTF-8 nor TIS-620)") from None


def parse_text(text: str) -> list[Page]:
    blocks: list[Line | Row] = []
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").split("\n"):
        if "\t" in raw:
            blocks.append(Row([Cell(c) for c in raw.split("\t")]))
        elif raw.strip():
            blocks.append(Line(raw.strip()))
    return [Page(number=None, blocks=blocks)]


def read_text(path: Path) -> ReadResult:
    if path.stat().st_size > MAX_TEXT_BYTES:
        raise UnusableInput("ไฟล์ข้อความใหญ่เกินไป (text file over 50 MB)")
    text = decode(path.read_bytes())
    if not text.strip():
        raise UnusableInput("ไฟล์ว่างเปล่า (empty file)")
    return ReadResult(format="text", pages=parse_text(text), page_count=None)
