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


def document_text(path: Path) -> str:
    """Read with the same readers and normalization as `extract`, without the table stage.

    Table rows come out one line per row with cells separated by tabs; pages are
    separated by a form feed, as pdftotext does.
    """
    result = read(path)
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
    sys.stdout.write(document_text(args.input))
    return 0
