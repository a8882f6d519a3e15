"""Realistic reports for the rules tests (other agencies and years than the seed).

``clean_municipality()`` is a slip-free เทศบาลตำบล report for fiscal 2567 written
the way officers write them (ไม้ยมก, repeated "สำนักปลัด", plans for next year,
the ITA assessment year in the memo, the province's อบจ.); each rule's tests
plant one slip in a copy of it. The tests here check the builders themselves.
"""
from __future__ import annotations

import copy
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from extractor.rules import check  # noqa: E402

SEED_DIR = ROOT / "samples" / "hinlekfai-2568"  # the seed case


def measure(number, name, methods, responsible, period_text, start, end, summary, outcomes, pages=None):
    return {"number": number, "measure": name, "methods": methods, "responsible": responsible,
            "period": {"text": period_text, "start": start, "end": end},
            "summary": summary, "outcomes": outcomes, "pages": pages}


def report(document: dict, measures: list[dict]) -> dict:
    return {"schema": "ita-extract/1",
            "source": {"file": "report.pdf", "sha256": None, "format": "pdf", "pages": 4, "ocr": False},
            "document": document, "measures": measures}


FY67 = ("ปีงบประมาณ พ.ศ. ๒๕๖๗ (๑ ตุลาคม ๒๕๖๖ – ๓๐ กันยายน ๒๕๖๗)", "2023-10-01", "2024-09-30")


def clean_municipality() -> tuple[dict, list[tuple[str, int | None]]]:
    """เทศบาลตำบลบางพระ (ชลบุรี), fiscal 2567, memo dated ๑๕ พฤศจิกายน ๒๕๖๗: no slips."""
    doc = {
        "agency": "เทศบาลตำบลบางพระ", "division": "งานนิติการ สำนักปลัดเทศบาล",
        "reference": "ชบ ๕๒๑๐๒/๑๒๓", "date": "2024-11-15",
        "subject": "รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในเทศบาลตำบลบางพระ "
                   "ประจำปีงบประมาณ พ.ศ. ๒๕๖๗",
        "addressee": "นายกเทศมนตรีตำบลบางพระ", "fiscal_year": 2567,
        "period": {"start": "2023-10-01", "end": "2024-09-30"},
        "ita_score": 88.5, "ita_result": "ผ่าน",
        "signatories": [{"name": "นางสาวสุดารัตน์ ใจดี", "position": "นิติกรปฏิบัติการ"},
                        {"name": "นายสมชาย รักษ์ถิ่น", "position": "ปลัดเทศบาลตำบลบางพระ"},
                        {"name": "นายวิชัย มั่นคง", "position": "นายกเทศมนตรีตำบลบางพระ"}],
    }
    memo = [
        "บันทึกข้อความ",
        "ส่วนราชการ งานนิติการ สำนักปลัดเทศบาล เทศบาลตำบลบางพระ",
        "ที่ ชบ ๕๒๑๐๒/๑๒๓",
        "วันที่ ๑๕ พฤศจิกายน ๒๕๖๗",
        "เรื่อง รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในเทศบาลตำบลบางพระ",
        "ประจำปีงบประมาณ พ.ศ. ๒๕๖๗",
        "เรียน นายกเทศมนตรีตำบลบางพระ",
        "ตามที่สำนักงาน ป.ป.ช. ได้กำหนดให้หน่วยงานภาครัฐเข้าร่วมการประเมินคุณธรรมและความโปร่งใสในการดำเนินงาน"
        "ของหน่วยงานภาครัฐ (ITA) ตามแบบวัดการเปิดเผยข้อมูลสาธารณะ (OIT) นั้น งานนิติการได้จัดทำรายงานผล"
        "การดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. ๒๕๖๗ "
        "(๑ ตุลาคม ๒๕๖๖ - ๓๐ กันยายน ๒๕๖๗) เรียบร้อยแล้ว เพื่อเข้ารับการประเมิน ITA ประจำปีงบประมาณ พ.ศ. ๒๕๖๘",
        "จึงเรียนมาเพื่อโปรดทราบและพิจารณาอนุญาตให้เผยแพร่บนเว็บไซต์ของเทศบาลตำบลบางพระ (ทต.บางพระ)",
        "(นางสาวสุดารัตน์ ใจดี)", "นิติกรปฏิบัติการ",
        "ความเห็นปลัดเทศบาลตำบลบางพระ", "(นายสมชาย รักษ์ถิ่น)", "ปลัดเทศบาลตำบลบางพระ",
        "(นายวิชัย มั่นคง)", "นายกเทศมนตรีตำบลบางพระ",
        "รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในเทศบาลตำบลบางพระ",
        "จากการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของเทศบาลตำบลบางพระ ประจำปีงบประมาณ พ.ศ. ๒๕๖๖ "
        "ได้คะแนน ๘๘.๕๐ คะแนน อยู่ในระดับ ผ่าน เทศบาลจึงได้ดำเนินการตามมาตรการต่างๆ ดังนี้",
    ]
    measures = [
        measure(1, "มาตรการเผยแพร่ข้อมูลข่าวสารของเทศบาลตำบลบางพระผ่านช่องทางต่างๆ",
                ["จัดทำข้อมูลข่าวสารและเผยแพร่ผ่านเว็บไซต์และเพจเฟซบุ๊กของเทศบาล",
                 "ติดประกาศ ณ บอร์ดประชาสัมพันธ์หน้าสำนักงานเทศบาลตำบลบางพระ"],
                ["สำนักปลัด"], *FY67,
                ["เผยแพร่ข้อมูลข่าวสารผ่านเว็บไซต์ www.bangphra.go.th จำนวน ๑๒๔ เรื่อง",
                 "ติดประกาศข้อมูลการจัดซื้อจัดจ้างเป็นประจำทุกเดือน ตั้งแต่เดือนตุลาคม ๒๕๖๖ ถึงเดือนกันยายน ๒๕๖๗"],
                ["ประชาชนในเขตเทศบาลเข้าถึงข้อมูลข่าวสารได้สะดวกรวดเร็วยิ่งขึ้น"], pages=[3]),
        measure(2, "กิจกรรมส่งเสริมคุณธรรมและจริยธรรมของบุคลากร",
                ["จัดอบรมคุณธรรมจริยธรรมให้แก่พนักงานเทศบาลและพนักงานจ้าง",
                 "ประกาศเจตนารมณ์การต่อต้านการทุจริตของผู้บริหารและบุคลากร"],
                ["สำนักปลัด", "กองคลัง"], "๑ มกราคม ๒๕๖๗ – ๓๑ มีนาคม ๒๕๖๗", "2024-01-01", "2024-03-31",
                ["จัดอบรมคุณธรรมจริยธรรม เมื่อวันที่ ๒๐ กุมภาพันธ์ ๒๕๖๗ มีผู้เข้าร่วม ๕๖ คน",
                 "ผู้บริหารประกาศเจตนารมณ์ต่อต้านการทุจริต เมื่อวันที่ ๑ มีนาคม ๒๕๖๗"],
                ["บุคลากรมีความรู้ความเข้าใจเรื่องผลประโยชน์ทับซ้อนเพิ่มขึ้นร้อยละ ๘๐",
                 "จะจัดอบรมต่อเนื่องในเดือนมกราคม ๒๕๖๘"], pages=[3, 4]),
        measure(3, "มาตรการส่งเสริมความโปร่งใสในการจัดซื้อจัดจ้าง",
                ["จัดทำแผนการจัดซื้อจัดจ้างและเผยแพร่ต่อสาธารณชน",
                 "รายงานผลการจัดซื้อจัดจ้างประจำเดือนต่อผู้บริหาร"],
                ["กองคลัง"], *FY67,
                ["ประกาศแผนการจัดซื้อจัดจ้างประจำปี เมื่อวันที่ ๑๕ พฤศจิกายน ๒๕๖๖",
                 "ได้รับเงินอุดหนุนจากองค์การบริหารส่วนจังหวัดชลบุรีเพื่อซ่อมแซมถนน และจัดซื้อจัดจ้างตามระเบียบ"],
                ["การจัดซื้อจัดจ้างเป็นไปตามกฎหมายและระเบียบที่เกี่ยวข้อง ไม่มีข้อร้องเรียน"], pages=[4]),
        measure(4, "มาตรการจัดการเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ",
                ["เปิดช่องทางร้องเรียนทางโทรศัพท์ เว็บไซต์ และ QR Code",
                 "แต่งตั้งเจ้าหน้าที่รับผิดชอบเรื่องร้องเรียน"],
                ["สำนักปลัด"], *FY67,
                ["มีเรื่องร้องเรียนการทุจริต จำนวน ๐ เรื่อง",
                 "ตรวจสอบช่องทางร้องเรียนเป็นประจำทุกวันทำการ"],
                ["ประชาชนมีช่องทางร้องเรียนที่หลากหลาย สะดวก และปลอดภัย"], pages=[4]),
    ]
    return report(doc, measures), [(t, 1 if i < 17 else 2) for i, t in enumerate(memo)]


