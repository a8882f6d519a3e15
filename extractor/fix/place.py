"""Where a finding's comment goes: on the quoted text in its own cell, else on that cell,
else on its measure's row, else at the start of the draft.

Findings quote the normalized report text, so the search is spacing-blind
(:func:`.locate.find_key`). A measure's findings are looked for only in its own
rows — from the paragraph that holds the measure's name to the next measure's —
and first in the column of the finding's field, read from the table's header row
with the table stage's own header matching (:func:`extractor.table.header_fields`).
So a cell copied from another measure is marked where it repeats, an empty cell's
comment sits in that empty cell, and of two equal quotes in one cell ("๒." written
twice) the later one, the slip, gets it.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..read.base import Cell, Row
from ..read.docx import W
from ..table import header_fields
from .locate import Para, find_key, key

NAME_KEY = 24  # leading key characters of a measure's name that find its row


@dataclass
class Spot:
    para: Para
    start: int | None  # None: the whole paragraph
    end: int | None
    how: str           # text | cell | place | start


def _up(el, tag: str):
    while el is not None and el.tag != tag:
        el = el.getparent()
    return el


def _cell_text(tc) -> str:
    return "\n".join("".join(t.text or "" for t in p.iter(W + "t")) for p in tc.iter(W + "p"))


class Columns:
    """Field → column of each table, from its header row (a table without one, continuing
    the measure table on the next page, takes the previous table's)."""

    def __init__(self, paras: list[Para]) -> None:
        self.by_table: dict[Any, dict[str, int]] = {}
        last: dict[str, int] = {}
        for p in paras:
            tbl = _up(p.el, W + "tbl") if p.in_table else None
            if tbl is None or tbl in self.by_table:
                continue
            for tr in tbl.iter(W + "tr"):
                cmap = header_fields(Row([Cell(_cell_text(tc)) for tc in tr.findall(W + "tc")]))
                if cmap is not None:
                    last = dict(cmap.index)
                    break
            self.by_table[tbl] = last

    def field_of(self, p: Para) -> str | None:
        tc = _up(p.el, W + "tc") if p.in_table else None
        tr = _up(tc, W + "tr") if tc is not None else None
        if tr is None:
            return None
        col = tr.findall(W + "tc").index(tc) if tc in tr.findall(W + "tc") else -1
        cols = self.by_table.get(_up(tr, W + "tbl"), {})
        return next((f for f, i in cols.items() if i == col), None)


def regions(paras: list[Para], texts: dict[int, str], measures: list[dict[str, Any]]) -> dict[int, tuple[int, int]]:
    """Measure number → [first, last) paragraph index of its rows (those whose name was found)."""
    starts: list[tuple[int, int]] = []
    pos = 0
    for m in measures:
        name = key(m.get("measure") or "")[0][:NAME_KEY]
        if not name or not isinstance(m.get("number"), int):
            continue
        hit = next((p.index for p in paras[pos:] if p.in_table and name in key(texts[p.index])[0]), None)
        if hit is not None:
            starts.append((m["number"], hit))
            pos = hit + 1
    out = {}
    for k, (no, s) in enumerate(starts):
        out[no] = (s, starts[k + 1][1] if k + 1 < len(starts) else len(paras))
    return out


def spot(f: dict[str, Any], paras: list[Para], texts: dict[int, str],
         where: dict[int, tuple[int, int]], columns: Columns) -> Spot | None:
    """The place for finding ``f`` (None only when the draft has no text at all)."""
    text = f.get("text") or ""
    measure, fld = f.get("measure"), f.get("field")
    if measure is not None and measure in where:
        lo, hi = where[measure]
        region = paras[lo:hi]
        cell = [p for p in region if fld and columns.field_of(p) == fld]
        pools = [cell, region]
    elif measure is None:
        pools = [[p for p in paras if not p.in_table], [p for p in paras if p.in_table]]
    else:
        pools = [paras]
    if text.strip():
        for pool in pools:
            found = [(p, s, e) for p in pool for s, e in find_key(texts[p.index], text)]
            if found:
                p, s, e = found[-1] if pool is not paras else found[0]
                return Spot(p, s, e, "text")
    if measure is not None and measure in where:
        cell = pools[0]
        if cell:
            return Spot(cell[0], None, None, "cell")
        return Spot(paras[where[measure][0]], None, None, "place")
    first = next((p for p in paras if texts[p.index].strip()), paras[0] if paras else None)
    return Spot(first, None, None, "start") if first is not None else None
