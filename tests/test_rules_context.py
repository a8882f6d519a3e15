"""The rules that need more than one page (issue 16): they fire, and they stay quiet."""
from __future__ import annotations

import copy

import pytest

from extractor.history.search import previous_report
from extractor.history.store import connect, index_report
from extractor.rules import check
from extractor.rules.engine import Example
from extractor.rules.examples import BASE_MEASURE, example_input


def _found(rule: str, ex: Example, **kw) -> list[dict]:
    report, memo = example_input(ex)
    return [f for f in check(report, memo, **kw) if f["rule"] == rule]


# ---------------------------------------------------------------- weekday-mismatch

@pytest.mark.parametrize("text,suggestion", [
    ("ประชุมวันจันทร์ที่ ๕ มีนาคม ๒๕๖๘", "วันพุธที่ ๕ มีนาคม ๒๕๖๘"),
    ("ประชุมวันพฤหัสบดีที่ 5 มี.ค. 68", "วันพุธที่ 5 มี.ค. 68"),
    ("ประชุมวันศุกร์ที่ 5 มีนาคม 2025", "วันพุธที่ 5 มีนาคม 2025"),
])
def test_weekday_mismatch_fires_with_the_right_weekday(text, suggestion):
    (f,) = _found("weekday-mismatch", Example(text))
    assert f["suggestion"] == suggestion and f["severity"] == "error" and f["measure"] == 1
    assert "วันพุธ" in f["message"]


def test_weekday_mismatch_in_the_memo():
    (f,) = _found("weekday-mismatch", Example("จึงขอเชิญประชุมในวันอังคารที่ ๕ มีนาคม ๒๕๖๘ เวลา ๐๙.๐๐ น.", place="memo"))
    assert f["measure"] is None and f["text"] == "วันอังคารที่ ๕ มีนาคม ๒๕๖๘"


@pytest.mark.parametrize("text", ["ประชุมวันพุธที่ ๕ มีนาคม ๒๕๖๘", "วันพุธที่ 5 มี.ค. 68", "วันที่ ๕ มีนาคม ๒๕๖๘",
                                  "วันพฤหัสที่ 6 มี.ค. 2025"])
def test_weekday_mismatch_quiet_when_right_or_absent(text):
    assert _found("weekday-mismatch", Example(text)) == []


# ---------------------------------------------------------------- reference-province

def test_reference_province_fires_with_the_right_letters():
    (f,) = _found("reference-province", Example("ที่ อต ๗๕๐๐๑/๓๘๙", place="reference",
                                                document={"agency": "องค์การบริหารส่วนตำบลนายายอาม"}))
    assert f["suggestion"] == "ที่ จบ ๗๕๐๐๑/๓๘๙" and f["field"] == "reference" and "จันทบุรี" in f["message"]


@pytest.mark.parametrize("ref,agency", [
    ("มท ๐๘๑๐.๓/ว ๑๒๓", "องค์การบริหารส่วนตำบลนายายอาม"),           # a ministry's letters
    ("จบ ๗๖๒๐๑/๐๔๕", "องค์การบริหารส่วนตำบลนายายอาม"),              # the right province
    ("อต ๗๖๒๐๑/๐๔๕", "โรงพยาบาลสามชุก"),                          # outside the gazetteer, no province named
    ("บร ๗๖๒๐๑/๐๔๕", "องค์การบริหารส่วนตำบลหินเหล็กไฟ"),            # a name in บุรีรัมย์ and ประจวบฯ: either is quiet
    ("ปข ๗๖๒๐๑/๐๔๕", "องค์การบริหารส่วนตำบลหินเหล็กไฟ"),
    ("๗๖๒๐๑/๐๔๕", "องค์การบริหารส่วนตำบลนายายอาม"),                # no letters
])
def test_reference_province_quiet(ref, agency):
    assert _found("reference-province", Example(ref, place="reference", document={"agency": agency})) == []


def test_reference_province_narrowed_by_the_memo_and_read_from_it():
    ex = Example("บร ๗๖๒๐๑/๐๔๕", place="reference",
                 document={"division": "สำนักปลัด อำเภอหัวหิน จังหวัดประจวบคีรีขันธ์"})
    (f,) = _found("reference-province", ex)  # หินเหล็กไฟ of ประจวบคีรีขันธ์, not of บุรีรัมย์
    assert f["suggestion"] == "ปข ๗๖๒๐๑/๐๔๕"
    ex = Example("อต ๗๖๒๐๑/๐๔๕", place="reference",
                 document={"agency": "โรงพยาบาลสามชุก", "division": "กลุ่มงานบริหาร จังหวัดสุพรรณบุรี"})
    assert _found("reference-province", ex)[0]["suggestion"] == "สพ ๗๖๒๐๑/๐๔๕"


# ---------------------------------------------------------------- date-out-of-period in results

