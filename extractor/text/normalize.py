"""Thai text repair and normalization: small named steps composed in one visible order.

The order matters for Thai marks: spaces are removed *before* anything that
could drop a mark that follows a space (``pythainlp.util.normalize`` drops a tone
mark after a space, so it is not used), and sara am is rebuilt before the
dictionary sees the text.

>>> normalize("องค์การ บริหารส่วนตำบลหิน เหล็กไฟ")
'องค์การบริหารส่วนตำบลหินเหล็กไฟ'
>>> normalize("<p>ก\u0e4d\u0e32หนด</p>")
'กำหนด'
"""
from __future__ import annotations

import html
import re
import unicodedata

from .repair import repair_damage as _repair
from .chars import COMBINING, LEADING_VOWELS, NON_INITIAL, PUA_MAP, THAI_CHAR, TONES
from .lexicon import dictionary, word_tokens

# Words before which Thai writing puts a space: a phrase or clause starts there.
# Used only to decide whether a space at a line wrap was a real one.
PHRASE_STARTERS = (
    "และ", "หรือ", "โดย", "เพื่อ", "ซึ่ง", "เช่น", "ได้แก่", "พร้อม", "ทั้งนี้", "อีกทั้ง", "รวมทั้ง",
    "รวมถึง", "ตลอดจน", "แต่", "หาก", "ถ้า", "เมื่อ", "จึง", "ดังนี้", "ณ", "ผ่าน", "จำนวน",
    "ประจำปี", "ตาม", "อาทิ", "กับ", "ทั้ง", "ไม่", "ยัง", "เป็น", "ผู้",
)


# ---------------------------------------------------------------- the steps
def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


_TAG = re.compile(r"<\s*/?\s*([a-zA-Z][a-zA-Z0-9]*)\b[^<>]*>")
_BREAK_TAGS = {"p", "br", "div", "li", "tr"}


def strip_tags(text: str) -> str:
    """``<p>๑. ก</p> <p>๒. ข</p>`` → ``"๑. ก\\n๒. ข"``: block tags become line breaks."""
    if "<" not in text and "&" not in text:
        return text
    out = _TAG.sub(lambda m: "\n" if m.group(1).lower() in _BREAK_TAGS else "", text)
    out = re.sub(r"[ \t]*\n[ \t\n]*", "\n", out).strip("\n")
    return html.unescape(out)


def map_pua(text: str) -> str:
    """Private-use Thai glyphs (U+F700–U+F71A, U+F884–U+F89E) back to their characters."""
    if not any("\uf700" <= ch <= "\uf8ff" for ch in text):
        return text
    return "".join(PUA_MAP.get(ord(ch), ch) for ch in text)


_AM_SPLIT = re.compile(f"\u0e4d([{TONES}]?)\u0e32")
_AM_REVERSED = re.compile(f"\u0e32([{TONES}]?)\u0e4d")
_TONE_AFTER_AM = re.compile(f"\u0e33([{TONES}])")


def fix_sara_am(text: str) -> str:
    """``ํา``, ``ํ่า``, ``าํ`` → ``ำ`` with the tone before it (น + ้ + ำ = น้ำ)."""
    text = _AM_SPLIT.sub(lambda m: m.group(1) + "\u0e33", text)
    text = _AM_REVERSED.sub(lambda m: m.group(1) + "\u0e33", text)
    return _TONE_AFTER_AM.sub(lambda m: m.group(1) + "\u0e33", text)


_SPACE_BEFORE_MARK = re.compile(f"(?<=[{THAI_CHAR}])[ \u00a0]+(?=[{COMBINING}])")
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")


def remove_space_before_marks(text: str) -> str:
    """``"ปฏบิ ัติ"`` → ``"ปฏบิัติ"``: a combining mark never starts a word."""
    return _SPACE_BEFORE_MARK.sub("", _ZERO_WIDTH.sub("", text))


def repair_damage(text: str) -> str:
    """Dictionary-guided repair of PDF export damage (:func:`extractor.repair.repair_damage`)."""
    return _repair(text)


