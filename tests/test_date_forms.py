"""The one date finder (extractor.text.dates) on the date forms officers write.

Every date rule reads dates through :func:`find_dates`; this corpus pins what it
reads: single days, day ranges, full ranges, month ranges, fiscal years; full and
abbreviated month names (with or without their dots); two- and four-digit B.E.
years, C.E. years; Thai and Arabic digits; ``ถึง``, ``–``, ``-`` between; and the
weekday written before a day.
"""
from __future__ import annotations

from datetime import date

import pytest

from extractor.text.dates import find_dates

D = date
CORPUS = [
    # text, kind, start, end
    ("๕ มีนาคม ๒๕๖๙", "day", D(2026, 3, 5), D(2026, 3, 5)),
    ("5 มี.ค. 69", "day", D(2026, 3, 5), D(2026, 3, 5)),
    ("5 มี.ค 69", "day", D(2026, 3, 5), D(2026, 3, 5)),
    ("๑๕ ก.พ. ๖๗", "day", D(2024, 2, 15), D(2024, 2, 15)),
    ("5 มีนาคม 2026", "day", D(2026, 3, 5), D(2026, 3, 5)),
    ("๓ มี.ค. ๒๕๖๖ – ๕ มี.ค. ๒๕๖๖", "range", D(2023, 3, 3), D(2023, 3, 5)),
    ("๓ มี.ค. ๒๕๖๖ - ๕ มี.ค. ๒๕๖๖", "range", D(2023, 3, 3), D(2023, 3, 5)),
    ("๑ ต.ค. ๖๕ – ๓๐ ก.ย. ๖๖", "range", D(2022, 10, 1), D(2023, 9, 30)),
    ("๑ ตุลาคม ๒๕๖๗ ถึง ๓๐ กันยายน ๒๕๖๘", "range", D(2024, 10, 1), D(2025, 9, 30)),
    ("๘ ธันวาคม – ๓๑ มีนาคม ๒๕๖๘", "range", D(2024, 12, 8), D(2025, 3, 31)),
    ("๓ – ๕ มี.ค. ๒๕๖๗", "dayrange", D(2024, 3, 3), D(2024, 3, 5)),
    ("3-5 มีนาคม 2567", "dayrange", D(2024, 3, 3), D(2024, 3, 5)),
    ("๓ ถึง ๕ มีนาคม ๒๕๖๗", "dayrange", D(2024, 3, 3), D(2024, 3, 5)),
    ("มกราคม – มิถุนายน ๒๕๖๖", "monthrange", D(2023, 1, 1), D(2023, 6, 30)),
    ("ต.ค. ๖๗ - ก.ย. ๖๘", "monthrange", D(2024, 10, 1), D(2025, 9, 30)),
    ("เดือนธันวาคม ๒๕๖๗", "month", D(2024, 12, 1), D(2024, 12, 31)),
    ("ปีงบประมาณ ๒๕๖๘", "fiscal", D(2024, 10, 1), D(2025, 9, 30)),
    ("ปีงบประมาณ พ.ศ. 2568", "fiscal", D(2024, 10, 1), D(2025, 9, 30)),
]


@pytest.mark.parametrize("text,kind,start,end", CORPUS, ids=[c[0] for c in CORPUS])
def test_date_form(text, kind, start, end):
    spans = find_dates(f"ดำเนินการ {text} เรียบร้อย")
    assert [(s.kind, s.start, s.end) for s in spans] == [(kind, start, end)]


@pytest.mark.parametrize("text,weekday,day", [
    ("วันจันทร์ที่ ๕ มีนาคม ๒๕๖๙", 0, 5),
    ("วันพฤหัสบดีที่ 5 มี.ค. 69", 3, 5),
    ("วันพฤหัสที่ 5 มี.ค. 69", 3, 5),
    ("ในวันศุกร์ ๓ – ๕ มี.ค. ๒๕๖๖", 4, 3),
    ("วันอาทิตย์ที่ ๓๑ กุมภาพันธ์ ๒๕๖๗", 6, 31),  # the day as written, not clamped
])
def test_weekday_before_a_day(text, weekday, day):
    (s,) = find_dates(text)
    assert (s.weekday, s.day) == (weekday, day)
    assert text[s.weekday_at:].startswith("วัน")


def test_not_dates():
    assert find_dates("ที่ ๒๙/๒๕๖๘ จำนวน ๘ ราย") == []
    assert [s.weekday for s in find_dates("ลงวันที่ ๘ มกราคม ๒๕๖๘")] == [None]
