"""Load one case's source YAML and fill in the defaults every writer relies on.

The YAML is the single source of truth for a sample: the DOCX, PDF, text and
expected.json are all written from it, so expected output never comes from the
tool under test.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

HEADERS = ["มาตรการ/กิจกรรม", "วิธีการดำเนินการ", "ผู้รับผิดชอบ", "ระยะเวลาดำเนินการ",
           "สรุปผลการดำเนินการ", "ผลลัพธ์หรือความสำเร็จของการดำเนินการ"]
LIST_FIELDS = ("methods", "responsible", "summary", "outcomes")
# A plan (kind: plan) has no result columns; some add a budget or an indicator column.
PLAN_HEADERS = ["มาตรการ/กิจกรรม", "วิธีการดำเนินการ", "ผู้รับผิดชอบ", "ระยะเวลาดำเนินการ"]
EXTRA_HEADERS = {"budget": "งบประมาณ", "indicator": "ตัวชี้วัด"}
THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"

TABLE_DEFAULTS = {
    "orientation": "landscape",   # portrait | landscape
    "borders": True,              # False: a table without ruling lines
    "repeat_header": True,        # False: header only on the first table page
    "numbering": "thai",          # thai (๑.) | arabic (1.) | word (Word list numbering)
    "headers": HEADERS,
    "caption_row": None,          # text of a merged row above the header (DOCX/PDF only)
}


def load(path: Path) -> dict[str, Any]:
    """Read cases/<id>.yaml; raise ValueError on a missing required key.

    A variant (``variant_of: <case id>``) is another case's content scanned another way:
    it takes every key of that case and overrides ``id``, ``outputs`` and ``scan``."""
    case = yaml.safe_load(path.read_text(encoding="utf-8"))
    if "variant_of" in case:
        base = yaml.safe_load((path.parent / f"{case['variant_of']}.yaml").read_text(encoding="utf-8"))
        case = {**base, **case}
    for key in ("id", "agency", "fiscal_year", "memo", "report", "measures"):  # memo may be null
        if key not in case:
            raise ValueError(f"{path.name}: missing {key}")
    case.setdefault("kind", "report")
    table = case.get("table") or {}
    if case["kind"] == "plan":
        table.setdefault("columns", ["measure", "methods", "responsible", "period"] + table.get("extra", []))
        table.setdefault("headers", PLAN_HEADERS + [EXTRA_HEADERS[x] for x in table.get("extra", [])])
    case["table"] = {**TABLE_DEFAULTS, "columns": ["measure", "methods", "responsible", "period", "summary",
                                                   "outcomes"], **table}
    case.setdefault("context", None)  # findings expected only with a history or a plan (context.json)
    case.setdefault("font", "Laksaman")
    case.setdefault("font_size", 16)
    case.setdefault("outputs", ["pdf", "docx"])
    case.setdefault("findings", [])
    case.setdefault("txt", {})
    case.setdefault("scan", {})
    for i, m in enumerate(case["measures"]):
        m.setdefault("number", i + 1)
        for f in LIST_FIELDS:
            m.setdefault(f, [])
    by_no = {m["number"]: m for m in case["measures"]}
    for mg in case["table"].get("merge", []):  # a merged cell means the same value in every row
        first = by_no[mg["from"]][mg["field"]]
        for n in range(mg["from"], mg["to"] + 1):
            if by_no[n][mg["field"]] != first:
                raise ValueError(f"{path.name}: merged {mg['field']} differs in measure {n}")
    return case


def items(value: Any) -> list[str]:
    """A cell's JSON list: a YAML string is one unnumbered entry, a list is numbered items."""
    if value is None or value == "":
        return []
    return [value] if isinstance(value, str) else list(value)


def is_numbered(value: Any) -> bool:
    return isinstance(value, list)


def number_label(n: int, style: str) -> str:
    """1 → "๑." (thai) or "1." (arabic / word fallback)."""
    s = str(n)
    if style == "thai":
        s = "".join(THAI_DIGITS[int(c)] for c in s)
    return s + "."


def footer_lines(case: dict[str, Any]) -> list[str]:
    """Text after the table: report notes, then each report signer's block ("ผู้รายงาน")."""
    rep = case["report"]
    lines = list(rep.get("notes", []))
    for s in rep.get("signers", []):
        lines += ["ลงชื่อ" + "." * 40 + s.get("role", "ผู้รายงาน"), f"({s['name']})", s["position"]]
    return lines
