"""DOCX reader: body order, merged cells, Word list numbering, bad files — on real DOCX files.

The small drafts are written with python-docx (a real Word package, opened by
the real reader); the seed and the samples are the project's DOCX inputs.
"""
from __future__ import annotations

import copy
import json
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from lxml import etree

from extractor.errors import UnusableInput
from extractor.read import read
from extractor.read.base import Line, Row
from extractor.read.docx import format_number, read_docx

ROOT = Path(__file__).resolve().parents[1]
SEED_DOCX = ROOT / "samples" / "hinlekfai-2568" / "report.docx"
SEED_EXPECTED = ROOT / "samples" / "hinlekfai-2568" / "expected.json"
SAMPLES = ROOT / "samples"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def blocks(path: Path):
    result = read_docx(path)
    assert result.format == "docx" and result.page_count is None
    assert [p.number for p in result.pages] == [None]
    return result.pages[0].blocks


# ---------------------------------------------------------------- helpers that write real drafts
def add_list(document: docx.Document, fmt: str, lvl_text: str = "%1.", start: int = 1,
             levels: int = 1, abstract_id: int | None = None) -> int:
    """Add an abstractNum (+ a num pointing at it) to the draft's numbering part; return numId."""
    numbering = document.part.numbering_part.element
    ids = [int(a.get(qn("w:abstractNumId"))) for a in numbering.findall(qn("w:abstractNum"))]
    if abstract_id is None:
        abstract_id = max(ids + [0]) + 1
        lvls = "".join(
            f'<w:lvl w:ilvl="{i}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{lvl_text.replace("%1", f"%{i + 1}")}"/></w:lvl>' for i in range(levels))
        absnum = etree.fromstring(f'<w:abstractNum xmlns:w="{W_NS}" w:abstractNumId="{abstract_id}">{lvls}</w:abstractNum>')
        first_num = numbering.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(absnum)
        else:
            numbering.append(absnum)
    num_ids = [int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))]
    num_id = max(num_ids + [0]) + 1
    numbering.append(etree.fromstring(
        f'<w:num xmlns:w="{W_NS}" w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/></w:num>'))
    return num_id


