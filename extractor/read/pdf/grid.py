"""Ruling lines → table grids: row bands and, per band, the column boundaries drawn in it.

Pure geometry, no text. A *band* is the space between two horizontal rules that cross
the first column (the row's key); it becomes one Row. A rule that stops short of
the first column (under a measure cell merged down over several activities, in a
two-level header) does not cut the row: it splits the cells it crosses into
paragraphs. A cell with no rule above it is merged down from the band above.
Column boundaries are found per band, so a header whose sub-columns differ from the body still reads right.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .glyphs import Segment


@dataclass(frozen=True)
class GridSettings:
    snap: float = 2.0  # pt: rules this close are one line (a bar drawn as a thin box has two edges)
    join: float = 3.0  # pt: collinear pieces with a gap this small are one rule (Word draws per cell)
    touch: float = 3.0  # pt: a horizontal and a vertical rule this close meet
    min_length: float = 4.0  # pt: shorter strokes are glyph decoration, not rules
    min_row_rule: float = 0.5  # share of the table width a rule crossing the first column must
    # span to end a row (shorter: a rule inside the first column's own sub-cells)
    column_cover: float = 0.5  # share of a band's height a vertical rule must cover to split it
    min_gap: float = 3.0  # pt: narrower bands or columns are double rules, not cells


@dataclass
class Band:
    top: float
    bottom: float
    xs: list[float]  # column boundaries, left to right (len = cells + 1)
    splits: list[Segment] = field(default_factory=list)  # partial horizontal rules inside the band
    merged_up: list[int] = field(default_factory=list)  # columns with no rule above: one cell
    # merged down from the band above (a period shared by measures ๒–๔)


@dataclass
class Grid:
    x0: float
    top: float
    x1: float
    bottom: float
    bands: list[Band]

    def contains(self, x: float, y: float) -> bool:
        return self.x0 <= x <= self.x1 and self.top <= y <= self.bottom


def _merge(segs: list[Segment], horizontal: bool, s: GridSettings) -> list[Segment]:
    """Snap collinear rules together and join pieces that touch end to end."""
    def pos(g: Segment) -> float:
        return g.top if horizontal else g.x0

    def lo(g: Segment) -> float:
        return g.x0 if horizontal else g.top

    def hi(g: Segment) -> float:
        return g.x1 if horizontal else g.bottom

    groups: list[list[Segment]] = []  # rules at one snapped position
    for g in sorted(segs, key=pos):
        if groups and pos(g) - pos(groups[-1][0]) <= s.snap:
            groups[-1].append(g)
        else:
            groups.append([g])
    merged: list[Segment] = []
    for group in groups:
        p = sum(pos(g) for g in group) / len(group)
        runs: list[list[float]] = []
        for g in sorted(group, key=lo):
            if runs and lo(g) <= runs[-1][1] + s.join:
                runs[-1][1] = max(runs[-1][1], hi(g))
            else:
                runs.append([lo(g), hi(g)])
        for a, b in runs:
            if b - a >= s.min_length:
                merged.append(Segment(a, p, b, p) if horizontal else Segment(p, a, p, b))
    return merged


def _components(hs: list[Segment], vs: list[Segment], s: GridSettings) -> list[tuple[list[Segment], list[Segment]]]:
    """Groups of rules that touch each other: one group per drawn table."""
    parent = list(range(len(hs) + len(vs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, h in enumerate(hs):
        for j, v in enumerate(vs):
            if (h.x0 - s.touch <= v.x0 <= h.x1 + s.touch
                    and v.top - s.touch <= h.top <= v.bottom + s.touch):
                parent[find(i)] = find(len(hs) + j)
    groups: dict[int, tuple[list[Segment], list[Segment]]] = {}
    for i, h in enumerate(hs):
        groups.setdefault(find(i), ([], []))[0].append(h)
    for j, v in enumerate(vs):
        groups.setdefault(find(len(hs) + j), ([], []))[1].append(v)
    return list(groups.values())


def _dedupe(values: list[float], gap: float) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > gap:
            out.append(v)
    return out


def _ruled(hs: list[Segment], y: float, x0: float, x1: float, s: GridSettings) -> bool:
    """Is there a rule at height ``y`` across at least half of the span x0–x1?"""
    return any(abs(h.top - y) <= s.snap and min(h.x1, x1) - max(h.x0, x0) >= 0.5 * (x1 - x0) for h in hs)


def _same_column(above: Band, xs: list[float], i: int, s: GridSettings) -> bool:
    return any(abs(above.xs[j] - xs[i]) <= s.snap + 1 and abs(above.xs[j + 1] - xs[i + 1]) <= s.snap + 1
               for j in range(len(above.xs) - 1))


def _grid(hs: list[Segment], vs: list[Segment], s: GridSettings) -> Grid | None:
    if len(vs) < 2 or not hs:
        return None
    x0 = min(min(g.x0 for g in hs), min(g.x0 for g in vs))
    x1 = max(max(g.x1 for g in hs), max(g.x1 for g in vs))
    top = min(min(g.top for g in hs), min(g.top for g in vs))
    bottom = max(max(g.bottom for g in hs), max(g.bottom for g in vs))
    width = x1 - x0
    # the first column is the row's key: a rule that crosses it ends a row; one that stops
    # short of it (under a measure cell merged down over several activities) does not
    lefts = _dedupe([v.x0 for v in vs if v.bottom - v.top >= s.column_cover * (bottom - top) / 4], s.min_gap)
    key = (lefts[0], lefts[1]) if len(lefts) > 1 else (x0, x1)
    def across(y: float) -> float:  # ruled length at height y (a merged cell breaks the rule)
        return sum(g.x1 - g.x0 for g in hs if abs(g.top - y) <= s.snap)

    full = [h for h in hs if h.x0 <= key[0] + s.touch and h.x1 >= key[1] - s.touch
            and across(h.top) >= s.min_row_rule * width]
    ys = _dedupe([top, bottom] + [h.top for h in full], s.min_gap)
    bands: list[Band] = []
    for a, b in zip(ys, ys[1:]):
        height = b - a
        cover = [v.x0 for v in vs if min(v.bottom, b) - max(v.top, a) >= s.column_cover * height]
        xs = _dedupe([x0, x1] + cover, s.min_gap)
        if len(xs) < 2:
            continue
        merged = [i for i in range(len(xs) - 1)
                  if bands and not _ruled(hs, a, xs[i], xs[i + 1], s) and _same_column(bands[-1], xs, i, s)]
        splits = [h for h in hs if a + s.min_gap < h.top < b - s.min_gap
                  and not any(abs(h.top - f.top) <= s.snap for f in full)]
        bands.append(Band(a, b, xs, splits, merged))
    if not bands or max(len(band.xs) for band in bands) < 3:
        return None  # a single box (a frame, a banner) is not a table
    return Grid(x0, top, x1, bottom, bands)


def find_grids(segments: list[Segment], settings: GridSettings = GridSettings()) -> list[Grid]:
    """Every ruled table on a page, top to bottom."""
    hs = _merge([g for g in segments if g.horizontal], True, settings)
    vs = _merge([g for g in segments if not g.horizontal], False, settings)
    grids = [g for h, v in _components(hs, vs, settings) if (g := _grid(h, v, settings))]
    return sorted(grids, key=lambda g: (g.top, g.x0))
