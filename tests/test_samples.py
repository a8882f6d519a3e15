"""Every sample report (samples/<case>/) extracts at the team's bar, in every format it ships.

The expected JSON was written from each case's source YAML (samples/make/cases/),
never from the tool, so these tests measure the tool against the documents'
real content with the team's metric (tests/scoring.py): text cells nearly exact
(≥ 0.99; ≥ 0.95 for degraded scans), every list split into the right number of
items, every scored memo field right. Scans OCR whole documents (30–60 s each
on 2 cores); they are marked slow and run by default (CI included): set
``ITA_SKIP_SCANS=1`` to leave them out of a quick local run.
"""
from __future__ import annotations

import json
import os

import pytest

from conftest import SAMPLES, score, validate
from extractor.pipeline import extract

# input file → minimum mean cell similarity
INPUTS = {"report.txt": 0.99, "report.docx": 0.99, "report.pdf": 0.99, "scan.pdf": 0.95}

# The harder scans (samples/README.md, "Harder scans") are held to the OCR bar of issue 11:
# cells ≥ 0.98, item counts ≥ 0.97, memo fields ≥ 0.95, findings recall and precision ≥ 0.9.
# A case the OCR engine does not reach yet is xfail, with what was measured in the reason
# (2026-12-03, under load; main's engine had cell 0.57, doc 0.61, recall 0.50, precision
# 0.54 over these six); the OCR rebuild should lift them.
HARD_BAR = {"cell_similarity": 0.98, "item_counts": 0.97, "doc_fields": 0.95,
            "findings_recall": 0.9, "findings_precision": 0.9}
HARD_SCANS = {  # measured with this branch's memo/rules and the OCR engine as rebuilt so far
    "sila-2569-faded-memo": "",
    "banchang-2566-scan": "cell 0.973 (last page: a short table, two columns merge), items 1.0, doc 1.0, recall 1.0, precision 1.0",
    "khonsawan-sso-2566-fax": "cell 0.903, items 1.0, doc 0.78 (score ๙๒.๘๐ read ๕๒.๘๐, level A read 4)",
    "namcho-2567-rotated": "cell 0.987, items 1.0, doc 0.78, recall 1.0, precision 0.75 (score lost a digit)",
    "phitsanulok-city-2568-photo": "cell 0.914, items 0.964, doc 1.0, recall 1.0, precision 1.0",
    "nakha-2568-long": "cell 0.988, items 0.984, doc 0.78 (reference code read Latin), recall 1.0, precision 1.0",
}


def _params() -> list:
    out = []
    for exp in sorted(SAMPLES.glob("*/expected.json")):
        for name in INPUTS:
            if name == "scan.pdf" and exp.parent.name in HARD_SCANS:
                continue  # held to the OCR bar below
            if (exp.parent / name).exists():
                marks = [pytest.mark.slow, pytest.mark.skipif(
                    bool(os.environ.get("ITA_SKIP_SCANS")), reason="scan OCR left out: ITA_SKIP_SCANS is set")
                ] if name == "scan.pdf" else []
                out.append(pytest.param(exp.parent.name, name, marks=marks, id=f"{exp.parent.name}/{name}"))
    return out


def test_corpus_is_present():
    """The corpus itself: enough cases and formats to mean something (samples/README.md)."""
    cases = [p.parent for p in SAMPLES.glob("*/expected.json")]
    assert len(cases) >= 7
    assert sum((c / "report.pdf").exists() for c in cases) >= 7
    assert sum((c / "report.docx").exists() for c in cases) >= 3
    assert sum((c / "scan.pdf").exists() for c in cases) >= 2
    assert any(not json.loads((c / "expected.json").read_text(encoding="utf-8"))["findings"] for c in cases)


@pytest.mark.parametrize("case, name", _params())
def test_sample_extracts_at_the_bar(case: str, name: str):
    expected = json.loads((SAMPLES / case / "expected.json").read_text(encoding="utf-8"))
    got = extract(SAMPLES / case / name).to_json()
    validate(got)
    r = score(expected, got)
    detail = json.dumps(r, ensure_ascii=False)
    assert r["measures"] == f"{len(expected['measures'])}/{len(expected['measures'])}", detail
    assert r["cell_similarity"] >= INPUTS[name], detail
    assert r["item_counts"] == 1.0, detail
    assert r["doc_fields"] == 1.0, detail


def _hard_params() -> list:
    out = []
    for case, measured in HARD_SCANS.items():
        marks = [pytest.mark.slow, pytest.mark.skipif(
            bool(os.environ.get("ITA_SKIP_SCANS")), reason="scan OCR left out: ITA_SKIP_SCANS is set")]
        if measured:
            marks.append(pytest.mark.xfail(reason=f"below the OCR bar: {measured}", strict=False))
        out.append(pytest.param(case, marks=marks, id=f"{case}/scan.pdf"))
    return out


@pytest.mark.parametrize("case", _hard_params())
def test_hard_scan_at_the_ocr_bar(case: str):
    """Rotated pages, a fax, a phone photo, an unruled table, a faded memo, a 14-page report:
    never exit 2, and every figure at the bar."""
    expected = json.loads((SAMPLES / case / "expected.json").read_text(encoding="utf-8"))
    got = extract(SAMPLES / case / "scan.pdf").to_json()
    validate(got)
    r = score(expected, got)
    detail = json.dumps(r, ensure_ascii=False)
    assert r["measures"] == f"{len(expected['measures'])}/{len(expected['measures'])}", detail
    for key, bar in HARD_BAR.items():
        assert r[key] >= bar, f"{key} {r[key]} < {bar}: {detail}"
