"""Near misses of the own agency's whole name, for agencies outside the gazetteer.

A hospital, a district health office or a ministry's department has no type
form + gazetteer name to split on, so its name is compared whole: a stretch of
text one or two edits away from ``document.agency`` ("สำนักงานสาธารณะสุขอำเภอ
คอนสวรรค์" for สำนักงานสาธารณสุขอำเภอคอนสวรรค์) is the name misspelt. It is not
a misspelling when the stretch ends in a real place name the own name does not
("โรงพยาบาลสามโคก" beside โรงพยาบาลสามชุก: another hospital), the names of
tambons and districts from the DLA gazetteer.

>>> list(near_misses("ประชาชนเข้าถึงข้อมูลของโรงพยาบาลสามชุข ได้สะดวก", "โรงพยาบาลสามชุก"))
['โรงพยาบาลสามชุข']
>>> list(near_misses("ส่งต่อผู้ป่วยไปโรงพยาบาลสามโคก", "โรงพยาบาลสามชุก"))
[]
>>> list(near_misses("ร่วมกับศูนย์อนามัยที่ ๖ และศูนย์อนามัยที่ 4", "ศูนย์อนามัยที่5"))
[]
"""
from __future__ import annotations

from functools import lru_cache
from typing import Iterator

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from .gazetteer import index
from .thaitext import cuts_syllable, letters

MIN_LETTERS = 8    # a shorter name (กรม…) is too easily one edit from ordinary words
LONG_NAME = 20     # names at least this long may be two edits off; shorter ones one
SLACK = 2          # how far a stretch's ends may move from the aligned window


@lru_cache(maxsize=1)
def places() -> frozenset[str]:
    """Bare tambon, municipality and district names (ตรัง, สามโคก, คอนสวรรค์)."""
    return index().places  # cached between runs (rules/gazetteer.py)


ADDRESS = ("อำเภอ", "จังหวัด", "อ.", "จ.")  # a word starting so is the address (a ตำบล may be the name: รพ.สต.)


def own_full_name(agency: str | None) -> str | None:
    """The name part of ``document.agency``, before an address written as its own word, without
    spaces, when long enough to compare:

    >>> own_full_name("สำนักงานสาธารณสุขอำเภอคอนสวรรค์ จังหวัดชัยภูมิ")
    'สำนักงานสาธารณสุขอำเภอคอนสวรรค์'
    >>> own_full_name("โรงพยาบาล สามชุก อำเภอสามชุก")
    'โรงพยาบาลสามชุก'
    """
    words = (agency or "").split()
    cut = next((i for i, w in enumerate(words) if i and w.startswith(ADDRESS)), len(words))
    name = "".join(words[:cut])
    return name if letters(name) >= MIN_LETTERS else None


def _max_edits(name: str) -> int:
    return 2 if len(name) >= LONG_NAME else 1


def _best_stretch(text: str, s: int, e: int, name: str) -> tuple[int, int, int] | None:
    """Around the aligned window [s, e): the stretch on syllable edges closest to ``name``,
    spaces not counted, as (distance, start, end), preferring the longer stretch on ties."""
    best = None
    spaces = text.count(" ", s, e + SLACK)  # a spaced name is longer than the aligned window
    for a in range(max(0, s - SLACK), min(len(text), s + SLACK) + 1):
        for b in range(max(a + 1, e - SLACK), min(len(text), e + SLACK + spaces) + 1):
            if cuts_syllable(text, a, b) or text[a].isspace() or text[b - 1].isspace():
                continue
            d = Levenshtein.distance("".join(text[a:b].split()), name)
            if best is None or (d, -(b - a)) < (best[0], -(best[2] - best[1])):
                best = (d, a, b)
    return best


def _another_place(written: str, name: str) -> bool:
    """``written`` ends in a real place name that ``name`` does not end in."""
    return any(written.endswith(p) and not name.endswith(p) and len(p) >= 2
               for p in (written[i:] for i in range(len(written) - 1)) if p in places())


def _other_number(written: str, name: str) -> bool:
    """The stretch differs from ``name`` in a digit or only in spaces: "…เขต 2" beside "…เขต 1"
    is another office, "โรงพยาบาล สามชุก" the own name spaced."""
    w = "".join(written.split())
    if w == name:
        return True
    ops = Levenshtein.editops(w, name)
    return any((op.tag != "insert" and w[op.src_pos].isdigit()) or
               (op.tag != "delete" and name[op.dest_pos].isdigit()) for op in ops)


def near_misses(text: str, name: str) -> Iterator[str]:
    """Stretches of ``text`` that are ``name`` misspelt by one or two edits."""
    limit = _max_edits(name)
    cutoff = 100 * (1 - 2 * (limit + SLACK) / (2 * len(name)))  # loose: spaces; checked exactly below
    pos = 0
    while pos < len(text):
        al = fuzz.partial_ratio_alignment(name, text[pos:], score_cutoff=cutoff)
        if al is None or al.score == 0:
            return
        found = _best_stretch(text, pos + al.dest_start, pos + al.dest_end, name)
        if found is None:
            return
        d, a, b = found
        if 0 < d <= limit and not _another_place(text[a:b], name) and not _other_number(text[a:b], name):
            yield text[a:b]
        pos = max(b, pos + al.dest_end, pos + 1)
