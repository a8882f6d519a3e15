"""Terminal output shared by the `search` and `history` commands: year parsing, JSON, highlighted text."""
from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from rich.console import Console
from rich.text import Text

from ..text.dates import be_year

HIGHLIGHT = "bold black on yellow"


def fiscal_year(text: str) -> int:
    """``--year`` as a B.E. fiscal year (:func:`extractor.dates.be_year`)."""
    try:
        return be_year(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"ปีงบประมาณไม่ถูกต้อง: {text} (not a year)") from None


def print_json(obj: Any) -> None:
    json.dump(obj, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def console() -> Console:
    return Console(soft_wrap=False, highlight=False)


def marked(snippet: str, highlights: list[list[int]]) -> Text:
    """A rich Text of the snippet with its highlighted runs styled."""
    text = Text(snippet)
    for start, end in highlights:
        text.stylize(HIGHLIGHT, start, end)
    return text
