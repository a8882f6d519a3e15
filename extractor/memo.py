"""The fields of a บันทึกข้อความ (cover memo) and of the report's title block.

The memo header is a fixed form: ส่วนราชการ / ที่ / วันที่ / เรื่อง / เรียน. Agencies
lay it out differently: a label and its value on one line (the seed), the value
on the next line, or "ที่ … วันที่ …" side by side with both values on the line
below. We read it as a small state machine over normalized lines.

>>> m = parse_memo(["บันทึกข้อความ", "ส่วนราชการ งานนิติการ สำนักปลัด องค์การบริหารส่วนตำบลหินเหล็กไฟ",
...                 "ที่ ปข ๗๕๐๐๑/ ๓๘๙", "วันที่ ๕ มี.ค. ๖๙"])
>>> m.agency, m.division, m.reference, m.date
('องค์การบริหารส่วนตำบลหินเหล็กไฟ', 'งานนิติการ สำนักปลัด', 'ปข ๗๕๐๐๑/๓๘๙', '2026-03-05')
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .text.dates import find_dates, fiscal_year_period, iso, parse_date
from .model import Document, Period, Signatory
from .text.digits import arabic_digits, to_arabic_int
from .text.normalize import join_wrapped

# Agency kinds, most specific first. The first chunk of the ส่วนราชการ line that
# starts with one of these is the agency; what comes before it is the division.
AGENCY_KINDS = (
    "องค์การบริหารส่วนตำบล", "องค์การบริหารส่วนจังหวัด", "เทศบาลนคร", "เทศบาลเมือง", "เทศบาลตำบล",
    "กรุงเทพมหานคร", "เมืองพัทยา", "อบต.", "อบจ.", "ทต.", "ทม.", "ทน.",
    "โรงพยาบาล", "สำนักงานสาธารณสุข", "สำนักงานเขต", "สำนักงาน", "สถานีตำรวจ", "มหาวิทยาลัย",
    "โรงเรียน", "วิทยาลัย", "กรม", "กระทรวง", "ศาล", "สถาบัน", "การไฟฟ้า", "การประปา",
)
# Parts of the ส่วนราชการ line that are address or contact, not the agency itself.
# Units inside an agency: written before it ("งานนิติการ สำนักปลัด อบต.…") or after it.
DIVISION_KINDS = ("กลุ่มงาน", "กลุ่ม", "งาน", "กอง", "สำนักปลัด", "สำนัก", "ฝ่าย", "ส่วน", "หน่วย", "ศูนย์")
ADDRESS = re.compile(r"^(?:อำเภอ|จังหวัด|ตำบล|อ\.|จ\.|ต\.|โทร|โทรศัพท์|Tel|[0-9๐-๙]{5}$)")  # …or a postcode
TITLES = ("นางสาว", "นาง", "นาย", "ว่าที่", "ดร.", "ผศ.", "รศ.", "ศ.", "พล", "พ.ต.", "ร.ต.", "จ.ส.",
          "ส.อ.", "พ.อ.", "พ.ท.", "ร.อ.", "ร.ท.", "จ่าเอก", "เรือ", "สิบ", "พันจ่า", "Mr", "Ms", "Mrs")

_LABEL = {
    "division": re.compile(r"^ส่วนราชการ\s*:?\s*(.*)$"),
    "refdate": re.compile(r"^ที่\s+(.*?)\s*วันที่\s*:?\s*(.*)$"),
    "reference": re.compile(r"^ที่\s*:?\s+(.*)$|^ที่$"),
    "date": re.compile(r"^วันที่\s*:?\s*(.*)$"),
    "subject": re.compile(r"^เรื่อง\s*:?\s*(.*)$"),
    "addressee": re.compile(r"^เรียน\s*:?\s*(.*)$"),
}
_ANY_LABEL = re.compile(r"^(?:ส่วนราชการ|ที่|วันที่|เรื่อง|เรียน)(?:\s|:|$)")
_SIGNATORY = re.compile(r"^\(\s*(.+?)\s*\)$")
_FY = re.compile(r"ปีงบประมาณ\s*(?:พ\.\s?ศ\.)?\s*([0-9๐-๙]{4})")
_SCORE = re.compile(r"คะแนน\s*(?:รวม|เฉลี่ย|ITA|ภาพรวม)?\s*(?:เท่ากับ|คือ|=|:)?\s*([0-9๐-๙]{1,3}(?:\.[0-9๐-๙]{1,2})?)(?!\s*[/-])")
_SCORE_BEFORE = re.compile(r"(?<![0-9๐-๙.])([0-9๐-๙]{1,3}(?:\.[0-9๐-๙]{1,2})?)\s*คะแนน")  # "ได้ ๘๗.๕๐ คะแนน"
_RESULT = re.compile(r"(?:อยู่ใน)?ระดับ\s*(?:คะแนน)?\s*:?\s*(ผ่าน|ไม่ผ่าน|AA|A|B|C|D|E|F|ดีเยี่ยม|ดีมาก|ดี|พอใช้|ปรับปรุง|ต้องปรับปรุง)(?![ก-๙A-Za-z])")


@dataclass
class Memo(Document):
    """The document fields a memo gives, and whether the text is a memo at all."""

    is_memo: bool = False


def split_agency(value: str) -> tuple[str | None, str | None]:
    """"งานนิติการ สำนักปลัด องค์การบริหารส่วนตำบลหินเหล็กไฟ" → (agency, division)."""
    value = re.sub(r"\s*โทร.*$", "", value).strip()
    chunks = [c for c in value.split() if c]
    while chunks and ADDRESS.match(chunks[-1]):
        chunks.pop()
    if not chunks:
        return None, None
    for k, chunk in enumerate(chunks):
        if chunk.startswith(AGENCY_KINDS) and not chunk.startswith("สำนักงานปลัด"):
            name, after = [chunk], []
            for c in chunks[k + 1:]:
                if ADDRESS.match(c) or c.startswith("("):
                    continue
                if after or c.startswith(DIVISION_KINDS) or c.startswith(AGENCY_KINDS):
                    after.append(c.strip("()"))
                else:
                    name.append(c)  # a name with a space in it: "โรงพยาบาลวัดจันทร์เฉลิมพระเกียรติ ๘๐ พรรษา"
            division = " ".join(chunks[:k] + after) or None
            return " ".join(name), division
    return chunks[-1], " ".join(chunks[:-1]) or None


def clean_reference(value: str) -> str:
    """"ปข ๗๕๐๐๑/ ๓๘๙" → "ปข ๗๕๐๐๑/๓๘๙"."""
    value = re.sub(r"\s*/\s*", "/", value.strip())
    return re.sub(r"\s*\.\s*(?=[0-9๐-๙])", ".", value)


def _split_refdate(value: str) -> tuple[str, str | None]:
    """"ชบ ๐๘๓๒.1/52 ๑๘ พฤศจิกายน ๒๕๖๒" (values under "ที่ วันที่") → (reference, date)."""
    spans = [s for s in find_dates(value) if s.kind == "day"]
    if not spans:
        return value, None
    s = spans[0]
    return value[: s.pos[0]].strip(), iso(s.start)


def parse_memo(lines: list[str]) -> Memo:
    """Read the memo header, subject, addressee, fiscal year, ITA score and signatories."""
    memo = Memo(is_memo=any(ln.replace(" ", "").startswith("บันทึกข้อความ") for ln in lines[:15]))
    _parse_header(lines, memo)
    found = sum(x is not None for x in (memo.division, memo.reference, memo.subject, memo.addressee))
    memo.is_memo = memo.is_memo or found >= 3
    _parse_ita(lines, memo)
    memo.signatories = parse_signatories(lines)
    return memo


MULTILINE = ("division", "subject")  # values that wrap onto the following lines


def _parse_header(lines: list[str], memo: Memo) -> None:
    """Labels in order; a label alone on its line takes the next line as its value, and
    ส่วนราชการ / เรื่อง take every following line up to the next label."""
    pending: str | None = None  # a label seen alone on its line, waiting for its value
    open_label: str | None = None  # a multi-line value being collected
    buffer: list[str] = []

    def flush() -> None:
        nonlocal open_label, buffer
        if open_label:
            _set(memo, open_label, join_wrapped(buffer))
        open_label, buffer = None, []

    for ln in lines[:80]:
        is_label = bool(_ANY_LABEL.match(ln))
        if open_label and not is_label:
            buffer.append(ln)
            continue
        flush()
        if memo.addressee is not None:
            break
        if pending and not is_label:
            label, pending = pending, None
            if label in MULTILINE:
                open_label, buffer = label, [ln]
            else:
                _set(memo, label, ln)
            continue
        pending = None
        for label, rx in _LABEL.items():
            m = rx.match(ln)
            field_name = "reference" if label == "refdate" else label
            if not m or getattr(memo, field_name, None) is not None:
                continue
            values = [g for g in m.groups() if g is not None]
            if label == "refdate" and values[0] and values[1]:
                memo.reference = clean_reference(values[0])
                memo.date = iso(parse_date(values[1]))
            elif label != "refdate" and values and values[0].strip():
                if label in MULTILINE:
                    open_label, buffer = label, [values[0]]
                else:
                    _set(memo, label, values[0])
            else:
                pending = label
            break
    flush()


def _set(memo: Memo, label: str, value: str) -> None:
    value = value.strip()
    if label == "division":
        memo.agency, memo.division = split_agency(value)
    elif label == "refdate":
        ref, d = _split_refdate(value)
        memo.reference, memo.date = clean_reference(ref), d
    elif label == "reference":
        memo.reference = clean_reference(value)
    elif label == "date":
        memo.date = iso(parse_date(value))
    elif label == "subject":
        memo.subject = value
    elif label == "addressee":
        memo.addressee = value


def fiscal_year_of(texts: list[str]) -> int | None:
    """The first "ปีงบประมาณ (พ.ศ.) NNNN" in the given texts, as a B.E. year."""
    for t in texts:
        if t:
            m = _FY.search(t)
            if m:
                y = to_arabic_int(m.group(1))
                if 2400 < y < 2700:
                    return y
    return None


def _parse_ita(lines: list[str], memo: Memo) -> None:
    for ln in lines:
        if memo.ita_score is None and ("คะแนน" in ln) and ("ITA" in ln or "คุณธรรม" in ln or "ประเมิน" in ln):
            m = _SCORE.search(ln) or _SCORE_BEFORE.search(ln)
            if m:
                score = float(arabic_digits(m.group(1)))
                if 0 <= score <= 100:
                    memo.ita_score = score
                    r = _RESULT.search(ln, m.end())
                    memo.ita_result = r.group(1) if r else None
    if memo.ita_score is None:
        _parse_ita_loosely(lines, memo)


def ocr_tidy(text: str) -> str:
    """Undo OCR's spacing and digit look-alikes around numbers and the words a score line uses:
    "๘๕ .๐๐" / "๘๕,๐๐" → "๘๕.๐๐", "๘o.๐๐" → "๘๐.๐๐", "คะ แนน" → "คะแนน", "ระ ดับ" → "ระดับ"."""
    text = re.sub(r"(?<=[0-9๐-๙])[oO](?=[0-9๐-๙.,])|(?<=[0-9๐-๙][.,])[oO]", "๐", text)
    text = re.sub(r"(?<=[0-9๐-๙])\s*[.,]\s*(?=[0-9๐-๙]{2}(?![0-9๐-๙]))", ".", text)
    text = re.sub(r"ค\s?ะ\s?แ\s?น\s?น", "คะแนน", text)
    text = re.sub(r"ร\s?ะ\s?ด\s?ั\s?บ", "ระดับ", text)
    return re.sub(r"อยู่\s?ใน\s?", "อยู่ใน", text)


def _parse_ita_loosely(lines: list[str], memo: Memo) -> None:
    """The score when no single line gave it: OCR spacing and look-alikes undone, and a
    score line wrapped onto the next line read as one ("… ได้คะแนน" / "๘๕.๐๐ คะแนน …")."""
    for k in range(len(lines)):
        ln = ocr_tidy(" ".join(lines[k:k + 2]))
        if "คะแนน" not in ln or not ("ITA" in ln or "คุณธรรม" in ln or "ประเมิน" in ln):
            continue
        m = _SCORE.search(ln) or _SCORE_BEFORE.search(ln)
        if m and 0 <= float(arabic_digits(m.group(1))) <= 100:
            memo.ita_score = float(arabic_digits(m.group(1)))
            r = _RESULT.search(ln, m.end())
            memo.ita_result = r.group(1) if r else None
            return


def parse_signatories(lines: list[str]) -> list[Signatory]:
    """"(นางสาวพิมลวรรณ คุ่มครอง)" and the position on the line below it."""
    out: list[Signatory] = []
    for k, ln in enumerate(lines):
        m = _SIGNATORY.match(ln.strip())
        if not m:
            continue
        name = re.sub(r"\s+", " ", m.group(1)).strip()
        if not name.startswith(TITLES) or len(name) > 60 or any(ch.isdigit() for ch in name):
            continue
        position = None
        if k + 1 < len(lines):
            nxt = lines[k + 1].strip()
            if nxt and not nxt.startswith(("(", "ความเห็น", "ลงชื่อ")) and len(nxt) < 90 and not _ANY_LABEL.match(nxt):
                position = nxt
        out.append(Signatory(name=name, position=position))
    return out


def period_of(fiscal_year: int | None) -> Period | None:
    if fiscal_year is None:
        return None
    start, end = fiscal_year_period(fiscal_year)
    return Period(start=iso(start), end=iso(end))
