"""A second reading, Thai only, for the Latin "words" Tesseract was unsure of.

With ``tha+eng`` the English model sometimes wins a Thai word: "ผู้มี" comes out as
"ai", "พ.ศ." as "WA.", "ตุลาคม" as "RAIA" — always with low confidence, while real
English in these reports ("Integrity and Transparency Assessment", "OIT", "QR Code")
is read at ≥ 0.85. So every unsure Latin word is read once more, as a rectangle of
the page already loaded, with the Thai model alone; the Thai reading replaces the
Latin one when the engine is surer of it.
"""
from __future__ import annotations

import re

import numpy as np

from ...text.chars import THAI_CHAR
from .engine import OcrEngine
from .fix import ink_extent
from .types import OcrLine, OcrSettings, Word

UNSURE = 0.75   # a Latin word below this confidence gets a second, Thai-only reading
# Latin letters, or symbols the English model gives Thai glyphs ("&" for ณ, "3U3" for รับรู้);
# plain numbers are left to the digit reader
_LATIN = re.compile(r"^(?=.*[A-Za-z&\]\[{}@#$%^~])[A-Za-z0-9&\]\[{}@#$%^~.]+$")
_THAI = re.compile(f"[{THAI_CHAR}]")
_THAI_READING = re.compile(f"[{THAI_CHAR}๐-๙]")  # what the Thai model may give back: letters or digits ("mo" → ๓๐)


def suspects(lines: list[OcrLine]) -> list[tuple[OcrLine, int]]:
    """(line, word index) of unsure Latin words in lines that also hold Thai."""
    out = []
    for ln in lines:
        if not any(_THAI.search(w.text) for w in ln.words):
            continue
        for i, w in enumerate(ln.words):
            if _LATIN.match(w.text) and w.conf < UNSURE:
                out.append((ln, i))
    return out


def recheck(lines: list[OcrLine], image: np.ndarray, s: OcrSettings, engine: OcrEngine) -> int:
    """Re-read unsure Latin words with ``tha`` as rectangles of ``image``; returns how many changed."""
    found = suspects(lines)
    if not found:
        return 0
    boxes = []
    for ln, i in found:
        w = ln.words[i]
        x0, x1 = ink_extent(image, w.box[0], ln.box[1], w.box[2], ln.box[3], ln.height)
        boxes.append((max(0, x0 - 3), max(0, ln.box[1] - 4), x1 + 3, ln.box[3] + 4))
    changed = 0
    for (ln, i), got in zip(found, engine.read_boxes(image, boxes, psm=s.psm_block, lang="tha")):
        if not got.lines:
            continue
        # the crop holds one line by construction: a mark read as a line of its own is not the word
        mid = (ln.box[1] + ln.box[3]) / 2
        words = min(got.lines, key=lambda g: abs((g.box[1] + g.box[3]) / 2 - mid)).words
        old = ln.words[i]
        text = "".join(w.text for w in words)
        conf = sum(w.conf for w in words) / len(words)
        if _THAI_READING.search(text) and conf > old.conf:
            ln.words[i] = Word(text, conf, old.box)
            changed += 1
    return changed
