"""Thai dates in free text: single days, months, ranges and fiscal years.

Everything returns Gregorian :class:`datetime.date`; Buddhist-era years
(พ.ศ., 4 or 2 digits, Thai or Arabic digits) are converted by subtracting 543.
An order number such as "ที่ ๒๙/๒๕๖๘" is not a date: every match needs a
month name or the words "ปีงบประมาณ".

>>> [s.text for s in find_dates("ลงวันที่ ๘ มกราคม ๒๕๖๘ ที่ ๒๙/๒๕๖๘")]
['๘ มกราคม ๒๕๖๘']
>>> parse_period("๘ ธันวาคม ๒๕๖๘ – ๓๐ มิถุนายน ๒๕๖๙")
(datetime.date(2025, 12, 8), datetime.date(2026, 6, 30))
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from pythainlp.util.date import thai_abbr_months, thai_full_months

from .digits import to_arabic_int

MONTHS_FULL: list[str] = list(thai_full_months)   # มกราคม … ธันวาคม (PyThaiNLP's list)
MONTHS_ABBR: list[str] = list(thai_abbr_months)   # ม.ค. … ธ.ค.


def _abbr_pattern(abbr: str) -> str:
    """"มี.ค." also written "มี.ค", "มี. ค." or "มีค."."""
    a, b = abbr.rstrip(".").split(".")
    return rf"{a}\.?\s?{b}\.?"


_MONTH_ALTS = sorted(
    [(re.escape(m), i + 1) for i, m in enumerate(MONTHS_FULL)]
    + [(_abbr_pattern(m), i + 1) for i, m in enumerate(MONTHS_ABBR)]
    + [("กุมภาพันธ", 2), ("กรกฏาคม", 7)],  # common misspellings still mean the month
    key=lambda p: -len(p[0]),
)
MONTH = "(?:" + "|".join(p for p, _ in _MONTH_ALTS) + ")"
_MONTH_RES = [(re.compile(p), n) for p, n in _MONTH_ALTS]

D = r"[0-9๐-๙]"
DAY = rf"(?<![0-9๐-๙]){D}{{1,2}}"
# 2 or 4 digits; a 5th digit right after a 4-digit year is OCR noise ("๒๕๖๙๕"): after a
# month name nothing else has five digits, so the year is read from the first four.
YEAR = rf"(?:พ\.\s?ศ\.\s?|ค\.\s?ศ\.\s?)?(?:{D}{{4}}{D}?|{D}{{2}})(?![0-9๐-๙])"
DASH = r"\s*(?:-|–|—|ถึง(?:วันที่)?|จนถึง|ถึงเดือน)\s*"
SP = r"\s*"

# One pattern, longest forms first: full range, day range in one month, month range, single day, month.
_PATTERNS = [
    ("range", rf"(?P<d1>{DAY}){SP}(?P<m1>{MONTH}){SP}(?P<y1>{YEAR})?{DASH}(?:วันที่\s*)?(?P<d2>{DAY}){SP}(?P<m2>{MONTH}){SP}(?P<y2>{YEAR})"),
    ("dayrange", rf"(?P<d1>{DAY}){DASH}(?P<d2>{DAY}){SP}(?P<m2>{MONTH}){SP}(?P<y2>{YEAR})"),
    ("monthrange", rf"(?:เดือน\s*)?(?P<m1>{MONTH}){SP}(?P<y1>{YEAR})?{DASH}(?:เดือน\s*)?(?P<m2>{MONTH}){SP}(?P<y2>{YEAR})"),
    ("day", rf"(?P<d2>{DAY}){SP}(?:เดือน\s*)?(?P<m2>{MONTH}){SP}(?P<y2>{YEAR})"),
    ("month", rf"(?:เดือน\s*)?(?P<m2>{MONTH}){SP}(?P<y2>{YEAR})"),
    ("fiscal", rf"ปีงบประมาณ{SP}(?P<y2>{YEAR})"),
]
_RE = re.compile("|".join(f"(?P<{k}>{p.replace('(?P<', f'(?P<{k}_')})" for k, p in _PATTERNS))


# Monday first, as date.weekday() counts; "พฤหัส" is the everyday short form of พฤหัสบดี.
WEEKDAYS = ["จันทร์", "อังคาร", "พุธ", "พฤหัสบดี", "ศุกร์", "เสาร์", "อาทิตย์"]
_WEEKDAY_BEFORE = re.compile(r"วัน(?P<w>จันทร์|อังคาร|พุธ|พฤหัสบดี|พฤหัส|ศุกร์|เสาร์|อาทิตย์)"
                             r"\s*(?:ที่)?\s*$")
_WEEKDAY_NO = {**{w: i for i, w in enumerate(WEEKDAYS)}, "พฤหัส": 3}


@dataclass(frozen=True)
class DateSpan:
    """A date or range found in text: ``text`` as written, ``start``/``end`` inclusive.

    ``weekday`` is the weekday written just before the (first) day, Monday = 0, and
    ``weekday_at`` where its "วัน…" starts; ``day`` the first day of the month as
    written (a day past the month's end is clamped in ``start``, not in ``day``).
    """

    text: str
    start: date
    end: date
    pos: tuple[int, int]
    kind: str  # range | dayrange | monthrange | day | month | fiscal
    weekday: int | None = None
    weekday_at: int | None = None
    day: int | None = None


def month_number(name: str) -> int | None:
    for rx, n in _MONTH_RES:
        if rx.fullmatch(name.strip()):
            return n
    return None


def year_ad(year_text: str, *, near: int | None = None) -> int:
    """พ.ศ. ๒๕๖๙ → 2026; "69" → 2026 (two digits are the B.E. century's, or near's)."""
    t = re.sub(r"[^0-9๐-๙]", "", year_text)[:4]
    is_ad = "ค" in year_text
    y = to_arabic_int(t)
    if len(t) <= 2:
        y += 2500 if near is None else (near + 543) // 100 * 100
    return y if is_ad or 1900 < y < 2200 else y - 543


def be_year(text: str) -> int:
    """A year typed by a user, as B.E.: "๒๕๖๘" or "2568" → 2568; "2025" (A.D.) → 2568.

    Raises ValueError when ``text`` is not a number.
    """
    year = to_arabic_int(text.strip())
    return year + 543 if 1900 < year < 2400 else year


def fiscal_year_period(year_be: int) -> tuple[date, date]:
    """Thai fiscal year N (B.E.) runs 1 Oct N−1 to 30 Sep N."""
    y = year_be - 543
    return date(y - 1, 10, 1), date(y, 9, 30)


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, min(d, calendar.monthrange(y, m)[1]))
    except ValueError:
        return None


def find_dates(text: str) -> list[DateSpan]:
    """Every date, range and fiscal year in ``text``, left to right, non-overlapping."""
    spans: list[DateSpan] = []
    for m in _RE.finditer(text):
        kind = m.lastgroup if m.lastgroup in dict(_PATTERNS) else next(k for k, _ in _PATTERNS if m.group(k))
        g = {k.split("_", 1)[1]: v for k, v in m.groupdict().items() if v and k.startswith(kind + "_")}
        try:
            span = _build(kind, g)
        except (ValueError, KeyError):
            span = None
        if span:
            at = m.start(kind)
            wd = _WEEKDAY_BEFORE.search(text, max(0, at - 20), at) if "d1" in g or "d2" in g else None
            day = to_arabic_int(g.get("d1") or g["d2"]) if "d1" in g or "d2" in g else None
            spans.append(DateSpan(m.group(kind).strip(), span[0], span[1], m.span(kind), kind,
                                  _WEEKDAY_NO[wd.group("w")] if wd else None, wd.start() if wd else None, day))
    return spans


def _build(kind: str, g: dict[str, str]) -> tuple[date, date] | None:
    y2 = year_ad(g["y2"])
    if not 1900 < y2 < 2200:
        return None
    if kind == "fiscal":
        return fiscal_year_period(y2 + 543)
    m2 = month_number(g["m2"])
    if m2 is None:
        return None
    last = calendar.monthrange(y2, m2)[1]
    end = _safe_date(y2, m2, to_arabic_int(g["d2"])) if "d2" in g else date(y2, m2, last)
    if kind in ("day", "month"):
        start = date(y2, m2, 1) if kind == "month" else end
        return (start, end) if end else None
    if kind == "dayrange":
        start = _safe_date(y2, m2, to_arabic_int(g["d1"]))
    else:
        m1 = month_number(g["m1"])
        if m1 is None:
            return None
        y1 = year_ad(g["y1"], near=y2) if g.get("y1") else (y2 if m1 <= m2 else y2 - 1)
        start = _safe_date(y1, m1, to_arabic_int(g["d1"]) if "d1" in g else 1)
    return (start, end) if start and end and start <= end else None


def parse_date(text: str) -> date | None:
    """The first single day in ``text``: "วันที่ ๕ มี.ค. ๖๙" → 2026-03-05."""
    for s in find_dates(text):
        if s.kind == "day":
            return s.start
    return None


def parse_period(text: str) -> tuple[date, date] | None:
    """The span a period cell covers: an explicit range wins over the fiscal-year words.

    "ปีงบประมาณ พ.ศ. ๒๕๖๘ (๑ ตุลาคม ๒๕๖๗ – ๓๐ กันยายน ๒๕๖๘)" → (2024-10-01, 2025-09-30).
    Several spans ("ต.ค. ๖๗ และ มี.ค. ๖๘") give their union.
    """
    spans = find_dates(text)
    if not spans:
        return None
    explicit = [s for s in spans if s.kind != "fiscal"] or spans
    return min(s.start for s in explicit), max(s.end for s in explicit)


def iso(d: date | None) -> str | None:
    return d.isoformat() if d else None
