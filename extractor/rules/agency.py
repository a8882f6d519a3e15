"""agency-mismatch and agency-name: other agencies' names, and the own name misspelt.

Both read the agency mentions in the text: a type form (องค์การบริหารส่วนตำบล,
อบต., เทศบาลตำบล, ทต., …; ``rules/agencies.yaml``) followed by a bare name from
the DLA gazetteer (``rules/data/thai-local-authorities.json``). Bare names
repeat across provinces, so an agency is its type + name, and a name ends only
where Thai allows a word to end. Helpers with one job each: ``mentions`` (a
template leftover or a legitimate mention), ``fullname`` (agencies outside the
gazetteer, by their whole name), ``ocrnoise`` (a scanner's misread or a slip).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterator

from rapidfuzz import fuzz

from .engine import Context, Example, Hit, Variant, rule
from .fullname import near_misses, own_full_name
from .gazetteer import index
from .mentions import read_mentions
from .ocrnoise import MAX_EDITS, REPEAT, glyph_noise, misread_in_header
from .thaitext import cuts_syllable, is_thai, letters, token_boundary

# Levels of local government: a mention of another level (the province's อบจ. in a
# tambon's report) is usually cooperation, not a copied template.
LEVEL = {"subdistrict_admin_org": "local", "subdistrict_municipality": "local",
         "town_municipality": "local", "city_municipality": "local",
         "provincial_admin_org": "province"}


gazetteer = index  # names by type, the name trie, provinces: cached between runs (rules/gazetteer.py)


@dataclass(frozen=True)
class Form:
    """One way of writing an agency type before its name."""

    text: str
    type: str
    abbr: bool


def forms(config: dict[str, Any]) -> list[Form]:
    """Type forms, longest first (so องค์การบริหารส่วนตำบล wins over a shorter one)."""
    out = []
    for t, spec in (config.get("agency_types") or {}).items():
        if spec.get("full"):
            out.append(Form(spec["full"], t, False))
        out += [Form(a, t, True) for a in spec.get("abbr") or []]
    return sorted(out, key=lambda f: -len(f.text))


@lru_cache(maxsize=8)
def _form_regex(texts: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(t) for t in texts))


@dataclass(frozen=True)
class Mention:
    """An agency named in text: ``text[start:end]`` is form + optional space + name."""

    start: int
    end: int
    form: Form
    name: str  # as written
    kind: str = "other"  # own | other | misspelt (a near miss of the own name)

    def quote(self, text: str) -> str:
        return text[self.start:self.end]


def _name_ends(rest: str, name: str) -> bool:
    """``rest`` starts with ``name`` as a whole word (not the start of a longer word)."""
    n = len(name)
    if not rest.startswith(name):
        return False
    if n < len(rest) and is_thai(rest[n]):
        if letters(name) <= 3:  # very short names (ปง, บก) only before a space or mark
            return False
        if cuts_syllable(rest, 0, n) or not token_boundary(rest, n):
            return False
    return True


def _own_ends(rest: str, own_name: str) -> bool:
    """The own name ends where newmm ends a word (no short-name guard: the name is known)."""
    n = len(own_name)
    return not cuts_syllable(rest, 0, n) and token_boundary(rest, n)


def _near_own(rest: str, own_name: str) -> tuple[float, int]:
    """Best (ratio, length) of a word-ending prefix of ``rest`` against the own name."""
    best = (0.0, 0)
    for n in range(max(2, len(own_name) - 2), min(len(rest), len(own_name) + 2) + 1):
        if cuts_syllable(rest, 0, n) or not token_boundary(rest, n):
            continue
        r = fuzz.ratio(rest[:n], own_name)
        if r > best[0]:
            best = (r, n)
    return best


def find_mentions(text: str, fs: list[Form], own_name: str | None = None,
                  near_ratio: float = 101) -> Iterator[Mention]:
    """Every type form + name in ``text``: the own name (even if not in the gazetteer),
    another gazetteer name (the longest that ends a word), or — when ``own_name`` is
    given — a near miss of the own name (ratio ≥ ``near_ratio``, closer to it than
    to any real name the text could be read as)."""
    gaz = gazetteer()
    rx = _form_regex(tuple(f.text for f in fs))
    by_text = {f.text: f for f in fs}
    for m in rx.finditer(text):
        form = by_text[m.group(0)]
        p = m.end()
        if p < len(text) and text[p] == " ":
            p += 1
        rest = text[p:p + 60]
        if not rest or not is_thai(rest[0]):
            continue
        candidates = set(gaz.trie.prefixes(rest)) | ({own_name} if own_name else set())
        name = next((n for n in sorted(candidates, key=len, reverse=True) if _name_ends(rest, n)), None)
        if own_name and rest.startswith(own_name) and not (name and len(name) > len(own_name)):
            # the own name exactly as written is never a near miss of itself, even where a
            # short name (ศิลา, ตรัง) fails the strict word-end test: "ศิลาได้ประกาศ…"
            if name == own_name or _own_ends(rest, own_name):
                yield Mention(m.start(), p + len(own_name), form, own_name, "own")
            continue
        if own_name and name != own_name and not (name and name.startswith(own_name)):
            ratio, n = _near_own(rest, own_name)
            if ratio >= near_ratio and (name is None or ratio > fuzz.ratio(name, own_name)):
                yield Mention(m.start(), p + n, form, rest[:n], "misspelt")
                continue
        if name:
            yield Mention(m.start(), p + len(name), form, name, "own" if name == own_name else "other")


@dataclass(frozen=True)
class Own:
    """The report's own agency: type + bare name."""

    type: str
    name: str


