"""Memo header lines read by OCR, put right before :mod:`extractor.memo` parses them.

The memo parser reads labels exactly (``ที่ …``, ``วันที่ …``), as born-digital
text gives them. Tesseract does not: small marks above a letter get lost or
misread, so ``ที่`` comes out ``ที``, ``ท`` or ``Nl``, ``วันที่`` ``วนท``, ``เรื่อง``
``เรือง`` or ``เรอง``; a lone tone mark becomes a line of its own (``a ม a``);
a received stamp in the top corner carries a ``วันที่`` of its own. Left as
they are, the ที่ / วันที่ / เรื่อง lines are swallowed into the ส่วนราชการ value.

:func:`canonical_header` rewrites the header zone of OCR'd lines (from the page
top down to the เรียน line) so the parser sees what the form prints:

- a label is found by **position and fuzzy match** (rapidfuzz): it starts a line
  in the left part of the page, or — วันที่ — sits on the ที่ line, as the
  form prints them; a label found at low confidence still splits the line;
- a ``วันที่ …`` piece that OCR gave as a line of its own beside ``ที่ …`` is put
  back on that line;
- mark-only and noise lines inside the header are dropped, and so are lines
  in the right part of the page above ส่วนราชการ (stamps, a corner note).

Lines not read by OCR are never touched, so text, PDF and DOCX output stays
exactly as it was.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from .text.chars import COMBINING, CONSONANTS, THAI_CHAR, THAI_DIGITS, VOWEL_LETTERS
from .read.base import BBox
from .text.dates import find_dates, parse_date

WORDS = {"division": "ส่วนราชการ", "reference": "ที่", "date": "วันที่", "subject": "เรื่อง", "addressee": "เรียน"}
# how alike (rapidfuzz ratio, 0–100) a line's first word must be to a long label
MIN_RATIO = {"division": 75, "subject": 72, "addressee": 72}
# ที่ is too short to match fuzzily: the shapes Tesseract gives it (or any one or two Latin
# letters: "Nl", "AW"), and it must be followed by a reference
REFERENCE_HEADS = {"ที่", "ที", "ท", "ทึ่", "ทึ", "ที่:", "ที:", "ท:", "ที่่", "Nl", "N1", "NI", "Ni", "nl", "Wl", "ทื่", "ทื"}
DATE_HEADS = re.compile(r"(?:ว\s?[ัั]?\s?น\s?[ทn][ี่ิื]*|Ju[ni]+[a-z]*|วันที่|วนที่)")
_LEADING_JUNK = re.compile(r"^[\s|!_=~\-'\"‘’“”`.,:;*+•°]+")
_THAI_OR_DIGIT = re.compile(rf"[{CONSONANTS}{VOWEL_LETTERS}{THAI_DIGITS}]")
_REFERENCE_LIKE = re.compile(rf"[{CONSONANTS}]{{1,3}}\.?\s*[0-9๐-๙]|[0-9๐-๙].*/|/")
_LEADERS = re.compile(r"(?:\.{2,}|…+|_{2,}|[.\s]{6,})")
_ADDRESS_INSIDE = re.compile(rf"(?<=[{THAI_CHAR}])(?:อำเภอ|จังหวัด|ตำบล|โทร)")
RIGHT_PART = 0.5  # a line starting beyond this share of the page width is not a label line
_GLUED_CODE = re.compile(rf"^([{CONSONANTS}]{{2,3}}\.?)(?=[0-9๐-๙])")
STRAY_REACH = 12  # characters of a date value searched for one stray character
HEADER_LINES = 25  # lines after ส่วนราชการ that may still hold a label, when เรียน is never found
_STRAY_MARK = re.compile(rf"(?<=[.\s])[{COMBINING}]+")  # a mark cannot follow a dot


@dataclass
class OcrLine:
    """One line of the page as the memo parser will see it, with where OCR put it."""

    text: str
    page: int | None
    bbox: BBox | None = None
    page_width: float | None = None
    ocr: bool = False


def _starts_label(text: str, label: str) -> tuple[str, str] | None:
    """(canonical label, rest of the line) if ``text`` starts with a misread ``label``."""
    word = WORDS[label]
    head = text.split(maxsplit=1)
    if not head:
        return None
    first = head[0]
    rest = head[1] if len(head) > 1 else ""
    if label == "reference":
        latin = (re.fullmatch(rf"[A-Za-z][A-Za-z1]?|(?:ที่|ที)[^\s{CONSONANTS}]?[{CONSONANTS}]?[^\s{CONSONANTS}]?", first)
                 and re.match(rf"[{CONSONANTS}0-9๐-๙]", rest))  # "Nl", "AW", "ที่ซ่": ที่ and a speck
        if (first in REFERENCE_HEADS or latin) and (_REFERENCE_LIKE.search(rest) or not rest or _LEADERS.match(rest)):
            return word, rest
        glued = re.match(rf"^(?:ที่|ที|ท)(?=[{CONSONANTS}]{{2}}\.?\s*[0-9๐-๙/])", text)  # "ทขก ๕๒๑๐๑/…"
        if glued:
            return word, (first[glued.end():] + " " + rest).strip()
        return None
    best, cut = 0.0, 0
    for k in range(max(1, len(word) - 2), min(len(first), len(word) + 1) + 1):  # a label glued to its value
        r = fuzz.ratio(first[:k], word)
        if r > best:
            best, cut = r, k
    if best < MIN_RATIO[label]:
        return None
    if label == "subject" and first[cut:].startswith(("เดิม", "ดิม")):
        return None  # the body heading เรื่องเดิม, not the subject
    return word, (first[cut:] + " " + rest).strip()


def _split_date(rest: str) -> tuple[str, str] | None:
    """"ขก ๕๒๑๐๑/๒๐๔๗ วนท ๓ พ.ย. ๖๙" → ("ขก ๕๒๑๐๑/๒๐๔๗", "๓ พ.ย. ๖๙"): the วันที่ on the ที่ line."""
    for m in DATE_HEADS.finditer(rest):
        before, after = rest[: m.start()].rstrip(), rest[m.end():].lstrip(" :")
        if m.group(0) in ("วันที่", "วนที่") or re.match(r"[0-9๐-๙]", after) or _LEADERS.match(after):
            return before, after
    spans = [sp for sp in find_dates(rest) if sp.kind == "day"]
    if spans:  # the label misread beyond recognition ("Ful", "ฆมวนบนท่"): a date still follows it
        before = rest[: spans[0].pos[0]].split()
        if before and len(before[-1]) <= 8 and not re.search(r"[0-9๐-๙/]", before[-1]):
            before = before[:-1]
        return " ".join(before), rest[spans[0].pos[0]:]
    return None


def canonical_line(text: str) -> str | None:
    """The line with its memo label written right, or None when it starts with no label."""
    body = _LEADING_JUNK.sub("", text)
    for label in ("division", "reference", "subject", "addressee", "date"):
        if label == "date":
            m = DATE_HEADS.match(body)
            after = body[m.end():].lstrip(" :") if m else ""
            if m and (m.group(0) in ("วันที่", "วนที่") or re.match(r"[0-9๐-๙]", after)):
                return f"วันที่ {_clean_date(after)}".rstrip()
            continue
        hit = _starts_label(body, label)
        if not hit:
            continue
        word, rest = hit
        if label == "reference":
            pair = _split_date(rest)
            ref, day = pair if pair else (rest, None)
            ref = _GLUED_CODE.sub(r"\1 ", _LEADERS.sub(" ", ref).strip())  # "ขก๕๒๑๐๑/" → "ขก ๕๒๑๐๑/"
            if day is not None:
                day = _clean_date(day)
                if not ref:  # ที่ left blank (a draft, a hand-written number): the date alone
                    return f"วันที่ {day}".rstrip()
                return f"ที่ {ref} วันที่ {day}".replace("  ", " ").rstrip()
            return f"ที่ {ref}".rstrip()
        rest = " ".join(_LEADERS.sub(" ", rest).split())
        if label == "division":
            rest = _division_value(rest)
        return f"{word} {rest}".rstrip()
    return None


def _division_value(value: str) -> str:
    """The ส่วนราชการ value as OCR gives it: abbreviations spaced apart put back ("จ .มส ."
    → "จ.มส.", "ตำบล แม่สวด" → "ตำบลแม่สวด"), the address glued on ("…อำเภอสบเมยอำเภอสบเมย")
    cut off where a whole agency name ends, and trailing crumbs dropped: a postcode or
    telephone read as digits and symbols ("๔ ๘.๑.๑.๑", "๕๕==๐1"), or a place name the
    agency already holds (the "สบเมย" of "อ.สบเมย" cut from its "อ.")."""
    from .memo import AGENCY_KINDS
    value = re.sub(rf"(?<=[{CONSONANTS}])\s+\.", ".", value)
    value = re.sub(rf"(?<=[{CONSONANTS}]\.)\s+(?=[{CONSONANTS}]{{1,3}}\.)", "", value)
    value = re.sub(rf"(?<![{THAI_CHAR}])(อำเภอ|จังหวัด|ตำบล)\s+(?=[{THAI_CHAR}])", r"\1", value)
    for m in _ADDRESS_INSIDE.finditer(value):
        before = value[: m.start()].split()[-1] if value[: m.start()].split() else ""
        kind = next((k for k in AGENCY_KINDS if before.startswith(k)), None)
        if kind and len(before) > len(kind) + 2 and not value[m.start() - 1].isspace():
            value = value[: m.start()] + " " + value[m.start():]
            break
    from .text.lexicon import place_names
    words: list[str] = []
    for w in value.split():
        if words and len(w) >= 3 and any(w in v and w != v for v in words):
            continue  # a place the agency name already holds, cut from its "อ."
        if words and any(n in w and any(n in v for v in words) for n in place_names() if len(n) <= len(w)):
            continue  # the address again, its อำเภอ misread: "อำเถ่อสบเมยจังหวัด…"
        words.append(w)
    while len(words) > 1 and not re.search(rf"[{CONSONANTS}]", words[-1]):
        words.pop()
    return " ".join(words)


_THAI_WORD = re.compile(rf"[{THAI_CHAR}]{{4,}}")


def _month_snapped(m: re.Match[str]) -> str:
    """A month name with one glyph misread ("จันวาคม") → the month; any other word as it was."""
    from rapidfuzz.distance import Levenshtein

    from .text.dates import MONTHS_FULL
    word = m.group(0)
    if word in MONTHS_FULL:
        return word
    near = [mo for mo in MONTHS_FULL if Levenshtein.distance(word, mo) <= (1 if len(mo) <= 6 else 2)]
    return near[0] if len(near) == 1 else word


def _clean_date(text: str) -> str:
    """Dotted leaders out, marks OCR put after a dot out ("๓พ.ุย.๖๙" → "๓พ.ย.๖๙"); when the
    date still does not read, a month name one or two glyphs off snapped ("จันวาคม"), or
    one stray character OCR put into it dropped ("๓ฑพ.ย.๖๙" → "๓พ.ย.๖๙")."""
    text = _STRAY_MARK.sub("", _LEADERS.sub(" ", text)).strip()
    if parse_date(text) is not None:
        return text
    text = _THAI_WORD.sub(_month_snapped, text)  # "จันวาคม" → "ธันวาคม"
    if parse_date(text) is not None:
        return text
    for i in range(min(len(text), STRAY_REACH)):
        cand = text[:i] + text[i + 1:]
        if not text[i].isdigit() and parse_date(cand) is not None:
            return cand
    return text


_GAP = re.compile(rf"(?<=[{THAI_CHAR}]) (?=[{THAI_CHAR}])")
_THAI_TAIL = re.compile(rf"[{THAI_CHAR}]*$")
_THAI_HEAD = re.compile(rf"[{THAI_CHAR}]*")


def join_place_names(text: str) -> str:
    """Close the spaces OCR put inside a place name ("อำเภอสบ เม ย" → "อำเภอสบเมย"), before
    the damage repair reads "เมย" alone as a word that lost its mark. Up to three gaps go
    only when a gazetteer name (:func:`extractor.text.lexicon.place_names`) starts inside
    the Thai run before them and ends exactly at the end of the run after them."""
    from .text.lexicon import place_names
    names = place_names()
    parts = _GAP.split(text)  # Thai runs (with whatever precedes or follows them) cut at each gap
    out = [parts[0]]
    k = 1
    while k < len(parts):
        joined = False
        left = _THAI_TAIL.search(out[-1]).group()
        for j in range(min(len(parts), k + 3), k, -1):  # longest join first
            middle = parts[k:j - 1]
            if any(_THAI_HEAD.match(m).group() != m for m in middle):
                continue  # only Thai runs in between
            head = "".join(middle) + _THAI_HEAD.match(parts[j - 1]).group()
            if any(left[-n:] + head in names for n in range(1, min(len(left), 12) + 1)):
                out[-1] += "".join(parts[k:j])
                k, joined = j, True
                break
        if not joined:
            out.append(parts[k])
            k += 1
    return " ".join(out)


def is_noise(text: str) -> bool:
    """A line with fewer than three Thai letters or digits: a stray mark, a dot row, a speck."""
    return len(_THAI_OR_DIGIT.findall(text)) < 3


def _same_row(a: BBox, b: BBox) -> bool:
    """Does ``b`` sit beside ``a``, on the same printed line, to its right?"""
    ha, hb = a[3] - a[1], b[3] - b[1]
    overlap = min(a[3], b[3]) - max(a[1], b[1])
    return b[0] >= a[0] + 0.3 * (a[2] - a[0]) and overlap >= 0.5 * min(ha, hb) and hb <= 2.5 * ha


def canonical_header(lines: list[OcrLine]) -> list[OcrLine]:
    """The lines with the memo header of OCR'd pages rewritten for the parser (see module doc).

    Only lines read by OCR change. The header zone runs from the top to the first
    เรียน line (or, when none is found, to the end of the ส่วนราชการ line's page)."""
    if not any(ln.ocr for ln in lines):
        return lines
    lines = [part for ln in lines for part in _split_swallowed(ln)]
    division_at = next((k for k, ln in enumerate(lines[:60]) if ln.ocr and not _in_right_part(ln)
                        and _starts_label(_LEADING_JUNK.sub("", ln.text), "division")), None)
    out: list[OcrLine] = []
    done = False
    for k, ln in enumerate(lines):
        if done or not ln.ocr:
            out.append(ln)
            continue
        above = division_at is not None and k < division_at
        below = division_at is not None and k > division_at
        if below and (ln.page != lines[division_at].page or k - division_at > HEADER_LINES):
            done = True
            out.append(ln)
            continue
        if above and _in_right_part(ln):
            continue  # a stamp or a note in the corner above the header
        fixed = canonical_line(ln.text)
        if fixed is not None and _in_right_part(ln) and not fixed.startswith("วันที่"):
            fixed = None  # only the date stands right of the middle (on the ที่ line)
        if fixed is None:
            if not (below and is_noise(ln.text)):
                out.append(ln)
            continue
        if above and not fixed.startswith("ส่วนราชการ"):
            continue  # a label-like line above ส่วนราชการ: a stamp's "วันที่ …"
        if fixed.startswith("วันที่") and out and out[-1].ocr and out[-1].text.startswith("ที่ ") \
                and "วันที่" not in out[-1].text and _beside(out[-1], ln):
            prev = out[-1]
            out[-1] = OcrLine(f"{prev.text} {fixed}", prev.page, prev.bbox, prev.page_width, True)
            continue
        out.append(OcrLine(fixed, ln.page, ln.bbox, ln.page_width, True))
        done = fixed.startswith("เรียน")
    return out


_REFERENCE_INSIDE = re.compile(rf"(?:ที่|ที|ท)?\s*(?=[{CONSONANTS}]{{2}}\.?\s*[0-9๐-๙]{{3}}[0-9๐-๙.]*\s*/)")


def _split_swallowed(ln: OcrLine) -> list[OcrLine]:
    """A ส่วนราชการ line that OCR ran on into the ที่ line below it ("…เทศบาลตำบลน้ำโจ้ทลป
    ๕๒๑๐๒/๑๔๘ วันที่ …"): cut before the reference (a letter code, digits and a "/", which
    no agency name holds) and give the rest its label back."""
    if not ln.ocr or not _starts_label(_LEADING_JUNK.sub("", ln.text), "division"):
        return [ln]
    for m in _REFERENCE_INSIDE.finditer(ln.text):
        if m.start() > len(WORDS["division"]) + 2:
            head, tail = ln.text[: m.start()].rstrip(), ln.text[m.end():]
            return [OcrLine(head, ln.page, ln.bbox, ln.page_width, True),
                    OcrLine("ที่ " + tail, ln.page, ln.bbox, ln.page_width, True)]
    return [ln]


def _in_right_part(ln: OcrLine) -> bool:
    return bool(ln.bbox and ln.page_width and ln.bbox[0] > RIGHT_PART * ln.page_width)


def _beside(a: OcrLine, b: OcrLine) -> bool:
    if a.bbox is None or b.bbox is None:
        return a.page == b.page
    return a.page == b.page and _same_row(a.bbox, b.bbox)


_PLACE_PREFIX = re.compile(r"^(?:อำเภอ|จังหวัด|ตำบล)?")
_MARKS = set("\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d\u0e4e")


def _misread_of(written: str, name: str) -> bool:
    """``written`` is ``name`` with one glyph misread: a letter read as another, or a mark lost or added."""
    from rapidfuzz.distance import Levenshtein
    ops = Levenshtein.editops(written, name)
    if len(ops) != 1:
        return False
    op = ops[0]
    if op.tag == "replace":
        return True
    ch = name[op.dest_pos] if op.tag == "insert" else written[op.src_pos]
    return ch in _MARKS


def snap_agency(agency: str | None) -> str | None:
    """An OCR'd agency whose place name is one glyph off a gazetteer name ("เทศบาลตำบลนำโจ้" →
    "เทศบาลตำบลน้ำโจ้"): snapped when exactly one name fits. Names already right stay."""
    from .memo import AGENCY_KINDS
    from .text.lexicon import all_place_names
    if not agency:
        return agency
    if " " in agency:  # a name in two parts: the place is in the first
        first, rest = agency.split(" ", 1)
        return f"{snap_agency(first)} {rest}"
    kind = next((k for k in AGENCY_KINDS if agency.startswith(k)), None)
    if kind is None:
        return agency
    rest = agency[len(kind):]
    prefix = _PLACE_PREFIX.match(rest).group()
    name = rest[len(prefix):]
    names = all_place_names()
    if not prefix:  # "อำเภอ" itself misread: "สำนักงานสาธารณสุขอำเก้อสบเมย"
        from rapidfuzz.distance import Levenshtein
        for word in ("อำเภอ", "จังหวัด", "ตำบล"):
            for cut in range(len(word) - 1, len(word) + 3):
                if rest[cut:] in names and len(rest[cut:]) >= 3 and Levenshtein.distance(rest[:cut], word) <= 2:
                    return kind + word + rest[cut:]
    if len(name) < 3 or name in names:
        return agency
    fits = [n for n in names if abs(len(n) - len(name)) <= 1 and _misread_of(name, n)]
    return kind + prefix + fits[0] if len(fits) == 1 else agency
