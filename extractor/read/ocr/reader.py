"""One scanned page → Page blocks: memo lines in reading order, table rows cell by cell.

The model must not be loaded once per cell (≈0.2 s each), and a whole ruled
page read at once runs lines across columns. So each cell of the grid found by
:mod:`extractor.preprocess` is cut out and the crops are stacked into ONE tall
image, separated by white bands; Tesseract reads it in a single call and every
line it returns is sent back to the cell whose band holds it. Text outside the
table (a title, a memo, signatures) rides along in the same image as full-width
bands. Then :mod:`extractor.ocr_fix` repairs what Tesseract's Thai model is known
to get wrong.

Lines outside tables are joined into paragraphs as the PDF reader does
(:mod:`extractor.ocr_flow`); unsure Latin words get one Thai-only second reading
(:mod:`extractor.ocr_recheck`, one more call, only on pages that have any).

Before Tesseract the page is scaled so its glyph bodies are ``text_height`` px
(measured, not assumed from dpi), dust is removed by distance from glyphs (a
median filter would thin the tone marks), and rules are erased.

Measured on the seed's office scan (2 cores): one ``image_to_data`` call on the
stacked cells reads a table page as well as 30 per-cell calls at a fifth of
the time, and far better than the whole page at once (columns mixed).
"""
from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass, field

import cv2
import numpy as np
import pytesseract
from PIL import Image

from ...errors import UnusableInput
from .fix import blank_runs, fix_line
from .flow import VisLine, paragraphs
from .recheck import recheck
from .preprocess import Box, PreparedPage, despeckle, prepare, stretch, to_grey
from ..base import Cell, Line, Page, Row
from ...text.items import starts_item  # one rule for every reader: what opens a numbered item
from ...text.normalize import join_wrapped

LANG = "tha+eng"
TIMEOUT_S = 300  # one page; a loaded 2-core machine reads a dense page in under a minute


@dataclass(frozen=True)
class OcrSettings:
    """Every OCR tolerance, with why it has that value."""

    text_height: float = 22.0   # px: Tesseract's LSTM reads Thai best with bodies about this tall
    min_scale: float = 0.35
    max_scale: float = 2.5
    band_gap: int = 36          # white px between stacked crops: more than any line spacing
    cell_pad: int = 5           # px trimmed inside each cell so no rule remnant is read
    space_gap: float = 0.4      # blank run / body height above which two clusters are separate words
                                # (measured: word gaps ≥ 0.5, gaps inside Thai words ≤ 0.3)
    min_ink: float = 0.002      # pages with less dark area than this are blank
    psm_stack: int = 6          # one uniform block: the stacked image has one column by construction
    psm_page: int = 3           # a page without a table: let Tesseract find the blocks
    min_line_conf: float = 0.7  # lines read below this outside a table are noise (dotted leaders,
                                # stamps, emblems: 0.6–0.65; real lines ≥ 0.85, handwriting ≈ 0.9)


@dataclass
class Word:
    text: str
    conf: float  # 0–1
    box: Box     # in the image Tesseract read


@dataclass
class OcrLine:
    words: list[Word]
    box: Box

    @property
    def height(self) -> int:
        return max(1, self.box[3] - self.box[1])


@dataclass
class Band:
    """One crop placed in the stacked image: a table cell or a run of text outside tables."""

    kind: str            # "cell" | "text"
    page_box: Box        # where it is on the (deskewed, scaled) page
    top: int             # where it starts in the stacked image
    height: int
    grid: int = -1
    row: int = -1
    col: int = -1
    lines: list[OcrLine] = field(default_factory=list)


# ------------------------------------------------------------------ Tesseract
def tesseract_lines(img: np.ndarray, psm: int, lang: str = LANG) -> list[OcrLine]:
    """One Tesseract call → its text lines with word boxes and confidences, in its order."""
    with tempfile.TemporaryDirectory(prefix="ita-ocr-") as tmp:
        path = os.path.join(tmp, "page.pgm")  # uncompressed: PNG encoding alone cost 0.6 s a page
        cv2.imwrite(path, img)
        d = _run_tesseract(path, psm, lang)
    lines: dict[tuple[int, int, int], list[Word]] = {}
    for i, text in enumerate(d["text"]):
        text = (text or "").strip().strip("|¦")
        if not text:
            continue
        x, y, w, h = d["left"][i], d["top"][i], d["width"][i], d["height"][i]
        key = (d["block_num"][i], d["par_num"][i], d["line_num"][i])
        conf = max(0.0, float(d["conf"][i])) / 100
        lines.setdefault(key, []).append(Word(text, conf, (x, y, x + w, y + h)))
    out = []
    for words in lines.values():
        words.sort(key=lambda w: w.box[0])
        box = (min(w.box[0] for w in words), min(w.box[1] for w in words),
               max(w.box[2] for w in words), max(w.box[3] for w in words))
        out.append(OcrLine(words, box))
    return out