def with_change(base: tuple[dict, list], fn) -> tuple[dict, list]:
    """A deep copy of (report, memo) changed by ``fn(report, memo)``."""
    rep, memo = copy.deepcopy(base)
    fn(rep, memo)
    return rep, memo


def loud(findings: list[dict]) -> list[dict]:
    return [f for f in findings if f["severity"] in ("error", "warning")]


def seed() -> tuple[dict, list[tuple[str, int | None]], list[dict]]:
    """The seed report: expected JSON minus findings, its memo lines, the expected findings."""
    expected = json.loads((SEED_DIR / "expected.json").read_text(encoding="utf-8"))
    rep = {k: v for k, v in expected.items() if k != "findings"}
    memo = []
    for line in (SEED_DIR / "report.txt").read_text(encoding="utf-8").splitlines():
        if "\t" in line:
            break
        if line.strip():
            memo.append((line.strip(), None))
    return rep, memo, expected["findings"]


# ---------------------------------------------------------------- tests of the builders
def test_clean_report_is_valid_ita_extract():
    import jsonschema
    schema = json.loads((ROOT / "extractor" / "ita-extract-1.schema.json").read_text(encoding="utf-8"))
    rep, _ = clean_municipality()
    jsonschema.validate({**rep, "findings": []}, schema)


def test_clean_report_has_no_error_or_warning():
    rep, memo = clean_municipality()
    assert loud(check(rep, memo)) == []
