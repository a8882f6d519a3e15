"""date-out-of-period and date-after-document: dates that cannot be right.

The fiscal year reported on (document.fiscal_year, 1 Oct – 30 Sep) bounds what
a measure's period may say; the memo's own date bounds what the report may
claim as done. Dates are read with :mod:`extractor.dates`.
"""
from __future__ import annotations

from datetime import date
from typing import Iterator

from ..text.dates import find_dates
from .engine import Context, Example, Hit, rule
from .ocrnoise import ocr_digits


def _read(ctx: Context, text: str) -> str:
    """OCR'd cells are read digit-aware (:func:`.ocrnoise.ocr_digits`) before their dates are."""
    return ocr_digits(text) if (ctx.report.get("source") or {}).get("ocr") else text


def _thai_date(d: date) -> str:
    return f"{d.day}/{d.month}/{d.year + 543}"


@rule("date-out-of-period", severity="warning",
      message="ระยะเวลาดำเนินการอยู่นอกปีงบประมาณที่รายงาน",
      message_en="a measure's period lies outside the fiscal year reported on",
      example=Example("๘ ธันวาคม ๒๕๖๘ – ๓๐ มิถุนายน ๒๕๖๙", place="period"))
def date_out_of_period(ctx: Context) -> Iterator[Hit]:
    """Flags a measure's period cell, or an activity its summary or outcomes date, outside the fiscal year.

    **Why is this bad?** The report covers one fiscal year (1 ตุลาคม – 30 กันยายน);
    a period in another year is usually a template from another year, or a slip
    of the year (๒๕๖๘ for ๒๕๖๗).

    **Example:** report for ปีงบประมาณ ๒๕๖๘, period ``๘ ธันวาคม ๒๕๖๘ – ๓๐ มิถุนายน ๒๕๖๙``.

    **Fix:** correct the period to the dates within the fiscal year. In the
    summary and outcomes a day or a range of days wholly in another fiscal year
    (``จัดอบรมระหว่างวันที่ ๓ มี.ค. ๒๕๖๖ – ๕ มี.ค. ๒๕๖๖`` in a report for ๒๕๖๗)
    is flagged too, but not the date of a document referred to (``คำสั่ง …
    ลงวันที่ …``, ``ประกาศ ณ วันที่ …``; ``date_out_of_period.reference_cues``).
    """
    fy = ctx.fiscal_period
    if fy is None:
        return
    start, end = fy
    for m in ctx.measures:
        text = (m.get("period") or {}).get("text") if isinstance(m.get("period"), dict) else None
        if not text:
            continue
        spans = find_dates(_read(ctx, text))
        explicit = [s for s in spans if s.kind != "fiscal"] or spans
        outside = [s for s in explicit if s.start < start or s.end > end]
        if outside:
            yield Hit(text=" ".join(s.text for s in outside), measure=m.get("number"), field="period",
                      page=ctx.measure_page(m, field="period"),
                      message=f"ระยะเวลาดำเนินการอยู่นอกปีงบประมาณที่รายงาน "
                              f"({_thai_date(start)} – {_thai_date(end)})")
    yield from _done_out_of_period(ctx, start, end)


def _done_out_of_period(ctx: Context, start: date, end: date) -> Iterator[Hit]:
    """What the summary and outcomes say was done, dated wholly before the fiscal year (copied
    from an older report).

    Not flagged: the date of a document referred to (``reference_cues`` just
    before the date: ลงวันที่, ประกาศ ณ วันที่, …), plans (``future_markers`` of
    date-after-document), a date after the year (the year's follow-up, reported
    once it closed; after the memo's own date date-after-document reports it),
    fiscal-year labels and month-only dates.
    """
    settings = ctx.settings("date_out_of_period")
    cues = list(settings.get("reference_cues") or [])
    window = int(settings.get("window", 40))
    future = list(ctx.settings("date_after_document").get("future_markers") or [])
    future_window = int(ctx.settings("date_after_document").get("window", 25))
    for m in ctx.measures:
        for field in settings.get("fields") or ():
            for i, item in enumerate(m.get(field) or []):
                if not isinstance(item, str):
                    continue
                for s in find_dates(item):
                    if s.kind in ("fiscal", "month", "monthrange") or s.end >= start:
                        continue  # in the year, or after it: the year's follow-up (a report is written
                        # after the year closes, e.g. its procurement analysis published in October),
                        # or past the memo's date, which is date-after-document's finding
                    before = item[max(0, s.pos[0] - window):s.pos[0]]
                    if any(c in before for c in cues) or any(w in item[max(0, s.pos[0] - future_window):s.pos[0]]
                                                            for w in future):
                        continue
                    yield Hit(text=s.text, measure=m.get("number"), field=field, page=ctx.measure_page(m, i, field),
                              message=f"รายงานว่าดำเนินการในวันที่นอกปีงบประมาณที่รายงาน "
                                      f"({_thai_date(start)} – {_thai_date(end)})",
                              message_en="an activity reported as done outside the fiscal year reported on")


@rule("date-after-document", severity="error",
      message="รายงานว่าดำเนินการแล้วในวันที่หลังวันที่ของบันทึกข้อความ",
      message_en="something reported done after the memo's own date",
      example=Example("ดำเนินการเมื่อวันที่ ๑ เมษายน ๒๕๖๘"))
def date_after_document(ctx: Context) -> Iterator[Hit]:
    """Flags a date in a measure's summary or outcomes that is later than the memo's date.

    **Why is this bad?** The report cannot have seen what had not happened yet:
    a result dated after the memo is a wrong year or a copied sentence.

    **Example:** memo dated ๕ มีนาคม ๒๕๖๙, summary says
    ``(ดำเนินการเมื่อวันที่ ๑ เมษายน ๒๕๖๙)``.

    **Fix:** correct the date. Dates announced as plans (จะ…, กำหนด…, แผน…
    just before the date; see ``date_after_document.future_markers``) and
    fiscal-year labels (ปีงบประมาณ ๒๕๖๙) are not flagged.
    """
    try:
        doc_date = date.fromisoformat(ctx.document.get("date") or "")
    except (TypeError, ValueError):
        return
    settings = ctx.settings("date_after_document")
    markers = list(settings.get("future_markers") or [])
    window = int(settings.get("window", 25))
    for m in ctx.measures:
        for field in ("summary", "outcomes"):
            for i, item in enumerate(m.get(field) or []):
                if not isinstance(item, str):
                    continue
                item = _read(ctx, item)
                for s in find_dates(item):
                    if s.kind == "fiscal" or s.start <= doc_date:
                        continue
                    if any(w in item[max(0, s.pos[0] - window):s.pos[0]] for w in markers):
                        continue
                    yield Hit(text=s.text, measure=m.get("number"), field=field, page=ctx.measure_page(m, i, field),
                              message=f"รายงานว่าดำเนินการแล้วในวันที่หลังวันที่ของบันทึกข้อความ "
                                      f"({_thai_date(doc_date)})")
