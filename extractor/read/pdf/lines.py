"""Glyph clusters → visual lines → the text of a line, a cell or a paragraph.

Geometry only decides *where* lines and paragraphs break; how a wrapped Thai line
joins the next one is :func:`extractor.thai.join_wrapped`'s call (no space inside a
Thai run, one space where the PDF had one at the line end).
"""
from __future__ import annotations

from dataclasses import dataclass
from statistics import median

from ...text.normalize import join_wrapped
from ...text.items import starts_item
from .glyphs import Cluster


@dataclass(frozen=True)
class LineSettings:
    same_line: float = 0.4  # × font size: baselines closer than this are one visual line
    space_gap: float = 0.3  # × font size: a gap this wide with no space glyph reads as a space …
    narrow_space: float = 0.2  # … and one this wide does where the letters around it sit tight
    # Thai justification spreads clusters by < 0.1 em, and Thai words carry no spaces,
    # so only a gap near a real space's width (≈ 0.33 em) may become one.


def group_lines(clusters: list[Cluster], s: LineSettings = LineSettings()) -> list[list[Cluster]]:
    """Visual lines top to bottom, each left to right (clusters keep their stream order inside)."""
    if not clusters:
        return []
    rows: list[list[Cluster]] = []
    base = 0.0
    for c in sorted(clusters, key=lambda c: c.base):
        if rows and c.base - base <= s.same_line * c.size:
            rows[-1].append(c)
        else:
            rows.append([c])
            base = c.base
    return [sorted(r, key=lambda c: c.x0) for r in rows]


def line_text(line: list[Cluster], s: LineSettings = LineSettings()) -> str:
    """One visual line's text; a trailing space the PDF drew is kept (it tells the join)."""
    ink = [c for c in line if c.text != " "]
    gaps = [b.x0 - a.x1 for a, b in zip(ink, ink[1:])]
    parts: list[str] = []
    k = -1  # index into ink of the last glyph written
    for c in line:
        if c.text == " ":
            if parts and parts[-1] != " ":
                parts.append(" ")
            continue
        if k >= 0 and parts[-1] != " " and _is_space(gaps, k, c.size, s):
            parts.append(" ")
        parts.append(c.text)
        k += 1
    return "".join(parts).lstrip()


def _is_space(gaps: list[float], k: int, size: float, s: LineSettings) -> bool:
    """Does the blank after glyph ``k`` stand for a word space the PDF drew as a move, not a glyph?

    It must be wide (``space_gap`` em) and wider than the blanks around it: a justified
    line spread letter by letter ("ป ร ะ จ ำ") has wide blanks everywhere in the word.
    """
    gap = gaps[k]
    if gap <= s.narrow_space * size:
        return False
    around = sorted(gaps[max(0, k - 3): k + 4])
    usual = max(around[len(around) // 2], 0.0)
    if gap > s.space_gap * size:
        return gap > 1.3 * usual
    return gap > 3 * usual + 0.05 * size  # a narrow space in tight text (Distiller justification)


def line_box(line: list[Cluster]) -> tuple[float, float, float, float]:
    return (min(c.x0 for c in line), min(c.top for c in line),
            max(c.x1 for c in line), max(c.bottom for c in line))


def cell_text(clusters: list[Cluster], breaks: list[float] = (), s: LineSettings = LineSettings()) -> str:
    """A cell's text: paragraphs joined by ``"\\n"``, each paragraph's wrapped lines joined.

    A paragraph starts at a line that begins a numbered item, or below a rule that
    splits the cell (``breaks``: y positions of partial rules inside the cell).
    """
    paragraphs: list[list[str]] = []
    cuts = sorted(breaks)
    prev_base = None
    for line in group_lines(clusters, s):
        text = line_text(line, s)
        if not text.strip():
            continue
        base = median(c.base for c in line)
        ruled = prev_base is not None and any(prev_base < y < base for y in cuts)
        if not paragraphs or ruled or starts_item(text):
            paragraphs.append([text])
        else:
            paragraphs[-1].append(text)
        prev_base = base
    return "\n".join(join_wrapped(p) for p in paragraphs)
