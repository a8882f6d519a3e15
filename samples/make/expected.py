"""expected.json from the case YAML alone, in the seed's ita-extract/1 shape.

Item numbers are never in the JSON lists (SPEC: "๑. แต่งตั้ง…" → "แต่งตั้ง…"),
so the YAML keeps items unnumbered and the writers add the numbers.
Findings are the ones listed by hand in the YAML, in the seed's key order.
"""
from __future__ import annotations

from typing import Any

from case import items

FINDING_KEYS = ("rule", "severity", "measure", "field", "text", "suggestion")


def _iso(v: Any) -> str | None:
    return None if v is None else str(v)  # YAML gives datetime.date for 2025-02-20


def _flat(entries: list[str]) -> list[str]:
    """An item's sub-lines ("…ดังนี้\n- ก") are one entry: SPEC joins unnumbered fragments."""
    return [" ".join(e.split("\n")) for e in entries]


def build_expected(case: dict[str, Any], source_file: str, fmt: str, pages: int | None) -> dict[str, Any]:
    memo, rep = case["memo"] or {}, case["report"]
    fy = case["fiscal_year"]
    period = {"start": f"{fy - 544}-10-01", "end": f"{fy - 543}-09-30"}
    document = {
        "kind": case.get("kind", "report"),
        "agency": case["agency"],
        "division": memo.get("division"),
        "reference": memo.get("reference"),
        "date": _iso(memo.get("date")),
        "subject": memo.get("subject"),
        "addressee": memo.get("addressee"),
        "fiscal_year": fy,
        "period": period,
        "ita_score": rep.get("ita_score"),
        "ita_result": rep.get("ita_result"),
        "signatories": [{"name": s["name"], "position": s["position"]}
                        for s in memo.get("signatories", []) + rep.get("signers", [])],  # memo, then report signers
    }
    measures = []
    for m in case["measures"]:
        d: dict[str, Any] = {"number": m["number"], "measure": m["measure"]}
        for f in ("methods", "responsible"):
            d[f] = _flat(items(m.get(f)))
        d["period"] = {"text": m["period"]["text"], "start": _iso(m["period"].get("start")),
                       "end": _iso(m["period"].get("end"))}
        for f in ("summary", "outcomes"):
            d[f] = _flat(items(m.get(f))) if case.get("kind", "report") == "report" else []
        d["pages"] = None
        measures.append(d)
    findings = [{k: f.get(k) for k in FINDING_KEYS} for f in case["findings"]]
    for f in findings:
        f["text"] = f["text"] or ""
    return {
        "schema": "ita-extract/1",
        "source": {"file": source_file, "sha256": None, "format": fmt, "pages": pages, "ocr": False},
        "document": document,
        "measures": measures,
        "findings": findings,
    }
