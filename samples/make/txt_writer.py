"""Write a case as extracted text in the seed's style (report.txt).

Memo lines first, one paragraph per line with blank lines between; then the
table as tab-separated rows, pages separated by a blank line and the header
row repeated on every page (only on the first when the case's table does not
repeat it). A measure too tall for the rest of a page is split
the way a word processor splits a row: whole items stay, the item that crosses
the break is cut at a space, and the rest goes to a continuation row on the
next page whose first cell is empty. Optional damage mimics real extractions:
``wrap_spaces`` (a space wherever a cell line wrapped inside a Thai phrase) and
``html_pages`` (items wrapped in ``<p>`` tags on those pages, or with
``html_style: br`` split by ``<br>`` with ``&nbsp;`` after each number).
"""
from __future__ import annotations

import re
from typing import Any

from case import footer_lines, is_numbered, items, number_label

PAGE_CHARS = 900      # characters of the tallest cell that fit on one simulated page
MIN_SPLIT = 150       # below this much room left, start the measure on a new page
WRAP_AT = 24          # simulated cell line width (characters) for wrap_spaces


def _cells(m: dict[str, Any], style: str, columns: list[str]) -> list[list[str]]:
    """The cells of a measure (six, or a plan's four or five) as lists of printed entries.

    An item's own line breaks ("- …" sub-lines) become spaces, as in the seed's text.
    """
    style = "arabic" if style in ("arabic", "word") else "thai"
    m = {k: ([x.replace("\n", " ") for x in v] if isinstance(v, list) else v) for k, v in m.items()}
    out = [[f"{number_label(m['number'], style)} {m['measure']}"]]
    for f in columns[1:]:
        if f == "period":
            out.append([m["period"]["text"]])
            continue
        if f in ("budget", "indicator"):  # a plan's extra column: one plain entry
            out.append([str(m.get(f) or "-")])
            continue
        v = m.get(f)
        nums = m.get("item_numbers", {}).get(f) or range(1, len(items(v)) + 1)
        out.append([f"{number_label(n, style)} {t}" for n, t in zip(nums, items(v))]
                   if is_numbered(v) else items(v))
    return out


def _height(cells: list[list[str]]) -> int:
    return max(sum(len(e) + 1 for e in c) for c in cells)


def _split_cell(entries: list[str], room: int) -> tuple[list[str], list[str]]:
    """Entries that fit in ``room`` characters, and the rest (one entry may be cut at a space)."""
    head, used = [], 0
    for i, e in enumerate(entries):
        if used + len(e) + 1 <= room:
            head.append(e)
            used += len(e) + 1
            continue
        left = room - used
        cut = e.rfind(" ", 0, left) if left > 40 else -1
        if cut > 0:
            return head + [e[:cut]], [e[cut + 1:]] + entries[i + 1:]
        return head, entries[i:]
    return head, []


def _paginate(case: dict[str, Any]) -> list[list[list[list[str]]]]:
    """Pages of rows of cells; continuation rows have an empty first cell."""
    pages: list[list[list[list[str]]]] = [[]]
    room = PAGE_CHARS - case["txt"].get("first_page_used", 350)
    for m in case["measures"]:
        cells = _cells(m, case["table"]["numbering"], case["table"]["columns"])
        while True:
            h = _height(cells)
            if h <= room:
                pages[-1].append(cells)
                room -= h
                break
            if room < MIN_SPLIT:
                pages.append([])
                room = PAGE_CHARS
                continue
            parts = [_split_cell(c, room) if i not in (0, 2, 3) else (c, []) for i, c in enumerate(cells)]
            pages[-1].append([p[0] for p in parts])
            cells = [p[1] for p in parts]
            pages.append([])
            room = PAGE_CHARS
    return [p for p in pages if p]


def _wrap_spaces(text: str) -> str:
    """Insert a space at a word boundary every ~WRAP_AT characters, as a PDF cell wrap leaves."""
    from pythainlp.tokenize import word_tokenize

    out, run = [], 0
    for tok in word_tokenize(text, engine="newmm", keep_whitespace=True):
        if tok.isspace():
            run = 0
        elif run + len(tok) > WRAP_AT and run > 0:
            out.append(" ")
            run = 0
        out.append(tok)
        run += len(tok)
    return "".join(out)


def _memo_lines(case: dict[str, Any]) -> list[str]:
    memo = case["memo"]
    stacked = memo.get("layout") == "stacked"
    lines = ["", "", "", "บันทึกข้อความ"]
    fields = [("ส่วนราชการ", memo["division_line"]), ("ที่", memo["reference"]),
              ("วันที่", memo["date_text"]), ("เรื่อง", memo["subject"]), ("เรียน", memo["addressee"])]
    for label, value in fields:
        lines += [label, value] if stacked else [f"{label} {value}"]
    for block in memo.get("body", []):
        if block.get("heading"):
            lines.append(block["heading"])
        lines.append(block["text"])
    lines.append(memo.get("closing", "จึงเรียนมาเพื่อโปรดทราบ"))
    for sig in memo["signatories"]:
        if sig.get("comment"):
            lines += [sig["comment"], "....."]
        if sig.get("scribble"):
            lines.append(sig["scribble"])
        lines += [f"({sig['name']})", sig["position"]]
    lines += case["report"]["title"] + [case["report"]["intro"]]
    return lines


def build_txt(case: dict[str, Any]) -> str:
    opts = case["txt"]
    header = "\t".join(case["table"]["headers"])
    head = _memo_lines(case) if case["memo"] else ["", ""] + case["report"]["title"] + [case["report"]["intro"]]
    out = "\n\n".join(head) + "\n\n"
    pages = []
    for n, page in enumerate(_paginate(case), start=1):
        rows = [header] if n == 1 or case["table"]["repeat_header"] else []
        for cells in page:
            texts = []
            for i, entries in enumerate(cells):
                if n in opts.get("html_pages", []) and opts.get("html_style") == "br":
                    # copied from a web page: items split by <br>, a no-break space after the number
                    texts.append("<br>".join(re.sub(r"^([0-9๐-๙]+\.) ", r"\1&nbsp;", e) for e in entries))
                    continue
                if n in opts.get("html_pages", []):
                    texts.append(" ".join(f"<p>{e}</p>" for e in entries))
                    continue
                t = " ".join(entries)
                if opts.get("wrap_spaces") and i != 3:
                    t = _wrap_spaces(t)
                texts.append(t)
            rows.append("\t".join(texts))
        pages.append("\n".join(rows))
    footer = footer_lines(case)
    return out + "\n\n".join(pages) + "\n" + "".join(f"\n{line}\n" for line in footer)
