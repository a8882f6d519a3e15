"""DOCX drafts: body paragraphs as lines and tables as rows, in the order Word shows them.

A draft has no pages (Word lays them out only when it prints), so everything is
one :class:`Page` numbered ``None``. What a reader of the printed page would see
is rebuilt from the XML:

- a paragraph becomes a :class:`Line` (tabs become a space: "ที่ …⇥วันที่ …");
- a table row becomes a :class:`Row`; a horizontally merged cell appears once;
  a vertically merged cell is empty below its start when the row continues the
  one above (so a measure that runs on looks like the PDF's continuation row)
  and repeated when the row starts a new measure; paragraphs in a cell join
  with "\\n";
- every table in the body (one per page in some drafts) is emitted in order;
- Word list numbering (``w:numPr`` on the paragraph or its style) is written out
  as the number Word would print — "1. ", "๑. " for ``thaiNumbers``, "ก. " for
  ``thaiLetters`` — counting per list and level and restarting as Word does,
  so the table stage splits items exactly as for typed numbers.
"""
from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import UnusableInput
from .base import Cell, Line, Page, ReadResult, Row

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
# Subtrees whose text is not part of the paragraph as printed (or is printed elsewhere).
SKIP = {W + "del", W + "moveFrom", W + "txbxContent", W + "instrText", W + "delText",
        MC + "Fallback", W + "footnoteReference", W + "endnoteReference", W + "commentReference"}
MAX_DOCX_BYTES = 100 * 1024 * 1024

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
THAI_LETTERS = "กขคงจฉชซฌญฎฏฐฑฒณดตถทธนบปผฝพฟภมยรลวศษสหฬอฮ"  # Word's thaiLetters skip ฃ ฅ


# ---------------------------------------------------------------- list numbering
@dataclass
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    restart: int | None = None  # w:lvlRestart: restart after this (1-based) level; None = after any higher one


