"""Dictionary-guided repair of Thai PDF damage: each damage kind, on text taken from real PDFs.

Every damaged example below is a line (or part of one) that pdfplumber returns
for a file in ../shared/real-pdfs/; the file is named beside it. The other half
of the contract matters as much: clean text, names the dictionary does not
know, and the report's own typos must come through untouched.
"""
from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from extractor.text.repair import PLACEHOLDER, canonical_order, fill_placeholders, join_split_am, repair_chunk, repair_damage, segment
from extractor.text.normalize import normalize

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "samples" / "hinlekfai-2568"  # the seed case


@pytest.mark.parametrize("damaged, clean", [
    ("ส านักงานสาธารณสุขอ าเภอหนองใหญ่", "สำนักงานสาธารณสุขอำเภอหนองใหญ่"),  # 15, Word → TH SarabunIT๙
    ("ด าเนินการ", "ดำเนินการ"),
    ("น้ าท่วม", "น้ำท่วม"),                         # the tone stays before ำ
    ("ระดับต่ ากว่าค่าเป้าหมาย", "ระดับต่ำกว่าค่าเป้าหมาย"),  # 07
    ("ยตามเกณฑ์ ๒ น าที", "ยตามเกณฑ์ ๒ นาที"),       # 04: here the space split า, not ำ
])
def test_sara_am_lost_to_a_space(damaged, clean):
    assert repair_damage(damaged) == clean


def test_sara_am_lost_with_the_gap_after_aa():
    assert repair_damage("ในใบงบเงินประจา วนั") == "ในใบงบเงินประจำวัน"  # 04
    assert repair_damage("งบประมาณจากสา นกั งานปลดั กระทรวง") == "งบประมาณจากสำนักงานปลัดกระทรวง"  # 01
    assert repair_damage("เป็นเวลา นาน") == "เป็นเวลา นาน"  # a real space after า stays


@pytest.mark.parametrize("damaged, clean", [
    ("บนัทกึจา่ย", "บันทึกจ่าย"),        # 01: marks one letter too far right
    ("การจดัซือ้จดัจ้าง", "การจัดซื้อจัดจ้าง"),
    ("เพื่อให้ผปู้่วยได้รับ", "เพื่อให้ผู้ป่วยได้รับ"),  # 04: a two-mark cluster moves as one
    ("ที่ไมต่้อง", "ที่ไม่ต้อง"),
    ("หากเหน็ชอบ", "หากเห็นชอบ"),       # 17
    ("งานบริหารทัว่ไป", "งานบริหารทั่วไป"),
    ("ข(cid:202)ึนของผูสู้งอายุ", "ขึ้นของผู้สูงอายุ"),  # 10: the cluster's last mark moves
    ("ตั้งแตว่ันที่", "ตั้งแต่วันที่"),    # 08: the tone left its consonant for the next one's vowel
    ("ฝึกอบรมที่ไมจ่ัดอาหาร", "ฝึกอบรมที่ไม่จัดอาหาร"),
])
def test_marks_one_letter_too_far_right(damaged, clean):
    assert repair_damage(damaged) == clean


@pytest.mark.parametrize("damaged, clean", [
    ("ปฏบิ ตั ติ ามกฎหมาย", "ปฏิบัติตามกฎหมาย"),      # 10: the damage cascades through the word
    ("นายกรฐั มนตร ี", "นายกรัฐมนตรี"),              # 07
    ("วตั ถปุ ระสงค ์", "วัตถุประสงค์"),               # 10
    ("การวเิคราะห ์ สงั เคราะห์", "การวิเคราะห์ สังเคราะห์"),  # 10: a real space stays
])
def test_marks_pushed_right_with_a_space_after_them(damaged, clean):
    assert normalize(damaged) == clean


def test_every_aa_read_as_sara_am_powerpoint():
    # 05: PowerPoint 2013 export; the real ำ of อำนวย survives as "อ ำ"
    assert repair_damage("ผู้อ ำนวยกำรโรงพยำบำลพิชัย") == "ผู้อำนวยการโรงพยาบาลพิชัย"
    assert repair_damage("นำยแพทย์เชี่ยวชำญ") == "นายแพทย์เชี่ยวชาญ"


def test_sara_am_lost_to_aa_without_a_space():
    assert repair_damage("มุ่งเน้นการดาเนินงาน") == "มุ่งเน้นการดำเนินงาน"  # 07


def test_marks_the_text_layer_lost():
    # 03, first pages: the font has no ToUnicode entry for tone marks
    assert repair_damage("ของหนวยงานภาครัฐ") == "ของหน่วยงานภาครัฐ"
    assert repair_damage("ใหเปนที่ประจักษ") == "ให้เป็นที่ประจักษ"


def test_order_of_marks():
    assert canonical_order("ก\u0e48\u0e34ง") == "กิ่ง"        # tone typed before the vowel
    assert canonical_order("จา\u0e48ย") == "จ่าย"             # tone after sara aa
    assert canonical_order("ท\u0e32\u0e4dให้") == "ทำให้"      # reversed nikhahit + aa (10)
    assert normalize("จาํ แนกตามกจิ กรรม") == "จำแนกตามกิจกรรม"


