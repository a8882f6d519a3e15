"""Judge a PDF page's text layer before trusting it: the page's text, or junk over a scan?

Archived PDFs often carry a text layer that lies: a scanner's own OCR run in
English over a Thai page (``uuun?Jon?13J``, ``a'l1.Jt't % n15``,
``vaayNRMGUWITWIMHAMITAU``), a font whose character map is broken
(``1>@0ค>11/@1@1อ@?/0@1@``), or control characters. The page image under it
is often a clean scan. :func:`judge_layer` says why a layer is junk, and the
PDF reader then OCRs the page instead — only when the page is mostly an image,
so a born-digital page is never thrown away.

The signals, each a share of the layer's characters:

- **symbol soup** — characters that are neither letters, digits, spaces nor
  ordinary punctuation (control codes, ``@ > ?`` runs, U+FFFD);
- **Latin junk** — a Thai report whose layer is mostly Latin letters, and those
  do not form words (a digit or ``? '`` inside a word, case changing inside
  it, long vowel-less runs);
- **not Thai words** — Thai letters that the dictionary cannot cut into words
  (:mod:`extractor.text.lexicon`), as a scrambled font map gives.

>>> judge_text("uuun?Jon?13J a'l1.Jt't % n15 vaayNRMGUWITWIMHAMITAUAUNIsIMadsaIQMTTINUAL aawsiw0is nqusmusnraN")
'latin junk'
>>> judge_text("รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน") is None
True
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ...text.chars import THAI_CHAR
from ...text.lexicon import dictionary, word_tokens


@dataclass(frozen=True)
class JudgeSettings:
    min_image_cover: float = 0.5   # only a page mostly under an image can be read again from it
    min_chars: int = 20            # a layer with fewer visible characters is too small to judge
    max_soup: float = 0.25         # share of symbols and control characters
    max_latin: float = 0.7         # share of Latin among letters above which a Thai page is suspect …
    min_clean_latin: float = 0.6   # … and junk unless this share of its Latin reads as words
    min_thai_words: float = 0.5    # share of Thai letters inside dictionary words


REPLACED = "text layer replaced by OCR"  # the reader's note for a page judged junk; see pipeline

_THAI = re.compile(rf"[{THAI_CHAR}]")
_LATIN = re.compile(r"[A-Za-z]")
_THAI_RUN = re.compile(rf"[{THAI_CHAR}]+")
_PLAIN = set(".,;:()[]{}\"'“”‘’-–—/%&+*=#!?_$฿•·…๏๚๛")  # not @ < > \\ | ~ ^ `: a broken map's soup
_WORD = re.compile(r"^(?:[A-Z]?[a-z]+|[A-Z]{1,5}|[A-Z][a-z]+[A-Z][a-z]+|[0-9]+(?:[.,:/-][0-9]+)*)$")
_EDGE = re.compile(r"^[\"'“”‘’(\[{]+|[\"'“”‘’)\]}.,;:!?%]+$")


def soup_share(text: str) -> float:
    """Share of visible characters that belong to no script and no ordinary punctuation."""
    visible = [ch for ch in text if not ch.isspace()]
    if not visible:
        return 0.0
    odd = sum(1 for ch in visible if not (_THAI.match(ch) or ch.isalnum() or ch in _PLAIN))
    return odd / len(visible)


def _clean(token: str) -> bool:
    """Does a Latin token read as a word, a number or an acronym (not OCR junk)?"""
    t = _EDGE.sub("", token)
    if not t or not _WORD.match(t):
        return False
    letters = [c for c in t.lower() if c.isalpha()]
    if len(letters) >= 6:
        vowels = sum(c in "aeiouy" for c in letters) / len(letters)
        return 0.2 <= vowels <= 0.7
    return True


def clean_latin_share(text: str) -> float:
    """Share of Latin characters (by length) in tokens that read as words."""
    total = clean = 0
    for tok in text.split():
        n = len(_LATIN.findall(tok))
        if not n or _THAI.search(tok):
            continue
        total += n
        clean += n if _clean(tok) else 0
    return clean / total if total else 1.0


def thai_word_share(text: str) -> float:
    """Share of Thai letters that fall inside dictionary words (newmm)."""
    words = dictionary()
    total = inside = 0
    for run in _THAI_RUN.findall(text):
        for w in word_tokens(run):
            total += len(w)
            inside += len(w) if w in words else 0
    return inside / total if total else 1.0


def judge_text(text: str, s: JudgeSettings = JudgeSettings()) -> str | None:
    """Why this text layer is junk ("symbol soup", "latin junk", "not thai words"), or None."""
    text = unicodedata.normalize("NFC", text)
    visible = sum(1 for ch in text if not ch.isspace())
    if visible < s.min_chars:
        return None
    if soup_share(text) > s.max_soup:
        return "symbol soup"
    thai, latin = len(_THAI.findall(text)), len(_LATIN.findall(text))
    if thai + latin == 0:
        return "symbol soup"  # digits and punctuation only over a scanned page
    if latin / (thai + latin) > s.max_latin and clean_latin_share(text) < s.min_clean_latin:
        return "latin junk"
    if thai >= s.min_chars and thai_word_share(text) < s.min_thai_words:
        return "not thai words"
    return None


def judge_layer(text: str, image_cover: float, s: JudgeSettings = JudgeSettings()) -> str | None:
    """Why the page's layer should be replaced by OCR of its image, or None to keep it."""
    if image_cover < s.min_image_cover:
        return None
    return judge_text(text, s)


def replaced_pages(notes: list[str]) -> list[tuple[int, str]]:
    """(page, reason) of every page whose layer the reader replaced, from its notes."""
    out = []
    for n in notes:
        m = re.match(rf"page (\d+): {REPLACED} \((.+)\)$", n)
        if m:
            out.append((int(m.group(1)), m.group(2)))
    return out
