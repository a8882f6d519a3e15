"""The OCR engine seam and a scan path that never loses a document (real Tesseract).

The engines are the real ones; the one engine made up here is a *test engine*: a
real Tesseract engine behind the same protocol that refuses some images, as
Tesseract refuses an image over 32,767 px — registered by name like any engine.
"""
from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw
from rapidfuzz.distance import Levenshtein

from extractor.errors import UnusableInput
from extractor.options import ExtractOptions, OcrOptions
from extractor.pipeline import page_fallbacks
from extractor.read.base import Line, Row
from extractor.read.image import read_image
from extractor.read.ocr.engine import ENGINES, OcrEngine, get_engine
from extractor.read.ocr.reader import ocr_image
from extractor.read.ocr.types import EngineError
from test_ocr_support import font, table_image

HEADERS = ["มาตรการ/กิจกรรม", "วิธีการดำเนินการ", "ผู้รับผิดชอบ"]
BODY = ["๑. จัดทำประกาศ", "๑. ประชาสัมพันธ์\n๒. เผยแพร่ข้อมูล", "สำนักปลัด"]
SAMPLES = Path(__file__).resolve().parents[1] / "samples"


class RefusingEngine:
    """A real Tesseract engine that refuses what ``refuse(image)`` says, whole pages or cells."""

    name = "refusing"

    def __init__(self, refuse, cells_too: bool = True):
        self.inner = get_engine("tesserocr")
        self.refuse = refuse
        self.cells_too = cells_too

    def read(self, images, *, psm=3, lang=None):
        if any(self.refuse(im) for im in images):
            raise EngineError("refused by the test engine")
        return self.inner.read(images, psm=psm, lang=lang)

    def read_boxes(self, image, boxes, *, psm=6, lang=None):
        if self.cells_too:
            raise EngineError("cells refused by the test engine")
        return self.inner.read_boxes(image, boxes, psm=psm, lang=lang)

    def orientation(self, image):
        return self.inner.orientation(image)


def rows_of(page) -> list[list[str]]:
    return [[c.text for c in b.cells] for b in page.blocks if isinstance(b, Row)]


def all_text(pages) -> str:
    return "".join("".join(b.text for b in p.blocks if isinstance(b, Line))
                   + "".join(c.text for r in p.blocks if isinstance(r, Row) for c in r.cells) for p in pages)


@pytest.fixture(scope="module")
def table() -> Image.Image:
    return table_image([HEADERS, BODY], title="รายงานผลการดำเนินการ ปี ๒๕๖๘")


@pytest.mark.parametrize("name", ["tesserocr", "pytesseract"])
def test_engines_stand_behind_the_protocol_and_read_the_table(name, table):
    engine = get_engine(name)
    assert isinstance(engine, OcrEngine) and engine.name == name
    assert rows_of(ocr_image(table, 1, engine)) == [HEADERS, BODY]


def test_unknown_engine_is_one_clear_line():
    with pytest.raises(UnusableInput, match="unknown OCR engine"):
        get_engine("typhoon-gpu")


def test_engine_chosen_from_options(tmp_path, table):
    p = tmp_path / "t.png"
    table.save(p)
    res = read_image(p, ExtractOptions(ocr=OcrOptions(engine="pytesseract")))
    assert rows_of(res.pages[0]) == [HEADERS, BODY]


def test_page_whose_cells_the_engine_rejects_falls_back_to_lines(table):
    page = ocr_image(table, 3, RefusingEngine(lambda im: False))
    assert page.fallback and "engine error" in page.fallback
    assert not rows_of(page)
    text = "".join(b.text for b in page.blocks)
    assert "สำนักปลัด" in text and "รายงานผลการดำเนินการ" in text
    [finding] = page_fallbacks([page])
    assert finding.rule == "ocr-page-fallback" and finding.severity == "info" and finding.page == 3


def test_page_the_engine_refuses_costs_that_page_only(tmp_path, table):
    """Two frames; the engine refuses the first (wider: its aspect survives any scaling) outright."""
    first = Image.fromarray(np.asarray(table.resize((table.width + 400, table.height)).convert("L")))
    tif = tmp_path / "two.tif"
    first.save(tif, save_all=True, append_images=[Image.fromarray(np.asarray(table.convert("L")))])
    limit = (table.width + 200) / table.height
    ENGINES["test-refuse-wide"] = lambda lang, tessdata: RefusingEngine(
        lambda im: im.shape[1] / im.shape[0] > limit, cells_too=False)
    res = read_image(tif, ExtractOptions(ocr=OcrOptions(engine="test-refuse-wide")))
    p1, p2 = res.pages
    assert p1.fallback.startswith("unreadable") and not p1.blocks
    assert rows_of(p2) == [HEADERS, BODY] and p2.fallback is None
    assert [f.page for f in page_fallbacks(res.pages)] == [1]


