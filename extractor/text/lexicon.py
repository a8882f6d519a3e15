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