@dataclass
class Numbering:
    """numbering.xml: which list each numId is, its levels, and the counters while reading."""

    abstract: dict[str, dict[int, Level]] = field(default_factory=dict)
    nums: dict[str, str] = field(default_factory=dict)  # numId → abstractNumId
    overrides: dict[str, dict[int, int]] = field(default_factory=dict)  # numId → {ilvl: start}
    counters: dict[str, dict[int, int]] = field(default_factory=dict)
    started: set[str] = field(default_factory=set)

    def label(self, num_id: str, ilvl: int) -> str:
        """The number Word prints before the next paragraph of list ``num_id`` at ``ilvl``."""
        absid = self.nums.get(num_id)
        if absid is None:
            return ""
        levels = self.abstract.get(absid, {})
        counters = self.counters.setdefault(absid, {})
        if num_id not in self.started:  # a num with startOverride restarts the list where it begins
            self.started.add(num_id)
            for lvl, start in self.overrides.get(num_id, {}).items():
                counters[lvl] = start - 1
        lvl = levels.get(ilvl, Level())
        counters[ilvl] = counters.get(ilvl, lvl.start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:  # deeper lists restart under a new item
            restart = levels.get(deeper, Level()).restart
            if restart is None or (restart != 0 and ilvl + 1 <= restart):
                del counters[deeper]
        if lvl.fmt == "none":
            return ""
        if lvl.fmt == "bullet":
            return "• "
        out = lvl.text
        for k in range(9):
            if f"%{k + 1}" in out:
                kl = levels.get(k, Level())
                out = out.replace(f"%{k + 1}", format_number(counters.get(k, kl.start), kl.fmt))
        return out.strip() + " " if out.strip() else ""


def format_number(n: int, fmt: str) -> str:
    """Word's number formats that Thai reports use; anything else falls back to decimal.

    >>> format_number(12, "thaiNumbers"), format_number(3, "thaiLetters"), format_number(4, "lowerRoman")
    ('๑๒', 'ค', 'iv')
    """
    if fmt in ("thaiNumbers", "thaiCounting"):
        return str(n).translate(str.maketrans("0123456789", THAI_DIGITS))
    if fmt == "thaiLetters":
        return THAI_LETTERS[(n - 1) % len(THAI_LETTERS)] * ((n - 1) // len(THAI_LETTERS) + 1)
    if fmt in ("lowerLetter", "upperLetter"):
        s = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return s.upper() if fmt == "upperLetter" else s
    if fmt in ("lowerRoman", "upperRoman"):
        s = _roman(n)
        return s if fmt == "upperRoman" else s.lower()
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


def _roman(n: int) -> str:
    out = ""
    for value, sym in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                       (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + sym, n - value
    return out


def _val(el, tag: str, default: str | None = None) -> str | None:
    child = el.find(W + tag) if el is not None else None
    return child.get(W + "val", default) if child is not None else default


def parse_numbering(root) -> Numbering:
    """Read numbering.xml (an lxml element, or None when the draft has no lists)."""
    num = Numbering()
    if root is None:
        return num
    for a in root.iter(W + "abstractNum"):
        levels: dict[int, Level] = {}
        for lvl in a.findall(W + "lvl"):
            restart = _val(lvl, "lvlRestart")
            levels[int(lvl.get(W + "ilvl", "0"))] = Level(
                start=int(_val(lvl, "start", "1") or 1), fmt=_val(lvl, "numFmt", "decimal") or "decimal",
                text=_val(lvl, "lvlText", "") or "", restart=int(restart) if restart is not None else None)
        num.abstract[a.get(W + "abstractNumId")] = levels
    for n in root.iter(W + "num"):
        nid = n.get(W + "numId")
        num.nums[nid] = _val(n, "abstractNumId")
        for ov in n.findall(W + "lvlOverride"):
            start = _val(ov, "startOverride")
            if start is not None:
                num.overrides.setdefault(nid, {})[int(ov.get(W + "ilvl", "0"))] = int(start)
    return num


# ---------------------------------------------------------------- paragraphs
def paragraph_text(p) -> str:
    """The printed text of a ``w:p``: runs, tabs, line breaks; not deleted or hidden-field text."""
    parts: list[str] = []

    def walk(el) -> None:
        for ch in el:
            tag = ch.tag
            if tag in SKIP or not isinstance(tag, str):
                continue
            if tag == W + "t":
                parts.append(ch.text or "")
            elif tag == W + "tab" and el.tag == W + "r":
                parts.append("\t")
            elif tag in (W + "br", W + "cr"):
                parts.append("\n")
            elif tag == W + "noBreakHyphen":
                parts.append("-")
            elif tag == W + "pPr" or tag == W + "rPr":
                continue
            else:
                walk(ch)

    walk(p)
    return "".join(parts)


def _num_pr(p, styles: dict[str, tuple[str | None, int]]) -> tuple[str | None, int]:
    """(numId, ilvl) of a paragraph: its own w:numPr, else its style's (numId "0" = none)."""
    ppr = p.find(W + "pPr")
    numpr = ppr.find(W + "numPr") if ppr is not None else None
    if numpr is not None:
        nid = _val(numpr, "numId")
        ilvl = int(_val(numpr, "ilvl", "0") or 0)
        if nid is not None:
            return (None if nid == "0" else nid), ilvl
        style_nid = styles.get(_val(ppr, "pStyle") or "", (None, 0))[0]
        return style_nid, ilvl
    style = _val(ppr, "pStyle") if ppr is not None else None
    return styles.get(style or "", (None, 0))


def parse_style_numbering(root) -> dict[str, tuple[str | None, int]]:
    """styleId → (numId, ilvl) for paragraph styles that carry list numbering (following basedOn)."""
    if root is None:
        return {}
    own: dict[str, tuple[str | None, int] | None] = {}
    based: dict[str, str] = {}
    for st in root.iter(W + "style"):
        sid = st.get(W + "styleId")
        if not sid:
            continue
        parent = _val(st, "basedOn")
        if parent:
            based[sid] = parent
        ppr = st.find(W + "pPr")
        numpr = ppr.find(W + "numPr") if ppr is not None else None
        if numpr is not None and _val(numpr, "numId") is not None:
            nid = _val(numpr, "numId")
            own[sid] = (None if nid == "0" else nid, int(_val(numpr, "ilvl", "0") or 0))
    out: dict[str, tuple[str | None, int]] = {}
    for sid in set(own) | set(based):
        cur, seen = sid, set()
        while cur and cur not in own and cur not in seen:
            seen.add(cur)
            cur = based.get(cur)
        if cur in own and own[cur] is not None:
            out[sid] = own[cur]
    return out


# ---------------------------------------------------------------- the body
@dataclass
class _Reader:
    numbering: Numbering
    styles: dict[str, tuple[str | None, int]]

    def para(self, p) -> str:
        text = paragraph_text(p)
        nid, ilvl = _num_pr(p, self.styles)
        if nid is not None and text.strip():
            text = self.numbering.label(nid, ilvl) + text.lstrip()
        return text

    def blocks(self, body) -> list[Line | Row]:
        out: list[Line | Row] = []
        for el in _content(body):
            if el.tag == W + "p":
                text = " ".join(self.para(el).replace("\t", " ").split())
                for piece in text.split("\n") if text else []:
                    if piece.strip():
                        out.append(Line(piece.strip()))
            elif el.tag == W + "tbl":
                out.extend(self.table(el))
        return out

    def table(self, tbl) -> list[Row]:
        """Rows as printed. A vertically merged cell is read once, where it starts; below it:

        - in a row that starts something new (its first cell has text), the merged text is
          repeated — one "ระยะเวลา" cell written once for measures ๒–๔ belongs to each;
        - in a row that continues the one above (first cell empty or merged too), the cell
          is empty, exactly like the continuation row of a table broken across PDF pages.
        """
        rows: list[Row] = []
        above: dict[int, str] = {}  # grid column → text of the cell a vertical merge continues
        for tr in (el for el in _content(tbl) if el.tag == W + "tr"):
            trpr = tr.find(W + "trPr")
            col = int(_val(trpr, "gridBefore", "0") or 0) if trpr is not None else 0
            cells: list[tuple[int, bool, str]] = []  # (grid column, continues a merge, text)
            for tc in (el for el in _content(tr) if el.tag == W + "tc"):
                tcpr = tc.find(W + "tcPr")
                vmerge = tcpr.find(W + "vMerge") if tcpr is not None else None
                span = int(_val(tcpr, "gridSpan", "1") or 1) if tcpr is not None else 1
                cont = vmerge is not None and vmerge.get(W + "val", "continue") == "continue"
                cells.append((col, cont, "" if cont else self.cell_text(tc)))
                col += span
            if not cells:
                continue
            starts_new = not cells[0][1] and bool(cells[0][2].strip())
            out: list[Cell] = []
            for i, (c, cont, text) in enumerate(cells):
                if cont:
                    text = above.get(c, "") if starts_new and i > 0 else ""
                else:
                    above[c] = text
                out.append(Cell(text))
            rows.append(Row(out))
        return rows

    def cell_text(self, tc) -> str:
        """Paragraphs of a cell joined by "\\n" (nested tables flattened in order)."""
        parts: list[str] = []
        for el in _content(tc):
            if el.tag == W + "p":
                text = self.para(el).replace("\t", " ")
                parts.extend(t.strip() for t in text.split("\n"))
            elif el.tag == W + "tbl":
                for row in self.table(el):
                    parts.append(" ".join(c.text.replace("\n", " ") for c in row.cells if c.text))
        return "\n".join(t for t in parts if t)


def _content(el):
    """Children in order, looking through content controls, smart tags and custom XML."""
    for ch in el:
        if ch.tag in (W + "sdt", W + "customXml", W + "smartTag"):
            inner = ch.find(W + "sdtContent") if ch.tag == W + "sdt" else ch
            if inner is not None:
                yield from _content(inner)
        elif ch.tag in (W + "ins", W + "moveTo"):
            yield from _content(ch)
        else:
            yield ch


def read_docx(path: Path) -> ReadResult:
    """Read a DOCX draft into one page of lines and table rows (raises UnusableInput)."""
    import docx  # python-docx
    from docx.opc.exceptions import PackageNotFoundError

    path = Path(path)
    if path.stat().st_size > MAX_DOCX_BYTES:
        raise UnusableInput("ไฟล์ DOCX ใหญ่เกินไป (DOCX over 100 MB)")
    try:
        with zipfile.ZipFile(path) as z:
            names = set(z.namelist())
            bad = z.testzip()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as e:
        raise UnusableInput(f"ไฟล์ DOCX เสียหาย เปิดไม่ได้ (corrupt DOCX/zip: {e})") from None
    if bad is not None:
        raise UnusableInput(f"ไฟล์ DOCX เสียหาย (corrupt member in zip: {bad})")
    if "word/document.xml" not in names:
        kind = ("Excel" if any(n.startswith("xl/") for n in names)
                else "PowerPoint" if any(n.startswith("ppt/") for n in names) else "zip")
        raise UnusableInput(f"ไม่ใช่ไฟล์ Word (DOCX) แต่เป็นไฟล์ {kind} (not a Word document: {kind})")
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as e:
        raise UnusableInput(f"เปิดไฟล์ DOCX ไม่ได้ (cannot open DOCX: {e})") from None
    except Exception as e:  # lxml XMLSyntaxError and friends: a damaged part
        raise UnusableInput(f"ไฟล์ DOCX เสียหาย (damaged DOCX: {type(e).__name__})") from None
    part = document.part
    try:
        num_root = part.numbering_part.element
    except (NotImplementedError, KeyError):
        num_root = None
    try:
        styles_root = part.styles.element
    except (NotImplementedError, KeyError):
        styles_root = None
    reader = _Reader(parse_numbering(num_root), parse_style_numbering(styles_root))
    blocks = reader.blocks(document.element.body)
    if not blocks:
        raise UnusableInput("ไฟล์ DOCX ไม่มีข้อความ (DOCX has no text)")
    return ReadResult(format="docx", pages=[Page(number=None, blocks=blocks)], page_count=None)
