"""Tables drawn without ruling lines: columns from x-gaps that hold down the page.

A run of visual lines is a table when some vertical strips stay empty on every
line of it (the column gutters) and at least one line has text in several
columns. A line of running text crosses the gutters, so it ends the run. Rows
break where the first column starts a numbered item (``๑.`` / ``1.``), where a
line changes between bold and plain (the header row), or at a wide vertical gap.
"""
from __future__ import annotations

from dataclasses import dataclass
from statistics import median

from ..base import Cell, Row
from .glyphs import Cluster
from .lines import LineSettings, cell_text, line_text
from ...text.items import starts_item


@dataclass(frozen=True)
class ColumnSettings:
    gutter: float = 0.5  # × font size: an empty strip this wide on every line is a column gap
    # (Word pads cells by ~0.1 in, so texts of adjacent columns come within ~0.7 em; a Thai
    # space is ≈ 0.33 em, and a wide justified space does not line up over many lines)
    min_columns: int = 4  # fewer columns: a signature pair or a form line, not a measure table
    min_lines: int = 3  # a shorter run is a justified line or two with wide spaces, not a table
    align: float = 1.5  # pt: cells are typed flush left, so texts after a gutter start this close
    # together on several lines; wide justified spaces that happen to line up do not
    min_aligned: int = 2  # gutters that must show such flush starts
    max_line_gap: float = 2.2  # × font size between baselines: a wider gap ends the table
    row_gap: float = 1.6  # × the table's usual line pitch: a wider gap starts a new row


@dataclass
class TextTable:
    first: int  # index of its first and last line in the page's line list
    last: int
    rows: list[tuple[float, Row]]


Interval = tuple[float, float]


def _size(line: list[Cluster]) -> float:
    return median(c.size for c in line)


def _spans(line: list[Cluster], gap: float) -> list[Interval]:
    """Inked pieces of a line, split where the blank between glyphs is at least ``gap``."""
    out: list[list[float]] = []
    for c in line:
        if c.text == " ":
            continue
        if out and c.x0 - out[-1][1] < gap:
            out[-1][1] = max(out[-1][1], c.x1)
        else:
            out.append([c.x0, c.x1])
    return [(a, b) for a, b in out]


def _gutters(spans: list[Interval], width: float) -> list[Interval]:
    """Empty strips at least ``width`` wide between the inked pieces of all lines (not margins)."""
    if not spans:
        return []
    merged: list[list[float]] = []
    for a, b in sorted(spans):
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    return [(merged[i][1], merged[i + 1][0]) for i in range(len(merged) - 1)
            if merged[i + 1][0] - merged[i][1] >= width]


def _crosses(spans: list[Interval], gutters: list[Interval]) -> bool:
    return any(a < (g0 + g1) / 2 < b for a, b in spans for g0, g1 in gutters)


def _grow(lines, spans, seed: int, step: int, gutters: list[Interval], pool: list[Interval],
          s: ColumnSettings, gutter_w: float) -> tuple[int, list[Interval], list[Interval]]:
    """Extend the run from ``seed`` one line at a time in direction ``step`` (+1 down, −1 up)."""
    end = seed
    j = seed + step
    while 0 <= j < len(lines):
        near = lines[end] if step > 0 else lines[j]
        far = lines[j] if step > 0 else lines[end]
        gap = median(c.base for c in far) - median(c.base for c in near)
        if gap > s.max_line_gap * _size(far):
            break
        if len(spans[j]) < 2 and _crosses(spans[j], gutters):
            break
        trial = _gutters(pool + spans[j], gutter_w)
        if len(trial) < s.min_columns - 1:
            break
        pool = pool + spans[j]
        gutters = trial
        end = j
        j += step
    return end, gutters, pool


def _aligned(spans: list[list[Interval]], first: int, last: int, gutters: list[Interval],
             s: ColumnSettings, size: float) -> bool:
    """Do two gutters (or all, if fewer) have text starting flush after them on two or more lines?

    Header cells are often centred, so a page holding a header and a short continuation
    shows flush starts after only some gutters; prose whose wide spaces line up, none.
    """
    good = 0
    for lo, hi in gutters:
        starts = sorted(a for i in range(first, last + 1) for a, _ in spans[i] if lo < a <= hi + size)
        best = max((sum(1 for y in starts if abs(y - x) <= s.align) for x in starts), default=0)
        good += best >= 2
    return good >= min(s.min_aligned, len(gutters))


def _bold(line: list[Cluster]) -> bool:
    marks = [c.bold for c in line if c.text != " "]
    return bool(marks) and sum(marks) * 2 > len(marks)


def _rows(lines: list[list[Cluster]], first: int, last: int, xs: list[float], ls: LineSettings,
          s: ColumnSettings) -> list[tuple[float, Row]]:
    bases = [median(c.base for c in lines[i]) for i in range(first, last + 1)]
    pitches = [b - a for a, b in zip(bases, bases[1:]) if b > a]
    pitch = median(pitches) if pitches else 0.0
    groups: list[list[int]] = []
    for k, i in enumerate(range(first, last + 1)):
        first_col = [c for c in lines[i] if c.cx < xs[1]]
        new = not groups
        if not new and first_col and starts_item(line_text(first_col, ls)):
            new = True
        if not new and _bold(lines[i]) != _bold(lines[i - 1]):
            new = True
        if not new and pitch and bases[k] - bases[k - 1] > s.row_gap * pitch:
            new = True
        if new:
            groups.append([i])
        else:
            groups[-1].append(i)
    rows: list[tuple[float, Row]] = []
    for g in groups:
        clusters = [c for i in g for c in lines[i]]
        top = min(c.top for c in clusters)
        bottom = max(c.bottom for c in clusters)
        cells = []
        for k in range(len(xs) - 1):
            inside = [c for c in clusters if xs[k] <= c.cx < xs[k + 1]]
            cells.append(Cell(cell_text(inside, (), ls), (xs[k], top, xs[k + 1], bottom)))
        rows.append((top, Row(cells)))
    return rows


def find_text_tables(lines: list[list[Cluster]], s: ColumnSettings = ColumnSettings(),
                     ls: LineSettings = LineSettings()) -> list[TextTable]:
    """Line-less tables among a page's free lines (top to bottom), each with its rows."""
    if not lines:
        return []
    gutter_w = s.gutter * median(_size(line) for line in lines)
    spans = [_spans(line, gutter_w) for line in lines]
    tables: list[TextTable] = []
    i = 0
    while i < len(lines):
        if len(spans[i]) < s.min_columns - 1:
            i += 1
            continue
        pool = list(spans[i])
        gutters = _gutters(pool, gutter_w)
        last, gutters, pool = _grow(lines, spans, i, +1, gutters, pool, s, gutter_w)
        floor = tables[-1].last if tables else -1
        first, gutters, pool = _grow(lines[: i + 1], spans, i, -1, gutters, pool, s, gutter_w)
        first = max(first, floor + 1)
        size = median(_size(lines[k]) for k in range(first, last + 1))
        if (len(gutters) + 1 >= s.min_columns and last - first + 1 >= s.min_lines
                and _aligned(spans, first, last, gutters, s, size)):
            left = min(a for a, _ in pool)
            right = max(b for _, b in pool)
            xs = [left] + [(a + b) / 2 for a, b in gutters] + [right]
            tables.append(TextTable(first, last, _rows(lines, first, last, xs, ls, s)))
            i = last + 1
        else:
            i += 1
    return tables
