"""The size Tesseract reads best at, and paper levels evened out before it reads."""
from __future__ import annotations

import cv2
import numpy as np

from .types import OcrSettings


def working_scale(grey: np.ndarray, s: OcrSettings = OcrSettings()) -> float:
    """Scale that brings the page's typical glyph body to ``s.text_height`` px.

    Measured, not assumed from dpi: a 200-dpi scan rendered at 300 dpi, a phone
    photo and a fax all end up with the same glyph size for Tesseract, and a
    big page costs no more time than a small one.
    """
    small = 4 if min(grey.shape) > 2000 else 2 if min(grey.shape) > 1000 else 1
    g = grey[::small, ::small]
    _, ink = cv2.threshold(g, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    n, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    h = stats[1:, 3] * small
    w = stats[1:, 2] * small
    keep = (h >= 12) & (h <= 200) & (w <= 3 * h) & (w >= 4)  # not dust, not dotted leaders (ลงชื่อ ......)
    # never more pixels than an A4 page at 300 dpi: a sparse page (signatures, a stamp) can
    # fool the body estimate into 2.5×, a 54-megapixel image and 0.9 GB for one page
    cap = float(np.sqrt(s.max_pixels / grey.size))
    if keep.sum() < 20:
        return min(1.0, cap)
    body = float(np.median(h[keep]))
    return float(min(np.clip(s.text_height / body, s.min_scale, s.max_scale), cap))


def rescale(grey: np.ndarray, scale: float) -> np.ndarray:
    if abs(scale - 1) < 0.05:
        return grey
    interp = cv2.INTER_AREA if scale < 1 else cv2.INTER_CUBIC
    return cv2.resize(grey, None, fx=scale, fy=scale, interpolation=interp)


def whiten(crop: np.ndarray) -> np.ndarray:
    """A shaded cell (grey header fill) → white paper, dark text kept dark.

    Tesseract binarizes the whole page at once; a grey cell among white ones
    would be thresholded into a black slab. Dividing by the cell's own paper
    level (its median) puts every cell on the same white.
    """
    paper = float(np.median(crop)) if crop.size else 255.0
    if paper >= 235 or paper < 60:
        return crop
    crop = cv2.medianBlur(crop, 3)  # the fill's screen dots would turn into specks
    return np.clip(crop.astype(np.float32) * (255.0 / paper), 0, 255).astype(np.uint8)


def has_ink(crop: np.ndarray, s: OcrSettings = OcrSettings()) -> bool:
    """At least about one glyph's worth of ink: scanner specks alone are not text."""
    return crop.size > 0 and int((crop < 128).sum()) >= 0.5 * s.text_height ** 2


def paper_white(grey: np.ndarray) -> None:
    """Everything lighter than the page's ink/paper split (Otsu, whole page) becomes pure white.

    The engine thresholds each image it is given on its own: a cell read alone is
    mostly paper, and Otsu on it splits the paper's own grain into "ink" ("หน้viaาที").
    Settled once on the whole page, where ink and paper are both present, the
    grain is gone from every later crop; the ink keeps its grey edges.
    """
    t, _ = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    grey[grey > t] = 255
