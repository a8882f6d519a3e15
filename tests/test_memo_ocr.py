"""The memo header from OCR'd lines: labels misread by Tesseract still split the header.

The lines below are Tesseract's own readings of memo headers (the samples' faded
memo page, the real scans in ../shared/real-scans): ``ที่`` read ``ท``/``ที``/``Nl``,
``วันที่`` ``วนท``, ``เรื่อง`` ``เรือง``/``เรอง``, a tone mark alone on a line,
a received stamp's ``วันที่`` in the top corner. They go through the real
document stage (:func:`extractor.document.build_document`) as OCR'd Lines.
"""
from __future__ import annotations

from extractor.document import build_document
from extractor.memo_ocr import canonical_line
from extractor.read.base import Line, Page
from extractor.table import build_table


def _memo(texts: list[tuple[str, tuple[float, float, float, float] | None]], ocr: bool = True,
          width: float = 2480):
    page = Page(1, [Line(t, bbox, 0.9 if ocr else None) for t, bbox in texts], width, 3508)
    doc, _ = build_document([page], build_table([page]))
    return doc.document


def test_misread_labels_become_labels():
    assert canonical_line("Nl นม ๕๒๒๐๑/๔๒๑ วันที่๒๔ สิงหาคม ๒๕๖๙") == "ที่ นม ๕๒๒๐๑/๔๒๑ วันที่ ๒๔ สิงหาคม ๒๕๖๙"
    assert canonical_line("ที มส ๐๖๓๒/๖๒๑ วันที ๑ ธันวาคม ๒๕๖๐") == "ที่ มส ๐๖๓๒/๖๒๑ วันที่ ๑ ธันวาคม ๒๕๖๐"
    assert canonical_line("ท ขก ๕๒๑๐๑/๒๐๔๗ วนท ๓พ.ุย.๖๙") == "ที่ ขก ๕๒๑๐๑/๒๐๔๗ วันที่ ๓พ.ย.๖๙"
    assert canonical_line("เรือง รายงานผล") == "เรื่อง รายงานผล"
    assert canonical_line("เรองรายงานผล") == "เรื่อง รายงานผล"
    assert canonical_line("สวนราชการ งานนิติการ") == "ส่วนราชการ งานนิติการ"
    assert canonical_line("| ที่ มส ๐๖๓๒/๓๒") == "ที่ มส ๐๖๓๒/๓๒"
    assert canonical_line("ที ....................... วันที่ ๓๐ มิถุนายน ๒๕๖๘") == "วันที่ ๓๐ มิถุนายน ๒๕๖๘"
    # not labels: the body heading เรื่องเดิม, a sentence that starts with ที่, a stray mark
    assert canonical_line("เรื่องเดิม") is None
    assert canonical_line("ที่ประชุมมีมติเห็นชอบ") is None
    assert canonical_line("aม a") is None


def test_swallowed_lines_come_apart():
    """The issue's case: without fuzzy labels ที่ / วันที่ / เรื่อง all went into the agency."""
    doc = _memo([
        ("บนทกขอ ความ", (924, 255, 1725, 344)),
        ("สวนราชการ กองคลัง เทศบาลตำบลบ้านใหม่", (380, 416, 2162, 500)),
        ("aม a", (385, 520, 1484, 560)),
        ("Nl นม ๕๒๒๐๑/๔๒๑ วันที่๒๔ สิงหาคม ๒๕๖๙", (376, 600, 1869, 680)),
        ("เรือง รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรม", (360, 720, 2216, 800)),
        ("เรยน นายกเทศมนตรีตำบลบ้านใหม่", (369, 840, 1262, 920)),
        ("ตามที่เทศบาลได้ดำเนินการ", (369, 960, 2000, 1040)),
    ])
    assert (doc.agency, doc.division) == ("เทศบาลตำบลบ้านใหม่", "กองคลัง")
    assert doc.reference == "นม ๕๒๒๐๑/๔๒๑"
    assert doc.date == "2026-08-24"
    assert doc.subject == "รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรม"
    assert doc.addressee == "นายกเทศมนตรีตำบลบ้านใหม่"


