"""Reading any input: sniff what it is, refuse it early if it is over the limits, hand it to its reader."""
from __future__ import annotations

from pathlib import Path

from ..options import DEFAULT, ExtractOptions
from .base import Cell, Line, Page, ReadResult, Row
from .guard import preflight
from .sniff import sniff

__all__ = ["Cell", "Line", "Page", "ReadResult", "Row", "read", "sniff"]


def read(path: str | Path, options: ExtractOptions = DEFAULT) -> ReadResult:
    """Read any supported input into pages of lines and table rows (raises UnusableInput).

    The pre-flight checks run here, so no caller can skip them.
    """
    path = Path(path)
    kind = sniff(path)
    preflight(path, kind, options.limits)
    if kind == "pdf":
        from .pdf.reader import read_pdf
        return read_pdf(path, options)
    if kind == "docx":
        from .docx import read_docx
        return read_docx(path)
    if kind == "image":
        from .image import read_image
        return read_image(path, options)
    from .text import read_text
    return read_text(path)
