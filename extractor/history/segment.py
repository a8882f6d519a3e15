"""Thai word segmentation for the history index: the same cut for documents and queries.

Thai has no spaces between words, so FTS5 cannot find "คุณธรรม" inside
"ส่งเสริมคุณธรรมและความโปร่งใส" on its own. Before indexing, text is cut
into words by pythainlp ``newmm`` and the words are joined by a plain space;
the document's own whitespace becomes a zero-width space (U+200B), which the
FTS5 tokenizer also treats as a separator but which lets :func:`display`
undo the segmentation exactly:

>>> segment("ส่งเสริมคุณธรรม QR Code")
'ส่งเสริม คุณธรรม \\u200b QR \\u200b Code'
>>> display(segment("ส่งเสริมคุณธรรม QR Code"))
'ส่งเสริมคุณธรรม QR Code'

A query is cut the same way and searched as one phrase, so a place name that
newmm splits ("หนองตาแต้ม" → หนอง ตา แต้ม) still matches where it was split
the same way in the document.
"""
from __future__ import annotations

import hashlib
import re


from ..text.digits import arabic_digits, thai_digits
from ..text.lexicon import word_tokens

ORIGINAL_SPACE = "\u200b"  # the document's own whitespace inside the segmented text
# Thai letters and marks, digits and private use are token characters; everything
# else (spaces, U+200B, punctuation) separates. Plain unicode61 would cut Thai
# words apart at every vowel or tone mark (category M).
FTS_TOKENIZER = "unicode61 remove_diacritics 0 categories 'L* N* Co M*'"

_WS = re.compile(r"(\s+)")


def _cut(chunk: str) -> tuple[str, ...]:
    """newmm words of one whitespace-free chunk (:func:`extractor.thai.word_tokens`, cached).

    newmm never joins across whitespace, so cutting chunk by chunk gives the
    same words as cutting the whole text, only much faster on a large batch.
    """
    return tuple(w for w in word_tokens(chunk) if w.strip())


def words(text: str) -> list[str]:
    """The words of ``text`` in order, whitespace dropped: "QR Code ณ จุดบริการ" → [QR, Code, ณ, จุด, บริการ]."""
    return [w for chunk in _WS.split(text.replace(ORIGINAL_SPACE, "")) if chunk and not chunk.isspace()
            for w in _cut(chunk)]


def segment(text: str) -> str:
    """``text`` as space-joined newmm words; its own whitespace kept as U+200B."""
    out: list[str] = []
    for chunk in _WS.split(text.replace(ORIGINAL_SPACE, "")):
        if not chunk:
            continue
        if chunk.isspace():
            if out:
                out.append(ORIGINAL_SPACE)
            continue
        out.extend(_cut(chunk))
    while out and out[-1] == ORIGINAL_SPACE:
        out.pop()
    return " ".join(out)


def display(segmented: str) -> str:
    """Undo :func:`segment` (also on a snippet of it): drop the word spaces, restore the document's."""
    return segmented.replace(" ", "").replace(ORIGINAL_SPACE, " ")


def phrase(tokens: list[str]) -> str:
    """An FTS5 phrase query for ``tokens`` in a row: ["QR", "Code"] → '"QR Code"'."""
    return '"' + " ".join(tokens).replace('"', '""') + '"'


def digit_variants(query: str) -> list[str]:
    """The query as written plus with Thai/Arabic digits swapped: "2568" also finds "๒๕๖๘"."""
    out = [query]
    for convert in (arabic_digits, thai_digits):
        v = convert(query)
        if v not in out:
            out.append(v)
    return out


def query_phrases(query: str) -> list[list[str]]:
    """The query's words, once per digit form, without words that are only punctuation."""
    out: list[list[str]] = []
    for v in digit_variants(query):
        ws = [w for w in words(v) if any(ch.isalnum() for ch in w)]
        if ws and ws not in out:
            out.append(ws)
    return out


def tag(kind: str, value: object) -> str:
    """An opaque FTS token for a filter value: tag("year", 2568) → "t" + 12 hex digits.

    Filters (fiscal year, agency, finding rule) are indexed as tokens beside
    the words, so FTS5 intersects them with the query itself instead of a join
    visiting every match.
    """
    return "t" + hashlib.sha1(f"{kind}:{value}".encode("utf-8")).hexdigest()[:12]


def report_tags(agency: str | None, year: int | None, rules: list[str]) -> str:
    """The space-joined filter tokens every passage of one report carries."""
    tags = [tag("agency", agency), tag("year", year)] + [tag("rule", r) for r in sorted(set(rules))]
    return " ".join(tags)
