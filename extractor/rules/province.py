"""reference-province: the memo's number (ที่ ปข ๗๕๐๐๑/๓๘๙) begins with another province's letters.

A local authority's letters start with its province's (อักษรย่อจังหวัด,
``rules/data/provinces.yaml``). The agency's province comes from the DLA
gazetteer (type + name; a name that exists in several provinces is narrowed by
the provinces the memo names), else — an agency outside the gazetteer, a
hospital — from the one province the memo's own text names (จังหวัด…).
Ministry letters (มท, สธ, …) and an unknown province are never a finding.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Iterator

from ..text.chars import CONSONANTS
from .agency import gazetteer, own_agency
from .engine import Context, Example, Hit, rule

_LETTERS = re.compile(rf"^\s*(?:ที่\s*)?(?P<l>[{CONSONANTS}]{{2}})\.?\s*(?=[0-9๐-๙])")
MEMO_LINES = 40  # the memo's head and body: where its own province is named


@lru_cache(maxsize=4)
def _names_regex(names: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("จังหวัด\\s*(" + "|".join(sorted(map(re.escape, names), key=len, reverse=True)) + ")")


def provinces_named(texts: list[str], provinces: dict[str, Any]) -> set[str]:
    """Codes of the provinces named after "จังหวัด" in ``texts``."""
    by_name = {v["name"]: code for code, v in provinces.items() if isinstance(v, dict) and v.get("name")}
    if not by_name:
        return set()
    rx = _names_regex(tuple(by_name))
    return {by_name[m.group(1)] for t in texts for m in rx.finditer(t or "")}


def own_provinces(ctx: Context, provinces: dict[str, Any]) -> set[str]:
    """The province codes the report's agency may be in: one when it is known, else several or none."""
    doc = ctx.document
    named = provinces_named([doc.get("agency") or "", doc.get("division") or "", doc.get("subject") or ""]
                            + [t for t, _ in ctx.memo[:MEMO_LINES]], provinces)
    own = own_agency(ctx)
    if own is not None:
        codes = set(gazetteer().provinces.get((own.type, own.name), ()))
        if own.type == "provincial_admin_org":  # อบจ.ตรัง: the name is the province
            codes |= {c for c, v in provinces.items() if v.get("name") == own.name}
        if len(codes) > 1 and named & codes:
            codes &= named
        if codes:
            return codes
    return named


@rule("reference-province", severity="warning", fixable=True,
      message="อักษรย่อจังหวัดในเลขที่หนังสือไม่ตรงกับจังหวัดของหน่วยงาน",
      message_en="the letter number begins with another province's letters",
      example=Example("อต ๕๒๑๐๒/๑๔๘", place="reference", document={"agency": "เทศบาลตำบลน้ำโจ้"}))
def reference_province(ctx: Context) -> Iterator[Hit]:
    """Flags a memo number (ที่) whose province letters are not the agency's province.

    **Why is this bad?** The letters before an official letter's number say
    which province's agency sent it (ปข ประจวบคีรีขันธ์, อต อุตรดิตถ์); another
    province's letters are almost always a memo copied from another agency's
    template, and the number then points to a letter that is not this one.

    **Example:** in เทศบาลตำบลน้ำโจ้'s memo (ลำปาง), ``ที่ อต ๕๒๑๐๒/๑๔๘``.

    **Fix:** write the agency's province letters (the suggestion, ``ลป ๕๒๑๐๒/๑๔๘``).
    A name found in several provinces (หินเหล็กไฟ: บุรีรัมย์, ประจวบคีรีขันธ์) is
    narrowed by the provinces the memo names; still several, any of them is quiet.
    Ministry letters (มท, สธ, …; ``ministry_letters`` in ``rules/provinces.yaml``)
    and a report whose province cannot be known are not flagged.
    """
    ref = ctx.document.get("reference")
    provinces = ctx.config.get("provinces") or {}
    m = _LETTERS.match(ref) if isinstance(ref, str) else None
    if not m or m.group("l") in (ctx.config.get("ministry_letters") or {}):
        return
    by_abbr = {v.get("abbr"): code for code, v in provinces.items() if isinstance(v, dict)}
    written = by_abbr.get(m.group("l"))
    if written is None:
        return  # not a province's letters: nothing to compare
    own = own_provinces(ctx, provinces)
    if not own or written in own:
        return
    right = [provinces[c]["abbr"] for c in sorted(own)]
    names = " หรือ ".join(provinces[c]["name"] for c in sorted(own))
    yield Hit(text=ref, field="reference", page=ctx._memo_page(ref),
              suggestion=ref[:m.start("l")] + right[0] + ref[m.end("l"):] if len(right) == 1 else None,
              message=f"อักษรย่อ {m.group('l')} เป็นของจังหวัด{provinces[written]['name']} "
                      f"แต่หน่วยงานอยู่ในจังหวัด{names}",
              message_en=f"the letters {m.group('l')} are another province's, not the agency's")
