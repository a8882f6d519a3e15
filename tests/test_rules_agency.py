"""agency-mismatch and agency-name on reports of several agency types (not only the seed)."""
from __future__ import annotations

from test_rules_support import check, clean_municipality, loud, report, with_change

from extractor.rules.agency import find_mentions, forms
from extractor.rules.config import load


def _of(findings, rule, *, info=False):
    return [f for f in findings if f["rule"] == rule and (info or f["severity"] != "info")]


def _put(measure_no: int, field: str, text: str):
    def change(rep, memo):
        rep["measures"][measure_no - 1][field].append(text)
    return change


# ---------------------------------------------------------------- agency-mismatch
def test_other_tambon_copied_into_a_municipality_report_is_an_error():
    rep, memo = with_change(clean_municipality(), _put(1, "outcomes",
                            "ประชาชนเข้าถึงข้อมูลข่าวสารขององค์การบริหารส่วนตำบลหนองตาแต้มได้มากขึ้น"))
    got = _of(check(rep, memo), "agency-mismatch")
    assert [(f["severity"], f["measure"], f["field"], f["text"], f["suggestion"]) for f in got] == [
        ("error", 1, "outcomes", "องค์การบริหารส่วนตำบลหนองตาแต้ม", "เทศบาลตำบลบางพระ")]
    assert got[0]["page"] == 3


def test_abbreviated_other_agency_with_and_without_space():
    rep, memo = with_change(clean_municipality(), _put(4, "summary",
                            "เจ้าหน้าที่ของ ทต.ท่าข้าม และ อบต. หนองปรือ รับเรื่องร้องเรียนทุกวันทำการ"))
    got = _of(check(rep, memo), "agency-mismatch")
    assert [(f["text"], f["suggestion"]) for f in got] == [
        ("ทต.ท่าข้าม", "ทต.บางพระ"), ("อบต. หนองปรือ", "ทต.บางพระ")]


def test_other_municipality_in_the_memo_has_no_measure():
    rep, memo = with_change(clean_municipality(), lambda r, m: m.insert(
        8, ("จึงขอเสนอรายงานของเทศบาลเมืองศรีราชา เพื่อเผยแพร่ต่อไป", 1)))
    got = _of(check(rep, memo), "agency-mismatch")
    assert [(f["measure"], f["field"], f["page"], f["text"]) for f in got] == [(None, None, 1, "เทศบาลเมืองศรีราชา")]


def test_generic_mentions_of_own_agency_are_not_flagged():
    text = ("พนักงานเทศบาลตำบลทุกคน ร่วมกับ อบต. และเทศบาลในอำเภอ ประชาชนในตำบลบางพระ "
            "สำนักปลัดเทศบาลตำบล ทต.บางพระ เทศบาลตำบล บางพระ")
    rep, memo = with_change(clean_municipality(), _put(2, "outcomes", text))
    assert _of(check(rep, memo), "agency-mismatch") == []


def test_a_name_must_end_at_a_word_boundary():
    fs = forms(load())
    # "ปง" and "บก" are gazetteer names, but here they start longer words
    assert [m.name for m in find_mentions("องค์การบริหารส่วนตำบลปงบประมาณ อบต.บกพร่อง", fs)] == []
    assert [m.name for m in find_mentions("องค์การบริหารส่วนตำบลหนองตาแต้มได้มากขึ้น", fs)] == ["หนองตาแต้ม"]


def test_own_name_under_another_type_is_a_warning():
    rep, memo = with_change(clean_municipality(), _put(1, "summary",
                            "ส่งรายงานให้องค์การบริหารส่วนตำบลบางพระ"))
    got = _of(check(rep, memo), "agency-mismatch")
    assert [(f["severity"], f["text"]) for f in got] == [("warning", "องค์การบริหารส่วนตำบลบางพระ")]


