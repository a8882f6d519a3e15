"""Words of a page read once → the cells of its ruled grids, by geometry alone.

The engine reads the whole page (rules erased) in one call; each word then
goes to the cell that holds its centre. A text line the engine ran across two
columns is cut there, so every cell gets its own pieces of lines, top to bottom.
Words outside every grid stay as the page's free text (memo, titles, signatures).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .preprocess import Grid
from .types import Box, OcrLine, Word, line_of


@dataclass
class CellWords:
    """One grid cell and the line pieces read inside it."""

    grid: int
    row: int
    col: int
    box: Box
    lines: list[OcrLine] = field(default_factory=list)


@dataclass
class Placed:
    cells: list[CellWords]          # every cell of every grid, grid by grid, row by row
    outside: list[OcrLine]          # free text, in the engine's reading order


def _inside(box: Box, x: float, y: float, slack: int = 0) -> bool:
    return box[0] - slack <= x < box[2] + slack and box[1] - slack <= y < box[3] + slack


def place(lines: list[OcrLine], grids: list[Grid]) -> Placed:
    """Send each word to the cell holding its centre; group a cell's words back into lines."""
    cells = [CellWords(g, r, c, box) for g, grid in enumerate(grids)
             for r, row in enumerate(grid.rows) for c, box in enumerate(row)]
    outside: list[OcrLine] = []
    for ln in lines:
        pieces: dict[int, list[Word]] = {}
        rest: list[Word] = []
        for w in ln.words:
            cx, cy = (w.box[0] + w.box[2]) / 2, (w.box[1] + w.box[3]) / 2
            k = next((k for k, c in enumerate(cells) if _inside(c.box, cx, cy)), None)
            if k is None and any(_inside(g.box, cx, cy, 4) for g in grids):
                k = min(range(len(cells)), key=lambda i: _distance(cells[i].box, cx, cy)) if cells else None
            if k is None:
                rest.append(w)
            else:
                pieces.setdefault(k, []).append(w)
        for k, ws in pieces.items():
            cells[k].lines.append(line_of(ws))
        if rest:
            outside.append(line_of(rest) if len(rest) < len(ln.words) else ln)
    for c in cells:
        c.lines = merge_pieces(c.lines)
    return Placed(cells, outside)


def _distance(box: Box, x: float, y: float) -> float:
    dx = max(box[0] - x, 0, x - box[2])
    dy = max(box[1] - y, 0, y - box[3])
    return dx + dy


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
