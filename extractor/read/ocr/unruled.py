"""Scanned tables drawn without rules: columns from the gaps between word boxes.

The same idea as the PDF reader's unruled tables (:mod:`extractor.read.pdf.columns`),
on OCR word boxes: words are gathered into visual lines; a run of at least
``min_lines`` lines is a table when at least ``min_columns - 1`` vertical strips
stay empty on every one of them (the gutters) and some line has text on both
sides of them. Running text crosses the gutters, so it ends the run. Within the
run, the columns are then set where text starts flush left line after line (narrow
gaps too: a long first column comes within a word space of the second), each cell
gathers its own column's lines, rows break at the first column's item numbers (at a
wide gap when it has none), and a header repeated over a carried-over row is told
from it by the known header wordings.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from statistics import median

import numpy as np

from rapidfuzz import fuzz

from ...text.digits import arabic_digits, squash
from ...text.headers import HEADERS
from ...text.items import starts_item
from ...text.normalize import normalize
from .cells import merge_pieces
from .types import Box, OcrLine, OcrSettings, Word, line_of


@dataclass(frozen=True)
class UnruledSettings:
    gutter: float = 1.2     # × glyph body: an empty strip this wide on every line is a column gap
                            # (Thai word spaces are ≈ 0.5–0.7 body, cell padding ≥ 1.5)
    min_columns: int = 4    # fewer: a signature pair or a form line, not a measure table
    min_lines: int = 3
    row_gap: float = 1.6    # × the table's usual line pitch: a wider gap starts a new row
    river: float = 0.25     # × glyph body: once the table's lines are known, a strip this narrow
                            # that stays (nearly) empty down all of them is a column gap too
                            # (cells typed flush left come within ~0.3 body of the column before)
    crossing: float = 0.08  # share of the table's lines that may cross a river (a box OCR drew
                            # too wide, a mark between columns) without closing it
    piece_gap: float = 1.2  # × glyph body: a blank this wide splits a line into pieces (cells)
    align: float = 1.5      # × glyph body: piece starts this close together are one flush-left edge
    min_width: float = 3.0  # × glyph body: no column is narrower (a "1 –" before a date is no column)
    min_starts: float = 0.1  # share of the table's lines whose pieces must start at an edge
    min_flanked: int = 3      # (and never fewer lines than this)
    header_score: float = 75.0  # rapidfuzz partial ratio: a header line read with a few marks lost
    min_header: int = 3         # columns whose top lines must read as header wordings
    lead: float = 1.5         # × glyph body: a line this close above a row's number may open that row


@dataclass
class Found:
    rows: list[tuple[float, list[tuple[list[OcrLine], Box]]]] = field(default_factory=list)
    outside: list[OcrLine] = field(default_factory=list)


def visual_lines(words: list[Word]) -> list[list[Word]]:
    """Words → lines across the whole page width, top to bottom (vertical overlap > half)."""
    out: list[list[Word]] = []
    for w in sorted(words, key=lambda w: (w.box[1] + w.box[3]) / 2):
        if out:
            last = out[-1]
            top, bottom = median(x.box[1] for x in last), median(x.box[3] for x in last)
            if min(bottom, w.box[3]) - max(top, w.box[1]) > 0.5 * min(bottom - top, w.box[3] - w.box[1]):
                last.append(w)
                continue
        out.append([w])
    return [sorted(ln, key=lambda w: w.box[0]) for ln in out]


def _occupied(line: list[Word], width: int) -> np.ndarray:
    occ = np.zeros(width, bool)
    for w in line:
        occ[max(0, w.box[0]):min(width, w.box[2])] = True
    return occ


def _gutters(occ: np.ndarray, min_w: float) -> list[tuple[int, int]]:
    """Empty strips at least ``min_w`` wide between the first and last inked column."""
    ink = np.flatnonzero(occ)
    if ink.size == 0:
        return []
    out, start = [], None
    for x in range(int(ink[0]), int(ink[-1]) + 1):
        if not occ[x] and start is None:
            start = x
        elif occ[x] and start is not None:
            if x - start >= min_w:
                out.append((start, x))
            start = None
    return out


def _starts(table: list[list[Word]], width: int, s: OcrSettings, u: UnruledSettings) -> list[tuple[int, int]]:
    """Column gaps from where text starts: cells are typed flush left, so the pieces of the
    table's lines (split at blanks wider than a word space) start at the same few x
    positions line after line; prose and wide spaces do not line up like that. Each such
    start (seen on enough lines) opens a column; its gap is the strip just before it."""
    gap = u.piece_gap * s.text_height
    starts = []
    for v in table:
        prev = None
        for w in v:
            if prev is None or w.box[0] - prev >= gap:
                starts.append(w.box[0])
            prev = w.box[2] if prev is None else max(prev, w.box[2])
    starts.sort()
    need = max(u.min_flanked, int(u.min_starts * len(table)))
    reach = u.align * s.text_height
    edges: list[tuple[int, int]] = []  # (x, how many pieces start there)
    k = 0
    while k < len(starts):  # the leftmost x with enough starts close after it opens a column
        n = sum(1 for x in starts[k:] if x - starts[k] <= reach)
        if n >= need:
            edges.append((starts[k], n))
            k += n
        else:
            k += 1
    opens: list[tuple[int, int]] = []
    for x, n in edges:  # two edges closer than a narrow column: one column, the busier edge
        if opens and x - opens[-1][0] < u.min_width * s.text_height:
            if n > opens[-1][1]:
                opens[-1] = (x, n)
            continue
        opens.append((x, n))
    cover = np.zeros(width, np.int32)
    for v in table:
        cover += _occupied(v, width)
    allowed = max(1, int(u.crossing * len(table)))
    reach = int(u.align * s.text_height)
    out = []
    for x, _ in opens[1:]:  # the first edge is the table's left side
        lo = max(0, x - reach)
        strip = cover[lo:x]
        if strip.size and strip.min() <= allowed:  # nearly no line runs across into the column
            at = lo + int(np.flatnonzero(strip == strip.min())[-1])
            out.append((at, at + 1))
    return out


def _crosses(line: list[Word], cuts: list[float], s: OcrSettings) -> bool:
    """Does the line's text run across a column gap (a word astride it, or words on both
    sides closer than a word space)?"""
    for c in cuts:
        if any(w.box[0] < c < w.box[2] for w in line):
            return True
        left = max((w.box[2] for w in line if w.box[2] <= c), default=None)
        right = min((w.box[0] for w in line if w.box[0] >= c), default=None)
        if left is not None and right is not None and right - left < 0.8 * s.text_height:
            return True
    return False


def _opens_item(line: list[Word], cut: float) -> bool:
    """Does the line's first-column text open a numbered item ("1.", "๒.")?"""
    first = [w for w in line if (w.box[0] + w.box[2]) / 2 < cut]
    return bool(first) and starts_item("".join(w.text for w in first))


