"""known-typo and repeated-phrase: word-boundary aware, on realistic officialese."""
from __future__ import annotations

import pytest
from pythainlp.corpus import thai_words
from test_rules_support import check, clean_municipality, loud, with_change

from extractor.rules.config import load
from extractor.rules.repeats import find_repeats
from extractor.rules.typos import find_typos

LEXICON = load()["typos"]
# misspellings that pythainlp's word list happens to carry (the Royal Institute spells them as mapped)
IN_PYTHAINLP = {"บุคคลิกภาพ", "เวปไซต์", "โอกาศ", "อานิสงค์", "สัมนา"}


def typos(text: str) -> list[tuple[str, str]]:
    return list(find_typos(text, LEXICON))


# ---------------------------------------------------------------- the lexicon itself
def test_lexicon_entries_are_misspellings_not_words():
    words = thai_words()
    wrong_valid = [w for w in LEXICON if w in words and w not in IN_PYTHAINLP]
    assert wrong_valid == []
    assert len(LEXICON) >= 50
    assert all(w != r for w, r in LEXICON.items())


def test_corrections_are_themselves_clean():
    assert [(r, typos(r)) for r in set(LEXICON.values()) if typos(r)] == []


# ---------------------------------------------------------------- known-typo
@pytest.mark.parametrize("text, expected", [
    ("๑. จัดทำ OR Code ณ จุดบริการต่างๆ", [("OR Code", "QR Code")]),
    ("ปฏิบัติตามกฏหมายและกฏระเบียบที่เกี่ยวข้อง", [("กฏหมาย", "กฎหมาย"), ("กฏระเบียบ", "กฎระเบียบ")]),
    ("ผู้บริหารประกาศเจตนารมย์ต่อต้านการทุจริต", [("เจตนารมย์", "เจตนารมณ์")]),
    ("ขออนุญาติเผยแพร่ข้อมูลบนเว็บไซด์", [("อนุญาติ", "อนุญาต"), ("เว็บไซด์", "เว็บไซต์")]),
    ("การปฎิบัติงานของบุคคลากรมีประสิทธิ์ภาพ", [("ปฎิบัติ", "ปฏิบัติ"), ("บุคคลากร", "บุคลากร"),
                                             ("ประสิทธิ์ภาพ", "ประสิทธิภาพ")]),
    ("ดำเนินการตามมาตราการป้องกันการทุจริต", [("มาตราการ", "มาตรการ")]),
    ("scan the or code", [("or code", "QR Code")]),
])
def test_typos_are_found(text, expected):
    assert typos(text) == expected


@pytest.mark.parametrize("text", [
    "ประชาสัมพันธ์ QR Code ณ จุดบริการ",            # the right spelling
    "เกิดเหตุการณ์ขึ้นในพื้นที่",                       # no entry inside a longer word
    "มาตรา ๕๗ แห่งพระราชบัญญัติ และมาตรการป้องกัน",   # มาตรา is a word; มาตรการ is right
    "ประชาสัมพันธ์ผ่านเว็บไซต์ ผลสัมฤทธิ์ ผลลัพธ์ อนุมัติ",  # prefixes of right words (ผลลัพธ of ผลลัพธ์)
    "MORE Codes, FOR Code-switching",               # Latin: whole words only
    "ได้รับอนุญาตให้ดำเนินการ ตามกฎหมาย",
])
def test_valid_text_has_no_typos(text):
    assert typos(text) == []


def test_known_typo_findings_locate_the_cell():
    rep, memo = with_change(clean_municipality(), lambda r, m: r["measures"][1]["summary"].append(
        "จัดอบรมตามกฏหมายว่าด้วยข้อมูลข่าวสารของราชการ"))
    got = [f for f in check(rep, memo) if f["rule"] == "known-typo"]
    assert [(f["severity"], f["measure"], f["field"], f["text"], f["suggestion"]) for f in got] == [
        ("error", 2, "summary", "กฏหมาย", "กฎหมาย")]


def test_user_lexicon_adds_and_removes(tmp_path):
    extra = tmp_path / "more.yaml"
    extra.write_text('typos:\n  "ตรวจสอบบ": "ตรวจสอบ"\n  "กฏหมาย": null\n', encoding="utf-8")
    rep, memo = with_change(clean_municipality(), lambda r, m: r["measures"][3]["summary"].append(
        "ตรวจสอบบช่องทางตามกฏหมาย"))
    got = [(f["text"], f["suggestion"]) for f in check(rep, memo, rules_files=[extra]) if f["rule"] == "known-typo"]
    assert got == [("ตรวจสอบบ", "ตรวจสอบ")]


# ---------------------------------------------------------------- repeated-phrase
@pytest.mark.parametrize("text, expected", [
    ("ตามแบบวัดการเปิดเผยข้อมูลการเปิดเผยข้อมูลสาธารณะ (OIT)",
     [("การเปิดเผยข้อมูลการเปิดเผยข้อมูล", "การเปิดเผยข้อมูล")]),
    ("ประชาสัมพันธ์ประชาสัมพันธ์ผ่านเว็บไซต์", [("ประชาสัมพันธ์ประชาสัมพันธ์", "ประชาสัมพันธ์")]),
    ("จัดอบรมให้แก่บุคลากร บุคลากร ของเทศบาล", [("บุคลากร บุคลากร", "บุคลากร")]),
    ("เทศบาลตำบลบางพระเทศบาลตำบลบางพระ", [("เทศบาลตำบลบางพระเทศบาลตำบลบางพระ", "เทศบาลตำบลบางพระ")]),
    ("via the the website", []),  # three letters: below min_letters
    ("through the website website", [("website website", "website")]),
])
def test_repeats_are_found(text, expected):
    assert list(find_repeats(text)) == expected


@pytest.mark.parametrize("text", [
    "เผยแพร่ผ่านช่องทางต่างๆ ทั้งนี้ นานาประการ นาๆ ชนิด",   # ไม้ยมก and dictionary reduplication
    "ดำเนินการเร็วเร็ว ดีดี ที่ที่ประชุมกำหนด",                 # short reduplication
    "ข่าวสารการจัดโครงการ/กิจกรรม ข่าวสารหน่วยงาน การบริหารงาน",  # list-like text, not adjacent
    "ครั้งที่ ๑/๒๕๖๗ ครั้งที่ ๒/๒๕๖๗",                          # numbered meetings
    "๑๒๑๒ ๒๕๖๗ ๒๕๖๗",                                       # digits
    "สำนักงานสาธารณสุขอำเภอหนองใหญ่ อำเภอหนองใหญ่ จังหวัดชลบุรี",  # a name ending in a place, then the address
    "ที่ทำการองค์การบริหารส่วนตำบลหินเหล็กไฟ ตำบลหินเหล็กไฟ อำเภอหัวหิน",
])
def test_legitimate_doubling_is_left_alone(text):
    assert list(find_repeats(text)) == []


def test_repeated_phrase_in_memo_is_a_warning_without_measure():
    rep, memo = with_change(clean_municipality(), lambda r, m: m.insert(
        7, ("ตามแบบวัดการเปิดเผยข้อมูลการเปิดเผยข้อมูลสาธารณะ", 1)))
    got = [f for f in loud(check(rep, memo))]
    assert [(f["rule"], f["severity"], f["measure"], f["page"], f["suggestion"]) for f in got] == [
        ("repeated-phrase", "warning", None, 1, "การเปิดเผยข้อมูล")]


def test_cells_of_a_flattened_table_are_not_one_phrase():
    assert list(find_repeats("ระดับการฝึกอบรม\tการฝึกอบรมในสถานที่ของทางราชการ")) == []
