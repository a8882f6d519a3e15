"""Imported once by the batch's fork server, so that every worker it forks starts warm.

A cold process spends ~5 s before its first report (the PyThaiNLP dictionary
trie, rule YAML, imports of pdfplumber/pypdfium2/PIL); forked from a server that
has done it once, a worker starts in milliseconds and a text report takes 0.1 s.
Warm-up only saves time: any failure here is ignored.
"""
from __future__ import annotations

import contextlib
import importlib
import io
import tempfile
from pathlib import Path

MODULES = ("extractor.pipeline", "extractor.document", "extractor.table", "extractor.rules",
           "extractor.read.text", "extractor.read.pdf.reader", "extractor.read.docx", "extractor.read.image",
           "extractor.read.guard", "extractor.output")

SAMPLE = (
    "บันทึกข้อความ\n"
    "ส่วนราชการ สำนักปลัด องค์การบริหารส่วนตำบลบ้านนา\n"
    "ที่ นย ๕๒๐๐๑/๑๒๓ วันที่ ๕ มีนาคม ๒๕๖๗\n"
    "เรื่อง รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน\n"
    "มาตรการ/กิจกรรม\tวิธีการดำเนินการ\tผู้รับผิดชอบ\tระยะเวลาดำเนินการ\tสรุปผลการดำเนินการ\t"
    "ผลลัพธ์หรือความสำเร็จของการดำเนินการ\n"
    "๑. กิจกรรมการเปิด เผยข้อมูล\t๑. ประชา สัมพันธ์ทาง เว็บไซต์\tสำนัก ปลัด\t"
    "ปีงบประมาณ พ.ศ. ๒๕๖๗ (๑ ตุลาคม ๒๕๖๖ – ๓๐ กันยายน ๒๕๖๗)\tดำเนิน การแล้ว\tประชาชน ได้รับ ข้อมูล\n"
)


def warm() -> None:
    sink = io.StringIO()
    with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
        for name in MODULES:
            try:
                importlib.import_module(name)
            except Exception:
                pass
        try:
            from ..pipeline import extract
            with tempfile.TemporaryDirectory(prefix="ita-warm-") as d:
                sample = Path(d) / "warm.txt"
                sample.write_text(SAMPLE, encoding="utf-8")
                extract(sample)
        except Exception:
            pass


warm()
