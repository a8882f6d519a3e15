"""From a paragraph's text and its corrected text to the smallest readable edits.

Two jobs, both on plain strings:

- :func:`repair` — the Thai text damage a draft may carry, with the
  normalizer's own steps (:mod:`extractor.text.normalize`) in its order:
  private-use glyphs, ``ํา`` → ``ำ``, a space before a mark, and a space that
  splits a Thai word where the dictionary proves it (``cell=False``: a typed
  draft has real phrase spaces, so only gaps the dictionary rejects go).
  Invisible characters, double spaces and the spaces around ๆ and ฯ are left
  alone: Word users put them
  there on purpose (zero-width spaces guide Thai line breaking).
- :func:`diff` — the edits that turn one text into the other, word by word
  (newmm tokens), trimmed to the characters that differ but never starting or
  ending inside a Thai syllable: ``OR Code`` → ``QR Code`` replaces ``O`` with
  ``Q`` (the ``R`` keeps its run and formatting), ``กําหนด`` → ``กำหนด`` replaces
  ``กํา`` with ``กำ`` (no mark stands alone at the start of a run).
"""
from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import lru_cache

from ..text.chars import COMBINING, LEADING_VOWELS, NON_INITIAL, THAI_CHAR
from ..text.normalize import fix_sara_am, map_pua, nfc, remove_wrap_spaces

_SPACE_BEFORE_MARK = re.compile(f"(?<=[{THAI_CHAR}])[ \u00a0]+(?=[{COMBINING}])")
_NON_INITIAL = re.compile(f"[{NON_INITIAL}]")
SEPARATORS = "\t\n"
_REPEAT_MARK = re.compile("( *[ๆฯ] *)")


def repair(text: str) -> str:
    """The draft's text with its Thai damage repaired (tabs and line breaks stay where they are).

    >>> repair("องค์การบริหารส่วนตำบลหิน เหล็กไฟ ก\u0e4d\u0e32หนด")
    'องค์การบริหารส่วนตำบลหินเหล็กไฟ กำหนด'
    """
    return re.sub(f"[^{SEPARATORS}]+", lambda m: _repair_piece(m.group()), text)


def _repair_piece(piece: str) -> str:
    out = nfc(piece)
    out = map_pua(out)
    out = fix_sara_am(out)
    out = _SPACE_BEFORE_MARK.sub("", out)
    # "ต่าง ๆ", "กรุงเทพฯ ": the spaces around mai yamok and paiyannoi are the standard's, not damage
    parts = _REPEAT_MARK.split(out)
    return "".join(p if k % 2 else remove_wrap_spaces(p, cell=False) for k, p in enumerate(parts))


@lru_cache(maxsize=4096)
def _tokens(text: str) -> tuple[str, ...]:
    from pythainlp.tokenize import word_tokenize
    return tuple(word_tokenize(text, engine="newmm", keep_whitespace=True)) if text else ()


def _offsets(tokens: tuple[str, ...]) -> list[int]:
    out = [0]
    for t in tokens:
        out.append(out[-1] + len(t))
    return out


def _non_initial(ch: str) -> bool:
    return bool(ch) and bool(_NON_INITIAL.match(ch))


def _trim(a: str, b: str, a0: int, a1: int, b0: int, b1: int) -> tuple[int, int, int, int]:
    """Shrink a[a0:a1] → b[b0:b1] to the characters that differ, then grow it back to
    syllable edges (a mark or following vowel never starts an edit; a leading vowel never
    ends one), staying inside the given ranges."""
    s = 0
    while a0 + s < a1 and b0 + s < b1 and a[a0 + s] == b[b0 + s]:
        s += 1
    e = 0
    while a1 - e > a0 + s and b1 - e > b0 + s and a[a1 - e - 1] == b[b1 - e - 1]:
        e += 1
    while s > 0 and (_non_initial(a[a0 + s:a0 + s + 1] if a0 + s < a1 - e else "")
                     or _non_initial(b[b0 + s:b0 + s + 1] if b0 + s < b1 - e else "")
                     or _non_initial(a[a0 + s:a0 + s + 1]) or a[a0 + s - 1] in LEADING_VOWELS):
        s -= 1
    while e > 0 and (_non_initial(a[a1 - e:a1 - e + 1]) or (a1 - e > a0 + s and a[a1 - e - 1] in LEADING_VOWELS)
                     or (b1 - e > b0 + s and b[b1 - e - 1] in LEADING_VOWELS)):
        e -= 1
    return a0 + s, a1 - e, b0 + s, b1 - e


def diff(a: str, b: str) -> list[tuple[int, int, str]]:
    """Edits (start, end, new text) on ``a`` that make ``b``, in order.

    >>> diff("จัดทำ OR Code ณ จุดบริการ", "จัดทำ QR Code ณ จุดบริการ")
    [(6, 7, 'Q')]
    """
    if a == b:
        return []
    ta, tb = _tokens(a), _tokens(b)
    oa, ob = _offsets(ta), _offsets(tb)
    out = []
    for op, i0, i1, j0, j1 in SequenceMatcher(None, ta, tb, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        a0, a1, b0, b1 = _trim(a, b, oa[i0], oa[i1], ob[j0], ob[j1])
        if a0 < a1 or b0 < b1:
            out.append((a0, a1, b[b0:b1]))
    return out
