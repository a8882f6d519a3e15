"""Thai digits that Tesseract cannot read, re-read by shape.

Tesseract's ``tha`` model has no ๔ ๖ ๗ ๘ ๙ in its character set (only ๐ ๑ ๒ ๓ ๕),
so "๒๕๖๘" comes out as "๒๕๒๐๕" and "๘ ราย" as "๕ ราย". Context cannot repair
that (any digit may follow any other), but the glyphs themselves are clear on
the page. So every run Tesseract read as digits is cut into its connected
components and each component is matched against templates of ๐–๙ rendered
from the Thai fonts the system ships (fonts-thai-tlwg: Laksaman is a TH
Sarabun clone, Garuda/Loma/Norasi/Kinnari/Waree cover the other office faces).

>>> classify_run(crop_of("๒๕๖๘"))   # doctest: +SKIP
'๒๕๖๘'
"""
from __future__ import annotations

import subprocess
from functools import lru_cache
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
SIZE = 28  # templates and glyphs are compared as SIZE×SIZE, aspect kept
FONT_NAMES = ["Laksaman", "Laksaman-Bold", "Garuda", "Garuda-Bold", "Loma", "Loma-Bold", "Norasi",
              "Norasi-Bold", "Kinnari", "Kinnari-Bold", "Waree", "Waree-Bold", "Umpush", "Sawasdee",
              "TlwgTypo"]
DOT = np.zeros((1, 1), bool)  # marks a decimal point among the glyphs
MIN_SCORE = 0.55  # below this correlation the glyph is not a digit we know: keep Tesseract's


