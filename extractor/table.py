"""Rebuild the six-column measure table from the rows every reader hands over.

The same code serves text, PDF, DOCX and OCR input:

1. a row whose cells fuzzy-match the six headers (rapidfuzz) is a header row; it
   sets the column map and is dropped, however often it repeats;
2. a row whose measure cell is empty continues the previous measure (a row cut
   by a page break); so does an unnumbered measure cell at the top of a page
   when the measures are numbered;
3. in list cells, a fragment that does not start with the next item number
   joins the last item of that cell; numbered items are split by a
   sequence-aware splitter (๑. ๒. ๓. or 1. 2. 3.), so "ที่ ๒๙/๒๕๖๘",
   "จำนวน ๘ ราย" or "พ.ศ. ๒๕๖๘" never start an item.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from .text.dates import iso, parse_period
from .model import FIELDS, LIST_FIELDS, Measure, Period
from .read.base import Cell, Line, Page, Row
from .text.chars import CONSONANTS, LEADING_VOWELS
from .text.normalize import join_wrapped, normalize
from .text.digits import squash, to_arabic_int
from .text.headers import HEADERS

NUMBER_HEADERS = ("ที่", "ลำดับ", "ลำดับที่")


@dataclass
class TableSettings:
    """Every tolerance of the table stage, with why it is what it is."""

    header_score: float = 72.0  # rapidfuzz ratio on whitespace-free text; OCR'd headers lose a few chars
    header_min_fields: int = 4  # a real header names at least 4 of the 6 columns
    header_cell_max: int = 60  # header cells are short; a long cell is content that merely mentions them
    item_lookahead: int = 2  # at a paragraph start, accept an item number up to 2 past the expected one


DEFAULT = TableSettings()

_ITEM = re.compile(r"(?:(?<=\s)|^)\(?([0-9๐-๙]{1,2})\s?[.)](?![0-9๐-๙])[ \t]*")
_BULLET = re.compile(r"(?:^|\n)[ \t]*[-•▪●○◦*][ \t]+")


@dataclass
class ColumnMap:
    """Which cell index holds which field, learnt from a header row."""

    index: dict[str, int]
    width: int
    boxes: list[tuple[float, float] | None] = field(default_factory=list)  # header cells' x-extents
    number_col: int | None = None

    def columns(self) -> dict[str, int]:
        """Field → cell index, with the measure-number column (if any) as "_number"."""
        cols = dict(self.index)
        if self.number_col is not None:
            cols["_number"] = self.number_col
        return cols

    def assign(self, row: Row) -> dict[str, Cell]:
        """The row's cells by field: by position when the width matches, else by x-overlap
        with the header cells (a page whose table is narrower or shifted)."""
        cells = row.cells
        if len(cells) == self.width or not any(self.boxes) or not all(c.bbox for c in cells):
            return {f: cells[i] for f, i in self.columns().items() if i < len(cells)}
        out: dict[str, Cell] = {}
        for c in cells:
            best = max(self.columns().items(), key=lambda fi: self._overlap(c, fi[1]))
            if self._overlap(c, best[1]) <= 0:
                continue
            f = best[0]
            out[f] = Cell(join_wrapped([out[f].text, c.text]), c.bbox, c.confidence) if f in out else c
        return out

    def _overlap(self, cell: Cell, col: int) -> float:
        box = self.boxes[col] if col < len(self.boxes) else None
        return min(cell.bbox[2], box[1]) - max(cell.bbox[0], box[0]) if box and cell.bbox else 0.0


def _fill_between(index: dict[str, int], width: int, number_col: int | None) -> None:
    """A header cell too garbled to match (an OCR'd ผู้รับผิดชอบ read "242บผดชอบ") still names
    its column when the fields before and after it in the form's order sit one column apart
    on each side: the column between them is the missing field's."""
    order = list(HEADERS)
    for k in range(1, len(order) - 1):
        f, before, after = order[k], order[k - 1], order[k + 1]
        if f in index or before not in index or after not in index:
            continue
        col = index[before] + 1
        if index[after] == col + 1 and col < width and col != number_col and col not in index.values():
            index[f] = col


def header_fields(row: Row, settings: TableSettings = DEFAULT) -> ColumnMap | None:
    """The column map if ``row`` is a header row of the measure table, else None."""
    scored: list[tuple[float, str, int]] = []
    number_col = None
    for i, cell in enumerate(row.cells):
        text = squash(cell.text)
        if not text or len(text) > settings.header_cell_max:
            continue
        if text in NUMBER_HEADERS:
            number_col = i
            continue
        for f, variants in HEADERS.items():
            s = max(fuzz.ratio(text, squash(v)) for v in variants)
            if s >= settings.header_score:
                scored.append((s, f, i))
    index: dict[str, int] = {}
    for s, f, i in sorted(scored, reverse=True):
        if f not in index and i not in index.values():
            index[f] = i
    if len(index) < settings.header_min_fields:
        return None
    _fill_between(index, len(row.cells), number_col)
    boxes = [(c.bbox[0], c.bbox[2]) if c.bbox else None for c in row.cells]
    return ColumnMap(index=index, width=len(row.cells), boxes=boxes, number_col=number_col)


# ---------------------------------------------------------------- items
@dataclass
class Item:
    number: int | None
    text: str
    raw: str | None = field(default=None, compare=False)  # the number as written: "๒."
    pages: list[int] = field(default_factory=list, compare=False)  # the pages the item lies on


def split_items(text: str, expected: int = 1, settings: TableSettings = DEFAULT) -> tuple[str, list[Item]]:
    """Split a cell fragment into the text before the first item and its numbered items.

    >>> split_items("๑. ตามคำสั่ง ที่ ๒๙/๒๕๖๘ จำนวน ๘ ราย ๒. จัดทำ")[1]
    [Item(number=1, text='ตามคำสั่ง ที่ ๒๙/๒๕๖๘ จำนวน ๘ ราย'), Item(number=2, text='จัดทำ')]
    """
    cuts: list[tuple[int, int, int]] = []  # (start, end, number)
    exp = expected
    for m in _ITEM.finditer(text):
        n = to_arabic_int(m.group(1))
        at_para = m.start() == 0 or text[m.start() - 1] == "\n"
        before_words = bool(re.match(rf"[{CONSONANTS}{LEADING_VOWELS}A-Za-z\"“(]", text[m.end():m.end() + 1]))
        if n == exp or (at_para and max(1, exp - 1) <= n <= exp + settings.item_lookahead) \
                or (before_words and cuts and n in (exp - 1, exp + 1)):  # a repeated or skipped number: a slip
            cuts.append((m.start(), m.end(), n))
            exp = n + 1
    if not cuts:
        bullets = list(_BULLET.finditer(text))
        if bullets and bullets[0].start() == 0:
            parts = [text[b.end():(bullets[k + 1].start() if k + 1 < len(bullets) else len(text))]
                     for k, b in enumerate(bullets)]
            return "", [Item(None, _clean(p)) for p in parts if _clean(p)]
        return _clean(text), []
    lead = _clean(text[:cuts[0][0]])
    items = [Item(n, _clean(text[end:(cuts[k + 1][0] if k + 1 < len(cuts) else len(text))]),
                  raw=text[start:end].strip().lstrip("("))
             for k, (start, end, n) in enumerate(cuts)]
    return lead, items


def _clean(text: str) -> str:
    return join_wrapped([ln.strip() for ln in text.split("\n")]).strip()


# ---------------------------------------------------------------- measures
@dataclass
class _Builder:
    number: int | None
    measure: str = ""
    items: dict[str, list[Item]] = field(default_factory=lambda: {f: [] for f in LIST_FIELDS})
    period: str = ""
    pages: list[int] = field(default_factory=list)
    conf: dict[str, list[float]] = field(default_factory=dict)

    def add(self, fld: str, cell: Cell, page: int | None) -> None:
        text = normalize(cell.text, cell=True)
        if page is not None and page not in self.pages:
            self.pages.append(page)
        if cell.confidence is not None:
            self.conf.setdefault(fld, []).append(cell.confidence)
        if not text:
            return
        if fld == "measure":
            self.measure = join_wrapped([self.measure, text])
        elif fld == "period":
            self.period = join_wrapped([self.period, text.replace("\n", " ")])
        else:
            items = self.items[fld]
            last = next((it.number for it in reversed(items) if it.number is not None), 0)
            lead, new = split_items(text, last + 1)
            if lead:
                if items:
                    items[-1].text = join_wrapped([items[-1].text, lead])
                    if page is not None and page not in items[-1].pages:
                        items[-1].pages.append(page)
                else:
                    items.append(Item(None, lead, pages=[page] if page is not None else []))
            for it in new:
                it.pages = [page] if page is not None else []
            items.extend(new)

    def build(self) -> Measure:
        start_end = parse_period(self.period) if self.period else None
        period = Period(text=self.period or None,
                        start=iso(start_end[0]) if start_end else None,
                        end=iso(start_end[1]) if start_end else None)
        conf = {f: round(sum(v) / len(v), 3) for f, v in self.conf.items() if v} or None
        m = Measure(number=self.number, measure=self.measure,
                    **{f: [it.text for it in self.items[f] if it.text] for f in LIST_FIELDS},
                    period=period, pages=self.pages or None, confidence=conf)
        m.item_numbers = {f: [(it.number, it.raw) for it in self.items[f] if it.text]
                          for f in LIST_FIELDS if any(it.number is not None for it in self.items[f])}
        m.item_pages = {f: [it.pages[0] if len(it.pages) == 1 else None for it in self.items[f] if it.text]
                        for f in LIST_FIELDS}
        return m


@dataclass
class TableResult:
    measures: list[Measure]
    table_blocks: set[tuple[int, int]]  # (page index, block index) of rows that belong to the table
    kind: str = "report"  # "plan" when no header named a summary or outcomes column


_MEASURE_NO = re.compile(r"^\s*(?:(?:มาตรการ|กิจกรรม|โครงการ)ที่\s*)?\(?([0-9๐-๙]{1,2})\s?[.)](?![0-9๐-๙])\s*")


def _measure_number(text: str) -> tuple[int | None, str]:
    """"๒. กิจกรรม…" → (2, "กิจกรรม…"); a cell without a leading number → (None, text)."""
    m = _MEASURE_NO.match(text)
    if not m:
        return None, text
    return to_arabic_int(m.group(1)), text[m.end():].strip()


def build_table(pages: list[Page], settings: TableSettings = DEFAULT) -> TableResult:
    """All measures of the document's measure table, in order, joined across pages."""
    builders: list[_Builder] = []
    used: set[tuple[int, int]] = set()
    colmap: ColumnMap | None = None
    results = False  # some header named a summary or outcomes column (a report, not a plan)
    numbered = False
    for pi, page in enumerate(pages):
        top_of_page = True
        for bi, block in enumerate(page.blocks):
            if isinstance(block, Line):
                continue
            head = header_fields(block, settings)
            if head:
                colmap, top_of_page = head, True
                results = results or "summary" in head.index or "outcomes" in head.index
                used.add((pi, bi))
                continue
            if colmap is None or sum(1 for c in block.cells if c.text.strip()) == 0:
                continue
            cells = colmap.assign(block)
            if len(cells) < 2:
                continue
            used.add((pi, bi))
            mtext = normalize(cells["measure"].text, cell=True) if "measure" in cells else ""
            number, rest = _measure_number(mtext) if mtext else (None, "")
            if "_number" in cells and squash(cells["_number"].text):
                number, rest = _measure_number(cells["_number"].text.strip() + ". ")[0], mtext
            continues = builders and (not mtext or (number is None and numbered and top_of_page))
            top_of_page = False
            if not continues:
                numbered = numbered or number is not None
                builders.append(_Builder(number=number))
                if "measure" in cells:
                    cells["measure"] = Cell(rest, cells["measure"].bbox, cells["measure"].confidence)
            b = builders[-1]
            for f in FIELDS:
                if f in cells:
                    b.add(f, cells[f], page.number)
    measures = [b.build() for b in builders]
    for k, m in enumerate(measures, 1):
        if m.number is None:
            m.number = k
    return TableResult(measures=measures, table_blocks=used,
                       kind="plan" if measures and colmap is not None and not results else "report")
