"""One PDF page as plain positioned data: glyph clusters in stream order and ruling segments.

Why pdfium and not pdfplumber's char list: pdfium reads a page ~10x faster, and it
gives glyphs in content-stream order, which is the order the writer typed them.
Sorting Thai glyphs by x (pdfplumber's default) puts a tone mark before its vowel
(``พ่ื`` for ``พื่``) because marks have zero width and sit left of their origin;
stream order keeps ``เพื่อ`` intact. A mark is therefore attached to the glyph it
sits on (almost always the one before it in the stream) into a *cluster*, and only
clusters are ever sorted by position.

All coordinates are in reading space, pdfplumber order: ``x0, top, x1, bottom`` from
the top-left of the page turned so that its text stands upright (crop box applied).
"""
from __future__ import annotations

import ctypes
import math
import unicodedata
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as raw


@dataclass(slots=True)
class Cluster:
    """A base glyph and the marks typed after it; or one real space (text == " ")."""
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    base: float  # baseline y (display space)
    size: float  # font size in points (the loose box height when the PDF gives none)
    bold: bool = False  # the font is bold (name or weight): header rows of line-less tables

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(slots=True)
class Segment:
    """A straight ruling line: horizontal (y0 == y1) or vertical (x0 == x1)."""
    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def horizontal(self) -> bool:
        return (self.x1 - self.x0) >= (self.bottom - self.top)


@dataclass
class PageContent:
    number: int  # 1-based
    width: float
    height: float
    clusters: list[Cluster]
    segments: list[Segment]
    chars: int  # non-generated characters the text layer holds
    bad_chars: int  # of those: U+FFFD, unmapped control codes, non-Thai private-use glyphs
    image_cover: float  # share of the page area under images (0–1, overlaps counted once per image)


# Private-use glyphs that are Thai marks drawn shifted (U+F701–F71A Windows, U+F884–F89D Mac),
# minus the two consonant variants without descender (yo ying U+F70F/F89A, tho than U+F700/F89E).
_PUA_MARKS = (set(range(0xF701, 0xF71B)) | set(range(0xF884, 0xF89E))) - {0xF70F, 0xF89A}


def is_mark(ch: str) -> bool:
    """A glyph that sits on the one before it: Thai above/below vowels and tone marks."""
    o = ord(ch)
    return o in _PUA_MARKS or (0x0E31 <= o <= 0x0E4E and unicodedata.category(ch) == "Mn")


def is_bad(code: int) -> bool:
    """A character no repair can read back: unmapped glyph codes and replacement characters."""
    if code == 0xFFFD or (code < 0x20 and code not in (9, 10, 13)):
        return True
    if 0xE000 <= code <= 0xF8FF:
        return not (0xF700 <= code <= 0xF71A or 0xF884 <= code <= 0xF89E)
    return False


class _Display:
    """PDF user space → reading space (crop box origin, quarter turns), pdfplumber's ``top`` axis.

    The turn is the one that makes the text upright: a page rotated by /Rotate whose
    text was typed upright in the file reads unturned, and a landscape table drawn
    turned on a portrait page reads turned back. Pages without text follow /Rotate.
    """

    def __init__(self, page: pdfium.PdfPage, rot: int) -> None:
        self.l, self.b, self.r, self.t = page.get_cropbox()
        self.rot = rot % 360
        w, h = self.r - self.l, self.t - self.b
        self.width, self.height = (h, w) if self.rot in (90, 270) else (w, h)
        # display = (xa·x + xb·y + xc, ya·x + yb·y + yc): one affine map per quarter turn
        l, b, r, t = self.l, self.b, self.r, self.t
        self.m = {90: (0, 1, -b, 1, 0, -l), 180: (-1, 0, r, 0, 1, -b),
                  270: (0, -1, t, -1, 0, r)}.get(self.rot, (1, 0, -l, 0, -1, t))

    def point(self, x: float, y: float) -> tuple[float, float]:
        xa, xb, xc, ya, yb, yc = self.m
        return xa * x + xb * y + xc, ya * x + yb * y + yc

    def box(self, left: float, bottom: float, right: float, top: float) -> tuple[float, float, float, float]:
        xa, xb, xc, ya, yb, yc = self.m
        x0, x1 = xa * left + xb * bottom + xc, xa * right + xb * top + xc
        y0, y1 = ya * left + yb * bottom + yc, ya * right + yb * top + yc
        if x0 > x1:
            x0, x1 = x1, x0
        if y0 > y1:
            y0, y1 = y1, y0
        return x0, y0, x1, y1


# FPDFText_GetTextObject typed to return the bare address: comparing two text objects is
# then an int compare, not a ctypes cast per glyph (10x cheaper; profiled).
_text_object = ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int)(
    ctypes.cast(raw.FPDFText_GetTextObject, ctypes.c_void_p).value)


