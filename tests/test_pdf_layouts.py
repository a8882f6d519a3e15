"""Layouts the seed does not show: merged cells, hanging-indent memo labels, scanned PDFs.

The merged-cell table is written here with python-docx and exported by LibreOffice,
the way agencies' Word drafts become PDFs; the scan is the seed's own scanned page.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

from conftest import DATA
from extractor.read.base import Line, Row
from extractor.read.pdf.reader import needs_ocr, read_pdf
from extractor.read.pdf.glyphs import read_page

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "samples" / "hinlekfai-2568"  # the seed case
SAMPLES = ROOT / "samples"


def squash(text: str) -> str:
    return unicodedata.normalize("NFC", re.sub(r"\s+", "", text))


def rows(page) -> list[Row]:
    return [b for b in page.blocks if isinstance(b, Row)]


HEADERS = ["มาตรการ/กิจกรรม", "วิธีการดำเนินการ", "ผู้รับผิดชอบ", "ระยะเวลาดำเนินการ", "สรุปผลการดำเนินการ", "ผลลัพธ์"]


def _landscape_table(rows_: int):
    from docx import Document
    from docx.enum.section import WD_ORIENT

    doc = Document()
    sec = doc.sections[0]
    sec.orientation = WD_ORIENT.LANDSCAPE
    sec.page_width, sec.page_height = sec.page_height, sec.page_width
    doc.add_paragraph("รายงานผลการดำเนินการ")
    table = doc.add_table(rows=rows_, cols=6)
    for i, h in enumerate(HEADERS):
        table.cell(0, i).text = h
    return doc, table


WORD_PDFS = {"merged": DATA / "word-merged.pdf", "norules": DATA / "word-norules.pdf"}


@pytest.fixture(scope="module")
def word_pdfs(tmp_path_factory) -> dict[str, Path]:
    """Two Word tables exported by LibreOffice: a measure cell merged down over three
    activity rows, and a table ruled only around and between its columns.

    The exports are kept in tests/data (LibreOffice is not part of the set-up);
    delete them and run this test with LibreOffice installed to make them again.
    """
    if all(p.exists() for p in WORD_PDFS.values()):
        return WORD_PDFS
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice missing and tests/data/word-*.pdf absent")
    return _export_word_pdfs(tmp_path_factory.mktemp("word"))


def _export_word_pdfs(tmp: Path) -> dict[str, Path]:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    doc, table = _landscape_table(4)
    table.style = "Table Grid"
    table.cell(1, 0).merge(table.cell(3, 0)).text = "๑. มาตรการส่งเสริมคุณธรรม"
    for r in (1, 2, 3):
        for c, text in enumerate([f"{r}. กิจกรรมที่ {r}", "กองคลัง", "ตุลาคม ๒๕๖๗", f"ผลที่ {r}", f"สำเร็จ {r}"], 1):
            table.cell(r, c).text = text
    doc.save(tmp / "merged.docx")

    doc, table = _landscape_table(4)
    borders = OxmlElement("w:tblBorders")
    for side, val in (("top", "single"), ("left", "single"), ("bottom", "single"), ("right", "single"),
                      ("insideH", "nil"), ("insideV", "single")):
        e = OxmlElement(f"w:{side}")
        e.set(qn("w:val"), val)
        e.set(qn("w:sz"), "4")
        borders.append(e)
    table._tbl.tblPr.append(borders)
    for r in (1, 2, 3):
        table.cell(r, 0).text = f"{r}. มาตรการที่ {r} ส่งเสริมคุณธรรมและความโปร่งใสในหน่วยงาน"
        for c, text in enumerate([f"1. กิจกรรมที่ {r}", "กองคลัง", "ตุลาคม ๒๕๖๗", f"ผลที่ {r}", f"สำเร็จ {r}"], 1):
            table.cell(r, c).text = text
    doc.save(tmp / "norules.docx")
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp),
                    str(tmp / "merged.docx"), str(tmp / "norules.docx")], check=True, capture_output=True, timeout=180)
    for name, target in WORD_PDFS.items():
        target.write_bytes((tmp / f"{name}.pdf").read_bytes())
    return WORD_PDFS


def test_measure_cell_merged_down_several_rows_is_one_row(word_pdfs):
    page = read_pdf(word_pdfs["merged"]).pages[0]
    header, body = rows(page)
    assert header.texts[0] == "มาตรการ/กิจกรรม" and len(header.cells) == 6
    assert body.texts[0] == "๑. มาตรการส่งเสริมคุณธรรม"
    assert body.texts[1].split("\n") == ["1. กิจกรรมที่ 1", "2. กิจกรรมที่ 2", "3. กิจกรรมที่ 3"]
    assert body.texts[4].split("\n") == ["ผลที่ 1", "ผลที่ 2", "ผลที่ 3"]  # sub-rows split by their rules
    assert isinstance(page.blocks[0], Line) and page.blocks[0].text == "รายงานผลการดำเนินการ"


def test_rows_without_rules_between_them_are_cut_at_each_measure(word_pdfs):
    got = [r.texts for r in rows(read_pdf(word_pdfs["norules"]).pages[0])]
    assert [squash(t) for t in got[0]] == [squash(h) for h in HEADERS]
    assert [r[0][:2] for r in got[1:]] == ["1.", "2.", "3."]
    assert [r[4] for r in got[1:]] == ["ผลที่ 1", "ผลที่ 2", "ผลที่ 3"]


@pytest.mark.skipif(not (SAMPLES / "trang-pao-2569/report.pdf").exists(), reason="sample not generated")
def test_memo_label_value_wrapping_under_itself_is_one_line():
    lines = [b.text for b in read_pdf(SAMPLES / "trang-pao-2569/report.pdf").pages[0].blocks]
    assert squash(lines[1]) == squash("ส่วนราชการ ฝ่ายนิติการ กองกฎหมายและคดี องค์การบริหารส่วนจังหวัดตรัง")
    assert squash(lines[2]).startswith(squash("ที่ ตง ๕๑๐๐๑/๒๓๕๔"))  # a form line stands alone
    assert squash(lines[3]).endswith(squash("ประจำปีงบประมาณ พ.ศ. ๒๕๖๙"))  # เรื่อง over three lines


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract missing")
def test_image_only_pdf_is_a_scan_and_is_ocrd(tmp_path):
    one = tmp_path / "scan1.pdf"
    subprocess.run(["qpdf", "--empty", "--pages", str(SEEDS / "scan.pdf"), "5", "--", str(one)], check=True)
    import pypdfium2 as pdfium
    pc = read_page(pdfium.PdfDocument(str(one)), 0)
    assert pc.chars == 0 and pc.image_cover > 0.9 and needs_ocr(pc) == "image-only"
    result = read_pdf(one)
    assert result.format == "scan" and result.ocr and result.page_count == 1
    assert result.notes == ["page 1: text layer unusable (image-only), OCR'd"]
    assert "มาตรการ" in squash(" ".join(result.lines()))


@pytest.mark.skipif(not (SAMPLES / "phitsanulok-city-2568/report.pdf").exists(), reason="sample not generated")
def test_cell_merged_down_over_measures_shows_in_each_row_even_across_a_page():
    """phitsanulok-city-2568: one period cell merged over measures ๒–๔, which runs onto page 5."""
    result = read_pdf(SAMPLES / "phitsanulok-city-2568/report.pdf")
    by_measure = {r.cells[0].text[:2]: (p.number, r) for p in result.pages for r in rows(p)
                  if r.cells[0].text[:1] in "๑๒๓๔๕๖๗"}
    periods = {k: squash(r.cells[3].text) for k, (_, r) in by_measure.items()}
    assert periods["๒."] == periods["๓."] == periods["๔."] == squash("ปีงบประมาณ พ.ศ. ๒๕๖๘")
    assert by_measure["๓."][0] != by_measure["๔."][0]  # the merged cell crosses a page break
    assert squash(by_measure["๕."][1].cells[2].text) == squash(by_measure["๖."][1].cells[2].text)
    assert periods["๕."] != periods["๖."]  # a rule broken by the merged cell still ends the row


def test_distiller_text_scaled_from_1pt_type_gets_its_real_size():
    """Adobe Distiller sets 1 pt type and scales the text matrix: sizes must come out ≈ 16 pt."""
    import pypdfium2 as pdfium
    pdf = ROOT.parent / "shared/real-pdfs/06-phichai-moph-ethics-code-pua.pdf"
    if not pdf.exists():
        pytest.skip("../shared/real-pdfs not present (agency files, not republished)")
    pc = read_page(pdfium.PdfDocument(str(pdf)), 0)
    sizes = sorted(c.size for c in pc.clusters)
    assert 14 < sizes[len(sizes) // 2] < 18
    first = read_pdf(pdf).pages[0].blocks[1].text  # a justified paragraph comes out whole
    assert "\uf70b" in first and len(first) > 200  # three visual lines


def test_characters_beyond_the_bmp_keep_their_pairs():
    from extractor.read.pdf.glyphs import _pair_surrogates
    assert _pair_surrogates([0x41, 0xD83D, 0xDE00, 0x42, 0xD800, 0x43]) == ["A", "😀", "", "B", "\ufffd", "C"]
