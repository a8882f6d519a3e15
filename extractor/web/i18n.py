"""The web page's words in Thai (the default) and English, chosen by ?lang= or a cookie.

Officers read Thai; an English switch serves auditors and developers. Rule ids
stay English in both, as in the JSON. One table, so a missing translation is
a KeyError in the tests, not a blank on the page.
"""
from __future__ import annotations

LANGS = ("th", "en")
DEFAULT_LANG = "th"
COOKIE = "ita_lang"

TEXT: dict[str, tuple[str, str]] = {
    # frame
    "app_title": ("ตรวจรายงาน ITA", "ITA report check"),
    "app_tagline": ("อ่านและตรวจรายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใส",
                    "Read and check integrity and transparency (ITA) reports"),
    "nav_upload": ("ตรวจไฟล์", "Check a file"),
    "nav_search": ("ค้นหารายงานเก่า", "Search past reports"),
    "lang_switch": ("English", "ภาษาไทย"),
    "local_only": ("ทำงานบนเครื่องนี้เท่านั้น ไม่ส่งไฟล์ออกอินเทอร์เน็ต",
                   "Runs on this computer only; no file leaves it"),
    # upload
    "upload_heading": ("ตรวจร่างรายงานก่อนเผยแพร่", "Check a draft before publishing"),
    "upload_help": ("ลากไฟล์มาวางที่นี่ หรือกดเลือกไฟล์ (PDF, DOCX, ภาพสแกน PNG/JPEG/TIFF หรือไฟล์ข้อความ)",
                    "Drop a file here or choose one (PDF, DOCX, scanned PNG/JPEG/TIFF image, or text)"),
    "upload_choose": ("เลือกไฟล์", "Choose file"),
    "upload_submit": ("ตรวจรายงาน", "Check report"),
    "upload_limit": ("ขนาดไม่เกิน {mb} MB · ไฟล์จะถูกลบอัตโนมัติภายใน {minutes} นาที",
                     "Up to {mb} MB · files are deleted automatically within {minutes} minutes"),
    "upload_none": ("กรุณาเลือกไฟล์ก่อน", "Please choose a file first"),
    "upload_sending": ("กำลังส่งไฟล์…", "Uploading…"),
    "too_large": ("ไฟล์ใหญ่เกินกำหนด ({mb} MB) กรุณาลดขนาดหรือแยกไฟล์ (file too large)",
                  "The file is larger than the limit ({mb} MB); reduce or split it"),
    "bad_file": ("ใช้ไฟล์นี้ไม่ได้", "This file cannot be used"),
    "ocr_note": ("ภาพสแกนต้องอ่านด้วย OCR อาจใช้เวลาประมาณหนึ่งนาทีต่อหลายหน้า",
                 "Scans are read by OCR, which can take about a minute for several pages"),
    # progress
    "progress_heading": ("กำลังอ่านและตรวจเอกสาร", "Reading and checking the document"),
    "state_queued": ("รอคิว…", "Waiting in queue…"),
    "state_running": ("กำลังอ่านเอกสาร…", "Reading the document…"),
    "state_done": ("เสร็จแล้ว กำลังเปิดผล…", "Done, opening the result…"),
    "state_failed": ("อ่านเอกสารไม่สำเร็จ", "Could not read the document"),
    "busy": ("ขณะนี้มีไฟล์รอตรวจเต็มคิว กรุณาลองใหม่อีกครั้งในอีกสักครู่ (server busy: the queue is full, try again shortly)",
             "The queue is full; try again in a moment (server busy)"),
    "elapsed": ("ใช้เวลา {s} วินาที", "{s} s elapsed"),
    "noscript_wait": ("หน้านี้จะโหลดใหม่เองทุก 3 วินาที", "This page reloads itself every 3 seconds"),
    "try_again": ("ลองไฟล์อื่น", "Try another file"),
    # result
    "result_heading": ("ผลการตรวจ", "Check result"),
    "download_json": ("ดาวน์โหลด JSON", "Download JSON"),
    "download_fixed": ("ดาวน์โหลดร่างที่แก้แล้ว (.docx)", "Download the corrected draft (.docx)"),
    "print": ("พิมพ์สรุป", "Print summary"),
    "check_another": ("ตรวจไฟล์อื่น", "Check another file"),
    "format": ("ชนิดไฟล์", "Format"),
    "pages": ("จำนวนหน้า", "Pages"),
    "ocr_yes": ("อ่านด้วย OCR", "read by OCR"),
    "summary_line": ("{m} มาตรการ · ข้อสังเกต {f} รายการ", "{m} measures · {f} findings"),
    "memo_heading": ("บันทึกข้อความ", "Cover memo"),
    "memo_other": ("ข้อสังเกตในบันทึกข้อความ", "Findings in the memo text"),
    "memo_none": ("ไม่พบข้อมูลบันทึกข้อความ", "No memo fields found"),
    "table_heading": ("ตารางมาตรการ", "Measure table"),
    "table_none": ("ไม่พบตารางมาตรการในเอกสาร", "No measure table in the document"),
    "col_number": ("ที่", "No."),
    "col_pages": ("หน้า", "Page"),
    "page_n": ("หน้า {p}", "page {p}"),
    "empty_cell": ("(ว่าง)", "(empty)"),
    "ocr_doubt": ("OCR มั่นใจ {p}%", "OCR confidence {p}%"),
    "ocr_doubt_help": ("ข้อความช่องนี้อ่านด้วย OCR ได้ไม่ชัด ควรตรวจกับภาพสแกน",
                       "This cell was read by OCR with low confidence; check it against the scan"),
    "row_notes": ("ข้อสังเกตของมาตรการนี้", "Findings on this measure"),
    "report_notes": ("ข้อสังเกตอื่น", "Other findings"),
    "findings_heading": ("ข้อสังเกตทั้งหมด", "All findings"),
    "findings_none": ("ไม่พบข้อสังเกต", "No findings"),
    "filter_severity": ("ระดับ", "Severity"),
    "filter_rule": ("กฎ", "Rule"),
    "filter_all": ("ทั้งหมด", "All"),
    "filter_apply": ("กรอง", "Filter"),
    "filter_shown": ("แสดง {n} จาก {total} รายการ", "showing {n} of {total}"),
    "suggestion": ("ควรเป็น", "Suggestion"),
    "where_memo": ("บันทึกข้อความ", "memo"),
    "where_measure": ("มาตรการที่ {n}", "measure {n}"),
    "show_in_place": ("ดูในตาราง", "show in place"),
    "quoted": ("ข้อความ", "Text"),
    "sev_error": ("ผิดพลาด", "error"),
    "sev_warning": ("ควรตรวจ", "warning"),
    "sev_info": ("ข้อมูล", "info"),
    # memo fields
    "f_agency": ("หน่วยงาน", "Agency"),
    "f_division": ("ส่วนราชการ", "Division"),
    "f_reference": ("ที่", "Reference"),
    "f_date": ("วันที่", "Date"),
    "f_subject": ("เรื่อง", "Subject"),
    "f_addressee": ("เรียน", "To"),
    "f_fiscal_year": ("ปีงบประมาณ", "Fiscal year"),
    "f_period": ("ช่วงเวลาที่รายงาน", "Period"),
    "f_ita_score": ("คะแนน ITA", "ITA score"),
    "f_ita_result": ("ผลการประเมิน", "ITA result"),
    "f_signatories": ("ผู้ลงนาม", "Signatories"),
    # table columns (the report's own headers)
    "f_measure": ("มาตรการ/กิจกรรม", "Measure / activity"),
    "f_methods": ("วิธีการดำเนินการ", "Methods"),
    "f_responsible": ("ผู้รับผิดชอบ", "Responsible"),
    "f_summary": ("สรุปผลการดำเนินการ", "Summary of results"),
    "f_outcomes": ("ผลลัพธ์หรือความสำเร็จของการดำเนินการ", "Outcomes"),
    "f_period_cell": ("ระยะเวลาดำเนินการ", "Period"),
    # search
    "search_heading": ("ค้นหารายงานที่เก็บไว้", "Search stored reports"),
    "search_query": ("คำค้น", "Words"),
    "search_agency": ("หน่วยงาน", "Agency"),
    "search_year": ("ปีงบประมาณ (พ.ศ.)", "Fiscal year (B.E.)"),
    "search_rule": ("มีข้อสังเกตตามกฎ", "Has a finding of rule"),
    "search_go": ("ค้นหา", "Search"),
    "search_count": ("พบ {n} รายการ", "{n} hits"),
    "search_substring": ("(ค้นแบบข้อความย่อย)", "(substring match)"),
    "search_none": ("ไม่พบ", "Nothing found"),
    "search_no_agency": ("ไม่พบหน่วยงาน \"{a}\" ในฐานข้อมูล", "No agency \"{a}\" in the store"),
    "search_bad_year": ("ปีงบประมาณไม่ถูกต้อง", "Not a fiscal year"),
    "search_disabled": ("ยังไม่ได้เปิดฐานข้อมูลประวัติ (เริ่มเซิร์ฟเวอร์ด้วย --db FILE)",
                        "No history store (start the server with --db FILE)"),
    "kind_memo": ("บันทึกข้อความ", "memo"),
    "kind_measure": ("มาตรการ", "measure"),
    "kind_finding": ("ข้อสังเกต", "finding"),
    "stored_report": ("รายงานที่เก็บไว้", "Stored report"),
    # errors
    "not_found": ("ไม่พบหน้านี้ หรือผลการตรวจหมดอายุแล้ว", "Page not found, or the result has expired"),
    "server_error": ("เกิดข้อผิดพลาดภายใน", "Internal error"),
}


def pick(lang: str | None) -> str:
    return lang if lang in LANGS else DEFAULT_LANG


def translate(key: str, lang: str, **values: object) -> str:
    """The text for ``key`` in ``lang`` with ``{name}`` values filled in."""
    th, en = TEXT[key]
    text = en if lang == "en" else th
    return text.format(**values) if values else text
