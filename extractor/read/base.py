"""What every reader hands to the next stage: pages of positioned lines and table rows.

A reader (text, pdf, docx, image) knows its format and nothing about ITA
reports. It returns a :class:`ReadResult`: pages in reading order, each a list of
blocks, where a block is either a free-standing :class:`Line` (memo text,
titles, signatures) or a table :class:`Row` of :class:`Cell` s exactly as the page
shows it (any number of columns, header rows included, continuation rows with
an empty first cell included). Finding the measure table, dropping repeated
headers and joining rows across pages is the table stage's job, not the reader's.

Inside a cell, ``"\\n"`` separates paragraphs (a DOCX paragraph, a ``<p>``, a PDF
line that starts a numbered item); soft line wraps are already joined by the
reader with :func:`extractor.thai.join_wrapped`.
"""
from __future__ import annotations

from dataclasses import dataclass, field

BBox = tuple[float, float, float, float]  # x0, top, x1, bottom in page units (pdfplumber order)


@dataclass
class Cell:
    text: str
    bbox: BBox | None = None
    confidence: float | None = None  # OCR mean word confidence 0–1; None when not OCR'd


@dataclass
class Row:
    cells: list[Cell]

    @property
    def texts(self) -> list[str]:
        return [c.text for c in self.cells]


@dataclass
class Line:
    text: str
    bbox: BBox | None = None
    confidence: float | None = None


Block = Line | Row


@dataclass
class Page:
    number: int | None  # 1-based page of the input; None when the format has no pages
    blocks: list[Block] = field(default_factory=list)
    width: float | None = None
    height: float | None = None
    fallback: str | None = None  # OCR only: why this page was read as plain lines (None: read fully)


@dataclass
class ReadResult:
    format: str  # "pdf" | "scan" | "image" | "docx" | "text"
    pages: list[Page]
    page_count: int | None  # pages of the input; None for text and DOCX
    ocr: bool = False
    notes: list[str] = field(default_factory=list)  # e.g. "page 3: text layer unusable, OCR'd"

    def lines(self) -> list[str]:
        """All text in reading order, rows flattened cell by cell (for `text` and the memo)."""
        out: list[str] = []
        for page in self.pages:
            for block in page.blocks:
                if isinstance(block, Line):
                    out.append(block.text)
                else:
                    out.append("\t".join(c.text.replace("\n", " ") for c in block.cells))
        return out
