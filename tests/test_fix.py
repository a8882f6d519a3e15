"""`ita fix`: safe fixes as Word tracked changes, a comment for every other finding.

Real drafts only: the seed DOCX, the DOCX samples, and small drafts written here
with python-docx. The fixed files are read back by the real reader (which reads
tracked changes as accepted), checked by the real rules, and opened by the real
LibreOffice. The helpers below accept or reject tracked changes with plain lxml,
independently of the code under test.
"""
from __future__ import annotations

import copy
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from docx.shared import Pt
from lxml import etree

from extractor.cli.main import main
from extractor.fix import FixOptions, default_output, fix_docx
from extractor.pipeline import extract
from extractor.rules import RULES

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
SEED = SAMPLES / "hinlekfai-2568" / "report.docx"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DOCUMENT = "word/document.xml"
MARKUP = {W + "ins", W + "del", W + "commentRangeStart", W + "commentRangeEnd"}


# ---------------------------------------------------------------- helpers (independent of extractor.fix)
def _root(path: Path, part: str = DOCUMENT):
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read(part))


def _unwrap(el) -> None:
    parent = el.getparent()
    i = parent.index(el)
    for k, ch in enumerate(list(el)):
        parent.insert(i + k, ch)
    parent.remove(el)


def resolved(root, accept: bool = True):
    """A copy of a document with every tracked change accepted (or rejected) and no comment marks."""
    root = copy.deepcopy(root)
    gone, kept = (W + "del", W + "ins") if accept else (W + "ins", W + "del")
    for el in list(root.iter(gone)):
        el.getparent().remove(el)
    for el in list(root.iter(kept)):
        _unwrap(el)
    for t in list(root.iter(W + "delText")):
        t.tag = W + "t"
    for el in list(root.iter(W + "commentRangeStart", W + "commentRangeEnd")):
        el.getparent().remove(el)
    for ref in list(root.iter(W + "commentReference")):
        ref.getparent().getparent().remove(ref.getparent())
    return root


def texts(root) -> list[str]:
    return ["".join(t.text or "" for t in p.iter(W + "t")) for p in root.iter(W + "p")]


def sig(el) -> tuple:
    """An element's whole content (tags, attributes, text, children), whatever tree it sits in."""
    return el.tag, tuple(sorted(el.attrib.items())), el.text, tuple(sig(c) for c in el)


def runs(p) -> list[tuple[str, tuple]]:
    """(text, w:rPr content) of each text run of a paragraph."""
    out = []
    for r in p.iter(W + "r"):
        text = "".join(t.text or "" for t in r.iter(W + "t"))
        if text:
            rpr = r.find(W + "rPr")
            out.append((text, sig(rpr) if rpr is not None else ()))
    return out


def skeleton(root) -> bytes:
    """The document with every paragraph's content (not its w:pPr) taken out: tables, grid,
    section properties, paragraph properties — everything a fix must leave alone."""
    root = copy.deepcopy(root)
    for p in root.iter(W + "p"):
        for ch in list(p):
            if ch.tag != W + "pPr":
                p.remove(ch)
    return etree.tostring(root)


def p_spans(xml: bytes) -> list[tuple[int, int]]:
    """Byte spans of the w:p elements of a document.xml, in start-tag order."""
    import re
    spans, stack = [], []
    for m in re.finditer(rb"<(/?)w:p(?=[\s/>])[^>]*?(/?)>", xml):
        if m.group(1):
            s = stack.pop()
            spans[s] = (spans[s][0], m.end())
        else:
            spans.append((m.start(), m.end()))
            if not m.group(2):
                stack.append(len(spans) - 1)
    return spans


def key(f: dict) -> tuple:
    return f["rule"], f["measure"], f["field"], f["text"]


def fixable(f: dict) -> bool:
    r = RULES.get(f["rule"])
    return bool(r and r.fixable and f.get("suggestion") and f["message"] == r.message)


