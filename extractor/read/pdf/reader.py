"""Born-digital PDF → pages of Lines and table Rows, as the page shows them.

The path of one page, top to bottom:
  pdf_glyphs  glyph clusters (stream order, marks kept on their base) and ruling lines
  pdf_grid    ruled tables: row bands and per-band column boundaries
  pdf_columns tables drawn without lines: columns from x-gaps that hold down the page
  pdf_lines   clusters → visual lines → cell and line text
  pdf_flow    free lines → paragraphs (wrapped memo lines joined)
A page whose text layer cannot be read (no text over a scan, mostly unmapped glyphs)
is rendered at 300 dpi and OCR'd by :func:`extractor.read.image.ocr_pages`; so is a
scanned page whose text layer is junk (:mod:`.judge`: a failed OCR, a broken font map).
Repeated headers, continuation rows and item splitting are the table stage's job.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from pathlib import Path

import pypdfium2 as pdfium

from ...errors import UnusableInput
from ...options import DEFAULT, ExtractOptions
from ..guard import too_many_pages
from ..flow import FlowSettings
from ..base import Cell, Line, Page, ReadResult, Row
from .columns import ColumnSettings, find_text_tables
from .flow import paragraphs
from .glyphs import Cluster, PageContent, read_page
from .grid import Band, Grid, GridSettings, find_grids
from .judge import REPLACED, JudgeSettings, judge_layer
from .lines import LineSettings, cell_text, group_lines, line_text


@dataclass(frozen=True)
class PdfSettings:
    min_chars: int = 10  # fewer real characters than this: the page has no text layer
    scan_image_cover: float = 0.3  # … and images cover this share of it: a scanned page, OCR it
    scan_max_chars: int = 60  # a page mostly under an image with this little text (a stamped
    scan_full_cover: float = 0.8  # page number, a watermark) is a scan too
    max_bad_share: float = 0.3  # share of unreadable glyphs (U+FFFD, unmapped codes, non-Thai PUA): OCR
    ocr_batch: int = 8  # at most this many pages rendered at once (one per OCR process): bounds memory
    grid: GridSettings = field(default_factory=GridSettings)
    lines: LineSettings = field(default_factory=LineSettings)
    columns: ColumnSettings = field(default_factory=ColumnSettings)
    flow: FlowSettings = field(default_factory=FlowSettings)
    judge: JudgeSettings = field(default_factory=JudgeSettings)


def open_pdf(path: Path, max_pages: int | None = None) -> pdfium.PdfDocument:
    """Open or refuse with a Thai+English reason: encrypted, damaged, empty, too long."""
    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as e:
        msg = str(e).lower()
        if "password" in msg or "security" in msg:
            raise UnusableInput("PDF ถูกเข้ารหัสด้วยรหัสผ่าน เปิดอ่านไม่ได้ (encrypted PDF: password required)") from None
        if _page_tree_is_empty(path):
            raise UnusableInput("PDF ไม่มีหน้าเอกสาร (PDF has no pages)") from None
        raise UnusableInput(f"ไฟล์ PDF เสียหายหรือไม่สมบูรณ์ เปิดไม่ได้ (damaged or truncated PDF: {e})") from None
    n = len(pdf)
    if n == 0:
        pdf.close()
        raise UnusableInput("PDF ไม่มีหน้าเอกสาร (PDF has no pages)")
    if max_pages is not None and n > max_pages:
        pdf.close()
        raise too_many_pages(n, max_pages)
    return pdf


def _page_tree_is_empty(path: Path) -> bool:
    """pdfium refuses a PDF with an empty page tree as if damaged; pdfminer tells the two apart."""
    try:
        import pdfplumber
        with pdfplumber.open(path) as pdf:
            return len(pdf.pages) == 0
    except Exception:  # noqa: BLE001 — any failure here means "damaged", the caller's message
        return False


def needs_ocr(pc: PageContent, s: PdfSettings = PdfSettings()) -> str | None:
    """Why the page's text layer is unusable ("image-only", "unmapped glyphs"), or None."""
    if pc.chars < s.min_chars and pc.image_cover >= s.scan_image_cover:
        return "image-only"
    if pc.chars < s.scan_max_chars and pc.image_cover >= s.scan_full_cover:
        return "image-only"
    if pc.chars >= s.min_chars and pc.bad_chars / pc.chars > s.max_bad_share:
        return "unmapped glyphs"
    return None


