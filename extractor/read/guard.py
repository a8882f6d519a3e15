"""Cheap checks before a file is read, for the limits the readers do not enforce themselves.

The PDF reader refuses more than ``ITA_MAX_PAGES`` pages and the image reader
refuses decompression bombs; what remains is a TIFF with thousands of frames
(each one an OCR run) and a DOCX that is a zip bomb. Both are found from headers
alone, without decoding anything, and refused with a one-line Thai/English reason.
"""
from __future__ import annotations

import os
import zipfile
from pathlib import Path

from ..errors import UnusableInput
from . import sniff

MAX_DOCX_UNZIPPED = 200 * 1024 * 1024  # bytes: a real DOCX report unzips to a few MB


def set_max_pages(max_pages: int | None) -> None:
    """Hand ``--max-pages`` to the readers, which read it from ITA_MAX_PAGES."""
    if max_pages is not None:
        os.environ["ITA_MAX_PAGES"] = str(max_pages)


def max_pages() -> int | None:
    value = os.environ.get("ITA_MAX_PAGES", "")
    return int(value) if value.isdigit() else None


def preflight(path: Path) -> None:
    """Raise UnusableInput for an input over the limits; the reader does the rest."""
    kind = sniff(path)
    if kind == "image":
        _check_frames(path)
    elif kind == "docx":
        _check_zip(path)


def _check_frames(path: Path) -> None:
    limit = max_pages()
    if limit is None:
        return
    from PIL import Image
    try:
        with Image.open(path) as im:
            frames = getattr(im, "n_frames", 1)
    except Exception:  # a damaged or bomb image: the image reader gives the reason
        return
    if frames > limit:
        raise UnusableInput(f"ภาพมี {frames} หน้า เกินขีดจำกัด {limit} หน้า "
                            f"(image has {frames} frames, over the {limit}-page limit)")


def _check_zip(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as z:
            size = sum(i.file_size for i in z.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise UnusableInput("ไฟล์ DOCX เสียหายหรือไม่สมบูรณ์ (damaged or truncated DOCX: not a valid zip)") from None
    if size > MAX_DOCX_UNZIPPED:
        raise UnusableInput(f"ไฟล์ DOCX ขยายได้ใหญ่ผิดปกติ {size // 2**20} MB "
                            f"(DOCX unzips to {size // 2**20} MB: refused as a zip bomb)")
