"""Word comments (``w:comment``) for the findings a person must decide.

A comment is three things: its text in ``word/comments.xml``, a range in the
paragraph (``w:commentRangeStart`` … ``w:commentRangeEnd``) and a run holding
``w:commentReference`` after the range. The part also needs its relationship
from ``document.xml`` and its content type; :mod:`.package` adds those when the
draft had no comments yet, and a draft's own comments are kept.
"""
from __future__ import annotations

from lxml import etree

from ..read.docx import W
from .locate import char_map
from .ooxml import Marks, split_after, split_before

COMMENTS_PART = "word/comments.xml"
COMMENTS_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
COMMENTS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
W_NS = W[1:-1]


def new_part():
    """An empty ``w:comments`` root."""
    return etree.Element(W + "comments", nsmap={"w": W_NS})


def add_comment(part, cid: int, marks: Marks, lines: list[str]) -> None:
    """Append comment ``cid`` (one paragraph per line) to the comments part."""
    c = etree.SubElement(part, W + "comment")
    c.set(W + "id", str(cid))
    c.set(W + "author", marks.author)
    c.set(W + "date", marks.date)
    c.set(W + "initials", marks.author[:9])
    for i, line in enumerate(lines):
        p = etree.SubElement(c, W + "p")
        if i == 0:
            etree.SubElement(etree.SubElement(p, W + "r"), W + "annotationRef")
        r = etree.SubElement(p, W + "r")
        t = etree.SubElement(r, W + "t")
        t.text = line
        if line != line.strip():
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


def _top(p, el):
    """The child of paragraph ``p`` that holds ``el``."""
    while el.getparent() is not p:
        el = el.getparent()
    return el


def anchor(p, start: int | None, end: int | None, cid: int) -> None:
    """Put comment ``cid``'s range around characters [start, end) of ``p`` (the whole
    paragraph when None), then its reference run; markers are children of the paragraph."""
    chars = char_map(p)
    texts = [i for i, c in enumerate(chars) if c.t is not None]
    first = last = None
    if start is not None and end is not None and start < end and chars[start].t is not None \
            and chars[end - 1].t is not None:
        first = _top(p, split_before(chars[start]))
        chars = char_map(p)
        last = _top(p, split_after(chars[end - 1]))
    elif texts:
        first, last = _top(p, chars[texts[0]].run), _top(p, chars[texts[-1]].run)
    s = p.makeelement(W + "commentRangeStart", {W + "id": str(cid)})
    e = p.makeelement(W + "commentRangeEnd", {W + "id": str(cid)})
    ref = p.makeelement(W + "r", {})
    ref.append(ref.makeelement(W + "commentReference", {W + "id": str(cid)}))
    if first is None:  # an empty paragraph: the comment stands at its end
        p.append(s)
        p.append(e)
        p.append(ref)
        return
    first.addprevious(s)
    last.addnext(e)
    e.addnext(ref)
