"""OCR noise kept out of the rules: a slip read from a scan must be read with confidence.

The reports are real ita-extract/1 JSON run through the real rules
(:func:`extractor.rules.check`); only ``source.ocr`` and the per-field
``confidence`` the OCR reader gives differ between the cases.
"""
from __future__ import annotations

from extractor.rules import check
from extractor.rules.ocrnoise import ocr_digits


def _report(ocr: bool, confidence: dict | None, methods: list[str], period: str = "ตุลาคม ๒๕๖๘") -> dict:
    m = {"number": 1, "measure": "จัดทำแผนปฏิบัติการป้องกันการทุจริต", "methods": methods,
         "responsible": ["สำนักปลัด"], "period": {"text": period, "start": None, "end": None},
         "summary": ["ประกาศใช้แผน เมื่อวันที่ ๒๕ ตุลาคม ๒๕๖๘"], "outcomes": ["มีแผนเป็นกรอบการดำเนินงาน"],
         "pages": [2]}
    if confidence is not None:
        m["confidence"] = confidence
    return {"schema": "ita-extract/1",
            "source": {"file": "scan.pdf", "sha256": None, "format": "scan" if ocr else "pdf", "pages": 2, "ocr": ocr},
            "document": {"agency": "เทศบาลเมืองศิลา", "division": None, "reference": None, "date": "2025-11-03",
                         "subject": None, "addressee": None, "fiscal_year": 2569,
                         "period": {"start": "2025-10-01", "end": "2026-09-30"},
                         "ita_score": None, "ita_result": None, "signatories": []},
            "measures": [m], "findings": []}


def _rules(report: dict) -> list[tuple[str, str]]:
    return [(f["rule"], f["severity"]) for f in check(report, []) if f["measure"] == 1]


TYPO = ["จัดทำแผนตามกฏหมายว่าด้วยการป้องกันการทุจริต"]


def test_typo_in_a_text_pdf_is_a_finding():
    assert ("known-typo", "error") in _rules(_report(False, None, TYPO))


def test_typo_read_with_good_confidence_stays():
    assert ("known-typo", "error") in _rules(_report(True, {"methods": 0.93}, TYPO))


def test_typo_read_unsure_becomes_info():
    got = check(_report(True, {"methods": 0.55}, TYPO), [])
    assert not [f for f in got if f["rule"] == "known-typo"]
    unsure = [f for f in got if f["rule"] == "low-ocr-confidence"]
    assert [(f["severity"], f["field"], f["text"]) for f in unsure] == [("info", "methods", "กฏหมาย")]
    assert "55%" in unsure[0]["message"]


def test_dates_read_digit_aware_on_ocr_only():
    assert ocr_digits("เมื่อ ๑o ตุลาคม ๒๕ ๖๘") == "เมื่อ ๑๐ ตุลาคม ๒๕๖๘"
    assert ocr_digits("QR Code") == "QR Code"
    # a year cut by a stray space is not "๒๕" (a year 2025 years ago) out of the period on a scan
    split = _report(True, {"period": 0.9}, ["ประชุม"], period="ตุลาคม ๒๕ ๖๘")
    assert "date-out-of-period" not in [r for r, _ in _rules(split)]
    wrong = _report(True, {"period": 0.9}, ["ประชุม"], period="ตุลาคม ๒๕๖๗")
    assert ("date-out-of-period", "warning") in _rules(wrong)


def test_systematic_misread_of_the_own_name_is_noise_when_the_header_shows_it():
    """The rotated sample: OCR read น้ำโจ้ as นำโจ้ in ส่วนราชการ and น้าโจ้ in five cells.
    The header proves the scanner misreads this name, so the repeats are its, not the writer's."""
    def report(ocr: bool) -> dict:
        r = _report(ocr, {"summary": 0.93, "outcomes": 0.93} if ocr else None, ["ประชุม"])
        r["document"]["agency"] = "เทศบาลตำบลน้ำโจ้"
        r["measures"][0]["summary"] = ["ประชุมพนักงานเทศบาลตำบลน้าโจ้"]
        r["measures"][0]["outcomes"] = ["พนักงานเทศบาลตำบลน้าโจ้มีความรู้"]
        return r
    memo = [("ส่วนราชการ งานนิติการ สำนักปลัดเทศบาล เทศบาลตำบลนำโจ้", 1)]
    clean = [("ส่วนราชการ งานนิติการ สำนักปลัดเทศบาล เทศบาลตำบลน้ำโจ้", 1)]
    sev = lambda r, m: sorted({f["severity"] for f in check(r, m) if f["rule"] == "agency-name"})
    assert sev(report(True), memo) == ["info"]
    assert sev(report(True), clean) == ["warning"]  # header read right: a repeated slip stays
    assert sev(report(False), memo) == ["warning"]


def test_item_number_with_a_lookalike_digit_is_noise_on_ocr():
    from extractor.rules.ocrnoise import gate_unsure, lookalike_digits
    assert lookalike_digits("๘.", "๙.") and not lookalike_digits("๒.", "๓.") and not lookalike_digits("5.", "4.")
    f = {"rule": "numbering", "severity": "warning", "message": "m", "message_en": "e", "measure": 1,
         "field": "summary", "page": None, "text": "๘.", "suggestion": "๙."}
    ocr = _report(True, {"summary": 0.95}, ["ประชุม"])
    assert gate_unsure([f], ocr)[0]["rule"] == "low-ocr-confidence"
    assert gate_unsure([{**f, "text": "๒.", "suggestion": "๓."}], ocr)[0]["rule"] == "numbering"  # a real slip
    assert gate_unsure([f], _report(False, None, ["ประชุม"]))[0]["rule"] == "numbering"