def test_document_fails_only_when_no_page_can_be_read(tmp_path, table):
    p = tmp_path / "t.png"
    table.save(p)
    ENGINES["test-refuse-all"] = lambda lang, tessdata: RefusingEngine(lambda im: True)
    with pytest.raises(UnusableInput, match="could not read any page"):
        read_image(p, ExtractOptions(ocr=OcrOptions(engine="test-refuse-all")))


def test_page_without_a_grid_still_gives_its_text():
    """Rules across only (no column rules): no grid can be found; the text still comes out."""
    f = font(40)
    im = Image.new("L", (1400, 700), 255)
    d = ImageDraw.Draw(im)
    for y in (100, 300, 500):
        d.line([(60, y), (1340, y)], fill=0, width=3)
    d.text((80, 140), "มาตรการส่งเสริมคุณธรรม", font=f, fill=0)
    d.text((80, 340), "งานนิติการ สำนักปลัด", font=f, fill=0)
    page = ocr_image(im, 1, get_engine())
    assert "สำนักปลัด" in all_text([page])


@pytest.mark.parametrize("degrees", [90, 180, 270])
def test_turned_page_is_read_upright(degrees, table):
    turned = table.rotate(-degrees, expand=True, fillcolor=255)  # PIL turns counter-clockwise
    page = ocr_image(turned, 1, get_engine())
    assert rows_of(page) == [HEADERS, BODY]


def unruled(rows: list[list[str]], col_w: int = 330, size: int = 40) -> Image.Image:
    f = font(size)
    im = Image.new("L", (col_w * len(rows[0]) + 120, 140 + len(rows) * 2 * size + 60), 255)
    d = ImageDraw.Draw(im)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            d.text((60 + c * col_w, 80 + r * 2 * size), text, font=f, fill=0)
    return im


def test_unruled_scanned_table_gets_columns_from_gaps():
    rows = [["มาตรการ", "วิธีการ", "ผู้รับผิดชอบ", "ระยะเวลา"],
            ["๑. ประกาศ", "ประชุม", "สำนักปลัด", "ตุลาคม"],
            ["๒. อบรม", "จัดอบรม", "กองคลัง", "มีนาคม"],
            ["๓. เผยแพร่", "เว็บไซต์", "งานประชาสัมพันธ์", "ทั้งปี"]]
    page = ocr_image(unruled(rows), 1, get_engine())
    got = rows_of(page)
    assert len(got) == 4 and all(len(r) == 4 for r in got)
    assert got[2] == rows[2]


def test_phone_photo_is_flattened_and_read(table):
    """The page tilted in perspective on a dark desk, lit from one side."""
    page = np.asarray(table.convert("L"))
    h, w = page.shape
    W, H = int(w * 1.5), int(h * 1.6)
    src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    dst = np.float32([[W * 0.12, H * 0.15], [W * 0.9, H * 0.1], [W * 0.86, H * 0.88], [W * 0.15, H * 0.85]])
    photo = cv2.warpPerspective(page, cv2.getPerspectiveTransform(src, dst), (W, H), borderValue=60)
    light = np.linspace(0.7, 1.0, W, dtype=np.float32)[None, :]
    photo = (photo.astype(np.float32) * light).astype(np.uint8)
    got = rows_of(ocr_image(Image.fromarray(photo), 1, get_engine()))
    assert got and got[-1][-1] == "สำนักปลัด"


@pytest.mark.slow
def test_both_engines_give_the_same_table_on_a_sample_scan():
    import pypdfium2 as pdfium
    pdf = SAMPLES / "hinlekfai-2568" / "scan.pdf"
    img = pdfium.PdfDocument(str(pdf))[6].render(scale=300 / 72, grayscale=True).to_pil()
    a = rows_of(ocr_image(img, 7, get_engine("tesserocr")))
    b = rows_of(ocr_image(img, 7, get_engine("pytesseract")))
    assert len(a) == len(b) >= 2 and [len(r) for r in a] == [len(r) for r in b]
    cells = [(x, y) for ra, rb in zip(a, b) for x, y in zip(ra, rb) if x or y]
    sim = sum(Levenshtein.normalized_similarity(x, y) for x, y in cells) / len(cells)
    assert sim >= 0.97, (sim, a, b)