def own_agency(ctx: Context) -> Own | None:
    """From document.agency ("องค์การบริหารส่วนตำบลหินเหล็กไฟ"); when that field has only the
    type (a wrapped or OCR'd line: "องค์การบริหารส่วนตำบล") or is missing, the agency of
    that type the report names most often (at least twice)."""
    fs = forms(ctx.config)
    agency = " ".join((ctx.document.get("agency") or "").split())
    own_type = None
    for f in fs:
        if agency.startswith(f.text):
            own_type = f.type
            rest = agency[len(f.text):].strip(" .")
            # "…ตำบลหินเหล็กไฟ อำเภอหัวหิน จังหวัด…": the name is the gazetteer name, else the first word
            known = [n for n in gazetteer().trie.prefixes(rest) if _name_ends(rest, n)]
            name = max(known, key=len) if known else rest.split(" ")[0]
            if name:
                return Own(f.type, name)
            break
    if agency and own_type is None:
        return None  # not a local authority (a hospital, a ministry): nothing to compare
    seen = Counter((m.form.type, m.name) for s in ctx.segments for m in find_mentions(s.text, fs)
                   if own_type in (None, m.form.type))
    if seen:
        (t, name), n = seen.most_common(1)[0]
        if n >= 2:
            return Own(t, name)
    return None


def _bare(text: str) -> str:
    """Text without spaces: "อบต. ศิลา" and "อบต.ศิลา" are the same name (never a finding)."""
    return "".join(text.split())


def _form_for(config: dict[str, Any], type_: str, abbr: bool) -> str:
    spec = (config.get("agency_types") or {}).get(type_) or {}
    if abbr and spec.get("abbr"):
        return spec["abbr"][0]
    return spec.get("full", "")


MISMATCH_VARIANTS = (
    Variant("legitimate-mention", "info",
            "กล่าวถึงหน่วยงานอื่นในฐานะสถานที่ ผู้ร่วมงาน หรือผู้ส่ง/ผู้รับ โปรดตรวจว่าตั้งใจกล่าวถึง",
            "names another agency as a place, partner, sender or recipient: check it is meant",
            "another agency after a cue word (ศึกษาดูงาน ณ, ร่วมกับ, หนังสือจาก): a place, partner or sender",
            Example("คณะผู้บริหารศึกษาดูงาน ณ เทศบาลเมืองท่าช้าง")),
    Variant("other-type", "warning",
            "ประเภทหน่วยงานไม่ตรงกับหน่วยงานเจ้าของรายงาน (อาจเป็นชื่อเดิมก่อนยกฐานะ)",
            "the own name under another agency type (perhaps the name before an upgrade)",
            "the own name under another type (เทศบาลตำบล… in an อบต.'s report): perhaps an upgrade",
            Example("เผยแพร่ข้อมูลของเทศบาลตำบลหินเหล็กไฟ")),
    Variant("other-level", "info",
            "กล่าวถึงหน่วยงานปกครองส่วนท้องถิ่นต่างระดับ โปรดตรวจว่าตั้งใจกล่าวถึง",
            "mentions a local authority of another level: check it is meant",
            "a local authority of another level (the province's อบจ. in a tambon's report)",
            Example("เผยแพร่ข้อมูลขององค์การบริหารส่วนจังหวัดประจวบคีรีขันธ์")),
    Variant("ocr-misread", "info",
            "ชื่อหน่วยงานอาจอ่านจากภาพผิด (OCR) โปรดตรวจกับต้นฉบับ",
            "the own name may be misread by OCR as another agency's: check the original",
            "on a scan, a real name one look-alike glyph off the own name (a misread)",
            Example("เผยแพร่ข้อมูลขององค์การบริหารส่วนตำบลกระโสม", source={"ocr": True},
                    document={"agency": "องค์การบริหารส่วนตำบลกระโสบ"})),
)
# which variants drop the suggestion (the mention may be meant: nothing to replace)
_NO_SUGGESTION = ("legitimate-mention", "other-level")


