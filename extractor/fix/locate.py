"""Where a draft's text is: each body paragraph's printed text, character by character.

A paragraph's text is spread over runs (``w:r``) that Word splits freely — one
word can sit in three runs with different formatting. :func:`char_map` lists,
for every character a reader sees, the ``w:t`` element and offset it comes
from; tabs and line breaks are separators that no change may cross. Text
already deleted in a tracked change is not there; text already inserted is.
:func:`key` gives a spacing-blind form of a text (no spaces, ``ํา`` read as
``ำ``, private-use glyphs mapped) with positions, so a finding quoted from the
normalized report text can be found again in the raw paragraph.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..read.docx import MC, W
from ..text.chars import PUA_MAP, TONES

# Subtrees that hold no printed text of this paragraph (or print it elsewhere).
HIDDEN = {W + "del", W + "moveFrom", W + "txbxContent", W + "instrText", W + "delText", W + "pPr",
          W + "rPr", MC + "Fallback", W + "drawing", W + "pict", W + "object", W + "fldData"}
# Containers a body paragraph may sit in; a paragraph under anything else (a text box) is left alone.
BODY = {W + "body", W + "tbl", W + "tr", W + "tc", W + "sdt", W + "sdtContent", W + "customXml",
        W + "ins", W + "moveTo"}
SEP = {W + "tab": "\t", W + "br": "\n", W + "cr": "\n"}


@dataclass
class Char:
    """One printed character: its ``w:t`` (None for a separator) and offset in it."""

    ch: str
    t: object | None
    offset: int = 0

    @property
    def run(self):
        return self.t.getparent() if self.t is not None else None


@dataclass
class Para:
    """A body paragraph: the element, its index in document order, in a table cell or not."""

    el: object
    index: int
    in_table: bool

    @property
    def chars(self) -> list[Char]:
        return char_map(self.el)

    @property
    def text(self) -> str:
        return "".join(c.ch for c in self.chars)


def paragraphs(body) -> list[Para]:
    """Every paragraph a reader of the body sees, in document order."""
    out = []
    for p in body.iter(W + "p"):
        anc = p.getparent()
        ok, in_table = True, False
        while anc is not None and anc.tag != W + "body":
            if anc.tag not in BODY:
                ok = False
                break
            in_table |= anc.tag == W + "tc"
            anc = anc.getparent()
        if ok and anc is not None:
            out.append(Para(p, len(out), in_table))
    return out


def char_map(p) -> list[Char]:
    """The printed characters of ``w:p`` in order (see the module docstring)."""
    out: list[Char] = []

    def walk(el) -> None:
        for ch in el:
            tag = ch.tag
            if not isinstance(tag, str) or tag in HIDDEN:
                continue
            if tag == W + "t":
                out.extend(Char(c, ch, i) for i, c in enumerate(ch.text or ""))
            elif tag in SEP and el.tag == W + "r":
                out.append(Char(SEP[tag], None))
            elif tag == W + "noBreakHyphen":
                out.append(Char("-", None))
            elif tag == W + "p":
                continue  # a paragraph nested in a run's text box
            else:
                walk(ch)

    walk(p)
    return out


_AM = re.compile(f"\u0e4d([{TONES}]?)\u0e32|\u0e32([{TONES}]?)\u0e4d")
_SPACE = re.compile("[\\s\u200b\u200c\u200d\u2060\ufeff\u00ad]")


def key(text: str) -> tuple[str, list[tuple[int, int]]]:
    """Spacing-blind form of ``text`` and, per key character, its [start, end) in ``text``.

    >>> key("ก ํา หนด")[0]
    'กำหนด'
    """
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(text):
        m = _AM.match(text, i)
        if m:
            tone = m.group(1) or m.group(2) or ""
            if tone:
                out.append(tone)
                spans.append((i, m.end()))
            out.append("\u0e33")
            spans.append((i, m.end()))
            i = m.end()
            continue
        ch = text[i]
        if not _SPACE.match(ch):
            out.append(PUA_MAP.get(ord(ch), ch))
            spans.append((i, i + 1))
        i += 1
    return "".join(out), spans


def find_key(hay: str, needle: str) -> list[tuple[int, int]]:
    """Every [start, end) of ``hay`` whose key is ``needle``'s key (spacing-blind search)."""
    k, spans = key(hay)
    n = key(needle)[0]
    if not n:
        return []
    out, pos = [], k.find(n)
    while pos >= 0:
        out.append((spans[pos][0], spans[pos + len(n) - 1][1]))
        pos = k.find(n, pos + len(n))
    return out