def _run_tesseract(path: str, psm: int, lang: str) -> dict:
    try:
        return pytesseract.image_to_data(path, lang=lang, config=f"--psm {psm}", timeout=TIMEOUT_S,
                                         output_type=pytesseract.Output.DICT)
    except pytesseract.TesseractNotFoundError:
        raise UnusableInput("ไม่พบโปรแกรม Tesseract สำหรับอ่านภาพสแกน (tesseract is not installed)") from None
    except pytesseract.TesseractError as e:
        raise UnusableInput(f"อ่านภาพด้วย OCR ไม่ได้ (tesseract failed: {str(e)[:120]})") from None
    except RuntimeError:  # pytesseract's timeout
        raise UnusableInput(f"อ่านภาพนานเกิน {TIMEOUT_S} วินาทีต่อหน้า (OCR timed out after {TIMEOUT_S} s a page)") from None


# ------------------------------------------------------------------ scale
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
    keep = (h >= 6) & (h <= 200) & (w <= 3 * h) & (w >= 3)
    if keep.sum() < 20:
        return 1.0
    body = float(np.median(h[keep]))
    return float(np.clip(s.text_height / body, s.min_scale, s.max_scale))


def rescale(grey: np.ndarray, scale: float) -> np.ndarray:
    if abs(scale - 1) < 0.05:
        return grey
    interp = cv2.INTER_AREA if scale < 1 else cv2.INTER_CUBIC
    return cv2.resize(grey, None, fx=scale, fy=scale, interpolation=interp)


# ------------------------------------------------------------------ stacking
def _has_ink(crop: np.ndarray, s: OcrSettings) -> bool:
    """At least about one glyph's worth of ink: scanner specks alone do not make a band."""
    return crop.size > 0 and int((crop < 128).sum()) >= 0.5 * s.text_height ** 2


def whiten(crop: np.ndarray) -> np.ndarray:
    """A shaded cell (grey header fill) → white paper, dark text kept dark.

    Tesseract binarizes the whole stacked image at once; a grey cell among white
    ones would be thresholded into a black slab. Dividing by the cell's own
    paper level (its median) puts every cell on the same white.
    """
    paper = float(np.median(crop)) if crop.size else 255.0
    if paper >= 235 or paper < 60:
        return crop
    crop = cv2.medianBlur(crop, 3)  # the fill's screen dots would turn into specks
    return np.clip(crop.astype(np.float32) * (255.0 / paper), 0, 255).astype(np.uint8)


def bands_for(page: PreparedPage, s: OcrSettings = OcrSettings()) -> list[Band]:
    """Crops in reading order: text above/between/below tables as full-width bands, cells row by row."""
    img = page.image
    h, w = img.shape
    bands: list[Band] = []
    cursor = 0
    for gi, grid in enumerate(page.grids):
        gx0, gy0, gx1, gy1 = grid.box
        if gy0 - cursor > 10:
            bands.append(Band("text", (0, cursor, w, gy0), 0, 0))
        for ri, row in enumerate(grid.rows):
            for ci, (x0, y0, x1, y1) in enumerate(row):
                p = s.cell_pad
                bands.append(Band("cell", (x0 + p, y0 + p, max(x0 + p + 1, x1 - p), max(y0 + p + 1, y1 - p)),
                                  0, 0, gi, ri, ci))
        cursor = gy1
    if h - cursor > 10:
        bands.append(Band("text", (0, cursor, w, h), 0, 0))
    return bands


def stack(img: np.ndarray, bands: list[Band], s: OcrSettings = OcrSettings()) -> np.ndarray:
    """Place every inked band's crop in one tall white image; record where each went."""
    crops = []
    for b in bands:
        x0, y0, x1, y1 = b.page_box
        crop = whiten(img[y0:y1, x0:x1])
        crops.append(crop if _has_ink(crop, s) else None)
    width = max([c.shape[1] for c in crops if c is not None] or [1]) + 2 * s.band_gap
    height = s.band_gap + sum(c.shape[0] + s.band_gap for c in crops if c is not None)
    canvas = np.full((height, width), 255, np.uint8)
    y = s.band_gap
    for b, c in zip(bands, crops):
        if c is None:
            b.top, b.height = -1, 0
            continue
        canvas[y:y + c.shape[0], s.band_gap:s.band_gap + c.shape[1]] = c
        b.top, b.height = y, c.shape[0]
        y += c.shape[0] + s.band_gap
    return canvas


