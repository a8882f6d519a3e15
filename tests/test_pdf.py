"""The born-digital PDF reader on real PDFs: rows, headers, page numbers, marks, bad input.

Inputs are the seed report exported from LibreOffice (ruled landscape table over 11
pages after a 3-page memo), the team's generated samples, and broken copies of the
seed made here with qpdf and pypdfium2.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from extractor.errors import UnusableInput
from extractor.options import DEFAULT, ExtractOptions
from extractor.read import read
from extractor.read.base import Line, Row
from extractor.read.pdf.reader import read_pdf
from extractor.text.items import starts_item

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "tests" / "data" / "seed.pdf"  # the seed report (tests/data/README.md)
HEADERS = ["มาตรการ/กิจกรรม", "วิธีการดำเนินการ", "ผู้รับผิดชอบ", "ระยะเวลาดำเนินการ",
           "สรุปผลการดำเนินการ", "ผลลัพธ์หรือความสำเร็จของการดำเนินการ"]


def squash(text: str) -> str:
    """Compare the way score.py does: NFC, no whitespace, sara am rebuilt."""
    return unicodedata.normalize("NFC", re.sub(r"\s+", "", text).replace("\u0e4d\u0e32", "\u0e33"))


def rows(page) -> list[Row]:
    return [b for b in page.blocks if isinstance(b, Row)]


@pytest.fixture(scope="module")
def seed():
    return read_pdf(SEED)


# ---------------------------------------------------------------- the seed, page by page
def test_seed_pages_numbered_and_sized(seed):
    assert seed.format == "pdf" and not seed.ocr and seed.notes == []
    assert seed.page_count == 14 == len(seed.pages)
    assert [p.number for p in seed.pages] == list(range(1, 15))
    assert seed.pages[0].width < seed.pages[0].height  # memo portrait
    assert seed.pages[3].width > seed.pages[3].height  # table landscape


def test_header_row_on_every_table_page(seed):
    for page in seed.pages[3:]:
        first = rows(page)[0]
        assert [squash(t) for t in first.texts] == [squash(h) for h in HEADERS], page.number
    assert not any(rows(p) for p in seed.pages[:3])  # the memo has no table


def test_five_measures_start_where_the_page_shows_them(seed):
    starts = [(p.number, r.cells[0].text) for p in seed.pages for r in rows(p)[1:]
              if starts_item(r.cells[0].text)]
    assert [n for n, _ in starts] == [4, 7, 8, 9, 11]
    assert [t[0] for _, t in starts] == list("๑๒๓๔๕")
    assert squash(starts[0][1]).startswith("๑.กิจกรรมการยกย่องเชิดชูเกียรติพนักงานส่วนตำบล")


def test_rows_have_six_cells_with_boxes_inside_the_page(seed):
    for page in seed.pages[3:]:
        for r in rows(page):
            assert len(r.cells) == 6
            xs = [c.bbox[0] for c in r.cells]
            assert xs == sorted(xs)
            for c in r.cells:
                x0, top, x1, bottom = c.bbox
                assert 0 <= x0 < x1 <= page.width and 0 <= top < bottom <= page.height


def test_row_straddling_a_page_break_keeps_empty_first_cell(seed):
    p6 = rows(seed.pages[5])
    assert p6[1].cells[0].text == ""  # measure 1 still running on page 6
    assert p6[1].cells[1].text or p6[1].cells[4].text
    p5 = rows(seed.pages[4])[1]  # its measure name itself wrapped onto page 5
    assert squash(p5.cells[0].text).startswith("หินเหล็กไฟผู้มีคุณธรรม")


def test_numbered_items_become_paragraphs_and_wraps_join(seed):
    methods = rows(seed.pages[4])[1].cells[1].text.split("\n")
    assert [m[:2] for m in methods[1:]] == ["๒.", "๓."]
    assert squash(methods[1]) == squash("๒. ประชาสัมพันธ์โครงการให้พนักงานส่วนท้องถิ่นและพนักงานจ้างทราบ")
    assert "  " not in rows(seed.pages[4])[1].cells[1].text


def test_tone_marks_stay_on_their_letters(seed):
    text = unicodedata.normalize("NFC", "\n".join(seed.lines()))
    assert "เพื่อ" in text and "ผู้รับผิดชอบ" in text and "ตั้ง" in text
    assert not re.search(r"[\u0e48-\u0e4b][\u0e34-\u0e37]", text)  # tone before its vowel
    assert not re.search(r"\s[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]", text)  # a mark cut from its letter


def test_memo_lines_are_whole_paragraphs(seed):
    lines = [b.text for b in seed.pages[0].blocks if isinstance(b, Line)]
    assert lines[0] == "บันทึกข้อความ"
    assert squash(lines[1]) == squash("ส่วนราชการ งานนิติการ สำนักปลัด องค์การบริหารส่วนตำบลหินเหล็กไฟ")
    assert any(squash(t).startswith("ที่ปข๗๕๐๐๑/๓๘๙วันที่๕มีนาคม๒๕๖๙") for t in lines)
    page3 = [b.text for b in seed.pages[2].blocks]
    assert "(นางจีราพร รอดภัย)" in page3  # a signatory's name stands alone …
    assert squash(page3[page3.index("(นางจีราพร รอดภัย)") + 1]) == squash("ปลัดองค์การบริหารส่วนตำบลหินเหล็กไฟ")


def test_score_line_is_one_block_before_the_table(seed):
    page4 = seed.pages[3].blocks
    score = [i for i, b in enumerate(page4) if isinstance(b, Line) and "๙๕.๓๓" in b.text]
    assert score and score[0] < page4.index(rows(seed.pages[3])[0])
    assert "ประเมินคุณธรรม" in squash(page4[score[0]].text)


# ---------------------------------------------------------------- turned pages
def test_page_turned_by_rotate_reads_the_same(tmp_path, seed):
    out = tmp_path / "rot.pdf"
    subprocess.run(["qpdf", str(SEED), "--rotate=+90:1", "--rotate=+180:4", "--", str(out)], check=True)
    turned = read_pdf(out)
    assert [r.texts for r in rows(turned.pages[3])] == [r.texts for r in rows(seed.pages[3])]
    assert turned.pages[0].blocks[0].text == "บันทึกข้อความ"


def test_landscape_table_drawn_turned_on_portrait_page(tmp_path, seed):
    src, dst = pdfium.PdfDocument(str(SEED)), pdfium.PdfDocument.new()
    obj = src.page_as_xobject(3, dst).as_pageobject()
    obj.transform(pdfium.PdfMatrix().rotate(90, ccw=True).translate(595.3, 0))
    page = dst.new_page(595.3, 841.9)
    page.insert_obj(obj)
    page.gen_content()
    page.set_rotation(90)
    dst.save(tmp_path / "turned.pdf")
    turned = read_pdf(tmp_path / "turned.pdf")
    assert turned.pages[0].width > turned.pages[0].height
    assert [r.texts for r in rows(turned.pages[0])] == [r.texts for r in rows(seed.pages[3])]


# ---------------------------------------------------------------- generated samples
SAMPLES = ROOT / "samples"


@pytest.mark.skipif(not (SAMPLES / "banchang-2566/report.pdf").exists(), reason="sample not generated")
def test_table_without_ruling_lines_reads_six_columns():
    """banchang-2566: a landscape table with no ruling lines, header repeated on each page."""
    import json
    expected = json.loads((SAMPLES / "banchang-2566/expected.json").read_text(encoding="utf-8"))
    result = read_pdf(SAMPLES / "banchang-2566/report.pdf")
    table_pages = [p for p in result.pages if rows(p)]
    assert len(table_pages) >= 2
    assert [p.number for p in table_pages] == list(range(table_pages[0].number, result.page_count + 1))
    for p in table_pages:
        header = rows(p)[0]
        assert len(header.cells) == 6 and squash(header.cells[1].text) == squash("วิธีการดำเนินการ")
    body = [r for p in table_pages for r in rows(p)[1:]]
    assert all(len(r.cells) == 6 for r in body)
    numbered = [r.cells[0].text.split(".")[0] for r in body if starts_item(r.cells[0].text)]
    assert numbered == [str(m["number"]) for m in expected["measures"]]
    # a measure running across a page break: the next page's first row continues it
    assert any(not starts_item(rows(p)[1].cells[0].text) for p in table_pages[1:] if len(rows(p)) > 1)


# ---------------------------------------------------------------- mixed text + scanned pages
SCAN = ROOT / "samples" / "hinlekfai-2568" / "scan.pdf"  # the seed's office scan


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract missing")
def test_scanned_page_inside_a_text_pdf_is_ocrd(tmp_path):
    scan = SCAN
    mixed = tmp_path / "mixed.pdf"
    subprocess.run(["qpdf", "--empty", "--pages", str(SEED), "1", str(scan), "5", "--", str(mixed)], check=True)
    result = read_pdf(mixed)
    assert result.format == "pdf" and result.ocr and result.page_count == 2
    assert result.notes == ["page 2: text layer unusable (image-only), OCR'd"]
    assert result.pages[0].blocks[0].text == "บันทึกข้อความ"
    ocr_text = squash(" ".join(result.lines()[-30:]))
    assert "มาตรการ" in ocr_text or "ประชาชน" in ocr_text
    assert result.pages[1].number == 2


# ---------------------------------------------------------------- bad input
def _refused(path: Path, options: ExtractOptions = DEFAULT) -> str:
    with pytest.raises(UnusableInput) as e:
        read(path, options)
    return str(e.value)


def test_encrypted_pdf_is_refused(tmp_path):
    out = tmp_path / "enc.pdf"
    subprocess.run(["qpdf", "--encrypt", "secret", "owner", "256", "--", str(SEED), str(out)], check=True)
    assert "เข้ารหัส" in _refused(out) and "encrypted" in _refused(out)


def test_pdf_with_only_an_owner_password_is_read(tmp_path):
    out = tmp_path / "owner.pdf"
    subprocess.run(["qpdf", "--encrypt", "", "owner", "256", "--", str(SEED), str(out)], check=True)
    assert read(out).page_count == 14


@pytest.mark.parametrize("keep", [3000, 30000])
def test_truncated_pdf_is_refused(tmp_path, keep):
    out = tmp_path / "cut.pdf"
    out.write_bytes(SEED.read_bytes()[:keep])
    assert "เสียหาย" in _refused(out) and "damaged or truncated" in _refused(out)


def test_pdf_without_pages_is_refused(tmp_path):
    out = tmp_path / "empty.pdf"
    subprocess.run(["qpdf", "--empty", str(out)], check=True)
    assert "ไม่มีหน้า" in _refused(out) and "no pages" in _refused(out)


def test_page_limit_from_the_options():
    def limit(n: int) -> ExtractOptions:
        return DEFAULT.replace(limits=DEFAULT.limits.with_overrides(max_pages=n))
    assert "เกินขีดจำกัด 10 หน้า" in _refused(SEED, limit(10)) and "14 pages" in _refused(SEED, limit(10))
    assert read(SEED, limit(14)).page_count == 14


def test_cli_exits_2_with_thai_reason_and_no_traceback(tmp_path):
    out = tmp_path / "enc.pdf"
    subprocess.run(["qpdf", "--encrypt", "secret", "owner", "256", "--", str(SEED), str(out)], check=True)
    p = subprocess.run([sys.executable, "cli.py", "extract", str(out), "-o", "-"], cwd=ROOT,
                       capture_output=True, text=True, timeout=120)
    assert p.returncode == 2
    assert "เข้ารหัส" in p.stderr and "Traceback" not in p.stderr


# ---------------------------------------------------------------- item labels
@pytest.mark.parametrize("text,item", [
    ("๑. แต่งตั้ง", True), ("1.แต่งตั้ง", True), ("(2) จัดทำ", True), ("1.2 ประชุม", True), ("ก. ข้อ", True),
    ("• ข้อ", True), ("๙๕.๓๓ คะแนน", False), ("๓๐ กันยายน ๒๕๖๘", False), ("๒๕๖๘)", False),
    ("พ.ศ. ๒๕๖๘", False), ("– ๓๑ สิงหาคม", False),
])
def test_item_labels(text, item):
    assert starts_item(text) is item