def check_invariants(draft: Path, fixed: Path, unfixed: int = 0) -> tuple[list[dict], list[dict]]:
    """What must hold for any fixed draft; returns (findings before, findings after).

    ``unfixed``: how many safe suggestions the draft holds where ita may not edit (someone
    else's tracked change); those must keep their finding and get a comment like the rest."""
    before = [f.to_json() for f in extract(draft).findings]
    after = [f.to_json() for f in extract(fixed).findings]
    # no finding of a fixed rule is left where its fix was safe; every other finding is still there
    assert len([f for f in after if fixable(f)]) == unfixed
    assert {key(f) for f in before if not fixable(f)} <= {key(f) for f in after}
    # every finding left has a comment carrying its Thai message, anchored in the document
    orig, new = _root(draft), _root(fixed)
    with zipfile.ZipFile(fixed) as z:
        names = z.namelist()
    comments = _root(fixed, "word/comments.xml") if "word/comments.xml" in names else None
    ours = [c for c in comments.iter(W + "comment") if c.get(W + "author") == "ita"] if comments is not None else []
    messages = ["".join(t.text or "" for t in c.iter(W + "t")) for c in ours]
    for f in after:
        assert any(f["message"] in m for m in messages), f
    anchored = {el.get(W + "id") for el in new.iter(W + "commentReference")}
    assert {c.get(W + "id") for c in ours} <= anchored
    # rejecting every change gives back the draft's text exactly
    assert texts(resolved(new, accept=False)) == texts(resolved(orig, accept=False))
    # nothing but paragraph content changed, and untouched paragraphs are identical
    assert skeleton(resolved(new)) == skeleton(resolved(orig))
    for p_old, p_new in zip(orig.iter(W + "p"), new.iter(W + "p")):
        if not any(el.tag in MARKUP or el.tag == W + "commentReference" for el in p_new.iter()):
            assert etree.tostring(p_old) == etree.tostring(p_new)
        else:  # a changed paragraph's runs carry only formatting the paragraph already had
            assert {r for _, r in runs(resolved(p_new))} <= {r for _, r in runs(p_old)}
    # every other part of the package is byte-for-byte the draft's, and so is document.xml
    # outside the paragraphs that carry a change or a comment
    with zipfile.ZipFile(draft) as a, zipfile.ZipFile(fixed) as b:
        xa, xb = a.read(DOCUMENT), b.read(DOCUMENT)
        sa, sb = p_spans(xa), p_spans(xb)
        assert len(sa) == len(sb) == len(list(orig.iter(W + "p")))
        gaps = [(x[1], y[0]) for x, y in zip(sa, sa[1:])]
        gaps_b = [(x[1], y[0]) for x, y in zip(sb, sb[1:])]
        assert [xa[s:e] for s, e in gaps] == [xb[s:e] for s, e in gaps_b]
        assert xa[:sa[0][0]] == xb[:sb[0][0]] and xa[sa[-1][1]:] == xb[sb[-1][1]:]
        for p_new, (s0, e0), (s1, e1) in zip(new.iter(W + "p"), sa, sb):
            if not any(el.tag in MARKUP or el.tag == W + "commentReference" for el in p_new.iter()):
                assert xa[s0:e0] == xb[s1:e1]
        for name in a.namelist():
            if name not in (DOCUMENT, "word/comments.xml", "word/_rels/document.xml.rels", "[Content_Types].xml"):
                assert a.read(name) == b.read(name), name
        if "word/comments.xml" in a.namelist():  # the draft's own comments are all kept, first
            old_comments = list(etree.fromstring(a.read("word/comments.xml")))
            theirs = [sig(c) for c in old_comments]
            assert [sig(c) for c in etree.fromstring(b.read("word/comments.xml"))][:len(theirs)] == theirs
            assert not {c.get(W + "id") for c in old_comments} & {c.get(W + "id") for c in ours}
        if "word/_rels/document.xml.rels" in a.namelist():
            old_rels = etree.fromstring(a.read("word/_rels/document.xml.rels"))
            new_rels = etree.fromstring(b.read("word/_rels/document.xml.rels"))
            assert [etree.tostring(r) for r in old_rels] == [etree.tostring(r) for r in new_rels][:len(old_rels)]
    return before, after


