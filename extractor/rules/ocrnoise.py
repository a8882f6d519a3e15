"""On OCR'd input, tell a misread name (OCR noise) from a name the author misspelt.

Tesseract's errors on Thai are glyph-level: one letter read as a look-alike
(ด/ค, บ/ป, ม/น, ฎ/ฏ) or a small mark above or below the line lost, added or
changed (่ ้ ั ิ ์). An author's slips are of another kind: a letter or
syllable left out or added (นายกองการ for นายกองค์การ, สาธารณะสุข for สาธารณสุข)
or a real but wrong word (องค์กร for องค์การ). And OCR noise is random, while a
writer repeats a misspelling.

So, when ``source.ocr`` is true, an ``agency-name`` finding is OCR noise, and
only ``info``, when the written form differs from the correct one by at most
``max_edits`` such glyph edits (substitutions, or marks inserted or deleted),
unless the same written form stands in ``repeat`` or more places of the report.
A base letter left out or added, or a listed wrong form, stays a finding.

>>> glyph_noise("เทศบาลตำบลบางพวะ", "เทศบาลตำบลบางพระ")   # ร read as ว: a look-alike
True
>>> glyph_noise("องค์การบริหารส่วนตำบลน้ำออม", "องค์การบริหารส่วนตำบลน้ำอ้อม")  # a tone mark lost
True
>>> glyph_noise("เทศบาลตำบลบางพะ", "เทศบาลตำบลบางพระ")   # a letter left out: a slip
False
>>> glyph_noise("สำนักงานสาธารณะสุข", "สำนักงานสาธารณสุข")  # a vowel letter added: a slip
False
"""
from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from .thaitext import COMBINING

MAX_EDITS = 2  # "one or two characters": more than that is not a misread of the same word
REPEAT = 2     # places: the same misspelling this often is the writer's, not the scanner's


def glyph_noise(written: str, correct: str, max_edits: int = MAX_EDITS) -> bool:
    """``written`` differs from ``correct`` by 1…``max_edits`` edits that OCR makes:
    a letter replaced by another, or a mark (tone, upper or lower vowel) lost or added."""
    written, correct = "".join(written.split()), "".join(correct.split())
    ops = Levenshtein.editops(written, correct)
    if not 0 < len(ops) <= max_edits:
        return False
    for op in ops:
        if op.tag == "replace":
            continue
        ch = correct[op.dest_pos] if op.tag == "insert" else written[op.src_pos]
        if ch not in COMBINING:
            return False
    return True


# ---------------------------------------------------------------- slips read from a scan
GOOD_OCR = 0.8  # a cell read at this mean word confidence or better: its words are taken as written
GATED = ("known-typo", "numbering")  # findings a misread word or a stray "4." in a cell can fake


def gate_unsure(findings: list[dict], report: dict) -> list[dict]:
    """On OCR'd input, a ``known-typo`` or ``numbering`` finding needs its cell read with good
    confidence; otherwise Tesseract may have made the slip, and it becomes a
    ``low-ocr-confidence`` info for a person to check against the page."""
    if not (report.get("source") or {}).get("ocr"):
        return findings
    conf = {m.get("number"): m.get("confidence") or {} for m in report.get("measures") or [] if isinstance(m, dict)}
    out = []
    for f in findings:
        c = (conf.get(f.get("measure")) or {}).get(f.get("field") or "")
        if f.get("rule") == "numbering" and c is not None and lookalike_digits(f.get("text") or "",
                                                                               f.get("suggestion") or ""):
            c = min(c, GOOD_OCR - 0.01)  # "๘." where "๙." belongs: a digit Tesseract confuses, read digit-aware
        if f.get("rule") in GATED and c is not None and c < GOOD_OCR:
            f = {**f, "rule": "low-ocr-confidence", "severity": "info",
                 "message": f"อาจเป็นการอ่านจากภาพผิด (ความเชื่อมั่น {c:.0%}) ควรตรวจทานกับต้นฉบับ: {f['message']}",
                 "message_en": f"maybe an OCR misreading (confidence {c:.0%}), check against the page: "
                               f"{f.get('message_en') or f['rule']}"}
        out.append(f)
    return out


LOOKALIKE_DIGITS = ({"๘", "๙"}, {"๖", "๘"}, {"๔", "๕"}, {"๑", "๗"})  # Thai digits Tesseract takes for each other


def lookalike_digits(written: str, expected: str) -> bool:
    """An item number that differs from the expected one by one look-alike Thai digit ("๘." for "๙.")."""
    a, b = written.strip(".) "), expected.strip(".) ")
    diff = [(x, y) for x, y in zip(a, b) if x != y]
    return len(a) == len(b) and len(diff) == 1 and {diff[0][0], diff[0][1]} in LOOKALIKE_DIGITS


@lru_cache(maxsize=1)
def _split_year() -> re.Pattern[str]:
    """A month name, then a four-digit year cut in two by a stray space."""
    from ..text.dates import MONTH
    return re.compile(rf"({MONTH}\s*)([0-9๐-๙]{{1,3}})\s+([0-9๐-๙]{{1,3}})(?![0-9๐-๙])")


_O_FOR_ZERO = re.compile(r"(?<=[0-9๐-๙])[oO](?![A-Za-z])|(?<![A-Za-z])[oO](?=[0-9๐-๙])")


def ocr_digits(text: str) -> str:
    """A date as OCR gives it, read digit-aware: ``o``/``O`` beside a digit is ๐, and a year
    cut by a stray space after its month ("มีนาคม ๒๕ ๖๘") is one number again.

    >>> ocr_digits("เมื่อ ๑o ตุลาคม ๒๕ ๖๗")
    'เมื่อ ๑๐ ตุลาคม ๒๕๖๗'
    """
    text = _O_FOR_ZERO.sub("๐", text)

    def join(m: re.Match[str]) -> str:
        a, b = m.group(2), m.group(3)
        return m.group(1) + a + b if len(a) + len(b) == 4 else m.group(0)
    return _split_year().sub(join, text)


def misread_in_header(memo: list[tuple[str, int | None]], agency: str | None) -> bool:
    """Did OCR misread the own name in the memo header itself? The ส่วนราชการ line holds a
    look-alike of ``agency`` but not ``agency`` (the document stage snapped it to the
    gazetteer's name). Then the same misread elsewhere is systematic OCR noise (one font,
    one glyph confusion), not a writer's repeated slip."""
    if not agency:
        return False
    bare = "".join(agency.split())
    for text, _ in memo[:40]:
        if text.startswith("ส่วนราชการ"):
            line = "".join(text.split())
            if bare in line:
                return False
            return any(glyph_noise(line[i:i + len(bare) + d], bare) for d in (-1, 0, 1)
                       for i in range(max(0, len(line) - len(bare) + 2)))
    return False
