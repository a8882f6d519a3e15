"""An ita-extract/1 report laid out for the result page: cells cut into marked segments.

Templates cannot search strings well, so this module does the one real job of
the result page: put every finding *where it is*. A finding's ``measure`` and
``field`` name a cell; its ``text`` is looked up inside that cell's entries
and the entry is cut into ``(text, finding id)`` segments, so the template
only wraps the marked ones in ``<mark>``. A finding whose text cannot be
found (an empty cell, a rule that quotes nothing) flags the whole cell; a
memo finding lands on the memo field it names, or in the memo's own list.

Pure functions of the JSON: the same view serves a fresh upload and a report
read back from the history store.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

CELL_FIELDS = ("measure", "methods", "responsible", "period", "summary", "outcomes")
MEMO_FIELDS = ("agency", "division", "reference", "date", "subject", "addressee", "fiscal_year",
               "period", "ita_score", "ita_result", "signatories")
SEVERITIES = ("error", "warning", "info")
LOW_CONFIDENCE = 0.75  # OCR mean confidence (0–1) under which a cell is worth re-reading against the scan

Segment = tuple[str, "int | None"]  # (text, id of the finding that marks it, or None)


@dataclass
class Finding:
    """One finding with the id its mark and its list entry share."""

    id: int
    rule: str
    severity: str
    message: str
    message_en: str | None
    measure: int | None
    field: str | None
    page: int | None
    text: str
    suggestion: str | None
    placed: str = "report"   # cell | memo | row | report: where the page shows it
    marked: bool = False     # its text is highlighted (else the cell/section is flagged)

    @property
    def anchor(self) -> str:
        return f"f{self.id}"


@dataclass
class Cell:
    """A table cell or memo field: entries cut into segments, plus the findings noted beside it."""

    field: str
    items: list[list[Segment]]
    notes: list[int] = field(default_factory=list)
    flagged: bool = False    # a finding about the cell as a whole (nothing to highlight)
    confidence: float | None = None  # OCR only: mean word confidence of the cell (0–1)

    @property
    def doubtful(self) -> bool:
        return self.confidence is not None and self.confidence < LOW_CONFIDENCE

    @property
    def empty(self) -> bool:
        return not any(text for item in self.items for text, _ in item)


@dataclass
class Row:
    number: int | None
    cells: list[Cell]
    pages: list[int]
    notes: list[int] = field(default_factory=list)  # findings on the measure but no cell

    @property
    def anchor(self) -> str:
        return f"m{self.number}" if self.number is not None else ""


@dataclass
class ReportView:
    source: dict[str, Any]
    memo: list[Cell]               # memo fields that have a value or a finding
    memo_notes: list[int]          # memo findings not on any field
    rows: list[Row]
    report_notes: list[int]        # findings naming a measure the table does not have
    findings: list[Finding]
    rules: list[str]
    counts: dict[str, int]

    def finding(self, fid: int) -> Finding:
        return self.findings[fid]


def build(report: dict[str, Any]) -> ReportView:
    """The whole result page's data from one ita-extract/1 document."""
    findings = [_finding(i, f) for i, f in enumerate(report.get("findings") or [])]
    rows = [_row(m) for m in report.get("measures") or []]
    memo = _memo(report.get("document") or {})
    memo_notes: list[int] = []
    report_notes: list[int] = []
    by_number = {r.number: r for r in rows if r.number is not None}
    for f in findings:
        if f.measure is None:
            _place_memo(f, memo, memo_notes)
        elif f.measure in by_number:
            _place_row(f, by_number[f.measure])
        else:
            report_notes.append(f.id)
    counts = {s: sum(1 for f in findings if f.severity == s) for s in SEVERITIES}
    return ReportView(
        source=report.get("source") or {},
        memo=[c for c in memo if not c.empty or c.notes],
        memo_notes=memo_notes, rows=rows, report_notes=report_notes, findings=findings,
        rules=sorted({f.rule for f in findings}), counts=counts)


def _finding(i: int, f: dict[str, Any]) -> Finding:
    return Finding(id=i, rule=str(f.get("rule") or "?"), severity=str(f.get("severity") or "info"),
                   message=str(f.get("message") or ""), message_en=f.get("message_en"),
                   measure=f.get("measure"), field=f.get("field"), page=f.get("page"),
                   text=str(f.get("text") or ""), suggestion=f.get("suggestion"))


