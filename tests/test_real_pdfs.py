"""The repair measured on the real Thai agency PDFs (``conftest.REAL_PDFS``; skipped if absent).

Raw text is pdfplumber's ``page.extract_text()``; repaired text is that text
through :func:`extractor.thai.normalize` line by line (which calls
:func:`extractor.repair.repair_damage`). The measure is the team's
``text_health.py`` (copied in ``tests/text_health.py``): damage patterns left, and the share of Thai
characters that fall in dictionary words. Pages are sampled to keep this file
fast; docs/real-pdfs.md has the figures over every page.
"""
from __future__ import annotations

from functools import lru_cache

import pytest

from extractor.text.normalize import normalize

from conftest import REAL_PDFS as REAL
from text_health import health

pytestmark = pytest.mark.skipif(not (REAL / "INDEX.tsv").exists(), reason="the real agency PDFs are not beside the repository")

# born-digital files (README: 01–10, 15–18) and pages that show each file's damage
SAMPLE = {
    "01-nysso-procurement-analysis-2562.pdf": [1, 2],       # sara am lost to a space, marks shifted
    "02-nysso-memo-publish-ita.pdf": [1],                   # a บันทึกข้อความ, Word → TH SarabunIT๙
    "03-phichai-procurement-analysis-2567.pdf": [1, 2],     # tone marks lost from the text layer
    "04-watchan-hospital-service-manual.pdf": [5, 6],       # "น าท ี", "ผปู้่วย"
    "05-phichai-orgchart-pptx.pdf": [1],                    # every า read as ำ (PowerPoint)
    "06-phichai-moph-ethics-code-pua.pdf": [1, 2],          # private-use glyphs, ํา
    "07-phichai-nesdc-masterplan-pua.pdf": [4, 30],
    "08-tambon-moi-training-expense-reg-pua.pdf": [3, 4],
    "09-royal-gazette-dissolution-2566.pdf": [1, 2],
    "10-budget-fy65-doc3-vol17.pdf": [20, 40],              # (cid:N), าํ, marks pushed right + spaces
    "15-nysso-memo-ita-order.pdf": [1],
    "16-nysso-memo-integrity-measures.pdf": [1],
    "17-nysso-memo-3.pdf": [1],
    "18-phichai-memo-post.pdf": [1, 2],
}


def _health(text: str) -> dict:
    return health(text)


@lru_cache(maxsize=None)
def raw_text(name: str) -> str:
    import pdfplumber
    with pdfplumber.open(REAL / name) as pdf:
        return "\n".join(pdf.pages[i - 1].extract_text() or "" for i in SAMPLE[name] if i <= len(pdf.pages))


def repaired(text: str) -> str:
    return "\n".join(normalize(line) for line in text.split("\n"))


@lru_cache(maxsize=None)
def measured() -> dict[str, tuple[dict, dict]]:
    return {name: (_health(raw_text(name)), _health(repaired(raw_text(name)))) for name in SAMPLE}


def test_dictionary_share_reaches_clean_text_levels():
    m = measured()
    raw = sum(r["dict"] for r, _ in m.values()) / len(m)
    fixed = sum(f["dict"] for _, f in m.values()) / len(m)
    assert raw < 0.93                      # the sample is really damaged …
    assert fixed >= 0.97, {k: f["dict"] for k, (_, f) in m.items()}  # … and comes out near clean text (0.99)


@pytest.mark.parametrize("name", sorted(SAMPLE))
def test_no_file_gets_worse_and_none_stays_broken(name):
    raw, fixed = measured()[name]
    assert fixed["dict"] >= raw["dict"]
    assert fixed["dict"] >= 0.95, (name, raw["dict"], fixed["dict"])
    # repair moves, swaps and restores marks; it must not lose text (PUA mapping may add a little)
    assert fixed["thai"] >= 0.98 * raw["thai"]


def test_damage_patterns_are_gone():
    m = measured()
    before = sum(r["damage"] for r, _ in m.values())
    after = sum(f["damage"] for _, f in m.values())
    assert before > 500
    assert after < 0.01 * before, {k: f["by_kind"] for k, (_, f) in m.items() if f["damage"]}


def test_memo_fields_read_cleanly_through_the_text_command():
    """End to end on a one-page memo: the `text` command's reader and normalization."""
    from extractor.read.dump import document_text
    text = document_text(REAL / "15-nysso-memo-ita-order.pdf")
    assert "สำนักงานสาธารณสุขอำเภอหนองใหญ่" in text.replace(" ", "")
    h = _health(text)
    assert h["damage"] == 0 and h["dict"] >= 0.97


def test_pages_beyond_repair_are_sent_to_ocr():
    """File 10's contents pages use a font whose glyphs map to the wrong letters (and page 3
    prints every letter twice); the body pages only lost marks, which repair brings back."""
    import pdfplumber

    from extractor.text.repair import needs_ocr
    with pdfplumber.open(REAL / "10-budget-fy65-doc3-vol17.pdf") as pdf:
        verdict = {n: needs_ocr(repaired(pdf.pages[n - 1].extract_text() or "")) for n in (3, 5, 20, 40)}
    assert verdict == {3: True, 5: True, 20: False, 40: False}
