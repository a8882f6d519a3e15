"""Where a finding's comment goes: on the quoted text, else on its measure, else at the start.

Findings quote the normalized report text, so the search is spacing-blind
(:func:`.locate.find_key`). A measure's findings are looked for only in its own
rows — from the paragraph that holds the measure's name to the next measure's —
so a cell that repeats another measure's text is marked where it repeats.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .locate import Para, find_key, key

NAME_KEY = 24  # leading key characters of a measure's name that find its row


@dataclass
class Spot:
    para: Para
    start: int | None  # None: the whole paragraph
    end: int | None
    how: str           # text | place | start


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
         where: dict[int, tuple[int, int]]) -> Spot | None:
    """The place for finding ``f`` (None only when the draft has no text at all)."""
    text = f.get("text") or ""
    measure = f.get("measure")
    if measure is not None and measure in where:
        lo, hi = where[measure]
        pool = paras[lo:hi]
    elif measure is None:
        pool = [p for p in paras if not p.in_table] + [p for p in paras if p.in_table]
    else:
        pool = paras
    if text.strip():
        for p in pool:
            found = find_key(texts[p.index], text)
            if found:
                return Spot(p, found[0][0], found[0][1], "text")
    if measure is not None and measure in where:
        return Spot(paras[where[measure][0]], None, None, "place")
    first = next((p for p in paras if texts[p.index].strip()), paras[0] if paras else None)
    return Spot(first, None, None, "start") if first is not None else None
