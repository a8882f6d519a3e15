"""`ita text INPUT`: the repaired Thai text of any document, report or not (read in a guarded worker)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .options import add_limit_args, options_from


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("text", help="ข้อความภาษาไทยที่ซ่อมแล้ว (repaired Thai text of any document)")
    p.add_argument("input", type=Path, metavar="INPUT")
    add_limit_args(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..batch.pool import default_workers, run_guarded

    result = run_guarded(args.input, options_from(args, ocr_workers=default_workers()), task="text", warm=False)
    if not result.ok:
        print(f"ita: {args.input}: {result.reason}", file=sys.stderr)
        return 2
    sys.stdout.write(result.text or "")
    for note in result.notes:  # an info line, as `extract` gives an info finding
        print(note, file=sys.stderr)
    return 0
