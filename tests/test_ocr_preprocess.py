"""Preprocessing without Tesseract: deskew, grid from ruling lines, dust vs Thai marks."""
from __future__ import annotations

import numpy as np
from PIL import Image

from extractor.read.ocr.scale import rescale, working_scale
from extractor.read.ocr.types import OcrSettings
from extractor.read.ocr.preprocess import despeckle, find_grids, prepare, skew_angle, to_grey
from test_ocr_support import table_image, text_image

ROWS = [["มาตรการ/กิจกรรม", "วิธีการดำเนินการ", "ผู้รับผิดชอบ", "ระยะเวลา"],
        ["๑. จัดทำ", "๑. ประชุม\n๒. แจ้ง", "สำนักปลัด", ""],
        ["", "๓. ติดตาม", "", "ต.ค. ๖๗"]]


def test_grid_rows_and_columns_from_rules():
    grids, rules = find_grids(to_grey(table_image(ROWS, col_w=300)))
    assert len(grids) == 1
    assert [len(r) for r in grids[0].rows] == [4, 4, 4]
    widths = [x1 - x0 for x0, _, x1, _ in grids[0].rows[0]]
    assert max(widths) - min(widths) <= 6  # equal columns found where they were drawn
    assert rules.any()


def test_letters_are_not_rules():
    """Stems of ป ฟ ฝ and the bar of a long line of text never become table rules."""
    grids, rules = find_grids(to_grey(text_image("ปฟฝฤ ปัญญา ฟ้าฝน " * 3, size=60)))
    assert grids == [] and not rules.any()


def test_skew_measured_and_corrected():
    im = table_image(ROWS, col_w=300).rotate(-1.2, expand=True, fillcolor=255)
    angle = skew_angle(to_grey(im))
    assert abs(abs(angle) - 1.2) < 0.25
    page = prepare(im)
    assert [len(r) for r in page.grids[0].rows] == [4, 4, 4]


def test_merged_cell_is_one_box():
    im = table_image(ROWS, col_w=300)
    grey = to_grey(im)
    g0 = find_grids(grey)[0][0]
    x_cut = g0.rows[1][1][2]  # the rule between columns 2 and 3 …
    y0, y1 = g0.rows[1][0][1], g0.rows[1][0][3]
    grey[y0 + 4:y1 - 3, x_cut - 4:x_cut + 5] = 255  # … erased in row 2 only: a merged cell
    rows = find_grids(grey)[0][0].rows
    assert [len(r) for r in rows] == [4, 3, 4]


def test_despeckle_keeps_marks_drops_dust():
    grey = to_grey(text_image("ที่นี่ น้ำ ผู้ใหญ่ ปั้น ทั่วไป เพื่อ", size=44))
    img = rescale(grey, working_scale(grey))
    h, w = img.shape
    dusty = np.vstack([img, np.full((80, w), 255, np.uint8)])
    rng = np.random.default_rng(3)
    for _ in range(25):  # dust in a blank margin, far from any glyph
        y, x = rng.integers(h + 30, h + 75), rng.integers(3, w - 3)
        dusty[y:y + 3, x:x + 3] = 0
    clean = despeckle(dusty, OcrSettings().text_height)
    assert int((clean[h:] < 128).sum()) == 0  # every speck is gone
    assert np.array_equal(clean[:h] < 128, img < 128)  # no mark lost: ่ ้ ั ี ื ์ all kept


def test_grey_modes_and_transparency():
    rgba = Image.new("RGBA", (50, 40), (0, 0, 0, 0))
    assert to_grey(rgba).min() == 255  # transparent → white paper, not black
    assert to_grey(Image.new("1", (20, 20), 0)).max() == 0
    assert to_grey(Image.new("I;16", (20, 20), 300)).dtype == np.uint8
