"""Write a case as a Word report: บันทึกข้อความ page(s), then the six-column measure table.

Built with python-docx plus a little raw OOXML where python-docx has no API
(complex-script font sizes, repeated header rows, table borders, list numbering),
because Thai is a complex script: without ``w:cs``/``w:szCs`` Word and
LibreOffice ignore the font and size we ask for.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Pt

from case import LIST_FIELDS, footer_lines, is_numbered, items, number_label

A4 = (Cm(21.0), Cm(29.7))
# Column shares of the usable width: measure, methods, responsible, period, summary, outcomes.
COL_SHARES = [0.17, 0.21, 0.13, 0.13, 0.19, 0.17]


def _set_run_font(run, font: str, size: float, bold: bool = False) -> None:
    run.font.name = font
    run.font.size = Pt(size)
    run.font.bold = bold
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), font)
    for tag, val in (("w:szCs", str(int(size * 2))), ("w:bCs", None)):
        el = rpr.find(qn(tag))
        if tag == "w:bCs" and not bold:
            if el is not None:
                rpr.remove(el)
            continue
        if el is None:
            el = OxmlElement(tag)
            rpr.append(el)
        if val:
            el.set(qn("w:val"), val)


def _setup_styles(doc, font: str, size: float) -> None:
    normal = doc.styles["Normal"]
    normal.font.name = font
    normal.font.size = Pt(size)
    rpr = normal.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), font)
    szcs = OxmlElement("w:szCs")
    szcs.set(qn("w:val"), str(int(size * 2)))
    rpr.append(szcs)
    pf = normal.paragraph_format
    pf.space_before = Pt(0)
    pf.space_after = Pt(0)
    pf.line_spacing = 1.0


def _para(container, text: str = "", *, font: str, size: float, bold: bool = False,
          align=None, first_indent=None, left_indent=None, space_before: float = 0):
    p = container.add_paragraph()
    if text:
        _set_run_font(p.add_run(text), font, size, bold)
    if align is not None:
        p.alignment = align
    if first_indent is not None:
        p.paragraph_format.first_line_indent = first_indent
    if left_indent is not None:
        p.paragraph_format.left_indent = left_indent
    if space_before:
        p.paragraph_format.space_before = Pt(space_before)
    return p


def _label_value(doc, label: str, value: str, *, font: str, size: float, stacked: bool):
    """"ส่วนราชการ  …" on one line, or label and value on separate lines (stacked memo)."""
    if stacked:
        _para(doc, label, font=font, size=size + 4, bold=True)
        _para(doc, value, font=font, size=size, left_indent=Cm(1.0))
        return
    p = doc.add_paragraph()
    _set_run_font(p.add_run(label), font, size + 4, bold=True)
    _set_run_font(p.add_run("  " + value), font, size)


def _set_page(section, orientation: str, margins_cm=(2.0, 2.0, 2.0, 3.0)) -> None:
    w, h = A4
    if orientation == "landscape":
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = h, w
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = w, h
    top, right, bottom, left = margins_cm
    section.top_margin, section.right_margin = Cm(top), Cm(right)
    section.bottom_margin, section.left_margin = Cm(bottom), Cm(left)


def write_memo(doc, case: dict[str, Any]) -> None:
    memo, font, size = case["memo"], case["font"], case["font_size"]
    stacked = memo.get("layout") == "stacked"
    _para(doc, "บันทึกข้อความ", font=font, size=size + 13, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    if memo.get("layout") == "table":
        _memo_table(doc, memo, font, size)
    else:
        _memo_heads(doc, memo, font, size, stacked)
    _memo_body(doc, memo, font, size)


def _memo_table(doc, memo: dict[str, Any], font: str, size: float) -> None:
    """Memo heads in a borderless 4-column table, as some office templates lay them out."""
    t = doc.add_table(rows=3, cols=4)
    t.autofit = False
    _set_borders(t, False)
    _set_grid(t, [Cm(w) for w in (4.0, 5.2, 2.2, 4.6)])
    for row, (label, value) in zip(t.rows, [("ส่วนราชการ", memo["division_line"]), (None, None),
                                           ("เรื่อง", memo["subject"])]):
        if label is None:
            cells = row.cells
            for cell, (text, bold) in zip(cells, [("ที่", True), (memo["reference"], False),
                                                  ("วันที่", True), (memo["date_text"], False)]):
                _set_run_font(cell.paragraphs[0].add_run(text), font, size + (4 if bold else 0), bold)
            continue
        _set_run_font(row.cells[0].paragraphs[0].add_run(label), font, size + 4, bold=True)
        merged = row.cells[1].merge(row.cells[3])
        _set_run_font(merged.paragraphs[0].add_run(value), font, size)
    p = _para(doc, space_before=6, font=font, size=size)
    _set_run_font(p.add_run("เรียน  " + memo["addressee"]), font, size)


def _memo_heads(doc, memo: dict[str, Any], font: str, size: float, stacked: bool) -> None:
    _label_value(doc, "ส่วนราชการ", memo["division_line"], font=font, size=size, stacked=stacked)
    if stacked:
        _label_value(doc, "ที่", memo["reference"], font=font, size=size, stacked=True)
        _label_value(doc, "วันที่", memo["date_text"], font=font, size=size, stacked=True)
    else:
        p = doc.add_paragraph()
        p.paragraph_format.tab_stops.add_tab_stop(Cm(8.0))
        _set_run_font(p.add_run("ที่"), font, size + 4, bold=True)
        _set_run_font(p.add_run("  " + memo["reference"] + "\t"), font, size)
        _set_run_font(p.add_run("วันที่"), font, size + 4, bold=True)
        _set_run_font(p.add_run("  " + memo["date_text"]), font, size)
    _label_value(doc, "เรื่อง", memo["subject"], font=font, size=size, stacked=stacked)
    if stacked:
        _label_value(doc, "เรียน", memo["addressee"], font=font, size=size, stacked=True)
    else:
        p = _para(doc, space_before=6, font=font, size=size)
        _set_run_font(p.add_run("เรียน  " + memo["addressee"]), font, size)


def _memo_body(doc, memo: dict[str, Any], font: str, size: float) -> None:
    for block in memo.get("body", []):
        if block.get("heading"):
            _para(doc, block["heading"], font=font, size=size, bold=True, space_before=6)
        _para(doc, block["text"], font=font, size=size, first_indent=Cm(2.5),
              align=WD_ALIGN_PARAGRAPH.JUSTIFY, space_before=0 if block.get("heading") else 6)
    _para(doc, memo.get("closing", "จึงเรียนมาเพื่อโปรดทราบ"), font=font, size=size,
          first_indent=Cm(2.5), space_before=6)
    for sig in memo["signatories"]:
        if sig.get("comment"):
            _para(doc, sig["comment"], font=font, size=size, bold=True, space_before=10)
            for _ in range(2):
                _para(doc, "." * 60, font=font, size=size)
        _para(doc, sig.get("scribble", ""), font=font, size=size, left_indent=Cm(8.5), space_before=10)
        _para(doc, f"({sig['name']})", font=font, size=size, left_indent=Cm(7.5))
        _para(doc, sig["position"], font=font, size=size, left_indent=Cm(7.5))


def _set_grid(table, widths) -> None:
    """Column widths in w:tblGrid too: LibreOffice lays a table out from the grid, not tcW."""
    for col, w in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths):
        col.set(qn("w:w"), str(int(w.twips if hasattr(w, "twips") else w)))
    for row in table.rows:
        for cell, w in zip(row.cells, widths):
            cell.width = w


def _repeat_header(row) -> None:
    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trpr.append(el)


def _set_borders(table, on: bool) -> None:
    tblpr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "single" if on else "nil")
        if on:
            el.set(qn("w:sz"), "4")
            el.set(qn("w:space"), "0")
            el.set(qn("w:color"), "000000")
        borders.append(el)
    tblpr.append(borders)


class WordLists:
    """One restartable Word numbered list per cell: an abstractNum + num pair each.

    A separate abstractNum per list (not one shared with startOverride) because
    LibreOffice does not always restart a shared list; each cell must start at 1.
    """

    def __init__(self, doc, fmt: str = "decimal"):
        self.numbering = doc.part.numbering_part.element
        self.fmt = fmt
        self.next_id = 100

    def new_list(self) -> int:
        n = self.next_id
        self.next_id += 1
        absn = OxmlElement("w:abstractNum")
        absn.set(qn("w:abstractNumId"), str(n))
        lvl = OxmlElement("w:lvl")
        lvl.set(qn("w:ilvl"), "0")
        for tag, val in (("w:start", "1"), ("w:numFmt", self.fmt), ("w:lvlText", "%1."), ("w:lvlJc", "left")):
            el = OxmlElement(tag)
            el.set(qn("w:val"), val)
            lvl.append(el)
        ppr = OxmlElement("w:pPr")
        ind = OxmlElement("w:ind")
        ind.set(qn("w:left"), "340")
        ind.set(qn("w:hanging"), "340")
        ppr.append(ind)
        lvl.append(ppr)
        absn.append(lvl)
        first_num = self.numbering.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(absn)
        else:
            self.numbering.append(absn)
        num = OxmlElement("w:num")
        num.set(qn("w:numId"), str(n))
        ref = OxmlElement("w:abstractNumId")
        ref.set(qn("w:val"), str(n))
        num.append(ref)
        self.numbering.append(num)
        return n

    @staticmethod
    def apply(paragraph, num_id: int) -> None:
        ppr = paragraph._p.get_or_add_pPr()
        numpr = OxmlElement("w:numPr")
        ilvl = OxmlElement("w:ilvl")
        ilvl.set(qn("w:val"), "0")
        nid = OxmlElement("w:numId")
        nid.set(qn("w:val"), str(num_id))
        numpr.append(ilvl)
        numpr.append(nid)
        ppr.insert(0, numpr)


def _fill_cell(cell, entries: list[str], numbered: bool, style: str, font: str, size: float,
               lists: WordLists | None, numbers: list[int] | None = None, soft: bool = False) -> None:
    """Write items as one paragraph each: typed "๑. …" numbers, or Word list numbering.

    ``numbers`` overrides the typed item numbers (a draft's slip such as ๑. ๒. ๒.).
    """
    numbers = numbers or list(range(1, len(entries) + 1))
    cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
    if not entries:
        cell.add_paragraph()
        return
    num_id = lists.new_list() if (numbered and style == "word") else None
    if soft and numbered and style != "word":  # one paragraph, items split by Shift+Enter (w:br)
        p = cell.add_paragraph()
        for i, text in enumerate(entries):
            run = p.add_run(f"{number_label(numbers[i], style)} {text.replace(chr(10), ' ')}")
            _set_run_font(run, font, size)
            if i < len(entries) - 1:
                run.add_break()
        return
    for i, text in enumerate(entries):
        first, *more = text.split("\n")  # "\n": the item goes on in unnumbered paragraphs ("- …")
        p = cell.add_paragraph()
        if numbered and style != "word":
            first = f"{number_label(numbers[i], style)} {first}"
        _set_run_font(p.add_run(first), font, size)
        if num_id is not None:
            WordLists.apply(p, num_id)
        for line in more:
            q = cell.add_paragraph()
            q.paragraph_format.left_indent = Cm(0.4)
            _set_run_font(q.add_run(line), font, size)


def _new_table(doc, t: dict[str, Any], widths, font: str, size: float, caption: str | None = None):
    """An empty measure table: optional merged caption row, then the header row."""
    table = doc.add_table(rows=1, cols=6)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _set_borders(table, t["borders"])
    _set_grid(table, widths)
    hdr = table.rows[0]
    if caption:  # a merged caption row above the header, repeated with it
        cap = hdr
        hdr = table.add_row()
        merged = cap.cells[0].merge(cap.cells[5])
        merged.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        _set_run_font(merged.paragraphs[0].add_run(caption), font, size, bold=True)
        if t["repeat_header"]:
            _repeat_header(cap)
    if t["repeat_header"]:
        _repeat_header(hdr)
    for cell, text, w in zip(hdr.cells, t["headers"], widths):
        cell.width = w
        for i, line in enumerate(text.split("\n")):  # "\n": the header typed on two lines
            p = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _set_run_font(p.add_run(line), font, size, bold=True)
    return table


def write_table(doc, case: dict[str, Any]) -> None:
    """The six-column measure table, with the case's layout quirks (see samples/README.md)."""
    t, font, size = case["table"], case["font"], case["table_font_size"]
    section = doc.sections[-1]
    usable = section.page_width - section.left_margin - section.right_margin
    widths = [Emu(int(usable * s)) for s in t.get("col_shares", COL_SHARES)]
    table = _new_table(doc, t, widths, font, size, caption=t.get("caption_row"))
    lists = WordLists(doc, t.get("word_numfmt", "decimal")) if t["numbering"] == "word" else None
    style = t["numbering"]
    soft = t.get("item_breaks") == "soft"
    cols = {"methods": 1, "responsible": 2, "period": 3, "summary": 4, "outcomes": 5}
    covered = {}  # (measure number, field) → first measure of its vertical merge
    for mg in t.get("merge", []):
        for n in range(mg["from"] + 1, mg["to"] + 1):
            covered[(n, mg["field"])] = mg["from"]
    rows_of = {}
    for m in case["measures"]:
        if m["number"] - 1 in t.get("split_after", []):  # the author broke the table in two
            doc.add_paragraph()
            table = _new_table(doc, t, widths, font, size)
        row = table.add_row()
        rows_of[m["number"]] = row
        for cell, w in zip(row.cells, widths):
            cell.width = w
        # The measure cell is "๑. ชื่อมาตรการ": typed number even with Word lists, as offices do.
        thai = style == "thai" or (style == "word" and t.get("word_numfmt") == "thaiNumbers")
        label = number_label(m["number"], "thai" if thai else "arabic")
        _fill_cell(row.cells[0], [f"{label} {m['measure']}"], False, style, font, size, lists)
        for f in LIST_FIELDS:
            v = None if (m["number"], f) in covered else m.get(f)
            _fill_cell(row.cells[cols[f]], items(v), is_numbered(v), style, font, size, lists,
                       numbers=m.get("item_numbers", {}).get(f), soft=soft)
        period = [] if (m["number"], "period") in covered else [m["period"]["text"]]
        _fill_cell(row.cells[3], period, False, style, font, size, lists)
        if m["number"] in t.get("blank_row_after", []):
            for cell, w in zip(table.add_row().cells, widths):
                cell.width = w
    for c in t.get("comments", []):  # a reviewer's Word comment on a cell (not report text)
        cell = rows_of[c["measure"]].cells[cols[c["field"]]]
        doc.add_comment(cell.paragraphs[0].runs, text=c["text"], author=c.get("author", "ผู้ตรวจ"),
                        initials=c.get("initials", "ผต"))
    for mg in t.get("merge", []):  # one cell shared by several measures (same text in the YAML)
        c = cols[mg["field"]]
        top = rows_of[mg["from"]].cells[c]
        top.merge(rows_of[mg["to"]].cells[c])


def _page_furniture(section, case: dict[str, Any]) -> None:
    """Page number "- N -" at the top and/or a running footer line on the table pages.

    Only the table section gets them (the memo page has none), as offices number
    the attached report, not the memo.
    """
    t, font, size = case["table"], case["font"], case["font_size"]
    section.header.is_linked_to_previous = False
    section.footer.is_linked_to_previous = False
    if t.get("page_numbers"):
        p = section.header.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _set_run_font(p.add_run("- "), font, size)
        fld = OxmlElement("w:fldSimple")
        fld.set(qn("w:instr"), "PAGE")
        run = OxmlElement("w:r")
        text = OxmlElement("w:t")
        text.text = "1"
        run.append(text)
        fld.append(run)
        p._p.append(fld)
        _set_run_font(p.add_run(" -"), font, size)
    if t.get("page_footer"):
        p = section.footer.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _set_run_font(p.add_run(t["page_footer"]), font, size - 2)


def write_report_head(doc, case: dict[str, Any]) -> None:
    rep, font, size = case["report"], case["font"], case["font_size"]
    for line in rep["title"]:
        _para(doc, line, font=font, size=size, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(doc, rep["intro"], font=font, size=size, first_indent=Cm(2.0),
          align=WD_ALIGN_PARAGRAPH.JUSTIFY, space_before=6)
    _para(doc, "", font=font, size=size)


def build_docx(case: dict[str, Any], out: Path) -> Path:
    doc = Document()
    case.setdefault("table_font_size", case.get("table_font_size") or case["font_size"] - 2)
    _setup_styles(doc, case["font"], case["font_size"])
    orient = case["table"]["orientation"]
    table_margins = (2.0, 1.5, 2.0, 1.5) if orient == "landscape" else (1.5, 1.2, 1.5, 1.8)
    if case["memo"]:
        _set_page(doc.sections[0], "portrait", (1.5, 2.0, 2.0, 3.0))
        write_memo(doc, case)
        _set_page(doc.add_section(WD_SECTION.NEW_PAGE), orient, table_margins)
    else:  # a report published without its cover memo: title and table only
        _set_page(doc.sections[0], orient, table_margins)
    _page_furniture(doc.sections[-1], case)
    write_report_head(doc, case)
    write_table(doc, case)
    for i, line in enumerate(footer_lines(case)):  # text after the table
        _para(doc, line, font=case["font"], size=case["font_size"], space_before=12 if i == 0 else 0,
              left_indent=Cm(9.0))
    out.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(out))
    return out
