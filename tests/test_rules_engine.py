"""The engine: the seed's nine findings, the finding shape, YAML overrides, rule docs."""
from __future__ import annotations

import dataclasses
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_rules_support import check, clean_municipality, loud, seed

from extractor.errors import UnusableInput
from extractor.model import Finding
from extractor.rules import RULES
from extractor.rules.engine import rule

CORE = ["agency-mismatch", "agency-name", "known-typo", "repeated-phrase", "date-out-of-period",
        "date-after-document", "empty-cell", "duplicate-text", "numbering", "score-result-mismatch"]


def _key(f: dict) -> tuple:
    return (f["rule"], f["severity"], f["measure"], f["field"], f["text"], f["suggestion"])


def test_seed_gives_exactly_the_nine_expected_findings():
    rep, memo, expected = seed()
    got = loud(check(rep, memo))
    assert sorted(map(_key, got), key=str) == sorted(map(_key, expected), key=str)


def test_seed_findings_in_document_order():
    rep, memo, expected = seed()
    assert [(f["rule"], f["measure"]) for f in loud(check(rep, memo))] == [
        (f["rule"], f["measure"]) for f in expected]


def test_findings_have_exactly_the_model_keys():
    rep, memo, _ = seed()
    keys = {f.name for f in dataclasses.fields(Finding)}
    for f in check(rep, memo):
        assert set(f) == keys
        assert Finding(**f).to_json()["rule"] == f["rule"]
        assert f["severity"] in ("error", "warning", "info")
        assert re.search(r"[\u0e00-\u0e7f]", f["message"]) and f["message_en"].isascii()


def test_the_ten_core_rules_are_registered_with_docs():
    assert set(CORE) <= set(RULES)
    for rid in CORE:
        r = RULES[rid]
        assert r.severity in ("error", "warning", "info")
        assert r.message and r.message_en
        assert "**Why is this bad?**" in r.doc and "**Example:**" in r.doc and "**Fix:**" in r.doc, rid


def test_rules_file_disables_and_changes_severity(tmp_path):
    extra = tmp_path / "office.yaml"
    extra.write_text("rules:\n  empty-cell: {enabled: false}\n  duplicate-text: {severity: error}\n",
                     encoding="utf-8")
    rep, memo, _ = seed()
    got = {f["rule"]: f["severity"] for f in check(rep, memo, rules_files=[extra])}
    assert "empty-cell" not in got
    assert got["duplicate-text"] == "error"
    assert got["known-typo"] == "error"  # untouched rules keep their defaults


def test_user_severity_wins_over_a_rules_own_shading(tmp_path):
    extra = tmp_path / "strict.yaml"
    extra.write_text("rules:\n  agency-name: {severity: warning}\n", encoding="utf-8")
    rep, memo, _ = seed()
    got = [f["severity"] for f in check(rep, memo, rules_files=[extra]) if f["rule"] == "agency-name"]
    assert got == ["warning", "warning"]


@pytest.mark.parametrize("content", ["rules: [unclosed", "- a list\n- not a mapping\n",
                                     "rules:\n  numbering: {severity: fatal}\n", "typos: [a, b]\n"])
def test_broken_rules_file_is_unusable_input(tmp_path, content):
    bad = tmp_path / "bad.yaml"
    bad.write_text(content, encoding="utf-8")
    rep, memo, _ = seed()
    with pytest.raises(UnusableInput, match="rules file"):
        check(rep, memo, rules_files=[bad])
    with pytest.raises(UnusableInput, match="cannot read"):
        check(rep, memo, rules_files=[tmp_path / "missing.yaml"])


def test_a_failing_rule_is_reported_not_raised():
    @rule("test-broken", severity="warning", message="ทดสอบ", message_en="test")
    def broken(ctx):
        """Always fails."""
        raise KeyError("boom")
    try:
        rep, memo = clean_municipality()
        got = [f for f in check(rep, memo) if f["rule"] == "rule-failed"]
        assert [(f["severity"], f["text"]) for f in got] == [("info", "KeyError: 'boom'")]
    finally:
        RULES.pop("test-broken")