# ---------------------------------------------------------------- the seed
SEED_FIXES = [  # what the seed's officer should see corrected, as the check reports it
    ("นายกองการบริหารส่วนตำบลหินเหล็กไฟ", "นายกองค์การบริหารส่วนตำบลหินเหล็กไฟ"),
    ("การเปิดเผยข้อมูลการเปิดเผยข้อมูลสาธารณะ", "การเปิดเผยข้อมูลสาธารณะ"),
    ("ขององค์กรปกครองส่วนตำบลหินเหล็กไฟ", "ขององค์การบริหารส่วนตำบลหินเหล็กไฟ"),
    ("จัดทำ OR Code", "จัดทำ QR Code"),
    ("องค์การบริหารส่วนตำบลหนองตาแต้ม", "องค์การบริหารส่วนตำบลหินเหล็กไฟ"),
]


@pytest.fixture(scope="module")
def seed_fixed(tmp_path_factory) -> tuple[Path, object]:
    out = tmp_path_factory.mktemp("seed") / "report-fixed.docx"
    summary = fix_docx(SEED, out, FixOptions())
    return out, summary


def test_seed_fixes_exactly_the_reported_slips(seed_fixed):
    out, summary = seed_fixed
    assert summary.per_rule == {"agency-name": 2, "repeated-phrase": 1, "known-typo": 1, "agency-mismatch": 1}
    expected = []
    for t in texts(_root(SEED)):
        for old, new in SEED_FIXES:
            t = t.replace(old, new)
        expected.append(t)
    assert texts(resolved(_root(out))) == expected
    # three replacements (w:del + w:ins), one insertion (ค์), one deletion (the repeat): by "ita", dated
    new = _root(out)
    marks = list(new.iter(W + "ins", W + "del"))
    assert len(marks) == 8 and {m.get(W + "author") for m in marks} == {"ita"}
    assert all(m.get(W + "date", "").endswith("Z") for m in marks)
    assert len({m.get(W + "id") for m in marks}) == len(marks)


def test_seed_fixed_checks_clean_and_keeps_the_rest(seed_fixed):
    out, summary = seed_fixed
    before, after = check_invariants(SEED, out)
    assert sorted(f["rule"] for f in after) == ["date-after-document", "date-out-of-period", "duplicate-text",
                                                 "empty-cell"]
    assert len(summary.comments) == 4
    assert {n.anchor for n in summary.comments} == {"text", "cell"}  # empty-cell: in the empty cell itself


@pytest.mark.parametrize("draft", sorted(SAMPLES.glob("*/report.docx")), ids=lambda p: p.parent.name)
def test_every_docx_sample(draft, tmp_path):
    out = tmp_path / "fixed.docx"
    summary = fix_docx(draft, out, FixOptions())
    before, after = check_invariants(draft, out)
    # accepting everything gives the draft with each safe suggestion written in
    expected = []
    for t in texts(_root(draft)):
        for f in before:
            if fixable(f):
                t = t.replace(f["text"], f["suggestion"])
        expected.append(t)
    assert texts(resolved(_root(out))) == expected
    assert len(summary.comments) == len(after)


# ---------------------------------------------------------------- small drafts written here
HEADERS = ["มาตรการ/กิจกรรม", "วิธีการดำเนินการ", "ผู้รับผิดชอบ", "ระยะเวลาดำเนินการ", "สรุปผลการดำเนินการ",
           "ผลลัพธ์หรือความสำเร็จของการดำเนินการ"]


