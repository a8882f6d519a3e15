"""Property-based tests (hypothesis): the text reader, the normalizer and the date parser on any input.

Real reports are full of extraction damage nobody wrote a test for; these
generate it: random bytes for the text reader, Thai fragments glued with stray
spaces, PUA glyphs, decomposed sara am and tags for the normalizer, and date
words in any order for the date parser. The claims: no exception but
UnusableInput, ``normalize`` idempotent, every date span ordered and inside its text.
ITA_HYPOTHESIS_EXAMPLES=3000 searches harder than the default 150 per test.
"""
from __future__ import annotations

import os
import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from extractor.text.dates import MONTHS_ABBR, MONTHS_FULL, find_dates, parse_date, parse_period
from extractor.errors import UnusableInput
from extractor.read.base import Line, Row
from extractor.read.text import parse_text, read_text
from extractor.text.chars import PUA_MAP
from extractor.text.normalize import normalize

FAST = settings(max_examples=int(os.environ.get("ITA_HYPOTHESIS_EXAMPLES", "150")), deadline=None,
                suppress_health_check=[HealthCheck.too_slow])

THAI_WORDS = ["องค์การ", "บริหาร", "ส่วน", "ตำบล", "หิน", "เหล็กไฟ", "ประชาสัมพันธ์", "โครงการ", "และ", "เพื่อ",
              "ที่", "น้ำ", "ใจ", "กำหนด", "ผู้", "รับผิดชอบ", "ปีงบประมาณ", "คุณธรรม", "ความโปร่งใส", "ๆ", "ฯ"]
PIECES = THAI_WORDS + [" ", "  ", "\n", "\t", "\u2003", "\u3000", "ก\u0e4d\u0e32", "\u0e4d\u0e32", "\u0e33", "<p>", "</p>", "<br/>",
                       "&amp;", "๑.", "1.", "(", ")", "QR Code", "e-service", "\u200b", "\u00a0", "\ufffd"] \
    + [chr(c) for c in sorted(PUA_MAP)[:12]]
thai_text = st.one_of(
    st.lists(st.sampled_from(PIECES), max_size=30).map("".join),
    st.text(alphabet=st.characters(min_codepoint=0x0E00, max_codepoint=0x0E7F) | st.sampled_from(" \n\t<>/p"),
            max_size=60),
    st.text(max_size=40),
)

DATE_PIECES = MONTHS_FULL + MONTHS_ABBR + [
    "๑", "๓๐", "31", "๒๕๖๗", "๒๕๖๘", "2567", "๖๘", "00", "๙๙", "0", "พ.ศ.", "ค.ศ.", "ปีงบประมาณ", "เดือน",
    "วันที่", "–", "-", "—", "ถึง", "จนถึง", " ", " ", "(", ")", "มี.", "ค.", "กุมภาพันธ", "กรกฏาคม", "29"]

_MARK = "\u0e31\u0e33-\u0e3a\u0e47-\u0e4e"

date_text = st.one_of(st.lists(st.sampled_from(DATE_PIECES), max_size=14).map("".join), st.text(max_size=40))


@FAST
@given(st.text(max_size=300))
def test_parse_text_never_fails_and_keeps_every_line(text):
    (page,) = parse_text(text)
    assert page.number is None
    lines = [b.text for b in page.blocks if isinstance(b, Line)]
    rows = [b for b in page.blocks if isinstance(b, Row)]
    raw = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").split("\n")  # a form feed is a page break
    assert len(rows) == sum(1 for r in raw if "\t" in r)
    assert lines == [r.strip() for r in raw if "\t" not in r and r.strip()]


@FAST
@given(st.one_of(st.binary(max_size=400), thai_text.map(lambda s: s.encode("utf-8")),
                 thai_text.map(lambda s: s.encode("cp874", "ignore")),
                 thai_text.map(lambda s: s.encode("utf-16"))))
def test_read_text_on_any_bytes_reads_or_refuses(data):
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "x.txt"
        path.write_bytes(data)
        try:
            result = read_text(path)
        except UnusableInput as e:
            assert e.reason and "\n" not in e.reason
            return
    assert result.format == "text" and result.page_count is None


@FAST
@given(thai_text, st.booleans())
@example("องค์การ บริหารส่วนตำบลหิน เหล็กไฟ", False)
@example("<p>ก\u0e4d\u0e32หนด</p>", True)
def test_normalize_is_idempotent(text, cell):
    once = normalize(text, cell=cell)
    assert normalize(once, cell=cell) == once


@pytest.mark.parametrize("text", ["กฉ\tา", "\u0e48\u2003\u0e34", "ก\uf705\uf701\uf701", "\u0e4d\u0e32 \uf705\uf705",
                                  "ประชาสัมพันธ์\uf705\uf701", "กํากํา\uf707และ\uf701",
                                  "คุณธรรม\u0e48  องค์การ"])
def test_normalize_idempotent_on_once_failing_inputs(text):
    once = normalize(text)
    assert normalize(once) == once


@FAST
@given(thai_text)
def test_normalize_output_is_clean(text):
    out = normalize(text, cell=True)
    assert not {ord(c) for c in out} & set(PUA_MAP), out
    assert "\u0e4d\u0e32" not in out and "<p>" not in out
    assert "  " not in out and all(ln == ln.strip() for ln in out.split("\n"))


@FAST
@given(date_text)
@example("๘ ธันวาคม ๒๕๖๘ – ๓๐ มิถุนายน ๒๕๖๙")
@example("๒๙ กุมภาพันธ์ ๒๕๖๗")
@example("๓๑ ก.พ. ๖๘")
def test_dates_never_fail_and_spans_are_ordered(text):
    spans = find_dates(text)
    last = 0
    for s in spans:
        assert isinstance(s.start, date) and s.start <= s.end
        a, b = s.pos
        assert last <= a < b <= len(text) and text[a:b].strip() == s.text
        last = b
    period = parse_period(text)
    assert (period is None) == (not spans)
    if period:
        assert period[0] <= period[1]
    day = parse_date(text)
    assert day is None or any(s.kind == "day" and s.start == day for s in spans)
