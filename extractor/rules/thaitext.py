"""Thai word boundaries for the rules: where a match may start and end.

Thai has no spaces between words, so "a word" is whatever the dictionary and
the spelling rules allow: a match must not end before a vowel or mark that
belongs to its last syllable, nor sit inside a longer dictionary word.

>>> inside_word("เกิดเหตุการณ์ขึ้น", 4, 11)   # เหตุการ inside เหตุการณ์
True
>>> inside_word("ตามกฏหมายนี้", 3, 9)
False
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..text.lexicon import word_trie
from ..text.lexicon import word_tokenize

from ..text import chars

THAI_LETTER = re.compile(f"[{chars.THAI_CHAR}]")
NON_INITIAL = chars.char_set(chars.NON_INITIAL)    # cannot begin a syllable
COMBINING = chars.char_set(chars.COMBINING)        # written above or below a consonant
LEADING_VOWELS = chars.char_set(chars.LEADING_VOWELS)
MAX_WORD = 30  # longest dictionary word looked for around a match


def is_thai(ch: str) -> bool:
    return bool(THAI_LETTER.match(ch))


def letters(text: str) -> int:
    """Base letters of ``text``, marks not counted: "เร็ว" → 3, "ข้อมูล" → 4."""
    return sum(1 for ch in text if not ch.isspace() and ch not in COMBINING)


@lru_cache(maxsize=4096)
def tokens(text: str) -> tuple[tuple[str, int, int], ...]:
    """newmm tokens with their offsets: "ข้อมูลข่าวสาร" → (("ข้อมูลข่าวสาร", 0, 13),)."""
    out, pos = [], 0
    for tok in word_tokenize(text, keep_whitespace=True):
        out.append((tok, pos, pos + len(tok)))
        pos += len(tok)
    return tuple(out)


def cuts_syllable(text: str, start: int, end: int) -> bool:
    """True when [start, end) starts or ends in the middle of a Thai syllable."""
    if start > 0 and text[start - 1] in LEADING_VOWELS:
        return True
    if start < len(text) and text[start] in NON_INITIAL:
        return True
    if end < len(text) and text[end] in NON_INITIAL:
        return True
    return end > 0 and text[end - 1] in LEADING_VOWELS


def inside_word(text: str, start: int, end: int) -> bool:
    """True when [start, end) is only part of a word: it cuts a syllable, or a longer
    dictionary word covers it (a word equal to the match itself does not count)."""
    if cuts_syllable(text, start, end):
        return True
    trie = word_trie()
    for p in range(max(0, start - MAX_WORD), start + 1):
        if p < start and not is_thai(text[p]):
            continue
        for word in trie.prefixes(text[p:p + MAX_WORD + (end - start)]):
            q = p + len(word)
            if q >= end and (p, q) != (start, end) and (p < start or q > end):
                return True
    return False


def token_boundary(text: str, pos: int) -> bool:
    """True when newmm puts a word boundary at ``pos`` (or a non-Thai character is there)."""
    if pos <= 0 or pos >= len(text) or not is_thai(text[pos]) or not is_thai(text[pos - 1]):
        return True
    if text[pos] in NON_INITIAL or text[pos - 1] in LEADING_VOWELS:
        return False
    window_start = max(0, pos - 40)
    window = text[window_start:pos + 20]
    return any(s + window_start == pos for _, s, _ in tokens(window))