def test_province_level_agency_is_info_only():
    rep, memo = clean_municipality()  # measure 3 mentions องค์การบริหารส่วนจังหวัดชลบุรี (a subsidy)
    got = _of(check(rep, memo), "agency-mismatch", info=True)
    assert [(f["severity"], f["text"], f["suggestion"]) for f in got] == [
        ("info", "องค์การบริหารส่วนจังหวัดชลบุรี", None)]


def test_provincial_report_flags_another_province():
    doc = {"agency": "องค์การบริหารส่วนจังหวัดเชียงราย", "date": "2023-12-01", "fiscal_year": 2566,
           "addressee": "นายกองค์การบริหารส่วนจังหวัดเชียงราย"}
    m = {"number": 1, "measure": "มาตรการเผยแพร่ข้อมูล", "methods": ["เผยแพร่ข้อมูล"], "responsible": ["สำนักปลัด"],
         "period": {"text": "ปีงบประมาณ ๒๕๖๖", "start": "2022-10-01", "end": "2023-09-30"},
         "summary": ["เผยแพร่ข้อมูลบนเว็บไซต์ขององค์การบริหารส่วนจังหวัดพะเยา ครบถ้วน"],
         "outcomes": ["ประชาชนในจังหวัดเชียงรายเข้าถึงข้อมูล"], "pages": None}
    got = _of(check(report(doc, [m]), []), "agency-mismatch")
    assert [(f["severity"], f["text"], f["suggestion"]) for f in got] == [
        ("error", "องค์การบริหารส่วนจังหวัดพะเยา", "องค์การบริหารส่วนจังหวัดเชียงราย")]


def test_own_agency_is_inferred_when_the_field_is_missing():
    rep, memo = with_change(clean_municipality(), lambda r, m: (
        r["document"].update(agency=None), r["measures"][0]["outcomes"].append("ขององค์การบริหารส่วนตำบลหนองตาแต้ม")))
    got = _of(check(rep, memo), "agency-mismatch")
    assert [(f["text"], f["suggestion"]) for f in got] == [("องค์การบริหารส่วนตำบลหนองตาแต้ม", "เทศบาลตำบลบางพระ")]


def test_agency_rules_skip_reports_of_non_local_agencies():
    rep, memo = with_change(clean_municipality(), lambda r, m: (
        r["document"].update(agency="โรงพยาบาลพิชัย"), r["measures"][0]["outcomes"].append("ร่วมกับเทศบาลตำบลท่าข้าม")))
    found = check(rep, memo)
    assert _of(found, "agency-mismatch") == [] and _of(found, "agency-name") == []


# ---------------------------------------------------------------- agency-name
def test_misspelt_head_in_addressee_is_an_error():
    rep, memo = with_change(clean_municipality(), lambda r, m: (
        r["document"].update(addressee="นายกเทศมนครีตำบลบางพระ"),
        m.__setitem__(6, ("เรียน นายกเทศมนครีตำบลบางพระ", 1))))
    got = _of(check(rep, memo), "agency-name")
    assert [(f["severity"], f["field"], f["text"], f["suggestion"]) for f in got] == [
        ("error", "addressee", "นายกเทศมนครีตำบลบางพระ", "นายกเทศมนตรีตำบลบางพระ")]  # once, not again for the memo line


def test_wrong_form_of_the_agency_name_is_a_warning():
    doc = {"agency": "องค์การบริหารส่วนตำบลท่าข้าม", "date": "2025-11-20", "fiscal_year": 2568,
           "addressee": "นายกองค์การบริหารส่วนตำบลท่าข้าม"}
    memo = [("จากการประเมินคุณธรรมและความโปร่งใสขององค์กรบริหารส่วนตำบลท่าข้าม ได้คะแนน ๙๑.๒๐", 2)]
    got = _of(check(report(doc, []), memo), "agency-name")
    assert [(f["severity"], f["page"], f["text"], f["suggestion"]) for f in got] == [
        ("warning", 2, "องค์กรบริหารส่วนตำบลท่าข้าม", "องค์การบริหารส่วนตำบลท่าข้าม")]


