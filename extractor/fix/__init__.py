"""``ita fix``: a copy of a Word draft with the safe fixes made as tracked changes and a
comment on every finding that needs a person.

The path of one draft, top to bottom:

1. ``ita check``'s own extraction and rules on the draft (:func:`extractor.pipeline.extract`);
2. :mod:`.locate` lists the body paragraphs and the runs behind each character;
3. :mod:`.plan` runs the fixable rules paragraph by paragraph and turns each safe hit
   (and the Thai text damage) into edits (:mod:`.edits`);
4. :mod:`.ooxml` makes each edit a ``w:del`` + ``w:ins`` inside the runs that hold it;
5. the draft as fixed is checked again (changes accepted, as ``ita check`` reads them), and
   :mod:`.place` and :mod:`.comments` put a ``w:comment`` on every finding still reported;
6. :mod:`.package` writes the copy, every untouched part byte-for-byte.

The fixed draft read by ``ita`` (which reads tracked changes as accepted) has no
finding of a rule that was fixed.
"""
from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from ..errors import UnusableInput
from ..read import sniff
from ..read.docx import W
from ..rules import RULES
from . import comments as cm
from .locate import Para, char_map, paragraphs
from .model import Change, FixOptions, Note, Summary
from .ooxml import Marks, max_id, replace
from .package import DOCUMENT, RELS, TYPES, Package, serialize, splice
from .place import Columns, regions, spot
from .plan import make_plan

__all__ = ["FixOptions", "Summary", "fix_docx", "default_output"]

CONTEXT = 24  # characters either side of a change shown in the summary
NOT_APPLIED = "ita ไม่ได้แก้จุดนี้ให้อัตโนมัติ โปรดตรวจ: "


def default_output(draft: Path) -> Path:
    """``ร่าง.docx`` → ``ร่าง-fixed.docx`` beside it."""
    return draft.with_name(f"{draft.stem}-fixed.docx")


def fix_docx(path: str | Path, out: str | Path | None = None, options: FixOptions = FixOptions()) -> Summary:
    """Fix the draft at ``path`` into ``out`` (default :func:`default_output`); raises UnusableInput."""
    from ..pipeline import extract

    path = Path(path)
    kind = sniff(path)
    if kind != "docx":
        raise UnusableInput(f"แก้ไขได้เฉพาะร่างที่เป็นไฟล์ Word (.docx) ไฟล์นี้เป็น {kind} — ใช้ `ita check` "
                            f"เพื่อดูข้อสังเกต (only Word drafts can be fixed; this is a {kind}: use `ita check`)")
    out = default_output(path) if out is None else Path(out)
    if out.resolve() == path.resolve():
        raise UnusableInput("จะไม่เขียนทับไฟล์ต้นฉบับ ระบุชื่อไฟล์ใหม่ด้วย -o (will not overwrite the draft)")
    report = extract(path, rules_files=options.rules_files).to_json()
    draft = _Draft.open(path, options)
    summary = Summary(input=path, output=None if options.dry_run else out, dry_run=options.dry_run)
    summary.changes = draft.apply(make_plan(draft.paras, report, options))
    if options.comments:
        summary.comments = draft.comment(_recheck(draft, options) or report)
    if not options.dry_run:
        draft.write(out)
    return summary


