"""`ita history AGENCY [--db FILE] [--json]`: one agency's reports across fiscal years."""
from __future__ import annotations

import argparse
import sys

from rich.table import Table

from ..history.base import db_arg, open_store
from ..history.store import DEFAULT_DB
from .view import console, print_json

TITLE_CHARS = 70  # a measure title is cut here in the table (the JSON has it whole)


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "history", help="รายงานของหน่วยงานหนึ่งในแต่ละปีงบประมาณ (one agency's reports across years)",
        description="แสดงรายงานของหน่วยงานในแต่ละปีงบประมาณ: มาตรการ คะแนน/ผล ITA และจำนวนข้อสังเกตตามกฎ; "
        "ชื่อหน่วยงานสะกดใกล้เคียงหรือย่อ (อบต., ทต.) ได้")
    p.add_argument("agency", metavar="AGENCY", help="ชื่อหน่วยงาน เช่น องค์การบริหารส่วนตำบลหินเหล็กไฟ หรือ อบต.หินเหล็กไฟ")
    p.add_argument("--json", action="store_true", help="ผลลัพธ์เป็น JSON (ดู docs/history.md)")
    p.add_argument("--db", type=db_arg, default=DEFAULT_DB,
                   help=f"ไฟล์ฐานข้อมูล SQLite หรือ postgresql://… (default {DEFAULT_DB})")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    store = open_store(args.db, create=False)
    result = store.agency_history(args.agency)
    store.close()
    if args.json:
        print_json(result)
        return 0 if result["reports"] else 1
    if not result["reports"]:
        print(f"ไม่พบหน่วยงาน \"{args.agency}\" ในฐานข้อมูล (no such agency in the history store)", file=sys.stderr)
        return 1
    several = len(result["agencies"]) > 1
    table = Table(title="ประวัติรายงาน ITA: " + ", ".join(result["agencies"]), show_lines=True)
    if several:
        table.add_column("หน่วยงาน", overflow="fold")
    for col in ("ปีงบประมาณ", "วันที่", "คะแนน ITA", "ผล"):
        table.add_column(col, no_wrap=True)
    table.add_column("มาตรการ", overflow="fold", min_width=24)
    table.add_column("ข้อสังเกต", no_wrap=True)
    table.add_column("ซ้ำปีก่อน", no_wrap=True)
    table.add_column("ไฟล์", overflow="fold", max_width=16)
    for r in result["reports"]:
        measures = "\n".join(f"{m['number'] if m['number'] is not None else '-'}.\u00a0{_cut(m['title'])}"
                             for m in r["measures"]) or "-"
        findings = "\n".join(f"{rule} ×{n}" for rule, n in r["findings"].items()) or "-"
        row = [str(r["fiscal_year"] or "-"), r["date"] or "-",
               "-" if r["ita_score"] is None else f"{r['ita_score']:.2f}", r["ita_result"] or "-",
               measures, findings, "-" if r["copied_from_previous"] is None else str(r["copied_from_previous"]),
               r["source_file"]]
        table.add_row(*([r["agency"]] if several else []), *row)
    console().print(table)
    return 0


def _cut(title: str) -> str:
    return title if len(title) <= TITLE_CHARS else title[: TITLE_CHARS - 1] + "…"