def _normalise(mask: np.ndarray) -> np.ndarray:
    """Ink mask (bool/uint8) → SIZE×SIZE float, centred, aspect kept, lightly blurred."""
    ys, xs = np.nonzero(mask)
    if ys.size == 0:
        return np.zeros((SIZE, SIZE), np.float32)
    m = mask[ys.min():ys.max() + 1, xs.min():xs.max() + 1].astype(np.float32)
    h, w = m.shape
    side = max(h, w)
    sq = np.zeros((side, side), np.float32)
    sq[(side - h) // 2:(side - h) // 2 + h, (side - w) // 2:(side - w) // 2 + w] = m
    out = cv2.resize(sq, (SIZE, SIZE), interpolation=cv2.INTER_AREA)
    out = cv2.GaussianBlur(out, (3, 3), 0)
    out -= out.mean()
    n = np.linalg.norm(out)
    return out / n if n else out


def _font_files() -> list[Path]:
    """The files of FONT_NAMES (.ttf before .otf), as fontconfig lists the system's Thai fonts."""
    try:
        listed = subprocess.run(["fc-list", "--format", "%{file}\n", ":lang=th"], capture_output=True,
                                text=True, timeout=60).stdout.split("\n")
    except (OSError, subprocess.SubprocessError):
        listed = []
    files = sorted({Path(f) for f in listed if f}, key=lambda p: (p.suffix != ".ttf", str(p)))
    found = []
    for name in FONT_NAMES:
        p = next((f for f in files if f.stem == name and f.suffix in (".ttf", ".otf")), None)
        if p is not None:
            found.append(p)
    return found


@lru_cache(maxsize=1)
def templates() -> tuple[np.ndarray, list[str]]:
    """(N×SIZE² matrix, digit of each row): every Thai digit in every installed Thai font."""
    vecs: list[np.ndarray] = []
    labels: list[str] = []
    for path in _font_files():
        font = ImageFont.truetype(str(path), 64)
        for d in THAI_DIGITS:
            im = Image.new("L", (120, 120), 0)
            ImageDraw.Draw(im).text((20, 10), d, fill=255, font=font)
            mask = np.asarray(im) > 127
            vecs.append(_normalise(mask).ravel())
            labels.append(d)
    if not vecs:
        return np.zeros((0, SIZE * SIZE), np.float32), []
    return np.stack(vecs), labels


def classify_glyph(mask: np.ndarray) -> tuple[str, float]:
    """Best Thai digit for one glyph's ink mask and its correlation (−1…1)."""
    mat, labels = templates()
    if not labels:
        return "", 0.0
    scores = mat @ _normalise(mask).ravel()
    i = int(np.argmax(scores))
    return labels[i], float(scores[i])


def glyphs(ink: np.ndarray) -> list[np.ndarray]:
    """Connected components of a digit run, left to right; pieces that overlap in x are one glyph
    (a broken stroke), specks and punctuation (much lower than the run's glyphs) are dropped."""
    n, lab, stats, _ = cv2.connectedComponentsWithStats(ink.astype(np.uint8), connectivity=8)
    if n <= 1:
        return []
    top_h = int(stats[1:, 3].max())
    # specks (dust, a stray tone mark of the line above) are far lower than any digit;
    # a low blob sitting on the baseline is a decimal point (๙๑.๐๖) and is kept as such
    bottom = max(int(stats[i, 1] + stats[i, 3]) for i in range(1, n))
    comps = [(int(stats[i, 0]), int(stats[i, 0] + stats[i, 2]), i) for i in range(1, n)
             if stats[i, 4] >= 4 and stats[i, 3] >= 0.45 * top_h]
    dots = [int(stats[i, 0] + stats[i, 2] / 2) for i in range(1, n)
            if stats[i, 4] >= 4 and stats[i, 3] < 0.3 * top_h and stats[i, 2] < 0.4 * top_h
            and stats[i, 1] + stats[i, 3] >= bottom - 0.2 * top_h]
    if not comps:
        return []
    comps.sort()
    groups: list[list[int]] = []
    spans: list[tuple[int, int]] = []
    tall: list[int] = []
    for x0, x1, i in comps:
        h = int(stats[i, 3])
        # a piece under the previous glyph (a broken stroke) joins it; a whole glyph that
        # merely leans over it (the "/" in ๒๙/๒๕๖๘) does not
        if spans and x0 < spans[-1][1] - 0.3 * (x1 - x0) and min(h, tall[-1]) < 0.6 * max(h, tall[-1]):
            groups[-1].append(i)
            spans[-1] = (spans[-1][0], max(spans[-1][1], x1))
            tall[-1] = max(tall[-1], h)
        else:
            groups.append([i])
            spans.append((x0, x1))
            tall.append(h)
    masks = [np.isin(lab, g) for g in groups]
    heights = []
    for m in masks:
        ys = np.nonzero(m.any(axis=1))[0]
        heights.append(ys[-1] - ys[0] + 1)
    tall = max(heights)
    kept = [m for m, h in zip(masks, heights) if h >= 0.55 * tall]
    centres = [float(np.nonzero(m.any(axis=0))[0].mean()) for m in kept]
    for x in dots:  # only between two digits: a stop at the end is punctuation, not a decimal
        if centres and min(centres) < x < max(centres):
            k = sum(c < x for c in centres)
            kept.insert(k, DOT)
            centres.insert(k, float(x))
    return kept


def split_touching(mask: np.ndarray, max_aspect: float = 1.3) -> list[np.ndarray]:
    """A blob wider than one digit (glyphs touching after a scan) is cut at its thinnest column.

    Thai digits are about as wide as tall; a blob wider than ``max_aspect`` × its
    height is cut where the vertical ink profile is lowest, away from the edges,
    and each half is checked again.
    """
    ys, xs = np.nonzero(mask)
    if xs.size == 0:
        return []
    x0, x1 = xs.min(), xs.max() + 1
    h = ys.max() - ys.min() + 1
    w = x1 - x0
    if w <= max_aspect * h or h < 6:
        return [mask]
    prof = mask[:, x0:x1].sum(axis=0).astype(float)
    lo, hi = int(0.45 * h), int(w - 0.45 * h)
    if hi <= lo:
        return [mask]
    cut = x0 + lo + int(np.argmin(prof[lo:hi]))
    left, right = mask.copy(), mask.copy()
    left[:, cut:] = False
    right[:, :cut] = False
    return split_touching(left, max_aspect) + split_touching(right, max_aspect)


def _cut_once(mask: np.ndarray, margin: float) -> tuple[np.ndarray, np.ndarray] | None:
    """Cut a blob in two at its thinnest column, at least ``margin`` × height from each edge."""
    ys, xs = np.nonzero(mask)
    x0, x1 = xs.min(), xs.max() + 1
    h = ys.max() - ys.min() + 1
    lo, hi = int(margin * h), int((x1 - x0) - margin * h)
    if hi <= lo:
        return None
    prof = mask[:, x0:x1].sum(axis=0).astype(float)
    cut = x0 + lo + int(np.argmin(prof[lo:hi]))
    left, right = mask.copy(), mask.copy()
    left[:, cut:] = False
    right[:, :cut] = False
    return (left, right) if left.any() and right.any() else None


def _resplit(masks: list[np.ndarray], read: list[tuple[str, float]]) -> tuple[list, list]:
    """A wide blob that matches no digit well may be two glyphs glued ("/๒"): cut it at its
    thinnest column and keep the cut when both halves read better than the whole."""
    out_m, out_r = [], []
    for m, (d, score) in zip(masks, read):
        if m is DOT:
            out_m.append(m)
            out_r.append((d, score))
            continue
        ys, xs = np.nonzero(m)
        w, h = xs.max() - xs.min() + 1, ys.max() - ys.min() + 1
        if score < 0.75 and w >= 0.9 * h:
            halves = _cut_once(m, margin=0.25)
            if halves:
                left, right = halves
                rl, rr = classify_glyph(left), classify_glyph(right)
                sl = 1.0 if rl[1] < MIN_SCORE and _is_slash(left) else rl[1]
                sr = 1.0 if rr[1] < MIN_SCORE and _is_slash(right) else rr[1]
                if min(sl, sr) >= MIN_SCORE and min(sl, sr) > score:
                    out_m += [left, right]
                    out_r += [rl, rr]
                    continue
        out_m.append(m)
        out_r.append((d, score))
    return out_m, out_r


def _is_slash(mask: np.ndarray) -> bool:
    """A thin stroke rising to the right: its top half lies right of its bottom half."""
    ys, xs = np.nonzero(mask)
    h, w = ys.max() - ys.min() + 1, xs.max() - xs.min() + 1
    if w > 0.7 * h:
        return False
    mid = (ys.max() + ys.min()) / 2
    return xs[ys < mid].mean() > xs[ys >= mid].mean() + 0.15 * w


def read_digits(grey_crop: np.ndarray) -> tuple[str, float] | None:
    """A crop of a digit run (greyscale, dark ink) → (Thai digits, worst glyph score), or None
    when a glyph does not look like any Thai digit (then Tesseract's reading stands)."""
    if grey_crop.size == 0:
        return None
    _, ink = cv2.threshold(grey_crop, 0, 1, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    masks, read = [], []
    for m in glyphs(ink):
        if m is DOT:
            masks.append(m)
            read.append((".", 1.0))
            continue
        whole = classify_glyph(m)
        parts = split_touching(m) if whole[1] < 0.75 else [m]  # wide and unlike any digit: glued
        got = [classify_glyph(p) for p in parts]
        if len(parts) > 1 and min(g[1] for g in got) > whole[1]:
            masks += parts
            read += got
        else:
            masks.append(m)
            read.append(whole)
    masks, read = _resplit(masks, read)
    while read and read[0][1] < MIN_SCORE:  # a bracket or dash caught at the run's edge
        read.pop(0)
        masks.pop(0)
    while read and read[-1][1] < MIN_SCORE:
        read.pop()
        masks.pop()
    for i, (m, (d, score)) in enumerate(zip(masks, read)):
        if score < MIN_SCORE and _is_slash(m):  # ๒๙/๒๕๖๘: the slash inside a number
            read[i] = ("/", 1.0)
    if not read or any(score < MIN_SCORE for _, score in read):
        return None
    return "".join(d for d, _ in read), min(score for _, score in read)