# ---------------------------------------------------------------- wrap spaces
def _unknown_chars(run: str) -> int:
    words = dictionary()
    return sum(len(t) for t in word_tokens(run) if t not in words)


def _boundaries(run: str) -> set[int]:
    out, pos = {0}, 0
    for tok in word_tokens(run):
        pos += len(tok)
        out.add(pos)
    return out


def _crosses(left: str, right: str) -> bool:
    """True when a dictionary word of the joined text spans the gap exactly from one of
    the left run's word starts to one of the right run's word ends
    ("องค์การ|บริหารส่วนตำบล", "หิน|เหล็กไฟ"), not a word that merely straddles it
    ("หน่วย[งาน|การ]บริหาร")."""
    cut, words = len(left), dictionary()
    starts = _boundaries(left)
    ends = {cut + b for b in _boundaries(right)}
    pos = 0
    for tok in word_tokens(left + right):
        end = pos + len(tok)
        if pos < cut < end and tok in words and len(tok) >= 6 and pos in starts and end in ends:
            return True
        pos = end
    return False


def starts_phrase(left: str, right: str) -> bool:
    """Does ``right`` begin with a phrase-starting word, after a complete word in ``left``?

    "บุคคล|และ" → True; "ปีงบประมา|ณ พ.ศ." → False (ณ finishes the cut word).
    """
    words = dictionary()
    first = word_tokens(right[:24])[:1]
    last = word_tokens(left[-24:])[-1:]
    return bool(first and first[0] in PHRASE_STARTERS and last and last[0] in words)


def space_belongs(left: str, right: str, after_right: str = "") -> bool:
    """Is the gap between two Thai runs a real phrase space, or damage from a wrap?

    ``left`` is the Thai run before the gap and ``right`` the one after it. The gap
    goes when the joined text repairs a broken word (fewer characters outside the
    dictionary), a dictionary word spans it, or one side cannot stand alone
    (a leading vowel at the end, a following vowel or mark at the start). It stays
    before a word that starts a phrase (และ, หรือ, โดย …).
    """
    if not left or not right:
        return True
    if left[-1] in LEADING_VOWELS or re.match(f"[{NON_INITIAL}]", right):
        return False
    if starts_phrase(left, right) or left.endswith(("ๆ", "ฯ")):
        return True
    if len(right) <= 3 and after_right.startswith("."):  # an abbreviation: พ.ศ., อบต., ป.ป.ช.
        return True
    lw, rw = left[-24:], right[:24]
    if _unknown_chars(lw + rw) < _unknown_chars(lw) + _unknown_chars(rw):
        return False
    return not _crosses(lw, rw)


_THAI_GAP = re.compile(f"(?<=[{THAI_CHAR}]) (?=[{THAI_CHAR}])")
_THAI_RUN_LEFT = re.compile(f"[{THAI_CHAR}]+$")
_THAI_RUN_RIGHT = re.compile(f"^[{THAI_CHAR}]+")
WRAP_CHUNK_MAX = 28  # a narrow cell wraps every ≤ 28 Thai characters (14–16 pt in a 6-column table)


_MARK = re.compile(f"[{COMBINING}]")


def _display_len(s: str) -> int:
    """Width in character cells: combining marks sit on their base and take none."""
    return len(_MARK.sub("", s))


def looks_wrapped(line: str) -> bool:
    """A cell flattened from a narrow column: long, yet no run between spaces is long.

    "มาตรการการสร้าง ความโปร่งใสในการใช้ งบประมาณและการจัดซื้อ จัดจ้าง" → True;
    a clean cell has the odd long run ("จัดทำสื่อประชาสัมพันธ์ที่เข้าใจง่าย …").
    """
    chunks = [c for c in line.split(" ") if c]
    gaps = len(_THAI_GAP.findall(line))
    return gaps >= 2 and _display_len(line) >= 40 and max(_display_len(c) for c in chunks) <= WRAP_CHUNK_MAX


