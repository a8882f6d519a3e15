"""PostgreSQL full-text values built here, token by token, exactly as SQLite's FTS5 cuts them.

PostgreSQL's own text-search parser decides what a letter is from the server's
locale: under some locales it splits Thai words at every vowel and tone mark,
and under ``C`` it glues U+200B and punctuation to words. To search Thai text
the same way on both engines, the tokens are made in Python with the rule of
the SQLite store's tokenizer (``unicode61``, categories ``L* N* Co M*``, case
folded), and handed to PostgreSQL as ``tsvector``/``tsquery`` literals with
positions, under the ``simple`` configuration (no stemming, no stop words):
the server only stores, indexes (GIN) and matches them, whatever its locale.
"""
from __future__ import annotations

import re
import sys
import unicodedata
from functools import lru_cache

MAX_POSITION = 16383      # PostgreSQL keeps word positions up to this
MAX_LEXEME_BYTES = 2046   # and lexemes up to 2 KB: longer runs (never words) are left out


@lru_cache(maxsize=1)
def _token_run() -> re.Pattern[str]:
    """A regex for one run of token characters (Unicode letters, numbers, marks, private use)."""
    ranges: list[tuple[int, int]] = []
    for cp in range(sys.maxunicode + 1):
        cat = unicodedata.category(chr(cp))
        if cat[0] in "LNM" or cat == "Co":
            if ranges and ranges[-1][1] == cp - 1:
                ranges[-1] = (ranges[-1][0], cp)
            else:
                ranges.append((cp, cp))
    cls = "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges)
    return re.compile(f"[{cls}]+")


def tokens(text: str) -> list[str]:
    """The FTS5 tokens of ``text``: runs of letters, numbers, marks and private use, lower-cased."""
    return [t.lower() for t in _token_run().findall(text)]


def _quote(lexeme: str) -> str:
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


def _fits(lexeme: str) -> bool:
    return len(lexeme.encode("utf-8")) <= MAX_LEXEME_BYTES


def tsvector(words: str, tags: str) -> str:
    """The ``tsvector`` literal of a passage: its tokens with positions, then its tags.

    Tags ("t" + 12 hex digits, :func:`.segment.tag`) share the vector with the
    words, without weights (a weight would make the GIN index recheck every row).
    """
    positions: dict[str, list[int]] = {}
    toks = tokens(words)
    for n, tok in enumerate(toks, start=1):
        if _fits(tok):
            positions.setdefault(tok, []).append(min(n, MAX_POSITION))
    tag_pos = min(len(toks) + 1, MAX_POSITION)
    parts = [f"{_quote(lex)}:{','.join(map(str, ps))}" for lex, ps in positions.items()]
    for pair in dict.fromkeys(_pairs(toks)):
        if pair not in positions:
            parts.append(_quote(pair))
    for t in dict.fromkeys(tags.split()):
        if t not in positions:
            parts.append(f"{_quote(t)}:{tag_pos}")
    return " ".join(parts)


def _pairs(toks: list[str]) -> list[str]:
    """Adjacent token pairs as one lexeme each ("a b": a space never occurs inside a token)."""
    return [p for p in (f"{a} {b}" for a, b in zip(toks, toks[1:])) if _fits(p)]


def phrase_query(words: list[str]) -> str | None:
    """A ``tsquery`` for the words in a row, cut into tokens as the passages were.

    ``'a' <-> 'b' <-> 'c'`` is exact but GIN keeps no positions: it would
    re-read every row holding a, b and c anywhere (for common words, most of
    the store). AND'ing the pair lexemes ``'a b' & 'b c'`` lets the index
    itself keep only rows where the words stand side by side; the ``<->``
    then re-checks those few. Same matches, a fraction of the reads.
    """
    toks = [t for t in tokens(" ".join(words)) if _fits(t)]
    if not toks:
        return None
    if len(toks) == 1:
        return _quote(toks[0])
    pairs = list(dict.fromkeys(_pairs(toks)))
    return "(" + "".join(f"{_quote(p)} & " for p in pairs) + "(" + " <-> ".join(_quote(t) for t in toks) + "))"


def match_query(phrases: list[list[str]], tag_groups: list[list[str]]) -> str | None:
    """Any of the phrases, AND one tag of every group: the FTS5 MATCH of the SQLite store."""
    ors = [q for q in (phrase_query(p) for p in phrases) if q]
    if not ors:
        return None
    query = "(" + " | ".join(ors) + ")"
    for group in tag_groups:
        query += " & (" + " | ".join(_quote(t) for t in group) + ")"
    return query