def test_glyphs_without_unicode():
    assert fill_placeholders("ประจ\ufffdาปีงบประมาณ") == "ประจำปีงบประมาณ"  # 10
    assert repair_damage("ส\ufffdานักงบประมาณ") == "สำนักงบประมาณ"
    assert repair_damage("ผลผลติ ท(cid:201) ี1") == "ผลผลิต ที่1"
    # one (cid:N) is one glyph: its occurrences in a line vote together
    assert repair_damage("รวมทง(cid:202)ัส(cid:202)นิ") == "รวมทั้งสิ้น"
    assert repair_damage("จำแนกดงัน(cid:202)ี") == "จำแนกดังนี้"
    assert repair_damage("Total (cid:3) cases") == "Total  cases"  # no Thai around: just dropped


def test_unmapped_glyphs_that_pdfium_shows_as_latin_letters():
    # 10 through pypdfium2: the glyphs pdfplumber shows as (cid:201)/(cid:202) come out as É/Ê
    assert normalize("มีความเชืÉอมันÉ ในการค้า มีกลไกและเครืÉองมือ") == "มีความเชื่อมั่น ในการค้า มีกลไกและเครื่องมือ"
    assert normalize("7.2 แผนงานพÊืนฐานด้านการปรบัสมดุล") == "7.2 แผนงานพื้นฐานด้านการปรับสมดุล"
    assert repair_damage("Café ของไทย กาแฟ Café") == "Café ของไทย กาแฟ Café"  # real Latin text stays


def test_split_am_decides_by_dictionary():
    assert join_split_am("ส านัก") == "สำนัก"
    assert join_split_am("น าที") == "นาที"


CLEAN = [
    "องค์การบริหารส่วนตำบลหินเหล็กไฟ", "ผลลัพธ์ ที่ดี และมีความมั่นคง",
    "ข้อ (ก) และ (ข)", "ค่าธรรมเนียมวีซ่า ปาปัวนิวกีนี สาธารณรัฐคีร์กิซ สหรัฐอาหรับอิมิเรตส์",
    "นางสาววรินทร์เวช อภิสุทธิพงษากุล", "นายจักริน จิตรโกติน", "ต่าง ๆ", "ดังนี้ ๑) ๒)",
    # the report's own typos are findings, never silently fixed
    "สำนักงานสาธารณะสุขอำเภอคอนสวรรค์", "นายกองการบริหารส่วนตำบลหินเหล็กไฟ",
    "องค์กรปกครองส่วนตำบลหินเหล็กไฟ", "จัดทำ OR Code ณ จุดบริการ",
    "การเปิดเผยข้อมูลการเปิดเผยข้อมูลสาธารณะ",
]


@pytest.mark.parametrize("text", CLEAN)
def test_clean_text_names_and_typos_are_left_alone(text):
    assert repair_damage(text) == text


def _strings(obj):
    if isinstance(obj, str):
        yield obj
    elif isinstance(obj, dict):
        for v in obj.values():
            yield from _strings(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from _strings(v)


def test_the_seed_report_comes_through_unchanged():
    expected = SEEDS / "expected.json"
    text = SEEDS / "report.txt"
    lines = list(_strings(json.loads(expected.read_text(encoding="utf-8"))))
    lines += text.read_text(encoding="utf-8").split("\n")
    changed = [ln for ln in lines if repair_damage(ln) != ln]
    assert changed == []


@pytest.mark.parametrize("damaged", ["ส านักงาน", "บนัทกึจา่ย", "ปฏบิ ตั ติ าม", "ผู้อ ำนวยกำร",
                                     "ประจ\ufffdาปี", "ท(cid:201)ี"])
def test_idempotent(damaged):
    once = repair_damage(damaged)
    assert repair_damage(once) == once


WORDS = ["การ", "ดำเนินการ", "หน่วยงาน", "ประชาชน", "ความโปร่งใส", "คุณธรรม", "งบประมาณ",
         "ที่", "และ", "เพื่อ", "ส่งเสริม", "ผู้รับผิดชอบ", "ปีงบประมาณ", "จัดซื้อจัดจ้าง", "ตำบล",
         "สำนักงาน", "ให้", "เป็น", "ข้อมูล", "ร้องเรียน", "สาธารณะ", "อำเภอ", "กิจกรรม", "๒๕๖๘"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=8), st.sampled_from([" ", ""]))
def test_clean_word_sequences_are_fixed_points(words, sep):
    text = sep.join(words)
    assert repair_damage(text) == text


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("กขงจดตนบปมยรลวสหอะาำิีึืุู่้๊๋์ัเแโใไ็ํ (cid:1)\ufffd\n")), max_size=40))
def test_any_text_comes_back_as_text(text):
    out = repair_damage(text)
    assert isinstance(out, str) and out.count("\n") == text.count("\n")
    assert not PLACEHOLDER.search(out)


def test_dictionary_cost_prefers_few_long_words():
    assert segment("การแพทย์")[0] < segment("กำรแพทย์")[0]
    assert segment("กำรแพทย์")[1] == (2,)  # the stray ร
    assert repair_chunk("ก") == "ก"  # a lone letter is a list marker, not a broken word


def test_a_damaged_page_repairs_fast():
    base = ["ส านักงานสาธารณสุขอ าเภอ", "บนัทกึจา่ยเงิน", "ปฏบิ ตั ติ ามกฎหมาย", "ผู้อ ำนวยกำร",
            "วตั ถปุ ระสงค ์", "รวมทง(cid:202)ัส(cid:202)นิ", "การจดัซือ้จดัจ้าง", "ของหนวยงาน"]
    lines = [f"{b} ข้อ {i}" for i in range(60) for b in base]  # 480 distinct lines (no cache hits)
    start = time.process_time()
    out = [repair_damage(ln) for ln in lines]
    assert time.process_time() - start < 10
    assert out[0] == "สำนักงานสาธารณสุขอำเภอ ข้อ 0"
