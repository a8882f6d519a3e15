"""A table cell and the engine lines read inside it, and pieces of lines put back together.

Why cells are read one by one and not cut out of a whole-page reading (measured on
the seed's office scan, both engines): read as part of the page, a cell loses
tone marks (แต่งตั้ง → แต่งตัง, ท้องถิ่น → ท้องถิน) and a header whose cells are
centred vertically comes out as made-up lines across columns ("ผูมบมณสบณา๒ก้รับผิดชอบ").
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .types import Box, OcrLine, line_of


@dataclass
class CellWords:
    """One grid cell and the line pieces read inside it."""

    grid: int
    row: int
    col: int
    box: Box
    lines: list[OcrLine] = field(default_factory=list)


def merge_pieces(lines: list[OcrLine]) -> list[OcrLine]:
    """Top to bottom; two pieces on the same visual line (the engine split it) become one."""
    out: list[OcrLine] = []
    for ln in sorted(lines, key=lambda l: (l.box[1], l.box[0])):
        if out:
            a = out[-1]
            overlap = min(a.box[3], ln.box[3]) - max(a.box[1], ln.box[1])
            if overlap > 0.6 * min(a.height, ln.height):
                out[-1] = line_of(a.words + ln.words)
                continue
        out.append(ln)
    return out