# ---------------------------------------------------------------- one page → blocks
def _cell_index(grid: Grid, c: Cluster) -> tuple[int, int] | None:
    x, y = c.cx, c.cy
    for b, band in enumerate(grid.bands):
        if band.top <= y <= band.bottom:
            col = bisect.bisect_right(band.xs, x) - 1
            if 0 <= col < len(band.xs) - 1:
                return b, col
            return None
    return None


_TOP_LABEL = re.compile(r"^\s*(?:\(?[0-9๐-๙]{1,2}\)|[0-9๐-๙]{1,2}\.(?![0-9๐-๙]))")


def _split_unruled(grid: Grid, cells: dict[tuple[int, int], list[Cluster]],
                   s: LineSettings) -> tuple[Grid, dict[tuple[int, int], list[Cluster]]]:
    """A table ruled only around and between columns holds all its rows in one band: cut the
    band above each line where the first column starts an item ("๒. …") and another column
    starts one on the same baseline, as a new row does ("๒. มาตรการ…" beside "๑. ประชุม…")."""
    if len(grid.bands) > 2:
        return grid, cells  # the rows are ruled
    bands: list[Band] = []
    out: dict[tuple[int, int], list[Cluster]] = {}
    for b, band in enumerate(grid.bands):
        ncol = len(band.xs) - 1
        lines = [group_lines(cells.get((b, col), []), s) for col in range(ncol)]
        starts = [(min(c.base for c in ln), min(c.top for c in ln)) for col in range(1, ncol)
                  for ln in lines[col] if _TOP_LABEL.match(line_text(ln, s))]
        cuts = []
        for k, ln in enumerate(lines[0] if ncol > 1 else []):
            base, top = min(c.base for c in ln), min(c.top for c in ln)
            size = ln[0].size
            if _TOP_LABEL.match(line_text(ln, s)) and any(abs(base - b2) <= 0.3 * size for b2, _ in starts):
                if k > 0:
                    cuts.append(min([top] + [t2 for b2, t2 in starts if abs(base - b2) <= 0.3 * size]) - 0.5)
        edges = [band.top] + cuts + [band.bottom]
        for a, z in zip(edges, edges[1:]):
            nb = len(bands)
            bands.append(Band(a, z, band.xs, [h for h in band.splits if a < h.top < z],
                              band.merged_up if a == band.top else []))
            for col in range(ncol):
                inside = [c for c in cells.get((b, col), []) if a <= c.cy < z or (z == band.bottom and c.cy >= z)]
                if inside:
                    out[(nb, col)] = inside
    if len(bands) == len(grid.bands):
        return grid, cells
    return Grid(grid.x0, grid.top, grid.x1, grid.bottom, bands), out


def _merged_runs(grid: Grid) -> dict[tuple[int, int], tuple[int, int]]:
    """(band, column) of a cell merged down from above → (band, column) of the run's top cell."""
    top: dict[tuple[int, int], tuple[int, int]] = {}
    for b, band in enumerate(grid.bands):
        for col in band.merged_up:
            above = grid.bands[b - 1]
            j = next((j for j in range(len(above.xs) - 1)
                      if abs(above.xs[j] - band.xs[col]) <= 3 and abs(above.xs[j + 1] - band.xs[col + 1]) <= 3), None)
            if j is not None:
                top[(b, col)] = top.get((b - 1, j), (b - 1, j))
    return top


Pending = list[tuple[Row, int]]  # cells merged down from the previous page: (row, column)