def draft(path: Path, summary_runs: list[tuple[str, dict]], memo_body: str = "", edit=None) -> Path:
    """A short real report: memo heads, an optional body paragraph, one measure row whose
    summary cell is written as the given runs (text, formatting); ``edit(w:p)`` may then
    change that cell's paragraph XML the way Word writes it."""
    d = docx.Document()
    for line in ("บันทึกข้อความ", "ส่วนราชการ สำนักปลัด องค์การบริหารส่วนตำบลหินเหล็กไฟ",
                 "ที่ ปข ๗๕๐๐๑/๓๘๙ วันที่ ๕ มีนาคม ๒๕๖๙",
                 "เรื่อง รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. ๒๕๖๘",
                 "เรียน นายกองค์การบริหารส่วนตำบลหินเหล็กไฟ"):
        d.add_paragraph(line)
    if memo_body:
        d.add_paragraph(memo_body)
    t = d.add_table(rows=2, cols=6)
    for c, h in enumerate(HEADERS):
        t.cell(0, c).text = h
    for c, text in enumerate(["๑. มาตรการเผยแพร่ข้อมูลข่าวสาร", "๑. ประชาสัมพันธ์ผ่านเว็บไซต์", "สำนักปลัด",
                              "ตุลาคม ๒๕๖๗ – กันยายน ๒๕๖๘", None, "๑. ประชาชนเข้าถึงข้อมูลได้สะดวก"]):
        if text is not None:
            t.cell(1, c).text = text
    p = t.cell(1, 4).paragraphs[0]
    for text, fmt in summary_runs:
        run = p.add_run(text)
        run.font.name = fmt.get("font", "TH SarabunPSK")
        run.font.size = Pt(fmt.get("size", 16))
        run.bold, run.italic, run.underline = fmt.get("bold"), fmt.get("italic"), fmt.get("underline")
    if edit is not None:
        edit(p._p)
    d.save(path)
    return path


def test_or_code_split_across_three_differently_formatted_runs(tmp_path):
    src = draft(tmp_path / "ร่าง.docx", [("๑. จัดทำ ", {}), ("O", {"bold": True}),
                                         ("R Co", {"italic": True, "font": "TH SarabunIT๙"}),
                                         ("de", {"underline": True, "size": 14}), (" ณ จุดบริการ", {})])
    summary = fix_docx(src, None, FixOptions())
    out = default_output(src)
    assert out.name == "ร่าง-fixed.docx" and out.exists()
    assert summary.per_rule == {"known-typo": 1}
    check_invariants(src, out)
    cell = [p for p in resolved(_root(out)).iter(W + "p") if "Code" in "".join(t.text or "" for t in p.iter(W + "t"))]
    got = runs(cell[0])
    assert "".join(t for t, _ in got) == "๑. จัดทำ QR Code ณ จุดบริการ"
    orig = runs([p for p in _root(src).iter(W + "p") if "Co" in "".join(t.text or "" for t in p.iter(W + "t"))][0])
    # the Q takes the bold of the O it replaces; R Co and de keep their own runs and formatting
    assert got == [orig[0], ("Q", orig[1][1]), orig[2], orig[3], orig[4]]
    new = _root(out)
    deleted = ["".join(t.text for t in d.iter(W + "delText")) for d in new.iter(W + "del")]
    inserted = ["".join(t.text for t in i.iter(W + "t")) for i in new.iter(W + "ins")]
    assert deleted == ["O"] and inserted == ["Q"]


def _wrap(p, tag: str, runs_from: int, runs_to: int, **attrs) -> None:
    """Put runs [runs_from, runs_to) of paragraph ``p`` inside a new ``w:<tag>`` element."""
    rs = p.findall(W + "r")[runs_from:runs_to]
    el = p.makeelement(W + tag, {W + k: v for k, v in attrs.items()})
    rs[0].addprevious(el)
    for r in rs:
        el.append(r)