def test_date_beside_reference_and_stamp_in_the_corner():
    """วันที่ given by OCR as a line of its own beside ที่ joins it; a received stamp's
    วันที่ in the top-right corner, above ส่วนราชการ, is not the memo's date."""
    doc = _memo([
        ("วิทยาลัยเทคนิคกันทรลักษ์", (1650, 100, 2200, 160)),
        ("วันที่ ๓๐ มิ.ย. ๖๘", (1650, 200, 2200, 260)),
        ("บันทึกข้อความ", (900, 300, 1600, 400)),
        ("ส่วนราชการ สำนักงานสาธารณสุขอำเภอสบเมย", (300, 450, 2100, 520)),
        ("ที มส ๐๖๓๒/๖๗๔", (300, 560, 900, 630)),
        ("วนที ๒๕ ธันวาคม ๒๕๖๐", (1250, 555, 1900, 635)),
        ("เรอง ขออนุมัติแผนปฏิบัติการจัดซื้อจัดจ้าง", (300, 680, 2100, 750)),
        ("เรียน สาธารณสุขอำเภอสบเมย", (300, 800, 1200, 870)),
    ])
    assert doc.reference == "มส ๐๖๓๒/๖๗๔"
    assert doc.date == "2017-12-25"
    assert doc.subject == "ขออนุมัติแผนปฏิบัติการจัดซื้อจัดจ้าง"
    assert doc.agency == "สำนักงานสาธารณสุขอำเภอสบเมย"


def test_text_lines_are_never_rewritten():
    """Born-digital text keeps the exact parser: a misspelt label there is the author's text."""
    doc = _memo([("ส่วนราชการ กองคลัง เทศบาลตำบลบ้านใหม่", None), ("ที นม ๕๒๒๐๑/๔๒๑", None),
                 ("เรือง รายงานผล", None), ("เรียน นายก", None)], ocr=False)
    assert doc.reference is None and doc.subject is None
    assert "นม" in doc.agency  # swallowed, exactly as before


def test_score_line_read_loosely():
    """The ITA score with OCR's spacing and look-alikes, and wrapped onto the next line."""
    from extractor.memo import parse_memo
    m = parse_memo(["จากผลการประเมินคุณธรรมและความโปร่งใส เทศบาลได้คะ แนน ๘๕ .o๐",
                    "คะแนน อยู่ใน ระดับ A ผ่านเกณฑ์"])
    assert (m.ita_score, m.ita_result) == (85.0, "A")


def test_space_inside_a_place_name_closed_before_repair():
    """OCR's "อำเภอสบ เมย" would become "สบ เมย์" (เมย์ is a word); the gazetteer knows สบเมย."""
    from extractor.memo_ocr import join_place_names
    assert join_place_names("เรียน สาธารณสุขอำเภอสบ เมย") == "เรียน สาธารณสุขอำเภอสบเมย"
    assert join_place_names("ได้รับ อนุมัติ") == "ได้รับ อนุมัติ"
    doc = _memo([("ส่วนราชการ สำนักงานสาธารณสุขอำเภอสบ เมย ตำบลแม่สวด อำเภอสบเมย จ.มส.", (300, 450, 2100, 520)),
                 ("เรียน สาธารณสุขอำเภอสบ เมย", (300, 800, 1200, 870))])
    assert (doc.agency, doc.addressee) == ("สำนักงานสาธารณสุขอำเภอสบเมย", "สาธารณสุขอำเภอสบเมย")


def test_date_with_a_stray_character_and_glued_code():
    """The faded sample memo as the engine reads it: "๓ พ.ย." with a ฑ between, "ขก" glued to its number."""
    assert canonical_line("ทขก๕๒๑๐๑/๒๐๔๗ วันที่๓ฑพ.ุย.๖๙") == "ที่ ขก ๕๒๑๐๑/๒๐๔๗ วันที่ ๓พ.ย.๖๙"


