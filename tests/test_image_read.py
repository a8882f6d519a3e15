"""Images end to end: a ruled table and a memo drawn in a Sarabun-like face, read by real Tesseract."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from PIL import Image

from extractor.read.base import Line, Row
from extractor.read.image import read_image
from test_ocr_support import table_image

HEADERS = ["มาตรการ/กิจกรรม", "วิธีการดำเนินการ", "ผู้รับผิดชอบ"]
BODY = ["๑. จัดทำประกาศ", "๑. ประชาสัมพันธ์\n๒. เผยแพร่ข้อมูล", "สำนักปลัด"]
SEED = Path(__file__).resolve().parents[1] / "samples" / "hinlekfai-2568"  # the seed case


@pytest.fixture(scope="module")
def table_png(tmp_path_factory) -> Path:
    p = tmp_path_factory.mktemp("img") / "table.png"
    table_image([HEADERS, BODY], title="รายงานผลการดำเนินการ ปี ๒๕๖๘").save(p)
    return p


def test_table_rows_cells_and_title(table_png):
    res = read_image(table_png)
    assert (res.format, res.ocr, res.page_count) == ("image", True, 1)
    page = res.pages[0]
    assert page.number == 1
    lines = [b for b in page.blocks if isinstance(b, Line)]
    rows = [b for b in page.blocks if isinstance(b, Row)]
    assert page.blocks.index(lines[0]) < page.blocks.index(rows[0])  # the title comes first
    assert "รายงานผลการดำเนินการ" in lines[0].text and "๒๕๖๘" in lines[0].text
    assert [len(r.cells) for r in rows] == [3, 3]
    assert [c.text for c in rows[0].cells] == HEADERS
    assert [c.text for c in rows[1].cells] == BODY  # "\n" before each numbered item
    assert all(0.5 < c.confidence <= 1 for c in rows[1].cells)


def test_multipage_tiff_and_jpeg(tmp_path, table_png):
    im = Image.open(table_png).convert("L")
    tif = tmp_path / "two.tif"
    im.save(tif, save_all=True, append_images=[im.rotate(0)])
    res = read_image(tif)
    assert res.page_count == 2 and [p.number for p in res.pages] == [1, 2]
    jpg = tmp_path / "t.jpg"
    im.convert("RGB").save(jpg, quality=80)
    rows = [b for b in read_image(jpg).pages[0].blocks if isinstance(b, Row)]
    assert rows and rows[0].cells[1].text == HEADERS[1]


def test_skewed_scan_is_straightened(tmp_path, table_png):
    im = Image.open(table_png).convert("L").rotate(1.5, expand=True, fillcolor=255)
    p = tmp_path / "skew.png"
    im.save(p)
    rows = [b for b in read_image(p).pages[0].blocks if isinstance(b, Row)]
    assert [len(r.cells) for r in rows] == [3, 3]
    assert [c.text for c in rows[0].cells] == HEADERS


def _canon(s: str) -> str:
    return "".join(s.translate(str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")).split())


def test_seed_office_scan_page_cells_match_expected():
    """The team's 200-dpi office scan: every body cell is found in the expected JSON's column."""
    from rapidfuzz import fuzz
    expected = json.loads((SEED / "expected.json").read_text(encoding="utf-8"))
    fields = ["measure", "methods", "responsible", "period", "summary", "outcomes"]
    col_text = []
    for f in fields:
        parts = []
        for m in expected["measures"]:
            v = m[f]
            parts.append(v["text"] if isinstance(v, dict) else "".join(v) if isinstance(v, list) else v)
        col_text.append(_canon("".join(parts)))
    res = read_image(SEED / "scan-p5.png")
    rows = [b for b in res.pages[0].blocks if isinstance(b, Row)]
    assert [len(r.cells) for r in rows] == [6, 6]
    scores = []
    for c, ref in zip(rows[1].cells, col_text):
        text = _canon(c.text.replace("\n", ""))
        if text:
            scores.append(fuzz.partial_ratio(text, ref) / 100)
    assert scores and min(scores) >= 0.95, scores
    assert "๒๕๖๘" in rows[1].cells[0].text and "๘ ราย" in rows[1].cells[5].text