def test_word_markup_between_and_around_the_runs(tmp_path):
    """What Word writes: spelling marks and a bookmark between the runs, the word in a hyperlink."""
    def word_markup(p):
        r = p.findall(W + "r")
        r[1].addprevious(p.makeelement(W + "proofErr", {W + "type": "spellStart"}))
        r[2].addprevious(p.makeelement(W + "bookmarkStart", {W + "id": "0", W + "name": "_GoBack"}))
        r[2].addnext(p.makeelement(W + "bookmarkEnd", {W + "id": "0"}))
        _wrap(p, "hyperlink", 3, 5, anchor="_GoBack")
    src = draft(tmp_path / "w.docx", [("๑. จัดทำ ", {}), ("O", {"bold": True}), ("R Co", {}),
                                      ("de", {"italic": True}), (" ณ จุดบริการ", {})], edit=word_markup)
    out = tmp_path / "w-out.docx"
    summary = fix_docx(src, out, FixOptions())
    assert [(c.rule, c.before, c.after) for c in summary.changes] == [("known-typo", "O", "Q")]
    check_invariants(src, out)
    assert any("๑. จัดทำ QR Code ณ จุดบริการ" == t for t in texts(resolved(_root(out))))


def test_comments_sit_in_the_finding_s_own_cell():
    """namom: item ๓ of measure 4's methods is numbered "๒." (the comment goes on that one, not on
    item ๒); measure 6's outcome cell is empty (the comment goes in that empty cell)."""
    draft_ = SAMPLES / "namom-abt-2569-draft" / "report.docx"
    import tempfile
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "n.docx"
        summary = fix_docx(draft_, out, FixOptions())
        new = _root(out)
    ours = {n.rule: n for n in summary.comments}
    assert ours["numbering"].anchor == "text" and ours["empty-cell"].anchor == "cell"
    anchored = {}
    for start in new.iter(W + "commentRangeStart"):
        p = start.getparent()
        anchored[int(start.get(W + "id"))] = "".join(t.text or "" for t in p.iter(W + "t"))
    ita_ids = sorted(i for i in anchored if i >= 2)  # 0 and 1 are the draft's own comments
    assert anchored[ita_ids[0]].startswith("๒. จัดทำแบบประเมินความพึงพอใจ")
    assert anchored[ita_ids[1]] == ""


def test_a_run_with_a_tab_is_split_around_the_change(tmp_path):
    src = draft(tmp_path / "tab.docx", [("๑. จัดทำ OR Code\tณ จุดบริการ", {"bold": True})])
    out = tmp_path / "tab-out.docx"
    summary = fix_docx(src, out, FixOptions())
    assert [(c.before, c.after) for c in summary.changes] == [("O", "Q")]
    check_invariants(src, out)
    cell = [p for p in resolved(_root(out)).iter(W + "p") if p.find(f".//{W}tab") is not None][0]
    assert "".join(t.text for t in cell.iter(W + "t")) == "๑. จัดทำ QR Codeณ จุดบริการ"
    assert len(list(cell.iter(W + "tab"))) == 1


def test_text_inside_another_authors_tracked_change_gets_a_comment_not_an_edit(tmp_path):
    src = draft(tmp_path / "t.docx", [("๑. จัดทำ ", {}), ("OR Code", {}), (" ณ จุดบริการ", {})],
                edit=lambda p: _wrap(p, "ins", 1, 2, id="90", author="สมชาย", date="2026-01-05T09:00:00Z"))
    out = tmp_path / "t-out.docx"
    summary = fix_docx(src, out, FixOptions())
    assert summary.changes == [] and [n.rule for n in summary.comments] == ["known-typo"]
    check_invariants(src, out, unfixed=1)
    comments = "".join(t.text for t in _root(out, "word/comments.xml").iter(W + "t"))
    assert "ไม่ได้แก้จุดนี้ให้อัตโนมัติ" in comments and "«OR Code» → «QR Code»" in comments


