"""The OCR engine seam: page images in, words with boxes and confidences out.

Everything above this module (grid, cells, repairs, memo flow) works on
:class:`~.types.PageWords` and never names an engine, so another engine plugs in by
implementing :class:`OcrEngine` and registering a name in :data:`ENGINES`
(docs/ocr.md: a GPU server such as Typhoon OCR, or PaddleOCR). Two engines prove
the seam today, both Tesseract with the same ``tha``/``eng`` models:

- ``tesserocr`` (:mod:`.tess_api`): libtesseract in-process, model loaded once per
  process, images handed over as bytes — no temporary files, no subprocess. Default.
- ``pytesseract`` (:mod:`.tess_cli`): the ``tesseract`` command per call; the
  fallback where tesserocr does not install, and the reference the tests compare with.

The engine is chosen by name from :class:`extractor.options.OcrOptions` (``engine``:
"auto" | "tesserocr" | "pytesseract") and kept for the life of the process.
"""
from __future__ import annotations

import re
import shutil
import subprocess
from functools import lru_cache
from typing import Protocol, Sequence, runtime_checkable

import numpy as np

from ...errors import UnusableInput
from .types import MAX_SIDE, Box, EngineError, PageWords, check_size  # noqa: F401  (engines' contract)

__all__ = ["OcrEngine", "EngineError", "get_engine", "tessdata_dir", "ENGINES"]



@runtime_checkable
class OcrEngine(Protocol):
    """What the OCR path needs from an engine. Images are uint8 greyscale numpy arrays."""

    name: str

    def read(self, images: Sequence[np.ndarray], *, psm: int = 3, lang: str | None = None) -> list[PageWords]:
        """Read whole images (a list, so a batching GPU engine fits): one PageWords each,
        boxes in the image's pixels. Raises :class:`EngineError` for an image it rejects."""
        ...

    def read_boxes(self, image: np.ndarray, boxes: Sequence[Box], *, psm: int = 6,
                   lang: str | None = None) -> list[PageWords]:
        """Read rectangles of one image (the page just read: an in-process engine keeps it
        loaded); boxes of the words in the whole image's pixels, one PageWords per box."""
        ...

    def orientation(self, image: np.ndarray) -> tuple[int, float] | None:
        """(degrees to turn the image clockwise so its text stands upright, confidence),
        or None when the engine cannot tell."""
        ...


@lru_cache(maxsize=4)
def tessdata_dir(configured: str | None = None) -> str:
    """Where the installed Tesseract keeps its models (Debian: tesseract-ocr-tha/-eng/-osd).

    Asked of the ``tesseract`` command once per process, so the in-process engine
    reads the very models the command does and no path is written into the code.
    """
    if configured:
        return configured.rstrip("/") + "/"
    exe = shutil.which("tesseract")
    if exe:
        try:
            out = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=30)
            m = re.search(r'"([^"]+)"', out.stdout + out.stderr)
            if m:
                return m.group(1).rstrip("/") + "/"
        except (OSError, subprocess.SubprocessError):
            pass
    raise UnusableInput("ไม่พบโปรแกรม Tesseract สำหรับอ่านภาพสแกน (tesseract is not installed)")


def _tesserocr(languages: str, tessdata: str | None) -> OcrEngine:
    from .tess_api import TesserocrEngine
    return TesserocrEngine(languages, tessdata_dir(tessdata))


def _pytesseract(languages: str, tessdata: str | None) -> OcrEngine:
    from .tess_cli import PytesseractEngine
    return PytesseractEngine(languages)


ENGINES = {"tesserocr": _tesserocr, "pytesseract": _pytesseract}


@lru_cache(maxsize=4)
def get_engine(name: str = "auto", languages: str = "tha+eng", tessdata: str | None = None) -> OcrEngine:
    """The engine called ``name``, built once per process ("auto": tesserocr where it imports)."""
    if name == "auto":
        try:
            import tesserocr  # noqa: F401
            name = "tesserocr"
        except ImportError:
            name = "pytesseract"
    if name not in ENGINES:
        raise UnusableInput(f"ไม่รู้จักเครื่องอ่าน OCR '{name}' (unknown OCR engine '{name}': "
                            f"choose auto, {', '.join(ENGINES)})")
    try:
        return ENGINES[name](languages, tessdata)
    except ImportError:
        raise UnusableInput(f"ไม่ได้ติดตั้งเครื่องอ่าน OCR '{name}' (OCR engine '{name}' is not installed)") from None
