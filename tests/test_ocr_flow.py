"""Memo lines → paragraphs, and the Thai-only second reading of unsure Latin words."""
from __future__ import annotations

import numpy as np

from extractor.read.ocr.engine import get_engine
from extractor.read.ocr.types import OcrLine, OcrSettings, Word
from extractor.read.ocr.flow import VisLine, paragraphs
from extractor.read.ocr.recheck import recheck, suspects
from test_ocr_support import text_image

H = 50  # line height in page units


def vis(text: str, x0: float, top: float, x1: float, hang: float | None = None, gap: float = 0.0) -> VisLine:
    return VisLine(text, (x0, top, x1, top + H), 0.9, gap=gap, first_word=60.0, hang=hang)


def test_wrapped_memo_paragraph_is_joined_and_heads_stand_alone():
    lines = [
        vis("ส่วนราชการ งานนิติการ องค์การบริหารส่วนตำบล", 100, 100, 1000, hang=260),
        vis("หินเหล็กไฟ", 100, 160, 300),
        vis("ที่ ปข ๗๕๐๐๑/๓๘๙ วันที่ ๕ มีนาคม ๒๕๖๙", 100, 220, 800, gap=200),
        vis("เรื่องเดิม", 250, 300, 420),
        vis("จากการประเมินคุณธรรมและความโปร่งใสในการดำเนินงาน", 250, 360, 1000),
        vis("ประจำปีงบประมาณ พ.ศ. ๒๕๖๘ ได้คะแนน ๙๕.๓๓ คะแนน", 100, 420, 990),
        vis("อยู่ในระดับ ผ่าน", 100, 480, 400),
        vis("(นายตรีวัฒน์ สุขศรีพัฒน์)", 500, 600, 800),
        vis("นายกองค์การบริหารส่วนตำบล", 480, 660, 820),
    ]
    got = [p.text for p in paragraphs(lines)]
    assert got[0] == "ส่วนราชการ งานนิติการ องค์การบริหารส่วนตำบลหินเหล็กไฟ"
    assert got[1].startswith("ที่ ") and got[2] == "เรื่องเดิม"
    assert got[3].startswith("จากการประเมิน") and "๙๕.๓๓" in got[3] and got[3].endswith("ผ่าน")
    assert got[4] == "(นายตรีวัฒน์ สุขศรีพัฒน์)" and got[5] == "นายกองค์การบริหารส่วนตำบล"


def test_numbered_items_never_join():
    lines = [vis("๑. จัดทำประกาศเจตนารมณ์การป้องกันการทุจริตของผู้บริหาร", 100, 100, 1000),
             vis("๒. เผยแพร่ทางเว็บไซต์", 100, 160, 500)]
    assert len(paragraphs(lines)) == 2


def test_unsure_latin_word_read_again_in_thai():
    """The English model "wins" a Thai word with low confidence; the tha-only pass takes it back."""
    img = np.asarray(text_image("ผู้มี", size=40))
    ys, xs = np.nonzero(img < 128)
    box = (int(xs.min()), int(ys.min()), int(xs.max()) + 1, int(ys.max()) + 1)
    thai = Word("คุณ", 0.95, (0, box[1], 5, box[3]))
    line = OcrLine([Word("ai", 0.6, box), thai], (0, box[1], box[2], box[3]))
    assert suspects([line]) == [(line, 0)]
    assert recheck([line], img, OcrSettings(), get_engine()) == 1
    assert line.words[0].text.replace("\u0e4d\u0e32", "\u0e33") == "ผู้มี"


def test_confident_english_is_left_alone():
    line = OcrLine([Word("OR", 0.93, (0, 0, 10, 10)), Word("Code", 0.95, (12, 0, 30, 10)),
                    Word("ก", 0.9, (40, 0, 50, 10))], (0, 0, 50, 10))
    assert suspects([line]) == []
