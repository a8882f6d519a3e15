"""Free text (outside tables): pypdfium2 glyph lines → the visual lines :mod:`extractor.flow` joins.

The PDF knows what OCR has to guess: each glyph's font size, baseline and weight.
So a line's ``size`` is its median glyph size (thresholds in em), pitch is measured
between baselines, and a bold label ("เรื่อง") does not join its plain value.
"""
from __future__ import annotations

from statistics import median

from ..flow import FlowSettings, VisLine, join_paragraphs
from ..base import Line
from .glyphs import Cluster
from .lines import LineSettings, line_box, line_text


def _vis(line: list[Cluster], ls: LineSettings, fs: FlowSettings) -> VisLine:
    ink = [c for c in line if c.text != " "] or line
    size = median(c.size for c in ink)
    gap = max((b.x0 - a.x1 for a, b in zip(ink, ink[1:])), default=0.0)
    first = next((i for i, c in enumerate(line) if c.text == " " and i), len(line))
    first_word = line[first - 1].x1 - line[0].x0
    hang = next((b.x0 for a, b in zip(ink, ink[1:]) if b.x0 - a.x1 >= fs.label_gap * size), None)
    return VisLine(line_text(line, ls), line_box(line), gap=gap, first_word=first_word, hang=hang, size=size,
                   base=median(c.base for c in ink), bold_first=ink[0].bold, bold_last=ink[-1].bold)


def paragraphs(lines: list[list[Cluster]], ls: LineSettings = LineSettings(),
               fs: FlowSettings = FlowSettings()) -> list[tuple[float, Line]]:
    """(top, Line) per paragraph of free text, top to bottom; wrapped lines joined."""
    return [(p.bbox[1], p) for p in join_paragraphs([_vis(line, ls, fs) for line in lines], fs)]
