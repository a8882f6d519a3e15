"""The Thai dictionary and word segmentation, loaded once and cached.

Everything that asks "is this a word?" (wrap-space repair, damage repair, OCR
correction, rules, search) goes through here, so the word list and the newmm
tokenizer are built once per process. Only what pythainlp ships is used:
nothing is downloaded.
"""
from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def dictionary() -> frozenset[str]:
    """PyThaiNLP's Thai word list, as shipped with the package (nothing downloaded)."""
    from pythainlp.corpus import thai_words
    return frozenset(thai_words())


@lru_cache(maxsize=200_000)
def word_tokens(run: str) -> tuple[str, ...]:
    """newmm words of a Thai run, cached: the same runs come back cell after cell."""
    from pythainlp.tokenize import word_tokenize
    return tuple(word_tokenize(run, engine="newmm", keep_whitespace=False))


MIN_PLACE_NAME = 5  # characters


@lru_cache(maxsize=1)
def all_place_names() -> frozenset[str]:
    """Every local-authority and district name of the DLA gazetteer, short ones included."""
    import json

    from ..resources import GAZETTEER
    data = json.loads(GAZETTEER.read_text(encoding="utf-8"))
    out = set()
    for rec in data.get("local_authorities", []):
        out.update(n for n in (rec.get("name"), rec.get("district")) if n and " " not in n)
    return frozenset(out)


@lru_cache(maxsize=1)
def place_names() -> frozenset[str]:
    """Thai place names from the DLA gazetteer (local authorities and their districts):
    real words the dictionary lacks ("สบเมย"), which damage repair must not "fix".
    A short name ("ปัว", "นาดี") is a syllable other words are made of: it would let the
    repair "fix" a foreign name into Thai ("ปาปัวนิวกีนี" → "…กีนี่"), so it is left out."""
    return frozenset(n for n in all_place_names() if len(n) >= MIN_PLACE_NAME)


@lru_cache(maxsize=1)
def repair_words() -> frozenset[str]:
    """The words damage repair segments Thai into: the dictionary and the place names."""
    return dictionary() | place_names()