def _header_bottom(cols: list[list[list[Word]]], end: float, u: UnruledSettings) -> float | None:
    """Where the header row ends when it shares the lines before the page's first numbered
    item with a row carried over from the page before (no blank between them to go by:
    header cells are centred, so their lines lie anywhere). In each column, the lines from
    the top that read as part of a known header wording (:data:`HEADERS`, fuzzily: OCR
    drops marks) are the header's; None when fewer than ``min_header`` columns show one."""
    variants = [normalize(squash(v)) for vs in HEADERS.values() for v in vs]
    bottom, named = None, 0
    for col in cols:
        found = False
        for v in col:
            if (v[0].box[1] + v[0].box[3]) / 2 >= end:
                break
            text = normalize(squash("".join(w.text for w in v)))
            if not text or max(fuzz.partial_ratio(text, h) for h in variants) < u.header_score:
                break
            found = True
            bottom = max(bottom or 0, max(w.box[3] for w in v))
        named += found
    return bottom + 1 if bottom is not None and named >= u.min_header else None


def unruled_rows(lines: list[OcrLine], image: np.ndarray, s: OcrSettings,
                 u: UnruledSettings = UnruledSettings()) -> Found:
    """Table rows found among the page's words (none on a memo page); the other lines stay free."""
    width = image.shape[1]
    vis = visual_lines([w for ln in lines for w in ln.words])
    occ = [_occupied(v, width) for v in vis]
    gw = u.gutter * s.text_height
    best: tuple[int, int, list[tuple[int, int]]] | None = None
    i = 0
    while i < len(vis):
        j, acc, gut = i, np.zeros(width, bool), []
        while j < len(vis):
            nxt = acc | occ[j]
            g = _gutters(nxt, gw)
            if len(g) < u.min_columns - 1:
                break
            acc, gut, j = nxt, g, j + 1
        multi = sum(1 for k in range(i, j) if len(_gutters(occ[k], gw)) >= u.min_columns - 2)
        if j - i >= u.min_lines and multi >= 2 and (best is None or j - i > best[1] - best[0]):
            best = (i, j, gut)
        i = max(j, i + 1)
    if best is None:
        return Found(outside=lines)
    i, j, gut = best
    table = vis[i:j]
    rivers = _starts(table, width, s, u)
    if len(rivers) >= len(gut):
        gut = rivers
    cuts = [(a + b) / 2 for a, b in gut]
    while len(table) > u.min_lines and _crosses(table[-1], cuts, s):
        table = table[:-1]  # a footer or a closing line that runs across the columns
    while len(table) > u.min_lines and _crosses(table[0], cuts, s):
        table = table[1:]
    inside = {id(w) for v in table for w in v}
    outside = []
    for ln in lines:
        rest = [w for w in ln.words if id(w) not in inside]
        if rest:
            outside.append(line_of(rest) if len(rest) < len(ln.words) else ln)
    pitches = [table[k + 1][0].box[1] - table[k][0].box[1] for k in range(len(table) - 1)]
    pitch = median(pitches) if pitches else s.text_height * 2
    found = Found(outside=outside)
    groups: list[list[list[Word]]] = []
    prev_top = None
    opens = [_opens_item(v, cuts[0]) for v in table]
    # where the first column numbers its measures, a row is a measure: OCR'd lines come at
    # uneven heights, so a wide gap inside a measure (or inside the header's centred cells)
    # does not split it; the header is told from a row carried over by its wording below
    numbered = sum(opens) >= 2
    for v, item in zip(table, opens):
        top = min(w.box[1] for w in v)
        gap = prev_top is not None and top - prev_top > u.row_gap * pitch
        new = not groups or item or (gap and not numbered)
        if new:
            groups.append([])
        groups[-1].append(v)
        prev_top = top
    x_left = min(w.box[0] for v in table for w in v)
    x_right = max(w.box[2] for v in table for w in v)
    edges = [x_left] + [int(c) for c in cuts] + [x_right]
    # each row starts where its first line does; in a numbered table, a little above its
    # number, since the other columns' first lines are read at slightly different heights
    starts = []
    for g in groups:
        first = [w for w in g[0] if (w.box[0] + w.box[2]) / 2 < cuts[0]] if _opens_item(g[0], cuts[0]) else g[0]
        starts.append(min(w.box[1] for w in first))
    words = [w for v in table for w in v]
    cols: list[list[list[Word]]] = []
    for c in range(len(edges) - 1):  # lines per column: columns' lines never interleave
        last = c == len(edges) - 2
        cols.append(visual_lines([w for w in words if edges[c] <= (w.box[0] + w.box[2]) / 2 < edges[c + 1] + last]))
    head = None
    if not opens[0]:
        end = starts[1] if len(starts) > 1 else 1e9
        head = _header_bottom(cols, end, u)
        if head is not None and starts[0] < head < end:
            starts.insert(1, head)  # the header row, then what the page carries over
    rows: list[list[list[OcrLine]]] = [[[] for _ in cols] for _ in starts]
    zone = u.lead * s.text_height
    for c, col in enumerate(cols):
        mids = [(v[0].box[1] + v[0].box[3]) / 2 for v in col]
        for k, v in enumerate(col):
            r = max(0, bisect_right(starts, mids[k]) - 1)
            nxt = r + 1
            if (nxt < len(starts) and starts[nxt] - zone <= mids[k] and (head is None or mids[k] > head)):
                # just above the next row's number: the first line of that row's cell, or the
                # last of this one? The closer neighbour in the column says (a row's first
                # lines are read a little higher in some columns than its number)
                up = min(w.box[1] for w in v) - max(w.box[3] for w in col[k - 1]) if k else 1e9
                down = min(w.box[1] for w in col[k + 1]) - max(w.box[3] for w in v) if k + 1 < len(col) else 1e9
                first = arabic_digits("".join(w.text for w in v)).startswith(("1.", "1)"))
                if down < up or first:  # a cell's list opens at its row: "1." belongs below
                    r = nxt
            rows[r][c].append(line_of(v))
    for got in rows:
        cells = [merge_pieces(pieces) for pieces in got]
        inked = [p for cl in cells for p in cl]
        if not inked:
            continue
        top, bottom = min(p.box[1] for p in inked), max(p.box[3] for p in inked)
        found.rows.append((top, [(cl, (edges[c], top, edges[c + 1], bottom)) for c, cl in enumerate(cells)]))
    return found