@rule("agency-mismatch", severity="error", fixable=True,
      message="ชื่อหน่วยงานไม่ตรงกับหน่วยงานเจ้าของรายงาน",
      message_en="another agency's name where the report's own belongs",
      example=Example("เข้าถึงข้อมูลข่าวสารการดำเนินงานขององค์การบริหารส่วนตำบลหนองตาแต้ม"),
      variants=MISMATCH_VARIANTS)
def agency_mismatch(ctx: Context) -> Iterator[Hit]:
    """Flags another local authority's name (type + name from the DLA gazetteer).

    **Why is this bad?** It usually means the report was copied from another
    agency's template and not fully edited: the published report then credits
    work to, or describes, the wrong agency.

    **Example:** in องค์การบริหารส่วนตำบลหินเหล็กไฟ's report,
    ``เข้าถึงข้อมูลข่าวสารการดำเนินงานขององค์การบริหารส่วนตำบลหนองตาแต้ม``.

    **Fix:** write the report's own agency (the suggestion). The own name under
    another type (เทศบาลตำบลหินเหล็กไฟ in an อบต.'s report: perhaps an upgrade)
    is a warning; a name of another level of government (the province's อบจ.)
    is only info. Generic mentions (``อบต.``, ``ตำบลหินเหล็กไฟ``) are not flagged.
    A legitimate mention (a place visited, a partner, a sender: ``ศึกษาดูงาน ณ
    เทศบาลเมือง…``, ``ประสานงานกับ อบต.…``; see :mod:`extractor.rules.mentions`)
    is only info: leftovers stand where the own agency would, as owner or doer.
    On OCR'd input, a real name that is the own name with a look-alike letter or
    mark misread (:mod:`extractor.rules.ocrnoise`) is only info.
    """
    own = own_agency(ctx)
    if own is None:
        return
    fs = forms(ctx.config)
    near = _name_ratio(ctx.config)
    settings = ctx.settings("agency_mismatch")
    ocr = bool((ctx.report.get("source") or {}).get("ocr"))
    for seg in ctx.segments:
        found = list(find_mentions(seg.text, fs, own.name, near))
        legit = read_mentions(seg.text, [(m.start, m.end) for m in found], settings)
        for m, legitimate in zip(found, legit):
            if m.kind == "misspelt" or (m.kind == "own" and m.form.type == own.type) or not seg.owns(m.quote(seg.text)):
                continue
            hit = Hit(text=m.quote(seg.text), measure=seg.measure, field=seg.field, page=seg.page,
                      suggestion=_form_for(ctx.config, own.type, m.form.abbr) + own.name)
            if legitimate:
                hit.variant = "legitimate-mention"
            elif m.kind == "own":
                hit.variant = "other-type"
            elif LEVEL.get(m.form.type) != LEVEL.get(own.type):
                hit.variant = "other-level"
            elif ocr and glyph_noise(m.name, own.name, 1):
                # one look-alike glyph off the own name: a misread that happens to be a real
                # name (บางพระ read as บ้านพระ); two edits reach too many real names (บางพลี)
                hit.variant = "ocr-misread"
            if hit.variant in _NO_SUGGESTION:
                hit.suggestion = None
            yield hit


def _canonical(config: dict[str, Any], type_: str) -> list[str]:
    """The own type's correct forms before a name: full, abbreviations, heads."""
    spec = (config.get("agency_types") or {}).get(type_) or {}
    return [spec.get("full", "")] + list(spec.get("abbr") or []) + list(spec.get("heads") or [])


def _all_forms(config: dict[str, Any]) -> list[str]:
    out = []
    for spec in (config.get("agency_types") or {}).values():
        out += [spec.get("full", "")] + list(spec.get("abbr") or []) + list(spec.get("heads") or [])
    return [f for f in out if f]