def test_thai_text_damage_is_marked_and_repaired(tmp_path):
    body = "ตามที่ได้ก\u0e4d\u0e32หนดให้องค์การบริหารส่วนตำบลหิน เหล็กไฟ ดำเนินการตามประกาศต่าง ๆ"
    src = draft(tmp_path / "d.docx", [("๑. เผยแพร่ข้อมูลครบถ้วน", {})], memo_body=body)
    out = tmp_path / "d-out.docx"
    summary = fix_docx(src, out, FixOptions())
    assert summary.per_rule == {"text-damage": 2}
    assert [(c.before, c.after) for c in summary.changes] == [("ก\u0e4d\u0e32", "กำ"), (" ", "")]
    check_invariants(src, out)
    fixed_body = [t for t in texts(resolved(_root(out))) if t.startswith("ตามที่")]
    assert fixed_body == ["ตามที่ได้กำหนดให้องค์การบริหารส่วนตำบลหินเหล็กไฟ ดำเนินการตามประกาศต่าง ๆ"]


def test_a_name_flagged_in_one_place_and_legitimate_in_another_is_left_to_a_person(tmp_path):
    """Two "หนองตาแต้ม" in one paragraph, a visit (legitimate) and a leftover: the rule does not
    flag both, so neither is changed and a comment asks; alone, the leftover is fixed."""
    both = "๑. ศึกษาดูงาน ณ องค์การบริหารส่วนตำบลหนองตาแต้ม และเผยแพร่ผลงานขององค์การบริหารส่วนตำบลหนองตาแต้ม"
    src = draft(tmp_path / "m.docx", [(both, {})])
    out = tmp_path / "m-out.docx"
    summary = fix_docx(src, out, FixOptions())
    assert summary.changes == [] and [n.rule for n in summary.comments] == ["agency-mismatch"]
    assert texts(resolved(_root(out))) == texts(_root(src))
    check_invariants(src, out)
    alone = draft(tmp_path / "a.docx", [("๑. เผยแพร่ผลงานขององค์การบริหารส่วนตำบลหนองตาแต้ม", {})])
    summary = fix_docx(alone, tmp_path / "a-out.docx", FixOptions())
    assert [(c.rule, c.before, c.after) for c in summary.changes] == [("agency-mismatch", "หนองตาแต้ม", "หินเหล็กไฟ")]


# ---------------------------------------------------------------- the command
def test_cli_refuses_a_pdf_in_one_line(capsys):
    assert main(["fix", str(SAMPLES / "hinlekfai-2568" / "report.pdf")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "ita check" in err[0]


def test_cli_never_overwrites_the_draft_and_dry_run_writes_nothing(tmp_path, capsys):
    src = tmp_path / "r.docx"
    shutil.copy(SEED, src)
    digest = src.read_bytes()
    assert main(["fix", str(src), "-o", str(src)]) == 2
    assert src.read_bytes() == digest
    assert main(["fix", str(src), "--dry-run"]) == 0
    assert not default_output(src).exists()
    out = capsys.readouterr().out
    assert "«นายกองการ" not in out and "«O» → «Q»" in out and "known-typo" in out
    assert main(["fix", str(src), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["per_rule"]["known-typo"] == 1 and data["comments"] == 4
    assert Path(data["output"]) == default_output(src) and default_output(src).exists()


# ---------------------------------------------------------------- LibreOffice
def _pdf_text(docx_path: Path, tmp_path: Path) -> str:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice or not shutil.which("pdftotext"):
        pytest.skip("LibreOffice (libreoffice-writer-nogui) or pdftotext not installed")
    profile = tmp_path / "lo-profile"  # a private profile: other soffice processes may be running
    subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(docx_path)], check=True, capture_output=True, timeout=180)
    pdf = tmp_path / (docx_path.stem + ".pdf")
    assert pdf.exists() and pdf.stat().st_size > 1000
    text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    return "".join(text.split())  # narrow cells wrap anywhere, and pdftotext puts stray spaces in Thai


def test_libreoffice_opens_the_fixed_seed_and_prints_the_changes(seed_fixed, tmp_path):
    out, _ = seed_fixed
    text = _pdf_text(out, tmp_path)
    # LibreOffice prints tracked changes: the inserted ค์ sits in the addressee line, the deleted
    # O (struck through) stands before the inserted Q, the repeated phrase is there twice (once struck)
    # and the original addressee "นายกองการ…" is gone
    assert "เรียนนายกองค์การบริหารส่วนตำบลหินเหล็กไฟ" in text
    assert "OQR" in text and "นายกองการ" not in text  # (table cells wrap: reading order is cell by line)
    assert "การเปิดเผยข้อมูลการเปิดเผยข้อมูลสาธารณะ" in text


def test_a_draft_saved_by_libreoffice_keeps_its_own_bytes(tmp_path):
    """LibreOffice (like Word) writes XML its own way (``<w:rPr></w:rPr>``): the fix still
    leaves every byte outside the changed paragraphs as that writer wrote it."""
    soffice = shutil.which("soffice")
    if not soffice:
        pytest.skip("LibreOffice (libreoffice-writer-nogui) not installed")
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}", "--headless",
                    "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(tmp_path), str(SEED)],
                   check=True, capture_output=True, timeout=180)
    src = tmp_path / "report.docx"
    assert b"<w:rPr></w:rPr>" in zipfile.ZipFile(src).read(DOCUMENT)
    out = tmp_path / "lo-fixed.docx"
    summary = fix_docx(src, out, FixOptions())
    assert summary.per_rule == {"agency-name": 2, "repeated-phrase": 1, "known-typo": 1, "agency-mismatch": 1}
    check_invariants(src, out)


