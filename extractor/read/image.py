"""Images (PNG, JPEG, multi-page TIFF) and scanned PDF pages → OCR'd pages.

:func:`read_image` opens the file safely (size limit against decompression
bombs, every TIFF frame a page); :func:`ocr_pages` is shared with the PDF reader,
which rasterizes image-only pages itself. Pages are read one at a time by the
engine named in :class:`~extractor.options.OcrOptions` (model loaded once per
process), each page's images dropped before the next is read. ``workers > 1``
spreads pages over processes, one Tesseract thread each (``OMP_THREAD_LIMIT=1``).
A page that cannot be read falls back (``Page.fallback``); only a document whose
every page is unreadable is refused.
"""
from __future__ import annotations

import atexit
import multiprocessing
import os
import re
import warnings
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Iterable

from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

from ..errors import UnusableInput
from ..options import DEFAULT, ExtractOptions, OcrOptions
from ..text.chars import THAI_CHAR
from .base import Page, ReadResult, Row

MIN_SIDE = 200            # px: anything smaller cannot hold a readable line of Thai
Image.MAX_IMAGE_PIXELS = None  # the limit is ExtractOptions.limits.max_pixels, checked before decoding


def _engine(opts: OcrOptions):
    from .ocr.engine import get_engine
    return get_engine(opts.engine, opts.languages, opts.tessdata)


def _ocr_one(args: tuple[Image.Image, int, OcrOptions]) -> Page:
    from .ocr.reader import ocr_image
    img, number, opts = args
    return ocr_image(img, number, _engine(opts))


_POOL: tuple[int, ProcessPoolExecutor] | None = None


def warm_ocr(opts: OcrOptions = DEFAULT.ocr) -> None:
    """Load what every page needs once (the engine's model, digit templates, lexicon,
    gazetteer, the Thai dictionary): done in the parent before forking, workers start
    warm instead of spending ~2 s each on it."""
    from .ocr.digits import templates
    from .ocr.fix import warm
    templates()
    warm()
    from ..text.lexicon import dictionary, word_tokens
    dictionary()
    word_tokens("องค์การบริหารส่วนตำบล")


def _pool(n: int, opts: OcrOptions) -> ProcessPoolExecutor:
    """One pool for the whole run: the PDF reader calls :func:`ocr_pages` a chunk at a time."""
    global _POOL
    if _POOL is None or _POOL[0] != n:
        if _POOL is not None:
            _POOL[1].shutdown()
        warm_ocr(opts)
        _POOL = (n, ProcessPoolExecutor(max_workers=n))
        atexit.register(_POOL[1].shutdown)
    return _POOL[1]


def ocr_pages(images: Iterable[Image.Image], numbers: list[int], options: OcrOptions = DEFAULT.ocr) -> list[Page]:
    """OCR page images (any mode, any dpi) → Pages in the same order, numbered as given.

    Raises UnusableInput only when no page at all could be read.
    """
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    n = max(1, min(options.workers, len(numbers)))
    if n == 1 or multiprocessing.current_process().daemon:  # a daemon (batch worker) may not fork
        engine = _engine(options)
        from .ocr.reader import ocr_image
        pages = []
        for img, number in zip(images, numbers):
            pages.append(ocr_image(img, number, engine))
            del img  # the caller may hand a generator: one page in memory at a time
    else:
        jobs = [(img, number, options) for img, number in zip(images, numbers)]
        try:
            pages = list(_pool(n, options).map(_ocr_one, jobs))
        except BrokenProcessPool:  # a worker was killed (memory): read this chunk here instead
            global _POOL
            _POOL = None
            pages = [_ocr_one(j) for j in jobs]
    if pages and all((p.fallback or "").startswith("unreadable") for p in pages):
        why = pages[0].fallback or ""
        raise UnusableInput(f"อ่านภาพสแกนไม่ได้เลยสักหน้า (OCR could not read any page: {why[:150]})")
    return pages


def has_text(pages: list[Page], min_letters: int = 12) -> bool:
    """Did OCR find real text? Texture in a photo reads as a few unsure letters; a page of
    text gives many letters in lines Tesseract was sure of."""
    letters = 0
    for page in pages:
        for block in page.blocks:
            items = block.cells if isinstance(block, Row) else [block]
            for it in items:
                if (it.confidence or 0) >= 0.7:
                    letters += len(re.findall(f"[{THAI_CHAR}]|[A-Za-z]", it.text))
    return letters >= min_letters


def load_frames(path: Path, max_pixels: int = DEFAULT.limits.max_pixels) -> list[Image.Image]:
    """Every frame of the image, upright (EXIF orientation applied), fully decoded."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as im:
                w, h = im.size
                if w * h > max_pixels:
                    raise Image.DecompressionBombError("too many pixels")
                frames = []
                for frame in ImageSequence.Iterator(im):
                    if frame.size[0] * frame.size[1] > max_pixels:
                        raise Image.DecompressionBombError("too many pixels")
                    f = ImageOps.exif_transpose(frame.copy()) or frame.copy()
                    f.load()
                    frames.append(f)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise UnusableInput(f"ภาพใหญ่เกินไป เกิน {max_pixels // 1_000_000} ล้านพิกเซล "
                            f"(image over {max_pixels // 1_000_000} megapixels: refused as a decompression bomb)") from None
    except UnidentifiedImageError:
        raise UnusableInput("เปิดไฟล์ภาพไม่ได้ (not a readable image)") from None
    except (OSError, ValueError, SyntaxError) as e:
        raise UnusableInput(f"ไฟล์ภาพเสียหาย (damaged image: {str(e)[:80]})") from None
    if not frames:
        raise UnusableInput("ไฟล์ภาพไม่มีหน้าใดเลย (image has no frames)")
    return frames


def read_image(path: Path, options: ExtractOptions = DEFAULT) -> ReadResult:
    """PNG / JPEG / TIFF → ReadResult(format="image", ocr=True), one Page per frame."""
    path = Path(path)
    frames = load_frames(path, options.limits.max_pixels)
    for f in frames:
        if min(f.size) < MIN_SIDE:
            raise UnusableInput(f"ภาพเล็กเกินกว่าจะอ่านข้อความได้ ({f.size[0]}×{f.size[1]} px) "
                                f"(image too small to read: {f.size[0]}x{f.size[1]} px)")
    pages = ocr_pages(frames, list(range(1, len(frames) + 1)), options.ocr)
    if not has_text(pages):
        raise UnusableInput("ไม่พบข้อความในภาพ: หน้าว่างหรือเป็นภาพถ่ายที่ไม่มีตัวอักษร "
                            "(no text found: blank page or a picture without text)")
    return ReadResult(format="image", pages=pages, page_count=len(frames), ocr=True)
