"""One scanned page → Page blocks: memo lines in reading order, table rows cell by cell.

The page is scaled so its glyph bodies are ``text_height`` px (measured, not
assumed from dpi), dust is removed by distance from glyphs, the table grid is
found from its ruling lines and the rules are erased, paper grain is whitened
once for the whole page. Then every pixel is read once by the engine:

- the free text (memo, titles, signatures) in ONE call on the page with its
  tables painted white (the engine finds the blocks and the reading order);
- every inked cell as its own rectangle of the same page, on a white margin
  (one ``read_boxes`` call for all): read as part of the page, cells lose tone
  marks and vertically centred headers turn into made-up lines (:mod:`.cells`);
- an unsure Latin word once more with the Thai model (:mod:`.recheck`).

No stacked images, so nothing ever nears Tesseract's 32,767 px limit. A page
comes in as it is: a phone photo is flattened first (:mod:`.photo`), a page read
badly is checked for a 90°/180°/270° turn (:mod:`.orient`), a scanned table
without rules gets columns from word gaps (:mod:`.unruled`). Whatever fails on
one page (an engine error, an odd size, a bug on a strange layout), that page
falls back to plain lines in reading order and says why in ``Page.fallback``:
the document goes on.
"""
from __future__ import annotations

import re

import numpy as np
from PIL import Image

from ...text.chars import THAI_CHAR
from ..base import Cell, Line, Page, Row
from .cells import CellWords, merge_pieces
from .engine import OcrEngine
from .fix import fix_line
from .lines import cell_text, drop_mark_strips, mean_conf, text_lines
from .orient import turn, upright_degrees
from .photo import flatten
from .preprocess import PreparedPage, binarize, despeckle, line_masks, prepare, stretch, to_grey
from .recheck import recheck
from .scale import has_ink, paper_white, rescale, whiten, working_scale
from .types import EngineError, OcrSettings, PageWords
from .unruled import unruled_rows

POOR_CONF = 0.8   # a page read below this mean word confidence (or with few words) may be turned:
                  # upright pages read 0.9–0.95, an upside-down table page's title 0.67
FEW_WORDS = 8


def _prepared(grey: np.ndarray, s: OcrSettings) -> tuple[PreparedPage, float]:
    scale = working_scale(grey, s)
    # no median filter: it thins tone marks until Tesseract drops them; dust goes by distance
    page = prepare(despeckle(stretch(rescale(grey, scale)), s.text_height), denoise=False)
    for grid in page.grids:  # grey header fills → white, before the engine binarizes the page
        for row in grid.rows:
            for x0, y0, x1, y1 in row:
                page.image[y0:y1, x0:x1] = whiten(page.image[y0:y1, x0:x1])
    paper_white(page.image)
    return page, scale


def _poor(pw: PageWords) -> bool:
    """Few words, unsure words, or lines standing on end (Tesseract reads a page turned by
    90° as vertical text, confidently: its lines are taller than wide)."""
    words = pw.words
    if len(words) < FEW_WORDS or sum(w.conf for w in words) / len(words) < POOR_CONF:
        return True
    tall = sum(len(ln.words) for ln in pw.lines if ln.box[3] - ln.box[1] > 1.5 * (ln.box[2] - ln.box[0]))
    return tall > 0.5 * len(words)


def _read(grey: np.ndarray, engine: OcrEngine, s: OcrSettings) -> tuple[PreparedPage, float, PageWords]:
    """Prepare and read the page's free text (tables blanked: their cells are read alone);
    a page read badly is tried upright once more."""
    page, scale = _prepared(grey, s)
    if page.ink_share < s.min_ink:
        return page, scale, PageWords()
    pw = engine.read([_without_grids(page)], psm=s.psm_page)[0]
    if (pw.words or not page.grids) and _poor(pw):  # all table: judged by its cells (_full_page)
        deg = upright_degrees(page.image, engine)
        if deg:
            page, scale = _prepared(turn(grey, deg), s)  # OSD is sure (MIN_CONF): trust it
            pw = engine.read([_without_grids(page)], psm=s.psm_page)[0]
    return page, scale, pw


def _without_grids(page: PreparedPage) -> np.ndarray:
    """The page with its tables painted white: the engine reads the free text only."""
    if not page.grids:
        return page.image
    out = page.image.copy()
    for g in page.grids:
        x0, y0, x1, y1 = g.box
        out[y0:y1, x0:x1] = 255
    return out


def ocr_image(img: Image.Image, number: int | None, engine: OcrEngine, s: OcrSettings = OcrSettings()) -> Page:
    """One page image → Page; never raises for the page's own sake (see ``Page.fallback``)."""
    grey = to_grey(img)
    try:
        return _full_page(grey, number, engine, s)
    except (MemoryError, KeyboardInterrupt):
        raise
    except EngineError as e:
        why = f"engine error: {e}"
    except Exception as e:  # noqa: BLE001 — one odd page must not cost the document
        why = f"{type(e).__name__}: {str(e)[:100]}"
    return plain_page(grey, number, engine, s, why)