def restart_list(document: docx.Document, num_id: int, start: int = 1) -> int:
    """A second num on the same list with a startOverride: how Word says "restart at 1"."""
    numbering = document.part.numbering_part.element
    old = next(n for n in numbering.findall(qn("w:num")) if n.get(qn("w:numId")) == str(num_id))
    abstract_id = old.find(qn("w:abstractNumId")).get(qn("w:val"))
    new_id = max(int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))) + 1
    numbering.append(etree.fromstring(
        f'<w:num xmlns:w="{W_NS}" w:numId="{new_id}"><w:abstractNumId w:val="{abstract_id}"/>'
        f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{start}"/></w:lvlOverride></w:num>'))
    return new_id


def numbered(paragraph, num_id: int, ilvl: int = 0):
    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(etree.fromstring(
        f'<w:numPr xmlns:w="{W_NS}"><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'))
    return paragraph


# ---------------------------------------------------------------- the seed
def test_seed_docx_memo_lines_then_the_table_in_body_order():
    bl = blocks(SEED_DOCX)
    texts = [b.text for b in bl if isinstance(b, Line)]
    assert texts[0] == "บันทึกข้อความ"
    assert texts[1] == "ส่วนราชการ งานนิติการ สำนักปลัด องค์การบริหารส่วนตำบลหินเหล็กไฟ"
    # "ที่ …⇥วันที่ …": the tab is a space, both labels on one line as printed
    assert texts[2] == "ที่ ปข ๗๕๐๐๑/๓๘๙ วันที่ ๕ มีนาคม ๒๕๖๙"
    assert "(นางสาวพิมลวรรณ คุ่มครอง)" in texts
    rows = [b for b in bl if isinstance(b, Row)]
    first_row = bl.index(rows[0])
    assert all(isinstance(b, Line) for b in bl[:first_row])  # the memo comes before the table
    assert rows[0].texts[0] == "มาตรการ/กิจกรรม" and len(rows[0].cells) == 6
    assert [r.texts[0][:3] for r in rows[1:]] == ["๑. ", "๒. ", "๓. ", "๔. ", "๕. "]
    # paragraphs inside a cell are kept apart with "\n" (one per numbered item)
    methods = rows[1].texts[1].split("\n")
    assert methods[0].startswith("๑. แต่งตั้งคณะกรรมการ") and methods[1].startswith("๒. ")


def test_seed_docx_extracts_like_the_expected_json():
    from extractor.pipeline import extract
    expected = json.loads(SEED_EXPECTED.read_text(encoding="utf-8"))
    got = extract(SEED_DOCX).to_json()
    assert got["source"]["format"] == "docx" and got["source"]["pages"] is None
    squash = lambda s: "".join((s or "").split())  # noqa: E731
    assert len(got["measures"]) == len(expected["measures"]) == 5
    for g, e in zip(got["measures"], expected["measures"]):
        assert g["number"] == e["number"]
        assert squash(g["measure"]) == squash(e["measure"])
        for fld in ("methods", "responsible", "summary", "outcomes"):
            assert [squash(x) for x in g[fld]] == [squash(x) for x in e[fld]], (e["number"], fld)
    for key in ("agency", "reference", "date", "fiscal_year", "ita_score", "addressee"):
        assert got["document"][key] == expected["document"][key], key


def test_sample_with_word_list_numbering_gets_printed_numbers():
    path = SAMPLES / "trang-pao-2569" / "report.docx"
    if not path.exists():
        pytest.skip("samples/trang-pao-2569 not built")
    rows = [b for b in blocks(path) if isinstance(b, Row)]
    table = [r for r in rows if len(r.cells) == 6]
    # no number is typed in the methods cells: Word's list numbering gives "1. ", "2. ", restarting per cell
    for row in table[1:]:
        items = row.texts[1].split("\n")
        assert [it.split(" ", 1)[0] for it in items] == [f"{i}." for i in range(1, len(items) + 1)]


# ---------------------------------------------------------------- numbering
def test_word_numbering_formats_and_restart(tmp_path):
    d = docx.Document()
    thai = add_list(d, "thaiNumbers")
    for text in ("แต่งตั้งคณะกรรมการ", "ประชาสัมพันธ์โครงการ", "มอบเกียรติบัตร"):
        numbered(d.add_paragraph(text), thai)
    d.add_paragraph("ข้อความคั่น")
    numbered(d.add_paragraph("ต่อจากรายการเดิม"), thai)  # same list continues: ๔.
    again = restart_list(d, thai)
    numbered(d.add_paragraph("เริ่มรายการใหม่"), again)  # startOverride: restarts at ๑.
    letters = add_list(d, "thaiLetters", "%1)")
    numbered(d.add_paragraph("ข้อย่อยแรก"), letters)
    numbered(d.add_paragraph("ข้อย่อยสอง"), letters)
    d.add_paragraph("พิมพ์เลขเอง", style=None).runs[0].text = "1. พิมพ์เลขเอง"
    d.save(tmp_path / "n.docx")
    texts = [b.text for b in blocks(tmp_path / "n.docx")]
    assert texts == ["๑. แต่งตั้งคณะกรรมการ", "๒. ประชาสัมพันธ์โครงการ", "๓. มอบเกียรติบัตร",
                     "ข้อความคั่น", "๔. ต่อจากรายการเดิม", "๑. เริ่มรายการใหม่",
                     "ก) ข้อย่อยแรก", "ข) ข้อย่อยสอง", "1. พิมพ์เลขเอง"]


def test_nested_levels_restart_under_a_new_parent(tmp_path):
    d = docx.Document()
    lst = add_list(d, "decimal", "%1.", levels=2)
    numbered(d.add_paragraph("หนึ่ง"), lst, 0)
    numbered(d.add_paragraph("หนึ่งย่อยก"), lst, 1)
    numbered(d.add_paragraph("หนึ่งย่อยข"), lst, 1)
    numbered(d.add_paragraph("สอง"), lst, 0)
    numbered(d.add_paragraph("สองย่อยก"), lst, 1)
    d.save(tmp_path / "lv.docx")
    assert [b.text.split(" ")[0] for b in blocks(tmp_path / "lv.docx")] == ["1.", "1.", "2.", "2.", "1."]


def test_numbering_from_the_paragraph_style(tmp_path):
    d = docx.Document()  # python-docx's template links "List Number" to a Word list
    for text in ("ข้อแรก", "ข้อสอง"):
        d.add_paragraph(text, style="List Number")
    d.add_paragraph("จุดหนึ่ง", style="List Bullet")
    d.save(tmp_path / "st.docx")
    assert [b.text for b in blocks(tmp_path / "st.docx")] == ["1. ข้อแรก", "2. ข้อสอง", "• จุดหนึ่ง"]


def test_number_formats():
    assert format_number(5, "thaiNumbers") == "๕"
    assert format_number(10, "thaiNumbers") == "๑๐"
    assert format_number(1, "thaiLetters") == "ก"
    assert format_number(2, "lowerLetter") == "b"
    assert format_number(9, "upperRoman") == "IX"
    assert format_number(7, "decimal") == "7"


# ---------------------------------------------------------------- tables
def test_merged_cells_and_several_tables_in_order(tmp_path):
    d = docx.Document()
    d.add_paragraph("ตารางที่หนึ่ง")
    t1 = d.add_table(rows=3, cols=3)
    t1.cell(0, 0).text = "หัวตารางรวมสองช่อง"
    t1.cell(0, 0).merge(t1.cell(0, 1))  # horizontal merge: appears once
    t1.cell(0, 2).text = "ช่องสาม"
    t1.cell(1, 0).text = "มาตรการยาว"
    t1.cell(1, 0).merge(t1.cell(2, 0))  # vertical merge: the continuation is an empty cell
    t1.cell(1, 1).text = "ก"
    t1.cell(2, 1).text = "ข"
    cell = t1.cell(1, 2)
    cell.text = "๑. ย่อหน้าแรก"
    cell.add_paragraph("๒. ย่อหน้าที่สอง")
    d.add_paragraph("ระหว่างตาราง")
    t2 = d.add_table(rows=1, cols=2)
    t2.cell(0, 0).text = "ตารางสอง"
    t2.cell(0, 1).text = "ช่องสอง"
    d.save(tmp_path / "t.docx")
    bl = blocks(tmp_path / "t.docx")
    kinds = [type(b).__name__ for b in bl]
    assert kinds == ["Line", "Row", "Row", "Row", "Line", "Row"]
    assert bl[1].texts == ["หัวตารางรวมสองช่อง", "ช่องสาม"]
    assert bl[2].texts == ["มาตรการยาว", "ก", "๑. ย่อหน้าแรก\n๒. ย่อหน้าที่สอง"]
    assert bl[3].texts[0] == "" and bl[3].texts[1] == "ข"
    assert bl[4].text == "ระหว่างตาราง" and bl[5].texts == ["ตารางสอง", "ช่องสอง"]


def test_a_merged_cell_shared_by_several_measures_is_repeated(tmp_path):
    d = docx.Document()
    t = d.add_table(rows=3, cols=3)
    for r, text in enumerate(("๒. มาตรการสอง", "๓. มาตรการสาม", "๔. มาตรการสี่")):
        t.cell(r, 0).text = text
    t.cell(0, 1).text = "ปีงบประมาณ พ.ศ. ๒๕๖๘"
    t.cell(0, 1).merge(t.cell(2, 1))  # one period cell written once for three measures
    for r in range(3):
        t.cell(r, 2).text = f"ผล {r}"
    d.save(tmp_path / "shared.docx")
    rows = blocks(tmp_path / "shared.docx")
    assert [r.texts[1] for r in rows] == ["ปีงบประมาณ พ.ศ. ๒๕๖๘"] * 3


def test_sample_with_merged_period_and_responsible_cells():
    path = SAMPLES / "phitsanulok-city-2568" / "report.docx"
    if not path.exists():
        pytest.skip("samples/phitsanulok-city-2568 not built")
    from extractor.pipeline import extract
    expected = json.loads((path.parent / "expected.json").read_text(encoding="utf-8"))
    got = extract(path).to_json()
    assert [m["period"]["text"] for m in got["measures"]] == [m["period"]["text"] for m in expected["measures"]]
    assert [m["responsible"] for m in got["measures"]] == [m["responsible"] for m in expected["measures"]]


def test_tracked_deletions_are_not_read(tmp_path):
    d = docx.Document()
    p = d.add_paragraph("คงไว้")
    deleted = etree.fromstring(f'<w:del xmlns:w="{W_NS}" w:id="1" w:author="a"><w:r><w:delText>ลบแล้ว</w:delText></w:r></w:del>')
    p._p.append(deleted)
    inserted = etree.fromstring(f'<w:ins xmlns:w="{W_NS}" w:id="2" w:author="a"><w:r><w:t>เพิ่ม</w:t></w:r></w:ins>')
    p._p.append(copy.deepcopy(inserted))
    d.save(tmp_path / "tc.docx")
    assert [b.text for b in blocks(tmp_path / "tc.docx")] == ["คงไว้เพิ่ม"]


# ---------------------------------------------------------------- bad input
def test_corrupt_zip_is_unusable(tmp_path):
    bad = tmp_path / "bad.docx"
    bad.write_bytes(SEED_DOCX.read_bytes()[:3000])  # a truncated download
    with pytest.raises(UnusableInput) as e:
        read(bad)
    assert "DOCX" in str(e.value)


def test_xlsx_is_not_a_docx(tmp_path):
    x = tmp_path / "sheet.docx"
    with zipfile.ZipFile(x, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(UnusableInput) as e:
        read(x)
    assert "Excel" in str(e.value)


def test_docx_without_text_is_unusable(tmp_path):
    docx.Document().save(tmp_path / "empty.docx")
    with pytest.raises(UnusableInput):
        read_docx(tmp_path / "empty.docx")
