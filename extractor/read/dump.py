"""A document's repaired text, report or not: the readers and normalization of `extract`, no table stage."""
from __future__ import annotations

from pathlib import Path

from ..options import DEFAULT, ExtractOptions
from ..text.normalize import normalize
from . import read
from .base import Line


def document_text(path: Path, options: ExtractOptions = DEFAULT, notes: list[str] | None = None) -> str:
    """Table rows come out one line per row with cells separated by tabs; pages are
    separated by a form feed, as pdftotext does. The reader's notes (a page whose text
    layer was replaced by OCR …) are appended to ``notes`` when given."""
    result = read(path, options)
    if notes is not None:
        notes.extend(result.notes)
    pages: list[str] = []
    for page in result.pages:
        lines: list[str] = []
        for block in page.blocks:
            if isinstance(block, Line):
                lines.append(normalize(block.text))
            else:
                lines.append("\t".join(normalize(c.text, cell=True).replace("\n", " ") for c in block.cells))
        pages.append("\n".join(ln for ln in lines if ln.strip()))
    return "\n\f".join(pages) + "\n"
