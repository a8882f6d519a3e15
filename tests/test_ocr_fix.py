"""Repairs of Tesseract's known Thai weak spots, on real Tesseract output and real glyphs."""
from __future__ import annotations

import numpy as np
import pytest

from extractor.read.ocr.engine import get_engine
from extractor.read.ocr.types import OcrLine, OcrSettings, Word
from extractor.read.ocr.digits import read_digits
from extractor.read.ocr.fix import close_thai_gaps, correct_low_confidence, drop_specks, fix_line, fix_marks, restore_marks
from test_ocr_support import text_image


def tesseract_lines(img, psm):
    """The default engine's lines for one image, read with page segmentation ``psm``."""
    return get_engine().read([img], psm=psm)[0].lines


def confs(text: str, c: float = 0.95) -> list[float]:
    return [c] * len(text)


@pytest.mark.parametrize("digits", ["๒๕๖๘", "๔๖๗๘๙", "๑๐", "๓๙", "๗๕๐๐๑", "๙๑.๐๖", "๒๙/๒๕๖๘"])
def test_thai_digits_read_by_shape(digits):
    """๔ ๖ ๗ ๘ ๙ are not in Tesseract's tha model; the shape reader gets every digit."""
    img = np.asarray(text_image(digits, size=40))
    got = read_digits(img)
    assert got is not None and got[0] == digits


def test_touching_digits_are_split():
    """Glyphs that a scan glued together are cut at the thinnest column."""
    img = np.asarray(text_image("๒๕๖๘", size=40))
    ink = img < 128
    # glue the glyphs: close every 1–6 px gap between them
    cols = np.flatnonzero(~ink.any(axis=0))
    mid = img.shape[0] // 2
    glued = img.copy()
    for c in cols:
        if ink[:, :c].any() and ink[:, c:].any():
            glued[mid - 1:mid + 2, c] = 0
    assert read_digits(glued)[0] == "๒๕๖๘"


def test_year_in_a_real_line_is_fixed_end_to_end():
    """Tesseract alone reads ๒๕๖๘ wrongly (no ๖/๘ in its model); fix_line makes it right."""
    img = np.asarray(text_image("ประจำปี ๒๕๖๘ จำนวน ๘ ราย", size=40))
    raw = "".join(w.text for ln in tesseract_lines(img, 7) for w in ln.words)
    assert "๖" not in raw and "๘" not in raw  # the model cannot write them
    lines = tesseract_lines(img, 7)
    text = " ".join(fix_line(ln, img, OcrSettings()) for ln in lines)
    assert "๒๕๖๘" in text and "๘ ราย" in text
    assert "ประจำปี" in text  # sara am rebuilt from ํ + า


def test_sara_am_and_space_before_mark():
    text = "ด ํ า เนินการ น ้ ํา"
    got, c = fix_marks(text, confs(text))
    assert got.replace(" ", "") == "ดำเนินการน้ำ"
    assert "\u0e4d" not in got and len(c) == len(got)


def test_spurious_thai_spaces_closed_by_dictionary():
    text = "องค์การ บริหารส่วนตำบล"
    assert close_thai_gaps(text, confs(text))[0] == "องค์การบริหารส่วนตำบล"
    keep = "จัดทำรายงาน และเผยแพร่"
    assert close_thai_gaps(keep, confs(keep))[0] == keep  # a real phrase space stays


def test_low_confidence_snaps_to_lexicon_but_confident_typo_stays():
    bad = "ให้บริการประชาชน์ดีเด่น"
    assert correct_low_confidence(bad, confs(bad, 0.4))[0] == "ให้บริการประชาชนดีเด่น"
    assert correct_low_confidence(bad, confs(bad, 0.95))[0] == bad  # the author's own slip is kept
    qr = "สแกน OR Code"
    assert correct_low_confidence(qr, confs(qr, 0.95))[0] == qr


def test_place_name_after_authority_type_snaps_only_when_unsure():
    text = "องค์การบริหารส่วนตำบลหินเหล็กไพ"
    assert correct_low_confidence(text, confs(text, 0.5))[0] == "องค์การบริหารส่วนตำบลหินเหล็กไฟ"
    assert correct_low_confidence(text, confs(text, 0.95))[0] == text


def test_dropped_marks_restored_on_lexicon_phrases_and_memo_labels():
    for raw, want in [("บนทกขอความ", "บันทึกข้อความ"), ("ท ปข ๗๕๐๐๑/๓๘๙ วนท ๕ มีนาคม", "ที่ ปข ๗๕๐๐๑/๓๘๙ วันที่ ๕ มีนาคม")]:
        assert restore_marks(raw, confs(raw))[0] == want
    word = "ทหาร"  # a real word that starts with the bare letters of ที่: untouched
    assert restore_marks(word, confs(word))[0] == word


def test_specks_at_line_edges_dropped():
    for raw, want in [("'๒. มอบหมาย", "๒. มอบหมาย"), ("ตั้งไว้ .", "ตั้งไว้"), ("พ.ศ.", "พ.ศ.")]:
        assert drop_specks(raw, confs(raw))[0] == want


def test_word_gaps_come_from_the_ink():
    """Tesseract returns Thai as single clusters; spaces are rebuilt from the blank columns."""
    img = np.asarray(text_image("หินเหล็กไฟ ผู้มีคุณธรรม", size=40))
    lines = tesseract_lines(img, 7)
    assert len(lines) == 1 and len(lines[0].words) > 4
    assert fix_line(lines[0], img, OcrSettings()) == "หินเหล็กไฟ ผู้มีคุณธรรม"


def test_line_of_synthetic_words_keeps_order():
    line = OcrLine([Word("ก", 0.9, (10, 0, 20, 20)), Word("ข", 0.9, (22, 0, 30, 20))], (10, 0, 30, 20))
    img = np.full((20, 40), 255, np.uint8)
    img[5:15, 11:19] = 0
    img[5:15, 23:29] = 0
    assert fix_line(line, img, OcrSettings()) == "กข"