def drop_mark_strips(lines: list[OcrLine], s: OcrSettings = OcrSettings()) -> list[OcrLine]:
    """Remove "lines" Tesseract made of the marks above a real line ("Vea" over ผู้รับ,
    "๑7๑76" over ประชาสัมพันธ์): thinner than a glyph body, or lying mostly inside a
    taller line's box. A lone dash (an empty cell's "-") is kept."""
    out = []
    for a in lines:
        text = "".join(w.text for w in a.words)
        if re.fullmatch(r"[-–—_.…]+", text):
            out.append(a)
            continue
        thin = a.height < 0.55 * s.text_height and (mean_conf([a]) or 0) < 0.85
        inside = any(b is not a and b.height > 1.5 * a.height
                     and min(a.box[3], b.box[3]) - max(a.box[1], b.box[1]) >= 0.4 * a.height
                     and min(a.box[2], b.box[2]) > max(a.box[0], b.box[0])
                     for b in lines)
        if not (thin or inside):
            out.append(a)
    return out


def assign(lines: list[OcrLine], bands: list[Band]) -> None:
    """Each line goes to the band holding its vertical centre (bands never overlap)."""
    placed = [b for b in bands if b.top >= 0]
    for line in drop_mark_strips(lines):
        cy = (line.box[1] + line.box[3]) / 2
        for b in placed:
            if b.top - 4 <= cy <= b.top + b.height + 4:
                b.lines.append(line)
                break


# ------------------------------------------------------------------ text
def cell_text(texts: list[str]) -> str:
    """Lines of one cell → paragraphs joined by "\\n" (a new one at each numbered item)."""
    paras: list[list[str]] = []
    for t in texts:
        if not t.strip():
            continue
        if not paras or starts_item(t):
            paras.append([t])
        else:
            paras[-1].append(t)
    return "\n".join(join_wrapped(p) for p in paras)


def mean_conf(lines: list[OcrLine]) -> float | None:
    confs = [w.conf for ln in lines for w in ln.words]
    return round(sum(confs) / len(confs), 3) if confs else None


def vis_line(ln: OcrLine, text: str, conf: float, image: np.ndarray, scale: float,
             dx: int, dy: int, s: OcrSettings) -> VisLine:
    """The line in page units with the blanks the paragraph flow looks at."""
    runs = blank_runs(image, ln, s.space_gap * s.text_height)
    x0, y0, x1, y1 = ln.box
    box = ((x0 + dx) / scale, (y0 + dy) / scale, (x1 + dx) / scale, (y1 + dy) / scale)
    gap = max((r1 - r0 for r0, r1 in runs), default=0) / scale
    first = (runs[0][0] - x0) / scale if runs else (x1 - x0) / scale
    label = next((r for r in runs if r[1] - r[0] >= 1.2 * s.text_height), None)
    hang = (label[1] + dx) / scale if label else None
    return VisLine(text, box, conf, gap, first, hang)


# ------------------------------------------------------------------ page
def ocr_image(img: Image.Image, number: int | None, s: OcrSettings = OcrSettings()) -> Page:
    """One page image → Page (a blank page gives a Page with no blocks)."""
    grey = to_grey(img)
    scale = working_scale(grey, s)
    # no median filter: it thins tone marks until Tesseract drops them; dust goes by distance
    page = prepare(despeckle(stretch(rescale(grey, scale)), s.text_height), denoise=False)
    h, w = page.image.shape
    out = Page(number=number, width=w / scale, height=h / scale)
    if page.ink_share < s.min_ink:
        return out

    def to_page(box: Box, dx: int = 0, dy: int = 0) -> tuple[float, float, float, float]:
        return ((box[0] + dx) / scale, (box[1] + dy) / scale, (box[2] + dx) / scale, (box[3] + dy) / scale)

    def text_lines(lines: list[OcrLine], image: np.ndarray, dx: int = 0, dy: int = 0) -> list[Line]:
        got = []
        for ln in lines:
            conf = mean_conf([ln]) or 0.0
            text = fix_line(ln, image, s)
            if text and conf >= s.min_line_conf:
                got.append(vis_line(ln, text, conf, image, scale, dx, dy, s))
        return paragraphs(got)

    if not page.grids:  # memo, letter, signature page: Tesseract finds the blocks
        lines = drop_mark_strips(tesseract_lines(page.image, s.psm_page), s)
        recheck(lines, page.image, s)
        out.blocks.extend(text_lines(lines, page.image))
        return out

    bands = bands_for(page, s)
    canvas = stack(page.image, bands, s)
    lines = tesseract_lines(canvas, s.psm_stack)
    recheck(lines, canvas, s)
    assign(lines, bands)
    row_key = None
    for b in bands:
        if b.kind == "text":
            row_key = None
            out.blocks.extend(text_lines(b.lines, canvas, b.page_box[0] - s.band_gap, b.page_box[1] - b.top))
            continue
        if (b.grid, b.row) != row_key:
            row_key = (b.grid, b.row)
            out.blocks.append(Row([]))
        text = cell_text([fix_line(ln, canvas, s) for ln in b.lines])
        out.blocks[-1].cells.append(Cell(text, to_page(b.page_box), mean_conf(b.lines)))  # type: ignore[union-attr]
    return out
