"""`ita rules [--json]`: every rule the engine knows, as ruff lists its rules.

Each rule (and each declared variant: a sub-case with its own severity and
message) with its id, default severity, whether ``ita fix`` may apply its
suggestion, its Thai and English description, what it does, why it is bad and
an example that fires it (``tests/test_rule_examples.py`` runs every example).
"""
from __future__ import annotations

import argparse
from dataclasses import asdict
from typing import Any

from .view import console, print_json


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("rules", help="รายการกฎตรวจรายงาน (list the checking rules)",
                       description="แสดงกฎทุกข้อ: รหัส ระดับ แก้อัตโนมัติได้หรือไม่ คำอธิบายไทย/อังกฤษ และตัวอย่าง "
                       "(every rule: id, severity, fixable, Thai and English description, example)")
    p.add_argument("--json", action="store_true", help="print the rules as JSON")
    p.set_defaults(func=run)


def catalogue() -> list[dict[str, Any]]:
    """The rules as data, in registry order (the ``--json`` shape)."""
    from ..rules import RULES
    out = []
    for r in RULES.values():
        out.append({
            "id": r.id, "severity": r.severity, "fixable": r.fixable,
            "message": r.message, "message_en": r.message_en,
            "what": r.section("what"), "why": r.section("why"), "fix": r.section("fix"),
            "example": _example(r.example),
            "variants": [{"key": v.key, "severity": v.severity, "message": v.message,
                          "message_en": v.message_en, "what": v.doc, "example": _example(v.example)}
                         for v in r.variants],
        })
    return out


def _example(ex) -> dict[str, Any] | None:
    if ex is None:
        return None
    d = {k: v for k, v in asdict(ex).items() if v not in (None, {}, [])}
    return d


def run(args: argparse.Namespace) -> int:
    rules = catalogue()
    if args.json:
        print_json(rules)
        return 0
    from rich.table import Table
    from rich.text import Text
    table = Table(title=f"กฎตรวจรายงาน ITA ({len(rules)} rules)", show_lines=True)
    table.add_column("id", no_wrap=True, style="bold")
    table.add_column("severity", no_wrap=True)
    table.add_column("fix", no_wrap=True)
    table.add_column("คำอธิบาย / description", overflow="fold", ratio=3)
    table.add_column("ตัวอย่าง / example", overflow="fold", ratio=2)
    for r in rules:
        table.add_row(r["id"], r["severity"], "✓" if r["fixable"] else "",
                      _described(r["message"], r["message_en"], r["why"]), _shown(r["example"]))
        for v in r["variants"]:
            table.add_row(f"  └ {v['key']}", v["severity"], "",
                          _described(v["message"], v["message_en"], v["what"]), _shown(v["example"]))
    console().print(table)
    return 0


def _described(th: str, en: str, more: str) -> "Text":
    from rich.text import Text  # plain Text, never markup: rule docs hold brackets
    return Text.assemble(th, "\n", en, "\n", (more, "dim"))


def _shown(ex: dict[str, Any] | None) -> "Text":
    from rich.text import Text
    if not ex:
        return Text("-")
    needs = " --db" if ex.get("history") else " --plan" if ex.get("plan") else ""
    return Text.assemble(ex["text"], (f"  ({ex.get('place', 'summary')}{needs})", "dim"))