def remove_wrap_spaces(line: str, cell: bool = False) -> str:
    """Drop the spaces a wrap left inside Thai words; keep real phrase spaces.

    In a table cell that :func:`looks_wrapped` (a narrow column flattened with a
    space per visual line), every Thai–Thai gap is suspect and only phrase
    starters keep theirs; elsewhere only gaps that the dictionary proves wrong
    are closed.
    """
    if " " not in line:
        return line
    wrapped = cell and looks_wrapped(line)
    out: list[str] = []
    last = 0
    for m in _THAI_GAP.finditer(line):
        left = _THAI_RUN_LEFT.search(line, 0, m.start())
        right = _THAI_RUN_RIGHT.match(line[m.end():])
        lt, rt = (left.group() if left else ""), (right.group() if right else "")
        if wrapped:
            keep = starts_phrase(lt, rt) or lt.endswith(("ๆ", "ฯ"))
        else:
            keep = space_belongs(lt, rt, line[m.end() + len(rt):m.end() + len(rt) + 1])
        if not keep:
            out.append(line[last:m.start()])
            last = m.end()
    out.append(line[last:])
    return "".join(out)


_MULTI_SPACE = re.compile(r"[ \t\u00a0\u2000-\u200a\u3000]+")


def collapse_spaces(text: str) -> str:
    lines = [_MULTI_SPACE.sub(" ", ln).strip() for ln in text.split("\n")]
    return "\n".join(ln for ln in lines if ln)


# ---------------------------------------------------------------- public entry points
_WHITESPACE = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


def canonical_spaces(text: str) -> str:
    """Tabs, no-break and wide spaces → one plain space; line breaks kept.

    Runs before the mark and damage steps so that a second pass never sees a
    pattern that a space of another kind hid from the first.
    """
    return "\n".join(_WHITESPACE.sub(" ", ln) for ln in text.split("\n"))


def _normalize_once(text: str, cell: bool) -> str:
    text = nfc(text)
    text = strip_tags(text)
    text = map_pua(text)
    text = canonical_spaces(text)
    text = fix_sara_am(text)
    text = remove_space_before_marks(text)
    text = repair_damage(text)
    text = collapse_spaces(text)
    text = "\n".join(remove_wrap_spaces(ln, cell) for ln in text.split("\n"))
    return nfc(text)


def normalize(text: str, cell: bool = False) -> str:
    """The full repair, step by step; ``"\\n"`` (paragraph breaks) survive.

    ``cell=True`` for table cells, whose narrow columns wrap every few words.
    The steps run until the text stops changing (at most three passes), so
    ``normalize(normalize(x)) == normalize(x)`` even for ill-formed mark clusters
    whose repair exposes another.
    """
    for _ in range(3):
        out = _normalize_once(text, cell)
        if out == text:
            break
        text = out
    return text


def join_wrapped(lines: list[str]) -> str:
    """Join the visual lines of one paragraph as a reader sees them on the page.

    A wrap inside a Thai run joins with no space, a wrap after a space (a line that
    ends with one) keeps one, and a wrap between Latin words or digits keeps one.
    >>> join_wrapped(["ประชาสัมพันธ์โครงการให้พนักงาน", "ส่วนท้องถิ่นทราบ"])
    'ประชาสัมพันธ์โครงการให้พนักงานส่วนท้องถิ่นทราบ'
    """
    out = ""
    for raw in lines:
        line = raw.lstrip()
        if not line:
            continue
        if not out:
            out = line
            continue
        if out.endswith((" ", "\u00a0")):
            out = out.rstrip() + " " + line
            continue
        a, b = out.rstrip()[-1], line[0]
        thai_a = bool(re.match(f"[{THAI_CHAR}]", a))
        thai_b = bool(re.match(f"[{THAI_CHAR}]", b))
        if thai_a and thai_b:
            sep = ""  # the line broke inside a Thai run: Word puts no space there
        elif a in "/-(" or b in ".,)/:;":
            sep = ""
        else:
            sep = " "
        out = out.rstrip() + sep + line
    return out.rstrip()


