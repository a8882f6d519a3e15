"""Real agency scans (the real PDFs 12–14): our reading beats Tesseract's own full page.

Measured as the share of Thai characters that fall in dictionary words
(the metric of tests/text_health.py). Slow: whole pages through Tesseract.
"""
from __future__ import annotations

import os
import re

import pytest

from conftest import REAL_PDFS as REAL
CASES = [("13-phichai-procurement-results-scan.pdf", 0)]  # 12 and 14: bench numbers in the report


def dict_share(text: str) -> float:
    from pythainlp.corpus import thai_words
    from pythainlp.tokenize import word_tokenize
    words = set(thai_words())
    total = good = 0
    for run in re.findall(r"[\u0e01-\u0e4e]+", text):
        for w in word_tokenize(run, engine="newmm", keep_whitespace=False):
            total += len(w)
            good += len(w) if w in words else 0
    return good / total if total else 0.0


@pytest.mark.slow
@pytest.mark.parametrize("name,page", CASES)
def test_real_scan_beats_plain_tesseract(name, page):
    path = REAL / name
    if not path.exists():
        pytest.skip("the real agency PDFs are not beside the repository")
    import pypdfium2 as pdfium
    import pytesseract

    from extractor.read.base import ReadResult
    from extractor.read.image import ocr_pages

    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    img = pdfium.PdfDocument(str(path))[page].render(scale=300 / 72).to_pil()
    raw = pytesseract.image_to_string(img, lang="tha+eng")
    mine = "\n".join(ReadResult("scan", ocr_pages([img], [page + 1]), 1).lines())
    assert "\u0e4d\u0e32" not in mine  # no decomposed sara am left
    assert dict_share(mine) >= dict_share(raw)
    assert len(re.findall(r"[\u0e01-\u0e5b]", mine)) >= 0.9 * len(re.findall(r"[\u0e01-\u0e5b]", raw))