def test_misspelt_own_name_after_a_correct_type():
    rep, memo = with_change(clean_municipality(), _put(4, "outcomes",
                            "ประชาชนเชื่อมั่นในการทำงานของเทศบาลตำบลบางพะ มากขึ้น"))
    found = check(rep, memo)
    got = _of(found, "agency-name")
    assert [(f["measure"], f["text"], f["suggestion"]) for f in got] == [(4, "เทศบาลตำบลบางพะ", "เทศบาลตำบลบางพระ")]
    assert _of(found, "agency-mismatch") == []


def test_correct_forms_and_deputies_are_not_flagged():
    text = ("รองนายกเทศมนตรีตำบลบางพระ รองปลัดเทศบาลตำบลบางพระ ทต.บางพระ ที่ทำการ ทต. บางพระ "
            "หมู่บ้านในตำบลบางพระ อำเภอศรีราชา เทศบาลตำบลบางพระ")
    rep, memo = with_change(clean_municipality(), _put(3, "outcomes", text))
    assert loud(check(rep, memo)) == []


def test_longest_gazetteer_name_wins_over_the_own_name():
    # บางพระเหนือ is another tambon; its name starts with the own name บางพระ
    rep, memo = with_change(clean_municipality(), _put(1, "outcomes", "พนักงานของเทศบาลตำบลบางพระเหนือ จัดกิจกรรม"))
    got = _of(check(rep, memo), "agency-mismatch")
    assert [f["text"] for f in got] == ["เทศบาลตำบลบางพระเหนือ"]


def test_near_miss_of_own_name_is_not_read_as_a_shorter_real_name():
    # กระเบื้อง is a real tambon, but "กระเบื้องใหย่" is กระเบื้องใหญ่ misspelt
    doc = {"agency": "องค์การบริหารส่วนตำบลกระเบื้องใหญ่", "date": "2025-11-20", "fiscal_year": 2568}
    memo = [("รายงานผลการดำเนินการขององค์การบริหารส่วนตำบลกระเบื้องใหย่ ประจำปีงบประมาณ พ.ศ. ๒๕๖๘", 1)]
    found = check(report(doc, []), memo)
    assert _of(found, "agency-mismatch") == []
    assert [(f["text"], f["suggestion"]) for f in _of(found, "agency-name")] == [
        ("องค์การบริหารส่วนตำบลกระเบื้องใหย่", "องค์การบริหารส่วนตำบลกระเบื้องใหญ่")]


def test_own_agency_with_district_and_province_in_the_field():
    rep, memo = with_change(clean_municipality(), lambda r, m: (
        r["document"].update(agency="เทศบาลตำบลบางพระ อำเภอศรีราชา จังหวัดชลบุรี"),
        r["measures"][0]["outcomes"].append("ขององค์การบริหารส่วนตำบลหนองตาแต้ม")))
    found = check(rep, memo)
    assert [f["suggestion"] for f in _of(found, "agency-mismatch")] == ["เทศบาลตำบลบางพระ"]
    assert loud([f for f in found if f["rule"] != "agency-mismatch"]) == []


def test_own_agency_field_with_only_the_type_is_completed_from_the_text():
    # a wrapped or OCR'd memo line can leave document.agency as the bare type
    rep, memo = with_change(clean_municipality(), lambda r, m: (
        r["document"].update(agency="เทศบาลตำบล"),
        r["measures"][0]["outcomes"].append("ขององค์การบริหารส่วนตำบลหนองตาแต้ม")))
    got = _of(check(rep, memo), "agency-mismatch")
    assert [(f["text"], f["suggestion"]) for f in got] == [("องค์การบริหารส่วนตำบลหนองตาแต้ม", "เทศบาลตำบลบางพระ")]


