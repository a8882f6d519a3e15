"""Each rule's example as a real input: a minimal report that the example's text makes fire.

The examples are declared with the rules (:class:`~extractor.rules.engine.Example`);
``ita rules`` prints them and ``tests/test_rule_examples.py`` runs every one
through the engine, so a documented example that stops firing fails the tests.
"""
from __future__ import annotations

import copy
from typing import Any

from ..model import FIELDS, LIST_FIELDS
from .engine import Example

BASE_DOCUMENT: dict[str, Any] = {
    "kind": "report",
    "agency": "องค์การบริหารส่วนตำบลหินเหล็กไฟ", "division": "สำนักปลัด",
    "reference": "ปข ๗๕๐๐๑/๓๘๙", "date": "2025-03-05",
    "subject": "รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. ๒๕๖๘",
    "addressee": "นายกองค์การบริหารส่วนตำบลหินเหล็กไฟ", "fiscal_year": 2568,
    "period": {"start": "2024-10-01", "end": "2025-09-30"},
    "ita_score": None, "ita_result": None, "signatories": [],
}
BASE_MEASURE: dict[str, Any] = {
    "number": 1, "measure": "การเปิดเผยข้อมูลสาธารณะ",
    "methods": ["เผยแพร่ข้อมูลทางเว็บไซต์"], "responsible": ["สำนักปลัด"],
    "period": {"text": "ตุลาคม ๒๕๖๗ – กันยายน ๒๕๖๘", "start": "2024-10-01", "end": "2025-09-30"},
    "summary": ["เผยแพร่ข้อมูลครบทุกหัวข้อ"], "outcomes": ["ประชาชนเข้าถึงข้อมูลได้สะดวก"], "pages": None,
}
DOC_FIELDS = tuple(k for k in BASE_DOCUMENT if k not in ("kind", "period", "signatories"))


def example_input(ex: Example) -> tuple[dict[str, Any], list[tuple[str, int | None]]]:
    """(report JSON, memo lines) with ``ex.text`` placed where ``ex.place`` says."""
    doc = {**copy.deepcopy(BASE_DOCUMENT), **copy.deepcopy(ex.document)}
    measures = copy.deepcopy(ex.measures) if ex.measures is not None else [copy.deepcopy(BASE_MEASURE)]
    memo: list[tuple[str, int | None]] = [("บันทึกข้อความ", 1)]
    if ex.place == "memo":
        memo.append((ex.text, 1))
    elif ex.place in DOC_FIELDS:
        doc[ex.place] = ex.text
        memo.append((ex.text, 1))
    elif ex.place in FIELDS and measures:
        m = measures[0]
        if ex.place in LIST_FIELDS:
            m[ex.place] = [ex.text]
        elif ex.place == "period":
            m["period"] = {"text": ex.text, "start": None, "end": None}
        else:
            m[ex.place] = ex.text
    source = {"file": "example.txt", "sha256": None, "format": "text", "pages": None, "ocr": False,
              **(ex.source or {})}
    return {"schema": "ita-extract/1", "source": source, "document": doc, "measures": measures}, memo
