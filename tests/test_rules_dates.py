"""date-out-of-period and date-after-document on reports of other years."""
from __future__ import annotations

from test_rules_support import check, clean_municipality, with_change


def _of(findings, rule):
    return [(f["severity"], f["measure"], f["field"], f["text"]) for f in findings if f["rule"] == rule]


def _period(no: int, text: str, start: str | None = None, end: str | None = None):
    def change(rep, memo):
        rep["measures"][no - 1]["period"] = {"text": text, "start": start, "end": end}
    return change


# ---------------------------------------------------------------- date-out-of-period
def test_period_in_next_fiscal_year_is_a_warning():
    rep, memo = with_change(clean_municipality(), _period(2, "๘ ธันวาคม ๒๕๖๗ – ๓๐ มิถุนายน ๒๕๖๘"))
    assert _of(check(rep, memo), "date-out-of-period") == [
        ("warning", 2, "period", "๘ ธันวาคม ๒๕๖๗ – ๓๐ มิถุนายน ๒๕๖๘")]


def test_period_of_last_years_template_is_flagged():
    rep, memo = with_change(clean_municipality(), _period(
        1, "ปีงบประมาณ พ.ศ. ๒๕๖๖ (๑ ตุลาคม ๒๕๖๕ – ๓๐ กันยายน ๒๕๖๖)"))
    assert _of(check(rep, memo), "date-out-of-period") == [
        ("warning", 1, "period", "๑ ตุลาคม ๒๕๖๕ – ๓๐ กันยายน ๒๕๖๖")]


def test_abbreviated_months_and_two_digit_years():
    rep, memo = with_change(clean_municipality(), _period(3, "ต.ค. ๖๖ – ก.ย. ๖๗"))
    assert _of(check(rep, memo), "date-out-of-period") == []
    rep, memo = with_change(clean_municipality(), _period(3, "ต.ค. ๖๖ – ธ.ค. ๖๗"))
    assert _of(check(rep, memo), "date-out-of-period") == [("warning", 3, "period", "ต.ค. ๖๖ – ธ.ค. ๖๗")]


def test_periods_inside_the_year_or_without_dates_are_fine():
    for text in ("ตลอดปีงบประมาณ", "ปีงบประมาณ ๒๕๖๗", "มกราคม – มีนาคม ๒๕๖๗", "ทุกไตรมาส", ""):
        rep, memo = with_change(clean_municipality(), _period(4, text))
        assert _of(check(rep, memo), "date-out-of-period") == [], text


def test_no_fiscal_year_no_period_check():
    rep, memo = with_change(clean_municipality(), lambda r, m: (
        r["document"].update(fiscal_year=None, period=None),
        r["measures"][0]["period"].update(text="๑ ตุลาคม ๒๕๗๐ – ๓๐ กันยายน ๒๕๗๑")))
    assert _of(check(rep, memo), "date-out-of-period") == []


# ---------------------------------------------------------------- date-after-document
def test_done_after_the_memo_date_is_an_error():
    rep, memo = with_change(clean_municipality(), lambda r, m: r["measures"][1]["summary"].append(
        "หัวหน้าส่วนราชการถ่ายทอดความรู้ให้บุคลากร (ดำเนินการเมื่อวันที่ ๒ ธันวาคม ๒๕๖๗)"))
    found = check(rep, memo)
    assert _of(found, "date-after-document") == [("error", 2, "summary", "๒ ธันวาคม ๒๕๖๗")]
    assert _of(found, "date-out-of-period") == []  # not also reported as out of period


def test_outcome_month_after_memo_is_flagged():
    rep, memo = with_change(clean_municipality(), lambda r, m: r["measures"][3]["outcomes"].append(
        "ได้รับรางวัลหน่วยงานโปร่งใส เดือนมกราคม ๒๕๖๘"))
    assert _of(check(rep, memo), "date-after-document") == [("error", 4, "outcomes", "เดือนมกราคม ๒๕๖๘")]


def test_plans_and_fiscal_year_labels_are_not_done_dates():
    texts = ["จะจัดอบรมต่อเนื่องในเดือนมกราคม ๒๕๖๘",
             "มีแผนจัดอบรมครั้งต่อไปวันที่ ๑๐ มีนาคม ๒๕๖๘",
             "ผลการดำเนินการจะนำไปใช้ในการประเมิน ITA ประจำปีงบประมาณ พ.ศ. ๒๕๖๘",
             "ประกาศผลเมื่อวันที่ ๑๕ พฤศจิกายน ๒๕๖๗"]  # the memo's own day is not after it
    rep, memo = with_change(clean_municipality(), lambda r, m: r["measures"][0]["outcomes"].extend(texts))
    assert _of(check(rep, memo), "date-after-document") == []


def test_no_memo_date_no_check():
    rep, memo = with_change(clean_municipality(), lambda r, m: (
        r["document"].update(date=None), r["measures"][1]["summary"].append("ดำเนินการเมื่อ ๑ เมษายน ๒๕๗๐")))
    assert _of(check(rep, memo), "date-after-document") == []