def _grid_rows(grid: Grid, cells: dict[tuple[int, int], list[Cluster]], s: LineSettings,
               pending: Pending) -> list[tuple[float, Row]]:
    """One Row per band. A cell merged down over several rows (one period for measures ๒–๔)
    shows its text in every row that starts a new entry (its first cell has text). When the
    merged cell began on the previous page (its run starts empty at the table's top), the
    row is noted in ``pending`` for :func:`read_pdf` to fill from that page."""
    runs = _merged_runs(grid)
    members: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for cell, head in runs.items():
        members.setdefault(head, [head]).append(cell)
    merged_text = {head: cell_text([c for k in ks for c in cells.get(k, [])], (), s)
                   for head, ks in members.items()}
    rows: list[tuple[float, Row]] = []
    for b, band in enumerate(grid.bands):
        out: list[Cell] = []
        late: list[int] = []
        key = bool(cells.get((b, 0)))
        for col in range(len(band.xs) - 1):
            x0, x1 = band.xs[col], band.xs[col + 1]
            head = runs.get((b, col), (b, col))
            if head in merged_text and (head == (b, col) or key):
                text = merged_text[head]
                if not text and key and head[0] <= 1:
                    late.append(col)
            elif (b, col) in runs:
                text = ""  # a continuation row inside the merged cell: its text is above
            else:
                breaks = [h.top for h in band.splits
                          if min(h.x1, x1) - max(h.x0, x0) >= 0.5 * (x1 - x0)]
                text = cell_text(cells.get((b, col), []), breaks, s)
            out.append(Cell(text, (x0, band.top, x1, band.bottom)))
        if any(c.text for c in out):
            row = Row(out)
            rows.append((band.top, row))
            pending.extend((row, col) for col in late)
    return rows


def layout_page(pc: PageContent, s: PdfSettings = PdfSettings(), pending: Pending | None = None) -> Page:
    """Lines and Rows of one text page, top to bottom (``pending``: see :func:`_grid_rows`)."""
    pending = [] if pending is None else pending
    grids = find_grids(pc.segments, s.grid)
    in_cells: list[dict[tuple[int, int], list[Cluster]]] = [{} for _ in grids]
    free: list[Cluster] = []
    for c in pc.clusters:
        for g, grid in enumerate(grids):
            if grid.contains(c.cx, c.cy):
                at = _cell_index(grid, c)
                if at is not None:
                    in_cells[g].setdefault(at, []).append(c)
                    break
        else:
            free.append(c)
    blocks: list[tuple[float, Line | Row]] = []
    for grid, cells in zip(grids, in_cells):
        grid, cells = _split_unruled(grid, cells, s.lines)
        blocks.extend(_grid_rows(grid, cells, s.lines, pending))
    lines = group_lines(free, s.lines)
    tables = find_text_tables(lines, s.columns, s.lines)
    start = 0
    for t in tables + [None]:
        end = t.first if t else len(lines)
        blocks.extend(paragraphs(lines[start:end], s.lines, s.flow))  # free text between tables
        if t:
            blocks.extend(t.rows)
            start = t.last + 1
    blocks.sort(key=lambda b: b[0])
    return Page(pc.number, [b for _, b in blocks], pc.width, pc.height)


# ---------------------------------------------------------------- the whole file
def _ocr(pdf: pdfium.PdfDocument, numbers: list[int], s: PdfSettings, options: ExtractOptions) -> list[Page] | None:
    """OCR the given pages, rendered a few at a time (a 300 dpi A4 page is ~9 MB in grey).

    A page that would render to more than ``limits.max_pixels`` is refused before it is drawn.
    """
    from ..image import ocr_pages  # here, not at the top: text PDFs never load the OCR stack
    ocr, max_pixels = options.ocr, options.limits.max_pixels
    out: list[Page] = []
    step = max(1, min(s.ocr_batch, ocr.workers))  # one OCR process: one page in memory at a time
    for k in range(0, len(numbers), step):
        chunk = numbers[k:k + step]
        images = []
        for n in chunk:
            page = pdf[n - 1]
            try:
                w, h = page.get_size()
                if w * h * (ocr.dpi / 72) ** 2 > max_pixels:
                    mp = max_pixels // 1_000_000
                    raise UnusableInput(f"หน้า {n} ของ PDF ใหญ่เกินกว่าจะอ่านด้วย OCR (เกิน {mp} ล้านพิกเซล) "
                                        f"(page {n} would render to over {mp} megapixels for OCR)")
                images.append(page.render(scale=ocr.dpi / 72, grayscale=True).to_pil())
            finally:
                page.close()
        out.extend(ocr_pages(images, chunk, ocr))
    return out


