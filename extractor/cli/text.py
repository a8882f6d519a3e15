"""`ita text INPUT`: the repaired Thai text of any document, report or not."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..read import read
from ..read.base import Line
from ..text.normalize import normalize


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("text", help="ข้อความภาษาไทยที่ซ่อมแล้ว (repaired Thai text of any document)")
    p.add_argument("input", type=Path, metavar="INPUT")
    p.set_defaults(func=run)


def document_text(path: Path, notes: list[str] | None = None) -> str:
    """Read with the same readers and normalization as `extract`, without the table stage.

    Table rows come out one line per row with cells separated by tabs; pages are
    separated by a form feed, as pdftotext does. The reader's notes on replaced
    text layers are appended to ``notes`` when given.
    """
    from ..pipeline import replaced_layers
    result = read(path)
    if notes is not None:
        notes.extend(f"{f.rule}: {f.message} ({f.message_en})" for f in replaced_layers(result.notes))
    pages: list[str] = []
    for page in result.pages:
        lines: list[str] = []
        for block in page.blocks:
            if isinstance(block, Line):
                lines.append(normalize(block.text))
            else:
                lines.append("\t".join(normalize(c.text, cell=True).replace("\n", " ") for c in block.cells))
        pages.append("\n".join(ln for ln in lines if ln.strip()))
    return "\n\f".join(pages) + "\n"


def run(args: argparse.Namespace) -> int:
    notes: list[str] = []
    sys.stdout.write(document_text(args.input, notes))
    for n in notes:  # an info line, as `extract` gives an info finding
        print(n, file=sys.stderr)
    return 0
