"""The whole path of one input: read → table → normalize → document → rules → Report.

Each stage is its own module; this file only strings them together in order,
so a newcomer can follow a report from bytes to JSON here.
"""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

from . import __version__
from .errors import UnusableInput
from .model import Finding, Report, Source
from .options import DEFAULT, ExtractOptions
from .read import read


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def read_safely(path: Path, options: ExtractOptions = DEFAULT):
    """Read ``path``; a reader that fails on odd input reports it as unusable input.

    A reader crash on a malformed file is, for the user, a file that cannot be
    read: one clear line, not a traceback (ITA_DEBUG=1 shows the traceback).
    """
    try:
        return read(path, options)
    except (UnusableInput, MemoryError, KeyboardInterrupt):
        raise
    except Exception as e:  # noqa: BLE001 - any reader failure is a bad-input report
        if isinstance(e, ImportError) and "failed to map segment" in str(e):
            # a library loaded lazily (OpenCV for OCR) past a batch worker's address-space limit
            raise MemoryError(str(e)) from e
        if os.environ.get("ITA_DEBUG"):
            raise
        reason = str(e).splitlines()[0][:200] if str(e) else type(e).__name__
        raise UnusableInput(f"อ่านไฟล์ไม่ได้ (could not read the file: {type(e).__name__}: {reason})") from e


def extract(path: str | Path, options: ExtractOptions = DEFAULT, *,
            rules_files: list[Path] | tuple | None = None, with_findings: bool | None = None,
            history: str | Path | None = None, plan: dict | None = None) -> Report:
    """Extract one input into an ita-extract/1 :class:`Report` (raises UnusableInput).

    ``rules_files``, ``with_findings``, ``history`` and ``plan``, when given, override ``options``
    (a shorthand for tests). ``options.history`` (a history store) gives the rules last year's report
    of the same agency; ``options.plan`` (an ita-extract/1 plan) the plan the report answers.
    This runs in the calling process: entry points go through :func:`extractor.guarded.run_guarded`,
    which runs it in an isolated, limited worker.
    """
    from .document import build_document
    from .table import build_table

    if rules_files is not None:
        options = options.replace(rules_files=rules_files)
    if with_findings is not None:
        options = options.replace(with_findings=with_findings)
    if history is not None:
        options = options.replace(history=str(history))
    if plan is not None:
        options = options.replace(plan=plan)
    path = Path(path)
    result = read_safely(path, options)
    table = build_table(result.pages)
    doc, memo_lines = build_document(result.pages, table)
    if not table.measures and not doc.is_memo:
        raise UnusableInput("ไม่พบบันทึกข้อความหรือตารางมาตรการ ITA (neither a memo nor an ITA measure table)")
    source = Source(file=path.name, sha256=sha256_of(path), format=result.format,
                    pages=result.page_count, ocr=result.ocr)
    doc.document.kind = table.kind
    report = Report(source=source, document=doc.document, measures=table.measures,
                    tool={"name": "ita-extract", "version": __version__})
    if not table.measures:
        report.findings.append(Finding(
            rule="no-table", severity="info", message="ไม่พบตารางมาตรการในเอกสาร (บันทึกข้อความอย่างเดียว)",
            message_en="no measure table in the document (memo only)"))
    report.findings.extend(replaced_layers(result.notes))
    report.findings.extend(page_fallbacks(result.pages))
    report.findings.extend(low_confidence(report))
    if options.with_findings:
        previous, plan = context_from(options.history, report) if options.history else (None, None)
        report.findings.extend(check(report, memo_lines, rules_files=options.rules_files,
                                     previous=previous, plan=options.plan or plan))
    return report


def replaced_layers(notes: list[str]) -> list[Finding]:
    """An info finding for every PDF page whose junk text layer was replaced by OCR of its image."""
    from .read.pdf.judge import replaced_pages
    return [Finding(rule="ocr-text-layer-replaced", severity="info", page=page,
                    message=f"ชั้นข้อความของหน้า {page} อ่านไม่ได้ ({why}) จึงอ่านข้อความจากภาพสแกนแทน",
                    message_en=f"page {page}: the text layer is junk ({why}); the page image was OCR'd instead")
            for page, why in replaced_pages(notes)]


def page_fallbacks(pages) -> list[Finding]:
    """An info finding for every OCR'd page read as plain lines (or not at all) instead of fully."""
    out = []
    for p in pages:
        why = getattr(p, "fallback", None)
        if not why:
            continue
        lost = why.startswith("unreadable")
        out.append(Finding(
            rule="ocr-page-fallback", severity="info", page=p.number,
            message=(f"หน้า {p.number} อ่านด้วย OCR ไม่ได้ จึงข้ามหน้านี้" if lost else
                     f"หน้า {p.number} อ่านตารางไม่ได้ จึงอ่านเป็นบรรทัดข้อความตามลำดับแทน") + f" ({why[:120]})",
            message_en=(f"page {p.number}: OCR could not read the page, left empty" if lost else
                        f"page {p.number}: read as plain lines in reading order, not as a table") + f" ({why[:120]})"))
    return out


LOW_OCR_CONFIDENCE = 0.6  # mean Tesseract word confidence under which a cell should be read by a person


def low_confidence(report: Report) -> list[Finding]:
    """An info finding for every OCR'd cell read with low confidence: a person should check it."""
    out = []
    for m in report.measures:
        for fld, conf in (m.confidence or {}).items():
            if conf < LOW_OCR_CONFIDENCE:
                value = getattr(m, fld)
                text = value.text if fld == "period" else (" ".join(value) if isinstance(value, list) else value)
                out.append(Finding(
                    rule="low-ocr-confidence", severity="info",
                    message=f"อ่านข้อความจากภาพได้ไม่ชัด (ความเชื่อมั่น {conf:.0%}) ควรตรวจทานกับต้นฉบับ",
                    message_en=f"OCR confidence {conf:.0%}: check this cell against the original",
                    measure=m.number, field=fld, page=(m.pages or [None])[0], text=(text or "")[:200]))
    return out


def context_from(history: str | Path, report: Report) -> tuple[dict | None, dict | None]:
    """From the history store at ``history``: the same agency's report of the fiscal year before,
    and its indexed plan for this year (a report is checked against it without ``--plan``)."""
    from .history.base import open_store
    if report.document.kind == "plan":
        return None, None
    store = open_store(history, create=False)
    try:
        agency, year = report.document.agency, report.document.fiscal_year
        return store.previous_report(agency, year), store.indexed_plan(agency, year)
    finally:
        store.close()

def check(report: Report, memo_lines: list[tuple[str, int | None]], *, rules_files=(),
          previous: dict | None = None, plan: dict | None = None) -> list[Finding]:
    """Run the rules (extractor.rules) on the report's JSON and the memo's text lines."""
    from .rules import check as run_rules
    items = {m.number: m.item_numbers for m in report.measures if m.item_numbers}
    pages = {m.number: m.item_pages for m in report.measures if m.item_pages}
    return [Finding(**f) for f in run_rules(report.to_json(), memo_lines, rules_files=list(rules_files),
                                            items=items, item_pages=pages, previous=previous, plan=plan)]