def _host(out: list[Cluster], mx: float, mbase: float, lookback: int = 40) -> Cluster | None:
    """The base glyph a mark sits on: the latest glyph under the mark's centre.

    Usually the glyph just before it in the stream; LibreOffice, though, draws a tone
    mark stacked over another mark later, after the word, raised by its own move.
    A mark is never lower than its base's baseline, which keeps it off the line above.
    """
    for c in reversed(out[-lookback:]):
        if c.text != " " and c.x0 - 1 <= mx <= c.x1 + 1 and c.base - 1.5 * c.size <= mbase <= c.base + 0.3 * c.size:
            return c
    prev = out[-1]
    return prev if prev.text != " " else None


def _text_turn(tp: pdfium.PdfTextPage, n: int) -> int | None:
    """The quarter turn (0/90/180/270) that makes most glyphs upright; None without text."""
    votes = [0, 0, 0, 0]
    for i in range(0, n, max(1, n // 200)):  # a sample is enough: a page rarely mixes directions
        a = raw.FPDFText_GetCharAngle(tp, i)
        if a >= 0 and not raw.FPDFText_IsGenerated(tp, i):
            votes[round(a / (math.pi / 2)) % 4] += 1  # pdfium measures the angle clockwise
    if not any(votes):
        return None
    return (4 - votes.index(max(votes))) % 4 * 90


def _pair_surrogates(codes: list[int]) -> list[str]:
    """UTF-16 code units, one per glyph index → characters; a pair's second index gets ""."""
    out = [""] * len(codes)
    i = 0
    while i < len(codes):
        c = codes[i]
        if 0xD800 <= c < 0xDC00 and i + 1 < len(codes) and 0xDC00 <= codes[i + 1] < 0xE000:
            out[i] = chr(0x10000 + ((c - 0xD800) << 10) + (codes[i + 1] - 0xDC00))
            i += 2
            continue
        out[i] = "\ufffd" if 0xD800 <= c < 0xE000 else chr(c)
        i += 1
    return out


def _clusters(tp: pdfium.PdfTextPage, disp: _Display) -> tuple[list[Cluster], int, int]:
    h = tp.raw  # the bare handle: ~10 pdfium calls a glyph, so no wrapper lookups
    n = raw.FPDFText_CountChars(h)
    text: str | list[str] = tp.get_text_range()
    if len(text) != n:  # a character beyond U+FFFF takes two indices: ask glyph by glyph
        text = _pair_surrogates([raw.FPDFText_GetUnicode(h, i) for i in range(n)])
    out: list[Cluster] = []
    chars = bad = 0
    rect = raw.FS_RECTF()
    ox, oy = ctypes.c_double(), ctypes.c_double()
    name, flags = ctypes.create_string_buffer(128), ctypes.c_int()
    last_obj, size, bold = None, 0.0, False
    matrix = raw.FS_MATRIX()
    for i in range(n):
        ch = text[i]
        if not ch:  # the second half of a surrogate pair
            continue
        if ch in " \r\n\ufffe\x02" and raw.FPDFText_IsGenerated(h, i):
            continue  # pdfium's own guessed spaces and line ends
        if ch in "\r\n":
            continue
        chars += 1
        code = ord(ch)
        if code in (2, 0xFFFE):  # pdfium's mark for a hyphen at a line end
            ch = "-"
        elif is_bad(code):
            bad += 1
        raw.FPDFText_GetLooseCharBox(h, i, rect)
        raw.FPDFText_GetCharOrigin(h, i, ox, oy)
        x0, top, x1, bottom = disp.box(rect.left, rect.bottom, rect.right, rect.top)
        _, base = disp.point(ox.value, oy.value)
        if out and is_mark(ch):
            host = _host(out, (x0 + x1) / 2, base)
            if host is not None:
                host.text += ch
                continue
        obj = _text_object(h, i)
        if obj != last_obj or obj is None:  # font facts change only with the text object
            last_obj = obj
            raw.FPDFText_GetMatrix(h, i, matrix)  # Distiller sets 1 pt type and scales the matrix
            scale = math.sqrt(abs(matrix.a * matrix.d - matrix.b * matrix.c)) or 1.0
            size = raw.FPDFText_GetFontSize(h, i) * scale or (bottom - top)
            raw.FPDFText_GetFontInfo(h, i, name, 128, flags)
            bold = b"bold" in name.value.lower() or raw.FPDFText_GetFontWeight(h, i) >= 600
        if ch.isspace():
            ch = " "
        out.append(Cluster(ch, x0, top, x1, bottom, base, max(size, 1.0), bold))
    return out, chars, bad


# ---------------------------------------------------------------- ruling lines
# A border drawn as a thin filled bar gives two parallel edges a point apart; the grid
# stage snaps them into one line, so every straight edge is kept here.

def _matrix(obj) -> tuple[float, ...]:
    m = raw.FS_MATRIX()
    if not raw.FPDFPageObj_GetMatrix(obj, m):
        return (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _compose(inner: tuple[float, ...], outer: tuple[float, ...]) -> tuple[float, ...]:
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D,
            e * A + f * C + E, e * B + f * D + F)


def _path_segments(obj, ctm: tuple[float, ...]) -> list[tuple[float, float, float, float]]:
    """Straight pieces of one path object, in PDF user space (curves are skipped)."""
    a, b, c, d, e, f = ctm
    pts: list[tuple[float, float, float, float]] = []
    x, y = ctypes.c_float(), ctypes.c_float()
    start = prev = None
    for i in range(raw.FPDFPath_CountSegments(obj)):
        seg = raw.FPDFPath_GetPathSegment(obj, i)
        raw.FPDFPathSegment_GetPoint(seg, x, y)
        p = (a * x.value + c * y.value + e, b * x.value + d * y.value + f)
        kind = raw.FPDFPathSegment_GetType(seg)
        if kind == raw.FPDF_SEGMENT_MOVETO:
            start = prev = p
            continue
        if kind == raw.FPDF_SEGMENT_LINETO and prev is not None:
            pts.append((*prev, *p))
        prev = p
        if raw.FPDFPathSegment_GetClose(seg) and start is not None and start != p:
            pts.append((*p, *start))
            prev = start
    return pts


def _walk(objs, ctm: tuple[float, ...], out: list, depth: int = 0) -> None:
    for obj in objs:
        kind = raw.FPDFPageObj_GetType(obj)
        if kind == raw.FPDF_PAGEOBJ_PATH:
            out.append(("path", obj, _compose(_matrix(obj), ctm)))
        elif kind == raw.FPDF_PAGEOBJ_IMAGE:
            out.append(("image", obj, ctm))
        elif kind == raw.FPDF_PAGEOBJ_FORM and depth < 4:
            inner = _compose(_matrix(obj), ctm)
            kids = [raw.FPDFFormObj_GetObject(obj, j) for j in range(raw.FPDFFormObj_CountObjects(obj))]
            _walk(kids, inner, out, depth + 1)


def _graphics(page: pdfium.PdfPage, disp: _Display) -> tuple[list[Segment], float]:
    """Axis-aligned ruling segments (stroked lines, rectangle edges, thin filled bars) and image cover."""
    objs = [raw.FPDFPage_GetObject(page, i) for i in range(raw.FPDFPage_CountObjects(page))]
    found: list = []
    _walk(objs, (1.0, 0.0, 0.0, 1.0, 0.0, 0.0), found)
    segs: list[Segment] = []
    image_area = 0.0
    fl, fb, fr, ft = (ctypes.c_float() for _ in range(4))
    for kind, obj, ctm in found:
        if kind == "image":
            if raw.FPDFPageObj_GetBounds(obj, fl, fb, fr, ft):
                # a nested image's bounds are in its form's space: map the corners through the form
                a, b, c, d, e, f = ctm
                xs = [a * px + c * py + e for px in (fl.value, fr.value) for py in (fb.value, ft.value)]
                ys = [b * px + d * py + f for px in (fl.value, fr.value) for py in (fb.value, ft.value)]
                x0, top, x1, bottom = disp.box(min(xs), min(ys), max(xs), max(ys))
                w = max(0.0, min(x1, disp.width) - max(x0, 0.0))
                h = max(0.0, min(bottom, disp.height) - max(top, 0.0))
                image_area += w * h
            continue
        for xa, ya, xb, yb in _path_segments(obj, ctm):
            (x0, t0), (x1, t1) = disp.point(xa, ya), disp.point(xb, yb)
            if abs(t1 - t0) <= 1.0 and abs(x1 - x0) > 1.0:
                y = (t0 + t1) / 2
                segs.append(Segment(min(x0, x1), y, max(x0, x1), y))
            elif abs(x1 - x0) <= 1.0 and abs(t1 - t0) > 1.0:
                x = (x0 + x1) / 2
                segs.append(Segment(x, min(t0, t1), x, max(t0, t1)))
    cover = image_area / (disp.width * disp.height) if disp.width and disp.height else 0.0
    return segs, min(cover, 1.0)


def read_page(pdf: pdfium.PdfDocument, index: int) -> PageContent:
    """Everything the geometry stages need from page ``index`` (0-based)."""
    page = pdf[index]
    turned = page.get_rotation()
    if turned:  # pdfium re-orders glyphs by the displayed direction: read the page unturned
        page.set_rotation(0)
    tp = page.get_textpage()
    try:
        turn = _text_turn(tp, tp.count_chars())
        disp = _Display(page, turned if turn is None else turn)
        clusters, chars, bad = _clusters(tp, disp)
        segments, cover = _graphics(page, disp)
        return PageContent(index + 1, disp.width, disp.height, clusters, segments, chars, bad, cover)
    finally:
        tp.close()
        page.close()
