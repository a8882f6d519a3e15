"""`ita fix DRAFT.docx [-o FIXED.docx] [--dry-run] [--json]`: the draft back, corrected.

Every finding with a safe suggestion (rules declared ``fixable``) and the Thai
text damage become Word tracked changes by "ita"; every other finding becomes a
Word comment carrying its Thai message (:mod:`extractor.fix`). The draft itself
is never overwritten; the copy goes beside it as ``…-fixed.docx``. Exit status
0 when done, 2 on unusable input (a PDF: use ``ita check``).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TextIO

from ..errors import UnusableInput


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("fix", help="แก้ร่าง Word ให้ถูกต้องแบบติดตามการเปลี่ยนแปลง (fix a DOCX draft with tracked changes)",
                       description="เขียนสำเนาร่าง .docx ที่แก้ข้อผิดพลาดที่แก้ได้อย่างปลอดภัยเป็นการติดตามการเปลี่ยนแปลง "
                       "และใส่ข้อคิดเห็นในจุดที่ต้องให้คนตัดสิน (write a copy of the draft with safe fixes as tracked "
                       "changes and a comment on every other finding)")
    p.add_argument("input", type=Path, metavar="DRAFT.docx", help="the Word draft")
    p.add_argument("-o", "--output", type=Path, default=None, metavar="FIXED.docx",
                   help="where to write the copy (default: beside the draft, <name>-fixed.docx)")
    p.add_argument("--dry-run", action="store_true", help="show what would change; write nothing")
    p.add_argument("--json", action="store_true", help="print the summary as JSON")
    p.add_argument("--no-comments", action="store_true", help="tracked changes only, no comments")
    p.add_argument("--rules", action="append", type=Path, default=[], metavar="FILE",
                   help="extra rules YAML (adds to / overrides rules/*.yaml)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..fix import FixOptions, fix_docx

    options = FixOptions(rules_files=tuple(args.rules), dry_run=args.dry_run, comments=not args.no_comments)
    try:
        summary = fix_docx(args.input, args.output, options)
    except UnusableInput as e:
        print(f"ita: {args.input}: {e.reason}", file=sys.stderr)
        return 2
    if args.json:
        sys.stdout.write(json.dumps(summary.to_json(), ensure_ascii=False, indent=2) + "\n")
    elif sys.stdout.isatty():
        _show_rich(summary)
    else:
        sys.stdout.write(plain(summary))
    return 0


def _headline(summary) -> str:
    n, c = len(summary.changes), len(summary.comments)
    verb = "จะแก้" if summary.dry_run else "แก้"
    where = "(dry run: ไม่ได้เขียนไฟล์)" if summary.dry_run else f"→ {summary.output}"
    return f"{summary.input}: {verb} {n} จุด, ข้อคิดเห็น {c} รายการ {where}"


def plain(summary) -> str:
    """The summary as plain lines (pipes, logs): counts per rule, then each change with --dry-run."""
    lines = [_headline(summary)]
    for rule, n in sorted(summary.per_rule.items()):
        lines.append(f"  {rule:<21} {n}")
    if summary.dry_run:
        for ch in summary.changes:
            lines.append(f"  {ch.rule:<21} «{ch.before}» → «{ch.after}»   …{ch.context}…")
        for note in summary.comments:
            lines.append(f"  comment {note.rule:<13} {note.message}" + (f" «{note.text}»" if note.text else ""))
    return "\n".join(lines) + "\n"


def _show_rich(summary, out: TextIO | None = None) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console(highlight=False, file=out)
    console.print(Text(_headline(summary), style="bold"))
    table = Table(show_header=True, header_style="dim", box=None)
    table.add_column("rule")
    table.add_column("changes", justify="right")
    for rule, n in sorted(summary.per_rule.items()):
        table.add_row(rule, str(n))
    table.add_row(Text("comments", style="dim"), str(len(summary.comments)))
    console.print(table)
    if summary.dry_run:
        for ch in summary.changes:
            console.print(Text.assemble(f"  {ch.rule:<21} ", (f"«{ch.before}»", "red strike"), " → ",
                                        (f"«{ch.after}»", "green"), (f"   …{ch.context}…", "dim")), overflow="fold")
        for note in summary.comments:
            console.print(Text.assemble("  ", ("comment ", "cyan"), f"{note.rule:<13} ", note.message,
                                        (f" «{note.text}»" if note.text else "", "italic")), overflow="fold")