def _row(m: dict[str, Any]) -> Row:
    confidence = m.get("confidence") or {}
    cells = []
    for name in CELL_FIELDS:
        value = m.get(name)
        if name == "period":
            value = (value or {}).get("text")
        if isinstance(value, list):
            items = [str(v) for v in value]
        else:
            items = [str(value)] if value else []
        cells.append(Cell(name, [[(text, None)] for text in items], confidence=confidence.get(name)))
    return Row(m.get("number"), cells, list(m.get("pages") or []))


def _memo(doc: dict[str, Any]) -> list[Cell]:
    cells = []
    for name in MEMO_FIELDS:
        value = doc.get(name)
        if name == "period" and isinstance(value, dict):
            items = [" – ".join(v for v in (value.get("start"), value.get("end")) if v)]
        elif name == "signatories":
            items = [" ".join(filter(None, (s.get("name"), f"({s['position']})" if s.get("position") else None)))
                     for s in value or []]
        elif value is None or value == "":
            items = []
        elif isinstance(value, float):
            items = [f"{value:.2f}"]
        else:
            items = [str(value)]
        cells.append(Cell(name, [[(text, None)] for text in items if text]))
    return cells


def _place_row(f: Finding, row: Row) -> None:
    """Mark the finding in its cell; without a field, in whichever cell quotes it."""
    cells = [c for c in row.cells if c.field == f.field] if f.field else row.cells
    if f.field and not cells:  # a field the table does not have: note it on the row
        row.notes.append(f.id)
        f.placed = "row"
        return
    for cell in cells:
        if _mark(cell, f):
            cell.notes.append(f.id)
            f.placed, f.marked = "cell", True
            return
    target = cells[0] if f.field else None
    if target is None:
        row.notes.append(f.id)
        f.placed = "row"
    else:
        target.notes.append(f.id)
        target.flagged = True
        f.placed = "cell"


def _place_memo(f: Finding, memo: list[Cell], memo_notes: list[int]) -> None:
    """A memo finding goes on the field it names, else on the field that quotes it, else the memo list."""
    named = [c for c in memo if c.field == f.field]
    for cell in named or memo:
        if _mark(cell, f):
            cell.notes.append(f.id)
            f.placed, f.marked = "memo", True
            return
    if named:
        named[0].notes.append(f.id)
        named[0].flagged = True
    else:
        memo_notes.append(f.id)
    f.placed = "memo"


def _mark(cell: Cell, f: Finding) -> bool:
    """Cut the first unmarked segment of ``cell`` that contains ``f.text``; False when it is not there."""
    if not f.text.strip():
        return False
    for i, item in enumerate(cell.items):
        for j, (text, owner) in enumerate(item):
            if owner is not None:
                continue
            span = locate(text, f.text)
            if span is None:
                continue
            a, b = span
            cut = [(text[:a], None), (text[a:b], f.id), (text[b:], None)]
            cell.items[i] = item[:j] + [s for s in cut if s[0]] + item[j + 1:]
            return True
    return False


def locate(haystack: str, needle: str) -> tuple[int, int] | None:
    """[start, end) of ``needle`` in ``haystack``, exactly or ignoring whitespace and case.

    >>> locate("สแกน OR Code ได้", "OR  code")
    (5, 12)
    """
    i = haystack.find(needle)
    if i >= 0:
        return i, i + len(needle)
    want = re.sub(r"\s+", "", needle).casefold()
    if not want:
        return None
    kept = [(k, ch) for k, ch in enumerate(haystack) if not ch.isspace()]
    flat = "".join(ch for _, ch in kept).casefold()
    if len(flat) != len(kept):  # casefold changed the length (ß…): exact match only
        return None
    i = flat.find(want)
    if i < 0:
        return None
    return kept[i][0], kept[i + len(want) - 1][0] + 1


def page_ranges(pages: list[int]) -> list[tuple[int, int]]:
    """[2, 3, 4, 7] → [(2, 4), (7, 7)]: runs of consecutive pages for "หน้า ๒–๔, ๗"."""
    runs: list[tuple[int, int]] = []
    for p in sorted(set(pages)):
        if runs and p == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], p)
        else:
            runs.append((p, p))
    return runs


def snippet_segments(snippet: str, highlights: list[list[int]]) -> list[Segment]:
    """A search hit's snippet cut at its [start, end) highlight offsets (1 marks a hit)."""
    out: list[Segment] = []
    pos = 0
    for a, b in sorted(highlights):
        a, b = max(a, pos), min(b, len(snippet))
        if a >= b:
            continue
        if a > pos:
            out.append((snippet[pos:a], None))
        out.append((snippet[a:b], 1))
        pos = b
    if pos < len(snippet):
        out.append((snippet[pos:], None))
    return out
