"""Samples that need context (issue 16): last year's report in a real history store, or the plan.

A case's ``context.json`` (written by samples/make from the case YAML, never from
the tool) names the cases that make its context — ``history``: reports indexed
into a SQLite store first; ``plan``: the plan case — and the findings expected
only with that context. The report is extracted with it and held to the bar;
the context rules must give exactly the expected findings (a clean pair: none).
Every text sample, context or not, must also be quiet on the new rules except
where its expected.json says otherwise.
"""
from __future__ import annotations

import json

import pytest

from conftest import SAMPLES, score, validate
from extractor.history.store import connect, index_report
from extractor.pipeline import extract

CONTEXT_RULES = {"copied-from-previous-year", "plan-not-reported", "not-in-plan", "plan-period-changed"}
NEW_RULES = {"weekday-mismatch", "reference-province", "date-out-of-period"} | CONTEXT_RULES
CASES = sorted(p.parent.name for p in SAMPLES.glob("*/context.json"))


def _key(f: dict) -> tuple:
    return (f["rule"], f["severity"], -1 if f["measure"] is None else f["measure"], f["field"] or "")


@pytest.mark.parametrize("case", CASES)
def test_context_sample(case, tmp_path):
    ctx = json.loads((SAMPLES / case / "context.json").read_text(encoding="utf-8"))
    expected = json.loads((SAMPLES / case / "expected.json").read_text(encoding="utf-8"))
    db = None
    if ctx.get("history"):
        db = tmp_path / "history.sqlite"
        conn = connect(db)
        for other in ctx["history"]:
            index_report(conn, extract(SAMPLES / other / "report.txt").to_json())
        conn.close()
    plan = extract(SAMPLES / ctx["plan"] / "report.txt", with_findings=False).to_json() if ctx.get("plan") else None
    got = extract(SAMPLES / case / "report.txt", history=db, plan=plan).to_json()
    validate(got)
    r = score({**expected, "findings": expected["findings"] + ctx["findings"]}, got)
    detail = json.dumps(r, ensure_ascii=False)
    assert r["findings_recall"] == 1.0 and r["findings_precision"] == 1.0 and r["cell_similarity"] == 1.0, detail
    assert sorted(_key(f) for f in got["findings"] if f["rule"] in CONTEXT_RULES) == \
        sorted(_key(f) for f in ctx["findings"]), detail


def test_without_context_the_context_rules_are_quiet():
    for case in CASES:
        got = extract(SAMPLES / case / "report.txt").to_json()
        assert not [f for f in got["findings"] if f["rule"] in CONTEXT_RULES], case


@pytest.mark.parametrize("case", sorted(p.parent.name for p in SAMPLES.glob("*/report.txt")))
def test_new_rules_fire_only_where_expected(case):
    expected = json.loads((SAMPLES / case / "expected.json").read_text(encoding="utf-8"))
    got = extract(SAMPLES / case / "report.txt").to_json()
    want = sorted(_key(f) for f in expected["findings"] if f["rule"] in NEW_RULES)
    assert sorted(_key(f) for f in got["findings"] if f["rule"] in NEW_RULES) == want, case
    assert got["document"]["kind"] == expected["document"].get("kind", "report")


def test_plan_sample_is_a_plan_without_results():
    got = extract(SAMPLES / "khlongtakrao-plan-2568" / "report.txt").to_json()
    assert got["document"]["kind"] == "plan" and len(got["measures"]) == 5
    assert all(not m["summary"] and not m["outcomes"] for m in got["measures"])
    assert not [f for f in got["findings"] if f["rule"] == "empty-cell"]
    validate(got)


def test_history_counts_entries_copied_from_the_year_before(tmp_path):
    from extractor.history.search import agency_history
    conn = connect(tmp_path / "h.sqlite")
    for case in ("bankrang-2567", "bankrang-2568", "naphu-2567", "naphu-2568"):
        index_report(conn, extract(SAMPLES / case / "report.txt").to_json())
    copied = {a: [r["copied_from_previous"] for r in agency_history(conn, a)["reports"]]
              for a in ("อบต.บ้านกร่าง", "อบต.นาพู่")}
    conn.close()
    assert copied == {"อบต.บ้านกร่าง": [None, 3], "อบต.นาพู่": [None, 0]}


def _ita(*args: str):
    import subprocess
    import sys
    from conftest import ROOT
    return subprocess.run([sys.executable, str(ROOT / "cli.py"), *args], capture_output=True, text=True)


def test_check_with_db_and_plan_from_the_command_line(tmp_path):
    db = tmp_path / "h.sqlite"
    conn = connect(db)
    index_report(conn, extract(SAMPLES / "bankrang-2567" / "report.txt").to_json())
    conn.close()
    r = _ita("check", "--json", "--db", str(db), str(SAMPLES / "bankrang-2568" / "report.txt"))
    assert r.returncode == 0, r.stderr  # warnings only
    assert [f["rule"] for f in json.loads(r.stdout)].count("copied-from-previous-year") == 3
    r = _ita("check", "--json", "--plan", str(SAMPLES / "khlongtakrao-plan-2568" / "report.txt"),
             str(SAMPLES / "khlongtakrao-2568" / "report.txt"))
    rules = sorted(f["rule"] for f in json.loads(r.stdout))
    assert rules == ["not-in-plan", "plan-not-reported", "plan-period-changed"], r.stderr


def test_check_refuses_a_missing_store_or_plan_in_one_line(tmp_path):
    report = str(SAMPLES / "naphu-2568" / "report.txt")
    for args in (["--db", str(tmp_path / "none.sqlite")], ["--plan", str(tmp_path / "none.pdf")]):
        r = _ita("check", *args, report)
        assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr, r.stderr


def test_an_indexed_plan_is_found_through_the_history(tmp_path):
    """With the plan indexed, ``ita check REPORT --db H`` compares the report with it (no --plan)."""
    db = tmp_path / "h.sqlite"
    conn = connect(db)
    index_report(conn, extract(SAMPLES / "khlongtakrao-plan-2568" / "report.txt", with_findings=False).to_json())
    conn.close()
    r = _ita("check", "--json", "--db", str(db), str(SAMPLES / "khlongtakrao-2568" / "report.txt"))
    rules = sorted(f["rule"] for f in json.loads(r.stdout))
    assert rules == ["not-in-plan", "plan-not-reported", "plan-period-changed"], r.stderr
    # another agency's report, or the same agency's report of another year, finds no plan
    r = _ita("check", "--json", "--db", str(db), str(SAMPLES / "bankrang-2568" / "report.txt"))
    assert not {f["rule"] for f in json.loads(r.stdout)} & CONTEXT_RULES, r.stderr
