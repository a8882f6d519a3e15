"""The measure table's column headers as ITA reports word them: shared by the table stage
(which maps columns by them) and the OCR reader (which finds a scanned table's header row by them)."""
from __future__ import annotations

# Header wordings seen in ITA reports, per JSON field (first = the NACC template's).
HEADERS: dict[str, tuple[str, ...]] = {
    "measure": ("มาตรการ/กิจกรรม", "มาตรการ", "มาตรการ/โครงการ/กิจกรรม", "โครงการ/กิจกรรม", "กิจกรรม"),
    "methods": ("วิธีการดำเนินการ", "วิธีดำเนินการ", "ขั้นตอนการดำเนินการ", "วิธีการ"),
    "responsible": ("ผู้รับผิดชอบ", "หน่วยงานที่รับผิดชอบ", "หน่วยงานผู้รับผิดชอบ"),
    "period": ("ระยะเวลาดำเนินการ", "ระยะเวลา", "ระยะเวลาการดำเนินการ", "ห้วงเวลาดำเนินการ"),
    "summary": ("สรุปผลการดำเนินการ", "ผลการดำเนินการ", "สรุปผลการดำเนินงาน", "ผลการดำเนินงาน"),
    "outcomes": ("ผลลัพธ์หรือความสำเร็จของการดำเนินการ", "ผลลัพธ์", "ผลลัพธ์/ความสำเร็จ",
                 "ความสำเร็จของการดำเนินการ", "ผลสำเร็จ"),
}