def misnamed(text: str, own: Own, config: dict[str, Any]) -> Iterator[tuple[str, str, bool]]:
    """(written form + own name, correct form + own name, is_wrong_form) before each own name.

    >>> own = Own("subdistrict_admin_org", "หินเหล็กไฟ")
    >>> from extractor.rules.config import load
    >>> list(misnamed("เรียน นายกองการบริหารส่วนตำบลหินเหล็กไฟ", own, load()))
    [('นายกองการบริหารส่วนตำบลหินเหล็กไฟ', 'นายกองค์การบริหารส่วนตำบลหินเหล็กไฟ', False)]
    """
    settings = config.get("agency_name") or {}
    min_ratio = float(settings.get("min_ratio", 85))
    spec = (config.get("agency_types") or {}).get(own.type) or {}
    canon = [f for f in _canonical(config, own.type) if f]
    everything = _all_forms(config)
    wrong = list(spec.get("wrong") or [])
    start = 0
    while (pos := text.find(own.name, start)) >= 0:
        start = pos + len(own.name)
        if not _name_ends(text[pos:], own.name):
            continue
        before = text[:pos]
        stripped = before.rstrip(" ")
        if any(stripped.endswith(f) for f in everything):
            continue
        hit = next((w for w in sorted(wrong, key=len, reverse=True) if stripped.endswith(w)), None)
        if hit:
            correct = _correct(hit, canon, spec)
            head = _head_before(stripped[:len(stripped) - len(hit)], spec)
            if head:  # "นายกองค์กรบริหารส่วนตำบล…": the head's title, quoted whole
                hit, correct = head + hit, head + spec.get("full", "")
            written = text[len(stripped) - len(hit):start]
            yield written, correct + own.name, True
            continue
        best = (0.0, "", "")
        for form in canon:
            for n in range(max(1, len(form) - 3), len(form) + 4):
                if n > len(stripped):
                    break
                cand = stripped[-n:]
                if cand[0].isspace() or cuts_syllable(stripped, len(stripped) - n, len(stripped)):
                    continue
                r = fuzz.ratio(cand, form)
                if r > best[0] or (r == best[0] and len(form) > len(best[2])):
                    best = (r, cand, form)
        if best[0] >= min_ratio and best[1] != best[2]:
            written = text[len(stripped) - len(best[1]):start]
            yield written, best[2] + own.name, False


def _head_before(before: str, spec: dict[str, Any]) -> str | None:
    """The head's title word (นายก, ปลัด, รองนายก…) that ``before`` ends with, taken from
    the type's heads written as word + full form (นายกองค์การบริหารส่วนตำบล → นายก)."""
    full = spec.get("full") or ""
    words = [h[:-len(full)] for h in spec.get("heads") or [] if full and h.endswith(full) and len(h) > len(full)]
    return next((w for w in sorted(words, key=len, reverse=True) if before.endswith(w)), None)


def _correct(wrong: str, canon: list[str], spec: dict[str, Any]) -> str:
    """The canonical form a wrong form stands for: the closest one, full name by default."""
    return max(canon, key=lambda f: fuzz.ratio(wrong, f)) if canon else spec.get("full", "")


def _name_ratio(config: dict[str, Any]) -> float:
    return float((config.get("agency_name") or {}).get("name_min_ratio", 80))


