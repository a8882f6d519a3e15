"""The Thai dictionary and word segmentation, loaded once per process from a cache.

Everything that asks "is this a word?" (wrap-space repair, damage repair, OCR
correction, rules, search) goes through here. The words are PyThaiNLP's own list
(nothing is downloaded); newmm (:mod:`.newmm`, PyThaiNLP's code) segments with
them exactly as ``pythainlp.tokenize.word_tokenize`` does with its default dictionary.

Why a cache: PyThaiNLP builds its dictionary as a Python trie of 62,000 words at
every start (≈1 s of a 3 s run). We keep the same words in a MARISA trie (a
compact C++ structure, :mod:`marisa_trie`) saved once in the user's cache folder
(:mod:`extractor.cache`) and memory-mapped at start (≈1 ms). The file name carries
the path, size and time of PyThaiNLP's word file, so a new PyThaiNLP or a changed
word list gets a new file; it is rebuilt when missing or unreadable, and with no
writable cache folder the trie is built in memory (≈0.2 s).
"""
from __future__ import annotations

import importlib.util
from functools import lru_cache
from pathlib import Path
from typing import Callable, Collection, Iterator

import marisa_trie

from .. import cache

WORDS_FILE = "words_th.txt"      # PyThaiNLP's word list (pythainlp/corpus/), read by thai_words()


class WordTrie:
    """A read-only dictionary with the part of :class:`pythainlp.util.Trie` newmm uses.

    ``prefixes(text, start)`` lists the words that start at ``text[start]``, shortest
    first, exactly as PyThaiNLP's trie does, so ``word_tokenize(..., custom_dict=...)``
    segments identically. ``in`` and ``len`` work as on a set of words.
    """

    __slots__ = ("_trie", "longest")

    def __init__(self, trie: marisa_trie.Trie, longest: int) -> None:
        self._trie = trie
        self.longest = longest  # characters in the longest word: no look-up needs to read further

    def prefixes(self, text: str, start: int = 0) -> list[str]:
        return self._trie.prefixes(text[start:start + self.longest])

    @property
    def starts(self):  # noqa: ANN201 - marisa_trie's bound method
        """``starts(text)``: the words ``text`` starts with, shortest first (the fastest call, for hot loops)."""
        return self._trie.prefixes

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and word in self._trie

    def __len__(self) -> int:
        return len(self._trie)

    def __iter__(self) -> Iterator[str]:
        return iter(self._trie)


def _words_file() -> Path | None:
    """PyThaiNLP's word list, found without importing PyThaiNLP (its import alone takes ~0.1 s)."""
    spec = importlib.util.find_spec("pythainlp")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        path = Path(folder) / "corpus" / WORDS_FILE
        if path.is_file():
            return path
    return None


def cache_file() -> Path | None:
    """Where the trie of the installed PyThaiNLP's words is kept (None: no word file found)."""
    words = _words_file()
    if words is None:
        return None
    st = words.stat()
    return cache.path_for("thai-words", words.resolve(), st.st_size, st.st_mtime_ns, suffix=".marisa")


def _thai_words() -> Collection[str]:
    from pythainlp.corpus import thai_words
    return thai_words()


def _side(path: Path) -> Path:
    return path.with_suffix(".longest")


def load_word_trie(path: Path | None, words: Callable[[], Collection[str]] | None = None) -> WordTrie:
    """The cached trie at ``path``; built from ``words()`` (default PyThaiNLP's words) and saved
    there if it is missing or unreadable."""
    if path is not None and path.is_file():
        try:
            longest = int(_side(path).read_text())
            trie = marisa_trie.Trie()
            trie.mmap(str(path))
            return WordTrie(trie, longest)
        except Exception:  # noqa: BLE001 - a damaged cache file is rebuilt, never fatal
            pass
    words = (words or _thai_words)()
    trie, longest = marisa_trie.Trie(words), max(map(len, words), default=0)
    # the length of the longest word first: a trie file is never there without it
    if path is not None and cache.write_atomic(_side(path), lambda f: Path(f).write_text(str(longest))):
        cache.write_atomic(path, trie.save)
    return WordTrie(trie, longest)


@lru_cache(maxsize=1)
def word_trie() -> WordTrie:
    """PyThaiNLP's Thai words as a trie: for newmm (``custom_dict``) and prefix look-ups."""
    return load_word_trie(cache_file())


def dictionary() -> WordTrie:
    """PyThaiNLP's Thai word list, as shipped with the package (nothing downloaded): ask
    ``word in dictionary()``."""
    return word_trie()


def word_tokenize(text: str, keep_whitespace: bool = True) -> list[str]:
    """PyThaiNLP's newmm over our cached trie (``custom_dict``): the same words as PyThaiNLP's own
    dictionary gives (``tests/test_lexicon.py``). PyThaiNLP is imported here, on first use, so a
    command that never segments never pays for its import."""
    from pythainlp.tokenize import word_tokenize as newmm
    return newmm(text, engine="newmm", custom_dict=word_trie(), keep_whitespace=keep_whitespace)


@lru_cache(maxsize=200_000)
def word_tokens(run: str) -> tuple[str, ...]:
    """newmm words of a Thai run, cached: the same runs come back cell after cell."""
    return tuple(word_tokenize(run, keep_whitespace=False))


MIN_PLACE_NAME = 5  # characters


@lru_cache(maxsize=1)
def all_place_names() -> frozenset[str]:
    """Every local-authority and district name of the DLA gazetteer, short ones included."""
    from ..resources import gazetteer
    out = set()
    for rec in gazetteer().get("local_authorities", []):
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
def repair_trie() -> WordTrie:
    """The words damage repair segments Thai into: the dictionary and the place names, as a
    trie cached like the dictionary's (keyed by the word list and the gazetteer's bytes)."""
    import hashlib

    from ..resources import GAZETTEER
    words = cache_file()
    path = None if words is None else cache.path_for(
        "repair-words", words.name, hashlib.sha256(GAZETTEER.read_bytes()).hexdigest(), MIN_PLACE_NAME,
        suffix=".marisa")
    return load_word_trie(path, words=lambda: set(_thai_words()) | place_names())