def test_memo_line_of_a_document_field_is_not_reported_twice():
    rep, memo, _ = seed()
    got = [f for f in check(rep, memo) if f["text"] == "นายกองการบริหารส่วนตำบลหินเหล็กไฟ"]
    assert [(f["field"]) for f in got] == ["addressee"]


def test_missing_parts_do_not_break_the_rules():
    for rep in ({}, {"document": None, "measures": None}, {"document": {}, "measures": [{}]},
                {"document": {"agency": "องค์การบริหารส่วนตำบลหินเหล็กไฟ", "date": "bad", "fiscal_year": "x",
                              "ita_score": "95"}, "measures": [{"number": "1", "summary": [None]}]}):
        assert [f for f in check(rep, [("", None)]) if f["rule"] == "rule-failed"] == []


def test_slips_cut_by_a_memo_line_wrap_are_found_once():
    # scans give the memo as visual lines: a name and a doubled phrase cut by the wrap
    rep, _, _ = seed()
    memo = [("ตามที่สำนักงาน ป.ป.ช. ได้กำหนดให้ดำเนินการตามแบบวัดการเปิดเผยข้อมูลการ", 1),
            ("เปิดเผยข้อมูลสาธารณะ (Open Data Integrity and Transparency Assessment : OIT)", 1),
            ("งานนิติการจึงขอเสนอรายงานผลการดำเนินการขององค์การบริหารส่วนตำบล", 2),
            ("หนองตาแต้ม ตามเอกสารที่แนบมาพร้อมนี้", 2),
            ("ปลัดองค์การบริหารส่วนตำบล", 2), ("หินเหล็กไฟ", 2)]
    got = [(f["rule"], f["page"], f["text"]) for f in check(rep, memo) if f["measure"] is None]
    assert ("repeated-phrase", 1, "การเปิดเผยข้อมูลการเปิดเผยข้อมูล") in got
    assert ("agency-mismatch", 2, "องค์การบริหารส่วนตำบลหนองตาแต้ม") in got
    assert len([g for g in got if g[0] in ("repeated-phrase", "agency-mismatch")]) == 2


def test_lines_on_different_pages_are_not_joined():
    rep, _, _ = seed()
    memo = [("งานนิติการจึงขอเสนอรายงานผลการดำเนินการขององค์การบริหารส่วนตำบล", 1), ("หนองตาแต้ม", 2)]
    assert [f for f in check(rep, memo) if f["rule"] == "agency-mismatch" and f["measure"] is None] == []


THAI_TEXT = st.text(alphabet=st.sampled_from(list("กขคงจฉชซญฎฏดตถทนบปผพฟมยรลวศสหอฮะัาำิีึืุูเแโใไ็่้๊๋์ ๐๑๒๓๔๕๖๗๘๙ .-/()QROCode")),
                    max_size=80)


@settings(max_examples=40, deadline=None)
@given(cells=st.lists(st.lists(THAI_TEXT, max_size=3), min_size=6, max_size=6), memo=st.lists(THAI_TEXT, max_size=4),
       number=st.one_of(st.none(), st.integers(-3, 30)))
def test_any_text_gives_findings_not_exceptions(cells, memo, number):
    rep, _ = clean_municipality()
    m = rep["measures"][1]
    m.update(number=number, measure=" ".join(cells[0]), methods=cells[1], responsible=cells[2],
             period={"text": " ".join(cells[3]), "start": None, "end": None}, summary=cells[4], outcomes=cells[5])
    found = check(rep, [(t, 1) for t in memo])
    assert [f for f in found if f["rule"] == "rule-failed"] == []
    assert all(f["severity"] in ("error", "warning", "info") for f in found)


@pytest.mark.parametrize("module", ["config", "thaitext", "typos", "repeats", "agency", "numbering", "score"])
def test_docstring_examples_are_true(module):
    import doctest
    import importlib
    result = doctest.testmod(importlib.import_module(f"extractor.rules.{module}"))
    assert result.attempted > 0 and result.failed == 0
