"""agency-mismatch: a template leftover vs a legitimate mention; agency-name on OCR'd input."""
from __future__ import annotations

from test_rules_support import check, clean_municipality, with_change

from extractor.rules.mentions import has_cue, phrase_before, read_mentions


def _of(findings, rule, *, info=False):
    return [f for f in findings if f["rule"] == rule and (info or f["severity"] != "info")]


def _put(measure_no: int, field: str, *texts: str):
    def change(rep, memo):
        rep["measures"][measure_no - 1][field].extend(texts)
    return change


def _mismatch(*texts: str) -> list[tuple[str, str]]:
    """(severity, text) of every agency-mismatch, info included, for texts put in measure 2."""
    rep, memo = with_change(clean_municipality(), _put(2, "summary", *texts))
    return [(f["severity"], f["text"]) for f in _of(check(rep, memo), "agency-mismatch", info=True)
            if f["measure"] == 2]


# ---------------------------------------------------------------- legitimate mentions: info only
def test_study_visit_at_another_municipality_is_info():
    assert _mismatch("พาบุคลากรไปศึกษาดูงาน ณ องค์การบริหารส่วนตำบลบ้านเป็ด เมื่อวันที่ ๒๐ มีนาคม ๒๕๖๗") == [
        ("info", "องค์การบริหารส่วนตำบลบ้านเป็ด")]


def test_partners_senders_and_networks_are_info():
    got = _mismatch("ลงนามบันทึกข้อตกลงความร่วมมือกับเทศบาลเมืองแสนสุข ด้านการป้องกันการทุจริต",
                    "ได้รับหนังสือจาก อบต.หนองปรือ เรื่องการจัดอบรม",
                    "ประสานงานกับ ทต.ท่าข้าม และ อบต. หนองปรือ ในการส่งต่อเรื่องร้องเรียน")
    assert got == [("info", "เทศบาลเมืองแสนสุข"), ("info", "อบต.หนองปรือ"),
                   ("info", "ทต.ท่าข้าม"), ("info", "อบต. หนองปรือ")]


# ---------------------------------------------------------------- leftovers: still errors
def test_other_agency_as_owner_or_doer_is_an_error():
    got = _mismatch("ให้ความรู้แก่บุคลากรของเทศบาลตำบลท่าข้าม เรื่องผลประโยชน์ทับซ้อน",
                    "องค์การบริหารส่วนตำบลหนองปรือได้จัดทำคู่มือการปฏิบัติงาน")
    assert got == [("error", "เทศบาลตำบลท่าข้าม"), ("error", "องค์การบริหารส่วนตำบลหนองปรือ")]


def test_a_meeting_room_of_another_agency_is_an_error_a_visit_is_not():
    got = _mismatch("จัดประชุมคณะทำงาน ณ ห้องประชุมองค์การบริหารส่วนตำบลหนองปรือ",
                    "รับเรื่องร้องเรียนจากประชาชนในเขต ทต.ท่าข้าม",
                    "เยี่ยมชมศูนย์บริการของเทศบาลเมืองแสนสุข")
    assert got == [("error", "องค์การบริหารส่วนตำบลหนองปรือ"), ("error", "ทต.ท่าข้าม"),
                   ("info", "เทศบาลเมืองแสนสุข")]


def test_a_cue_in_an_earlier_clause_does_not_excuse_a_leftover():
    got = _mismatch("รับเรื่องจากประชาชนทุกช่องทาง แล้วเผยแพร่ผลการดำเนินงานบนเว็บไซต์ของ ทต.ท่าข้าม")
    assert got == [("error", "ทต.ท่าข้าม")]


def test_the_agency_named_before_the_conjunction_decides():
    got = _mismatch("ข้อมูลข่าวสารของ ทต.ท่าข้าม และ อบต.หนองปรือ เผยแพร่ครบถ้วน")
    assert got == [("error", "ทต.ท่าข้าม"), ("error", "อบต.หนองปรือ")]


# ---------------------------------------------------------------- the phrase and the cues
def test_phrase_is_widened_over_short_chunks_and_stops_at_the_previous_name():
    text = "จัดประชุม ณ ห้องประชุมสภา และเยี่ยมชม ณ X"
    assert phrase_before(text, text.index("X"), 0) == "และเยี่ยมชม ณ "
    assert phrase_before(text, text.index("X"), text.index("ณ X")) == "ณ "