# ---------------------------------------------------------------- the own name as written
def _provincial(memo_lines: list[str], cells: list[str], agency: str = "องค์การบริหารส่วนจังหวัดน่าน"):
    doc = {"agency": agency, "date": "2026-10-20", "fiscal_year": 2569,
           "addressee": "นายก" + agency}
    m = {"number": 1, "measure": "มาตรการเผยแพร่ข้อมูลข่าวสาร", "methods": ["เผยแพร่ข้อมูลทางเว็บไซต์"],
         "responsible": ["สำนักปลัด"], "period": {"text": "ปีงบประมาณ ๒๕๖๙", "start": "2025-10-01", "end": "2026-09-30"},
         "summary": ["ดำเนินการครบทุกขั้นตอน"], "outcomes": cells, "pages": [3]}
    return report(doc, [m]), [(t, 1) for t in memo_lines]


def test_short_own_name_followed_by_a_word_is_never_a_finding():
    # น่าน is a town and a province (several authorities share it); before "ได้" it fails the
    # short-name word-end test, yet it is the own name exactly as the suggestion would write it
    rep, memo = _provincial(["องค์การบริหารส่วนจังหวัดน่านได้ประกาศมาตรการเพื่อส่งเสริมคุณธรรม ประจำปี ๒๕๖๙",
                             "ตามที่องค์การบริหารส่วนจังหวัดน่านได้รับการประเมินคุณธรรมและความโปร่งใส"],
                            ["ประชาชนเชื่อมั่นใน อบจ.น่านมากขึ้น"])
    found = check(rep, memo)
    assert _of(found, "agency-name", info=True) == [] and _of(found, "agency-mismatch", info=True) == []
    fs = forms(load())
    assert [(m.name, m.kind) for m in find_mentions("อบจ.น่านได้รับ", fs, "น่าน", 80)] == [("น่าน", "own")]


def test_short_own_name_misspelt_is_still_a_finding():
    rep, memo = _provincial(["องค์การบริหารส่วนจังหวัดแพร่ได้ประกาศมาตรการเพื่อส่งเสริมคุณธรรม"],
                            ["ประชาชนเชื่อมั่นในองค์การบริหารส่วนจังหวัดแพร มากขึ้น"],
                            agency="องค์การบริหารส่วนจังหวัดแพร่")
    got = _of(check(rep, memo), "agency-name")
    assert [(f["severity"], f["measure"], f["text"], f["suggestion"]) for f in got] == [
        ("warning", 1, "องค์การบริหารส่วนจังหวัดแพร", "องค์การบริหารส่วนจังหวัดแพร่")]


def test_wrong_form_after_a_head_title_quotes_the_title():
    doc = {"agency": "องค์การบริหารส่วนตำบลท่าข้าม", "date": "2025-11-20", "fiscal_year": 2568,
           "addressee": "นายกองค์กรบริหารส่วนตำบลท่าข้าม"}
    got = _of(check(report(doc, []), [("เรียน นายกองค์กรบริหารส่วนตำบลท่าข้าม", 1)]), "agency-name")
    assert [(f["severity"], f["field"], f["text"], f["suggestion"]) for f in got] == [
        ("error", "addressee", "นายกองค์กรบริหารส่วนตำบลท่าข้าม", "นายกองค์การบริหารส่วนตำบลท่าข้าม")]


# ---------------------------------------------------------------- agencies outside the gazetteer
def _office(cells: list[str], agency: str = "สำนักงานเกษตรอำเภอบ้านโป่ง"):
    doc = {"agency": agency, "date": "2024-10-25", "fiscal_year": 2567, "addressee": "เกษตรอำเภอบ้านโป่ง"}
    m = {"number": 1, "measure": "มาตรการเปิดเผยข้อมูล", "methods": ["จัดทำข้อมูลการให้บริการ"],
         "responsible": ["ฝ่ายบริหารทั่วไป"], "period": {"text": "ปีงบประมาณ ๒๕๖๗", "start": "2023-10-01", "end": "2024-09-30"},
         "summary": ["เผยแพร่ข้อมูลครบถ้วน"], "outcomes": cells, "pages": [2]}
    memo = [("ส่วนราชการ " + agency, 1), ("เรียน เกษตรอำเภอบ้านโป่ง", 1),
            ("ตามที่" + agency + "ได้จัดทำมาตรการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน", 1)]
    return report(doc, [m]), memo


