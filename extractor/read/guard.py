"""Pre-flight: cheap checks from headers alone, before any reader decodes a byte of content.

:func:`extractor.read.read` calls :func:`preflight` first, so every entry point
(CLI, batch, web) refuses the same hostile files the same way: a file over the
size limit, a PDF or multi-frame TIFF with too many pages, an image with too many
pixels (a decompression bomb), a DOCX that unzips to far more than a report
(a zip bomb). Each refusal is a one-line Thai/English :class:`UnusableInput`;
a file too damaged to check is left to its reader, which gives the reason.
"""
from __future__ import annotations

import warnings
import zipfile
from pathlib import Path

from ..errors import UnusableInput
from ..options import Limits

MB = 1024 * 1024


def preflight(path: Path, kind: str, limits: Limits) -> None:
    """Raise UnusableInput when ``path`` (already sniffed as ``kind``) is over ``limits``."""
    check_size(path, limits)
    if kind == "pdf":
        check_pdf_pages(path, limits)
    elif kind == "image":
        check_image(path, limits)
    elif kind == "docx":
        check_zip(path, limits)


def check_size(path: Path, limits: Limits) -> None:
    size = path.stat().st_size
    if size > limits.max_bytes:
        raise UnusableInput(f"ไฟล์ใหญ่เกินไป {size // MB} MB เกินขีดจำกัด {limits.max_bytes // MB} MB "
                            f"(file is {size // MB} MB, over the {limits.max_bytes // MB} MB limit)")


def too_many_pages(n: int, limit: int, what: str = "PDF") -> UnusableInput:
    th = "PDF ยาว" if what == "PDF" else "ภาพมี"
    en = f"{what} has {n} pages" if what == "PDF" else f"image has {n} frames"
    return UnusableInput(f"{th} {n} หน้า เกินขีดจำกัด {limit} หน้า "
                         f"({en}, over the {limit}-page limit; --max-pages raises it)")


def check_pdf_pages(path: Path, limits: Limits) -> None:
    import pypdfium2 as pdfium
    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError:
        return  # encrypted or damaged: the PDF reader says which
    try:
        n = len(pdf)
    finally:
        pdf.close()
    if n > limits.max_pages:
        raise too_many_pages(n, limits.max_pages)


def check_image(path: Path, limits: Limits) -> None:
    """Pixels of the first frame and the frame count, from the header (nothing is decoded)."""
    from PIL import Image
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # the limit is ours, below
            with Image.open(path) as im:
                w, h = im.size
                frames = getattr(im, "n_frames", 1)
    except Image.DecompressionBombError:  # over twice PIL's own limit, when the image reader is not loaded
        w, h, frames = limits.max_pixels + 1, 1, 1
    except Exception:  # a damaged image: the image reader gives the reason
        return
    if w * h > limits.max_pixels:
        mp = limits.max_pixels // 1_000_000
        raise UnusableInput(f"ภาพใหญ่เกินไป เกิน {mp} ล้านพิกเซล "
                            f"(image over {mp} megapixels: refused as a decompression bomb)")
    if frames > limits.max_pages:
        raise too_many_pages(frames, limits.max_pages, what="image")


def check_zip(path: Path, limits: Limits) -> None:
    try:
        with zipfile.ZipFile(path) as z:
            size = sum(i.file_size for i in z.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise UnusableInput("ไฟล์ DOCX เสียหายหรือไม่สมบูรณ์ (damaged or truncated DOCX: not a valid zip)") from None
    if size > limits.max_unzipped_mb * MB:
        raise UnusableInput(f"ไฟล์ DOCX ขยายได้ใหญ่ผิดปกติ {size // MB} MB "
                            f"(DOCX unzips to {size // MB} MB: refused as a zip bomb)")