def _full_page(grey: np.ndarray, number: int | None, engine: OcrEngine, s: OcrSettings,
               turned: bool = False) -> Page:
    grey = grey if turned else flatten(grey)
    page, scale, pw = _read(grey, engine, s)
    h, w = page.image.shape
    out = Page(number=number, width=w / scale, height=h / scale)
    if page.ink_share < s.min_ink:
        return out
    image = page.image
    lines = drop_mark_strips(pw.lines, s)
    recheck(lines, image, s, engine)
    blocks: list[tuple[float, Line | Row]] = []
    if page.grids:
        cells = [CellWords(g, r, c, box) for g, grid in enumerate(page.grids)
                 for r, row in enumerate(grid.rows) for c, box in enumerate(row)]
        read_cells(cells, image, engine, s)
        if not turned and not pw.words and _poor(PageWords([ln for c in cells for ln in c.lines])):
            deg = upright_degrees(page.image, engine)  # a page all table, read badly: turned?
            if deg:
                return _full_page(turn(grey, deg), number, engine, s, turned=True)
        free = lines
        row_key, row = None, None
        for c in cells:
            if (c.grid, c.row) != row_key:
                row_key, row = (c.grid, c.row), Row([])
                blocks.append((c.box[1] / scale, row))
            text = cell_text([fix_line(ln, image, s) for ln in c.lines])
            x0, y0, x1, y1 = c.box
            row.cells.append(Cell(text, (x0 / scale, y0 / scale, x1 / scale, y1 / scale), mean_conf(c.lines)))
    else:
        found = unruled_rows(lines, image, s)
        free = found.outside
        for top, cells in found.rows:
            row = Row([Cell(cell_text([fix_line(ln, image, s) for ln in cl]),
                            (box[0] / scale, box[1] / scale, box[2] / scale, box[3] / scale), mean_conf(cl))
                       for cl, box in cells])
            blocks.append((top / scale, row))
    blocks.extend(_free_blocks(free, [b for b in blocks], image, scale, s))
    blocks.sort(key=lambda b: b[0])
    out.blocks = [b for _, b in blocks]
    return out


def _free_blocks(free, rows: list[tuple[float, Line | Row]], image: np.ndarray, scale: float,
                 s: OcrSettings) -> list[tuple[float, Line | Row]]:
    """Free lines → paragraphs, never joined across a table: each run between rows on its own."""
    tops = sorted(t for t, _ in rows)
    groups: dict[int, list] = {}
    for ln in free:
        k = sum(1 for t in tops if t * scale < ln.box[1])
        groups.setdefault(k, []).append(ln)
    out = []
    for k in sorted(groups):
        for para in text_lines(groups[k], image, scale, s):
            out.append(((para.bbox[1] if para.bbox else 0.0), para))
    return out


def read_cells(cells: list[CellWords], image: np.ndarray, engine: OcrEngine, s: OcrSettings) -> None:
    """Every inked cell read on its own, as a rectangle of the page (one engine call for all).

    Measured on the seed's office scan: read as part of the whole page, cells lose
    tone marks (แต่งตั้ง → แต่งตัง, ท้องถิ่น → ท้องถิน) and a header whose cells are
    centred vertically is read as made-up lines across columns; read alone, the
    same pixels come out right. Each pixel is still read once.
    """
    todo = []
    for c in cells:
        x0, y0, x1, y1 = c.box
        p = s.cell_pad
        box = (x0 + p, y0 + p, max(x0 + p + 1, x1 - p), max(y0 + p + 1, y1 - p))
        if has_ink(image[box[1]:box[3], box[0]:box[2]], s):
            todo.append((c, box))
    if not todo:
        return
    split = []
    for (c, box), got in zip(todo, engine.read_boxes(image, [b for _, b in todo], psm=s.psm_block)):
        c.lines = drop_mark_strips(got.lines, s)
        if len(c.lines) < len(got.lines) or any(_marks_only(ln) for ln in c.lines):
            split.append((c, box))
    # a cell whose marks came back as a line of their own ("aa : ° a" over วธการดาเนนการ: a lone
    # line read as a block) is read again as sparse text, which keeps marks on their letters
    if split:
        for (c, _), got in zip(split, engine.read_boxes(image, [b for _, b in split], psm=s.psm_sparse)):
            again = merge_pieces(drop_mark_strips(got.lines, s))
            if again and (mean_conf(again) or 0) >= (mean_conf(c.lines) or 0):
                c.lines = again
    for c, _ in todo:
        recheck(c.lines, image, s, engine)


_THAI = re.compile(f"[{THAI_CHAR}]")


def _marks_only(ln) -> bool:
    """A short line without a Thai letter: a strip of marks read as Latin ("aa : ° a")."""
    text = "".join(w.text for w in ln.words)
    return len(text) <= 8 and not _THAI.search(text) and not text.strip("-–—_.…").isdigit() and text.strip("-–—_.…") != ""


def plain_page(grey: np.ndarray, number: int | None, engine: OcrEngine, s: OcrSettings, why: str) -> Page:
    """The fallback: the page as plain lines in reading order, no grid, no turn, no repairs
    beyond each line's own; an empty page when even that cannot be read."""
    scale = working_scale(grey, s)
    image = rescale(grey, scale)
    try:  # rules read as "|" or glued to the text; erasing them is worth a try, not a failure
        horiz, vert = line_masks(binarize(image))
        image = image.copy()
        image[(horiz | vert) > 0] = 255
    except Exception:  # noqa: BLE001
        pass
    h, w = image.shape
    out = Page(number=number, width=w / scale, height=h / scale, fallback=why)
    try:
        pw = engine.read([image], psm=s.psm_page)[0]
    except EngineError as e:
        out.fallback = f"unreadable: {why}; {e}"
        return out
    for ln in drop_mark_strips(pw.lines, s):
        if (mean_conf([ln]) or 0) < s.min_line_conf:
            continue
        try:
            text = fix_line(ln, image, s)
        except Exception:  # noqa: BLE001 — the plain words are still worth having
            text = ln.text
        if text:
            x0, y0, x1, y1 = ln.box
            out.blocks.append(Line(text, (x0 / scale, y0 / scale, x1 / scale, y1 / scale), mean_conf([ln])))
    return out
