"""Tesseract in-process through tesserocr: the model loaded once, pages handed over as bytes.

One :class:`tesserocr.PyTessBaseAPI` per language set lives as long as the
process; :meth:`TesserocrEngine.read_boxes` re-reads rectangles of the page already
set (``SetRectangle``) without handing the image over again. The PyPI wheel bundles
its own libtesseract (5.5 here) and reads the system's traineddata.
"""
from __future__ import annotations

from typing import Sequence

import numpy as np
import tesserocr
from tesserocr import OEM, PSM, RIL, PyTessBaseAPI

from .types import MAX_SIDE, Box, EngineError, PageWords, Word, check_size, line_of

MARGIN = 24  # white px around a rectangle read on its own: more than a line's spacing


class TesserocrEngine:
    """:class:`~.engine.OcrEngine` over libtesseract in this process."""

    name = "tesserocr"

    def __init__(self, languages: str, tessdata: str):
        self.languages = languages
        self.tessdata = tessdata
        self._apis: dict[str, PyTessBaseAPI] = {}
        self._held: dict[str, np.ndarray] = {}  # the image each api holds (kept alive: no id reuse)
        self.api(languages)  # fail now, not on the first page, if a model is missing

    def api(self, lang: str) -> PyTessBaseAPI:
        if lang not in self._apis:
            try:
                self._apis[lang] = PyTessBaseAPI(path=self.tessdata, lang=lang, oem=OEM.LSTM_ONLY,
                                                 psm=PSM.AUTO if lang != "osd" else PSM.OSD_ONLY)
            except RuntimeError as e:
                raise EngineError(f"tesserocr cannot load '{lang}' from {self.tessdata}: {e}") from None
        return self._apis[lang]

    def _set(self, api: PyTessBaseAPI, image: np.ndarray, lang: str) -> None:
        if self._held.get(lang) is image:
            return
        check_size(image)
        img = np.ascontiguousarray(image, dtype=np.uint8)
        h, w = img.shape[:2]
        api.SetImageBytes(img.tobytes(), w, h, 1, w)
        self._held[lang] = image

    def _words(self, api: PyTessBaseAPI, dx: int = 0, dy: int = 0) -> PageWords:
        if not api.Recognize():
            raise EngineError("tesserocr could not recognize the image")
        out = PageWords()
        words: list[Word] = []
        it = api.GetIterator()
        if it is None:
            return out
        level = RIL.WORD
        while True:
            if words and it.IsAtBeginningOf(RIL.TEXTLINE):
                out.lines.append(line_of(words))
                words = []
            try:
                text = (it.GetUTF8Text(level) or "").strip().strip("|¦")
            except RuntimeError:  # "No text returned": an empty element
                text = ""
            box = it.BoundingBox(level)
            if text and box:
                x0, y0, x1, y1 = box
                words.append(Word(text, max(0.0, it.Confidence(level)) / 100, (x0 + dx, y0 + dy, x1 + dx, y1 + dy)))
            if not it.Next(level):
                break
        if words:
            out.lines.append(line_of(words))
        return out

    def read(self, images: Sequence[np.ndarray], *, psm: int = 3, lang: str | None = None) -> list[PageWords]:
        api = self.api(lang or self.languages)
        out = []
        for image in images:
            self._set(api, image, lang or self.languages)
            api.SetPageSegMode(psm)
            out.append(self._words(api))
        return out

    def read_boxes(self, image: np.ndarray, boxes: Sequence[Box], *, psm: int = 6,
                   lang: str | None = None) -> list[PageWords]:
        """Each rectangle on its own white margin: measured on the seed's office scan, a bare
        ``SetRectangle`` on the page reads the cell's shading at its edges as glyphs ("หน้viaาที"),
        the same pixels with a margin read clean, and copying a cell costs microseconds."""
        api = self.api(lang or self.languages)
        api.SetPageSegMode(psm)
        h, w = image.shape[:2]
        out = []
        for x0, y0, x1, y1 in boxes:
            x0, y0, x1, y1 = max(0, x0), max(0, y0), min(w, x1), min(h, y1)
            if x1 - x0 < 4 or y1 - y0 < 4:
                out.append(PageWords())
                continue
            canvas = np.full((y1 - y0 + 2 * MARGIN, x1 - x0 + 2 * MARGIN), 255, np.uint8)
            canvas[MARGIN:MARGIN + y1 - y0, MARGIN:MARGIN + x1 - x0] = image[y0:y1, x0:x1]
            self._set(api, canvas, lang or self.languages)
            out.append(self._words(api, x0 - MARGIN, y0 - MARGIN))  # back in whole-image pixels
        return out

    def orientation(self, image: np.ndarray) -> tuple[int, float] | None:
        api = self.api("osd")
        self._set(api, image, "osd")
        try:
            got = api.DetectOrientationScript()
        except RuntimeError:
            return None
        if not got:
            return None
        return int(got["orient_deg"]) % 360, float(got["orient_conf"])


__all__ = ["TesserocrEngine", "tesserocr"]
