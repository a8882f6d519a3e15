"""A second reading, Thai only, for the Latin "words" Tesseract was unsure of.

With ``tha+eng`` the English model sometimes wins a Thai word: "ผู้มี" comes out as
"ai", "พ.ศ." as "WA.", "ตุลาคม" as "RAIA" — always with low confidence, while real
English in these reports ("Integrity and Transparency Assessment", "OIT", "QR Code")
is read at ≥ 0.85. So every unsure Latin word is cut out, all of them are stacked
into one small image and read ONCE more with the Thai model alone; the Thai
reading replaces the Latin one when Tesseract is surer of it.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from .reader import OcrLine, OcrSettings

UNSURE = 0.75   # a Latin word below this confidence gets a second, Thai-only reading
# Latin letters, or symbols the English model gives Thai glyphs ("&" for ณ, "3U3" for รับรู้);
# plain numbers are left to the digit reader
_LATIN = re.compile(r"^(?=.*[A-Za-z&\]\[{}@#$%^~])[A-Za-z0-9&\]\[{}@#$%^~.]+$")


def suspects(lines: list["OcrLine"]) -> list[tuple["OcrLine", int]]:
    """(line, word index) of unsure Latin words in lines that also hold Thai."""
    out = []
    for ln in lines:
        if not any(re.search("[\u0e01-\u0e4e]", w.text) for w in ln.words):
            continue
        for i, w in enumerate(ln.words):
            if _LATIN.match(w.text) and w.conf < UNSURE:
                out.append((ln, i))
    return out


def recheck(lines: list["OcrLine"], image: np.ndarray, s: "OcrSettings") -> int:
    """Re-read unsure Latin words with ``tha`` in one Tesseract call; returns how many changed."""
    from .reader import Word, tesseract_lines
    from .fix import ink_extent

    found = suspects(lines)
    if not found:
        return 0
    gap = s.band_gap
    crops, places = [], []
    for ln, i in found:
        w = ln.words[i]
        x0, x1 = ink_extent(image, w.box[0], ln.box[1], w.box[2], ln.box[3], ln.height)
        crop = image[max(0, ln.box[1] - 4):ln.box[3] + 4, max(0, x0 - 3):x1 + 3]
        if crop.size:
            crops.append(crop)
            places.append((ln, i))
    if not crops:
        return 0
    width = max(c.shape[1] for c in crops) + 2 * gap
    height = gap + sum(c.shape[0] + gap for c in crops)
    canvas = np.full((height, width), 255, np.uint8)
    bands, y = [], gap
    for c in crops:
        canvas[y:y + c.shape[0], gap:gap + c.shape[1]] = c
        bands.append((y, y + c.shape[0]))
        y += c.shape[0] + gap
    changed = 0
    for got in tesseract_lines(canvas, s.psm_stack, lang="tha"):
        cy = (got.box[1] + got.box[3]) / 2
        k = next((k for k, (a, b) in enumerate(bands) if a - 4 <= cy <= b + 4), None)
        if k is None:
            continue
        ln, i = places[k]
        old = ln.words[i]
        text = "".join(w.text for w in got.words)
        conf = sum(w.conf for w in got.words) / len(got.words)
        if re.search("[\u0e01-\u0e4e]", text) and conf > old.conf:
            ln.words[i] = Word(text, conf, old.box)
            changed += 1
    return changed
