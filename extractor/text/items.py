"""Item labels: where a numbered or bulleted item starts in a cell or a paragraph.

Every reader (PDF, OCR, DOCX, text) and the table stage ask the same question
of a line, so it is answered once here.
"""
from __future__ import annotations

import re

from .chars import CONSONANTS
from .digits import to_arabic_int

# A line that begins a numbered or bulleted item: ๑. / 1. / 1) / (1) / 1.2 / ก. / • …
_D = "[0-9๐-๙]"
_LABEL = re.compile(
    rf"^\s*(?:\(?({_D}{{1,2}})\)"                       # (1)  1)
    rf"|({_D}{{1,2}})\.(?!{_D})"                          # 1.  ๑.แต่งตั้ง
    rf"|({_D}{{1,2}})(?:\.{_D}{{1,2}})+\.?(?=\s)"          # 1.2  1.2.3.
    rf"|[{CONSONANTS}][.)](?=\s)"                         # ก.  ข)
    rf"|[•●○◦▪■□◆◇➢➤✓✔](?=\s))")                          # bullets (not "-" / "–": a wrapped
                                                         # date range starts a line with one)
MAX_ITEM = 30  # a label's first number is small: "๙๕.๓๓ คะแนน" at a line start is a score


def starts_item(text: str) -> bool:
    """``"๑. แต่งตั้ง…"`` → True; ``"๙๕.๓๓ คะแนน"``, ``"๓๐ กันยายน"``, ``"๒๕๖๘)"`` → False."""
    m = _LABEL.match(text)
    if not m:
        return False
    number = next((g for g in m.groups() if g), None)
    return number is None or to_arabic_int(number) <= MAX_ITEM
