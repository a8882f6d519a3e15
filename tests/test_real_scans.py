"""Real scanned บันทึกข้อความ (../shared/real-scans): their typed header fields come out right.

The files are image-only scans published by Thai public bodies (a district and a
provincial health office), unlabelled. The values below were read by eye from
the pages (rendered with ``pdftoppm -r 100``), typed fields only: a number or a
day written by hand is not labelled. ``agency``/``division`` follow the JSON's
convention (the ส่วนราชการ line minus its address, postcode and telephone);
``date`` is ISO (Gregorian); ``subject`` is compared as the team's scorer does
(whitespace removed, Thai digits as Arabic, similarity ≥ 0.95), every other
field exactly after the same canonical form.
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache

import pytest
from rapidfuzz.distance import Levenshtein

from conftest import REAL_SCANS as SCANS
pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not SCANS.is_dir(), reason="../shared/real-scans is not here")]

SSO = "สำนักงานสาธารณสุขอำเภอสบเมย"
LABELS = {
    "03-sso-mch-project-approval-memo.pdf": {  # ruled header, marker over the subject, hole punches
        "agency": SSO, "division": None, "reference": "มส ๐๖๓๒/๖๒๑", "date": "2017-12-01",
        "subject": "ขออนุมัติดำเนินโครงการพัฒนางานอนามัยแม่และเด็กอำเภอสบเมย ปีงบประมาณ ๒๕๖๑"},
    "04-sso-mch-guideline-publish-memo-dotted.pdf": {  # dotted leaders; the number after / is hand-written
        "agency": SSO, "division": None, "date": "2018-03-01",
        "subject": "ขออนุญาตเผยแพร่เอกสารแนวทางการดำเนินงานอนามัยแม่และเด็ก"},
    "05-sso-ethics-handbook-memo.pdf": {  # unruled header, subject on two lines
        "agency": SSO, "division": None, "reference": "มส ๐๖๓๒/๓๒", "date": "2018-01-25",
        "subject": "การจัดทำคู่มือส่งเสริมคุณธรรมจริยธรรมในการปฏิบัติงานเพื่อป้องกันผลประโยชน์ทับซ้อนของ"
                   "สำนักงานสาธารณสุขอำเภอสบเมย"},
    "06-sso-procurement-plan-memo-skewed-stamp.pdf": {  # skewed, a turned stamp in the top-left corner
        "agency": SSO, "division": None, "reference": "มส ๐๖๓๒/๖๗๔", "date": "2017-12-25",
        "subject": "ขออนุมัติแผนปฏิบัติการจัดซื้อจัดจ้างประจำปีงบประมาณ ๒๕๖๑"},
    "07-sso-complaints-report-memo-2p.pdf": {  # show-through from the back, two pages
        "agency": SSO, "division": None, "reference": "มส ๐๖๓๒/๑๕๒", "date": "2018-03-28",
        "subject": "รายงานสรุปผลการดำเนินการเรื่องร้องเรียนด้านการปฏิบัติงานและการจัดซื้อจัดจ้างของหน่วยงาน"},
    "08-sso-provincial-anticorruption-analysis-memo.pdf": {  # slightly turned, unruled header
        "agency": "สำนักงานสาธารณสุขจังหวัดแม่ฮ่องสอน", "division": "กลุ่มงานนิติการ",
        "reference": "มส ๐๐๓๒.๐๐๙/๐๘๐", "date": "2017-12-15",
        "subject": "รายงานการวิเคราะห์ผลการดำเนินการตามแผนปฏิบัติการการป้องกันและปราบปรามการทุจริต "
                   "ประจำปีงบประมาณ พ.ศ. ๒๕๖๐"},
}
THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


def canon(s: str | None) -> str:
    return "".join(unicodedata.normalize("NFC", s or "").translate(THAI_DIGITS).split())


@lru_cache(maxsize=None)
def document(name: str) -> dict:
    from extractor.pipeline import extract
    return extract(SCANS / name).to_json()["document"]


def right(field: str, want: str | None, got: str | None) -> bool:
    if field == "subject":
        return Levenshtein.normalized_similarity(canon(want), canon(got)) >= 0.95
    return canon(want) == canon(got)


# What the OCR engine still misreads in the value itself (the memo stage cannot know the
# digits): measured 2026-12-03 with this branch, 24 of 29 fields right.
ENGINE_MISREADS = {
    ("03-sso-mch-project-approval-memo.pdf", "reference"): "digits read 'มส ๓/่อด 7'",
    ("03-sso-mch-project-approval-memo.pdf", "date"): "date line lost under the ruled header",
    ("03-sso-mch-project-approval-memo.pdf", "subject"): "subject under a highlighter stroke lost",
    ("04-sso-mch-guideline-publish-memo-dotted.pdf", "date"): "year on dotted leaders read '๒.๕๖..๑'",
    ("07-sso-complaints-report-memo-2p.pdf", "reference"): "code มส read as Latin 'ud'",
}


def _params() -> list:
    out = []
    for n, fields in LABELS.items():
        for f in fields:
            why = ENGINE_MISREADS.get((n, f))
            marks = [pytest.mark.xfail(reason=f"OCR engine: {why}", strict=False)] if why else []
            out.append(pytest.param(n, f, marks=marks, id=f"{n[:2]}-{f}"))
    return out


@pytest.mark.parametrize("name, field", _params())
def test_typed_header_field(name: str, field: str):
    doc = document(name)
    want = LABELS[name][field]
    assert right(field, want, doc.get(field)), f"{field}: want {want!r}, got {doc.get(field)!r}"