def _fill_from_previous(pending: Pending, previous: Page | None) -> None:
    """A cell merged down across a page break shows its text on the earlier page only:
    copy it from the previous page's last row, column for column."""
    last = next((b for b in reversed(previous.blocks) if isinstance(b, Row)), None) if previous else None
    for row, col in pending:
        if last is not None and len(last.cells) == len(row.cells) and not row.cells[col].text:
            row.cells[col].text = last.cells[col].text


def read_pdf(path: Path, options: ExtractOptions = DEFAULT, settings: PdfSettings = PdfSettings()) -> ReadResult:
    """Read a PDF: text pages by geometry, unreadable pages by OCR (raises UnusableInput)."""
    pdf = open_pdf(Path(path), options.limits.max_pages)
    try:
        pages: list[Page] = []
        notes: list[str] = []
        to_ocr: list[int] = []
        kept: dict[int, Page] = {}  # pages whose junk layer OCR replaces
        for i in range(len(pdf)):
            try:
                pc = read_page(pdf, i)
            except pdfium.PdfiumError as e:
                raise UnusableInput(f"อ่านหน้า {i + 1} ของ PDF ไม่ได้ ไฟล์อาจเสียหาย "
                                    f"(cannot read page {i + 1}: {e})") from None
            why = needs_ocr(pc, settings)
            junk = None if why else judge_layer("".join(c.text for c in pc.clusters), pc.image_cover,
                                                settings.judge)
            if why:
                to_ocr.append(pc.number)
                notes.append(f"page {pc.number}: text layer unusable ({why}), OCR'd")
                pages.append(Page(pc.number, [], pc.width, pc.height))
            elif junk:
                to_ocr.append(pc.number)
                notes.append(f"page {pc.number}: {REPLACED} ({junk})")
                kept[pc.number] = layout_page(pc, settings)  # if OCR cannot run, the layer is all there is
                pages.append(Page(pc.number, [], pc.width, pc.height))
            else:
                pending: Pending = []
                pages.append(layout_page(pc, settings, pending))
                _fill_from_previous(pending, pages[-2] if len(pages) > 1 else None)
        if to_ocr:
            try:
                done = _ocr(pdf, to_ocr, settings, options)
            except Exception as e:  # noqa: BLE001 — Tesseract missing or crashed: no traceback
                if len(to_ocr) == len(pages):  # nothing else to read
                    if isinstance(e, UnusableInput):
                        raise
                    raise UnusableInput(f"อ่านข้อความจากภาพสแกนไม่ได้ OCR ล้มเหลว (OCR failed: {e})") from None
                done = None  # a text PDF with a scanned page or two: keep the text pages
            if done is None:
                notes = [n.replace("OCR'd", "OCR not available, left empty") for n in notes
                         if REPLACED not in n]
                pages = [kept.get(p.number, p) for p in pages]
            else:
                by_number = {p.number: p for p in done}
                pages = [by_number.get(p.number, p) for p in pages]
            ocr = done is not None
        else:
            ocr = False
        scan = len(to_ocr) == len(pages)
        return ReadResult(format="scan" if scan else "pdf", pages=pages, page_count=len(pages),
                          ocr=ocr, notes=notes)
    finally:
        pdf.close()