def misspelt_names(text: str, own: Own, fs: list[Form], config: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """A type form followed by a near miss of the own name: "เทศบาลตำบลบางพะ" → "เทศบาลตำบลบางพระ"."""
    for m in find_mentions(text, fs, own.name, _name_ratio(config)):
        if m.kind == "misspelt":
            yield m.quote(text), m.form.text + (" " if text[m.start + len(m.form.text)] == " " else "") + own.name


@rule("agency-name", severity="error", fixable=True,
      message="ชื่อหน่วยงานหรือตำแหน่งผู้บริหารสะกดผิดหรือใช้รูปแบบไม่ถูกต้อง",
      message_en="the report's own agency or its head misspelt or in the wrong form",
      example=Example("นายกองการบริหารส่วนตำบลหินเหล็กไฟ", place="addressee"),
      variants=(
          Variant("body", "warning", "ชื่อหน่วยงานหรือตำแหน่งผู้บริหารสะกดผิดหรือใช้รูปแบบไม่ถูกต้อง",
                  "the report's own agency or its head misspelt or in the wrong form",
                  "in the memo's body or the table (not its heads): a warning",
                  Example("เผยแพร่ข้อมูลขององค์การบริหารส่วนตำบลหินเหล็กไพร")),
          Variant("ocr-misread", "info", "ชื่อหน่วยงานอาจอ่านจากภาพผิด (OCR) โปรดตรวจกับต้นฉบับ",
                  "the own name may be misread by OCR: check the original",
                  "on a scan, a near miss that differs only by look-alike letters or marks",
                  Example("เผยแพร่ข้อมูลขององค์การบริหารส่วนตำบลหินเหล็กใฟ", source={"ocr": True})),
      ))
def agency_name(ctx: Context) -> Iterator[Hit]:
    """Flags the report's own agency or its head written wrongly (rapidfuzz against the
    canonical forms in ``rules/agencies.yaml``).

    **Why is this bad?** The agency's name and its head's title are the most
    visible words of an official memo; a misspelt addressee
    (``นายกองการบริหารส่วนตำบล…``) or a wrong form of the name
    (``องค์กรปกครองส่วนตำบล…``, mixing up the generic องค์กรปกครองส่วนท้องถิ่น) is
    an error the assessor sees at once.

    **Example:** ``เรียน นายกองการบริหารส่วนตำบลหินเหล็กไฟ``

    **Fix:** the suggestion, ``นายกองค์การบริหารส่วนตำบลหินเหล็กไฟ``. In the memo's
    heads (เรียน, เรื่อง, ส่วนราชการ, a signatory's position) it is an error;
    in the memo's body and the table, a warning. Agencies outside the gazetteer
    (a hospital, a district health office) are checked by their whole name
    (:mod:`extractor.rules.fullname`). On OCR'd input a look-alike misread is
    only info (:mod:`extractor.rules.ocrnoise`). Text equal to the suggestion
    is never a finding.
    """
    found = [(h, wrong) for h, wrong in _own_name_hits(ctx) if _bare(h.text) != _bare(h.suggestion or "")]
    if (ctx.report.get("source") or {}).get("ocr"):
        _shade_ocr_noise(found, ctx.settings("agency_name"),
                         proven=misread_in_header(ctx.memo, ctx.document.get("agency")))
    for h, _ in found:
        yield h


def _own_name_hits(ctx: Context) -> Iterator[tuple[Hit, bool]]:
    """(hit, is a real but wrong form) for each place the own name is written wrongly."""
    own = own_agency(ctx)
    full = own_full_name(ctx.document.get("agency")) if own is None and not _is_local(ctx) else None
    fs = forms(ctx.config)
    for seg in ctx.segments:
        variant = None if seg.field in HEAD_FIELDS else "body"
        found: list[tuple[str, str, bool]] = []
        if own is not None:
            found += list(misnamed(seg.text, own, ctx.config))
            found += [(w, c, False) for w, c in misspelt_names(seg.text, own, fs, ctx.config)]
        elif full:
            found += [(w, full, False) for w in near_misses(seg.text, full)]
        for written, correct, wrong_form in found:
            if seg.owns(written):
                yield Hit(text=written, measure=seg.measure, field=seg.field, page=seg.page,
                          suggestion=correct, variant=variant), wrong_form


HEAD_FIELDS = ("addressee", "subject", "division", "signatories")


def _is_local(ctx: Context) -> bool:
    """document.agency starts with a local-authority type form (its gazetteer check applies)."""
    agency = " ".join((ctx.document.get("agency") or "").split())
    return any(agency.startswith(f.text) for f in forms(ctx.config))


def _shade_ocr_noise(found: list[tuple[Hit, bool]], settings: dict[str, Any], proven: bool = False) -> None:
    """Turn look-alike misreads into info, unless the same form stands in several places
    (``proven``: the scanner misread the own name in the header itself, so its repeats
    are the scanner's too)."""
    max_edits = int(settings.get("ocr_max_edits", MAX_EDITS))
    repeat = 10 ** 6 if proven else int(settings.get("ocr_repeat", REPEAT))
    where = {(h.measure, h.field, h.page, _bare(h.text)) for h, _ in found}
    places = Counter(text for *_, text in where)
    for h, wrong_form in found:
        if wrong_form or places[_bare(h.text)] >= repeat:
            continue
        if glyph_noise(h.text, h.suggestion or "", max_edits):
            h.variant = "ocr-misread"
