"""empty-cell and duplicate-text: table cells that say nothing or say another measure's words."""
from __future__ import annotations

from functools import lru_cache
from typing import Any, Iterator

from rapidfuzz import fuzz

from .examples import BASE_MEASURE
from .engine import Context, Example, Hit, rule

FIELD_TH = {"measure": "มาตรการ/กิจกรรม", "methods": "วิธีการดำเนินการ", "responsible": "ผู้รับผิดชอบ",
            "period": "ระยะเวลาดำเนินการ", "summary": "สรุปผลการดำเนินการ",
            "outcomes": "ผลลัพธ์หรือความสำเร็จของการดำเนินการ"}


def _bare(text: str) -> str:
    return "".join(text.split())


@lru_cache(maxsize=4096)
def _grams(text: str, n: int = 4) -> frozenset[str]:
    return frozenset(text[i:i + n] for i in range(max(1, len(text) - n + 1)))


def repeats(text: str, other: str, min_ratio: float) -> bool:
    """``text`` (or ``other``) appears, nearly word for word, inside the other one.

    A 4-gram overlap test first keeps the rapidfuzz alignment to likely pairs.
    """
    a, b = _grams(text), _grams(other)
    small, big = (a, b) if len(a) <= len(b) else (b, a)
    if len(small & big) < 0.7 * len(small):
        return False
    return bool(fuzz.partial_ratio(text, other, score_cutoff=min_ratio))


@rule("empty-cell", severity="error",
      message="ไม่มีข้อความในช่อง", message_en="a measure with no summary or no outcome",
      example=Example("-", place="outcomes"))
def empty_cell(ctx: Context) -> Iterator[Hit]:
    """Flags a measure whose summary or outcomes cell is empty (or only "-").

    **Why is this bad?** The report exists to show what was done and what it
    achieved; an empty cell is a measure reported without a result, which the
    ITA assessor scores as not done.

    **Example:** measure ๕ with its ผลลัพธ์ column left blank.

    **Fix:** write the result, or remove the measure if it was not carried out.
    """
    if ctx.document.get("kind") == "plan":
        return  # a plan has no results yet
    settings = ctx.settings("empty_cell")
    placeholders = {_bare(p) for p in settings.get("placeholders") or []}
    for m in ctx.measures:
        for field in settings.get("fields") or ["summary", "outcomes"]:
            items = m.get(field) or []
            if all(not isinstance(t, str) or _bare(t) in placeholders or not _bare(t) for t in items):
                yield Hit(text="", measure=m.get("number"), field=field, page=ctx.measure_page(m),
                          message=f"ไม่มีข้อความในช่อง{FIELD_TH.get(field, field)}",
                          message_en=f"empty {field} cell")


def _items(m: dict[str, Any], fields: list[str]) -> Iterator[tuple[str, int, str]]:
    for f in fields:
        for i, t in enumerate(m.get(f) or []):
            if isinstance(t, str):
                yield f, i, t


@rule("duplicate-text", severity="warning",
      message="ข้อความซ้ำกับมาตรการอื่น", message_en="a cell repeats another measure's text",
      example=Example("จัดอบรมให้ความรู้เรื่องการป้องกันผลประโยชน์ทับซ้อนแก่พนักงานส่วนตำบลทุกคน", measures=[
          dict(BASE_MEASURE, number=1, summary=["จัดอบรมให้ความรู้เรื่องการป้องกันผลประโยชน์ทับซ้อนแก่พนักงานส่วนตำบลทุกคน"]),
          dict(BASE_MEASURE, number=2, measure="การป้องกันผลประโยชน์ทับซ้อน",
               summary=["จัดอบรมให้ความรู้เรื่องการป้องกันผลประโยชน์ทับซ้อนแก่พนักงานส่วนตำบลทุกคน"])]))
def duplicate_text(ctx: Context) -> Iterator[Hit]:
    """Flags a cell entry that repeats an earlier measure's text (rapidfuzz partial_ratio).

    **Why is this bad?** A result pasted from another measure is not this
    measure's result; often the row was filled from the wrong place or the
    real text was never written.

    **Example:** measure ๕'s summary ``ป้องกันการทุจริต/และพัฒนาทรัพยากรบุคคล
    ลงเว็บไซต์หลักของ…`` is the tail of measure ๔'s summary.

    **Fix:** write this measure's own text. Short entries (under
    ``duplicate_text.min_chars`` characters, e.g. ``สำนักปลัด``) are never compared,
    and the finding is put on the later measure only.
    """
    settings = ctx.settings("duplicate_text")
    min_chars = int(settings.get("min_chars", 40))
    min_ratio = float(settings.get("min_ratio", 95))
    fields = list(settings.get("fields") or ["methods", "summary", "outcomes"])
    earlier: list[tuple[int | None, str, str]] = []  # (measure, field, bare text)
    for m in ctx.measures:
        mine = [(f, i, t, _bare(t)) for f, i, t in _items(m, fields)]
        flagged: set[str] = set()
        for f, i, text, bare in mine:
            if len(bare) < min_chars or f in flagged:
                continue
            for no, of, other in earlier:
                if len(other) >= min_chars and repeats(bare, other, min_ratio):
                    flagged.add(f)
                    where = f"มาตรการที่ {no}" if no is not None else "มาตรการก่อนหน้า"
                    yield Hit(text=text, measure=m.get("number"), field=f, page=ctx.measure_page(m, i, f),
                              message=f"ข้อความซ้ำกับ{where} ({FIELD_TH.get(of, of)})",
                              message_en=f"repeats measure {no}'s {of}")
                    break
        earlier += [(m.get("number"), f, b) for f, _, _, b in mine]