@pytest.mark.parametrize("text,fires", [
    ("จัดอบรมระหว่างวันที่ ๓ มี.ค. ๒๕๖๖ – ๕ มี.ค. ๒๕๖๖", True),
    ("ดำเนินการเมื่อวันที่ ๑๐ มกราคม ๒๕๖๗", True),
    ("ดำเนินการเมื่อวันที่ ๑๐ มกราคม ๒๕๖๘", False),                    # within the year
    ("ตามคำสั่งที่ ๑๒/๒๕๖๖ ลงวันที่ ๓ มีนาคม ๒๕๖๖", False),             # a referred document
    ("ตามประกาศ ณ วันที่ ๕ ก.ย. ๒๕๖๖", False),
    ("กำหนดจัดอบรมครั้งต่อไปวันที่ ๑๐ พฤศจิกายน ๒๕๖๘", False),           # a plan
    ("ผลการประเมินประจำปีงบประมาณ ๒๕๖๗", False),                       # a fiscal-year label
])
def test_date_out_of_period_reads_results(text, fires):
    got = _found("date-out-of-period", Example(text))
    assert bool(got) is fires, got
    if fires:
        assert got[0]["field"] == "summary" and got[0]["severity"] == "warning"


# ---------------------------------------------------------------- copied-from-previous-year

LONG = "จัดอบรมให้ความรู้เรื่องการป้องกันผลประโยชน์ทับซ้อนแก่พนักงานส่วนตำบลและพนักงานจ้างจำนวน ๔๕ คน ณ ห้องประชุม"


def _last_year(summary: list[str], methods: list[str] | None = None) -> dict:
    report, _ = example_input(Example("x", document={"fiscal_year": 2567, "reference": "ปข ๗๕๐๐๑/๑๐๐"}))
    report["measures"][0].update(summary=summary, methods=methods or ["เผยแพร่ข้อมูลทางเว็บไซต์"])
    report["source"]["file"] = "ita-2567.pdf"
    return report


def test_copied_identical_and_nearly_so():
    (f,) = _found("copied-from-previous-year", Example(LONG), previous=_last_year([LONG]))
    assert "๒๕๖๗" in f["message"] and "ita-2567.pdf" in f["message"] and f["severity"] == "warning"
    near = LONG.replace("๔๕", "๔๖")
    assert _found("copied-from-previous-year", Example(near), previous=_last_year([LONG]))


def test_copied_quiet_for_new_text_short_lines_methods_and_no_history():
    other = "จัดกิจกรรมรณรงค์ต่อต้านการทุจริตในวันต่อต้านคอร์รัปชันสากล มีผู้เข้าร่วม ๘๐ คน จากทุกหมู่บ้าน"
    assert _found("copied-from-previous-year", Example(other), previous=_last_year([LONG])) == []
    short = "เผยแพร่สรุปผลการจัดซื้อจัดจ้างรายเดือนครบ ๑๒ เดือน"
    assert _found("copied-from-previous-year", Example(short), previous=_last_year([short])) == []
    assert _found("copied-from-previous-year", Example(LONG, place="methods"), previous=_last_year([], [LONG])) == []
    assert _found("copied-from-previous-year", Example(LONG)) == []


def test_previous_report_from_a_real_store(tmp_path):
    conn = connect(tmp_path / "h.sqlite")
    last = _last_year([LONG])
    index_report(conn, last)
    other = copy.deepcopy(last)
    other["document"]["agency"] = "องค์การบริหารส่วนตำบลนายายอาม"
    other["source"]["file"] = "other.pdf"
    index_report(conn, other)
    plan = copy.deepcopy(last)
    plan["document"]["kind"] = "plan"
    plan["source"]["file"] = "plan.pdf"
    index_report(conn, plan)
    got = previous_report(conn, "อบต.หินเหล็กไฟ", 2568)
    assert got["source"]["file"] == "ita-2567.pdf"
    assert previous_report(conn, "องค์การบริหารส่วนตำบลหินเหล็กไฟ", 2569) is None  # two years back
    assert previous_report(conn, "องค์การบริหารส่วนตำบลหินเหล็ก", 2568) is None     # never a fuzzy guess
    assert previous_report(conn, None, 2568) is None
    conn.close()


# ---------------------------------------------------------------- plan

def _plan(*measures: dict) -> dict:
    return {"document": {"kind": "plan"}, "source": {"file": "plan.pdf"}, "measures": list(measures)}


def test_plan_matches_by_meaning_in_any_order():
    a = dict(BASE_MEASURE, number=1, measure="การเปิดเผยข้อมูลสาธารณะ")
    b = dict(BASE_MEASURE, number=2, measure="อบรมคุณธรรมจริยธรรมให้แก่บุคลากร", methods=["จัดอบรมคุณธรรมจริยธรรม"])
    c = dict(BASE_MEASURE, number=3, measure="ตรวจสอบการใช้รถยนต์ส่วนกลางของราชการ", methods=["ตรวจสอบสมุดบันทึก"])
    report = [dict(c, number=1, measure="การตรวจสอบการใช้รถยนต์ส่วนกลาง"),
              dict(a, number=2, measure="เปิดเผยข้อมูลสาธารณะทางเว็บไซต์"),
              dict(b, number=3, measure="โครงการอบรมคุณธรรมจริยธรรมบุคลากร")]
    ex = Example("x", place="memo", measures=report)
    for rule in ("plan-not-reported", "not-in-plan", "plan-period-changed"):
        assert _found(rule, ex, plan=_plan(a, b, c)) == [], rule


def test_plan_rules_quiet_without_a_plan_and_on_a_plan():
    ex = Example("x", place="memo")
    assert not [f for f in check(*example_input(ex)) if f["rule"] in ("plan-not-reported", "not-in-plan")]
    ex = Example("x", place="memo", document={"kind": "plan"})
    assert _found("not-in-plan", ex, plan=_plan(dict(BASE_MEASURE, measure="อื่น"))) == []
