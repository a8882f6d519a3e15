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
from pathlib import Path

from lxml import etree

from ..errors import UnusableInput
from ..read import sniff
from ..read.docx import W
from ..rules import RULES
from . import comments as cm
from .locate import char_map, paragraphs
from .model import Change, FixOptions, Note, Summary
from .ooxml import Marks, max_id, replace
from .package import DOCUMENT, Package, serialize, splice
from .place import regions, spot
from .plan import make_plan

__all__ = ["FixOptions", "Summary", "fix_docx", "default_output"]

CONTEXT = 24  # characters either side of a change shown in the summary
NOT_APPLIED = "ita แก้ให้อัตโนมัติไม่ได้ (ไม่แน่ชัดว่าควรแก้ทุกแห่ง) โปรดตรวจ: "


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
    pkg = Package.open(path)
    try:
        root = etree.fromstring(pkg.parts[DOCUMENT])
    except (KeyError, etree.XMLSyntaxError) as e:
        raise UnusableInput(f"ไฟล์ DOCX เสียหาย (damaged DOCX: {type(e).__name__})") from None
    comments_name = pkg.comments_name()
    part = etree.fromstring(pkg.parts[comments_name]) if comments_name in pkg.parts else None
    marks = Marks(options.author, options.stamp(), max(max_id(root), max_id(part) if part is not None else -1) + 1)
    paras = paragraphs(root.find(W + "body"))
    order = {el: i for i, el in enumerate(root.iter(W + "p"))}  # to write back only what changed
    touched: set[int] = set()
    summary = Summary(input=path, output=None if options.dry_run else out, dry_run=options.dry_run)

    plan = make_plan(paras, report, options)
    for p in paras:
        before, made = p.text, []
        for e in reversed(plan.edits.get(p.index, [])):  # last to first: earlier positions stay valid
            if replace(p.el, e.start, e.end, e.text, marks):
                touched.add(order[p.el])
                ctx = before[max(0, e.start - CONTEXT):e.end + CONTEXT]
                made.append(Change(e.rule, before[e.start:e.end], e.text, ctx))
        summary.changes += reversed(made)

    if options.comments:
        after = _recheck(pkg, root, options) or report
        texts = {p.index: "".join(c.ch for c in char_map(p.el)) for p in paras}
        where = regions(paras, texts, after.get("measures") or [])
        for f in after.get("findings") or []:
            s = spot(f, paras, texts, where)
            if s is None:
                continue
            if part is None:
                part = cm.new_part()
            cid = marks.next_id
            marks.next_id += 1
            cm.anchor(s.para.el, s.start, s.end, cid)
            touched.add(order[s.para.el])
            rule_ = RULES.get(f["rule"])
            main_case = rule_ is not None and rule_.fixable and f.get("suggestion") and f["message"] == rule_.message
            cm.add_comment(part, cid, marks, _lines(f, bool(main_case)))
            summary.comments.append(Note(f["rule"], f["message"], f.get("text"), f.get("measure"), f.get("field"), s.how))

    if not options.dry_run:
        changed = {DOCUMENT: splice(pkg.parts[DOCUMENT], root, touched)}
        if summary.comments:
            pkg.link_comments()
            changed[comments_name] = serialize(pkg.parts.get(comments_name), part)
            for name in ("word/_rels/document.xml.rels", "[Content_Types].xml"):
                if name in pkg.parts:
                    changed[name] = pkg.parts[name]
        pkg.write(out, changed)
    return summary


def _recheck(pkg: Package, root, options: FixOptions) -> dict | None:
    """``ita check`` of the draft as fixed (changes accepted, as the reader reads them): the
    findings left are exactly those that get a comment. None if that copy cannot be read."""
    from ..pipeline import extract

    with tempfile.TemporaryDirectory(prefix="ita-fix-") as tmp:
        probe = Path(tmp) / "draft.docx"
        pkg.write(probe, {DOCUMENT: serialize(pkg.parts[DOCUMENT], root)})
        try:
            return extract(probe, rules_files=options.rules_files).to_json()
        except UnusableInput:
            return None


def _lines(f: dict, not_applied: bool) -> list[str]:
    """The comment's text: the Thai message, the quoted text and suggestion, the rule id."""
    head = (NOT_APPLIED if not_applied else "") + f["message"]
    where = [f"มาตรการที่ {f['measure']}"] if f.get("measure") is not None else []
    where += [f["field"]] if f.get("field") else []
    lines = [head + (f" [{', '.join(where)}]" if where else "")]
    if f.get("text") or f.get("suggestion"):
        quote = f"«{f['text']}»" if f.get("text") else "(ว่าง)"
        lines.append(quote + (f" → «{f['suggestion']}»" if f.get("suggestion") else ""))
    lines.append(f"({f['rule']}, {f['severity']})")
    return lines
