"""Assemble the typed :class:`~extractor.model.Document` from the text outside the table.

The table stage has claimed its rows; everything else on the pages (memo,
title block, intro paragraph with the ITA score, signatures) is normalized
here into ``memo_lines`` — which the rules read too — and parsed by
:mod:`extractor.memo`.
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from .memo import AGENCY_KINDS, fiscal_year_of, parse_memo, period_of
from .memo_ocr import OcrLine, canonical_header, join_place_names, snap_agency
from .model import Document
from .read.base import BBox, Line, Page, Row
from .table import TableResult
from .text.normalize import normalize


@dataclass
class DocResult:
    document: Document
    is_memo: bool


_AGENCY_IN_TEXT = re.compile("(?:" + "|".join(re.escape(k) for k in AGENCY_KINDS[:7]) + r")[ก-๙]+")


def _lines(pages: list[Page], table: TableResult) -> list[OcrLine]:
    """Normalized non-table text, one entry per line, with its page and, for OCR'd lines,
    where OCR put it (the memo labels are then written right by :mod:`extractor.memo_ocr`)."""
    out: list[OcrLine] = []
    for pi, page in enumerate(pages):
        for bi, block in enumerate(page.blocks):
            if (pi, bi) in table.table_blocks:
                continue
            if isinstance(block, Line):
                items = [(block.text, block.bbox, block.confidence is not None)]
            elif any(c.confidence is not None for c in block.cells):  # OCR: a row is one printed line
                items = [(" ".join(c.text for c in block.cells if c.text.strip()), _row_box(block), True)]
            else:
                items = [(c.text, c.bbox, c.confidence is not None) for c in block.cells]
            for t, bbox, ocr in items:
                for ln in normalize(join_place_names(t) if ocr else t).split("\n"):
                    if ln.strip():
                        out.append(OcrLine(ln.strip(), page.number, bbox, page.width, ocr))
    return out


def build_document(pages: list[Page], table: TableResult) -> tuple[DocResult, list[tuple[str, int | None]]]:
    read = canonical_header(_lines(pages, table))
    lines = [(ln.text, ln.page) for ln in read]
    texts = [t for t, _ in lines]
    memo = parse_memo(texts)
    agency = memo.agency
    if agency is None:  # a report without its memo: the title names the agency
        for t in texts[:30]:
            m = _AGENCY_IN_TEXT.search(t)
            if m:
                agency = m.group(0)
                break
    if any(ln.ocr for ln in read):
        agency = snap_agency(agency)  # a place name one glyph off the gazetteer's
    fiscal_year = fiscal_year_of([memo.subject or ""] + texts)
    fields = {f.name: getattr(memo, f.name) for f in dataclasses.fields(Document)}
    doc = Document(**{**fields, "agency": agency, "fiscal_year": fiscal_year, "period": period_of(fiscal_year)})
    return DocResult(document=doc, is_memo=memo.is_memo), lines


def _row_box(row: Row) -> BBox | None:
    boxes = [c.bbox for c in row.cells if c.bbox]
    if not boxes:
        return None
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))