def test_libreoffice_prints_a_fixed_split_run_draft(tmp_path):
    src = draft(tmp_path / "s.docx", [("๑. จัดทำ ", {}), ("O", {"bold": True}), ("R Co", {"italic": True}),
                                      ("de", {"underline": True}), (" ณ จุดบริการ", {})],
                memo_body="ตามที่ได้ก\u0e4d\u0e32หนดไว้")
    out = tmp_path / "s-fixed.docx"
    fix_docx(src, out, FixOptions())
    text = _pdf_text(out, tmp_path)
    assert "จัดทำOQRCodeณจุดบริการ" in text and "ตามที่ได้ก\u0e4d\u0e32กำหนดไว้" in text


# ---------------------------------------------------------------- the web page
def _web_upload(client, path: Path) -> tuple[str, str]:
    """Upload a file, wait for its result; (job id, result page HTML)."""
    import io
    import time
    r = client.post("/upload", data={"file": (io.BytesIO(path.read_bytes()), path.name)},
                    headers={"Accept": "application/json", "X-Requested-With": "fetch"},
                    content_type="multipart/form-data")
    body = r.get_json()
    deadline = time.time() + 120
    while client.get(body["status_url"]).get_json()["state"] not in ("done", "failed"):
        assert time.time() < deadline
        time.sleep(0.2)
    return body["id"], client.get(body["result_url"]).get_data(as_text=True)


def test_web_offers_the_corrected_draft_for_a_docx_only(tmp_path):
    from extractor.web.app import create_app, jobs_of
    app = create_app(upload_root=tmp_path, ttl=600)
    try:
        client = app.test_client()
        job_id, html = _web_upload(client, SEED)
        assert 'id="download-json"' in html and f'href="/jobs/{job_id}/fixed.docx"' in html
        r = client.get(f"/jobs/{job_id}/fixed.docx")
        assert r.status_code == 200 and "report-fixed.docx" in r.headers["Content-Disposition"]
        got = tmp_path / "got.docx"
        got.write_bytes(r.data)
        check_invariants(SEED, got)
        assert texts(resolved(_root(got))) == texts(resolved(_root(fix_docx(SEED, tmp_path / "cli.docx").output)))
        assert list(tmp_path.rglob("*-fixed.docx")) == []  # nothing kept beside the upload
        pdf_id, html = _web_upload(client, SAMPLES / "hinlekfai-2568" / "report.pdf")
        assert "fixed.docx" not in html and client.get(f"/jobs/{pdf_id}/fixed.docx").status_code == 404
    finally:
        jobs_of(app).close()
