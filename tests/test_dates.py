"""Thai dates: single days, abbreviated months, ranges, fiscal years; order numbers are not dates."""
from datetime import date

from hypothesis import given, strategies as st

from extractor.text.dates import be_year, find_dates, fiscal_year_period, parse_date, parse_period, year_ad


def test_full_and_abbreviated_months_thai_and_arabic_digits():
    assert parse_date("วันที่ ๕ มีนาคม ๒๕๖๙") == date(2026, 3, 5)
    assert parse_date("๕ มี.ค. ๖๙") == date(2026, 3, 5)
    assert parse_date("12 ธ.ค. 2567") == date(2024, 12, 12)
    assert parse_date("วันที่ ๑๓ พฤศจิกายน 25๖๒") == date(2019, 11, 13)


def test_ranges_and_fiscal_year():
    assert parse_period("๘ ธันวาคม ๒๕๖๘ – ๓๐ มิถุนายน ๒๕๖๙") == (date(2025, 12, 8), date(2026, 6, 30))
    assert parse_period("ปีงบประมาณ พ.ศ. ๒๕๖๗") == (date(2023, 10, 1), date(2024, 9, 30))
    assert parse_period("1-30 ต.ค. 2566") == (date(2023, 10, 1), date(2023, 10, 30))
    assert parse_period("ตุลาคม ๒๕๖๖ - กันยายน ๒๕๖๗") == (date(2023, 10, 1), date(2024, 9, 30))
    assert fiscal_year_period(2568) == (date(2024, 10, 1), date(2025, 9, 30))


def test_order_numbers_and_counts_are_not_dates():
    spans = find_dates("ตามคำสั่ง ที่ ๒๙/๒๕๖๘ ลงวันที่ ๘ มกราคม ๒๕๖๘ จำนวน ๘ ราย")
    assert [s.text for s in spans] == ["๘ มกราคม ๒๕๖๘"]
    assert find_dates("พ.ศ. ๒๕๖๘ จำนวน ๑๒ ราย") == []


def test_two_digit_years_are_buddhist_era():
    assert year_ad("๖๙") == 2026
    assert year_ad("พ.ศ. 2567") == 2024
    assert year_ad("ค.ศ. 2024") == 2024


@given(st.text(max_size=80))
def test_find_dates_never_raises(text):
    for s in find_dates(text):
        assert s.start <= s.end


def test_ocr_stray_digit_after_a_year_and_three_digit_numbers():
    assert parse_date("ดำเนินการเมื่อวันที่ ๑ เมษายน ๒๕๖๙๕") == date(2026, 4, 1)
    assert find_dates("ภายในเดือนมีนาคม 256") == []  # an incomplete year is no date


def test_a_year_typed_by_a_user_is_buddhist_era():
    assert be_year("๒๕๖๘") == be_year("2568") == be_year("2025") == 2568
    try:
        be_year("ปีนี้")
    except ValueError:
        pass
    else:
        raise AssertionError("not a year must raise ValueError")
