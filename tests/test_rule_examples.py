"""Every rule documents an example that fires it, and every declared variant one of its own."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from extractor.rules import RULES, check
from extractor.rules.config import load
from extractor.rules import run_example
from extractor.rules.examples import example_input

ROOT = Path(__file__).resolve().parents[1]
CASES = [(rid, None) for rid in RULES] + [(rid, v.key) for rid, r in RULES.items() for v in r.variants]


@pytest.mark.parametrize("rid,variant", CASES, ids=[f"{r}:{v}" if v else r for r, v in CASES])
def test_example_fires(rid, variant):
    r = RULES[rid]
    v = r.variant(variant)
    ex = v.example if v else r.example
    assert ex is not None, f"{rid} {variant or ''} has no example"
    found = run_example(rid, ex)
    if v:  # the variant's own severity and message, under the rule's id
        assert any(f["severity"] == v.severity and f["message_en"] == v.message_en for f in found), found
    else:
        assert any(f["severity"] == r.severity for f in found), found
    assert any(ex.text in f["text"] or f["text"] in ex.text for f in found if f["text"]) or \
        any(not f["text"] for f in found), found


def test_every_rule_is_in_ruffs_shape():
    for rid, r in RULES.items():
        assert r.message and r.message_en.isascii(), rid
        assert r.section("what") and r.section("why") and r.section("fix"), rid
        assert isinstance(r.fixable, bool)
        assert len({v.key for v in r.variants}) == len(r.variants), rid


def test_yaml_switches_a_variant_off_and_reshades_another(tmp_path):
    ex = RULES["agency-mismatch"].variant("legitimate-mention").example
    report, memo = example_input(ex)
    assert any(f["severity"] == "info" for f in check(report, memo) if f["rule"] == "agency-mismatch")
    office = tmp_path / "office.yaml"
    office.write_text("rules:\n  agency-mismatch:\n    variants:\n      legitimate-mention: {enabled: false}\n",
                      encoding="utf-8")
    assert not [f for f in check(report, memo, rules_files=[office]) if f["rule"] == "agency-mismatch"]
    office.write_text("rules:\n  agency-mismatch:\n    variants:\n      legitimate-mention: {severity: warning}\n",
                      encoding="utf-8")
    got = [f for f in check(report, memo, rules_files=[office]) if f["rule"] == "agency-mismatch"]
    assert [f["severity"] for f in got] == ["warning"] and got[0]["rule"] == "agency-mismatch"


def test_a_bad_variant_severity_is_refused(tmp_path):
    from extractor.errors import UnusableInput
    office = tmp_path / "office.yaml"
    office.write_text("rules:\n  agency-mismatch:\n    variants:\n      other-level: {severity: loud}\n",
                      encoding="utf-8")
    with pytest.raises(UnusableInput):
        load([office])
    office.write_text("rules:\n  agency-mismatch:\n    variants: [other-level]\n", encoding="utf-8")
    with pytest.raises(UnusableInput):
        load([office])


def test_ita_rules_json_lists_every_rule_and_variant():
    out = subprocess.run([sys.executable, str(ROOT / "cli.py"), "rules", "--json"], capture_output=True,
                         text=True, check=True).stdout
    rules = json.loads(out)
    assert [r["id"] for r in rules] == list(RULES)
    mismatch = next(r for r in rules if r["id"] == "agency-mismatch")
    assert {v["key"] for v in mismatch["variants"]} == {"legitimate-mention", "other-type", "other-level",
                                                         "ocr-misread"}
    for r in rules:
        assert r["severity"] in ("error", "warning", "info") and r["example"]["text"]
        assert r["message"] and r["message_en"] and r["why"] and isinstance(r["fixable"], bool)


def test_ita_rules_table_names_every_rule():
    out = subprocess.run([sys.executable, str(ROOT / "cli.py"), "rules"], capture_output=True, text=True,
                         check=True, env={"COLUMNS": "200", "PATH": "/usr/bin:/bin"}).stdout
    for rid in RULES:
        assert rid in out
