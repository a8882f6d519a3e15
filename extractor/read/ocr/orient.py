"""Pages scanned turned 90°, 180° or 270°: asked of the engine's orientation detector.

Only a page the engine read badly is asked (:func:`extractor.read.ocr.reader._read`):
an upright page, the common case, costs nothing extra. Tesseract's OSD
(Debian ``tesseract-ocr-osd``) tells Thai pages' turn reliably at full page size;
below ``MIN_CONF`` its answer is a guess and the page is left as it is.
"""
from __future__ import annotations

import numpy as np

from .engine import OcrEngine

MIN_CONF = 2.0  # OSD's orientation confidence: Thai pages turned by 90°–270° measured 33–44 (seed scan)


def upright_degrees(image: np.ndarray, engine: OcrEngine) -> int:
    """Degrees the page is turned clockwise (0, 90, 180, 270); 0 when unsure."""
    try:
        got = engine.orientation(image)
    except Exception:  # noqa: BLE001 — no detector, no turn
        return 0
    if not got or got[1] < MIN_CONF:
        return 0
    return got[0] if got[0] in (90, 180, 270) else 0


def turn(grey: np.ndarray, degrees: int) -> np.ndarray:
    """Undo a clockwise turn of ``degrees``: rotate the image back counter-clockwise."""
    return np.ascontiguousarray(np.rot90(grey, k=(degrees // 90) % 4))
