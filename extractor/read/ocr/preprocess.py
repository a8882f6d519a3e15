"""Scanned page → clean greyscale image + the table grid found from its ruling lines.

Tesseract reads a ruled table badly as a whole page: it runs lines across
columns. So before any OCR we (1) straighten the page from the table's own
ruling lines, (2) find the grid with morphological line extraction
(long horizontal / vertical kernels keep only rules, never letters) and
(3) erase the rules so they are not read as ``|`` or ``l``. Thai marks above
and below the line are small blobs; nothing here removes blobs, only long
straight runs, so they survive.

>>> page = prepare(Image.open("scan-p5.png"))      # doctest: +SKIP
>>> [len(r) for r in page.grid.rows][:2]             # doctest: +SKIP
[6, 6]
"""
from __future__ import annotations

from dataclasses import dataclass, field

import cv2
import numpy as np
from PIL import Image

Box = tuple[int, int, int, int]  # x0, top, x1, bottom in pixels


@dataclass(frozen=True)
class GridSettings:
    """Every threshold of the grid finder, with why it has that value."""

    line_frac: float = 1 / 30       # a rule is at least 1/30 of the page long …
    min_rule_px: int = 70           # … and 70 px: 3 glyph bodies at the OCR scale (ocr.OcrSettings
                                    # .text_height = 22), longer than any stem of ป ฟ ฝ or ฤ
    min_table_frac: float = 0.25    # a table spans ≥ 25% of the page width (smaller boxes are stamps/logos)
    row_cover: float = 0.6          # a row boundary is a rule across ≥ 60% of the table width
    col_cover: float = 0.5          # a column boundary is a rule down ≥ 50% of the table height
    cell_cover: float = 0.6         # inside one row, a column rule must cover 60% of the row to split it
    merge_px: int = 12              # rules closer than this (px at 300 dpi) are one rule drawn thick
    min_cell_px: int = 20           # slivers thinner than this are double rules, not cells
    max_skew_deg: float = 5.0       # never rotate more than this: bigger angles are layout, not skew


@dataclass
class Grid:
    """A table found on the page: its box and rows of cell boxes (a merged cell is one box)."""

    box: Box
    rows: list[list[Box]] = field(default_factory=list)


@dataclass
class PreparedPage:
    """What OCR needs: the straightened greyscale page, rules erased, and the grids on it."""

    image: np.ndarray            # uint8 greyscale, rules erased
    grids: list[Grid]
    skew_deg: float = 0.0
    ink_share: float = 0.0       # dark pixels / all pixels, to tell a blank page


def to_grey(img: Image.Image) -> np.ndarray:
    """Any PIL mode (P, RGBA, 1, I;16 …) → uint8 greyscale; transparency becomes white."""
    if img.mode in ("RGBA", "LA", "PA") or (img.mode == "P" and "transparency" in img.info):
        img = img.convert("RGBA")
        bg = Image.new("RGBA", img.size, (255, 255, 255, 255))
        img = Image.alpha_composite(bg, img)
    if img.mode in ("I;16", "I;16B", "I", "F"):
        arr = np.asarray(img, dtype=np.float64)
        span = (arr.max() - arr.min()) or 1.0
        return ((arr - arr.min()) * 255 / span).astype(np.uint8)
    return np.asarray(img.convert("L"), dtype=np.uint8).copy()


