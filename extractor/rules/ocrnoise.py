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
