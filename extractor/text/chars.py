"""Thai character classes and glyph tables, defined once for every stage.

Regex-ready ranges (``"[" + COMBINING + "]"``) for the normalizer, the repair,
the readers and the rules; :func:`char_set` turns one into a set. A *tone* is
one of the four tone marks ่ ้ ๊ ๋ (:data:`TONES`); the tones together with
thanthakhat, nikhahit and yamakkan are :data:`TONES_AND_SIGNS`; a *mark*
(:data:`COMBINING`) is anything written above or below a consonant.
"""
from __future__ import annotations

THAI_CHAR = "\u0e01-\u0e4e"  # letters, vowels and marks (digits ๐-๙ excluded)
CONSONANTS = "\u0e01-\u0e2e"  # ก … ฮ
# vowels written above or below a consonant: ั ิ ี ึ ื ุ ู ฺ ็
VOWELS_ABOVE_BELOW = "\u0e31\u0e34-\u0e3a\u0e47"
TONES = "\u0e48-\u0e4b"       # the four tone marks ่ ้ ๊ ๋
THANTHAKHAT = "\u0e4c"         # ์ (karan: the letter under it is silent)
# written above, after any vowel: the tones, thanthakhat, nikhahit ํ and yamakkan ๎
TONES_AND_SIGNS = "\u0e48-\u0e4e"
# combining marks: every vowel above/below and every sign above (mai han-akat … yamakkan)
COMBINING = VOWELS_ABOVE_BELOW + TONES_AND_SIGNS
LEADING_VOWELS = "เแโใไ"
SARA_AA, SARA_AM = "\u0e32", "\u0e33"
# characters that cannot begin a Thai syllable: a chunk starting with one was cut from its word
NON_INITIAL = "\u0e30-\u0e3a\u0e45\u0e47-\u0e4e"
VOWEL_LETTERS = "\u0e30-\u0e3a\u0e40-\u0e45"  # ะ … ฺ and เ … ๅ: vowels written as letters or signs
THAI_DIGITS = "\u0e50-\u0e59"  # ๐ … ๙


def char_set(ranges: str) -> frozenset[str]:
    """The characters of a regex-ready class string: ``char_set(TONES)`` → {่ ้ ๊ ๋}."""
    out: set[str] = set()
    i = 0
    while i < len(ranges):
        if i + 2 < len(ranges) and ranges[i + 1] == "-":
            out.update(chr(c) for c in range(ord(ranges[i]), ord(ranges[i + 2]) + 1))
            i += 3
        else:
            out.add(ranges[i])
            i += 1
    return frozenset(out)

# HarfBuzz's Thai PUA fallback table (hb-ot-shaper-thai.cc): Windows (U+F700…) and Mac
# (U+F884…) private-use glyphs that old PDF producers emit for shifted marks.
_PUA_PAIRS = {
    0x0E48: (0xF70A, 0xF88B, 0xF705, 0xF88C, 0xF713, 0xF88A),  # mai ek: SD, SDL, SL
    0x0E49: (0xF70B, 0xF88E, 0xF706, 0xF88F, 0xF714, 0xF88D),  # mai tho
    0x0E4A: (0xF70C, 0xF891, 0xF707, 0xF892, 0xF715, 0xF890),  # mai tri
    0x0E4B: (0xF70D, 0xF894, 0xF708, 0xF895, 0xF716, 0xF893),  # mai chattawa
    0x0E4C: (0xF70E, 0xF897, 0xF709, 0xF898, 0xF717, 0xF896),  # thanthakhat
    0x0E38: (0xF718, 0xF89B), 0x0E39: (0xF719, 0xF89C), 0x0E3A: (0xF71A, 0xF89D),  # below vowels
    0x0E31: (0xF710, 0xF884), 0x0E34: (0xF701, 0xF885), 0x0E35: (0xF702, 0xF886),
    0x0E36: (0xF703, 0xF887), 0x0E37: (0xF704, 0xF888), 0x0E47: (0xF712, 0xF889),
    0x0E4D: (0xF711, 0xF899),
    0x0E0D: (0xF70F, 0xF89A), 0x0E10: (0xF700, 0xF89E),  # yo ying / tho than without descender
}
PUA_MAP = {pua: chr(u) for u, puas in _PUA_PAIRS.items() for pua in puas}
