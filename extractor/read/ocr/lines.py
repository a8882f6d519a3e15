"""OCR lines → text: free lines into paragraphs, a cell's lines into its text, marks-only strips out."""
from __future__ import annotations

import re

import numpy as np

from ..base import Line
from ...text.items import starts_item  # one rule for every reader: what opens a numbered item
from ...text.normalize import join_wrapped
from .fix import blank_runs, fix_line
from .flow import VisLine, paragraphs
from .types import OcrLine, OcrSettings


def mean_conf(lines: list[OcrLine]) -> float | None:
    confs = [w.conf for ln in lines for w in ln.words]
    return round(sum(confs) / len(confs), 3) if confs else None


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


def vis_line(ln: OcrLine, text: str, conf: float, image: np.ndarray, scale: float, s: OcrSettings) -> VisLine:
    """The line in page units with the blanks the paragraph flow looks at."""
    runs = blank_runs(image, ln, s.space_gap * s.text_height)
    x0, y0, x1, y1 = ln.box
    box = (x0 / scale, y0 / scale, x1 / scale, y1 / scale)
    gap = max((r1 - r0 for r0, r1 in runs), default=0) / scale
    first = (runs[0][0] - x0) / scale if runs else (x1 - x0) / scale
    label = next((r for r in runs if r[1] - r[0] >= 1.2 * s.text_height), None)
    hang = label[1] / scale if label else None
    return VisLine(text, box, conf, gap, first, hang)


def text_lines(lines: list[OcrLine], image: np.ndarray, scale: float, s: OcrSettings) -> list[Line]:
    """Free lines (reading order) → repaired paragraphs; lines read below ``min_line_conf`` are noise."""
    got = []
    for ln in lines:
        conf = mean_conf([ln]) or 0.0
        if conf < s.min_line_conf:
            continue
        text = fix_line(ln, image, s)
        if text:
            got.append(vis_line(ln, text, conf, image, scale, s))
    return paragraphs(got)
