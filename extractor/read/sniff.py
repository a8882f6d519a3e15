"""What a file *is*, from its first bytes (magic), never from its extension."""
from __future__ import annotations

from pathlib import Path

from ..errors import UnusableInput

IMAGE_MAGIC = {b"\x89PNG": "png", b"\xff\xd8\xff": "jpeg", b"II*\x00": "tiff", b"MM\x00*": "tiff"}


def sniff(path: Path) -> str:
    """"pdf" | "docx" | "image" | "text", from the first bytes; UnusableInput otherwise."""
    try:
        with open(path, "rb") as f:
            head = f.read(8192)
    except IsADirectoryError:
        raise UnusableInput("เป็นโฟลเดอร์ ไม่ใช่ไฟล์ (is a directory)") from None
    except OSError as e:
        raise UnusableInput(f"เปิดไฟล์ไม่ได้ (cannot open: {e.strerror})") from None
    if not head.strip():
        raise UnusableInput("ไฟล์ว่างเปล่า (empty file)")
    if head.lstrip()[:5] == b"%PDF-" or b"%PDF-" in head[:1024]:
        return "pdf"
    if head[:4] == b"PK\x03\x04":
        return "docx"
    if any(head.startswith(m) for m in IMAGE_MAGIC):
        return "image"
    if b"\x00" in head:
        raise UnusableInput("ไม่ใช่เอกสารที่อ่านได้ (binary data, not a PDF, DOCX, image or text)")
    return "text"
