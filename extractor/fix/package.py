"""The DOCX zip: read the parts the fixer changes, write a copy with every other part
byte-for-byte (same names, order, dates and compression).

In ``document.xml`` only the paragraphs that changed are written anew
(:func:`splice`): every other byte is the draft's own, whatever program wrote it.
"""
from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from .comments import COMMENTS_PART, COMMENTS_REL, COMMENTS_TYPE

DOCUMENT = "word/document.xml"
RELS = "word/_rels/document.xml.rels"
TYPES = "[Content_Types].xml"
PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
PKG_TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@dataclass
class Package:
    path: Path
    parts: dict[str, bytes] = field(default_factory=dict)  # the parts read (to change)

    @classmethod
    def open(cls, path: Path) -> "Package":
        pkg = cls(Path(path))
        with zipfile.ZipFile(path) as z:
            names = set(z.namelist())
            for name in (DOCUMENT, RELS, TYPES):
                if name in names:
                    pkg.parts[name] = z.read(name)
            comments = pkg.comments_name()
            if comments in names:
                pkg.parts[comments] = z.read(comments)
        return pkg

    def comments_name(self) -> str:
        """The comments part the document points to (``word/comments.xml`` when none yet)."""
        rels = self.parts.get(RELS)
        if rels:
            for rel in etree.fromstring(rels).iter(PKG_REL + "Relationship"):
                if rel.get("Type") == COMMENTS_REL and rel.get("TargetMode") != "External":
                    return posixpath.normpath(posixpath.join("word", rel.get("Target", "")))
        return COMMENTS_PART

    def link_comments(self) -> None:
        """Add the comments relationship and content type when the draft has none."""
        name = self.comments_name()
        rels = etree.fromstring(self.parts[RELS]) if RELS in self.parts else etree.Element(
            PKG_REL + "Relationships", nsmap={None: PKG_REL[1:-1]})
        if not any(r.get("Type") == COMMENTS_REL for r in rels.iter(PKG_REL + "Relationship")):
            ids = {r.get("Id") for r in rels.iter(PKG_REL + "Relationship")}
            n = 1
            while f"rId{n}" in ids:
                n += 1
            etree.SubElement(rels, PKG_REL + "Relationship", Id=f"rId{n}", Type=COMMENTS_REL,
                             Target=posixpath.relpath(name, "word"))
            self.parts[RELS] = serialize(self.parts.get(RELS), rels)
        types = etree.fromstring(self.parts[TYPES])
        part_name = "/" + name
        if not any(o.get("PartName") == part_name for o in types.iter(PKG_TYPES + "Override")):
            etree.SubElement(types, PKG_TYPES + "Override", PartName=part_name, ContentType=COMMENTS_TYPE)
            self.parts[TYPES] = serialize(self.parts[TYPES], types)

    def write(self, out: Path, changed: dict[str, bytes]) -> None:
        """Copy the draft to ``out``, replacing (or adding) the ``changed`` parts."""
        tmp = out.with_name(out.name + ".part")
        with zipfile.ZipFile(self.path) as src, zipfile.ZipFile(tmp, "w") as dst:
            seen = set()
            for info in src.infolist():
                seen.add(info.filename)
                data = changed.get(info.filename)
                if data is None:
                    dst.writestr(info, src.read(info.filename))
                else:
                    dst.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
            for name, data in changed.items():
                if name not in seen:
                    dst.writestr(name, data, compress_type=zipfile.ZIP_DEFLATED)
        tmp.replace(out)


def serialize(original: bytes | None, root) -> bytes:
    """``root`` as bytes under the original part's own XML declaration."""
    body = etree.tostring(root, encoding="UTF-8")
    if body.startswith(b"<?xml"):
        body = body[body.index(b"?>") + 2:].lstrip()
    if original and original.lstrip().startswith(b"<?xml"):
        start = original.index(b"<?xml")
        end = original.index(b"?>") + 2
        while end < len(original) and original[end:end + 1] in (b"\r", b"\n", b" "):
            end += 1
        return original[:end] + body
    return b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n' + body


def paragraph_spans(xml: bytes, prefix: bytes) -> list[tuple[int, int]]:
    """Byte [start, end) of every ``w:p`` element in document order (start tags' order, as
    ``root.iter(w:p)`` lists them; a text box's paragraphs nest inside their paragraph)."""
    tag = re.compile(b"<(/?)" + re.escape(prefix + b":") + rb"p(?=[\s/>])[^>]*?(/?)>")
    spans: list[list[int]] = []
    stack: list[int] = []
    for m in tag.finditer(xml):
        closing, empty = m.group(1), m.group(2)
        if closing:
            spans[stack.pop()][1] = m.end()
        else:
            spans.append([m.start(), m.end()])
            if not empty:
                stack.append(len(spans) - 1)
    return [(s, e) for s, e in spans]


def splice(original: bytes, root, changed: set[int]) -> bytes:
    """``root`` (the edited document) written as the original bytes with only the ``changed``
    paragraphs (indexes in ``root.iter(w:p)``) replaced: every other byte stays the draft's,
    whatever serializer wrote it (Word writes ``<w:rPr></w:rPr>`` where lxml writes ``<w:rPr/>``).
    Falls back to a whole serialization if the splice does not reproduce ``root``."""
    whole = serialize(original, root)
    prefix = next((k for k, v in root.nsmap.items() if v == W_NS), None)
    if not changed or prefix is None:
        return whole if changed else original
    old, new = paragraph_spans(original, prefix.encode()), paragraph_spans(whole, prefix.encode())
    if len(old) != len(new):
        return whole
    outer = [i for i in sorted(changed) if not any(o != i and old[o][0] < old[i][0] < old[o][1] for o in changed)]
    out, last = [], 0
    for i in outer:
        out += [original[last:old[i][0]], whole[new[i][0]:new[i][1]]]
        last = old[i][1]
    result = b"".join(out + [original[last:]])
    try:
        same = etree.tostring(etree.fromstring(result)) == etree.tostring(root)
    except etree.XMLSyntaxError:
        same = False
    return result if same else whole