def test_reference_label_read_as_latin_letters():
    assert canonical_line("AW ๐๐๓๓.๓๐๑.๐๑/๑๕๒๔ วันที่ ๒๐ พฤศจิกายน ๒๕๖๗") == \
        "ที่ ๐๐๓๓.๓๐๑.๐๑/๑๕๒๔ วันที่ ๒๐ พฤศจิกายน ๒๕๖๗"
    assert canonical_line("A ระดับ") is None  # no reference after it


def test_division_line_run_on_into_the_reference_and_agency_snapped():
    """The rotated sample's memo as the engine reads it: the ที่ line run on into ส่วนราชการ,
    and น้ำโจ้ read นำโจ้ (a mark lost): the gazetteer has exactly one name one glyph away."""
    doc = _memo([("ส่วนราชการ งานนิติการ สำนักปลัดเทศบาล เทศบาลตำบลนำโจ้ทลป ๕๒๑๐๒/๑๔๘ วันที่ ๒๑ ตุลาคม ๒๕๖๗",
                  (300, 450, 2100, 620)),
                 ("เรื่อง รายงานผลการดำเนินการ", (300, 680, 2100, 750)),
                 ("เรียน นายกเทศมนตรีตำบลน้ำโจ้", (300, 800, 1200, 870))])
    assert (doc.agency, doc.division) == ("เทศบาลตำบลน้ำโจ้", "งานนิติการ สำนักปลัดเทศบาล")
    assert (doc.reference, doc.date) == ("ลป ๕๒๑๐๒/๑๔๘", "2024-10-21")
    from extractor.memo_ocr import snap_agency
    assert snap_agency("เทศบาลเมืองศิลา") == "เทศบาลเมืองศิลา"
    assert snap_agency("สำนักงานสาธารณสุขอำเภอสบเมย") == "สำนักงานสาธารณสุขอำเภอสบเมย"


def test_real_scan_agency_lines_as_ocr_gives_them():
    """ส่วนราชการ lines of ../shared/real-scans 03 and 05 as the engine read them."""
    doc = _memo([("ส่วนราชการ สำนักงานสาธารณสุขอำเภอสบเมย ตำบล แม่สวด อำเภอสบเมย จ .มส . โทร ๐-๕๓๖๑-๘๐๗๔",
                  (300, 450, 2100, 520))])
    assert (doc.agency, doc.division) == ("สำนักงานสาธารณสุขอำเภอสบเมย", None)
    doc = _memo([("ส่วนราชการ สำนักงานสาธารณสุขอำเก้อสบเมย ต.แม่สวดอ สบเมย ๕๕==๐1", (300, 450, 2100, 520))])
    assert (doc.agency, doc.division) == ("สำนักงานสาธารณสุขอำเภอสบเมย", None)
    doc = _memo([("ส่วนราชการ สำนักงานสาธารณสุขอำเก้อสบเมย ต.แม่สวดอ สบเมย จ.แม่ฮ่องสอน ===.", (300, 450, 2100, 520))])
    assert (doc.agency, doc.division) == ("สำนักงานสาธารณสุขอำเภอสบเมย", None)
    doc = _memo([("ส่วนราชการ สำนักงานสาธารณสุขอำเภอสบเมย อำเถ่อสบเมยจังหวัดแม่ฮ่องสอน", (300, 450, 2100, 520)),
                 ("ทมส ๐๐๓๒.๐๐๙/๐๘๐ วันที่ ๑๕ จันวาคม ๒๕๖๐", (300, 560, 2100, 630))])
    assert (doc.agency, doc.reference, doc.date) == ("สำนักงานสาธารณสุขอำเภอสบเมย", "มส ๐๐๓๒.๐๐๙/๐๘๐", "2017-12-15")
