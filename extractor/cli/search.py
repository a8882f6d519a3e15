"""`ita search QUERY [--agency A] [--year Y] [--rule R] [--json] [--db FILE] [--limit N]`."""
from __future__ import annotations

import argparse
import sys

from rich.table import Table

from ..history.base import db_arg, open_store
from ..history.store import DEFAULT_DB
from .view import console, fiscal_year, marked, print_json

KIND_TH = {"memo": "บันทึกข้อความ", "measure": "ตาราง", "finding": "ข้อสังเกต"}
FIELD_TH = {  # column headers of the measure table (SPEC.md) and the memo's own labels
    "measure": "มาตรการ/กิจกรรม", "methods": "วิธีการดำเนินการ", "responsible": "ผู้รับผิดชอบ",
    "period": "ระยะเวลาดำเนินการ", "summary": "สรุปผลการดำเนินการ", "outcomes": "ผลลัพธ์",
    "agency": "หน่วยงาน", "subject": "เรื่อง", "division": "ส่วนราชการ", "addressee": "เรียน",
    "reference": "ที่", "signatories": "ผู้ลงนาม",
}


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "search", help="ค้นหาข้อความในรายงานที่เก็บไว้ (full-text search of indexed reports)",
        description="ค้นหาคำหรือวลี (ไทยหรืออังกฤษ) ในบันทึกข้อความ ช่องตารางมาตรการ และข้อสังเกตของรายงานที่เก็บไว้; "
        "QUERY ว่าง (\"\") แสดงรายงานตามตัวกรอง")
    p.add_argument("query", metavar="QUERY", help="คำหรือวลีที่ค้นหา เช่น คุณธรรม, \"QR Code\"")
    p.add_argument("--agency", help="เฉพาะหน่วยงานนี้ (สะกดใกล้เคียงได้)")
    p.add_argument("--year", type=fiscal_year, help="เฉพาะปีงบประมาณ (พ.ศ.) เช่น 2568")
    p.add_argument("--rule", help="เฉพาะรายงานที่มีข้อสังเกตตามกฎนี้ เช่น agency-mismatch")
    p.add_argument("--limit", type=int, default=20, help="จำนวนผลลัพธ์สูงสุด (default 20)")
    p.add_argument("--json", action="store_true", help="ผลลัพธ์เป็น JSON (ดู docs/history.md)")
    p.add_argument("--db", type=db_arg, default=DEFAULT_DB,
                   help=f"ไฟล์ฐานข้อมูล SQLite หรือ postgresql://… (default {DEFAULT_DB})")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    store = open_store(args.db, create=False)
    result = store.search(args.query, agency=args.agency, year=args.year, rule=args.rule,
                    limit=max(1, args.limit))
    store.close()
    if args.json:
        print_json(result)
        return 0
    if result["agencies"] == []:
        print(f"ไม่พบหน่วยงาน \"{args.agency}\" ในฐานข้อมูล (no such agency)", file=sys.stderr)
        return 0
    if not result["hits"]:
        print(f"ไม่พบ \"{args.query}\" (no hits)", file=sys.stderr)
        return 0
    table = Table(title=f"ผลการค้นหา \"{args.query}\": {result['count']} รายการ"
                  + (" (ค้นแบบข้อความย่อย)" if result["mode"] == "substring" else ""))
    for col in ("หน่วยงาน", "ปี", "มาตรการ", "ส่วน", "ข้อความ"):
        table.add_column(col, overflow="fold")
    for h in result["hits"]:
        field = FIELD_TH.get(h["field"], h["field"])
        where = KIND_TH[h["kind"]] + (f" · {field}" if field else "") + (f"\n{h['rule']}" if h["rule"] else "")
        table.add_row(h["agency"] or "-", str(h["fiscal_year"] or "-"),
                      str(h["measure"]) if h["measure"] is not None else "-", where,
                      marked(h["snippet"], h["highlights"]))
    console().print(table)
    return 0
