"""Tesseract through pytesseract (the ``tesseract`` command): the fallback and the reference.

Every call starts the command and loads the model again (≈0.2 s), so
:meth:`PytesseractEngine.read_boxes` stacks the rectangles into as few images as
Tesseract accepts (white bands between them, never near its 32,767 px limit) and
sends each word back to the rectangle whose band holds it.
"""
from __future__ import annotations

import re
from typing import Sequence

import numpy as np
import pytesseract
from PIL import Image

from ...errors import UnusableInput
from .types import MAX_SIDE, Box, EngineError, PageWords, Word, check_size, line_of

TIMEOUT_S = 300  # one image; a loaded 2-core machine reads a dense page in under a minute
GAP = 36         # white px between stacked rectangles: more than any line spacing
STACK_MAX = 20_000


class PytesseractEngine:
    """:class:`~.engine.OcrEngine` over the ``tesseract`` command."""

    name = "pytesseract"

    def __init__(self, languages: str):
        self.languages = languages

    def _data(self, image: np.ndarray, config: str, lang: str) -> dict:
        check_size(image)
        try:
            return pytesseract.image_to_data(Image.fromarray(image), lang=lang, config=config,
                                             timeout=TIMEOUT_S, output_type=pytesseract.Output.DICT)
        except pytesseract.TesseractNotFoundError:
            raise UnusableInput("ไม่พบโปรแกรม Tesseract สำหรับอ่านภาพสแกน (tesseract is not installed)") from None
        except pytesseract.TesseractError as e:
            raise EngineError(f"tesseract failed: {str(e)[:120]}") from None
        except RuntimeError:  # pytesseract's timeout
            raise EngineError(f"tesseract timed out after {TIMEOUT_S} s") from None

    def _page(self, image: np.ndarray, psm: int, lang: str) -> PageWords:
        d = self._data(image, f"--psm {psm}", lang)
        lines: dict[tuple[int, int, int], list[Word]] = {}
        for i, text in enumerate(d["text"]):
            text = (text or "").strip().strip("|¦")
            if not text:
                continue
            x, y, w, h = d["left"][i], d["top"][i], d["width"][i], d["height"][i]
            key = (d["block_num"][i], d["par_num"][i], d["line_num"][i])
            lines.setdefault(key, []).append(Word(text, max(0.0, float(d["conf"][i])) / 100, (x, y, x + w, y + h)))
        return PageWords([line_of(ws) for ws in lines.values()])

    def read(self, images: Sequence[np.ndarray], *, psm: int = 3, lang: str | None = None) -> list[PageWords]:
        return [self._page(img, psm, lang or self.languages) for img in images]

    def read_boxes(self, image: np.ndarray, boxes: Sequence[Box], *, psm: int = 6,
                   lang: str | None = None) -> list[PageWords]:
        out = [PageWords() for _ in boxes]
        h, w = image.shape[:2]
        crops = [(k, image[max(0, b[1]):min(h, b[3]), max(0, b[0]):min(w, b[2])]) for k, b in enumerate(boxes)]
        crops = [(k, c) for k, c in crops if c.shape[0] >= 4 and c.shape[1] >= 4]
        while crops:
            batch, height = [], GAP
            while crops and (not batch or height + crops[0][1].shape[0] + GAP <= STACK_MAX):
                k, c = crops.pop(0)
                batch.append((k, c, height))
                height += c.shape[0] + GAP
            width = min(MAX_SIDE - 1, max(c.shape[1] for _, c, _ in batch) + 2 * GAP)
            canvas = np.full((height, width), 255, np.uint8)
            for _, c, top in batch:
                canvas[top:top + c.shape[0], GAP:GAP + min(c.shape[1], width - 2 * GAP)] = c[:, :width - 2 * GAP]
            for ln in self._page(canvas, psm, lang or self.languages).lines:
                cy = (ln.box[1] + ln.box[3]) / 2  # a line never spans two bands: the gap is wider
                hit = next(((k, top) for k, c, top in batch if top - 4 <= cy <= top + c.shape[0] + 4), None)
                if hit is None:
                    continue
                k, top = hit
                dx, dy = max(0, boxes[k][0]) - GAP, max(0, boxes[k][1]) - top
                out[k].lines.append(line_of([Word(w.text, w.conf, (w.box[0] + dx, w.box[1] + dy, w.box[2] + dx,
                                                                   w.box[3] + dy)) for w in ln.words]))
        return out

    def orientation(self, image: np.ndarray) -> tuple[int, float] | None:
        try:
            text = pytesseract.image_to_osd(Image.fromarray(image), config="--psm 0", timeout=TIMEOUT_S)
        except (pytesseract.TesseractError, RuntimeError):
            return None
        rot = re.search(r"Orientation in degrees:\s*(\d+)", text)  # as turned; "Rotate" is the undo
        conf = re.search(r"Orientation confidence:\s*([\d.]+)", text)
        return (int(rot.group(1)) % 360, float(conf.group(1))) if rot and conf else None