def test_short_cues_count_only_as_whole_words():
    assert not has_cue("ใช้งบประมาณ", ["ณ"])
    assert not has_cue("กำกับ", ["กับ"])
    assert has_cue("ร่วมกิจกรรมกับ", ["กับ"]) and has_cue("ได้รับหนังสือจาก ", ["จาก"])
    assert not has_cue("รับเรื่องจากประชาชนในเขต ", ["จาก"])  # a short cue leads right to the name
    assert read_mentions("ศึกษาดูงานการบริหารงานของX", [(25, 26)], {}) == [True]


# ---------------------------------------------------------------- agency-name on OCR'd input
def _ocr(*changes):
    def change(rep, memo):
        rep["source"].update(format="scan", ocr=True)
        for c in changes:
            c(rep, memo)
    return change


def _names(rep, memo):
    return [(f["severity"], f["measure"], f["text"]) for f in _of(check(rep, memo), "agency-name", info=True)]


def test_a_look_alike_misread_once_on_a_scan_is_info():
    rep, memo = with_change(clean_municipality(), _ocr(_put(4, "outcomes", "ประชาชนเชื่อมั่นในเทศบาลตำบลบางพวะ มากขึ้น")))
    assert _names(rep, memo) == [("info", 4, "เทศบาลตำบลบางพวะ")]


def test_the_same_slip_on_a_text_pdf_stays_a_warning():
    rep, memo = with_change(clean_municipality(), _put(4, "outcomes", "ประชาชนเชื่อมั่นในเทศบาลตำบลบางพวะ มากขึ้น"))
    assert _names(rep, memo) == [("warning", 4, "เทศบาลตำบลบางพวะ")]


def test_a_misread_repeated_in_several_places_is_the_writers():
    rep, memo = with_change(clean_municipality(), _ocr(
        _put(2, "outcomes", "บุคลากรของเทศบาลตำบลบางพวะ มีความรู้"),
        _put(4, "outcomes", "ประชาชนเชื่อมั่นในเทศบาลตำบลบางพวะ มากขึ้น")))
    assert _names(rep, memo) == [("warning", 2, "เทศบาลตำบลบางพวะ"), ("warning", 4, "เทศบาลตำบลบางพวะ")]


def test_a_letter_left_out_or_a_wrong_form_is_not_ocr_noise():
    rep, memo = with_change(clean_municipality(), _ocr(
        _put(3, "outcomes", "เผยแพร่ข้อมูลของเทศบาลตำบลบางพะ ครบถ้วน"),
        lambda r, m: r["document"].update(addressee="นายกเทศมตรีตำบลบางพระ")))
    assert _names(rep, memo) == [("error", None, "นายกเทศมตรีตำบลบางพระ"), ("warning", 3, "เทศบาลตำบลบางพะ")]


def test_a_wrong_form_on_a_scan_stays_a_warning():
    doc = {"agency": "องค์การบริหารส่วนตำบลท่าข้าม", "date": "2025-11-20", "fiscal_year": 2568}
    rep = {"schema": "ita-extract/1", "source": {"file": "scan.pdf", "format": "scan", "pages": 1, "ocr": True},
           "document": doc, "measures": []}
    memo = [("จากการประเมินคุณธรรมและความโปร่งใสขององค์กรบริหารส่วนตำบลท่าข้าม ได้คะแนน ๙๑.๒๐", 1)]
    assert _names(rep, memo) == [("warning", None, "องค์กรบริหารส่วนตำบลท่าข้าม")]


def test_own_name_misread_as_a_real_name_on_a_scan_is_info():
    # บางพรม is a real tambon one look-alike letter away from the own บางพระ (ะ read as ม)
    text = "ประชาชนเชื่อมั่นในเทศบาลตำบลบางพรม มากขึ้น"
    rep, memo = with_change(clean_municipality(), _ocr(_put(4, "outcomes", text)))
    got = [(f["severity"], f["text"]) for f in _of(check(rep, memo), "agency-mismatch", info=True) if f["measure"] == 4]
    assert got == [("info", "เทศบาลตำบลบางพรม")]
    rep, memo = with_change(clean_municipality(), _put(4, "outcomes", text))  # a text PDF: a real leftover
    got = [(f["severity"], f["text"]) for f in _of(check(rep, memo), "agency-mismatch", info=True) if f["measure"] == 4]
    assert got == [("error", "เทศบาลตำบลบางพรม")]
