"""Tracked changes inside a paragraph's runs: split a run where a change starts or ends,
wrap the old text in ``w:del``, put the new text in ``w:ins`` with the same ``w:rPr``.

Only the runs that hold changed characters are touched; a run is split into
two copies of itself (same attributes, a deep copy of the same ``w:rPr``), so
fonts (TH SarabunPSK, IT๙), sizes, bold and colour stay exactly as the
officer set them. A change is refused (the caller comments instead) when a
run it would delete holds anything but text — a picture, a field code, a
footnote mark — or sits inside someone else's tracked change.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass

from ..read.docx import W
from .locate import Char, char_map

XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
RUN_PARENTS = {W + "p", W + "hyperlink", W + "smartTag", W + "customXml", W + "sdtContent", W + "fldSimple"}
TEXT_ONLY = {W + "rPr", W + "t", W + "lastRenderedPageBreak"}
# A run holding these too may be split (they stay in their piece); a deleted piece holds none.
SPLITTABLE = TEXT_ONLY | {W + "tab", W + "br", W + "cr", W + "noBreakHyphen", W + "softHyphen"}
# Markup that may sit between the runs of one w:del (EG_RangeMarkupElements and proofing marks).
RANGE_MARKS = {W + "bookmarkStart", W + "bookmarkEnd", W + "proofErr", W + "permStart", W + "permEnd",
               W + "commentRangeStart", W + "commentRangeEnd"}


@dataclass
class Marks:
    """Author, date and the next free annotation id (w:ins, w:del and comments share them)."""

    author: str
    date: str
    next_id: int

    def new(self, tag: str, near):
        """A new ``w:<tag>`` revision element (made in ``near``'s document)."""
        el = near.makeelement(W + tag, {W + "id": str(self.next_id), W + "author": self.author,
                                        W + "date": self.date})
        self.next_id += 1
        return el


def max_id(root) -> int:
    """The highest numeric w:id in a part (bookmarks, revisions, comments)."""
    best = -1
    for el in root.iter():
        v = el.get(W + "id") if isinstance(el.tag, str) else None
        if v is not None and v.lstrip("-").isdigit():
            best = max(best, int(v))
    return best


def _set_text(t, text: str) -> None:
    t.text = text
    if text != text.strip():
        t.set(XML_SPACE, "preserve")


def split_before(c: Char):
    """Make ``c`` the first character of its run; returns that run."""
    t, run = c.t, c.run
    if c.offset > 0:  # cut the w:t in two
        right = copy.deepcopy(t)
        _set_text(right, t.text[c.offset:])
        _set_text(t, t.text[:c.offset])
        t.addnext(right)
        t = right
    content = [ch for ch in run if ch.tag != W + "rPr"]
    if content and content[0] is t:
        return run
    new = run.makeelement(run.tag, dict(run.attrib))
    rpr = run.find(W + "rPr")
    if rpr is not None:
        new.append(copy.deepcopy(rpr))
    idx = content.index(t)
    for ch in content[idx:]:
        new.append(ch)  # moves it
    run.addnext(new)
    return new


def split_after(c: Char):
    """Make ``c`` the last character of its run; returns that run."""
    if c.offset + 1 < len(c.t.text or ""):
        nxt = Char(c.t.text[c.offset + 1], c.t, c.offset + 1)
        split_before(nxt)
        return c.run
    run, t = c.run, c.t
    content = [ch for ch in run if ch.tag != W + "rPr"]
    if content and content[-1] is t:
        return run
    follower = content[content.index(t) + 1]
    new = run.makeelement(run.tag, dict(run.attrib))
    rpr = run.find(W + "rPr")
    if rpr is not None:
        new.append(copy.deepcopy(rpr))
    for ch in content[content.index(follower):]:
        new.append(ch)
    run.addnext(new)
    return run


def editable(chars: list[Char]) -> bool:
    """Can these characters be replaced: text in runs that are the officer's own, holding
    nothing but text (and tabs or breaks, which a split leaves outside the change)?"""
    for c in chars:
        if c.t is None or c.run is None or c.run.getparent() is None:
            return False
        if c.run.getparent().tag not in RUN_PARENTS:
            return False
        if any(ch.tag not in SPLITTABLE for ch in c.run):
            return False
    return True


def _runs_between(first, last) -> list[list]:
    """Groups of consecutive siblings from ``first`` to ``last`` that one w:del may hold."""
    groups, cur = [], []
    el = first
    while el is not None:
        if el.tag == W + "r" or el.tag in RANGE_MARKS:
            cur.append(el)
        else:
            if cur:
                groups.append(cur)
            cur = []
        if el is last:
            break
        el = el.getnext()
    if cur:
        groups.append(cur)
    return groups


def replace(p, start: int, end: int, text: str, marks: Marks) -> bool:
    """Mark ``[start, end)`` of paragraph ``p``'s text deleted and ``text`` inserted there.

    Returns False (and leaves ``p`` as it was) when the change cannot be made safely.
    """
    chars = char_map(p)
    if not (0 <= start <= end <= len(chars)) or (start == end and not text):
        return False
    old = chars[start:end]
    if old and not editable(old):
        return False
    if not old:  # a pure insertion: after the character before, else before the one after
        anchor = chars[start - 1] if start > 0 and chars[start - 1].t is not None else (
            chars[start] if start < len(chars) else None)
        if anchor is None or not editable([anchor]):
            return False
        after = anchor is chars[start - 1] if start > 0 else False
        run = split_after(anchor) if after else split_before(anchor)
        ins = _insertion(run, text, marks)
        (run.addnext if after else run.addprevious)(ins)
        return True
    split_before(old[0])
    split_after(char_map(p)[end - 1])
    runs = []
    for c in char_map(p)[start:end]:
        if c.run not in runs:
            runs.append(c.run)
    if any(ch.tag not in TEXT_ONLY for r in runs for ch in r):
        return False  # cannot happen (no separator inside a change); never delete a tab
    parents = []
    for r in runs:
        if r.getparent() not in parents:
            parents.append(r.getparent())
    template = runs[0]
    tail = None
    for parent in parents:
        mine = [r for r in runs if r.getparent() is parent]
        for group in _runs_between(mine[0], mine[-1]):
            d = marks.new("del", p)
            group[0].addprevious(d)
            for el in group:
                d.append(el)
                if el.tag == W + "r":
                    for t in el.findall(W + "t"):
                        t.tag = W + "delText"
            tail = d
    if text:
        tail.addnext(_insertion(template, text, marks))
    return True


def _insertion(template, text: str, marks: Marks):
    """``<w:ins><w:r>{template's w:rPr}<w:t>text</w:t></w:r></w:ins>``."""
    ins = marks.new("ins", template)
    run = template.makeelement(W + "r", {})
    rpr = template.find(W + "rPr")
    if rpr is not None:
        run.append(copy.deepcopy(rpr))
    t = run.makeelement(W + "t", {})
    _set_text(t, text)
    run.append(t)
    ins.append(run)
    return ins
