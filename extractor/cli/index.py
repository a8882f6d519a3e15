"""`ita index PATH… [--db FILE]`: add reports (documents or ita-extract/1 JSON) to the history store."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import UnusableInput
from ..history.base import db_arg, open_store, store_errors
from ..history.store import DEFAULT_DB, load_report_json, should_optimize
from .options import add_limit_args, options_from

# In a folder, only these are taken (a single file named on the command line is always tried).
SUFFIXES = {".json", ".pdf", ".docx", ".png", ".jpg", ".jpeg", ".tif", ".tiff", ".txt", ".html", ".htm"}
STATUS_TH = {"added": "เพิ่ม", "replaced": "แทนที่", "updated": "ปรับปรุง", "unchanged": "ไม่เปลี่ยน"}


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "index", help="เก็บรายงานเข้าฐานข้อมูลประวัติเพื่อค้นหา (index reports into the history store)",
        description="เก็บรายงาน (เอกสารหรือ JSON ita-extract/1 หรือโฟลเดอร์) เข้าฐานข้อมูลประวัติ; "
        "ไฟล์เดิมที่ไม่เปลี่ยนจะไม่ถูกเก็บซ้ำ, ไฟล์ที่เปลี่ยนจะแทนที่ฉบับเก่า")
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="เอกสาร, JSON ita-extract/1 หรือโฟลเดอร์")
    p.add_argument("--db", type=db_arg, default=DEFAULT_DB,
                   help=f"ไฟล์ฐานข้อมูล SQLite หรือ postgresql://… (default {DEFAULT_DB})")
    add_limit_args(p)
    p.set_defaults(func=run)


def inputs(paths: list[Path]) -> list[Path]:
    """Files named, plus the report-like files under each folder (sorted, hidden ones skipped)."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out.extend(sorted(f for f in path.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES
                              and not any(part.startswith(".") for part in f.relative_to(path).parts)))
        else:
            out.append(path)
    return out


class ReportReader:
    """Documents go through the guarded worker (warm after the first); JSON results are read as they are."""

    def __init__(self, args: argparse.Namespace) -> None:
        from ..batch.pool import default_workers
        self.options = options_from(args, ocr_workers=default_workers())
        self.ctx = None

    def __call__(self, path: Path) -> dict:
        from ..batch.pool import context, run_guarded
        data = load_report_json(path)
        if data is not None:
            return data
        self.ctx = self.ctx or context()
        result = run_guarded(path, self.options, ctx=self.ctx)
        if not result.ok:
            raise UnusableInput(result.reason or "-")
        return result.data()


def run(args: argparse.Namespace) -> int:
    files = inputs(args.paths)
    if not files:
        raise UnusableInput("ไม่พบไฟล์รายงานที่จะเก็บ (no report files found)")
    report_of = ReportReader(args)
    store = open_store(args.db)
    tally: dict[str, int] = {}
    unusable = internal = 0
    for path in files:
        try:
            data = report_of(path)
            status = store.index_report(data)
        except UnusableInput as e:
            print(f"ita: {path}: {e}", file=sys.stderr)
            unusable += 1
            continue
        except (OSError, ValueError, KeyError, TypeError, AttributeError, ImportError, *store_errors()) as e:
            print(f"ita: {path}: ข้อผิดพลาดภายใน ข้ามไฟล์นี้ (internal error: {type(e).__name__}: {e})",
                  file=sys.stderr)
            internal += 1
            continue
        tally[status] = tally.get(status, 0) + 1
        doc = data.get("document") or {}
        print(f"{STATUS_TH[status]}\t{path}\t{doc.get('agency') or '-'}\t{doc.get('fiscal_year') or '-'}")
    changed = sum(n for k, n in tally.items() if k != "unchanged")
    if should_optimize(changed, store.counts()["reports"]):
        store.optimize()
    store.close()
    parts = [f"{STATUS_TH[k]} {tally[k]}" for k in STATUS_TH if tally.get(k)]
    if unusable or internal:
        parts.append(f"ล้มเหลว {unusable + internal}")
    print(f"{len(files)} ไฟล์: {', '.join(parts)} → {args.db}", file=sys.stderr)
    return 2 if unusable else 1 if internal else 0