def test_misspelt_name_of_an_office_outside_the_gazetteer():
    rep, memo = _office(["เกษตรกรเข้าถึงข้อมูลของสำนักงานเกตรอำเภอบ้านโป่งได้สะดวก"])
    got = _of(check(rep, memo), "agency-name")
    assert [(f["severity"], f["measure"], f["field"], f["text"], f["suggestion"]) for f in got] == [
        ("warning", 1, "outcomes", "สำนักงานเกตรอำเภอบ้านโป่ง", "สำนักงานเกษตรอำเภอบ้านโป่ง")]


def test_hospital_name_one_letter_off_is_a_finding():
    rep, memo = _office(["ผู้รับบริการพึงพอใจการให้บริการของโรงพยายาลพิชัย ร้อยละ ๙๒"], agency="โรงพยาบาลพิชัย")
    assert [f["text"] for f in _of(check(rep, memo), "agency-name")] == ["โรงพยายาลพิชัย"]


def test_other_offices_heads_and_generic_names_are_not_misspellings():
    rep, memo = _office(["ประสานงานกับสำนักงานเกษตรอำเภอโพธาราม และสำนักงานเกษตรจังหวัดราชบุรี",
                         "เกษตรอำเภอบ้านโป่งมอบนโยบาย ทุกฝ่ายในสำนักงานเกษตรอำเภอ ร่วมกับสำนักงานเกษตรอำเภอบ้านโป่ง"])
    assert _of(check(rep, memo), "agency-name", info=True) == []


def test_office_name_with_spaces_or_an_address_is_compared_without_them():
    rep, memo = _office(["ผู้ป่วยพึงพอใจบริการของโรงพยาบาล พิชัย ร้อยละ ๙๒", "บุคลากรของโรงพยาบาลพิชัย ทุกคน"],
                        agency="โรงพยาบาล พิชัย อำเภอพิชัย จังหวัดอุตรดิตถ์")
    assert _of(check(rep, memo), "agency-name", info=True) == []
    rep, memo = _office(["บุคลากรของโรงพยาบาลพิขัย ทุกคน"], agency="โรงพยาบาล พิชัย อำเภอพิชัย จังหวัดอุตรดิตถ์")
    assert [(f["text"], f["suggestion"]) for f in _of(check(rep, memo), "agency-name")] == [
        ("โรงพยาบาลพิขัย", "โรงพยาบาลพิชัย")]


def test_offices_that_differ_by_their_number_are_other_offices():
    rep, memo = _office(["ประสานงานกับสำนักงานเขตพื้นที่การศึกษาประถมศึกษาชัยภูมิ เขต 2 และเขต 3",
                         "ครูในสำนักงานเขตพื้นที่การศึกษาประถมศึกษาชัยภูมิเขต1ทุกคน"],
                        agency="สำนักงานเขตพื้นที่การศึกษาประถมศึกษาชัยภูมิ เขต 1")
    assert _of(check(rep, memo), "agency-name", info=True) == []
    rep, memo = _office(["ครูในสำนักงานเขตพื้นที่การศึกษาประถมศึกษาชัยภูมี เขต 1 ทุกคน"],
                        agency="สำนักงานเขตพื้นที่การศึกษาประถมศึกษาชัยภูมิ เขต 1")
    assert [f["text"] for f in _of(check(rep, memo), "agency-name")] == ["สำนักงานเขตพื้นที่การศึกษาประถมศึกษาชัยภูมี เขต 1"]