@dataclass
class _Draft:
    """The draft's package and its document tree while it is being changed."""

    pkg: Package
    root: Any
    part: Any  # the comments part's root (None until a comment is needed, if the draft had none)
    marks: Marks
    paras: list[Para]
    order: dict[Any, int]  # every w:p → its index in document order, to write back only what changed
    touched: set[int] = field(default_factory=set)
    commented: bool = False

    @classmethod
    def open(cls, path: Path, options: FixOptions) -> "_Draft":
        pkg = Package.open(path)
        try:
            root = etree.fromstring(pkg.parts[DOCUMENT])
            name = pkg.comments_name()
            part = etree.fromstring(pkg.parts[name]) if name in pkg.parts else None
        except (KeyError, etree.XMLSyntaxError) as e:
            raise UnusableInput(f"ไฟล์ DOCX เสียหาย (damaged DOCX: {type(e).__name__})") from None
        first_id = max(max_id(root), max_id(part) if part is not None else -1) + 1
        return cls(pkg, root, part, Marks(options.author, options.stamp(), first_id),
                   paragraphs(root.find(W + "body")), {el: i for i, el in enumerate(root.iter(W + "p"))})

    def apply(self, plan) -> list[Change]:
        """Make the planned edits as tracked changes; the changes made, in document order."""
        out: list[Change] = []
        for p in self.paras:
            before, made = p.text, []
            for e in reversed(plan.edits.get(p.index, [])):  # last to first: earlier positions stay valid
                if replace(p.el, e.start, e.end, e.text, self.marks):
                    self.touched.add(self.order[p.el])
                    ctx = before[max(0, e.start - CONTEXT):e.end + CONTEXT]
                    made.append(Change(e.rule, before[e.start:e.end], e.text, ctx))
            out += reversed(made)
        return out

    def comment(self, report: dict[str, Any]) -> list[Note]:
        """A comment on every finding of ``report`` (the draft as fixed, re-checked)."""
        texts = {p.index: "".join(c.ch for c in char_map(p.el)) for p in self.paras}
        where = regions(self.paras, texts, report.get("measures") or [])
        columns = Columns(self.paras)
        notes = []
        for f in report.get("findings") or []:
            s = spot(f, self.paras, texts, where, columns)
            if s is None:
                continue
            if self.part is None:
                self.part = cm.new_part()
            cid = self.marks.next_id
            self.marks.next_id += 1
            cm.anchor(s.para.el, s.start, s.end, cid)
            self.touched.add(self.order[s.para.el])
            cm.add_comment(self.part, cid, self.marks, _lines(f))
            self.commented = True
            notes.append(Note(f["rule"], f["message"], f.get("text"), f.get("measure"), f.get("field"), s.how))
        return notes

    def document(self) -> bytes:
        return serialize(self.pkg.parts[DOCUMENT], self.root)

    def write(self, out: Path) -> None:
        changed = {DOCUMENT: splice(self.pkg.parts[DOCUMENT], self.root, self.touched)}
        if self.commented:
            name = self.pkg.comments_name()
            self.pkg.link_comments()
            changed[name] = serialize(self.pkg.parts.get(name), self.part)
            changed.update({k: self.pkg.parts[k] for k in (RELS, TYPES) if k in self.pkg.parts})
        self.pkg.write(out, changed)


def _recheck(draft: _Draft, options: FixOptions) -> dict | None:
    """``ita check`` of the draft as fixed (changes accepted, as the reader reads them): the
    findings left are exactly those that get a comment. None if that copy cannot be read."""
    from ..pipeline import extract

    with tempfile.TemporaryDirectory(prefix="ita-fix-") as tmp:
        probe = Path(tmp) / "draft.docx"
        draft.pkg.write(probe, {DOCUMENT: draft.document()})
        try:
            return extract(probe, rules_files=options.rules_files).to_json()
        except UnusableInput:
            return None


def _lines(f: dict) -> list[str]:
    """The comment's text: the Thai message, the quoted text and suggestion, the rule id.
    A fixable rule's main case left in place says that ita did not dare to change it."""
    r = RULES.get(f["rule"])
    not_applied = bool(r and r.fixable and f.get("suggestion") and f["message"] == r.message)
    head = (NOT_APPLIED if not_applied else "") + f["message"]
    where = [f"มาตรการที่ {f['measure']}"] if f.get("measure") is not None else []
    where += [f["field"]] if f.get("field") else []
    lines = [head + (f" [{', '.join(where)}]" if where else "")]
    if f.get("text") or f.get("suggestion"):
        quote = f"«{f['text']}»" if f.get("text") else "(ว่าง)"
        lines.append(quote + (f" → «{f['suggestion']}»" if f.get("suggestion") else ""))
    lines.append(f"({f['rule']}, {f['severity']})")
    return lines