def binarize(grey: np.ndarray) -> np.ndarray:
    """Ink = 255. Adaptive, so an uneven scan (shadowed spine, grey header fill) still separates."""
    block = max(15, (min(grey.shape) // 40) | 1)
    return cv2.adaptiveThreshold(grey, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, block, 15)


def line_masks(ink: np.ndarray, s: GridSettings = GridSettings()) -> tuple[np.ndarray, np.ndarray]:
    """Horizontal and vertical rules only: opening with a long thin kernel removes every letter."""
    h, w = ink.shape
    hk = cv2.getStructuringElement(cv2.MORPH_RECT, (max(s.min_rule_px, int(w * s.line_frac)), 1))
    vk = cv2.getStructuringElement(cv2.MORPH_RECT, (1, max(s.min_rule_px, int(h * s.line_frac))))
    horiz = cv2.morphologyEx(ink, cv2.MORPH_OPEN, hk)
    vert = cv2.morphologyEx(ink, cv2.MORPH_OPEN, vk)
    # close small breaks (a scanner's dropouts) along each direction
    horiz = cv2.dilate(horiz, cv2.getStructuringElement(cv2.MORPH_RECT, (9, 3)))
    vert = cv2.dilate(vert, cv2.getStructuringElement(cv2.MORPH_RECT, (3, 9)))
    return horiz, vert


def skew_angle(grey: np.ndarray, s: GridSettings = GridSettings()) -> float:
    """Degrees to rotate so the long horizontal rules are level (0 when there are none).

    Uses the median angle of long Hough segments on the horizontal-rule mask;
    a page with no rules falls back to the text lines' own minAreaRect, which
    is what a memo page has.
    """
    step = 2 if min(grey.shape) > 1200 else 1  # half size is plenty for an angle, 4× faster
    ink = binarize(grey[::step, ::step])
    h, w = ink.shape
    hk = cv2.getStructuringElement(cv2.MORPH_RECT, (max(10, w // 20), 1))
    horiz = cv2.morphologyEx(ink, cv2.MORPH_OPEN, hk)
    segs = cv2.HoughLinesP(horiz, 1, np.pi / 1800, threshold=60, minLineLength=w // 6, maxLineGap=10)
    angles: list[float] = []
    if segs is not None:
        for x0, y0, x1, y1 in np.asarray(segs).reshape(-1, 4):
            if x1 != x0:
                a = float(np.degrees(np.arctan2(y1 - y0, x1 - x0)))
                if abs(a) <= s.max_skew_deg:
                    angles.append(a)
    if not angles:
        return 0.0
    return float(np.median(angles))


def rotate(grey: np.ndarray, angle: float) -> np.ndarray:
    """Rotate about the centre, filling the corners white (no black wedges to read as ink)."""
    h, w = grey.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(grey, m, (w, h), flags=cv2.INTER_CUBIC, borderValue=255)


def clean(grey: np.ndarray) -> np.ndarray:
    """Light denoise + contrast stretch. A 3×3 median drops scanner dust but keeps ่ ้ ๊ ๋ ์ ั ิ dots."""
    out = cv2.medianBlur(grey, 3)
    lo, hi = np.percentile(out, (1, 99))
    if hi - lo > 10:
        out = np.clip((out.astype(np.float32) - lo) * (255.0 / (hi - lo)), 0, 255).astype(np.uint8)
    return out


def stretch(grey: np.ndarray) -> np.ndarray:
    """Contrast: the 1st percentile → black, the 99th → white (faint toner, grey paper)."""
    cdf = np.cumsum(np.bincount(grey.ravel(), minlength=256)) / grey.size
    lo, hi = int(np.searchsorted(cdf, 0.01)), int(np.searchsorted(cdf, 0.99))
    if hi - lo <= 10:
        return grey
    lut = np.clip((np.arange(256, dtype=np.float32) - lo) * (255.0 / (hi - lo)), 0, 255).astype(np.uint8)
    return cv2.LUT(grey, lut)


def despeckle(grey: np.ndarray, body: float) -> np.ndarray:
    """Erase scanner dust: small blobs with no glyph near them.

    A median filter also thins ่ ้ ๊ ๋ until Tesseract drops them; marks differ from
    dust by where they are, not by size: a mark sits within a fraction of a glyph
    body of its letter (or of the vowel it stacks on). So a blob smaller than
    ``0.12 × body²`` survives only if a bigger blob (or a mark kept that way: a
    tone mark on a vowel mark) lies within ``0.8 × body``.
    """
    _, ink = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    if n <= 1:
        return grey
    small = stats[:, cv2.CC_STAT_AREA] < 0.12 * body * body
    small[0] = True  # background is never "big"
    r = max(3, int(0.8 * body))
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (2 * r + 1, 2 * r + 1))
    keep = ~small
    near = cv2.dilate(keep[labels].astype(np.uint8), kernel)
    keep = keep | (np.bincount(labels[near > 0], minlength=n) > 0)
    keep[0] = False  # the paper itself is everywhere near ink
    # a tone mark stacks on a vowel mark (ทั่ว, เพื่อ): kept through it, at half the reach
    r2 = max(2, r // 2)
    near = cv2.dilate(keep[labels].astype(np.uint8), cv2.getStructuringElement(cv2.MORPH_RECT, (2 * r2 + 1, 2 * r2 + 1)))
    keep = keep | (np.bincount(labels[near > 0], minlength=n) > 0)
    erase = small & ~keep
    erase[0] = False
    if not erase.any():
        return grey
    out = grey.copy()
    for i in np.flatnonzero(erase):  # few specks: erase each in its own small box
        x, y, w, h = stats[i, :4]
        box = labels[y:y + h, x:x + w] == i
        out[y:y + h, x:x + w][box] = 255
    return out


def _positions(profile: np.ndarray, threshold: float, merge_px: int) -> list[int]:
    """Centres of runs where ``profile`` ≥ threshold, runs closer than merge_px fused."""
    idx = np.flatnonzero(profile >= threshold)
    if idx.size == 0:
        return []
    groups: list[list[int]] = [[int(idx[0])]]
    for i in idx[1:]:
        if i - groups[-1][-1] <= merge_px:
            groups[-1].append(int(i))
        else:
            groups.append([int(i)])
    return [(g[0] + g[-1]) // 2 for g in groups]


def find_grids(grey: np.ndarray, s: GridSettings = GridSettings()) -> tuple[list[Grid], np.ndarray]:
    """Tables on the page (top to bottom) and the mask of all their rules (to erase)."""
    ink = binarize(grey)
    horiz, vert = line_masks(ink, s)
    rules = cv2.bitwise_or(horiz, vert)
    h, w = ink.shape
    n, _, stats, _ = cv2.connectedComponentsWithStats(rules, connectivity=8)
    grids: list[Grid] = []
    for i in range(1, n):
        x, y, bw, bh, _ = stats[i]
        if bw < w * s.min_table_frac or bh < 3 * s.min_cell_px:
            continue
        grid = _grid_in(horiz, vert, (int(x), int(y), int(x + bw), int(y + bh)), s)
        if grid:
            grids.append(grid)
    grids.sort(key=lambda g: g.box[1])
    return grids, rules


def _grid_in(horiz: np.ndarray, vert: np.ndarray, box: Box, s: GridSettings) -> Grid | None:
    x0, y0, x1, y1 = box
    hz = horiz[y0:y1, x0:x1] > 0
    vt = vert[y0:y1, x0:x1] > 0
    ys = _positions(hz.mean(axis=1), s.row_cover, s.merge_px)
    xs = _positions(vt.mean(axis=0), s.col_cover, s.merge_px)
    # the box edges bound the table even when a scan lost the outer rule
    if not ys or ys[0] > s.min_cell_px:
        ys.insert(0, 0)
    if ys[-1] < (y1 - y0) - s.min_cell_px:
        ys.append(y1 - y0)
    if not xs or xs[0] > s.min_cell_px:
        xs.insert(0, 0)
    if xs[-1] < (x1 - x0) - s.min_cell_px:
        xs.append(x1 - x0)
    ys = _drop_slivers(ys, s.min_cell_px)
    xs = _drop_slivers(xs, s.min_cell_px)
    if len(ys) < 2 or len(xs) < 3:  # one column is a frame around text, not a table
        return None
    rows: list[list[Box]] = []
    for top, bottom in zip(ys, ys[1:]):
        band = vt[top + 3:max(top + 4, bottom - 3)]
        cells: list[Box] = []
        start = xs[0]
        for x in xs[1:-1]:
            lo, hi = max(0, x - s.merge_px), x + s.merge_px + 1
            cover = band[:, lo:hi].any(axis=1).mean() if band.size else 0.0
            if cover >= s.cell_cover:  # the rule really splits this row here
                cells.append((x0 + start, y0 + top, x0 + x, y0 + bottom))
                start = x
        cells.append((x0 + start, y0 + top, x0 + xs[-1], y0 + bottom))
        rows.append(cells)
    return Grid(box=box, rows=rows)


def _drop_slivers(pos: list[int], min_gap: int) -> list[int]:
    out: list[int] = []
    for p in pos:
        if out and p - out[-1] < min_gap:
            continue
        out.append(p)
    return out


def erase_rules(grey: np.ndarray, rules: np.ndarray) -> np.ndarray:
    """Paint the rules white. The mask is only long straight runs, so letters touching a rule
    lose a pixel or two of their edge, never a mark."""
    out = grey.copy()
    out[rules > 0] = 255
    return out


def ink_share(grey: np.ndarray) -> float:
    """Share of clearly dark pixels (Otsu), to tell a blank or near-blank page."""
    _, bw = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    if grey.std() < 8:  # flat image: Otsu would split noise
        return 0.0
    return float((bw > 0).mean())


def prepare(img: Image.Image | np.ndarray, s: GridSettings = GridSettings(), *, denoise: bool = True) -> PreparedPage:
    """The whole preprocessing in its fixed order: grey → deskew → clean → grid → erase rules.

    ``denoise=False`` when the caller already cleaned the page at full resolution
    (a 3×3 median on a downscaled page thins tone marks until Tesseract drops them).
    """
    grey = img if isinstance(img, np.ndarray) else to_grey(img)
    angle = skew_angle(grey, s)
    if abs(angle) > 0.05:
        grey = rotate(grey, angle)
    if denoise:
        grey = clean(grey)
    grids, rules = find_grids(grey, s)
    return PreparedPage(image=erase_rules(grey, rules), grids=grids, skew_deg=angle, ink_share=ink_share(grey))
