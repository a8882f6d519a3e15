"""copied-from-previous-year: a result that repeats the same agency's report of the year before.

Methods and responsible legitimately repeat year after year; what was done and
what it achieved should not. Last year's report comes from the history
(``ita check --db H``; :func:`extractor.history.search.previous_report`) as
``Context.previous``; without it the rule is quiet.
"""
from __future__ import annotations

from typing import Any, Iterator

from rapidfuzz import fuzz, process

from ..text.digits import squash, thai_digits
from .engine import Context, Example, Hit, rule

# Measured on the samples (docs/rules-context.md): unrelated entries of different agencies
# score under 52 in 99% of 22,816 pairs; the ones at 90+ are template lines of at most
# 48 characters ("เผยแพร่สรุปผลการจัดซื้อจัดจ้างรายเดือนครบ ๑๒ เดือน"), which MIN_CHARS leaves out.
MIN_RATIO = 92
MIN_CHARS = 50
RESULT_FIELDS = ("summary", "outcomes")  # methods and responsible legitimately repeat

_LAST_YEAR = {
    "document": {"agency": "องค์การบริหารส่วนตำบลหินเหล็กไฟ", "fiscal_year": 2567},
    "source": {"file": "ita-2567.pdf"},
    "measures": [{"number": 1, "summary": ["จัดอบรมให้ความรู้เรื่องการป้องกันผลประโยชน์ทับซ้อนแก่พนักงานส่วนตำบล"
                                            "และพนักงานจ้างจำนวน ๔๕ คน ณ ห้องประชุม"], "outcomes": []}],
}


def _entries(report: dict[str, Any]) -> list[tuple[str, int | None, str, str]]:
    """(squashed text, measure number, field, as written) of every summary and outcomes entry."""
    out = []
    for m in report.get("measures") or []:
        if not isinstance(m, dict):
            continue
        for f in RESULT_FIELDS:
            for t in m.get(f) or []:
                if isinstance(t, str):
                    out.append((squash(thai_digits(t)), m.get("number"), f, t))
    return out


def copied_entries(report: dict[str, Any], previous: dict[str, Any], min_ratio: float = MIN_RATIO,
                   min_chars: int = MIN_CHARS) -> Iterator[tuple[dict[str, Any], str, int, str, tuple, float]]:
    """(measure, field, item index, text, last year's entry, score) for each copied result."""
    old = [e for e in _entries(previous) if len(e[0]) >= min_chars]
    if not old:
        return
    choices = [e[0] for e in old]
    for m in report.get("measures") or []:
        if not isinstance(m, dict):
            continue
        for f in RESULT_FIELDS:
            for i, t in enumerate(m.get(f) or []):
                if not isinstance(t, str):
                    continue
                bare = squash(thai_digits(t))
                if len(bare) < min_chars:
                    continue
                best = process.extractOne(bare, choices, scorer=fuzz.ratio, score_cutoff=min_ratio)
                if best is not None:
                    yield m, f, i, t, old[best[2]], best[1]


@rule("copied-from-previous-year", severity="warning",
      message="ผลการดำเนินการซ้ำกับรายงานของปีงบประมาณก่อน",
      message_en="a result repeats the agency's report of the previous fiscal year",
      example=Example("จัดอบรมให้ความรู้เรื่องการป้องกันผลประโยชน์ทับซ้อนแก่พนักงานส่วนตำบลและพนักงานจ้างจำนวน ๔๕ คน "
                      "ณ ห้องประชุม", history=_LAST_YEAR))
def copied_from_previous_year(ctx: Context) -> Iterator[Hit]:
    """Flags a summary or outcomes entry identical, or nearly so, to last year's report.

    **Why is this bad?** A result is what was done this year; the same sentence
    as last year's report (same numbers, same dates) means the row was copied
    and not updated, and the assessor reads last year's work as this year's.

    **Example:** ``จัดอบรมให้ความรู้เรื่องการป้องกันผลประโยชน์ทับซ้อนแก่พนักงานส่วนตำบล
    และพนักงานจ้างจำนวน ๔๕ คน ณ ห้องประชุม`` word for word in the reports for
    ๒๕๖๗ and ๒๕๖๘ (needs the history: ``ita check --db H``).

    **Fix:** write this year's result. Methods and responsible are not compared
    (they legitimately repeat), nor entries shorter than ``min_chars``
    (``เผยแพร่สรุปผลการจัดซื้อจัดจ้างรายเดือนครบ ๑๒ เดือน`` is a template line).
    """
    prev = ctx.previous
    if not prev:
        return
    settings = ctx.settings("copied_from_previous_year")
    min_ratio = float(settings.get("min_ratio", MIN_RATIO))
    min_chars = int(settings.get("min_chars", MIN_CHARS))
    year = (prev.get("document") or {}).get("fiscal_year")
    ref = (prev.get("document") or {}).get("reference")
    name = ", ".join(x for x in (f"ที่ {ref}" if ref else "", (prev.get("source") or {}).get("file")) if x) or "-"
    for m, f, i, t, entry, score in copied_entries({"measures": ctx.measures}, prev, min_ratio, min_chars):
        where = f"มาตรการที่ {thai_digits(str(entry[1]))}" if entry[1] is not None else "-"
        yield Hit(text=t, measure=m.get("number"), field=f, page=ctx.measure_page(m, i, f),
                  message=f"ผลการดำเนินการซ้ำกับรายงานปีงบประมาณ {thai_digits(str(year or '-'))} "
                          f"({name}, {where}) {'ทุกคำ' if score >= 100 else 'เกือบทุกคำ'}",
                  message_en=f"repeats the {year or 'previous'} report ({name}, measure {entry[1]})"
                             f"{'' if score >= 100 else ' almost'} word for word")
