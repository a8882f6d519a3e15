"""empty-cell, duplicate-text, numbering and score-result-mismatch."""
from __future__ import annotations

import pytest
from test_rules_support import check, clean_municipality, with_change

from extractor.rules.numbering import numbering_problems


def _of(findings, rule):
    return [(f["severity"], f["measure"], f["field"], f["text"]) for f in findings if f["rule"] == rule]


# ---------------------------------------------------------------- empty-cell
def test_empty_outcomes_and_placeholder_summary():
    rep, memo = with_change(clean_municipality(), lambda r, m: (
        r["measures"][2].update(outcomes=[]), r["measures"][3].update(summary=["-"])))
    assert _of(check(rep, memo), "empty-cell") == [("error", 3, "outcomes", ""), ("error", 4, "summary", "")]


def test_empty_methods_is_not_an_empty_result():
    rep, memo = with_change(clean_municipality(), lambda r, m: r["measures"][0].update(methods=[]))
    assert _of(check(rep, memo), "empty-cell") == []


# ---------------------------------------------------------------- duplicate-text
def test_summary_pasted_from_an_earlier_measure():
    pasted = "ติดประกาศข้อมูลการจัดซื้อจัดจ้างเป็นประจำทุกเดือน ตั้งแต่เดือนตุลาคม ๒๕๖๖"
    rep, memo = with_change(clean_municipality(), lambda r, m: r["measures"][3].update(summary=[pasted]))
    found = check(rep, memo)
    assert _of(found, "duplicate-text") == [("warning", 4, "summary", pasted)]
    assert "มาตรการที่ 1" in next(f["message"] for f in found if f["rule"] == "duplicate-text")


def test_short_repeated_cells_are_not_duplicates():
    rep, memo = clean_municipality()  # "สำนักปลัด", "กองคลัง" repeat in responsible; periods repeat
    rep["measures"][2]["outcomes"].append("เผยแพร่ผ่านเว็บไซต์ของเทศบาล")
    rep["measures"][3]["outcomes"].append("เผยแพร่ผ่านเว็บไซต์ของเทศบาล")
    assert _of(check(rep, memo), "duplicate-text") == []


def test_same_text_within_one_measure_is_not_a_duplicate():
    # a summary that restates the method ("did what was planned") is normal
    rep, memo = with_change(clean_municipality(), lambda r, m: r["measures"][2]["summary"].append(
        r["measures"][2]["methods"][0] + " เรียบร้อยแล้ว"))
    assert _of(check(rep, memo), "duplicate-text") == []


# ---------------------------------------------------------------- numbering
@pytest.mark.parametrize("numbers, expected", [
    ([1, 2, 3, 4], []),
    ([1, 2, 4, 5], [(2, "number 3 skipped")]),
    ([1, 2, 2, 3], [(2, "number 2 repeated")]),
    ([1, 3, 2, 4], [(1, "number 2 skipped"), (2, "number 2 out of order")]),
    ([2, 3, 4], [(0, "number 1 missing")]),
    ([1, 2, 3, 1, 2, 3], []),           # a new section restarts at 1
    ([1, None, 2, 3], []),              # unnumbered rows are not judged
    ([1, 2, 6], [(2, "numbers 3–5 skipped")]),
])
def test_numbering_problems(numbers, expected):
    assert [(i, en) for i, _, en in numbering_problems(numbers)] == expected


def test_numbering_finding_on_the_measure():
    rep, memo = with_change(clean_municipality(), lambda r, m: r["measures"][3].update(number=5))
    found = [f for f in check(rep, memo) if f["rule"] == "numbering"]
    assert [(f["severity"], f["measure"], f["text"]) for f in found] == [("warning", 5, "๕")]
    assert "๔" in found[0]["message"]


# ---------------------------------------------------------------- score-result-mismatch
@pytest.mark.parametrize("score, result, bad", [
    (88.5, "ผ่าน", False),
    (95.33, "ผ่าน", False),
    (80.0, "ผ่าน", True),
    (90.0, "ไม่ผ่าน", True),
    (84.99, "ไม่ผ่านเกณฑ์", False),
    (95.33, "AA", False),
    (95.33, "A", True),
    (86.0, "ระดับ A ผ่าน", False),
    (78.2, "B", False),
    (78.2, "ระดับ C", True),
    (105.0, "ผ่าน", True),
    (92.0, None, False),
])
def test_score_and_result(score, result, bad):
    rep, memo = with_change(clean_municipality(), lambda r, m: r["document"].update(ita_score=score, ita_result=result))
    got = [f for f in check(rep, memo) if f["rule"] == "score-result-mismatch"]
    assert bool(got) == bad
    if got:
        assert got[0]["severity"] == "error" and got[0]["measure"] is None


def test_pass_mark_per_year_from_yaml(tmp_path):
    extra = tmp_path / "levels.yaml"
    extra.write_text("ita_levels:\n  years:\n    2567: {pass_mark: 90}\n", encoding="utf-8")
    rep, memo = clean_municipality()  # 88.5 "ผ่าน" in fiscal 2567
    assert [f["suggestion"] for f in check(rep, memo, rules_files=[extra])
            if f["rule"] == "score-result-mismatch"] == ["ไม่ผ่าน"]
